//! Behaviour of the matcher on the shipped knowledge base, case by case:
//! numbers, years, typos, languages, out-of-scope names and small talk.

use crate::util::ENGINE;
use factbot::index::QueryTerm;
use factbot::{Lang, Outcome};

fn answer_id(q: &str) -> Option<String> {
    ENGINE.ask(q, None).fact().map(|f| f.id.clone())
}

/// Asserts that `q` is answered with fact `id`, showing the reply if not.
fn assert_answers(q: &str, id: &str) {
    let reply = ENGINE.ask(q, None);
    assert_eq!(
        reply.fact().map(|f| f.id.as_str()),
        Some(id),
        "{q}: {:?}",
        reply.outcome
    );
}

/// Asserts that `q` is answered with exactly these facts, in order (a
/// two-part question's two).
#[track_caller]
fn assert_facts(q: &str, want: &[&str]) {
    let reply = ENGINE.ask(q, None);
    let ids: Vec<&str> = reply.facts().iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, want, "{q}: {:?}", reply.outcome);
}

/// Asserts that `q` is not answered and questions factbot can answer are
/// offered instead; returns the reply for further checks.
#[track_caller]
fn assert_refused_with_suggestions(q: &str) -> factbot::Reply<'static> {
    let reply = ENGINE.ask(q, None);
    assert!(!reply.answered(), "{q}: {:?}", reply.fact().map(|f| &f.id));
    assert!(!reply.suggestions().is_empty(), "{q}: suggestions offered");
    reply
}

/// Asserts that `q` is not answered (refused, or partly answered with what
/// the document does say), showing the reply if it is.
fn assert_not_answered(q: &str) {
    let reply = ENGINE.ask(q, None);
    assert!(!reply.answered(), "{q}: {:?}", reply.outcome);
}

#[test]
fn numbers_and_years_match_exactly_never_fuzzily() {
    let index = ENGINE.index();
    // 2014 is one edit from 2013 and 2012, but a different year.
    assert!(matches!(index.analyze("2014")[..], [QueryTerm::Unknown(_)]));
    assert!(matches!(
        index.analyze("2013")[..],
        [QueryTerm::Known {
            similarity: 1.0,
            ..
        }]
    ));
    assert_eq!(answer_id("what happened in 2015?"), None);
}

#[test]
fn a_figure_quoted_rounded_is_the_document_s_figure() {
    // The document says US$12.522 billion; people quote "12.5 billion".
    let index = ENGINE.index();
    let term = |q: &str| match index.analyze(q)[..] {
        [
            QueryTerm::Known {
                term, similarity, ..
            },
        ] => Some((term, similarity)),
        _ => None,
    };
    let (exact, _) = term("12.522").expect("a figure of the document");
    for rounded in ["12.5", "12,5", "12.52", "13"] {
        let (t, similarity) = term(rounded).unwrap_or_else(|| panic!("{rounded} is known"));
        assert_eq!(t, exact, "{rounded}");
        assert!(
            similarity < 1.0,
            "{rounded}: a rounding is not the figure itself"
        );
    }
    // A figure that rounds to none of the document's is not one of them.
    for other in ["12.6", "12.4", "12.53"] {
        assert!(
            matches!(index.analyze(other)[..], [QueryTerm::Unknown(_)]),
            "{other}"
        );
    }
    assert_answers(
        "what does the 12.5 billion figure refer to?",
        "trade-volume-2013",
    );
}

#[test]
fn a_year_picks_the_fact_about_that_year() {
    let y2013 = answer_id("How much did China invest in 2013?").expect("answered");
    let y2012 = answer_id("How much did China invest in 2012?").expect("answered");
    assert_ne!(y2013, y2012);
    let derived = ENGINE.kb().fact(&y2012).unwrap();
    assert!(derived.derived.is_some(), "2012 is only implied: {y2012}");
    let (_, screen) =
        factbot::present::question(&ENGINE, "How much did China invest in 2012?", None);
    let text = factbot::render::text(&screen);
    assert!(text.contains("119.5"), "{text}");
    assert!(text.contains("1.18"), "the arithmetic is shown: {text}");
}

#[test]
fn a_figure_finds_what_it_measures() {
    let id = answer_id("what does 29% refer to?").expect("answered");
    assert!(
        ENGINE
            .kb()
            .fact(&id)
            .unwrap()
            .figures
            .iter()
            .any(|f| f.text == "29%")
    );
    let id = answer_id("what happened in 1998?").expect("answered");
    assert!(
        ENGINE
            .kb()
            .fact(&id)
            .unwrap()
            .dates
            .contains(&"1998".to_string())
    );
}

#[test]
fn typos_and_spelling_variants_still_match() {
    let base = answer_id("When was the Makhhalino-Hunchun rail line opened?").expect("answered");
    for q in [
        "When was the Makhalino-Hunchun rail line opened?",
        "makhalino hunchun railwya",
        "Махалино Хуньчунь",
    ] {
        assert_eq!(answer_id(q).as_deref(), Some(base.as_str()), "{q}");
    }
    let bridge = answer_id("Nizhneleninskoye-Tongjiang bridge").expect("answered");
    assert_eq!(
        answer_id("Tongjaing brigde").as_deref(),
        Some(bridge.as_str())
    );
}

#[test]
fn russian_questions_get_russian_answers_with_the_same_figures() {
    let en = ENGINE.ask("How much did China invest in 2013?", None);
    let ru = ENGINE.ask("Сколько Китай инвестировал в 2013 году?", None);
    assert_eq!((en.lang, ru.lang), (Lang::En, Lang::Ru));
    assert_eq!(en.fact().map(|f| &f.id), ru.fact().map(|f| &f.id));
    let screen = factbot::present::reply(ENGINE.kb(), &ru, "");
    let text = factbot::render::text(&screen);
    assert!(text.contains("141") && text.contains("Источник"), "{text}");
}

#[test]
fn other_countries_do_not_get_chinas_figures() {
    for q in [
        "How much did the USA invest in 2013?",
        "Сколько инвестировала Япония в 2013 году?",
        "trade between Mexico and China",
        "What's the weather in Khabarovsk?",
    ] {
        assert_refused_with_suggestions(q);
    }
}

#[test]
fn a_figure_is_for_its_own_regions_not_another_one_named() {
    // The trade figure is for the Russian Far East and Zabaykalye; the
    // investment figure for the eastern regions, not one krai or province.
    for q in [
        "What was Primorsky Krai's trade with China in 2013?",
        "How much did China invest in Heilongjiang in 2013?",
        "Какова доля Китая в торговле Хабаровского края с АТР?",
    ] {
        assert_not_answered(q);
    }
    assert_answers(
        "Zabaykalye's trade with China in 2013?",
        "trade-volume-2013",
    );
    // A derived figure is for the regions of the fact it comes from.
    assert_answers(
        "What was the Far East's trade with China in 2012?",
        "trade-volume-2012-derived",
    );
    assert_answers(
        "What share of the Far East's Asia-Pacific trade is China's?",
        "trade-china-share-asia-pacific",
    );
}

