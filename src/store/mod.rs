//! What people asked and how it went, kept in an embedded SQLite database so
//! whoever runs factbot can see what fails and improve the knowledge base
//! (`factbot report`).
//!
//! Front ends hand records to a [`Recorder`]; it never blocks them: records
//! go through a bounded queue to one writer thread ([`writer`]) that stores
//! them in batches, and a full queue drops the record, never the reply. The
//! matcher never sees any of this. Nothing that identifies a person is
//! stored: a conversation is a keyed hash of its chat id ([`pseudonym`]).
//!
//! Files: [`schema`] opens and migrates the database, [`writer`] stores
//! records, [`pseudonym`] hashes chat ids, [`report`] reads databases back.

mod pseudonym;
pub mod report;
pub mod schema;
mod writer;

use std::hash::BuildHasher as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, SyncSender, TrySendError};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::lang::Lang;
use crate::matcher::{Outcome, Reply};

pub use writer::Stats;

/// The database used when neither `--db` nor `FACTBOT_DB` says otherwise.
pub const DEFAULT_PATH: &str = "factbot.db";
/// Records older than this many days are deleted, unless
/// `FACTBOT_RETENTION_DAYS` says otherwise.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;
/// The environment variables the store reads.
pub const DB_VAR: &str = "FACTBOT_DB";
pub const RETENTION_VAR: &str = "FACTBOT_RETENTION_DAYS";

/// Records waiting for the writer. At ~300 bytes each this caps the queue
/// near 2.5 MB; the writer stores tens of thousands of records a second, so
/// it fills only when the database stalls (locked, slow disk).
const QUEUE: usize = 8192;
/// The longest question text stored, in characters: longer messages are
/// pastes, and their start says what they were about.
pub const MAX_STORED_CHARS: usize = 1000;

/// Where records go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// Keep nothing (`FACTBOT_DB=off`).
    Off,
    /// This SQLite file.
    File(PathBuf),
}

impl Location {
    /// `off` keeps nothing; anything else is a path (`./off` for a file
    /// named off). Empty means the default.
    pub fn parse(value: &str) -> Location {
        match value.trim() {
            "" => Location::File(PathBuf::from(DEFAULT_PATH)),
            v if v.eq_ignore_ascii_case("off") => Location::Off,
            v => Location::File(PathBuf::from(v)),
        }
    }
}

/// The store's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Where records go (`--db` / `FACTBOT_DB`).
    pub location: Location,
    /// Days records are kept (`--retention-days` / `FACTBOT_RETENTION_DAYS`).
    pub retention_days: u32,
}

impl Default for Settings {
    /// `factbot.db` in the working directory, kept 90 days.
    fn default() -> Settings {
        Settings {
            location: Location::File(PathBuf::from(DEFAULT_PATH)),
            retention_days: DEFAULT_RETENTION_DAYS,
        }
    }
}

/// `--db` / `FACTBOT_DB` as a clap value parser: never fails, see
/// [`Location::parse`].
pub fn parse_location(value: &str) -> Result<Location, String> {
    Ok(Location::parse(value))
}

/// Parses a retention in days: a whole number from 1 to 36500.
pub fn parse_retention(value: &str) -> Result<u32, String> {
    match value.trim().parse::<u32>() {
        Ok(n) if (1..=36_500).contains(&n) => Ok(n),
        _ => Err(format!(
            "{RETENTION_VAR} must be a number of days from 1 to 36500, not {value:?} \
             (to keep nothing, set {DB_VAR}=off)"
        )),
    }
}

/// The front end a question came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Front {
    /// `factbot chat` and `factbot ask` without `--json`.
    Terminal,
    /// Messages to the Telegram bot.
    Telegram,
    /// Telegram inline queries (`@bot question` in any chat).
    Inline,
    /// `factbot ask --json`.
    Json,
}

impl Front {
    pub const ALL: [Front; 4] = [Front::Terminal, Front::Telegram, Front::Inline, Front::Json];

