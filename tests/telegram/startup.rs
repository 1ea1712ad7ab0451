//! Start-up: a missing, malformed or rejected token, or an unreachable Bot
//! API, is one clear line on stderr and exit code 2, never a panic; and the
//! token never reaches the output, even at RUST_LOG=trace.

use std::time::Duration;

use crate::fake::{self, BotProcess, FakeApi, Launch};

/// Runs the bot until it exits by itself.
fn run(opts: Launch<'_>) -> (Option<i32>, String) {
    BotProcess::launch(opts).wait(Duration::from_secs(20))
}

fn assert_clean_failure(code: Option<i32>, out: &str, expect: &str) {
    assert_eq!(code, Some(2), "exit code; output:\n{out}");
    assert!(out.contains(expect), "expected {expect:?} in:\n{out}");
    assert!(!out.contains("panicked"), "panic:\n{out}");
    assert!(!out.contains(fake::TOKEN_SECRET), "token in output:\n{out}");
    let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("factbot:")).collect();
    assert_eq!(errors.len(), 1, "one error line:\n{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_token_exits_2() {
    let api = FakeApi::start().await;
    api.faults(|f| f.reject_token = true);
    let url = api.url();
    let (code, out) = run(Launch {
        api: &url,
        ..Default::default()
    });
    assert_clean_failure(code, &out, "rejected the token");
}

/// The token revoked between our check and teloxide's own getMe: still a
/// clean exit, not teloxide's panic.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_revoked_during_start_up_exits_2() {
    let api = FakeApi::start().await;
    api.faults(|f| f.reject_token_after = 1);
    let url = api.url();
    let (code, out) = run(Launch {
        api: &url,
        ..Default::default()
    });
    assert_clean_failure(code, &out, "rejected the token");
}

#[test]
fn missing_token_exits_2() {
    let (code, out) = run(Launch {
        api: "http://127.0.0.1:9",
        token: "",
        ..Default::default()
    });
    assert_clean_failure(code, &out, "TELOXIDE_TOKEN is not set");
}

#[test]
fn malformed_token_exits_2() {
    let (code, out) = run(Launch {
        api: "http://127.0.0.1:9",
        token: "not-a-token",
        ..Default::default()
    });
    assert_clean_failure(code, &out, "TELOXIDE_TOKEN is malformed");
}

#[test]
fn unreachable_api_exits_2() {
    // Nothing listens on a port we just bound and closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let (code, out) = run(Launch {
        api: &url,
        rust_log: "trace",
        ..Default::default()
    });
    assert_clean_failure(code, &out, "cannot reach the Bot API");
}

/// Settings clap parses (URLs, addresses, numbers) get clap's message,
/// which names the option and the value; exit code 2 all the same.
#[test]
fn bad_settings_exit_2() {
    let cases: [(&[(&str, &str)], &str); 4] = [
        (&[("TELOXIDE_API_URL", "mailto:someone")], "--api-url"),
        (&[("FACTBOT_POLL_TIMEOUT", "99")], "--poll-timeout"),
        (&[("FACTBOT_THROTTLE", "fast")], "--throttle"),
        (
            &[("FACTBOT_WEBHOOK_URL", "https://bot.example.com/telegram")],
            "--listen",
        ),
    ];
    for (env, expect) in cases {
        let (code, out) = run(Launch {
            api: "http://127.0.0.1:9",
            env,
            ..Default::default()
        });
        assert_eq!(code, Some(2), "{env:?}: {out}");
        assert!(out.starts_with("error: "), "{env:?}: {out}");
        assert!(
            out.contains(expect),
            "{env:?}: expected {expect:?} in {out}"
        );
        assert!(!out.contains(fake::TOKEN_SECRET), "token in output:\n{out}");
    }
}

/// A bad proxy, or one that cannot be reached, is named as the problem
/// (without a password it may carry).
#[test]
fn bad_proxy_is_named() {
    let cases = [
        ("socks5://user:hunter2@127.0.0.1:1080", "TELOXIDE_PROXY"),
        ("not a url", "TELOXIDE_PROXY"),
        (
            "http://user:hunter2@127.0.0.1:9",
            "through the proxy http://127.0.0.1:9 (TELOXIDE_PROXY)",
        ),
    ];
    for (proxy, expect) in cases {
        let (code, out) = run(Launch {
            // Not a local address, so NO_PROXY does not bypass the proxy.
            api: "http://192.0.2.1:9",
            env: &[("TELOXIDE_PROXY", proxy), ("NO_PROXY", "")],
            ..Default::default()
        });
        assert_clean_failure(code, &out, expect);
        assert!(!out.contains("hunter2"), "password in output:\n{out}");
    }
}

