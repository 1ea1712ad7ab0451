//! Typo tolerance: finds the knowledge word closest to a misspelt question word.
//!
//! Candidates come from a SymSpell-style index of single-character deletions
//! (a word and a typo of it share a one-deletion variant whenever they differ
//! by one insertion, deletion, substitution or swap), so a lookup costs a few
//! binary searches whatever the size of the vocabulary. Candidates are then
//! checked with `strsim`'s Damerau–Levenshtein distance over characters (not
//! bytes, so Cyrillic counts right).

use std::hash::{BuildHasher, Hasher};

/// Words shorter than this (in characters) never match fuzzily.
pub const MIN_FUZZY_CHARS: usize = 4;

/// A match of a misspelt word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FuzzyMatch {
    /// The index of the vocabulary word, as given to [`FuzzyIndex::build`].
    pub word: u32,
    /// Similarity in (0, 1]: 1 − distance / length.
    pub similarity: f32,
}

/// A deletion index over a vocabulary.
#[derive(Debug, Default)]
pub struct FuzzyIndex {
    /// Every word's hash and its one-deletion variants' hashes, each with
    /// the index of its word in the low [`OWNER_BITS`] bits, sorted: 8 bytes
    /// an entry (millions of entries on a large knowledge base), and a sort
    /// of plain integers at start-up. The hash keeps its high bits only; two
    /// variants that then collide give one more candidate, which the edit
    /// distance turns down.
    entries: Vec<u64>,
    words: Vec<Box<str>>,
    /// Russian words by how they sound ([`sound_key`]), sorted: (hash of
    /// the key, word).
    sounds: Vec<(u64, u32)>,
    /// Every word's index, in the words' alphabetical order: the words that
    /// begin with a prefix are a run of it.
    alphabetical: Vec<u32>,
}

/// Bits of an entry that hold the index of its word: up to 16 million
/// words are indexed.
const OWNER_BITS: u32 = 24;
const OWNER_MASK: u64 = (1 << OWNER_BITS) - 1;

/// Russian words shorter than this are not matched by sound.
const MIN_SOUND_CHARS: usize = 6;

/// A Russian word as it sounds: unstressed о is said as а, and doubled
/// letters as one, so «таваробарот» and «товарооборот» share a key. Writing
/// а for о is the commonest slip in Russian, and one word may hold
/// several, more than the edit distance allows. None for a word that is not
/// all Cyrillic.
fn sound_key(word: &str) -> Option<Vec<char>> {
    let mut key: Vec<char> = Vec::with_capacity(word.len());
    for c in word.chars() {
        if !crate::lang::is_cyrillic(c) {
            return None;
        }
        let c = match c {
            'о' => 'а',
            'э' => 'е',
            c => c,
        };
        if key.last() != Some(&c) {
            key.push(c);
        }
    }
    Some(key)
}

/// A fixed-key hasher so the index is the same on every run.
#[derive(Default, Clone, Copy)]
struct FixedState;

impl BuildHasher for FixedState {
    type Hasher = std::collections::hash_map::DefaultHasher;
    fn build_hasher(&self) -> Self::Hasher {
        std::collections::hash_map::DefaultHasher::new()
    }
}

fn hash(chars: &[char], skip: Option<usize>) -> u64 {
    let mut h = FixedState.build_hasher();
    for (i, c) in chars.iter().enumerate() {
        if Some(i) != skip {
            h.write_u32(*c as u32);
        }
    }
    h.write_u8(0xff);
    h.finish()
}

impl FuzzyIndex {
    /// Indexes the words that are long enough to be matched fuzzily.
    pub fn build(words: Vec<String>) -> Self {
        let mut entries = Vec::new();
        for (i, w) in words.iter().enumerate().take(1 << OWNER_BITS) {
            let chars: Vec<char> = w.chars().collect();
            if chars.len() < MIN_FUZZY_CHARS {
                continue;
            }
            let entry = |h: u64| (h & !OWNER_MASK) | i as u64;
            entries.push(entry(hash(&chars, None)));
            for skip in 0..chars.len() {
                entries.push(entry(hash(&chars, Some(skip))));
            }
        }
        entries.sort_unstable();
        entries.dedup();
        let mut sounds: Vec<(u64, u32)> = (words.iter().enumerate())
            .filter(|(_, w)| w.chars().count() >= MIN_SOUND_CHARS)
            .filter_map(|(i, w)| sound_key(w).map(|k| (hash(&k, None), i as u32)))
            .collect();
        sounds.sort_unstable();
        let mut alphabetical: Vec<u32> = (0..words.len() as u32).collect();
        alphabetical.sort_by(|&a, &b| words[a as usize].cmp(&words[b as usize]));
        FuzzyIndex {
            entries,
            words: words.into_iter().map(String::into_boxed_str).collect(),
            sounds,
            alphabetical,
        }
    }

