//! The evaluation sets in `tests/eval/`: accuracy per kind of question,
//! off-topic and near-topic refusal, and confident wrong answers, printed
//! (`cargo test --release --test core eval -- --nocapture`) and held at
//! floors.
//!
//! - `questions.json` is public: the matcher was tuned on it, and a failure
//!   there is printed with what went wrong.
//! - `holdout.json`, `holdout-v2.json` (and the Chinese and dialogue sets)
//!   were written by helpers who saw only the source document, and mapped to
//!   fact ids by another who did not tune anything. Only their totals are
//!   printed, never the questions that failed, so that nobody tunes on them.
//! - `dev.json`, `dev-zh.json`, `dev2.json` … `dev10.json`, `dev5-zh.json`
//!   and `dev-dialogues.json`
//!   were written the same way (by helpers who saw only the source) in later
//!   sessions, but as development sets: their failures are printed and the
//!   matcher is tuned on them, so their figures say as little about new
//!   questions as the public set's do.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::util::ENGINE;
use factbot::{Engine, KnowledgeBase, Outcome, Reply, index::QueryTerm, matcher::Tuning};

/// One question and what should come of it.
#[derive(Debug, Deserialize)]
pub struct Case {
    pub q: String,
    /// The fact that answers it, or any of several; `null`: it must not be
    /// answered (refused, or a partial answer saying the document does not
    /// say).
    #[serde(default)]
    pub expect: Option<Expect>,
    /// A two-part question: the fact of each part. With `expect` beside
    /// it, that fact alone answers both parts.
    #[serde(default)]
    pub expect_both: Option<[String; 2]>,
    /// The entity a question is about: for "what is X?" a card of X is
    /// right; for a near-topic question a partial answer about X.
    #[serde(default)]
    pub entity: Option<String>,
    pub kind: String,
    #[serde(default)]
    pub lang: Option<String>,
    /// The annotator found no fact for an answer the writer expected.
    #[serde(default)]
    pub unmapped: bool,
    #[serde(default)]
    pub remapped: bool,
}

/// One fact id or several acceptable ones.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Expect {
    One(String),
    Any(Vec<String>),
}

impl Expect {
    pub fn ids(&self) -> Vec<&str> {
        match self {
            Expect::One(id) => vec![id.as_str()],
            Expect::Any(ids) => ids.iter().map(String::as_str).collect(),
        }
    }
}

pub fn load(text: &str, name: &str) -> Vec<Case> {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{name} does not parse: {e}"))
}

fn public() -> Vec<Case> {
    load(include_str!("../eval/questions.json"), "questions.json")
}

fn public_zh() -> Vec<Case> {
    load(
        include_str!("../eval/questions-zh.json"),
        "questions-zh.json",
    )
}

fn dev() -> Vec<Case> {
    load(include_str!("../eval/dev.json"), "dev.json")
}

fn dev2() -> Vec<Case> {
    load(include_str!("../eval/dev2.json"), "dev2.json")
}

fn dev3() -> Vec<Case> {
    load(include_str!("../eval/dev3.json"), "dev3.json")
}

fn dev4() -> Vec<Case> {
    load(include_str!("../eval/dev4.json"), "dev4.json")
}

fn dev5() -> Vec<Case> {
    load(include_str!("../eval/dev5.json"), "dev5.json")
}

fn dev6() -> Vec<Case> {
    load(include_str!("../eval/dev6.json"), "dev6.json")
}

fn dev7() -> Vec<Case> {
    load(include_str!("../eval/dev7.json"), "dev7.json")
}

fn dev8() -> Vec<Case> {
    load(include_str!("../eval/dev8.json"), "dev8.json")
}

fn dev9() -> Vec<Case> {
    load(include_str!("../eval/dev9.json"), "dev9.json")
}

fn dev10() -> Vec<Case> {
    load(include_str!("../eval/dev10.json"), "dev10.json")
}

fn dev11() -> Vec<Case> {
    load(include_str!("../eval/dev11.json"), "dev11.json")
}

fn dev12() -> Vec<Case> {
    load(include_str!("../eval/dev12.json"), "dev12.json")
}

fn dev5_zh() -> Vec<Case> {
    load(include_str!("../eval/dev5-zh.json"), "dev5-zh.json")
}

