//! The public evaluation set (`tests/eval/questions.json`): in-scope top-1
//! accuracy and off-topic rejection, printed and held at 95% or better.

use serde::Deserialize;

use crate::util::ENGINE;
use factbot::Outcome;

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

#[derive(Default)]
struct Tally {
    right: usize,
    total: usize,
    failures: Vec<String>,
}

impl Tally {
    fn rate(&self) -> f64 {
        if self.total == 0 { 0.0 } else { self.right as f64 / self.total as f64 }
    }
}

#[test]
fn evaluation_set_is_answered_accurately() {
    let cases = cases();
    let engine = &*ENGINE;
    let (mut in_scope, mut off_topic, mut small_talk) = (Tally::default(), Tally::default(), Tally::default());
    let mut per_kind: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for case in &cases {
        let reply = engine.ask(&case.q, None);
        let got = reply.fact().map(|f| f.id.as_str());
        let (tally, ok) = match (case.kind.as_str(), &case.expect) {
            ("smalltalk", _) => (&mut small_talk, matches!(reply.outcome, Outcome::SmallTalk(_))),
            (_, None) => (&mut off_topic, !reply.answered()),
            (_, Some(want)) => {
                assert!(engine.kb().fact(want).is_some(), "{:?} expects unknown fact {want}", case.q);
                (&mut in_scope, got == Some(want.as_str()))
            }
        };
        tally.total += 1;
        let entry = per_kind.entry(case.kind.as_str()).or_default();
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
                reply.suggestions().iter().map(|f| f.id.as_str()).collect::<Vec<_>>()
            ));
        }
    }
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
    assert!(in_scope.total >= 100 && off_topic.total >= 25, "the set is too small");
    assert!(in_scope.rate() >= 0.95, "in-scope accuracy {:.3} is below 0.95", in_scope.rate());
    assert!(off_topic.rate() >= 0.95, "off-topic rejection {:.3} is below 0.95", off_topic.rate());
    assert!(small_talk.rate() >= 0.95, "small talk {:.3} is below 0.95", small_talk.rate());
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
                wrong.push(format!("{}: {q:?} -> {:?}", fact.id, reply.fact().map(|f| &f.id)));
            }
        }
    }
    println!("own questions: {}/{total} lead to their fact", total - wrong.len());
    for w in &wrong {
        println!("  {w}");
    }
    assert!(wrong.len() * 20 <= total, "{} of {total} question forms miss their fact", wrong.len());
}
