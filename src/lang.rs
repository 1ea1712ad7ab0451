//! The languages factbot answers in, and how a question's language is told.

use serde::{Deserialize, Serialize};

/// A language factbot can answer in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ru,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Every language, in display order.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ru, Lang::Zh];

    /// The language a question is written in: a Han character makes it
    /// Chinese, a Cyrillic letter Russian, everything else is answered in
    /// English.
    pub fn detect(text: &str) -> Lang {
        if text.chars().any(is_han) {
            Lang::Zh
        } else if text.chars().any(is_cyrillic) {
            Lang::Ru
        } else {
            Lang::En
        }
    }

    /// The ISO 639-1 code, as used in JSON output and `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Zh => "zh",
        }
    }

    /// Parses an ISO 639-1 code or a Telegram `language_code` such as `ru-RU`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let base = code.split(['-', '_']).next().unwrap_or("");
        match base.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::from_code(s).ok_or_else(|| format!("unknown language {s:?}: use en, ru or zh"))
    }
}

/// True for Han (Chinese) characters: the CJK unified ideographs and their
/// extension A and compatibility blocks.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// True for letters of the Cyrillic blocks.
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_language_by_script() {
        let cases = [
            ("How much did China invest?", Lang::En),
            ("Сколько инвестировал Китай?", Lang::Ru),
            ("Tongjiang мост", Lang::Ru),
            ("2013", Lang::En),
            ("", Lang::En),
            ("🙂", Lang::En),
            ("2013年中国投资了多少？", Lang::Zh),
            ("同江 bridge", Lang::Zh),
        ];
        for (text, want) in cases {
            assert_eq!(Lang::detect(text), want, "{text:?}");
        }
    }

    #[test]
    fn parses_codes() {
        assert_eq!(Lang::from_code("ru-RU"), Some(Lang::Ru));
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
        assert!("fr".parse::<Lang>().is_err());
    }
}
