//! Property tests: no input panics, scores stay in [0, 1], answers are
//! deterministic, and normalisation is idempotent.

use proptest::prelude::*;

use crate::util::ENGINE;
use factbot::text::normalize;

/// Strings that stress the text pipeline: mixed scripts, emoji, zero-width
/// and bidi marks, control characters, homoglyphs, digits and punctuation.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<String>(),
        "[a-zA-Zа-яА-ЯёЁ0-9 .,%$?!-]{0,40}",
        Just("\u{200B}\u{200D}\u{FEFF}\u{202E}\u{2066}".to_string()),
        Just("🙂🇷🇺👨‍👩‍👧".to_string()),
        Just("\u{0}\u{7}\u{1b}[31m\r\n\t".to_string()),
        Just("мoст bridgе Тоngjiang".to_string()),
        Just("12,522 12.522.522 1,,2 %%% 2013-2018".to_string()),
        Just("ǅ ﬁ ẞ İ ℌ ①②".to_string()),
    ];
    prop::collection::vec(pieces, 0..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_question_gets_a_bounded_deterministic_reply(q in hostile()) {
        let a = ENGINE.ask(&q, None);
        prop_assert!((0.0..=1.0).contains(&a.score), "score {}", a.score);
        let b = ENGINE.ask(&q, None);
        prop_assert_eq!(a.fact().map(|f| &f.id), b.fact().map(|f| &f.id));
        prop_assert_eq!(a.score, b.score);
        for s in ENGINE.rank(&q) {
            prop_assert!((0.0..=1.0).contains(&s.score));
        }
    }

    #[test]
    fn a_question_reads_the_same_whole_or_as_tokens(q in hostile()) {
        // `ask` reuses the normal form it made for small talk when the
        // message is one part; the tokens it reads must be those of
        // `Engine::tokens`, which conversations use.
        let lang = factbot::Lang::detect(&q);
        let whole = ENGINE.ask(&q, Some(lang));
        if !matches!(whole.outcome, factbot::Outcome::SmallTalk(_) | factbot::Outcome::Empty) {
            let parts = ENGINE.ask_tokens(&ENGINE.tokens(&q), lang);
            prop_assert_eq!(whole.fact().map(|f| &f.id), parts.fact().map(|f| &f.id));
            prop_assert_eq!(whole.score, parts.score);
        }
    }

    #[test]
    fn normalising_twice_changes_nothing(s in hostile()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }
}

#[test]
fn huge_and_degenerate_inputs_are_handled() {
    let cases = [
        String::new(),
        " ".repeat(100_000),
        "a".repeat(100_000),
        "мост ".repeat(20_000),
        "🙂".repeat(25_000),
        "\u{200B}".repeat(50_000),
        "2013 ".repeat(20_000),
        "investment ".repeat(10_000),
    ];
    for q in &cases {
        let reply = ENGINE.ask(q, None);
        assert!((0.0..=1.0).contains(&reply.score), "{}", reply.score);
    }
    // A long question is cut, not refused: its start still finds the answer.
    let long = format!("How much did China invest in 2013? {}", "x ".repeat(50_000));
    let reply = ENGINE.ask(&long, None);
    assert!(
        reply.fact().is_some_and(|f| f.answer.en.contains("141")),
        "{reply:?}"
    );
}
