//! Any bytes as a knowledge file: a knowledge base or a list of problems with
//! positions inside the file, never a panic.
#![no_main]

use factbot::{Engine, KnowledgeBase};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match KnowledgeBase::from_files(&[("fuzz.json".to_string(), data.to_vec())]) {
        Ok(kb) => {
            // A set that loads must also index and answer.
            let engine = Engine::new(kb);
            let _ = engine.ask("trade 2013", None);
        }
        Err(err) => {
            assert!(!err.problems.is_empty());
            let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
            for p in &err.problems {
                assert!(p.line >= 1 && p.line <= lines, "{p}");
                assert!(p.column >= 1, "{p}");
            }
        }
    }
});
