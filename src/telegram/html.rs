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
