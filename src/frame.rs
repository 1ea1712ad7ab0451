//! The frame of a question: what kind of answer it asks for (a person, a
//! date, an amount, a reason…), the years it names, and whether it asks
//! about a thing as a whole ("what is X?", "tell me about X").
//!
//! Read from interrogatives and cue words, which carry no weight as terms
//! (they are stopwords) but decide which fact can answer. The entities a
//! question names are found by the index (`Index::mentions`), which knows
//! their names and typos.

use crate::attribute::Attribute;
use crate::text::{Token, TokenKind};

/// What kind of answer a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Wants {
    /// who, кто: a person or body.
    Who,
    /// when, what year, когда: a date.
    When,
    /// until when, до какого года: the end of a period.
    UntilWhen,
    /// how much, what share, сколько: a figure.
    HowMuch,
    /// why, what for, зачем: a reason or purpose.
    Why,
    /// where, в каком регионе: a place.
    Where,
    /// what does X do / achieve, чем занимается: an activity or result.
    Activity,
    /// will, когда откроют: something in the future.
    Future,
    /// who chairs / heads X, who are its members, кто возглавляет: the people
    /// of an organisation. The document names none, so no fact answers this.
    Leader,
    /// what did X say, что сказал: somebody's words. The document quotes
    /// nobody, so no fact answers this.
    Statement,
    /// how often, как часто, 多久一次, when … last: how often something
    /// happens, or when it last did. The document gives no frequencies and
    /// no meetings, so no fact answers this.
    Frequency,
    /// how to, how do I, как открыть, 怎样才能: how to do something. The
    /// document describes; it gives no instructions or advice, so no fact
    /// answers this.
    HowTo,
    /// which region got the most, who is the biggest investor, кто крупнейший
    /// инвестор, 哪个地区最多: a ranking. The document ranks nothing, so no
    /// fact answers this.
    Ranking,
    /// in your opinion, what do you think, как ты думаешь, 你觉得: factbot's
    /// own opinion, which it does not have: it tells what the document says.
    Opinion,
    /// what is X, tell me about X, что такое X: the thing as a whole.
    About,
    /// Nothing in particular.
    Anything,
}

impl Wants {
    /// True when only a fact of the right kind can answer: a question asking
    /// "who" is not answered by a date, however well its words match.
    /// Activity is softer (many facts say something about what a thing does).
    pub fn is_strict(self) -> bool {
        matches!(
            self,
            Wants::Who
                | Wants::When
                | Wants::UntilWhen
                | Wants::HowMuch
                | Wants::Where
                | Wants::Why
                | Wants::Future
                | Wants::Statement
                | Wants::Leader
                | Wants::Frequency
                | Wants::HowTo
                | Wants::Opinion
                | Wants::Ranking
        )
    }
}

/// What a question asks, apart from the entities it names.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub wants: Wants,
    /// It asks for a share or a percentage, not an amount.
    pub share: bool,
    /// It asks how something grew or fell.
    pub growth: bool,
    /// It compares with a year ("than in 2012", «по сравнению с 2012»): that
    /// year is where a change is measured from.
    pub compared: bool,
    /// Years named (1900–2099), in order, without repeats.
    pub years: Vec<i32>,
    /// Other numbers named ("29", "12.522"): figures to look for.
    pub figures: Vec<String>,
    /// The figures it names with a unit ("18%", "200 млн", "12.5 billion
    /// roubles"): in a yes/no question, claims to check against the answer.
    pub claims: Vec<Claim>,
    /// It opens as a follow-up: "and in 2012?", "what about investment?",
    /// «а в 2012?», "那2012年呢？".
    pub elliptical: bool,
    /// It points back to something said before ("when was it founded?").
    /// Alone, factbot cannot know what "it" is.
    pub refers_back: bool,
    /// It says "this" or "that" («это», 这个), which may point back to what
    /// was just said ("what share is that?"), or not ("that year"): a
    /// conversation reads it so, a question alone does not.
    pub points_back: bool,
    /// "Who is/was …?": it asks who someone is, which only a fact about a
    /// person or a position answers ("who is the president of Russia?" is
    /// not answered by what the presidents approved).
    pub identity: bool,
    /// The thing asked for by name, when the question names it: "salary" in
    /// "what is his salary?" or "what is the salary of X?", «зарплата» in
    /// «какая зарплата у X?», 长度 in 大桥的长度是多少. The matcher checks
    /// that the knowledge base knows it.
    pub property: Option<String>,
    /// It asks for the latest figure ("the latest trade figure", "last
    /// reported", «последние данные», 最新): of two years that match equally,
    /// the later one answers.
    pub latest: bool,
    /// It asks for a day ("what day", «какого числа», 几号): a date given
    /// only as a year or a month does not answer it.
    pub day: bool,
    /// It asks about translating ("where was it translated?"): then where
    /// the translation was made answers "where".
    pub translation: bool,
    /// It asks about the whole country ("nationwide", «в целом по стране»,
    /// 全国): a figure for some of its regions does not answer it.
    pub national: bool,
    /// It asks what was signed or agreed ("what did they sign?", «о чём
    /// договорились?», 签署了什么): only an approval answers it.
    pub signed: bool,
    /// The attribute its words name though no question word asks for it:
    /// "what's gone wrong with the programme?" (its problems), "which body
    /// does the council work hand in hand with?" (whom it works with).
    pub cue: Option<Attribute>,
    /// Its figures are premises: "if China is 2%…", «если рост 14%…».
    pub premise: bool,
    /// A yes/no question: "Was the council set up in 1997?", «Координационный
    /// совет создан в 1989 году?», 习近平是2014年访问莫斯科的吗？ Its year is
    /// a claim to check, not only the year asked about.
    pub check: bool,
}

impl Frame {
    /// Reads the frame from a question's tokens (see `text::tokenize`).
    pub fn of(tokens: &[Token]) -> Frame {
        let words: Vec<&str> = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text.as_str())
            .collect();
        // Chinese cue words are looked for at word boundaries: 目的
        // ("purpose") is not in 项目的 ("of the project").
        let han_words: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| w.chars().any(crate::lang::is_han))
            .collect();
        let han = Han::new(&han_words);
        let zh = |cues: &[&str]| han.has(cues);
        let mut property = property(&words, &han_words);
        let mut wants = chinese_wants(&han).unwrap_or_else(|| wants(&words));
        let claims = claims(tokens);
        let check = yes_no(&words, wants, !claims.is_empty())
            || han.has(&["吗", "是不是", "是否", "有没有"]);
        // «Инвестиции составили 200 млн?» checks an amount, as "how much
        // was invested?" asks for one.
        if check && wants == Wants::Anything && claims.iter().any(|c| !c.percent) {
            wants = Wants::HowMuch;
        }
        // "What does ERINA stand for?", «как расшифровывается…», 缩写: what
        // a short name is short for, which only a fact giving it answers.
        let acronym = words
            .windows(2)
            .any(|w| matches!(w, ["stand" | "stands", "for"] | ["short", "for"]))
            || words.iter().any(|w| {
                matches!(
                    *w,
                    "acronym" | "abbreviation" | "аббревиатура" | "аббревиатуры"
                ) || w.starts_with("расшифров")
            })
            || han.has(&["缩写", "全称是什么"]);
        if acronym {
            wants = Wants::About;
            property = Some("acronym".into());
        }
        // "What was his name?", "the name of the president", «фамилия
        // президента»: a person's name, which only a fact naming them gives.
        let person_named = |w: &str| {
            matches!(
                w,
                "president"
                    | "chairman"
                    | "governor"
                    | "minister"
                    | "head"
                    | "leader"
                    | "director"
                    | "президента"
                    | "председателя"
                    | "главы"
                    | "губернатора"
                    | "министра"
                    | "директора"
                    // "the names of the two presidents", «имена президентов»
                    | "presidents"
                    | "leaders"
                    | "heads"
                    | "directors"
                    | "governors"
                    | "ministers"
                    | "президентов"
                    | "руководителей"
            )
        };
        let asks_name = words
            .windows(2)
            .any(|w| matches!(w, ["his" | "her", "name"]))
            || (words.iter().any(|w| {
                matches!(
                    *w,
                    "name" | "names" | "имя" | "имена" | "фамилия" | "фамилию" | "фамилии"
                )
            }) && words.iter().any(|w| person_named(w)));
        if asks_name && matches!(wants, Wants::About | Wants::Anything) {
            wants = Wants::Who;
        }
        // "the exact opening date", «точная дата открытия»
        let exact_date = words
            .iter()
            .any(|w| matches!(*w, "exact" | "precise" | "точная" | "точную" | "точной"))
            && (words.iter()).any(|w| matches!(*w, "date" | "дата" | "дату" | "день"));
        let day = exact_date
            || words
                .windows(2)
                .any(|w| matches!(w, ["what" | "which", "day"] | ["какого", "числа"]))
            || han.has(&["几号", "哪一天", "哪天"]);
        // "What is the target year of the plan?", "what day…?" ask when.
        if matches!(wants, Wants::About | Wants::Anything)
            && (day || property.as_deref().is_some_and(is_year_word))
        {
            wants = Wants::When;
        }
        let years = asked_years(tokens);
        let mut frame = Frame {
            wants,
            share: (words.iter().any(|w| SHARE.contains(w))
                || words.windows(3).any(|w| w == ["how", "much", "of"])
                // "what % of…", "of all the trade, how much…"
                || words
                    .windows(2)
                    .any(|w| matches!(w, ["what" | "which", "percent"] | ["of", "all"]))
                || ranks_among(&words)
                || against_the_rest(&words)
                || zh(ZH_SHARE)
                // 占外资总额多少, 占百分之多少: 占 with the amount asked apart.
                || (han.has_word(&["占"]) && zh(&["多少", "百分之", "几成"])))
                // «Сколько всего инвестиций, если Китай это 2%?»: the share is
                // given, the whole is asked.
                && !(wants == Wants::HowMuch && asks_whole_given_share(tokens, &words)),
            // "Trade before the 14% increase" asks for the earlier amount.
            growth: (words.iter().any(|w| is_growth_word(w))
                // "more money than the year before", «больше, чем в 2012»
                || (words.iter().any(|w| matches!(*w, "than" | "чем"))
                    && words
                        .iter()
                        .any(|w| {
                            matches!(
                                *w,
                                "more" | "less" | "больше" | "меньше" | "выше" | "ниже"
                            )
                        }))
                || words.windows(2).any(|w| {
                    matches!(w[0], "go" | "goes" | "went" | "gone") && matches!(w[1], "up" | "down")
                })
                // "was it up or down on 2012?", "up on the year before"
                || words
                    .windows(3)
                    .any(|w| matches!(w, ["up", "or", "down"] | ["down", "or", "up"]))
                || up_on_year(tokens)
                || compares_years(&words, &years)
                || zh(ZH_GROWTH))
                && !before_something(&words)
                && !zh(ZH_BEFORE)
                // «Сколько было в 2012, если рост 14%?»: the rise is given,
                // the level of a year is asked.
                && !(wants == Wants::HowMuch && !years.is_empty() && states_growth(tokens)),
            compared: words.iter().any(|w| {
                matches!(
                    *w,
                    "than" | "compared" | "versus" | "vs" | "чем" | "сравнению" | "сравнении"
                )
            }) || up_on_year(tokens),
            years,
            elliptical: matches!(words.first(), Some(&("and" | "а" | "и")))
                || LINK_PAIRS.iter().any(|pair| words.starts_with(pair))
                || ZH_ELLIPSIS.iter().any(|c| han.starts_with(c)),
            refers_back: words.iter().any(|w| PRONOUNS.contains(w)) || han.has(ZH_PRONOUNS),
            points_back: words.iter().any(|w| POINTERS.contains(w)) || han.has(ZH_POINTERS),
            identity: words.windows(2).any(|w| {
                matches!(w[0], "who" | "кто")
                    && matches!(
                        w[1],
                        "is" | "was" | "are" | "were" | "такой" | "такая" | "является"
                    )
            }) || words
                .windows(2)
                // «кто и когда создал» asks who did it, not who someone is.
                .any(|w| {
                    // Nor «кто в Китае одобрил»: who in China did it.
                    w[0] == "кто"
                        && !looks_like_russian_verb(w[1])
                        && !matches!(
                            w[1],
                            "и" | "а"
                                | "или"
                                | "же"
                                | "именно"
                                | "в"
                                | "во"
                                | "из"
                                | "с"
                                | "со"
                                | "у"
                                | "от"
                                | "на"
                                | "по"
                                | "за"
                                // «кто её утверждал»: who approved it.
                                | "его"
                                | "ее"
                                | "их"
                                | "ей"
                                | "ему"
                                | "им"
                        )
                })
                // «Кто был президентом?» asks who held an office.
                || words.windows(3).any(|w| {
                    w[0] == "кто"
                        && matches!(w[1], "был" | "была" | "были" | "является" | "стал" | "стала")
                        && ["ом", "ем", "ой", "ей"].iter().any(|e| w[2].ends_with(e))
                        && !looks_like_russian_verb(w[2])
                })
                // "Who at ERINA translated it?" asks for a person there.
                || words.windows(2).any(|w| w == ["who", "at"])
                // «Как зовут председателя?» asks for a name, like "who is…?".
                || words.windows(2).any(|w| w == ["как", "зовут"])
                || asks_name
                || ZH_IDENTITY.iter().any(|c| han.ends_with(c)),
            figures: tokens
                .iter()
                .filter(|t| t.kind == TokenKind::Number)
                .filter(|t| !(t.text.len() == 4 && t.text.starts_with(['1', '2'])))
                .map(|t| t.text.clone())
                .collect(),
            claims,
            property,
            latest: words.iter().enumerate().any(|(i, w)| {
                LATEST.contains(w)
                    // "last reported", not "last year" or "last time".
                    || (*w == "last"
                        && !matches!(words.get(i + 1), Some(&("year" | "years" | "time" | "times"))))
            }) || zh(ZH_LATEST),
            day,
            translation: words.iter().any(|w| {
                ["translat", "перевод", "переведен", "перевел"]
                    .iter()
                    .any(|p| w.starts_with(p))
            }) || zh(&["翻译", "译成", "译为"]),
            national: national(&words) || zh(&["全国", "全俄", "整个俄罗斯", "俄罗斯全国"]),
            cue: attribute_cue(&words),
            premise: words.iter().any(|w| is_premise_word(w))
                || han.has(&["如果", "假如", "假设"]),
            signed: words.iter().any(|w| is_signing_word(w))
                || zh(&["签署", "签订", "签了", "达成", "协议"]),
            check,
        };
        // "China made up 29% of foreign investment?": a percentage checked
        // that is not a growth is a share.
        if frame.check && !frame.growth && frame.claims.iter().any(|c| c.percent) {
            frame.share = true;
        }
        frame
    }
}

