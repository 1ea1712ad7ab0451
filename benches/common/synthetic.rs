//! Deterministic synthetic knowledge bases for benchmarks.
//!
//! Facts are written in the real schema and loaded through
//! `KnowledgeBase::from_files`, so parsing and validation are measured too.
//! The vocabulary is realistic in the ways that matter to the index: many
//! distinct words (pronounceable names built from syllables, English and
//! Cyrillic), numbers and years, Zipf-distributed word frequencies (a few
//! words in most facts, most words in a handful) and a list of synonym groups.
//! The same `n` always gives the same bytes.

#![allow(dead_code)]

use std::fmt::Write as _;

/// Facts per generated file; keeps every file well under the loader's limit.
/// `FACTBOT_BENCH_FACTS_PER_FILE` overrides it: the loader finds each fact's
/// line by scanning its file from the start, so load time grows with the
/// square of the facts per file (see BENCHMARKS.md).
pub const FACTS_PER_FILE: usize = 500;

fn facts_per_file() -> usize {
    std::env::var("FACTBOT_BENCH_FACTS_PER_FILE")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(FACTS_PER_FILE)
}

/// SplitMix64: tiny, fast, deterministic.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize
    }

    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn pick_str<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Ranks drawn with probability ∝ 1 / rank^s.
pub struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize, s: f64) -> Zipf {
        let mut acc = 0.0;
        let cdf = (1..=n)
            .map(|r| {
                acc += 1.0 / (r as f64).powf(s);
                acc
            })
            .collect::<Vec<_>>();
        let total = acc;
        Zipf {
            cdf: cdf.into_iter().map(|c| c / total).collect(),
        }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        self.cdf.partition_point(|&c| c < u).min(self.cdf.len() - 1)
    }
}

const LATIN_ONSETS: &[&str] = &[
    "b", "k", "d", "g", "t", "v", "m", "n", "l", "r", "s", "z", "sh", "kh", "ch", "zh", "p", "f",
    "br", "tr",
];
const LATIN_VOWELS: &[&str] = &["a", "o", "e", "i", "u", "ia", "ei", "ou"];
const LATIN_CODAS: &[&str] = &["", "", "", "n", "r", "l", "sk", "v", "ng", "m"];
const CYR_ONSETS: &[&str] = &[
    "б", "к", "д", "г", "т", "в", "м", "н", "л", "р", "с", "з", "ш", "х", "ч", "ж", "п", "ф", "бр",
    "тр",
];
const CYR_VOWELS: &[&str] = &["а", "о", "е", "и", "у", "я", "ы", "ю"];
const CYR_CODAS: &[&str] = &["", "", "", "н", "р", "л", "ск", "в", "нг", "м"];
const CYR_ENDINGS: &[&str] = &[
    "", "а", "ов", "ами", "ение", "ость", "ский", "ная", "ы", "ей",
];
const LATIN_ENDINGS: &[&str] = &["", "", "s", "ing", "tion", "ed", "ment", "er", "ity", "al"];