#[test]
fn a_rare_russian_verb_is_an_everyday_word_and_a_name_is_not() {
    let index = ENGINE.index();
    for verb in ["всплыли", "подстегнуть", "сдвинулось", "согласующий"]
    {
        assert!(
            matches!(index.analyze(verb)[..], [QueryTerm::Common(_)]),
            "{verb}: {:?}",
            index.analyze(verb)
        );
    }
    for name in ["путин", "медведев", "харбине", "байкал", "якутии", "ангола"]
    {
        assert!(
            matches!(index.analyze(name)[..], [QueryTerm::Unknown(_)]),
            "{name}: {:?}",
            index.analyze(name)
        );
    }
}

#[test]
fn two_words_out_of_scope_together_are_not_out_of_scope_alone() {
    // "exchange-rate" is out of scope; the "growth rate" of trade is not.
    assert_answers(
        "What was the growth rate of trade with China in 2013?",
        "trade-volume-2013",
    );
    let index = ENGINE.index();
    assert!(
        !(index.analyze("rate").iter()).any(|t| matches!(t, QueryTerm::OutOfScope(_))),
        "{:?}",
        index.analyze("rate")
    );
    assert!(matches!(
        index.analyze("exchange rate")[..],
        [QueryTerm::OutOfScope(_)]
    ));
    assert_not_answered("What is the exchange rate in Khabarovsk?");
}

#[test]
fn travel_and_leisure_near_a_named_place_are_not_the_place_s_facts() {
    // A bridge or an island named in a question about tourists, hotels or
    // fishing does not make the bridge's fact the answer.
    for q in [
        "Is the Amur near the Tongjiang bridge good for fishing?",
        "Are there good hotels near the Nizhneleninskoye bridge?",
        "Что посмотреть туристу у моста Нижнеленинское–Тунцзян?",
        "Есть ли гостиницы рядом с мостом на Большой Уссурийский остров?",
        "同江大桥附近有什么旅游景点？",
        "What to do on a weekend trip to Khabarovsk?",
    ] {
        let reply = assert_refused_with_suggestions(q);
        assert!(reply.facts().is_empty(), "{q}: {:?}", reply.facts());
    }
}

#[test]
fn an_amount_question_needs_a_fact_with_an_amount() {
    // The bridge fact says it was completed, not how long it is: the reply
    // says so, and gives what the document does say about the bridge.
    let reply = ENGINE.ask("How long is the bridge to Bolshoy Ussuriysky Island?", None);
    assert!(!reply.answered(), "{:?}", reply.fact().map(|f| &f.id));
    assert_eq!(
        reply.entity().map(|e| e.id.as_str()),
        Some("bolshoy-ussuriysky-bridge")
    );
    assert_eq!(
        reply.facts().first().map(|f| f.id.clone()),
        answer_id("Bolshoy Ussuriysky Island bridge")
    );
}

#[test]
fn small_talk_and_empty_input_are_not_facts() {
    let cases = [
        ("hi", true),
        ("спасибо", true),
        ("what can you do?", true),
        ("", false),
        ("   ", false),
    ];
    for (q, small_talk) in cases {
        let reply = ENGINE.ask(q, None);
        assert!(!reply.answered(), "{q:?}");
        match reply.outcome {
            Outcome::SmallTalk(_) => assert!(small_talk, "{q:?}"),
            Outcome::Empty => assert!(!small_talk, "{q:?}"),
            ref other => panic!("{q:?}: {other:?}"),
        }
    }
}

#[test]
fn vague_questions_are_not_answered_with_confidence() {
    for q in ["China", "Russia?", "2013", "???", "🙂🙂🙂"] {
        let reply = ENGINE.ask(q, None);
        assert!(!reply.answered(), "{q}: {:?}", reply.fact().map(|f| &f.id));
        assert!(!reply.suggestions().is_empty(), "{q}: suggestions offered");
    }
}

#[test]
fn a_choice_between_names_the_document_does_not_give_is_not_made() {
    // The programme was approved by "the President of the Russian
    // Federation", unnamed: the document cannot choose between two names.
    for q in [
        "which russian president signed the 2009 program, medvedev or putin?",
        "Программу 2009 года утвердил Медведев или Путин?",
        "2009年批准合作纲要的俄罗斯总统是梅德韦杰夫还是普京？",
    ] {
        assert_not_answered(q);
    }
    // A choice between things it does give is still answered.
    assert_answers(
        "was the programme approved in 2009 or 2010?",
        "cooperation-program-2009-2018",
    );
}

#[test]
fn nonsense_is_not_understood_and_a_name_asked_about_is_not_known() {
    for q in ["asdfgh qwerty", "???", "лорем ипсум"] {
        let reply = ENGINE.ask(q, None);
        assert!(
            matches!(reply.outcome, Outcome::NotUnderstood { .. }),
            "{q}: {:?}",
            reply.outcome
        );
        assert!(!reply.suggestions().is_empty(), "{q}: questions to try");
    }
    let reply = ENGINE.ask("who is Messi", None);
    assert!(
        matches!(reply.outcome, Outcome::NotFound { .. }),
        "{:?}",
        reply.outcome
    );
}

#[test]
fn an_overview_is_answered_rather_than_asking_which_part() {
    // The programme's problems name each problem: the question is not
    // "which of these do you mean?" between the whole and one part.
    assert_answers(
        "Did the programme run into any trouble?",
        "program-problems",
    );
}

#[test]
fn the_one_fact_that_gives_what_is_asked_of_a_named_thing_answers() {
    // Few words in common with the programme's fact, but it is the only
    // fact about the programme that gives a period: not "the document does
    // not say when".
    assert_answers(
        "what years does the cooperation program cover",
        "cooperation-program-2009-2018",
    );
    // Nothing about the council gives a person: still a partial answer.
    let reply = ENGINE.ask("Who chairs the Coordination Council?", None);
    assert!(
        matches!(reply.outcome, Outcome::Partial { .. }),
        "{:?}",
        reply.outcome
    );
}

#[test]
fn and_inside_a_name_does_not_split_a_question() {
    // «…по межрегиональному и приграничному…» is the council's name: one
    // question, one fact, not the council and border cooperation.
    let reply = ENGINE.ask(
        "Зачем создавали Координационный совет по межрегиональному и приграничному торгово-экономическому сотрудничеству?",
        None,
    );
    assert!(
        matches!(reply.outcome, Outcome::Answer { fact, .. } if fact.id == "coordination-council-1998"),
        "{:?}",
        reply.outcome
    );
    // Nor does the "and" of "between A and B", or one between two words
    // that describe one thing ("regional and border trade").
    assert_facts(
        "What is the 2009–2018 cooperation programme between the Russian Far East/Eastern Siberia and Northeast China?",
        &["cooperation-program-2009-2018"],
    );
    assert!(!matches!(
        ENGINE
            .ask(
                "What year was the joint Russian-Chinese body for coordinating regional and border trade set up?",
                None
            )
            .outcome,
        Outcome::Both { .. }
    ));
    // A real "and" between two questions still splits, after "between" too.
    for q in [
        "how much did China invest in 2013 and what was the trade volume in 2013",
        "what was the trade volume between russia and china in 2013 and how much did china invest",
    ] {
        let reply = ENGINE.ask(q, None);
        assert!(
            matches!(reply.outcome, Outcome::Both { .. }),
            "{q}: {:?}",
            reply.outcome
        );
    }
}