/// A figure a question names with its unit: a percentage, or an amount in
/// millions or billions (of some currency, when it says which).
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The figure as the question writes it: "18%", "200 млн", "12,5 млрд
    /// рублей".
    pub text: String,
    /// Percent for a percentage; millions for an amount.
    pub value: f64,
    pub percent: bool,
    /// A currency other than the dollar is named ("roubles", «юаней»): no
    /// figure of the document, all in US dollars, is this one.
    pub other_currency: bool,
    /// "About", «около», «примерно»: a rounder figure is meant.
    pub rough: bool,
}

impl Claim {
    /// The figure as a reply in `lang` writes it: as the question wrote it,
    /// except in Chinese, whose 亿 and 万 the question's reading turned into
    /// millions ("2亿" is read as "200 million").
    pub fn display(&self, lang: crate::lang::Lang) -> String {
        match lang {
            crate::lang::Lang::Zh if !self.percent => {
                let (n, unit) = if self.value >= 100.0 {
                    (self.value / 100.0, "亿")
                } else {
                    (self.value * 100.0, "万")
                };
                // At most three decimals, without trailing zeros: 1.41亿.
                let n = format!("{n:.3}");
                let n = n.trim_end_matches('0').trim_end_matches('.');
                format!("{n}{unit}")
            }
            _ => self.text.clone(),
        }
    }

    /// True when `value` in `unit` (as the knowledge base writes units:
    /// "%", "US$ million", "US$ billion") is the figure claimed, within the
    /// rounding a person uses: 12.5 billion is US$12.522 billion, 150 million
    /// is not US$141 million.
    pub fn is(&self, value: f64, unit: &str) -> bool {
        let Some(scale) = self.scale_of(unit) else {
            return false;
        };
        let v = value * scale;
        let tolerance = if self.rough { 0.1 } else { 0.05 };
        !self.other_currency && (self.value - v).abs() <= tolerance * v.abs()
    }

    /// True when a figure in `unit` is of the same kind as this claim
    /// (both percentages, or both amounts), so that it can be compared.
    pub fn comparable(&self, unit: &str) -> bool {
        self.scale_of(unit).is_some()
    }

    /// What a figure in `unit` is multiplied by to be in this claim's
    /// terms (percent, or millions), when it is of the claim's kind.
    fn scale_of(&self, unit: &str) -> Option<f64> {
        let (percent, scale) = match unit {
            "%" => (true, 1.0),
            u if u.ends_with("billion") => (false, 1000.0),
            u if u.ends_with("million") => (false, 1.0),
            _ => return None,
        };
        (percent == self.percent).then_some(scale)
    }
}

/// The figures named with a unit, in order.
fn claims(tokens: &[Token]) -> Vec<Claim> {
    let rough = tokens.iter().any(|t| {
        matches!(
            t.text.as_str(),
            "about"
                | "around"
                | "roughly"
                | "approximately"
                | "some"
                | "nearly"
                | "almost"
                | "около"
                | "примерно"
                | "почти"
                | "приблизительно"
                | "порядка"
                | "大约"
                | "约"
                | "左右"
        )
    });
    let word = |i: usize| {
        tokens
            .get(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text.as_str())
    };
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Number {
            continue;
        }
        // «12,5» is twelve and a half, as «12,522» is 12.522.
        let Ok(n) = t.text.replace(',', ".").parse::<f64>() else {
            continue;
        };
        let unit = word(i + 1).unwrap_or("");
        let (percent, scale) = match unit {
            "percent" | "pct" | "процент" | "процента" | "процентов" | "проц" => {
                (true, 1.0)
            }
            "per" if word(i + 2) == Some("cent") => (true, 1.0),
            "million" | "millions" | "mn" | "mln" | "млн" | "миллион" | "миллиона"
            | "миллионов" => (false, 1.0),
            "billion"
            | "billions"
            | "bn"
            | "bln"
            | "млрд"
            | "миллиард"
            | "миллиарда"
            | "миллиардов" => (false, 1000.0),
            "亿" => (false, 100.0),
            "万" => (false, 0.01),
            _ => continue,
        };
        let currency = word(i + 2).filter(|w| {
            [
                "рубл", "ruble", "rouble", "юан", "yuan", "renminbi", "rmb", "евро", "euro",
            ]
            .iter()
            .any(|c| w.starts_with(c))
                || ["人民币", "卢布", "欧元"].iter().any(|c| w.contains(c))
        });
        let mut text = if percent {
            format!("{}%", t.text)
        } else {
            format!("{} {unit}", t.text)
        };
        if let Some(c) = currency {
            text = format!("{text} {c}");
        }
        out.push(Claim {
            text,
            value: n * scale,
            percent,
            other_currency: currency.is_some(),
            rough,
        });
    }
    out
}

/// True for a yes/no question: in English one that opens with an auxiliary
/// ("did", "was", "does"…, after "so", "and"…), or a statement to confirm
/// with no word that asks or tells and a finite verb, a past form or a tag
/// ("Xi visited Moscow in 2014?", "…in 1997, right?"); in Russian one with
/// «ли», or a verb or short participle with no question word («Совет создан
/// в 1998 году?»). Chinese (吗, 是不是) is read by the caller.
fn yes_no(words: &[&str], wants: Wants, claims: bool) -> bool {
    const OPENERS: &[&str] = &[
        "so", "and", "but", "ok", "okay", "hey", "btw", "well", "also",
    ];
    const AUXILIARIES: &[&str] = &[
        "is", "are", "was", "were", "did", "does", "do", "has", "have", "had", "isn", "aren",
        "wasn", "weren", "didn", "doesn", "don", "hasn", "haven", "hadn",
    ];
    // «Что достроили в 2013?», «какой мост…?»: the words that ask in Russian.
    let russian_asks = |w: &str| {
        [
            "что", "чем", "чег", "чему", "кто", "ког", "кому", "кем", "ком", "как", "чь", "чей",
        ]
        .iter()
        .any(|p| w.starts_with(p))
            || matches!(
                w,
                "где"
                    | "куда"
                    | "откуда"
                    | "когда"
                    | "сколько"
                    | "насколько"
                    | "почему"
                    | "зачем"
            )
    };
    // "The council was set up in 1997, right?": a statement to confirm,
    // with no word that asks or tells.
    const ASKS_EN: &[&str] = &[
        "what",
        "whats",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "tell",
        "describe",
        "explain",
        "show",
        "list",
        "give",
        "summarize",
        "summarise",
    ];
    const FINITE: &[&str] = &[
        "is", "are", "was", "were", "did", "does", "has", "have", "had",
    ];
    let english_claim = wants == Wants::Anything
        && words
            .iter()
            .any(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
        && !words
            .iter()
            .any(|w| ASKS_EN.contains(w) || w.chars().any(crate::lang::is_cyrillic))
        && (words
            .iter()
            .any(|w| FINITE.contains(w) || (w.len() > 4 && w.ends_with("ed")))
            || (words.len() > 2 && words.last().is_some_and(|w| is_tag(w))));
    // «Совет создан в 1998 году?», «группу запустили в 1998?»: a verb or a
    // short participle says something happened; «проблемы программы 2012»
    // names a topic.
    let russian_predicate = |w: &str| {
        const PARTICIPLE: &[&str] = &[
            "ан", "ана", "ано", "аны", "ен", "ена", "ено", "ены", "ён", "ыт", "ыта", "ыто", "ыты",
        ];
        w.chars().any(crate::lang::is_cyrillic)
            && (looks_like_russian_verb(w) || PARTICIPLE.iter().any(|e| w.ends_with(e)))
    };
    let first = words.iter().find(|w| !OPENERS.contains(w));
    first.is_some_and(|w| AUXILIARIES.contains(w))
        || english_claim
        || words.contains(&"ли")
        || (wants == Wants::Anything
            && words.iter().any(|w| russian_predicate(w))
            && !words.iter().any(|w| russian_asks(w)))
        // "Trade grew by 18% in 2013?", «доля Китая 18%?»: a figure named
        // with its unit, and nothing that asks for one.
        || (claims
            && !words.iter().any(|w| {
                ASKS_EN.contains(w)
                    || russian_asks(w)
                    || ["多少", "几", "什么", "哪"].iter().any(|c| w.contains(c))
            }))
}

/// True for a word that, last in a question, tags it as one to confirm:
/// "…, right?", "…, correct?", «…, верно?», «…, да?».
pub fn is_tag(word: &str) -> bool {
    matches!(
        word,
        "right" | "correct" | "true" | "yes" | "верно" | "правда" | "да" | "так"
    )
}

/// The attribute a question's words name (see [`Frame::cue`]).
fn attribute_cue(words: &[&str]) -> Option<Attribute> {
    const PROBLEMS: &[&str] = &[
        "problem",
        "problems",
        "wrong",
        "trouble",
        "troubles",
        "issues",
        "difficulties",
        "difficulty",
        "shortcomings",
        "drawbacks",
        "obstacles",
        "проблема",
        "проблемы",
        "проблем",
        "трудности",
        "недостатки",
        "сложности",
    ];
    const WITH: &[&str] = &[
        "work",
        "works",
        "worked",
        "cooperate",
        "cooperates",
        "collaborate",
        "collaborates",
        "работает",
        "работают",
        "сотрудничает",
        "сотрудничают",
        "взаимодействует",
        "взаимодействуют",
    ];
    let with = words.windows(2).any(|w| {
        WITH.contains(&w[0])
            && matches!(
                w[1],
                "with" | "closely" | "tightly" | "together" | "с" | "со" | "тесно" | "плотно"
            )
    }) || words.windows(2).any(|w| {
        matches!(w[0], "closely" | "tightly" | "тесно" | "плотно") && WITH.contains(&w[1])
    })
        || words.windows(3).any(|w| w == ["hand", "in", "hand"])
        // "does it act on its own or together with some other body?"
        || words.windows(2).any(|w| w == ["together", "with"] || w == ["вместе", "с"]);
    if with {
        Some(Attribute::WorksWith)
    } else if words.iter().any(|w| PROBLEMS.contains(w)) {
        Some(Attribute::Problems)
    } else {
        None
    }
}

/// The noun a question asks for by name (see [`Frame::property`]).
fn property(words: &[&str], han: &[&str]) -> Option<String> {
    const ARTICLE: &[&str] = &["the", "a", "an"];
    const COPULA: &[&str] = &["is", "was", "are", "were", "s"];
    // «А в какие отрасли?», "and what is its budget?": a follow-up's
    // opening words come first.
    let words = &words[links(|i| words.get(i).copied())..];
    let at = |i: usize| words.get(i).copied();
    // "what is his salary?", "what is the salary of …", "what is X's salary?"
    if matches!(at(0), Some("what" | "which")) && at(1).is_some_and(|w| COPULA.contains(&w)) {
        let found = match at(2) {
            Some(d) if POSSESSIVES.contains(&d) => at(3),
            // "what is the (annual freight) capacity of …": the word before "of".
            Some(d) if ARTICLE.contains(&d) => (4..=6)
                .find(|&i| matches!(at(i), Some("of" | "for")))
                .and_then(|i| at(i - 1)),
            _ if words.len() > 4 && at(words.len() - 2) == Some("s") => at(words.len() - 1),
            _ => None,
        };
        return found.map(str::to_string);
    }
    // «какая зарплата у …?», «какой грузопоток по ветке …?»
    if matches!(
        at(0),
        Some(
            "какая"
                | "какой"
                | "какое"
                | "какие"
                | "каков"
                | "какова"
                | "каково"
                | "каковы"
        )
    ) && matches!(at(2), Some("у" | "по"))
    {
        return at(1).map(str::to_string);
    }
    // «в какие отрасли…?», "into which sectors…?": what it went into.
    if matches!(at(0), Some("в" | "во" | "in" | "into"))
        && matches!(
            at(1),
            Some("какие" | "какую" | "какой" | "каких" | "what" | "which")
        )
    {
        return at(2).map(str::to_string);
    }
    // 大桥的长度是多少 / 是什么; then 什么商品, 哪些商品: the kind of thing asked
    // for. The same reading in English and Russian ("what goods", «какие
    // товары») cost three public and three development answers, whose
    // "what N" names the thing in an everyday word.
    han.windows(4)
        .find(|w| w[0] == "的" && w[2] == "是" && matches!(w[3], "多少" | "什么"))
        .map(|w| w[1].to_string())
        .or_else(|| {
            han.windows(2)
                .find(|w| matches!(w[0], "什么" | "哪些"))
                .map(|w| w[1].to_string())
        })
}

/// Russian drops the copula ("кто президент?"): a word after "кто" that
/// does not end like a verb ("кто утвердил", "кто руководит") names a role.
pub fn looks_like_russian_verb(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "л", "ла", "ли", "ло", "ет", "ит", "ют", "ят", "ут", "ат", "ся", "сь", "ть", "ал", "ил",
    ];
    !word.chars().any(crate::lang::is_cyrillic) || ENDINGS.iter().any(|e| word.ends_with(e))
}

