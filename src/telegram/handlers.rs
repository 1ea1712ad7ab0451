//! The update handlers: what each kind of update is, whom it is for, and the
//! one reply it gets. Each handler parses, asks the core for a screen
//! ([`factbot::present`]), records the question ([`factbot::store`]), and
//! sends the screen as a [`message`], with [`feedback`] buttons under an
//! answer; the wording and the markup live elsewhere.

use std::sync::Arc;
use std::time::{Duration, Instant};

use factbot::conversation::Conversations;
use factbot::messages::{self, Msg};
use factbot::present;
use factbot::store::{Conversation, Front, Recorder};
use factbot::{Engine, Lang};
use teloxide::adaptors::Throttle;
use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::requests::Request;
use teloxide::types::{
    ChatKind, InlineQueryResult, InlineQueryResultArticle, InputMessageContent,
    InputMessageContentText, LinkPreviewOptions, Me, MessageEntityKind, MessageId, MessageKind,
    ParseMode, ReplyParameters, User,
};
use teloxide::utils::command::BotCommands;

use super::commands::{self, Command};
use super::feedback;
use super::flood::{FloodGate, Verdict};
use super::html;
use super::keyboard::Action;
use super::message::{Outgoing, message};
use super::split::{self, MESSAGE_LIMIT};
use crate::config::Config;

/// The bot as handlers use it: rate-limited, so a 429 delays a reply
/// instead of losing it.
pub type Api = Throttle<Bot>;

/// What can go wrong in a handler: only talking to Telegram.
pub type HandlerError = teloxide::RequestError;
type HandlerResult = Result<(), HandlerError>;

/// Every chat's conversation: one per private chat, and in groups one per
/// (chat, user), so that two people's threads never mix. Kept in memory
/// only, bounded (the least recently used goes first).
pub type Chats = Arc<std::sync::Mutex<Conversations<(i64, Option<u64>)>>>;

/// Whose conversation a message belongs to.
fn chat_key(msg: &Message) -> (i64, Option<u64>) {
    let group = !matches!(msg.chat.kind, ChatKind::Private(_));
    (
        msg.chat.id.0,
        group.then(|| msg.from.as_ref().map_or(0, |u| u.id.0)),
    )
}

/// Seconds since the Unix epoch, for a conversation's expiry.
fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Inline mode offers at most this many answers.
const MAX_INLINE_RESULTS: usize = 5;

/// The dispatch tree. Updates not listed (edits, channel posts, member
/// changes) are not for factbot and are ignored.
pub fn schema() -> UpdateHandler<HandlerError> {
    dptree::entry()
        .branch(
            Update::filter_message()
                .filter_map(classify)
                .branch(dptree::filter_map(flooded).endpoint(on_flood))
                .endpoint(on_message),
        )
        .branch(
            Update::filter_callback_query()
                .branch(dptree::filter_map(feedback::vote).endpoint(feedback::on_vote))
                .endpoint(on_callback),
        )
        .branch(Update::filter_inline_query().endpoint(on_inline))
}

/// What a message asks of the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    Command(Command),
    /// A command the bot does not know, in a private chat.
    UnknownCommand,
    Question(String),
    /// A sticker, photo, voice message and the like.
    NotText,
}

/// Whether a message is for the bot, and what it asks. In groups only
/// commands, mentions and replies to the bot are; everything else is
/// people talking to each other.
fn classify(msg: Message, me: Me) -> Option<Incoming> {
    let private = matches!(msg.chat.kind, ChatKind::Private(_));
    // Service messages (joins, pins, ...) are not written to the bot.
    if !matches!(msg.kind, MessageKind::Common(_)) {
        return None;
    }
    let replies_to_bot = msg
        .reply_to_message()
        .and_then(|m| m.from.as_ref())
        .is_some_and(|u| u.id == me.id);
    let Some(text) = msg.text() else {
        return (private || replies_to_bot).then_some(Incoming::NotText);
    };
    if text.starts_with('/') {
        // A command that takes no argument but got one (`/start ref42` from a
        // deep link, `/help me`) is still that command.
        let first_word = text.split_whitespace().next().unwrap_or(text);
        let parsed = Command::parse(text, me.username())
            .or_else(|e| Command::parse(first_word, me.username()).map_err(|_| e));
        return match parsed {
            Ok(cmd) => Some(Incoming::Command(cmd)),
            Err(_) if private => Some(Incoming::UnknownCommand),
            Err(_) => None,
        };
    }
    if private || replies_to_bot {
        return Some(Incoming::Question(text.to_string()));
    }
    without_mention(&msg, me.username()).map(Incoming::Question)
}

