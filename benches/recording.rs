//! What recording costs a reply, in process (issue 11): the shipped
//! benchmark questions answered alone, and answered then handed to the
//! recorder (summary, copying the text, a `try_send`), in blocks of 4,096
//! that fit the queue, so nothing is dropped and the writer stores every
//! record; the recorder call alone (what the replying thread pays); and the
//! writer thread's CPU time per record stored.
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

/// CPU time (user + system) of the writer thread so far, in seconds, from
/// /proc (clock ticks of 1/100 s).
fn writer_cpu_seconds() -> f64 {
    let tasks = std::fs::read_dir("/proc/self/task").expect("/proc/self/task");
    for task in tasks.flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if comm.trim() == "factbot-store" {
            let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
            let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
            let fields: Vec<f64> = rest
                .split_whitespace()
                .map(|f| f.parse().unwrap_or(0.0))
                .collect();
            // utime and stime: fields 14 and 15 of the line, 12 and 13 here.
            return (fields[11] + fields[12]) / 100.0;
        }
    }
    panic!("no factbot-store thread");
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
        location: Location::File(dir.join("bench.db")),
        ..Settings::default()
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

    // The caller's share alone: the replies made first, then only handed
    // to the recorder, timed (the writer stores the previous block's
    // records meanwhile on the other core, as in the bot).
    let replies: Vec<_> = questions.iter().map(|q| engine.ask(q, None)).collect();
    let mut caller = Vec::new();
    for _ in 0..blocks {
        let t = Instant::now();
        for (q, reply) in questions.iter().zip(&replies) {
            black_box(recorder.question(Front::Json, None, q, reply));
        }
        caller.push(per_question(t.elapsed(), BLOCK));
        recorder.flush();
    }

    // The writer's own CPU time over everything it stored.
    let writer_cpu = writer_cpu_seconds();
    let stats = recorder.close(Duration::from_secs(30));
    let _ = std::fs::remove_dir_all(&dir);

    let (a, r) = (median(alone), median(recorded));
    println!("answer alone:        {a:.0} ns a question (median of {blocks} blocks of {BLOCK})");
    println!("answer and record:   {r:.0} ns a question");
    println!(
        "recording overhead:  {:.0} ns a question ({:.1}%), wall time, the writer working on the other core",
        r - a,
        (r / a - 1.0) * 100.0
    );
    println!(
        "caller's share:      {:.0} ns a question (Recorder::question alone)",
        median(caller)
    );
    println!(
        "writer:              {:.1} µs of CPU a record stored (its thread's time / records)",
        writer_cpu * 1e6 / stats.written as f64
    );
    println!(
        "records: {} queued, {} written, {} dropped, {} failed",
        stats.queued, stats.written, stats.dropped, stats.failed
    );
    assert_eq!(stats.dropped + stats.failed, 0, "every record stored");
}
