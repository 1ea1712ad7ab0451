//! Marks up a [`Screen`]: plain text for the terminal, one JSON line for
//! scripts, and through [`Markup`] the blocks of Telegram HTML.

use std::fmt::Write as _;

use serde::Serialize;

use crate::knowledge::{Fact, Figure};
use crate::lang::Lang;
use crate::matcher::{Outcome, Reply};
use crate::messages::{self, Msg};
use crate::present::{Block, Screen};

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

/// A screen's text blocks, marked up. Blocks go one to a line; a note is
/// followed, and the commands preceded, by an empty line.
pub fn blocks<'b, M: Markup>(
    m: &M,
    blocks: impl IntoIterator<Item = &'b Block<'b>>,
    lang: Lang,
) -> String {
    let mut lines: Vec<String> = Vec::new();
    for block in blocks {
        lines.push(match block {
            Block::Title(t) => m.bold(&m.escape(t)),
            Block::Text(t) => m.escape(t),
            Block::Note(t) => format!("{}\n", m.italic(&m.escape(t))),
            Block::Asked(q) => m.quote(&m.escape(q)),
            Block::Fact(f) => fact_body(m, f, lang),
            Block::Summary(f) => format!("• {}", m.escape(f.answer.get(lang))),
            Block::Field(label, value) => {
                format!("{}: {}", m.bold(&m.escape(label)), m.escape(value))
            }
            Block::Commands(commands) => {
                let mut out = String::new();
                for (name, description) in commands {
                    let _ = write!(out, "\n/{name} — {}", m.escape(description));
                }
                out
            }
        });
    }
    lines.join("\n")
}

/// A screen as plain text, for the terminal: its blocks (without the
/// question quoted back: it is on screen just above), then its lists, each
/// item numbered, counting on across lists, so a number picks it.
pub fn text(screen: &Screen<'_>) -> String {
    let shown = screen
        .blocks
        .iter()
        .filter(|b| !matches!(b, Block::Asked(_)));
    let mut sections = vec![blocks(&Plain, shown, screen.lang)];
    let mut n = 0;
    for list in &screen.lists {
        let mut lines: Vec<String> = list.title.map(|t| format!("{t}:")).into_iter().collect();
        for item in &list.items {
            n += 1;
            lines.push(format!("{n}. {}", item.label(screen.lang)));
        }
        sections.push(lines.join("\n"));
    }
    sections.retain(|s| !s.is_empty());
    sections.join("\n\n")
}

/// A fact as shown to a user: the answer, its figures, the arithmetic for a
/// derived value, and the source sentence. A figure that only repeats
/// another's change ("14%" beside "US$12.522 billion (2013, +14%)") is
/// listed once.
pub fn fact_body<M: Markup>(m: &M, fact: &Fact, lang: Lang) -> String {
    let mut out = m.bold(&m.escape(fact.answer.get(lang)));
    let figures: Vec<String> = fact
        .figures
        .iter()
        .filter(|f| !is_a_change_shown(f, fact))
        .map(|f| {
            let mut s = f.text.clone();
            // The figure as the document has it, and the usual Chinese form.
            if lang == Lang::Zh
                && let Some(zh) = crate::chinese::figure(f.value, &f.unit)
            {
                let _ = write!(s, "（{zh}）");
            }
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
    if !figures.is_empty() {
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

/// True when `figure` is another figure's change for the same year, which
/// is shown with that figure.
fn is_a_change_shown(figure: &Figure, fact: &Fact) -> bool {
    fn unsigned(s: &str) -> &str {
        s.trim_start_matches(['+', '-', '−'])
    }
    fact.figures.iter().any(|other| {
        !std::ptr::eq(other, figure)
            && other.year == figure.year
            && other
                .change
                .as_deref()
                .is_some_and(|c| unsigned(c) == unsigned(&figure.text))
    })
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
    /// `answer`, `card`, `both`, `partial`, `clarify`, `not_found`,
    /// `not_understood`, `small_talk` or `empty`.
    pub outcome: &'static str,
    /// The entity of a card or a partial answer.
    pub entity: Option<&'a str>,
    /// Every fact the reply shows.
    pub facts: Vec<&'a str>,
    /// The `ask --json` session the line belongs to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

impl<'a> JsonReply<'a> {
    /// The JSON view of a reply and its screen: `answer` is the fact's answer
    /// (with the arithmetic for a derived one) or the message shown instead.
    pub fn new(reply: &Reply<'a>, screen: &Screen<'a>) -> JsonReply<'a> {
        let lang = reply.lang;
        let answer: Vec<String> = screen
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Fact(fact) => {
                    let mut a = fact.answer.get(lang).to_string();
                    if let Some(d) = &fact.derived {
                        let _ = write!(
                            a,
                            " ({}: {})",
                            messages::text(Msg::Derived, lang),
                            d.arithmetic.get(lang)
                        );
                    }
                    Some(a)
                }
                Block::Text(t) => Some(t.to_string()),
                Block::Summary(f) => Some(f.answer.get(lang).to_string()),
                // Notes, quotes and screen furniture are not the answer.
                _ => None,
            })
            .collect();
        JsonReply {
            answered: reply.answered(),
            answer: answer.join(" "),
            fact_id: reply.fact().map(|f| f.id.as_str()),
            score: (reply.score as f64 * 10_000.0).round() / 10_000.0,
            lang,
            suggestions: reply
                .suggestions()
                .iter()
                .map(|f| f.suggestion(lang))
                .collect(),
            outcome: outcome_name(&reply.outcome),
            entity: reply.entity().map(|e| e.id.as_str()),
            facts: reply.facts().iter().map(|f| f.id.as_str()).collect(),
            session: None,
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
            session: None,
        }
    }

    /// One line of JSON.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| {
            r#"{"answered":false,"answer":"internal error","fact_id":null,"score":0.0,"lang":"en","suggestions":[],"outcome":"empty","entity":null,"facts":[]}"#.to_string()
        })
    }
}