#[test]
fn a_share_does_not_say_by_how_much_something_grew() {
    assert_answers(
        "by how much did the total trade with China go up in 2013",
        "trade-volume-2013",
    );
}

#[test]
fn a_yes_no_question_about_a_change_gets_the_fact_with_the_change() {
    // "lower … than the previous year" asks whether it changed: the fact
    // with the +18%, not the share (and "previous year" is not "before").
    for q in [
        "Was Chinese investment lower in 2013 than the previous year?",
        "подросла ли торговля с Китаем в 2013?",
    ] {
        let reply = ENGINE.ask(q, None);
        let fact = reply.fact().map(|f| f.id.as_str());
        assert!(
            matches!(fact, Some("investment-china-2013" | "trade-volume-2013")),
            "{q}: {:?}",
            reply.outcome
        );
    }
}

#[test]
fn a_change_compared_with_a_year_is_measured_from_it() {
    // 2013's +18% is measured from 2012: the question is about 2013's
    // change, not about the 2012 level derived from it.
    for q in [
        "Did Chinese investment grow compared with 2012?",
        "выросли ли китайские инвестиции по сравнению с 2012 годом?",
    ] {
        assert_answers(q, "investment-china-2013");
    }
    // With no year named, "the year before" is still where a change is
    // measured from, and the change is what is asked.
    assert_answers(
        "did chinese investment go up compared with the year before",
        "investment-china-2013",
    );
    assert_answers("was trade up on the year before?", "trade-volume-2013");
    // The words of the comparison are not words to find in a fact.
    for q in [
        "Was the Chinese money coming in during 2013 more or less than the previous year, and by what margin?",
        "Did Chinese money flowing into the Russian east go up compared with the year before? by how much",
    ] {
        assert_answers(q, "investment-china-2013");
    }
    // Without a comparison, 2012 is the year asked about.
    assert_eq!(
        answer_id("How much did China invest in 2012?").as_deref(),
        Some("investment-china-2012-derived")
    );
}

#[test]
fn the_capital_of_a_country_is_a_city_not_money() {
    for q in [
        "What is the capital of Kazakhstan?",
        "which capital city is closest to the Amur?",
    ] {
        assert_not_answered(q);
    }
    // Capital as money is still investment.
    assert_eq!(
        answer_id("How much Chinese capital went into the Russian Far East in 2013?").as_deref(),
        Some("investment-china-2013")
    );
}

#[test]
fn a_word_that_says_which_measure_is_asked_is_no_evidence_against() {
    // "slice" asks for a share; that no fact says "slice" does not count
    // against the share fact.
    assert_answers(
        "what slice of all foreign money in the Russian east is Chinese",
        "investment-china-share",
    );
}

#[test]
fn the_latest_figure_is_the_latest_year_of_those_that_match() {
    // The trade of 2013 and the 2012 trade derived from it match about
    // equally: without "most recent" factbot asks which is meant.
    assert!(matches!(
        ENGINE
            .ask("what was the value of cross-border commerce?", None)
            .outcome,
        Outcome::Clarify { .. }
    ));
    assert_answers(
        "what was the most recent value of cross-border commerce?",
        "trade-volume-2013",
    );
}

#[test]
fn the_last_time_something_happened_is_not_when_it_began() {
    for q in [
        "When did the Coordination Council last meet?",
        "Когда совет собирался в последний раз?",
    ] {
        assert_not_answered(q);
    }
}

#[test]
fn getting_something_is_no_evidence_for_a_fact() {
    // «получить» is "get", a stopword in English too; what is to be got
    // (a loan, a visa) is what the question is about.
    for q in ["Как получить кредит в Китае?", "Где получить визу в Китай?"]
    {
        assert_not_answered(q);
    }
}

#[test]
fn how_to_do_something_is_advice_the_document_does_not_give() {
    for q in [
        "how can I invest in the Far East?",
        "Как открыть ИП в России?",
        "怎样才能参加协调委员会？",
    ] {
        assert_not_answered(q);
    }
}

#[test]
fn things_asked_for_by_kind_must_be_in_the_answer() {
    // The visit's fact says what followed it, but nothing of agreements:
    // "which agreements" is not answered by it, in English or Russian.
    for q in [
        "What agreements were signed when Xi Jinping visited Moscow?",
        "Какие соглашения были подписаны во время визита Си Цзиньпина?",
    ] {
        assert_not_answered(q);
    }
    // A fact that names them answers.
    assert_answers(
        "which problems did the cooperation programme run into?",
        "program-problems",
    );
    assert_answers("какие проблемы выявились в программе?", "program-problems");
    // Things of a kind the knowledge base has no word for: no fact lists
    // them, though the rest of the question names trade or the plan.
    for q in [
        "What goods does the Russian Far East export to China?",
        "what goods made up the 2013 trade with china",
        "какие налоговые льготы дает план хэйлунцзяна инвесторам",
        "Какие налоговые льготы получают инвесторы по плану Хэйлунцзяна?",
    ] {
        assert_not_answered(q);
    }
    // A verb that looks plural, or a part of something, is not such a kind.
    assert_answers("what ends in 2018?", "cooperation-program-2009-2018");
    assert_answers(
        "which bits of china does the 2013 border plan cover?",
        "heilongjiang-plan-2020",
    );
}

#[test]
fn a_date_belongs_to_what_its_fact_is_mainly_about() {
    // 1997 is when the working group was launched, by the commission's
    // decision: not when the commission was founded.
    let q = "When was the Intergovernmental Commission set up?";
    assert_not_answered(q);
    assert_answers(
        "When was the Permanent Working Group launched?",
        "permanent-working-group-1997",
    );
    // A person's fact dates what the person did.
    assert_answers("When did Xi Jinping go to Moscow?", "xi-jinping-visit-2013");
}

#[test]
fn an_amount_asked_for_is_not_answered_by_a_share() {
    // The share fact speaks of China among trading partners; the question
    // asks for the trade itself.
    assert_answers(
        "How much was trade with Chinese partners in 2013?",
        "trade-volume-2013",
    );
    assert_answers(
        "Каков был товарооборот с китайскими партнёрами в 2013 году?",
        "trade-volume-2013",
    );
    // A share asked for, by its word or its figure, still gets the share.
    assert_answers(
        "How big was China's contribution to foreign investment?",
        "investment-china-share",
    );
    assert_answers("what is the 29% figure?", "trade-china-share-asia-pacific");
}

#[test]
fn a_change_between_two_years_is_that_of_the_later_year() {
    // 2013's +14% is measured from 2012; it says nothing of 2012 on 2011.
    for q in [
        "How much did trade grow in 2012 compared with 2011?",
        "на сколько выросла торговля в 2012 году по сравнению с 2011",
    ] {
        assert_not_answered(q);
    }
    assert_answers(
        "How much did trade grow in 2013 compared with 2012?",
        "trade-volume-2013",
    );
}

