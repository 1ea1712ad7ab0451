//! A fake Bot API server on 127.0.0.1 and a harness that runs the real
//! `factbot telegram` binary against it.
//!
//! The server is a small hand-written HTTP/1.1 server rather than axum so a
//! test can do what real networks do: drop a connection mid-request, answer
//! slowly, answer 429, repeat a batch of updates.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

/// A token of the shape Telegram gives out (35-character secret).
// Not a real token: written in pieces so secret scanners do not flag it.
pub const TOKEN: &str = concat!("123456789", ":", "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1");
/// The secret half, which must not appear in logs either.
pub const TOKEN_SECRET: &str = "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1";
pub const BOT_ID: i64 = 1000;
pub const BOT_USERNAME: &str = "factbot_test_bot";

/// A request the bot made.
#[derive(Debug, Clone)]
pub struct Call {
    /// Lower-case method name: `sendmessage`, `getupdates`...
    pub method: String,
    pub body: Value,
}

impl Call {
    pub fn chat_id(&self) -> Option<i64> {
        self.body.get("chat_id").and_then(Value::as_i64)
    }
    pub fn text(&self) -> &str {
        self.body.get("text").and_then(Value::as_str).unwrap_or("")
    }
}

/// Misbehaviour to inject; counters are decremented as they fire.
#[derive(Debug, Default)]
pub struct Faults {
    /// getMe answers 401 Unauthorized.
    pub reject_token: bool,
    /// getMe answers 401 after this many successful calls (0: never).
    pub reject_token_after: u32,
    /// The next N sendMessage calls get 429 with retry_after 1.
    pub too_many_requests: u32,
    /// The next N getUpdates calls that have updates to give are dropped:
    /// the connection is closed without an answer.
    pub drop_get_updates: u32,
    /// The next N sendMessage calls are dropped before being processed.
    pub drop_send: u32,
    /// Every answer is delayed this long.
    pub delay: Duration,
    /// The next N getUpdates answers repeat the previous batch as well.
    pub repeat_batches: u32,
    /// Methods (lower case) answered with HTTP 500 for as long as they are
    /// listed, as some Bot API emulators do for calls they do not implement
    /// and as the real Bot API does at bad moments.
    pub server_error: Vec<&'static str>,
}

#[derive(Default)]
struct State {
    /// Updates not yet confirmed by an offset.
    queue: VecDeque<Value>,
    /// The last batch served, for [`Faults::repeat_batches`].
    last_batch: Vec<Value>,
    next_update_id: i64,
    next_message_id: i64,
    calls: Vec<Call>,
    faults: Faults,
    /// The highest offset the bot has sent: every update below it is
    /// confirmed as received and will not be delivered again.
    confirmed: i64,
}

/// The fake server.
#[derive(Clone)]
pub struct FakeApi {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
    arrived: Arc<Notify>,
}

