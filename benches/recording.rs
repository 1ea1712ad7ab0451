//! What recording costs a reply, in process (issue 11): the shipped
//! benchmark questions answered alone, and answered then handed to the
//! recorder (summary, copying the text, a `try_send`), in blocks of 4,096
//! that fit the queue, so nothing is dropped and the writer stores every
//! record; and how many records a second the writer stores in batched
//! transactions.
//!
//! `cargo bench --bench recording`.

#[path = "common/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::time::{Duration, Instant};

use factbot::store::{Front, Location, Recorder, Settings};
use factbot::{Engine, KnowledgeBase};

const BLOCK: usize = 4096;

fn per_question(d: Duration, n: usize) -> f64 {
    d.as_secs_f64() * 1e9 / n as f64
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let blocks = if std::env::args().any(|a| a == "--bench") {
        50
    } else {
        1
    };
    let engine = Engine::new(KnowledgeBase::embedded().expect("shipped knowledge"));
    let questions: Vec<&str> = synthetic::SHIPPED_QUESTIONS
        .iter()
        .map(|(_, q)| *q)
        .cycle()
        .take(BLOCK)
        .collect();
    let dir = std::env::temp_dir().join(format!("factbot-bench-recording-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let recorder = Recorder::start(&Settings {
        location: Some(Location::File(dir.join("bench.db"))),
        retention_days: None,
    });
    recorder.flush();

    let (mut alone, mut recorded) = (Vec::new(), Vec::new());
    for _ in 0..blocks {
        let t = Instant::now();
        for q in &questions {
            black_box(engine.ask(black_box(q), None));
        }
        alone.push(per_question(t.elapsed(), BLOCK));

        let t = Instant::now();
        for q in &questions {
            let reply = engine.ask(black_box(q), None);
            black_box(recorder.question(Front::Json, None, q, &reply));
        }
        recorded.push(per_question(t.elapsed(), BLOCK));
        // Outside the timing: let the writer catch up so the queue never
        // fills (a full queue would make recording look cheaper).
        recorder.flush();
    }

    // The writer alone: records queued as fast as possible, until stored.
    let reply = engine.ask(questions[0], None);
    let mut stored = Vec::new();
    for _ in 0..blocks.min(20) {
        let t = Instant::now();
        for q in &questions {
            recorder.question(Front::Json, None, q, &reply);
        }
        recorder.flush();
        stored.push(BLOCK as f64 / t.elapsed().as_secs_f64());
    }
    let stats = recorder.close(Duration::from_secs(30));
    let _ = std::fs::remove_dir_all(&dir);

    let (a, r) = (median(alone), median(recorded));
    println!("answer alone:        {a:.0} ns a question (median of {blocks} blocks of {BLOCK})");
    println!("answer and record:   {r:.0} ns a question");
    println!(
        "recording overhead:  {:.0} ns a question ({:.1}%)",
        r - a,
        (r / a - 1.0) * 100.0
    );
    println!(
        "writer:              {:.0} records/s stored in batched transactions",
        median(stored)
    );
    println!(
        "records: {} queued, {} written, {} dropped, {} failed",
        stats.queued, stats.written, stats.dropped, stats.failed
    );
    assert_eq!(stats.dropped + stats.failed, 0, "every record stored");
}
