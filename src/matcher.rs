//! The engine: finds the fact that answers a question and says how sure it is.
//!
//! A question's terms are weighted by IDF; a fact's score is the share of the
//! question's weight it covers (words the knowledge base has never seen count
//! against every fact), lowered when the fact cannot hold the amount, date or
//! year asked for. How much of the fact the question covers adds a small
//! share that mostly breaks ties. Pure and synchronous: no I/O, no printing.

use crate::index::{Index, QueryTerm};
use crate::knowledge::{Fact, KnowledgeBase};
use crate::lang::Lang;
use crate::smalltalk::{self, SmallTalk};
use crate::text::{MAX_QUESTION_CHARS, TokenKind, normalize, tokenize, truncate_chars};

/// The knobs of the scoring, chosen on the public evaluation set, with the
/// held-out set consulted only between settings it rated alike
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
    /// A question asking for an amount ("how many", "сколько") or a date
    /// ("when", "когда") scores this share against a fact that has no
    /// figure (nor derived value), or no date: "how long is the bridge?"
    /// is not answered by the fact that the bridge was completed.
    pub kind_mismatch: f32,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            threshold: 0.50,
            close_runner_up: 0.08,
            min_question_weight: 0.9,
            focus_share: 0.02,
            unknown_weight: 0.5,
            out_of_scope_weight: 3.0,
            kind_mismatch: 0.7,
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
    shapes: Shapes,
    /// [`Engine::examples`], chosen once: one fact per topic, round-robin.
    examples: Vec<usize>,
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
        Engine {
            kb,
            index,
            tuning,
            shapes,
            examples,
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
            return Reply {
                lang,
                score: 0.0,
                outcome: Outcome::Empty,
            };
        }
        // Normalised once for small talk, the question kind and the terms.
        let norm = normalize(question);
        if let Some(kind) = smalltalk::detect_normalized(&norm) {
            return Reply {
                lang,
                score: 0.0,
                outcome: Outcome::SmallTalk(kind),
            };
        }
        // Only the best MAX_SUGGESTIONS (or the best and two runners-up) are
        // ever looked at below, so only those are sorted.
        let ranked = self.rank_top(&norm, MAX_SUGGESTIONS.max(3));
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

    /// Every fact that shares a term with the question, best first, with its
    /// confidence in [0, 1]. Ties keep knowledge-base order.
    pub fn rank(&self, question: &str) -> Vec<Scored> {
        let question = truncate_chars(question, MAX_QUESTION_CHARS);
        let mut scored = Vec::new();
        self.score(&normalize(question), |s| scored.push(s));
        scored.sort_by(best_first);
        scored
    }

    /// The first `k` entries of [`Engine::rank`], kept while scoring: when a
    /// common word matches most of a large knowledge base, collecting and
    /// selecting from every scored fact was a good part of the time.
    fn rank_top(&self, norm: &str, k: usize) -> Vec<Scored> {
        // The best so far, best first.
        let mut top: Vec<Scored> = Vec::with_capacity(k + 1);
        self.score(norm, |s| {
            if top.len() == k && top.last().is_none_or(|last| best_first(&s, last).is_ge()) {
                return;
            }
            let at = top.partition_point(|t| best_first(t, &s).is_lt());
            top.insert(at, s);
            top.truncate(k);
        });
        top
    }

    /// Gives `emit` what [`Engine::rank`] ranks, in no particular order.
    /// `norm` is the question, cut to [`MAX_QUESTION_CHARS`] and normalised.
    fn score(&self, norm: &str, mut emit: impl FnMut(Scored)) {
        let asks = Asks::of(norm);
        let asks_years = years(norm);
        let terms = self.index.analyze_normalized(norm);
        let mut total = 0.0f32;
        let mut known = 0.0f32;
        let mut scratch = Scratch::take(self.kb.facts.len());
        for term in &terms {
            match *term {
                QueryTerm::Known { term, similarity } => {
                    let idf = self.index.idf(term);
                    total += idf;
                    known += idf * similarity;
                    for &(fact, w) in self.index.postings(term) {
                        scratch.add(fact, idf * similarity * w);
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
        if scratch.touched.is_empty() || total <= 0.0 {
            return;
        }
        for &fact in &scratch.touched {
            let sum = scratch.sums[fact as usize];
            let coverage = (sum / total).min(1.0);
            let mass = self.index.fact_mass(fact as usize);
            let focus = if mass > 0.0 {
                (sum / mass).min(1.0)
            } else {
                0.0
            };
            let t = &self.tuning;
            let mut score = (1.0 - t.focus_share) * coverage + t.focus_share * focus;
            let f = self.shapes.facts[fact as usize];
            let fits = match asks {
                Asks::Amount => f.amount,
                Asks::Date => f.dated,
                Asks::Other => true,
            };
            if !fits {
                score *= t.kind_mismatch;
            }
            if !asks_years.is_empty()
                && f.dated
                && !asks_years.iter().any(|&y| self.shapes.covers_year(f, y))
            {
                // "How much did China invest in 2012?" is not answered by 2013's figure.
                score *= t.kind_mismatch;
            }
            if known < t.min_question_weight {
                // Too little said to be sure of anything: rank, but do not answer.
                score *= known / t.min_question_weight * t.threshold;
            }
            emit(Scored {
                fact: fact as usize,
                score: score.clamp(0.0, 1.0),
            });
        }
    }
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

/// The years (1900–2099) a question names; `norm` is the question normalised.
fn years(norm: &str) -> Vec<i32> {
    tokenize(norm)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Number && t.text.len() == 4)
        .filter_map(|t| t.text.parse().ok())
        .filter(|y| (1900..2100).contains(y))
        .collect()
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
/// reading a fact's figures and dates per question costs several cache
/// misses per fact, which on 100,000 facts was most of a question's time.
#[derive(Debug, Default)]
struct Shapes {
    facts: Vec<Shape>,
    /// Every fact's [`year_spans`], at `spans[Shape::spans.0..Shape::spans.1]`.
    spans: Vec<(i32, i32)>,
}

#[derive(Debug, Clone, Copy)]
struct Shape {
    /// It has a figure or a derived value.
    amount: bool,
    /// It has a date.
    dated: bool,
    spans: (u32, u32),
}

impl Shapes {
    fn of(kb: &KnowledgeBase) -> Shapes {
        let mut shapes = Shapes::default();
        for fact in &kb.facts {
            let start = shapes.spans.len() as u32;
            shapes.spans.extend(year_spans(fact));
            shapes.facts.push(Shape {
                amount: !fact.figures.is_empty() || fact.derived.is_some(),
                dated: !fact.dates.is_empty(),
                spans: (start, shapes.spans.len() as u32),
            });
        }
        shapes
    }

    /// True when the fact covers `year` (see [`year_spans`]).
    fn covers_year(&self, fact: Shape, year: i32) -> bool {
        self.spans[fact.spans.0 as usize..fact.spans.1 as usize]
            .iter()
            .any(|&(from, to)| (from..=to).contains(&year))
    }
}

/// What kind of answer a question asks for, from its question words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asks {
    /// "how many", "how much", "how long", "сколько": a number.
    Amount,
    /// "when", "what year", "когда", "в каком году": a date.
    Date,
    Other,
}

impl Asks {
    /// `norm` is the question normalised.
    fn of(norm: &str) -> Asks {
        let words: Vec<&str> = norm.split(' ').collect();
        let amount = words.windows(2).any(|w| {
            w[0] == "how"
                && matches!(
                    w[1],
                    "many" | "much" | "long" | "big" | "large" | "tall" | "far" | "high" | "old"
                )
        }) || words.iter().any(|w| matches!(*w, "сколько"));
        let date = words.iter().any(|w| matches!(*w, "when" | "когда"))
            || words.windows(2).any(|w| {
                matches!(
                    (w[0], w[1]),
                    ("what" | "which", "year" | "month")
                        | ("каком" | "какой", "году" | "год" | "месяце")
                )
            });
        match (amount, date) {
            (true, _) => Asks::Amount,
            (false, true) => Asks::Date,
            _ => Asks::Other,
        }
    }
}

/// Best first; ties in knowledge-base order. A total order, so sorting all
/// facts or selecting the top few gives the same first entries.
fn best_first(a: &Scored, b: &Scored) -> std::cmp::Ordering {
    b.score.total_cmp(&a.score).then(a.fact.cmp(&b.fact))
}

/// Per-fact score sums for one question: a dense array indexed by fact (no
/// sort of every posting, no per-question allocation), reused per thread.
/// Each fact's sum adds its terms in question order, as before.
#[derive(Default)]
struct Scratch {
    sums: Vec<f32>,
    hit: Vec<bool>,
    /// The facts with a sum, in first-hit order.
    touched: Vec<u32>,
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
        }
        ScratchGuard(s)
    }

    fn add(&mut self, fact: u32, value: f32) {
        let f = fact as usize;
        if !self.hit[f] {
            self.hit[f] = true;
            self.touched.push(fact);
        }
        self.sums[f] += value;
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
