//! The one writer: a thread that takes records off the queue and stores them
//! in batched transactions, applies the retention period (at start and
//! daily), and replaces the conversation key when it is a day old.
//!
//! A database that cannot be opened or written (missing folder, read-only,
//! full, locked, corrupt, another program's file) costs the records, never
//! a reply: the writer logs one warning, counts what it could not store,
//! and tries again later.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension as _, params};

use super::pseudonym::{KEY_LIFETIME_SECS, Key};
use super::schema::{self, Problem, StoreError};
use super::{Record, now};

/// Records stored in one transaction at most; a queue this long wakes the
/// writer before its window is over.
pub(crate) const MAX_BATCH: usize = 1024;
/// After the first record of a batch, the writer sleeps this long (or until
/// [`MAX_BATCH`] records wait) and then takes what has queued, instead of
/// waking for every record: a wake-up and a transaction per record cost the
/// bot a quarter more CPU per update under load. A record reaching the file
/// this much later costs nothing; a flush or a close waits at most this long.
const BATCH_WINDOW: Duration = Duration::from_millis(100);
/// How often the retention period is applied after start.
const PURGE_EVERY: Duration = Duration::from_secs(24 * 60 * 60);
/// After a database could not be opened, how long until the next try.
const REOPEN_EVERY: Duration = Duration::from_secs(5 * 60);

/// What the writer is told.
#[derive(Debug)]
pub(crate) enum Msg {
    Record(Record),
    /// Answer once everything before this is stored.
    Flush(SyncSender<()>),
    /// Store what came before and stop.
    Close,
}

/// Counts shared by the recorder and the writer.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    /// Records in the queue now.
    pub pending: AtomicUsize,
    pub queued: AtomicU64,
    pub written: AtomicU64,
    pub dropped: AtomicU64,
    pub failed: AtomicU64,
}

impl Counters {
    pub fn stats(&self) -> Stats {
        Stats {
            queued: self.queued.load(Ordering::Relaxed),
            written: self.written.load(Ordering::Relaxed),
            dropped: self.dropped.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
        }
    }
}

/// What happened to the records of one run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Handed to the recorder.
    pub queued: u64,
    /// Stored in the database.
    pub written: u64,
    /// Dropped because the queue was full.
    pub dropped: u64,
    /// Lost because the database could not be opened or written.
    pub failed: u64,
}

/// How to open the database.
pub(crate) struct Opener {
    path: PathBuf,
    retention_days: u32,
    /// Connection settings applied after opening; tests use it to make a
    /// database fail on purpose.
    tune: fn(&Connection) -> rusqlite::Result<()>,
}

impl Opener {
    pub fn path(path: &Path, retention_days: u32) -> Opener {
        Opener {
            path: path.to_path_buf(),
            retention_days,
            tune: |_| Ok(()),
        }
    }

    fn open(&self) -> Result<Db, StoreError> {
        let err = |p: Problem| StoreError::new(&self.path, p);
        let conn = schema::open_for_writing(&self.path)?;
        (self.tune)(&conn).map_err(|e| err(e.into()))?;
        // Deleted rows (retention) and replaced keys are overwritten, not
        // left in free pages.
        conn.execute_batch("PRAGMA secure_delete = ON")
            .map_err(|e| err(e.into()))?;
        let mut db = Db {
            conn,
            key: None,
            retention_days: self.retention_days,
        };
        db.purge(now()).map_err(err)?;
        Ok(db)
    }
}

/// An open database and the current conversation key.
struct Db {
    conn: Connection,
    /// The key and when it was made.
    key: Option<(Key, i64)>,
    retention_days: u32,
}

const INSERT_QUESTION: &str = "INSERT INTO questions
    (record, ts, front, conversation, lang, question, outcome, fact_id, entity_id, score, offered)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
const INSERT_PICK: &str = "INSERT INTO picks (record, ts, front, conversation, lang, fact_id)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
const INSERT_FEEDBACK: &str = "INSERT INTO feedback (ts, record, verdict) VALUES (?1, ?2, ?3)";

impl Db {
    /// Deletes what is older than the retention period, replaces an old
    /// key, and truncates the WAL so deleted rows and keys do not linger
    /// in it.
    fn purge(&mut self, now: i64) -> Result<(), Problem> {
        let cutoff = now - i64::from(self.retention_days) * 24 * 60 * 60;
        let tx = self.conn.transaction()?;
        for table in ["questions", "picks", "feedback", "drops"] {
            tx.execute(&format!("DELETE FROM {table} WHERE ts < ?1"), [cutoff])?;
        }
        tx.commit()?;
        self.key = None;
        self.key(now)?;
        self.checkpoint();
        Ok(())
    }

