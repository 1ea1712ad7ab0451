//! Everything factbot says that is not from the knowledge base, in English,
//! Russian and Chinese. Front ends take their wording from here. `{document}`, `{topics}`
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
    NotUnderstood,
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
    /// `/reset`: what it does, and what it says when done.
    ChatReset,
    ResetDone,
    ChatWrong,
    ChatGood,
    /// What `/wrong` and `/good` say in the terminal chat.
    MarkedWrong,
    MarkedGood,
    NothingToMark,
    NotRecording,
    /// The 👍 and 👎 buttons under a Telegram answer, and what replaces
    /// them once one is tapped.
    VoteGood,
    VoteWrong,
    VotedGood,
    VotedWrong,
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
        (Figures, Zh) => "数据",
        (Source, En) => "Source",
        (Source, Ru) => "Источник",
        (Source, Zh) => "出处",
        (SourceNote, En) => "",
        (SourceNote, Ru) => " (английский текст документа)",
        (SourceNote, Zh) => "（文件英文原句）",
        (Derived, En) => "Derived",
        (Derived, Ru) => "Расчёт",
        (Derived, Zh) => "推算",
        (DerivedNote, En) => {
            "This value is not stated in the document; it is calculated from figures that are."
        }
        (DerivedNote, Ru) => {
            "Этого значения нет в документе: оно рассчитано по приведённым в нём цифрам."
        }
        (DerivedNote, Zh) => "文件中没有直接给出这个数值，它是根据文件中的数据推算出来的。",
        (DidYouMean, En) => "Did you mean",
        (DidYouMean, Ru) => "Возможно, вы имели в виду",
        (DidYouMean, Zh) => "您是不是想问",
        (Related, En) => "Related",
        (Related, Ru) => "См. также",
        (Related, Zh) => "相关问题",
        (NotFound, En) => "I don't know: the document does not say.",
        (NotFound, Ru) => "Не знаю: в документе об этом не сказано.",
        (NotFound, Zh) => "不知道：文件中没有提到这一点。",
        (NotUnderstood, En) => {
            "Sorry, I did not understand that. Please ask a question about the document."
        }
        (NotUnderstood, Ru) => "Извините, я не понял. Задайте, пожалуйста, вопрос по документу.",
        (NotUnderstood, Zh) => "抱歉，我没看懂。请问一个关于文件的问题。",
        (WhichOne, En) => "Which of these do you mean? (type its number)",
        (WhichOne, Ru) => "Что именно вы имеете в виду? (напишите номер)",
        (WhichOne, Zh) => "您指的是哪一个？（请输入编号）",
        (TryAsking, En) => "Questions I can answer",
        (TryAsking, Ru) => "Я могу ответить, например, на такие вопросы",
        (TryAsking, Zh) => "我可以回答这样的问题",
        (Empty, En) => "Please type a question about {document}.",
        (Empty, Ru) => "Напишите вопрос по {document}.",
        (Empty, Zh) => "请输入一个关于{document}的问题。",
        (TooLong, En) => {
            "Your message is very long; I have read only its beginning. Short questions work best."
        }
        (TooLong, Ru) => {
            "Сообщение очень длинное: я прочитал только его начало. Лучше задавать короткие вопросы."
        }
        (TooLong, Zh) => "您的消息很长，我只读了开头部分。简短的问题效果最好。",
        (NotText, En) => "I can only read text. Please type your question.",
        (NotText, Ru) => "Я понимаю только текст. Напишите, пожалуйста, вопрос.",
        (NotText, Zh) => "我只能读文字，请输入您的问题。",
        (SlowDown, En) => {
            "You are sending messages very fast. Please wait a few seconds, then ask again."
        }
        (SlowDown, Ru) => {
            "Вы отправляете сообщения слишком часто. Подождите несколько секунд и спросите снова."
        }
        (SlowDown, Zh) => "您发消息太快了，请等几秒钟再问。",
        (Topics, En) => "Topics",
        (Topics, Ru) => "Темы",
        (Topics, Zh) => "主题",
        (TopicsHint, En) => "Choose a topic to see what I know about it.",
        (TopicsHint, Ru) => "Выберите тему, чтобы увидеть, что я о ней знаю.",
        (TopicsHint, Zh) => "选择一个主题，看看我对它了解什么。",
        (Welcome, En) => {
            "Hello! I answer questions about {document}, with its exact figures and the sentence they come from. Topics: {topics}. Ask in English or Russian."
        }
        (Welcome, Ru) => {
            "Здравствуйте! Я отвечаю на вопросы по {document}, с точными цифрами и цитатой из текста. Темы: {topics}. Спрашивайте по-русски или по-английски."
        }
        (Welcome, Zh) => {
            "您好！我回答关于{document}的问题，给出文件中的准确数据和原句。主题：{topics}。可以用中文、俄语或英语提问。"
        }
        (Examples, En) => "For example",
        (Examples, Ru) => "Например",
        (Examples, Zh) => "例如",
        (Help, En) => {
            "Ask a question in your own words, e.g. “{example}”. I answer from the document only, with its exact figures and the sentence they come from, and say so when the document does not say."
        }
        (Help, Ru) => {
            "Задайте вопрос своими словами, например: «{example}». Я отвечаю только по документу, с точными цифрами и цитатой, а если в документе ответа нет, так и скажу."
        }
        (Help, Zh) => {
            "用您自己的话提问，例如：“{example}”。我只根据文件回答，给出准确的数据和原句；文件中没有的，我会直说。"
        }
        (AboutTitle, En) => "Document",
        (AboutTitle, Ru) => "Документ",
        (AboutTitle, Zh) => "文件",
        (AboutAuthor, En) => "Author",
        (AboutAuthor, Ru) => "Автор",
        (AboutAuthor, Zh) => "作者",
        (AboutTranslation, En) => "Translation",
        (AboutTranslation, Ru) => "Перевод",
        (AboutTranslation, Zh) => "翻译",
        (UnknownCommand, En) => "There is no such command.",
        (UnknownCommand, Ru) => "Такой команды нет.",
        (UnknownCommand, Zh) => "没有这个命令。",
        (ChatHint, En) => {
            "(/help lists the commands; a number picks from the list on screen; /quit or Ctrl-D ends.)"
        }
        (ChatHint, Ru) => {
            "(/help — список команд; номер выбирает из списка на экране; /quit или Ctrl-D — выход.)"
        }
        (ChatHint, Zh) => "（/help 列出命令；输入编号选择屏幕上的列表项；/quit 或 Ctrl-D 退出。）",
        (ChatTopics, En) => "Browse what I know by topic; a number opens a topic.",
        (ChatTopics, Ru) => "Темы: что я знаю; номер открывает тему.",
        (ChatTopics, Zh) => "按主题浏览我知道的内容；输入编号打开主题。",
        (ChatHelp, En) => "This list.",
        (ChatHelp, Ru) => "Этот список.",
        (ChatHelp, Zh) => "本列表。",
        (ChatReset, En) => "Forget what we talked about: the next question starts afresh.",
        (ChatReset, Ru) => "Забыть, о чём мы говорили: следующий вопрос — с чистого листа.",
        (ChatReset, Zh) => "忘掉刚才谈的内容，下一个问题重新开始。",
        (ResetDone, En) => "OK, I have forgotten what we talked about.",
        (ResetDone, Ru) => "Хорошо, я забыл, о чём мы говорили.",
        (ResetDone, Zh) => "好的，我已经忘掉刚才谈的内容。",
        (ChatQuit, En) => "End the chat (so does Ctrl-D).",
        (ChatQuit, Ru) => "Закончить разговор (или Ctrl-D).",
        (ChatQuit, Zh) => "结束对话（Ctrl-D 也可以）。",
        (ChatWrong, En) => "Mark the last answer wrong.",
        (ChatWrong, Ru) => "Отметить последний ответ как неверный.",
        (ChatWrong, Zh) => "把上一个回答标记为错误。",
        (ChatGood, En) => "Mark the last answer good.",
        (ChatGood, Ru) => "Отметить последний ответ как верный.",
        (ChatGood, Zh) => "把上一个回答标记为正确。",
        (MarkedWrong, En) => "Noted: the last answer is marked wrong. Thank you.",
        (MarkedWrong, Ru) => "Учтено: последний ответ отмечен как неверный. Спасибо.",
        (MarkedWrong, Zh) => "已记下：上一个回答被标记为错误。谢谢。",
        (MarkedGood, En) => "Noted: the last answer is marked good. Thank you.",
        (MarkedGood, Ru) => "Учтено: последний ответ отмечен как верный. Спасибо.",
        (MarkedGood, Zh) => "已记下：上一个回答被标记为正确。谢谢。",
        (NothingToMark, En) => {
            "Nothing to mark: /wrong and /good mark the last answer to a question."
        }
        (NothingToMark, Ru) => {
            "Нечего отмечать: /wrong и /good отмечают последний ответ на вопрос."
        }
        (NothingToMark, Zh) => "没有可标记的回答：/wrong 和 /good 标记的是上一个问题的回答。",
        (NotRecording, En) => "Recording is off (FACTBOT_DB=off): there is nowhere to mark it.",
        (NotRecording, Ru) => "Запись выключена (FACTBOT_DB=off): отметить негде.",
        (NotRecording, Zh) => "记录已关闭（FACTBOT_DB=off）：无处标记。",
        (VoteGood, En) => "👍 Right",
        (VoteGood, Ru) => "👍 Верно",
        (VoteGood, Zh) => "👍 正确",
        (VoteWrong, En) => "👎 Wrong",
        (VoteWrong, Ru) => "👎 Неверно",
        (VoteWrong, Zh) => "👎 错误",
        (VotedGood, En) => "👍 Thanks!",
        (VotedGood, Ru) => "👍 Спасибо!",
        (VotedGood, Zh) => "👍 谢谢！",
        (VotedWrong, En) => "👎 Noted, thanks!",
        (VotedWrong, Ru) => "👎 Учтено, спасибо!",
        (VotedWrong, Zh) => "👎 已记下，谢谢！",
        (NamedDocument, En) => "the document “{title}”",
        (NamedDocument, Ru) => "документу «{title}»",
        (NamedDocument, Zh) => "文件《{title}》",
        (UnnamedDocument, En) => "one document",
        (UnnamedDocument, Ru) => "одному документу",
        (UnnamedDocument, Zh) => "一份文件",
    }
}

