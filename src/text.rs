//! Text processing shared by the index and the questions: normalisation,
//! tokenisation, stopwords and stemming.
//!
//! The same pipeline runs over knowledge text at start-up and over every
//! question, so a word in a fact and the same word in a question always end up
//! as the same term.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use frostem::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

use crate::fuzzy::FuzzyIndex;
use crate::lang::is_cyrillic;

/// Questions are cut to this many characters before matching. Telegram caps a
/// message at 4096; the cut keeps the time per question bounded for anything
/// longer (a 100 KB paste gets the same treatment as its first page).
pub const MAX_QUESTION_CHARS: usize = 4096;

/// The first `max` characters of `s`. Every cut by length (a question,
/// a button label, a quoted question) goes through here, so none can split
/// a character.
pub fn truncate_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// What a token is: numbers never match fuzzily and are never stemmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
}

/// One token of normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub kind: TokenKind,
}

/// Unicode NFKC, lowercase, `ё`→`е`, `ъ`→`ь`, homoglyphs folded inside mixed-script
/// words; control, format (zero-width, bidi) and punctuation characters become
/// spaces, except the `.`/`,` inside a number (`12.522`, `12,522`).
pub fn normalize(input: &str) -> String {
    // Most text is already in NFKC (all ASCII is): skip the decomposition then.
    // ASCII, Russian letters and the common Han ideographs are in NFKC
    // already, and checking them is quicker than asking the tables.
    let plain = |c: char| {
        c.is_ascii() || matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' | '\u{4E00}'..='\u{9FFF}')
    };
    let nfkc: Cow<str> = if input.chars().all(plain)
        || unicode_normalization::is_nfkc_quick(input.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        Cow::Borrowed(input)
    } else {
        Cow::Owned(input.nfkc().collect())
    };
    // Chinese after NFKC, which turns compatibility ideographs and radicals
    // into the characters the traditional-to-simplified table knows.
    let nfkc = if nfkc.chars().any(crate::lang::is_han) {
        Cow::Owned(crate::chinese::normalize(&nfkc))
    } else {
        nfkc
    };
    let out = normalize_chars(nfkc.len(), nfkc.chars());
    fold_homoglyphs(out)
}

/// [`normalize`] after NFKC: lowercase, fold, and turn everything that is not
/// a letter, a digit or a number's separator into single spaces.
fn normalize_chars(len: usize, chars: impl Iterator<Item = char>) -> String {
    let mut out = Normalized {
        text: String::with_capacity(len),
        separator: false,
    };
    for c in chars {
        // The knowledge base's own scripts first, without Unicode's tables:
        // start-up normalises all of its text.
        match c {
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
            'а'..='я' | '\u{4E00}'..='\u{9FFF}' => out.push(c),
            c => {
                for lower in c.to_lowercase() {
                    out.push(lower);
                }
            }
        }
    }
    let mut text = out.text;
    if text.ends_with(' ') {
        text.pop();
    }
    text
}

/// The output of [`normalize_chars`], one lowercase char at a time.
struct Normalized {
    text: String,
    /// A '.' or ',' right after a digit was held back: it is a decimal
    /// separator if a digit follows, a space otherwise.
    separator: bool,
}

impl Normalized {
    fn push(&mut self, c: char) {
        // ё is optional in Russian writing; ъ for ь is a common slip (обьем).
        let c = match c {
            'ё' => 'е',
            'ъ' => 'ь',
            c => c,
        };
        if std::mem::take(&mut self.separator) {
            if c.is_ascii_digit() {
                // A decimal point or a Russian decimal comma: both become '.'.
                self.text.push('.');
            } else {
                self.space();
            }
        }
        // Cyrillic а–я and the common Han ideographs are letters: no table
        // lookup for them.
        let letter = match c {
            c if c.is_ascii() => c.is_ascii_alphanumeric(),
            'а'..='я' | '\u{4E00}'..='\u{9FFF}' => true,
            c => c.is_alphanumeric(),
        };
        if letter {
            self.text.push(c);
        } else if matches!(c, '.' | ',') && self.text.ends_with(|p: char| p.is_ascii_digit()) {
            self.separator = true;
        } else if c == '%' {
            self.space();
            self.text.push_str("% ");
        } else {
            self.space();
        }
    }