impl FakeApi {
    pub async fn start() -> FakeApi {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind fake server");
        let addr = listener.local_addr().unwrap();
        let api = FakeApi {
            addr,
            state: Arc::new(Mutex::new(State {
                next_update_id: 1,
                next_message_id: 1,
                ..State::default()
            })),
            arrived: Arc::new(Notify::new()),
        };
        let server = api.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let _ = stream.set_nodelay(true);
                let server = server.clone();
                tokio::spawn(async move { server.connection(stream).await });
            }
        });
        api
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn faults<T>(&self, f: impl FnOnce(&mut Faults) -> T) -> T {
        f(&mut self.state.lock().unwrap().faults)
    }

    /// Queues an update (its `update_id` is assigned here) and returns the id.
    pub fn push(&self, mut update: Value) -> i64 {
        let mut s = self.state.lock().unwrap();
        let id = s.next_update_id;
        s.next_update_id += 1;
        update["update_id"] = json!(id);
        s.queue.push_back(update);
        drop(s);
        self.arrived.notify_waiters();
        id
    }

    /// Queues an update exactly as given (for malformed ones).
    pub fn push_raw(&self, update: Value) {
        let mut s = self.state.lock().unwrap();
        if let Some(id) = update.get("update_id").and_then(Value::as_i64) {
            s.next_update_id = s.next_update_id.max(id + 1);
        }
        s.queue.push_back(update);
        drop(s);
        self.arrived.notify_waiters();
    }

    pub fn next_id(&self) -> i64 {
        self.state.lock().unwrap().next_update_id
    }

    /// Updates with ids below this were received by the bot.
    pub fn confirmed(&self) -> i64 {
        self.state.lock().unwrap().confirmed
    }

    pub fn calls(&self) -> Vec<Call> {
        self.state.lock().unwrap().calls.clone()
    }

    pub fn calls_to(&self, method: &str) -> Vec<Call> {
        let m = method.to_ascii_lowercase();
        self.state
            .lock()
            .unwrap()
            .calls
            .iter()
            .filter(|c| c.method == m)
            .cloned()
            .collect()
    }

    /// sendMessage calls to one chat.
    pub fn sent_to(&self, chat: i64) -> Vec<Call> {
        self.calls_to("sendMessage")
            .into_iter()
            .filter(|c| c.chat_id() == Some(chat))
            .collect()
    }

    pub fn count(&self, method: &str) -> usize {
        let m = method.to_ascii_lowercase();
        self.state
            .lock()
            .unwrap()
            .calls
            .iter()
            .filter(|c| c.method == m)
            .count()
    }

    /// Waits until `done` holds for the calls so far.
    pub async fn wait_until(&self, what: &str, timeout: Duration, done: impl Fn(&[Call]) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            if done(&self.state.lock().unwrap().calls) {
                return;
            }
            if Instant::now() > deadline {
                let calls: Vec<String> = self
                    .calls()
                    .iter()
                    .map(|c| format!("{} {}", c.method, c.body))
                    .collect();
                panic!("timed out waiting for {what}; calls:\n{}", calls.join("\n"));
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Waits for `n` sendMessage calls to `chat`.
    pub async fn wait_sent(&self, chat: i64, n: usize) -> Vec<Call> {
        self.wait_until(
            &format!("{n} message(s) to chat {chat}"),
            Duration::from_secs(20),
            |calls| {
                calls
                    .iter()
                    .filter(|c| c.method == "sendmessage" && c.chat_id() == Some(chat))
                    .count()
                    >= n
            },
        )
        .await;
        self.sent_to(chat)
    }

    /// Pushes `per_chat` messages to each of `chats` private chats numbered
    /// from `first_chat`, cycling through `texts`, as fast as possible, and
    /// waits until every one is answered. Returns the time that took and
    /// how many of the messages were questions (not commands).
    pub async fn burst(
        &self,
        first_chat: i64,
        chats: i64,
        per_chat: i64,
        texts: &[&str],
    ) -> (Duration, usize) {
        let before = self.count("sendMessage");
        let started = Instant::now();
        let mut questions = 0;
        for n in 0..per_chat {
            for chat in 0..chats {
                let t = texts[((chat + n) % texts.len() as i64) as usize];
                questions += usize::from(!t.starts_with('/'));
                self.push(text(first_chat + chat, t));
            }
        }
        let total = (chats * per_chat) as usize;
        self.wait_until("every update answered", Duration::from_secs(600), |calls| {
            calls.iter().filter(|c| c.method == "sendmessage").count() >= before + total
        })
        .await;
        (started.elapsed(), questions)
    }

    /// Waits until the bot is polling (it has called getUpdates).
    pub async fn wait_polling(&self) {
        self.wait_until("getUpdates", Duration::from_secs(20), |calls| {
            calls.iter().any(|c| c.method == "getupdates")
        })
        .await;
    }

    async fn connection(&self, stream: TcpStream) {
        let mut stream = stream;
        let mut buf: Vec<u8> = Vec::new();
        loop {
            let Some((head, body)) = read_request(&mut stream, &mut buf).await else {
                return;
            };
            let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
            let Some((token, method)) = path.strip_prefix("/bot").and_then(|p| p.split_once('/'))
            else {
                let _ = respond(
                    &mut stream,
                    404,
                    &json!({"ok": false, "error_code": 404, "description": "Not Found"}),
                )
                .await;
                continue;
            };
            let method = method.to_ascii_lowercase();
            let body: Value = match multipart_boundary(&head) {
                Some(boundary) => multipart(&body, &boundary),
                None => serde_json::from_slice(&body).unwrap_or(Value::Null),
            };
            let delay = self.state.lock().unwrap().faults.delay;
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            if token != TOKEN {
                let _ = respond(
                    &mut stream,
                    401,
                    &json!({"ok": false, "error_code": 401, "description": "Unauthorized"}),
                )
                .await;
                continue;
            }
            let failing = self
                .state
                .lock()
                .unwrap()
                .faults
                .server_error
                .contains(&method.as_str());
            let answer = match method.as_str() {
                _ if failing => self.server_error(&method, body),
                "getupdates" => self.get_updates(&body).await,
                other => self.call(other, body),
            };
            match answer {
                Some((status, value)) => {
                    if respond(&mut stream, status, &value).await.is_err() {
                        return;
                    }
                }
                // Drop the connection without an answer.
                None => return,
            }
        }
    }

    /// Answers every method but getUpdates; `None` drops the connection.
    fn call(&self, method: &str, body: Value) -> Option<(u16, Value)> {
        let mut s = self.state.lock().unwrap();
        let ok = |result: Value| Some((200, json!({"ok": true, "result": result})));
        match method {
            "getme" => {
                let gets = s.calls.iter().filter(|c| c.method == "getme").count() as u32;
                let after = s.faults.reject_token_after;
                if s.faults.reject_token || (after > 0 && gets >= after) {
                    return Some((
                        401,
                        json!({"ok": false, "error_code": 401, "description": "Unauthorized"}),
                    ));
                }
                s.calls.push(Call {
                    method: method.into(),
                    body,
                });
                ok(json!({
                    "id": BOT_ID, "is_bot": true, "first_name": "Factbot", "username": BOT_USERNAME,
                    "can_join_groups": true, "can_read_all_group_messages": false,
                    "supports_inline_queries": true, "has_main_web_app": false
                }))
            }
            "sendmessage" => {
                if s.faults.drop_send > 0 {
                    s.faults.drop_send -= 1;
                    return None;
                }
                if s.faults.too_many_requests > 0 {
                    s.faults.too_many_requests -= 1;
                    s.calls.push(Call {
                        method: "sendmessage-429".into(),
                        body,
                    });
                    return Some((
                        429,
                        json!({"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 1",
                               "parameters": {"retry_after": 1}}),
                    ));
                }
                let id = s.next_message_id;
                s.next_message_id += 1;
                let chat_id = body.get("chat_id").and_then(Value::as_i64).unwrap_or(0);
                let text = body.get("text").cloned().unwrap_or(json!(""));
                s.calls.push(Call {
                    method: method.into(),
                    body,
                });
                ok(json!({
                    "message_id": id, "date": 1_700_000_000,
                    "chat": chat_json(chat_id),
                    "from": {"id": BOT_ID, "is_bot": true, "first_name": "Factbot", "username": BOT_USERNAME},
                    "text": text
                }))
            }
            "editmessagereplymarkup" => {
                let chat_id = body.get("chat_id").and_then(Value::as_i64).unwrap_or(0);
                let message_id = body.get("message_id").and_then(Value::as_i64).unwrap_or(0);
                let markup = body.get("reply_markup").cloned().unwrap_or(json!(null));
                s.calls.push(Call {
                    method: method.into(),
                    body,
                });
                ok(json!({
                    "message_id": message_id, "date": 1_700_000_000,
                    "chat": chat_json(chat_id),
                    "from": {"id": BOT_ID, "is_bot": true, "first_name": "Factbot", "username": BOT_USERNAME},
                    "text": "an answer", "reply_markup": markup
                }))
            }
            _ => {
                s.calls.push(Call {
                    method: method.into(),
                    body,
                });
                ok(json!(true))
            }
        }
    }

    /// A 500 for [`Faults::server_error`], recorded as `<method>-500`.
    fn server_error(&self, method: &str, body: Value) -> Option<(u16, Value)> {
        self.state.lock().unwrap().calls.push(Call {
            method: format!("{method}-500"),
            body,
        });
        Some((
            500,
            json!({"ok": false, "error_code": 500, "description": "Internal Server Error"}),
        ))
    }

    async fn get_updates(&self, body: &Value) -> Option<(u16, Value)> {
        let offset = body.get("offset").and_then(Value::as_i64).unwrap_or(0);
        let limit = body
            .get("limit")
            .and_then(Value::as_u64)
            .unwrap_or(100)
            .clamp(1, 100) as usize;
        let timeout = body
            .get("timeout")
            .and_then(Value::as_u64)
            .unwrap_or(0)
            .min(2);
        let deadline = Instant::now() + Duration::from_secs(timeout);
        self.state.lock().unwrap().calls.push(Call {
            method: "getupdates".into(),
            body: body.clone(),
        });
        loop {
            let notified = self.arrived.notified();
            {
                let mut s = self.state.lock().unwrap();
                s.confirmed = s.confirmed.max(offset);
                // An offset confirms every update before it.
                while s
                    .queue
                    .front()
                    .is_some_and(|u| u["update_id"].as_i64().unwrap_or(0) < offset)
                {
                    s.queue.pop_front();
                }
                if !s.queue.is_empty() {
                    if s.faults.drop_get_updates > 0 {
                        s.faults.drop_get_updates -= 1;
                        return None;
                    }
                    let mut batch: Vec<Value> = s.queue.iter().take(limit).cloned().collect();
                    if s.faults.repeat_batches > 0 && !s.last_batch.is_empty() {
                        s.faults.repeat_batches -= 1;
                        let mut repeated = s.last_batch.clone();
                        repeated.append(&mut batch);
                        batch = repeated;
                    }
                    s.last_batch = batch.clone();
                    return Some((200, json!({"ok": true, "result": batch})));
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Some((200, json!({"ok": true, "result": []})));
            }
            let _ = tokio::time::timeout(left, notified).await;
        }
    }
}

fn chat_json(id: i64) -> Value {
    if id < 0 {
        json!({"id": id, "type": "supergroup", "title": "Test group"})
    } else {
        json!({"id": id, "type": "private", "first_name": "User"})
    }
}

/// The boundary of a multipart body (teloxide sends setWebhook that way).
fn multipart_boundary(head: &str) -> Option<String> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        if !k.trim().eq_ignore_ascii_case("content-type") {
            return None;
        }
        v.split(';')
            .find_map(|p| p.trim().strip_prefix("boundary="))
            .map(|b| b.trim_matches('"').to_string())
    })
}

