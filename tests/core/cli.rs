//! The `factbot` binary as scripts use it: `ask`, `ask --json` (one question
//! or a stream), `check`, and `chat` with piped input.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// `factbot` with these arguments, its three streams piped, started.
fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_factbot"))
        .args(args)
        // Away from the checkout: a developer's `.env` is not read.
        .current_dir(std::env::temp_dir())
        .env_remove("FACTBOT_KNOWLEDGE")
        .env_remove("RUST_LOG")
        // These tests run in the source folder: record nothing there.
        .env("FACTBOT_DB", "off")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("factbot runs")
}

pub fn factbot(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = spawn(args);
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn ask_json_answers_with_the_exact_figure() {
    let out = factbot(
        &["ask", "--json", "How much did China invest in 2013?"],
        b"",
    );
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    let v = &lines[0];
    assert_eq!(v["answered"], true);
    assert_eq!(v["lang"], "en");
    assert!(
        v["answer"].as_str().unwrap().contains("US$141 million"),
        "{v}"
    );
    assert!(v["fact_id"].is_string());
    let score = v["score"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&score));
    assert!(v["suggestions"].is_array());
}

#[test]
fn ask_json_sessions_are_conversations_and_plain_lines_stand_alone() {
    let input = concat!(
        r#"{"session": "a", "q": "What was the trade volume in 2013?"}"#,
        "\n",
        r#"{"session": "b", "q": "How much did China invest in 2013?"}"#,
        "\n",
        "and in 2012?\n",
        r#"{"session": "a", "q": "and in 2012?"}"#,
        "\n",
        r#"{"session": "b", "q": "and in 2012?"}"#,
        "\n",
    );
    let out = factbot(&["ask", "--json"], input.as_bytes());
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 5);
    let facts: Vec<&Value> = lines.iter().map(|v| &v["fact_id"]).collect();
    assert_eq!(facts[0], "trade-volume-2013");
    assert_eq!(facts[1], "investment-china-2013");
    // A plain line has no context: a bare follow-up is not answered.
    assert_eq!(lines[2]["answered"], false, "{}", lines[2]);
    assert!(lines[2].get("session").is_none(), "{}", lines[2]);
    // Each session follows up on its own last question.
    assert_eq!(facts[3], "trade-volume-2012-derived");
    assert_eq!(facts[4], "investment-china-2012-derived");
    assert_eq!(lines[3]["session"], "a");
    assert_eq!(lines[4]["session"], "b");
}

#[test]
fn at_most_the_configured_number_of_conversations_is_kept() {
    // With room for one, session b pushes out a: a's follow-up has no
    // context left, while b's still has.
    let input = concat!(
        r#"{"session": "a", "q": "What was the trade volume in 2013?"}"#,
        "\n",
        r#"{"session": "b", "q": "How much did China invest in 2013?"}"#,
        "\n",
        r#"{"session": "b", "q": "and in 2012?"}"#,
        "\n",
        r#"{"session": "a", "q": "and in 2012?"}"#,
        "\n",
    );
    let out = factbot(&["--conversations", "1", "ask", "--json"], input.as_bytes());
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines[2]["fact_id"], "investment-china-2012-derived");
    assert_eq!(lines[3]["answered"], false, "{}", lines[3]);
    let zero = factbot(&["--conversations", "0", "ask", "x"], b"");
    assert!(!zero.status.success());
    assert!(
        String::from_utf8_lossy(&zero.stderr).contains("--conversations"),
        "{zero:?}"
    );
}

