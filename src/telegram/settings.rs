//! The bot's settings: the `factbot telegram` arguments, each also read by
//! clap from its `FACTBOT_*` or `TELOXIDE_*` variable (and so from `.env`,
//! which `main` loads first), checked once into [`Settings`].

use std::net::SocketAddr;
use std::time::Duration;

use clap::{Args, ValueEnum};
use teloxide::adaptors::throttle::Limits;
use url::Url;

use super::errors::StartError;
use super::flood;
use super::secret::{Token, WebhookSecret};

/// The Bot API server used when `--api-url` is not given.
const DEFAULT_API: &str = "https://api.telegram.org";

/// `factbot telegram`'s arguments.
///
/// The token, the webhook secret and the proxy (which may carry a password)
/// are checked in [`Settings::from_args`] rather than by clap value parsers:
/// clap's message for a bad value repeats the value.
#[derive(Debug, Args)]
pub struct TelegramArgs {
    /// The bot's token from @BotFather. Better in the environment or .env
    /// than here: other users of the machine can see command lines.
    #[arg(
        long,
        env = "TELOXIDE_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    token: Option<String>,

    /// Another Bot API server, e.g. a self-hosted telegram-bot-api
    /// [default: https://api.telegram.org].
    #[arg(long, env = "TELOXIDE_API_URL", value_name = "URL", value_parser = api_url)]
    api_url: Option<Url>,

    /// An HTTP(S) proxy for all Bot API requests, e.g. http://proxy:3128.
    #[arg(
        long,
        env = "TELOXIDE_PROXY",
        hide_env_values = true,
        value_name = "URL"
    )]
    proxy: Option<String>,

    /// Run in webhook mode: the public HTTPS URL Telegram sends updates to.
    #[arg(
        long,
        env = "FACTBOT_WEBHOOK_URL",
        value_name = "URL",
        value_parser = webhook_url,
        requires = "listen"
    )]
    webhook_url: Option<Url>,

    /// Webhook mode: the local address to listen on, e.g. 127.0.0.1:8443.
    #[arg(
        long,
        env = "FACTBOT_LISTEN",
        value_name = "ADDR:PORT",
        requires = "webhook_url"
    )]
    listen: Option<SocketAddr>,

    /// Webhook mode: the secret Telegram sends with every update, 1-256 of
    /// A-Z a-z 0-9 _ - [default: generated at start-up].
    #[arg(
        long,
        env = "FACTBOT_WEBHOOK_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    webhook_secret: Option<String>,

    /// Rate limits on sending.
    #[arg(long, env = "FACTBOT_THROTTLE", value_enum, default_value_t = Throttle::Telegram)]
    throttle: Throttle,

    /// Long-poll timeout in seconds, 0-15 (under the 17 s teloxide's HTTP
    /// client allows a request).
    #[arg(
        long,
        env = "FACTBOT_POLL_TIMEOUT",
        value_name = "SECONDS",
        default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(0..=15)
    )]
    poll_timeout: u64,

    /// Messages a user may send in a burst before being asked to slow down
    /// (then one more a second), 1-1000.
    #[arg(
        long,
        env = "FACTBOT_FLOOD_BURST",
        value_name = "MESSAGES",
        default_value_t = flood::Limits::default().burst,
        value_parser = clap::value_parser!(u32).range(1..=1000)
    )]
    flood_burst: u32,
}

/// How fast the bot may send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Throttle {
    /// Telegram's documented limits: about 30 messages/s overall, 1/s per chat.
    Telegram,
    /// Only honour 429 retry-after: for a local test server, never for
    /// api.telegram.org.
    Off,
}

impl Throttle {
    fn limits(self) -> Limits {
        match self {
            Throttle::Telegram => Limits::default(),
            Throttle::Off => Limits {
                messages_per_sec_chat: 10_000,
                messages_per_min_chat: 1_000_000,
                messages_per_min_channel_or_supergroup: 1_000_000,
                messages_per_sec_overall: 10_000,
            },
        }
    }
}

/// Webhook mode's settings.
#[derive(Clone)]
pub struct Webhook {
    /// The public URL Telegram posts to; its path is the route served.
    pub url: Url,
    /// Where to listen.
    pub listen: SocketAddr,
    /// Telegram sends this in every request; requests without it are refused.
    pub secret: WebhookSecret,
    /// The secret was generated: only this instance knows it, and a second
    /// instance would replace it.
    pub secret_generated: bool,
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhook")
            .field("url", &self.url.as_str())
            .field("listen", &self.listen)
            .finish()
    }
}