/// A whole session at the most verbose log level: the token (or its secret
/// half) appears nowhere in stdout or stderr, though teloxide and reqwest
/// log every request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_never_logged_at_trace() {
    let api = FakeApi::start().await;
    let url = api.url();
    let bot = BotProcess::launch(Launch {
        api: &url,
        rust_log: "trace",
        ..Default::default()
    });
    api.wait_polling().await;
    api.faults(|f| {
        f.too_many_requests = 1;
        f.drop_get_updates = 1;
    });
    api.push(fake::text(301, "How much did China invest in 2013?"));
    api.push(fake::callback(302, "f:en:investment-china-2013"));
    api.wait_sent(301, 1).await;
    api.wait_sent(302, 1).await;
    let log = bot.stop();
    assert!(log.lines().count() > 50, "trace logging is on:\n{log}");
    assert!(!log.contains(fake::TOKEN), "token in trace log");
    assert!(
        !log.contains(fake::TOKEN_SECRET),
        "token secret in trace log"
    );
}

/// The token can come from `.env` in the working directory.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_from_dotenv() {
    let api = FakeApi::start().await;
    let dir = fake::scratch_dir();
    std::fs::write(
        dir.join(".env"),
        format!("# test\nTELOXIDE_TOKEN={}\n", fake::TOKEN),
    )
    .unwrap();
    let url = api.url();
    let bot = BotProcess::launch(Launch {
        api: &url,
        token: "",
        dir: Some(dir),
        ..Default::default()
    });
    api.wait_polling().await;
    api.push(fake::text(311, "/about"));
    api.wait_sent(311, 1).await;
    let log = bot.stop();
    assert!(!log.contains(fake::TOKEN_SECRET), "{log}");
}

/// A malformed `.env` is reported without echoing its lines (one may hold
/// the token).
#[test]
fn malformed_dotenv_exits_2() {
    let dir = fake::scratch_dir();
    std::fs::write(
        dir.join(".env"),
        format!("TELOXIDE_TOKEN={} 'unclosed\n", fake::TOKEN),
    )
    .unwrap();
    let (code, out) = run(Launch {
        api: "http://127.0.0.1:9",
        token: "",
        dir: Some(dir),
        ..Default::default()
    });
    assert_clean_failure(code, &out, "cannot read .env");
}

/// Ctrl-C (SIGINT) stops the bot as cleanly as SIGTERM.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_exits_0() {
    let (api, bot) = fake::start().await;
    api.push(fake::text(321, "/help"));
    api.wait_sent(321, 1).await;
    let status = std::process::Command::new("kill")
        .args(["-INT", &bot.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let (code, log) = bot.wait(Duration::from_secs(20));
    assert_eq!(code, Some(0), "{log}");
    assert!(log.contains("shutting down"), "{log}");
}

/// Calls the bot can do without (the command menu, the webhook check before
/// polling) failing with HTTP 500 cost no time: the first question is
/// answered at once, and the command menu is registered once the server
/// recovers. (teloxide waits 10 s after any 5xx before it returns the error.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_on_extras_do_not_delay_answers() {
    let api = FakeApi::start().await;
    api.faults(|f| f.server_error = vec!["setmycommands", "getwebhookinfo", "deletewebhook"]);
    api.push(fake::text(331, "How much did China invest in 2013?"));
    let started = std::time::Instant::now();
    let bot = BotProcess::start(&api);
    let sent = api.wait_sent(331, 1).await;
    let took = started.elapsed();
    assert!(sent[0].text().contains("141"), "{}", sent[0].text());
    assert!(
        took < Duration::from_secs(3),
        "first answer after {took:?}:\n{}",
        bot.log()
    );
    assert!(api.count("setMyCommands-500") >= 1, "the menu was tried");
    // The server recovers: the menu is registered in the background.
    api.faults(|f| f.server_error.clear());
    api.wait_until("the command menu", Duration::from_secs(30), |calls| {
        calls.iter().filter(|c| c.method == "setmycommands").count() == 3
    })
    .await;
    bot.stop();
}