    /// The name stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Front::Terminal => "terminal",
            Front::Telegram => "telegram",
            Front::Inline => "inline",
            Front::Json => "json",
        }
    }

    pub fn parse(s: &str) -> Option<Front> {
        Front::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// How a question was answered, as recorded and reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answered {
    /// A fact (or an entity card) answered it.
    Answered,
    /// The thing asked about is known, the attribute asked for is not in
    /// the document.
    Partial,
    /// "I don't know", with suggestions.
    Refused,
    /// A greeting, thanks or a question about the bot.
    SmallTalk,
}

impl Answered {
    pub const ALL: [Answered; 4] = [
        Answered::Answered,
        Answered::Partial,
        Answered::Refused,
        Answered::SmallTalk,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Answered::Answered => "answered",
            Answered::Partial => "partial",
            Answered::Refused => "refused",
            Answered::SmallTalk => "small_talk",
        }
    }

    pub fn parse(s: &str) -> Option<Answered> {
        Answered::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// What a reply is recorded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary<'a> {
    pub outcome: Answered,
    /// The fact answered with.
    pub fact_id: Option<&'a str>,
    /// The entity a partial answer or an entity card is about.
    pub entity_id: Option<&'a str>,
}

/// The one place the core's reply kinds map to what is recorded: a new
/// kind of [`Outcome`] is a new arm here (there is deliberately no `_`).
/// An answer, a card and a two-part answer are answered with their lead
/// fact; asking back which fact is meant is not an answer, so it counts as
/// refused, like "I don't know". `None`: nothing was asked (an empty
/// message), so nothing is recorded.
pub fn summary<'a>(reply: &Reply<'a>) -> Option<Summary<'a>> {
    let lead = reply.fact().map(|f| f.id.as_str());
    let entity = reply.entity().map(|e| e.id.as_str());
    let (outcome, fact_id, entity_id) = match &reply.outcome {
        Outcome::Answer { .. } | Outcome::Both { .. } => (Answered::Answered, lead, None),
        Outcome::Card { .. } => (Answered::Answered, lead, entity),
        Outcome::Partial { .. } => (Answered::Partial, None, entity),
        Outcome::Clarify { .. } | Outcome::NotFound { .. } | Outcome::NotUnderstood { .. } => {
            (Answered::Refused, None, None)
        }
        Outcome::SmallTalk(_) => (Answered::SmallTalk, None, None),
        Outcome::Empty => return None,
    };
    Some(Summary {
        outcome,
        fact_id,
        entity_id,
    })
}

/// A person's verdict on an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// 👍, `/good`.
    Good,
    /// 👎, `/wrong`.
    Wrong,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Good => "good",
            Verdict::Wrong => "wrong",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "good" => Some(Verdict::Good),
            "wrong" => Some(Verdict::Wrong),
            _ => None,
        }
    }
}

/// Identifies one recorded answer (to a question or a picked suggestion),
/// so feedback given later can point at it, even from another instance's
/// database: random 63-bit numbers, not row numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecordId(pub i64);

impl RecordId {
    /// A fresh id: a per-process random key (std's `RandomState`, seeded by
    /// the OS) hashing a counter, so ids do not collide across processes.
    fn next() -> RecordId {
        static KEY: LazyLock<std::collections::hash_map::RandomState> =
            LazyLock::new(Default::default);
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        RecordId((KEY.hash_one(n) >> 1) as i64)
    }

    /// Short text for button data (base 36, at most 13 characters).
    pub fn encode(self) -> String {
        let mut n = self.0 as u64;
        let mut digits = Vec::new();
        loop {
            digits.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize]);
            n /= 36;
            if n == 0 {
                break;
            }
        }
        digits.reverse();
        String::from_utf8(digits).unwrap_or_default()
    }

    /// Parses [`RecordId::encode`]'s text; anything else is `None`.
    pub fn decode(s: &str) -> Option<RecordId> {
        if s.is_empty() || s.len() > 13 || !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        let n = i64::from_str_radix(s, 36).ok()?;
        (n >= 0).then_some(RecordId(n))
    }
}

