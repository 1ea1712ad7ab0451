//! The Telegram front end: `factbot telegram`. Reads its settings from the
//! environment (and `.env`), checks the token against the Bot API, then
//! answers updates by long polling or, with `--webhook-url`, by webhook until
//! Ctrl-C or SIGTERM, finishing the replies in flight before it exits.
//!
//! Files: [`secret`] keeps the token out of output, [`handlers`] routes
//! updates, [`answer`] builds replies, [`html`] marks up and splits them,
//! [`keyboard`] makes buttons, [`feedback`] the 👍/👎 under answers,
//! [`commands`] the command menu, [`flood`] the per-user limits,
//! [`listener`] drops repeated and unparsable updates, and [`webhook`]
//! serves webhook mode.

mod answer;
mod commands;
mod feedback;
mod flood;
mod handlers;
mod html;
mod keyboard;
mod listener;
mod secret;
mod webhook;

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use factbot::Engine;
use factbot::store::Recorder;
use teloxide::adaptors::throttle::{Limits, Throttle};
use teloxide::dispatching::Dispatcher;
use teloxide::error_handlers::ErrorHandler;
use teloxide::prelude::*;
use teloxide::types::Me;
use teloxide::update_listeners::Polling;
use teloxide::{ApiError, RequestError};

use crate::config::{Config, TelegramArgs};
use handlers::{Api, Settings};
use secret::{Redactor, Token, TokenError};
use webhook::Webhook;

/// Where teloxide (and we) read the Bot API server's address.
const API_URL_VAR: &str = "TELOXIDE_API_URL";
/// A proxy for all Bot API requests, as teloxide reads it.
const PROXY_VAR: &str = "TELOXIDE_PROXY";
const WEBHOOK_URL_VAR: &str = "FACTBOT_WEBHOOK_URL";
const LISTEN_VAR: &str = "FACTBOT_LISTEN";
const SECRET_VAR: &str = "FACTBOT_WEBHOOK_SECRET";
const KNOWLEDGE_VAR: &str = "FACTBOT_KNOWLEDGE";
/// `telegram` (default) or `off`; see [`Env::throttle`].
const THROTTLE_VAR: &str = "FACTBOT_THROTTLE";
/// Long-poll timeout in seconds (default 10).
const POLL_TIMEOUT_VAR: &str = "FACTBOT_POLL_TIMEOUT";
/// Messages a user may send in a burst before "slow down" (default 8).
const FLOOD_BURST_VAR: &str = "FACTBOT_FLOOD_BURST";

/// Updates are handled by this many workers, each chat (or, for inline
/// queries, each user) always by the same one, so a chat's questions are
/// answered in order. teloxide's default, a worker per chat, keeps every
/// worker and its queue (a block of 32 updates, ~62 KB) for ever once many
/// chats were active at the same time: memory grew with the number of chats
/// seen at once (60 MB after 1,000) and never came back. 256 workers answer
/// ~1,000 updates/s against a local server, far above Telegram's 30 messages/s.
const WORKERS: i64 = 256;

/// How long start-up waits for the Bot API before giving up.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(10);
/// After a shutdown signal, how long replies in flight may take.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);
/// After the replies, how long storing the queued records may take.
const RECORDS_GRACE: Duration = Duration::from_secs(10);

/// Why the bot could not start. Shown as one line; never contains the token.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot read .env: {0}")]
    DotEnv(String),
    #[error(transparent)]
    Token(#[from] TokenError),
    #[error("{API_URL_VAR} is not an http(s) URL: {0}")]
    ApiUrl(String),
    #[error("cannot set up the HTTP client ({PROXY_VAR}?): {0}")]
    Proxy(String),
    #[error("{WEBHOOK_URL_VAR} / --webhook-url is not a valid https URL: {0}")]
    WebhookUrl(String),
    #[error("{LISTEN_VAR} / --listen is not an ADDR:PORT address: {0}")]
    Listen(String),
    #[error(
        "webhook mode needs both --webhook-url and --listen (or {WEBHOOK_URL_VAR} and {LISTEN_VAR})"
    )]
    WebhookHalf,
    #[error("{SECRET_VAR} must be 1-256 characters of A-Z, a-z, 0-9, '_' and '-'")]
    Secret,
    #[error("{THROTTLE_VAR} must be 'telegram' or 'off', not {0:?}")]
    Throttle(String),
    #[error("{POLL_TIMEOUT_VAR} must be a number of seconds from 0 to 15, not {0:?}")]
    PollTimeout(String),
    #[error("{FLOOD_BURST_VAR} must be a number of messages from 1 to 1000, not {0:?}")]
    FloodBurst(String),
    #[error(
        "the Bot API at {api} rejected the token: check {} (get one from @BotFather)",
        secret::TOKEN_VAR
    )]
    Rejected { api: String },
    #[error("cannot reach the Bot API at {api}: {detail}")]
    Unreachable { api: String, detail: String },
    #[error("the Bot API at {api} did not answer within {} s", STARTUP_TIMEOUT.as_secs())]
    Timeout { api: String },
    #[error("the Bot API at {api} refused {what}: {detail}")]
    Refused {
        api: String,
        what: &'static str,
        detail: String,
    },
    #[error(transparent)]
    Webhook(#[from] webhook::WebhookError),
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
}

