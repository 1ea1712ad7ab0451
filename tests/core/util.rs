//! Helpers shared by the core tests.

use std::sync::LazyLock;

use factbot::{Engine, KnowledgeBase};

/// The shipped knowledge base, indexed once per test binary.
pub static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(KnowledgeBase::embedded().expect("shipped knowledge loads")));
