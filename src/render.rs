//! Turns a [`Reply`] into what a front end shows: plain text for the terminal,
//! one JSON line for scripts, and (through [`Markup`]) Telegram HTML.

use std::fmt::Write as _;

use serde::Serialize;

use crate::knowledge::Fact;
use crate::lang::Lang;
use crate::matcher::{Outcome, Reply};
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
        Outcome::NotFound { suggestions } => {
            out.push_str(&m.escape(messages::text(Msg::NotFound, lang)));
            list(m, &mut out, Msg::TryAsking, suggestions, 1, lang);
        }
        Outcome::SmallTalk(kind) => out.push_str(&m.escape(messages::small_talk(*kind, lang))),
        Outcome::Empty => out.push_str(&m.escape(messages::text(Msg::Empty, lang))),
    }
    out
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

/// The JSON line of `factbot ask --json`.
#[derive(Debug, Serialize)]
pub struct JsonReply<'a> {
    pub answered: bool,
    pub answer: String,
    pub fact_id: Option<&'a str>,
    pub score: f64,
    pub lang: Lang,
    pub suggestions: Vec<&'a str>,
}

impl<'a> JsonReply<'a> {
    /// The JSON view of a reply: `answer` is the fact's answer (with the
    /// arithmetic for a derived one) or the message shown instead.
    pub fn new(reply: &Reply<'a>) -> JsonReply<'a> {
        let lang = reply.lang;
        let (answer, fact_id) = match &reply.outcome {
            Outcome::Answer { fact, .. } => {
                let mut a = fact.answer.get(lang).to_string();
                if let Some(d) = &fact.derived {
                    let _ = write!(
                        a,
                        " ({}: {})",
                        messages::text(Msg::Derived, lang),
                        d.arithmetic.get(lang)
                    );
                }
                (a, Some(fact.id.as_str()))
            }
            Outcome::NotFound { .. } => (messages::text(Msg::NotFound, lang).to_string(), None),
            Outcome::SmallTalk(kind) => (messages::small_talk(*kind, lang).to_string(), None),
            Outcome::Empty => (messages::text(Msg::Empty, lang).to_string(), None),
        };
        JsonReply {
            answered: reply.answered(),
            answer,
            fact_id,
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
        }
    }

    /// One line of JSON.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| {
            r#"{"answered":false,"answer":"internal error","fact_id":null,"score":0.0,"lang":"en","suggestions":[]}"#.to_string()
        })
    }
}