/// Everything `factbot telegram` reads from its arguments and environment.
struct Env {
    token: Token,
    api_url: Option<url::Url>,
    webhook: Option<Webhook>,
    /// Whether the webhook secret was generated (then only this instance
    /// knows it, and a second instance would replace it).
    secret_generated: bool,
    /// Throttle to Telegram's documented limits (`telegram`), or only honour
    /// 429 retry-after (`off`: for a local test server, which has no limits).
    throttle: Limits,
    poll_timeout: Duration,
    flood: flood::Limits,
}

/// Reads an optional variable; unset and empty are the same (an empty line
/// in `.env` means "not set").
fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Env {
    /// `.env` is loaded after clap ran, so the variables clap reads from the
    /// environment are looked up again here to honour `.env` too.
    fn read(args: &TelegramArgs) -> Result<Env, StartError> {
        let token = Token::from_env()?;
        let api_url = match var(API_URL_VAR) {
            None => None,
            Some(s) => {
                let url =
                    url::Url::parse(s.trim()).map_err(|e| StartError::ApiUrl(e.to_string()))?;
                if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
                    return Err(StartError::ApiUrl(format!("scheme {:?}", url.scheme())));
                }
                Some(url)
            }
        };
        let webhook_url = args.webhook_url.clone().or_else(|| var(WEBHOOK_URL_VAR));
        let listen = match (args.listen, var(LISTEN_VAR)) {
            (Some(addr), _) => Some(addr),
            (None, Some(s)) => Some(
                s.trim()
                    .parse::<SocketAddr>()
                    .map_err(|e| StartError::Listen(e.to_string()))?,
            ),
            (None, None) => None,
        };
        let mut secret_generated = false;
        let webhook = match (webhook_url, listen) {
            (None, None) => None,
            (Some(url), Some(listen)) => {
                let url = url::Url::parse(url.trim())
                    .map_err(|e| StartError::WebhookUrl(e.to_string()))?;
                if url.scheme() != "https" {
                    return Err(StartError::WebhookUrl(
                        "Telegram only posts to https URLs".into(),
                    ));
                }
                let secret = match var(SECRET_VAR) {
                    Some(s) if webhook::valid_secret(s.trim()) => s.trim().to_string(),
                    Some(_) => return Err(StartError::Secret),
                    None => {
                        secret_generated = true;
                        webhook::generate_secret()
                    }
                };
                Some(Webhook {
                    url,
                    listen,
                    secret,
                })
            }
            _ => return Err(StartError::WebhookHalf),
        };
        let throttle = match var(THROTTLE_VAR).as_deref().map(str::trim) {
            None | Some("telegram") => Limits::default(),
            Some("off") => Limits {
                messages_per_sec_chat: 10_000,
                messages_per_min_chat: 1_000_000,
                messages_per_min_channel_or_supergroup: 1_000_000,
                messages_per_sec_overall: 10_000,
            },
            Some(other) => return Err(StartError::Throttle(other.to_string())),
        };
        let poll_timeout = match var(POLL_TIMEOUT_VAR) {
            None => Duration::from_secs(10),
            // Under reqwest's 17 s request timeout in teloxide's client.
            Some(s) => match s.trim().parse::<u64>() {
                Ok(n) if n <= 15 => Duration::from_secs(n),
                _ => return Err(StartError::PollTimeout(s)),
            },
        };
        let mut flood = flood::Limits::default();
        if let Some(s) = var(FLOOD_BURST_VAR) {
            flood.burst = match s.trim().parse::<u32>() {
                Ok(n) if (1..=1000).contains(&n) => n,
                _ => return Err(StartError::FloodBurst(s)),
            };
        }
        Ok(Env {
            token,
            api_url,
            webhook,
            secret_generated,
            throttle,
            poll_timeout,
            flood,
        })
    }

    /// The Bot API server as shown in messages: its origin, no path.
    fn api_shown(&self) -> String {
        self.api_url
            .as_ref()
            .map_or("https://api.telegram.org".to_string(), |u| {
                u.origin().ascii_serialization()
            })
    }
}

