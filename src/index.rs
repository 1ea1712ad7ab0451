//! The inverted index over the knowledge base: terms (stems, synonyms folded,
//! numbers as written), their IDF weights, postings per term, the typo index
//! over the vocabulary, the paraphrase table and the entities' names.
//! Built once at start-up, read-only afterwards.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::attribute::EntityKind;
use crate::chinese::{HanFuzzy, Segmenter};
use crate::fuzzy::FuzzyIndex;
use crate::knowledge::{Fact, KnowledgeBase};
use crate::lang::Lang;
use crate::lang::is_han;
use crate::lexicon;
use crate::text::{Stemmers, Token, TokenKind, is_stopword, is_stopword_typo, normalize, tokenize};

/// How much a word counts for a fact, by the field it appears in: words a
/// fact was written to be found by count fully, its prose less.
mod weight {
    pub const KEYWORD: f32 = 1.0;
    pub const FIGURE: f32 = 1.0;
    pub const DATE: f32 = 1.0;
    pub const QUESTION: f32 = 0.8;

    pub const ANSWER: f32 = 0.6;
    pub const SOURCE: f32 = 0.5;
    pub const TOPIC: f32 = 0.4;
    pub const ARITHMETIC: f32 = 0.3;
    /// A name of the entity a fact is mainly about.
    pub const MAIN_ENTITY: f32 = 0.9;
    /// A name of another entity the fact is about.
    pub const OTHER_ENTITY: f32 = 0.4;
}

/// How sure a paraphrase from the lexical resource is ("commit" for
/// "invest"): less than a synonym the knowledge base lists itself.
pub const PARAPHRASE_SIMILARITY: f32 = 0.8;
/// How much a number quoted rounded ("12.5" for 12.522) counts for it.
const ROUNDED_SIMILARITY: f32 = 0.9;
/// How much a clipped word ("коорд") counts for the word it begins.
const CLIPPED_SIMILARITY: f32 = 0.8;
/// The shortest clipped word read as the start of a longer one.
const MIN_CLIPPED_CHARS: usize = 5;

/// Month names for dates written `YYYY-MM`, so "March 2013" finds them.
const MONTHS: [(&str, &str); 12] = [
    ("january", "январь"),
    ("february", "февраль"),
    ("march", "март"),
    ("april", "апрель"),
    ("may", "май"),
    ("june", "июнь"),
    ("july", "июль"),
    ("august", "август"),
    ("september", "сентябрь"),
    ("october", "октябрь"),
    ("november", "ноябрь"),
    ("december", "декабрь"),
];

/// A term of the index.
pub type TermId = u32;

/// One word of a question after analysis.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryTerm {
    /// A term of the index; `similarity` is below 1 for a typo match or a
    /// paraphrase. `alt` is a second meaning the word may have ("business":
    /// firms, and also trade), scored at its own similarity; a fact gets the
    /// better of the two.
    Known {
        term: TermId,
        similarity: f32,
        alt: Option<(TermId, f32)>,
    },
    /// An everyday word the knowledge base does not use ("firms", "chairs"):
    /// no evidence for or against a fact.
    Common(String),
    /// A word the knowledge base has never seen that is not an everyday word:
    /// a name or term it does not cover.
    Unknown(String),
    /// A word naming something the knowledge base declares out of scope.
    OutOfScope(String),
}

/// An entity named in a question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mention {
    /// Position in `KnowledgeBase::entities`.
    pub entity: usize,
    /// The IDF weight of the name's words, times their similarity.
    pub weight: f32,
    /// Named only by a word that names other entities alike ("the plan":
    /// the programme or the Heilongjiang plan; see
    /// [`EntityKind::generic_noun`]). Every such entity is mentioned.
    pub generic: bool,
}

/// One name of an entity, as terms.
#[derive(Debug)]
struct Alias {
    entity: u32,
    terms: Vec<TermId>,
    /// The alias is one generic noun: it names `Index::named_alike` too.
    generic: bool,
}

