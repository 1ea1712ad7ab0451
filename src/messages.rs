//! Everything factbot says that is not from the knowledge base, in English and
//! Russian. Front ends take their wording from here.

use crate::lang::Lang;
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
        (TryAsking, En) => "Questions I can answer",
        (TryAsking, Ru) => "Я могу ответить, например, на такие вопросы",
        (Empty, En) => "Please type a question about Russia–China cross-border cooperation.",
        (Empty, Ru) => "Напишите вопрос о приграничном сотрудничестве России и Китая.",
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
            "Hello! I answer questions about the document “The Development of Cooperation between the Eastern Regions of Russia and the Provinces of China”: trade and investment figures, bridges and rail lines, programmes, institutions and problems. Ask in English or Russian."
        }
        (Welcome, Ru) => {
            "Здравствуйте! Я отвечаю на вопросы по документу «Развитие сотрудничества восточных регионов России и провинций Китая»: торговля и инвестиции, мосты и железные дороги, программы, организации и проблемы. Спрашивайте по-русски или по-английски."
        }
        (Examples, En) => "For example",
        (Examples, Ru) => "Например",
        (Help, En) => {
            "Send me a question as text, e.g. “How much did China invest in 2013?”. I answer from the document only, with its exact figures and the sentence they come from, and say so when the document does not say."
        }
        (Help, Ru) => {
            "Отправьте вопрос текстом, например: «Сколько Китай инвестировал в 2013 году?». Я отвечаю только по документу, с точными цифрами и цитатой, а если в документе ответа нет, так и скажу."
        }
        (AboutTitle, En) => "Document",
        (AboutTitle, Ru) => "Документ",
        (AboutAuthor, En) => "Author",
        (AboutAuthor, Ru) => "Автор",
        (AboutTranslation, En) => "Translation",
        (AboutTranslation, Ru) => "Перевод",
    }
}

/// The reply to small talk.
pub fn small_talk(kind: SmallTalk, lang: Lang) -> &'static str {
    use Lang::*;
    use SmallTalk::*;
    match (kind, lang) {
        (Greeting, En) => {
            "Hello! Ask me about trade, investment, bridges and programmes between Russia's eastern regions and China."
        }
        (Greeting, Ru) => {
            "Здравствуйте! Спросите меня о торговле, инвестициях, мостах и программах сотрудничества восточных регионов России и Китая."
        }
        (Thanks, En) => "You're welcome! Ask me anything else about the document.",
        (Thanks, Ru) => "Пожалуйста! Спрашивайте ещё о документе.",
        (Goodbye, En) => "Goodbye! Come back with more questions.",
        (Goodbye, Ru) => "До свидания! Возвращайтесь с вопросами.",
        (Capabilities, En) => {
            "I answer questions about one document, “The Development of Cooperation between the Eastern Regions of Russia and the Provinces of China”, with its exact figures and the sentence they come from. Ask about trade, investment, bridges and rail lines, programmes, institutions or problems."
        }
        (Capabilities, Ru) => {
            "Я отвечаю на вопросы по одному документу — «Развитие сотрудничества восточных регионов России и провинций Китая» — с точными цифрами и цитатой из текста. Спрашивайте о торговле, инвестициях, мостах и железных дорогах, программах, организациях или проблемах."
        }
    }
}
