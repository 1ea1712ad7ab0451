//! Conversations: one chat's context, so that a follow-up uses what was just
//! said. "What was the trade volume in 2013?" then "and in 2012?" is the
//! trade volume in 2012; "What is the Coordination Council?" then "who
//! chairs it?" is about the council; "tell me more" gives the card of what
//! was talked about. A question that is complete by itself is answered on its
//! own. Pure and synchronous: the time comes in as an argument.

use std::hash::Hash;
use std::num::NonZeroUsize;

use crate::frame;
use crate::index::QueryTerm;
use crate::lang::{Lang, is_cyrillic, is_han};
use crate::matcher::{Engine, Outcome, Reply};
use crate::smalltalk;
use crate::text::{Token, TokenKind, normalize, tokenize};

/// Context older than this many seconds is forgotten (30 minutes).
pub const DEFAULT_TTL_SECS: u64 = 30 * 60;

/// Conversations kept at most, least recently used dropped first.
pub const DEFAULT_CAPACITY: usize = 10_000;

/// One chat's context.
#[derive(Debug, Clone, Default)]
pub struct Conversation {
    /// The last question that was understood, completed, as tokens.
    last: Vec<Token>,
    /// What it was about.
    entity: Option<usize>,
    /// The language the chat is in.
    lang: Option<Lang>,
    /// The answering fact of the last reply.
    fact: Option<usize>,
    /// When it last heard from the user, in seconds.
    at: Option<u64>,
}

/// How a question relates to the context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    /// Complete by itself (or no context to use).
    New,
    /// Completed from the context.
    FollowUp,
    /// "Tell me more".
    More,
}

impl Conversation {
    /// Forgets everything (`/reset`).
    pub fn reset(&mut self) {
        *self = Conversation::default();
    }

    /// Bytes this conversation holds, on the stack and the heap.
    pub fn memory(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.last.capacity() * std::mem::size_of::<Token>()
            + self.last.iter().map(|t| t.text.capacity()).sum::<usize>()
    }

    /// True when there is context to follow up on.
    pub fn has_context(&self) -> bool {
        !self.last.is_empty() || self.entity.is_some()
    }

