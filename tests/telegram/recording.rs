//! Recording (issue 11), end to end against a real SQLite file: what the bot
//! records, that `factbot report --json` shows it, that nothing identifying
//! a person reaches the file, and that a database that cannot be used never
//! costs an answer.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::{Value, json};

use crate::fake::{self, BotProcess, Call, FakeApi, Launch};

/// Two people, with ids, usernames and names that cannot occur in the file
/// by chance.
struct Person {
    id: i64,
    username: &'static str,
    first: &'static str,
    last: &'static str,
    lang: &'static str,
}

const ANNA: Person = Person {
    id: 7_364_912_058,
    username: "zebulon_quill_77",
    first: "Zebulon",
    last: "Quillfeather",
    lang: "en",
};
const BORIS: Person = Person {
    id: 8_150_347_269,
    username: "ostromir_kv",
    first: "Остромир",
    last: "Кувшинников",
    lang: "ru",
};

impl Person {
    fn user(&self) -> Value {
        json!({"id": self.id, "is_bot": false, "first_name": self.first, "last_name": self.last,
               "username": self.username, "language_code": self.lang})
    }

    fn chat(&self) -> Value {
        json!({"id": self.id, "type": "private", "first_name": self.first, "last_name": self.last,
               "username": self.username})
    }

    fn says(&self, text: &str) -> Value {
        json!({"message": {"message_id": 3, "date": 1_700_000_000, "chat": self.chat(),
                           "from": self.user(), "text": text}})
    }

    /// A tap on a button of `reply` (a message the bot sent to this person).
    fn taps(&self, reply: &Call, data: &str) -> Value {
        json!({"callback_query": {
            "id": format!("cb-{data}"),
            "from": self.user(),
            "chat_instance": "17",
            "data": data,
            "message": {
                "message_id": 9, "date": 1_700_000_000, "chat": self.chat(),
                "from": {"id": fake::BOT_ID, "is_bot": true, "first_name": "Factbot",
                         "username": fake::BOT_USERNAME},
                "text": "an answer",
                "reply_markup": reply.body["reply_markup"].clone()
            }
        }})
    }

    fn inline(&self, query: &str) -> Value {
        json!({"inline_query": {"id": "iq-1", "from": self.user(), "query": query, "offset": ""}})
    }
}

/// The callback data of a sent message's buttons.
fn button_data(call: &Call) -> Vec<String> {
    call.body
        .pointer("/reply_markup/inline_keyboard")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|b| b["callback_data"].as_str().map(str::to_string))
        .collect()
}

