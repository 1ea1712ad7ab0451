//! Start-up, memory and latency distribution per knowledge-base size, which
//! divan does not report: load and index time, resident memory, heap, and
//! p50/p90/p99/max time per question over thousands of questions, plus the
//! ratio to the naive strsim baseline.
//!
//! `cargo bench --bench report` prints a Markdown table for BENCHMARKS.md.
//! Each size runs in a fresh child process so its memory is its own. Under
//! `cargo test` it runs the shipped set and one small synthetic set once.

#[path = "common/naive.rs"]
mod naive;
#[path = "common/synthetic.rs"]
mod synthetic;

use std::alloc::{GlobalAlloc, Layout, System};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use factbot::{Engine, KnowledgeBase};

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const MB: f64 = 1024.0 * 1024.0;

/// (VmRSS, VmHWM) in bytes, from /proc/self/status.
fn rss() -> (usize, usize) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<usize>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn us(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e6)
}

/// Times every question separately (after one warm-up pass) and returns the
/// sorted durations.
fn time_each(engine: &Engine, questions: &[String]) -> Vec<Duration> {
    for q in questions {
        std::hint::black_box(engine.ask(q, None));
    }
    let mut times: Vec<(Duration, usize)> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let t = Instant::now();
            std::hint::black_box(engine.ask(std::hint::black_box(q), None));
            (t.elapsed(), i)
        })
        .collect();
    times.sort();
    // The slowest questions, on stderr, to see what the tail is made of.
    for &(d, i) in times.iter().rev().take(3) {
        eprintln!(
            "  slowest ({} facts): {} µs {:?}",
            engine.kb().facts.len(),
            us(d),
            questions[i]
        );
    }
    times.into_iter().map(|(d, _)| d).collect()
}

/// Measures one size in this process and prints one table row.
fn measure(size: usize, questions_per_kind: usize, naive_questions: usize) {
    let (rss0, _) = rss();
    let heap0 = LIVE.load(Ordering::Relaxed);
    let synthetic = (size > 0).then(|| synthetic::generate(size));
    // The input files stay alive throughout; they are not part of the engine.
    let (rss_in, _) = rss();
    let heap_in = LIVE.load(Ordering::Relaxed);
    PEAK.store(heap_in, Ordering::Relaxed);
    let t = Instant::now();
    let kb = match &synthetic {
        Some(s) => KnowledgeBase::from_files(&s.files).expect("synthetic knowledge loads"),
        None => KnowledgeBase::embedded().expect("shipped knowledge loads"),
    };
    let load = t.elapsed();
    let heap_kb = LIVE.load(Ordering::Relaxed);
    let t = Instant::now();
    let engine = Engine::new(kb);
    let index = t.elapsed();
    let (rss1, hwm) = rss();
    let heap1 = LIVE.load(Ordering::Relaxed);
    let peak = PEAK.load(Ordering::Relaxed);

    let questions: Vec<String> = match &synthetic {
        Some(s) => synthetic::mixed_questions(s, questions_per_kind * 4),
        None => synthetic::SHIPPED_QUESTIONS
            .iter()
            .map(|(_, q)| q.to_string())
            .collect(),
    };
    // The shipped list is short: repeat it so the percentiles mean something.
    let repeat = if size == 0 { 50 } else { 1 };
    let all: Vec<String> = (0..repeat)
        .flat_map(|_| questions.iter().cloned())
        .collect();
    let times = time_each(&engine, &all);
    let median = percentile(&times, 0.5);

    let ratio = if naive_questions > 0 {
        let nv = naive::Naive::new(engine.kb());
        let qs: Vec<&String> = questions.iter().take(naive_questions).collect();
        let mut nt: Vec<Duration> = qs
            .iter()
            .map(|q| {
                let t = Instant::now();
                std::hint::black_box(nv.ask(q));
                t.elapsed()
            })
            .collect();
        nt.sort();
        let naive_median = percentile(&nt, 0.5);
        format!(
            "{} µs ({:.0}×)",
            us(naive_median),
            naive_median.as_secs_f64() / median.as_secs_f64()
        )
    } else {
        "–".to_string()
    };

    let label = if size == 0 {
        "shipped".to_string()
    } else {
        size.to_string()
    };
    let facts = engine.kb().facts.len();
    println!(
        "| {label} | {facts} | {} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {} | {} | {} | {} | {} | {} | {ratio} |",
        engine.index().term_count(),
        engine.index().fuzzy_entries(),
        load.as_secs_f64() * 1e3,
        index.as_secs_f64() * 1e3,
        (rss1 as f64 - rss_in as f64) / MB,
        (heap_kb - heap_in) as f64 / MB,
        (heap1 - heap_kb) as f64 / MB,
        (peak - heap_in) as f64 / MB,
        hwm / (1024 * 1024),
        all.len(),
        us(median),
        us(percentile(&times, 0.9)),
        us(percentile(&times, 0.99)),
        us(*times.last().unwrap()),
    );
    let _ = (rss0, heap0);
}

