//! Inline keyboards and the callback data behind their buttons.
//!
//! Callback data is at most 64 bytes (a Bot API limit), so a button carries
//! only a tag, the answer language and a fact id or topic key: `f:en:<id>`,
//! `t:ru:<topic>`. The language rides along so pressing a button under a
//! Russian answer answers in Russian, whatever the user's app language.

use factbot::present::{self, Item};
use factbot::{Lang, Topic};
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

/// The Bot API's limit on callback data.
pub const MAX_CALLBACK_BYTES: usize = 64;

/// Button labels longer than this are shortened: Telegram cuts long labels
/// on narrow screens anyway, and the full question is in the answer.
const MAX_LABEL_CHARS: usize = 60;

/// What a button asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Answer this fact.
    Fact { id: String, lang: Lang },
    /// List this topic's facts.
    Topic { topic: Topic, lang: Lang },
}

impl Action {
    /// Picking `item` from a list shown in `lang`.
    pub fn pick(item: &Item<'_>, lang: Lang) -> Action {
        match item {
            Item::Fact(f) => Action::Fact {
                id: f.id.clone(),
                lang,
            },
            Item::Topic(topic) => Action::Topic {
                topic: *topic,
                lang,
            },
        }
    }

    /// The callback data, or `None` if it would exceed the Bot API limit
    /// (a fact id longer than 59 bytes: the button is left out).
    pub fn encode(&self) -> Option<String> {
        let data = match self {
            Action::Fact { id, lang } => format!("f:{}:{id}", lang.code()),
            Action::Topic { topic, lang } => format!("t:{}:{}", lang.code(), topic.key()),
        };
        (data.len() <= MAX_CALLBACK_BYTES).then_some(data)
    }

    /// Parses callback data. Data comes from the client, so anything may
    /// arrive here; unknown data is `None`.
    pub fn decode(data: &str) -> Option<Action> {
        let mut parts = data.splitn(3, ':');
        let (tag, lang, rest) = (parts.next()?, parts.next()?, parts.next()?);
        let lang = Lang::from_code(lang)?;
        match tag {
            "f" if !rest.is_empty() => Some(Action::Fact {
                id: rest.to_string(),
                lang,
            }),
            "t" => Topic::from_key(rest).map(|topic| Action::Topic { topic, lang }),
            _ => None,
        }
    }
}

/// A button that asks for `action`, if its data fits.
pub fn button(label: &str, action: &Action) -> Option<InlineKeyboardButton> {
    let data = action.encode()?;
    Some(InlineKeyboardButton::callback(
        present::shorten(label, MAX_LABEL_CHARS),
        data,
    ))
}

/// Buttons for a list's items: a question to a row (questions are long),
/// topics two to a row.
pub fn rows(items: &[Item<'_>], lang: Lang) -> Vec<Vec<InlineKeyboardButton>> {
    let buttons: Vec<InlineKeyboardButton> = items
        .iter()
        .filter_map(|item| button(item.label(lang), &Action::pick(item, lang)))
        .collect();
    let per_row = if items.iter().all(|i| matches!(i, Item::Topic(_))) {
        2
    } else {
        1
    };
    buttons.chunks(per_row).map(<[_]>::to_vec).collect()
}

/// A keyboard from rows, or `None` when there are none (Telegram rejects an
/// empty keyboard).
pub fn markup(rows: Vec<Vec<InlineKeyboardButton>>) -> Option<InlineKeyboardMarkup> {
    (!rows.is_empty()).then(|| InlineKeyboardMarkup::new(rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_callback_data() {
        let actions = [
            Action::Fact {
                id: "investment-china-2013".into(),
                lang: Lang::En,
            },
            Action::Fact {
                id: "x".into(),
                lang: Lang::Ru,
            },
            Action::Topic {
                topic: Topic::Trade,
                lang: Lang::Ru,
            },
        ];
        for a in actions {
            let data = a.encode().unwrap();
            assert!(data.len() <= MAX_CALLBACK_BYTES);
            assert_eq!(Action::decode(&data), Some(a));
        }
    }

    #[test]
    fn refuses_oversized_and_unknown_data() {
        let long = Action::Fact {
            id: "x".repeat(60),
            lang: Lang::En,
        };
        assert_eq!(long.encode(), None);
        assert!(
            Action::Fact {
                id: "x".repeat(59),
                lang: Lang::En
            }
            .encode()
            .is_some()
        );
        for bad in [
            "",
            "f",
            "f:en",
            "f:en:",
            "f:de:id",
            "t:en:nope",
            "x:en:id",
            "💥:💥:💥",
        ] {
            assert_eq!(Action::decode(bad), None, "{bad:?}");
        }
    }
}