/// `factbot report --json` on `dbs`.
fn report(dbs: &[&Path]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_factbot"))
        .arg("report")
        .arg("--json")
        .args(dbs)
        .env_remove("FACTBOT_DB")
        .env_remove("FACTBOT_KNOWLEDGE")
        .output()
        .expect("factbot report runs");
    assert!(
        out.status.success(),
        "report failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("report is JSON")
}

/// Every file in `dir`, concatenated (the database and any WAL beside it).
fn bytes_of(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            all.extend(std::fs::read(path).unwrap());
        }
    }
    all
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn questions_votes_and_picks_reach_the_report() {
    let api = FakeApi::start().await;
    let url = api.url();
    // The default place: factbot.db in the working directory.
    let dir = fake::scratch_dir();
    let bot = BotProcess::launch(Launch {
        api: &url,
        dir: Some(dir.clone()),
        ..Default::default()
    });
    api.wait_polling().await;

    api.push(ANNA.says("How much did China invest in 2013?"));
    let answer = api.wait_sent(ANNA.id, 1).await.remove(0);
    api.push(ANNA.says("What is the weather on Mars?"));
    let refusal = api.wait_sent(ANNA.id, 2).await.remove(1);
    api.push(BORIS.says("Сколько Китай инвестировал в 2013 году?"));
    api.wait_sent(BORIS.id, 1).await;
    api.push(BORIS.inline("China invest 2013"));

    // 👎 on the first answer: recorded, thanked, and the buttons say so.
    let wrong = button_data(&answer)
        .into_iter()
        .find(|d| d.starts_with("v:w:"))
        .expect("a 👎 button under the answer");
    api.push(ANNA.taps(&answer, &wrong));
    // A suggestion picked under the refusal.
    let suggested = button_data(&refusal)
        .into_iter()
        .find(|d| d.starts_with("f:en:"))
        .expect("suggestions under the refusal");
    let picked_fact = suggested.trim_start_matches("f:en:").to_string();
    api.push(ANNA.taps(&refusal, &suggested));
    api.wait_sent(ANNA.id, 3).await;
    api.wait_until("the vote acknowledged", Duration::from_secs(20), |calls| {
        calls.iter().any(|c| c.method == "editmessagereplymarkup")
            && calls.iter().any(|c| c.method == "answerinlinequery")
    })
    .await;
    let log = bot.stop();

    let acks = api.calls_to("answerCallbackQuery");
    assert_eq!(acks.len(), 2, "the vote and the pick, each acknowledged");
    assert!(
        acks.iter().any(|a| a.body["text"] == "👎 Noted, thanks!"),
        "{acks:?}"
    );
    let edit = &api.calls_to("editMessageReplyMarkup")[0];
    let after: Vec<String> = edit
        .body
        .pointer("/reply_markup/inline_keyboard")
        .and_then(Value::as_array)
        .unwrap()
        .iter()
        .flat_map(|r| r.as_array().unwrap().clone())
        .map(|b| b["text"].as_str().unwrap().to_string())
        .collect();
    assert!(
        after.contains(&"👎 Noted, thanks!".to_string()),
        "{after:?}"
    );
    assert!(
        !after.iter().any(|t| t.contains("👍 Right")),
        "the vote buttons are gone: {after:?}"
    );
    assert!(!log.contains("WARN"), "no warning:\n{log}");

    let db = dir.join("factbot.db");
    let r = report(&[&db]);
    let t = &r["totals"];
    assert_eq!(t["questions"], 4, "{r:#}");
    assert_eq!(t["answered"], 3, "{r:#}");
    assert_eq!(t["refused"], 1, "{r:#}");
    assert_eq!(t["answer_rate"], 0.75);
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
    assert_eq!(fronts, [("telegram", 3), ("inline", 1)]);
    let per_day: u64 = r["by_day"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["questions"].as_u64().unwrap())
        .sum();
    assert_eq!(per_day, 4);
    assert_eq!(
        r["unanswered"][0]["normalized"],
        "what is the weather on mars"
    );
    assert_eq!(r["unanswered"][0]["count"], 1);
    assert_eq!(r["facts"][0]["fact_id"], "investment-china-2013");
    assert_eq!(r["facts"][0]["answered"], 3);
    assert_eq!(r["picks"], 1);
    assert_eq!(r["thumbs_down"], 1);
    let wrong = r["wrong"].as_array().unwrap();
    assert_eq!(wrong.len(), 1, "{r:#}");
    assert_eq!(wrong[0]["question"], "How much did China invest in 2013?");
    assert_eq!(wrong[0]["fact_id"], "investment-china-2013");
    assert_eq!(wrong[0]["front"], "telegram");
    // The refused question, then a picked suggestion: a form to add.
    let s = &r["suggestions"][0];
    assert_eq!(s["fact_id"], picked_fact.as_str(), "{r:#}");
    assert_eq!(s["question"], "What is the weather on Mars?");
    assert_eq!(s["reason"], "picked_after_refusal");
    let forms = r["knowledge"][&picked_fact]["questions"]["en"]
        .as_array()
        .unwrap();
    assert_eq!(forms.last().unwrap(), "What is the weather on Mars?");

    // Nothing that identifies either person is in the files.
    let bytes = bytes_of(&dir);
    assert!(
        contains(&bytes, "weather on Mars".as_bytes()),
        "the file holds the questions"
    );
    for p in [&ANNA, &BORIS] {
        for needle in [
            p.id.to_string().into_bytes(),
            p.id.to_le_bytes()[..5].to_vec(),
            p.id.to_be_bytes()[3..].to_vec(),
            p.username.as_bytes().to_vec(),
            p.first.as_bytes().to_vec(),
            p.last.as_bytes().to_vec(),
        ] {
            assert!(
                !contains(&bytes, &needle),
                "{:?} of {} is in the database",
                String::from_utf8_lossy(&needle),
                p.first
            );
        }
    }
}

/// A database that cannot be used: the bot answers every question anyway,
/// logs one clear warning, and leaves the file as it was.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_databases_do_not_cost_answers() {
    let corrupt = fake::scratch_dir();
    let corrupt_db = corrupt.join("factbot.db");
    std::fs::write(&corrupt_db, b"not a database at all ".repeat(500)).unwrap();
    check_answers(&corrupt, &corrupt_db, None, "not a SQLite database").await;

    let missing = fake::scratch_dir();
    let missing_db = missing.join("no-such-folder").join("factbot.db");
    check_answers(&missing, &missing_db, None, "cannot open it").await;
    assert!(!missing_db.parent().unwrap().exists(), "no folder made");

    let (dir, db, run_as) = read_only_database();
    check_answers(&dir, &db, run_as, "read-only").await;
}

/// A real factbot database in a folder, both read-only to the bot. Root
/// ignores permission bits, so as root the bot runs as `nobody` from a
/// copy of the binary it can reach.
fn read_only_database() -> (PathBuf, PathBuf, Option<(u32, u32)>) {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let dir = fake::scratch_dir();
    let db = dir.join("factbot.db");
    drop(factbot::store::schema::open_for_writing(&db).expect("a fresh database"));
    let root = std::fs::metadata("/proc/self").unwrap().uid() == 0;
    let run_as = root.then_some((65_534, 65_534));
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    (dir, db, run_as)
}

