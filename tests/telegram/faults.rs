//! Faults between the bot and the Bot API: 429s, dropped connections, slow
//! answers, repeated and malformed updates, floods and SIGTERM mid-burst.
//! Every good update is answered exactly once anyway.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::fake::{self, FakeApi};

/// Asserts each chat got exactly one message.
fn once_each(api: &FakeApi, chats: impl IntoIterator<Item = i64>) {
    for chat in chats {
        let sent = api.sent_to(chat);
        assert_eq!(sent.len(), 1, "chat {chat}: {sent:#?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_requests_delays_the_reply() {
    let (api, bot) = fake::start().await;
    api.faults(|f| f.too_many_requests = 1);
    let started = Instant::now();
    api.push(fake::text(401, "How much did China invest in 2013?"));
    let sent = api.wait_sent(401, 1).await;
    let took = started.elapsed();
    bot.stop();
    assert_eq!(api.count("sendMessage-429"), 1, "the 429 happened");
    assert!(sent[0].text().contains("141"));
    assert!(
        took >= Duration::from_millis(900),
        "waited for retry_after: {took:?}"
    );
    once_each(&api, [401]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_connections_lose_nothing() {
    let (api, bot) = fake::start().await;
    // Two getUpdates and one sendMessage connections dropped mid-request.
    api.faults(|f| {
        f.drop_get_updates = 2;
        f.drop_send = 1;
    });
    let chats: Vec<i64> = (411..416).collect();
    for &chat in &chats {
        api.push(fake::text(chat, "How much did China invest in 2013?"));
    }
    for &chat in &chats {
        api.wait_sent(chat, 1).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    bot.stop();
    once_each(&api, chats);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_and_malformed_updates() {
    let (api, bot) = fake::start().await;
    api.faults(|f| {
        f.repeat_batches = 2;
        f.delay = Duration::from_millis(30);
    });
    let first = fake::text(421, "How much did China invest in 2013?");
    let id = api.push(first.clone());
    // The same update again in the same batch.
    let mut again = first;
    again["update_id"] = json!(id);
    api.push_raw(again);
    // A malformed update among good ones.
    api.push_raw(json!({"update_id": api.next_id(), "message": {"bogus": true}}));
    api.push(fake::text(422, "/about"));
    api.wait_sent(421, 1).await;
    api.wait_sent(422, 1).await;
    // Later batches repeat earlier ones; the bot keeps running and answers new ones.
    api.push(fake::text(423, "/help"));
    api.push(fake::text(424, "/start"));
    api.wait_sent(423, 1).await;
    api.wait_sent(424, 1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let log = bot.stop();
    once_each(&api, [421, 422, 423, 424]);
    assert!(
        log.contains("could not be parsed"),
        "malformed update logged:\n{log}"
    );
    assert!(!log.contains("bogus"), "update content not logged:\n{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flood_from_one_user_does_not_slow_others() {
    let (api, bot) = fake::start().await;
    for _ in 0..50 {
        api.push(fake::text(431, "How much did China invest in 2013?"));
    }
    api.push(fake::text(432, "How much did China invest in 2013?"));
    api.wait_sent(432, 1).await;
    api.wait_until("a slow-down note", Duration::from_secs(10), |calls| {
        calls
            .iter()
            .any(|c| c.method == "sendmessage" && c.text().contains("very fast"))
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let burst = api.sent_to(431);
    let slow = burst
        .iter()
        .filter(|c| c.text().contains("very fast"))
        .count();
    let answers = burst.iter().filter(|c| c.text().contains("141")).count();
    assert_eq!(slow, 1, "one slow-down note per burst");
    assert!(
        (5..=12).contains(&answers),
        "a burst allowance answered, the rest dropped: {answers}"
    );
    // After a pause the user is answered again.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    api.push(fake::text(
        431,
        "What was the trade volume with China in 2013?",
    ));
    api.wait_sent(431, burst.len() + 1).await;
    bot.stop();
    let last = api.sent_to(431).pop().unwrap();
    assert!(!last.text().contains("very fast"), "{}", last.text());
    once_each(&api, [432]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_mid_burst_answers_what_was_received() {
    let api = FakeApi::start().await;
    // The burst is waiting before the bot starts, so its first getUpdates
    // takes all of it; slow answers keep the replies in flight when SIGTERM
    // arrives.
    let chats: Vec<i64> = (441..471).collect();
    let ids: Vec<i64> = chats
        .iter()
        .map(|&chat| api.push(fake::text(chat, "How much did China invest in 2013?")))
        .collect();
    api.faults(|f| f.delay = Duration::from_millis(150));
    let bot = crate::fake::BotProcess::start(&api);
    api.wait_until("the first reply", Duration::from_secs(20), |calls| {
        calls.iter().any(|c| c.method == "sendmessage")
    })
    .await;
    bot.terminate();
    // It exits in about a second. It used to hang, about once in 40 runs on
    // a busy machine, until its 30 s grace ran out: teloxide missed the
    // shutdown when it came while an update was being handed to a worker
    // (src/telegram/run.rs stops the listener too now).
    let (code, log) = bot.wait(Duration::from_secs(20));
    assert_eq!(code, Some(0), "{log}");
    // Every update the bot confirmed (all of them: they came in one batch)
    // was answered once before it exited.
    let confirmed = api.confirmed();
    assert!(
        confirmed > *ids.last().unwrap(),
        "all received: offset {confirmed}"
    );
    once_each(&api, chats);
}