/// The reply to small talk.
pub fn small_talk(kind: SmallTalk, lang: Lang) -> &'static str {
    use Lang::*;
    use SmallTalk::*;
    match (kind, lang) {
        (Greeting, En) => "Hello! Ask me a question about {document}.",
        (Greeting, Ru) => "Здравствуйте! Задайте вопрос по {document}.",
        (Greeting, Zh) => "您好！请问一个关于{document}的问题。",
        (Thanks, En) => "You're welcome! Ask me anything else about the document.",
        (Thanks, Ru) => "Пожалуйста! Спрашивайте ещё о документе.",
        (Thanks, Zh) => "不客气！还可以继续问关于文件的问题。",
        (Acknowledgement, En) => "OK. Ask me anything else about the document.",
        (Acknowledgement, Ru) => "Хорошо. Спрашивайте ещё о документе.",
        (Acknowledgement, Zh) => "好的。还可以继续问关于文件的问题。",
        (Goodbye, En) => "Goodbye! Come back with more questions.",
        (Goodbye, Ru) => "До свидания! Возвращайтесь с вопросами.",
        (Goodbye, Zh) => "再见！欢迎再来提问。",
        (Capabilities, En) => {
            "I answer questions about {document}, with its exact figures and the sentence they come from. Topics: {topics}."
        }
        (Capabilities, Ru) => {
            "Я отвечаю на вопросы по {document}, с точными цифрами и цитатой из текста. Темы: {topics}."
        }
        (Capabilities, Zh) => {
            "我回答关于{document}的问题，给出文件中的准确数据和原句。主题：{topics}。"
        }
    }
}

