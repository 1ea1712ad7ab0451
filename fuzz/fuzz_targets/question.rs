//! Any bytes as a question: no panic, a score in [0, 1], the same answer twice.
#![no_main]

use std::sync::LazyLock;

use factbot::{Engine, KnowledgeBase};
use libfuzzer_sys::fuzz_target;

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(KnowledgeBase::embedded().expect("shipped knowledge loads")));

fuzz_target!(|data: &[u8]| {
    let question = String::from_utf8_lossy(data);
    let a = ENGINE.ask(&question, None);
    assert!((0.0..=1.0).contains(&a.score));
    let b = ENGINE.ask(&question, None);
    assert_eq!(a.fact().map(|f| &f.id), b.fact().map(|f| &f.id));
});
