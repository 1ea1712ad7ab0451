//! The terminal front end: `chat` (interactive), `ask` (one question, or a
//! stream of them) and `check` (validate a knowledge set). Screens come from
//! the core ([`factbot::present`]) and are printed as plain text, wrapped
//! to the terminal's width; `chat` and `ask` record what was asked
//! ([`recording`]).

mod ask;
mod chat;
mod check;
mod input;
mod recording;
mod wrap;

pub use ask::ask;
pub use chat::chat;
pub use check::check;