/// The text of a message that mentions `@username`, without the mention;
/// `None` if it does not mention the bot.
fn without_mention(msg: &Message, username: &str) -> Option<String> {
    let text = msg.text()?;
    let entities = msg.parse_entities()?;
    let mut found = false;
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for e in entities {
        let is_us = matches!(e.kind(), MessageEntityKind::Mention)
            && e.text()
                .strip_prefix('@')
                .is_some_and(|n| n.eq_ignore_ascii_case(username));
        if is_us {
            found = true;
            out.push_str(&text[last..e.start()]);
            last = e.end();
        }
    }
    out.push_str(&text[last..]);
    found.then(|| out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `Some` when the sender is over their allowance (see [`FloodGate`]).
fn flooded(msg: Message, flood: Arc<FloodGate>) -> Option<Verdict> {
    let user = msg.from.as_ref().map_or(msg.chat.id.0 as u64, |u| u.id.0);
    match flood.check(user, Instant::now()) {
        Verdict::Allow => None,
        verdict => Some(verdict),
    }
}

async fn on_flood(bot: Api, msg: Message, verdict: Verdict, config: Arc<Config>) -> HandlerResult {
    tracing::debug!(
        chat = msg.chat.id.0,
        ?verdict,
        "message over the flood limit"
    );
    if verdict == Verdict::SlowDown {
        let lang = ui_lang(&config, msg.from.as_ref());
        send(&bot, &msg, message(&present::note(Msg::SlowDown, lang))).await?;
    }
    Ok(())
}

async fn on_message(
    bot: Api,
    msg: Message,
    incoming: Incoming,
    engine: Arc<Engine>,
    config: Arc<Config>,
    recorder: Recorder,
    chats: Chats,
) -> HandlerResult {
    let lang = ui_lang(&config, msg.from.as_ref());
    let kb = engine.kb();
    let key = chat_key(&msg);
    // What 👍/👎 would vote on: an answer, once recorded.
    let mut votes = None;
    let screen = match incoming {
        Incoming::Question(text) | Incoming::Command(Command::Ask(text)) => {
            let (reply, screen) = {
                let mut chats = chats.lock().unwrap_or_else(|e| e.into_inner());
                let ttl = config.context_ttl;
                let convo = chats.get(key);
                present::follow_up(&engine, convo, &text, config.lang, now(), ttl)
            };
            let chat = Some(Conversation::Chat(msg.chat.id.0));
            let recorded = recorder.question(Front::Telegram, chat, &text, &reply);
            votes = recorded.filter(|_| reply.answered());
            screen
        }
        Incoming::Command(Command::Start) => present::welcome(&engine, lang),
        Incoming::Command(Command::Help) => present::help(&engine, lang, commands::list(lang)),
        Incoming::UnknownCommand => present::unknown_command(&engine, lang, commands::list(lang)),
        Incoming::Command(Command::Topics) => present::topics(kb, lang),
        Incoming::Command(Command::About) => present::about(kb, lang),
        Incoming::Command(Command::Reset) => {
            chats.lock().unwrap_or_else(|e| e.into_inner()).reset(&key);
            present::note(Msg::ResetDone, lang)
        }
        Incoming::NotText => present::note(Msg::NotText, lang),
    };
    send(&bot, &msg, feedback::with_votes(&screen, votes)).await
}

async fn on_callback(
    bot: Api,
    q: CallbackQuery,
    engine: Arc<Engine>,
    flood: Arc<FloodGate>,
    config: Arc<Config>,
    recorder: Recorder,
    chats: Chats,
) -> HandlerResult {
    // Private chats share the user's id, so a button on an inline message
    // (no chat attached) still gets its answer in the user's chat.
    let chat = q
        .message
        .as_ref()
        .map_or(ChatId(q.from.id.0 as i64), |m| m.chat().id);
    let verdict = flood.check(q.from.id.0, Instant::now());
    let out =
        match (verdict, q.data.as_deref().and_then(Action::decode)) {
            (Verdict::Allow, Some(Action::Fact { id, lang })) => {
                let lang = config.lang.unwrap_or(lang);
                // A pressed suggestion becomes what the chat is about.
                let group = q
                    .message
                    .as_ref()
                    .is_some_and(|m| !matches!(m.chat().kind, ChatKind::Private(_)));
                let key = (chat.0, group.then_some(q.from.id.0));
                chats
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get(key)
                    .picked(&engine, &id, lang, now());
                present::fact(&engine, &id, lang).map(|screen| {
                    let conversation = Some(Conversation::Chat(chat.0));
                    let picked = recorder.pick(Front::Telegram, conversation, &id, lang);
                    feedback::with_votes(&screen, picked)
                })
            }
            (Verdict::Allow, Some(Action::Topic { topic, lang })) => Some(message(
                &present::topic(engine.kb(), topic, config.lang.unwrap_or(lang)),
            )),
            _ => None,
        };
    // Acknowledge first: the button stops spinning even if sending fails.
    let mut ack = bot.answer_callback_query(q.id.clone());
    if verdict != Verdict::Allow {
        ack = ack.text(messages::text(
            Msg::SlowDown,
            ui_lang(&config, Some(&q.from)),
        ));
    }
    ack.await?;
    let Some(out) = out else { return Ok(()) };
    send_to(&bot, chat, None, out).await
}

async fn on_inline(
    bot: Api,
    q: InlineQuery,
    engine: Arc<Engine>,
    config: Arc<Config>,
    recorder: Recorder,
) -> HandlerResult {
    let query = q.query.trim();
    let (facts, lang) = if query.is_empty() {
        (
            engine.examples(MAX_INLINE_RESULTS),
            ui_lang(&config, Some(&q.from)),
        )
    } else {
        // The answer first, then what its screen offers.
        let (reply, screen) = present::question(&engine, query, config.lang);
        // Inline queries have no chat: the user's private chat stands in.
        let chat = Some(Conversation::Chat(q.from.id.0 as i64));
        recorder.question(Front::Inline, chat, query, &reply);
        (screen.facts(), screen.lang)
    };
    let results: Vec<InlineQueryResult> = facts
        .iter()
        .take(MAX_INLINE_RESULTS)
        .filter(|f| f.id.len() <= 64)
        .map(|f| {
            let body = factbot::render::fact_body(&html::Html, f, lang);
            // An inline result is one message: keep its first part.
            let body = split::split(&body, MESSAGE_LIMIT)
                .into_iter()
                .next()
                .unwrap_or_default();
            let content = InputMessageContentText::new(body).parse_mode(ParseMode::Html);
            InlineQueryResultArticle::new(
                f.id.clone(),
                f.suggestion(lang),
                InputMessageContent::Text(content),
            )
            .description(present::shorten(f.answer.get(lang), 120))
            .into()
        })
        .collect();
    bot.answer_inline_query(q.id, results).await?;
    Ok(())
}

/// The language for interface text: `--lang`, else the user's app
/// language, else English.
pub fn ui_lang(config: &Config, user: Option<&User>) -> Lang {
    config
        .lang
        .or_else(|| {
            user.and_then(|u| u.language_code.as_deref())
                .and_then(Lang::from_code)
        })
        .unwrap_or(Lang::En)
}

/// Replies to `msg`; in groups as a reply to it, so it is clear whose
/// question is answered.
async fn send(bot: &Api, msg: &Message, out: Outgoing) -> HandlerResult {
    let reply_to = (!matches!(msg.chat.kind, ChatKind::Private(_))).then_some(msg.id);
    send_to(bot, msg.chat.id, reply_to, out).await
}

/// Sends a message, split into parts Telegram accepts; the keyboard goes
/// under the last part.
async fn send_to(
    bot: &Api,
    chat: ChatId,
    reply_to: Option<MessageId>,
    out: Outgoing,
) -> HandlerResult {
    let parts = split::split(&out.html, MESSAGE_LIMIT);
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.into_iter().enumerate() {
        let mut req = bot
            .send_message(chat, part)
            .parse_mode(ParseMode::Html)
            .link_preview_options(no_preview());
        if let (0, Some(id)) = (i, reply_to) {
            req = req.reply_parameters(ReplyParameters::new(id).allow_sending_without_reply());
        }
        if let (true, Some(k)) = (i == last, &out.keyboard) {
            req = req.reply_markup(k.clone());
        }
        send_retrying(&req).await?;
    }
    Ok(())
}

/// Network failures (a connection reset, a timeout) before Telegram
/// answers are retried twice: a reply sent twice is a smaller harm than a
/// question never answered. 429s are retried by [`Throttle`] itself.
async fn send_retrying<R>(req: &R) -> HandlerResult
where
    R: Request<Err = HandlerError>,
{
    let mut attempt = 0u32;
    loop {
        match req.send_ref().await {
            Err(HandlerError::Network(err)) if attempt < 2 => {
                attempt += 1;
                // teloxide has already cut the token out of the error's URL.
                tracing::debug!(attempt, "sending failed, retrying: {err}");
                tokio::time::sleep(Duration::from_millis(250 * u64::from(attempt))).await;
            }
            result => return result.map(drop),
        }
    }
}

fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}
