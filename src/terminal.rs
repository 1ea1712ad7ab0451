//! The terminal front end: `chat`, `ask` and `check`.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;
use std::time::Duration;

use factbot::render::{self, JsonReply, Plain};
use factbot::store::{Conversation, Front, RecordId, Recorder, Verdict};
use factbot::{Engine, Lang, Outcome, Topic, messages};

use crate::config::{AskArgs, Config};

/// Lines longer than this are not questions; they are answered with an error
/// line (and read to their end without being kept in memory).
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// `factbot chat`: questions from the terminal until EOF or `/quit`.
pub fn chat(config: &Config) -> anyhow::Result<ExitCode> {
    let engine = config.engine()?;
    let recording = Recording::start(config);
    let recorder = &recording.0;
    let session = Some(Conversation::session());
    // The last answer, for /wrong and /good.
    let mut last: Option<RecordId> = None;
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut out = io::stdout().lock();
    let lang = config.lang.unwrap_or(Lang::En);
    writeln!(out, "{}", messages::text(messages::Msg::Welcome, lang))?;
    writeln!(out, "{}:", messages::text(messages::Msg::Examples, lang))?;
    for fact in engine.examples(3) {
        writeln!(out, "  • {}", fact.suggestion(lang))?;
    }
    writeln!(
        out,
        "(/topics lists everything I know, a number picks a suggestion, /wrong or /good marks the last answer, /quit or Ctrl-D ends.)"
    )?;
    // The facts last offered, so "2" picks the second, in the language they
    // were offered in.
    let mut offered: Vec<String> = Vec::new();
    let mut offered_lang = lang;
    loop {
        write!(out, "\n> ")?;
        out.flush()?;
        let Some(line) = read_line_bounded(&mut input, MAX_LINE_BYTES)? else {
            writeln!(out)?;
            return Ok(ExitCode::SUCCESS);
        };
        let text = match line.text() {
            Ok(t) => t,
            Err(msg) => {
                writeln!(out, "{msg}")?;
                continue;
            }
        };
        let text = text.trim();
        match text {
            "" => continue,
            "/quit" | "/exit" | "/q" => return Ok(ExitCode::SUCCESS),
            "/topics" | "/help" => {
                write_topics(&mut out, &engine, config.lang.unwrap_or(lang))?;
                continue;
            }
            "/wrong" | "/good" => {
                let verdict = match text {
                    "/wrong" => Verdict::Wrong,
                    _ => Verdict::Good,
                };
                writeln!(out, "{}", mark(recorder, last, verdict))?;
                continue;
            }
            _ => {}
        }
        let picked = text
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=offered.len()).contains(n))
            .and_then(|n| engine.answer_fact(&offered[n - 1], offered_lang));
        let record = match &picked {
            Some(reply) => reply
                .fact()
                .and_then(|f| recorder.pick(Front::Terminal, session, &f.id, reply.lang)),
            None => None,
        };
        let reply = picked.unwrap_or_else(|| engine.ask(text, config.lang));
        let record = record.or_else(|| recorder.question(Front::Terminal, session, text, &reply));
        last = record.filter(|_| reply.answered());
        offered_lang = reply.lang;
        offered = match &reply.outcome {
            Outcome::Answer { also, related, .. } => {
                also.iter().chain(related).map(|f| f.id.clone()).collect()
            }
            Outcome::NotFound { suggestions } => suggestions.iter().map(|f| f.id.clone()).collect(),
            _ => Vec::new(),
        };
        writeln!(out, "{}", render::reply(&Plain, &reply))?;
    }
}

/// `/wrong` and `/good`: marks the last answer, and says so.
fn mark(recorder: &Recorder, last: Option<RecordId>, verdict: Verdict) -> &'static str {
    match (recorder.is_on(), last, verdict) {
        (false, _, _) => "Recording is off (FACTBOT_DB=off): there is nowhere to mark it.",
        (true, None, _) => "Nothing to mark: /wrong and /good mark the last answer to a question.",
        (true, Some(id), Verdict::Wrong) => {
            recorder.feedback(id, verdict);
            "Noted: the last answer is marked wrong. Thank you."
        }
        (true, Some(id), Verdict::Good) => {
            recorder.feedback(id, verdict);
            "Noted: the last answer is marked good. Thank you."
        }
    }
}

/// The recorder of a terminal command, flushed when the command ends,
/// however it ends.
struct Recording(Recorder);

impl Recording {
    fn start(config: &Config) -> Recording {
        Recording(Recorder::start(&config.store))
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        self.0.close(Duration::from_secs(10));
    }
}

fn write_topics(out: &mut impl Write, engine: &Engine, lang: Lang) -> io::Result<()> {
    for (topic, facts) in engine.kb().facts_by_topic() {
        writeln!(out, "\n{}:", topic.name(lang))?;
        for f in facts {
            writeln!(out, "  • {}", f.suggestion(lang))?;
        }
    }
    Ok(())
}

