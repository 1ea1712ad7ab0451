//! The obvious matcher, as a baseline: compare the question with every fact's
//! text (its answer and its questions, both languages) using `strsim`, and
//! take the fact with the most similar text. No index, no stemming, no IDF.

#![allow(dead_code)]

use factbot::KnowledgeBase;

/// Every fact's texts, lowercased once up front (as a naive bot would).
pub struct Naive {
    texts: Vec<Vec<String>>,
}

impl Naive {
    pub fn new(kb: &KnowledgeBase) -> Naive {
        let texts = kb
            .facts
            .iter()
            .map(|f| {
                [&f.answer.en, &f.answer.ru]
                    .into_iter()
                    .chain(f.questions.all())
                    .map(|t| t.to_lowercase())
                    .collect()
            })
            .collect();
        Naive { texts }
    }

    /// The best fact and its similarity (Jaro–Winkler over whole strings).
    pub fn ask(&self, question: &str) -> Option<(usize, f64)> {
        let q = question.to_lowercase();
        let mut best: Option<(usize, f64)> = None;
        for (i, texts) in self.texts.iter().enumerate() {
            for t in texts {
                let s = strsim::jaro_winkler(&q, t);
                if best.is_none_or(|(_, b)| s > b) {
                    best = Some((i, s));
                }
            }
        }
        best
    }
}

/// Typo matching without an index: the closest word of the whole vocabulary
/// by Damerau–Levenshtein, within the distance `FuzzyIndex::lookup` allows.
pub fn linear_fuzzy(vocabulary: &[String], word: &str) -> Option<usize> {
    let len = word.chars().count();
    let max = if len >= 8 { 2 } else { 1 };
    let mut best: Option<(usize, usize)> = None;
    for (i, w) in vocabulary.iter().enumerate() {
        let d = strsim::damerau_levenshtein(word, w);
        if d <= max && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, i));
        }
    }
    best.filter(|&(d, _)| d > 0).map(|(_, i)| i)
}
