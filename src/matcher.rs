//! The engine: understands a question and finds what answers it.
//!
//! A question is read twice. As words: each known word is weighted by IDF
//! and a fact's score is the share of the question's weight it covers (names
//! the knowledge base does not know count against every fact; everyday words
//! it does not use count for nothing). And as a frame: which entities it
//! names, what kind of answer it wants (a person, a date, an amount…), and
//! for which years. A fact that cannot give what is asked — a date for
//! "who?", 2013's figure for "in 2015?" — is never the answer; when the
//! document does not say, the reply says so and gives what it does say about
//! the thing asked about. Pure and synchronous: no I/O, no printing.

use crate::attribute::{Attribute, EntityKind};
use crate::frame::{Claim, Frame, Wants};
use crate::index::{Index, Mention, QueryTerm, TermId};
use crate::knowledge::{Entity, Fact, KnowledgeBase};
use crate::lang::Lang;
use crate::smalltalk::{self, SmallTalk};
use crate::text::{MAX_QUESTION_CHARS, Token, TokenKind, normalize, tokenize, truncate_chars};
use rustc_hash::FxHashSet;

/// The knobs of the scoring, chosen on the public evaluation set
/// (`cargo test --release --test core -- --ignored tuning_grid` prints a grid).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tuning {
    /// Below this confidence a question is not answered.
    pub threshold: f32,
    /// …unless it names an entity and asks for something (a date, a
    /// figure, a reason) that exactly one fact mainly about that entity
    /// gives: then this confidence is enough. "What years does the
    /// programme cover?" shares few words with the programme's fact, but
    /// nothing else can answer it.
    pub named_threshold: f32,
    /// A runner-up within this distance of the best is offered as "did you mean".
    pub close_runner_up: f32,
    /// Below this confidence, a close runner-up makes factbot ask which of
    /// the two is meant instead of answering.
    pub sure: f32,
    /// A question whose known words weigh less than this in IDF is too vague
    /// to answer ("China?"), however well it matches.
    pub min_question_weight: f32,
    /// How much a question covering a fact (as opposed to a fact covering the
    /// question) adds to the score.
    pub focus_share: f32,
    /// Unknown names and terms count this many times the IDF of a word in no
    /// fact, so an unseen name ("Gazprom", "Messi") outweighs a matching
    /// common word.
    pub unknown_weight: f32,
    /// Everyday words the knowledge base does not use ("firms", "chairs")
    /// count this many times the IDF of a word in no fact.
    pub common_weight: f32,
    /// Words the knowledge base declares out of scope count this many times
    /// the IDF of a word in no fact: enough to keep any fact below threshold.
    pub out_of_scope_weight: f32,
    /// A question asking why, or what something does, scores this share
    /// against a fact that gives neither a reason nor an activity.
    pub kind_mismatch: f32,
    /// A question naming an entity scores this share against a fact about
    /// none of the entities it names.
    pub entity_miss: f32,
    /// A fact that cannot answer (a date for "who?", another year) scores
    /// this share, so it ranks below every fact that can.
    pub unfit: f32,
    /// Evidence from the frame for a fact that can answer, each closing this
    /// share of the gap between its score and 1: the fact is mainly about an
    /// entity the question names (half as much when it only names it too)…
    pub entity_bonus: f32,
    /// …it gives the kind of answer asked for (a figure for "how much")…
    pub kind_bonus: f32,
    /// …it is about the year asked for.
    pub year_bonus: f32,
    /// A derived value scores this share when the question names no year:
    /// what the document states comes before what follows from it.
    pub derived: f32,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            threshold: 0.50,
            named_threshold: 0.40,
            close_runner_up: 0.06,
            sure: 0.65,
            min_question_weight: 0.9,
            focus_share: 0.02,
            unknown_weight: 0.8,
            common_weight: 0.4,
            out_of_scope_weight: 3.0,
            kind_mismatch: 0.7,
            entity_miss: 0.75,
            unfit: 0.45,
            entity_bonus: 0.2,
            kind_bonus: 0.1,
            year_bonus: 0.1,
            derived: 1.0,
        }
    }
}

/// Suggestions offered when a question is not answered.
const MAX_SUGGESTIONS: usize = 3;
/// Facts shown after "the document does not say".
const MAX_PARTIAL_FACTS: usize = 2;
/// How many ranked facts a decision looks at.
const TOP: usize = 6;

/// What factbot makes of a question.
#[derive(Debug, Clone)]
pub struct Reply<'a> {
    /// The language to answer in.
    pub lang: Lang,
    /// Confidence in [0, 1] of the best fact (0 for small talk and empty input).
    pub score: f32,
    pub outcome: Outcome<'a>,
    /// What the question was understood to ask, for follow-ups.
    pub understood: Understood,
}

/// What a question was understood to ask: the frame with the entity it
/// was about. Conversations carry it to the next question.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Understood {
    /// The entity the reply is about (named, or that of the answer).
    pub entity: Option<usize>,
    pub wants: Option<Wants>,
    pub years: Vec<i32>,
}

/// What the document does not say, in a partial answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Missing {
    /// The kind of answer asked for.
    pub wants: Wants,
    /// The year asked for that no fact about the entity covers.
    pub year: Option<i32>,
    /// What was signed or agreed was asked ([`Frame::signed`]).
    pub signed: bool,
}

/// The kinds of reply.
#[derive(Debug, Clone)]
pub enum Outcome<'a> {
    /// A fact answers the question. `also` are close runners-up worth
    /// offering; `related` are the fact's related facts. `not_in` is the
    /// year a yes/no question claimed that the fact's own date is not
    /// ("was the council set up in 1997?": not in 1997; in 1998);
    /// `not_figure` the figure it claimed that the fact's figures are not
    /// ("did trade grow 18%?": not 18%; 14%).
    Answer {
        fact: &'a Fact,
        also: Vec<&'a Fact>,
        related: Vec<&'a Fact>,
        not_in: Option<i32>,
        not_figure: Option<Claim>,
    },
    /// "What is X?", "tell me about X": every fact about X, the one that
    /// matches the question best first.
    Card {
        entity: &'a Entity,
        facts: Vec<&'a Fact>,
    },
    /// A question asking two things, each answered by its own fact.
    Both { first: &'a Fact, second: &'a Fact },
    /// The question is about a known entity, but the document does not say
    /// what it asks; `facts` is what the document does say about it.
    Partial {
        entity: &'a Entity,
        missing: Missing,
        facts: Vec<&'a Fact>,
    },
    /// Two or three facts match about equally and none well: the question
    /// back is which one is meant.
    Clarify { options: Vec<&'a Fact> },
    /// Nothing in the message is a word factbot knows, or asks anything
    /// ("asdfgh"): it says it did not understand, with questions to try.
    NotUnderstood { suggestions: Vec<&'a Fact> },
    /// No fact answers it confidently; `suggestions` are questions that can be
    /// answered (up to three, best first).
    NotFound { suggestions: Vec<&'a Fact> },
    /// A greeting, thanks, goodbye or a question about the bot.
    SmallTalk(SmallTalk),
    /// Nothing to answer: the message was empty or only whitespace.
    Empty,
}

impl<'a> Reply<'a> {
    /// True when facts answer the question (an answer, a card or both parts).
    pub fn answered(&self) -> bool {
        matches!(
            self.outcome,
            Outcome::Answer { .. } | Outcome::Card { .. } | Outcome::Both { .. }
        )
    }

    /// The answering fact, if any: for a card the lead fact, for a two-part
    /// question the first.
    pub fn fact(&self) -> Option<&'a Fact> {
        match &self.outcome {
            Outcome::Answer { fact, .. } => Some(fact),
            Outcome::Card { facts, .. } => facts.first().copied(),
            Outcome::Both { first, .. } => Some(first),
            _ => None,
        }
    }

    /// Every fact the reply shows, in order.
    pub fn facts(&self) -> Vec<&'a Fact> {
        match &self.outcome {
            Outcome::Answer { fact, .. } => vec![fact],
            Outcome::Card { facts, .. } | Outcome::Partial { facts, .. } => facts.clone(),
            Outcome::Both { first, second } => vec![first, second],
            _ => Vec::new(),
        }
    }

    /// The entity of a card or a partial answer.
    pub fn entity(&self) -> Option<&'a Entity> {
        match &self.outcome {
            Outcome::Card { entity, .. } | Outcome::Partial { entity, .. } => Some(entity),
            _ => None,
        }
    }

    /// The facts offered as "did you mean": runners-up or suggestions.
    pub fn suggestions(&self) -> &[&'a Fact] {
        match &self.outcome {
            Outcome::Answer { also, .. } => also,
            Outcome::NotFound { suggestions } => suggestions,
            Outcome::Clarify { options } => options,
            Outcome::NotUnderstood { suggestions } => suggestions,
            _ => &[],
        }
    }
}

/// A ranked fact.
#[derive(Debug, Clone, Copy)]
pub struct Scored {
    pub fact: usize,
    /// Confidence in [0, 1], after the frame's checks.
    pub score: f32,
    /// The words' score alone, before the frame's checks.
    pub base: f32,
    /// The fact can give what is asked (kind of answer, year).
    pub fits: bool,
    /// It does not fit only because it is not about the year asked.
    pub other_year: bool,
}

/// What a "which N…?" question asks for (see `Engine::asked_term`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Asked {
    /// A term of the knowledge base: only a fact that says it answers.
    Term(TermId),
    /// A word the knowledge base does not use.
    Unknown,
}

/// A question read as words and as a frame.
#[derive(Debug, Clone)]
pub struct Question {
    pub frame: Frame,
    /// It says "it" (or "he", «он», "它"), or opens as a follow-up ("and in
    /// 2012?"), and names nothing it could be about.
    pub unresolved: bool,
    pub terms: Vec<QueryTerm>,
    /// Entities named, strongest first.
    pub mentions: Vec<Mention>,
    /// IDF weight of the known words, times their similarity.
    pub known: f32,
    /// The weight a fact's share is taken of.
    pub total: f32,
    /// It names something the knowledge base declares out of scope.
    pub out_of_scope: bool,
    /// IDF weight of the names and terms the knowledge base does not know.
    pub unknown: f32,
    /// Entities that go one way which the question asks the other way
    /// ("how much did Russia invest in China?").
    pub reversed: Vec<usize>,
    /// It asks for something by a name the knowledge base does not know
    /// ("what is his salary?"): no fact gives it.
    pub unknown_property: bool,
    /// The thing asked for, when the question names it and the knowledge
    /// base knows the word ("which agreements…?", «какие соглашения…?»):
    /// only a fact that says it can answer.
    pub asked: Option<TermId>,
    /// The fact just given, when the question asks for another thing of
    /// its kind ("and the other bridge?"): neither it, nor a fact mainly
    /// about the same thing, nor an overview that lists it answers. Set by a
    /// conversation.
    pub besides: Option<usize>,
}

