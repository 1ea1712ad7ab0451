//! Everyday words of English, Russian and Chinese, generated from wordfreq,
//! WordNet, OpenCorpora and jieba's tagged dictionary by `scripts/lexicon.py` (sources and licences there and
//! in the README). A question word the knowledge base does not know is
//! either an everyday word ("firms", "chairs", "period") — no evidence for or
//! against any fact — or a name or term ("Messi", "Gazprom"), which counts
//! against every fact because the knowledge base does not cover it.

use crate::lang::{is_cyrillic, is_han};

/// Sorted, one word per line, after `#` comment lines.
const EN: &str = include_str!("lexicon/common-en.txt");
const RU: &str = include_str!("lexicon/common-ru.txt");
const ZH: &str = include_str!("lexicon/common-zh.txt");
/// Frequent two-character Chinese names (普京, 东京), sorted.
const ZH_NAMES: &str = include_str!("lexicon/names-zh.txt");
/// Russian nouns that share a Snowball stem with another noun of the
/// knowledge base (виза beside визит), sorted like the lists above.
const RU_FALSE_FRIENDS: &str = include_str!("lexicon/false-friends-ru.txt");

/// True when `word` (normalised: lowercase, ё→е) is an everyday word.
pub fn is_common(word: &str) -> bool {
    let list = if word.chars().any(is_han) {
        ZH
    } else if word.chars().any(is_cyrillic) {
        RU
    } else if word.bytes().all(|b| b.is_ascii_lowercase()) {
        EN
    } else {
        return false;
    };
    sorted_lines_contain(list, word)
}

/// True when `word` (normalised) is a Russian verb form by its ending:
/// «всплыли», «подстегнуть», «сдвинулось», «согласующий». The list above
/// has the frequent forms; a rarer form of a verb is still an everyday word,
/// and names end otherwise (Путин, Медведев, Харбине, Якутии). Seven
/// letters at least, so that short names (Тула, Бали, Ангола) are not read
/// as verbs, and no masculine past in -л (Байкал, Урал).
pub fn is_russian_verb_form(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        // infinitive
        "ать",
        "ять",
        "еть",
        "ить",
        "уть",
        "ыть",
        "оть",
        "ться",
        // past, feminine, neuter and plural, and reflexive
        "ала",
        "яла",
        "ела",
        "ила",
        "ыла",
        "ула",
        "ола",
        "али",
        "яли",
        "ели",
        "или",
        "ыли",
        "ули",
        "оли",
        "ало",
        "яло",
        "ело",
        "ило",
        "ыло",
        "уло",
        "оло",
        "лся",
        "лась",
        "лось",
        "лись",
        // present
        "ует",
        "уют",
        "ает",
        "ают",
        "яет",
        "яют",
        "еет",
        "еют",
        "ится",
        "ятся",
        "ется",
        "ются",
        "ешь",
        "ишь",
        "ете",
        "ите",
        "йте",
        // participles
        "ющий",
        "ющая",
        "ющее",
        "ющие",
        "ющих",
        "ющим",
        "ющую",
        "ющего",
        "ющей",
        "ащий",
        "ащая",
        "ащее",
        "ащие",
        "ащих",
        "ящий",
        "ящая",
        "ящее",
        "ящие",
        "ящих",
        "вший",
        "вшая",
        "вшее",
        "вшие",
        "вших",
    ];
    word.chars().count() >= 7
        && word.chars().all(crate::lang::is_cyrillic)
        && ENDINGS.iter().any(|e| word.ends_with(e))
}

/// True when `word` (normalised) is an everyday Russian noun that only
/// looks like a word of the knowledge base once stemmed: виза is not визит.
pub fn is_false_friend(word: &str) -> bool {
    word.chars().any(is_cyrillic) && sorted_lines_contain(RU_FALSE_FRIENDS, word)
}

/// True when `word` is a frequent two-character Chinese name: most
/// two-character words are ordinary (修好), these are not.
pub fn is_chinese_name(word: &str) -> bool {
    word.chars().all(is_han) && sorted_lines_contain(ZH_NAMES, word)
}

/// Binary search over the lines of a sorted list, without building an index
/// (nothing to pay at start-up): each probe backs up to the start of a line.
fn sorted_lines_contain(list: &str, word: &str) -> bool {
    let bytes = list.as_bytes();
    let word = word.as_bytes();
    let line_end = |from: usize| {
        bytes[from..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| from + i)
    };
    // Skip the header comments.
    let mut lo = 0;
    while bytes.get(lo) == Some(&b'#') {
        lo = line_end(lo) + 1;
    }
    let mut hi = bytes.len();
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |i| lo + i + 1);
        let end = line_end(start);
        match bytes[start..end].cmp(word) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_everyday_words_from_names() {
        for w in [
            "firms",
            "chairs",
            "period",
            "business",
            "money",
            "фирмы",
            "председатель",
            "деньги",
        ] {
            assert!(is_common(w), "{w}");
        }
        for w in [
            "messi",
            "usa",
            "mexico",
            "gazprom",
            "мексика",
            "сша",
            "",
            "x1",
            "通江",
        ] {
            assert!(!is_common(w), "{w}");
        }
    }

    #[test]
    fn knows_two_character_chinese_names() {
        assert!(is_chinese_name("普京"));
        assert!(!is_chinese_name("修好"));
        assert!(!is_chinese_name(""));
    }

    #[test]
    fn tells_a_stem_alike_from_the_word() {
        for w in ["виза", "визу", "капитан", "киты"] {
            assert!(is_false_friend(w), "{w}");
        }
        for w in ["визит", "визита", "капитал", "статьи", "visa", ""] {
            assert!(!is_false_friend(w), "{w}");
        }
    }

    #[test]
    fn lists_are_sorted_without_repeats() {
        // The binary search needs every list sorted, the short ones too.
        for (list, least) in [
            (EN, 20_000),
            (RU, 20_000),
            (ZH, 20_000),
            (ZH_NAMES, 2_000),
            (RU_FALSE_FRIENDS, 40),
        ] {
            let words: Vec<&str> = list.lines().filter(|l| !l.starts_with('#')).collect();
            assert!(words.len() > least);
            assert!(words.windows(2).all(|w| w[0] < w[1]));
            // Every word is found by the search, and the neighbours' gaps are not.
            for w in words.iter().step_by(if least > 1_000 { 97 } else { 1 }) {
                assert!(sorted_lines_contain(list, w), "{w}");
                assert!(!sorted_lines_contain(list, &format!("{w}\u{1}")), "{w}");
            }
        }
    }
}