fn dev_zh() -> Vec<Case> {
    load(include_str!("../eval/dev-zh.json"), "dev-zh.json")
}

fn holdout_zh() -> Vec<Case> {
    load(include_str!("../eval/holdout-zh.json"), "holdout-zh.json")
}

fn holdout_v1() -> Vec<Case> {
    load(include_str!("../eval/holdout.json"), "holdout.json")
}

fn holdout_v2() -> Vec<Case> {
    load(include_str!("../eval/holdout-v2.json"), "holdout-v2.json")
}

/// How a reply fares against a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Right,
    /// Not answered where it should have been (or a partial answer).
    Missed,
    /// Answered with a fact that is not the one asked for, or answered
    /// where the document does not say: the worst outcome.
    ConfidentWrong,
}

/// Judges a reply.
pub fn judge(engine: &Engine, case: &Case, reply: &Reply<'_>) -> Verdict {
    use Verdict::*;
    if case.kind == "smalltalk" {
        return if matches!(reply.outcome, Outcome::SmallTalk(_)) {
            Right
        } else if reply.answered() {
            ConfidentWrong
        } else {
            Missed
        };
    }
    if let Some([a, b]) = &case.expect_both {
        return match &reply.outcome {
            Outcome::Both { first, second } => {
                let got = [first.id.as_str(), second.id.as_str()];
                if got.contains(&a.as_str()) && got.contains(&b.as_str()) {
                    Right
                } else {
                    ConfidentWrong
                }
            }
            // A fact that answers both parts by itself (the programme's
            // problems give its years too), when the annotator says so.
            Outcome::Answer { fact, .. }
                if case
                    .expect
                    .as_ref()
                    .is_some_and(|e| e.ids().contains(&fact.id.as_str())) =>
            {
                Right
            }
            // One of the two, answered alone, is right as far as it goes.
            Outcome::Answer { fact, .. } if [a, b].contains(&&fact.id) => Missed,
            _ if reply.answered() => ConfidentWrong,
            _ => Missed,
        };
    }
    let Some(expect) = &case.expect else {
        return if reply.answered() {
            ConfidentWrong
        } else {
            Right
        };
    };
    let ids = expect.ids();
    for id in &ids {
        assert!(
            engine.kb().fact(id).is_some(),
            "{:?} expects unknown fact {id}",
            case.q
        );
    }
    if !reply.answered() {
        return Missed;
    }
    if let (Some(want), Outcome::Card { entity, .. }) = (&case.entity, &reply.outcome)
        && &entity.id == want
    {
        return Right;
    }
    match (&reply.outcome, reply.fact()) {
        // Two facts, each of them one the question accepts ("who wrote it
        // and whom does he represent?", where either fact names both).
        (Outcome::Both { first, second }, _)
            if ids.contains(&first.id.as_str()) && ids.contains(&second.id.as_str()) =>
        {
            Right
        }
        (Outcome::Both { .. }, _) => ConfidentWrong,
        (_, Some(f)) if ids.contains(&f.id.as_str()) => Right,
        _ => ConfidentWrong,
    }
}

#[derive(Default, Clone, Copy)]
pub struct Tally {
    pub right: usize,
    pub total: usize,
    pub wrong: usize,
}

impl Tally {
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.right as f64 / self.total as f64
        }
    }

    fn add(&mut self, v: Verdict) {
        self.total += 1;
        match v {
            Verdict::Right => self.right += 1,
            Verdict::ConfidentWrong => self.wrong += 1,
            Verdict::Missed => {}
        }
    }

    fn show(&self) -> String {
        format!(
            "{}/{} = {:.1}% ({} confident wrong)",
            self.right,
            self.total,
            100.0 * self.rate(),
            self.wrong
        )
    }
}

/// The tallies of one run over a set.
#[derive(Default)]
pub struct Scores {
    /// Questions the document answers (including two-part and entity ones).
    pub in_scope: Tally,
    /// Questions it does not answer: off-topic and near-topic.
    pub refused: Tally,
    pub near_topic: Tally,
    pub small_talk: Tally,
    pub all: Tally,
    pub per_kind: BTreeMap<String, Tally>,
    /// By the language the question is written in.
    pub per_lang: BTreeMap<String, Tally>,
    /// Questions the annotator could not map to a fact, or remapped.
    pub flagged: (usize, usize),
    pub failures: Vec<String>,
}

