//! Load test, ignored by default (it takes a while in a debug build):
//!
//! ```text
//! cargo test --release --test telegram -- --ignored load --nocapture
//! ```
//!
//! The fake server holds 10,000 updates from 1,000 chats and hands them out
//! as fast as the bot asks (100 a `getUpdates`); the bot answers each, with
//! recording on. Reports updates/s, per-reply latency, and the bot's memory:
//! resident before, peak (VmHWM), and after the load once idle; then checks
//! that every question answered is a row in the database. The bot keeps the
//! context of 100 conversations, a tenth of the chats, so the rounds run
//! past that bound. The cost of
//! recording is measured by `cargo bench --bench telegram_load`.

use std::time::{Duration, Instant};

use crate::fake::{self, BotProcess, FakeApi, Launch};

const CHATS: i64 = 1_000;
/// Conversations the bot keeps (`FACTBOT_CONVERSATIONS`), a tenth of the chats.
const CONVERSATIONS: usize = 100;
const PER_CHAT: i64 = 10;
/// Rounds of the load; memory must level off after the first two.
const ROUNDS: usize = 3;

/// A field of /proc/PID/status, in kB.
fn proc_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| {
            l.strip_prefix(field)?
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

const QUESTIONS: [&str; 5] = [
    "How much did China invest in 2013?",
    "What was the trade volume with China in 2013?",
    "Сколько Китай инвестировал в 2013 году?",
    "/about",
    "what about the weather on Mars?",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "load test: run with --ignored in release mode"]
async fn ten_thousand_updates_from_a_thousand_chats() {
    let api = FakeApi::start().await;
    let url = api.url();
    // Ten messages per chat arrive within a few seconds: allow them, so
    // every update gets an answer rather than a slow-down note.
    let dir = fake::scratch_dir();
    let conversations = CONVERSATIONS.to_string();
    let bot = BotProcess::launch(Launch {
        api: &url,
        rust_log: "warn",
        // Ten times as many chats as conversations kept: past the bound the
        // least recently used context is dropped, and memory stays flat.
        env: &[
            ("FACTBOT_FLOOD_BURST", "20"),
            ("FACTBOT_CONVERSATIONS", conversations.as_str()),
        ],
        dir: Some(dir.clone()),
        ..Default::default()
    });
    // Questions sent (commands are not recorded).
    let mut asked = 0;
    api.wait_polling().await;
    // A few questions first so the baseline includes a warmed-up bot.
    for chat in 1..=5 {
        api.push(fake::text(chat, QUESTIONS[0]));
        asked += 1;
    }
    for chat in 1..=5 {
        api.wait_sent(chat, 1).await;
    }
    // Latency of one question on an idle bot, from the update being
    // available to the reply arriving (one at a time, 20 times). The pause
    // between questions lets Throttle's worker, which sends then sleeps
    // 250 ms, go idle: back-to-back replies wait for its next tick instead.
    let mut latencies = Vec::new();
    for i in 0..20 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let started = Instant::now();
        api.push(fake::text(100 + i, QUESTIONS[0]));
        asked += 1;
        api.wait_sent(100 + i, 1).await;
        latencies.push(started.elapsed());
    }
    latencies.sort();
    eprintln!(
        "load: reply latency on an idle bot: median {:?}, max {:?}",
        latencies[latencies.len() / 2],
        latencies[latencies.len() - 1]
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let pid = bot.pid();
    let baseline = proc_kb(pid, "VmRSS:");
    let warm = api.count("sendMessage");

    let total = (CHATS * PER_CHAT) as usize;
    // Several rounds: later ones show memory levels off instead of growing
    // with the load.
    let mut rounds = Vec::new();
    for round in 0..ROUNDS {
        let (elapsed, questions) = api.burst(10_000, CHATS, PER_CHAT, &QUESTIONS).await;
        asked += questions;
        let peak = proc_kb(pid, "VmHWM:");
        tokio::time::sleep(Duration::from_secs(3)).await;
        let after = proc_kb(pid, "VmRSS:");
        let rate = total as f64 / elapsed.as_secs_f64();
        eprintln!(
            "load round {}: {total} updates from {CHATS} chats in {:.2} s = {rate:.0} updates/s, \
             {:.2} ms of wall time per update; memory: baseline {baseline} kB, peak (VmHWM) {peak} kB, 3 s after {after} kB",
            round + 1,
            elapsed.as_secs_f64(),
            elapsed.as_secs_f64() * 1000.0 / total as f64
        );
        rounds.push(after);
    }
    bot.stop();

    // No record lost: every question answered is a row. SIGTERM (in
    // `stop`) flushed the queue.
    let rows: usize = rusqlite::Connection::open(dir.join("factbot.db"))
        .expect("the database")
        .query_row("SELECT count(*) FROM questions", [], |r| r.get::<_, i64>(0))
        .expect("rows") as usize;
    eprintln!("load: {rows} questions recorded of {asked} asked");
    assert_eq!(rows, asked, "every question answered is recorded");

    let sent = api.calls_to("sendMessage");
    let mut per_chat = std::collections::HashMap::<i64, usize>::new();
    for c in &sent {
        *per_chat.entry(c.chat_id().unwrap_or(0)).or_default() += 1;
    }
    for chat in 0..CHATS {
        let got = per_chat.get(&(10_000 + chat)).copied().unwrap_or(0);
        assert_eq!(got, ROUNDS * PER_CHAT as usize, "chat {chat}");
    }
    assert_eq!(sent.len(), warm + ROUNDS * total, "nothing answered twice");
    // Nothing is kept per update or per chat beyond bounded tables (dedup
    // window, flood buckets, a fixed set of workers). Memory does not return
    // to the baseline (glibc keeps freed memory in its arenas, and the
    // workers keep their queue blocks), but it levels off: the last round
    // adds little to the one before.
    let (last, before_last) = (rounds[ROUNDS - 1], rounds[ROUNDS - 2]);
    assert!(
        last <= before_last + 4 * 1024,
        "memory still growing: {rounds:?} kB"
    );
    assert!(
        last < baseline + 96 * 1024,
        "memory after load {rounds:?} kB vs baseline {baseline} kB"
    );
}