/// `factbot telegram`.
pub fn run(config: &Config, args: &TelegramArgs) -> anyhow::Result<ExitCode> {
    load_dotenv()?;
    let env = Env::read(args)?;
    let redactor = env.token.redactor();
    redactor.install_panic_hook();
    let mut config = config.clone();
    if config.knowledge.is_none() {
        config.knowledge = var(KNOWLEDGE_VAR).map(Into::into);
    }
    let engine = Arc::new(config.engine()?);
    config.store.fill_from_env().map_err(anyhow::Error::msg)?;
    let recorder = Recorder::start(&config.store);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(StartError::Runtime)?;
    let settings = Settings { lang: config.lang };
    let served = runtime.block_on(serve(env, engine, settings, recorder.clone(), redactor));
    // Handlers that outlived the grace period are abandoned, not awaited.
    runtime.shutdown_timeout(Duration::from_secs(1));
    // Replies are sent; what they recorded is stored before exiting.
    recorder.close(RECORDS_GRACE);
    served?;
    Ok(ExitCode::SUCCESS)
}

/// Loads `.env` from the working directory if there is one. A parse error
/// names the line only: the line may hold the token.
fn load_dotenv() -> Result<(), StartError> {
    match dotenvy::dotenv() {
        Ok(_) => Ok(()),
        Err(e) if e.not_found() => Ok(()),
        Err(dotenvy::Error::LineParse(_, index)) => Err(StartError::DotEnv(format!(
            "cannot parse it at character {index}"
        ))),
        Err(dotenvy::Error::Io(e)) => Err(StartError::DotEnv(e.to_string())),
        Err(_) => Err(StartError::DotEnv("malformed file".into())),
    }
}

async fn serve(
    env: Env,
    engine: Arc<Engine>,
    settings: Settings,
    recorder: Recorder,
    redactor: Redactor,
) -> Result<(), StartError> {
    let mut bot = Bot::with_client(env.token.expose(), http_client()?);
    if let Some(url) = &env.api_url {
        bot = bot.set_api_url(url.clone());
    }
    let api = env.api_shown();
    let me = check_token(&bot, &api, &redactor).await?;
    tracing::info!(username = me.username(), api = %api, "connected to the Bot API");

    let bot: Api = Throttle::new_spawn(bot, env.throttle);
    // Not fatal: the bot answers without a command menu.
    match tokio::time::timeout(STARTUP_TIMEOUT, commands::register(&bot)).await {
        Ok(Ok(())) => {}
        Ok(Err(err)) => {
            tracing::warn!(
                "cannot register the command menu: {}",
                redactor.redact(&error_chain(&err))
            )
        }
        Err(_) => tracing::warn!("cannot register the command menu: no answer in time"),
    }

    let flood = Arc::new(flood::FloodGate::new(env.flood));
    let mut dispatcher = Dispatcher::builder(bot.clone(), handlers::schema())
        .dependencies(dptree::deps![engine, Arc::new(settings), flood, recorder])
        .default_handler(|update| async move {
            tracing::debug!(update_id = update.id.0, "update not for factbot");
        })
        .error_handler(Arc::new(LogError(redactor.clone())))
        .distribution_function(|update| {
            let key = update
                .chat()
                .map(|c| c.id.0)
                .or_else(|| update.from().map(|u| u.id.0 as i64));
            key.map(|k| k.rem_euclid(WORKERS))
        })
        .build();
    let shutdown = dispatcher.shutdown_token();
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("shutting down: finishing replies in flight");
        // The dispatcher refuses while it is still starting; retry briefly.
        while shutdown.shutdown().is_err() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    let errors = Arc::new(LogError(redactor.clone()));

    let dispatch = async {
        match &env.webhook {
            None => {
                let polling = Polling::builder(bot.clone())
                    .timeout(env.poll_timeout)
                    .backoff_strategy(backoff)
                    .delete_webhook()
                    .await
                    .build();
                // teloxide calls getMe again here; `try_` so a failure is an
                // error, not its panic.
                dispatcher
                    .try_dispatch_with_listener(listener::Guarded::new(polling), errors)
                    .await
                    .map_err(|e| startup_failure(&api, "getMe", e, &redactor))
            }
            Some(hook) => {
                if env.secret_generated {
                    tracing::warn!(
                        "{SECRET_VAR} is not set: using a generated secret; set it to run several instances behind one URL"
                    );
                }
                let (updates, server) = webhook::start(hook).await?;
                match tokio::time::timeout(STARTUP_TIMEOUT, webhook::register(&bot, hook)).await {
                    Err(_) => return Err(StartError::Timeout { api: api.clone() }),
                    Ok(Err(e)) => return Err(startup_failure(&api, "setWebhook", e, &redactor)),
                    Ok(Ok(())) => {}
                }
                tracing::info!(url = %hook.url, listen = %hook.listen, "webhook registered");
                let result = dispatcher
                    .try_dispatch_with_listener(listener::Guarded::new(updates), errors)
                    .await
                    .map_err(|e| startup_failure(&api, "getMe", e, &redactor));
                let _ = tokio::time::timeout(Duration::from_secs(5), server).await;
                result
            }
        }
    };
    tokio::select! {
        result = dispatch => result?,
        () = async { wait_for_signal().await; tokio::time::sleep(SHUTDOWN_GRACE).await } => {
            tracing::warn!("replies still in flight after {} s: exiting anyway", SHUTDOWN_GRACE.as_secs());
        }
    }
    tracing::info!("stopped");
    Ok(())
}