/// The knowledge base with its index.
#[derive(Debug)]
pub struct Engine {
    kb: KnowledgeBase,
    index: Index,
    tuning: Tuning,
    shapes: Shapes,
    /// [`Engine::examples`], chosen once: one fact per topic, round-robin.
    examples: Vec<usize>,
    /// "and" inside a name, as the terms around it: «Дальнего Востока и
    /// Восточной Сибири» is one programme's name, not where a question
    /// asking two things splits.
    name_joins: Vec<(String, String)>,
    /// The words of the document's author's names ("bury", «бурый»):
    /// "how does Bury rate…?" asks the author's view, like "the author".
    author_names: Vec<String>,
}

impl Engine {
    /// Indexes a knowledge base.
    pub fn new(kb: KnowledgeBase) -> Engine {
        Engine::with_tuning(kb, Tuning::default())
    }

    /// Indexes a knowledge base with other scoring knobs.
    pub fn with_tuning(kb: KnowledgeBase, tuning: Tuning) -> Engine {
        let index = Index::build(&kb);
        let shapes = Shapes::of(&kb);
        let examples = pick_examples(&kb, MAX_EXAMPLES);
        let name_joins = name_joins(&kb, &index);
        let author_names = author_names(&kb, &index);
        Engine {
            kb,
            index,
            tuning,
            shapes,
            examples,
            name_joins,
            author_names,
        }
    }

    /// Replaces the scoring knobs (the index stays).
    pub fn set_tuning(&mut self, tuning: Tuning) {
        self.tuning = tuning;
    }

    /// The scoring knobs in use.
    pub fn tuning(&self) -> Tuning {
        self.tuning
    }

    /// The knowledge base.
    pub fn kb(&self) -> &KnowledgeBase {
        &self.kb
    }