/// "In your opinion…", "what do you think…", «как ты думаешь», «по-вашему»:
/// asking factbot's own view. Not "what does the author think".
fn asks_opinion(words: &[&str]) -> bool {
    let pair = |a: &[&str], b: &[&str]| {
        words
            .windows(2)
            .any(|w| a.contains(&w[0]) && b.contains(&w[1]))
    };
    pair(&["your"], &["opinion", "view", "take", "guess"])
        || pair(&["you"], &["think", "believe", "reckon", "feel"])
        || pair(
            &["ты", "вы"],
            &[
                "думаешь",
                "думаете",
                "считаешь",
                "считаете",
                "полагаешь",
                "полагаете",
            ],
        )
        || pair(&["твое", "ваше", "твоё"], &["мнение"])
        || pair(&["по"], &["твоему", "вашему"])
        || words
            .iter()
            .any(|w| matches!(*w, "по-твоему" | "по-вашему"))
}

/// The positions of the words that ask for the author's view, when a
/// question does: the author's name for himself ("the author", «автор»,
/// 作者) and a word of thinking or saying within three words of it ("what
/// does the author think of…", «как автор оценивает…», «по мнению
/// автора», "according to the author"). "Who is the author?" asks for no
/// view and keeps its words.
/// `is_name` tells a word of the author's name ("how does Bury rate…?").
pub fn authors_view(tokens: &[Token], is_name: impl Fn(&str) -> bool) -> Vec<usize> {
    const AUTHOR: &[&str] = &[
        "author",
        "authors",
        "writer",
        "автор",
        "автора",
        "автору",
        "автором",
        "作者",
    ];
    const VIEW: &[&str] = &[
        "think",
        "thinks",
        "say",
        "says",
        "said",
        "write",
        "writes",
        "wrote",
        "believe",
        "believes",
        "view",
        "views",
        "opinion",
        "argue",
        "argues",
        "argued",
        "claim",
        "claims",
        "feel",
        "feels",
        "assess",
        "assesses",
        "evaluate",
        "evaluates",
        "rate",
        "rates",
        "see",
        "sees",
        "describe",
        "describes",
        "conclude",
        "concludes",
        "according",
        "думает",
        "считает",
        "пишет",
        "писал",
        "говорит",
        "оценивает",
        "полагает",
        "утверждает",
        "мнению",
        "мнение",
        "взгляд",
        "认为",
        "觉得",
        "怎么看",
        "说",
        "写",
        "评价",
        "看法",
        "观点",
    ];
    let Some(author) = tokens
        .iter()
        .position(|t| AUTHOR.contains(&t.text.as_str()) || is_name(&t.text))
    else {
        return Vec::new();
    };
    let near = author.saturating_sub(3)..(author + 4).min(tokens.len());
    let verbs: Vec<usize> = near
        .filter(|&i| VIEW.contains(&tokens[i].text.as_str()))
        .collect();
    if verbs.is_empty() {
        return Vec::new();
    }
    let mut out = verbs;
    out.push(author);
    out
}

/// The positions of the words that describe the article in a question
/// asking who wrote it: "who wrote this piece *on Russia–China regional
/// ties*?", «кто автор статьи *о развитии сотрудничества…*?». They say
/// which article, not what is asked about, and would match the facts on
/// those topics. Not in "what does the article say about the bridge?",
/// where the bridge is what is asked about.
pub fn article_described(tokens: &[Token], wants: Wants) -> Vec<usize> {
    const ARTICLE: &[&str] = &[
        "article",
        "piece",
        "paper",
        "text",
        "report",
        "статья",
        "статьи",
        "статью",
        "статье",
        "работы",
        "текста",
        "доклада",
    ];
    const ON: &[&str] = &["on", "about", "о", "об", "про"];
    let author = tokens.iter().any(|t| {
        matches!(
            t.text.as_str(),
            "author" | "wrote" | "written" | "writer" | "автор" | "написал" | "написала"
        )
    });
    if !(author || wants == Wants::Who) {
        return Vec::new();
    }
    let Some(at) = (1..tokens.len()).find(|&i| {
        ON.contains(&tokens[i].text.as_str()) && ARTICLE.contains(&tokens[i - 1].text.as_str())
    }) else {
        return Vec::new();
    };
    // Up to the next part of the question: "…, and where does he work?",
    // not "…of Russia and China".
    let asks = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            matches!(
                t.text.as_str(),
                "what"
                    | "who"
                    | "where"
                    | "when"
                    | "how"
                    | "which"
                    | "кто"
                    | "что"
                    | "где"
                    | "когда"
                    | "как"
                    | "какой"
                    | "какая"
                    | "какую"
                    | "какие"
            )
        })
    };
    let end = (at + 1..tokens.len())
        .find(|&i| matches!(tokens[i].text.as_str(), "and" | "и" | "а") && asks(i + 1))
        .unwrap_or(tokens.len());
    (at..end).collect()
}

/// Chinese superlatives: 最多 ("the most"), 最大 ("the biggest").
const ZH_MOST: &[&str] = &["最多", "最大", "最高", "最主要"];

/// "Which region got the most…?", "who is the biggest investor?", «какие
/// регионы получили больше всего…», «кто крупнейший инвестор»: a question
/// that picks the first of several by a superlative. Not "what was the
/// biggest problem?", which the facts listing problems answer as well as
/// anything can.
fn asks_ranking(words: &[&str]) -> bool {
    let picks = words.iter().any(|w| {
        matches!(
            *w,
            "which"
                | "who"
                | "where"
                | "кто"
                | "кого"
                | "кому"
                | "какие"
                | "каких"
                | "какой"
                | "какая"
                | "какое"
                | "какую"
                | "каком"
                | "какого"
                | "где"
                | "чей"
                | "чья"
                | "чьи"
        )
    });
    let superlative = words.iter().enumerate().any(|(i, w)| {
        matches!(
            *w,
            "most" | "biggest" | "largest" | "highest" | "greatest" | "fastest" | "top"
        ) || (matches!(*w, "больше" | "меньше") && words.get(i + 1) == Some(&"всего"))
            || [
                "наибольш",
                "наименьш",
                "крупнейш",
                "самый",
                "самая",
                "самое",
                "самые",
                "самым",
                "самого",
                "самой",
            ]
            .iter()
            .any(|p| w.starts_with(p))
    });
    picks && superlative
}

/// "How to…", "how do I…", «как открыть…», «как мне…»: a question asking
/// for instructions or advice, not for what happened.
fn how_to(words: &[&str]) -> bool {
    let at = |i: usize| words.get(i).copied();
    match (at(0), at(1), at(2)) {
        (Some("how"), Some("to"), _) => true,
        (Some("how"), Some("do" | "can" | "could" | "should" | "would"), Some(w)) => {
            matches!(w, "i" | "we" | "one" | "you")
                && !matches!(
                    at(3),
                    Some("know" | "say" | "tell" | "describe" | "characterize")
                )
        }
        (Some("как"), Some("мне" | "нам"), _) => true,
        // «Куда вложить деньги?», «где купить…?»: where to do something.
        (Some("куда" | "где"), Some(w), _)
            if (w.ends_with("ть") || w.ends_with("ти") || w.ends_with("чь"))
                && !NOUNS_IN_T.contains(&w) =>
        {
            true
        }
        // Advice for the asker: «посоветуй, куда вложить деньги», "should I…?"
        _ if words.iter().any(|w| {
            matches!(
                *w,
                "посоветуй" | "посоветуйте" | "посоветуешь" | "посоветуете" | "advise"
            )
        }) || words
            .windows(2)
            .any(|w| matches!(w, ["should", "i" | "we"])) =>
        {
            true
        }
        // «Как открыть ИП?»: «как» and an infinitive. Nouns in -ть
        // («часть», «область») do not ask how.
        (Some("как"), Some(w), _) => {
            (w.ends_with("ть") || w.ends_with("ти") || w.ends_with("чь"))
                && !NOUNS_IN_T.contains(&w)
        }
        _ => false,
    }
}

/// Nouns of places: "which city…?", «в каком крае…?», «до какого города…?».
pub const PLACES: &[&str] = &[
    "region",
    "regions",
    // "Which country is the biggest investor?" asks for a place.
    "country",
    "countries",
    "province",
    "provinces",
    "place",
    "city",
    "cities",
    "town",
    "towns",
    "area",
    "territory",
    "territories",
    "river",
    "страна",
    "страну",
    "стране",
    "страны",
    "регионе",
    "регионах",
    "региона",
    "месте",
    "города",
    "город",
    "городе",
    "пункта",
    "станции",
    "реку",
    "реке",
    "places",
    "points",
    "пунктами",
    "пунктов",
    "пункты",
    "крае",
    "провинции",
    "области",
];

