//! Groups: the bot answers /ask, mentions and replies to it, and stays quiet
//! otherwise.

use crate::fake;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_only_when_addressed() {
    let (api, bot) = fake::start().await;
    // Quiet: people talking to each other, a sticker, another bot's command.
    api.push(fake::group_text(
        -501,
        7,
        "How much did China invest in 2013?",
    ));
    api.push(fake::sticker(-502));
    api.push(fake::group_text(-503, 7, "/help@some_other_bot"));
    // Addressed.
    api.push(fake::group_text(
        -511,
        7,
        "/ask How much did China invest in 2013?",
    ));
    api.push(fake::group_mention(
        -512,
        7,
        "How much did China invest in 2013?",
    ));
    api.push(fake::group_reply_to_bot(
        -513,
        7,
        "How much did China invest in 2013?",
    ));
    api.push(fake::group_text(
        -514,
        7,
        &format!("/topics@{}", fake::BOT_USERNAME),
    ));
    for chat in [-511, -512, -513, -514] {
        api.wait_sent(chat, 1).await;
    }
    // The quiet updates came first; give the bot a moment more anyway.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    bot.stop();
    for chat in [-501, -502, -503] {
        assert!(
            api.sent_to(chat).is_empty(),
            "chat {chat} should get no reply"
        );
    }
    for chat in [-511, -512, -513] {
        let sent = api.sent_to(chat);
        assert_eq!(sent.len(), 1, "{sent:?}");
        assert!(sent[0].text().contains("141"), "{}", sent[0].text());
        // In a group the answer replies to the question.
        assert!(
            sent[0]
                .body
                .pointer("/reply_parameters/message_id")
                .is_some(),
            "{:?}",
            sent[0].body
        );
    }
    assert_eq!(api.sent_to(-514).len(), 1);
}

/// Follow-ups use what was just said in the same chat, and only there: two
/// private chats, and two people in one group, keep their own threads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follow_ups_stay_in_their_own_thread() {
    let (api, bot) = fake::start().await;
    // Two private chats, interleaved.
    api.push(fake::text(601, "What was the trade volume in 2013?"));
    api.wait_sent(601, 1).await;
    api.push(fake::text(602, "What is the Coordination Council?"));
    api.wait_sent(602, 1).await;
    api.push(fake::text(601, "and in 2012?"));
    api.wait_sent(601, 2).await;
    api.push(fake::text(602, "who chairs it?"));
    api.wait_sent(602, 2).await;
    api.push(fake::text(601, "what about investment?"));
    let chat_a = api.wait_sent(601, 3).await;
    let chat_b = api.wait_sent(602, 2).await;
    // Two people in one group, each with /ask.
    api.push(fake::group_text(
        -700,
        71,
        "/ask How much did China invest in 2013?",
    ));
    api.wait_sent(-700, 1).await;
    api.push(fake::group_text(
        -700,
        72,
        "/ask When was the Coordination Council established?",
    ));
    api.wait_sent(-700, 2).await;
    api.push(fake::group_text(-700, 71, "/ask and in 2012?"));
    let group = api.wait_sent(-700, 3).await;
    bot.stop();

    // Chat A: trade 2013, trade 2012 (derived), investment 2012 (derived).
    assert!(chat_a[0].text().contains("12.522"), "{}", chat_a[0].text());
    assert!(chat_a[1].text().contains("10.98"), "{}", chat_a[1].text());
    assert!(chat_a[2].text().contains("119.5"), "{}", chat_a[2].text());
    // Chat B: the council, then "the document does not say" about it.
    assert!(
        chat_b[1].text().contains("does not say"),
        "{}",
        chat_b[1].text()
    );
    assert!(
        chat_b[1].text().contains("Coordination Council"),
        "{}",
        chat_b[1].text()
    );
    // In the group, user 71's "and in 2012?" follows their own question
    // (investment), not user 72's about the council.
    assert!(group[2].text().contains("119.5"), "{}", group[2].text());
}