/// Who a question belongs to, before hashing: the writer turns it into a
/// keyed hash, and the raw number is never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conversation {
    /// A Telegram chat (for inline queries, the user's private chat, whose
    /// id is the user's).
    Chat(i64),
    /// One run of `factbot chat` or `factbot ask`.
    Session(u64),
}

impl Conversation {
    /// A new terminal session.
    pub fn session() -> Conversation {
        Conversation::Session(RecordId::next().0 as u64)
    }
}

/// One thing to store.
#[derive(Debug, Clone)]
pub(crate) enum Record {
    Question {
        id: RecordId,
        ts: i64,
        front: Front,
        conversation: Option<Conversation>,
        lang: Lang,
        question: String,
        outcome: Answered,
        fact_id: Option<String>,
        entity_id: Option<String>,
        score: f32,
        /// Ids of the facts offered instead of the answer ("did you mean",
        /// "try asking", the options asked back), space-separated.
        offered: String,
    },
    /// A suggestion (or any fact button) picked.
    Pick {
        id: RecordId,
        ts: i64,
        front: Front,
        conversation: Option<Conversation>,
        lang: Lang,
        fact_id: String,
    },
    Feedback {
        ts: i64,
        id: RecordId,
        verdict: Verdict,
    },
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Hands records to the writer. Cheap to clone; every method returns at
/// once. With recording off it records nothing and gives no ids.
#[derive(Debug, Clone)]
pub struct Recorder {
    inner: Option<Arc<Inner>>,
}

#[derive(Debug)]
struct Inner {
    tx: SyncSender<writer::Msg>,
    counters: Arc<writer::Counters>,
    /// The writer thread, woken when a full batch waits.
    writer: Option<std::thread::Thread>,
    /// Set when the writer ends; `close` waits on it.
    done: Mutex<Option<mpsc::Receiver<()>>>,
}

impl Recorder {
    /// Starts the writer for `settings` (nothing for `off`). Opening the
    /// database happens on the writer thread, so a slow or broken database
    /// never delays start-up; problems are logged there, once.
    pub fn start(settings: &Settings) -> Recorder {
        match &settings.location {
            Location::Off => Recorder::off(),
            Location::File(path) => {
                Recorder::with_opener(writer::Opener::path(path, settings.retention_days))
            }
        }
    }

    /// A recorder that keeps nothing.
    pub fn off() -> Recorder {
        Recorder { inner: None }
    }

    fn with_opener(opener: writer::Opener) -> Recorder {
        let (tx, rx) = mpsc::sync_channel(QUEUE);
        let counters = Arc::new(writer::Counters::default());
        let (done, writer) = writer::spawn(opener, rx, Arc::clone(&counters));
        Recorder {
            inner: Some(Arc::new(Inner {
                tx,
                counters,
                writer,
                done: Mutex::new(Some(done)),
            })),
        }
    }

    /// Whether anything is recorded (false for `off`).
    pub fn is_on(&self) -> bool {
        self.inner.is_some()
    }

    /// Records a question and its reply; the id lets feedback point at it.
    /// Empty messages are not recorded.
    pub fn question(
        &self,
        front: Front,
        conversation: Option<Conversation>,
        question: &str,
        reply: &Reply<'_>,
    ) -> Option<RecordId> {
        let inner = self.inner.as_ref()?;
        let summary = summary(reply)?;
        let id = RecordId::next();
        let offered = crate::present::offered(reply)
            .iter()
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        inner.send(Record::Question {
            id,
            ts: now(),
            front,
            conversation,
            lang: reply.lang,
            question: truncate(question.trim(), MAX_STORED_CHARS).to_string(),
            outcome: summary.outcome,
            fact_id: summary.fact_id.map(str::to_string),
            entity_id: summary.entity_id.map(str::to_string),
            score: reply.score,
            offered,
        });
        Some(id)
    }