#[test]
fn a_day_asked_for_is_not_given_by_a_month() {
    // The document dates the visit to March 2013, not to a day.
    let q = "What day did Xi Jinping arrive in Moscow?";
    assert_not_answered(q);
    assert_answers("When did Xi Jinping visit Moscow?", "xi-jinping-visit-2013");
}

#[test]
fn the_word_year_in_a_question_about_when_is_no_evidence() {
    // "year" is what a when-question asks for, not a word to find: alone it
    // named the derived "previous year" trade with confidence.
    for q in ["in which year?", "в каком году?"] {
        assert_not_answered(q);
    }
    assert_answers(
        "In which year was the Coordination Council established?",
        "coordination-council-1998",
    );
}

#[test]
fn who_and_when_asks_who_did_it() {
    // «кто и когда» is not «кто такой»: the launch by the commission's
    // decision answers it.
    assert_answers(
        "кто и когда создал постоянную рабочую группу?",
        "permanent-working-group-1997",
    );
}

#[test]
fn a_part_and_its_overview_agree_so_there_is_nothing_to_ask() {
    // The rail line and 2013's infrastructure (which names it) match about
    // equally: either answers, and factbot does not ask which.
    let q = "Which railway link started operating in Primorye?";
    let reply = ENGINE.ask(q, None);
    let id = reply.fact().map(|f| f.id.as_str());
    assert!(
        matches!(id, Some("makhhalino-hunchun-rail" | "infrastructure-2013")),
        "{q}: {:?}",
        reply.outcome
    );
}

#[test]
fn where_it_was_translated_is_answered_where_erina_is_not() {
    assert_answers("Where was the article translated?", "document-translation");
    // The document says the translation was made at ERINA, not where ERINA is.
    let q = "где находится ERINA?";
    assert_not_answered(q);
}

#[test]
fn a_pronoun_after_a_preposition_is_no_word_to_match() {
    // «с ней» is "with it": the second part is about the programme.
    assert_facts(
        "кто утвердил программу и какие с ней были проблемы?",
        &["cooperation-program-2009-2018", "program-problems"],
    );
}

#[test]
fn a_name_asked_for_is_not_given_by_an_office() {
    // The programme was approved by "the President of the Russian
    // Federation": the document names the office, not the man.
    for q in [
        "What was the name of the Russian president who approved the programme?",
        "как фамилия президента, который утвердил программу?",
    ] {
        assert_not_answered(q);
    }
    assert_answers(
        "who approved the programme?",
        "cooperation-program-2009-2018",
    );
}

#[test]
fn up_or_down_on_a_year_asks_for_the_change_from_it() {
    // The change is 2013's, measured from 2012; 2012's level alone does not
    // say whether trade went up or down.
    for q in [
        "was trade with china up or down on 2012?",
        "did investment from china go up on 2012?",
        "did trade grow compared with 2012?",
    ] {
        let reply = ENGINE.ask(q, None);
        let id = reply.fact().map(|f| f.id.as_str());
        assert!(
            matches!(id, Some("trade-volume-2013" | "investment-china-2013")),
            "{q}: {:?}",
            reply.outcome
        );
    }
    assert_answers(
        "how much was trade with china in 2012?",
        "trade-volume-2012-derived",
    );
}

#[test]
fn so_far_is_not_the_far_east() {
    assert_answers(
        "what has gone wrong with the programme so far?",
        "program-problems",
    );
}

#[test]
fn what_a_short_name_stands_for_is_not_in_the_document() {
    for q in [
        "what does ERINA stand for?",
        "ERINA is an abbreviation of what?",
        "как расшифровывается ERINA?",
    ] {
        assert_not_answered(q);
    }
    assert_answers("who translated the document?", "document-translation");
}

#[test]
fn a_figure_for_the_whole_country_is_not_the_regions_figure() {
    // Every figure in the document is for the eastern regions.
    for q in [
        "what was russia-china trade for the whole country in 2013?",
        "какой товарооборот России и Китая в целом по стране в 2013 году?",
        "2013年中俄全国贸易额是多少？",
        "how much did china invest nationwide in russia in 2013?",
    ] {
        assert_not_answered(q);
    }
    assert_answers(
        "what was the trade of the far east with china in 2013?",
        "trade-volume-2013",
    );
}

#[test]
fn two_questions_in_one_message_get_two_facts() {
    // The derived 2012 figure beside the stated 2013 one is no rival.
    assert_facts(
        "对华贸易额多少？中国在亚太贸易中占多少",
        &["trade-volume-2013", "trade-china-share-asia-pacific"],
    );
}

#[test]
fn a_pronoun_may_stand_for_a_word_said_before_it() {
    // "his" is the writer; "it" in "who approved it?" is nothing said.
    assert_answers(
        "what does the writer do for a living, what is his job?",
        "document-affiliation",
    );
    assert_not_answered("who approved it?");
    assert_not_answered("how much did it grow in 2013?");
}

#[test]
fn what_a_person_does_is_their_position() {
    assert_answers("what does Anatoly Bury do?", "document-affiliation");
}

#[test]
fn of_two_regions_named_a_fact_about_either_is_about_them() {
    // "Eastern Russia" and "northeast China" are where the council works;
    // the council's fact names only the Russian side.
    assert_answers(
        "when was the body that coordinates business between eastern russia and northeast china created?",
        "coordination-council-1998",
    );
}

#[test]
fn a_major_investor_is_asked_as_a_share() {
    // How China stands among all investors is its share, not the total.
    for q in [
        "is china a major foreign backer of russia's eastern regions?",
        "является ли Китай крупнейшим инвестором Дальнего Востока?",
    ] {
        assert_answers(q, "investment-china-share");
    }
}

#[test]
fn which_country_asks_for_a_place_no_figure_gives() {
    for q in [
        "which country is the biggest foreign investor in the far east?",
        "какая страна больше всех инвестирует в Дальний Восток?",
        "哪个国家是俄罗斯远东最大的投资者？",
    ] {
        assert_not_answered(q);
    }
}

#[test]
fn everyday_words_for_cuts_and_approval() {
    assert_answers(
        "финансирование проектов программы урезали?",
        "problem-funding-decrease",
    );
    assert_answers(
        "кто одобрял программу сотрудничества?",
        "cooperation-program-2009-2018",
    );
}

#[test]
fn why_something_changed_is_not_answered_by_the_change() {
    // The document says funding was cut, not why.
    for q in [
        "why was the programme's funding cut?",
        "почему урезали финансирование проектов программы?",
        "Why did trade grow in 2013?",
    ] {
        assert_not_answered(q);
    }
    assert_answers("what problems did the programme face?", "program-problems");
}

#[test]
fn a_team_is_a_group() {
    assert_answers(
        "who does the coordination council team up with?",
        "permanent-working-group-1997",
    );
}

#[test]
fn a_pronoun_in_the_second_part_is_the_thing_named_in_the_first() {
    // "она" is the working group, said by its short name: its full name's
    // many words would match its founding fact best.
    assert_facts(
        "когда запустили постоянную рабочую группу и чем она полезна",
        &[
            "permanent-working-group-1997",
            "working-group-legal-infrastructure",
        ],
    );
}

