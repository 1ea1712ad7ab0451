//! `factbot chat`: questions from the terminal until EOF or `/quit`. A
//! number picks from the last list shown, whatever it was: suggestions,
//! the topics, a topic's questions. `/wrong` and `/good` mark the last
//! answer (see [`Recording`]).

use std::io::{self, Write};
use std::process::ExitCode;

use factbot::messages::{self, Msg};
use factbot::present::{self, Item, Screen};
use factbot::store::{Conversation, Front, Verdict};
use factbot::{Engine, Lang, render};

use super::input::{MAX_LINE_BYTES, read_line_bounded};
use super::recording::Recording;
use super::wrap::{terminal_width, writeln_wrapped};
use crate::config::Config;

/// The chat's commands (without the slash) and what each does.
const COMMANDS: [(&str, Msg); 6] = [
    ("topics", Msg::ChatTopics),
    ("reset", Msg::ChatReset),
    ("wrong", Msg::ChatWrong),
    ("good", Msg::ChatGood),
    ("help", Msg::ChatHelp),
    ("quit", Msg::ChatQuit),
];

/// The last list shown: what a number picks from, in the language it was
/// shown in.
struct OnScreen<'a> {
    items: Vec<Item<'a>>,
    lang: Lang,
}

impl<'a> OnScreen<'a> {
    /// Remembers `screen`'s lists, unless it has none: then the list above
    /// is still the last one shown.
    fn update(&mut self, screen: &Screen<'a>) {
        let items: Vec<Item<'a>> = screen.items().collect();
        if !items.is_empty() {
            self.items = items;
            self.lang = screen.lang;
        }
    }

    /// The item numbered `text`, if it is a number on the list.
    fn pick(&self, text: &str) -> Option<Item<'a>> {
        let n = text.parse::<usize>().ok()?;
        n.checked_sub(1).and_then(|i| self.items.get(i)).copied()
    }
}

pub fn chat(config: &Config) -> anyhow::Result<ExitCode> {
    let engine = config.engine()?;
    let kb = engine.kb();
    let mut recording = Recording::start(config, Front::Terminal, Some(Conversation::session()));
    let mut lang = config.lang.unwrap_or(Lang::En);
    // One conversation: a follow-up uses what was just said.
    let mut conversation = factbot::conversation::Conversation::default();
    let commands = |lang: Lang| -> Vec<(String, String)> {
        COMMANDS
            .iter()
            .map(|(name, msg)| (name.to_string(), messages::text(*msg, lang).to_string()))
            .collect()
    };
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut out = io::stdout().lock();
    let width = terminal_width();

    let welcome = present::welcome(&engine, lang);
    writeln_wrapped(&mut out, &render::text(&welcome), width)?;
    writeln_wrapped(&mut out, messages::text(Msg::ChatHint, lang), width)?;
    let mut on_screen = OnScreen {
        items: Vec::new(),
        lang,
    };
    on_screen.update(&welcome);
    loop {
        write!(out, "\n> ")?;
        out.flush()?;
        let Some(line) = read_line_bounded(&mut input, MAX_LINE_BYTES)? else {
            writeln!(out)?;
            return Ok(ExitCode::SUCCESS);
        };
        let text = match line.text() {
            Ok(t) => t.trim(),
            Err(msg) => {
                writeln!(out, "{msg}")?;
                continue;
            }
        };
        let screen = match text {
            "" => continue,
            "/quit" | "/exit" | "/q" => return Ok(ExitCode::SUCCESS),
            "/help" => present::help(&engine, lang, commands(lang)),
            "/topics" => present::topics(kb, lang),
            "/reset" => {
                conversation.reset();
                present::note(Msg::ResetDone, lang)
            }
            "/wrong" => present::note(recording.mark(Verdict::Wrong), lang),
            "/good" => present::note(recording.mark(Verdict::Good), lang),
            _ if text.starts_with('/') => present::unknown_command(&engine, lang, commands(lang)),
            _ => match on_screen.pick(text) {
                Some(Item::Fact(f)) => match present::fact(&engine, &f.id, on_screen.lang) {
                    Some(screen) => {
                        recording.pick(&f.id, on_screen.lang);
                        conversation.picked(&engine, &f.id, on_screen.lang, now());
                        screen
                    }
                    None => ask(&engine, &mut conversation, text, config, &mut recording),
                },
                Some(Item::Topic(t)) => present::topic(kb, t, on_screen.lang),
                None => ask(&engine, &mut conversation, text, config, &mut recording),
            },
        };
        // The interface follows the language the chat is in.
        if config.lang.is_none() {
            lang = screen.lang;
        }
        on_screen.update(&screen);
        writeln_wrapped(&mut out, &render::text(&screen), width)?;
    }
}

/// Seconds since the Unix epoch, for a conversation's expiry.
fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Answers a question typed in the chat, in the conversation, and records it.
fn ask<'a>(
    engine: &'a Engine,
    conversation: &mut factbot::conversation::Conversation,
    text: &str,
    config: &Config,
    recording: &mut Recording,
) -> Screen<'a> {
    let (lang, ttl) = (config.lang, config.context_ttl);
    let (reply, screen) = present::follow_up(engine, conversation, text, lang, now(), ttl);
    recording.question(text, &reply);
    screen
}
