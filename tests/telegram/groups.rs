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