/// The index; see the module docs.
#[derive(Debug)]
pub struct Index {
    stemmers: Stemmers,
    terms: FxHashMap<String, TermId>,
    /// Stem → the stem of the first word of its synonym group.
    synonyms: FxHashMap<String, String>,
    /// A two-word entry of a synonym group ("set up" for "established"),
    /// as the stems of its words → the stem of the group's first word.
    phrases: FxHashMap<(String, String), String>,
    /// The second words of the phrases as written ("up", "into"): most
    /// words are none, and then nothing is stemmed to look for a phrase.
    phrase_ends: FxHashSet<String>,
    /// Terms of `KnowledgeBase::out_of_scope` that no fact uses.
    out_of_scope: FxHashSet<String>,
    /// Entries of `KnowledgeBase::out_of_scope` written as two words
    /// ("exchange-rate"), as the first word as written and the second's
    /// term: out of scope together only, for a "growth rate" is the
    /// document's. A short list, read before anything is stemmed.
    out_of_scope_pairs: Vec<(String, String)>,
    /// Numbers of the facts written with a decimal part ("12.522"), as
    /// their value and digits after the point, for a question that quotes
    /// one rounded ("12.5 billion").
    decimals: Vec<(f64, usize, TermId)>,
    idf: Vec<f32>,
    /// The IDF a word the knowledge base has never seen counts for.
    unknown_idf: f32,
    /// Per term `t`: (fact index, field weight), by fact index, at
    /// `postings[posting_starts[t]..posting_starts[t + 1]]` (one allocation
    /// instead of one per term).
    postings: Vec<(u32, f32)>,
    posting_starts: Vec<u32>,
    /// Per fact: the sum of idf × weight over its terms.
    fact_mass: Vec<f32>,
    /// Surface words and stems of the vocabulary, for typo matching.
    fuzzy: FuzzyIndex,
    fuzzy_terms: Vec<TermId>,
    /// Term of an everyday word → the term it means, from the paraphrases.
    paraphrases: FxHashMap<String, TermId>,
    /// A paraphrase whose stem is already a knowledge-base term ("framework",
    /// "authority"): the word as written → its second meaning.
    second_meanings: FxHashMap<String, TermId>,
    aliases: Vec<Alias>,
    /// Term → the aliases that contain it.
    aliases_by_term: FxHashMap<TermId, Vec<u32>>,
    /// The entities a generic noun names alike ("plan", "programme"), in
    /// knowledge-base order.
    named_alike: Vec<u32>,
    /// Cuts Chinese into the knowledge set's words.
    segmenter: Segmenter,
    /// Chinese words of the vocabulary, for names written a little wrong.
    han_fuzzy: HanFuzzy,
    han_terms: Vec<TermId>,
    /// Terms that only ask about a thing as a whole (是谁, 介绍): Chinese has
    /// no stopwords, so its asking words are terms like any other.
    asking: Vec<TermId>,
}