/// "Which city…?", "which Chinese town…?", «до какого (китайского)
/// города…?», «через какую реку…?», "which part of Russia…?": a question
/// asking which place.
fn asks_which_place(words: &[&str]) -> bool {
    const WHICH: &[&str] = &[
        "which",
        "what",
        "каком",
        "какой",
        "какие",
        "каких",
        "какая",
        "какую",
        "какого",
        "какими",
        "каким",
    ];
    (0..words.len()).any(|i| {
        WHICH.contains(&words[i])
            && (words.iter().skip(i + 1).take(2).any(|n| PLACES.contains(n))
                // "Which part of Russia…?" asks where; "what part of the
                // trade…?" a share.
                || part_of_a_place(&words[i + 1..]))
    })
}

/// "part of Russia", "parts of China": a place, not a share.
fn part_of_a_place(words: &[&str]) -> bool {
    matches!(
        words,
        ["part" | "parts", "of", "russia" | "china", ..]
            | ["part" | "parts", "of", "the", "country", ..]
    )
}

/// "When" asks when unless another question word comes first: in "which
/// parts are named when talking about…" or «кто был президентом, когда…»
/// it only says at what time. "And when", "so when" still ask.
fn asks_when(words: &[&str]) -> bool {
    const ASKING: &[&str] = &[
        "what",
        "which",
        "who",
        "whom",
        "how",
        "where",
        "why",
        "что",
        "какой",
        "какая",
        "какие",
        "какое",
        "какую",
        "каком",
        "какого",
        "кто",
        "где",
        "сколько",
        "почему",
        "зачем",
    ];
    let Some(at) = words.iter().position(|w| matches!(*w, "when" | "когда")) else {
        return false;
    };
    !words[..at].iter().any(|w| ASKING.contains(w))
}

/// Everyday Russian nouns that end like an infinitive.
const NOUNS_IN_T: &[&str] = &[
    "часть",
    "область",
    "власть",
    "сеть",
    "путь",
    "треть",
    "память",
    "связь",
    "мощность",
    "деятельность",
    "необходимость",
    "возможность",
    "безопасность",
    "стоимость",
    "ответственность",
    "собственность",
    "промышленность",
];

/// The years (1900–2099) among the tokens; "the year before 2013" and
/// «за год до 2013» are 2012, "the year after 2012" 2013.
pub fn years(tokens: &[Token]) -> Vec<i32> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind == TokenKind::Number
            && t.text.len() == 4
            && let Ok(y) = t.text.parse::<i32>()
            && (1900..2100).contains(&y)
        {
            let before = |n: usize| {
                i.checked_sub(n)
                    .and_then(|j| tokens.get(j))
                    .map_or("", |t| t.text.as_str())
            };
            let y = match (before(2), before(1)) {
                ("year", "before") | ("год", "до") => y - 1,
                ("year", "after") | ("год", "после") => y + 1,
                // "after 2018" is 2019 on, "before 2013" 2012 back.
                (_, "after" | "после" | "since") if before(1) != "since" => y + 1,
                (_, "before") => y - 1,
                _ => y,
            };
            if !out.contains(&y) {
                out.push(y);
            }
        }
    }
    out
}

/// Words that name an amount: "what is the volume of…", «какова доля…».
const AMOUNT_NOUNS: &[&str] = &[
    "part",
    "часть",
    "worth",
    "budget",
    "cost",
    "costs",
    "turnover",
    "volume",
    "volumes",
    "amount",
    "amounts",
    "sum",
    "figure",
    "figures",
    "percentage",
    "share",
    "proportion",
    "level",
    "size",
    "total",
    "value",
    "number",
    // "What was the growth rate?", «какой темп роста?»
    "rate",
    "темп",
    "темпы",
    "обьем",
    "обьема",
    "обьемы",
    "товарооборот",
    "бюджет",
    "стоимость",
    "доля",
    "долю",
    "доли",
    "сумма",
    "сумму",
    "размер",
    "процент",
    "процентов",
    "величина",
    "уровень",
    "цифра",
    "цифры",
];

/// Words that ask for a part of a whole rather than an amount ("%" is not
/// one: "the whole, if China is 29%?" asks for an amount).
const SHARE: &[&str] = &[
    "share",
    "percentage",
    "proportion",
    "part",
    "fraction",
    "slice",
    "chunk",
    "portion",
    "contribution",
    "доля",
    "долю",
    "доли",
    "процент",
    "процентов",
    "процента",
    "часть",
    "частью",
    "вклад",
    "piece",
    // "More than a quarter of the trade?", «примерно треть?»
    "half",
    "third",
    "quarter",
    "половина",
    "половину",
    "треть",
    "четверть",
];

/// True for a word that says which measure is asked (a share, a change):
/// the frame reads it, so it is no evidence against a fact that does not
/// use it ("China's slice of…").
pub fn is_measure_cue(word: &str) -> bool {
    SHARE.contains(&word) || is_growth_word(word)
}

/// "The whole country", "nationwide", «по всей стране», «в целом по
/// России»: the country as a whole, not some of its regions.
fn national(words: &[&str]) -> bool {
    words.iter().any(|w| {
        matches!(
            *w,
            "nationwide" | "countrywide" | "national" | "общероссийский" | "общероссийская"
        )
    }) || words.windows(2).any(|w| {
        matches!(
            w,
            ["whole" | "entire", "country" | "russia"]
                | ["all", "russia"]
                | ["по" | "всей" | "всея", "стране" | "россии"]
                | ["всей" | "целой", "страны"]
        )
    }) || words.windows(3).any(|w| {
        matches!(
            w,
            ["all", "of", "russia"] | ["country" | "russia", "as", "a"]
        )
    })
}

/// A word for signing or agreeing: "signed", "agreed", «договорились»,
/// «подписали».
fn is_signing_word(word: &str) -> bool {
    matches!(
        word,
        "sign" | "signed" | "signs" | "signing" | "agree" | "agreed" | "agrees" | "treaty"
    ) || [
        "договорил",
        "договорятся",
        "подписа",
        "подпишут",
        "соглашени",
    ]
    .iter()
    .any(|p| word.starts_with(p))
}

/// "Compared with the others", «по сравнению с остальными»: how one
/// stands against all the rest, which a share tells.
fn against_the_rest(words: &[&str]) -> bool {
    let compared = words.iter().any(|w| {
        matches!(
            *w,
            "compared" | "than" | "among" | "сравнению" | "сравнении" | "чем" | "среди"
        )
    });
    compared
        && words.iter().any(|w| {
            matches!(
                *w,
                "other" | "others" | "rest" | "остальными" | "остальных" | "другими" | "других"
            )
        })
}

/// "A major backer", "the biggest investor", «главный партнёр»: how one
/// stands among all, which a share tells.
fn ranks_among(words: &[&str]) -> bool {
    const RANK: &[&str] = &[
        "major",
        "main",
        "biggest",
        "largest",
        "dominant",
        "leading",
        "top",
        "key",
        "крупнейший",
        "крупнейшим",
        "главный",
        "главным",
        "основной",
        "основным",
        "ведущий",
        "ведущим",
    ];
    const WHO: &[&str] = &[
        "investor",
        "investors",
        "backer",
        "backers",
        "partner",
        "partners",
        "source",
        "инвестор",
        "инвестором",
        "партнер",
        "партнером",
        "источник",
        "источником",
    ];
    words
        .windows(2)
        .any(|w| RANK.contains(&w[0]) && WHO.contains(&w[1]))
        || words
            .windows(3)
            .any(|w| RANK.contains(&w[0]) && WHO.contains(&w[2]))
}

/// "Up on 2012", "down on the year before", "up on last year": a change,
/// measured from the year named; not "set up on the decision of…".
fn up_on_year(tokens: &[Token]) -> bool {
    let text = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    (0..tokens.len()).any(|i| {
        matches!(text(i), "up" | "down")
            && text(i + 1) == "on"
            && (tokens
                .get(i + 2)
                .is_some_and(|t| t.kind == TokenKind::Number)
                || text(i + 2) == "last"
                || (text(i + 2) == "the"
                    && matches!(
                        text(i + 3),
                        "year" | "previous" | "prior" | "preceding" | "last"
                    )))
    })
}

/// It compares one year with another: "how did investment in 2013 compare
/// with the year before?", "investment 2012 vs 2013, how much difference?",
/// «как изменились инвестиции по сравнению с прошлым годом»: a change is
/// asked. Comparing with anything else ("compared with other countries")
/// asks for a share instead.
fn compares_years(words: &[&str], years: &[i32]) -> bool {
    const COMPARE: &[&str] = &[
        "compare",
        "compared",
        "compares",
        "comparison",
        "vs",
        "versus",
        "difference",
        "сравнению",
        "сравнении",
        "сравнить",
        "разница",
        "разницу",
    ];
    const EARLIER: &[&str] = &[
        "before",
        "previous",
        "prior",
        "preceding",
        "earlier",
        "last",
        "прошлым",
        "прошлого",
        "предыдущим",
        "предыдущего",
        "прежним",
    ];
    let earlier_year = words.windows(2).any(|w| {
        (EARLIER.contains(&w[0]) && matches!(w[1], "year" | "годом" | "года" | "год"))
            || (w[0] == "year" && EARLIER.contains(&w[1]))
    });
    words.iter().any(|w| COMPARE.contains(w)) && (years.len() >= 2 || earlier_year)
}

/// The years a question asks about. After a premise ("if 2013 trade was
/// 12.5 bn and growth was 14%, what was it in 2012?", «если в 2013 рост
/// 14%, сколько было в 2012?»), the years named after the question word
/// that follows it, when it names any: the premise's year is given, not
/// asked.
fn asked_years(tokens: &[Token]) -> Vec<i32> {
    const ASKING: &[&str] = &[
        "what",
        "how",
        "which",
        "сколько",
        "какой",
        "какая",
        "каков",
        "какова",
        "какое",
        "каким",
    ];
    let all = years(tokens);
    let Some(premise) = tokens.iter().position(|t| is_premise_word(&t.text)) else {
        return all;
    };
    let asked = (tokens.iter().skip(premise + 1))
        .position(|t| ASKING.contains(&t.text.as_str()))
        .map(|i| premise + 1 + i);
    match asked.map(|at| years(&tokens[at..])) {
        Some(after) if !after.is_empty() => after,
        _ => all,
    }
}

/// A word opening a premise: "if", "assuming", «если», «раз».
pub fn is_premise_word(word: &str) -> bool {
    matches!(word, "if" | "assuming" | "given" | "если" | "раз")
}

/// The question gives a share by its figure ("if China is 2%") and asks
/// for the whole ("how much in total").
fn asks_whole_given_share(tokens: &[Token], words: &[&str]) -> bool {
    (0..tokens.len()).any(|i| is_percent_at(tokens, i))
        && words
            .iter()
            .any(|w| matches!(*w, "всего" | "total" | "overall" | "altogether" | "целом"))
}

/// The question states a change by its figure: «рост 14%», "grew by 14%",
/// "18% up".
fn states_growth(tokens: &[Token]) -> bool {
    let percent = |i: usize| is_percent_at(tokens, i);
    (0..tokens.len()).any(|i| {
        is_growth_word(&tokens[i].text)
            && ((i + 1..=i + 3).any(percent) || (i >= 2 && percent(i - 2)))
    })
}

/// A percentage figure ("14%", read as `14 percent`) starts at token `i`.
fn is_percent_at(tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.kind == TokenKind::Number)
        && tokens.get(i + 1).is_some_and(|t| t.text == "percent")
}

/// A word asking how something changed: "grew", «подросла».
fn is_growth_word(word: &str) -> bool {
    GROWTH.contains(&word) || GROWTH_RU.iter().any(|g| word.starts_with(g))
}

/// A word for a year or a date ("what year", «в каком году»): in a question
/// asking when, it says what is asked.
pub fn is_year_word(word: &str) -> bool {
    matches!(
        word,
        "year" | "years" | "date" | "год" | "году" | "года" | "годы" | "дата"
    )
}

/// "The year before", «годом раньше», "前一年".
pub fn is_year_before(norm: &str) -> bool {
    [
        "year before",
        "previous year",
        "year earlier",
        "годом раньше",
        "годом ранее",
        "год до этого",
        "предыдущий год",
        "前一年",
        "上一年",
    ]
    .iter()
    .any(|p| norm.contains(p))
}

