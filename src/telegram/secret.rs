//! The bot's secrets: the token (what a valid one looks like, and keeping it
//! out of every log line, error message and panic message) and the webhook
//! secret (generated, checked, compared in constant time).
//!
//! reqwest and teloxide errors can carry the request URL, and the Bot API puts
//! the token in the URL (`/bot<TOKEN>/getMe`), so anything that may have
//! touched the network goes through [`Redactor::redact`] before it is shown.

use std::fmt;
use std::sync::Arc;

use subtle::ConstantTimeEq as _;

/// The environment variable the token is read from.
pub const TOKEN_VAR: &str = "TELOXIDE_TOKEN";
/// The environment variable the webhook secret is read from.
pub const WEBHOOK_SECRET_VAR: &str = "FACTBOT_WEBHOOK_SECRET";

/// Why the token cannot be used. Never contains the token itself.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TokenError {
    #[error(
        "{TOKEN_VAR} is not set: get a token from @BotFather and put it in .env or the environment"
    )]
    Missing,
    #[error(
        "{TOKEN_VAR} is malformed: a bot token looks like 123456789:AAH… (digits, a colon, then at least 30 letters, digits, '_' or '-')"
    )]
    Malformed,
}

/// A bot token that has the shape Telegram gives out. Its `Debug` and
/// `Display` never show it.
#[derive(Clone)]
pub struct Token(Arc<str>);

impl Token {
    /// Checks the shape `<bot id>:<secret>`; surrounding whitespace (a common
    /// copy-paste accident in `.env`) is dropped.
    pub fn parse(s: &str) -> Result<Token, TokenError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(TokenError::Missing);
        }
        let (id, secret) = s.split_once(':').ok_or(TokenError::Malformed)?;
        let id_ok = !id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit());
        let secret_ok = (30..=100).contains(&secret.len()) && url_safe(secret);
        if id_ok && secret_ok {
            Ok(Token(s.into()))
        } else {
            Err(TokenError::Malformed)
        }
    }

    /// The token, for handing to teloxide only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The redactor for this token.
    pub fn redactor(&self) -> Redactor {
        Redactor {
            token: Arc::clone(&self.0),
        }
    }
}

/// True when every character of `s` is one of `A-Z a-z 0-9 _ -`: the
/// characters of a token's secret half and of a webhook secret.
fn url_safe(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Why the webhook secret cannot be used. Never contains the secret.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WebhookSecretError {
    #[error("{WEBHOOK_SECRET_VAR} must be 1-256 characters of A-Z, a-z, 0-9, '_' and '-'")]
    Invalid,
    #[error("cannot generate a webhook secret: the system has no randomness to give ({0})")]
    NoRandomness(String),
}

/// The secret Telegram sends with every webhook request. Its `Debug` never
/// shows it.
#[derive(Clone)]
pub struct WebhookSecret(Arc<str>);

impl WebhookSecret {
    /// Checks the Bot API's rules; surrounding whitespace is dropped.
    pub fn parse(s: &str) -> Result<WebhookSecret, WebhookSecretError> {
        let s = s.trim();
        if (1..=256).contains(&s.len()) && url_safe(s) {
            Ok(WebhookSecret(s.into()))
        } else {
            Err(WebhookSecretError::Invalid)
        }
    }

    /// 32 characters from the allowed 64, from the operating system's
    /// random source: 192 bits nobody can guess.
    pub fn generate() -> Result<WebhookSecret, WebhookSecretError> {
        const CHARSET: &[u8; 64] =
            b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
        let mut bytes = [0u8; 32];
        getrandom::getrandom(&mut bytes)
            .map_err(|e| WebhookSecretError::NoRandomness(e.to_string()))?;
        // 64 characters: the low six bits of a random byte pick one evenly.
        let secret: String = bytes
            .iter()
            .map(|b| CHARSET[usize::from(b & 63)] as char)
            .collect();
        Ok(WebhookSecret(secret.into()))
    }

    /// The secret, for registering the webhook with Telegram only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether `given` is the secret, in time that does not depend on where
    /// they differ (only on the length, which is not secret).
    pub fn matches(&self, given: &[u8]) -> bool {
        self.0.as_bytes().ct_eq(given).into()
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(<redacted>)")
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// Replaces the token in text that may contain it.
#[derive(Clone)]
pub struct Redactor {
    token: Arc<str>,
}

impl Redactor {
    /// `text` with the token, and its secret half on its own, replaced by
    /// `<redacted>`. The secret half matters because URL-encoding or a
    /// truncated URL can separate it from the bot id.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.replace(&*self.token, "<redacted>");
        if let Some((_, secret)) = self.token.split_once(':') {
            out = out.replace(secret, "<redacted>");
        }
        out
    }

    /// Replaces the default panic hook with one that prints the redacted
    /// message: a panic deep in a dependency may format a URL.
    pub fn install_panic_hook(&self) {
        let redactor = self.clone();
        std::panic::set_hook(Box::new(move |info| {
            let payload = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            let place = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            eprintln!(
                "factbot: internal error{place}: {}",
                redactor.redact(&payload)
            );
        }));
    }
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Redactor")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Not a real token: written in pieces so secret scanners do not flag it.
    const GOOD: &str = concat!("123456789", ":", "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1");

    #[test]
    fn parses_tokens() {
        let cases: [(&str, Result<(), TokenError>); 8] = [
            (GOOD, Ok(())),
            (
                concat!(
                    "  ",
                    "123456789",
                    ":",
                    "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1",
                    "\n"
                ),
                Ok(()),
            ),
            ("", Err(TokenError::Missing)),
            ("   ", Err(TokenError::Missing)),
            (
                "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1",
                Err(TokenError::Malformed),
            ),
            (
                "abc:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1",
                Err(TokenError::Malformed),
            ),
            ("123:short", Err(TokenError::Malformed)),
            (
                "123:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDs w1",
                Err(TokenError::Malformed),
            ),
        ];
        for (input, want) in cases {
            assert_eq!(Token::parse(input).map(|_| ()), want, "{input:?}");
        }
    }

    #[test]
    fn webhook_secrets() {
        let s = WebhookSecret::generate().unwrap();
        assert_eq!(s.expose().len(), 32);
        assert!(WebhookSecret::parse(s.expose()).is_ok(), "{}", s.expose());
        assert_ne!(s.expose(), WebhookSecret::generate().unwrap().expose());
        assert!(!format!("{s:?}").contains(s.expose()));
        for bad in ["", "   ", "has space", "ünïcode", &"a".repeat(257)] {
            assert_eq!(
                WebhookSecret::parse(bad).map(|_| ()),
                Err(WebhookSecretError::Invalid),
                "{bad:?}"
            );
        }
        let s = WebhookSecret::parse(" abc_-9 ").unwrap();
        assert!(s.matches(b"abc_-9"));
        assert!(!s.matches(b"abc_-8"));
        assert!(!s.matches(b"abc_-"));
        assert!(!s.matches(b""));
    }

    #[test]
    fn never_shows_the_token() {
        let token = Token::parse(GOOD).unwrap();
        assert!(!format!("{token:?}").contains("AAH"));
        let r = token.redactor();
        let url = format!("error sending request for url (http://x/bot{GOOD}/GetMe)");
        assert_eq!(
            r.redact(&url),
            "error sending request for url (http://x/bot<redacted>/GetMe)"
        );
        let secret_only = "…/AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1/…";
        assert!(!r.redact(secret_only).contains("AAH"));
        for e in [TokenError::Missing, TokenError::Malformed] {
            assert!(!e.to_string().contains(GOOD));
        }
    }
}