    /// Records that a fact was picked from a button or a numbered list.
    pub fn pick(
        &self,
        front: Front,
        conversation: Option<Conversation>,
        fact_id: &str,
        lang: Lang,
    ) -> Option<RecordId> {
        let inner = self.inner.as_ref()?;
        let id = RecordId::next();
        inner.send(Record::Pick {
            id,
            ts: now(),
            front,
            conversation,
            lang,
            fact_id: fact_id.to_string(),
        });
        Some(id)
    }

    /// Records a 👍 or 👎 (or `/good`, `/wrong`) on an answer.
    pub fn feedback(&self, id: RecordId, verdict: Verdict) {
        if let Some(inner) = &self.inner {
            inner.send(Record::Feedback {
                ts: now(),
                id,
                verdict,
            });
        }
    }

    /// Records dropped so far because the queue was full.
    pub fn dropped(&self) -> u64 {
        self.inner
            .as_ref()
            .map_or(0, |i| i.counters.dropped.load(Ordering::Relaxed))
    }

    /// Waits until everything queued so far is stored (or failed to be).
    /// For tests and tools; front ends never wait.
    pub fn flush(&self) {
        if let Some(inner) = &self.inner {
            let (ack, acked) = mpsc::sync_channel(1);
            if inner.tx.send(writer::Msg::Flush(ack)).is_ok() {
                let _ = acked.recv();
            }
        }
    }

    /// Stores what is queued and stops the writer, waiting at most
    /// `timeout`; the counts say what was written and what was lost. Later
    /// records (from clones still alive) are dropped and counted.
    pub fn close(&self, timeout: Duration) -> Stats {
        let Some(inner) = &self.inner else {
            return Stats::default();
        };
        let deadline = Instant::now() + timeout;
        // The queue may be full while the writer waits on a locked
        // database: keep offering the close until the deadline.
        let mut msg = writer::Msg::Close;
        loop {
            match inner.tx.try_send(msg) {
                Ok(()) | Err(TrySendError::Disconnected(_)) => break,
                Err(TrySendError::Full(m)) if Instant::now() < deadline => {
                    msg = m;
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(TrySendError::Full(_)) => break,
            }
        }
        let done = inner.done.lock().map(|mut d| d.take()).unwrap_or(None);
        let finished = done.is_none_or(|d| {
            d.recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .is_ok()
        });
        let stats = inner.counters.stats();
        if !finished {
            tracing::warn!(
                "recording: the database did not take the last records in time; {} not written",
                stats.queued.saturating_sub(stats.written + stats.failed)
            );
        }
        stats
    }
}

impl Inner {
    fn send(&self, record: Record) {
        self.counters.queued.fetch_add(1, Ordering::Relaxed);
        // Counted before sending, so the writer never counts it down first.
        let waiting = self.counters.pending.fetch_add(1, Ordering::Relaxed) + 1;
        if self.tx.try_send(writer::Msg::Record(record)).is_err() {
            self.counters.pending.fetch_sub(1, Ordering::Relaxed);
            self.counters.dropped.fetch_add(1, Ordering::Relaxed);
        } else if waiting == writer::MAX_BATCH
            && let Some(writer) = &self.writer
        {
            writer.unpark();
        }
    }
}

/// The first `max` characters of `s`.
fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Engine, KnowledgeBase};

    fn engine() -> Engine {
        Engine::new(KnowledgeBase::embedded().expect("built-in knowledge"))
    }

