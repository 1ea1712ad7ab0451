//! Private chats: commands, questions in both languages, buttons, inline
//! mode, non-text messages and escaping; every update answered exactly once.

use std::time::Instant;

use serde_json::Value;

use crate::fake::{self, BotProcess, Call, FakeApi};

fn is_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// The callback data of every button of a sendMessage call but the 👍/👎
/// row (see [`votes`]).
fn buttons(call: &Call) -> Vec<(String, String)> {
    all_buttons(call)
        .into_iter()
        .filter(|(_, data)| !data.starts_with("v:"))
        .collect()
}

/// The 👍/👎 buttons' data.
fn votes(call: &Call) -> Vec<String> {
    all_buttons(call)
        .into_iter()
        .filter(|(_, data)| data.starts_with("v:"))
        .map(|(_, data)| data)
        .collect()
}

fn all_buttons(call: &Call) -> Vec<(String, String)> {
    let rows = call
        .body
        .pointer("/reply_markup/inline_keyboard")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    rows.iter()
        .flat_map(|r| r.as_array().cloned().unwrap_or_default())
        .map(|b| {
            (
                b["text"].as_str().unwrap_or_default().to_string(),
                b["callback_data"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// One reply to `chat`, checked for valid HTML and HTML parse mode.
fn only_reply(api: &FakeApi, chat: i64) -> Call {
    let sent = api.sent_to(chat);
    assert_eq!(
        sent.len(),
        1,
        "chat {chat} should get exactly one reply, got {sent:#?}"
    );
    let call = sent.into_iter().next().unwrap();
    assert_eq!(call.body["parse_mode"], "HTML", "{call:?}");
    fake::assert_valid_html(call.text());
    call
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_chat_answers_every_update_once() {
    let (api, bot) = fake::start().await;
    // Over 1,000 characters, the question at the end: read whole, as
    // Telegram's limit (4096) is the only one.
    let long_question = format!(
        "{}How much did China invest in 2013?",
        "Please tell me. ".repeat(80)
    );
    let started = Instant::now();
    api.push(fake::text(101, "How much did China invest in 2013?"));
    api.push(fake::text_lang(
        102,
        "Сколько Китай инвестировал в 2013 году?",
        "ru",
    ));
    api.push(fake::text(103, "/start"));
    api.push(fake::text(104, "/help"));
    api.push(fake::text(105, "/topics"));
    api.push(fake::text(106, "/about"));
    api.push(fake::text(107, "/ask How much did China invest in 2013?"));
    api.push(fake::sticker(108));
    api.push(fake::photo(109));
    api.push(fake::text(
        110,
        "<b>weather</b> & <script>alert(1)</script> tomorrow?",
    ));
    api.push(fake::callback(111, "f:en:investment-china-2013"));
    api.push(fake::callback(112, "t:ru:trade"));
    api.push(fake::inline(113, "China invest 2013"));
    api.push(fake::text(114, &long_question));
    api.push(fake::text_lang(115, "/start", "ru"));
    api.push(fake::callback(116, "garbage that is not ours"));
    api.push(fake::text(117, "/nonsense"));
    api.push(fake::text(118, "/start ref42"));
    for chat in [
        101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 114, 115, 117, 118,
    ] {
        api.wait_sent(chat, 1).await;
    }
    let latency = started.elapsed();
    api.wait_until(
        "inline answer and callback acks",
        std::time::Duration::from_secs(10),
        |calls| {
            calls
                .iter()
                .filter(|c| c.method == "answerinlinequery")
                .count()
                == 1
                && calls
                    .iter()
                    .filter(|c| c.method == "answercallbackquery")
                    .count()
                    == 3
        },
    )
    .await;
    let log = bot.stop();
    eprintln!("18 updates answered in {latency:?}");

    let en = only_reply(&api, 101);
    assert!(
        en.text().contains("141") && en.text().contains("<blockquote>"),
        "{}",
        en.text()
    );
    let related = buttons(&en);
    assert!(!related.is_empty(), "related facts as buttons");
    let en_votes = votes(&en);
    assert_eq!(en_votes.len(), 2, "👍 and 👎 under an answer");
    assert!(en_votes[0].starts_with("v:g:") && en_votes[1].starts_with("v:w:"));
    assert!(
        votes(&only_reply(&api, 103)).is_empty(),
        "none under /start"
    );
    assert!(
        related
            .iter()
            .all(|(_, data)| data.len() <= 64 && data.starts_with("f:en:"))
    );

    let ru = only_reply(&api, 102);
    assert!(
        ru.text().contains("141") && is_cyrillic(ru.text()),
        "{}",
        ru.text()
    );
    assert!(
        buttons(&ru)
            .iter()
            .all(|(label, data)| is_cyrillic(label) && data.starts_with("f:ru:"))
    );

    let start = only_reply(&api, 103);
    assert!(start.text().contains("Hello"), "{}", start.text());
    assert_eq!(buttons(&start).len(), 3, "three example questions");

    assert!(only_reply(&api, 104).text().contains("/ask"));

    let topics = only_reply(&api, 105);
    let topic_buttons = buttons(&topics);
    assert!(topic_buttons.len() >= 5, "{topic_buttons:?}");
    assert!(
        topic_buttons
            .iter()
            .all(|(_, d)| d.starts_with("t:en:") && d.len() <= 64)
    );

    let about = only_reply(&api, 106);
    assert!(
        about.text().contains("Bury") && about.text().contains("ERINA"),
        "{}",
        about.text()
    );

    assert!(only_reply(&api, 107).text().contains("141"));
    assert!(only_reply(&api, 108).text().contains("only read text"));
    assert!(
        is_cyrillic(only_reply(&api, 109).text()),
        "photo from a Russian user gets a Russian hint"
    );

    let escaped = only_reply(&api, 110);
    assert!(
        escaped.text().contains("&lt;script&gt;") && escaped.text().contains("&amp;"),
        "{}",
        escaped.text()
    );
    assert!(!escaped.text().contains("<script>") && !escaped.text().contains("<b>weather"));

    assert!(
        only_reply(&api, 111).text().contains("141"),
        "fact button answers the fact"
    );
    let topic = only_reply(&api, 112);
    assert!(
        is_cyrillic(topic.text()) && buttons(&topic).iter().all(|(_, d)| d.starts_with("f:ru:"))
    );

    let acks = api.calls_to("answerCallbackQuery");
    let acked: Vec<&str> = acks
        .iter()
        .map(|c| c.body["callback_query_id"].as_str().unwrap_or(""))
        .collect();
    for id in ["cb111", "cb112", "cb116"] {
        assert_eq!(
            acked.iter().filter(|a| **a == id).count(),
            1,
            "{id} acknowledged once: {acked:?}"
        );
    }
    assert!(
        api.sent_to(116).is_empty(),
        "unknown button data gets no message"
    );

    let inline = &api.calls_to("answerInlineQuery")[0];
    let results = inline.body["results"].as_array().expect("results");
    assert!(!results.is_empty());
    assert_eq!(results[0]["type"], "article");
    assert_eq!(results[0]["id"], "investment-china-2013");
    for r in results {
        let text = r
            .pointer("/input_message_content/message_text")
            .and_then(Value::as_str)
            .unwrap();
        fake::assert_valid_html(text);
        assert_eq!(
            r.pointer("/input_message_content/parse_mode")
                .and_then(Value::as_str),
            Some("HTML")
        );
    }

    let long = only_reply(&api, 114);
    assert!(long.text().starts_with("<b>"), "{}", long.text());
    assert!(long.text().contains("141"), "{}", long.text());

    assert!(
        is_cyrillic(only_reply(&api, 115).text()),
        "/start for language_code ru"
    );
    assert!(
        only_reply(&api, 118).text().contains("Hello"),
        "/start with a deep-link payload"
    );
    let unknown = only_reply(&api, 117);
    assert!(
        unknown.text().starts_with("There is no such command.")
            && unknown.text().contains("/topics"),
        "unknown command is said to be unknown, then help: {}",
        unknown.text()
    );

    // Commands registered in English, Russian and Chinese.
    let menus = api.calls_to("setMyCommands");
    assert_eq!(menus.len(), 3, "{menus:?}");
    assert!(menus.iter().any(|c| c.body.get("language_code").is_none()));
    assert!(menus.iter().any(|c| c.body["language_code"] == "ru"));
    assert!(menus.iter().any(|c| c.body["language_code"] == "zh"));
    let names: Vec<&str> = menus[0].body["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["command"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["start", "help", "topics", "about", "reset", "ask"]);

    assert!(!log.contains(fake::TOKEN_SECRET), "token in log:\n{log}");
}

/// A reply over 4096 characters arrives split, each part within the limit
/// and valid HTML, the buttons under the last part.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_reply_is_split() {
    let api = FakeApi::start().await;
    let knowledge = long_knowledge();
    let url = api.url();
    let bot = BotProcess::launch(fake::Launch {
        api: &url,
        env: &[("FACTBOT_KNOWLEDGE", knowledge.to_str().unwrap())],
        ..Default::default()
    });
    api.wait_polling().await;
    api.push(fake::callback(201, "f:en:investment-china-2013"));
    api.wait_sent(201, 2).await;
    bot.stop();
    let parts = api.sent_to(201);
    assert!(parts.len() >= 2, "{parts:?}");
    for p in &parts {
        assert!(
            p.text().chars().count() <= 4096,
            "part of {} chars",
            p.text().chars().count()
        );
        assert!(p.text().encode_utf16().count() <= 4096);
        fake::assert_valid_html(p.text());
    }
    let all: String = parts.iter().map(|p| p.text()).collect();
    assert!(all.contains("141"));
    assert!(
        parts.last().unwrap().body.get("reply_markup").is_some(),
        "buttons under the last part"
    );
    assert!(
        parts[..parts.len() - 1]
            .iter()
            .all(|p| p.body.get("reply_markup").is_none())
    );
}

/// The built-in knowledge with one source sentence made very long (the
/// document's own sentence repeated), written to a scratch folder.
fn long_knowledge() -> std::path::PathBuf {
    let dir = fake::scratch_dir();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let mut text = std::fs::read_to_string(&path).unwrap();
            if path.file_name().is_some_and(|n| n == "document.json") {
                let mut doc: Value = serde_json::from_str(&text).unwrap();
                for fact in doc["facts"].as_array_mut().unwrap() {
                    if fact["id"] == "investment-china-2013" {
                        let source = fact["source"].as_str().unwrap().to_string();
                        fact["source"] = Value::String(vec![source.as_str(); 40].join(" "));
                    }
                }
                text = serde_json::to_string_pretty(&doc).unwrap();
            }
            std::fs::write(dir.join(path.file_name().unwrap()), text).unwrap();
        }
    }
    dir
}
