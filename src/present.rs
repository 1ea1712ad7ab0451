//! What the front ends show, decided once for all of them: a reply as blocks
//! of text and lists of questions to go on with, the welcome, help, topics
//! and about screens, and how long a question may be. A front end only marks
//! a [`Screen`] up ([`crate::render`] as plain text and JSON, the Telegram
//! front end as HTML with buttons), so a new kind of [`Outcome`] is shown
//! everywhere by adding one arm to [`reply`].

use std::borrow::Cow;

use crate::knowledge::{Fact, KnowledgeBase, Topic};
use crate::lang::Lang;
use crate::matcher::{Engine, Outcome, Reply};
use crate::messages::{self, Msg};
use crate::text::truncate_chars;

/// The longest question read, in characters: Telegram's own limit on a
/// message, so a Telegram question is always read whole. A longer one (a
/// paste in the terminal) is read from its beginning, and the screen says so.
pub use crate::text::MAX_QUESTION_CHARS;

/// An answer at least this sure is shown without "did you mean".
pub const CERTAIN: f32 = 0.9;

/// Example questions under the welcome.
pub const WELCOME_EXAMPLES: usize = 3;

/// A question quoted back above "I don't know" is cut to this many characters.
const ECHO_CHARS: usize = 200;

/// What a front end shows: blocks of text, then lists to pick from.
#[derive(Debug, Clone)]
pub struct Screen<'a> {
    /// The language it is in; what is picked from its lists is answered in it.
    pub lang: Lang,
    pub blocks: Vec<Block<'a>>,
    pub lists: Vec<List<'a>>,
}

/// A piece of a screen's text.
#[derive(Debug, Clone)]
pub enum Block<'a> {
    /// A heading.
    Title(&'static str),
    /// Interface text, or the reply to small talk.
    Text(Cow<'static, str>),
    /// A remark on the question rather than an answer to it.
    Note(&'static str),
    /// The question, shortened, quoted back above "I don't know". Where the
    /// question is on screen just above (the terminal) it is left out.
    Asked(String),
    /// A fact: its answer, figures, arithmetic and source sentence.
    Fact(&'a Fact),
    /// A fact in one line, its answer only (figures and dates are in it),
    /// as in an entity's card or after "the document does not say".
    Summary(&'a Fact),
    /// "Label: value", as on the about screen.
    Field(&'static str, &'a str),
    /// Commands (without the slash) and what each does.
    Commands(Vec<(String, String)>),
}

/// A list of things to pick: questions to go on with, or a screen's contents.
#[derive(Debug, Clone)]
pub struct List<'a> {
    pub title: Option<&'a str>,
    pub kind: ListKind,
    pub items: Vec<Item<'a>>,
}

/// What a list is for, which decides how prominent it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Questions to go on with: "did you mean", related, examples.
    FollowUp,
    /// What the screen is about: the topics, a topic's questions.
    Contents,
}

/// One thing on a list.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    /// A fact, shown as its question; picking it answers it.
    Fact(&'a Fact),
    /// A topic; picking it shows its questions.
    Topic(Topic),
}

impl Item<'_> {
    /// What the item says on screen.
    pub fn label(&self, lang: Lang) -> &str {
        match self {
            Item::Fact(f) => f.suggestion(lang),
            Item::Topic(t) => t.name(lang),
        }
    }
}

impl<'a> Screen<'a> {
    fn new(lang: Lang) -> Screen<'a> {
        Screen {
            lang,
            blocks: Vec::new(),
            lists: Vec::new(),
        }
    }

    fn text(&mut self, msg: Msg) {
        self.blocks
            .push(Block::Text(messages::text(msg, self.lang).into()));
    }

    /// Adds a follow-up list, unless it is empty.
    fn follow_ups(&mut self, title: Msg, facts: impl IntoIterator<Item = &'a Fact>) {
        let items: Vec<Item<'a>> = facts.into_iter().map(Item::Fact).collect();
        if !items.is_empty() {
            self.lists.push(List {
                title: Some(messages::text(title, self.lang)),
                kind: ListKind::FollowUp,
                items,
            });
        }
    }

    /// Every item of every list, in the order shown.
    pub fn items(&self) -> impl Iterator<Item = Item<'a>> + '_ {
        self.lists.iter().flat_map(|l| l.items.iter().copied())
    }

    /// The facts shown and offered, in order, each once.
    pub fn facts(&self) -> Vec<&'a Fact> {
        let shown = self.blocks.iter().filter_map(|b| match b {
            Block::Fact(f) | Block::Summary(f) => Some(*f),
            _ => None,
        });
        let offered = self.items().filter_map(|i| match i {
            Item::Fact(f) => Some(f),
            Item::Topic(_) => None,
        });
        let mut facts: Vec<&Fact> = Vec::new();
        for f in shown.chain(offered) {
            if !facts.iter().any(|g| g.id == f.id) {
                facts.push(f);
            }
        }
        facts
    }
}