    #[test]
    fn maps_every_reply_kind() {
        let e = engine();
        // (question, outcome, fact, entity)
        let cases = [
            (
                "How much did China invest in 2013?",
                Some(Answered::Answered),
                Some("investment-china-2013"),
                None,
            ),
            (
                "What is the Coordination Council?",
                Some(Answered::Answered),
                Some("coordination-council-1998"),
                Some("coordination-council"),
            ),
            (
                "Who is the author of this paper and where does he work?",
                Some(Answered::Answered),
                Some("document-author"),
                None,
            ),
            (
                "Who chairs the Coordination Council?",
                Some(Answered::Partial),
                None,
                Some("coordination-council"),
            ),
            (
                "what is the weather on Mars?",
                Some(Answered::Refused),
                None,
                None,
            ),
            ("hello", Some(Answered::SmallTalk), None, None),
            ("   ", None, None, None),
        ];
        let mut kinds = Vec::new();
        for (q, outcome, fact_id, entity_id) in cases {
            let reply = e.ask(q, None);
            kinds.push(crate::render::outcome_name(&reply.outcome));
            let want = outcome.map(|outcome| Summary {
                outcome,
                fact_id,
                entity_id,
            });
            assert_eq!(summary(&reply), want, "{q}: {:?}", reply.outcome);
        }
        assert_eq!(
            kinds,
            [
                "answer",
                "card",
                "both",
                "partial",
                "not_found",
                "small_talk",
                "empty"
            ]
        );
        // Asking back which fact is meant is not an answer.
        let kb = e.kb();
        let options = ["trade-volume-2013", "investment-china-2013"].map(|id| kb.fact(id).unwrap());
        let clarify = Reply {
            lang: Lang::En,
            score: 0.5,
            outcome: Outcome::Clarify {
                options: options.to_vec(),
            },
            understood: Default::default(),
        };
        assert_eq!(
            summary(&clarify),
            Some(Summary {
                outcome: Answered::Refused,
                fact_id: None,
                entity_id: None,
            })
        );
    }

    #[test]
    fn records_as_offered_only_what_the_screen_offers() {
        let e = engine();
        // A certain answer shows no "did you mean", so offers nothing.
        let sure = e.ask("what was the trade volume?", None);
        assert!(sure.score >= crate::present::CERTAIN && !sure.suggestions().is_empty());
        assert!(crate::present::offered(&sure).is_empty());
        let unsure = crate::present::tests::unsure_trade_answer(&e);
        assert_eq!(crate::present::offered(&unsure).len(), 2);
        let refused = e.ask("what is the weather on Mars?", None);
        assert!(!crate::present::offered(&refused).is_empty());
    }

    #[test]
    fn record_ids_round_trip_and_differ() {
        let ids: Vec<RecordId> = (0..1000).map(|_| RecordId::next()).collect();
        let distinct: std::collections::HashSet<_> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len());
        for id in ids.into_iter().chain([RecordId(0), RecordId(i64::MAX)]) {
            let text = id.encode();
            assert!(text.len() <= 13, "{text}");
            assert_eq!(RecordId::decode(&text), Some(id));
        }
        for bad in ["", "-1", "zzzzzzzzzzzzzz", "1 2", "ü"] {
            assert_eq!(RecordId::decode(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn parses_locations_and_retention() {
        assert_eq!(Location::parse("off"), Location::Off);
        assert_eq!(Location::parse("OFF"), Location::Off);
        assert_eq!(
            Location::parse("./off"),
            Location::File(PathBuf::from("./off"))
        );
        assert_eq!(
            Location::parse(""),
            Location::File(PathBuf::from(DEFAULT_PATH))
        );
        assert_eq!(parse_retention("30"), Ok(30));
        for bad in ["0", "-1", "ninety", "36501"] {
            assert!(parse_retention(bad).is_err(), "{bad}");
        }
        let s = Settings::default();
        assert_eq!(s.location, Location::File(PathBuf::from(DEFAULT_PATH)));
        assert_eq!(s.retention_days, 90);
    }

    #[test]
    fn off_records_nothing() {
        let e = engine();
        let r = Recorder::off();
        let reply = e.ask("How much did China invest in 2013?", None);
        assert!(!r.is_on());
        assert_eq!(r.question(Front::Json, None, "q", &reply), None);
        assert_eq!(r.pick(Front::Terminal, None, "x", Lang::En), None);
        assert_eq!(r.close(Duration::from_secs(1)), Stats::default());
    }

    #[test]
    fn truncates_on_char_boundaries() {
        assert_eq!(truncate("привет", 3), "при");
        assert_eq!(truncate("hi", 5), "hi");
    }
}