#[test]
fn the_plan_may_be_the_programme_and_the_other_words_decide() {
    // People call the programme "the plan" and the plan "the programme";
    // who approved it, and until when, say which one is meant.
    assert_answers(
        "which plan did the presidents of Russia and China approve?",
        "cooperation-program-2009-2018",
    );
    assert_answers(
        "когда президенты утвердили этот план?",
        "cooperation-program-2009-2018",
    );
    assert_answers(
        "what does the plan aim for until 2020?",
        "plan-strategic-goals",
    );
    // Its own name still comes first when nothing else decides.
    let reply = ENGINE.ask("what is the plan?", None);
    assert_eq!(
        reply.entity().map(|e| e.id.as_str()),
        Some("heilongjiang-plan"),
        "{:?}",
        reply.outcome
    );
}

#[test]
fn a_paraphrase_that_stems_like_a_known_word_does_not_change_that_word() {
    // "authority" means an organisation, and stems like "author"; the
    // author is still only the author.
    let index = ENGINE.index();
    let alt = |w: &str| match index.analyze(w)[..] {
        [QueryTerm::Known { alt, .. }] => alt.is_some(),
        ref other => panic!("{w}: {other:?}"),
    };
    assert!(alt("authority"));
    assert!(!alt("author"));
    assert!(!alt("автор"));
}

#[test]
fn what_was_signed_is_answered_only_by_an_approval() {
    // The visit led to moves to reconfigure cooperation; the document names
    // nothing signed there. The programme was approved by both presidents.
    for q in [
        "what agreements were signed when Xi visited Moscow?",
        "о чём договорились на переговорах в Москве в марте 2013 года?",
    ] {
        let (reply, screen) = factbot::present::question(&ENGINE, q, None);
        assert!(!reply.answered(), "{q}: {:?}", reply.outcome);
        let text = factbot::render::text(&screen);
        assert!(
            text.contains("signed or agreed") || text.contains("о чём договорились"),
            "{q}: {text}"
        );
    }
    assert_answers(
        "что подписали президенты в 2009 году?",
        "cooperation-program-2009-2018",
    );
}

#[test]
fn a_plus_joins_two_questions() {
    assert_facts(
        "who is the author + when was the coordination council established",
        &["document-author", "coordination-council-1998"],
    );
}

#[test]
fn the_council_is_named_by_its_other_chinese_translation() {
    // 理事会 and 委员会 both translate "council"; and "works with" is
    // said by the Russian verb as well as the noun.
    assert_answers("协调理事会是什么时候成立的？", "coordination-council-1998");
    assert_answers(
        "с какой структурой тесно сотрудничает координационный совет?",
        "permanent-working-group-1997",
    );
}

#[test]
fn a_chinese_clause_that_sets_the_scene_is_no_question_of_its_own() {
    // "In the trade with the Asia-Pacific countries, what is China's
    // share?": the first clause names the total, but asks nothing.
    assert_answers(
        "在远东和外贝加尔同亚太国家的贸易中，中国所占份额是多少？",
        "trade-china-share-asia-pacific",
    );
    // "After Xi's visit, what changed?": the visit is the time, not a
    // question about it.
    assert_answers(
        "习近平2013年访问莫斯科以后，跨境合作有什么变化？",
        "xi-jinping-visit-2013",
    );
    // 在哪些方面 asks "in which respects", not "where".
    assert_answers("合作规划纲要在哪些方面出了问题？", "program-problems");
}

#[test]
fn the_year_before_a_figure_is_the_year_before_its_own() {
    // The question gives 2013's figure and asks about the year before:
    // 2012, derived, not 2013's figure again.
    assert_answers(
        "so 141 mln was 18% up — what was chinese investment the year before?",
        "investment-china-2012-derived",
    );
}

#[test]
fn a_russian_second_part_may_open_with_any_form_of_which() {
    // «на каком языке…», «кто её утверждал»: each part asks by itself.
    assert_facts(
        "кто написал статью и на каком языке был оригинал?",
        &["document-author", "document-translation"],
    );
    assert_facts(
        "какие проблемы у программы и кто её утверждал?",
        &["program-problems", "cooperation-program-2009-2018"],
    );
    // «по чьему решению»: whose, in any case.
    assert_facts(
        "чем занимается рабочая группа и по чьему решению её учредили?",
        &[
            "working-group-legal-infrastructure",
            "permanent-working-group-1997",
        ],
    );
}

#[test]
fn a_figure_for_a_year_the_document_has_no_figure_for_is_not_given() {
    // 2012's derived trade is no answer to how trade went over 2010–2012.
    for q in [
        "how did trade change from 2010 to 2012?",
        "как менялся товарооборот с 2010 по 2012 год?",
    ] {
        assert_not_answered(q);
    }
    // A rise given by its figure is the condition, not what is asked.
    assert_answers(
        "сколько был товарооборот в 2012 году, если рост составил 14%?",
        "trade-volume-2012-derived",
    );
}

#[test]
fn a_person_or_names_asked_for_are_not_an_organisation_or_a_plan() {
    // The document names no translator, no president of 2009, no firm.
    for q in [
        "who at ERINA worked on the translation?",
        "кто был президентом Китая, когда утвердили программу?",
        "какие именно компании будут участвовать в плане Хэйлунцзяна?",
    ] {
        assert_not_answered(q);
    }
    // What someone hopes for from a plan is its goals.
    assert_answers(
        "what does China hope to achieve with the Heilongjiang plan?",
        "plan-strategic-goals",
    );
}

#[test]
fn the_attribute_a_questions_words_name_is_what_it_asks() {
    // No question word asks for the problems or the partner; the words do.
    assert_answers(
        "so what has gone wrong with the joint programme?",
        "program-problems",
    );
    assert_answers(
        "which organisation does the coordination council work hand in hand with?",
        "permanent-working-group-1997",
    );
}

#[test]
fn a_figure_given_as_a_premise_is_not_what_is_asked() {
    // The 2% is where the question starts; the total is what it asks.
    assert_answers(
        "if China is 2%, how much foreign investment was there in total?",
        "investment-foreign-total-derived",
    );
    // Asked about for itself, the figure is the share's.
    assert_answers("what is the 2% figure?", "investment-china-share");
}

#[test]
fn moscow_may_stand_for_russia() {
    // The capital for the country; and still the city Xi Jinping visited.
    assert_answers("is Moscow pivoting east?", "russia-turn-to-asia");
    assert_answers("when did Xi Jinping visit Moscow?", "xi-jinping-visit-2013");
}

#[test]
fn who_is_someone_in_chinese_gets_the_persons_card() {
    let reply = ENGINE.ask("阿纳托利·布雷是谁？", None);
    assert!(
        matches!(reply.outcome, Outcome::Card { entity, .. } if entity.id == "anatoly-bury"),
        "{:?}",
        reply.outcome
    );
}

#[test]
fn abstract_words_reach_the_policy_facts() {
    // "Idea", "diplomacy", "rapprochement": the philosophy of Russia's
    // foreign economic policy, in everyday words.
    for q in [
        "what is the guiding idea of Russia's diplomacy today?",
        "is rapprochement with China the core of Russian foreign policy?",
        "какова основная идея внешней политики России сейчас?",
    ] {
        assert_answers(q, "china-relations-philosophy");
    }
}