/// Common words of questions and prose, as real text has them.
const EN_COMMON: &[&str] = &[
    "trade",
    "investment",
    "bridge",
    "railway",
    "region",
    "province",
    "border",
    "cooperation",
    "volume",
    "growth",
    "share",
    "billion",
    "million",
    "percent",
    "project",
    "agreement",
    "programme",
    "company",
    "export",
    "import",
    "port",
    "road",
    "energy",
    "timber",
    "oil",
    "gas",
    "tourism",
    "agriculture",
    "customs",
    "crossing",
    "river",
    "city",
    "government",
    "ministry",
    "bank",
    "fund",
    "zone",
    "plan",
    "development",
    "construction",
    "capacity",
    "cargo",
    "passenger",
    "freight",
    "terminal",
    "pipeline",
    "industry",
    "market",
    "price",
    "total",
    "annual",
    "increase",
    "decrease",
    "record",
    "summit",
];
const RU_COMMON: &[&str] = &[
    "торговля",
    "инвестиции",
    "мост",
    "железная",
    "дорога",
    "регион",
    "провинция",
    "граница",
    "сотрудничество",
    "объем",
    "рост",
    "доля",
    "миллиард",
    "миллион",
    "процент",
    "проект",
    "соглашение",
    "программа",
    "компания",
    "экспорт",
    "импорт",
    "порт",
    "энергетика",
    "лес",
    "нефть",
    "газ",
    "туризм",
    "таможня",
    "переход",
    "река",
    "город",
    "правительство",
    "министерство",
    "банк",
    "фонд",
    "зона",
    "план",
    "развитие",
    "строительство",
    "мощность",
    "груз",
    "пассажир",
    "терминал",
    "трубопровод",
];
const EN_QUESTION: &[&str] = &[
    "What was the {w} of {n} in {y}?",
    "How much {w} did {n} report?",
    "When did {n} start the {w}?",
    "Who built the {w} near {n}?",
    "What is known about {n} {w}?",
];
const RU_QUESTION: &[&str] = &[
    "Какой был {w} {n} в {y} году?",
    "Сколько {w} было у {n}?",
    "Когда {n} начал {w}?",
    "Что известно о {w} {n}?",
];
const TOPICS: &[&str] = &[
    "trade",
    "investment",
    "infrastructure",
    "programmes",
    "institutions",
    "problems",
    "policy",
    "about",
];

fn word(
    rng: &mut Rng,
    onsets: &[&str],
    vowels: &[&str],
    codas: &[&str],
    endings: &[&str],
    syl: usize,
) -> String {
    let mut w = String::new();
    for _ in 0..syl {
        w.push_str(rng.pick_str(onsets));
        w.push_str(rng.pick_str(vowels));
        w.push_str(rng.pick_str(codas));
    }
    w.push_str(rng.pick_str(endings));
    w
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A vocabulary ranked by frequency: common real words first, then
/// generated words, distinct.
fn vocabulary(
    rng: &mut Rng,
    common: &[&str],
    size: usize,
    make: impl Fn(&mut Rng) -> String,
) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(size);
    for w in common {
        if seen.insert(w.to_string()) {
            out.push(w.to_string());
        }
    }
    let mut tries = 0;
    while out.len() < size && tries < size * 20 {
        tries += 1;
        let w = make(rng);
        if w.chars().count() >= 3 && seen.insert(w.clone()) {
            out.push(w);
        }
    }
    out
}

/// The words and names a knowledge base of `n` facts is written with.
pub struct Vocab {
    pub en: Vec<String>,
    pub ru: Vec<String>,
    /// Proper names (places, companies), rarer than words: about one per fact.
    pub names: Vec<String>,
    zipf_en: Zipf,
    zipf_ru: Zipf,
    zipf_names: Zipf,
}

impl Vocab {
    pub fn new(n: usize, rng: &mut Rng) -> Vocab {
        // Heaps' law-ish growth: vocabulary grows sublinearly with the corpus.
        let words = 1_000 + (40.0 * (n as f64).powf(0.75)) as usize;
        let names = 200 + n / 2;
        let en = vocabulary(rng, EN_COMMON, words, |r| {
            let syl = r.range(1, 3);
            word(
                r,
                LATIN_ONSETS,
                LATIN_VOWELS,
                LATIN_CODAS,
                LATIN_ENDINGS,
                syl,
            )
        });
        let ru = vocabulary(rng, RU_COMMON, words, |r| {
            let syl = r.range(1, 3);
            word(r, CYR_ONSETS, CYR_VOWELS, CYR_CODAS, CYR_ENDINGS, syl)
        });
        let names = vocabulary(rng, &[], names, |r| {
            let syl = r.range(2, 4);
            capitalize(&word(
                r,
                LATIN_ONSETS,
                LATIN_VOWELS,
                LATIN_CODAS,
                &[""],
                syl,
            ))
        });
        Vocab {
            zipf_en: Zipf::new(en.len(), 1.0),
            zipf_ru: Zipf::new(ru.len(), 1.0),
            zipf_names: Zipf::new(names.len(), 0.6),
            en,
            ru,
            names,
        }
    }