pub fn evaluate(engine: &Engine, cases: &[Case]) -> Scores {
    let mut s = Scores::default();
    for case in cases {
        let reply = engine.ask(&case.q, None);
        let v = judge(engine, case, &reply);
        s.all.add(v);
        s.per_kind.entry(case.kind.clone()).or_default().add(v);
        let lang = case
            .lang
            .clone()
            .unwrap_or_else(|| factbot::Lang::detect(&case.q).code().to_string());
        s.per_lang.entry(lang).or_default().add(v);
        s.flagged.0 += usize::from(case.unmapped);
        s.flagged.1 += usize::from(case.remapped);
        if case.kind == "smalltalk" {
            s.small_talk.add(v);
        } else if case.expect.is_some() || case.expect_both.is_some() {
            s.in_scope.add(v);
        } else {
            s.refused.add(v);
            if case.kind == "near-topic" {
                s.near_topic.add(v);
            }
        }
        if v != Verdict::Right {
            s.failures.push(format!(
                "  [{}] {:?}: want {:?}{}, got {:?} {:?} (score {:.3}, entity {:?})",
                case.kind,
                case.q,
                case.expect.as_ref().map(Expect::ids),
                case.expect_both
                    .as_ref()
                    .map_or(String::new(), |b| format!(" both {b:?}")),
                outcome_name(&reply),
                reply
                    .facts()
                    .iter()
                    .map(|f| f.id.as_str())
                    .collect::<Vec<_>>(),
                reply.score,
                reply.entity().map(|e| &e.id),
            ));
        }
    }
    s
}

