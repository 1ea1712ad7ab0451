//! The engine: finds the fact that answers a question and says how sure it is.
//!
//! A question's terms are weighted by IDF; a fact's score is the share of the
//! question's weight it covers (words the knowledge base has never seen count
//! against every fact), blended with how much of the fact the question covers.
//! Pure and synchronous: no I/O, no printing.

use crate::index::{Index, QueryTerm};
use crate::knowledge::{Fact, KnowledgeBase};
use crate::lang::Lang;
use crate::smalltalk::{self, SmallTalk};
use crate::text::MAX_QUESTION_CHARS;

/// The knobs of the scoring, measured on the public evaluation set
/// (`cargo test --release --test core -- --ignored tuning_grid` prints a grid).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tuning {
    /// Below this confidence a question is not answered.
    pub threshold: f32,
    /// A runner-up within this distance of the best is offered as "did you mean".
    pub close_runner_up: f32,
    /// A question whose known words weigh less than this in IDF is too vague
    /// to answer ("China?"), however well it matches.
    pub min_question_weight: f32,
    /// How much a question covering a fact (as opposed to a fact covering the
    /// question) adds to the score.
    pub focus_share: f32,
    /// Unknown words count this many times the IDF of a word in no fact, so
    /// an unseen name ("USA", "Messi") outweighs a matching common word.
    pub unknown_weight: f32,
    /// Words the knowledge base declares out of scope count this many times
    /// the IDF of a word in no fact: enough to keep any fact below threshold.
    pub out_of_scope_weight: f32,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            threshold: 0.40,
            close_runner_up: 0.08,
            min_question_weight: 0.9,
            focus_share: 0.15,
            unknown_weight: 0.5,
            out_of_scope_weight: 3.0,
        }
    }
}

/// Suggestions offered when a question is not answered.
const MAX_SUGGESTIONS: usize = 3;

/// What factbot makes of a question.
#[derive(Debug, Clone)]
pub struct Reply<'a> {
    /// The language to answer in.
    pub lang: Lang,
    /// Confidence in [0, 1] of the best fact (0 for small talk and empty input).
    pub score: f32,
    pub outcome: Outcome<'a>,
}

/// The kinds of reply.
#[derive(Debug, Clone)]
pub enum Outcome<'a> {
    /// A fact answers the question. `also` are close runners-up worth
    /// offering; `related` are the fact's related facts.
    Answer {
        fact: &'a Fact,
        also: Vec<&'a Fact>,
        related: Vec<&'a Fact>,
    },
    /// No fact answers it confidently; `suggestions` are questions that can be
    /// answered (up to three, best first).
    NotFound { suggestions: Vec<&'a Fact> },
    /// A greeting, thanks, goodbye or a question about the bot.
    SmallTalk(SmallTalk),
    /// Nothing to answer: the message was empty or only whitespace.
    Empty,
}

impl<'a> Reply<'a> {
    /// True when the reply is a fact.
    pub fn answered(&self) -> bool {
        matches!(self.outcome, Outcome::Answer { .. })
    }

    /// The answering fact, if any.
    pub fn fact(&self) -> Option<&'a Fact> {
        match &self.outcome {
            Outcome::Answer { fact, .. } => Some(fact),
            _ => None,
        }
    }

    /// The facts offered as "did you mean": runners-up or suggestions.
    pub fn suggestions(&self) -> &[&'a Fact] {
        match &self.outcome {
            Outcome::Answer { also, .. } => also,
            Outcome::NotFound { suggestions } => suggestions,
            _ => &[],
        }
    }
}

/// A ranked fact.
#[derive(Debug, Clone, Copy)]
pub struct Scored {
    pub fact: usize,
    pub score: f32,
}

/// The knowledge base with its index.
#[derive(Debug)]
pub struct Engine {
    kb: KnowledgeBase,
    index: Index,
    tuning: Tuning,
}

impl Engine {
    /// Indexes a knowledge base.
    pub fn new(kb: KnowledgeBase) -> Engine {
        Engine::with_tuning(kb, Tuning::default())
    }

