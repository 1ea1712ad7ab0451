//! Command-line arguments and the validated configuration built from them.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use factbot::{Engine, KnowledgeBase, Lang, store};

/// factbot answers questions about "The Development of Cooperation between the
/// Eastern Regions of Russia and the Provinces of China", in English and Russian.
#[derive(Debug, Parser)]
#[command(name = "factbot", version, about)]
pub struct Cli {
    /// Load knowledge files from this folder instead of the built-in set.
    #[arg(long, global = true, env = "FACTBOT_KNOWLEDGE", value_name = "DIR")]
    pub knowledge: Option<PathBuf>,

    /// Answer in this language (en or ru) instead of the question's language.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<Lang>,

    /// Record questions in this SQLite file (default factbot.db); off keeps nothing.
    #[arg(long, global = true, env = store::DB_VAR, value_name = "PATH|off")]
    pub db: Option<String>,

    /// Delete records older than this many days (default 90), at start and daily.
    #[arg(long, global = true, env = store::RETENTION_VAR, value_name = "DAYS",
          value_parser = store::parse_retention)]
    pub retention_days: Option<u32>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Chat in the terminal (no token or network needed).
    Chat,
    /// Answer one question, or questions from stdin (one per line) with --json.
    Ask(AskArgs),
    /// Validate a knowledge set: exit 0 with a summary, or 2 listing every problem.
    Check,
    /// Run the Telegram bot (token from TELOXIDE_TOKEN or .env).
    Telegram(TelegramArgs),
    /// What people asked, what failed, and question forms to add, from the recorded databases.
    Report(ReportArgs),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Only records from this far back (7d, 12h, 2w) or this date (2026-11-01, UTC).
    #[arg(long, value_name = "SPAN|DATE")]
    pub since: Option<store::report::Since>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Database files to read and merge (default: --db, FACTBOT_DB or factbot.db).
    #[arg(value_name = "DB")]
    pub databases: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AskArgs {
    /// Print one line of JSON per question.
    #[arg(long)]
    pub json: bool,
    /// The question; without it, questions are read from stdin, one per line.
    pub question: Option<String>,
}

#[derive(Debug, Args)]
pub struct TelegramArgs {
    /// Run in webhook mode: the public HTTPS URL Telegram sends updates to.
    #[arg(
        long,
        env = "FACTBOT_WEBHOOK_URL",
        value_name = "URL",
        requires = "listen"
    )]
    pub webhook_url: Option<String>,
    /// Webhook mode: the local address to listen on, e.g. 0.0.0.0:8443.
    #[arg(
        long,
        env = "FACTBOT_LISTEN",
        value_name = "ADDR:PORT",
        requires = "webhook_url"
    )]
    pub listen: Option<std::net::SocketAddr>,
}

/// What every front end needs, validated once.
#[derive(Debug, Clone)]
pub struct Config {
    /// Knowledge folder; `None` means the set built into the binary.
    pub knowledge: Option<PathBuf>,
    /// Forced answer language; `None` answers in the question's language.
    pub lang: Option<Lang>,
    /// Where questions are recorded, and for how long.
    pub store: store::Settings,
}

impl Config {
    pub fn from_cli(cli: &Cli) -> Config {
        Config {
            knowledge: cli.knowledge.clone(),
            lang: cli.lang,
            store: store::Settings {
                location: cli.db.as_deref().map(store::Location::parse),
                retention_days: cli.retention_days,
            },
        }
    }

    /// Loads and validates the knowledge base.
    pub fn load_knowledge(&self) -> Result<KnowledgeBase, factbot::LoadError> {
        match &self.knowledge {
            Some(dir) => KnowledgeBase::load_dir(dir),
            None => KnowledgeBase::embedded(),
        }
    }

    /// Loads the knowledge base and indexes it.
    pub fn engine(&self) -> anyhow::Result<Engine> {
        let kb = self
            .load_knowledge()
            .context("cannot load the knowledge base")?;
        Ok(Engine::new(kb))
    }
}
