//! A core [`Screen`] as a Telegram message: HTML text, and the screen's
//! lists as buttons (there is nothing to type a number into). Pure: no
//! sending here.

use factbot::present::{ListKind, Screen};
use factbot::render::{self, Markup as _};
use teloxide::types::InlineKeyboardMarkup;

use super::html::Html;
use super::keyboard;

/// A message to send: HTML text and an optional keyboard.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub html: String,
    pub keyboard: Option<InlineKeyboardMarkup>,
}

/// The message for a screen. A list of contents (the topics, a topic's
/// questions) follows the text under its title, its questions also written
/// out because buttons cut long labels; follow-up lists ("did you mean",
/// related, examples) are named in one line above the buttons.
pub fn message(screen: &Screen<'_>) -> Outgoing {
    let lang = screen.lang;
    let mut html = render::blocks(&Html, &screen.blocks, lang);
    let mut rows = Vec::new();
    for list in screen.lists.iter().filter(|l| l.kind == ListKind::Contents) {
        if let Some(title) = list.title {
            if !html.is_empty() {
                html.push('\n');
            }
            html.push_str(&Html.bold(&Html.escape(title)));
        }
        for item in &list.items {
            if let factbot::present::Item::Fact(f) = item {
                html.push_str(&format!("\n• {}", Html.escape(f.suggestion(lang))));
            }
        }
        rows.extend(keyboard::rows(&list.items, lang));
    }
    let follow_ups: Vec<_> = screen
        .lists
        .iter()
        .filter(|l| l.kind == ListKind::FollowUp)
        .collect();
    let titles: Vec<&str> = follow_ups.iter().filter_map(|l| l.title).collect();
    if !titles.is_empty() {
        html.push_str(&format!(
            "\n\n{} ⬇",
            Html.italic(&Html.escape(&titles.join(" · ")))
        ));
    }
    for list in follow_ups {
        rows.extend(keyboard::rows(&list.items, lang));
    }
    Outgoing {
        html,
        keyboard: keyboard::markup(rows),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use factbot::messages::Msg;
    use factbot::{Engine, KnowledgeBase, Lang, Topic, present};

    fn engine() -> Engine {
        Engine::new(KnowledgeBase::embedded().expect("built-in knowledge"))
    }

    fn ask(e: &Engine, q: &str) -> Outgoing {
        message(&present::question(e, q, None).1)
    }

    #[test]
    fn answers_with_figures_and_quote() {
        let out = ask(&engine(), "How much did China invest in 2013?");
        assert!(out.html.contains("141"), "{}", out.html);
        assert!(out.html.contains("<blockquote>"), "{}", out.html);
        assert!(out.html.contains("<i>Related</i> ⬇"), "{}", out.html);
        assert!(out.keyboard.is_some());
    }

    #[test]
    fn quotes_unanswerable_questions_escaped() {
        let out = ask(
            &engine(),
            "<b>weather</b> & <script>alert(1)</script> tomorrow?",
        );
        assert!(
            out.html.starts_with("<blockquote>&lt;b&gt;"),
            "{}",
            out.html
        );
        assert!(out.html.contains("&lt;script&gt;"), "{}", out.html);
        assert!(!out.html.contains("<script>"));
        assert!(!out.html.contains("<b>weather"));
    }

    #[test]
    fn notes_questions_past_the_limit() {
        let long = format!(
            "How much did China invest in 2013? {}",
            "very ".repeat(present::MAX_QUESTION_CHARS)
        );
        let out = ask(&engine(), &long);
        assert!(out.html.starts_with("<i>"), "{}", out.html);
        assert!(out.html.contains("141"), "{}", out.html);
    }

    #[test]
    fn screens_render_in_both_languages() {
        let e = engine();
        let kb = e.kb();
        for lang in Lang::ALL {
            let welcome = message(&present::welcome(&e, lang));
            assert!(welcome.html.contains(" ⬇"), "{}", welcome.html);
            assert!(welcome.keyboard.is_some());
            let topics = message(&present::topics(kb, lang));
            assert!(topics.html.starts_with("<b>"), "{}", topics.html);
            assert!(topics.keyboard.is_some());
            assert!(!message(&present::about(kb, lang)).html.is_empty());
            let commands = vec![("ask".to_string(), "Ask".to_string())];
            assert!(
                message(&present::help(&e, lang, commands))
                    .html
                    .contains("\n/ask — Ask")
            );
            for t in Topic::ALL {
                let topic = message(&present::topic(kb, t, lang));
                assert!(topic.html.contains(&Html.escape(t.name(lang))));
                assert!(topic.html.contains("\n• "), "{}", topic.html);
            }
            let note = message(&present::note(Msg::NotText, lang));
            assert!(note.keyboard.is_none());
        }
    }
}
