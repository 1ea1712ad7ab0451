//! Recording from the terminal front ends and `factbot report`, against real
//! SQLite files in a temporary folder.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::cli::{factbot, stdout};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("factbot-rec-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn report_json(args: &[&str]) -> Value {
    let mut all = vec!["report", "--json"];
    all.extend_from_slice(args);
    let out = factbot(&all, b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout(&out)).expect("JSON report")
}

fn db_arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn ask_json_and_chat_are_recorded_and_reported() {
    let dir = temp_dir("fronts");
    let db = dir.join("f.db");
    let out = factbot(
        &["--db", db_arg(&db), "ask", "--json"],
        b"How much did China invest in 2013?\nwhat about the weather on Mars?\n\nhello\n",
    );
    assert!(out.status.success());
    let out = factbot(
        &["chat", "--db", db_arg(&db)],
        b"/wrong\nHow much did China invest in 2013?\n/wrong\n/quit\n",
    );
    let text = stdout(&out);
    assert!(text.contains("Nothing to mark"), "{text}");
    assert!(
        text.contains("Noted: the last answer is marked wrong"),
        "{text}"
    );

    let r = report_json(&[db_arg(&db)]);
    // The blank line is not a question.
    assert_eq!(r["totals"]["questions"], 4, "{r:#}");
    assert_eq!(r["totals"]["small_talk"], 1);
    let fronts: Vec<(&str, u64)> = r["by_front"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["front"].as_str().unwrap(),
                f["questions"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(fronts, [("terminal", 1), ("json", 3)]);
    let wrong = r["wrong"].as_array().unwrap();
    assert_eq!(wrong.len(), 1);
    assert_eq!(wrong[0]["front"], "terminal");
    assert_eq!(wrong[0]["question"], "How much did China invest in 2013?");
    assert_eq!(
        r["unanswered"][0]["normalized"],
        "what about the weather on mars"
    );

    // The text report says the same for a person.
    let out = factbot(&["report", "--since", "1d", db_arg(&db)], b"");
    let text = stdout(&out);
    assert!(text.contains("Questions: 4 (answered 2"), "{text}");
    assert!(text.contains("Answers marked wrong"), "{text}");
    assert!(text.contains("what about the weather on mars"), "{text}");
}

#[test]
fn report_merges_databases_and_reads_them_only() {
    let dir = temp_dir("merge");
    let (a, b) = (dir.join("a.db"), dir.join("b.db"));
    factbot(
        &["ask", "--json", "--db", db_arg(&a)],
        b"How much did China invest in 2013?\n",
    );
    factbot(
        &["ask", "--json", "--db", db_arg(&b)],
        b"How much did China invest in 2013?\nWho won the football world cup?\n",
    );
    let before = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let r = report_json(&[db_arg(&a), db_arg(&b)]);
    assert_eq!(r["databases"].as_array().unwrap().len(), 2);
    assert_eq!(r["totals"]["questions"], 3);
    assert_eq!(r["facts"][0]["answered"], 2);
    assert_eq!(
        (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap()),
        before,
        "reading changes nothing"
    );
}

#[test]
fn report_errors_are_clear() {
    let dir = temp_dir("errors");
    let missing = dir.join("nope.db");
    let out = factbot(&["report", db_arg(&missing)], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nope.db: no such file"), "{err}");

    let out = factbot(&["report"], b"");
    assert_eq!(out.status.code(), Some(2), "FACTBOT_DB=off and no file");
    assert!(String::from_utf8_lossy(&out.stderr).contains("recording is off"));

    let out = factbot(
        &["report", "--since", "last tuesday", db_arg(&missing)],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--since takes a span"));
}

/// A suggestion picked by number in the chat is recorded and is the answer
/// `/good` marks; an entity's card and a partial answer are counted by
/// entity; a partial answer is not an answer to mark.
#[test]
fn chat_picks_are_marked_and_entities_counted() {
    let dir = temp_dir("picks");
    let db = dir.join("p.db");
    let out = factbot(
        &["chat", "--db", db_arg(&db)],
        "What is the weather on Mars?\n1\n/good\nWhat is the Coordination Council?\n\
         Who chairs the Coordination Council?\n/wrong\n/help\n/quit\n"
            .as_bytes(),
    );
    let text = stdout(&out);
    assert!(
        text.contains("Noted: the last answer is marked good"),
        "{text}"
    );
    assert!(text.contains("Nothing to mark"), "{text}");
    for command in ["/wrong", "/good"] {
        assert!(text.contains(command), "/help lists {command}: {text}");
    }

    let r = report_json(&[db_arg(&db)]);
    let t = &r["totals"];
    assert_eq!(
        (
            &t["questions"],
            &t["answered"],
            &t["partial"],
            &t["refused"]
        ),
        (&json(3), &json(1), &json(1), &json(1)),
        "{r:#}"
    );
    assert_eq!(r["picks"], 1);
    assert_eq!(r["thumbs_up"], 1);
    let council = &r["entities"][0];
    assert_eq!(council["entity_id"], "coordination-council", "{r:#}");
    assert_eq!(
        (&council["answered"], &council["partial"]),
        (&json(1), &json(1))
    );
    let s = &r["suggestions"][0];
    assert_eq!(s["question"], "What is the weather on Mars?", "{r:#}");
    assert_eq!(s["reason"], "picked_after_refusal");
}

fn json(n: u64) -> Value {
    Value::from(n)
}

/// `FACTBOT_DB` and `FACTBOT_RETENTION_DAYS` may come from `.env` in the
/// working directory, like every other setting; a bad retention is clap's
/// error naming the option.
#[test]
fn recording_settings_come_from_dotenv() {
    let dir = temp_dir("dotenv");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_factbot"))
            .args(args)
            .current_dir(&dir)
            .env_remove("FACTBOT_DB")
            .env_remove("FACTBOT_RETENTION_DAYS")
            .env_remove("FACTBOT_KNOWLEDGE")
            .env_remove("RUST_LOG")
            .output()
            .unwrap()
    };
    std::fs::write(
        dir.join(".env"),
        "FACTBOT_DB=from-dotenv.db\nFACTBOT_RETENTION_DAYS=30\n",
    )
    .unwrap();
    let out = run(&["ask", "--json", "How much did China invest in 2013?"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("from-dotenv.db").exists(), "the file .env names");
    assert!(!dir.join("factbot.db").exists(), "not the default");
    let out = run(&["report", "--json"]);
    let r: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(r["totals"]["questions"], 1, "{r:#}");

    std::fs::write(dir.join(".env"), "FACTBOT_RETENTION_DAYS=0\n").unwrap();
    let out = run(&["ask", "hello"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--retention-days") && err.contains("from 1 to 36500"),
        "{err}"
    );
}