    /// Answers a question in this conversation at time `now` (seconds);
    /// context older than `ttl` seconds is forgotten first.
    pub fn ask<'a>(
        &mut self,
        engine: &'a Engine,
        question: &str,
        forced: Option<Lang>,
        now: u64,
        ttl: u64,
    ) -> (Reply<'a>, Turn) {
        if self.at.is_some_and(|at| now.saturating_sub(at) > ttl) {
            self.reset();
        }
        self.at = Some(now);
        let lang = forced.or_else(|| self.language_of(question));
        let norm = normalize(question);
        if question.trim().is_empty() || smalltalk::detect_normalized(&norm).is_some() {
            let reply = engine.ask(question, lang);
            return (reply, Turn::New);
        }
        let lang = lang.unwrap_or_else(|| Lang::detect(question));
        if is_more(&norm)
            && let Some(reply) = self.more(engine, lang)
        {
            return (reply, Turn::More);
        }
        let tokens = engine.tokens(question);
        // A question answered by itself stands alone, unless it opens as a
        // follow-up ("and…", "what about…") or counts from the year talked
        // about ("the year before?").
        let alone = engine.ask_tokens(&tokens, lang);
        let frame = engine.understand(&tokens, &[]).frame;
        let opens_as_follow_up = frame.elliptical
            || (frame.years.is_empty() && (frame::is_year_before(&norm) || is_year_after(&norm)));
        let completed = if alone.answered() && !opens_as_follow_up {
            None
        } else {
            self.follow_up(engine, &norm, &tokens)
        };
        // "And the other bridge?": the question's own words, kept for
        // [`Conversation::other`] only when it says "other".
        let own = &tokens[frame::opening(&tokens)..];
        let own = own.iter().any(|t| is_other(&t.text)).then(|| own.to_vec());
        let (reply, turn, asked) = match completed {
            Some(completed) => {
                let reply = engine.ask_tokens(&completed, lang);
                (reply, Turn::FollowUp, completed)
            }
            None => (alone, Turn::New, tokens),
        };
        let other = (own.as_ref()).and_then(|own| self.other(engine, &reply, own, lang));
        let (reply, turn, asked) = match (other, own) {
            (Some(other), Some(own)) => (other, Turn::FollowUp, own),
            _ => (reply, turn, asked),
        };
        self.remember(engine, &reply, asked, turn);
        (reply, turn)
    }

    /// "And the other bridge?", «а другой мост?», 另一座桥呢: when the
    /// reply would give again what was just given, the question's own words
    /// (which say "other") are answered by something else.
    fn other<'a>(
        &self,
        engine: &'a Engine,
        reply: &Reply<'a>,
        own: &[Token],
        lang: Lang,
    ) -> Option<Reply<'a>> {
        let last = self.fact?;
        let again = (reply.facts().iter())
            .filter_map(|f| engine.kb().index_of(&f.id))
            .any(|f| engine.repeats(f, last));
        if !again {
            return None;
        }
        let given = engine.kb().facts[last].about.first();
        let given = given.and_then(|id| engine.kb().entity_index(id));
        // "Other" has been read: it says nothing about which thing.
        let own: Vec<Token> = own.iter().filter(|t| !is_other(&t.text)).cloned().collect();
        let mut q = engine.understand(&own, &[]);
        q.besides = Some(last);
        q.mentions.retain(|m| Some(m.entity) != given);
        let other = engine.answer(&q, lang);
        other.answered().then_some(other)
    }

    /// A fact picked from a list becomes the context.
    pub fn picked(&mut self, engine: &Engine, fact_id: &str, lang: Lang, now: u64) {
        let Some(fact) = engine.kb().fact(fact_id) else {
            return;
        };
        self.at = Some(now);
        self.lang = Some(lang);
        self.last = engine.tokens(fact.suggestion(lang));
        self.fact = engine.kb().index_of(fact_id);
        self.entity = fact
            .about
            .first()
            .and_then(|id| engine.kb().entity_index(id));
    }

    /// The language of a question, or the chat's when the question has no
    /// letters to tell ("2012?").
    fn language_of(&self, question: &str) -> Option<Lang> {
        let has_letters = question
            .chars()
            .any(|c| c.is_alphabetic() || is_cyrillic(c) || is_han(c));
        if has_letters {
            Some(Lang::detect(question))
        } else {
            self.lang
        }
    }

    /// "Tell me more": the card of what was talked about, or the facts
    /// related to the last answer.
    fn more<'a>(&self, engine: &'a Engine, lang: Lang) -> Option<Reply<'a>> {
        if let Some(entity) = self.entity
            && engine.kb().facts_about(entity).len() > 1
        {
            return engine.card(entity, lang);
        }
        let fact = &engine.kb().facts[self.fact?];
        let next = fact.related.first()?;
        engine.answer_fact(next, lang)
    }

    /// The question completed from the context, when it is a follow-up:
    /// it starts as one ("and…", "what about…", «а…», "那…"), refers back
    /// ("it", «он», "它"), or says too little alone ("2012?", "until when?").
    /// A question naming something out of scope or unknown is never
    /// completed: context does not turn an off-topic question into an answer.
    fn follow_up(&self, engine: &Engine, norm: &str, tokens: &[Token]) -> Option<Vec<Token>> {
        if !self.has_context() {
            return None;
        }
        let alone = engine.understand(tokens, &[]);
        if alone.out_of_scope || alone.unknown > 0.0 {
            return None;
        }
        let starts_as_follow_up = alone.frame.elliptical;
        let refers_back = alone.frame.refers_back || alone.frame.points_back;
        let thin = alone.mentions.is_empty() && alone.known < THIN;
        let relative_year = frame::is_year_before(norm) || is_year_after(norm);
        if !(starts_as_follow_up
            || (refers_back && alone.mentions.is_empty())
            || thin
            || relative_year)
        {
            return None;
        }
        let new_years = frame::years(tokens);
        let new_entity = alone.mentions.first().map(|m| m.entity);
        // «А в какие отрасли?» asks for a thing by name: its own question.
        let asks_own =
            alone.frame.wants != frame::Wants::Anything || alone.frame.property.is_some();
        // "What are its goals?" after "who approved it?" is a question of
        // its own about the same thing: only the thing's name and the years
        // carry over, not the words of the last question.
        let own_question = asks_own && refers_back && new_entity.is_none() && self.entity.is_some();
        // What is kept of the last question.
        let mut old_years: Vec<i32> = Vec::new();
        let mut kept: Vec<Token> = Vec::new();
        for tok in &self.last {
            if let Some(y) = year_of(tok) {
                old_years.push(y);
                continue;
            }
            if own_question {
                continue;
            }
            if new_entity.is_some_and(|e| Some(e) != self.entity)
                && let Some(old) = self.entity
                && self.is_name_of(engine, old, tok)
            {
                continue;
            }
            if asks_own && tok.kind == TokenKind::Word && crate::text::is_stopword(&tok.text) {
                // The new question says what it asks ("until when?").
                continue;
            }
            kept.push(tok.clone());
        }
        // "It" is the thing talked about: say its name, without its "and"s,
        // which would cut the question in two. "Its" and "his" become the
        // name's possessive in place ("what is his salary?" → "what is
        // Anatoly Bury's salary?"), so the question keeps its shape.
        let name: Vec<Token> = match self.entity {
            Some(e) if refers_back && new_entity.is_none() => {
                let lang = self.lang.unwrap_or(Lang::En);
                engine.name_tokens(engine.kb().entities[e].name.get(lang))
            }
            _ => Vec::new(),
        };
        let mut completed: Vec<Token> = Vec::with_capacity(tokens.len() + name.len());
        let mut named = name.is_empty();
        for tok in &tokens[frame::opening(tokens)..] {
            let word = tok.text.as_str();
            if !named && frame::POSSESSIVES.contains(&word) {
                completed.extend(name.iter().cloned());
                completed.push(Token {
                    text: "s".into(),
                    kind: TokenKind::Word,
                });
                named = true;
            } else if !frame::points_back(word) {
                completed.push(tok.clone());
            }
        }
        if !named {
            completed.extend(name);
        }
        let years: Vec<i32> = if !new_years.is_empty() {
            Vec::new()
        } else if frame::is_year_before(norm) {
            old_years.iter().map(|y| y - 1).collect()
        } else if is_year_after(norm) {
            old_years.iter().map(|y| y + 1).collect()
        } else {
            old_years
        };
        completed.extend(kept);
        completed.extend(years.into_iter().map(|y| Token {
            text: y.to_string(),
            kind: TokenKind::Number,
        }));
        Some(completed)
    }

    /// True when the token is a word of one of the entity's names.
    fn is_name_of(&self, engine: &Engine, entity: usize, tok: &Token) -> bool {
        match engine
            .index()
            .analyze_tokens(std::slice::from_ref(tok))
            .first()
        {
            Some(QueryTerm::Known { term, .. }) => engine.index().is_entity_term(entity, *term),
            _ => false,
        }
    }

    /// Keeps what the reply was about for the next question. A question the
    /// document does not answer and that named nothing leaves the context as
    /// it was: "what's the weather?" does not end a talk about trade.
    fn remember(&mut self, engine: &Engine, reply: &Reply<'_>, asked: Vec<Token>, turn: Turn) {
        self.lang = Some(reply.lang);
        let nothing =
            matches!(reply.outcome, Outcome::NotFound { .. }) && reply.understood.entity.is_none();
        if nothing {
            return;
        }
        if let Some(e) = reply.understood.entity {
            self.entity = Some(e);
        } else if turn == Turn::New {
            self.entity = None;
        }
        self.fact = reply.fact().and_then(|f| engine.kb().index_of(&f.id));
        self.last = asked;
    }
}