impl Index {
    /// Indexes every fact of a knowledge base.
    pub fn build(kb: &KnowledgeBase) -> Index {
        let stemmers = Stemmers::default();
        let han_words = chinese_words(kb);
        let segmenter = Segmenter::new(
            han_words.iter().map(String::as_str),
            crate::frame::chinese_cues(),
        );
        let mut synonyms = FxHashMap::default();
        let mut phrases = FxHashMap::default();
        let mut phrase_ends = FxHashSet::default();
        for group in &kb.synonyms {
            let mut stems: Vec<String> = Vec::new();
            let mut pairs: Vec<(String, String)> = Vec::new();
            for word in group {
                let tokens = tokenize(&normalize(word));
                let stemmed = tokens.iter().map(|t| stemmers.stem(&t.text).into_owned());
                match tokens.as_slice() {
                    [a, b] if a.kind == TokenKind::Word && b.kind == a.kind => {
                        phrase_ends.insert(b.text.clone());
                        let mut two = stemmed;
                        pairs.extend(two.next().zip(two.next()));
                    }
                    _ => stems.extend(stemmed),
                }
            }
            if let Some(canonical) = stems.first() {
                for s in &stems {
                    synonyms
                        .entry(s.clone())
                        .or_insert_with(|| canonical.clone());
                }
                for pair in pairs {
                    phrases.entry(pair).or_insert_with(|| canonical.clone());
                }
            }
        }
        let mut index = Index {
            stemmers,
            terms: FxHashMap::default(),
            synonyms,
            phrases,
            phrase_ends,
            out_of_scope: Default::default(),
            out_of_scope_pairs: Default::default(),
            decimals: Vec::new(),
            idf: Vec::new(),
            unknown_idf: 0.0,
            postings: Vec::new(),
            posting_starts: Vec::new(),
            fact_mass: Vec::new(),
            fuzzy: FuzzyIndex::default(),
            fuzzy_terms: Vec::new(),
            paraphrases: FxHashMap::default(),
            second_meanings: FxHashMap::default(),
            aliases: Vec::new(),
            aliases_by_term: FxHashMap::default(),
            named_alike: Vec::new(),
            segmenter,
            han_fuzzy: HanFuzzy::default(),
            han_terms: Vec::new(),
            asking: Vec::new(),
        };
        // Word token → its term, or None for a stopword or a one-letter word:
        // each distinct word is checked, stemmed and looked up once. The words
        // with a term are also the surface words of the typo index.
        let mut seen: FxHashMap<String, Option<TermId>> = FxHashMap::default();
        // Per fact: (term, field weight) in the order the terms first appear,
        // so a fact's mass is summed in the same order on every run.
        let mut per_fact: Vec<Vec<(TermId, f32)>> = Vec::with_capacity(kb.facts.len());
        // Per term: (fact, position in that fact's list) of its last sighting.
        let mut slot: Vec<(u32, u32)> = Vec::new();
        // The terms of each text, read once: entities' names and topics
        // come back with every fact about them.
        let mut terms_of: FxHashMap<String, Vec<TermId>> = FxHashMap::default();
        // "(The document spells the station Makhhalino)": in a fact about
        // something else, the document named in its prose is a note on the
        // source, not what the fact is about. Its name only: its aliases
        // are everyday words too («работа» of the organisations).
        let documents: Vec<&str> = (kb.entities.iter())
            .filter(|e| e.kind == EntityKind::Document)
            .flat_map(|e| Lang::ALL.iter().map(|&l| e.name.get(l)))
            .collect();
        let document_keys: Vec<String> = (documents.iter())
            .flat_map(|name| index.segment(tokenize(&normalize(name))))
            .filter(|t| t.kind == TokenKind::Word && is_content_word(&t.text))
            .map(|t| index.term_key(&t.text, t.kind))
            .collect();
        let document_terms: FxHashSet<TermId> =
            document_keys.into_iter().map(|k| index.intern(k)).collect();
        for (f, fact) in kb.facts.iter().enumerate() {
            let f = f as u32;
            let mut weights: Vec<(TermId, f32)> = Vec::new();
            let about_document = (fact.about.iter())
                .filter_map(|id| kb.entity(id))
                .any(|e| e.kind == EntityKind::Document);
            for (text, w) in fact_fields(kb, fact) {
                let prose = matches!(w, weight::ANSWER | weight::SOURCE | weight::ARITHMETIC);
                let ids = match terms_of.get(&text) {
                    Some(ids) => ids,
                    None => {
                        let tokens = index.segment(tokenize(&normalize(&text)));
                        let mut ids = Vec::with_capacity(tokens.len());
                        for tok in tokens {
                            let id = match tok.kind {
                                TokenKind::Word => match seen.get(tok.text.as_str()) {
                                    Some(&id) => id,
                                    None => {
                                        let id = is_content_word(&tok.text).then(|| {
                                            index.intern(index.term_key(&tok.text, tok.kind))
                                        });
                                        seen.insert(tok.text, id);
                                        id
                                    }
                                },
                                TokenKind::Number => {
                                    Some(index.intern(index.term_key(&tok.text, tok.kind)))
                                }
                            };
                            ids.extend(id);
                        }
                        terms_of.entry(text).or_insert(ids)
                    }
                };
                for &id in ids.iter() {
                    if prose && !about_document && document_terms.contains(&id) {
                        continue;
                    }
                    if slot.len() <= id as usize {
                        slot.resize(id as usize + 1, (u32::MAX, 0));
                    }
                    match slot[id as usize] {
                        (sf, pos) if sf == f => {
                            let weight = &mut weights[pos as usize].1;
                            *weight = weight.max(w);
                        }
                        _ => {
                            slot[id as usize] = (f, weights.len() as u32);
                            weights.push((id, 0.0f32.max(w)));
                        }
                    }
                }
            }
            per_fact.push(weights);
        }
        drop((slot, terms_of));
        let n_terms = index.terms.len();
        // Postings in fact order, so each term's list is sorted by fact.
        let mut starts = vec![0u32; n_terms + 1];
        for weights in &per_fact {
            for &(t, _) in weights {
                starts[t as usize + 1] += 1;
            }
        }
        for t in 0..n_terms {
            starts[t + 1] += starts[t];
        }
        let mut fill = starts.clone();
        index.postings = vec![(0, 0.0); starts[n_terms] as usize];
        for (f, weights) in per_fact.iter().enumerate() {
            for &(t, w) in weights {
                index.postings[fill[t as usize] as usize] = (f as u32, w);
                fill[t as usize] += 1;
            }
        }
        drop(fill);
        index.posting_starts = starts;
        let n = kb.facts.len() as f32;
        index.idf = (0..n_terms as TermId)
            .map(|t| bm25_idf(n, index.postings(t).len() as f32))
            .collect();
        index.unknown_idf = bm25_idf(n, 0.0);
        index.fact_mass = per_fact
            .iter()
            .map(|weights| {
                weights
                    .iter()
                    .map(|&(t, w)| index.idf[t as usize] * w)
                    .sum()
            })
            .collect();
        drop(per_fact);
        for entry in &kb.out_of_scope {
            match tokenize(&normalize(entry)).as_slice() {
                [a, b] => {
                    let second = index.term_key(&b.text, b.kind);
                    index.out_of_scope_pairs.push((a.text.clone(), second));
                }
                tokens => {
                    for t in tokens {
                        let key = index.term_key(&t.text, t.kind);
                        if !index.terms.contains_key(&key) {
                            index.out_of_scope.insert(key);
                        }
                    }
                }
            }
        }
        index.decimals = (index.terms.iter())
            .filter_map(|(k, &t)| {
                let places = decimal_places(k).filter(|&d| d > 0)?;
                Some((k.parse().ok()?, places, t))
            })
            .collect();
        // Typo candidates: every surface word and every stem of the vocabulary.
        let mut words: Vec<(String, TermId)> = seen
            .into_iter()
            .filter_map(|(word, id)| id.map(|id| (word, id)))
            .collect();
        words.extend(
            index
                .terms
                .iter()
                .filter(|(k, _)| !k.starts_with(|c: char| c.is_ascii_digit()))
                .map(|(k, &v)| (k.clone(), v)),
        );
        words.sort();
        words.dedup_by(|a, b| a.0 == b.0);
        let (han_fuzzy, han_words) = HanFuzzy::build(words.iter().map(|w| w.0.as_str()));
        index.han_terms = han_words
            .iter()
            .filter_map(|w| words.iter().find(|x| x.0 == *w).map(|x| x.1))
            .collect();
        index.han_fuzzy = han_fuzzy;
        index.fuzzy_terms = words.iter().map(|w| w.1).collect();
        index.fuzzy = FuzzyIndex::build(words.into_iter().map(|w| w.0).collect());
        index.asking = (crate::frame::chinese_whole_cues())
            .filter_map(|cue| index.terms.get(&index.term_key(cue, TokenKind::Word)))
            .copied()
            .collect();
        for (meant, words) in &kb.paraphrases {
            let Some(&target) = index.single_term(meant).and_then(|k| index.terms.get(&k)) else {
                continue;
            };
            for word in words {
                if let Some(key) = index.single_term(word)
                    && index.terms.get(&key) != Some(&target)
                {
                    // "authority" stems like "author", "establishment" like
                    // "establish": a word the knowledge base already has by
                    // its stem gets the second meaning only when said as
                    // written, and the knowledge base's own word keeps one.
                    if index.terms.contains_key(&key) {
                        index
                            .second_meanings
                            .entry(normalize(word))
                            .or_insert(target);
                    } else {
                        index.paraphrases.entry(key).or_insert(target);
                    }
                }
            }
        }
        let generic_terms: Vec<TermId> = (kb.entities.iter())
            .filter_map(|e| e.kind.generic_noun())
            .filter_map(|w| index.single_term(w))
            .filter_map(|k| index.terms.get(&k).copied())
            .collect();
        for (e, entity) in kb.entities.iter().enumerate() {
            if entity.kind.generic_noun().is_some() {
                index.named_alike.push(e as u32);
            }
            let names =
                entity
                    .aliases
                    .all()
                    .chain([&entity.name.en, &entity.name.ru, &entity.name.zh]);
            for name in names {
                let mut terms: Vec<TermId> = index
                    .segment(tokenize(&normalize(name)))
                    .into_iter()
                    .filter(|t| t.kind == TokenKind::Number || is_content_word(&t.text))
                    .filter_map(|t| index.terms.get(&index.term_key(&t.text, t.kind)).copied())
                    .collect();
                terms.sort_unstable();
                terms.dedup();
                let known = index
                    .aliases
                    .iter()
                    .any(|a| a.entity == e as u32 && a.terms == terms);
                if terms.is_empty() || known {
                    continue;
                }
                let id = index.aliases.len() as u32;
                for &t in &terms {
                    index.aliases_by_term.entry(t).or_default().push(id);
                }
                let generic = entity.kind.generic_noun().is_some()
                    && matches!(terms.as_slice(), [t] if generic_terms.contains(t));
                index.aliases.push(Alias {
                    entity: e as u32,
                    terms,
                    generic,
                });
            }
        }
        index
    }