    /// The index, for statistics.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Answers a question, in `lang` or else in the question's language.
    pub fn ask(&self, question: &str, lang: Option<Lang>) -> Reply<'_> {
        let question = truncate_chars(question, MAX_QUESTION_CHARS);
        let lang = lang.unwrap_or_else(|| Lang::detect(question));
        if question.trim().is_empty() {
            return self.reply(lang, 0.0, Outcome::Empty, Understood::default());
        }
        let norm = normalize(question);
        if let Some(kind) = smalltalk::detect_normalized(&norm) {
            return self.reply(lang, 0.0, Outcome::SmallTalk(kind), Understood::default());
        }
        // One part (a question mark at the end only): its normal form is
        // the one just made.
        let body = question.trim_end_matches(|c: char| c.is_whitespace() || PART_ENDS.contains(&c));
        let tokens = if body.contains(PART_ENDS) {
            self.tokens(question)
        } else {
            self.index.segment(tokenize(&norm))
        };
        self.ask_tokens(&tokens, lang)
    }

    /// A question as the tokens the engine reads: cut to
    /// [`MAX_QUESTION_CHARS`], normalised, tokenised, Chinese segmented.
    pub fn tokens(&self, question: &str) -> Vec<Token> {
        let question = truncate_chars(question, MAX_QUESTION_CHARS);
        // A question mark (or a Chinese comma) inside the message may end one question
        // and start another ("作者是谁？他在哪个机构任职？"): it becomes an
        // "and" (a stopword), where a two-part question may be cut. So does
        // a "+" ("who wrote it + when").
        let mut tokens = Vec::new();
        let parts: Vec<&str> = question
            .split(PART_ENDS)
            .filter(|p| !p.trim().is_empty())
            .collect();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                tokens.push(Token {
                    text: "and".into(),
                    kind: TokenKind::Word,
                });
            }
            tokens.extend(self.index.segment(tokenize(&normalize(part))));
        }
        tokens
    }

    /// A name said in place of a pronoun: its tokens without stopwords or
    /// joining words, whose "and"s would cut the question in two.
    pub fn name_tokens(&self, name: &str) -> Vec<Token> {
        let mut tokens = self.tokens(name);
        tokens.retain(|t| {
            t.kind != TokenKind::Word
                || !(crate::text::is_stopword(&t.text) || JOINS.contains(&t.text.as_str()))
        });
        tokens
    }

    /// Answers a question given as [`Engine::tokens`] (a conversation builds
    /// a follow-up's tokens from what was asked before). No small talk here.
    pub fn ask_tokens(&self, tokens: &[Token], lang: Lang) -> Reply<'_> {
        let q = self.understand(tokens, &[]);
        let whole = self.decide(&q);
        let decided = match self.two_parts(tokens, &whole) {
            Some(both) => both,
            None => whole,
        };
        let Decided {
            score,
            outcome,
            understood,
        } = decided;
        self.reply(lang, score, outcome, understood)
    }

    /// Answers a question already read into a [`Question`] (for conversations,
    /// which complete a follow-up from what was asked before).
    pub fn answer(&self, q: &Question, lang: Lang) -> Reply<'_> {
        let Decided {
            score,
            outcome,
            understood,
        } = self.decide(q);
        self.reply(lang, score, outcome, understood)
    }

    fn reply<'a>(
        &'a self,
        lang: Lang,
        score: f32,
        outcome: Outcome<'a>,
        understood: Understood,
    ) -> Reply<'a> {
        Reply {
            lang,
            score,
            outcome,
            understood,
        }
    }

    /// The reply for one fact by id, as when a suggestion button is pressed.
    pub fn answer_fact(&self, id: &str, lang: Lang) -> Option<Reply<'_>> {
        let index = self.kb.index_of(id)?;
        let fact = &self.kb.facts[index];
        Some(Reply {
            lang,
            score: 1.0,
            outcome: Outcome::Answer {
                fact,
                also: Vec::new(),
                related: self.related(fact),
                not_in: None,
                not_figure: None,
            },
            understood: Understood {
                entity: self.main_entity(index),
                wants: None,
                years: Vec::new(),
            },
        })
    }

    /// The card of an entity: every fact about it.
    pub fn card(&self, entity: usize, lang: Lang) -> Option<Reply<'_>> {
        let e = self.kb.entities.get(entity)?;
        let facts: Vec<&Fact> = self
            .kb
            .facts_about(entity)
            .iter()
            .map(|&f| &self.kb.facts[f])
            .collect();
        let outcome = match facts.as_slice() {
            [] => return None,
            [fact] => Outcome::Answer {
                fact,
                also: Vec::new(),
                related: self.related(fact),
                not_in: None,
                not_figure: None,
            },
            _ => Outcome::Card { entity: e, facts },
        };
        Some(Reply {
            lang,
            score: 1.0,
            outcome,
            understood: Understood {
                entity: Some(entity),
                wants: Some(Wants::About),
                years: Vec::new(),
            },
        })
    }

    /// Up to `n` (at most eight) facts from different topics, to show what
    /// factbot can answer.
    pub fn examples(&self, n: usize) -> Vec<&Fact> {
        self.examples
            .iter()
            .take(n)
            .map(|&i| &self.kb.facts[i])
            .collect()
    }

    fn related(&self, fact: &Fact) -> Vec<&Fact> {
        fact.related
            .iter()
            .filter_map(|id| self.kb.fact(id))
            .collect()
    }

    /// True when `overview` sums up `fact` and others like it: it lists them
    /// as related and gives nothing they do not (the programme's problems
    /// over each problem, 2013's infrastructure over each bridge).
    fn overview_of(&self, overview: &Fact, fact: &Fact) -> bool {
        let within = |whole: &Fact, part: &Fact| whole.gives.iter().all(|a| part.gives.contains(a));
        // How many related facts give at least what `whole` gives.
        let parts = |whole: &Fact| {
            (whole.related.iter())
                .filter_map(|id| self.kb.fact(id))
                .filter(|f| within(whole, f))
                .count()
        };
        let n = parts(overview);
        // Sibling problems list each other too: the overview lists more.
        n >= 2 && n > parts(fact) && overview.related.contains(&fact.id) && within(overview, fact)
    }

    /// True when giving `fact` after `given` says the same thing again: it
    /// is `given`, or mainly about the same thing, or an overview listing it.
    pub fn repeats(&self, fact: usize, given: usize) -> bool {
        fact == given
            || self
                .main_entity(fact)
                .is_some_and(|e| self.main_entity(given) == Some(e))
            || self.overview_of(&self.kb.facts[fact], &self.kb.facts[given])
    }

    /// The entity a fact is mainly about.
    fn main_entity(&self, fact: usize) -> Option<usize> {
        self.shapes
            .entities(self.shapes.facts[fact])
            .first()
            .map(|&e| e as usize)
    }

    /// Reads a question: its terms, the entities it names and its frame.
    /// `extra_years` are added to the years it names (a two-part question's
    /// other half, or a follow-up's context).
    pub fn understand(&self, tokens: &[Token], extra_years: &[i32]) -> Question {
        let is_author = |w: &str| {
            self.author_names
                .binary_search_by(|n| n.as_str().cmp(w))
                .is_ok()
        };
        // "What does the author think of…?", «как автор оценивает…»,
        // «что пишет автор»: everything the document says is its author's
        // view, so these words say whose view is asked, not what about.
        let mut view = crate::frame::authors_view(tokens, is_author);
        // "What does Bury think of…?" asks the author's view, not for a
        // quote of somebody's words: the frame reads him as "the author".
        let mut frame = if view.iter().any(|&i| is_author(&tokens[i].text)) {
            let mut named: Vec<Token> = tokens.to_vec();
            for &i in &view {
                if is_author(&named[i].text) {
                    named[i].text = "author".into();
                }
            }
            Frame::of(&named)
        } else {
            Frame::of(tokens)
        };
        for &y in extra_years {
            if !frame.years.contains(&y) {
                frame.years.push(y);
            }
        }
        // "141 million was 18% up: what was it the year before?": the year
        // before the one the question's own figure is for.
        if frame.years.is_empty() && !frame.figures.is_empty() {
            let text: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
            if crate::frame::is_year_before(&text.join(" ")) {
                frame.years = self.shapes.years_of_figures(&frame.figures, -1);
            }
        }
        // "In which year…?": the word for a year says what is asked, which
        // the frame has read; it is not a word to find in a fact.
        // Nor is «до» of «до какого года» (the plan's «до 2020 года» has it).
        let asks_year = |t: &Token| {
            (matches!(frame.wants, Wants::When | Wants::UntilWhen)
                && crate::frame::is_year_word(&t.text))
                || (frame.wants == Wants::UntilWhen
                    && matches!(t.text.as_str(), "до" | "until" | "till"))
        };
        // "So far" and "as far as" say nothing of the Far East.
        let idiom = |i: usize| {
            tokens[i].text == "far"
                && i > 0
                && matches!(tokens[i - 1].text.as_str(), "so" | "as" | "thus")
        };
        // "…in 1997, right?": the tag asks to confirm; it is no word to find.
        let last_word = tokens.iter().rposition(|t| t.kind == TokenKind::Word);
        let tag = |i: usize| {
            frame.check && Some(i) == last_word && i > 1 && crate::frame::is_tag(&tokens[i].text)
        };
        view.extend(crate::frame::article_described(tokens, frame.wants));
        // "More or less than the previous year?", «больше, чем годом
        // раньше?»: the words of a comparison with an earlier year say that
        // a change is asked, which the frame has read.
        let comparison = |i: usize| {
            frame.growth
                && frame.compared
                && matches!(
                    tokens[i].text.as_str(),
                    "more"
                        | "less"
                        | "than"
                        | "previous"
                        | "prior"
                        | "preceding"
                        | "year"
                        | "больше"
                        | "меньше"
                        | "чем"
                        | "прошлым"
                        | "предыдущим"
                        | "годом"
                )
        };
        let dropped = |i: usize| {
            asks_year(&tokens[i]) || idiom(i) || tag(i) || view.contains(&i) || comparison(i)
        };
        let terms = if (0..tokens.len()).any(dropped) {
            let kept: Vec<Token> = (0..tokens.len())
                .filter(|&i| !dropped(i))
                .map(|i| tokens[i].clone())
                .collect();
            self.index.analyze_tokens(&kept)
        } else {
            self.index.analyze_tokens(tokens)
        };
        let mut mentions = self.index.mentions(&terms);
        // Regions are where everything in the document happens: in "the
        // programme of the Far East and Northeast China" the programme is
        // what is asked about, however long the regions' names are.
        mentions.sort_by_key(|m| self.kb.entities[m.entity].kind == EntityKind::Region);
        // "What does the writer do, what's his job?": "his" is the writer,
        // named before it in the same question, though not by name. Not
        // the word right before it: in "who approved it?" that is what was
        // done to "it".
        // A preposition names nothing, though «до» is in the Heilongjiang
        // plan's name: «до какого года он рассчитан?» names no "it".
        let named_before = || {
            tokens
                .iter()
                .position(|t| crate::frame::is_pronoun(&t.text))
                .is_some_and(|at| {
                    let before: Vec<Token> = (tokens[..at.saturating_sub(1)].iter())
                        .filter(|t| !PREPOSITIONS.contains(&t.text.as_str()))
                        .cloned()
                        .collect();
                    at >= 2
                        && (self.index.analyze_tokens(&before).iter())
                            .any(|t| matches!(t, QueryTerm::Known { .. }))
                })
        };
        // «А Россия правда разворачивается к Азии?» opens like a follow-up
        // but says enough to stand alone; «а в 2012?», "and the share?" do not.
        let says_little = || {
            (terms.iter())
                .filter(|t| matches!(t, QueryTerm::Known { .. }))
                .count()
                < 2
        };
        let unresolved = mentions.is_empty()
            && ((frame.elliptical && says_little()) || (frame.refers_back && !named_before()));
        // "What is the 29% in the document?" is about the 29%, not the
        // document: the document counts only when nothing else is asked.
        let is_document = |e: usize| self.kb.entities[e].kind == EntityKind::Document;
        if mentions.iter().any(|m| is_document(m.entity)) {
            let other = terms.iter().any(|t| match *t {
                QueryTerm::Known { term, .. } => !mentions
                    .iter()
                    .any(|m| is_document(m.entity) && self.index.is_entity_term(m.entity, term)),
                _ => false,
            });
            if other {
                mentions.retain(|m| !is_document(m.entity));
            }
        }
        let t = &self.tuning;
        let (mut known, mut total, mut unknown, mut out_of_scope) = (0.0f32, 0.0f32, 0.0f32, false);
        for term in &terms {
            match *term {
                QueryTerm::Known {
                    term,
                    similarity,
                    alt,
                } => {
                    let idf = match alt {
                        Some((a, _)) => self.index.idf(term).max(self.index.idf(a)),
                        None => self.index.idf(term),
                    };
                    total += idf;
                    known += idf * similarity;
                }
                QueryTerm::OutOfScope(_) => {
                    out_of_scope = true;
                    total += self.index.unknown_idf() * t.out_of_scope_weight;
                }
                QueryTerm::Common(ref word) if crate::frame::is_measure_cue(word) => {}
                QueryTerm::Common(_) => total += self.index.unknown_idf() * t.common_weight,
                QueryTerm::Unknown(ref word) => {
                    if says_a_name(word) {
                        let w = self.index.unknown_idf() * t.unknown_weight;
                        total += w;
                        unknown += w;
                    }
                }
            }
        }
        // "The capital of Mongolia", "capital city": a city, not money.
        out_of_scope |= tokens.windows(2).any(|w| {
            w[0].text == "capital" && matches!(w[1].text.as_str(), "of" | "city" | "cities")
        });
        let words: Vec<&str> = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text.as_str())
            .collect();
        let reversed = (self.kb.entities.iter().enumerate())
            .filter(|(_, e)| e.flow.as_ref().is_some_and(|f| f.reversed(&words)))
            .map(|(i, _)| i)
            .collect();
        // "What is the salary of X?": the frame did not read what is asked
        // from a cue word, and the knowledge base does not know the noun.
        let asked = self.asked_term(&words);
        let unknown_property = asked == Some(Asked::Unknown)
            || self.offers_unknown_choice(&words)
            || matches!(frame.wants, Wants::About | Wants::Anything)
                && frame.property.as_deref().is_some_and(|p| {
                    !matches!(self.word_term(p), Some(QueryTerm::Known { .. }) | None)
                });
        Question {
            asked: match asked {
                Some(Asked::Term(t)) => Some(t),
                _ => None,
            },
            besides: None,
            unknown_property,
            reversed,
            frame,
            unresolved,
            terms,
            mentions,
            known,
            total,
            out_of_scope,
            unknown,
        }
    }

    /// Every fact that shares a term with the question, best first, with its
    /// confidence in [0, 1], read as [`Engine::ask`] reads it. Ties keep
    /// knowledge-base order.
    pub fn rank(&self, question: &str) -> Vec<Scored> {
        let q = self.understand(&self.tokens(question), &[]);
        let mut scored = Vec::new();
        self.score(&q, |s| scored.push(s));
        scored.sort_by(best_first);
        scored
    }

    /// The first `k` entries of [`Engine::rank`], kept while scoring, so that
    /// a common word matching most of a large knowledge base does not mean
    /// collecting and sorting every fact.
    fn rank_top(&self, q: &Question, k: usize) -> Vec<Scored> {
        // The best so far, best first.
        let mut top: Vec<Scored> = Vec::with_capacity(k + 1);
        self.score(q, |s| {
            if top.len() == k && top.last().is_none_or(|last| best_first(&s, last).is_ge()) {
                return;
            }
            let at = top.partition_point(|t| best_first(t, &s).is_lt());
            top.insert(at, s);
            top.truncate(k);
        });
        top
    }

    /// Decides the reply to a question read by [`Engine::understand`].
    fn decide(&self, q: &Question) -> Decided<'_> {
        let ranked = self.rank_top(q, TOP);
        let t = &self.tuning;
        let understood = |entity: Option<usize>| Understood {
            entity,
            wants: Some(q.frame.wants),
            years: q.frame.years.clone(),
        };
        // "When was it founded?" with nothing before it: the words match a
        // fact, but "it" may be anything. Offer it instead of answering.
        // "Where was it translated?" with nothing before it: what is
        // translated, written or titled is the document itself, the one
        // thing every question is about.
        let first_fit = ranked.iter().find(|s| s.fits).copied();
        let unresolved = q.unresolved
            && !first_fit.is_some_and(|s| {
                self.main_entity(s.fact)
                    .is_some_and(|e| self.kb.entities[e].kind == EntityKind::Document)
            });
        if let Some(mut best) = first_fit
            && (best.score >= t.threshold || self.only_fit_for_named(q, &best, &ranked))
            && !unresolved
        {
            // About as good as one part, the whole answers it too: "what
            // problems did the programme have?" is not only one problem.
            // Not when the question names the part ("the Bolshoy Ussuriysky
            // bridge" is one item of 2013's infrastructure).
            let part_named = self
                .main_entity(best.fact)
                .is_some_and(|e| q.mentions.iter().any(|m| m.entity == e));
            // "Which problems…?" asks for all of them: the whole is the
            // answer whenever it is good enough.
            let asks_all = q.asked.is_some();
            if let Some(whole) = ranked.iter().find(|s| {
                s.fits
                    && s.score >= t.threshold
                    && (asks_all || best.score - s.score <= t.close_runner_up)
                    && !(part_named && self.main_entity(s.fact) != self.main_entity(best.fact))
                    && self.overview_of(&self.kb.facts[s.fact], &self.kb.facts[best.fact])
            }) {
                best = *whole;
            }
            let entity = q
                .mentions
                .iter()
                .map(|m| m.entity)
                .find(|&e| self.is_about(best.fact, e))
                .or_else(|| self.main_entity(best.fact));
            if let Some(outcome) = self.card_for(q, best.fact) {
                return Decided {
                    score: best.score,
                    outcome,
                    understood: understood(entity),
                };
            }
            // "The latest figure": of the facts about as good, the latest
            // year answers, and earlier years are not offered beside it.
            let latest = q.frame.latest && q.frame.years.is_empty();
            if latest
                && let Some(later) = ranked
                    .iter()
                    .filter(|s| {
                        s.fits
                            && s.score >= t.threshold
                            && best.score - s.score <= t.close_runner_up
                    })
                    .max_by_key(|s| (self.last_year(s.fact), std::cmp::Reverse(s.fact)))
                && self.last_year(later.fact) > self.last_year(best.fact)
            {
                best = *later;
            }
            let fact = &self.kb.facts[best.fact];
            let best_year = self.last_year(best.fact);
            let also: Vec<&Fact> = ranked
                .iter()
                .filter(|s| s.fact != best.fact && s.fits)
                .filter(|s| !latest || self.last_year(s.fact) >= best_year)
                // The programme's problems already name each problem; and the
                // overview of the part answered agrees with it.
                .filter(|s| {
                    !self.overview_of(fact, &self.kb.facts[s.fact])
                        && !self.overview_of(&self.kb.facts[s.fact], fact)
                })
                .take_while(|s| s.score >= t.threshold && best.score - s.score <= t.close_runner_up)
                .take(2)
                .map(|s| &self.kb.facts[s.fact])
                .collect();
            if !also.is_empty() && best.score < t.sure {
                // Two facts match about equally, and neither well: asking
                // back beats a wrong figure stated with confidence.
                let mut options = vec![fact];
                options.extend(also);
                return Decided {
                    score: best.score,
                    outcome: Outcome::Clarify { options },
                    understood: understood(entity),
                };
            }
            return Decided {
                score: best.score,
                outcome: Outcome::Answer {
                    fact,
                    also,
                    related: self.related(fact),
                    not_in: None,
                    not_figure: self.wrong_claim(q, fact),
                },
                understood: understood(entity),
            };
        }
        if let Some((best, year)) = self.other_date(q, &ranked) {
            let fact = &self.kb.facts[best.fact];
            return Decided {
                score: best.base,
                outcome: Outcome::Answer {
                    fact,
                    also: Vec::new(),
                    related: self.related(fact),
                    not_in: Some(year),
                    not_figure: self.wrong_claim(q, fact),
                },
                understood: understood(self.main_entity(best.fact)),
            };
        }
        let score = ranked.first().map_or(0.0, |b| b.score);
        if let Some(outcome) = self.partial(q, &ranked).filter(|_| !q.unresolved) {
            let entity = outcome.1;
            return Decided {
                score,
                outcome: outcome.0,
                understood: understood(Some(entity)),
            };
        }
        let mut suggestions: Vec<&Fact> = ranked
            .iter()
            .filter(|s| s.score > 0.0)
            .take(MAX_SUGGESTIONS)
            .map(|s| &self.kb.facts[s.fact])
            .collect();
        if suggestions.is_empty() {
            suggestions = self.examples(MAX_SUGGESTIONS);
        }
        // Not one word known, everyday or out of scope, no number, and no
        // question asked: not a question factbot can read.
        let unreadable = q.frame.wants == Wants::Anything
            && q.frame.years.is_empty()
            && q.terms.iter().all(|t| matches!(t, QueryTerm::Unknown(_)));
        if unreadable {
            return Decided {
                score,
                outcome: Outcome::NotUnderstood { suggestions },
                understood: understood(None),
            };
        }
        Decided {
            score,
            outcome: Outcome::NotFound { suggestions },
            understood: understood(q.mentions.first().map(|m| m.entity)),
        }
    }

    /// How the index reads one word of a question alone.
    fn word_term(&self, word: &str) -> Option<QueryTerm> {
        let tok = Token {
            text: word.to_string(),
            kind: TokenKind::Word,
        };
        self.index.analyze_tokens(&[tok]).into_iter().next()
    }

    /// "Medvedev or Putin?", «Медведев или Путин?», 梅德韦杰夫还是普京: a
    /// choice between two names the knowledge base does not know. Whatever
    /// a fact says, it cannot choose between them.
    fn offers_unknown_choice(&self, words: &[&str]) -> bool {
        let unknown =
            |w: &str| matches!(self.word_term(w), Some(QueryTerm::Unknown(w)) if says_a_name(&w));
        words.windows(3).any(|w| {
            matches!(w[1], "or" | "или" | "либо" | "还是" | "或者" | "或")
                && unknown(w[0])
                && unknown(w[2])
        }) || words
            // 还是 may come segmented in two.
            .windows(4)
            .any(|w| w[1] == "还" && w[2] == "是" && unknown(w[0]) && unknown(w[3]))
    }

    /// What the noun a question opens with after "what"/"which" or
    /// «какие» asks for, when it has one (see [`Question::asked`]).
    fn asked_term(&self, words: &[&str]) -> Option<Asked> {
        // Plural only: "which link…?" picks one thing by a description
        // that its fact may word otherwise ("the bridge"); "which
        // agreements…?", «какие соглашения…?» ask for things of a kind,
        // which a fact listing them names.
        const WHICH: &[&str] = &["what", "which", "какие", "каких", "каким"];
        // Words that say which kind of answer, not which thing: the frame
        // reads them.
        const GENERIC: &[&str] = &[
            "year",
            "years",
            "date",
            "month",
            "day",
            "time",
            "period",
            "amount",
            "volume",
            "size",
            "sum",
            "share",
            "percent",
            "percentage",
            "part",
            "parts",
            "kind",
            "type",
            "sort",
            "role",
            "way",
            "level",
            "value",
            "status",
            "год",
            "году",
            "года",
            "годы",
            "дата",
            "месяц",
            "время",
            "период",
            "срок",
            "сроки",
            "объем",
            "размер",
            "сумма",
            "доля",
            "процент",
            "часть",
            "роль",
            "вид",
            "тип",
            "уровень",
            "значение",
            "статус",
        ];
        let at = words
            .iter()
            .position(|w| WHICH.contains(w))
            .filter(|&i| i <= 1)?;
        // "Which exactly…", «какие конкретно…»: the noun comes after.
        const JUST: &[&str] = &[
            "exactly",
            "specifically",
            "particular",
            "конкретно",
            "именно",
        ];
        let at = if words.get(at + 1).is_some_and(|w| JUST.contains(w)) {
            at + 1
        } else {
            at
        };
        const AUXILIARY: &[&str] = &[
            "do", "does", "did", "are", "were", "have", "has", "had", "will", "can", "could",
            "would", "should",
        ];
        let english = matches!(
            words[at],
            "what" | "which" | "exactly" | "specifically" | "particular"
        );
        let plural = |w: &str| w.ends_with('s') && !w.ends_with("ss");
        // "Which Chinese companies…?": an adjective may come first. Not
        // before places ("which Chinese regions…?"), which facts name
        // rather than say.
        let noun_at = match (words.get(at + 1), words.get(at + 2)) {
            (Some(&adjective), Some(&noun))
                if english
                    && !plural(adjective)
                    && !GENERIC.contains(&adjective)
                    && plural(noun) =>
            {
                if crate::frame::PLACES.contains(&noun) {
                    return None;
                }
                at + 2
            }
            // «Какие главные цели…?»: a Russian adjective comes first too.
            (Some(&adjective), Some(_)) if !english && looks_like_russian_adjective(adjective) => {
                at + 2
            }
            _ => at + 1,
        };
        let noun = *words.get(noun_at)?;
        let plural = plural(noun);
        if GENERIC.contains(&noun) || (english && !plural) {
            return None;
        }
        match self.word_term(noun) {
            Some(QueryTerm::Known {
                term,
                similarity,
                alt: None,
            }) if similarity >= 1.0 => Some(Asked::Term(term)),
            // "What goods does…?", «какие налоговые льготы…?»: things of a
            // kind the knowledge base has no word for, so no fact lists
            // them. Only where the word is surely a noun: in English right
            // after "what" and before the verb's auxiliary ("what ends in
            // 2018?" asks a thing by what it does); in Russian not shaped
            // like a verb («какие есть…»). Not a part of something ("which
            // bits of China…?"), which a fact names rather than lists.
            Some(QueryTerm::Common(_) | QueryTerm::Unknown(_))
                if words.get(noun_at + 1).is_none_or(|&next| {
                    !matches!(next, "of" | "из")
                        && if english {
                            noun_at == at + 1 && AUXILIARY.contains(&next)
                        } else {
                            !crate::frame::looks_like_russian_verb(noun)
                        }
                }) =>
            {
                Some(Asked::Unknown)
            }
            _ => None,
        }
    }

    /// The last year a fact is about, if it is about any.
    fn last_year(&self, fact: usize) -> Option<i32> {
        let f = self.shapes.facts[fact];
        self.shapes.spans[f.spans.0 as usize..f.spans.1 as usize]
            .iter()
            .map(|&(_, to)| to)
            .max()
    }

    /// True when `best` is mainly about the entity the question names
    /// first, gives what the question asks for, scores at least
    /// `named_threshold`, and no other fact that can answer comes close.
    fn only_fit_for_named(&self, q: &Question, best: &Scored, ranked: &[Scored]) -> bool {
        let t = &self.tuning;
        // "Was trade up on the year before?" asks how much it changed.
        let wants = match q.frame.wants {
            Wants::Anything if q.frame.growth && q.frame.compared => Wants::HowMuch,
            w => w,
        };
        if matches!(wants, Wants::Anything | Wants::About)
            || best.score < t.named_threshold
            || q.unknown > 0.0
            || q.out_of_scope
        {
            return false;
        }
        let named = q.mentions.first().map(|m| m.entity);
        let fact_gives = self.shapes.facts[best.fact].gives;
        let gives = fact_gives & wants_mask(wants) != 0
            && (!q.frame.growth || fact_gives & attribute_bit(Attribute::Growth) != 0);
        let rival = ranked.iter().any(|s| {
            s.fact != best.fact && s.fits && best.score - s.score <= 2.0 * t.close_runner_up
        });
        gives && named.is_some() && self.main_entity(best.fact) == named && !rival
    }

    /// A card when the question asks about an entity as a whole ("what is
    /// X?", "tell me about X", or just its name) and the entity has more
    /// than one fact.
    fn card_for(&self, q: &Question, best: usize) -> Option<Outcome<'_>> {
        let m = q.mentions.first()?;
        // "Who is Anatoly Bury?" asks about the person as a whole.
        let person = self.kb.entities[m.entity].kind == EntityKind::Person;
        let asks_whole = match q.frame.wants {
            Wants::About | Wants::Anything => true,
            Wants::Who => person,
            _ => false,
        };
        if !asks_whole || !q.frame.years.is_empty() {
            return None;
        }
        let only_the_name = q.terms.iter().all(|t| match *t {
            QueryTerm::Known { term, alt, .. } => {
                self.index.is_entity_term(m.entity, term)
                    || self.index.is_asking_term(term)
                    || alt.is_some_and(|(a, _)| self.index.is_entity_term(m.entity, a))
            }
            QueryTerm::Common(_) => q.frame.wants != Wants::Anything,
            _ => false,
        });
        let about = self.kb.facts_about(m.entity);
        if !only_the_name || about.len() < 2 {
            return None;
        }
        // The lead: the best match if it is mainly about the entity, else
        // the first fact that is.
        let mainly = |f: usize| self.main_entity(f) == Some(m.entity);
        let lead = if about.contains(&best) && mainly(best) {
            best
        } else {
            about
                .iter()
                .copied()
                .find(|&f| mainly(f))
                .unwrap_or(about[0])
        };
        let mut facts: Vec<&Fact> = Vec::with_capacity(about.len());
        facts.push(&self.kb.facts[lead]);
        facts.extend(
            about
                .iter()
                .filter(|&&f| f != lead)
                .map(|&f| &self.kb.facts[f]),
        );
        Some(Outcome::Card {
            entity: &self.kb.entities[m.entity],
            facts,
        })
    }

    /// "Did trade grow 18% in 2013?", «инвестиции составили 200 млн?»: the
    /// first figure a yes/no question claims that none of the answer's
    /// figures of its kind is (the answer says 14%). Nothing when the fact
    /// gives no figure of that kind to compare with, or when the figures
    /// are premises ("if China is 2%…").
    fn wrong_claim(&self, q: &Question, fact: &Fact) -> Option<Claim> {
        if !q.frame.check || q.frame.premise {
            return None;
        }
        let figures = fact.figures.iter().flat_map(|f| {
            let change = f.change.as_deref().and_then(|c| {
                c.trim_start_matches(['+', '-', '−'])
                    .trim_end_matches('%')
                    .parse::<f64>()
                    .ok()
            });
            std::iter::once((f.value, f.unit.as_str())).chain(change.map(|c| (c, "%")))
        });
        q.frame
            .claims
            .iter()
            .find(|claim| {
                let mut comparable = figures.clone().filter(|(_, unit)| claim.comparable(unit));
                comparable.clone().next().is_some() && !comparable.any(|(v, u)| claim.is(v, u))
            })
            .cloned()
    }

    /// "Was the council set up in 1997?", "did Xi visit Moscow in 2014?":
    /// a yes/no question that the best fact answers in every word but the
    /// year, when that fact dates an event of the thing the question names
    /// (not a figure, which is for its year only). Then the answer is "not
    /// in 1997" and the fact with its own date. Not when the question says
    /// anything the fact does not: "did the bridge *open* in 2015?" is not
    /// answered by when work on it began.
    fn other_date(&self, q: &Question, ranked: &[Scored]) -> Option<(Scored, i32)> {
        if !q.frame.check
            || q.frame.years.is_empty()
            || !matches!(
                q.frame.wants,
                Wants::Anything | Wants::When | Wants::UntilWhen
            )
            || q.out_of_scope
            || q.unresolved
        {
            return None;
        }
        // The best fact but for the year (no fact answered with confidence,
        // or this would not be asked): the working group's 1997 does not
        // date the council.
        let best = *ranked.iter().find(|s| s.other_year)?;
        let shape = self.shapes.facts[best.fact];
        let named = self
            .main_entity(best.fact)
            .is_some_and(|e| q.mentions.iter().any(|m| m.entity == e));
        if best.base < self.tuning.named_threshold || !shape.dated || shape.amount || !named {
            return None;
        }
        // The years' own terms: "1997" is the working group's term, and
        // the year is what is being checked.
        let year_terms: Vec<QueryTerm> = (q.frame.years.iter())
            .map(|y| Token {
                text: y.to_string(),
                kind: TokenKind::Number,
            })
            .flat_map(|t| self.index.analyze_tokens(&[t]))
            .collect();
        let says = |term: TermId| {
            self.index.says(best.fact, term)
                || q.mentions
                    .iter()
                    .any(|m| self.index.is_entity_term(m.entity, term))
        };
        let says_only_the_fact = q.terms.iter().all(|t| {
            year_terms.contains(t)
                || match *t {
                    QueryTerm::Known { term, alt, .. } => {
                        says(term) || alt.is_some_and(|(a, _)| says(a))
                    }
                    _ => false,
                }
        });
        if !says_only_the_fact {
            return None;
        }
        let year = q
            .frame
            .years
            .iter()
            .copied()
            .find(|&y| !self.shapes.covers_year(shape, y))?;
        Some((best, year))
    }

    /// "The document does not say …, but it says this about X": when the
    /// question names an entity (or its words point at one fact strongly)
    /// but no fact can give what it asks.
    fn partial<'a>(&'a self, q: &Question, ranked: &[Scored]) -> Option<(Outcome<'a>, usize)> {
        if q.out_of_scope || q.unknown > q.known {
            return None;
        }
        let t = &self.tuning;
        let entity = match q.mentions.first() {
            Some(m) => m.entity,
            None => {
                let best = ranked.iter().find(|s| !s.fits && s.base >= t.threshold)?;
                self.main_entity(best.fact)?
            }
        };
        let mut facts: Vec<&Fact> = ranked
            .iter()
            .filter(|s| s.base > 0.0 && self.is_about(s.fact, entity))
            .take(MAX_PARTIAL_FACTS)
            .map(|s| &self.kb.facts[s.fact])
            .collect();
        if facts.is_empty() {
            facts = self
                .kb
                .facts_about(entity)
                .iter()
                .take(MAX_PARTIAL_FACTS)
                .map(|&f| &self.kb.facts[f])
                .collect();
        }
        let year = q.frame.years.iter().copied().find(|&y| {
            !self
                .kb
                .facts_about(entity)
                .iter()
                .any(|&f| self.shapes.covers_year(self.shapes.facts[f], y))
        });
        Some((
            Outcome::Partial {
                entity: &self.kb.entities[entity],
                missing: Missing {
                    wants: q.frame.wants,
                    year,
                    signed: q.frame.signed,
                },
                facts,
            },
            entity,
        ))
    }

    /// A question asking two things ("trade in 2013 and how much did China
    /// invest?") gets a fact for each part when each part alone is answered
    /// with confidence, by different facts, and better than the whole is.
    fn two_parts<'a>(&'a self, tokens: &[Token], whole: &Decided<'a>) -> Option<Decided<'a>> {
        let whole_fact = match &whole.outcome {
            Outcome::Answer { fact, .. } => self.kb.index_of(&fact.id),
            _ => None,
        };
        for at in split_points(tokens) {
            let key = |t: &Token| self.index.term_key(&t.text, t.kind);
            let around = (key(&tokens[at - 1]), key(&tokens[at + 1]));
            // «…плана и до какого года он рассчитан?»: a question word
            // right after the "and" (or after its preposition) opens a
            // second question, though «до» is a word of the plan's name too.
            if !opens_question(tokens, at)
                && (self.name_joins.binary_search(&around).is_ok()
                    || self.one_name(&tokens[at - 1], &tokens[at + 1])
                    || joins_describing_words(tokens, at))
            {
                continue;
            }
            let (left, right) = (&tokens[..at], &tokens[at + 1..]);
            // «Какая доля Китая в торговле и какая в инвестициях?»: the
            // second part leaves out the noun the first asked about, as
            // Russian does when both ask the same; it is said again there.
            let gapped = gapped(left, right);
            let right = gapped.as_deref().unwrap_or(right);
            let years = |part: &[Token]| crate::frame::years(part);
            let (ly, ry) = (years(left), years(right));
            let lq = self.understand(left, if ly.is_empty() { &ry } else { &[] });
            let mut rq = self.understand(right, if ry.is_empty() { &ly } else { &[] });
            // "Who wrote this and which organisation is he with?": with
            // nothing named before, "he" is the person the first part's
            // answer is about (though "organisation" comes before him). Only
            // a pronoun for a man: «её» in «кто автор и на какой язык её
            // перевели» is the article.
            let he = lq.mentions.is_empty()
                && rq.mentions.is_empty()
                && right.iter().any(|t| HE.contains(&t.text.as_str()));
            // The first part's answer, decided once: here when the second
            // part refers back, below for the two answers.
            let mut left_decided = None;
            // "…and who translated it?": "it" is what the first part names.
            // Its name is said in its place, so that the part has words to
            // match ("and what is it for?" alone says almost nothing).
            if rq.unresolved || he {
                let l = left_decided.insert(self.decide(&lq));
                let answered = match &l.outcome {
                    Outcome::Answer { fact, .. } => self.kb.index_of(&fact.id),
                    _ => None,
                };
                // "The Chinese border plan's goals, and until when does it
                // run?": "plan" names the programme and the Heilongjiang
                // plan alike; the first part's answer says which is meant.
                let meant = answered
                    .and_then(|f| self.main_entity(f))
                    .filter(|&e| lq.mentions.iter().any(|m| m.entity == e && m.generic));
                let referent = match lq.mentions.first() {
                    Some(m) => Some(meant.unwrap_or(m.entity)),
                    None if he => answered.and_then(|f| {
                        let shape = self.shapes.facts[f];
                        (self.shapes.entities(shape).iter())
                            .map(|&e| e as usize)
                            .find(|&e| self.kb.entities[e].kind == EntityKind::Person)
                    }),
                    None => None,
                };
                if let Some(referent) = referent {
                    let text: String = right.iter().map(|t| t.text.as_str()).collect();
                    let lang = Lang::detect(&text);
                    let mut named: Vec<Token> = right.to_vec();
                    // Its first alias, the short name people use: the full
                    // name's many words would match its founding fact best.
                    let entity = &self.kb.entities[referent];
                    let short = entity.aliases.get(lang).first();
                    let name = short.map_or(entity.name.get(lang), String::as_str);
                    named.extend(self.name_tokens(name));
                    rq = self.understand(&named, if ry.is_empty() { &ly } else { &[] });
                }
                rq.unresolved = false;
                if !lq.mentions.is_empty() {
                    rq.mentions = (lq.mentions.iter())
                        .filter(|m| meant.is_none_or(|e| m.entity == e))
                        .cloned()
                        .collect();
                }
            }
            // Each part must ask something by itself: "trade between Russia
            // and China" is one question, not "trade" and "China".
            // A question word may come after a preposition: «на какой язык…»,
            // "in which year…".
            let asks = |part: &[Token], q: &Question| {
                let opening = match part {
                    [p, w, ..] if PREPOSITIONS.contains(&p.text.as_str()) => Some(w),
                    _ => part.first(),
                };
                // "在…贸易中，…" ("in the trade with…, what…"): a Chinese
                // clause opening with a framing preposition sets the scene
                // for the next one unless it asks something itself.
                let framing = (part.first())
                    .is_some_and(|t| ZH_FRAMING.iter().any(|p| t.text.starts_with(p)))
                    || part
                        .last()
                        .is_some_and(|t| ZH_FRAMING_END.contains(&t.text.as_str()));
                // A part that only names something does so in a few words
                // (at most four, years aside: "…and the trade volume in
                // 2013?"); "…and border trade between
                // Russia and China set up?" goes on with the first part.
                let names_one = q.terms.len().saturating_sub(q.frame.years.len()) <= 4;
                // «Если в 2013 товарооборот 12,5 млрд и рост 14%, сколько…»:
                // a premise gives, it does not ask.
                let premise = part
                    .first()
                    .is_some_and(|t| crate::frame::is_premise_word(&t.text));
                !premise
                    && ((!q.mentions.is_empty() && !framing && names_one)
                        || q.frame.wants != Wants::Anything
                        || opening.is_some_and(|t| ASKING.contains(&t.text.as_str())))
            };
            if !asks(left, &lq) || !asks(right, &rq) {
                continue;
            }
            // One fact that answers both parts about as well as anything
            // ("which bridges and rail lines…?") is a better answer than two.
            if let Some(f) = whole_fact
                && [&lq, &rq].iter().all(|q| self.nearly_best(q, f))
            {
                continue;
            }
            let l = left_decided.unwrap_or_else(|| self.decide(&lq));
            let r = self.decide(&rq);
            // Each part has one clear answer ("which bridges" has three). A
            // figure derived from the stated one is no rival to it.
            let fact = |d: &Decided<'a>| match &d.outcome {
                Outcome::Answer { fact, also, .. }
                    if also
                        .iter()
                        .all(|a| a.derived.is_some() && fact.derived.is_none()) =>
                {
                    Some(*fact)
                }
                _ => None,
            };
            let (Some(first), Some(second)) = (fact(&l), fact(&r)) else {
                continue;
            };
            // "What bridge got finished and what bridge got started?": the
            // overview answering one part lists the other part's fact too,
            // so it answers both, once.
            for (overview, other, d) in [(first, second, &l), (second, first, &r)] {
                if self.overview_of(overview, other) {
                    return Some(Decided {
                        score: l.score.min(r.score),
                        outcome: Outcome::Answer {
                            fact: overview,
                            also: Vec::new(),
                            related: self.related(overview),
                            not_in: None,
                            not_figure: None,
                        },
                        understood: d.understood.clone(),
                    });
                }
            }
            if first.id != second.id {
                return Some(Decided {
                    score: l.score.min(r.score),
                    outcome: Outcome::Both { first, second },
                    understood: r.understood,
                });
            }
        }
        None
    }

    /// True when the words on either side of an "and" are both words of
    /// one entity's names, however inflected or misspelt: «…по
    /// Хэйлунцзяну и Внутренней Монголии» is the plan's two places, not a
    /// second question.
    fn one_name(&self, before: &Token, after: &Token) -> bool {
        let term = |t: &Token| match self.index.analyze_tokens(std::slice::from_ref(t)).first() {
            Some(&QueryTerm::Known { term, .. }) => Some(term),
            _ => None,
        };
        let (Some(a), Some(b)) = (term(before), term(after)) else {
            return false;
        };
        let named = |t| -> Vec<usize> {
            (0..self.kb.entities.len())
                .filter(|&e| self.index.is_entity_term(e, t))
                .collect()
        };
        let (a, b) = (named(a), named(b));
        // A word in many names ("China") says nothing of which.
        a.len().max(b.len()) <= 3 && a.iter().any(|e| b.contains(e))
    }

    /// True when a fact answers a question with confidence, within
    /// `close_runner_up` of the best answer.
    fn nearly_best(&self, q: &Question, fact: usize) -> bool {
        let (mut this, mut best) = (None, 0.0f32);
        self.score(q, |s| {
            if s.fits {
                best = best.max(s.score);
                if s.fact == fact {
                    this = Some(s.score);
                }
            }
        });
        this.is_some_and(|s| {
            s >= self.tuning.threshold && best - s <= self.tuning.close_runner_up / 2.0
        })
    }

    /// Whether a fact's figures are for `region`: the regions they are for
    /// are those the fact is about, or for a derived value those of the
    /// facts it is computed from. None when no region is named (the figure
    /// may be for any).
    fn figure_is_for(&self, fact: usize, region: usize) -> Option<bool> {
        let f = &self.kb.facts[fact];
        let own = [fact];
        let from: Vec<usize>;
        let sources: &[usize] = match &f.derived {
            Some(d) => {
                from = d
                    .from
                    .iter()
                    .filter_map(|id| self.kb.index_of(id))
                    .collect();
                &from
            }
            None => &own,
        };
        let mut regions = (sources.iter())
            .flat_map(|&s| self.shapes.entities(self.shapes.facts[s]))
            .map(|&e| e as usize)
            .filter(|&e| self.kb.entities[e].kind == EntityKind::Region)
            .peekable();
        regions.peek()?;
        Some(regions.any(|e| e == region))
    }

    /// True when the fact is about the entity.
    fn is_about(&self, fact: usize, entity: usize) -> bool {
        self.shapes
            .entities(self.shapes.facts[fact])
            .contains(&(entity as u32))
    }

    /// Gives `emit` every fact sharing a term with the question, in no order.
    fn score(&self, q: &Question, mut emit: impl FnMut(Scored)) {
        if q.total <= 0.0 {
            return;
        }
        let mut scratch = Scratch::take(self.kb.facts.len());
        for term in &q.terms {
            let QueryTerm::Known {
                term,
                similarity,
                alt,
            } = *term
            else {
                continue;
            };
            let idf = self.index.idf(term);
            for &(fact, w) in self.index.postings(term) {
                scratch.add_word(fact, idf * similarity * w);
            }
            if let Some((alt, sim)) = alt {
                let idf = self.index.idf(alt);
                for &(fact, w) in self.index.postings(alt) {
                    scratch.add_word(fact, idf * sim * w);
                }
            }
            scratch.end_word();
        }
        let t = &self.tuning;
        let wants = q.frame.wants;
        let fits_mask = wants_mask(wants);
        // «Инвестиции Китая в 2013», "trade numbers for 2013": a measure
        // and a year, nothing else asked, is its amount, not a share.
        // Not "did Russia have a trade surplus in 2013?", where an
        // everyday word asks something else of it.
        let asks_amount = wants == Wants::Anything
            && !q.frame.share
            && !q.frame.growth
            && !q.frame.years.is_empty()
            && !q.terms.iter().any(|t| matches!(t, QueryTerm::Common(_)));
        let names_person = q
            .mentions
            .iter()
            .any(|m| self.kb.entities[m.entity].kind == EntityKind::Person);

        for &fact in &scratch.touched {
            if q.besides
                .is_some_and(|given| self.repeats(fact as usize, given))
            {
                continue;
            }
            let sum = scratch.sums[fact as usize];
            let coverage = (sum / q.total).min(1.0);
            let mass = self.index.fact_mass(fact as usize);
            let focus = if mass > 0.0 {
                (sum / mass).min(1.0)
            } else {
                0.0
            };
            let mut base = (1.0 - t.focus_share) * coverage + t.focus_share * focus;
            if q.known < t.min_question_weight {
                // Too little said to be sure of anything: rank, but do not answer.
                base *= q.known / t.min_question_weight * t.threshold;
            }
            let f = self.shapes.facts[fact as usize];
            let mut score = base;
            let entities = self.shapes.entities(f);
            let named = |e: &u32| q.mentions.iter().any(|m| m.entity as u32 == *e);
            let about_named = entities.iter().any(named);
            let mainly_named = entities.first().is_some_and(named);
            // Regions are where things happen: of two regions named
            // ("between eastern Russia and northeast China"), a fact about
            // either is about what was named.
            // "The plan" names the programme and the plan alike.
            let about_strongest = q.mentions.first().is_none_or(|m| {
                entities.contains(&(m.entity as u32))
                    || ((m.generic || self.kb.entities[m.entity].kind == EntityKind::Region)
                        && about_named)
            });
            if !q.mentions.is_empty() && !about_named {
                score *= t.entity_miss;
            }
            let gives_it = f.gives & fits_mask != 0;
            // "What is the 29% figure?": the fact that states the figure.
            // Not "if China is 2%, what is the total?": there the figure
            // is what the question starts from.
            let states_figure =
                !q.frame.premise && q.frame.figures.iter().any(|n| self.shapes.has_figure(f, n));
            // "What share…?" wants a share; "how much…?" a volume or a change.
            let gives_measure = match wants {
                Wants::HowMuch if q.frame.growth => f.gives & attribute_bit(Attribute::Growth) != 0,
                Wants::HowMuch if q.frame.share => f.gives & attribute_bit(Attribute::Share) != 0,
                Wants::HowMuch => {
                    f.gives & (attribute_bit(Attribute::Volume) | attribute_bit(Attribute::Growth))
                        != 0
                }
                _ => gives_it,
            };
            // A share does not answer "how much?", nor an amount "what share?".
            let amount_bits = attribute_bit(Attribute::Volume) | attribute_bit(Attribute::Share);
            if (wants == Wants::HowMuch && gives_it && !gives_measure && !states_figure)
                || (q.frame.share
                    && !q.frame.growth
                    && f.gives & amount_bits == attribute_bit(Attribute::Volume))
                || (asks_amount && f.gives & amount_bits == attribute_bit(Attribute::Share))
            {
                score *= t.kind_mismatch;
            }
            let kind_ok = match wants {
                // "What day…?" wants a day, which a year does not give.
                Wants::When if q.frame.day => f.day,
                Wants::When => gives_it || f.dated,
                // "Where was it translated?": at ERINA.
                Wants::Where if q.frame.translation => {
                    gives_it || f.gives & attribute_bit(Attribute::Translation) != 0
                }
                // "Where does the author work?" is answered by his position;
                // "where is the association's office?" asks where an
                // organisation is, which someone's position does not say.
                Wants::Where
                    if q.mentions.first().is_some_and(|m| {
                        self.kb.entities[m.entity].kind == EntityKind::Organisation
                    }) =>
                {
                    f.gives & (attribute_bit(Attribute::Location) | attribute_bit(Attribute::Scope))
                        != 0
                }
                // "Did trade go up?" is not answered by a share.
                Wants::HowMuch if q.frame.growth && !q.frame.share => gives_measure,
                Wants::HowMuch if q.frame.share => gives_it || f.amount,
                // "What was the trade?" is not answered by a share.
                Wants::HowMuch => gives_measure || states_figure || (f.amount && !gives_it),
                // "Who is X?" about a person named is answered by what is
                // said of them; "who is the president of Russia?" only by a
                // fact that gives someone's position.
                Wants::Who if q.frame.identity => {
                    (f.person && names_person)
                        || f.gives
                            & (attribute_bit(Attribute::Position)
                                | attribute_bit(Attribute::Author))
                            != 0
                }
                // A person named in the question is who it is about, not
                // the answer ("whom did Xi Jinping meet?").
                Wants::Who => gives_it || (f.person && !names_person),
                // "Why was funding cut?": the cut is the problem, not its
                // cause, and what a programme is for is not why it changed.
                // A lesson or a policy may give a cause.
                Wants::Why if q.frame.growth => {
                    let causes =
                        attribute_bit(Attribute::Lesson) | attribute_bit(Attribute::Policy);
                    f.gives & causes != 0
                }
                w if w.is_strict() => gives_it,
                Wants::Why | Wants::Activity => {
                    // "What does the author do?": a person's work is their
                    // position.
                    let job = wants == Wants::Activity
                        && f.person
                        && f.gives & attribute_bit(Attribute::Position) != 0;
                    if !gives_it && !job {
                        score *= t.kind_mismatch;
                    }
                    true
                }
                _ => true,
            };
            // "How much did China invest in 2012?" is not answered by 2013's
            // figure. A fact with no date of its own lies within the years of
            // what it is about: the programme's problems, within 2009–2018.
            // "Did investment grow compared with 2012?" asks about 2013's
            // change, measured from 2012, more than about 2012 itself.
            let gives_growth = f.gives & attribute_bit(Attribute::Growth) != 0;
            let from_year = q.frame.compared && q.frame.growth;
            let in_year = q.frame.years.iter().any(|&y| self.shapes.covers_year(f, y));
            let year_hit = if from_year && q.frame.years.len() >= 2 {
                // "in 2012 compared with 2011": the change of the later year,
                // measured from the earlier.
                let (first, last) = (
                    q.frame.years.iter().min().copied(),
                    q.frame.years.iter().max().copied(),
                );
                gives_growth
                    && last.is_some_and(|y| self.shapes.covers_year(f, y))
                    && f.baseline.is_none_or(|b| Some(b) == first)
            } else if from_year {
                (gives_growth && in_year) || q.frame.years.iter().any(|&y| f.baseline == Some(y))
            } else {
                in_year
            };
            // "Did trade grow compared with 2012?": 2012's level alone
            // does not say how trade changed from it.
            let level_only = from_year && !gives_growth;
            // A year a yes/no question claims is an event's (one year: "the
            // 2009-2018 programme" names a period): a fact with no
            // date of its own does not confirm it («рабочую группу запустили
            // в 1998 году?» is not answered by what the group works on).
            let year_ok = q.frame.years.is_empty()
                || (in_year && !level_only)
                || year_hit
                || (!f.dated
                    && (!q.frame.check || q.frame.years.len() != 1)
                    && q.frame.years.iter().any(|&y| {
                        self.shapes
                            .entities(f)
                            .first()
                            .is_none_or(|&e| self.shapes.lifetime[e as usize].contains(&y))
                    }));
            // A question naming a thing is answered by a fact about it (the
            // thing it names most clearly, when it names several).
            let entity_ok =
                about_strongest && !entities.iter().any(|&e| q.reversed.contains(&(e as usize)));
            // A name the knowledge base declares out of scope ("USA") is
            // what the question is about: no fact about something else fits.
            // "When was the commission founded?" is not answered by the date
            // of something else the commission decided (the working group's
            // launch): a fact's date is its main entity's.
            // Nor "was the council set up in 1997?": a yes/no question's
            // year is a claim about the thing it names.
            let dates_asked = matches!(wants, Wants::When | Wants::UntilWhen)
                || (q.frame.check && !q.frame.years.is_empty());
            let date_of_other = dates_asked
                && !mainly_named
                && q.mentions.first().is_some_and(|m| {
                    // A person's fact dates what they did ("when did Xi go
                    // to Moscow?").
                    // Nor a region's, when the question also says what
                    // happened there: "when did work begin on the bridge in
                    // the oblast?" dates the bridge; "when was Primorsky Krai
                    // founded?" is not the rail line's date.
                    let says_main = || {
                        entities.first().is_some_and(|&e| {
                            q.terms.iter().any(|t| {
                                matches!(*t, QueryTerm::Known { term, .. }
                                    if self.index.is_entity_term(e as usize, term))
                            })
                        })
                    };
                    entities.contains(&(m.entity as u32))
                        && match self.kb.entities[m.entity].kind {
                            EntityKind::Person => false,
                            EntityKind::Region => !says_main(),
                            _ => true,
                        }
                });
            let says_asked = q
                .asked
                .is_none_or(|a| self.index.postings(a).iter().any(|&(f, _)| f == fact));
            // "Trade for the whole country": the document's figures are
            // for the eastern regions.
            let other_scope = q.frame.national && f.regional;
            // "How much did Heilongjiang trade with Russia?": a figure is
            // for the regions its fact is about, not for another one named.
            let other_region = f.amount
                && q.mentions.iter().any(|m| {
                    self.kb.entities[m.entity].kind == EntityKind::Region
                        && self.figure_is_for(fact as usize, m.entity) == Some(false)
                });
            // "What did they sign?": only an approval was signed.
            let signed_ok = !q.frame.signed || f.gives & attribute_bit(Attribute::Approved) != 0;
            // "How did trade change in 2010–2012?": no figure is for 2010,
            // so no figure answers it (the programme's problems, undated,
            // may still be asked of any year of it).
            let year_without_figures = f.amount
                && (q.frame.years.iter())
                    .any(|y| self.shapes.figure_years.binary_search(y).is_err());
            // "What's gone wrong with the programme?": when no question
            // word asks for something, the attribute its words name does.
            let cue_ok = match q.frame.cue {
                Some(a) if matches!(wants, Wants::Anything | Wants::About) => {
                    f.gives & attribute_bit(a) != 0
                }
                _ => true,
            };
            let fits_but_year = kind_ok
                && cue_ok
                && signed_ok
                && !date_of_other
                && !other_scope
                && !other_region
                && entity_ok
                && says_asked
                && !q.out_of_scope
                && !q.unknown_property;
            let fits = fits_but_year
                && !year_without_figures
                && (!level_only || !q.frame.years.is_empty())
                && year_ok;
            if f.derived && q.frame.years.is_empty() {
                score *= t.derived;
            }
            if fits {
                // The frame agrees: evidence beside the words.
                let mut evidence = 0.0;
                if mainly_named {
                    evidence += t.entity_bonus;
                } else if about_named {
                    evidence += t.entity_bonus / 2.0;
                }
                // "Was investment higher in 2013?" asks for a change too.
                let asks_change = wants == Wants::Anything && q.frame.growth && !q.frame.share;
                // "Does China invest much compared with the others?" asks for a share.
                let asks_share = wants == Wants::Anything && q.frame.share && !q.frame.growth;
                let gives_share = f.gives & attribute_bit(Attribute::Share) != 0;
                if (gives_measure && wants != Wants::Anything && wants != Wants::About)
                    || (asks_change && gives_growth)
                    || (asks_share && gives_share)
                {
                    evidence += t.kind_bonus;
                }
                if year_hit {
                    evidence += t.year_bonus;
                }
                if states_figure {
                    evidence += t.year_bonus;
                }
                score += (1.0 - score) * evidence;
            } else {
                score *= t.unfit;
            }
            emit(Scored {
                fact: fact as usize,
                score: score.clamp(0.0, 1.0),
                base: base.clamp(0.0, 1.0),
                fits,
                other_year: fits_but_year && !year_ok,
            });
        }
    }
}