/// "Other", «другой», 另一: another thing of the kind just talked about.
fn is_other(word: &str) -> bool {
    matches!(
        word,
        "other"
            | "another"
            | "другой"
            | "другая"
            | "другое"
            | "другие"
            | "другого"
            | "другую"
            | "втором"
            | "второй"
            | "вторая"
    ) || word.starts_with('另')
}

/// A question that says less than this (IDF weight of known words) and
/// names nothing is too thin to stand alone: "until when?", "and 2012?".
const THIN: f32 = 2.5;

/// "The year after", «годом позже», "后一年".
fn is_year_after(norm: &str) -> bool {
    [
        "year after",
        "next year",
        "year later",
        "годом позже",
        "следующий год",
        "后一年",
        "下一年",
    ]
    .iter()
    .any(|p| norm.contains(p))
}

/// "Tell me more", «подробнее», "详细".
fn is_more(norm: &str) -> bool {
    let t = norm.trim();
    matches!(
        t,
        "more"
            | "tell me more"
            | "more details"
            | "details"
            | "go on"
            | "and more"
            | "подробнее"
            | "расскажи подробнее"
            | "расскажите подробнее"
            | "еще"
            | "больше"
            | "详细"
            | "详细说说"
            | "详细点"
            | "多说一点"
            | "更多"
    ) || t.starts_with("tell me more")
        || t.starts_with("подробнее")
}

