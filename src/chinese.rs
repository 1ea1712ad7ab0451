//! Chinese text before matching: traditional characters folded to
//! simplified (貿易 → 贸易), and numbers written the Chinese way rewritten as
//! the knowledge base writes them: 百分之十四 → 14%, 125.22亿 → 12.522 billion,
//! 1.41亿美元 → 141 million, 一亿四千一百万 → 141 million. Also the Chinese
//! form of a figure for answers (US$12.522 billion → 125.22亿美元).
//!
//! Chinese has no spaces: [`Segmenter`] cuts it into words with jieba, whose
//! dictionary is the knowledge set's own Chinese words (its HMM cuts the
//! rest), and [`HanFuzzy`] finds a name written with a character missing or
//! wrong (同江桥 for 同江大桥, 投姿 for 投资).

use rustc_hash::FxHashMap;

use crate::lang::is_han;
use crate::text::{Token, TokenKind};

/// Folds traditional characters to simplified and rewrites Chinese numbers;
/// text without Han characters is returned as it is.
pub fn normalize(text: &str) -> String {
    if !text.chars().any(is_han) {
        return text.to_string();
    }
    numbers(&fast2s::convert(text))
}

/// The value of a Chinese numeral character, or of a unit.
fn digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

/// The value of a run of Chinese numerals ("一亿四千一百万", "二十九").
fn chinese_value(run: &[char]) -> u64 {
    let (mut total, mut section, mut number) = (0u64, 0u64, 0u64);
    for &c in run {
        if let Some(d) = digit(c) {
            number = d;
        } else if let Some(u) = unit(c) {
            match u {
                100_000_000 | 10_000 => {
                    total += (section + number) * u;
                    section = 0;
                }
                _ => {
                    // "十四" is fourteen: a unit with no digit before it is one.
                    section += number.max(1) * u;
                }
            }
            number = 0;
        }
    }
    total + section + number
}