    /// The tokens with Chinese cut into words.
    pub fn segment(&self, tokens: Vec<Token>) -> Vec<Token> {
        self.segmenter.split(tokens)
    }

    /// The term key of a text that is one word, if it is.
    fn single_term(&self, text: &str) -> Option<String> {
        match self.segment(tokenize(&normalize(text))).as_slice() {
            [t] => Some(self.term_key(&t.text, t.kind)),
            _ => None,
        }
    }

    /// The entities a question names, strongest first: every word of one of
    /// an entity's names is among the question's terms. Where two names share
    /// a word ("foreign investment", "investment"), only the stronger counts.
    pub fn mentions(&self, terms: &[QueryTerm]) -> Vec<Mention> {
        let mut have: Vec<(TermId, f32)> = Vec::new();
        for t in terms {
            if let QueryTerm::Known {
                term,
                similarity,
                alt,
            } = *t
            {
                have.push((term, similarity));
                if let Some(a) = alt {
                    have.push(a);
                }
            }
        }
        let sim = |t: TermId| {
            have.iter()
                .filter(|h| h.0 == t)
                .map(|h| h.1)
                .fold(None, |m: Option<f32>, s| Some(m.map_or(s, |m| m.max(s))))
        };
        let mut found: Vec<(f32, usize, u32)> = Vec::new();
        for &(t, _) in &have {
            for &a in self.aliases_by_term.get(&t).map_or(&[][..], Vec::as_slice) {
                if found.iter().any(|f| f.2 == a) {
                    continue;
                }
                let alias = &self.aliases[a as usize];
                let weight: Option<f32> = alias
                    .terms
                    .iter()
                    .map(|&t| sim(t).map(|s| self.idf(t) * s))
                    .sum();
                if let Some(w) = weight {
                    found.push((w, alias.terms.len(), a));
                }
            }
        }
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut used: Vec<TermId> = Vec::new();
        let mut out: Vec<Mention> = Vec::new();
        for (weight, _, a) in found {
            let alias = &self.aliases[a as usize];
            if alias.terms.iter().any(|t| used.contains(t)) {
                continue;
            }
            used.extend(&alias.terms);
            let entity = alias.entity as usize;
            let alike = if alias.generic {
                &self.named_alike[..]
            } else {
                &[][..]
            };
            let named = std::iter::once(entity).chain(alike.iter().map(|&e| e as usize));
            for entity in named {
                if !out.iter().any(|m| m.entity == entity) {
                    out.push(Mention {
                        entity,
                        weight,
                        generic: alias.generic,
                    });
                }
            }
        }
        out
    }

