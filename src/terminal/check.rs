//! `factbot check`: validates a knowledge set and reports on it.

use std::io::{self, Write};
use std::process::ExitCode;

use factbot::{Lang, Topic};

use crate::config::Config;

/// Exits 0 with a summary, or 2 listing every problem and their count.
pub fn check(config: &Config) -> anyhow::Result<ExitCode> {
    let shown = config
        .knowledge
        .as_ref()
        .map_or("built-in knowledge".to_string(), |p| {
            p.display().to_string()
        });
    // Problems and their count on one stream, like the summary of a good
    // set: `factbot check > report` keeps the whole report.
    let mut out = io::stdout().lock();
    match config.load_knowledge() {
        Ok(kb) => {
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
            for p in &err.problems {
                writeln!(out, "{p}")?;
            }
            let n = err.problems.len();
            let s = if n == 1 { "" } else { "s" };
            writeln!(out, "{shown}: {n} problem{s}")?;
            Ok(ExitCode::from(2))
        }
    }
}