/// A decision before it becomes a [`Reply`].
struct Decided<'a> {
    score: f32,
    outcome: Outcome<'a>,
    understood: Understood,
}

/// Where one question of a message may end and another begin (see
/// [`Engine::tokens`]).
const PART_ENDS: [char; 6] = ['?', '？', ';', '；', '，', '+'];

/// Pronouns that stand for a man: "he" in a second part may be the person
/// the first part's answer is about.
const HE: &[&str] = &["he", "him", "his", "он", "его", "ему", "нем", "ним", "им"];

/// Prepositions a question word may follow at the start of a question.
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "for", "from", "to", "by", "with", "since", "until", "на", "в", "во", "с",
    "со", "о", "об", "по", "к", "из", "для", "за", "до", "от", "при", "про",
];

/// Chinese words that open a clause setting the scene: 在 (in), 关于 and
/// 对于 (as for), 就 (regarding).
const ZH_FRAMING: &[&str] = &["在", "关于", "对于", "就"];
/// …and words that close one: "after the visit" (访问以后), "since".
const ZH_FRAMING_END: &[&str] = &["以后", "之后", "以来", "后", "时", "的时候", "期间"];

/// Words that start a question.
const ASKING: &[&str] = &[
    "what",
    "which",
    "who",
    "when",
    "where",
    "why",
    "how",
    "is",
    "are",
    "was",
    "were",
    "did",
    "does",
    "do",
    "has",
    "have",
    "can",
    "что",
    "какой",
    "какая",
    "какие",
    "какую",
    "каком",
    "каким",
    "какого",
    "какому",
    "каков",
    "какова",
    "каково",
    "каковы",
    "кто",
    "чей",
    "чья",
    "чьему",
    "чьей",
    "когда",
    "где",
    "почему",
    "зачем",
    "сколько",
    "как",
    "есть",
    "ли",
];

