//! The bot's life from start to stop: check the token, answer updates by long
//! polling or webhook, make the calls it can do without in the background,
//! and on Ctrl-C or SIGTERM finish the replies in flight before returning.

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use factbot::Engine;
use factbot::store::Recorder;
use teloxide::adaptors::throttle::Throttle;
use teloxide::prelude::*;
use teloxide::stop::StopToken;
use teloxide::types::Me;
use teloxide::update_listeners::{Polling, UpdateListener};

use super::errors::{LogError, StartError, error_chain};
use super::flood::FloodGate;
use super::handlers::Api;
use super::secret::{Redactor, WEBHOOK_SECRET_VAR};
use super::settings::{Route, Settings};
use super::{commands, listener, webhook};
use crate::config::Config;

/// How long start-up waits for the Bot API before giving up.
pub const STARTUP_TIMEOUT: Duration = Duration::from_secs(10);
/// After a shutdown signal, how long replies in flight may take.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);
/// A background call gets this long per attempt: teloxide itself waits 10 s
/// after a 5xx before it returns the error.
const EXTRA_TIMEOUT: Duration = Duration::from_secs(30);
/// Attempts at a background call before giving up on it.
const EXTRA_ATTEMPTS: u32 = 10;

/// Runs the bot until a shutdown signal.
pub async fn serve(
    settings: Settings,
    engine: Arc<Engine>,
    config: Arc<Config>,
    recorder: Recorder,
    redactor: Redactor,
) -> Result<(), StartError> {
    let route = &settings.route;
    let bot = super::bot(&settings)?;
    let me = check_token(&bot, route, &redactor).await?;
    tracing::info!(username = me.username(), api = %route.api, "connected to the Bot API");

    let bot: Api = Throttle::new_spawn(bot, settings.throttle);
    spawn_extras(&bot, settings.webhook.is_none(), &redactor);
    let flood = Arc::new(FloodGate::new(settings.flood));
    let mut dispatcher = super::dispatcher(bot.clone(), engine, config, flood, recorder, &redactor);
    let shutdown = dispatcher.shutdown_token();
    // The listener's own stop token, set below before dispatching starts.
    let listener_stop: Arc<Mutex<Option<StopToken>>> = Arc::default();
    let stop = listener_stop.clone();
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("shutting down: finishing replies in flight");
        // The dispatcher refuses while it is still starting; retry briefly.
        while shutdown.shutdown().is_err() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // teloxide 0.17 only notices the shutdown when it happens while
        // the dispatcher waits for an update: one that comes while it hands
        // an update to a worker is lost, and it would poll on until our
        // grace ran out (seen about once in 40 runs of a busy test).
        // Stopping the listener too ends its stream either way; the
        // dispatcher then still waits for the replies in flight.
        if let Some(token) = stop.lock().unwrap_or_else(PoisonError::into_inner).take() {
            token.stop();
        }
    });
    let keep_stop = |token: StopToken| {
        *listener_stop.lock().unwrap_or_else(PoisonError::into_inner) = Some(token);
    };
    let errors = Arc::new(LogError(redactor.clone()));
    // teloxide calls getMe again when dispatching starts; `try_` so a
    // failure is an error, not its panic.
    let dispatch_failed = |e| StartError::request(route, "getMe", e, &redactor);

    let dispatch = async {
        match &settings.webhook {
            None => {
                // No `delete_webhook()` here: a webhook left from webhook mode
                // is removed in the background (see `spawn_extras`).
                let polling = Polling::builder(bot.clone())
                    .timeout(settings.poll_timeout)
                    .backoff_strategy(backoff)
                    .build();
                let mut listener = listener::Guarded::new(polling);
                keep_stop(listener.stop_token());
                dispatcher
                    .try_dispatch_with_listener(listener, errors)
                    .await
                    .map_err(dispatch_failed)
            }
            Some(hook) => {
                if hook.secret_generated {
                    tracing::warn!(
                        "{WEBHOOK_SECRET_VAR} is not set: using a generated secret; set it to run several instances behind one URL"
                    );
                }
                let (updates, server) = webhook::start(hook).await?;
                match tokio::time::timeout(STARTUP_TIMEOUT, webhook::register(&bot, hook)).await {
                    Err(_) => {
                        return Err(StartError::Timeout {
                            route: route.clone(),
                        });
                    }
                    Ok(Err(e)) => {
                        return Err(StartError::request(route, "setWebhook", e, &redactor));
                    }
                    Ok(Ok(())) => {}
                }
                tracing::info!(url = %hook.url, listen = %hook.listen, "webhook registered");
                let mut listener = listener::Guarded::new(updates);
                keep_stop(listener.stop_token());
                let result = dispatcher
                    .try_dispatch_with_listener(listener, errors)
                    .await
                    .map_err(dispatch_failed);
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

/// Checks the token with `getMe`, with a timeout: teloxide's dispatcher
/// would panic on a failed `getMe`, and would wait for ever on a silent one.
async fn check_token(bot: &Bot, route: &Route, redactor: &Redactor) -> Result<Me, StartError> {
    match tokio::time::timeout(STARTUP_TIMEOUT, bot.get_me().send()).await {
        Err(_) => Err(StartError::Timeout {
            route: route.clone(),
        }),
        // Handlers need the username (mentions, `/cmd@bot`); teloxide would
        // panic without it.
        Ok(Ok(me)) if me.user.username.is_none() => Err(StartError::Refused {
            route: route.clone(),
            what: "getMe",
            detail: "the bot has no username".into(),
        }),
        Ok(Ok(me)) => Ok(me),
        Ok(Err(e)) => Err(StartError::request(route, "getMe", e, redactor)),
    }
}

/// Starts the calls the bot answers without, so that no answer waits on
/// them: the command menu, and when polling, removing a webhook left from
/// webhook mode (until it is gone Telegram refuses `getUpdates`, which
/// polling retries). Each is retried in the background until it succeeds.
fn spawn_extras(bot: &Api, polling: bool, redactor: &Redactor) {
    spawn_retrying(
        "register the command menu",
        bot,
        redactor,
        |bot| async move { commands::register(&bot).await },
    );
    if polling {
        spawn_retrying("remove the webhook", bot, redactor, |bot| async move {
            bot.delete_webhook().await.map(drop)
        });
    }
}

/// Runs [`retrying`] on a task of its own, `call` given a handle to the bot.
fn spawn_retrying<F, Fut, E>(what: &'static str, bot: &Api, redactor: &Redactor, call: F)
where
    F: Fn(Api) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), E>> + Send,
    E: std::error::Error,
{
    let (bot, redactor) = (bot.clone(), redactor.clone());
    tokio::spawn(async move { retrying(what, redactor, || call(bot.clone())).await });
}

/// Makes `call` until it succeeds, waiting longer after each failure
/// ([`extra_delay`]), at most [`EXTRA_ATTEMPTS`] times.
async fn retrying<F, Fut, E>(what: &'static str, redactor: Redactor, mut call: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<(), E>>,
    E: std::error::Error,
{
    for attempt in 1..=EXTRA_ATTEMPTS {
        let why = match tokio::time::timeout(EXTRA_TIMEOUT, call()).await {
            Ok(Ok(())) => {
                if attempt > 1 {
                    tracing::info!("could {what} at attempt {attempt}");
                }
                return;
            }
            Ok(Err(err)) => redactor.redact(&error_chain(&err)),
            Err(_) => "no answer in time".to_string(),
        };
        let delay = extra_delay(attempt);
        tracing::warn!(
            "cannot {what} (attempt {attempt}): {why}; trying again in {} s",
            delay.as_secs()
        );
        tokio::time::sleep(delay).await;
    }
    tracing::warn!("cannot {what}: gave up after {EXTRA_ATTEMPTS} attempts");
}

/// The wait after the `attempt`th failure of a background call: 2 s,
/// doubling to 10 minutes.
fn extra_delay(attempt: u32) -> Duration {
    Duration::from_secs(2u64 << attempt.saturating_sub(1).min(9)).min(Duration::from_secs(600))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backs_off_quickly_then_slowly() {
        assert_eq!(backoff(0), Duration::from_millis(200));
        assert_eq!(backoff(1), Duration::from_millis(400));
        assert_eq!(backoff(100), Duration::from_secs(60));
    }

    #[test]
    fn retries_extras_ever_more_slowly() {
        let delays: Vec<u64> = (1..=EXTRA_ATTEMPTS)
            .map(|a| extra_delay(a).as_secs())
            .collect();
        assert_eq!(delays, [2, 4, 8, 16, 32, 64, 128, 256, 512, 600]);
    }
}