/// Answers a question as typed, under the one length rule: past
/// [`MAX_QUESTION_CHARS`] it is read from its beginning, with a note.
pub fn question<'a>(engine: &'a Engine, text: &str, lang: Option<Lang>) -> (Reply<'a>, Screen<'a>) {
    let asked = truncate_chars(text, MAX_QUESTION_CHARS);
    let answer = engine.ask(asked, lang);
    let mut screen = reply(engine.kb(), &answer, asked);
    if asked.len() < text.len() {
        let note = messages::text(Msg::TooLong, answer.lang);
        screen.blocks.insert(0, Block::Note(note));
    }
    (answer, screen)
}

/// Answers a question in a conversation (see [`crate::conversation`]), under
/// the same length rule as [`question`]; `now` is in seconds.
pub fn follow_up<'a>(
    engine: &'a Engine,
    conversation: &mut crate::conversation::Conversation,
    text: &str,
    lang: Option<Lang>,
    now: u64,
    ttl: u64,
) -> (Reply<'a>, Screen<'a>) {
    let asked = truncate_chars(text, MAX_QUESTION_CHARS);
    let (answer, _) = conversation.ask(engine, asked, lang, now, ttl);
    let mut screen = reply(engine.kb(), &answer, asked);
    if asked.len() < text.len() {
        let note = messages::text(Msg::TooLong, answer.lang);
        screen.blocks.insert(0, Block::Note(note));
    }
    (answer, screen)
}

/// How a reply is shown; `asked` is quoted back when the document has no
/// answer (empty for a fact picked from a list). The one place that looks
/// at what kind of reply it is.
pub fn reply<'a>(kb: &KnowledgeBase, reply: &Reply<'a>, asked: &str) -> Screen<'a> {
    let mut screen = Screen::new(reply.lang);
    match &reply.outcome {
        Outcome::Answer {
            fact,
            related,
            not_in,
            not_figure,
            ..
        } => {
            if let Some(year) = not_in {
                let text = messages::not_in(*year, reply.lang);
                screen.blocks.push(Block::Text(text.into()));
            }
            if let Some(figure) = not_figure {
                let text = messages::not_figure(&figure.display(reply.lang), reply.lang);
                screen.blocks.push(Block::Text(text.into()));
            }
            screen.blocks.push(Block::Fact(fact));
            let also = offered(reply);
            screen.follow_ups(Msg::DidYouMean, also.iter().copied());
            // Each question once: not the answer itself, nor one already
            // under "did you mean".
            let related = related
                .iter()
                .filter(|r| r.id != fact.id && !also.iter().any(|a| a.id == r.id));
            screen.follow_ups(Msg::Related, related.copied());
        }
        Outcome::Card { entity, facts } => {
            let title = messages::about_entity(entity.name.get(reply.lang), reply.lang);
            screen.blocks.push(Block::Text(title.into()));
            screen
                .blocks
                .extend(facts.iter().map(|f| Block::Summary(f)));
        }
        Outcome::Both { first, second } => {
            screen.blocks.push(Block::Fact(first));
            screen.blocks.push(Block::Fact(second));
        }
        Outcome::Partial {
            entity,
            missing,
            facts,
        } => {
            let lang = reply.lang;
            screen
                .blocks
                .push(Block::Text(messages::not_said(*missing, lang).into()));
            let says = messages::what_it_says(entity.name.get(lang), lang);
            screen.blocks.push(Block::Text(says.into()));
            screen
                .blocks
                .extend(facts.iter().map(|f| Block::Summary(f)));
        }
        Outcome::Clarify { options } => {
            screen.text(Msg::WhichOne);
            screen.lists.push(List {
                title: None,
                kind: ListKind::FollowUp,
                items: options.iter().map(|f| Item::Fact(f)).collect(),
            });
        }
        Outcome::NotUnderstood { suggestions } => {
            screen.text(Msg::NotUnderstood);
            screen.follow_ups(Msg::TryAsking, suggestions.iter().copied());
        }
        Outcome::NotFound { suggestions } => {
            let asked = asked.trim();
            if !asked.is_empty() {
                screen.blocks.push(Block::Asked(shorten(asked, ECHO_CHARS)));
            }
            screen.text(Msg::NotFound);
            screen.follow_ups(Msg::TryAsking, suggestions.iter().copied());
        }
        Outcome::SmallTalk(kind) => {
            let text = fill(messages::small_talk(*kind, reply.lang), kb, reply.lang);
            screen.blocks.push(Block::Text(text.into()));
        }
        Outcome::Empty => {
            let text = fill(messages::text(Msg::Empty, reply.lang), kb, reply.lang);
            screen.blocks.push(Block::Text(text.into()));
        }
    }
    screen
}