/// A value in the knowledge base's words: "12.522 billion", "141 million".
fn in_words(value: f64) -> String {
    let short = |v: f64| {
        let s = format!("{:.6}", v);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    if value >= 1e9 {
        format!("{} billion", short(value / 1e9))
    } else if value >= 1e6 {
        format!("{} million", short(value / 1e6))
    } else {
        short(value)
    }
}

/// Rewrites Chinese numbers (see the module docs).
fn numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        // 百分之X → X%
        if chars[i..].starts_with(&['百', '分', '之']) {
            let start = i + 3;
            let mut end = start;
            while end < chars.len()
                && (digit(chars[end]).is_some()
                    || unit(chars[end]).is_some()
                    || chars[end].is_ascii_digit()
                    || chars[end] == '.')
            {
                end += 1;
            }
            if end > start {
                let run: String = chars[start..end].iter().collect();
                let value = if run.chars().all(|c| c.is_ascii_digit() || c == '.') {
                    run
                } else {
                    chinese_value(&chars[start..end]).to_string()
                };
                out.push_str(&format!(" {value}% "));
                i = end;
                continue;
            }
        }
        // An Arabic number followed by 亿 or 万.
        if chars[i].is_ascii_digit() {
            let start = i;
            let mut end = i;
            while end < chars.len() && (chars[end].is_ascii_digit() || chars[end] == '.') {
                end += 1;
            }
            let number: String = chars[start..end].iter().collect();
            let scale = match chars.get(end) {
                Some('亿') => Some(1e8),
                Some('万') if chars.get(end + 1) == Some(&'亿') => Some(1e12),
                Some('万') => Some(1e4),
                _ => None,
            };
            if let (Some(scale), Ok(n)) = (scale, number.parse::<f64>()) {
                out.push_str(&format!(" {} ", in_words(n * scale)));
                i = end + if scale == 1e12 { 2 } else { 1 };
            } else {
                out.push_str(&number);
                i = end;
            }
            continue;
        }
        // A run of Chinese numerals, when it is clearly a number: it has a
        // unit (二十九, 一亿四千一百万) or is followed by 年, 亿, 万 or %.
        if digit(chars[i]).is_some() || (unit(chars[i]).is_some() && chars[i] == '十') {
            let start = i;
            let mut end = i;
            while end < chars.len() && (digit(chars[end]).is_some() || unit(chars[end]).is_some()) {
                end += 1;
            }
            let run = &chars[start..end];
            let has_unit = run.iter().any(|&c| unit(c).is_some());
            // A year read digit by digit: 二〇一三年 is 2013, 一三年 and
            // 九八年 are 2013 and 1998.
            if !has_unit && matches!(run.len(), 2 | 4) && chars.get(end) == Some(&'年') {
                let digits: String = (run.iter())
                    .map(|&c| char::from(b'0' + digit(c).unwrap_or(0) as u8))
                    .collect();
                let year = match digits.parse::<u32>().unwrap_or(0) {
                    y if run.len() == 4 => y,
                    y if y <= 50 => 2000 + y,
                    y => 1900 + y,
                };
                out.push_str(&format!(" {year} "));
                i = end;
                continue;
            }
            if run.len() >= 2 && has_unit {
                let value = chinese_value(run);
                if run.iter().any(|&c| c == '亿' || c == '万') && value >= 1_000_000 {
                    out.push_str(&format!(" {} ", in_words(value as f64)));
                } else {
                    out.push_str(&format!(" {value} "));
                }
                i = end;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The usual Chinese form of a figure, from its value and unit
/// (`12.522`, `US$ billion` → `125.22亿美元`), when there is one.
pub fn figure(value: f64, unit: &str) -> Option<String> {
    let dollars = match unit {
        "US$ billion" => value * 1e9,
        "US$ million" => value * 1e6,
        _ => return None,
    };
    let yi = dollars / 1e8;
    let s = format!("{yi:.4}");
    Some(format!(
        "{}亿美元",
        s.trim_end_matches('0').trim_end_matches('.')
    ))
}

/// Cuts runs of Han characters into words.
pub struct Segmenter {
    jieba: jieba_rs::Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Segmenter")
    }
}

impl Segmenter {
    /// A segmenter whose dictionary is `words` (normalised Chinese words;
    /// anything else is skipped) and, weaker, the question `cues`.
    pub fn new<'a, 'b>(
        words: impl IntoIterator<Item = &'a str>,
        cues: impl IntoIterator<Item = &'b str>,
    ) -> Segmenter {
        let mut jieba = jieba_rs::Jieba::empty();
        let several = |w: &str| w.chars().count() > 1 && w.chars().all(is_han);
        // Cue words first, weaker, so that a knowledge word wins a tie:
        // 项目|的 ("of the project"), not 项|目的 ("purpose").
        for w in cues.into_iter().filter(|w| several(w)) {
            jieba.add_word(w, Some(1_000), None);
        }
        for w in words.into_iter().filter(|w| several(w)) {
            // Frequent enough to win over any split the HMM would make.
            jieba.add_word(w, Some(100_000), None);
        }
        Segmenter { jieba }
    }

    /// The tokens, with every word that holds Han characters cut into words.
    pub fn split(&self, tokens: Vec<Token>) -> Vec<Token> {
        if !tokens.iter().any(|t| t.text.chars().any(is_han)) {
            return tokens;
        }
        let mut out = Vec::with_capacity(tokens.len() * 2);
        for tok in tokens {
            if tok.kind != TokenKind::Word || !tok.text.chars().any(is_han) {
                out.push(tok);
                continue;
            }
            for piece in self.jieba.cut(&tok.text, true) {
                out.push(Token {
                    text: piece.to_string(),
                    kind: TokenKind::Word,
                });
            }
        }
        out
    }
}

/// Chinese words of the vocabulary, by the characters they hold.
#[derive(Debug, Default)]
pub struct HanFuzzy {
    words: Vec<Vec<char>>,
    by_char: FxHashMap<char, Vec<u32>>,
}

impl HanFuzzy {
    /// Indexes words of two or more Han characters.
    pub fn build<'a>(words: impl IntoIterator<Item = &'a str>) -> (HanFuzzy, Vec<&'a str>) {
        let mut index = HanFuzzy::default();
        let mut kept = Vec::new();
        for w in words {
            let chars: Vec<char> = w.chars().collect();
            if chars.len() < 2 || !chars.iter().all(|&c| is_han(c)) {
                continue;
            }
            let id = index.words.len() as u32;
            let mut seen = chars.clone();
            seen.sort_unstable();
            seen.dedup();
            for c in seen {
                index.by_char.entry(c).or_default().push(id);
            }
            index.words.push(chars);
            kept.push(w);
        }
        (index, kept)
    }

    /// The vocabulary words closest to `word` (positions in the words given
    /// to [`HanFuzzy::build`]) and how similar they are: the longest common
    /// subsequence over the longer length. A name missing a character
    /// (同江桥, 3 of 同江大桥's 4) is found; a two-character word may differ
    /// in one character. The caller takes the match only when the closest
    /// words all mean the same.
    pub fn lookup(&self, word: &str) -> Option<(Vec<u32>, f32)> {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < 2 || !chars.iter().all(|&c| is_han(c)) {
            return None;
        }
        let mut candidates: Vec<u32> = chars
            .iter()
            .filter_map(|c| self.by_char.get(c))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Vec<u32> = Vec::new();
        let mut best_sim = 0.0f32;
        for id in candidates {
            let other = &self.words[id as usize];
            let common = lcs(&chars, other);
            let sim = common as f32 / chars.len().max(other.len()) as f32;
            if common < 2 && !(chars.len() == 2 && other.len() == 2 && common == 1) {
                continue;
            }
            if sim > best_sim {
                best_sim = sim;
                best.clear();
            }
            if sim == best_sim {
                best.push(id);
            }
        }
        let enough = if chars.len() == 2 {
            best_sim >= 0.5
        } else {
            best_sim >= 0.6
        };
        (enough && !best.is_empty()).then_some((best, best_sim))
    }
}

/// The length of the longest common subsequence.
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut prev = 0;
        for (j, &y) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if x == y {
                prev + 1
            } else {
                row[j + 1].max(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_chinese_numbers() {
        let cases = [
            ("增长了百分之十四", "增长了 14% "),
            ("占百分之二十九", "占 29% "),
            ("百分之2", " 2% "),
            ("125.22亿美元", " 12.522 billion 美元"),
            ("1.41亿美元", " 141 million 美元"),
            ("一亿四千一百万美元", " 141 million 美元"),
            ("14100万", " 141 million "),
            ("2013年", "2013年"),
            ("一下 统一", "一下 统一"),
            ("二十九", " 29 "),
            ("二〇一三年三月", " 2013 年三月"),
            ("一三年", " 2013 年"),
            ("九八年", " 1998 年"),
            ("三年", "三年"),
        ];
        for (input, want) in cases {
            assert_eq!(numbers(input), want, "{input}");
        }
    }

    #[test]
    fn folds_traditional_to_simplified() {
        assert_eq!(normalize("貿易額"), "贸易额");
        assert_eq!(normalize("投資"), "投资");
        assert_eq!(normalize("trade"), "trade");
    }

    #[test]
    fn segments_with_the_knowledge_words() {
        let seg = Segmenter::new(["同江大桥", "贸易额", "协调委员会"], ["多少"]);
        let toks = crate::text::tokenize(&crate::text::normalize("2013年贸易额是多少？同江大桥"));
        let words: Vec<String> = seg.split(toks).into_iter().map(|t| t.text).collect();
        assert!(words.contains(&"贸易额".to_string()), "{words:?}");
        assert!(words.contains(&"同江大桥".to_string()), "{words:?}");
        assert!(words.contains(&"2013".to_string()), "{words:?}");
    }

    #[test]
    fn finds_names_with_a_character_missing_or_wrong() {
        let (fuzzy, words) = HanFuzzy::build(["同江大桥", "投资", "投入", "贸易"]);
        let found = |w: &str| {
            fuzzy
                .lookup(w)
                .map(|(ids, _)| ids.iter().map(|&i| words[i as usize]).collect::<Vec<_>>())
        };
        assert_eq!(found("同江桥"), Some(vec!["同江大桥"]));
        assert_eq!(found("贸意"), Some(vec!["贸易"]));
        // 投姿 is one character from both 投资 and 投入.
        assert_eq!(found("投姿"), Some(vec!["投资", "投入"]));
        assert_eq!(found("天气"), None);
    }

    #[test]
    fn gives_the_chinese_form_of_a_figure() {
        assert_eq!(
            figure(12.522, "US$ billion").as_deref(),
            Some("125.22亿美元")
        );
        assert_eq!(figure(141.0, "US$ million").as_deref(), Some("1.41亿美元"));
        assert_eq!(figure(29.0, "%"), None);
    }
}