    /// True when `term` is a word of one of the entity's names, so a question
    /// that is only a name ("the Coordination Council?") can be told apart.
    pub fn is_entity_term(&self, entity: usize, term: TermId) -> bool {
        self.aliases_by_term.get(&term).is_some_and(|ids| {
            ids.iter()
                .any(|&a| self.aliases[a as usize].entity as usize == entity)
        })
    }

    /// True when a term only asks about a thing as a whole (是谁, 是什么).
    pub fn is_asking_term(&self, term: TermId) -> bool {
        self.asking.contains(&term)
    }

    /// The id of a term, added if new.
    fn intern(&mut self, key: String) -> TermId {
        let next = self.terms.len() as TermId;
        *self.terms.entry(key).or_insert(next)
    }

    /// The term a normalised token stands for: numbers as written, words
    /// stemmed and folded onto their synonym group.
    pub fn term_key(&self, token: &str, kind: TokenKind) -> String {
        if kind == TokenKind::Number {
            return token.to_string();
        }
        let stem = self.stemmers.stem(token);
        match self.synonyms.get(stem.as_ref()) {
            Some(canonical) => canonical.clone(),
            None => stem.into_owned(),
        }
    }

    /// Analyses a question into known and unknown terms. Stopwords and
    /// one-letter words are dropped; numbers must match exactly or be a
    /// rounding of a figure ("12.5" for 12.522); words of four
    /// letters or more that the index does not know are matched fuzzily.
    pub fn analyze(&self, question: &str) -> Vec<QueryTerm> {
        self.analyze_normalized(&normalize(question))
    }