/// Everything `factbot telegram` runs with, checked.
#[derive(Debug)]
pub struct Settings {
    pub token: Token,
    /// The Bot API server; `None` for teloxide's default.
    pub api_url: Option<Url>,
    /// The proxy for Bot API requests.
    pub proxy: Option<reqwest::Proxy>,
    /// Where requests go, for messages: the API's origin and the proxy's.
    pub route: Route,
    /// Webhook mode; `None` for long polling.
    pub webhook: Option<Webhook>,
    pub throttle: Limits,
    pub poll_timeout: Duration,
    pub flood: flood::Limits,
}

/// Where Bot API requests go, as shown in messages: origins only, never a
/// path (the token is in it) or a proxy's password.
#[derive(Debug, Clone)]
pub struct Route {
    pub api: String,
    pub proxy: Option<String>,
}

impl std::fmt::Display for Route {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the Bot API at {}", self.api)?;
        if let Some(proxy) = &self.proxy {
            write!(f, " through the proxy {proxy} (TELOXIDE_PROXY)")?;
        }
        Ok(())
    }
}

impl Settings {
    /// Checks what clap could not: the token, the webhook secret, the proxy.
    pub fn from_args(args: &TelegramArgs) -> Result<Settings, StartError> {
        let token = Token::parse(args.token.as_deref().unwrap_or(""))?;
        let (proxy, proxy_shown) = match &args.proxy {
            None => (None, None),
            Some(s) => {
                let (proxy, shown) = proxy(s).map_err(StartError::Proxy)?;
                (Some(proxy), Some(shown))
            }
        };
        let webhook = match (&args.webhook_url, args.listen) {
            (Some(url), Some(listen)) => {
                let (secret, secret_generated) = match &args.webhook_secret {
                    Some(s) => (WebhookSecret::parse(s)?, false),
                    None => (WebhookSecret::generate()?, true),
                };
                Some(Webhook {
                    url: url.clone(),
                    listen,
                    secret,
                    secret_generated,
                })
            }
            // clap's `requires` refuses one without the other.
            _ => None,
        };
        let route = Route {
            api: args.api_url.as_ref().map_or(DEFAULT_API.to_string(), |u| {
                u.origin().ascii_serialization()
            }),
            proxy: proxy_shown,
        };
        Ok(Settings {
            token,
            api_url: args.api_url.clone(),
            proxy,
            route,
            webhook,
            throttle: args.throttle.limits(),
            poll_timeout: Duration::from_secs(args.poll_timeout),
            flood: flood::Limits {
                burst: args.flood_burst,
                ..flood::Limits::default()
            },
        })
    }
}

/// `--api-url`: an http(s) URL that can take a path.
fn api_url(s: &str) -> Result<Url, String> {
    let url = Url::parse(s.trim()).map_err(|e| e.to_string())?;
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(format!("the Bot API is http(s), not {}", url.scheme()));
    }
    Ok(url)
}

/// `--webhook-url`: Telegram only posts to https URLs.
fn webhook_url(s: &str) -> Result<Url, String> {
    let url = Url::parse(s.trim()).map_err(|e| e.to_string())?;
    if url.scheme() != "https" {
        return Err("Telegram only posts to https URLs".into());
    }
    Ok(url)
}

/// A proxy and how it is shown (scheme, host and port: no password). The
/// message names the proxy and never repeats the value.
fn proxy(s: &str) -> Result<(reqwest::Proxy, String), String> {
    let bad = |why: &str| format!("TELOXIDE_PROXY / --proxy is not a usable proxy: {why}");
    let url = Url::parse(s.trim()).map_err(|e| bad(&format!("{e} (expected http://host:port)")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("only http:// and https:// proxies are supported"));
    }
    let shown = url.origin().ascii_serialization();
    let proxy = reqwest::Proxy::all(url.as_str()).map_err(|e| bad(&e.to_string()))?;
    Ok((proxy, shown))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_urls() {
        assert!(api_url("http://127.0.0.1:8081").is_ok());
        assert!(api_url(" https://api.telegram.org ").is_ok());
        for bad in ["mailto:someone", "ftp://x", "not a url"] {
            assert!(api_url(bad).is_err(), "{bad}");
        }
        assert!(webhook_url("https://bot.example.com/telegram").is_ok());
        assert!(webhook_url("http://bot.example.com/telegram").is_err());
    }

    #[test]
    fn proxy_errors_name_the_proxy_not_its_password() {
        let (_, shown) = proxy("http://user:hunter2@proxy:3128").unwrap();
        assert_eq!(shown, "http://proxy:3128");
        for bad in [
            "socks5://user:hunter2@127.0.0.1:1080",
            "user:hunter2@proxy",
            "::",
        ] {
            let err = proxy(bad).map(|_| ()).unwrap_err();
            assert!(err.starts_with("TELOXIDE_PROXY"), "{bad}: {err}");
            assert!(!err.contains("hunter2"), "{bad}: {err}");
        }
    }
}
