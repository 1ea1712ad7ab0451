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
const COMMANDS: [(&str, Msg); 5] = [
    ("topics", Msg::ChatTopics),
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
    let lang = config.lang.unwrap_or(Lang::En);
    let commands = || -> Vec<(String, String)> {
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
            "/help" => present::help(&engine, lang, commands()),
            "/topics" => present::topics(kb, lang),
            "/wrong" => present::note(recording.mark(Verdict::Wrong), lang),
            "/good" => present::note(recording.mark(Verdict::Good), lang),
            _ if text.starts_with('/') => present::unknown_command(&engine, lang, commands()),
            _ => match on_screen.pick(text) {
                Some(Item::Fact(f)) => match present::fact(&engine, &f.id, on_screen.lang) {
                    Some(screen) => {
                        recording.pick(&f.id, on_screen.lang);
                        screen
                    }
                    None => ask(&engine, text, config.lang, &mut recording),
                },
                Some(Item::Topic(t)) => present::topic(kb, t, on_screen.lang),
                None => ask(&engine, text, config.lang, &mut recording),
            },
        };
        on_screen.update(&screen);
        writeln_wrapped(&mut out, &render::text(&screen), width)?;
    }
}

/// Answers a question typed in the chat, and records it.
fn ask<'a>(
    engine: &'a Engine,
    text: &str,
    lang: Option<Lang>,
    recording: &mut Recording,
) -> Screen<'a> {
    let (reply, screen) = present::question(engine, text, lang);
    recording.question(text, &reply);
    screen
}