    /// Indexes a knowledge base with other scoring knobs.
    pub fn with_tuning(kb: KnowledgeBase, tuning: Tuning) -> Engine {
        let index = Index::build(&kb);
        Engine { kb, index, tuning }
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
            return Reply {
                lang,
                score: 0.0,
                outcome: Outcome::Empty,
            };
        }
        if let Some(kind) = smalltalk::detect(question) {
            return Reply {
                lang,
                score: 0.0,
                outcome: Outcome::SmallTalk(kind),
            };
        }
        let ranked = self.rank(question);
        let best = ranked.first().copied();
        match best {
            Some(best) if best.score >= self.tuning.threshold => {
                let fact = &self.kb.facts[best.fact];
                let also = ranked[1..]
                    .iter()
                    .take_while(|s| {
                        s.score >= self.tuning.threshold
                            && best.score - s.score <= self.tuning.close_runner_up
                    })
                    .take(2)
                    .map(|s| &self.kb.facts[s.fact])
                    .collect();
                Reply {
                    lang,
                    score: best.score,
                    outcome: Outcome::Answer {
                        fact,
                        also,
                        related: self.related(fact),
                    },
                }
            }
            _ => {
                let mut suggestions: Vec<&Fact> = ranked
                    .iter()
                    .filter(|s| s.score > 0.0)
                    .take(MAX_SUGGESTIONS)
                    .map(|s| &self.kb.facts[s.fact])
                    .collect();
                if suggestions.is_empty() {
                    suggestions = self.examples(MAX_SUGGESTIONS);
                }
                Reply {
                    lang,
                    score: best.map_or(0.0, |b| b.score),
                    outcome: Outcome::NotFound { suggestions },
                }
            }
        }
    }

    /// The reply for one fact by id, as when a suggestion button is pressed.
    pub fn answer_fact(&self, id: &str, lang: Lang) -> Option<Reply<'_>> {
        let fact = self.kb.fact(id)?;
        Some(Reply {
            lang,
            score: 1.0,
            outcome: Outcome::Answer {
                fact,
                also: Vec::new(),
                related: self.related(fact),
            },
        })
    }

    /// A few facts from different topics, to show what factbot can answer.
    pub fn examples(&self, n: usize) -> Vec<&Fact> {
        let by_topic = self.kb.facts_by_topic();
        let mut out: Vec<&Fact> = Vec::new();
        let mut round = 0;
        while out.len() < n && round < self.kb.facts.len() {
            for facts in by_topic.values() {
                if let Some(f) = facts.get(round).filter(|f| f.derived.is_none()) {
                    if out.len() < n {
                        out.push(f);
                    }
                }
            }
            round += 1;
        }
        out
    }

    fn related(&self, fact: &Fact) -> Vec<&Fact> {
        fact.related
            .iter()
            .filter_map(|id| self.kb.fact(id))
            .collect()
    }

    /// Every fact that shares a term with the question, best first, with its
    /// confidence in [0, 1]. Ties keep knowledge-base order.
    pub fn rank(&self, question: &str) -> Vec<Scored> {
        let question = truncate_chars(question, MAX_QUESTION_CHARS);
        let terms = self.index.analyze(question);
        let mut total = 0.0f32;
        let mut known = 0.0f32;
        let mut acc: Vec<(u32, f32)> = Vec::new();
        for term in &terms {
            match *term {
                QueryTerm::Known { term, similarity } => {
                    let idf = self.index.idf(term);
                    total += idf;
                    known += idf * similarity;
                    for &(fact, w) in self.index.postings(term) {
                        acc.push((fact, idf * similarity * w));
                    }
                }
                QueryTerm::OutOfScope(_) => {
                    total += self.index.unknown_idf() * self.tuning.out_of_scope_weight;
                }
                QueryTerm::Unknown(ref word) => {
                    // One- and two-letter leftovers ("ok", "s") say little.
                    if word.chars().count() > 2 {
                        total += self.index.unknown_idf() * self.tuning.unknown_weight;
                    }
                }
            }
        }
        if acc.is_empty() || total <= 0.0 {
            return Vec::new();
        }
        acc.sort_unstable_by_key(|a| a.0);
        let mut scored: Vec<Scored> = Vec::new();
        let mut i = 0;
        while i < acc.len() {
            let fact = acc[i].0;
            let mut sum = 0.0;
            while i < acc.len() && acc[i].0 == fact {
                sum += acc[i].1;
                i += 1;
            }
            let coverage = (sum / total).min(1.0);
            let mass = self.index.fact_mass(fact as usize);
            let focus = if mass > 0.0 {
                (sum / mass).min(1.0)
            } else {
                0.0
            };
            let t = &self.tuning;
            let mut score = (1.0 - t.focus_share) * coverage + t.focus_share * focus;
            if known < t.min_question_weight {
                // Too little said to be sure of anything: rank, but do not answer.
                score *= known / t.min_question_weight * t.threshold;
            }
            scored.push(Scored {
                fact: fact as usize,
                score: score.clamp(0.0, 1.0),
            });
        }
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.fact.cmp(&b.fact)));
        scored
    }
}

/// The first `max` characters of `s`.
fn truncate_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}