/// Prints, for every question, a digest of the full ranking (fact and score
/// bits of every entry) and what `ask` answers, so two builds can be diffed
/// to prove an optimisation changed no result.
fn dump(size: usize, per_kind: usize) {
    let synthetic = (size > 0).then(|| synthetic::generate(size));
    let kb = match &synthetic {
        Some(s) => KnowledgeBase::from_files(&s.files).expect("synthetic knowledge loads"),
        None => KnowledgeBase::embedded().expect("shipped knowledge loads"),
    };
    let engine = Engine::new(kb);
    let questions: Vec<String> = match &synthetic {
        Some(s) => synthetic::mixed_questions(s, per_kind * 4),
        None => {
            // The fixed benchmark questions and both evaluation sets.
            let mut questions: Vec<String> = synthetic::SHIPPED_QUESTIONS
                .iter()
                .map(|(_, q)| q.to_string())
                .collect();
            for file in ["questions.json", "holdout.json"] {
                let path = format!("{}/tests/eval/{file}", env!("CARGO_MANIFEST_DIR"));
                let text = std::fs::read_to_string(path).unwrap_or_default();
                let cases: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap_or_default();
                questions.extend(
                    cases
                        .iter()
                        .filter_map(|c| c["q"].as_str().map(str::to_string)),
                );
            }
            questions
        }
    };
    for q in &questions {
        let ranked = engine.rank(q);
        let mut digest: u64 = 0xcbf2_9ce4_8422_2325;
        for s in &ranked {
            for x in [s.fact as u64, s.score.to_bits() as u64] {
                digest = (digest ^ x).wrapping_mul(0x100_0000_01b3);
            }
        }
        let reply = engine.ask(q, None);
        let ids = |fs: &[&factbot::Fact]| {
            fs.iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>()
                .join(",")
        };
        println!(
            "{q:?}\t{} {digest:016x}\t{:08x} {} [{}]",
            ranked.len(),
            reply.score.to_bits(),
            reply.fact().map_or("-", |f| f.id.as_str()),
            ids(reply.suggestions()),
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--dump") {
        let size: usize = args[i + 1].parse().expect("--dump SIZE");
        let per_kind: usize = args[i + 2].parse().expect("questions per kind");
        dump(size, per_kind);
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--measure") {
        let size: usize = args[i + 1].parse().expect("--measure SIZE");
        let per_kind: usize = args[i + 2].parse().expect("questions per kind");
        let naive: usize = args[i + 3].parse().expect("naive questions");
        measure(size, per_kind, naive);
        return;
    }
    let bench = args.iter().any(|a| a == "--bench");
    // (size, questions per kind, questions for the naive baseline); 0 = shipped.
    let runs: &[(usize, usize, usize)] = if bench {
        &[
            (0, 0, 20),
            (1_000, 1_000, 100),
            (10_000, 1_000, 40),
            (100_000, 1_000, 4),
        ]
    } else {
        &[(0, 0, 2), (300, 10, 2)]
    };
    println!(
        "| facts (nominal) | facts | terms | typo-index entries | load ms | index ms | RSS Δ MB | KB heap MB | index heap MB | heap peak MB | VmHWM MB | questions | p50 µs | p90 µs | p99 µs | max µs | naive p50 (ratio) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let exe = std::env::current_exe().expect("own path");
    for &(size, per_kind, naive) in runs {
        let status = Command::new(&exe)
            .args([
                "--measure",
                &size.to_string(),
                &per_kind.to_string(),
                &naive.to_string(),
            ])
            .status()
            .expect("run measurement");
        assert!(status.success(), "measurement of {size} failed");
    }
}