/// Words that join the two parts of a question.
const JOINS: &[&str] = &[
    "and",
    "also",
    "plus",
    "и",
    "а",
    "также",
    "еще",
    "和",
    "以及",
    "还有",
    "另外",
    "并且",
    "同时",
];

/// The terms on each side of every join word inside an entity's names, sorted.
fn name_joins(kb: &KnowledgeBase, index: &Index) -> Vec<(String, String)> {
    let mut joins = Vec::new();
    for entity in &kb.entities {
        for name in std::iter::once(&entity.name)
            .flat_map(|n| [&n.en, &n.ru, &n.zh])
            .chain(entity.aliases.all())
        {
            let tokens = index.segment(tokenize(&normalize(name)));
            for w in tokens.windows(3) {
                if JOINS.contains(&w[1].text.as_str()) {
                    let key = |t: &Token| index.term_key(&t.text, t.kind);
                    joins.push((key(&w[0]), key(&w[2])));
                }
            }
        }
    }
    joins.sort_unstable();
    joins.dedup();
    joins
}

/// The words of the names of every person a fact gives as an author.
fn author_names(kb: &KnowledgeBase, index: &Index) -> Vec<String> {
    let mut words = Vec::new();
    let authors = (kb.facts.iter())
        .filter(|f| f.gives.contains(&Attribute::Author))
        .flat_map(|f| &f.about);
    for entity in (kb.entities.iter())
        .filter(|e| e.kind == EntityKind::Person && authors.clone().any(|a| *a == e.id))
    {
        for name in std::iter::once(&entity.name)
            .flat_map(|n| [&n.en, &n.ru, &n.zh])
            .chain(entity.aliases.all())
        {
            words.extend(
                (index.segment(tokenize(&normalize(name))).into_iter())
                    .filter(|t| t.kind == TokenKind::Word)
                    .map(|t| t.text),
            );
        }
    }
    words.sort_unstable();
    words.dedup();
    words
}

