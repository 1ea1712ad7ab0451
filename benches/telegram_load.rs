//! What recording costs the Telegram bot under load (issue 11): the real
//! `factbot telegram` binary against the fake Bot API server on 127.0.0.1,
//! 10,000 updates from 1,000 chats per round, rounds alternating between
//! recording off (`FACTBOT_DB=off`) and on (a fresh SQLite file), each in a
//! fresh bot process. Prints updates/s per round, the medians, and checks
//! that every question of the "on" rounds is a row in the database.
//!
//! `cargo bench --bench telegram_load` (about a minute and a half).

#[allow(dead_code)]
#[path = "../tests/telegram/fake.rs"]
mod fake;

use std::time::Duration;

use fake::{BotProcess, FakeApi, Launch};

const CHATS: i64 = 1_000;
const PER_CHAT: i64 = 10;
/// Rounds per setting; they alternate so drifting load on the machine hits
/// both alike.
const ROUNDS: usize = 3;
const QUESTIONS: [&str; 5] = [
    "How much did China invest in 2013?",
    "What was the trade volume with China in 2013?",
    "Сколько Китай инвестировал в 2013 году?",
    "/about",
    "what about the weather on Mars?",
];

/// One round in a fresh bot: updates/s, and (recording on) rows vs questions.
async fn round(recording: bool) -> (f64, Option<(usize, usize)>) {
    let api = FakeApi::start().await;
    let url = api.url();
    let dir = fake::scratch_dir();
    let db = if recording { "factbot.db" } else { "off" };
    let bot = BotProcess::launch(Launch {
        api: &url,
        rust_log: "warn",
        env: &[("FACTBOT_FLOOD_BURST", "20"), ("FACTBOT_DB", db)],
        dir: Some(dir.clone()),
        ..Default::default()
    });
    api.wait_polling().await;
    // Warm up: connections open, pages touched, the database created.
    api.burst(1, 50, 2, &QUESTIONS).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (elapsed, _) = api.burst(10_000, CHATS, PER_CHAT, &QUESTIONS).await;
    bot.stop();
    let rate = (CHATS * PER_CHAT) as f64 / elapsed.as_secs_f64();
    let rows = recording.then(|| {
        let rows: i64 = rusqlite::Connection::open(dir.join("factbot.db"))
            .and_then(|c| c.query_row("SELECT count(*) FROM questions", [], |r| r.get(0)))
            .expect("the database");
        // Warm-up: 100 updates, 80 questions; the round: 8,000 of 10,000.
        (rows as usize, 80 + 8_000)
    });
    let _ = std::fs::remove_dir_all(&dir);
    (rate, rows)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    // `cargo test --benches` runs this too: there, only check it works.
    let rounds = if std::env::args().any(|a| a == "--bench") {
        ROUNDS
    } else {
        0
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let (mut off, mut on) = (Vec::new(), Vec::new());
    for i in 0..rounds {
        let (rate, _) = runtime.block_on(round(false));
        println!("round {}: recording off: {rate:.0} updates/s", i + 1);
        off.push(rate);
        let (rate, rows) = runtime.block_on(round(true));
        let (rows, asked) = rows.expect("rows");
        println!(
            "round {}: recording on:  {rate:.0} updates/s, {rows} of {asked} questions recorded",
            i + 1
        );
        assert_eq!(rows, asked, "a record was lost");
        on.push(rate);
    }
    if rounds > 0 {
        let (off, on) = (median(off), median(on));
        println!(
            "median: off {off:.0} updates/s, on {on:.0} updates/s: recording costs {:.1}% of throughput",
            (1.0 - on / off) * 100.0
        );
    }
}
