//! Turns a [`Reply`] into what a front end shows: plain text for the terminal,
//! one JSON line for scripts, and (through [`Markup`]) Telegram HTML.

use std::fmt::Write as _;

use serde::Serialize;

use crate::knowledge::Fact;
use crate::lang::Lang;
use crate::matcher::{Missing, Outcome, Reply};
use crate::messages::{self, Msg};

/// How a front end marks up text. Everything from the knowledge base and from
/// the user passes through [`Markup::escape`].
pub trait Markup {
    fn escape(&self, text: &str) -> String;
    fn bold(&self, text: &str) -> String;
    fn italic(&self, text: &str) -> String;
    fn quote(&self, text: &str) -> String;
}

/// Plain text for the terminal.
pub struct Plain;

impl Markup for Plain {
    fn escape(&self, text: &str) -> String {
        text.to_string()
    }
    fn bold(&self, text: &str) -> String {
        text.to_string()
    }
    fn italic(&self, text: &str) -> String {
        text.to_string()
    }
    fn quote(&self, text: &str) -> String {
        format!("“{text}”")
    }
}

/// The full reply: answer, figures, derivation, source quote, and the
/// "did you mean" and related lists written out as questions.
pub fn reply<M: Markup>(m: &M, reply: &Reply<'_>) -> String {
    let lang = reply.lang;
    let mut out = String::new();
    match &reply.outcome {
        Outcome::Answer {
            fact,
            also,
            related,
        } => {
            out.push_str(&fact_body(m, fact, lang));
            list(m, &mut out, Msg::DidYouMean, also, 1, lang);
            list(m, &mut out, Msg::Related, related, also.len() + 1, lang);
        }
        Outcome::Card { entity, facts } => {
            let title = messages::about_entity(entity.name.get(lang), lang);
            out.push_str(&m.bold(&m.escape(&title)));
            bullets(m, &mut out, facts, lang);
        }
        Outcome::Both { first, second } => {
            out.push_str(&fact_body(m, first, lang));
            out.push_str("\n\n");
            out.push_str(&fact_body(m, second, lang));
        }
        Outcome::Partial {
            entity,
            missing,
            facts,
        } => {
            out.push_str(&partial_lead(m, entity.name.get(lang), *missing, lang));
            bullets(m, &mut out, facts, lang);
        }
        Outcome::NotFound { suggestions } => {
            out.push_str(&m.escape(messages::text(Msg::NotFound, lang)));
            list(m, &mut out, Msg::TryAsking, suggestions, 1, lang);
        }
        Outcome::Clarify { options } => {
            out.push_str(&m.escape(messages::text(Msg::WhichOne, lang)));
            for (i, f) in options.iter().enumerate() {
                let _ = write!(out, "\n{}. {}", i + 1, m.escape(f.suggestion(lang)));
            }
        }
        Outcome::SmallTalk(kind) => out.push_str(&m.escape(messages::small_talk(*kind, lang))),
        Outcome::Empty => out.push_str(&m.escape(messages::text(Msg::Empty, lang))),
    }
    out
}

/// "The document does not say who. What it says about X:"
fn partial_lead<M: Markup>(m: &M, entity: &str, missing: Missing, lang: Lang) -> String {
    format!(
        "{}\n{}",
        m.bold(&m.escape(&messages::not_said(missing, lang))),
        m.escape(&messages::what_it_says(entity, lang))
    )
}

/// Facts as a bulleted list of their answers (figures and dates are in them).
fn bullets<M: Markup>(m: &M, out: &mut String, facts: &[&Fact], lang: Lang) {
    for f in facts {
        let _ = write!(out, "\n• {}", m.escape(f.answer.get(lang)));
    }
}

/// A fact as shown to a user: the answer, its figures, the arithmetic for a
/// derived value, and the source sentence.
pub fn fact_body<M: Markup>(m: &M, fact: &Fact, lang: Lang) -> String {
    let mut out = m.bold(&m.escape(fact.answer.get(lang)));
    if !fact.figures.is_empty() {
        let figures: Vec<String> = fact
            .figures
            .iter()
            .map(|f| {
                let mut s = f.text.clone();
                let extra: Vec<String> = f
                    .year
                    .map(|y| y.to_string())
                    .into_iter()
                    .chain(f.change.clone())
                    .collect();
                if !extra.is_empty() {
                    let _ = write!(s, " ({})", extra.join(", "));
                }
                m.escape(&s)
            })
            .collect();
        let _ = write!(
            out,
            "\n{}: {}",
            m.escape(messages::text(Msg::Figures, lang)),
            figures.join("; ")
        );
    }
    if let Some(d) = &fact.derived {
        let _ = write!(
            out,
            "\n{}: {}\n{}",
            m.escape(messages::text(Msg::Derived, lang)),
            m.escape(d.arithmetic.get(lang)),
            m.italic(&m.escape(messages::text(Msg::DerivedNote, lang)))
        );
    }
    let _ = write!(
        out,
        "\n{}{}:\n{}",
        m.escape(messages::text(Msg::Source, lang)),
        m.escape(messages::text(Msg::SourceNote, lang)),
        m.quote(&m.escape(&fact.source))
    );
    out
}

