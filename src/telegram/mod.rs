//! The Telegram front end: `factbot telegram`. Checks its settings, connects
//! the Bot API client to the update handlers, and hands over to [`run`],
//! which answers until Ctrl-C or SIGTERM; then stores the records of what
//! was asked that are still queued ([`factbot::store`]).
//!
//! Files: [`settings`] reads and checks the arguments and variables,
//! [`secret`] keeps the token out of output and guards the webhook secret,
//! [`errors`] says what went wrong, [`run`] is the bot's life from start to
//! stop, [`handlers`] routes updates, [`message`] turns the core's screens
//! into messages, [`html`] marks them up and [`split`] cuts them to
//! Telegram's size, [`keyboard`] makes buttons, [`feedback`] the 👍/👎
//! under answers, [`commands`] the command menu, [`flood`] the per-user
//! limits, [`listener`] drops repeated and unparsable updates, and
//! [`webhook`] serves webhook mode.

mod commands;
mod errors;
mod feedback;
mod flood;
mod handlers;
mod html;
mod keyboard;
mod listener;
mod message;
mod run;
mod secret;
mod settings;
mod split;
mod webhook;

pub use settings::TelegramArgs;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use factbot::Engine;
use factbot::store::Recorder;
use teloxide::dispatching::Dispatcher;
use teloxide::prelude::*;

use crate::config::Config;
use errors::{LogError, StartError};
use flood::FloodGate;
use handlers::{Api, HandlerError};
use secret::Redactor;
use settings::Settings;

/// Updates are handled by this many workers, each chat (or, for inline
/// queries, each user) always by the same one, so a chat's questions are
/// answered in order. teloxide's default, a worker per chat, keeps every
/// worker and its queue once many chats were active at the same time, so
/// memory would grow with the number of chats ever seen at once; a fixed
/// pool keeps it flat and is far faster than Telegram's 30 messages/s
/// (BENCHMARKS.md).
const WORKERS: i64 = 256;

/// After the replies, how long storing the queued records may take.
const RECORDS_GRACE: Duration = Duration::from_secs(10);

/// `factbot telegram`.
pub fn run(config: &Config, args: &TelegramArgs) -> anyhow::Result<ExitCode> {
    let settings = Settings::from_args(args)?;
    let redactor = settings.token.redactor();
    redactor.install_panic_hook();
    let engine = Arc::new(config.engine()?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(StartError::Runtime)?;
    let recorder = Recorder::start(&config.store);
    let served = runtime.block_on(run::serve(
        settings,
        engine,
        Arc::new(config.clone()),
        recorder.clone(),
        redactor,
    ));
    // Handlers that outlived the grace period are abandoned, not awaited.
    runtime.shutdown_timeout(Duration::from_secs(1));
    // Replies are sent; what they recorded is stored before exiting.
    recorder.close(RECORDS_GRACE);
    served?;
    Ok(ExitCode::SUCCESS)
}

/// The Bot API client. The HTTP client is teloxide's, built here with the
/// proxy: `Bot::from_env` would panic on a bad proxy instead.
fn bot(settings: &Settings) -> Result<Bot, StartError> {
    let mut client = teloxide::net::default_reqwest_settings();
    if let Some(proxy) = &settings.proxy {
        client = client.proxy(proxy.clone());
    }
    let client = client
        .build()
        .map_err(|e| StartError::Client(errors::error_chain(&e)))?;
    let mut bot = Bot::with_client(settings.token.expose(), client);
    if let Some(url) = &settings.api_url {
        bot = bot.set_api_url(url.clone());
    }
    Ok(bot)
}

/// The handlers with what they share (the engine, the configuration, the
/// flood gate, the recorder, the conversations), each chat always on the
/// same worker.
fn dispatcher(
    bot: Api,
    engine: Arc<Engine>,
    config: Arc<Config>,
    flood: Arc<FloodGate>,
    recorder: Recorder,
    redactor: &Redactor,
) -> Dispatcher<Api, HandlerError, i64> {
    let chats: handlers::Chats = Arc::new(std::sync::Mutex::new(
        factbot::conversation::Conversations::new(config.conversations, config.context_ttl),
    ));
    Dispatcher::builder(bot, handlers::schema())
        .dependencies(dptree::deps![engine, config, flood, recorder, chats])
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
        .build()
}
