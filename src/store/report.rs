//! `factbot report`: reads one or more databases (one per webhook instance,
//! say) and says what people asked, what failed, and which question forms
//! to add to the knowledge base (active learning), as text or JSON.
//!
//! Reading never writes to a database file ([`schema::open_for_reading`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use rusqlite::Connection;
use serde::Serialize;
use serde_json::{Value, json};

use super::schema::{self, StoreError};
use super::{Answered, Front, Verdict};
use crate::knowledge::KnowledgeBase;
use crate::lang::Lang;
use crate::text::normalize;

/// Lists (unanswered, facts, wrong answers) show this many entries.
pub const TOP: usize = 25;
/// A 👍 on an answer scored below this makes its question a candidate form:
/// the answer was right but the match was weak (the threshold is 0.5).
pub const LOW_SCORE: f64 = 0.75;
/// A picked suggestion is tied to a question asked at most this long before.
pub const PICK_WINDOW_SECS: i64 = 10 * 60;
/// An unanswered question this soon before the next one is taken as a try
/// the person then rephrased.
pub const REPHRASE_GAP_SECS: i64 = 2 * 60;

const DAY: i64 = 24 * 60 * 60;

/// `--since`: a span back from now (`7d`, `12h`, `2w`) or a date (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    Span(i64),
    Date(i64),
}

impl std::str::FromStr for Since {
    type Err = String;