fn outcome_name(reply: &Reply<'_>) -> &'static str {
    match reply.outcome {
        Outcome::Answer { .. } => "answer",
        Outcome::Card { .. } => "card",
        Outcome::Both { .. } => "both",
        Outcome::Partial { .. } => "partial",
        Outcome::NotFound { .. } => "not found",
        Outcome::Clarify { .. } => "clarify",
        Outcome::NotUnderstood { .. } => "not understood",
        Outcome::SmallTalk(_) => "small talk",
        Outcome::Empty => "empty",
    }
}

pub fn print(name: &str, s: &Scores, with_failures: bool) {
    println!("{name}: {} questions", s.all.total);
    for (kind, t) in &s.per_kind {
        println!("  {kind:<12} {}", t.show());
    }
    for (lang, t) in &s.per_lang {
        println!("  lang {lang:<7} {}", t.show());
    }
    if s.flagged != (0, 0) {
        println!(
            "  annotator flags: {} unmapped, {} remapped",
            s.flagged.0, s.flagged.1
        );
    }
    println!("  in scope     {}", s.in_scope.show());
    println!(
        "  not answered {} (near-topic {})",
        s.refused.show(),
        s.near_topic.show()
    );
    println!(
        "  confident wrong answers: {} of {} ({:.1}%)",
        s.all.wrong,
        s.all.total,
        100.0 * s.all.wrong as f64 / s.all.total.max(1) as f64
    );
    if with_failures {
        for f in &s.failures {
            println!("{f}");
        }
    }
}

#[test]
fn public_set_is_answered_accurately() {
    let cases = public();
    let s = evaluate(&ENGINE, &cases);
    print("public set (tests/eval/questions.json)", &s, true);
    assert!(
        s.in_scope.total >= 150 && s.refused.total >= 60,
        "the set is too small"
    );
    for (kind, min) in [
        ("paraphrase", 60),
        ("near-topic", 30),
        ("entity", 10),
        ("two-part", 8),
    ] {
        let n = s.per_kind.get(kind).map_or(0, |t| t.total);
        assert!(n >= min, "{kind}: {n} questions, want at least {min}");
    }
    // The targets, met since the sixth session: 97% in scope, 97%
    // not answered, at most 1% confident wrong answers.
    assert!(
        s.in_scope.rate() >= 0.97,
        "in scope {:.3}",
        s.in_scope.rate()
    );
    assert!(
        s.refused.rate() >= 0.97,
        "not answered {:.3}",
        s.refused.rate()
    );
    assert!(
        s.small_talk.rate() >= 0.95,
        "small talk {:.3}",
        s.small_talk.rate()
    );
    assert!(
        s.all.wrong * 100 <= s.all.total,
        "{} confident wrong answers",
        s.all.wrong
    );
}

#[test]
fn development_sets_are_answered() {
    // Floors just under today's figures: regression guards. Per set: in
    // scope, not answered, most confident wrong answers in percent.
    let sets = [
        (
            "dev",
            "development set (tests/eval/dev.json)",
            dev(),
            0.91,
            0.96,
            1,
        ),
        (
            "dev-zh",
            "development Chinese set (tests/eval/dev-zh.json)",
            dev_zh(),
            0.77,
            0.95,
            4,
        ),
        (
            "dev2",
            "development set 2 (tests/eval/dev2.json)",
            dev2(),
            0.91,
            0.98,
            1,
        ),
        (
            "dev3",
            "development set 3 (tests/eval/dev3.json)",
            dev3(),
            0.82,
            0.96,
            3,
        ),
        (
            "dev4",
            "development set 4 (tests/eval/dev4.json)",
            dev4(),
            0.91,
            0.95,
            2,
        ),
        (
            "dev5",
            "development set 5 (tests/eval/dev5.json)",
            dev5(),
            0.93,
            0.98,
            1,
        ),
        (
            "dev6",
            "development set 6 (tests/eval/dev6.json)",
            dev6(),
            0.89,
            0.96,
            2,
        ),
        (
            "dev7",
            "development set 7 (tests/eval/dev7.json)",
            dev7(),
            0.95,
            0.98,
            1,
        ),
        (
            "dev8",
            "development set 8 (tests/eval/dev8.json)",
            dev8(),
            0.92,
            0.98,
            1,
        ),
        (
            "dev9",
            "development set 9 (tests/eval/dev9.json)",
            dev9(),
            0.95,
            0.94,
            1,
        ),
        (
            "dev10",
            "development set 10 (tests/eval/dev10.json)",
            dev10(),
            0.90,
            0.97,
            1,
        ),
        (
            "dev11",
            "development set 11 (tests/eval/dev11.json)",
            dev11(),
            0.82,
            0.98,
            2,
        ),
        (
            "dev12",
            "development set 12 (tests/eval/dev12.json)",
            dev12(),
            0.91,
            0.96,
            2,
        ),
        (
            "dev5-zh",
            "development Chinese set 5 (tests/eval/dev5-zh.json)",
            dev5_zh(),
            0.78,
            0.88,
            6,
        ),
    ];
    // Every set is printed before any floor is checked.
    let results: Vec<_> = (sets.into_iter())
        .map(|(name, title, cases, in_scope, refused, wrong_percent)| {
            let s = evaluate(&ENGINE, &cases);
            print(title, &s, true);
            (name, s, in_scope, refused, wrong_percent)
        })
        .collect();
    for (name, s, in_scope, refused, wrong_percent) in results {
        assert!(
            s.in_scope.rate() >= in_scope,
            "{name} in scope {:.3}",
            s.in_scope.rate()
        );
        assert!(
            s.refused.rate() >= refused,
            "{name} refused {:.3}",
            s.refused.rate()
        );
        assert!(
            s.all.wrong * 100 <= s.all.total * wrong_percent,
            "{name}: {} confident wrong answers",
            s.all.wrong
        );
    }
}

#[test]
fn held_out_sets_are_answered_too() {
    // Floors a little under the figures reported in the README: regression
    // guards, not targets tuned on these questions.
    let v1 = evaluate(&ENGINE, &holdout_v1());
    print("held-out set 1 (tests/eval/holdout.json)", &v1, false);
    let v2 = evaluate(&ENGINE, &holdout_v2());
    print("held-out set 2 (tests/eval/holdout-v2.json)", &v2, false);
    assert!(
        v1.in_scope.rate() >= 0.90,
        "held-out 1 in scope {:.3}",
        v1.in_scope.rate()
    );
    assert!(
        v2.in_scope.rate() >= 0.84,
        "held-out 2 in scope {:.3}",
        v2.in_scope.rate()
    );
    assert!(
        v2.refused.rate() >= 0.82,
        "held-out 2 refused {:.3}",
        v2.refused.rate()
    );
    for (name, s) in [("held-out 1", &v1), ("held-out 2", &v2)] {
        assert!(
            s.all.wrong * 100 <= s.all.total * 7,
            "{name}: {} confident wrong answers",
            s.all.wrong
        );
    }
}

#[test]
fn chinese_is_answered_in_chinese() {
    let cases = public_zh();
    let s = evaluate(&ENGINE, &cases);
    print(
        "public Chinese set (tests/eval/questions-zh.json)",
        &s,
        true,
    );
    let h = evaluate(&ENGINE, &holdout_zh());
    print(
        "held-out Chinese set (tests/eval/holdout-zh.json)",
        &h,
        false,
    );
    // Every reply to a Chinese question is in Chinese.
    let held = holdout_zh();
    let not_chinese = cases
        .iter()
        .chain(&held)
        .filter(|c| ENGINE.ask(&c.q, None).lang != factbot::Lang::Zh)
        .count();
    assert_eq!(
        not_chinese, 0,
        "replies to Chinese questions not in Chinese"
    );
    assert!(cases.len() >= 60, "the Chinese set is too small");
    // Floors just under today's figures (README); the targets are
    // 90% in scope and 95% refused.
    assert!(
        s.in_scope.rate() >= 0.92,
        "in scope {:.3}",
        s.in_scope.rate()
    );
    assert!(s.refused.rate() >= 0.95, "refused {:.3}", s.refused.rate());
    assert!(
        h.in_scope.rate() >= 0.76,
        "held-out in scope {:.3}",
        h.in_scope.rate()
    );
    assert!(
        h.refused.rate() >= 0.88,
        "held-out refused {:.3}",
        h.refused.rate()
    );
}

#[test]
fn every_fact_answers_its_own_questions() {
    // The question forms in the knowledge base are the bot's own suggestions:
    // each must lead back to its fact. All of the English and Russian ones
    // do; the Chinese ones, new, are held at a floor under today's figure.
    let engine = &*ENGINE;
    for lang in factbot::Lang::ALL {
        let mut wrong = Vec::new();
        let mut total = 0;
        for fact in &engine.kb().facts {
            for q in fact.questions.get(lang) {
                total += 1;
                let reply = engine.ask(q, None);
                if reply.fact().map(|f| f.id.as_str()) != Some(fact.id.as_str()) {
                    wrong.push(format!(
                        "{}: {q:?} -> {:?}",
                        fact.id,
                        reply.facts().iter().map(|f| &f.id).collect::<Vec<_>>()
                    ));
                }
            }
        }
        println!(
            "own questions ({lang}): {}/{total} lead to their fact",
            total - wrong.len()
        );
        for w in &wrong {
            println!("  {w}");
        }
        assert!(
            wrong.is_empty(),
            "{lang}: {} of {total} question forms miss their fact",
            wrong.len()
        );
    }
}

/// Prints the public and development sets' figures over a grid of scoring
/// knobs, to choose the defaults by measurement (held-out sets are not consulted):
/// `cargo test --release --test core -- --ignored tuning_grid --nocapture`.
#[test]
#[ignore]
fn tuning_grid() {
    // The public and development sets only: never the held-out ones.
    let cases: Vec<Case> = public().into_iter().chain(dev()).collect();
    let mut engine = Engine::new(KnowledgeBase::embedded().unwrap());
    println!("threshold common entity_bonus kind_bonus  in-scope  refused  wrong");
    for threshold in [0.5, 0.55, 0.6] {
        for common_weight in [0.4, 0.6] {
            for entity_bonus in [0.2, 0.3] {
                for kind_bonus in [0.1, 0.2, 0.25, 0.3] {
                    let tuning = Tuning {
                        threshold,
                        common_weight,
                        entity_bonus,
                        kind_bonus,
                        ..Tuning::default()
                    };
                    engine.set_tuning(tuning);
                    let s = evaluate(&engine, &cases);
                    println!(
                        "{threshold:9.2} {common_weight:6.2} {entity_bonus:12.2} {kind_bonus:10.2}  {:7.1}%  {:6.1}%  {:5}",
                        100.0 * s.in_scope.rate(),
                        100.0 * s.refused.rate(),
                        s.all.wrong
                    );
                }
            }
        }
    }
}

/// Shows how questions are read and ranked, for working on the matcher:
/// `FACTBOT_EXPLAIN='question|question' cargo test --release --test core -- --ignored explain --nocapture`.
#[test]
#[ignore]
fn explain() {
    let engine = &*ENGINE;
    let questions = std::env::var("FACTBOT_EXPLAIN").unwrap_or_default();
    for q in questions.split('|').filter(|q| !q.trim().is_empty()) {
        let question = engine.understand(&engine.tokens(q), &[]);
        println!(
            "\n{q}\n  wants {:?}, years {:?}",
            question.frame.wants, question.frame.years
        );
        println!(
            "  mentions {:?}",
            question
                .mentions
                .iter()
                .map(|m| (engine.kb().entities[m.entity].id.as_str(), m.weight))
                .collect::<Vec<_>>()
        );
        println!(
            "  known {:.2} total {:.2} unknown {:.2}",
            question.known, question.total, question.unknown
        );
        let terms: Vec<String> = (question.terms.iter())
            .map(|t| match t {
                QueryTerm::Known {
                    term,
                    similarity,
                    alt,
                } => {
                    let text = |t| engine.index().term_text(t).unwrap_or("?");
                    let alt = alt.map(|(a, s)| format!(" | {}~{s:.2}", text(a)));
                    format!("{}~{similarity:.2}{}", text(*term), alt.unwrap_or_default())
                }
                other => format!("{other:?}"),
            })
            .collect();
        println!("  terms {}", terms.join(", "));
        for s in engine.rank(q).iter().take(5) {
            println!(
                "    {:.3} base {:.3} fits {} {}",
                s.score,
                s.base,
                s.fits,
                engine.kb().facts[s.fact].id
            );
        }
        let (reply, screen) = factbot::present::question(engine, q, None);
        println!(
            "  -> {}",
            factbot::render::JsonReply::new(&reply, &screen).to_line()
        );
    }
}

/// A conversation of the dialogue sets: turns scored one by one.
#[derive(Debug, Deserialize)]
struct Dialogue {
    #[allow(dead_code)]
    id: String,
    lang: String,
    #[serde(default)]
    covers: String,
    turns: Vec<Turn>,
}

#[derive(Debug, Deserialize)]
struct Turn {
    q: String,
    #[serde(default)]
    expect: Option<Expect>,
    #[serde(default)]
    entity: Option<String>,
}

/// Per-turn scores of a dialogue set, by what the dialogue covers.
fn evaluate_dialogues(dialogues: &[Dialogue]) -> (Tally, BTreeMap<String, Tally>, Vec<String>) {
    let mut all = Tally::default();
    let mut per: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for d in dialogues {
        let mut convo = factbot::conversation::Conversation::default();
        for (i, t) in d.turns.iter().enumerate() {
            let (reply, _) = convo.ask(&ENGINE, &t.q, None, i as u64, 3600);
            let case = Case {
                q: t.q.clone(),
                expect: t.expect.as_ref().map(|e| match e {
                    Expect::One(s) => Expect::One(s.clone()),
                    Expect::Any(v) => Expect::Any(v.clone()),
                }),
                expect_both: None,
                entity: t.entity.clone(),
                kind: "dialogue".into(),
                lang: Some(d.lang.clone()),
                unmapped: false,
                remapped: false,
            };
            let v = judge(&ENGINE, &case, &reply);
            all.add(v);
            per.entry(format!("{} {}", d.lang, d.covers))
                .or_default()
                .add(v);
            if v != Verdict::Right {
                failures.push(format!(
                    "  [{} {}] turn {}: {:?}: want {:?}, got {} {:?}",
                    d.id,
                    d.covers,
                    i + 1,
                    t.q,
                    t.expect.as_ref().map(Expect::ids),
                    outcome_name(&reply),
                    reply
                        .facts()
                        .iter()
                        .map(|f| f.id.as_str())
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    (all, per, failures)
}

/// Scores a dialogue set and prints it: per language and what the
/// follow-ups test, then the turns that failed when `with_failures`.
fn print_dialogues(title: &str, dialogues: &[Dialogue], with_failures: bool) -> Tally {
    let (all, per, failures) = evaluate_dialogues(dialogues);
    println!("{title}: {} conversations", dialogues.len());
    if with_failures {
        for (k, t) in &per {
            println!("  {k:<26} {}", t.show());
        }
    }
    println!("  turns        {}", all.show());
    if with_failures {
        for f in &failures {
            println!("{f}");
        }
    }
    all
}

#[test]
fn follow_ups_are_understood() {
    let public: Vec<Dialogue> =
        serde_json::from_str(include_str!("../eval/dialogues.json")).expect("dialogues.json");
    let all = print_dialogues(
        "public dialogues (tests/eval/dialogues.json)",
        &public,
        true,
    );
    let dev: Vec<Dialogue> = serde_json::from_str(include_str!("../eval/dev-dialogues.json"))
        .expect("dev-dialogues.json");
    let d = print_dialogues(
        "development dialogues (tests/eval/dev-dialogues.json)",
        &dev,
        true,
    );
    let held: Vec<Dialogue> = serde_json::from_str(include_str!("../eval/holdout-dialogues.json"))
        .expect("holdout-dialogues.json");
    let h = print_dialogues(
        "held-out dialogues (tests/eval/holdout-dialogues.json)",
        &held,
        false,
    );
    assert!(public.len() >= 30, "too few dialogues");
    // Floors under today's figures (README); the target is 95%,
    // met on the public dialogues.
    assert!(
        all.rate() >= 0.95,
        "public dialogue turns {:.3}",
        all.rate()
    );
    assert!(
        d.rate() >= 0.87,
        "development dialogue turns {:.3}",
        d.rate()
    );
    assert!(
        d.wrong * 100 <= d.total * 2,
        "development dialogues: {} confident wrong",
        d.wrong
    );
    assert!(h.rate() >= 0.80, "held-out dialogue turns {:.3}", h.rate());
}

/// Writes one JSON line per question of the public and development sets
/// (never the held-out ones) with how it was read, ranked and judged, for
/// studying decision rules offline:
/// `FACTBOT_DUMP=/tmp/dump.jsonl cargo test --release --test core -- --ignored dump_features`.
#[test]
#[ignore]
fn dump_features() {
    use std::io::Write;
    let engine = &*ENGINE;
    let path = std::env::var("FACTBOT_DUMP").unwrap_or_else(|_| "/tmp/dump.jsonl".into());
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let sets = [
        ("public", public()),
        ("dev", dev()),
        ("dev2", dev2()),
        ("dev3", dev3()),
        ("dev4", dev4()),
        ("dev5", dev5()),
        ("dev6", dev6()),
        ("dev7", dev7()),
        ("dev8", dev8()),
        ("dev9", dev9()),
        ("dev10", dev10()),
        ("dev11", dev11()),
        ("dev12", dev12()),
        ("public-zh", public_zh()),
        ("dev-zh", dev_zh()),
        ("dev5-zh", dev5_zh()),
    ];
    for (name, cases) in sets {
        for case in &cases {
            let reply = engine.ask(&case.q, None);
            let v = judge(engine, case, &reply);
            let q = engine.understand(&engine.tokens(&case.q), &[]);
            let top: Vec<_> = (engine.rank(&case.q).iter().take(5))
                .map(|s| serde_json::json!([engine.kb().facts[s.fact].id, s.score, s.base, s.fits]))
                .collect();
            let line = serde_json::json!({
                "set": name,
                "kind": case.kind,
                "q": case.q,
                "expect": case.expect.as_ref().map(Expect::ids),
                "both": case.expect_both,
                "verdict": format!("{v:?}"),
                "outcome": outcome_name(&reply),
                "facts": reply.facts().iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
                "score": reply.score,
                "wants": format!("{:?}", q.frame.wants),
                "known": q.known,
                "unknown": q.unknown,
                "total": q.total,
                "mentions": q.mentions.len(),
                "top": top,
            });
            writeln!(out, "{line}").unwrap();
        }
    }
}
