//! Telegram HTML: the [`Markup`] the core renders replies with, from
//! teloxide's helpers. Everything from the knowledge base and from users
//! passes through [`Markup::escape`].

use factbot::render::Markup;
use teloxide::utils::html;

/// Telegram's HTML parse mode.
pub struct Html;

impl Markup for Html {
    fn escape(&self, text: &str) -> String {
        html::escape(text)
    }
    fn bold(&self, text: &str) -> String {
        html::bold(text)
    }
    fn italic(&self, text: &str) -> String {
        html::italic(text)
    }
    fn quote(&self, text: &str) -> String {
        html::blockquote(text)
    }
}

/// The first `max` characters of `text`, with "…" when something was cut.
pub fn truncate(text: &str, max: usize) -> String {
    let cut = factbot::text::truncate_chars(text, max);
    if cut.len() == text.len() {
        text.to_string()
    } else {
        format!("{}…", cut.trim_end())
    }
}
