//! Which way a question asks money to go. The document gives Chinese
//! investment in Russia's east; "how much did Russia invest in China?" asks
//! for the other way, which it does not give.

use serde::Deserialize;

/// Something that goes one way (an investment): the words that name where
/// it comes from and where it goes, and the words for the flow itself.
/// Words are normalised (lowercase); `from` and `to` match whole words,
/// `by` any part of a word ("invest" in "invested", «инвест» in
/// «инвестировала»); in Chinese all three are looked for in the characters.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub by: Vec<String>,
}

/// Words that put the place after them at the receiving end.
const INTO: &[&str] = &["in", "into", "to", "в", "во", "对", "向", "在", "到"];
/// Words a receiving place may stand behind ("in the PRC").
const SKIP: &[&str] = &["the", "a", "an"];

impl Flow {
    /// True when the question (its normalised words, Chinese cut into words)
    /// plainly asks for the reverse: a receiving side named first, then the
    /// giving side as where it goes ("Russia … invest in China", «Россия
    /// вложила в Китай», 俄罗斯对中国投资), with a flow word.
    pub fn reversed(&self, words: &[&str]) -> bool {
        if !words
            .iter()
            .any(|w| self.by.iter().any(|b| w.contains(b.as_str())))
        {
            return false;
        }
        if words.iter().any(|w| w.chars().any(crate::lang::is_han)) {
            return self.reversed_in_chinese(&words.concat());
        }
        let is = |set: &[String], w: &str| set.iter().any(|s| s == w);
        // The first side named is where it would come from.
        let Some(first) = words
            .iter()
            .position(|w| is(&self.from, w) || is(&self.to, w))
        else {
            return false;
        };
        if !is(&self.to, words[first]) {
            return false;
        }
        // After it, the giving side as where the flow goes.
        let rest = &words[first + 1..];
        rest.iter().enumerate().any(|(i, w)| {
            INTO.contains(w)
                && rest[i + 1..]
                    .iter()
                    .find(|w| !SKIP.contains(w))
                    .is_some_and(|w| is(&self.from, w))
        })
    }

    /// The same on Chinese, read from its characters: the segmenter may
    /// keep 中国投资 or 对华 as one word.
    fn reversed_in_chinese(&self, text: &str) -> bool {
        let han = |set: &[String]| -> Vec<String> {
            set.iter()
                .filter(|w| w.chars().any(crate::lang::is_han))
                .cloned()
                .collect()
        };
        let (from, to) = (han(&self.from), han(&self.to));
        let first =
            |set: &[String], text: &str| set.iter().filter_map(|w| text.find(w.as_str())).min();
        let Some(to_at) = first(&to, text) else {
            return false;
        };
        if first(&from, text).is_some_and(|f| f < to_at) {
            return false;
        }
        let rest = &text[to_at..];
        INTO.iter()
            .filter(|p| p.chars().all(crate::lang::is_han))
            .any(|p| from.iter().any(|f| rest.contains(&format!("{p}{f}"))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow() -> Flow {
        let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect();
        Flow {
            from: v(&["china", "китай", "китае", "中国"]),
            to: v(&["russia", "russian", "россия", "россии", "俄罗斯"]),
            by: v(&["invest", "инвест", "влож", "投资"]),
        }
    }

    #[test]
    fn reads_which_way_a_question_asks() {
        let cases = [
            ("how much did russia invest in china", true),
            ("did russian companies invest in the china market", true),
            ("сколько россия инвестировала в китае", true),
            ("俄罗斯 对 中国 投资 了 多少", true),
            ("how much did china invest in russia", false),
            ("how much chinese investment went to russia", false),
            (
                "how much did the russian far east get in investment from china",
                false,
            ),
            ("сколько китай вложил в россии", false),
            ("中国 对 俄罗斯 投资 了 多少", false),
            // No flow word: trade goes both ways.
            ("russia trade in china", false),
        ];
        let f = flow();
        for (q, want) in cases {
            let words: Vec<&str> = q.split(' ').collect();
            assert_eq!(f.reversed(&words), want, "{q}");
        }
    }
}