/// A titled list of facts as questions, numbered from `first` so the terminal
/// can pick one by number.
fn list<M: Markup>(m: &M, out: &mut String, title: Msg, facts: &[&Fact], first: usize, lang: Lang) {
    if facts.is_empty() {
        return;
    }
    let _ = write!(out, "\n\n{}:", m.escape(messages::text(title, lang)));
    for (i, f) in facts.iter().enumerate() {
        let _ = write!(out, "\n{}. {}", first + i, m.escape(f.suggestion(lang)));
    }
}

/// A card or a partial answer as one plain line of text, for JSON.
fn reply_text(r: &Reply<'_>) -> String {
    reply(&Plain, r).replace('\n', " ")
}

/// The JSON line of `factbot ask --json`.
///
/// Fields are only ever added, never changed, so clients keep working:
/// `outcome`, `entity` and `facts` came with partial answers and cards.
#[derive(Debug, Serialize)]
pub struct JsonReply<'a> {
    pub answered: bool,
    pub answer: String,
    pub fact_id: Option<&'a str>,
    pub score: f64,
    pub lang: Lang,
    pub suggestions: Vec<&'a str>,
    /// `answer`, `card`, `both`, `partial`, `clarify`, `not_found`,
    /// `small_talk` or `empty`.
    pub outcome: &'static str,
    /// The entity of a card or a partial answer.
    pub entity: Option<&'a str>,
    /// Every fact the reply shows.
    pub facts: Vec<&'a str>,
}

impl<'a> JsonReply<'a> {
    /// The JSON view of a reply: `answer` is the fact's answer (with the
    /// arithmetic for a derived one) or the message shown instead.
    pub fn new(reply: &Reply<'a>) -> JsonReply<'a> {
        let lang = reply.lang;
        let with_arithmetic = |fact: &Fact| {
            let mut a = fact.answer.get(lang).to_string();
            if let Some(d) = &fact.derived {
                let _ = write!(
                    a,
                    " ({}: {})",
                    messages::text(Msg::Derived, lang),
                    d.arithmetic.get(lang)
                );
            }
            a
        };
        let (answer, outcome) = match &reply.outcome {
            Outcome::Answer { fact, .. } => (with_arithmetic(fact), "answer"),
            Outcome::Card { .. } => (reply_text(reply), "card"),
            Outcome::Both { first, second } => (
                format!("{} {}", with_arithmetic(first), with_arithmetic(second)),
                "both",
            ),
            Outcome::Partial { .. } => (reply_text(reply), "partial"),
            Outcome::NotFound { .. } => {
                (messages::text(Msg::NotFound, lang).to_string(), "not_found")
            }
            Outcome::Clarify { .. } => (messages::text(Msg::WhichOne, lang).to_string(), "clarify"),
            Outcome::SmallTalk(kind) => {
                (messages::small_talk(*kind, lang).to_string(), "small_talk")
            }
            Outcome::Empty => (messages::text(Msg::Empty, lang).to_string(), "empty"),
        };
        JsonReply {
            answered: reply.answered(),
            answer,
            fact_id: reply.fact().map(|f| f.id.as_str()),
            outcome,
            entity: reply.entity().map(|e| e.id.as_str()),
            facts: reply.facts().iter().map(|f| f.id.as_str()).collect(),
            score: (reply.score as f64 * 10_000.0).round() / 10_000.0,
            lang,
            suggestions: reply
                .suggestions()
                .iter()
                .map(|f| f.suggestion(lang))
                .collect(),
        }
    }

    /// A line for input that could not be read as a question.
    pub fn unreadable(message: &str, lang: Lang) -> JsonReply<'static> {
        JsonReply {
            answered: false,
            answer: message.to_string(),
            fact_id: None,
            score: 0.0,
            lang,
            suggestions: Vec::new(),
            outcome: "empty",
            entity: None,
            facts: Vec::new(),
        }
    }

    /// One line of JSON.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| {
            r#"{"answered":false,"answer":"internal error","fact_id":null,"score":0.0,"lang":"en","suggestions":[],"outcome":"empty","entity":null,"facts":[]}"#.to_string()
        })
    }
}
