//! The database file: opening it (WAL mode), the versioned schema
//! (`PRAGMA user_version`) and the migrations that bring an older file up to
//! date, and what each way of failing means for the person running factbot.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

/// Marks the file as factbot's (`PRAGMA application_id`, "fbot").
pub const APPLICATION_ID: i32 = 0x6662_6f74;

/// Each step takes the schema from version `i` to `i + 1`. Steps are only
/// ever appended: a released step never changes.
pub const MIGRATIONS: [&str; 2] = [V1, V2];

/// The version this build writes and reads.
pub const VERSION: i32 = MIGRATIONS.len() as i32;

/// How long the writer waits for another connection's lock before giving
/// up on a batch. It waits on its own thread, never a reply's.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Version 1: questions with their outcome, picked suggestions, feedback,
/// and the count of records dropped because the queue was full. Times are
/// Unix seconds, UTC. `record` is the random id feedback points at.
const V1: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE questions (
    id           INTEGER PRIMARY KEY,
    record       INTEGER NOT NULL,
    ts           INTEGER NOT NULL,
    front        TEXT NOT NULL CHECK (front IN ('terminal', 'telegram', 'inline', 'json')),
    conversation BLOB,
    lang         TEXT NOT NULL,
    question     TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('answered', 'partial', 'refused', 'small_talk')),
    fact_id      TEXT,
    score        REAL NOT NULL,
    offered      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX questions_ts ON questions (ts);
CREATE TABLE picks (
    id           INTEGER PRIMARY KEY,
    record       INTEGER NOT NULL,
    ts           INTEGER NOT NULL,
    front        TEXT NOT NULL,
    conversation BLOB,
    lang         TEXT NOT NULL,
    fact_id      TEXT NOT NULL
);
CREATE INDEX picks_ts ON picks (ts);
CREATE TABLE feedback (
    id      INTEGER PRIMARY KEY,
    ts      INTEGER NOT NULL,
    record  INTEGER NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('good', 'wrong'))
);
CREATE INDEX feedback_ts ON feedback (ts);
CREATE TABLE drops (
    ts    INTEGER NOT NULL,
    count INTEGER NOT NULL
);
";

/// Version 2: the entity a partial answer or an entity card is about
/// (null for answers from a fact).
const V2: &str = "
ALTER TABLE questions ADD COLUMN entity_id TEXT;
";

/// Why the database cannot be used, in words for the person running factbot.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("no such file")]
    Missing,
    #[error("cannot open it: {0} (does its folder exist, and may factbot write there?)")]
    CannotOpen(String),
    #[error("it is not a SQLite database, or it is corrupt: {0}")]
    Corrupt(String),
    #[error("it is read-only: {0}")]
    ReadOnly(String),
    #[error("the disk or the database is full: {0}")]
    Full(String),
    #[error("another program holds a lock on it: {0}")]
    Locked(String),
    #[error(
        "it was written by a newer factbot (schema version {0}; this one knows up to {VERSION})"
    )]
    Newer(i32),
    #[error("it is another program's SQLite database (application id {0:#x})")]
    Foreign(i32),
    #[error("cannot make a key: the operating system's random source failed")]
    Random,
    #[error("{0}")]
    Other(String),
}

impl From<rusqlite::Error> for Problem {
    fn from(e: rusqlite::Error) -> Problem {
        let text = e.to_string();
        match e.sqlite_error_code() {
            Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => Problem::CannotOpen(text),
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Problem::Corrupt(text),
            Some(ErrorCode::ReadOnly) => Problem::ReadOnly(text),
            Some(ErrorCode::DiskFull) => Problem::Full(text),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Problem::Locked(text),
            _ => Problem::Other(text),
        }
    }
}

/// A database that cannot be used, and which.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct StoreError {
    pub path: String,
    pub problem: Problem,
}

impl StoreError {
    pub fn new(path: &Path, problem: impl Into<Problem>) -> StoreError {
        StoreError {
            path: path.display().to_string(),
            problem: problem.into(),
        }
    }
}