    /// Folds the WAL into the file and empties it; best effort (a reader
    /// may hold it, then the next one does it).
    fn checkpoint(&self) {
        if let Err(e) = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        {
            tracing::debug!("checkpoint: {e}");
        }
    }

    /// The key for today, made (and the old one overwritten) when missing
    /// or a day old.
    fn key(&mut self, now: i64) -> Result<&Key, Problem> {
        let fresh = |since: i64| (since..since + KEY_LIFETIME_SECS).contains(&now);
        if self.key.as_ref().is_some_and(|(_, since)| fresh(*since)) {
            return Ok(&self.key.as_ref().expect("checked").0);
        }
        let stored: Option<(Vec<u8>, i64)> = self
            .conn
            .query_row(
                "SELECT k.value, s.value FROM meta k, meta s
                 WHERE k.key = 'chat_key' AND s.key = 'chat_key_since'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let key = match stored {
            Some((bytes, since)) if fresh(since) && bytes.len() == super::pseudonym::KEY_BYTES => {
                (Key::from_bytes(&bytes), since)
            }
            _ => {
                let bytes = Key::generate().map_err(|_| Problem::Random)?;
                self.conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value)
                     VALUES ('chat_key', ?1), ('chat_key_since', ?2)",
                    params![&bytes[..], now],
                )?;
                let replaced = stored.is_some();
                if replaced {
                    self.checkpoint();
                }
                (Key::from_bytes(&bytes), now)
            }
        };
        Ok(&self.key.insert(key).0)
    }

    /// Stores a batch in one transaction, with the count of records the
    /// queue dropped since the last batch.
    fn write(&mut self, batch: &[Record], dropped: u64) -> Result<(), Problem> {
        let now = now();
        self.key(now)?;
        let key = &self.key.as_ref().expect("made above").0;
        let tx = self.conn.transaction()?;
        {
            let mut question = tx.prepare_cached(INSERT_QUESTION)?;
            let mut pick = tx.prepare_cached(INSERT_PICK)?;
            let mut feedback = tx.prepare_cached(INSERT_FEEDBACK)?;
            for record in batch {
                match record {
                    Record::Question {
                        id,
                        ts,
                        front,
                        conversation,
                        lang,
                        question: text,
                        outcome,
                        fact_id,
                        entity_id,
                        score,
                        offered,
                    } => {
                        let conversation = conversation.map(|c| key.hash(c));
                        question.execute(params![
                            id.0,
                            ts,
                            front.as_str(),
                            conversation.as_ref().map(|h| &h[..]),
                            lang.code(),
                            text,
                            outcome.as_str(),
                            fact_id,
                            entity_id,
                            f64::from(*score),
                            offered,
                        ])?;
                    }
                    Record::Pick {
                        id,
                        ts,
                        front,
                        conversation,
                        lang,
                        fact_id,
                    } => {
                        let conversation = conversation.map(|c| key.hash(c));
                        pick.execute(params![
                            id.0,
                            ts,
                            front.as_str(),
                            conversation.as_ref().map(|h| &h[..]),
                            lang.code(),
                            fact_id,
                        ])?;
                    }
                    Record::Feedback { ts, id, verdict } => {
                        feedback.execute(params![ts, id.0, verdict.as_str()])?;
                    }
                }
            }
            if dropped > 0 {
                tx.execute(
                    "INSERT INTO drops (ts, count) VALUES (?1, ?2)",
                    params![now, dropped as i64],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

/// Starts the writer thread. The receiver it returns gets a message when
/// the writer has finished; the thread is for waking it early.
pub(crate) fn spawn(
    opener: Opener,
    rx: Receiver<Msg>,
    counters: Arc<Counters>,
) -> (Receiver<()>, Option<std::thread::Thread>) {
    let (done_tx, done_rx) = mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name("factbot-store".into())
        .spawn(move || {
            Writer::new(opener, counters).run(rx);
            let _ = done_tx.send(());
        });
    match spawned {
        Ok(handle) => (done_rx, Some(handle.thread().clone())),
        Err(e) => {
            tracing::warn!(
                "recording is off: cannot start its thread: {e}; answering is unaffected"
            );
            (done_rx, None)
        }
    }
}

struct Writer {
    opener: Opener,
    counters: Arc<Counters>,
    db: Option<Db>,
    next_open: Instant,
    next_purge: Instant,
    /// The one warning has been logged.
    warned: bool,
    /// The last attempt failed (so a success is worth a line).
    failing: bool,
    /// Queue drops already stored in the database.
    drops_stored: u64,
}

impl Writer {
    fn new(opener: Opener, counters: Arc<Counters>) -> Writer {
        let now = Instant::now();
        Writer {
            opener,
            counters,
            db: None,
            next_open: now,
            next_purge: now + PURGE_EVERY,
            warned: false,
            failing: false,
            drops_stored: 0,
        }
    }

    fn run(mut self, rx: Receiver<Msg>) {
        self.open();
        let mut batch = Vec::with_capacity(MAX_BATCH);
        loop {
            let wait = self.next_purge.saturating_duration_since(Instant::now());
            let first = match rx.recv_timeout(wait) {
                Ok(msg) => msg,
                Err(RecvTimeoutError::Timeout) => {
                    self.daily();
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            };
            let mut control = None;
            match first {
                Msg::Record(r) => self.take(&mut batch, r),
                other => control = Some(other),
            }
            let mut slept = control.is_some();
            while control.is_none() && batch.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok(Msg::Record(r)) => self.take(&mut batch, r),
                    Ok(other) => control = Some(other),
                    Err(_) if slept => break,
                    Err(_) => {
                        // Woken early by a sender when MAX_BATCH records wait.
                        std::thread::park_timeout(BATCH_WINDOW);
                        slept = true;
                    }
                }
            }
            self.store(&batch);
            batch.clear();
            match control {
                Some(Msg::Flush(ack)) => {
                    let _ = ack.send(());
                }
                Some(Msg::Close) => break,
                _ => {}
            }
            if Instant::now() >= self.next_purge {
                self.daily();
            }
        }
        // Records sent after the close are not stored.
        while let Ok(msg) = rx.try_recv() {
            match msg {
                Msg::Record(_) => {
                    self.counters.failed.fetch_add(1, Ordering::Relaxed);
                }
                Msg::Flush(ack) => {
                    let _ = ack.send(());
                }
                Msg::Close => {}
            }
        }
        let stats = self.counters.stats();
        tracing::info!(
            written = stats.written,
            dropped = stats.dropped,
            failed = stats.failed,
            "recording stopped"
        );
    }

    /// Adds a record taken off the queue to the batch.
    fn take(&self, batch: &mut Vec<Record>, record: Record) {
        self.counters.pending.fetch_sub(1, Ordering::Relaxed);
        batch.push(record);
    }

    /// Opens the database if it is not open and it is time to try.
    fn open(&mut self) {
        if self.db.is_some() || Instant::now() < self.next_open {
            return;
        }
        match self.opener.open() {
            Ok(db) => {
                if self.failing {
                    tracing::info!(path = %self.opener.path.display(), "recording works again");
                }
                self.failing = false;
                self.db = Some(db);
            }
            Err(e) => {
                // A newer or foreign file will not change: do not touch it.
                let retry = !matches!(e.problem, Problem::Newer(_) | Problem::Foreign(_));
                self.next_open = Instant::now()
                    + if retry {
                        REOPEN_EVERY
                    } else {
                        Duration::from_secs(u64::MAX / 4)
                    };
                self.fail(&format!(
                    "recording is off: {e}. factbot keeps answering; {}",
                    if retry {
                        "it tries the database again every 5 minutes"
                    } else {
                        "set FACTBOT_DB to another file, or to off"
                    }
                ));
            }
        }
    }

    fn store(&mut self, batch: &[Record]) {
        if batch.is_empty() && self.counters.dropped.load(Ordering::Relaxed) == self.drops_stored {
            return;
        }
        self.open();
        let n = batch.len() as u64;
        let Some(db) = self.db.as_mut() else {
            self.counters.failed.fetch_add(n, Ordering::Relaxed);
            return;
        };
        let dropped = self.counters.dropped.load(Ordering::Relaxed);
        match db.write(batch, dropped - self.drops_stored) {
            Ok(()) => {
                self.drops_stored = dropped;
                self.counters.written.fetch_add(n, Ordering::Relaxed);
                if self.failing {
                    tracing::info!("recording works again");
                    self.failing = false;
                }
            }
            Err(problem) => {
                self.counters.failed.fetch_add(n, Ordering::Relaxed);
                let e = StoreError::new(&self.opener.path, problem);
                self.fail(&format!(
                    "recording failed: {e}. factbot keeps answering; records are lost until the database works again"
                ));
            }
        }
    }

    /// The retention period, and another try at a database that failed.
    fn daily(&mut self) {
        self.next_purge = Instant::now() + PURGE_EVERY;
        self.open();
        if let Some(db) = self.db.as_mut()
            && let Err(problem) = db.purge(now())
        {
            let e = StoreError::new(&self.opener.path, problem);
            self.fail(&format!(
                "recording: cannot apply the retention period: {e}"
            ));
        }
    }

    /// One warning for the first failure; later ones only at debug level.
    fn fail(&mut self, line: &str) {
        self.failing = true;
        if self.warned {
            tracing::debug!("{line}");
        } else {
            self.warned = true;
            tracing::warn!("{line}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::schema::tests::tempdir;
    use super::super::{Answered, Conversation, Front, RecordId, Recorder, Verdict};
    use super::*;
    use crate::lang::Lang;

    fn question(ts: i64, text: &str, chat: i64) -> Record {
        Record::Question {
            id: RecordId::next(),
            ts,
            front: Front::Telegram,
            conversation: Some(Conversation::Chat(chat)),
            lang: Lang::En,
            question: text.to_string(),
            outcome: Answered::Refused,
            fact_id: None,
            entity_id: None,
            score: 0.1,
            offered: "a b".into(),
        }
    }

    fn count(path: &Path, table: &str) -> i64 {
        Connection::open(path)
            .unwrap()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    /// Sends records straight to a recorder's queue (with their own times).
    fn send(r: &Recorder, records: Vec<Record>) {
        let inner = r.inner.as_ref().unwrap();
        for rec in records {
            inner.send(rec);
        }
    }

    #[test]
    fn stores_everything_queued_and_groups_by_conversation() {
        let dir = tempdir();
        let path = dir.join("f.db");
        let r = Recorder::with_opener(Opener::path(&path, 90));
        let t = now();
        let mut records = Vec::new();
        for i in 0..3000 {
            records.push(question(t, &format!("question {i}"), 100 + i % 7));
        }
        records.push(Record::Pick {
            id: RecordId::next(),
            ts: t,
            front: Front::Telegram,
            conversation: Some(Conversation::Chat(100)),
            lang: Lang::En,
            fact_id: "a".into(),
        });
        records.push(Record::Feedback {
            ts: t,
            id: RecordId(5),
            verdict: Verdict::Wrong,
        });
        // Larger than the queue: hand them over in chunks, as a front end
        // under load would, flushing between.
        for chunk in records.chunks(1000) {
            send(&r, chunk.to_vec());
            r.flush();
        }
        let stats = r.close(Duration::from_secs(30));
        assert_eq!(
            stats,
            Stats {
                queued: 3002,
                written: 3002,
                dropped: 0,
                failed: 0
            }
        );
        assert_eq!(count(&path, "questions"), 3000);
        assert_eq!(count(&path, "picks"), 1);
        assert_eq!(count(&path, "feedback"), 1);
        let groups: i64 = Connection::open(&path)
            .unwrap()
            .query_row(
                "SELECT count(DISTINCT conversation) FROM questions",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(groups, 7, "one hash per chat");
    }

    #[test]
    fn retention_deletes_old_records_for_good() {
        let dir = tempdir();
        let path = dir.join("f.db");
        let day = 24 * 60 * 60;
        let r = Recorder::with_opener(Opener::path(&path, 30));
        send(
            &r,
            vec![
                question(now() - 31 * day, "an old question about tigers", 1),
                question(now() - 29 * day, "a recent question about rivers", 1),
            ],
        );
        r.close(Duration::from_secs(30));
        assert_eq!(count(&path, "questions"), 2, "stored before the purge");
        // The next start applies the retention period.
        let r = Recorder::with_opener(Opener::path(&path, 30));
        r.flush();
        r.close(Duration::from_secs(30));
        assert_eq!(count(&path, "questions"), 1);
        let bytes = std::fs::read(&path).unwrap();
        let has = |s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
        assert!(has("rivers"));
        assert!(
            !has("tigers"),
            "deleted text is overwritten, not left in free pages"
        );
    }

    #[test]
    fn replaces_a_day_old_key() {
        let dir = tempdir();
        let path = dir.join("f.db");
        let mut db = Opener::path(&path, 90).open().unwrap();
        let t = now();
        let chat = Conversation::Chat(42);
        let first = db.key(t).unwrap().hash(chat);
        assert_eq!(
            db.key(t + 60).unwrap().hash(chat),
            first,
            "same day, same key"
        );
        // Reopening keeps today's key: a restart does not split conversations.
        drop(db);
        let mut db = Opener::path(&path, 90).open().unwrap();
        assert_eq!(db.key(t + 120).unwrap().hash(chat), first);
        let later = db.key(t + KEY_LIFETIME_SECS).unwrap().hash(chat);
        assert_ne!(later, first, "a day later, a new key");
        let keys: i64 = db
            .conn
            .query_row(
                "SELECT count(*) FROM meta WHERE key = 'chat_key'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(keys, 1, "the old key is gone");
    }

    /// A database that refuses writes (locked by another connection, or
    /// full) loses records, not the writer: one warning, and once it works
    /// again records are stored again.
    #[test]
    fn survives_a_locked_database_and_a_full_one() {
        let dir = tempdir();
        let path = dir.join("f.db");
        let mut opener = Opener::path(&path, 90);
        // Fail at once instead of waiting five seconds for the lock.
        opener.tune = |c| c.busy_timeout(Duration::ZERO);
        let r = Recorder::with_opener(opener);
        send(&r, vec![question(now(), "before", 1)]);
        r.flush();
        let holder = Connection::open(&path).unwrap();
        holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
        send(&r, vec![question(now(), "while locked", 1)]);
        r.flush();
        holder.execute_batch("COMMIT").unwrap();
        drop(holder);
        send(&r, vec![question(now(), "after", 1)]);
        let stats = r.close(Duration::from_secs(30));
        assert_eq!((stats.written, stats.failed), (2, 1));
        assert_eq!(count(&path, "questions"), 2);

        let full = dir.join("full.db");
        let mut opener = Opener::path(&full, 90);
        // The file cannot grow past its current size (SQLITE_FULL).
        opener.tune = |c| {
            let pages: i64 = c.query_row("PRAGMA page_count", [], |r| r.get(0))?;
            c.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
        };
        let r = Recorder::with_opener(opener);
        let big = "x".repeat(900);
        send(&r, (0..200).map(|i| question(now(), &big, i)).collect());
        let stats = r.close(Duration::from_secs(30));
        assert_eq!(stats.failed, 200);
        assert_eq!(stats.written, 0);
    }

    /// While the writer waits on a lock the queue fills: further records
    /// are dropped at once (the caller never waits) and counted, and the
    /// count reaches the database once it can be written again.
    #[test]
    fn a_full_queue_drops_and_counts() {
        let dir = tempdir();
        let path = dir.join("f.db");
        let r = Recorder::with_opener(Opener::path(&path, 90));
        r.flush();
        let holder = Connection::open(&path).unwrap();
        holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
        // The writer holds at most one batch while it waits; the queue
        // holds QUEUE more; everything past that is dropped, whenever the
        // writer happens to take its batch.
        let extra = 100;
        let n = super::super::QUEUE + MAX_BATCH + extra;
        send(&r, (0..n).map(|i| question(now(), "q", i as i64)).collect());
        assert!(r.dropped() >= extra as u64, "dropped {}", r.dropped());
        holder.execute_batch("COMMIT").unwrap();
        drop(holder);
        let stats = r.close(Duration::from_secs(60));
        assert_eq!(stats.queued, n as u64);
        assert_eq!(stats.written + stats.dropped + stats.failed, n as u64);
        let stored: i64 = Connection::open(&path)
            .unwrap()
            .query_row("SELECT coalesce(sum(count), 0) FROM drops", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(stored as u64, stats.dropped, "the drops are in the file");
    }

    #[test]
    fn counts_a_database_that_cannot_be_opened() {
        let dir = tempdir();
        let path = dir.join("missing-folder").join("f.db");
        let r = Recorder::with_opener(Opener::path(&path, 90));
        send(&r, vec![question(now(), "q", 1), question(now(), "q", 2)]);
        let stats = r.close(Duration::from_secs(30));
        assert_eq!((stats.queued, stats.written, stats.failed), (2, 0, 2));
        assert!(!path.exists() && !path.parent().unwrap().exists());
    }
}