    pub fn en_word(&self, rng: &mut Rng) -> &str {
        &self.en[self.zipf_en.sample(rng)]
    }

    pub fn ru_word(&self, rng: &mut Rng) -> &str {
        &self.ru[self.zipf_ru.sample(rng)]
    }

    pub fn name(&self, rng: &mut Rng) -> &str {
        &self.names[self.zipf_names.sample(rng)]
    }
}

/// One generated fact, kept for making questions about it.
pub struct FactSeed {
    pub id: String,
    pub name: String,
    pub en_questions: Vec<String>,
    pub ru_questions: Vec<String>,
    pub keywords: Vec<String>,
}

/// A synthetic knowledge set: its files and what questions can be asked.
pub struct Synthetic {
    pub files: Vec<(String, Vec<u8>)>,
    pub facts: Vec<FactSeed>,
    pub vocab: Vocab,
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap()
}

fn sentence(rng: &mut Rng, len: usize, mut word: impl FnMut(&mut Rng) -> String) -> String {
    let words: Vec<String> = (0..len).map(|_| word(rng)).collect();
    let mut s = capitalize(&words.join(" "));
    s.push('.');
    s
}

fn fill(template: &str, w: &str, n: &str, y: u32) -> String {
    template
        .replace("{w}", w)
        .replace("{n}", n)
        .replace("{y}", &y.to_string())
}

/// Facts per generated entity.
const FACTS_PER_ENTITY: usize = 4;