/// `factbot ask`: one question as text or JSON, or a stream of questions
/// from stdin as JSON lines.
pub fn ask(config: &Config, args: &AskArgs) -> anyhow::Result<ExitCode> {
    let engine = config.engine()?;
    let recording = Recording::start(config);
    let record = |q: &str, reply: &factbot::Reply<'_>| {
        let front = if args.json {
            Front::Json
        } else {
            Front::Terminal
        };
        recording.0.question(front, None, q, reply);
    };
    let mut out = io::stdout().lock();
    match (&args.question, args.json) {
        (Some(q), false) => {
            let reply = engine.ask(q, config.lang);
            writeln!(out, "{}", render::reply(&Plain, &reply))?;
            record(q, &reply);
        }
        (Some(q), true) => {
            let reply = engine.ask(q, config.lang);
            writeln!(out, "{}", JsonReply::new(&reply).to_line())?;
            record(q, &reply);
        }
        (None, json) => {
            let stdin = io::stdin();
            batch(
                &engine,
                config.lang,
                json,
                &mut stdin.lock(),
                &mut out,
                record,
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Answers every line of `input`, one output line (JSON) or block (text) per
/// input line, in order, flushed as it goes. Unreadable lines get an
/// unanswered reply and the batch goes on.
pub fn batch(
    engine: &Engine,
    lang: Option<Lang>,
    json: bool,
    input: &mut impl BufRead,
    out: &mut impl Write,
    record: impl Fn(&str, &factbot::Reply<'_>),
) -> io::Result<()> {
    while let Some(line) = read_line_bounded(input, MAX_LINE_BYTES)? {
        let result = line.text().map(|text| (text, engine.ask(text, lang)));
        match (&result, json) {
            (Ok((_, reply)), true) => writeln!(out, "{}", JsonReply::new(reply).to_line())?,
            (Ok((_, reply)), false) => writeln!(out, "{}\n", render::reply(&Plain, reply))?,
            (Err(msg), true) => writeln!(
                out,
                "{}",
                JsonReply::unreadable(msg, lang.unwrap_or(Lang::En)).to_line()
            )?,
            (Err(msg), false) => writeln!(out, "{msg}\n")?,
        }
        out.flush()?;
        if let Ok((text, reply)) = &result {
            record(text, reply);
        }
    }
    Ok(())
}

/// `factbot check`: validates a knowledge set.
pub fn check(config: &Config) -> anyhow::Result<ExitCode> {
    let shown = config
        .knowledge
        .as_ref()
        .map_or("built-in knowledge".to_string(), |p| {
            p.display().to_string()
        });
    match config.load_knowledge() {
        Ok(kb) => {
            let mut out = io::stdout().lock();
            let by_topic = kb.facts_by_topic();
            writeln!(
                out,
                "{shown}: OK, {} facts ({} derived), {} synonym groups",
                kb.facts.len(),
                kb.facts.iter().filter(|f| f.derived.is_some()).count(),
                kb.synonyms.len()
            )?;
            for topic in Topic::ALL {
                let n = by_topic.get(&topic).map_or(0, Vec::len);
                writeln!(out, "  {:<15} {n}", topic.key())?;
            }
            for lang in Lang::ALL {
                let n = kb
                    .facts
                    .iter()
                    .filter(|f| !f.answer.get(lang).is_empty())
                    .count();
                writeln!(out, "  language {lang}: {n}/{} facts", kb.facts.len())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            let mut out = io::stdout().lock();
            for p in &err.problems {
                writeln!(out, "{p}")?;
            }
            eprintln!("factbot: {shown}: {} problem(s)", err.problems.len());
            Ok(ExitCode::from(2))
        }
    }
}

/// A line read with a size limit.
pub struct Line {
    bytes: Vec<u8>,
    /// The line was longer than the limit; only its start was kept.
    too_long: bool,
}

impl Line {
    /// The line as text, or why it cannot be a question.
    pub fn text(&self) -> Result<&str, &'static str> {
        if self.too_long {
            return Err("line too long: questions are limited to 64 KiB");
        }
        let bytes = self.bytes.strip_suffix(b"\r").unwrap_or(&self.bytes);
        std::str::from_utf8(bytes).map_err(|_| "line is not valid UTF-8 text")
    }
}

/// Reads one line (without its `\n`), keeping at most `max` bytes of it.
/// `None` at end of input.
pub fn read_line_bounded(input: &mut impl BufRead, max: usize) -> io::Result<Option<Line>> {
    let mut line = Line {
        bytes: Vec::new(),
        too_long: false,
    };
    let mut read_any = false;
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(read_any.then_some(line));
        }
        read_any = true;
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        let room = max.saturating_sub(line.bytes.len());
        if chunk.len() > room {
            line.too_long = true;
        }
        line.bytes
            .extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = done.unwrap_or(buf.len());
        input.consume(used);
        if done.is_some() {
            return Ok(Some(line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bounded_lines() {
        let mut input: &[u8] = b"short\nlong line here\n\xff\xfe\nlast";
        let mut got = Vec::new();
        while let Some(line) = read_line_bounded(&mut input, 8).unwrap() {
            got.push(line.text().map(str::to_string));
        }
        assert_eq!(
            got,
            vec![
                Ok("short".to_string()),
                Err("line too long: questions are limited to 64 KiB"),
                Err("line is not valid UTF-8 text"),
                Ok("last".to_string()),
            ]
        );
    }
}