/// The facts a reply offers in place of its answer: an unsure answer's
/// runners-up ("did you mean"; a certain answer shows none), the questions
/// to try after "I don't know", the options asked back. What is recorded
/// as offered, so a pick can be traced to the question it corrects.
pub fn offered<'r, 'a>(reply: &'r Reply<'a>) -> &'r [&'a Fact] {
    match &reply.outcome {
        Outcome::Answer { .. } if reply.score >= CERTAIN => &[],
        _ => reply.suggestions(),
    }
}

/// A fact picked from a list (a button, a number), as its reply.
pub fn fact<'a>(engine: &'a Engine, id: &str, lang: Lang) -> Option<Screen<'a>> {
    engine
        .answer_fact(id, lang)
        .map(|answer| reply(engine.kb(), &answer, ""))
}

/// The welcome: what factbot answers about, and example questions.
pub fn welcome(engine: &Engine, lang: Lang) -> Screen<'_> {
    let mut screen = Screen::new(lang);
    let text = fill(messages::text(Msg::Welcome, lang), engine.kb(), lang);
    screen.blocks.push(Block::Text(text.into()));
    screen.follow_ups(Msg::Examples, engine.examples(WELCOME_EXAMPLES));
    screen
}

/// How to ask, and a front end's `commands` (name without the slash,
/// description).
pub fn help(engine: &Engine, lang: Lang, commands: Vec<(String, String)>) -> Screen<'_> {
    let mut screen = Screen::new(lang);
    let kb = engine.kb();
    let example = engine
        .examples(1)
        .first()
        .copied()
        .or(kb.facts.first())
        .map_or("", |f| f.suggestion(lang));
    let text = fill(messages::text(Msg::Help, lang), kb, lang).replace("{example}", example);
    screen.blocks.push(Block::Text(text.into()));
    screen.blocks.push(Block::Commands(commands));
    screen
}

/// A command the front end does not have: says so, then the help.
pub fn unknown_command(engine: &Engine, lang: Lang, commands: Vec<(String, String)>) -> Screen<'_> {
    let mut screen = help(engine, lang, commands);
    let text = messages::text(Msg::UnknownCommand, lang);
    screen.blocks.insert(0, Block::Text(text.into()));
    screen
}

/// The topics that have facts, to pick one from.
pub fn topics(kb: &KnowledgeBase, lang: Lang) -> Screen<'static> {
    let mut screen = Screen::new(lang);
    screen
        .blocks
        .push(Block::Title(messages::text(Msg::Topics, lang)));
    screen.text(Msg::TopicsHint);
    screen.lists.push(List {
        title: None,
        kind: ListKind::Contents,
        items: kb.facts_by_topic().into_keys().map(Item::Topic).collect(),
    });
    screen
}