/// Generates a knowledge set of `n` facts (seeded by `n`).
pub fn generate(n: usize) -> Synthetic {
    let mut rng = Rng::new(0x5EED ^ n as u64);
    let vocab = Vocab::new(n, &mut rng);
    let per_file = facts_per_file();
    let mut facts = Vec::with_capacity(n);
    let mut chunks: Vec<String> = Vec::new();
    let mut current = String::new();
    // One entity per few facts, named after the first fact's name.
    let mut entities: Vec<String> = Vec::new();
    for i in 0..n {
        let id = format!("f{i}");
        let name = vocab.name(&mut rng).to_string();
        if i % FACTS_PER_ENTITY == 0 {
            entities.push(format!(
                r#"{{"id": "e{}", "kind": "indicator", "name": {{"en": {n}, "ru": {n}}}, "aliases": {{"en": [{n}], "ru": []}}}}"#,
                i / FACTS_PER_ENTITY,
                n = json_str(&name)
            ));
        }
        let other = vocab.name(&mut rng).to_string();
        let year = 1990 + rng.below(35) as u32;
        let value = rng.range(1, 99_999) as f64 / 100.0;
        let fig = format!("US${value} billion");
        let change = format!("+{}%", rng.range(1, 60));
        let en_len = rng.range(12, 24);
        let answer_en = sentence(&mut rng, en_len, |r| {
            if r.below(10) == 0 {
                name.clone()
            } else {
                vocab.en_word(r).to_string()
            }
        }) + &format!(" It reached {fig} in {year} ({change}).");
        let ru_len = rng.range(10, 20);
        let answer_ru = sentence(&mut rng, ru_len, |r| vocab.ru_word(r).to_string())
            + &format!(" {name}: {value} млрд долларов в {year} году.");
        let src_len = rng.range(15, 30);
        let source = sentence(&mut rng, src_len, |r| {
            if r.below(12) == 0 {
                other.clone()
            } else {
                vocab.en_word(r).to_string()
            }
        });
        let mut keywords_en = vec![name.to_lowercase(), other.to_lowercase()];
        for _ in 0..rng.range(2, 4) {
            keywords_en.push(vocab.en_word(&mut rng).to_string());
        }
        let keywords_ru: Vec<String> = (0..rng.range(2, 4))
            .map(|_| vocab.ru_word(&mut rng).to_string())
            .collect();
        let en_questions: Vec<String> = (0..rng.range(2, 3))
            .map(|_| {
                let t = rng.pick_str(EN_QUESTION);
                let w = vocab.en_word(&mut rng).to_string();
                fill(t, &w, &name, year)
            })
            .collect();
        let ru_questions: Vec<String> = (0..rng.range(1, 2))
            .map(|_| {
                let t = rng.pick_str(RU_QUESTION);
                let w = vocab.ru_word(&mut rng).to_string();
                fill(t, &w, &name, year)
            })
            .collect();
        let month = rng.range(1, 12);
        let related = if i > 0 && rng.below(4) == 0 {
            format!("[\"f{}\"]", rng.below(i))
        } else {
            "[]".into()
        };
        if !current.is_empty() {
            current.push_str(",\n");
        }
        write!(
            current,
            r#"{{"id": {id}, "topic": "{topic}", "about": ["e{entity}"], "gives": ["volume"], "answer": {{"en": {aen}, "ru": {aru}}}, "source": {src},
 "figures": [{{"text": {fig}, "value": {value}, "unit": "US$ billion", "year": {year}, "change": {change}}}],
 "dates": ["{year}", "{year}-{month:02}"], "keywords": {{"en": {ken}, "ru": {kru}}},
 "questions": {{"en": {qen}, "ru": {qru}}}, "related": {related}}}"#,
            id = json_str(&id),
            entity = i / FACTS_PER_ENTITY,
            topic = TOPICS[i % TOPICS.len()],
            aen = json_str(&answer_en),
            aru = json_str(&answer_ru),
            src = json_str(&source),
            fig = json_str(&fig),
            change = json_str(&change),
            ken = json_list(&keywords_en),
            kru = json_list(&keywords_ru),
            qen = json_list(&en_questions),
            qru = json_list(&ru_questions),
        )
        .unwrap();
        if (i + 1) % per_file == 0 {
            chunks.push(std::mem::take(&mut current));
        }
        facts.push(FactSeed {
            id,
            name,
            en_questions,
            ru_questions,
            keywords: keywords_en,
        });
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    // Synonym groups among the mid-frequency words, EN and RU together.
    let groups = 50 + n / 200;
    let mut synonyms: Vec<Vec<String>> = Vec::with_capacity(groups);
    for g in 0..groups {
        let a = &vocab.en[(20 + g * 3) % vocab.en.len()];
        let b = &vocab.en[(21 + g * 3) % vocab.en.len()];
        let c = &vocab.ru[(20 + g) % vocab.ru.len()];
        synonyms.push(vec![a.clone(), b.clone(), c.clone()]);
    }
    let mut files = Vec::with_capacity(chunks.len() + 1);
    files.push((
        "synthetic/00-synonyms.json".to_string(),
        format!(
            "{{\"synonyms\": {}, \"out_of_scope\": {}}}",
            serde_json::to_string(&synonyms).unwrap(),
            serde_json::to_string(OUT_OF_SCOPE).unwrap()
        )
        .into_bytes(),
    ));
    files.push((
        "synthetic/00-entities.json".to_string(),
        format!("{{\"entities\": [\n{}\n]}}", entities.join(",\n")).into_bytes(),
    ));
    for (k, chunk) in chunks.into_iter().enumerate() {
        files.push((
            format!("synthetic/facts-{k:04}.json"),
            format!("{{\"facts\": [\n{chunk}\n]}}").into_bytes(),
        ));
    }
    Synthetic {
        files,
        facts,
        vocab,
    }
}