/// teloxide's HTTP client settings, with `TELOXIDE_PROXY` like
/// `Bot::from_env`, which panics on a bad proxy or client instead.
fn http_client() -> Result<reqwest::Client, StartError> {
    let mut builder = teloxide::net::default_reqwest_settings();
    if let Some(proxy) = var(PROXY_VAR) {
        let proxy =
            reqwest::Proxy::all(proxy.trim()).map_err(|e| StartError::Proxy(e.to_string()))?;
        builder = builder.proxy(proxy);
    }
    builder
        .build()
        .map_err(|e| StartError::Proxy(e.to_string()))
}

/// Checks the token with `getMe`, with a timeout: teloxide's dispatcher
/// would panic on a failed `getMe`, and would wait for ever on a silent one.
async fn check_token(bot: &Bot, api: &str, redactor: &Redactor) -> Result<Me, StartError> {
    let api = api.to_string();
    match tokio::time::timeout(STARTUP_TIMEOUT, bot.get_me().send()).await {
        Err(_) => Err(StartError::Timeout { api }),
        // Handlers need the username (mentions, `/cmd@bot`); teloxide would
        // panic without it.
        Ok(Ok(me)) if me.user.username.is_none() => Err(StartError::Refused {
            api,
            what: "getMe",
            detail: "the bot has no username".into(),
        }),
        Ok(Ok(me)) => Ok(me),
        Ok(Err(e)) => Err(startup_failure(&api, "getMe", e, redactor)),
    }
}

/// What a failed start-up request means for the user.
fn startup_failure(
    api: &str,
    what: &'static str,
    err: RequestError,
    redactor: &Redactor,
) -> StartError {
    let api = api.to_string();
    match err {
        RequestError::Api(ApiError::InvalidToken) => StartError::Rejected { api },
        RequestError::Network(e) => StartError::Unreachable {
            api,
            detail: redactor.redact(&error_chain(&*e)),
        },
        e => refused(&api, what, &e, redactor),
    }
}

fn refused(api: &str, what: &'static str, err: &RequestError, redactor: &Redactor) -> StartError {
    let detail = match err {
        // The raw body may be a whole HTML error page.
        RequestError::InvalidJson { .. } => "the answer is not Bot API JSON".to_string(),
        other => redactor.redact(&error_chain(other)),
    };
    StartError::Refused {
        api: api.to_string(),
        what,
        detail,
    }
}

/// An error and its sources on one line: reqwest's top-level message alone
/// ("error sending request") does not say what went wrong.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(e) = source {
        let s = e.to_string();
        if !out.contains(&s) {
            out.push_str(": ");
            out.push_str(&s);
        }
        source = e.source();
    }
    out.replace('\n', " ")
}

/// Retry delays after a failed `getUpdates`: quick at first (a dropped
/// connection is usually a blip), doubling to a minute.
fn backoff(errors: u32) -> Duration {
    Duration::from_millis(200u64 << errors.min(9)).min(Duration::from_secs(60))
}

/// Resolves on Ctrl-C or SIGTERM.
async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Logs handler and listener errors without the token.
struct LogError(Redactor);

impl<E: std::error::Error + Send + Sync + 'static> ErrorHandler<E> for LogError {
    fn handle_error(self: Arc<Self>, error: E) -> futures::future::BoxFuture<'static, ()> {
        let line = match error_source_is_invalid_json(&error) {
            true => "the Bot API answer is not valid JSON".to_string(),
            false => self.0.redact(&error_chain(&error)),
        };
        tracing::warn!("{line}");
        Box::pin(async {})
    }
}

fn error_source_is_invalid_json(err: &(dyn std::error::Error + 'static)) -> bool {
    matches!(
        err.downcast_ref::<RequestError>(),
        Some(RequestError::InvalidJson { .. })
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backs_off_quickly_then_slowly() {
        assert_eq!(backoff(0), Duration::from_millis(200));
        assert_eq!(backoff(1), Duration::from_millis(400));
        assert_eq!(backoff(100), Duration::from_secs(60));
    }
}