    /// The indexes of the vocabulary words that begin with `prefix` and are
    /// at least two characters longer: what a clipped word ("коорд",
    /// "coord") may stand for.
    pub fn extending<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = u32> + 'a {
        let len = prefix.chars().count();
        let word = |i: &u32| &*self.words[*i as usize];
        let start = self.alphabetical.partition_point(|i| word(i) < prefix);
        self.alphabetical[start..]
            .iter()
            .take_while(move |i| word(i).starts_with(prefix))
            .filter(move |i| word(i).chars().count() >= len + 2)
            .copied()
    }

    /// The number of (variant, word) entries, for memory reports.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The closest vocabulary word within the allowed distance: one edit for
    /// words of 4–7 characters, two from 8 (the candidates are those sharing a
    /// one-deletion variant, so a two-edit match is found only when the edits
    /// overlap, e.g. a swap plus a doubled letter). Ties go to the lower index.
    pub fn lookup(&self, word: &str) -> Option<FuzzyMatch> {
        let chars: Vec<char> = word.chars().collect();
        let len = chars.len();
        if len < MIN_FUZZY_CHARS || !chars.iter().all(|c| c.is_alphabetic()) {
            return None;
        }
        let max_distance = if len >= 8 { 2 } else { 1 };
        let mut best: Option<(usize, u32)> = None;
        let mut probe = |h: u64| {
            for w in self.owners_of(h) {
                let d = strsim::damerau_levenshtein(word, &self.words[w as usize]);
                if d <= max_distance && best.is_none_or(|(bd, bw)| (d, w) < (bd, bw)) {
                    best = Some((d, w));
                }
            }
        };
        probe(hash(&chars, None));
        for skip in 0..len {
            probe(hash(&chars, Some(skip)));
        }
        if best.is_none() {
            best = self.by_sound(word);
        }
        best.filter(|&(d, _)| d > 0).map(|(d, w)| {
            let target = self.words[w as usize].chars().count().max(len) as f32;
            FuzzyMatch {
                word: w,
                similarity: 1.0 - d as f32 / target,
            }
        })
    }

    /// The Russian word that sounds like `word` (see [`sound_key`]) with
    /// its edit distance, when exactly one word does.
    fn by_sound(&self, word: &str) -> Option<(usize, u32)> {
        if word.chars().count() < MIN_SOUND_CHARS {
            return None;
        }
        let h = hash(&sound_key(word)?, None);
        let start = self.sounds.partition_point(|e| e.0 < h);
        let mut same = self.sounds[start..].iter().take_while(|e| e.0 == h);
        let (_, w) = *same.next()?;
        if same.next().is_some() {
            return None;
        }
        Some((
            strsim::damerau_levenshtein(word, &self.words[w as usize]),
            w,
        ))
    }

    /// True when `word` is an indexed word with one letter dropped ("wat"
    /// for "what"), however short: the word's own hash is among the indexed
    /// word's one-deletion variants.
    pub fn is_clipped(&self, word: &str) -> bool {
        let chars: Vec<char> = word.chars().collect();
        chars.iter().all(|c| c.is_alphabetic())
            && self.owners_of(hash(&chars, None)).any(|w| {
                let indexed = &self.words[w as usize];
                indexed.chars().count() == chars.len() + 1
                    && strsim::damerau_levenshtein(word, indexed) == 1
            })
    }

    /// The words one of whose variants has hash `h`.
    fn owners_of(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        let key = h & !OWNER_MASK;
        let start = self.entries.partition_point(|&e| e < key);
        self.entries[start..]
            .iter()
            .take_while(move |&&e| e & !OWNER_MASK == key)
            .map(|&e| (e & OWNER_MASK) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_words_a_prefix_begins_in_any_order() {
        let words = [
            "координационный",
            "council",
            "координация",
            "коорд",
            "cooperation",
        ];
        let index = FuzzyIndex::build(words.iter().map(|w| w.to_string()).collect());
        let mut found: Vec<&str> = index
            .extending("коорд")
            .map(|i| words[i as usize])
            .collect();
        found.sort();
        // Not "коорд" itself: a prefix stands for a longer word.
        assert_eq!(found, ["координационный", "координация"]);
        assert_eq!(index.extending("zzz").count(), 0);
    }

    fn index() -> FuzzyIndex {
        let words = [
            "investment",
            "bridge",
            "makhhalino",
            "tongjiang",
            "торговля",
            "мост",
            "amur",
        ];
        FuzzyIndex::build(words.iter().map(|w| w.to_string()).collect())
    }

    #[test]
    fn finds_typos() {
        let idx = index();
        let cases = [
            ("investmnet", Some(0)),
            ("brigde", Some(1)),
            ("bridges", Some(1)),
            ("makhalino", Some(2)),
            ("tongjaing", Some(3)),
            ("тоговля", Some(4)),
            ("мостт", Some(5)),
            ("amyr", Some(6)),
            ("bridge", None), // exact words are not typos
            ("brdg", None),   // too far for a short word
            ("weather", None),
            ("mst", None), // too short to guess
            ("2013", None),
        ];
        for (word, want) in cases {
            assert_eq!(idx.lookup(word).map(|m| m.word), want, "{word}");
        }
    }

    #[test]
    fn a_russian_word_written_as_it_sounds_is_found() {
        let idx = FuzzyIndex::build(vec!["товарооборот".into(), "торговля".into()]);
        let m = idx.lookup("таваробарот").expect("found by sound");
        assert_eq!(m.word, 0);
        assert!((m.similarity - 0.75).abs() < 1e-6, "{m:?}");
        assert_eq!(idx.lookup("тавар"), None, "too short to guess");
    }

    #[test]
    fn similarity_reflects_distance_and_length() {
        let idx = index();
        let long = idx.lookup("investmant").unwrap();
        let short = idx.lookup("brigde").unwrap();
        assert!((long.similarity - 0.9).abs() < 1e-6, "{long:?}");
        assert!(
            (short.similarity - (1.0 - 1.0 / 6.0)).abs() < 1e-6,
            "{short:?}"
        );
    }
}