/// A topic's questions.
pub fn topic(kb: &KnowledgeBase, topic: Topic, lang: Lang) -> Screen<'_> {
    let mut screen = Screen::new(lang);
    let facts = kb.facts_by_topic().remove(&topic).unwrap_or_default();
    screen.lists.push(List {
        title: Some(topic.name(lang)),
        kind: ListKind::Contents,
        items: facts.into_iter().map(Item::Fact).collect(),
    });
    screen
}

/// The document's title, author and translation, as the knowledge set
/// gives them.
pub fn about(kb: &KnowledgeBase, lang: Lang) -> Screen<'_> {
    let mut screen = Screen::new(lang);
    let doc = &kb.document;
    for (msg, text) in [
        (Msg::AboutTitle, doc.title.get(lang)),
        (Msg::AboutAuthor, doc.author.get(lang)),
        (Msg::AboutTranslation, doc.note.get(lang)),
    ] {
        if !text.trim().is_empty() {
            screen
                .blocks
                .push(Block::Field(messages::text(msg, lang), text));
        }
    }
    screen
}

/// A one-line interface message.
pub fn note(msg: Msg, lang: Lang) -> Screen<'static> {
    let mut screen = Screen::new(lang);
    screen.text(msg);
    screen
}

/// The first `max` characters of `text`, with "…" when something was cut:
/// for labels and quotes that must stay short.
pub fn shorten(text: &str, max: usize) -> String {
    let cut = truncate_chars(text, max);
    if cut.len() == text.len() {
        text.to_string()
    } else {
        format!("{}…", cut.trim_end())
    }
}