#[test]
fn a_visit_says_where_someone_went() {
    for q in [
        "where did Xi Jinping go in March 2013?",
        "куда ездил Си Цзиньпин в марте 2013 года?",
    ] {
        assert_answers(q, "xi-jinping-visit-2013");
    }
    // Where a body sits is another place, which the document does not give.
    assert_not_answered("where is the Coordination Council based?");
}

#[test]
fn rules_are_the_legal_infrastructure() {
    assert_answers(
        "what has been done about the regulations for trade across the border?",
        "working-group-legal-infrastructure",
    );
}

#[test]
fn how_china_stands_against_the_other_investors_is_its_share() {
    for q in [
        "does China invest much compared with the other foreign investors?",
        "китайцы много вкладывают по сравнению с другими иностранными инвесторами?",
    ] {
        assert_answers(q, "investment-china-share");
    }
}

#[test]
fn a_second_part_may_open_with_a_preposition() {
    assert_facts(
        "когда создали координационный совет и на какой язык перевели статью",
        &["coordination-council-1998", "document-translation"],
    );
}

#[test]
fn the_director_is_not_the_deputy_director() {
    // The author is the association's deputy director; who directs it the
    // document does not say.
    assert_not_answered("who runs the association as its director?");
    assert_not_answered("кто директор ассоциации «Дальний Восток и Забайкалье»?");
    assert_answers(
        "who is the deputy director of the association?",
        "document-affiliation",
    );
}

#[test]
fn it_with_nothing_before_may_be_the_document() {
    // What is translated or written is the document itself.
    assert_answers("where was it translated?", "document-translation");
    assert_answers("who wrote it?", "document-author");
    // "It" that was approved is something the question does not say.
    assert_not_answered("who approved it?");
}

#[test]
fn which_problems_asks_for_all_of_them() {
    // One problem may match the words a little better; the question asks
    // for the problems, which the overview lists.
    assert_answers(
        "Какие проблемы обнаружились при реализации программы?",
        "program-problems",
    );
}

#[test]
fn foreign_policy_is_where_russia_turns() {
    // The change of course toward Asia is made "from the viewpoint of
    // international relations": a question about Russia's foreign policy
    // and which way it goes is about that turn.
    assert_answers(
        "in foreign policy, which way is Russia turning now?",
        "russia-turn-to-asia",
    );
    assert_answers(
        "в какую сторону поворачивает внешняя политика России?",
        "russia-turn-to-asia",
    );
}

#[test]
fn he_in_a_second_part_is_the_person_the_first_answer_names() {
    // "Organisation" comes before "he", but he is the author.
    assert_facts(
        "who is the author and which organisation does he belong to?",
        &["document-author", "document-affiliation"],
    );
    assert_facts(
        "кто написал статью и где он работает?",
        &["document-author", "document-affiliation"],
    );
    // «её» is the article, not a man.
    assert_facts(
        "кто автор статьи и на какой язык её перевели",
        &["document-author", "document-translation"],
    );
}

#[test]
fn dv_is_the_far_east_and_talk_of_speech_is_asking() {
    // «ДВ» is how Russians write the Far East short.
    let index = ENGINE.index();
    let terms = index.analyze("торговля ДВ");
    assert!(
        (index.mentions(&terms).iter())
            .any(|m| ENGINE.kb().entities[m.entity].id == "russian-far-east")
    );
    // «О чём идёт речь» asks what something is about: «речь идёт о…» in a
    // fact's answer is no evidence for it.
    assert_answers(
        "о каком развороте России к Азии идёт речь?",
        "russia-turn-to-asia",
    );
}

#[test]
fn a_date_asked_with_a_region_is_of_what_happened_there() {
    // The oblast is where the work began, not what the date is of.
    assert_answers(
        "когда начали строить мост в Еврейской автономной области?",
        "nizhneleninskoye-tongjiang-bridge",
    );
    // The region's own founding is not the date of a railway in it.
    assert_not_answered("when was Primorsky Krai founded?");
    assert_not_answered("когда образован Приморский край?");
}

/// Asserts that `q` is answered with fact `id`, said to be not of `year`.
#[track_caller]
fn assert_not_in(q: &str, id: &str, year: i32) {
    let reply = ENGINE.ask(q, None);
    assert!(
        matches!(reply.outcome, Outcome::Answer { fact, not_in, .. }
            if fact.id == id && not_in == Some(year)),
        "{q}: {:?}",
        reply.outcome
    );
}

#[test]
fn a_yes_no_question_with_the_wrong_year_gets_the_right_one() {
    assert_not_in(
        "Did Xi Jinpin visit Moscow in March 2014?",
        "xi-jinping-visit-2013",
        2014,
    );
    assert_not_in(
        "Координационный совет создан в 1989 году?",
        "coordination-council-1998",
        1989,
    );
    assert_not_in(
        "习近平是2014年访问莫斯科的吗？",
        "xi-jinping-visit-2013",
        2014,
    );
    assert_not_in(
        "Did the State Council approve the plan in 2012?",
        "heilongjiang-plan-2020",
        2012,
    );
    // A statement to confirm is a yes/no question too, tag or not.
    assert_not_in(
        "the working group was launched in 1998, right?",
        "permanent-working-group-1997",
        1998,
    );
    assert_not_in(
        "Xi Jinping visited Moscow in 2014?",
        "xi-jinping-visit-2013",
        2014,
    );
    // What the working group does, undated, does not confirm when it began.
    assert_not_in(
        "постоянную рабочую группу запустили в 1998 году?",
        "permanent-working-group-1997",
        1998,
    );
    // A topic and a year claim nothing: the programme's problems are of
    // its years.
    assert_answers("проблемы программы 2012", "program-problems");
    assert_answers("program problems 2012", "program-problems");
    // The reply says so before the fact, in the question's language.
    let (_, screen) =
        factbot::present::question(&ENGINE, "Was the programme approved in 2008?", None);
    let text = factbot::render::text(&screen);
    assert!(
        text.starts_with("Not in 2008, according to the document:"),
        "{text}"
    );
    // The right year is simply answered.
    let reply = ENGINE.ask("Did Xi Jinping visit Moscow in March 2013?", None);
    assert!(
        matches!(reply.outcome, Outcome::Answer { not_in: None, .. }),
        "{:?}",
        reply.outcome
    );
    // A figure is for its year only: another year is not a wrong claim
    // but one the document gives nothing for.
    assert_not_answered("Was trade 12.5 billion in 2014?");
    // Nor is what the question says different from what the fact says:
    // the document dates when work on the bridge began, not its opening.
    assert_not_answered("Did the Tongjiang bridge open in 2015?");
    // «Что достроили в 2013?» asks what; it claims nothing.
    assert_facts(
        "Что достроили в Хабаровском крае в 2013 году?",
        &["bolshoy-ussuriysky-bridge"],
    );
}

/// Asserts that `q` is answered with fact `id`, said to be not `figure`
/// (as a reply in the question's language writes it).
#[track_caller]
fn assert_not_figure(q: &str, id: &str, figure: &str) {
    let reply = ENGINE.ask(q, None);
    assert!(
        matches!(&reply.outcome, Outcome::Answer { fact, not_figure: Some(c), .. }
            if fact.id == id && c.display(reply.lang) == figure),
        "{q}: {:?}",
        reply.outcome
    );
}