/// The second part with the noun it leaves out said again, when it asks
/// with the first part's question word and goes straight on to a
/// preposition («какая доля … и какая в инвестициях» → «какая доля в
/// инвестициях»).
fn gapped(left: &[Token], right: &[Token]) -> Option<Vec<Token>> {
    const WHICH: &[&str] = &[
        "какая",
        "какой",
        "какое",
        "какие",
        "каков",
        "какова",
        "каково",
        "каковы",
        "сколько",
    ];
    let (asks, after) = (right.first()?, right.get(1)?);
    if !WHICH.contains(&asks.text.as_str()) || !PREPOSITIONS.contains(&after.text.as_str()) {
        return None;
    }
    let at = left.iter().position(|t| t.text == asks.text)?;
    let noun = left
        .get(at + 1)
        .filter(|t| t.kind == TokenKind::Word && !PREPOSITIONS.contains(&t.text.as_str()))?;
    let mut out = vec![asks.clone(), noun.clone()];
    out.extend_from_slice(&right[1..]);
    Some(out)
}

/// True when a word the knowledge base does not know is long enough to be
/// a name: one- and two-letter leftovers ("ok", "s") say little, but a
/// two-character Chinese name (普京) is a name.
fn says_a_name(word: &str) -> bool {
    word.chars().count() > 2 || crate::lexicon::is_chinese_name(word)
}

