//! Everything factbot says that is not from the knowledge base, in English and
//! Russian. Front ends take their wording from here. `{document}`, `{topics}`
//! and `{example}` are filled in from the knowledge set by
//! [`crate::present`], so the wording follows the knowledge loaded.

use crate::frame::Wants;
use crate::lang::Lang;
use crate::matcher::Missing;
use crate::smalltalk::SmallTalk;

/// A fixed message of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Figures,
    Source,
    SourceNote,
    Derived,
    DerivedNote,
    DidYouMean,
    Related,
    NotFound,
    TryAsking,
    WhichOne,
    Empty,
    TooLong,
    NotText,
    SlowDown,
    Topics,
    TopicsHint,
    Welcome,
    Examples,
    Help,
    AboutTitle,
    AboutAuthor,
    AboutTranslation,
    UnknownCommand,
    /// The terminal chat's footer under the welcome.
    ChatHint,
    /// The terminal chat's commands.
    ChatTopics,
    ChatHelp,
    ChatQuit,
    /// `{document}` when the knowledge set names its document (`{title}`).
    NamedDocument,
    /// `{document}` when it does not.
    UnnamedDocument,
}

/// The text of a message.
pub fn text(msg: Msg, lang: Lang) -> &'static str {
    use Lang::*;
    use Msg::*;
    match (msg, lang) {
        (Figures, En) => "Figures",
        (Figures, Ru) => "Цифры",
        (Source, En) => "Source",
        (Source, Ru) => "Источник",
        (SourceNote, En) => "",
        (SourceNote, Ru) => " (английский текст документа)",
        (Derived, En) => "Derived",
        (Derived, Ru) => "Расчёт",
        (DerivedNote, En) => {
            "This value is not stated in the document; it is calculated from figures that are."
        }
        (DerivedNote, Ru) => {
            "Этого значения нет в документе: оно рассчитано по приведённым в нём цифрам."
        }
        (DidYouMean, En) => "Did you mean",
        (DidYouMean, Ru) => "Возможно, вы имели в виду",
        (Related, En) => "Related",
        (Related, Ru) => "См. также",
        (NotFound, En) => "I don't know: the document does not say.",
        (NotFound, Ru) => "Не знаю: в документе об этом не сказано.",
        (WhichOne, En) => "Which of these do you mean? (type its number)",
        (WhichOne, Ru) => "Что именно вы имеете в виду? (напишите номер)",
        (TryAsking, En) => "Questions I can answer",
        (TryAsking, Ru) => "Я могу ответить, например, на такие вопросы",
        (Empty, En) => "Please type a question about {document}.",
        (Empty, Ru) => "Напишите вопрос по {document}.",
        (TooLong, En) => {
            "Your message is very long; I have read only its beginning. Short questions work best."
        }
        (TooLong, Ru) => {
            "Сообщение очень длинное: я прочитал только его начало. Лучше задавать короткие вопросы."
        }
        (NotText, En) => "I can only read text. Please type your question.",
        (NotText, Ru) => "Я понимаю только текст. Напишите, пожалуйста, вопрос.",
        (SlowDown, En) => {
            "You are sending messages very fast. Please wait a few seconds, then ask again."
        }
        (SlowDown, Ru) => {
            "Вы отправляете сообщения слишком часто. Подождите несколько секунд и спросите снова."
        }
        (Topics, En) => "Topics",
        (Topics, Ru) => "Темы",
        (TopicsHint, En) => "Choose a topic to see what I know about it.",
        (TopicsHint, Ru) => "Выберите тему, чтобы увидеть, что я о ней знаю.",
        (Welcome, En) => {
            "Hello! I answer questions about {document}, with its exact figures and the sentence they come from. Topics: {topics}. Ask in English or Russian."
        }
        (Welcome, Ru) => {
            "Здравствуйте! Я отвечаю на вопросы по {document}, с точными цифрами и цитатой из текста. Темы: {topics}. Спрашивайте по-русски или по-английски."
        }
        (Examples, En) => "For example",
        (Examples, Ru) => "Например",
        (Help, En) => {
            "Ask a question in your own words, e.g. “{example}”. I answer from the document only, with its exact figures and the sentence they come from, and say so when the document does not say."
        }
        (Help, Ru) => {
            "Задайте вопрос своими словами, например: «{example}». Я отвечаю только по документу, с точными цифрами и цитатой, а если в документе ответа нет, так и скажу."
        }
        (AboutTitle, En) => "Document",
        (AboutTitle, Ru) => "Документ",
        (AboutAuthor, En) => "Author",
        (AboutAuthor, Ru) => "Автор",
        (AboutTranslation, En) => "Translation",
        (AboutTranslation, Ru) => "Перевод",
        (UnknownCommand, En) => "There is no such command.",
        (UnknownCommand, Ru) => "Такой команды нет.",
        (ChatHint, En) => {
            "(/help lists the commands; a number picks from the list on screen; /quit or Ctrl-D ends.)"
        }
        (ChatHint, Ru) => {
            "(/help — список команд; номер выбирает из списка на экране; /quit или Ctrl-D — выход.)"
        }
        (ChatTopics, En) => "Browse what I know by topic; a number opens a topic.",
        (ChatTopics, Ru) => "Темы: что я знаю; номер открывает тему.",
        (ChatHelp, En) => "This list.",
        (ChatHelp, Ru) => "Этот список.",
        (ChatQuit, En) => "End the chat (so does Ctrl-D).",
        (ChatQuit, Ru) => "Закончить разговор (или Ctrl-D).",
        (NamedDocument, En) => "the document “{title}”",
        (NamedDocument, Ru) => "документу «{title}»",
        (UnnamedDocument, En) => "one document",
        (UnnamedDocument, Ru) => "одному документу",
    }
}