    /// [`Index::analyze`] of a question already normalised.
    pub fn analyze_normalized(&self, normalized: &str) -> Vec<QueryTerm> {
        self.analyze_tokens(&self.segment(tokenize(normalized)))
    }

    /// [`Index::analyze`] of a question already tokenised and segmented
    /// ([`Index::segment`]).
    pub fn analyze_tokens(&self, tokens: &[Token]) -> Vec<QueryTerm> {
        let mut out: Vec<QueryTerm> = Vec::new();
        let mut skip = false;
        for (i, tok) in tokens.iter().enumerate() {
            if std::mem::take(&mut skip) {
                continue;
            }
            // "set up" is one word, "established", though "up" alone is none.
            if let Some(term) = self.phrase(tok, tokens.get(i + 1)) {
                skip = true;
                push_term(&mut out, term);
                continue;
            }
            // "Exchange rate" is out of scope, "exchange" and "rate" alone not.
            if let Some(next) = tokens.get(i + 1)
                && (self.out_of_scope_pairs.iter()).any(|(first, second)| {
                    *first == tok.text && *second == self.term_key(&next.text, next.kind)
                })
            {
                skip = true;
                out.push(QueryTerm::OutOfScope(format!("{} {}", tok.text, next.text)));
                continue;
            }
            if tok.kind == TokenKind::Word && !is_content_word(&tok.text) {
                continue;
            }
            // «виза» stems like «визит» but is another word.
            if tok.kind == TokenKind::Word && lexicon::is_false_friend(&tok.text) {
                out.push(QueryTerm::Common(tok.text.clone()));
                continue;
            }
            let key = self.term_key(&tok.text, tok.kind);
            let paraphrase = self.paraphrases.get(&key).copied();
            let term = match self.terms.get(&key) {
                Some(&t) => QueryTerm::Known {
                    term: t,
                    similarity: 1.0,
                    alt: (self.second_meanings.get(&tok.text)).map(|&p| (p, PARAPHRASE_SIMILARITY)),
                },
                None if paraphrase.is_some() => QueryTerm::Known {
                    term: paraphrase.unwrap_or_default(),
                    similarity: PARAPHRASE_SIMILARITY,
                    alt: None,
                },
                // A Chinese word of asking (占多少, 什么时候) is read by the
                // frame; like "how much" in English it is no evidence.
                None if tok.text.chars().any(is_han)
                    && crate::frame::chinese_cues().any(|c| c == tok.text) =>
                {
                    continue;
                }
                None if self.out_of_scope.contains(&key) => QueryTerm::OutOfScope(tok.text.clone()),
                // A real word is not a typo: "firms" is not a slip for "forms".
                None if tok.kind == TokenKind::Word && lexicon::is_common(&tok.text) => {
                    QueryTerm::Common(tok.text.clone())
                }
                None if tok.kind == TokenKind::Word => match self.fuzzy_term(&tok.text, &key) {
                    // "mcuh" is a slip for "much", not a word factbot lacks.
                    QueryTerm::Unknown(_) if is_stopword_typo(&tok.text) => continue,
                    // «всплыли»: a verb, however rare, is no name.
                    QueryTerm::Unknown(_) if lexicon::is_russian_verb_form(&tok.text) => {
                        QueryTerm::Common(tok.text.clone())
                    }
                    term => term,
                },
                None => match self.rounded(&tok.text) {
                    Some(term) => QueryTerm::Known {
                        term,
                        similarity: ROUNDED_SIMILARITY,
                        alt: None,
                    },
                    None => QueryTerm::Unknown(tok.text.clone()),
                },
            };
            push_term(&mut out, term);
        }
        out
    }

    /// The number of the facts that `number` is a rounding of: "12.5" and
    /// "13" are the document's 12.522, "11" its 10.98. None when the number
    /// has fewer than two digits (a "2" could round anything) or rounds more
    /// than one number of the facts.
    fn rounded(&self, number: &str) -> Option<TermId> {
        let places = decimal_places(number)?;
        if number
            .bytes()
            .filter(u8::is_ascii_digit)
            .skip_while(|&b| b == b'0')
            .count()
            < 2
        {
            return None;
        }
        let mut found = (self.decimals.iter())
            .filter(|&&(value, digits, _)| digits > places && format!("{value:.places$}") == number)
            .map(|&(_, _, term)| term);
        let first = found.next()?;
        found.all(|t| t == first).then_some(first)
    }