    /// One space between words, none at the start.
    fn space(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
    }
}

/// Lowercase Latin letters that look like Cyrillic ones, in pairs.
const HOMOGLYPHS: [(char, char); 8] = [
    ('a', 'а'),
    ('e', 'е'),
    ('o', 'о'),
    ('p', 'р'),
    ('c', 'с'),
    ('x', 'х'),
    ('y', 'у'),
    ('k', 'к'),
];

/// A word written mostly in one script with look-alike letters of the other
/// (`мoст` with a Latin `o`) is rewritten in its majority script.
fn fold_homoglyphs(text: String) -> String {
    // Only text with both scripts can hold a mixed word.
    if !text.chars().any(is_cyrillic) || !text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let cyr = word.chars().filter(|&c| is_cyrillic(c)).count();
        let lat = word.chars().filter(|c| c.is_ascii_alphabetic()).count();
        if cyr == 0 || lat == 0 {
            out.push_str(word);
            continue;
        }
        let to_cyrillic = cyr >= lat;
        for c in word.chars() {
            let mapped = HOMOGLYPHS.iter().find_map(|&(l, k)| match to_cyrillic {
                true if c == l => Some(k),
                false if c == k => Some(l),
                _ => None,
            });
            out.push(mapped.unwrap_or(c));
        }
    }
    out
}

/// Splits normalised text into words and numbers. Letters and digits are
/// separate tokens (`1990s` → `1990`, `s`); `%` becomes the word `percent`.
pub fn tokenize(normalized: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for chunk in normalized.split(' ') {
        let mut current = String::new();
        let mut kind = TokenKind::Word;
        for c in chunk.chars() {
            let is_num = c.is_ascii_digit() || (c == '.' && kind == TokenKind::Number);
            let this = if is_num {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            if !current.is_empty() && this != kind {
                push_token(&mut tokens, std::mem::take(&mut current), kind);
            }
            kind = this;
            current.push(c);
        }
        if !current.is_empty() {
            push_token(&mut tokens, current, kind);
        }
    }
    tokens
}

fn push_token(tokens: &mut Vec<Token>, text: String, kind: TokenKind) {
    let text = match text.as_str() {
        "%" => "percent".to_string(),
        _ => text,
    };
    tokens.push(Token { text, kind });
}

/// Words that carry no meaning for matching, English and Russian.
static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("stopwords.txt")
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
});
/// True when a normalised word is a stopword.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(word)
}

/// Stopwords long enough to be mistyped, indexed for typo lookup.
static STOPWORD_TYPOS: LazyLock<FuzzyIndex> =
    LazyLock::new(|| FuzzyIndex::build(STOPWORDS.iter().map(|w| w.to_string()).collect()));

/// True when a word is one slip away from a stopword of four letters or
/// more ("mcuh", "whta", "скольк"), so it is dropped rather than counted as
/// a word the knowledge base does not know.
pub fn is_stopword_typo(word: &str) -> bool {
    STOPWORD_TYPOS.lookup(word).is_some() || is_clipped_stopword(word)
}

/// True when a three-letter word is a stopword of four letters with one
/// letter dropped ("wat", "hav", "wen"). Only words that are neither in the
/// knowledge base nor everyday words get here, so "hat" or "men" never do.
fn is_clipped_stopword(word: &str) -> bool {
    word.chars().count() == 3 && STOPWORD_TYPOS.is_clipped(word)
}

/// Snowball stemming for English and Russian; a word is stemmed by its script.
#[derive(Clone, Copy)]
pub struct Stemmers {
    en: Stemmer,
    ru: Stemmer,
}

impl std::fmt::Debug for Stemmers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stemmers(english, russian)")
    }
}

impl Default for Stemmers {
    fn default() -> Self {
        Self {
            en: Stemmer::new(Algorithm::English),
            ru: Stemmer::new(Algorithm::Russian),
        }
    }
}