/// Opens (creating it if needed) the database the bot writes to, in WAL
/// mode, migrated to [`VERSION`].
pub fn open_for_writing(path: &Path) -> Result<Connection, StoreError> {
    let err = |e: rusqlite::Error| StoreError::new(path, e);
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(err)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
    prepare(&conn).map_err(|p| StoreError::new(path, p))?;
    Ok(conn)
}

/// WAL lets the report read while the bot writes, and makes each batch one
/// append; `synchronous = NORMAL` is WAL's durable-enough setting (a power
/// cut may lose the last batches, never corrupt the file).
fn prepare(conn: &Connection) -> Result<(), Problem> {
    // Reading the header first tells a corrupt or foreign file apart before
    // anything is written to it.
    let version = user_version(conn)?;
    check_version(conn, version)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::debug!(mode, "the database is not in WAL mode");
    }
    conn.execute_batch("PRAGMA synchronous = NORMAL")?;
    migrate(conn)
}

/// Opens a database to read from, never writing to the file: one from an
/// older version is copied into memory and migrated there.
pub fn open_for_reading(path: &Path) -> Result<Connection, StoreError> {
    let err = |p: Problem| StoreError::new(path, p);
    if !path.exists() {
        return Err(err(Problem::Missing));
    }
    let (conn, version) = match read_only(path, false) {
        Ok(opened) => opened,
        // A WAL database needs its `-shm` file, which a reader cannot make
        // in a folder it may not write to (an archive, another user's
        // folder). Without a `-wal` file everything is in the database
        // file, which can then be read as immutable.
        Err(e) if !wal_of(path).exists() => match read_only(path, true) {
            Ok(opened) => opened,
            Err(_) => return Err(err(e.into())),
        },
        Err(e) => return Err(err(e.into())),
    };
    check_version(&conn, version).map_err(err)?;
    if version == VERSION {
        return Ok(conn);
    }
    let mut copy = Connection::open_in_memory().map_err(|e| err(e.into()))?;
    {
        let backup = rusqlite::backup::Backup::new(&conn, &mut copy).map_err(|e| err(e.into()))?;
        backup
            .run_to_completion(1024, Duration::ZERO, None)
            .map_err(|e| err(e.into()))?;
    }
    migrate(&copy).map_err(err)?;
    Ok(copy)
}

/// Opens read-only and reads the schema version.
fn read_only(path: &Path, immutable: bool) -> rusqlite::Result<(Connection, i32)> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match immutable {
        false => Connection::open_with_flags(path, flags)?,
        true => Connection::open_with_flags(
            format!("{}?immutable=1", file_uri(path)),
            flags | OpenFlags::SQLITE_OPEN_URI,
        )?,
    };
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let version = user_version(&conn)?;
    Ok((conn, version))
}

/// The WAL file beside a database.
fn wal_of(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push("-wal");
    name.into()
}