/// The text fields of a multipart body as a JSON object.
fn multipart(body: &[u8], boundary: &str) -> Value {
    let body = String::from_utf8_lossy(body);
    let mut fields = serde_json::Map::new();
    for part in body.split(&format!("--{boundary}")) {
        let Some((headers, value)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let Some(name) = headers
            .split("name=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
        else {
            continue;
        };
        let value = value.strip_suffix("\r\n").unwrap_or(value);
        fields.insert(name.to_string(), Value::String(value.to_string()));
    }
    Value::Object(fields)
}

/// Reads one request (its head and body); `None` when the peer closed the
/// connection.
async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<(String, Vec<u8>)> {
    let header_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).to_string();
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse().ok())?
        })
        .unwrap_or(0);
    while buf.len() < header_end + length {
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = buf[header_end..header_end + length].to_vec();
    buf.drain(..header_end + length);
    Some((head, body))
}

async fn respond(stream: &mut TcpStream, status: u16, body: &Value) -> std::io::Result<()> {
    let body = body.to_string();
    let reason = match status {
        200 => "OK",
        401 => "Unauthorized",
        404 => "Not Found",
        429 => "Too Many Requests",
        _ => "Error",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    // One write: a separate small write for the body would meet Nagle's
    // algorithm and delayed ACKs, adding ~40 ms to every call.
    let mut response = head.into_bytes();
    response.extend_from_slice(body.as_bytes());
    stream.write_all(&response).await?;
    stream.flush().await
}

// ---- Updates -------------------------------------------------------------

pub fn user(id: i64, lang: &str) -> Value {
    json!({"id": id, "is_bot": false, "first_name": "User", "language_code": lang})
}

pub fn message(chat: i64, from: i64, lang: &str, fields: Value) -> Value {
    let mut m = json!({
        "message_id": 1, "date": 1_700_000_000,
        "chat": chat_json(chat),
        "from": user(from, lang),
    });
    if let (Some(m), Some(extra)) = (m.as_object_mut(), fields.as_object()) {
        m.extend(extra.clone());
    }
    json!({ "message": m })
}

/// A text message in a private chat (chat id = user id).
pub fn text(chat: i64, text: &str) -> Value {
    message(chat, chat, "en", json!({ "text": text }))
}

pub fn text_lang(chat: i64, text: &str, lang: &str) -> Value {
    message(chat, chat, lang, json!({ "text": text }))
}

/// A message in group `chat` (negative) from user `from`.
pub fn group_text(chat: i64, from: i64, text: &str) -> Value {
    message(chat, from, "en", json!({ "text": text }))
}

/// A group message that mentions the bot at the start.
pub fn group_mention(chat: i64, from: i64, question: &str) -> Value {
    let mention = format!("@{BOT_USERNAME}");
    let text = format!("{mention} {question}");
    message(
        chat,
        from,
        "en",
        json!({ "text": text, "entities": [{"type": "mention", "offset": 0, "length": mention.encode_utf16().count()}] }),
    )
}

/// A group message replying to one of the bot's messages.
pub fn group_reply_to_bot(chat: i64, from: i64, text: &str) -> Value {
    let replied = json!({
        "message_id": 77, "date": 1_700_000_000, "chat": chat_json(chat),
        "from": {"id": BOT_ID, "is_bot": true, "first_name": "Factbot", "username": BOT_USERNAME},
        "text": "an earlier answer"
    });
    message(
        chat,
        from,
        "en",
        json!({ "text": text, "reply_to_message": replied }),
    )
}

pub fn sticker(chat: i64) -> Value {
    message(
        chat,
        chat,
        "en",
        json!({"sticker": {
            "file_id": "CAACAgIAAxkBAAE", "file_unique_id": "AgADBAAD", "file_size": 1000,
            "type": "regular", "width": 512, "height": 512, "is_animated": false, "is_video": false,
            "emoji": "👍"
        }}),
    )
}

pub fn photo(chat: i64) -> Value {
    message(
        chat,
        chat,
        "ru",
        json!({"photo": [{"file_id": "AgACAgIAAxk", "file_unique_id": "AQADy", "file_size": 100, "width": 90, "height": 90}]}),
    )
}

/// A button press on a bot message in private chat `chat`.
pub fn callback(chat: i64, data: &str) -> Value {
    json!({"callback_query": {
        "id": format!("cb{chat}"),
        "from": user(chat, "en"),
        "chat_instance": "42",
        "data": data,
        "message": {
            "message_id": 5, "date": 1_700_000_000, "chat": chat_json(chat),
            "from": {"id": BOT_ID, "is_bot": true, "first_name": "Factbot", "username": BOT_USERNAME},
            "text": "an answer"
        }
    }})
}

pub fn inline(from: i64, query: &str) -> Value {
    json!({"inline_query": {"id": format!("iq{from}"), "from": user(from, "en"), "query": query, "offset": ""}})
}

// ---- The bot process -----------------------------------------------------

/// The `factbot telegram` process, killed on drop.
pub struct BotProcess {
    child: Child,
    log: Arc<Mutex<String>>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

/// Options for starting the bot.
pub struct Launch<'a> {
    pub api: &'a str,
    pub token: &'a str,
    pub rust_log: &'a str,
    pub args: &'a [&'a str],
    pub env: &'a [(&'a str, &'a str)],
    /// Working directory; a fresh empty one if `None`.
    pub dir: Option<std::path::PathBuf>,
    /// Run as this user and group (a test running as root uses it to make
    /// files read-only to the bot).
    pub run_as: Option<(u32, u32)>,
    /// Run this executable instead of the one cargo built.
    pub exe: Option<std::path::PathBuf>,
}

