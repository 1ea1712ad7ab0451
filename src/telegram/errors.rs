//! What can go wrong, as a person reads it: why the bot could not start (one
//! line, never the token), and handler errors written to the log.

use std::sync::Arc;

use teloxide::error_handlers::ErrorHandler;
use teloxide::{ApiError, RequestError};

use super::run::STARTUP_TIMEOUT;
use super::secret::{self, Redactor, TokenError, WebhookSecretError};
use super::settings::Route;
use super::webhook::WebhookError;

/// Why the bot could not start. Shown as one line; never contains the token.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Token(#[from] TokenError),
    #[error(transparent)]
    WebhookSecret(#[from] WebhookSecretError),
    #[error("{0}")]
    Proxy(String),
    #[error("cannot set up the HTTP client: {0}")]
    Client(String),
    #[error(
        "{route} rejected the token: check {} (get one from @BotFather)",
        secret::TOKEN_VAR
    )]
    Rejected { route: Route },
    #[error("cannot reach {route}: {detail}")]
    Unreachable { route: Route, detail: String },
    #[error("{route} did not answer within {} s", STARTUP_TIMEOUT.as_secs())]
    Timeout { route: Route },
    #[error("{route} refused {what}: {detail}")]
    Refused {
        route: Route,
        what: &'static str,
        detail: String,
    },
    #[error(transparent)]
    Webhook(#[from] WebhookError),
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
}

impl StartError {
    /// What a failed start-up request (`what`: `getMe`, `setWebhook`) means
    /// for the user.
    pub fn request(
        route: &Route,
        what: &'static str,
        err: RequestError,
        redactor: &Redactor,
    ) -> StartError {
        let route = route.clone();
        match err {
            RequestError::Api(ApiError::InvalidToken) => StartError::Rejected { route },
            RequestError::Network(e) => StartError::Unreachable {
                route,
                detail: redactor.redact(&error_chain(&*e)),
            },
            // The raw body may be a whole HTML error page.
            RequestError::InvalidJson { .. } => StartError::Refused {
                route,
                what,
                detail: "the answer is not Bot API JSON".to_string(),
            },
            other => StartError::Refused {
                route,
                what,
                detail: redactor.redact(&error_chain(&other)),
            },
        }
    }
}

/// An error and its sources on one line: reqwest's top-level message alone
/// ("error sending request") does not say what went wrong.
pub fn error_chain(err: &dyn std::error::Error) -> String {
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

/// Logs handler and listener errors without the token.
pub struct LogError(pub Redactor);

impl<E: std::error::Error + Send + Sync + 'static> ErrorHandler<E> for LogError {
    fn handle_error(self: Arc<Self>, error: E) -> futures::future::BoxFuture<'static, ()> {
        let invalid_json = matches!(
            (&error as &(dyn std::error::Error + 'static)).downcast_ref::<RequestError>(),
            Some(RequestError::InvalidJson { .. })
        );
        let line = match invalid_json {
            true => "the Bot API answer is not valid JSON".to_string(),
            false => self.0.redact(&error_chain(&error)),
        };
        tracing::warn!("{line}");
        Box::pin(async {})
    }
}
