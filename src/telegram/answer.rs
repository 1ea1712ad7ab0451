//! What the bot says, as Telegram HTML plus buttons: answers built from the
//! core's [`Reply`], and the command screens. Pure: no sending here.

use factbot::messages::{self, Msg};
use factbot::render::{self, Markup as _};
use factbot::store::RecordId;
use factbot::{Engine, Lang, Outcome, Reply, Topic};
use teloxide::types::InlineKeyboardMarkup;

use super::html::{Html, escape, truncate};
use super::keyboard;

/// Questions longer than this get [`Msg::TooLong`] and are answered from
/// their beginning.
pub const MAX_QUESTION_CHARS: usize = 1000;

/// A not-found answer quotes at most this much of the question.
const ECHO_CHARS: usize = 200;

/// A message to send: HTML text and an optional keyboard.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub html: String,
    pub keyboard: Option<InlineKeyboardMarkup>,
}

impl Outgoing {
    fn text(html: String) -> Outgoing {
        Outgoing {
            html,
            keyboard: None,
        }
    }
}

/// A plain interface message.
pub fn note(msg: Msg, lang: Lang) -> Outgoing {
    Outgoing::text(escape(messages::text(msg, lang)))
}

/// The answer to a question typed by a user. `record` records it and gives
/// the id its 👍/👎 buttons carry (none when recording is off).
pub fn question(
    engine: &Engine,
    text: &str,
    forced: Option<Lang>,
    record: impl FnOnce(&Reply<'_>, &str) -> Option<RecordId>,
) -> Outgoing {
    let too_long = text.chars().count() > MAX_QUESTION_CHARS;
    let asked: String = if too_long {
        text.chars().take(MAX_QUESTION_CHARS).collect()
    } else {
        text.to_string()
    };
    let reply = engine.ask(&asked, forced);
    let mut out = reply_message(&reply, &asked);
    let recorded = record(&reply, &asked);
    if reply.answered() {
        super::feedback::add_votes(&mut out, recorded, reply.lang);
    }
    if too_long {
        out.html = format!(
            "{}\n\n{}",
            Html.italic(&escape(messages::text(Msg::TooLong, reply.lang))),
            out.html
        );
    }
    out
}

/// A core reply as a message: the fact, with "did you mean" and related
/// facts as buttons rather than a numbered list (there is nothing to type a
/// number into); `asked` is quoted back when the document has no answer.
pub fn reply_message(reply: &Reply<'_>, asked: &str) -> Outgoing {
    let lang = reply.lang;
    match &reply.outcome {
        Outcome::Answer {
            fact,
            also,
            related,
        } => {
            let mut html = render::fact_body(&Html, fact, lang);
            let titles: Vec<&str> = [(Msg::DidYouMean, also), (Msg::Related, related)]
                .into_iter()
                .filter(|(_, list)| !list.is_empty())
                .map(|(msg, _)| messages::text(msg, lang))
                .collect();
            if !titles.is_empty() {
                html.push_str(&format!(
                    "\n\n{} ⬇",
                    Html.italic(&escape(&titles.join(" · ")))
                ));
            }
            let mut rows = keyboard::fact_rows(also, lang);
            rows.extend(keyboard::fact_rows(related, lang));
            Outgoing {
                html,
                keyboard: keyboard::markup(rows),
            }
        }
        Outcome::NotFound { suggestions } => {
            let mut html = String::new();
            let asked = asked.trim();
            if !asked.is_empty() {
                html.push_str(&Html.quote(&escape(&truncate(asked, ECHO_CHARS))));
                html.push('\n');
            }
            html.push_str(&escape(messages::text(Msg::NotFound, lang)));
            if !suggestions.is_empty() {
                html.push_str(&format!(
                    "\n\n{} ⬇",
                    Html.italic(&escape(messages::text(Msg::TryAsking, lang)))
                ));
            }
            Outgoing {
                html,
                keyboard: keyboard::markup(keyboard::fact_rows(suggestions, lang)),
            }
        }
        Outcome::SmallTalk(_) | Outcome::Empty => Outgoing::text(render::reply(&Html, reply)),
    }
}

/// `/start`: welcome, and three example questions as buttons.
pub fn welcome(engine: &Engine, lang: Lang) -> Outgoing {
    let examples = engine.examples(3);
    let html = format!(
        "{}\n\n{} ⬇",
        escape(messages::text(Msg::Welcome, lang)),
        Html.italic(&escape(messages::text(Msg::Examples, lang)))
    );
    Outgoing {
        html,
        keyboard: keyboard::markup(keyboard::fact_rows(&examples, lang)),
    }
}

/// `/help`: how to ask, and the commands.
pub fn help(lang: Lang) -> Outgoing {
    let mut html = escape(messages::text(Msg::Help, lang));
    html.push('\n');
    for (command, description) in super::commands::list(lang) {
        html.push_str(&format!("\n/{command} — {}", escape(&description)));
    }
    Outgoing::text(html)
}

/// `/topics`: a button per topic that has facts.
pub fn topics(engine: &Engine, lang: Lang) -> Outgoing {
    let by_topic = engine.kb().facts_by_topic();
    let present: Vec<Topic> = Topic::ALL
        .into_iter()
        .filter(|t| by_topic.contains_key(t))
        .collect();
    let html = format!(
        "{}\n{}",
        Html.bold(&escape(messages::text(Msg::Topics, lang))),
        escape(messages::text(Msg::TopicsHint, lang))
    );
    Outgoing {
        html,
        keyboard: keyboard::topics(&present, lang),
    }
}

/// A topic's facts as buttons, after its topic button was pressed.
pub fn topic(engine: &Engine, topic: Topic, lang: Lang) -> Outgoing {
    let by_topic = engine.kb().facts_by_topic();
    let facts = by_topic.get(&topic).map(Vec::as_slice).unwrap_or_default();
    let mut html = Html.bold(&escape(topic.name(lang)));
    // The questions are also written out: buttons cut long labels.
    for f in facts {
        html.push_str(&format!("\n• {}", escape(f.suggestion(lang))));
    }
    Outgoing {
        html,
        keyboard: keyboard::markup(keyboard::fact_rows(facts, lang)),
    }
}

/// `/about`: the document's title, author and translation.
pub fn about(engine: &Engine, lang: Lang) -> Outgoing {
    let doc = &engine.kb().document;
    let mut html = String::new();
    for (msg, text) in [
        (Msg::AboutTitle, doc.title.get(lang)),
        (Msg::AboutAuthor, doc.author.get(lang)),
        (Msg::AboutTranslation, doc.note.get(lang)),
    ] {
        if !text.trim().is_empty() {
            if !html.is_empty() {
                html.push('\n');
            }
            html.push_str(&format!(
                "{}: {}",
                Html.bold(&escape(messages::text(msg, lang))),
                escape(text)
            ));
        }
    }
    Outgoing::text(html)
}

/// A pressed fact button.
pub fn fact(engine: &Engine, id: &str, lang: Lang) -> Option<Outgoing> {
    engine
        .answer_fact(id, lang)
        .map(|reply| reply_message(&reply, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        Engine::new(factbot::KnowledgeBase::embedded().expect("built-in knowledge"))
    }

    #[test]
    fn answers_with_figures_and_quote() {
        let e = engine();
        let out = question(&e, "How much did China invest in 2013?", None, |_, _| None);
        assert!(out.html.contains("141"), "{}", out.html);
        assert!(out.html.contains("<blockquote>"), "{}", out.html);
    }

    #[test]
    fn quotes_unanswerable_questions_escaped() {
        let e = engine();
        let out = question(
            &e,
            "<b>weather</b> & <script>alert(1)</script> tomorrow?",
            None,
            |_, _| None,
        );
        assert!(out.html.contains("&lt;script&gt;"), "{}", out.html);
        assert!(!out.html.contains("<script>"));
        assert!(!out.html.contains("<b>weather"));
    }

    #[test]
    fn notes_long_questions() {
        let e = engine();
        let long = format!("How much did China invest in 2013? {}", "very ".repeat(300));
        let out = question(&e, &long, None, |_, _| None);
        assert!(out.html.starts_with("<i>"), "{}", out.html);
    }

    #[test]
    fn screens_render_in_both_languages() {
        let e = engine();
        for lang in Lang::ALL {
            assert!(welcome(&e, lang).keyboard.is_some());
            assert!(topics(&e, lang).keyboard.is_some());
            assert!(!about(&e, lang).html.is_empty());
            assert!(help(lang).html.contains("/ask"));
            for t in Topic::ALL {
                assert!(topic(&e, t, lang).html.contains(&escape(t.name(lang))));
            }
        }
    }
}