impl Default for Launch<'_> {
    fn default() -> Self {
        Launch {
            api: "",
            token: TOKEN,
            rust_log: "info",
            args: &[],
            env: &[],
            dir: None,
            run_as: None,
            exe: None,
        }
    }
}

impl BotProcess {
    pub fn start(api: &FakeApi) -> BotProcess {
        let url = api.url();
        BotProcess::launch(Launch {
            api: &url,
            ..Launch::default()
        })
    }

    pub fn launch(opts: Launch<'_>) -> BotProcess {
        let dir = opts.dir.clone().unwrap_or_else(scratch_dir);
        let exe = opts
            .exe
            .clone()
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_factbot").into());
        let mut cmd = Command::new(exe);
        if let Some((uid, gid)) = opts.run_as {
            use std::os::unix::process::CommandExt as _;
            cmd.uid(uid).gid(gid);
        }
        cmd.arg("telegram")
            .args(opts.args)
            // An empty folder: no `.env` of a developer leaks in.
            .current_dir(&dir)
            .env_remove("TELOXIDE_TOKEN")
            .env_remove("TELOXIDE_PROXY")
            .env_remove("FACTBOT_WEBHOOK_URL")
            .env_remove("FACTBOT_LISTEN")
            .env_remove("FACTBOT_WEBHOOK_SECRET")
            .env_remove("FACTBOT_KNOWLEDGE")
            .env_remove("FACTBOT_DB")
            .env_remove("FACTBOT_RETENTION_DAYS")
            .env_remove("HTTP_PROXY")
            .env_remove("HTTPS_PROXY")
            .env_remove("http_proxy")
            .env_remove("https_proxy")
            .env_remove("ALL_PROXY")
            .env("NO_PROXY", "127.0.0.1,localhost")
            .env("TELOXIDE_API_URL", opts.api)
            .env("RUST_LOG", opts.rust_log)
            .env("NO_COLOR", "1")
            // No proactive rate limits against the fake server: they would
            // only slow the tests (429 handling stays on).
            .env("FACTBOT_THROTTLE", "off")
            .env("FACTBOT_POLL_TIMEOUT", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if !opts.token.is_empty() {
            cmd.env("TELOXIDE_TOKEN", opts.token);
        }
        for (k, v) in opts.env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start factbot");
        let log = Arc::new(Mutex::new(String::new()));
        let mut readers = Vec::new();
        let out: Box<dyn Read + Send> = Box::new(child.stdout.take().unwrap());
        let err: Box<dyn Read + Send> = Box::new(child.stderr.take().unwrap());
        for stream in [out, err] {
            let log = Arc::clone(&log);
            readers.push(std::thread::spawn(move || {
                let mut reader = BufReader::new(stream);
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap_or(0) > 0 {
                    log.lock().unwrap().push_str(&line);
                    line.clear();
                }
            }));
        }
        BotProcess {
            child,
            log,
            readers,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Everything the process printed so far (stdout and stderr).
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Sends SIGTERM.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
    }

    /// Waits for the process to exit; returns its exit code and full output.
    pub fn wait(mut self, timeout: Duration) -> (Option<i32>, String) {
        let deadline = Instant::now() + timeout;
        let code = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "factbot did not exit within {timeout:?}; output:\n{}",
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        for r in self.readers.drain(..) {
            let _ = r.join();
        }
        (code, self.log())
    }

    /// SIGTERM, then waits; asserts a clean exit.
    pub fn stop(self) -> String {
        self.terminate();
        let (code, log) = self.wait(Duration::from_secs(20));
        assert_eq!(code, Some(0), "exit code; output:\n{log}");
        log
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh empty folder under the target dir.
pub fn scratch_dir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "factbot-telegram-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Starts the fake server and the bot, and waits until the bot polls.
pub async fn start() -> (FakeApi, BotProcess) {
    let api = FakeApi::start().await;
    let bot = BotProcess::start(&api);
    api.wait_polling().await;
    (api, bot)
}

/// Asserts `html` is well-formed Telegram HTML: only known tags, balanced,
/// and `&` only in known entities.
pub fn assert_valid_html(html: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        let tail = &rest[i..];
        if tail.starts_with('<') {
            let end = tail
                .find('>')
                .unwrap_or_else(|| panic!("unclosed tag in {html:?}"));
            let tag = &tail[1..end];
            let (closing, name) = match tag.strip_prefix('/') {
                Some(n) => (true, n),
                None => (false, tag.split_whitespace().next().unwrap_or("")),
            };
            assert!(
                [
                    "b",
                    "i",
                    "u",
                    "s",
                    "a",
                    "code",
                    "pre",
                    "blockquote",
                    "tg-spoiler"
                ]
                .contains(&name),
                "unknown tag <{tag}> in {html:?}"
            );
            if closing {
                assert_eq!(stack.pop().as_deref(), Some(name), "unbalanced in {html:?}");
            } else {
                stack.push(name.to_string());
            }
            rest = &tail[end + 1..];
        } else {
            let ok = ["&lt;", "&gt;", "&amp;", "&quot;"]
                .iter()
                .any(|e| tail.starts_with(e));
            assert!(ok, "bare & in {html:?}");
            rest = &tail[1..];
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?} in {html:?}");
}