/// What kind of question a generated question is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Direct,
    Typo,
    Russian,
    OffTopic,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Direct, Kind::Typo, Kind::Russian, Kind::OffTopic];
}

/// Swaps two adjacent letters in the middle of the longest word.
pub fn typo(question: &str) -> String {
    let mut words: Vec<String> = question.split(' ').map(str::to_string).collect();
    if let Some(w) = words.iter_mut().max_by_key(|w| w.chars().count()) {
        let mut c: Vec<char> = w.chars().collect();
        if c.len() >= 5 {
            let i = c.len() / 2;
            c.swap(i - 1, i);
            *w = c.into_iter().collect();
        }
    }
    words.join(" ")
}

/// Words the synthetic sets declare out of scope, as the shipped set does.
const OUT_OF_SCOPE: &[&str] = &[
    "weather",
    "football",
    "recipe",
    "smartphone",
    "погода",
    "рецепт",
];

const OFF_TOPIC: &[&str] = &[
    "What's the weather like in Zyxquor today?",
    "who won the football cup in Pluvexia",
    "погода в Крабовщине завтра",
    "recipe for blorpfish pancakes",
    "как приготовить квирзуль без духовки",
    "best smartphone under 300 dollars",
    "What time does the Qwumbly museum open?",
    "сколько лет Жмырдону Ивановичу",
];

/// `count` questions of one kind about the set, deterministic.
pub fn questions(set: &Synthetic, kind: Kind, count: usize) -> Vec<String> {
    let mut rng = Rng::new(0xA5C ^ count as u64 ^ (kind as u64) << 32);
    (0..count)
        .map(|i| {
            let f = &set.facts[rng.below(set.facts.len())];
            match kind {
                Kind::Direct => rng.pick(f.en_questions.as_slice()).clone(),
                Kind::Typo => typo(rng.pick::<String>(&f.en_questions)),
                Kind::Russian => rng.pick(f.ru_questions.as_slice()).clone(),
                Kind::OffTopic => OFF_TOPIC[i % OFF_TOPIC.len()].to_string(),
            }
        })
        .collect()
}

/// An even mix of the four kinds, interleaved.
pub fn mixed_questions(set: &Synthetic, count: usize) -> Vec<String> {
    let per = count.div_ceil(4);
    let lists: Vec<Vec<String>> = Kind::ALL.iter().map(|&k| questions(set, k, per)).collect();
    (0..count).map(|i| lists[i % 4][i / 4].clone()).collect()
}

/// The questions of the shipped knowledge base used by the benchmarks, by
/// kind (fixed here so the numbers do not move when the eval set changes).
pub const SHIPPED_QUESTIONS: &[(&str, &str)] = &[
    ("direct", "What was the volume of trade with China in 2013?"),
    (
        "direct",
        "How much did China invest in the eastern regions of Russia in 2013?",
    ),
    ("direct", "Which rail line opened in Primorsky Krai?"),
    ("direct", "Which bridge was completed in Khabarovsk Krai?"),
    ("direct", "When was the cooperation program approved?"),
    ("typo", "investmnet from china 2013"),
    ("typo", "Tongjaing bridge"),
    ("typo", "Nizhneleninskoe brige over the amur"),
    ("typo", "Makhalino Hunchun raillway"),
    ("typo", "whats the trade volme with china"),
    (
        "russian",
        "Какой был товарооборот Дальнего Востока с Китаем в 2013 году?",
    ),
    ("russian", "Насколько выросла торговля с КНР?"),
    ("russian", "Сколько Китай инвестировал в 2013 году?"),
    ("russian", "Какой мост построили через Амур?"),
    ("russian", "Когда утвердили программу сотрудничества?"),
    ("offtopic", "What's the weather like today?"),
    ("offtopic", "погода в Хабаровске"),
    ("offtopic", "who is Messi"),
    ("offtopic", "how do I bake bread"),
    ("offtopic", "курс доллара на сегодня"),
];
