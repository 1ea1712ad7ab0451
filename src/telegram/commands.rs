//! The bot's commands: parsed by teloxide, registered with `setMyCommands` in
//! English (the doc comments below), and in Russian and Chinese for the
//! `language_code`s ru and zh.

use factbot::Lang;
use teloxide::prelude::*;
use teloxide::types::BotCommand;
use teloxide::utils::command::BotCommands;

/// Commands of factbot.
#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    /// Welcome and example questions.
    Start,
    /// How to ask.
    Help,
    /// Browse what I know by topic.
    Topics,
    /// The document I answer about.
    About,
    /// Forget what we talked about.
    Reset,
    /// Ask a question (in groups): /ask How much did China invest in 2013?
    Ask(String),
}

/// Russian descriptions, in the order of [`Command::bot_commands`].
const RU: [&str; 6] = [
    "Приветствие и примеры вопросов.",
    "Как задавать вопросы.",
    "Темы: что я знаю.",
    "Документ, по которому я отвечаю.",
    "Забыть, о чём мы говорили.",
    "Задать вопрос (в группах): /ask Сколько Китай инвестировал в 2013 году?",
];

/// Chinese descriptions, in the order of [`Command::bot_commands`].
const ZH: [&str; 6] = [
    "欢迎和示例问题。",
    "如何提问。",
    "按主题浏览我知道的内容。",
    "我所依据的文件。",
    "忘掉刚才谈的内容。",
    "提问（群组中）：/ask 2013年中国投资了多少？",
];

/// The commands with their descriptions in `lang`.
pub fn list(lang: Lang) -> Vec<(String, String)> {
    Command::bot_commands()
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let description = match lang {
                Lang::En => c.description,
                Lang::Ru => RU.get(i).map_or(c.description, |d| d.to_string()),
                Lang::Zh => ZH.get(i).map_or(c.description, |d| d.to_string()),
            };
            (c.command.trim_start_matches('/').to_string(), description)
        })
        .collect()
}

/// Registers the command menu in both languages.
pub async fn register<R: Requester>(bot: &R) -> Result<(), R::Err> {
    for lang in Lang::ALL {
        let commands: Vec<BotCommand> = list(lang)
            .into_iter()
            .map(|(c, d)| BotCommand::new(c, d))
            .collect();
        let request = bot.set_my_commands(commands);
        match lang {
            Lang::En => request.await?,
            Lang::Ru | Lang::Zh => request.language_code(lang.code()).await?,
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commands() {
        let cases = [
            ("/start", Some(Command::Start)),
            ("/help@factbot", Some(Command::Help)),
            ("/topics", Some(Command::Topics)),
            ("/about", Some(Command::About)),
            ("/reset", Some(Command::Reset)),
            ("/ask How much?", Some(Command::Ask("How much?".into()))),
            ("/ask", Some(Command::Ask(String::new()))),
            ("/help@otherbot", None),
            ("/nope", None),
        ];
        for (text, want) in cases {
            assert_eq!(Command::parse(text, "factbot").ok(), want, "{text}");
        }
    }

    #[test]
    fn describes_every_command_in_every_language() {
        assert_eq!(RU.len(), Command::bot_commands().len());
        assert_eq!(ZH.len(), Command::bot_commands().len());
        for lang in Lang::ALL {
            for (command, description) in list(lang) {
                assert!(!command.is_empty() && !command.starts_with('/'));
                assert!((1..=256).contains(&description.chars().count()));
            }
        }
    }
}
