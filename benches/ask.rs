//! Time per question: the shipped knowledge base, synthetic ones of 1,000,
//! 10,000 and 100,000 facts, the naive strsim baseline, and typo lookup
//! against a linear scan of the vocabulary. See BENCHMARKS.md.
//!
//! `cargo bench --bench ask`. Under `cargo test` every benchmark runs once on
//! small synthetic sets, as a smoke test.

#[path = "common/naive.rs"]
mod naive;
#[path = "common/synthetic.rs"]
mod synthetic;

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use divan::Bencher;
use factbot::fuzzy::FuzzyIndex;
use factbot::{Engine, KnowledgeBase};

use synthetic::{Kind, Synthetic};

fn main() {
    divan::main();
}

/// True under `cargo bench`; under `cargo test` divan runs each benchmark
/// once and the synthetic sets are kept small.
fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// The number of facts actually generated for a nominal size.
fn scaled(n: usize) -> usize {
    if bench_mode() { n } else { n.min(300) }
}

static SHIPPED: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(KnowledgeBase::embedded().expect("shipped knowledge loads")));

/// A synthetic set with its engine, built once per process and size.
struct Built {
    set: Synthetic,
    engine: Engine,
}

fn built(n: usize) -> &'static Built {
    static CACHE: LazyLock<Mutex<HashMap<usize, &'static Built>>> = LazyLock::new(Default::default);
    let mut cache = CACHE.lock().unwrap();
    cache.entry(n).or_insert_with(|| {
        let set = synthetic::generate(scaled(n));
        let kb = KnowledgeBase::from_files(&set.files).expect("synthetic knowledge loads");
        Box::leak(Box::new(Built {
            set,
            engine: Engine::new(kb),
        }))
    })
}

/// Cycles through `questions`, one per iteration.
fn round_robin<'a>(questions: &'a [String]) -> impl FnMut() -> &'a str + 'a {
    let mut i = 0;
    move || {
        i += 1;
        questions[i % questions.len()].as_str()
    }
}

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Shipped knowledge base, one question per iteration, by kind.
#[divan::bench(args = ["direct", "typo", "russian", "offtopic", "mix"])]
fn shipped(bencher: Bencher, kind: &str) {
    let engine = &*SHIPPED;
    let qs: Vec<String> = synthetic::SHIPPED_QUESTIONS
        .iter()
        .filter(|(k, _)| kind == "mix" || *k == kind)
        .map(|(_, q)| q.to_string())
        .collect();
    bencher
        .with_inputs(round_robin(&qs))
        .bench_local_values(|q| engine.ask(q, None).score);
}

/// Shipped knowledge base: a plain question against a follow-up answered in
/// its conversation ("and in 2012?" after the 2013 trade question), and
/// Chinese questions.
#[divan::bench(args = ["plain", "follow-up", "chinese"])]
fn conversation(bencher: Bencher, kind: &str) {
    use factbot::conversation::{Conversation, DEFAULT_TTL_SECS};
    let engine = &*SHIPPED;
    let mut first = Conversation::default();
    first.ask(
        engine,
        "What was the trade volume in 2013?",
        None,
        0,
        DEFAULT_TTL_SECS,
    );
    let zh = [
        "2013年中国投资了多少？",
        "同江大桥什么时候开工？",
        "2013年贸易额是多少？",
        "协调委员会是哪一年成立的？",
    ];
    let mut i = 0;
    bencher.bench_local(|| {
        i += 1;
        match kind {
            "plain" => engine.ask("What was the trade volume in 2012?", None).score,
            "follow-up" => {
                // A fresh copy each time: every iteration is the same follow-up.
                let mut c = first.clone();
                c.ask(engine, "and in 2012?", None, 1, DEFAULT_TTL_SECS)
                    .0
                    .score
            }
            _ => engine.ask(zh[i % zh.len()], None).score,
        }
    });
}

/// Synthetic knowledge bases, a mix of direct, typo, Russian and off-topic
/// questions (an even split), one question per iteration.
#[divan::bench(args = SIZES, sample_count = 100)]
fn synthetic_mix(bencher: Bencher, n: usize) {
    let b = built(n);
    let qs = synthetic::mixed_questions(&b.set, 400);
    bencher
        .with_inputs(round_robin(&qs))
        .bench_local_values(|q| b.engine.ask(q, None).score);
}