#[test]
fn a_reader_that_goes_away_is_not_an_error() {
    // `factbot ask --json < questions | head -1`: the pipe closes early.
    let mut child = spawn(&["ask", "--json"]);
    drop(child.stdout.take());
    let mut input = child.stdin.take().unwrap();
    // Enough to fill any pipe buffer; the write fails once factbot has gone.
    let _ = input.write_all(
        "How much did China invest in 2013?\n"
            .repeat(20_000)
            .as_bytes(),
    );
    drop(input);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn ask_json_answers_russian_in_russian() {
    let out = factbot(&["ask", "--json", "Какой мост строится через Амур?"], b"");
    let v = &json_lines(&out)[0];
    assert_eq!(v["answered"], true, "{v}");
    assert_eq!(v["lang"], "ru");
    assert!(v["answer"].as_str().unwrap().contains("Тунцзян"), "{v}");
}

#[test]
fn lang_flag_overrides_the_question_language() {
    let out = factbot(
        &[
            "--lang",
            "ru",
            "ask",
            "--json",
            "How much did China invest in 2013?",
        ],
        b"",
    );
    let v = &json_lines(&out)[0];
    assert_eq!(v["lang"], "ru");
    assert!(v["answer"].as_str().unwrap().contains("141"), "{v}");
}

#[test]
fn ask_plain_text_shows_figures_and_source() {
    let out = factbot(&["ask", "How much did China invest in 2013?"], b"");
    let text = stdout(&out);
    assert!(text.contains("US$141 million"), "{text}");
    assert!(
        text.contains("In 2013 China invested US$141 million"),
        "{text}"
    );
}

#[test]
fn batch_writes_one_line_per_input_line_in_order() {
    let mut input = Vec::new();
    input.extend_from_slice("What was the trade volume in 2013?\n".as_bytes());
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"\xff\xfe broken \xc3\n");
    input.extend_from_slice(&vec![b'a'; 200_000]);
    input.extend_from_slice(b"\n");
    input.extend_from_slice("What is the weather in Paris?\n".as_bytes());
    input.extend_from_slice("Сколько Китай инвестировал в 2013 году?".as_bytes());
    let out = factbot(&["ask", "--json"], &input);
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 6, "{}", stdout(&out));
    assert_eq!(lines[0]["answered"], true);
    assert!(
        lines[0]["answer"].as_str().unwrap().contains("12.522"),
        "{}",
        lines[0]
    );
    for (i, why) in [(1, "blank"), (2, "UTF-8"), (3, "too long")] {
        assert_eq!(
            lines[i]["answered"], false,
            "line {i} ({why}): {}",
            lines[i]
        );
    }
    assert!(lines[2]["answer"].as_str().unwrap().contains("UTF-8"));
    assert!(lines[3]["answer"].as_str().unwrap().contains("too long"));
    assert_eq!(lines[4]["answered"], false);
    assert!(
        !lines[4]["suggestions"].as_array().unwrap().is_empty(),
        "{}",
        lines[4]
    );
    assert_eq!(lines[5]["answered"], true);
    assert_eq!(lines[5]["lang"], "ru");
}