impl Stemmers {
    /// The stem of a normalised word; words in other scripts are kept whole.
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if word.chars().any(is_cyrillic) {
            self.ru.stem(word)
        } else if word.chars().any(|c| c.is_ascii_alphabetic()) {
            self.en.stem(word)
        } else {
            Cow::Borrowed(word)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes() {
        let cases = [
            ("How MUCH did China invest?", "how much did china invest"),
            ("Ёлка «мост»!", "елка мост"),
            ("US$12.522 billion", "us 12.522 billion"),
            ("12,522 млрд", "12.522 млрд"),
            ("trade, commerce", "trade commerce"),
            ("29%", "29 %"),
            ("zero\u{200B}width\u{200F}", "zero width"),
            ("ＦＵＬＬ　ｗｉｄｔｈ", "full width"),
            ("мoст", "мост"),
            ("brіdge", "brіdge"),
            ("  \t\n ", ""),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "{input:?}");
        }
    }

    /// The first, plain implementation of [`normalize`]: the fast one must
    /// agree with it on every input.
    fn reference_normalize(input: &str) -> String {
        let nfkc: String = input.nfkc().collect();
        let chinese;
        let input = if nfkc.chars().any(crate::lang::is_han) {
            chinese = crate::chinese::normalize(&nfkc);
            chinese.as_str()
        } else {
            input
        };
        let mut out = String::new();
        let chars: Vec<char> = input.nfkc().flat_map(char::to_lowercase).collect();
        for (i, &c) in chars.iter().enumerate() {
            let c = match c {
                'ё' => 'е',
                'ъ' => 'ь',
                c => c,
            };
            if c.is_alphanumeric() {
                out.push(c);
            } else if matches!(c, '.' | ',')
                && i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
            {
                out.push('.');
            } else if c == '%' {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push_str("% ");
            } else if !out.ends_with(' ') {
                out.push(' ');
            }
        }
        fold_homoglyphs(out.trim().to_string())
    }

    proptest::proptest! {
        #[test]
        fn fast_normalize_agrees_with_the_reference(
            s in "([a-zA-Zа-яА-ЯёЁъ0-9 .,%İẞﬁ\u{200B}\u{0301}貿易中國一龥-]|\\PC){0,40}"
        ) {
            proptest::prop_assert_eq!(normalize(&s), reference_normalize(&s));
        }
    }

    #[test]
    fn normalizing_twice_changes_nothing() {
        for s in ["Ёж, 12,5%", "мoст Makhhalino-Hunchun", "\u{202E}abc"] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once);
        }
    }

    #[test]
    fn tokenizes_words_and_numbers() {
        let toks = tokenize(&normalize("In 1990s trade rose 14% to US$12.522 bn"));
        let got: Vec<(&str, TokenKind)> = toks.iter().map(|t| (t.text.as_str(), t.kind)).collect();
        use TokenKind::*;
        assert_eq!(
            got,
            vec![
                ("in", Word),
                ("1990", Number),
                ("s", Word),
                ("trade", Word),
                ("rose", Word),
                ("14", Number),
                ("percent", Word),
                ("to", Word),
                ("us", Word),
                ("12.522", Number),
                ("bn", Word),
            ]
        );
    }

    #[test]
    fn stems_by_script() {
        let s = Stemmers::default();
        let cases = [
            ("investments", "invest"),
            ("bridges", "bridg"),
            ("инвестиции", "инвестиц"),
            ("мосту", "мост"),
            ("моста", "мост"),
            ("2013", "2013"),
            ("通江", "通江"),
        ];
        for (word, want) in cases {
            assert_eq!(s.stem(word), want, "{word}");
        }
    }

    #[test]
    fn stopwords_cover_both_languages() {
        assert!(is_stopword("the"));
        assert!(is_stopword("сколько"));
        assert!(!is_stopword("bridge"));
        assert!(!is_stopword("мост"));
        assert!(is_stopword_typo("mcuh"));
        assert!(is_stopword_typo("скольок"));
        assert!(!is_stopword_typo("much"), "exact stopwords are not typos");
        assert!(is_stopword_typo("wat"), "what, one letter dropped");
        assert!(is_stopword_typo("hav"));
        assert!(!is_stopword_typo("xyz"));
        assert!(!is_stopword_typo("bridge"));
    }

    #[test]
    fn truncates_at_characters() {
        let cases = [
            ("", 3, ""),
            ("abc", 3, "abc"),
            ("abcd", 3, "abc"),
            ("мост", 2, "мо"),
            ("😀😀😀", 1, "😀"),
            ("abc", 0, ""),
        ];
        for (s, max, want) in cases {
            assert_eq!(truncate_chars(s, max), want, "{s:?} to {max}");
        }
    }
}
