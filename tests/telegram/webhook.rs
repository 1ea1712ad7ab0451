//! Webhook mode.