/// A Russian adjective by its ending: «главные», «российские», «новых».
fn looks_like_russian_adjective(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ые", "ие", "ых", "их", "ый", "ий", "ая", "яя", "ое", "ее", "ой",
    ];
    word.chars().any(crate::lang::is_cyrillic) && ENDINGS.iter().any(|e| word.ends_with(e))
}

/// True when the "and" at `at` joins two words describing one thing, not
/// two questions: "trade between the Far East and Northeast China", "the
/// body for regional and border trade", «регионального и приграничного
/// сотрудничества». A question word after it is read first (see
/// [`opens_question`]): "…between Russia and China, and what…" is cut at its
/// second "and".
fn joins_describing_words(tokens: &[Token], at: usize) -> bool {
    const BETWEEN: &[&str] = &["between", "both", "между"];
    const EN_ADJECTIVE: &[&str] = &[
        "ional", "ian", "ese", "ern", "mic", "tic", "cial", "eral", "rial",
    ];
    // The oblique cases, beside those `looks_like_russian_adjective` knows.
    const RU_OBLIQUE: &[&str] = &["ого", "его", "ому", "ему", "ым", "им", "ей", "ую", "юю"];
    let (before, after) = (tokens[at - 1].text.as_str(), tokens[at + 1].text.as_str());
    let russian = |w: &str| {
        w.chars().count() > 4
            && (looks_like_russian_adjective(w)
                || (w.chars().any(crate::lang::is_cyrillic)
                    && RU_OBLIQUE.iter().any(|e| w.ends_with(e))))
    };
    // The first "and" after "between", within a few words.
    let before_it = &tokens[at.saturating_sub(8)..at];
    let between = before_it
        .iter()
        .rposition(|t| BETWEEN.contains(&t.text.as_str()))
        .is_some_and(|b| {
            !before_it[b..]
                .iter()
                .any(|t| JOINS.contains(&t.text.as_str()))
        });
    between
        || (before.bytes().all(|b| b.is_ascii_lowercase())
            && EN_ADJECTIVE.iter().any(|e| before.ends_with(e)))
        || (russian(before) && russian(after))
}

/// True when a question word comes right after the "and" at `at`, or after
/// the preposition there («и до какого года…», "and in which year…"): a
/// second question begins, whatever the words around the "and" are.
fn opens_question(tokens: &[Token], at: usize) -> bool {
    (tokens[at + 1..].iter().take(2)).any(|t| ASKING.contains(&t.text.as_str()))
}

/// Where a question may be cut into two: at "and", "и", "also", … with
/// words on both sides (one word before is enough: "trade and investment in
/// 2013?").
fn split_points(tokens: &[Token]) -> Vec<usize> {
    tokens
        .iter()
        .enumerate()
        .filter(|&(i, t)| {
            t.kind == TokenKind::Word
                && JOINS.contains(&t.text.as_str())
                && i >= 1
                && i + 2 < tokens.len()
        })
        .map(|(i, _)| i)
        .take(3)
        .collect()
}

