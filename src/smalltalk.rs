//! Greetings, thanks, goodbyes and "what can you do": recognised so they get a
//! friendly reply instead of a fact or an "I don't know".

use crate::text::{is_stopword, normalize, tokenize};

/// A kind of small talk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmallTalk {
    Greeting,
    Thanks,
    /// "ok", "got it", "понятно": heard, nothing to thank for.
    Acknowledgement,
    Goodbye,
    /// "What can you do?", "help", "who are you?"
    Capabilities,
}

const GREETINGS: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "hiya",
    "howdy",
    "greetings",
    "morning",
    "evening",
    "afternoon",
    "good",
    "привет",
    "приветствую",
    "здравствуй",
    "здравствуйте",
    "здрасте",
    "добрый",
    "доброе",
    "день",
    "вечер",
    "утро",
    "хай",
    "салют",
];
const THANKS: &[&str] = &[
    "thanks",
    "thank",
    "thx",
    "ty",
    "lot",
    "cheers",
    "спасибо",
    "благодарю",
    "спс",
];
const ACKNOWLEDGEMENTS: &[&str] = &[
    "ok",
    "okay",
    "great",
    "cool",
    "nice",
    "got",
    "alright",
    "отлично",
    "супер",
    "понятно",
    "ясно",
    "хорошо",
    "ок",
    "ладно",
];
const GOODBYES: &[&str] = &["bye", "goodbye", "later", "пока", "свидания", "до"];
const HELP: &[&str] = &[
    "help",
    "помощь",
    "помоги",
    "помогите",
    "умеешь",
    "можешь",
    "start",
    "bot",
    "бот",
    "commands",
    "команды",
];
/// Words that make an otherwise empty question about the bot itself.
const ADDRESSEE: &[&str] = &["you", "ты", "вы", "тебя", "вас", "yourself"];

/// Recognises small talk: every word of the message is a greeting, thanks,
/// goodbye or help word (or a stopword), or the message is a question about
/// the bot itself ("what can you do?", "кто ты?").
pub fn detect(question: &str) -> Option<SmallTalk> {
    detect_normalized(&normalize(question))
}

/// [`detect`] on text already passed through [`normalize`].
pub fn detect_normalized(normalized: &str) -> Option<SmallTalk> {
    if let Some(kind) = chinese(normalized) {
        return Some(kind);
    }
    let tokens = tokenize(normalized);
    if tokens.is_empty() {
        return None;
    }
    let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
    let in_set = |set: &[&str]| words.iter().any(|w| set.contains(w));
    let all_known = words.iter().all(|w| {
        is_stopword(w)
            || [
                GREETINGS,
                THANKS,
                ACKNOWLEDGEMENTS,
                GOODBYES,
                HELP,
                ADDRESSEE,
            ]
            .iter()
            .any(|set| set.contains(w))
    });
    if !all_known {
        return None;
    }
    if in_set(HELP) || (in_set(ADDRESSEE) && !in_set(THANKS) && !in_set(GREETINGS)) {
        Some(SmallTalk::Capabilities)
    } else if in_set(THANKS) {
        Some(SmallTalk::Thanks)
    } else if in_set(ACKNOWLEDGEMENTS) {
        Some(SmallTalk::Acknowledgement)
    } else if in_set(GOODBYES) {
        Some(SmallTalk::Goodbye)
    } else if in_set(GREETINGS) {
        Some(SmallTalk::Greeting)
    } else {
        None
    }
}

/// Chinese small talk: the whole message is one of these phrases, give or
/// take a particle ("你好啊", "谢谢你").
fn chinese(normalized: &str) -> Option<SmallTalk> {
    let raw: String = normalized
        .chars()
        .filter(|&c| crate::lang::is_han(c))
        .collect();
    if raw.is_empty() || normalized.chars().any(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    use SmallTalk::*;
    match raw.as_str() {
        "你好" | "您好" | "你们好" | "大家好" => return Some(Greeting),
        "好" | "好的" | "行" | "好吧" => return Some(Acknowledgement),
        _ => {}
    }
    let text: String = raw
        .chars()
        .filter(|c| !"啊吗呢吧呀哦嘛啦你您的了".contains(*c))
        .collect();
    let kind = match text.as_str() {
        "早上好" | "晚上好" | "下午好" | "哈喽" | "嗨" => Greeting,
        "谢谢" | "多谢" | "谢" | "感谢" | "非常感谢" | "太感谢" => Thanks,
        "明白" | "知道" | "懂" | "收到" | "嗯" => Acknowledgement,
        "再见" | "拜拜" | "回头见" => Goodbye,
        "能做什么" | "是谁" | "会什么" | "帮助" | "能干什么" | "有什么用" => {
            Capabilities
        }
        _ => return None,
    };
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_small_talk() {
        use SmallTalk::*;
        let cases = [
            ("hi", Some(Greeting)),
            ("Hello there!", Some(Greeting)),
            ("Добрый день", Some(Greeting)),
            ("thanks a lot", Some(Thanks)),
            ("thank you", Some(Thanks)),
            ("Спасибо!", Some(Thanks)),
            ("ok", Some(Acknowledgement)),
            ("OK, got it", Some(Acknowledgement)),
            ("понятно", Some(Acknowledgement)),
            ("ok thanks", Some(Thanks)),
            ("great, thank you!", Some(Thanks)),
            ("bye", Some(Goodbye)),
            ("what can you do?", Some(Capabilities)),
            ("Что ты умеешь?", Some(Capabilities)),
            ("help", Some(Capabilities)),
            ("who are you", Some(Capabilities)),
            ("hi, how much did China invest?", None),
            ("what is the trade volume", None),
            ("", None),
            ("?", None),
            ("你好！", Some(Greeting)),
            ("谢谢你", Some(Thanks)),
            ("再见", Some(Goodbye)),
            ("你能做什么？", Some(Capabilities)),
            ("2013年中国投资了多少？", None),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text), want, "{text:?}");
        }
    }
}