    /// The term of two words that are a phrase of a synonym group.
    fn phrase(&self, first: &Token, second: Option<&Token>) -> Option<QueryTerm> {
        let second = second?;
        if first.kind != TokenKind::Word
            || second.kind != first.kind
            || !self.phrase_ends.contains(&second.text)
        {
            return None;
        }
        let key = (
            self.stemmers.stem(&first.text).into_owned(),
            self.stemmers.stem(&second.text).into_owned(),
        );
        let term = *self.terms.get(self.phrases.get(&key)?)?;
        Some(QueryTerm::Known {
            term,
            similarity: 1.0,
            alt: None,
        })
    }

    fn fuzzy_term(&self, word: &str, stem: &str) -> QueryTerm {
        if word.chars().any(is_han) {
            // The closest words must all mean the same: 投姿 is one slip from
            // 投资 and 投入, both "invest".
            let found = self.han_fuzzy.lookup(word).and_then(|(ids, similarity)| {
                let term = self.han_terms[ids[0] as usize];
                ids.iter()
                    .all(|&i| self.han_terms[i as usize] == term)
                    .then_some((term, similarity))
            });
            return match found {
                Some((term, similarity)) => QueryTerm::Known {
                    term,
                    similarity,
                    alt: None,
                },
                None => QueryTerm::Unknown(word.to_string()),
            };
        }
        let found = self.fuzzy.lookup(word).or_else(|| self.fuzzy.lookup(stem));
        match found {
            Some(m) => QueryTerm::Known {
                term: self.fuzzy_terms[m.word as usize],
                similarity: m.similarity,
                alt: None,
            },
            None => match self.clipped(word) {
                Some(term) => QueryTerm::Known {
                    term,
                    similarity: CLIPPED_SIMILARITY,
                    alt: None,
                },
                None => QueryTerm::Unknown(word.to_string()),
            },
        }
    }

    /// The term a word clipped short stands for («коорд совет», "coord
    /// council", "infra"): the one term of every vocabulary word it begins.
    /// Five letters at least, so that a short name is not read as the start
    /// of some longer word.
    fn clipped(&self, word: &str) -> Option<TermId> {
        if word.chars().count() < MIN_CLIPPED_CHARS || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        let mut terms = self
            .fuzzy
            .extending(word)
            .map(|w| self.fuzzy_terms[w as usize]);
        let term = terms.next()?;
        terms.all(|t| t == term).then_some(term)
    }

    /// The IDF of a term.
    pub fn idf(&self, term: TermId) -> f32 {
        self.idf[term as usize]
    }

    /// The IDF an unknown word counts for: that of a word in no fact.
    pub fn unknown_idf(&self) -> f32 {
        self.unknown_idf
    }

    /// The facts a term appears in, with the field weight.
    pub fn postings(&self, term: TermId) -> &[(u32, f32)] {
        let t = term as usize;
        &self.postings[self.posting_starts[t] as usize..self.posting_starts[t + 1] as usize]
    }

    /// True when a fact says a term itself: in its keywords, questions,
    /// answer, figures or dates, or the names of what it is mainly about;
    /// not only in the source sentence it shares with other facts, its
    /// topic or the names of other things it mentions.
    pub fn says(&self, fact: usize, term: TermId) -> bool {
        self.postings(term)
            .iter()
            .any(|&(f, w)| f as usize == fact && w >= weight::ANSWER)
    }

    /// The sum of idf × weight over a fact's terms.
    pub fn fact_mass(&self, fact: usize) -> f32 {
        self.fact_mass[fact]
    }