/// The reply to small talk.
pub fn small_talk(kind: SmallTalk, lang: Lang) -> &'static str {
    use Lang::*;
    use SmallTalk::*;
    match (kind, lang) {
        (Greeting, En) => "Hello! Ask me a question about {document}.",
        (Greeting, Ru) => "Здравствуйте! Задайте вопрос по {document}.",
        (Thanks, En) => "You're welcome! Ask me anything else about the document.",
        (Thanks, Ru) => "Пожалуйста! Спрашивайте ещё о документе.",
        (Acknowledgement, En) => "OK. Ask me anything else about the document.",
        (Acknowledgement, Ru) => "Хорошо. Спрашивайте ещё о документе.",
        (Goodbye, En) => "Goodbye! Come back with more questions.",
        (Goodbye, Ru) => "До свидания! Возвращайтесь с вопросами.",
        (Capabilities, En) => {
            "I answer questions about {document}, with its exact figures and the sentence they come from. Topics: {topics}."
        }
        (Capabilities, Ru) => {
            "Я отвечаю на вопросы по {document}, с точными цифрами и цитатой из текста. Темы: {topics}."
        }
    }
}

/// The first line of a partial answer: what the document does not say.
pub fn not_said(missing: Missing, lang: Lang) -> String {
    if let Some(year) = missing.year {
        return match lang {
            Lang::En => format!("The document gives nothing for {year}."),
            Lang::Ru => format!("В документе нет данных за {year} год."),
        };
    }
    let text = match (missing.wants, lang) {
        (Wants::Who, Lang::En) => "The document does not say who.",
        (Wants::Who, Lang::Ru) => "В документе не сказано, кто.",
        (Wants::When, Lang::En) => "The document does not give that date.",
        (Wants::When, Lang::Ru) => "В документе нет этой даты.",
        (Wants::UntilWhen, Lang::En) => "The document does not say until when.",
        (Wants::UntilWhen, Lang::Ru) => "В документе не сказано, до какого времени.",
        (Wants::HowMuch, Lang::En) => "The document does not give that figure.",
        (Wants::HowMuch, Lang::Ru) => "В документе нет этой цифры.",
        (Wants::Why, Lang::En) => "The document does not give the reason.",
        (Wants::Why, Lang::Ru) => "В документе не названа причина.",
        (Wants::Where, Lang::En) => "The document does not say where.",
        (Wants::Where, Lang::Ru) => "В документе не сказано, где.",
        (Wants::Leader, Lang::En) => {
            "The document does not say who leads it or who its members are."
        }
        (Wants::Leader, Lang::Ru) => {
            "В документе не сказано, кто его возглавляет и кто в него входит."
        }
        (Wants::Statement, Lang::En) => "The document does not quote anyone's words.",
        (Wants::Statement, Lang::Ru) => "В документе ничьи слова не приводятся.",
        (Wants::Future, Lang::En) => "The document does not say what will happen.",
        (Wants::Future, Lang::Ru) => "В документе не сказано, что будет дальше.",
        (_, Lang::En) => "The document does not say that.",
        (_, Lang::Ru) => "В документе об этом не сказано.",
    };
    text.to_string()
}

/// Introduces what the document does say about an entity.
pub fn what_it_says(entity: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("What it says about {entity}:"),
        Lang::Ru => format!("Что в нём сказано по теме «{entity}»:"),
    }
}

/// The title of an entity's card.
pub fn about_entity(entity: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("What the document says about {entity}:"),
        Lang::Ru => format!("Что в документе сказано по теме «{entity}»:"),
    }
}