#[test]
fn a_yes_no_question_with_the_wrong_figure_gets_the_right_one() {
    assert_not_figure(
        "trade with china grew by 18% in 2013?",
        "trade-volume-2013",
        "18%",
    );
    assert_not_figure(
        "доля китая в иностранных инвестициях в восточные регионы 18%?",
        "investment-china-share",
        "18%",
    );
    // An amount checked is an amount asked for: the US$141 million, not
    // the 2% share.
    assert_not_figure(
        "Инвестиции Китая в 2013 составили 200 млн?",
        "investment-china-2013",
        "200 млн",
    );
    assert_not_figure("中国投资了2亿美元吗？", "investment-china-2013", "2亿");
    // A percentage checked that is no growth is a share.
    assert_not_figure(
        "china made up 29% of foreign investment into the far east?",
        "investment-china-share",
        "29%",
    );
    // The reply says so before the fact.
    let (_, screen) =
        factbot::present::question(&ENGINE, "did china invest 200 million in 2013?", None);
    let text = factbot::render::text(&screen);
    assert!(
        text.starts_with("Not 200 million, according to the document:"),
        "{text}"
    );
    // A figure rounded as people round it is the document's.
    for q in [
        "was trade about 12 billion in 2013?",
        "товарооборот с китаем в 2013 был 12,5 млрд долларов?",
        "did trade grow 14%?",
        "2013年中国投资是1.41亿美元吗？",
    ] {
        let reply = ENGINE.ask(q, None);
        assert!(
            matches!(
                reply.outcome,
                Outcome::Answer {
                    not_figure: None,
                    ..
                }
            ),
            "{q}: {:?}",
            reply.outcome
        );
    }
    // A figure given as a premise is not a claim.
    let reply = ENGINE.ask("if china is 2%, what is the total?", None);
    assert!(
        !matches!(
            reply.outcome,
            Outcome::Answer {
                not_figure: Some(_),
                ..
            }
        ),
        "{:?}",
        reply.outcome
    );
}

#[test]
fn working_closely_is_said_in_each_language() {
    // The working group's fact says the council works "closely" with it
    // («тесно», 密切): «плотно», "tightly" and 紧密 say the same.
    let index = ENGINE.index();
    let term = |w: &str| match index.analyze(w)[..] {
        [QueryTerm::Known { term, .. }] => Some(term),
        _ => None,
    };
    let closely = term("тесно").expect("a word of the knowledge base");
    for w in ["плотно", "closely", "tightly", "紧密", "密切"] {
        assert_eq!(term(w), Some(closely), "{w}");
    }
}

#[test]
fn a_word_clipped_short_stands_for_the_word_it_begins() {
    assert_facts(
        "с кем коорд совет плотно работает",
        &["permanent-working-group-1997"],
    );
    // "Biz" is business, as the synonyms say.
    assert_answers(
        "did small biz get anything out of all this",
        "strategic-partnership-2013",
    );
    // Not a name that only begins like some word of the knowledge base.
    assert_not_answered("what did Messi say about the bridge?");
}

#[test]
fn until_when_after_and_is_a_second_question_about_the_same_plan() {
    // «до» is a word of the Heilongjiang plan's name («…до 2020 года») and
    // a preposition: after «и» and before a question word it opens the
    // second part, whose «он» is the plan the first part is about.
    assert_facts(
        "Каковы стратегические цели китайского плана по границе и до какого года он действует?",
        &["plan-strategic-goals", "heilongjiang-plan-2020"],
    );
}

#[test]
fn an_overview_answering_both_parts_is_given_once() {
    // The 2013 infrastructure fact names the bridge finished and the one
    // begun: it is the answer, not itself beside one of its parts.
    assert_facts(
        "what bridge got finished and what bridge got started in 2013",
        &["infrastructure-2013"],
    );
}

#[test]
fn the_authors_view_of_a_thing_is_what_the_document_says_of_it() {
    for q in [
        "what does the author think of the agencies running the program",
        "как автор оценивает работу организаций, которые реализуют программу",
        // By the author's name, and with what the agencies are for.
        "how does bury rate the agencies that are supposed to carry out the program",
        "what does Bury think about the organisations executing the programme?",
    ] {
        assert_answers(q, "problem-inefficient-organisations");
    }
    // «…что пишет автор» is no second question about the author.
    assert_facts(
        "россия разворачивается на восток? что пишет автор",
        &["russia-turn-to-asia"],
    );
    // Who the author is, and where he works, are still asked.
    assert_answers("где работает автор", "document-affiliation");
}

#[test]
fn who_wrote_the_article_on_a_topic_asks_for_its_author() {
    // The topic says which article; it is not what is asked about.
    assert_answers(
        "Who actually wrote this piece on Russia–China regional ties?",
        "document-author",
    );
    assert_answers(
        "Кто автор статьи о развитии сотрудничества восточных регионов России и провинций Китая?",
        "document-author",
    );
}

#[test]
fn international_organisations_are_not_the_documents_bodies() {
    // The UN's Security Council is not the Coordination Council.
    assert_not_answered("What does the UN Security Council actually do?");
    assert_not_answered("Что делает Совет Безопасности ООН?");
}

#[test]
fn a_second_part_may_leave_out_the_noun_the_first_asked_about() {
    // «…и какая в иностранных инвестициях» is «какая доля в…».
    assert_facts(
        "какая доля китая в торговле дв с атр и какая в иностранных инвестициях",
        &["trade-china-share-asia-pacific", "investment-china-share"],
    );
}

#[test]
fn with_which_body_is_not_with_which_purpose() {
    // «С какой целью» asks why; «с какой группой» with which group.
    assert_facts(
        "когда создали координационный совет и с какой группой он работает",
        &["coordination-council-1998", "permanent-working-group-1997"],
    );
}

#[test]
fn a_ranking_is_not_in_the_document() {
    // The document ranks nothing: the region that got the most is not the
    // investment figure, though every word of it matches.
    for q in [
        "какие регионы рф получили больше всего китайских инвестиций",
        "which region got the most chinese investment?",
        "中国在哪个地区投资最多？",
    ] {
        let reply = ENGINE.ask(q, None);
        assert!(!reply.answered(), "{q}: {:?}", reply.outcome);
        assert!(
            matches!(reply.outcome, Outcome::Partial { .. }),
            "{q}: {:?}",
            reply.outcome
        );
    }
}

#[test]
fn which_parts_asks_where_not_for_parts() {
    // "Which parts of China…?" asks which places; the plan names them (its
    // "Portion of Inner Mongolia" is not a "part" it must say).
    assert_answers(
        "which parts of china does the 2020 border opening-up plan cover",
        "heilongjiang-plan-2020",
    );
}

#[test]
fn a_place_next_door_is_not_the_future() {
    assert_answers(
        "investment ties between the russian far east and the chinese regions next door - under what framework are they being pushed forward",
        "cooperation-program-2009-2018",
    );
}

