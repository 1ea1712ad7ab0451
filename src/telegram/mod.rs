//! The Telegram front end (placeholder until the bot lands).

use std::process::ExitCode;

use crate::config::{Config, TelegramArgs};

pub fn run(_config: &Config, _args: &TelegramArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the Telegram front end is not built yet")
}