/// Words asking for the most recent figure (see [`Frame::latest`]).
const LATEST: &[&str] = &[
    "latest",
    "newest",
    "recent",
    "current",
    "currently",
    "последний",
    "последние",
    "последних",
    "последнем",
    "последняя",
    "последнюю",
    "последнего",
    "последней",
    "последним",
    "свежие",
    "свежий",
    "актуальный",
    "актуальные",
    "текущий",
];
const ZH_LATEST: &[&str] = &["最新", "最近"];

/// Words that ask how much something changed.
const GROWTH: &[&str] = &[
    "grow",
    "grew",
    "grown",
    "growth",
    "rise",
    "rose",
    "risen",
    "increase",
    "increased",
    "fall",
    "fell",
    "decrease",
    "decreased",
    "change",
    "changed",
    "рост",
    "изменился",
    "изменилась",
    "изменилось",
    "изменились",
    "упал",
    "упала",
    "упало",
    "упали",
    "dropped",
    "declined",
    "shrank",
    "shrink",
    "shrunk",
    "cut",
    "reduced",
    "slashed",
    "grows",
    "growing",
    "rises",
    "rising",
    "increases",
    "increasing",
    "falling",
    "decline",
    "drop",
    "jump",
    "jumped",
    "climb",
    "climbed",
    "higher",
    "lower",
];

/// Russian verbs and nouns of change by their start, whatever their ending:
/// «подросла», «превысили», «увеличение» (other forms are in [`GROWTH`]).
const GROWTH_RU: &[&str] = &[
    "вырос",
    "вырас",
    "подрос",
    "увелич",
    "сниз",
    "сократ",
    "уменьш",
    "превыс",
    "прирост",
    "подскоч",
    "прибав",
    "урез",
];

/// "Trade before the 14% increase", «до роста»: the amount before a change,
/// not the change. "The year before" and "the previous year" are only the
/// year a change is measured from.
fn before_something(words: &[&str]) -> bool {
    const YEAR: &[&str] = &["year", "years", "год", "года", "году"];
    words.iter().enumerate().any(|(i, w)| {
        matches!(*w, "before" | "prior" | "previous" | "до" | "перед")
            // "the year before" is the previous year, not a time before
            // something.
            && !(i > 0 && YEAR.contains(&words[i - 1]))
            && words
                .get(i + 1)
                .is_some_and(|next| !YEAR.contains(next))
    })
}

/// Words that make a question about the future.
const FUTURE: &[&str] = &[
    "will",
    "future",
    "next",
    "upcoming",
    "soon",
    "expected",
    "forecast",
    "будет",
    "будут",
    "станет",
    "станут",
    "планируется",
    "планируют",
    "собираются",
    "ожидается",
    "откроют",
    "откроется",
    "достроят",
    "построят",
    "завершат",
    "закончат",
    "будущем",
    "следующий",
    "следующая",
    "следующее",
    "следующие",
    "следующего",
    "следующей",
    "ближайший",
    "ближайшая",
    "ближайшее",
    "ближайшие",
    // What comes after it: "which programme will replace it?", «что придёт
    // на смену программе?» ask past the document's end.
    "replace",
    "replaces",
    "successor",
    "succeed",
    "смену",
    "заменит",
    "сменит",
    "преемник",
];

/// Words that end a period: "when does the programme end?".
const PERIOD_END: &[&str] = &[
    "end",
    "ends",
    "expire",
    "expires",
    "last",
    "lasts",
    "run",
    "runs",
    "until",
    "till",
    "закончится",
    "заканчивается",
    "истекает",
    "действует",
    "рассчитана",
];

/// Words that ask what something does or achieved.
/// Nouns for agents: "which companies…?" asks who.
const AGENTS: &[&str] = &[
    "companies",
    "company",
    "firms",
    "firm",
    "businesses",
    "organisations",
    "organizations",
    "organisation",
    "organization",
    "people",
    "persons",
    "person",
    "banks",
    "investors",
    "officials",
    "members",
    "компании",
    "компания",
    "фирмы",
    "предприятия",
    "организации",
    "организация",
    "люди",
    "банки",
    "инвесторы",
    "чиновники",
    "члены",
    // «с какой структурой…», «каким органом…»: with or by which body.
    "структурой",
    "организацией",
    "органом",
];

/// Words for who leads or belongs to an organisation.
const LEADERS: &[&str] = &[
    "chair",
    "chairs",
    "chaired",
    "chairman",
    "chairwoman",
    "chairperson",
    "head",
    "heads",
    "headed",
    "heading",
    "lead",
    "leads",
    "leader",
    "leaders",
    // "Who runs it?", «кто им управляет?»: who is in charge.
    "runs",
    "ran",
    "manages",
    "managed",
    "boss",
    "управляет",
    "управлял",
    "members",
    "member",
    "председатель",
    "председателем",
    "возглавляет",
    "возглавлял",
    "возглавляла",
    "руководит",
    "руководил",
    "руководитель",
    "руководителем",
    "director",
    "директор",
    "директора",
    "директором",
    "председателя",
    "руководителя",
    "глава",
    "главой",
    "члены",
    "состав",
    "входит",
    "входят",
];

/// Verbs of saying: "what did he say?".
const SAYING: &[&str] = &[
    "say",
    "said",
    "says",
    "stated",
    "announced",
    "сказал",
    "сказала",
    "заявил",
    "заявила",
    "говорил",
    "говорила",
    "сказали",
    "заявили",
];

/// "What does X think of…?", «что думает X…»: someone's opinion, their
/// words, which the document does not give (but what the author thinks, it
/// does). Only in a question opening with "what": "why did they think they
/// needed…" asks why.
const OPINION: &[&str] = &["think", "thinks", "opinion", "думает", "думают", "мнение"];

/// Words for the document itself, the one speaker whose words are known.
const DOCUMENT: &[&str] = &[
    "document",
    "paper",
    "report",
    "article",
    "text",
    "author",
    "документ",
    "документе",
    "доклад",
    "докладе",
    "статья",
    "статье",
    "текст",
    "тексте",
    "автор",
];

const ACTIVITY: &[&str] = &[
    "do",
    "doing",
    "done",
    "achieve",
    "achieved",
    "accomplish",
    "accomplished",
    "contribute",
    "contributed",
    "contribution",
    "role",
    "function",
    "responsible",
    "занимается",
    "занимаются",
    "делает",
    "делают",
    "сделала",
    "сделал",
    "добилась",
    "добился",
    "достигла",
    "достиг",
    "роль",
    "функции",
    // «Какой толк от группы?»: what it does.
    "толк",
    "толку",
    "полезна",
    "полезен",
    "полезно",
    "польза",
    "useful",
    "use",
    "helped",
];

/// A question's Chinese words, joined, with the byte offsets where words
/// meet.
struct Han {
    text: String,
    joins: Vec<usize>,
}

impl Han {
    fn new(words: &[&str]) -> Han {
        let mut text = String::new();
        let mut joins = Vec::new();
        for w in words {
            joins.push(text.len());
            text.push_str(w);
        }
        joins.push(text.len());
        Han { text, joins }
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Where a cue may stand: inside one word (多少 in 有多少) or as a run of
    /// whole words, never across a join it does not start or end at (目的,
    /// "purpose", is not in 项目|的, "of the project").
    fn fits(&self, at: usize, len: usize) -> bool {
        let end = at + len;
        let inside = self.joins.iter().any(|&j| j > at && j < end);
        !inside || (self.joins.contains(&at) && self.joins.contains(&end))
    }

    /// True when one of the cues is in the question where it may stand.
    fn has(&self, cues: &[&str]) -> bool {
        // Most questions have no Chinese: no searcher to build per cue.
        !self.text.is_empty()
            && cues.iter().any(|cue| {
                self.text
                    .match_indices(cue)
                    .any(|(at, _)| self.fits(at, cue.len()))
            })
    }

    /// True when one of the words stands as a word of its own (能 in
    /// 什么时候|能|通车, not in 可能).
    fn has_word(&self, words: &[&str]) -> bool {
        !self.text.is_empty()
            && words.iter().any(|w| {
                (self.text.match_indices(w))
                    .any(|(at, _)| self.joins.contains(&at) && self.joins.contains(&(at + w.len())))
            })
    }

    fn starts_with(&self, cue: &str) -> bool {
        self.text.starts_with(cue) && self.fits(0, cue.len())
    }

    fn ends_with(&self, cue: &str) -> bool {
        self.text.ends_with(cue) && self.fits(self.text.len() - cue.len(), cue.len())
    }
}

/// Chinese for a share and for a change.
const ZH_SHARE: &[&str] = &[
    "比例",
    "份额",
    "占比",
    "比重",
    "百分之几",
    "占多少",
    "占了",
    "几成",
    // "contribution", «вклад»
    "贡献",
];
const ZH_GROWTH: &[&str] = &["增长", "增加", "上升", "下降", "减少", "涨了", "变化"];

/// Chinese cue words, by what they ask for.
const ZH_WHO: &[&str] = &["谁", "哪位", "什么人", "哪个人", "哪些人"];
/// How often: 多久一次, 多长时间开一次, 每隔多久, 频率.
const ZH_FREQUENCY: &[&str] = &[
    "上次",
    "上一次",
    "最近一次",
    "多久一次",
    "每隔多久",
    "多长时间一次",
    "频率",
    "几年一次",
    "每年几次",
];
/// How to: 怎样才能, 如何才能, 怎么办.
const ZH_HOW_TO: &[&str] = &["怎样才能", "如何才能", "怎么才能", "怎么办", "该怎么"];
const ZH_UNTIL: &[&str] = &[
    "到什么时候",
    "到哪一年",
    "到哪年",
    "截至何时",
    "持续到",
    "期限",
    "为期多久",
    "到何时",
];
const ZH_STATEMENT: &[&str] = &["说了什么", "说过什么", "讲了什么", "表示了什么", "讲话"];
const ZH_LEADER: &[&str] = &[
    "主席",
    "领导",
    "负责人",
    "主任",
    "成员",
    "牵头",
    "主持",
    "会长",
];
const ZH_FUTURE: &[&str] = &[
    "将来",
    "未来",
    "将会",
    "会不会",
    "预计",
    "打算",
    "何时通车",
    "什么时候通车",
    "什么时候开通",
    "何时开通",
    "什么时候建成",
    "何时建成",
    "什么时候完工",
    "下一次",
    "下次",
    "下一届",
    "接替",
    "取代",
];
/// "Can", "will": with "when", a question about the future (什么时候能通车).
/// Whole words only: 会 is also the end of 委员会.
const ZH_MODAL: &[&str] = &["能", "会", "将", "才能", "将要", "要"];
const ZH_WHICH_BODY: &[&str] = &[
    "哪些企业",
    "哪些公司",
    "哪家公司",
    "哪些机构",
    "哪些组织",
    "哪个机构",
    "哪家机构",
    "哪个组织",
    "哪个部门",
];
const ZH_WHEN: &[&str] = &[
    "什么时候",
    "何时",
    "哪一年",
    "哪年",
    "几月",
    "哪个月",
    "哪天",
    "日期",
];
const ZH_HOW_MUCH: &[&str] = &[
    "多少", "多大", "多长", "多高", "多快", "几成", "规模", "金额", "总额", "比例", "份额", "占比",
    "数额",
];
const ZH_WHERE: &[&str] = &[
    "哪里",
    "哪儿",
    "在哪",
    "什么地方",
    "哪个地区",
    "哪个省",
    "哪些地区",
    "哪个国家",
    "哪些国家",
];
/// "In which respects" (在哪些方面): 在哪 here is no place.
const ZH_ASPECT: &[&str] = &["哪些方面", "哪个方面", "哪方面", "什么方面"];
const ZH_WHY: &[&str] = &["为什么", "为何", "原因", "目的", "目标", "宗旨"];
const ZH_ACTIVITY: &[&str] = &[
    "做什么",
    "干什么",
    "作用",
    "职能",
    "负责什么",
    "成果",
    "取得了什么",
    "做了什么",
];
const ZH_ABOUT: &[&str] = &[
    "什么是",
    "是什么",
    "介绍一下",
    "介绍",
    "讲讲",
    "说说",
    "怎么样",
    "怎么回事",
];
const ZH_BEFORE: &[&str] = &["之前", "以前", "前一年"];
const ZH_IDENTITY: &[&str] = &["是谁", "是什么人"];
const ZH_ELLIPSIS: &[&str] = &["那", "还有"];
const ZH_PRONOUNS: &[&str] = &["它", "他", "她"];
const ZH_POINTERS: &[&str] = &["其", "这个", "那个", "该"];

/// Words that stand for something named before: "it", «он». A question
/// alone that says one and names nothing cannot be answered.
const PRONOUNS: &[&str] = &[
    "it", "its", "he", "him", "his", "she", "her", "он", "она", "оно", "они", "его", "ее", "их",
    "ему", "ей", "нем", "ней",
];
/// Words that may point at what was just said ("what share is that?") or
/// not ("that year", "they say"): a conversation reads them so, a question
/// alone does not.
const POINTERS: &[&str] = &[
    "they",
    "them",
    "their",
    "that",
    "this",
    "это",
    "этого",
    "этом",
    "эта",
    "этот",
    "там",
];
/// English pronouns that stand for "the thing's".
pub const POSSESSIVES: &[&str] = &["its", "his", "her", "their"];

/// True when a word stands for something named before ("it", "his", «он»).
pub fn is_pronoun(word: &str) -> bool {
    PRONOUNS.contains(&word)
}

/// True when a word stands for, or points at, something said before.
pub fn points_back(word: &str) -> bool {
    PRONOUNS.contains(&word)
        || POINTERS.contains(&word)
        || ZH_PRONOUNS.contains(&word)
        || ZH_POINTERS.contains(&word)
}

/// Words that only link a follow-up to what came before, when it opens
/// with them ("and…", «а…», "那…"). In a conversation any of them makes a
/// follow-up; alone, only "and", «а», «и», the pairs and 那/还有 mark one
/// ([`Frame::elliptical`]): "so" and "then" open ordinary questions too.
const LINKS: &[&str] = &[
    "and",
    "so",
    "then",
    "also",
    "а",
    "и",
    "тогда",
    "那",
    "那么",
    "还有",
];
/// Pairs that do the same ("what about…", «что насчёт…»).
const LINK_PAIRS: &[[&str; 2]] = &[["what", "about"], ["how", "about"], ["что", "насчет"]];

/// How many tokens at the start only link the question to the last one.
/// The rest is kept whole: "how long is it?" still asks "how long".
pub fn opening(tokens: &[Token]) -> usize {
    links(|i| tokens.get(i).map(|t| t.text.as_str()))
}

/// [`opening`] over the word at each position.
fn links<'a>(text: impl Fn(usize) -> Option<&'a str>) -> usize {
    let mut at = 0;
    loop {
        let word = |i: usize| text(at + i);
        if word(0).is_some_and(|w| LINKS.contains(&w)) {
            at += 1;
        } else if LINK_PAIRS
            .iter()
            .any(|[a, b]| word(0) == Some(a) && word(1) == Some(b))
        {
            at += 2;
        } else {
            return at;
        }
    }
}

