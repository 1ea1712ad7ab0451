//! `factbot ask`: one question as text or JSON, or a stream of questions
//! from stdin, one answer per line, in order.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use factbot::conversation::{self, Conversations};
use factbot::render::{self, JsonReply};
use factbot::store::Front;
use factbot::{Engine, Lang, present};

use super::input::{MAX_LINE_BYTES, read_line_bounded};
use super::recording::Recording;
use super::wrap::{terminal_width, writeln_wrapped};
use crate::config::{AskArgs, Config};

/// Answers the question given (its words, quoted or not, are one
/// question), or every line of stdin.
pub fn ask(config: &Config, args: &AskArgs) -> anyhow::Result<ExitCode> {
    let engine = config.engine()?;
    let front = if args.json {
        Front::Json
    } else {
        Front::Terminal
    };
    let mut recording = Recording::start(config, front, None);
    let mut out = io::stdout().lock();
    if args.question.is_empty() {
        let stdin = io::stdin();
        batch(
            &engine,
            config.lang,
            config.conversations,
            args.json,
            &mut stdin.lock(),
            &mut out,
            &mut recording,
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let question = args.question.join(" ");
    let (reply, screen) = present::question(&engine, &question, config.lang);
    if args.json {
        writeln!(out, "{}", JsonReply::new(&reply, &screen).to_line())?;
    } else {
        writeln_wrapped(&mut out, &render::text(&screen), terminal_width())?;
    }
    recording.question(&question, &reply);
    Ok(ExitCode::SUCCESS)
}

/// One line of a JSON session: `{"session": "s1", "q": "..."}`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionLine {
    session: String,
    q: String,
}

/// Answers every line of `input`, one output line (JSON) or block (text) per
/// input line, in order, flushed as it goes, then records it. Unreadable
/// lines get an unanswered reply and the batch goes on. With `json`, a line
/// may be `{"session": "s1", "q": "..."}`: lines of one session are one
/// conversation (follow-ups use what came before), sessions may interleave,
/// and the output line carries `"session"`. Plain lines stay independent.
pub fn batch(
    engine: &Engine,
    lang: Option<Lang>,
    capacity: usize,
    json: bool,
    input: &mut impl BufRead,
    out: &mut impl Write,
    recording: &mut Recording,
) -> io::Result<()> {
    let mut sessions: Conversations<String> =
        Conversations::new(capacity, conversation::DEFAULT_TTL_SECS);
    // Sessions have no clock of their own: a line is one tick, so a session
    // never expires within a batch.
    let mut tick = 0u64;
    while let Some(line) = read_line_bounded(input, MAX_LINE_BYTES)? {
        tick += 1;
        let session: Option<SessionLine> = match line.text() {
            Ok(text) if json && text.trim_start().starts_with('{') => {
                serde_json::from_str(text.trim()).ok()
            }
            _ => None,
        };
        let answered = match &session {
            Some(s) => {
                let ttl = sessions.ttl;
                let convo = sessions.get(s.session.clone());
                Ok((
                    s.q.as_str(),
                    present::follow_up(engine, convo, &s.q, lang, tick, ttl),
                ))
            }
            None => line
                .text()
                .map(|text| (text, present::question(engine, text, lang))),
        };
        let session_id = session.as_ref().map(|s| s.session.clone());
        match (&answered, json) {
            (Ok((_, (reply, screen))), true) => {
                let mut j = JsonReply::new(reply, screen);
                j.session = session_id;
                writeln!(out, "{}", j.to_line())?
            }
            (Ok((_, (_, screen))), false) => writeln!(out, "{}\n", render::text(screen))?,
            (Err(msg), true) => writeln!(
                out,
                "{}",
                JsonReply::unreadable(msg, lang.unwrap_or(Lang::En)).to_line()
            )?,
            (Err(msg), false) => writeln!(out, "{msg}\n")?,
        }
        out.flush()?;
        if let Ok((text, (reply, _))) = &answered {
            recording.question(text, reply);
        }
    }
    Ok(())
}
