//! Webhook mode: registration with a secret, requests without it refused,
//! oversized and malformed bodies refused without echoing them, updates
//! answered once, and no deleteWebhook on shutdown (other instances behind
//! the same URL keep running).

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::fake::{self, BotProcess, FakeApi, Launch};

const SECRET: &str = "test-secret_123";

/// POSTs `body` and returns the status code.
async fn post(port: u16, path: &str, secret: Option<&str>, body: &[u8]) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect to webhook");
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    if let Some(s) = secret {
        head.push_str(&format!("x-telegram-bot-api-secret-token: {s}\r\n"));
    }
    head.push_str("\r\n");
    // The server may answer (413) and close before reading a large body.
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body).await;
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response).await;
    let text = String::from_utf8_lossy(&response);
    text.split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"))
}

fn update(id: i64, chat: i64, text: &str) -> Vec<u8> {
    let mut u = fake::text(chat, text);
    u["update_id"] = serde_json::json!(id);
    u.to_string().into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_mode() {
    let api = FakeApi::start().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let url = api.url();
    let bot = BotProcess::launch(Launch {
        api: &url,
        args: &[
            "--webhook-url",
            "https://bot.example.com/hook/abc",
            "--listen",
            &listen,
        ],
        env: &[("FACTBOT_WEBHOOK_SECRET", SECRET)],
        ..Default::default()
    });
    api.wait_until("setWebhook", Duration::from_secs(20), |calls| {
        calls.iter().any(|c| c.method == "setwebhook")
    })
    .await;
    let set = &api.calls_to("setWebhook")[0];
    assert_eq!(set.body["url"], "https://bot.example.com/hook/abc");
    assert_eq!(set.body["secret_token"], SECRET);

    let question = update(
        9001,
        601,
        "How much did China invest in 2013? SECRET-QUESTION-TEXT",
    );
    assert_eq!(
        post(port, "/hook/abc", None, &question).await,
        401,
        "no secret"
    );
    assert_eq!(
        post(port, "/hook/abc", Some("wrong"), &question).await,
        401,
        "wrong secret"
    );
    let huge = vec![b' '; 1024 * 1024];
    assert_eq!(
        post(port, "/hook/abc", Some(SECRET), &huge).await,
        413,
        "oversized body"
    );
    assert_eq!(
        post(port, "/hook/abc", Some(SECRET), b"MALFORMED-BODY-TEXT").await,
        200,
        "malformed body"
    );
    assert_eq!(post(port, "/hook/abc", Some(SECRET), &question).await, 200);
    // Telegram redelivers when unsure: the same update again.
    assert_eq!(post(port, "/hook/abc", Some(SECRET), &question).await, 200);
    assert_eq!(
        post(
            port,
            "/hook/abc",
            Some(SECRET),
            &update(9002, 602, "/about")
        )
        .await,
        200
    );
    api.wait_sent(601, 1).await;
    api.wait_sent(602, 1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let log = bot.stop();

    assert_eq!(api.sent_to(601).len(), 1, "answered once");
    fake::assert_valid_html(api.sent_to(601)[0].text());
    assert!(api.sent_to(602)[0].text().contains("Bury"));
    assert_eq!(
        api.count("deleteWebhook"),
        0,
        "other instances may still use the webhook"
    );
    for echoed in [
        "SECRET-QUESTION-TEXT",
        "MALFORMED-BODY-TEXT",
        SECRET,
        fake::TOKEN_SECRET,
    ] {
        assert!(!log.contains(echoed), "{echoed} in log:\n{log}");
    }
}

#[test]
fn webhook_needs_https_and_both_settings() {
    let cases: [(&[&str], &str); 2] = [
        (
            &[
                "--webhook-url",
                "http://bot.example.com/hook",
                "--listen",
                "127.0.0.1:1",
            ],
            "https",
        ),
        (
            &["--webhook-url", "https://bot.example.com/hook"],
            "--listen",
        ),
    ];
    for (args, expect) in cases {
        let (code, out) = BotProcess::launch(Launch {
            api: "http://127.0.0.1:9",
            args,
            ..Default::default()
        })
        .wait(Duration::from_secs(20));
        assert_eq!(code, Some(2), "{args:?}: {out}");
        assert!(out.contains(expect), "{args:?}: {out}");
    }
}