    fn from_str(s: &str) -> Result<Since, String> {
        let s = s.trim();
        let bad = || {
            format!("--since takes a span like 7d, 12h or 2w, or a date like 2026-11-01; not {s:?}")
        };
        if let Some((y, m, d)) = parse_date(s) {
            return Ok(Since::Date(days_from_civil(y, m, d) * DAY));
        }
        let unit = s.chars().last().ok_or_else(bad)?;
        let n: i64 = s[..s.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
        let secs = match unit {
            'h' => 60 * 60,
            'd' => DAY,
            'w' => 7 * DAY,
            _ => return Err(bad()),
        };
        match n {
            1..=100_000 => Ok(Since::Span(n * secs)),
            _ => Err(bad()),
        }
    }
}

impl Since {
    /// The first second included.
    pub fn start(self, now: i64) -> i64 {
        match self {
            Since::Span(secs) => now - secs,
            Since::Date(ts) => ts,
        }
    }
}

fn parse_date(s: &str) -> Option<(i64, u32, u32)> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `YYYY-MM-DD` of a Unix time, UTC.
pub fn day(ts: i64) -> String {
    let (y, m, d) = civil_from_days(ts.div_euclid(DAY));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DD HH:MM` of a Unix time, UTC.
pub fn minute(ts: i64) -> String {
    let secs = ts.rem_euclid(DAY);
    format!("{} {:02}:{:02}", day(ts), secs / 3600, secs % 3600 / 60)
}

/// A recorded question.
#[derive(Debug, Clone)]
struct Question {
    record: i64,
    ts: i64,
    front: Front,
    /// Which database, so conversations of different files never mix.
    file: usize,
    conversation: Option<Vec<u8>>,
    lang: Lang,
    text: String,
    outcome: Answered,
    fact_id: Option<String>,
    entity_id: Option<String>,
    score: f64,
    offered: Vec<String>,
}

#[derive(Debug, Clone)]
struct Pick {
    record: i64,
    ts: i64,
    front: Front,
    file: usize,
    conversation: Option<Vec<u8>>,
    lang: Lang,
    fact_id: String,
}

#[derive(Debug, Clone)]
struct Feedback {
    ts: i64,
    record: i64,
    verdict: Verdict,
}

/// Everything read from the databases.
#[derive(Debug, Default)]
pub struct Data {
    files: Vec<String>,
    questions: Vec<Question>,
    picks: Vec<Pick>,
    feedback: Vec<Feedback>,
    dropped: u64,
}

impl Data {
    /// Reads every file's records from `since` on.
    pub fn load(paths: &[PathBuf], since: Option<i64>) -> Result<Data, StoreError> {
        let mut data = Data::default();
        for (file, path) in paths.iter().enumerate() {
            let conn = schema::open_for_reading(path)?;
            data.read(&conn, file, since.unwrap_or(i64::MIN))
                .map_err(|e| StoreError::new(path, e))?;
            data.files.push(path.display().to_string());
        }
        data.questions.sort_by_key(|q| q.ts);
        data.picks.sort_by_key(|p| p.ts);
        Ok(data)
    }

    fn read(&mut self, conn: &Connection, file: usize, since: i64) -> rusqlite::Result<()> {
        let lang = |s: String| Lang::from_code(&s).unwrap_or(Lang::En);
        let mut stmt = conn.prepare(
            "SELECT record, ts, front, conversation, lang, question, outcome, fact_id, score, offered,
                    entity_id
             FROM questions WHERE ts >= ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([since], |r| {
            Ok(Question {
                record: r.get(0)?,
                ts: r.get(1)?,
                front: Front::parse(&r.get::<_, String>(2)?).unwrap_or(Front::Terminal),
                file,
                conversation: r.get(3)?,
                lang: lang(r.get(4)?),
                text: r.get(5)?,
                outcome: Answered::parse(&r.get::<_, String>(6)?).unwrap_or(Answered::Refused),
                fact_id: r.get(7)?,
                entity_id: r.get(10)?,
                score: r.get(8)?,
                offered: r
                    .get::<_, String>(9)?
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
            })
        })?;
        for q in rows {
            self.questions.push(q?);
        }
        let mut stmt = conn.prepare(
            "SELECT record, ts, conversation, lang, fact_id, front FROM picks WHERE ts >= ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([since], |r| {
            Ok(Pick {
                record: r.get(0)?,
                ts: r.get(1)?,
                front: Front::parse(&r.get::<_, String>(5)?).unwrap_or(Front::Terminal),
                file,
                conversation: r.get(2)?,
                lang: lang(r.get(3)?),
                fact_id: r.get(4)?,
            })
        })?;
        for p in rows {
            self.picks.push(p?);
        }
        // Feedback may come a little after the answer; any feedback on a
        // record in range counts, whichever file it landed in.
        let mut stmt = conn.prepare("SELECT ts, record, verdict FROM feedback ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Feedback {
                ts: r.get(0)?,
                record: r.get(1)?,
                verdict: Verdict::parse(&r.get::<_, String>(2)?).unwrap_or(Verdict::Good),
            })
        })?;
        for f in rows {
            self.feedback.push(f?);
        }
        let dropped: i64 = conn.query_row(
            "SELECT coalesce(sum(count), 0) FROM drops WHERE ts >= ?1",
            [since],
            |r| r.get(0),
        )?;
        self.dropped += dropped as u64;
        Ok(())
    }
}

/// Counts of outcomes.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Counts {
    pub questions: u64,
    pub answered: u64,
    pub partial: u64,
    pub refused: u64,
    pub small_talk: u64,
    /// answered / (answered + partial + refused): small talk is not a
    /// question about the document. `None` when there is nothing to rate.
    pub answer_rate: Option<f64>,
}

impl Counts {
    fn add(&mut self, outcome: Answered) {
        self.questions += 1;
        match outcome {
            Answered::Answered => self.answered += 1,
            Answered::Partial => self.partial += 1,
            Answered::Refused => self.refused += 1,
            Answered::SmallTalk => self.small_talk += 1,
        }
        let asked = self.answered + self.partial + self.refused;
        self.answer_rate = (asked > 0)
            .then(|| (self.answered as f64 / asked as f64 * 10_000.0).round() / 10_000.0);
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DayFront {
    pub day: String,
    pub front: &'static str,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize)]
pub struct FrontTotal {
    pub front: &'static str,
    #[serde(flatten)]
    pub counts: Counts,
}

/// Unanswered questions that normalise to the same text.
#[derive(Debug, Clone, Serialize)]
pub struct Unanswered {
    pub normalized: String,
    pub count: u64,
    /// Up to three different spellings as asked.
    pub examples: Vec<String>,
    pub last: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FactCount {
    pub fact_id: String,
    /// The fact's question, as suggested.
    pub question: Option<String>,
    /// Questions it answered.
    pub answered: u64,
    /// Times it was picked from a button or a list.
    pub picked: u64,
}

/// An entity (a thing the document names) and how questions about it went:
/// partial answers and entity cards.
#[derive(Debug, Clone, Serialize)]
pub struct EntityCount {
    pub entity_id: String,
    pub answered: u64,
    pub partial: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Wrong {
    pub time: String,
    pub front: &'static str,
    pub question: String,
    pub outcome: &'static str,
    pub fact_id: Option<String>,
    pub entity_id: Option<String>,
    pub score: f64,
    /// The answer was a suggestion picked from a button or a list.
    pub picked: bool,
}

/// A question form to add to a fact.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    pub fact_id: String,
    pub lang: Lang,
    pub question: String,
    /// `picked_after_refusal`, `picked_instead_of_answer`, `rephrased_then_picked`,
    /// `thumbs_up_at_low_score`.
    pub reason: &'static str,
    /// Times this form (normalised) qualified.
    pub count: u64,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub databases: Vec<String>,
    /// The first day included, or `None` for everything kept.
    pub since: Option<String>,
    pub totals: Counts,
    pub picks: u64,
    pub thumbs_up: u64,
    pub thumbs_down: u64,
    /// Records the bot dropped because its queue was full.
    pub dropped: u64,
    pub by_day: Vec<DayFront>,
    pub by_front: Vec<FrontTotal>,
    pub unanswered: Vec<Unanswered>,
    pub facts: Vec<FactCount>,
    pub entities: Vec<EntityCount>,
    pub wrong: Vec<Wrong>,
    pub suggestions: Vec<Suggestion>,
    /// Ready to paste into `knowledge/`: for each fact, its `questions`
    /// with the suggested forms added.
    pub knowledge: Value,
}

/// The normalised form questions are grouped by: what the matcher sees,
/// without punctuation and extra spaces.
pub fn grouping_form(question: &str) -> String {
    normalize(question)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Report {
    pub fn build(data: &Data, kb: &KnowledgeBase, since: Option<i64>) -> Report {
        let mut totals = Counts::default();
        let mut by_day: BTreeMap<(String, Front), Counts> = BTreeMap::new();
        let mut by_front: BTreeMap<Front, Counts> = BTreeMap::new();
        for q in &data.questions {
            totals.add(q.outcome);
            by_day
                .entry((day(q.ts), q.front))
                .or_default()
                .add(q.outcome);
            by_front.entry(q.front).or_default().add(q.outcome);
        }

        // The latest verdict per answer.
        let mut verdicts: HashMap<i64, &Feedback> = HashMap::new();
        for f in &data.feedback {
            let keep = verdicts.get(&f.record).is_none_or(|old| old.ts <= f.ts);
            if keep {
                verdicts.insert(f.record, f);
            }
        }
        let by_record: HashMap<i64, &Question> =
            data.questions.iter().map(|q| (q.record, q)).collect();
        let picks_by_record: HashMap<i64, &Pick> =
            data.picks.iter().map(|p| (p.record, p)).collect();
        let in_range =
            |record: &i64| by_record.contains_key(record) || picks_by_record.contains_key(record);
        let thumbs = |v: Verdict| {
            verdicts
                .iter()
                .filter(|(r, f)| f.verdict == v && in_range(r))
                .count() as u64
        };

        let mut wrong: Vec<Wrong> = verdicts
            .values()
            .filter(|f| f.verdict == Verdict::Wrong)
            .filter_map(|f| {
                if let Some(q) = by_record.get(&f.record) {
                    return Some(Wrong {
                        time: minute(q.ts),
                        front: q.front.as_str(),
                        question: q.text.clone(),
                        outcome: q.outcome.as_str(),
                        fact_id: q.fact_id.clone(),
                        entity_id: q.entity_id.clone(),
                        score: round4(q.score),
                        picked: false,
                    });
                }
                let p = picks_by_record.get(&f.record)?;
                Some(Wrong {
                    time: minute(p.ts),
                    front: p.front.as_str(),
                    question: kb
                        .fact(&p.fact_id)
                        .map_or(p.fact_id.clone(), |f| f.suggestion(p.lang).to_string()),
                    outcome: Answered::Answered.as_str(),
                    fact_id: Some(p.fact_id.clone()),
                    entity_id: None,
                    score: 1.0,
                    picked: true,
                })
            })
            .collect();
        wrong.sort_by(|a, b| b.time.cmp(&a.time).then(a.question.cmp(&b.question)));

        let suggestions = suggestions(data, &verdicts, kb);
        Report {
            databases: data.files.clone(),
            since: since.map(day),
            totals,
            picks: data.picks.len() as u64,
            thumbs_up: thumbs(Verdict::Good),
            thumbs_down: thumbs(Verdict::Wrong),
            dropped: data.dropped,
            by_day: by_day
                .into_iter()
                .map(|((day, front), counts)| DayFront {
                    day,
                    front: front.as_str(),
                    counts,
                })
                .collect(),
            by_front: by_front
                .into_iter()
                .map(|(front, counts)| FrontTotal {
                    front: front.as_str(),
                    counts,
                })
                .collect(),
            unanswered: unanswered(data),
            facts: facts(data, kb),
            entities: entities(data),
            wrong,
            knowledge: snippet(&suggestions, kb),
            suggestions,
        }
    }

    /// The report as one JSON document.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    /// The report for a person to read.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "factbot report: {} database{} ({}), {}",
            self.databases.len(),
            if self.databases.len() == 1 { "" } else { "s" },
            self.databases.join(", "),
            self.since
                .as_ref()
                .map_or("everything kept".to_string(), |d| format!("since {d}"))
        );
        let t = &self.totals;
        let _ = writeln!(
            out,
            "\nQuestions: {} (answered {}, partial {}, refused {}, small talk {}); answer rate {}",
            t.questions,
            t.answered,
            t.partial,
            t.refused,
            t.small_talk,
            rate(t.answer_rate)
        );
        let _ = writeln!(
            out,
            "Suggestions picked: {}; 👍 {}; 👎 {}; records dropped (queue full): {}",
            self.picks, self.thumbs_up, self.thumbs_down, self.dropped
        );

        section(&mut out, "Per day and front end");
        let _ = writeln!(
            out,
            "  {:<10}  {:<8}  {:>9}  {:>8}  {:>7}  {:>7}  {:>10}  {:>11}",
            "day",
            "front",
            "questions",
            "answered",
            "partial",
            "refused",
            "small talk",
            "answer rate"
        );
        for r in &self.by_day {
            let c = &r.counts;
            let _ = writeln!(
                out,
                "  {:<10}  {:<8}  {:>9}  {:>8}  {:>7}  {:>7}  {:>10}  {:>11}",
                r.day,
                r.front,
                c.questions,
                c.answered,
                c.partial,
                c.refused,
                c.small_talk,
                rate(c.answer_rate)
            );
        }
        for r in &self.by_front {
            let c = &r.counts;
            let _ = writeln!(
                out,
                "  {:<10}  {:<8}  {:>9}  {:>8}  {:>7}  {:>7}  {:>10}  {:>11}",
                "all days",
                r.front,
                c.questions,
                c.answered,
                c.partial,
                c.refused,
                c.small_talk,
                rate(c.answer_rate)
            );
        }

        section(
            &mut out,
            "Top unanswered questions (grouped by normalised form)",
        );
        for u in &self.unanswered {
            let _ = writeln!(out, "  {:>5}  {}", u.count, u.normalized);
            let _ = writeln!(out, "         as asked: {}", quoted(&u.examples));
        }

        section(&mut out, "Facts most asked for");
        for f in &self.facts {
            let _ = writeln!(
                out,
                "  {:>5} answered  {:>4} picked  {}{}",
                f.answered,
                f.picked,
                f.fact_id,
                f.question
                    .as_ref()
                    .map_or(String::new(), |q| format!(" ({q})"))
            );
        }

        if !self.entities.is_empty() {
            section(&mut out, "Entities asked about");
            for e in &self.entities {
                let _ = writeln!(
                    out,
                    "  {:>5} answered  {:>4} partial  {}",
                    e.answered, e.partial, e.entity_id
                );
            }
        }

        section(&mut out, "Answers marked wrong");
        for w in &self.wrong {
            let _ = writeln!(
                out,
                "  {}  {:<8}  {:?} -> {} ({}, score {:.2}{})",
                w.time,
                w.front,
                w.question,
                w.fact_id
                    .as_deref()
                    .or(w.entity_id.as_deref())
                    .unwrap_or("no fact"),
                w.outcome,
                w.score,
                if w.picked {
                    ", a picked suggestion"
                } else {
                    ""
                }
            );
        }

        section(&mut out, "Question forms to add (active learning)");
        for s in &self.suggestions {
            let _ = writeln!(
                out,
                "  {} [{}] {:?}: {} ({}x)",
                s.fact_id,
                s.lang,
                s.question,
                s.reason.replace('_', " "),
                s.count
            );
        }
        if !self.suggestions.is_empty() {
            let _ = writeln!(
                out,
                "\nPaste into the facts in knowledge/ (each replaces that fact's \"questions\"), then run factbot check:\n{}",
                serde_json::to_string_pretty(&self.knowledge).unwrap_or_default()
            );
        }
        out
    }
}

fn section(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}");
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn rate(r: Option<f64>) -> String {
    r.map_or("-".to_string(), |r| format!("{:.1}%", r * 100.0))
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Refused and partial questions grouped by normalised form, most frequent
/// first.
fn unanswered(data: &Data) -> Vec<Unanswered> {
    let mut groups: HashMap<String, Unanswered> = HashMap::new();
    for q in data
        .questions
        .iter()
        .filter(|q| matches!(q.outcome, Answered::Refused | Answered::Partial))
    {
        let form = grouping_form(&q.text);
        if form.is_empty() {
            continue;
        }
        let g = groups.entry(form.clone()).or_insert_with(|| Unanswered {
            normalized: form,
            count: 0,
            examples: Vec::new(),
            last: String::new(),
        });
        g.count += 1;
        if g.examples.len() < 3 && !g.examples.contains(&q.text) {
            g.examples.push(q.text.clone());
        }
        g.last = minute(q.ts);
    }
    let mut list: Vec<Unanswered> = groups.into_values().collect();
    top(&mut list, |g| (g.count, g.normalized.as_str()));
    list
}

/// Facts by how often they answered a question, then how often picked.
fn facts(data: &Data, kb: &KnowledgeBase) -> Vec<FactCount> {
    let mut counts: HashMap<&str, (u64, u64)> = HashMap::new();
    for q in &data.questions {
        if let (Answered::Answered, Some(id)) = (q.outcome, &q.fact_id) {
            counts.entry(id).or_default().0 += 1;
        }
    }
    for p in &data.picks {
        counts.entry(&p.fact_id).or_default().1 += 1;
    }
    let mut list: Vec<FactCount> = counts
        .into_iter()
        .map(|(id, (answered, picked))| FactCount {
            fact_id: id.to_string(),
            question: kb.fact(id).map(|f| f.suggestion(Lang::En).to_string()),
            answered,
            picked,
        })
        .collect();
    top(&mut list, |f| (f.answered + f.picked, f.fact_id.as_str()));
    list
}

/// Entities by how often questions were about them.
fn entities(data: &Data) -> Vec<EntityCount> {
    let mut counts: HashMap<&str, (u64, u64)> = HashMap::new();
    for q in &data.questions {
        if let Some(id) = &q.entity_id {
            let c = counts.entry(id).or_default();
            match q.outcome {
                Answered::Partial => c.1 += 1,
                _ => c.0 += 1,
            }
        }
    }
    let mut list: Vec<EntityCount> = counts
        .into_iter()
        .map(|(id, (answered, partial))| EntityCount {
            entity_id: id.to_string(),
            answered,
            partial,
        })
        .collect();
    top(&mut list, |e| {
        (e.answered + e.partial, e.entity_id.as_str())
    });
    list
}

/// Keeps the `TOP` most counted, most first, ties by name.
fn top<T>(list: &mut Vec<T>, key: impl Fn(&T) -> (u64, &str)) {
    list.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        kb.0.cmp(&ka.0).then(ka.1.cmp(kb.1))
    });
    list.truncate(TOP);
}

/// Question forms to add, QnA Maker's active learning: a question that was
/// refused (or answered with another fact) after which the person picked
/// fact F's suggestion, the unanswered tries just before it that they
/// rephrased, and a question whose answer got a 👍 at a low score. Forms the
/// fact already has are left out.
fn suggestions(
    data: &Data,
    verdicts: &HashMap<i64, &Feedback>,
    kb: &KnowledgeBase,
) -> Vec<Suggestion> {
    let mut found: Vec<(String, &Question, &'static str)> = Vec::new();

    // Questions per conversation, oldest first.
    let mut conversations: HashMap<(usize, &[u8]), Vec<&Question>> = HashMap::new();
    for q in &data.questions {
        if let Some(c) = &q.conversation {
            conversations.entry((q.file, c)).or_default().push(q);
        }
    }
    for p in &data.picks {
        let Some(c) = &p.conversation else { continue };
        let Some(asked) = conversations.get(&(p.file, c.as_slice())) else {
            continue;
        };
        let before: Vec<&Question> = asked
            .iter()
            .copied()
            .filter(|q| q.ts <= p.ts && p.ts - q.ts <= PICK_WINDOW_SECS)
            .collect();
        // The latest question that offered the picked fact.
        let Some(at) = before.iter().rposition(|q| {
            q.offered.contains(&p.fact_id) || q.fact_id.as_ref() == Some(&p.fact_id)
        }) else {
            continue;
        };
        let offered_by = before[at];
        if offered_by.fact_id.as_ref() == Some(&p.fact_id) {
            // Already answered with it: a second look, not a correction.
            continue;
        }
        let reason = match offered_by.outcome {
            Answered::Answered => "picked_instead_of_answer",
            _ => "picked_after_refusal",
        };
        found.push((p.fact_id.clone(), offered_by, reason));
        // Unanswered tries just before, each soon followed by the next.
        let mut next = offered_by;
        for q in before[..at].iter().rev() {
            let unanswered = matches!(q.outcome, Answered::Refused | Answered::Partial);
            if !unanswered || next.ts - q.ts > REPHRASE_GAP_SECS {
                break;
            }
            found.push((p.fact_id.clone(), q, "rephrased_then_picked"));
            next = q;
        }
    }
    for q in &data.questions {
        let good = verdicts
            .get(&q.record)
            .is_some_and(|f| f.verdict == Verdict::Good);
        if let (true, Answered::Answered, Some(id)) = (good, q.outcome, &q.fact_id)
            && q.score < LOW_SCORE
        {
            found.push((id.clone(), q, "thumbs_up_at_low_score"));
        }
    }

    // One entry per fact and form; forms the fact already has are skipped.
    let mut out: Vec<Suggestion> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    for (fact_id, q, reason) in found {
        let form = grouping_form(&q.text);
        if form.is_empty() {
            continue;
        }
        let known = kb.fact(&fact_id).is_some_and(|f| {
            f.questions
                .get(q.lang)
                .iter()
                .any(|existing| grouping_form(existing) == form)
        });
        if known {
            continue;
        }
        match index.get(&(fact_id.clone(), form.clone())) {
            Some(&i) => out[i].count += 1,
            None => {
                index.insert((fact_id.clone(), form), out.len());
                out.push(Suggestion {
                    fact_id,
                    lang: q.lang,
                    question: q.text.trim().to_string(),
                    reason,
                    count: 1,
                });
            }
        }
    }
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.fact_id.cmp(&b.fact_id))
            .then(a.question.cmp(&b.question))
    });
    out
}

/// For each fact with suggestions, its `questions` object with them added,
/// keyed by fact id.
fn snippet(suggestions: &[Suggestion], kb: &KnowledgeBase) -> Value {
    let mut facts: BTreeMap<&str, BTreeMap<&str, Vec<String>>> = BTreeMap::new();
    for s in suggestions {
        let entry = facts.entry(&s.fact_id).or_insert_with(|| {
            let mut langs = BTreeMap::new();
            for lang in Lang::ALL {
                let existing = kb
                    .fact(&s.fact_id)
                    .map(|f| f.questions.get(lang).to_vec())
                    .unwrap_or_default();
                langs.insert(lang.code(), existing);
            }
            langs
        });
        let list = entry.entry(s.lang.code()).or_default();
        let mut seen: HashSet<String> = list.iter().map(|q| grouping_form(q)).collect();
        if seen.insert(grouping_form(&s.question)) {
            list.push(s.question.clone());
        }
    }
    let map: serde_json::Map<String, Value> = facts
        .into_iter()
        .map(|(id, langs)| (id.to_string(), json!({ "questions": langs })))
        .collect();
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kb() -> KnowledgeBase {
        KnowledgeBase::embedded().expect("built-in knowledge")
    }

    fn q(
        ts: i64,
        conv: u8,
        text: &str,
        outcome: Answered,
        fact: Option<&str>,
        offered: &[&str],
    ) -> Question {
        Question {
            record: ts * 10 + i64::from(conv),
            ts,
            front: Front::Telegram,
            file: 0,
            conversation: Some(vec![conv; 16]),
            lang: Lang::En,
            text: text.to_string(),
            outcome,
            fact_id: fact.map(str::to_string),
            entity_id: None,
            score: if fact.is_some() { 0.9 } else { 0.3 },
            offered: offered.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn pick(ts: i64, conv: u8, fact: &str) -> Pick {
        Pick {
            record: -ts,
            ts,
            front: Front::Telegram,
            file: 0,
            conversation: Some(vec![conv; 16]),
            lang: Lang::En,
            fact_id: fact.to_string(),
        }
    }

    #[test]
    fn dates_round_trip() {
        for (ts, want) in [
            (0, "1970-01-01 00:00"),
            (951_782_400, "2000-02-29 00:00"),
            (1_700_000_000, "2023-11-14 22:13"),
            (-1, "1969-12-31 23:59"),
        ] {
            assert_eq!(minute(ts), want);
        }
        for d in [-800_000, -1, 0, 59, 60, 11_016, 20_000, 2_932_896] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
    }

    #[test]
    fn parses_since() {
        let now = 1_700_000_000;
        assert_eq!("7d".parse::<Since>().unwrap().start(now), now - 7 * DAY);
        assert_eq!("12h".parse::<Since>().unwrap().start(now), now - 12 * 3600);
        assert_eq!("2w".parse::<Since>().unwrap().start(now), now - 14 * DAY);
        assert_eq!(
            "2023-11-14".parse::<Since>().unwrap().start(now),
            1_699_920_000
        );
        for bad in [
            "",
            "d",
            "7",
            "7y",
            "-3d",
            "0d",
            "2023-13-01",
            "2023-1-1",
            "yesterday",
        ] {
            assert!(bad.parse::<Since>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn groups_unanswered_by_normalised_form() {
        let data = Data {
            questions: vec![
                q(
                    10,
                    1,
                    "What is the weather on Mars?",
                    Answered::Refused,
                    None,
                    &[],
                ),
                q(
                    20,
                    2,
                    "what is the  WEATHER on mars",
                    Answered::Refused,
                    None,
                    &[],
                ),
                q(30, 3, "Who is Messi?", Answered::Refused, None, &[]),
                q(40, 3, "hello", Answered::SmallTalk, None, &[]),
            ],
            ..Data::default()
        };
        let list = unanswered(&data);
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].normalized, "what is the weather on mars");
        assert_eq!(list[0].count, 2);
        assert_eq!(list[0].examples.len(), 2);
    }

    #[test]
    fn counts_partial_answers_by_entity() {
        let mut partial = q(
            10,
            1,
            "Who chairs the council?",
            Answered::Partial,
            None,
            &[],
        );
        partial.entity_id = Some("coordination-council".into());
        let mut card = q(20, 2, "the council", Answered::Answered, None, &[]);
        card.entity_id = Some("coordination-council".into());
        let data = Data {
            questions: vec![partial.clone(), partial, card],
            ..Data::default()
        };
        let list = entities(&data);
        assert_eq!(list.len(), 1);
        assert_eq!(
            (
                list[0].entity_id.as_str(),
                list[0].answered,
                list[0].partial
            ),
            ("coordination-council", 1, 2)
        );
        // Partial answers are unanswered questions too.
        assert_eq!(unanswered(&data)[0].count, 2);
    }

    #[test]
    fn suggests_forms_from_picks_rephrasings_and_low_score_thumbs_up() {
        let kb = kb();
        let f = "investment-china-2013";
        let g = "trade-volume-2013";
        let mut low = q(
            900,
            4,
            "cash from beijing 2013 pls",
            Answered::Answered,
            Some(f),
            &[],
        );
        low.score = 0.55;
        let mut high = q(
            950,
            4,
            "China investment 2013 amount",
            Answered::Answered,
            Some(f),
            &[],
        );
        high.score = 0.95;
        let data = Data {
            questions: vec![
                // Conversation 1: two tries, the second offers f, then f is picked.
                q(
                    100,
                    1,
                    "money from the chinese side?",
                    Answered::Refused,
                    None,
                    &[],
                ),
                q(
                    130,
                    1,
                    "chinese money last year of the data",
                    Answered::Refused,
                    None,
                    &[f],
                ),
                // Conversation 2: answered with g, f offered as "did you mean", f picked.
                q(
                    200,
                    2,
                    "china 2013 numbers",
                    Answered::Answered,
                    Some(g),
                    &[f],
                ),
                // Conversation 3: refused long before the pick: no link.
                q(300, 3, "something unrelated", Answered::Refused, None, &[f]),
                // A form the fact already has is not suggested again.
                q(
                    500,
                    5,
                    "How much did China invest in 2013?",
                    Answered::Refused,
                    None,
                    &[f],
                ),
                low.clone(),
                high.clone(),
            ],
            picks: vec![
                pick(140, 1, f),
                pick(210, 2, f),
                pick(300 + PICK_WINDOW_SECS + 1, 3, f),
                pick(510, 5, f),
            ],
            feedback: vec![
                Feedback {
                    ts: 901,
                    record: low.record,
                    verdict: Verdict::Good,
                },
                Feedback {
                    ts: 951,
                    record: high.record,
                    verdict: Verdict::Good,
                },
            ],
            ..Data::default()
        };
        let verdicts: HashMap<i64, &Feedback> =
            data.feedback.iter().map(|f| (f.record, f)).collect();
        let found = suggestions(&data, &verdicts, &kb);
        let mut got: Vec<(&str, &str)> = found
            .iter()
            .map(|s| (s.question.as_str(), s.reason))
            .collect();
        got.sort();
        assert_eq!(
            got,
            vec![
                ("cash from beijing 2013 pls", "thumbs_up_at_low_score"),
                ("china 2013 numbers", "picked_instead_of_answer"),
                (
                    "chinese money last year of the data",
                    "picked_after_refusal"
                ),
                ("money from the chinese side?", "rephrased_then_picked"),
            ]
        );
        let report = Report::build(&data, &kb, None);
        let en = report.knowledge[f]["questions"]["en"]
            .as_array()
            .expect("en list");
        let existing = kb.fact(f).unwrap().questions.en.len();
        assert_eq!(en.len(), existing + 4, "{en:?}");
        assert_eq!(en[0], kb.fact(f).unwrap().questions.en[0].as_str());
        assert!(report.knowledge[f]["questions"]["ru"].is_array());
    }
}
