//! Webhook mode: Telegram POSTs updates to our HTTPS URL (through a TLS
//! proxy or load balancer) and teloxide's axum listener receives them.
//!
//! Several instances may sit behind one URL, so every instance registers the
//! same URL and secret (registration is idempotent) and none deletes the
//! webhook on shutdown: that would cut off the instances still running.
//! In front of teloxide's route sits a guard that checks the secret in
//! constant time (401 otherwise), refuses bodies over [`MAX_BODY_BYTES`] (413)
//! and drops unparsable bodies with a log line that does not echo them.

use std::convert::Infallible;
use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use teloxide::prelude::*;
use teloxide::update_listeners::UpdateListener;
use teloxide::update_listeners::webhooks::{Options, axum_no_setup};
use tokio::task::JoinHandle;

use super::handlers::Api;
use super::secret::WebhookSecret;
use super::settings::Webhook;

/// The largest update body accepted. Real updates are a few KB; the Bot API
/// caps a message at 4096 characters and a callback at 64 bytes.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// The header Telegram puts the secret in.
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// Why webhook mode could not start.
#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// Starts the HTTP server and returns the listener the dispatcher reads
/// updates from, and the server task (done once the listener is stopped).
pub async fn start(
    webhook: &Webhook,
) -> Result<
    (
        impl UpdateListener<Err = Infallible> + use<>,
        JoinHandle<()>,
    ),
    WebhookError,
> {
    let options = Options::new(webhook.listen, webhook.url.clone())
        .secret_token(webhook.secret.expose().to_string());
    let (listener, stop_flag, router) = axum_no_setup(options);
    let router = router.layer(axum::middleware::from_fn_with_state(
        webhook.secret.clone(),
        guard,
    ));
    let tcp = tokio::net::TcpListener::bind(webhook.listen)
        .await
        .map_err(|source| WebhookError::Bind {
            addr: webhook.listen,
            source,
        })?;
    let server = tokio::spawn(async move {
        if let Err(err) = axum::serve(tcp, router)
            .with_graceful_shutdown(stop_flag)
            .await
        {
            tracing::error!("webhook server failed: {err}");
        }
    });
    Ok((listener, server))
}

/// Registers the webhook with Telegram.
pub async fn register(bot: &Api, webhook: &Webhook) -> Result<(), teloxide::RequestError> {
    bot.set_webhook(webhook.url.clone())
        .secret_token(webhook.secret.expose().to_string())
        .await?;
    Ok(())
}

async fn guard(State(secret): State<WebhookSecret>, request: Request, next: Next) -> Response {
    let authorised = request
        .headers()
        .get(SECRET_HEADER)
        .is_some_and(|v| secret.matches(v.as_bytes()));
    if !authorised {
        tracing::debug!("webhook request without the secret token refused");
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
        tracing::warn!("webhook request over {MAX_BODY_BYTES} bytes refused");
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    if !has_update_id(&bytes) {
        // 200 so Telegram does not redeliver it forever; the body is user
        // data and is not logged.
        tracing::warn!(
            bytes = bytes.len(),
            "skipping a webhook body that is not an update"
        );
        return StatusCode::OK.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// True for a JSON object with a numeric `update_id`, the least teloxide
/// needs to parse an update (anything else it logs verbatim).
fn has_update_id(body: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Id {
        update_id: u32,
    }
    serde_json::from_slice::<Id>(body).is_ok_and(|id| id.update_id < u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_updates() {
        assert!(has_update_id(br#"{"update_id": 5, "message": {}}"#));
        assert!(!has_update_id(br#"{"message": {}}"#));
        assert!(!has_update_id(b"not json"));
        assert!(!has_update_id(br#"{"update_id": "5"}"#));
    }
}