#[test]
fn check_accepts_the_shipped_knowledge() {
    let out = factbot(&["check"], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(text.contains("OK"), "{text}");
    assert!(text.contains("language ru"), "{text}");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let out = factbot(&["check", "--knowledge", dir.to_str().unwrap()], b"");
    assert!(out.status.success());
}

#[test]
fn check_lists_every_problem_with_its_position() {
    let dir = std::env::temp_dir().join(format!("factbot-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.json"),
        "{\"facts\": [\n  {\"id\": \"x\", \"topic\": 5}\n]}",
    )
    .unwrap();
    std::fs::write(dir.join("b.json"), "{\"facts\": [").unwrap();
    std::fs::write(dir.join("c.json"), b"{\"synonyms\": [[\"\xff\"]]}").unwrap();
    // 50 MB of otherwise valid JSON is refused before it is read.
    let mut huge = b"{\"synonyms\": [".to_vec();
    huge.resize(50 * 1024 * 1024, b' ');
    huge.extend_from_slice(b"]}");
    std::fs::write(dir.join("d.json"), huge).unwrap();
    let out = factbot(&["check", "--knowledge", dir.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    // Four problems, then their count on the same stream.
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(lines[4], format!("{}: 4 problems", dir.display()), "{text}");
    let a = dir.join("a.json").display().to_string();
    assert!(lines[0].starts_with(&format!("{a}:2:")), "{text}");
    assert!(
        lines[1].starts_with(&format!("{}:1:", dir.join("b.json").display())),
        "{text}"
    );
    assert!(
        lines[2].contains("c.json:1:") && lines[2].contains("UTF-8"),
        "{text}"
    );
    // The same knowledge refuses to start a front end: no partial load.
    let out = factbot(&["--knowledge", dir.to_str().unwrap(), "ask", "trade"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a.json:2:"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn missing_knowledge_folder_is_a_clear_error() {
    let out = factbot(&["check", "--knowledge", "/nonexistent/factbot"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        "/nonexistent/factbot: the knowledge folder does not exist\n\
         /nonexistent/factbot: 1 problem\n"
    );
}

#[test]
fn chat_answers_piped_questions_and_picks_suggestions_by_number() {
    let out = factbot(
        &["chat"],
        "hello\nWho won the football world cup?\n1\n/quit\n".as_bytes(),
    );
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("Hello!"), "{text}");
    assert!(text.contains("I don't know"), "{text}");
    // "1" picked the first suggestion, so a source quote follows the "I don't know".
    let after = &text[text.find("I don't know").unwrap()..];
    assert!(after.contains("Source:"), "{text}");
}

#[test]
fn chat_picks_a_suggestion_in_the_language_it_was_offered_in() {
    let out = factbot(&["chat"], "Какой мост строится через Амур?\n1\n".as_bytes());
    let text = stdout(&out);
    let picked = text.rsplit("> ").nth(1).expect("two replies");
    assert!(picked.contains("Источник"), "{text}");
}

#[test]
fn ask_reads_unquoted_words_as_one_question() {
    let quoted = factbot(&["ask", "--json", "how much did china invest"], b"");
    let unquoted = factbot(
        &["ask", "--json", "how", "much", "did", "china", "invest"],
        b"",
    );
    assert!(unquoted.status.success());
    let (q, u) = (&json_lines(&quoted)[0], &json_lines(&unquoted)[0]);
    assert_eq!(u["answered"], true, "{u}");
    assert_eq!(u["fact_id"], q["fact_id"]);
    assert_eq!(u["score"], q["score"]);
}

/// The replies of a chat session, split at the prompts.
fn chat_replies(input: &str) -> Vec<String> {
    let out = factbot(&["chat"], input.as_bytes());
    assert!(out.status.success());
    stdout(&out)
        .split("\n> ")
        .skip(1)
        .map(|r| r.trim().to_string())
        .collect()
}

#[test]
fn chat_commands_topics_and_numbers() {
    let replies = chat_replies("/help\n/topics\n3\n2\n/nonsense\nok\n");
    let [help, topics, topic, picked, unknown, ok] = &replies[..6] else {
        panic!("{replies:#?}");
    };
    for command in ["/topics", "/help", "/quit"] {
        assert!(help.contains(command), "{help}");
    }
    assert!(
        topics.contains("\n1. Trade\n2. Investment\n3. Infrastructure"),
        "{topics}"
    );
    // "3" opened the third topic, numbered; "2" picked from that list.
    assert!(topic.starts_with("Infrastructure:\n1. "), "{topic}");
    let second = topic.lines().nth(2).unwrap().trim_start_matches("2. ");
    assert!(picked.contains("Source:"), "{picked}");
    assert!(second.contains("rail"), "{topic}");
    assert!(picked.contains("rail line"), "{picked}");
    assert!(
        unknown.starts_with("There is no such command."),
        "{unknown}"
    );
    assert!(unknown.contains("/topics"), "{unknown}");
    assert!(ok.starts_with("OK."), "{ok}");
    assert!(!ok.contains("welcome"), "{ok}");
}

#[test]
fn chat_shows_each_suggestion_and_figure_once() {
    let replies = chat_replies("how much did china invest\nWhat was the trade volume in 2013?\n");
    for reply in &replies[..2] {
        assert!(!reply.contains("Did you mean"), "a certain answer: {reply}");
        let offered: Vec<&str> = reply
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
            .map(|l| l.split_once(". ").unwrap().1)
            .collect();
        let mut unique = offered.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(offered.len(), unique.len(), "{reply}");
    }
    let figures = replies[1]
        .lines()
        .find(|l| l.starts_with("Figures:"))
        .unwrap();
    assert_eq!(figures, "Figures: US$12.522 billion (2013, +14%)");
}
