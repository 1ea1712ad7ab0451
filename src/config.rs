//! Command-line arguments (with the environment and `.env`) and the
//! validated configuration built from them.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, CommandFactory as _, FromArgMatches as _, Parser, Subcommand};
use factbot::{Engine, KnowledgeBase, Lang, store};

use crate::telegram::TelegramArgs;

/// factbot answers questions about "The Development of Cooperation between the
/// Eastern Regions of Russia and the Provinces of China", in English and Russian.
#[derive(Debug, Parser)]
#[command(name = "factbot", version, about)]
pub struct Cli {
    /// Load knowledge files from this folder instead of the built-in set.
    #[arg(long, global = true, env = "FACTBOT_KNOWLEDGE", value_name = "DIR")]
    pub knowledge: Option<PathBuf>,

    /// Answer in this language (en, ru or zh) instead of the question's language.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<Lang>,

    /// Record questions in this SQLite file; off keeps nothing.
    #[arg(
        long,
        global = true,
        env = store::DB_VAR,
        value_name = "PATH|off",
        default_value = store::DEFAULT_PATH,
        value_parser = store::parse_location
    )]
    pub db: store::Location,

    /// Delete records older than this many days, 1-36500, at start and daily.
    #[arg(
        long,
        global = true,
        env = store::RETENTION_VAR,
        value_name = "DAYS",
        default_value_t = store::DEFAULT_RETENTION_DAYS,
        value_parser = store::parse_retention
    )]
    pub retention_days: u32,

    /// Forget a conversation's context after this many minutes of silence
    /// (1-10080).
    #[arg(
        long,
        global = true,
        env = "FACTBOT_CONTEXT_MINUTES",
        value_name = "MINUTES",
        default_value_t = 30,
        value_parser = clap::value_parser!(u64).range(1..=10_080)
    )]
    pub context_minutes: u64,

    /// Keep the context of at most this many conversations (Telegram chats,
    /// `ask --json` sessions); the least recently used is dropped
    /// (1-1000000). Each takes a few hundred bytes.
    #[arg(
        long,
        global = true,
        env = "FACTBOT_CONVERSATIONS",
        value_name = "N",
        default_value_t = factbot::conversation::DEFAULT_CAPACITY as u64,
        value_parser = clap::value_parser!(u64).range(1..=1_000_000)
    )]
    pub conversations: u64,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses the command line, with `FACTBOT_*` and `TELOXIDE_*` variables
    /// for the options not given; exits with clap's message on an error.
    /// A variable set but empty counts as unset, as an empty line in `.env`
    /// (`TELOXIDE_PROXY=`) means.
    pub fn from_env_and_args() -> Cli {
        let matches = ignore_empty_env(Cli::command()).get_matches();
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
    }
}

/// `cmd` with the variables that are set but empty (or only whitespace)
/// no longer read, in it and its subcommands.
fn ignore_empty_env(cmd: clap::Command) -> clap::Command {
    cmd.mut_args(|arg| {
        let empty = arg
            .get_env()
            .and_then(std::env::var_os)
            .is_some_and(|v| v.to_string_lossy().trim().is_empty());
        if empty { arg.env(None) } else { arg }
    })
    .mut_subcommands(ignore_empty_env)
}

/// Loads `.env` from the working directory if there is one; variables
/// already set win. An error names the character only: the line may hold
/// the token.
pub fn load_dotenv() -> anyhow::Result<()> {
    let why = match dotenvy::dotenv() {
        Ok(_) => return Ok(()),
        Err(e) if e.not_found() => return Ok(()),
        Err(dotenvy::Error::LineParse(_, index)) => format!("cannot parse it at character {index}"),
        Err(dotenvy::Error::Io(e)) => e.to_string(),
        Err(_) => "malformed file".into(),
    };
    anyhow::bail!("cannot read .env: {why}")
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Chat in the terminal (no token or network needed).
    Chat,
    /// Answer one question, or questions from stdin (one per line) with --json.
    Ask(AskArgs),
    /// Validate a knowledge set: exit 0 with a summary, or 2 listing every problem.
    Check,
    // Boxed: its settings are most of the size of the enum.
    /// Run the Telegram bot (token from TELOXIDE_TOKEN or .env).
    Telegram(Box<TelegramArgs>),
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
    /// The question, quoted or not (`ask how much did china invest`);
    /// without it, questions are read from stdin, one per line.
    #[arg(value_name = "QUESTION")]
    pub question: Vec<String>,
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
    /// Seconds of silence after which a conversation's context is forgotten.
    pub context_ttl: u64,
    /// How many conversations' contexts are kept at most.
    pub conversations: usize,
}

impl Config {
    pub fn from_cli(cli: &Cli) -> Config {
        Config {
            knowledge: cli.knowledge.clone(),
            lang: cli.lang,
            store: store::Settings {
                location: cli.db.clone(),
                retention_days: cli.retention_days,
            },
            context_ttl: cli.context_minutes * 60,
            conversations: cli.conversations as usize,
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