/// Chinese cues that ask about a thing or a person as a whole ("是谁",
/// "介绍一下"): with only a name beside them, a question wants its card.
pub fn chinese_whole_cues() -> impl Iterator<Item = &'static str> {
    [ZH_ABOUT, ZH_IDENTITY].into_iter().flatten().copied()
}

/// Every Chinese cue word the frame reads, so that the segmenter keeps each
/// one whole (多少 in 运多少货).
pub fn chinese_cues() -> impl Iterator<Item = &'static str> {
    [
        ZH_SHARE,
        ZH_GROWTH,
        ZH_WHO,
        ZH_UNTIL,
        ZH_STATEMENT,
        ZH_LEADER,
        ZH_FUTURE,
        ZH_MODAL,
        ZH_WHICH_BODY,
        ZH_WHEN,
        ZH_HOW_MUCH,
        ZH_MOST,
        ZH_WHERE,
        ZH_WHY,
        ZH_ACTIVITY,
        ZH_ABOUT,
        ZH_BEFORE,
        ZH_IDENTITY,
        ZH_ELLIPSIS,
        ZH_PRONOUNS,
        ZH_POINTERS,
        LINKS,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// What a Chinese question asks for, from its characters, if it says.
fn chinese_wants(han: &Han) -> Option<Wants> {
    if han.is_empty() {
        return None;
    }
    let has = |cues: &[&str]| han.has(cues);
    let who = has(ZH_WHO);
    Some(if has(ZH_UNTIL) {
        Wants::UntilWhen
    } else if has(ZH_STATEMENT) {
        Wants::Statement
    } else if has(ZH_FREQUENCY) {
        Wants::Frequency
    } else if has(ZH_HOW_TO) {
        Wants::HowTo
    } else if has(&["你觉得", "你认为", "你怎么看", "你的看法", "你的意见"]) {
        Wants::Opinion
    } else if (who || has(&["哪"])) && has(ZH_MOST) {
        Wants::Ranking
    } else if who && has(ZH_LEADER) {
        Wants::Leader
    } else if has(ZH_FUTURE) || (has(ZH_WHEN) && han.has_word(ZH_MODAL)) {
        Wants::Future
    } else if who || has(ZH_WHICH_BODY) {
        Wants::Who
    } else if has(ZH_WHEN) {
        Wants::When
    } else if has(ZH_HOW_MUCH) {
        Wants::HowMuch
    } else if ZH_ASPECT.iter().any(|c| han.text.contains(c)) {
        // Cut 在哪|些方面 as often as 在|哪些方面: read across the join.
        return None;
    } else if has(ZH_WHERE) {
        Wants::Where
    } else if has(ZH_WHY) {
        Wants::Why
    } else if has(ZH_ACTIVITY) {
        Wants::Activity
    } else if has(ZH_ABOUT) {
        Wants::About
    } else {
        return None;
    })
}

/// What a question asks for, from its normalised words.
fn wants(words: &[&str]) -> Wants {
    let has = |set: &[&str]| words.iter().any(|w| set.contains(w));
    let pair = |a: &[&str], b: &[&str]| {
        words
            .windows(2)
            .any(|w| a.contains(&w[0]) && b.contains(&w[1]))
    };
    let starts = |a: &[&str]| words.first().is_some_and(|w| a.contains(w));
    let what = &[
        "what",
        "which",
        "каков",
        "какова",
        "каково",
        "каковы",
        "какой",
        "какая",
        "какое",
        "какие",
        "каким",
        "какую",
        "каком",
        "какого",
    ];

    // How often, or "when did the council last meet?", «в последний раз»:
    // a recurring event, which the document does not date ("last" is not
    // how long something lasts here).
    if pair(&["last"], &["time", "met", "meet", "meeting", "convened"])
        || pair(&["последний"], &["раз"])
        || pair(&["how"], &["often", "frequently"])
        || pair(&["как"], &["часто"])
        || has(&[
            "frequency",
            "periodically",
            "частота",
            "периодичность",
            "регулярно",
        ])
    {
        return Wants::Frequency;
    }
    if how_to(words) {
        return Wants::HowTo;
    }
    if asks_opinion(words) {
        return Wants::Opinion;
    }
    // "What comes after the programme when it ends?": its successor, not
    // when it ends.
    if pair(
        &["comes", "come", "happens", "happen", "follows"],
        &["after", "next"],
    ) {
        return Wants::Future;
    }
    // «Ради чего», «ради чьего роста»: for the sake of what, whose «чьего»
    // asks no person.
    if pair(
        &["ради"],
        &["чего", "чьего", "чьей", "какой", "какого", "каких"],
    ) {
        return Wants::Why;
    }

    let until = pair(&["until", "till"], &["when", "what", "which"])
        || pair(&["by"], &["when"])
        // «До какого года?», not «до какого (китайского) города?».
        || words.windows(2).enumerate().any(|(i, w)| {
            w[0] == "до"
                && matches!(w[1], "какого" | "каких" | "какой" | "каком")
                && !words.iter().skip(i + 2).take(2).any(|n| PLACES.contains(n))
        })
        || (pair(&["по"], &["какой", "какое"]) && has(&["год", "года"]))
        || (has(&["when", "когда"]) && has(PERIOD_END))
        || (pair(&["how"], &["long"]) && has(&["last", "lasts", "run", "runs", "valid"]))
        // "How many years does it cover?", «на сколько лет рассчитана?», «на какой срок?»
        || words.windows(3).any(|w| w == ["how", "many", "years"])
        || pair(&["сколько", "скока"], &["лет"])
        || (pair(&["на"], &["какой", "какие"]) && has(&["срок", "сроки", "период"]))
        // "the time horizon of the plan", "its timeframe", «горизонт планирования»
        || has(&["horizon", "timeframe", "timeframes", "горизонт"])
        || pair(&["time"], &["frame", "span"]);
    if until {
        return Wants::UntilWhen;
    }
    let opinion = has(OPINION)
        && matches!(
            words.first(),
            Some(&("what" | "whats" | "что" | "каково" | "какое"))
        );
    if (has(SAYING) || opinion) && !has(DOCUMENT) {
        return Wants::Statement;
    }
    // «Как зовут…?» asks a person's name.
    let who = &[
        "who",
        "whom",
        "whose",
        "кто",
        "кого",
        "кому",
        "кем",
        "чей",
        "чья",
        "чье",
        "чьи",
        "чьему",
        "чьей",
        "чьего",
        "чьим",
        "зовут",
    ];
    // "Who is the deputy director?" asks for someone the document names.
    let deputy = has(&["deputy", "vice", "заместитель", "замдиректора", "зам"]);
    if has(who) && has(LEADERS) && !deputy {
        return Wants::Leader;
    }
    // "When is the bridge supposed to open?"; not "what was it supposed to
    // do?", nor "the agencies that are supposed to carry it out", where a
    // relative clause says what something is for.
    let planned = words.windows(2).enumerate().any(|(i, w)| {
        ["supposed", "scheduled", "due", "slated", "planned"].contains(&w[0])
            && w[1] == "to"
            && !(i >= 2 && matches!(words[i - 2], "that" | "which" | "who"))
    }) && !has(&["was", "were", "did", "had"]);
    // "going to open", not "which town is the line going to?" or "going
    // to the border".
    let going_to = words.windows(2).enumerate().any(|(i, w)| {
        w == ["going", "to"] && words.get(i + 2).is_some_and(|n| !matches!(*n, "the" | "a"))
    });
    // "Which companies will build…?" asks for names, whatever the tense.
    let which_agents = pair(what, AGENTS)
        || words
            .windows(3)
            .any(|w| what.contains(&w[0]) && AGENTS.contains(&w[2]));
    if which_agents {
        return Wants::Who;
    }
    if asks_ranking(words) {
        return Wants::Ranking;
    }
    // "The regions next door", "next to the border": a place, not a time.
    let future_word = words.iter().enumerate().any(|(i, w)| {
        FUTURE.contains(w) && !(*w == "next" && matches!(words.get(i + 1), Some(&("door" | "to"))))
    });
    // "Which two places is the bridge supposed to connect?", «через какую
    // реку будет мост?»: a place the thing is at, whatever the tense.
    let which_place = asks_which_place(words);
    if (future_word || planned || going_to || pair(&["won"], &["t"])) && !which_place {
        return Wants::Future;
    }
    if has(who)
        || pair(&["by"], &["whom"])
        || pair(what, AGENTS)
        || words
            .windows(3)
            .any(|w| what.contains(&w[0]) && AGENTS.contains(&w[2]))
    {
        return Wants::Who;
    }
    let when = asks_when(words)
        || pair(
            what,
            &[
                "year",
                "years",
                "period",
                "date",
                "month",
                "году",
                "год",
                "года",
                "годы",
                "годах",
                "период",
                "сроки",
                "месяце",
                "дата",
            ],
        )
        || pair(&["since"], &["when"])
        || words.windows(3).any(|w| {
            w[0] == "с" && w[1] == "какого" && matches!(w[2], "года" | "времени" | "момента")
        });
    if when {
        return Wants::When;
    }
    // "what is/was the … volume", "what share", «каков объём», «какую долю».
    let copula = &["is", "was", "are", "were", "s"];
    let what_amount = words.iter().enumerate().any(|(i, w)| {
        let after = |n: usize| words.iter().skip(i + 1).take(n);
        match *w {
            "what" | "which" if part_of_a_place(&words[i + 1..]) => false,
            "what" | "which" => {
                // "what (annual freight) volume…": up to two modifiers
                // between, none of them a verb's helper or an article.
                after(3)
                    .take_while(|n| {
                        !matches!(**n, "do" | "does" | "did" | "the" | "a" | "an")
                            && !copula.contains(n)
                    })
                    .any(|n| AMOUNT_NOUNS.contains(n))
                    || (after(1).any(|n| copula.contains(n))
                        && after(6).any(|n| AMOUNT_NOUNS.contains(n)))
            }
            "каков" | "какова" | "каково" | "каковы" => {
                after(6).any(|n| AMOUNT_NOUNS.contains(n))
            }
            // «какой (общий) товарооборот»: an adjective may come between.
            "какой" | "какая" | "какую" | "какого" | "каком" => {
                after(2).any(|n| AMOUNT_NOUNS.contains(n))
            }
            _ => false,
        }
    });
    // "How far along was the bridge?" asks how it stands, not a distance.
    let how_far_along = words.windows(3).any(|w| w == ["how", "far", "along"]);
    let how_much = (pair(
        &["how"],
        &[
            "much", "many", "big", "large", "long", "far", "high", "tall", "old", "fast",
        ],
    ) && !how_far_along)
        || has(&["сколько", "скока", "скоко"])
        || pair(&["на"], &["сколько"])
        // «Насколько выросло…?» is "by how much"; «насколько важны…?» is not.
        || (has(&["насколько"]) && words.iter().any(|w| is_growth_word(w)))
        || what_amount;
    if how_much {
        return Wants::HowMuch;
    }
    if has(&["where", "где", "откуда"]) || which_place {
        return Wants::Where;
    }
    if has(&[
        "why",
        "почему",
        "зачем",
        "reason",
        "purpose",
        "aim",
        "goal",
        "goals",
        "причина",
        "цель",
        "цели",
        // "What is China hoping to get out of the plan?": its goals.
        "hope",
        "hopes",
        "hoping",
        "надеется",
        "надеются",
        // "What is China trying to get out of the plan?", «чего Китай хочет
        // добиться?»: what it aims at.
        "trying",
        "wants",
        "хочет",
        "хотят",
        "добиться",
    ]) || pair(&["what"], &["for"])
        // "What's the point of the council?", «в чём смысл совета?»
        || words.windows(3).any(|w| w == ["the", "point", "of"])
        || has(&["смысл"])
        || pair(&["для"], &["чего"])
        // «С какой целью», «с какой стати»; not «с какой группой».
        || words
            .windows(3)
            .any(|w| w[..2] == ["с", "какой"] && matches!(w[2], "целью" | "стати"))
    {
        return Wants::Why;
    }
    // «Что дала работа группы?»: what came of it.
    // "What's the use of the group?"; not "which language did they use?".
    if has(ACTIVITY) || pair(&["что"], &["дал", "дала", "дало", "дали"]) || pair(&["use"], &["of"])
    {
        return Wants::Activity;
    }
    let about = pair(
        &["tell", "расскажи", "расскажите"],
        &["me", "about", "о", "об", "про", "мне"],
    ) || pair(&["know"], &["about"])
        || pair(&["что"], &["такое", "это", "известно"])
        // «Забайкалье — это что?»
        || pair(&["это"], &["что"])
        || pair(&["кто"], &["такой", "такая"])
        || starts(&["what", "who"]) && matches!(words.get(1), Some(&("is" | "are" | "s" | "was")))
        || starts(&["describe", "explain", "about", "info", "information"]);
    if about {
        return Wants::About;
    }
    Wants::Anything
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{normalize, tokenize};

    fn frame(q: &str) -> Frame {
        // Chinese cut as the engine cuts it: a few knowledge words, the cues.
        let seg = crate::chinese::Segmenter::new(
            ["协调委员会", "同江大桥", "工作组", "项目"],
            chinese_cues(),
        );
        Frame::of(&seg.split(tokenize(&normalize(q))))
    }

    #[test]
    fn reads_a_change_measured_from_a_year() {
        for q in [
            "was trade up or down on 2012?",
            "investment was down on the year before?",
            "did trade shrink?",
        ] {
            assert!(frame(q).growth, "{q}");
        }
        assert!(frame("was trade up on 2012?").compared);
        assert!(!frame("what came up in 2012?").compared);
        assert!(!frame("what was set up in 1998?").growth);
        assert!(!frame("what was set up on the decision of the commission?").compared);
        // "The year before" is the year a change is measured from.
        assert!(frame("did investment go up compared with the year before?").growth);
    }

    #[test]
    fn reads_what_was_signed_or_agreed() {
        for q in [
            "what agreements were signed during the visit?",
            "what did the leaders agree on?",
            "о чём договорились стороны?",
            "что подписали в Москве?",
            "双方签署了什么？",
        ] {
            assert!(frame(q).signed, "{q}");
        }
        assert!(!frame("what was approved in 2009?").signed);
    }

    #[test]
    fn compared_with_the_rest_is_a_share() {
        for q in [
            "does China invest a lot compared with the others?",
            "китайцы много вкладывают по сравнению с остальными?",
        ] {
            assert!(frame(q).share, "{q}");
        }
        assert!(!frame("did China invest more than in 2012?").share);
    }

    #[test]
    fn when_after_another_question_word_only_says_at_what_time() {
        let cases = [
            (
                "which parts of russia are named when talking about the pivot?",
                Wants::Where,
            ),
            (
                "кто был президентом, когда утверждали программу?",
                Wants::Who,
            ),
            ("and when was it approved?", Wants::When),
            ("so when did work begin?", Wants::When),
        ];
        for (q, wants) in cases {
            assert_eq!(frame(q).wants, wants, "{q}");
        }
    }

    #[test]
    fn a_place_asked_is_not_a_date_nor_a_share() {
        let cases = [
            ("which town is the rail line going to?", Wants::Where),
            ("when is the bridge going to open?", Wants::Future),
            ("до какого китайского города идёт ветка?", Wants::Where),
            ("до какого года действует программа?", Wants::UntilWhen),
            ("which part of Russia is building the bridge?", Wants::Where),
            ("what territory does the plan deal with?", Wants::Where),
        ];
        for (q, wants) in cases {
            assert_eq!(frame(q).wants, wants, "{q}");
        }
        let share = frame("what part of the trade is with China?");
        assert_eq!(share.wants, Wants::HowMuch);
        assert!(share.share);
        assert!(frame("how big a chunk is China?").share);
    }

    #[test]
    fn reads_advice_names_and_what_is() {
        let cases = [
            ("посоветуй, куда вложить деньги", Wants::HowTo),
            (
                "куда вложить деньги, чтобы спастись от инфляции?",
                Wants::HowTo,
            ),
            ("где находится мост?", Wants::Where),
            ("should I invest in bonds?", Wants::HowTo),
            ("как зовут директора ассоциации?", Wants::Leader),
            ("кто заместитель директора ассоциации?", Wants::Who),
            ("Забайкалье — это что?", Wants::About),
        ];
        for (q, wants) in cases {
            assert_eq!(frame(q).wants, wants, "{q}");
        }
        assert!(frame("кто был президентом России в 2009 году?").identity);
        assert!(frame("who at ERINA did the translation?").identity);
        assert_eq!(
            frame("what is China hoping to get from the plan?").wants,
            Wants::Why
        );
        assert_eq!(
            frame("какие предприятия будут строить по плану?").wants,
            Wants::Who
        );
        // Who in China did it, not who someone is.
        assert!(!frame("кто в Китае одобрил план?").identity);
        assert!(!frame("кто её утверждал?").identity);
        assert!(frame("кто такой Бурый?").identity);
    }

    #[test]
    fn a_rise_given_by_its_figure_is_not_asked() {
        assert!(!frame("сколько был товарооборот в 2012, если рост 14%?").growth);
        assert!(!frame("how much was investment in 2012 if it grew by 18%?").growth);
        assert!(frame("на сколько вырос товарооборот в 2013?").growth);
        assert!(frame("did trade grow by 14% in 2013?").growth);
    }

    #[test]
    fn words_may_name_the_attribute_asked() {
        use crate::attribute::Attribute;
        assert_eq!(
            frame("what's gone wrong with it?").cue,
            Some(Attribute::Problems)
        );
        assert_eq!(
            frame("which body does the council work hand in hand with?").cue,
            Some(Attribute::WorksWith)
        );
        assert_eq!(
            frame("с кем тесно сотрудничает совет?").cue,
            Some(Attribute::WorksWith)
        );
        for q in [
            "does the council act on its own or together with some other body?",
            "совет действует сам или вместе с другим органом?",
            "с какой структурой плотно взаимодействует совет?",
            "which body does the council work tightly with?",
        ] {
            assert_eq!(frame(q).cue, Some(Attribute::WorksWith), "{q}");
        }
        assert_eq!(frame("what does the working group do?").cue, None);
    }

    #[test]
    fn a_share_given_with_the_whole_asked_is_no_share_question() {
        let f = frame("сколько всего инвестиций, если Китай это 2%?");
        assert!(!f.share);
        assert!(f.premise);
        assert!(frame("what percent of all investment is China's?").share);
        assert!(!frame("what is the 2% figure?").premise);
    }

    #[test]
    fn the_words_asking_for_the_authors_view_are_found() {
        let view = |q: &str| {
            let tokens = crate::text::tokenize(&crate::text::normalize(q));
            let mut at = authors_view(&tokens, |w| w == "bury");
            at.sort();
            at.iter()
                .map(|&i| tokens[i].text.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            view("what does the author think of the agencies"),
            ["author", "think"]
        );
        assert_eq!(
            view("как автор оценивает работу организаций"),
            ["автор", "оценивает"]
        );
        assert_eq!(
            view("россия разворачивается на восток? что пишет автор"),
            ["пишет", "автор"]
        );
        // Asking who the author is asks for no view.
        assert!(view("who is the author?").is_empty());
        assert!(view("где работает автор").is_empty());
    }

    #[test]
    fn the_words_describing_the_article_are_found() {
        let described = |q: &str| {
            let tokens = crate::text::tokenize(&crate::text::normalize(q));
            let frame = Frame::of(&tokens);
            let at = article_described(&tokens, frame.wants);
            at.iter()
                .map(|&i| tokens[i].text.clone())
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            described("Who actually wrote this piece on Russia-China regional ties?"),
            "on russia china regional ties"
        );
        assert_eq!(
            described("кто автор статьи о сотрудничестве России и Китая и где он работает"),
            "о сотрудничестве россии и китая"
        );
        // What the article says about a thing asks about the thing.
        assert_eq!(described("what does the article say about the bridge?"), "");
    }

    #[test]
    fn figures_with_a_unit_are_claims() {
        let claims = frame("trade grew 14% to 12,5 млрд рублей, and 141 mn").claims;
        let got: Vec<(&str, f64, bool, bool)> = claims
            .iter()
            .map(|c| (c.text.as_str(), c.value, c.percent, c.other_currency))
            .collect();
        assert_eq!(
            got,
            [
                ("14%", 14.0, true, false),
                ("12.5 млрд рублей", 12500.0, false, true),
                ("141 mn", 141.0, false, false)
            ]
        );
        // A bare number or a year is no claim.
        assert!(frame("was it 29 in 2013?").claims.is_empty());
        let c = &frame("was trade 12.5 billion?").claims[0];
        assert!(c.is(12.522, "US$ billion"));
        assert!(!c.is(12.522, "US$ million"));
        assert!(!c.is(12.5, "%"));
        assert!(!frame("was it 150 million?").claims[0].is(141.0, "US$ million"));
        assert!(frame("was it about 150 million?").claims[0].is(141.0, "US$ million"));
        assert!(!frame("12.5 billion roubles?").claims[0].is(12.522, "US$ billion"));
        // A claimed figure with nothing that asks makes a yes/no question.
        assert!(frame("trade grew by 18% in 2013?").check);
        assert!(frame("доля китая 18%?").check);
        assert!(!frame("what was the 18% growth?").check);
    }

    #[test]
    fn a_time_horizon_is_a_period() {
        for q in [
            "what is the time horizon of the plan?",
            "what's the programme's timeframe?",
            "what time span does the programme cover?",
        ] {
            assert_eq!(frame(q).wants, Wants::UntilWhen, "{q}");
        }
    }

    #[test]
    fn reads_the_whole_country() {
        for q in [
            "trade for the whole country",
            "nationwide investment",
            "trade of all of Russia with China",
            "товарооборот в целом по стране",
            "по всей России",
            "全国贸易额",
        ] {
            assert!(frame(q).national, "{q}");
        }
        for q in [
            "trade of the far east",
            "в целом по программе",
            "country of origin",
        ] {
            assert!(!frame(q).national, "{q}");
        }
    }

    #[test]
    fn what_a_short_name_stands_for_is_a_property() {
        for q in [
            "What does ERINA stand for?",
            "ERINA is short for what?",
            "как расшифровывается ERINA",
            "ERINA是什么的缩写",
        ] {
            let f = frame(q);
            assert_eq!(f.property.as_deref(), Some("acronym"), "{q}");
            assert_eq!(f.wants, Wants::About, "{q}");
        }
        assert_eq!(frame("what does the working group do?").property, None);
    }

    #[test]
    fn reads_the_thing_asked_for_by_name() {
        let cases = [
            ("What is Anatoly Bury's salary?", Some("salary")),
            ("what is his salary?", Some("salary")),
            (
                "What is the budget of the Coordination Council?",
                Some("budget"),
            ),
            ("Какая зарплата у Анатолия Бурого?", Some("зарплата")),
            ("какой грузопоток по ветке", Some("грузопоток")),
            (
                "What is the yearly freight capacity of the rail line?",
                Some("capacity"),
            ),
            ("同江大桥的长度是多少？", Some("长度")),
            ("远东对华主要出口什么商品？", Some("商品")),
            ("What is the Coordination Council?", None),
            ("What goods does the Far East export?", None),
            ("What was the trade volume in 2013?", None),
        ];
        for (q, want) in cases {
            assert_eq!(frame(q).property.as_deref(), want, "{q}");
        }
    }

    #[test]
    fn reads_a_request_for_the_latest_figure() {
        for q in [
            "what was the value of trade last reported?",
            "the latest investment figure",
            "последние данные по инвестициям",
            "最新的贸易额是多少？",
        ] {
            assert!(frame(q).latest, "{q}");
        }
        for q in [
            "how much did China invest last year?",
            "when did the council meet the last time?",
            "What was the trade volume in 2013?",
        ] {
            assert!(!frame(q).latest, "{q}");
        }
    }

    #[test]
    fn reads_what_is_asked() {
        use Wants::*;
        let cases = [
            ("Who chairs the Coordination Council?", Leader),
            ("Кто возглавляет совет?", Leader),
            ("who is the director of the association?", Leader),
            ("who is the deputy director of the association?", Who),
            ("Who approved the programme?", Who),
            ("When was the council established?", When),
            ("In what year was the plan approved?", When),
            ("В каком году создали совет?", When),
            ("Until when does the programme run?", UntilWhen),
            ("until what year?", UntilWhen),
            ("До какого года действует программа?", UntilWhen),
            ("How much did China invest?", HowMuch),
            ("What was the trade volume in 2013?", HowMuch),
            ("Каков объём китайских инвестиций?", HowMuch),
            ("What annual freight volume does the line carry?", HowMuch),
            ("What does the volume of trade say?", Statement),
            ("Сколько вложил Китай?", HowMuch),
            ("Why was the council created?", Why),
            ("Зачем создали совет?", Why),
            ("Where was the rail line opened?", Where),
            ("В каком регионе открыли ветку?", Where),
            ("What does the Permanent Working Group do?", Activity),
            ("Чем занимается рабочая группа?", Activity),
            ("When will the Tongjiang bridge open?", Future),
            ("Когда откроют мост?", Future),
            ("Which programme will replace the 2009–2018 one?", Future),
            (
                "какая программа придёт на смену программе 2009-2018",
                Future,
            ),
            ("2018年纲要到期以后，有新的合作纲要接替吗？", Future),
            ("What is the Coordination Council?", About),
            ("Tell me about the plan", About),
            ("Что такое рабочая группа?", About),
            ("Расскажи про программу", About),
            ("Which bridge crosses the Amur?", Anything),
            ("С какого языка переводили текст?", Anything),
            ("С какого года действует совет?", When),
            ("Which Chinese companies invested the most?", Who),
            ("What did Xi Jinping say in Moscow?", Statement),
            ("How often does the Coordination Council meet?", Frequency),
            ("How many years does the programme cover?", UntilWhen),
            ("На какой срок принята программа?", UntilWhen),
            ("Что дала работа рабочей группы?", Activity),
            ("скока китай вложил в 2013", HowMuch),
            ("Как часто собирается совет?", Frequency),
            ("协调委员会多久一次开会？", Frequency),
            ("When did the Coordination Council last meet?", Frequency),
            ("How do I get a visa to China?", HowTo),
            (
                "in your opinion is the pivot to asia good for russia?",
                Opinion,
            ),
            ("what is china trying to get out of the plan", Why),
            ("чего китай хочет добиться этим планом", Why),
            ("а какой толк от постоянной рабочей группы", Activity),
            ("what's the use of the working group?", Activity),
            ("what do you think about the bridge?", Opinion),
            ("which region got the most chinese investment?", Ranking),
            ("с какой целью создали совет?", Why),
            (
                "Which two places is the new bridge supposed to connect?",
                Where,
            ),
            ("Между какими пунктами будет мост?", Where),
            (
                "через какую реку будет мост нижнеленинское - тунцзян",
                Where,
            ),
            ("ради чьего роста китайцы затеяли план", Why),
            (
                "what comes after the 2009-2018 program when it ends",
                Future,
            ),
            ("what happens after the program expires?", Future),
            ("с какой группой работает совет?", Anything),
            ("какие регионы рф получили больше всего инвестиций", Ranking),
            ("кто крупнейший иностранный инвестор?", Ranking),
            ("中国在哪个地区投资最多？", Ranking),
            // Not a question that picks one: the problems answer it.
            ("what was the biggest problem of the program?", About),
            ("как ты думаешь, мост построят?", Opinion),
            ("你觉得这个规划好吗？", Opinion),
            (
                "What does the author think about the turn to Asia?",
                Anything,
            ),
            ("What is the target year of the Heilongjiang plan?", When),
            ("С какой структурой работает совет?", Who),
            ("какого числа открыли ветку?", When),
            ("What day did Xi Jinping arrive?", When),
            ("how to invest in the Russian Far East", HowTo),
            ("Как открыть ИП в России?", HowTo),
            ("как мне найти партнёра в Китае", HowTo),
            ("怎样才能在远东投资？", HowTo),
            ("Как часть программы, что построили?", Anything),
            ("How do you describe the new approach?", Activity),
            ("Когда в последний раз собирался совет?", Frequency),
            ("协调委员会上次开会是什么时候？", Frequency),
            ("When is the bridge supposed to open?", Future),
            ("What was the programme supposed to do?", Activity),
            ("How far along was the Tongjiang bridge in 2013?", Anything),
            ("How far is the bridge from Khabarovsk?", HowMuch),
            (
                "How does the author rate the agencies that are supposed to carry out the program?",
                Anything,
            ),
            ("What does the document say about trade?", Anything),
            ("What helps increase cargo volumes?", Anything),
            ("what were the dealings with China worth?", HowMuch),
            ("What is the budget of the programme?", HowMuch),
            ("Насколько важны отношения с Китаем?", Anything),
            ("Насколько сократилось финансирование?", HowMuch),
            ("When is the next meeting of the council?", Future),
            ("which chinese regions next door trade with russia?", Where),
            ("Как зовут автора?", Who),
            ("Why won't the bridge open?", Future),
            ("what's the point of the coordination council", Why),
            ("下次会议什么时候开？", Future),
            ("同江大桥什么时候能通车", Future),
            ("协调委员会什么时候成立的？", When),
            ("Чем полезна рабочая группа?", Activity),
            ("2013年中国投资了多少？", HowMuch),
            ("协调委员会主席是谁？", Leader),
            ("同江大桥什么时候通车？", Future),
            ("协调委员会是哪一年成立的？", When),
            ("常设工作组是做什么的？", Activity),
            ("什么是协调委员会？", About),
            ("谁批准了合作规划？", Who),
            ("协调委员会和哪个机构合作？", Who),
            // 目的 ("purpose") across 项目|的 is not a cue.
            ("项目的劳动力够吗？", Anything),
        ];
        for (q, want) in cases {
            assert_eq!(frame(q).wants, want, "{q}");
        }
    }

    #[test]
    fn cue_words_are_written_normalised() {
        for list in [
            AMOUNT_NOUNS,
            FUTURE,
            PERIOD_END,
            ACTIVITY,
            AGENTS,
            SAYING,
            DOCUMENT,
            LEADERS,
        ] {
            for w in list {
                assert_eq!(normalize(w), *w);
            }
        }
    }

    #[test]
    fn tells_a_share_from_an_amount() {
        for (q, share) in [
            ("what % of total foreign investment was that", true),
            ("of all the trade with Asia, how much is with China", true),
            ("how much of the trade is with China", true),
            ("какая доля Китая", true),
            ("中国投资占外资总额多少", true),
            ("中国投资多少", false),
            ("how much did China invest in 2013", false),
            ("what was the whole, if China is 29%?", false),
            ("is China more than a quarter of the region's trade?", true),
            ("Китай это примерно треть торговли?", true),
        ] {
            assert_eq!(frame(q).share, share, "{q}");
        }
    }

    #[test]
    fn an_exact_date_asks_for_a_day() {
        assert!(frame("what was the exact opening date of the line?").day);
        assert!(frame("какая точная дата открытия ветки?").day);
        assert!(!frame("when did the line open?").day);
    }

    #[test]
    fn what_someone_thinks_is_their_words() {
        assert_eq!(
            frame("what does Putin think of the programme?").wants,
            Wants::Statement
        );
        assert_eq!(
            frame("что думает Путин о программе?").wants,
            Wants::Statement
        );
        // The author's thoughts are the document's.
        assert_ne!(
            frame("what does the author think of the programme?").wants,
            Wants::Statement
        );
        // "Why did they think…" asks why.
        assert_eq!(
            frame("why did they think they needed a mechanism?").wants,
            Wants::Why
        );
    }

    #[test]
    fn reads_a_question_about_a_change() {
        for (q, growth) in [
            (
                "Did Beijing put more money into the region than the year before?",
                true,
            ),
            (
                "Сколько Китай вложил в 2013 году, больше, чем в 2012?",
                true,
            ),
            ("подросла ли торговля", true),
            ("was investment higher or lower than in 2012", true),
            ("trade before the 14% increase", false),
            ("more about the bridge", false),
        ] {
            assert_eq!(frame(q).growth, growth, "{q}");
        }
    }

    #[test]
    fn tells_who_is_from_who_did() {
        assert!(frame("Who is the president of Russia?").identity);
        assert!(frame("Кто президент России?").identity);
        assert!(!frame("Кто утвердил программу?").identity);
        assert!(!frame("Who approved the programme?").identity);
    }

    #[test]
    fn reads_years() {
        assert_eq!(
            frame("trade in 2013 and 2012, not 13").years,
            vec![2013, 2012]
        );
        assert_eq!(frame("in the 1990s").years, vec![1990]);
        assert!(frame("US$141 million").years.is_empty());
        assert_eq!(frame("trade the year before 2013").years, vec![2012]);
        assert_eq!(frame("торговля за год до 2013 года").years, vec![2012]);
        assert_eq!(frame("the year after 2012").years, vec![2013]);
        assert_eq!(frame("who will replace it after 2018?").years, vec![2019]);
        assert_eq!(
            frame("кто сменит программу после 2018 года").years,
            vec![2019]
        );
        assert_eq!(frame("trade before 2013").years, vec![2012]);
        assert_eq!(frame("план до 2020 года").years, vec![2020]);
    }

    #[test]
    fn strict_kinds_exclude_facts() {
        assert!(Wants::Who.is_strict());
        assert!(!Wants::Activity.is_strict());
        assert!(!Wants::About.is_strict());
    }
}
