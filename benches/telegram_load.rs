//! What recording costs the Telegram bot under load (issue 11): the real
//! `factbot telegram` binary against the fake Bot API server on 127.0.0.1,
//! 10,000 updates from 1,000 chats per round, rounds alternating between
//! recording off (`FACTBOT_DB=off`) and on (a fresh SQLite file), each in a
//! fresh bot process. Prints updates/s and the bot's CPU time per update
//! for each round, the medians, and checks that every question of the "on"
//! rounds is a row in the database.
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

/// CPU time (user + system) a process has used, in seconds, from
/// /proc/PID/stat (clock ticks of 1/100 s, Linux's USER_HZ).
fn cpu_seconds(pid: u32) -> f64 {
    stat_cpu_seconds(&format!("/proc/{pid}/stat"))
}

/// The same for the bot's writer thread (0 with recording off).
fn writer_cpu_seconds(pid: u32) -> f64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0.0;
    };
    tasks
        .flatten()
        .find(|t| {
            std::fs::read_to_string(t.path().join("comm"))
                .is_ok_and(|c| c.trim() == "factbot-store")
        })
        .map_or(0.0, |t| {
            stat_cpu_seconds(&t.path().join("stat").to_string_lossy())
        })
}

fn stat_cpu_seconds(path: &str) -> f64 {
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    // Fields after the command name (which is in parentheses).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 here.
    (ticks(11) + ticks(12)) / 100.0
}

/// One round in a fresh bot: updates/s, the bot's CPU time per update in
/// ms, and (recording on) rows vs questions and the writer thread's CPU
/// time per question in µs.
async fn round(recording: bool) -> (f64, f64, Option<(usize, usize, f64)>) {
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
    let cpu0 = cpu_seconds(bot.pid());
    let writer0 = writer_cpu_seconds(bot.pid());
    let (elapsed, _) = api.burst(10_000, CHATS, PER_CHAT, &QUESTIONS).await;
    let cpu = cpu_seconds(bot.pid()) - cpu0;
    let writer = writer_cpu_seconds(bot.pid()) - writer0;
    bot.stop();
    let total = (CHATS * PER_CHAT) as f64;
    let rate = total / elapsed.as_secs_f64();
    let cpu_ms = cpu * 1000.0 / total;
    let rows = recording.then(|| {
        let rows: i64 = rusqlite::Connection::open(dir.join("factbot.db"))
            .and_then(|c| c.query_row("SELECT count(*) FROM questions", [], |r| r.get(0)))
            .expect("the database");
        // Warm-up: 100 updates, 80 questions; the round: 8,000 of 10,000.
        (rows as usize, 80 + 8_000, writer * 1e6 / 8_000.0)
    });
    let _ = std::fs::remove_dir_all(&dir);
    (rate, cpu_ms, rows)
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
    let (mut off_cpu, mut on_cpu) = (Vec::new(), Vec::new());
    for i in 0..rounds {
        let (rate, cpu, _) = runtime.block_on(round(false));
        println!(
            "round {}: recording off: {rate:.0} updates/s, bot CPU {cpu:.3} ms an update",
            i + 1
        );
        off.push(rate);
        off_cpu.push(cpu);
        let (rate, cpu, rows) = runtime.block_on(round(true));
        let (rows, asked, writer) = rows.expect("rows");
        println!(
            "round {}: recording on:  {rate:.0} updates/s, bot CPU {cpu:.3} ms an update \
             (writer thread {writer:.1} µs a question), {rows} of {asked} questions recorded",
            i + 1
        );
        assert_eq!(rows, asked, "a record was lost");
        on.push(rate);
        on_cpu.push(cpu);
    }
    if rounds > 0 {
        let (off, on) = (median(off), median(on));
        let (off_cpu, on_cpu) = (median(off_cpu), median(on_cpu));
        println!(
            "median: off {off:.0} updates/s, on {on:.0} updates/s: throughput {:+.1}% with recording",
            (on / off - 1.0) * 100.0
        );
        println!(
            "median bot CPU: off {off_cpu:.3} ms, on {on_cpu:.3} ms an update: {:+.1}% with recording",
            (on_cpu / off_cpu - 1.0) * 100.0
        );
    }
}
