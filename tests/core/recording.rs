//! Recording from the terminal front ends and `factbot report`, against real
//! SQLite files in a temporary folder.

use std::path::{Path, PathBuf};

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