/// The first line of a partial answer: what the document does not say.
pub fn not_said(missing: Missing, lang: Lang) -> String {
    if let Some(year) = missing.year {
        return match lang {
            Lang::En => format!("The document gives nothing for {year}."),
            Lang::Ru => format!("В документе нет данных за {year} год."),
            Lang::Zh => format!("文件中没有{year}年的数据。"),
        };
    }
    if missing.signed {
        let text = match lang {
            Lang::En => "The document does not say what was signed or agreed.",
            Lang::Ru => "В документе не сказано, что подписали и о чём договорились.",
            Lang::Zh => "文件中没有说签署或商定了什么。",
        };
        return text.to_string();
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
        (Wants::Frequency, Lang::En) => {
            "The document does not say how often this happens or when it last did."
        }
        (Wants::Frequency, Lang::Ru) => {
            "В документе не сказано, как часто это бывает и когда было в последний раз."
        }
        (Wants::Frequency, Lang::Zh) => "文件中没有说多久一次，也没有说最近一次是什么时候。",
        (Wants::HowTo, Lang::En) => "The document gives no instructions or advice.",
        (Wants::HowTo, Lang::Ru) => "В документе нет инструкций и советов.",
        (Wants::HowTo, Lang::Zh) => "文件中没有操作方法或建议。",
        (Wants::Opinion, Lang::En) => {
            "I have no opinion of my own: I can only tell you what the document says."
        }
        (Wants::Opinion, Lang::Ru) => {
            "Своего мнения у меня нет: я могу рассказать только то, что сказано в документе."
        }
        (Wants::Opinion, Lang::Zh) => "我没有自己的看法，只能告诉您文件里是怎么说的。",
        (Wants::Ranking, Lang::En) => {
            "The document does not rank them: it names no first, biggest or most."
        }
        (Wants::Ranking, Lang::Ru) => {
            "В документе нет такого рейтинга: он не называет ни первого, ни крупнейшего."
        }
        (Wants::Ranking, Lang::Zh) => "文件中没有这样的排名，没有说哪个最多或最大。",
        (Wants::Future, Lang::En) => "The document does not say what will happen.",
        (Wants::Future, Lang::Ru) => "В документе не сказано, что будет дальше.",
        (Wants::Who, Lang::Zh) => "文件中没有说是谁。",
        (Wants::When, Lang::Zh) => "文件中没有给出这个日期。",
        (Wants::UntilWhen, Lang::Zh) => "文件中没有说到什么时候为止。",
        (Wants::HowMuch, Lang::Zh) => "文件中没有给出这个数字。",
        (Wants::Why, Lang::Zh) => "文件中没有说明原因。",
        (Wants::Where, Lang::Zh) => "文件中没有说在哪里。",
        (Wants::Leader, Lang::Zh) => "文件中没有说由谁领导、有哪些成员。",
        (Wants::Statement, Lang::Zh) => "文件中没有引用任何人的原话。",
        (Wants::Future, Lang::Zh) => "文件中没有说将来会怎样。",
        (_, Lang::Zh) => "文件中没有提到这一点。",
        (_, Lang::En) => "The document does not say that.",
        (_, Lang::Ru) => "В документе об этом не сказано.",
    };
    text.to_string()
}

/// Before the answer to a yes/no question whose year is not the fact's.
pub fn not_in(year: i32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Not in {year}, according to the document:"),
        Lang::Ru => format!("Не в {year} году, по данным документа:"),
        Lang::Zh => format!("根据文件，不是{year}年："),
    }
}

/// Before the answer to a yes/no question whose figure is not the fact's.
pub fn not_figure(figure: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Not {figure}, according to the document:"),
        Lang::Ru => format!("Не {figure}, по данным документа:"),
        Lang::Zh => format!("根据文件，不是{figure}："),
    }
}

/// Introduces what the document does say about an entity.
pub fn what_it_says(entity: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("What it says about {entity}:"),
        Lang::Ru => format!("Что в нём сказано по теме «{entity}»:"),
        Lang::Zh => format!("文件中关于{entity}的内容："),
    }
}

/// The title of an entity's card.
pub fn about_entity(entity: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("What the document says about {entity}:"),
        Lang::Ru => format!("Что в документе сказано по теме «{entity}»:"),
        Lang::Zh => format!("文件中关于{entity}的内容："),
    }
}