/// The attributes that answer a kind of question, as a bit mask.
fn wants_mask(wants: Wants) -> u32 {
    Attribute::ALL
        .iter()
        .filter(|a| a.answers(wants))
        .fold(0, |m, &a| m | attribute_bit(a))
}

fn attribute_bit(a: Attribute) -> u32 {
    1 << (a as u32)
}

/// How many examples [`Engine::examples`] can give.
const MAX_EXAMPLES: usize = 8;

/// Stated (not derived) facts, taking the first of each topic, then the
/// second, and so on.
fn pick_examples(kb: &KnowledgeBase, n: usize) -> Vec<usize> {
    let by_topic = kb.facts_by_topic();
    let mut out = Vec::new();
    let longest = by_topic.values().map(Vec::len).max().unwrap_or(0);
    for round in 0..longest {
        for facts in by_topic.values() {
            if let Some(f) = facts.get(round).filter(|f| f.derived.is_none())
                && out.len() < n
            {
                out.push(kb.index_of(&f.id).unwrap_or(0));
            }
        }
    }
    out
}

/// The years a fact's figures and dates (`YYYY`, `YYYY-MM`, `YYYY-YYYY`)
/// are about, as inclusive spans: a fact covers a year when one of its
/// figure years is, or one of its dates spans, that year.
fn year_spans(fact: &Fact) -> impl Iterator<Item = (i32, i32)> + '_ {
    let figures = fact.figures.iter().filter_map(|f| f.year).map(|y| (y, y));
    figures.chain(fact.dates.iter().map(|d| {
        let mut parts = d.split('-').map(|p| p.parse::<i32>().unwrap_or(0));
        let from = parts.next().unwrap_or(0);
        let to = parts.next().filter(|&p| p > 12).unwrap_or(from);
        (from, to)
    }))
}

/// What the checks in `score` read from each fact, taken once at start-up:
/// reading a fact's figures, dates and entities per question costs several
/// cache misses per fact (see BENCHMARKS.md).
#[derive(Debug, Default)]
struct Shapes {
    facts: Vec<Shape>,
    /// Every fact's [`year_spans`], at `spans[Shape::spans.0..Shape::spans.1]`.
    spans: Vec<(i32, i32)>,
    /// Every fact's entities (positions), at `entities[Shape::entities.0..]`.
    entities: Vec<u32>,
    /// Every fact's figures' numbers, at `numbers[Shape::numbers.0..]`.
    numbers: Vec<String>,
    /// The year of the figure each of `numbers` is from, if it has one.
    number_years: Vec<Option<i32>>,
    /// Per entity: the years its dated facts (as the main entity) span; open
    /// to the right from a founding. All years when it has no dated fact.
    lifetime: Vec<std::ops::RangeInclusive<i32>>,
    /// The years some figure (stated or derived) is for.
    figure_years: Vec<i32>,
}

#[derive(Debug, Clone, Copy)]
struct Shape {
    /// It has a figure or a derived value.
    amount: bool,
    /// It has a date.
    dated: bool,
    /// Its value is derived, not stated.
    derived: bool,
    /// It is about a person.
    person: bool,
    /// One of its dates gives the day (`YYYY-MM-DD`).
    day: bool,
    /// Its figure is for some regions (it is about a region, or derived
    /// from such a figure), not for a whole country.
    regional: bool,
    /// Its attributes, as [`attribute_bit`]s.
    gives: u32,
    /// The year its change is measured from: 2012 for 2013's "+18%".
    baseline: Option<i32>,
    spans: (u32, u32),
    entities: (u32, u32),
    numbers: (u32, u32),
}

impl Shapes {
    fn of(kb: &KnowledgeBase) -> Shapes {
        let mut shapes = Shapes::default();
        let of_region = |f: &Fact| {
            (f.about.iter())
                .filter_map(|id| kb.entity(id))
                .any(|e| e.kind == EntityKind::Region)
        };
        // An indicator measured for regions in one fact is measured for them
        // in all: the trade whose share is given is the same trade.
        let regional_indicators: FxHashSet<&String> = (kb.facts.iter())
            .filter(|f| !f.figures.is_empty() && of_region(f))
            .flat_map(|f| &f.about)
            .filter(|id| {
                kb.entity(id)
                    .is_some_and(|e| e.kind == EntityKind::Indicator)
            })
            .collect();
        for fact in &kb.facts {
            let start = shapes.spans.len() as u32;
            shapes.spans.extend(year_spans(fact));
            let first_entity = shapes.entities.len() as u32;
            shapes.entities.extend(
                fact.about
                    .iter()
                    .filter_map(|id| kb.entity_index(id))
                    .map(|e| e as u32),
            );
            let first_number = shapes.numbers.len() as u32;
            for figure in &fact.figures {
                let before = shapes.numbers.len();
                shapes.numbers.extend(
                    tokenize(&normalize(&figure.text))
                        .into_iter()
                        .filter(|t| t.kind == TokenKind::Number)
                        .map(|t| t.text),
                );
                let added = shapes.numbers.len() - before;
                shapes
                    .number_years
                    .extend(std::iter::repeat_n(figure.year, added));
            }
            let person = fact
                .about
                .iter()
                .filter_map(|id| kb.entity(id))
                .any(|e| e.kind == EntityKind::Person);
            let amount = !fact.figures.is_empty() || fact.derived.is_some();
            let regional = amount
                && (of_region(fact)
                    || fact.about.iter().any(|id| regional_indicators.contains(id))
                    || fact.derived.as_ref().is_some_and(|d| {
                        d.from.iter().filter_map(|id| kb.fact(id)).any(of_region)
                    }));
            shapes.facts.push(Shape {
                amount,
                regional,
                dated: !fact.dates.is_empty(),
                derived: fact.derived.is_some(),
                person,
                day: fact.dates.iter().any(|d| d.split('-').count() == 3),
                gives: fact.gives.iter().fold(0, |m, &a| m | attribute_bit(a)),
                baseline: fact
                    .figures
                    .iter()
                    .find_map(|f| f.change.as_ref().and(f.year).map(|y| y - 1)),
                spans: (start, shapes.spans.len() as u32),
                entities: (first_entity, shapes.entities.len() as u32),
                numbers: (first_number, shapes.numbers.len() as u32),
            });
        }
        let mut lifetime: Vec<Option<(i32, i32)>> = vec![None; kb.entities.len()];
        for (fact, shape) in kb.facts.iter().zip(&shapes.facts) {
            let Some(&main) = shapes.entities(*shape).first() else {
                continue;
            };
            let open = fact.gives.contains(&Attribute::Established);
            for &(from, to) in &shapes.spans[shape.spans.0 as usize..shape.spans.1 as usize] {
                let to = if open { i32::MAX } else { to };
                let span = &mut lifetime[main as usize];
                *span = Some(match *span {
                    None => (from, to),
                    Some((a, b)) => (a.min(from), b.max(to)),
                });
            }
        }
        for shape in shapes.facts.iter().filter(|s| s.amount) {
            let spans = &shapes.spans[shape.spans.0 as usize..shape.spans.1 as usize];
            let years: Vec<i32> = spans.iter().flat_map(|&(a, b)| a..=b).collect();
            shapes.figure_years.extend(years);
        }
        shapes.figure_years.sort_unstable();
        shapes.figure_years.dedup();
        shapes.lifetime = lifetime
            .into_iter()
            .map(|s| s.map_or(i32::MIN..=i32::MAX, |(a, b)| a..=b))
            .collect();
        shapes
    }

    /// True when the fact covers `year` (see [`year_spans`]).
    fn covers_year(&self, fact: Shape, year: i32) -> bool {
        self.spans[fact.spans.0 as usize..fact.spans.1 as usize]
            .iter()
            .any(|&(from, to)| (from..=to).contains(&year))
    }

    /// The years of the figures written with one of these numbers, moved
    /// by `shift`, in order, without repeats.
    fn years_of_figures(&self, numbers: &[String], shift: i32) -> Vec<i32> {
        let mut years: Vec<i32> = (self.numbers.iter().zip(&self.number_years))
            .filter(|(n, _)| numbers.contains(n))
            .filter_map(|(_, y)| y.map(|y| y + shift))
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// True when one of the fact's figures is the number `n` as written.
    fn has_figure(&self, fact: Shape, n: &str) -> bool {
        self.numbers[fact.numbers.0 as usize..fact.numbers.1 as usize]
            .iter()
            .any(|x| x == n)
    }

    /// The entities a fact is about, main one first.
    fn entities(&self, fact: Shape) -> &[u32] {
        &self.entities[fact.entities.0 as usize..fact.entities.1 as usize]
    }
}

/// Best first; ties in knowledge-base order. A total order, so sorting all
/// facts or selecting the top few gives the same first entries.
fn best_first(a: &Scored, b: &Scored) -> std::cmp::Ordering {
    b.score.total_cmp(&a.score).then(a.fact.cmp(&b.fact))
}

/// Per-fact score sums for one question: a dense array indexed by fact (no
/// sort of every posting, no per-question allocation), reused per thread.
#[derive(Default)]
struct Scratch {
    sums: Vec<f32>,
    hit: Vec<bool>,
    /// The facts with a sum, in first-hit order.
    touched: Vec<u32>,
    /// The current word's best contribution per fact (a word with two
    /// meanings counts once per fact, at the better one).
    word: Vec<f32>,
    word_touched: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

/// A thread's [`Scratch`], cleared; given back when dropped.
struct ScratchGuard(Scratch);

impl Scratch {
    fn take(facts: usize) -> ScratchGuard {
        let mut s = SCRATCH.take();
        for &f in &s.touched {
            s.sums[f as usize] = 0.0;
            s.hit[f as usize] = false;
        }
        s.touched.clear();
        if s.sums.len() < facts {
            s.sums.resize(facts, 0.0);
            s.hit.resize(facts, false);
            s.word.resize(facts, 0.0);
        }
        ScratchGuard(s)
    }

    /// Adds one meaning of the current word to a fact: only what it adds
    /// over the word's other meaning counts.
    fn add_word(&mut self, fact: u32, value: f32) {
        let f = fact as usize;
        if !self.hit[f] {
            self.hit[f] = true;
            self.touched.push(fact);
        }
        let before = self.word[f];
        if value > before {
            if before == 0.0 {
                self.word_touched.push(fact);
            }
            self.word[f] = value;
            self.sums[f] += value - before;
        }
    }

    /// Ends the current word.
    fn end_word(&mut self) {
        for &f in &self.word_touched {
            self.word[f as usize] = 0.0;
        }
        self.word_touched.clear();
    }
}

impl std::ops::Deref for ScratchGuard {
    type Target = Scratch;
    fn deref(&self) -> &Scratch {
        &self.0
    }
}

impl std::ops::DerefMut for ScratchGuard {
    fn deref_mut(&mut self) -> &mut Scratch {
        &mut self.0
    }
}

impl Drop for ScratchGuard {
    fn drop(&mut self) {
        SCRATCH.set(std::mem::take(&mut self.0));
    }
}
