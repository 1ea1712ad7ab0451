//! The `factbot` command: parses arguments into a [`Config`] and hands off to
//! the terminal or the Telegram front end, or to the report.

mod config;
mod report;
mod telegram;
mod terminal;

use std::process::ExitCode;

use config::{Cli, Command, Config};

fn main() -> ExitCode {
    // Before the arguments: clap reads FACTBOT_* and TELOXIDE_* variables,
    // and those in `.env` count as set.
    if let Err(err) = config::load_dotenv() {
        eprintln!("factbot: {err:#}");
        return ExitCode::from(2);
    }
    let cli = Cli::from_env_and_args();
    let config = Config::from_cli(&cli);
    init_logging(matches!(cli.command, Command::Telegram(_)));
    let result = match &cli.command {
        Command::Chat => terminal::chat(&config),
        Command::Ask(args) => terminal::ask(&config, args),
        Command::Check => terminal::check(&config),
        Command::Telegram(args) => telegram::run(&config, args),
        Command::Report(args) => report::run(&config, args),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`factbot ask … | head`): nothing to say.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("factbot: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Logs go to stderr; `RUST_LOG` sets the level (default: warnings for the
/// terminal commands, info for the bot).
fn init_logging(bot: bool) {
    use tracing_subscriber::EnvFilter;
    let default = if bot { "info" } else { "warn" };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}