    /// The text of a term (a stem), for explaining a ranking; a linear
    /// search, not for the answering path.
    pub fn term_text(&self, term: TermId) -> Option<&str> {
        (self.terms.iter())
            .find(|&(_, &t)| t == term)
            .map(|(text, _)| text.as_str())
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// Number of entries in the typo index.
    pub fn fuzzy_entries(&self) -> usize {
        self.fuzzy.len()
    }
}

/// A word that can be a term: not a stopword and longer than one letter.
/// Knowledge text and questions go through the same test, so a word the
/// index left out is never looked for.
fn is_content_word(word: &str) -> bool {
    // One Chinese character can be a word (桥, 岛); one letter cannot.
    !is_stopword(word) && (word.chars().count() >= 2 || word.chars().all(is_han))
}

/// The knowledge set's Chinese words, for the segmenter's dictionary: its
/// keywords, entity names, synonyms, paraphrases and out-of-scope words.
fn chinese_words(kb: &KnowledgeBase) -> Vec<String> {
    let mut texts: Vec<&String> = Vec::new();
    for fact in &kb.facts {
        texts.extend(&fact.keywords.zh);
    }
    for e in &kb.entities {
        texts.extend(&e.aliases.zh);
        texts.push(&e.name.zh);
    }
    texts.extend(kb.synonyms.iter().flatten());
    texts.extend(&kb.out_of_scope);
    let mut words: Vec<String> = texts
        .into_iter()
        .filter(|t| t.chars().any(is_han))
        .flat_map(|t| {
            normalize(t)
                .split(' ')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    words.sort();
    words.dedup();
    words
}

/// BM25's IDF: rare terms ("Tongjiang") count far more than common ones ("China").
fn bm25_idf(n: f32, df: f32) -> f32 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Adds a question's term: the same term twice counts once, at its best
/// similarity.
fn push_term(out: &mut Vec<QueryTerm>, term: QueryTerm) {
    let dup = out.iter_mut().find(|q| match (q, &term) {
        (QueryTerm::Known { term: a, .. }, QueryTerm::Known { term: b, .. }) => a == b,
        (QueryTerm::Unknown(a), QueryTerm::Unknown(b)) => a == b,
        (QueryTerm::Common(a), QueryTerm::Common(b)) => a == b,
        (QueryTerm::OutOfScope(a), QueryTerm::OutOfScope(b)) => a == b,
        _ => false,
    });
    match (dup, &term) {
        (Some(QueryTerm::Known { similarity, .. }), QueryTerm::Known { similarity: s, .. }) => {
            *similarity = similarity.max(*s)
        }
        (Some(_), _) => {}
        (None, _) => out.push(term),
    }
}

/// The texts of a fact with the weight each field gives its words.
fn fact_fields(kb: &KnowledgeBase, fact: &Fact) -> Vec<(String, f32)> {
    let mut fields: Vec<(String, f32)> = Vec::new();
    for (i, id) in fact.about.iter().enumerate() {
        let Some(entity) = kb.entity(id) else {
            continue;
        };
        let w = if i == 0 {
            weight::MAIN_ENTITY
        } else {
            weight::OTHER_ENTITY
        };
        fields.extend(entity.aliases.all().map(|a| (a.clone(), w)));
        for lang in Lang::ALL {
            fields.push((entity.name.get(lang).to_string(), weight::OTHER_ENTITY));
        }
    }
    fields.extend(fact.keywords.all().map(|k| (k.clone(), weight::KEYWORD)));
    fields.extend(fact.questions.all().map(|q| (q.clone(), weight::QUESTION)));
    for lang in Lang::ALL {
        fields.push((fact.answer.get(lang).to_string(), weight::ANSWER));
        fields.push((fact.topic.name(lang).to_string(), weight::TOPIC));
    }
    fields.push((fact.source.clone(), weight::SOURCE));
    for fig in &fact.figures {
        fields.push((fig.text.clone(), weight::FIGURE));
        if let Some(year) = fig.year {
            fields.push((year.to_string(), weight::FIGURE));
        }
        if let Some(change) = &fig.change {
            fields.push((change.clone(), weight::FIGURE));
        }
    }
    for date in &fact.dates {
        fields.push((date.replace('-', " "), weight::DATE));
        if let Some((_, month)) = date.split_once('-')
            && month.len() == 2
            && let Ok(m @ 1..=12) = month.parse::<usize>()
        {
            let (en, ru) = MONTHS[m - 1];
            fields.push((format!("{en} {ru}"), weight::DATE));
        }
    }
    if let Some(d) = &fact.derived {
        fields.push((d.arithmetic.en.clone(), weight::ARITHMETIC));
        fields.push((d.arithmetic.ru.clone(), weight::ARITHMETIC));
    }
    fields
}

/// The digits after the point of a plain decimal number ("12.5" → 1, "141"
/// → 0); None when `text` is not one.
fn decimal_places(text: &str) -> Option<usize> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match text.split_once('.') {
        None => digits(text).then_some(0),
        Some((whole, fraction)) => (digits(whole) && digits(fraction)).then_some(fraction.len()),
    }
}