fn year_of(tok: &Token) -> Option<i32> {
    (tok.kind == TokenKind::Number && tok.text.len() == 4)
        .then(|| tok.text.parse().ok())
        .flatten()
        .filter(|y| (1900..2100).contains(y))
}

/// Conversations by key (a chat, a chat and user, a session), at most
/// `capacity`, the least recently used dropped first.
pub struct Conversations<K: Hash + Eq> {
    map: lru::LruCache<K, Conversation>,
    /// Seconds of silence after which a conversation's context is forgotten.
    pub ttl: u64,
}

impl<K: Hash + Eq> Conversations<K> {
    pub fn new(capacity: usize, ttl: u64) -> Self {
        let capacity = NonZeroUsize::new(capacity).unwrap_or(NonZeroUsize::MIN);
        Conversations {
            map: lru::LruCache::new(capacity),
            ttl,
        }
    }

    /// The conversation for `key`, made if new.
    pub fn get(&mut self, key: K) -> &mut Conversation {
        self.map.get_or_insert_mut(key, Conversation::default)
    }

    /// Forgets one conversation.
    pub fn reset(&mut self, key: &K) {
        self.map.pop(key);
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Reads a question's words for [`Conversation`] tests and tools.
pub fn words(question: &str) -> Vec<Token> {
    tokenize(&normalize(question))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::KnowledgeBase;

    fn engine() -> Engine {
        Engine::new(KnowledgeBase::embedded().expect("built-in knowledge"))
    }

    fn talk(e: &Engine, c: &mut Conversation, q: &str) -> Option<String> {
        let (reply, _) = c.ask(e, q, None, 0, DEFAULT_TTL_SECS);
        reply.fact().map(|f| f.id.clone())
    }

    #[test]
    fn a_year_follows_the_measure() {
        let e = engine();
        let mut c = Conversation::default();
        assert_eq!(
            talk(&e, &mut c, "What was the trade volume in 2013?").as_deref(),
            Some("trade-volume-2013")
        );
        assert_eq!(
            talk(&e, &mut c, "and in 2012?").as_deref(),
            Some("trade-volume-2012-derived")
        );
        assert_eq!(
            talk(&e, &mut c, "what about investment?").as_deref(),
            Some("investment-china-2012-derived")
        );
    }

    #[test]
    fn a_pronoun_is_the_thing_talked_about() {
        let e = engine();
        let mut c = Conversation::default();
        talk(&e, &mut c, "What is the Coordination Council?");
        let (reply, turn) = c.ask(&e, "who chairs it?", None, 1, DEFAULT_TTL_SECS);
        assert_eq!(turn, Turn::FollowUp);
        assert!(
            matches!(reply.outcome, Outcome::Partial { .. }),
            "{:?}",
            reply.outcome
        );
        assert_eq!(
            reply.entity().map(|e| e.id.as_str()),
            Some("coordination-council")
        );
    }

    #[test]
    fn a_follow_up_asking_for_a_thing_by_name_asks_its_own_question() {
        let e = engine();
        let mut c = Conversation::default();
        talk(&e, &mut c, "Сколько Китай инвестировал в 2013?");
        // The sectors, which the document does not give; not the amount again.
        let (reply, turn) = c.ask(&e, "а в какие отрасли?", None, 1, DEFAULT_TTL_SECS);
        assert_eq!(turn, Turn::FollowUp);
        assert!(!reply.answered(), "{:?}", reply.fact().map(|f| &f.id));
        assert_eq!(
            reply.entity().map(|e| e.id.as_str()),
            Some("chinese-investment")
        );
    }

    #[test]
    fn the_other_one_is_not_the_one_just_given() {
        let e = engine();
        for (first, other) in [
            (
                "which bridge was finished in khabarovsk krai in 2013?",
                "and the other bridge?",
            ),
            ("какой мост достроили в 2013?", "а другой мост?"),
            ("哪座桥在2013年建成？", "另一座桥呢？"),
        ] {
            let mut c = Conversation::default();
            assert_eq!(
                talk(&e, &mut c, first).as_deref(),
                Some("bolshoy-ussuriysky-bridge")
            );
            // Not the bridge again, nor the overview that lists it.
            assert_eq!(
                talk(&e, &mut c, other).as_deref(),
                Some("nizhneleninskoye-tongjiang-bridge"),
                "{other}"
            );
        }
    }

    #[test]
    fn without_context_a_follow_up_is_not_guessed() {
        let e = engine();
        let mut c = Conversation::default();
        let (reply, turn) = c.ask(&e, "when was it founded?", None, 0, DEFAULT_TTL_SECS);
        assert_eq!(turn, Turn::New);
        assert!(!reply.answered(), "{:?}", reply.fact().map(|f| &f.id));
    }

    #[test]
    fn context_expires_and_never_answers_off_topic() {
        let e = engine();
        let mut c = Conversation::default();
        talk(&e, &mut c, "What was the trade volume in 2013?");
        let (reply, _) = c.ask(&e, "and what about Japan?", None, 1, DEFAULT_TTL_SECS);
        assert!(!reply.answered());
        // After the silence, "and in 2012?" has nothing to follow.
        let (_, turn) = c.ask(&e, "and in 2012?", None, 10_000, DEFAULT_TTL_SECS);
        assert_eq!(turn, Turn::New);
    }

    #[test]
    fn tell_me_more_gives_the_card() {
        let e = engine();
        let mut c = Conversation::default();
        talk(&e, &mut c, "When was the Permanent Working Group launched?");
        let (reply, turn) = c.ask(&e, "tell me more", None, 1, DEFAULT_TTL_SECS);
        assert_eq!(turn, Turn::More);
        assert!(reply.facts().len() >= 2);
    }

    #[test]
    fn a_conversation_holds_a_few_hundred_bytes() {
        let e = engine();
        let mut c = Conversation::default();
        talk(
            &e,
            &mut c,
            "What was the trade volume between Russia and China in 2013?",
        );
        talk(&e, &mut c, "and in 2012?");
        let bytes = c.memory();
        println!("one conversation: {bytes} bytes");
        assert!(bytes < 1024, "{bytes} bytes");
    }

    #[test]
    fn memory_is_bounded() {
        let mut all: Conversations<u64> = Conversations::new(100, DEFAULT_TTL_SECS);
        for chat in 0..1000 {
            all.get(chat).at = Some(chat);
        }
        assert_eq!(all.len(), 100);
    }
}