/// The name of an outcome in JSON.
pub fn outcome_name(outcome: &Outcome<'_>) -> &'static str {
    match outcome {
        Outcome::Answer { .. } => "answer",
        Outcome::Card { .. } => "card",
        Outcome::Both { .. } => "both",
        Outcome::Partial { .. } => "partial",
        Outcome::Clarify { .. } => "clarify",
        Outcome::NotFound { .. } => "not_found",
        Outcome::NotUnderstood { .. } => "not_understood",
        Outcome::SmallTalk(_) => "small_talk",
        Outcome::Empty => "empty",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present;
    use crate::{Engine, KnowledgeBase};

    fn engine() -> Engine {
        Engine::new(KnowledgeBase::embedded().expect("built-in knowledge"))
    }

    #[test]
    fn gives_chinese_readers_the_chinese_form() {
        let e = engine();
        let body = fact_body(&Plain, e.kb().fact("trade-volume-2013").unwrap(), Lang::Zh);
        assert!(body.contains("US$12.522 billion（125.22亿美元）"), "{body}");
    }

    #[test]
    fn lists_a_figure_once() {
        let e = engine();
        // (fact, its figures line)
        let cases = [
            (
                "trade-volume-2013",
                "Figures: US$12.522 billion (2013, +14%)",
            ),
            (
                "investment-china-2013",
                "Figures: US$141 million (2013, +18%)",
            ),
        ];
        for (id, want) in cases {
            let body = fact_body(&Plain, e.kb().fact(id).unwrap(), Lang::En);
            let figures = body.lines().find(|l| l.starts_with("Figures:"));
            assert_eq!(figures, Some(want), "{body}");
        }
    }

    #[test]
    fn numbers_items_across_lists_and_leaves_out_the_echo() {
        let e = engine();
        let reply = present::tests::unsure_trade_answer(&e);
        let unsure = text(&present::reply(e.kb(), &reply, "trade?"));
        assert!(unsure.contains("\n\nDid you mean:\n1. "), "{unsure}");
        let (_, screen) = present::question(&e, "What is the weather in Paris?", None);
        let unknown = text(&screen);
        assert!(unknown.starts_with("I don't know"), "{unknown}");
        assert!(!unknown.contains("Paris"), "{unknown}");
        let topics = text(&present::topics(e.kb(), Lang::En));
        assert!(topics.ends_with("8. About the document"), "{topics}");
        let welcome = text(&present::welcome(&e, Lang::En));
        let numbers: Vec<&str> = welcome
            .lines()
            .filter_map(|l| l.split_once(". ").map(|(n, _)| n))
            .filter(|n| n.chars().all(|c| c.is_ascii_digit()))
            .collect();
        assert_eq!(numbers, ["1", "2", "3"], "{welcome}");
    }
}
