//! 👍 and 👎 under each answer: the buttons, what a tap records, and the
//! acknowledgement that replaces them, so one tap is all it takes and the
//! person sees it was taken.
//!
//! A button carries the recorded answer's id (`v:w:<id>`), not the question:
//! the vote is tied to the answer in the database, whichever instance of
//! the bot receives the tap.

use std::sync::Arc;
use std::time::Instant;

use factbot::Lang;
use factbot::messages::{self, Msg};
use factbot::present::Screen;
use factbot::store::{RecordId, Recorder, Verdict};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::flood::{self, FloodGate};
use super::handlers::{Api, HandlerError, ui_lang};
use super::message::{Outgoing, message};
use crate::config::Config;

/// Callback data of the button that replaces the votes: tapping it only
/// stops the spinner.
const DONE: &str = "v:ok";

/// A tap on 👍 or 👎.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vote {
    pub id: RecordId,
    pub verdict: Verdict,
}

impl Vote {
    /// At most 17 bytes, well within the Bot API's 64.
    fn encode(self) -> String {
        let v = match self.verdict {
            Verdict::Good => 'g',
            Verdict::Wrong => 'w',
        };
        format!("v:{v}:{}", self.id.encode())
    }

    fn decode(data: &str) -> Option<Vote> {
        let rest = data.strip_prefix("v:")?;
        let (v, id) = rest.split_once(':')?;
        let verdict = match v {
            "g" => Verdict::Good,
            "w" => Verdict::Wrong,
            _ => return None,
        };
        Some(Vote {
            id: RecordId::decode(id)?,
            verdict,
        })
    }
}

/// The message for `screen`, with a 👍 👎 row under it when it shows an
/// answer recorded as `id` (`None` for anything else: other screens, and
/// answers not recorded, whose vote could not be kept).
pub fn with_votes(screen: &Screen<'_>, id: Option<RecordId>) -> Outgoing {
    let mut out = message(screen);
    add_votes(&mut out, id, screen.lang);
    out
}

/// Adds a 👍 👎 row under a message recorded as `id` (nothing for `None`).
fn add_votes(out: &mut Outgoing, id: Option<RecordId>, lang: Lang) {
    let Some(id) = id else { return };
    let row = [Verdict::Good, Verdict::Wrong].map(|verdict| {
        InlineKeyboardButton::callback(label(verdict, lang), Vote { id, verdict }.encode())
    });
    let mut rows = out
        .keyboard
        .take()
        .map(|k| k.inline_keyboard)
        .unwrap_or_default();
    rows.push(row.to_vec());
    out.keyboard = Some(InlineKeyboardMarkup::new(rows));
}

fn label(verdict: Verdict, lang: Lang) -> &'static str {
    let msg = match verdict {
        Verdict::Good => Msg::VoteGood,
        Verdict::Wrong => Msg::VoteWrong,
    };
    messages::text(msg, lang)
}

fn thanks(verdict: Verdict, lang: Lang) -> &'static str {
    let msg = match verdict {
        Verdict::Good => Msg::VotedGood,
        Verdict::Wrong => Msg::VotedWrong,
    };
    messages::text(msg, lang)
}

/// `Some` for a tap on a vote button (the dispatch tree's filter).
pub fn vote(q: CallbackQuery) -> Option<Vote> {
    q.data.as_deref().and_then(Vote::decode)
}

/// Records the vote, says thanks, and swaps the vote row for one
/// acknowledging it, keeping the other buttons.
pub async fn on_vote(
    bot: Api,
    q: CallbackQuery,
    vote: Vote,
    recorder: Recorder,
    flood: Arc<FloodGate>,
    config: Arc<Config>,
) -> Result<(), HandlerError> {
    let lang = ui_lang(&config, Some(&q.from));
    if flood.check(q.from.id.0, Instant::now()) != flood::Verdict::Allow {
        bot.answer_callback_query(q.id).await?;
        return Ok(());
    }
    recorder.feedback(vote.id, vote.verdict);
    bot.answer_callback_query(q.id.clone())
        .text(thanks(vote.verdict, lang))
        .await?;
    if let Some(msg) = q.regular_message() {
        let markup = acknowledged(msg.reply_markup(), vote.verdict, lang);
        bot.edit_message_reply_markup(msg.chat.id, msg.id)
            .reply_markup(markup)
            .await?;
    }
    Ok(())
}

/// The message's keyboard with its vote row replaced by an acknowledgement.
fn acknowledged(
    markup: Option<&InlineKeyboardMarkup>,
    verdict: Verdict,
    lang: Lang,
) -> InlineKeyboardMarkup {
    let is_vote = |b: &InlineKeyboardButton| match &b.kind {
        teloxide::types::InlineKeyboardButtonKind::CallbackData(d) => {
            Vote::decode(d).is_some() || d == DONE
        }
        _ => false,
    };
    let mut rows: Vec<Vec<InlineKeyboardButton>> = markup
        .map(|m| m.inline_keyboard.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|row| !row.iter().any(is_vote))
        .collect();
    rows.push(vec![InlineKeyboardButton::callback(
        thanks(verdict, lang),
        DONE,
    )]);
    InlineKeyboardMarkup::new(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_round_trip_and_reject_other_data() {
        for verdict in [Verdict::Good, Verdict::Wrong] {
            let v = Vote {
                id: RecordId(i64::MAX),
                verdict,
            };
            let data = v.encode();
            assert!(data.len() <= 64);
            assert_eq!(Vote::decode(&data), Some(v));
        }
        for bad in [DONE, "v:x:12", "v:g:", "v:g:-5", "f:en:id", "", "v:w:💥"] {
            assert_eq!(Vote::decode(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn acknowledgement_replaces_only_the_votes() {
        let mut out = Outgoing {
            html: String::new(),
            keyboard: Some(InlineKeyboardMarkup::new(vec![vec![
                InlineKeyboardButton::callback("Related?", "f:en:x"),
            ]])),
        };
        add_votes(&mut out, Some(RecordId(42)), Lang::En);
        let k = out.keyboard.expect("keyboard");
        assert_eq!(k.inline_keyboard.len(), 2);
        let acked = acknowledged(Some(&k), Verdict::Wrong, Lang::Ru);
        let labels: Vec<Vec<&str>> = acked
            .inline_keyboard
            .iter()
            .map(|r| r.iter().map(|b| b.text.as_str()).collect())
            .collect();
        assert_eq!(labels, vec![vec!["Related?"], vec!["👎 Учтено, спасибо!"]]);
        // Acknowledging again keeps one acknowledgement.
        let twice = acknowledged(Some(&acked), Verdict::Good, Lang::En);
        assert_eq!(twice.inline_keyboard.len(), 2);

        let mut none = Outgoing {
            html: String::new(),
            keyboard: None,
        };
        add_votes(&mut none, None, Lang::En);
        assert!(none.keyboard.is_none(), "not recorded: no votes");
    }
}