#[test]
fn a_question_opening_like_a_follow_up_may_still_stand_alone() {
    // «А …» opens a follow-up; with enough words it is a question of its own.
    assert_answers(
        "а россия правда разворачивается к азии?",
        "russia-turn-to-asia",
    );
    // With nothing before it, "and in 2012?" cannot know what is asked.
    assert!(!ENGINE.ask("and in 2012?", None).answered());
    assert!(!ENGINE.ask("а доля?", None).answered());
}

#[test]
fn the_words_that_ask_until_when_are_not_evidence() {
    // «до» asks "until when"; it is not the «до 2020 года» of the plan.
    assert_answers(
        "когда утвердили программу и до какого года она действует?",
        "cooperation-program-2009-2018",
    );
}

#[test]
fn a_two_word_phrase_of_a_synonym_group_is_its_word() {
    // "set up" is "established", though "set" alone is not (the goals
    // "set" for the plan).
    let q = "When was the council set up?";
    assert_answers(q, "coordination-council-1998");
    assert!(ENGINE.ask(q, None).score > 0.9, "{:?}", ENGINE.ask(q, None));
    assert_not_in(
        "the coordination council was set up in 1997, right?",
        "coordination-council-1998",
        1997,
    );
    assert_answers(
        "how much did chinese firms and the chinese side put into the russian east in 2013",
        "investment-china-2013",
    );
}

#[test]
fn a_part_that_only_names_something_is_short() {
    // "…interregional and border trade between Russia and China set up?"
    // goes on with the first part: one question, one fact.
    assert_facts(
        "When was the council that coordinates interregional and border trade between Russia and China set up?",
        &["coordination-council-1998"],
    );
    // A short one is a second question.
    assert_facts(
        "what was the trade volume in 2013 and China's share of foreign investment?",
        &["trade-volume-2013", "investment-china-share"],
    );
}

#[test]
fn where_an_organisation_is_is_not_where_someone_works() {
    assert_not_answered("где находится офис ассоциации дальний восток и забайкалье");
    assert_answers("Where does the author work?", "document-affiliation");
    assert_answers("где работает Бурый?", "document-affiliation");
}

#[test]
fn things_asked_for_by_kind_may_follow_an_adjective() {
    // "Which Chinese companies…?" asks for companies, which no fact names.
    assert_not_answered("which chinese companies invested in the far east in 2013");
    // Places are named, not said: "which Chinese regions" are the plan's.
    assert_answers(
        "Which Chinese regions does the border development and opening-up plan approved in Sept 2013 cover?",
        "heilongjiang-plan-2020",
    );
}

#[test]
fn factbot_has_no_opinion_of_its_own() {
    let q = "in your opinion is the pivot to asia actually good for russia?";
    assert_not_answered(q);
    let (_, screen) = factbot::present::question(&ENGINE, q, None);
    let text = factbot::render::text(&screen);
    assert!(text.starts_with("I have no opinion of my own"), "{text}");
    // What the author thinks is in the document.
    assert_answers(
        "What does the author think about the turn to Asia?",
        "russia-turn-to-asia",
    );
}

#[test]
fn the_names_of_people_the_document_does_not_name_are_not_given() {
    // The programme says "the presidents" approved it, not who they were.
    assert_not_answered("what were the names of the two presidents who approved the 2009 program");
    assert_answers(
        "Who approved the 2009 program?",
        "cooperation-program-2009-2018",
    );
}

#[test]
fn slang_and_other_spellings_of_names_are_known() {
    assert_answers(
        "whats going on with the Nizhneleninskoe-Tunjiang bridge",
        "nizhneleninskoye-tongjiang-bridge",
    );
    assert_answers("какие косяки вылезли с программой", "program-problems");
}

#[test]
fn comparing_two_years_asks_for_the_change() {
    // The change is the 2013 fact's "+18% on 2012", not the 2012 level.
    assert_answers(
        "how did chinese investment in 2013 compare with the year before",
        "investment-china-2013",
    );
    assert_answers(
        "investmnet 2012 vs 2013 how much diffrence percent",
        "investment-china-2013",
    );
    assert_answers(
        "как изменились инвестиции Китая в 2013 по сравнению с прошлым годом",
        "investment-china-2013",
    );
    // Compared with other countries is a share.
    assert_answers(
        "is china a big investor compared with other countries?",
        "investment-china-share",
    );
}

#[test]
fn a_measure_and_a_year_ask_for_its_amount() {
    // Not a question back between the amount and the share.
    assert_answers("инвестици китая в 2013 гду", "investment-china-2013");
    assert_answers(
        "Насколько китайские вложения в 2013 оказались выше, чем годом ранее?",
        "investment-china-2013",
    );
    // An everyday word asking something else of it keeps it unanswered.
    assert_not_answered("did russia have a trade surplus or deficit with china in 2013");
    // So a part naming a measure and a year has one answer, not two.
    assert_facts(
        "how much were trade and investment in 2013?",
        &["trade-volume-2013", "investment-china-2013"],
    );
    assert_facts(
        "Товарооборот с Китаем в 2013 и какая доля КНР в торговле с АТР",
        &["trade-volume-2013", "trade-china-share-asia-pacific"],
    );
}

#[test]
fn two_measures_named_one_after_the_other_are_two_parts() {
    // "Trade and investment…" opens with the first part's one word.
    assert_facts(
        "trade and investment in 2013?",
        &["trade-volume-2013", "investment-china-2013"],
    );
    assert_facts(
        "investment and trade growth 2013",
        &["investment-china-2013", "trade-volume-2013"],
    );
    // A name with "and" in it is not cut.
    assert_answers("russia and china relations", "china-relations-philosophy");
}

#[test]
fn who_runs_a_thing_asks_for_its_head() {
    // ERINA translated the text; who runs it, the document does not say.
    assert_not_answered("who do I talk to at ERINA, who runs it");
    assert_not_answered("кто управляет координационным советом?");
    // Who did something is still answered.
    assert_answers("who translated the article?", "document-translation");
}

#[test]
fn an_adjective_before_the_thing_asked_for_is_passed_over_in_russian() {
    // «главные» is not what is asked for; «цели» is.
    assert_facts(
        "какие главные цели у китайского плана по Хэйлунцзяну и Внутренней Монголии",
        &["plan-strategic-goals"],
    );
    // Russian companies, which the document does not name.
    assert_not_answered("какие российские компании участвуют в программе 2009-2018");
}

#[test]
fn and_between_two_words_of_one_name_does_not_split_however_they_are_spelt() {
    assert_facts(
        "what is china trying to achieve with its border plan for heilongjiang and inner mongolia, like the main targets",
        &["plan-strategic-goals"],
    );
    // Words in many names ("China") still allow a cut.
    assert_facts(
        "2013年远东对华贸易和中国对俄东部投资分别增长了百分之多少？",
        &["trade-volume-2013", "investment-china-2013"],
    );
}

#[test]
fn a_premise_s_year_is_given_not_asked() {
    for q in [
        "so if 2013 trade was 12.5 bn and growth was 14 percent what was it roughly in 2012",
        "если в 2013 товарооборот 12,5 млрд и рост 14%, сколько было в 2012?",
    ] {
        assert_facts(q, &["trade-volume-2012-derived"]);
    }
}