/// A message template with the knowledge set's document and topics filled
/// in, so the wording follows the knowledge loaded, not the one shipped.
fn fill(template: &str, kb: &KnowledgeBase, lang: Lang) -> String {
    let title = kb.document.title.get(lang).trim();
    let document = if title.is_empty() {
        messages::text(Msg::UnnamedDocument, lang).to_string()
    } else {
        messages::text(Msg::NamedDocument, lang).replace("{title}", title)
    };
    let topics: Vec<String> = kb
        .facts_by_topic()
        .into_keys()
        .filter(|t| *t != Topic::About)
        .map(|t| t.name(lang).to_lowercase())
        .collect();
    template
        .replace("{document}", &document)
        .replace("{topics}", &topics.join(", "))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::smalltalk::SmallTalk;

    const SMALL_TALK: [SmallTalk; 5] = [
        SmallTalk::Greeting,
        SmallTalk::Thanks,
        SmallTalk::Acknowledgement,
        SmallTalk::Goodbye,
        SmallTalk::Capabilities,
    ];

    fn engine() -> Engine {
        Engine::new(KnowledgeBase::embedded().expect("built-in knowledge"))
    }

    fn ids(facts: &[Item<'_>]) -> Vec<String> {
        facts
            .iter()
            .map(|i| match i {
                Item::Fact(f) => f.id.clone(),
                Item::Topic(t) => t.key().to_string(),
            })
            .collect()
    }

    #[test]
    fn a_certain_answer_has_no_did_you_mean_and_no_repeats() {
        let e = engine();
        let (reply, screen) = question(&e, "how much did china invest", None);
        assert!(reply.score >= CERTAIN, "{}", reply.score);
        assert_eq!(screen.blocks.len(), 1);
        let titles: Vec<_> = screen.lists.iter().map(|l| l.title).collect();
        assert_eq!(titles, [Some("Related")], "{screen:#?}");
        let offered = ids(&screen.items().collect::<Vec<_>>());
        let mut unique = offered.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(offered.len(), unique.len(), "{offered:?}");
        assert!(!offered.contains(&reply.fact().unwrap().id));
    }

    /// trade-volume-2013 at 0.8, with its two related facts as runners-up.
    pub(crate) fn unsure_trade_answer(e: &Engine) -> Reply<'_> {
        let kb = e.kb();
        let fact = kb.fact("trade-volume-2013").unwrap();
        let also: Vec<&Fact> = fact.related.iter().filter_map(|id| kb.fact(id)).collect();
        Reply {
            lang: Lang::En,
            score: 0.8,
            outcome: Outcome::Answer {
                fact,
                also: also.clone(),
                related: also,
                not_in: None,
                not_figure: None,
            },
            understood: Default::default(),
        }
    }

    #[test]
    fn an_unsure_answer_offers_each_runner_up_once() {
        let e = engine();
        // Answered with trade-volume-2013, unsure; both runners-up are also
        // its related facts.
        let reply = unsure_trade_answer(&e);
        let screen = super::reply(e.kb(), &reply, "trade?");
        assert!(reply.answered() && reply.score < CERTAIN, "{reply:?}");
        let fact = reply.fact().unwrap();
        assert_eq!(reply.suggestions().len(), 2);
        assert!(
            reply
                .suggestions()
                .iter()
                .all(|s| fact.related.contains(&s.id))
        );
        let titles: Vec<_> = screen.lists.iter().map(|l| l.title).collect();
        assert_eq!(titles, [Some("Did you mean")], "{screen:#?}");
        assert_eq!(screen.items().count(), 2);
    }

    #[test]
    fn reads_a_question_at_the_end_of_a_long_message() {
        let e = engine();
        let long = format!(
            "{}How much did China invest in 2013?",
            "Please tell me. ".repeat(80)
        );
        assert!(long.chars().count() > 1000);
        let (reply, screen) = question(&e, &long, None);
        assert!(reply.answered(), "{:?}", reply.outcome);
        assert!(!screen.blocks.iter().any(|b| matches!(b, Block::Note(_))));
        // Past the limit the beginning is read, and the screen says so.
        let longer = format!("{long}{}", " again".repeat(MAX_QUESTION_CHARS));
        let (_, screen) = question(&e, &longer, None);
        assert!(
            matches!(screen.blocks[0], Block::Note(n) if n == messages::text(Msg::TooLong, Lang::En)),
            "{screen:#?}"
        );
    }

    #[test]
    fn quotes_the_question_it_cannot_answer() {
        let e = engine();
        let q = format!("what is the weather in Paris? {}", "x".repeat(300));
        let (_, screen) = question(&e, &q, None);
        match &screen.blocks[0] {
            Block::Asked(asked) => {
                assert!(asked.starts_with("what is the weather"));
                assert_eq!(asked.chars().count(), ECHO_CHARS + 1, "{asked}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn screens_name_the_loaded_document() {
        let e = engine();
        let mut kb = e.kb().clone();
        kb.document.title.en = "Another Report".into();
        let other = Engine::new(kb);
        for (engine, title) in [
            (&e, "The Development of Cooperation"),
            (&other, "Another Report"),
        ] {
            let welcome = welcome(engine, Lang::En);
            match &welcome.blocks[0] {
                Block::Text(t) => assert!(t.contains(title), "{t}"),
                b => panic!("{b:?}"),
            }
            assert_eq!(welcome.items().count(), WELCOME_EXAMPLES);
            let (_, hello) = question(engine, "what can you do?", None);
            assert!(format!("{hello:?}").contains(title), "{hello:?}");
        }
        let mut kb = e.kb().clone();
        kb.document.title = Default::default();
        let untitled = Engine::new(kb);
        let (_, hello) = question(&untitled, "what can you do?", None);
        let text = format!("{hello:?}");
        assert!(
            text.contains("one document") && !text.contains("“”"),
            "{text}"
        );
    }

    #[test]
    fn every_screen_renders_in_both_languages() {
        let e = engine();
        let kb = e.kb();
        for lang in Lang::ALL {
            let filled = SMALL_TALK
                .iter()
                .map(|k| fill(messages::small_talk(*k, lang), kb, lang))
                .chain([fill(messages::text(Msg::Welcome, lang), kb, lang)]);
            for text in filled {
                assert!(!text.contains('{'), "unfilled: {text}");
            }
            let topics = topics(kb, lang);
            assert_eq!(topics.items().count(), kb.facts_by_topic().len());
            for t in Topic::ALL {
                let screen = topic(kb, t, lang);
                assert_eq!(screen.lists[0].title, Some(t.name(lang)));
            }
            assert_eq!(about(kb, lang).blocks.len(), 3);
            let help = help(&e, lang, vec![("topics".into(), "Topics".into())]);
            assert!(matches!(&help.blocks[0], Block::Text(t) if !t.contains('{')));
        }
    }

    #[test]
    fn shortens_with_an_ellipsis() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("a long label", 6), "a long…");
        assert_eq!(shorten("мост через Амур", 4), "мост…");
    }
}