/// A `file:` URI for a path, every byte that is not plainly safe
/// percent-encoded.
fn file_uri(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt as _;
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

fn user_version(conn: &Connection) -> rusqlite::Result<i32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Refuses files this build must not touch: newer versions, and other
/// programs' databases.
fn check_version(conn: &Connection, version: i32) -> Result<(), Problem> {
    if version > VERSION {
        return Err(Problem::Newer(version));
    }
    let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app == APPLICATION_ID {
        return Ok(());
    }
    // A fresh file has no tables yet and is ours to set up.
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    match tables {
        0 => Ok(()),
        _ => Err(Problem::Foreign(app)),
    }
}

/// Brings the schema to [`VERSION`], in one transaction: a second process
/// migrating at the same moment waits, then finds nothing left to do.
pub fn migrate(conn: &Connection) -> Result<(), Problem> {
    if user_version(conn)? == VERSION {
        return Ok(());
    }
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let version = user_version(&tx)?;
    check_version(&tx, version)?;
    for step in &MIGRATIONS[version as usize..] {
        tx.execute_batch(step)?;
    }
    tx.execute_batch(&format!(
        "PRAGMA user_version = {VERSION}; PRAGMA application_id = {APPLICATION_ID};"
    ))?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn columns(conn: &Connection, table: &str) -> Vec<String> {
        let mut stmt = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn creates_the_current_schema_in_wal_mode() {
        let dir = tempdir();
        let path = dir.join("new.db");
        let conn = open_for_writing(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), VERSION);
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        assert!(columns(&conn, "questions").contains(&"entity_id".to_string()));
        drop(conn);
        // Opening again changes nothing.
        let conn = open_for_writing(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), VERSION);
    }

    #[test]
    fn refuses_newer_foreign_and_corrupt_files() {
        let dir = tempdir();
        let newer = dir.join("newer.db");
        Connection::open(&newer)
            .unwrap()
            .execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
                VERSION + 1
            ))
            .unwrap();
        let foreign = dir.join("foreign.db");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE songs (title TEXT)")
            .unwrap();
        let corrupt = dir.join("corrupt.db");
        std::fs::write(&corrupt, b"this is not a database, just text ".repeat(200)).unwrap();
        for path in [&newer, &foreign, &corrupt] {
            let before = std::fs::read(path).unwrap();
            let w = open_for_writing(path).unwrap_err();
            let r = open_for_reading(path).unwrap_err();
            assert_eq!(w.problem, r.problem);
            assert!(
                matches!(
                    w.problem,
                    Problem::Newer(_) | Problem::Foreign(_) | Problem::Corrupt(_)
                ),
                "{w}"
            );
            assert_eq!(std::fs::read(path).unwrap(), before, "{} untouched", w);
        }
        let missing = dir.join("no-such-folder").join("x.db");
        assert!(matches!(
            open_for_writing(&missing).unwrap_err().problem,
            Problem::CannotOpen(_)
        ));
        assert_eq!(
            open_for_reading(&missing).unwrap_err().problem,
            Problem::Missing
        );
    }

    /// A file as version 1 wrote it, with a question and its feedback.
    fn version_1_file(path: &Path) {
        let conn = Connection::open(path).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = WAL; {V1} PRAGMA user_version = 1; PRAGMA application_id = {APPLICATION_ID};
             INSERT INTO questions (record, ts, front, conversation, lang, question, outcome, fact_id, score, offered)
                 VALUES (77, 1700000000, 'telegram', x'00112233445566778899aabbccddeeff', 'en',
                         'How much did China invest in 2013?', 'answered', 'investment-china-2013', 0.93, '');
             INSERT INTO feedback (ts, record, verdict) VALUES (1700000060, 77, 'wrong');"
        ))
        .unwrap();
    }

    #[test]
    fn upgrades_a_version_1_file() {
        let dir = tempdir();
        let path = dir.join("v1.db");
        version_1_file(&path);

        // The report reads it as it is, without writing to it.
        let before = std::fs::read(&path).unwrap();
        let read = open_for_reading(&path).unwrap();
        let (q, entity): (String, Option<String>) = read
            .query_row("SELECT question, entity_id FROM questions", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(q, "How much did China invest in 2013?");
        assert_eq!(entity, None);
        drop(read);
        assert_eq!(std::fs::read(&path).unwrap(), before);

        // The bot upgrades it in place and keeps every row.
        let conn = open_for_writing(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), VERSION);
        let rows: (i64, i64, Option<String>) = conn
            .query_row(
                "SELECT (SELECT count(*) FROM questions), (SELECT count(*) FROM feedback),
                        (SELECT entity_id FROM questions)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(rows, (1, 1, None));
        conn.execute(
            "INSERT INTO questions (record, ts, front, lang, question, outcome, score, entity_id)
             VALUES (78, 1700000100, 'json', 'en', 'who chairs the council?', 'partial', 0.6, 'council')",
            [],
        )
        .unwrap();
    }

    #[test]
    fn encodes_file_uris() {
        assert_eq!(
            file_uri(Path::new("/tmp/a b/x?.db")),
            "file:/tmp/a%20b/x%3F.db"
        );
        assert_eq!(file_uri(Path::new("б.db")), "file:%D0%B1.db");
    }

    /// A fresh folder for one test.
    pub(crate) fn tempdir() -> std::path::PathBuf {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "factbot-store-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
