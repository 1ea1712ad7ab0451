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

#[test]
fn bad_api_url_exits_2() {
    let (code, out) = run(Launch {
        api: "mailto:someone",
        ..Default::default()
    });
    assert_clean_failure(code, &out, "TELOXIDE_API_URL");
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
