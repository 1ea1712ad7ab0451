//! factbot answers questions about a document from a structured knowledge base
//! of its facts, with the exact figures and the sentence they come from.
//!
//! The library is the whole core: [`knowledge`] loads and validates facts,
//! [`text`], [`index`] and [`fuzzy`] turn text into weighted terms,
//! [`matcher`] finds the answer, [`present`] decides what every front end
//! shows, and [`render`] marks it up. Front ends (terminal, Telegram) live in
//! the binary and only call into this. Beside the core, [`store`] records
//! what was asked (SQLite) for the operator's report; the matcher never
//! sees it.

pub mod attribute;
pub mod chinese;
pub mod conversation;
pub mod flow;
pub mod frame;
pub mod fuzzy;
pub mod index;
pub mod knowledge;
pub mod lang;
pub mod lexicon;
pub mod matcher;
pub mod messages;
pub mod present;
pub mod render;
pub mod smalltalk;
pub mod store;
pub mod text;

pub use knowledge::{Entity, Fact, KnowledgeBase, LoadError, Problem, Topic};
pub use lang::Lang;
pub use matcher::{Engine, Outcome, Reply};