async fn check_answers(dir: &Path, db: &Path, run_as: Option<(u32, u32)>, said: &str) {
    let before = std::fs::read(db).ok();
    let api = FakeApi::start().await;
    let url = api.url();
    let exe = run_as.map(|_| {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = fake::scratch_dir();
        let copy = dir.join("factbot");
        std::fs::copy(env!("CARGO_BIN_EXE_factbot"), &copy).unwrap();
        // Whatever the umask, the other user may enter and run it.
        for path in [&dir, &copy] {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        copy
    });
    let bot = BotProcess::launch(Launch {
        api: &url,
        dir: Some(dir.to_path_buf()),
        env: &[("FACTBOT_DB", db.to_str().unwrap())],
        run_as,
        exe,
        ..Default::default()
    });
    api.wait_polling().await;
    let chats: Vec<i64> = (601..611).collect();
    for &chat in &chats {
        api.push(fake::text(chat, "How much did China invest in 2013?"));
    }
    for &chat in &chats {
        let sent = api.wait_sent(chat, 1).await;
        assert!(sent[0].text().contains("141"), "{}", sent[0].text());
    }
    let log = bot.stop();
    let warnings: Vec<&str> = log.lines().filter(|l| l.contains("WARN")).collect();
    assert_eq!(warnings.len(), 1, "one warning:\n{log}");
    assert!(
        warnings[0].contains("recording is off") && warnings[0].contains(said),
        "a clear warning: {}",
        warnings[0]
    );
    assert!(warnings[0].contains("keeps answering"), "{}", warnings[0]);
    assert_eq!(std::fs::read(db).ok(), before, "the file is untouched");
    for &chat in &chats {
        assert_eq!(api.sent_to(chat).len(), 1);
    }
}

/// `FACTBOT_DB=off` keeps nothing and shows no vote buttons.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn off_keeps_nothing() {
    let api = FakeApi::start().await;
    let url = api.url();
    let dir = fake::scratch_dir();
    let bot = BotProcess::launch(Launch {
        api: &url,
        dir: Some(dir.clone()),
        env: &[("FACTBOT_DB", "off")],
        ..Default::default()
    });
    api.wait_polling().await;
    api.push(fake::text(701, "How much did China invest in 2013?"));
    let sent = api.wait_sent(701, 1).await;
    bot.stop();
    assert!(sent[0].text().contains("141"));
    assert!(
        !button_data(&sent[0]).iter().any(|d| d.starts_with("v:")),
        "no votes when nothing is recorded"
    );
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "no file made");
}

/// The button labels of a sent message.
fn button_labels(call: &Call) -> Vec<String> {
    call.body
        .pointer("/reply_markup/inline_keyboard")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|b| b["text"].as_str().map(str::to_string))
        .collect()
}

/// 👍/👎 go under what facts answer (an entity's card, a two-part answer),
/// in the answer's language, and not under a partial answer or small talk:
/// a vote there says nothing about the knowledge base.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn votes_go_under_answers_only() {
    let api = FakeApi::start().await;
    let url = api.url();
    let dir = fake::scratch_dir();
    let bot = BotProcess::launch(Launch {
        api: &url,
        dir: Some(dir.clone()),
        ..Default::default()
    });
    api.wait_polling().await;
    // (question, votes wanted)
    let cases = [
        ("What is the Coordination Council?", Some("👎 Wrong")),
        (
            "Who is the author of this paper and where does he work?",
            Some("👎 Wrong"),
        ),
        (
            "Сколько Китай инвестировал в 2013 году?",
            Some("👎 Неверно"),
        ),
        ("Who chairs the Coordination Council?", None),
        ("hello", None),
    ];
    for (i, (question, _)) in cases.iter().enumerate() {
        api.push(fake::text(801, question));
        api.wait_sent(801, i + 1).await;
    }
    bot.stop();
    let sent = api.sent_to(801);
    for ((question, want), reply) in cases.iter().zip(&sent) {
        let votes: Vec<String> = button_data(reply)
            .into_iter()
            .filter(|d| d.starts_with("v:"))
            .collect();
        match want {
            Some(label) => {
                assert_eq!(votes.len(), 2, "{question}: {votes:?}");
                assert!(
                    button_labels(reply).contains(&label.to_string()),
                    "{question}: {:?}",
                    button_labels(reply)
                );
            }
            None => assert!(votes.is_empty(), "{question}: {votes:?}"),
        }
    }
    let r = report(&[&dir.join("factbot.db")]);
    let t = &r["totals"];
    assert_eq!(t["answered"], 3, "{r:#}");
    assert_eq!(t["partial"], 1, "{r:#}");
    assert_eq!(t["small_talk"], 1, "{r:#}");
}