/// Synthetic knowledge bases, by kind of question.
#[divan::bench(consts = SIZES, args = ["direct", "typo", "russian", "offtopic"], sample_count = 50)]
fn synthetic_kind<const N: usize>(bencher: Bencher, kind: &str) {
    let b = built(N);
    let kind = Kind::ALL[["direct", "typo", "russian", "offtopic"]
        .iter()
        .position(|k| *k == kind)
        .unwrap()];
    let qs = synthetic::questions(&b.set, kind, 200);
    bencher
        .with_inputs(round_robin(&qs))
        .bench_local_values(|q| b.engine.ask(q, None).score);
}

/// The naive baseline on the same sets and the same question mix.
#[divan::bench(args = [1_000, 10_000], sample_count = 20, sample_size = 1)]
fn naive_mix(bencher: Bencher, n: usize) {
    static NAIVE: LazyLock<Mutex<HashMap<usize, &'static naive::Naive>>> =
        LazyLock::new(Default::default);
    let b = built(n);
    let nv: &naive::Naive = NAIVE
        .lock()
        .unwrap()
        .entry(n)
        .or_insert_with(|| Box::leak(Box::new(naive::Naive::new(b.engine.kb()))));
    let qs = synthetic::mixed_questions(&b.set, 400);
    bencher
        .with_inputs(round_robin(&qs))
        .bench_local_values(|q| nv.ask(q));
}

/// A vocabulary of `n` distinct words (EN, RU and names) with misspelt
/// versions of some of them.
struct Words {
    vocabulary: Vec<String>,
    typos: Vec<String>,
    index: FuzzyIndex,
}

fn words(n: usize) -> &'static Words {
    static CACHE: LazyLock<Mutex<HashMap<usize, &'static Words>>> = LazyLock::new(Default::default);
    let mut cache = CACHE.lock().unwrap();
    cache.entry(n).or_insert_with(|| {
        let v = &built(n).set.vocab;
        let mut vocabulary: Vec<String> =
            v.en.iter()
                .chain(&v.ru)
                .chain(&v.names)
                .map(|w| w.to_lowercase())
                .collect();
        vocabulary.sort();
        vocabulary.dedup();
        let mut rng = synthetic::Rng::new(7);
        let typos = (0..200)
            .map(|_| synthetic::typo(rng.pick::<String>(&vocabulary)))
            .filter(|w| w.chars().count() >= 4)
            .collect();
        let index = FuzzyIndex::build(vocabulary.clone());
        Box::leak(Box::new(Words {
            vocabulary,
            typos,
            index,
        }))
    })
}

/// Typo lookup in the one-deletion index, by vocabulary of the set of `n` facts.
#[divan::bench(args = SIZES)]
fn fuzzy_index_lookup(bencher: Bencher, n: usize) {
    let w = words(n);
    bencher
        .with_inputs(round_robin(&w.typos))
        .bench_local_values(|q| w.index.lookup(q));
}

/// The same lookups by scanning the whole vocabulary with strsim.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn fuzzy_linear_scan(bencher: Bencher, n: usize) {
    let w = words(n);
    bencher
        .with_inputs(round_robin(&w.typos))
        .bench_local_values(|q| naive::linear_fuzzy(&w.vocabulary, q));
}

/// Index build (`Engine::new`) per size; loading is timed by the report,
/// which also times the 100,000-fact build (once, to keep `cargo bench` short).
#[divan::bench(args = [1_000, 10_000], sample_count = 3, sample_size = 1)]
fn build(bencher: Bencher, n: usize) {
    let kb = built(n).engine.kb();
    bencher
        .with_inputs(|| kb.clone())
        .bench_local_values(Engine::new);
}

/// Load and index of the shipped knowledge base (what start-up costs).
#[divan::bench(sample_count = 50)]
fn build_shipped() -> Engine {
    Engine::new(KnowledgeBase::embedded().unwrap())
}
