//! The knowledge base: the schema of knowledge files, loading them (embedded or
//! from a folder) and validating them with `path:line:column` problems.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::attribute::{Attribute, EntityKind};
use crate::lang::Lang;

/// Knowledge files larger than this are refused before parsing: the shipped
/// set is a few dozen KB, and a 50 MB file is a mistake, not a knowledge base.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// The knowledge files shipped with factbot, embedded at build time.
const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_knowledge.rs"));

/// A text in both languages.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub ru: String,
    #[serde(default)]
    pub zh: String,
}

impl Text {
    /// The text in `lang` as written, empty when it is missing.
    pub fn raw(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ru => &self.ru,
            Lang::Zh => &self.zh,
        }
    }

    /// The text in `lang`, falling back to English when it is missing.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru if !self.ru.trim().is_empty() => &self.ru,
            Lang::Zh if !self.zh.trim().is_empty() => &self.zh,
            _ => &self.en,
        }
    }
}

/// A list of strings in both languages.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TextList {
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub ru: Vec<String>,
    #[serde(default)]
    pub zh: Vec<String>,
}

impl TextList {
    /// The list for `lang`.
    pub fn get(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::En => &self.en,
            Lang::Ru => &self.ru,
            Lang::Zh => &self.zh,
        }
    }

    /// Every string of both languages.
    pub fn all(&self) -> impl Iterator<Item = &String> {
        self.en.iter().chain(&self.ru).chain(&self.zh)
    }
}

/// What a fact is about; `/topics` lists facts by topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Topic {
    Trade,
    Investment,
    Infrastructure,
    Programmes,
    Institutions,
    Problems,
    Policy,
    About,
}

impl Topic {
    /// Every topic, in display order.
    pub const ALL: [Topic; 8] = [
        Topic::Trade,
        Topic::Investment,
        Topic::Infrastructure,
        Topic::Programmes,
        Topic::Institutions,
        Topic::Problems,
        Topic::Policy,
        Topic::About,
    ];

    /// The identifier used in knowledge files and callback data.
    pub fn key(self) -> &'static str {
        match self {
            Topic::Trade => "trade",
            Topic::Investment => "investment",
            Topic::Infrastructure => "infrastructure",
            Topic::Programmes => "programmes",
            Topic::Institutions => "institutions",
            Topic::Problems => "problems",
            Topic::Policy => "policy",
            Topic::About => "about",
        }
    }

    /// Parses [`Topic::key`].
    pub fn from_key(key: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.key() == key)
    }

    /// A human name for the topic.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Topic::Trade, Lang::En) => "Trade",
            (Topic::Trade, Lang::Ru) => "Торговля",
            (Topic::Investment, Lang::En) => "Investment",
            (Topic::Investment, Lang::Ru) => "Инвестиции",
            (Topic::Infrastructure, Lang::En) => "Infrastructure",
            (Topic::Infrastructure, Lang::Ru) => "Инфраструктура",
            (Topic::Programmes, Lang::En) => "Programmes and plans",
            (Topic::Programmes, Lang::Ru) => "Программы и планы",
            (Topic::Institutions, Lang::En) => "Institutions",
            (Topic::Institutions, Lang::Ru) => "Организации",
            (Topic::Problems, Lang::En) => "Problems",
            (Topic::Problems, Lang::Ru) => "Проблемы",
            (Topic::Policy, Lang::En) => "Policy",
            (Topic::Policy, Lang::Ru) => "Политика",
            (Topic::About, Lang::En) => "About the document",
            (Topic::Trade, Lang::Zh) => "贸易",
            (Topic::Investment, Lang::Zh) => "投资",
            (Topic::Infrastructure, Lang::Zh) => "基础设施",
            (Topic::Programmes, Lang::Zh) => "规划与计划",
            (Topic::Institutions, Lang::Zh) => "机构",
            (Topic::Problems, Lang::Zh) => "问题",
            (Topic::Policy, Lang::Zh) => "政策",
            (Topic::About, Lang::Zh) => "关于文件",
            (Topic::About, Lang::Ru) => "О документе",
        }
    }
}

/// A number from the document, exactly as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The figure as the document writes it, e.g. `US$12.522 billion`.
    pub text: String,
    /// Its value in `unit`.
    pub value: f64,
    /// The unit of `value`, e.g. `US$ billion`.
    pub unit: String,
    /// The year the figure refers to.
    #[serde(default)]
    pub year: Option<i32>,
    /// The change on the previous period as written, e.g. `+14%`.
    #[serde(default)]
    pub change: Option<String>,
}

/// How a derived fact follows from stated ones.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Derivation {
    /// Ids of the facts the value is computed from.
    pub from: Vec<String>,
    /// The calculation, shown with the answer.
    pub arithmetic: Text,
}

/// One fact of the document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub topic: Topic,
    /// Ids of the entities the fact is about, the main one first.
    pub about: Vec<String>,
    /// What the fact tells about them.
    pub gives: Vec<Attribute>,
    pub answer: Text,
    /// The sentence of the document the fact comes from, verbatim.
    pub source: String,
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// `YYYY`, `YYYY-MM` or `YYYY-YYYY`.
    #[serde(default)]
    pub dates: Vec<String>,
    pub keywords: TextList,
    pub questions: TextList,
    #[serde(default)]
    pub derived: Option<Derivation>,
    #[serde(default)]
    pub related: Vec<String>,
}

impl Fact {
    /// The question shown when this fact is suggested.
    pub fn suggestion(&self, lang: Lang) -> &str {
        let list = self.questions.get(lang);
        match list.first() {
            Some(q) => q,
            None => self.questions.en.first().map_or(&self.id, |q| q),
        }
    }
}

/// A thing the document talks about: an organisation, programme, plan,
/// bridge, rail line, region, person, visit, indicator, or the document itself.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    /// The full name, shown in answers ("what it says about …").
    pub name: Text,
    /// Names a question may use for it, in any form (they are normalised,
    /// stemmed and typo-matched like questions). The full name counts too.
    pub aliases: TextList,
    /// For something that goes one way (an investment): which way, so that a
    /// question asking for the reverse is not answered with it.
    #[serde(default)]
    pub flow: Option<crate::flow::Flow>,
}

/// The document the knowledge base describes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    #[serde(default)]
    pub title: Text,
    #[serde(default)]
    pub author: Text,
    #[serde(default)]
    pub note: Text,
    #[serde(default)]
    pub source: String,
    /// The languages the set is written in: every fact and entity must have
    /// its text in each (`factbot check` says where one is missing).
    #[serde(default = "default_languages")]
    pub languages: Vec<Lang>,
}

impl Default for Document {
    fn default() -> Self {
        Document {
            title: Text::default(),
            author: Text::default(),
            note: Text::default(),
            source: String::new(),
            languages: default_languages(),
        }
    }
}

fn default_languages() -> Vec<Lang> {
    vec![Lang::En, Lang::Ru]
}

/// One knowledge file as written; facts stay raw so each keeps its position.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile<'a> {
    #[serde(default)]
    document: Option<Document>,
    #[serde(default, borrow)]
    entities: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    facts: Vec<&'a RawValue>,
    #[serde(default)]
    synonyms: Vec<Vec<String>>,
    #[serde(default)]
    out_of_scope: Vec<String>,
    #[serde(default)]
    paraphrases: BTreeMap<String, Vec<String>>,
    /// Where a generated file comes from; not used for matching.
    #[serde(default, rename = "about")]
    _about: Option<String>,
}

/// A problem in a knowledge file, at a position a person can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    /// 1-based; 0 when the problem is about the path as a whole (a folder
    /// that does not exist, a file that cannot be read), which has no line.
    pub line: usize,
    /// 1-based, in characters; 0 with `line`.
    pub column: usize,
    pub message: String,
}

impl Problem {
    /// A problem with a path as a whole rather than a place in it.
    fn about_path(path: &str, message: String) -> Problem {
        Problem {
            path: path.to_string(),
            line: 0,
            column: 0,
            message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            return write!(f, "{}: {}", self.path, self.message);
        }
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// Every problem found while loading a knowledge set. A set with any problem
/// is refused whole: factbot never answers from half a knowledge base.
#[derive(Debug, Clone, thiserror::Error)]
pub struct LoadError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "knowledge has {n} problem{}",
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n{p}")?;
        }
        Ok(())
    }
}

/// A validated knowledge base.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeBase {
    pub document: Document,
    pub facts: Vec<Fact>,
    pub entities: Vec<Entity>,
    pub synonyms: Vec<Vec<String>>,
    /// Names and subjects the document does not cover (other countries,
    /// weather, sport, prices): a question naming one is not answered from
    /// the facts that match its other words.
    pub out_of_scope: Vec<String>,
    /// Everyday words that mean a word of the knowledge base, from a
    /// lexical resource (`knowledge/paraphrases.json`): word of the
    /// knowledge base → the words that mean it.
    pub paraphrases: Vec<(String, Vec<String>)>,
    by_id: HashMap<String, usize>,
    entity_by_id: HashMap<String, usize>,
    /// Per entity: the facts about it, in knowledge-base order.
    facts_of_entity: Vec<Vec<usize>>,
}

impl KnowledgeBase {
    /// The knowledge shipped inside the binary.
    pub fn embedded() -> Result<Self, LoadError> {
        let files: Vec<(String, Vec<u8>)> = EMBEDDED
            .iter()
            .map(|(name, text)| (format!("knowledge/{name}"), text.as_bytes().to_vec()))
            .collect();
        Self::from_files(&files)
    }

    /// Loads every `*.json` file of a folder.
    pub fn load_dir(dir: &Path) -> Result<Self, LoadError> {
        let shown = dir.display().to_string();
        let problem = |message: String| LoadError {
            problems: vec![Problem::about_path(&shown, message)],
        };
        if !dir.exists() {
            return Err(problem("the knowledge folder does not exist".into()));
        }
        if !dir.is_dir() {
            return Err(problem(
                "is not a folder: --knowledge names a folder of *.json files".into(),
            ));
        }
        let entries = std::fs::read_dir(dir)
            .map_err(|e| problem(format!("cannot read the knowledge folder: {e}")))?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(problem("no *.json knowledge files in this folder".into()));
        }
        let mut files = Vec::with_capacity(paths.len());
        let mut problems = Vec::new();
        for path in paths {
            let shown = path.display().to_string();
            match read_limited(&path) {
                Ok(bytes) => files.push((shown, bytes)),
                Err(message) => problems.push(Problem::about_path(&shown, message)),
            }
        }
        match Self::from_files(&files) {
            Ok(kb) if problems.is_empty() => Ok(kb),
            Ok(_) => Err(LoadError { problems }),
            Err(mut e) => {
                problems.append(&mut e.problems);
                // Files in name order, problems within a file in order.
                problems.sort_by(|a, b| a.path.cmp(&b.path));
                Err(LoadError { problems })
            }
        }
    }

    /// Parses and validates a set of knowledge files given as (path, bytes).
    pub fn from_files(files: &[(String, Vec<u8>)]) -> Result<Self, LoadError> {
        let mut problems = Vec::new();
        let mut kb = KnowledgeBase::default();
        // Where each fact starts, for problems found after parsing.
        let mut positions: Vec<(String, usize, usize)> = Vec::new();
        // Where each entity starts.
        let mut entity_positions: Vec<(String, usize, usize)> = Vec::new();
        // Ids of facts refused for a problem of their own: references to
        // them are not reported again as references to unknown facts.
        let mut dropped: HashSet<String> = HashSet::new();
        let mut documents = 0;
        for (path, bytes) in files {
            let text = match std::str::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    let (line, column) = line_col(bytes, e.valid_up_to());
                    problems.push(Problem {
                        path: path.clone(),
                        line,
                        column,
                        message: "file is not valid UTF-8".into(),
                    });
                    continue;
                }
            };
            if bytes.len() > MAX_FILE_BYTES {
                problems.push(Problem {
                    path: path.clone(),
                    line: 1,
                    column: 1,
                    message: format!(
                        "file is {} bytes, more than the {} allowed",
                        bytes.len(),
                        MAX_FILE_BYTES
                    ),
                });
                continue;
            }
            let raw: RawFile = match serde_json::from_str(text) {
                Ok(r) => r,
                Err(e) => {
                    problems.push(json_problem(path, &e, 1, 1));
                    continue;
                }
            };
            if let Some(doc) = raw.document {
                documents += 1;
                if documents > 1 {
                    problems.push(Problem {
                        path: path.clone(),
                        line: 1,
                        column: 1,
                        message: "a second \"document\": the set may describe one document".into(),
                    });
                }
                kb.document = doc;
            }
            for (g, group) in raw.synonyms.into_iter().enumerate() {
                if group.len() < 2 {
                    problems.push(Problem {
                        path: path.clone(),
                        line: 1,
                        column: 1,
                        message: format!("synonym group {} has fewer than two words", g + 1),
                    });
                }
                kb.synonyms.push(group);
            }
            kb.out_of_scope.extend(raw.out_of_scope);
            kb.paraphrases.extend(raw.paraphrases);
            let lines = LineIndex::new(text.as_bytes());
            for raw_entity in raw.entities {
                match parse_item::<Entity>(path, text, &lines, raw_entity) {
                    Ok((entity, at)) => {
                        entity_positions.push(at);
                        kb.entities.push(entity);
                    }
                    Err(p) => problems.push(p),
                }
            }
            for raw_fact in raw.facts {
                match parse_item::<Fact>(path, text, &lines, raw_fact) {
                    Ok((fact, at)) => {
                        positions.push(at);
                        kb.facts.push(fact);
                    }
                    Err(p) => {
                        if let Some(id) = fact_id(raw_fact) {
                            dropped.insert(id);
                        }
                        problems.push(p);
                    }
                }
            }
        }
        validate(&kb, &positions, &dropped, &mut problems);
        validate_entities(&kb, &entity_positions, &positions, &mut problems);
        if !problems.is_empty() {
            return Err(LoadError { problems });
        }
        kb.by_id = kb
            .facts
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), i))
            .collect();
        kb.entity_by_id = kb
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        kb.facts_of_entity = vec![Vec::new(); kb.entities.len()];
        for (f, fact) in kb.facts.iter().enumerate() {
            for id in &fact.about {
                if let Some(&e) = kb.entity_by_id.get(id) {
                    kb.facts_of_entity[e].push(f);
                }
            }
        }
        Ok(kb)
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entity_by_id.get(id).map(|&i| &self.entities[i])
    }

    /// The position of the entity with this id in [`KnowledgeBase::entities`].
    pub fn entity_index(&self, id: &str) -> Option<usize> {
        self.entity_by_id.get(id).copied()
    }

    /// The facts about an entity (by position), in knowledge-base order.
    pub fn facts_about(&self, entity: usize) -> &[usize] {
        self.facts_of_entity
            .get(entity)
            .map_or(&[][..], Vec::as_slice)
    }

    /// The fact with this id.
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.by_id.get(id).map(|&i| &self.facts[i])
    }

    /// The position of the fact with this id in [`KnowledgeBase::facts`].
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Facts per topic, in topic order, for summaries and `/topics`.
    pub fn facts_by_topic(&self) -> BTreeMap<Topic, Vec<&Fact>> {
        let mut map: BTreeMap<Topic, Vec<&Fact>> = BTreeMap::new();
        for fact in &self.facts {
            map.entry(fact.topic).or_default().push(fact);
        }
        map
    }
}

/// Parses one fact or entity kept raw in `text`, with its position; a
/// problem names the field ("topic: expected value" beats "expected value").
fn parse_item<T: serde::de::DeserializeOwned>(
    path: &str,
    text: &str,
    lines: &LineIndex,
    raw: &RawValue,
) -> Result<(T, (String, usize, usize)), Problem> {
    let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    let (line, column) = lines.at(text.as_bytes(), offset);
    let mut de = serde_json::Deserializer::from_str(raw.get());
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(item) => Ok((item, (path.to_string(), line, column))),
        Err(e) => {
            let field = e.path().to_string();
            let mut p = json_problem(path, e.inner(), line, column);
            if field != "." {
                p.message = format!("{field}: {}", p.message);
            }
            Err(p)
        }
    }
}

fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(format!(
            "file is {} bytes, more than the {} allowed",
            meta.len(),
            MAX_FILE_BYTES
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
}

/// A serde_json error inside text that starts at (`line`, `column`) of the file.
fn json_problem(path: &str, e: &serde_json::Error, line: usize, column: usize) -> Problem {
    let (el, ec) = (e.line().max(1), e.column().max(1));
    let (abs_line, abs_col) = if el == 1 {
        (line, column + ec - 1)
    } else {
        (line + el - 1, ec)
    };
    // serde_json appends " at line L column C"; the position is already in front.
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    Problem {
        path: path.to_string(),
        line: abs_line,
        column: abs_col,
        message,
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    LineIndex::new(bytes).at(bytes, offset)
}

/// Where each line of a file starts, so that finding the line of each of
/// thousands of facts does not rescan the file from the top every time.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(bytes: &[u8]) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    fn at(&self, bytes: &[u8], offset: usize) -> (usize, usize) {
        let offset = offset.min(bytes.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = String::from_utf8_lossy(&bytes[start..offset])
            .chars()
            .count()
            + 1;
        (line, column)
    }
}

/// The id of a fact that did not parse as a [`Fact`], if it has one.
fn fact_id(raw: &RawValue) -> Option<String> {
    #[derive(Deserialize)]
    struct IdOnly {
        id: String,
    }
    serde_json::from_str::<IdOnly>(raw.get()).ok().map(|f| f.id)
}

fn validate(
    kb: &KnowledgeBase,
    positions: &[(String, usize, usize)],
    dropped: &HashSet<String>,
    problems: &mut Vec<Problem>,
) {
    let at = |i: usize, message: String| {
        let (path, line, column) = positions[i].clone();
        Problem {
            path,
            line,
            column,
            message,
        }
    };
    let ids: HashSet<&str> = kb
        .facts
        .iter()
        .map(|f| f.id.as_str())
        .chain(dropped.iter().map(String::as_str))
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, fact) in kb.facts.iter().enumerate() {
        let id = &fact.id;
        if !valid_id(id) {
            problems.push(at(i, format!("fact id {id:?} must be non-empty [a-z0-9-]")));
        }
        if let Some(&first) = seen.get(id.as_str()) {
            let (p, l, c) = &positions[first];
            problems.push(at(
                i,
                format!("duplicate fact id {id:?} (first at {p}:{l}:{c})"),
            ));
        } else {
            seen.insert(id, i);
        }
        for &lang in &kb.document.languages {
            let name = lang.code();
            if fact.answer.raw(lang).trim().is_empty() {
                problems.push(at(i, format!("fact {id:?} has no {name} answer")));
            }
            if fact.questions.get(lang).is_empty() {
                problems.push(at(i, format!("fact {id:?} has no {name} questions")));
            }
            if fact.keywords.get(lang).is_empty() {
                problems.push(at(i, format!("fact {id:?} has no {name} keywords")));
            }
        }
        if fact.source.trim().is_empty() {
            problems.push(at(i, format!("fact {id:?} has no source sentence")));
        }
        for r in &fact.related {
            if !ids.contains(r.as_str()) {
                problems.push(at(i, format!("fact {id:?} relates to unknown fact {r:?}")));
            }
        }
        if let Some(d) = &fact.derived {
            if d.from.is_empty() {
                problems.push(at(i, format!("derived fact {id:?} names no source fact")));
            }
            for r in &d.from {
                if !ids.contains(r.as_str()) {
                    problems.push(at(
                        i,
                        format!("fact {id:?} is derived from unknown fact {r:?}"),
                    ));
                }
            }
            for &lang in &kb.document.languages {
                if d.arithmetic.raw(lang).trim().is_empty() {
                    problems.push(at(
                        i,
                        format!("derived fact {id:?} has no {lang} arithmetic"),
                    ));
                }
            }
        }
        for date in &fact.dates {
            if !valid_date(date) {
                problems.push(at(
                    i,
                    format!("fact {id:?} has date {date:?}, not YYYY, YYYY-MM or YYYY-YYYY"),
                ));
            }
        }
    }
    if kb.facts.is_empty() && problems.is_empty() {
        problems.push(Problem {
            path: positions
                .first()
                .map_or("knowledge".into(), |p| p.0.clone()),
            line: 1,
            column: 1,
            message: "the knowledge set has no facts".into(),
        });
    }
}

/// Entities: valid unique ids and names in every language; facts: every
/// `about` names a known entity and every entity has a fact.
fn validate_entities(
    kb: &KnowledgeBase,
    entity_positions: &[(String, usize, usize)],
    fact_positions: &[(String, usize, usize)],
    problems: &mut Vec<Problem>,
) {
    let at = |pos: &(String, usize, usize), message: String| Problem {
        path: pos.0.clone(),
        line: pos.1,
        column: pos.2,
        message,
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, entity) in kb.entities.iter().enumerate() {
        let id = entity.id.as_str();
        let pos = &entity_positions[i];
        if !valid_id(id) {
            problems.push(at(
                pos,
                format!("entity id {id:?} must be non-empty [a-z0-9-]"),
            ));
        }
        if let Some(&first) = seen.get(id) {
            let (p, l, c) = &entity_positions[first];
            problems.push(at(
                pos,
                format!("duplicate entity id {id:?} (first at {p}:{l}:{c})"),
            ));
        } else {
            seen.insert(id, i);
        }
        for &lang in &kb.document.languages {
            let name = lang.code();
            if entity.name.raw(lang).trim().is_empty() {
                problems.push(at(pos, format!("entity {id:?} has no {name} name")));
            }
        }
        if let Some(flow) = &entity.flow {
            use crate::text::normalize;
            for (part, words) in [("from", &flow.from), ("to", &flow.to), ("by", &flow.by)] {
                // Matched against normalised words: lowercase, no spaces.
                if words.is_empty() || words.iter().any(|w| w.is_empty() || *w != normalize(w)) {
                    problems.push(at(
                        pos,
                        format!(
                            "entity {id:?}: flow.{part} needs one or more words, each lowercase and normalised"
                        ),
                    ));
                }
            }
        }
    }
    let mut has_fact: HashSet<&str> = HashSet::new();
    for (i, fact) in kb.facts.iter().enumerate() {
        let id = &fact.id;
        let pos = &fact_positions[i];
        if fact.about.is_empty() {
            problems.push(at(
                pos,
                format!("fact {id:?} is about no entity (\"about\")"),
            ));
        }
        if fact.gives.is_empty() {
            problems.push(at(
                pos,
                format!("fact {id:?} gives no attribute (\"gives\")"),
            ));
        }
        for e in &fact.about {
            if seen.contains_key(e.as_str()) {
                has_fact.insert(e);
            } else {
                problems.push(at(
                    pos,
                    format!("fact {id:?} is about unknown entity {e:?}"),
                ));
            }
        }
    }
    for (i, entity) in kb.entities.iter().enumerate() {
        if !has_fact.contains(entity.id.as_str()) && seen.get(entity.id.as_str()) == Some(&i) {
            problems.push(at(
                &entity_positions[i],
                format!("entity {:?} has no fact about it", entity.id),
            ));
        }
    }
}

/// Ids of facts and entities: non-empty, lowercase ASCII letters, digits, '-'.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn valid_date(date: &str) -> bool {
    let year = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    match date.split_once('-') {
        None => year(date),
        Some((y, rest)) if rest.len() == 2 => {
            year(y) && rest.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
        }
        Some((y, rest)) => year(y) && year(rest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact_json(id: &str) -> String {
        format!(
            r#"{{"id": "{id}", "topic": "trade", "about": ["e"], "gives": ["volume"], "answer": {{"en": "A", "ru": "А"}}, "source": "S.",
  "keywords": {{"en": ["trade"], "ru": ["торговля"]}}, "questions": {{"en": ["Q?"], "ru": ["В?"]}}}}"#
        )
    }

    /// An entity file that goes with [`fact_json`].
    const ENTITY: &str = r#"{"entities": [{"id": "e", "kind": "indicator",
  "name": {"en": "E", "ru": "Е"}, "aliases": {"en": ["e"], "ru": ["е"]}}]}"#;

    fn load(text: &str) -> Result<KnowledgeBase, LoadError> {
        KnowledgeBase::from_files(&[
            ("k.json".into(), text.as_bytes().to_vec()),
            ("z.json".into(), ENTITY.as_bytes().to_vec()),
        ])
    }

    #[test]
    fn embedded_knowledge_loads() {
        let kb = KnowledgeBase::embedded().expect("shipped knowledge is valid");
        assert!(kb.facts.len() >= 25, "{} facts", kb.facts.len());
    }

    #[test]
    fn reports_problems_with_positions() {
        let cases: &[(&str, &str)] = &[
            ("{\"facts\": [", "k.json:1:11: EOF while parsing"),
            ("{\"facts\": 3}", "k.json:1:11: invalid type"),
            ("{\"fact\": []}", "k.json:1:7: unknown field `fact`"),
        ];
        for (text, want) in cases {
            let err = load(text).unwrap_err();
            let got = err.problems[0].to_string();
            assert!(
                got.starts_with(want),
                "{text:?}: got {got:?}, want {want:?}"
            );
        }
    }

    #[test]
    fn problems_inside_a_fact_point_into_the_file() {
        let text = format!(
            "{{\"facts\": [\n{},\n{{\"id\": \"x\"}}\n]}}",
            fact_json("a")
        );
        let err = load(&text).unwrap_err();
        assert_eq!(err.problems.len(), 1, "{err}");
        let p = &err.problems[0];
        assert_eq!((p.line, p.path.as_str()), (4, "k.json"), "{p}");
        assert!(p.message.contains("missing field"), "{p}");
    }

    #[test]
    fn finds_every_semantic_problem() {
        let mut bad = fact_json("a").replace("\"ru\": \"А\"", "\"ru\": \"\"");
        bad = bad.replace(
            "\"source\": \"S.\"",
            "\"source\": \"S.\", \"related\": [\"nope\"]",
        );
        let text = format!(
            "{{\"facts\": [{}, {}, {}]}}",
            fact_json("a"),
            fact_json("a"),
            bad
        );
        let err = load(&text).unwrap_err();
        let all = err.to_string();
        assert!(all.contains("duplicate fact id \"a\""), "{all}");
        assert!(all.contains("has no ru answer"), "{all}");
        assert!(all.contains("unknown fact \"nope\""), "{all}");
    }

    #[test]
    fn checks_entities_and_attributes() {
        let dangling = fact_json("a").replace("\"about\": [\"e\"]", "\"about\": [\"nope\"]");
        let unknown_attr =
            fact_json("b").replace("\"gives\": [\"volume\"]", "\"gives\": [\"chair\"]");
        let text = format!("{{\"facts\": [{dangling},\n{unknown_attr}]}}");
        let lonely = r#"{"entities": [{"id": "lonely", "kind": "person",
  "name": {"en": "L", "ru": "Л"}, "aliases": {"en": [], "ru": []},
  "flow": {"from": ["China"], "to": [], "by": ["invest"]}}]}"#;
        let err = KnowledgeBase::from_files(&[
            ("k.json".into(), text.into_bytes()),
            ("l.json".into(), lonely.as_bytes().to_vec()),
        ])
        .unwrap_err();
        let all = err.to_string();
        assert!(
            all.contains("k.json:1:12: fact \"a\" is about unknown entity \"nope\""),
            "{all}"
        );
        assert!(all.contains("gives[0]: unknown variant `chair`"), "{all}");
        assert!(
            all.contains("l.json:1:15: entity \"lonely\" has no fact about it"),
            "{all}"
        );
        assert!(all.contains("\"lonely\": flow.from needs"), "{all}");
        assert!(all.contains("\"lonely\": flow.to needs"), "{all}");
        assert!(!all.contains("flow.by"), "{all}");
    }

    #[test]
    fn a_dropped_fact_is_one_problem_not_one_per_reference() {
        // "b" has a typo in its topic; "a" and "c" refer to it.
        let related = |id: &str, to: &str| {
            fact_json(id).replace(
                "\"source\": \"S.\"",
                &format!("\"source\": \"S.\", \"related\": [\"{to}\"]"),
            )
        };
        let bad = fact_json("b").replace("\"trade\"", "\"trdae\"");
        let text = format!(
            "{{\"facts\": [{}, {bad}, {}]}}",
            related("a", "b"),
            related("c", "b")
        );
        let err = load(&text).unwrap_err();
        assert_eq!(err.problems.len(), 1, "{err}");
        assert!(err.problems[0].message.starts_with("topic:"), "{err}");
        // A reference to a fact that is nowhere is still reported.
        let text = format!("{{\"facts\": [{}]}}", related("a", "nope"));
        let err = load(&text).unwrap_err();
        assert!(err.to_string().contains("unknown fact \"nope\""), "{err}");
    }

    #[test]
    fn a_missing_folder_is_not_a_position() {
        let err = KnowledgeBase::load_dir(Path::new("/nonexistent/factbot")).unwrap_err();
        assert_eq!(
            err.problems[0].to_string(),
            "/nonexistent/factbot: the knowledge folder does not exist"
        );
    }

    #[test]
    fn refuses_non_utf8_and_huge_files() {
        let err =
            KnowledgeBase::from_files(&[("k.json".into(), b"{\"facts\"\n: [\xff]}".to_vec())])
                .unwrap_err();
        assert_eq!(
            err.problems[0].to_string(),
            "k.json:2:4: file is not valid UTF-8"
        );
        let huge = vec![b' '; MAX_FILE_BYTES + 1];
        let err = KnowledgeBase::from_files(&[("k.json".into(), huge)]).unwrap_err();
        assert!(err.problems[0].message.contains("more than"), "{err}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        // 100,000 levels: serde_json skips the raw fact without recursing,
        // then the typed parse refuses the first level.
        for key in ["facts", "synonyms", "document"] {
            let text = format!(
                "{{\"{key}\": {}{}}}",
                "[".repeat(100_000),
                "]".repeat(100_000)
            );
            let err = load(&text).unwrap_err();
            let p = &err.problems[0];
            assert_eq!((p.line, p.path.as_str()), (1, "k.json"), "{key}: {p}");
            assert!(p.message.contains("invalid type"), "{key}: {p}");
        }
    }

    #[test]
    fn finds_lines_and_columns() {
        let text = "ab\nмост x\n\nz".as_bytes();
        let idx = LineIndex::new(text);
        let cases = [
            (0, (1, 1)),
            (2, (1, 3)),
            (3, (2, 1)),
            (12, (2, 6)),
            (14, (3, 1)),
            (15, (4, 1)),
            (99, (4, 2)),
        ];
        for (offset, want) in cases {
            assert_eq!(idx.at(text, offset), want, "offset {offset}");
        }
    }

    #[test]
    fn checks_dates() {
        for ok in ["2013", "2009-09", "2009-2018"] {
            assert!(valid_date(ok), "{ok}");
        }
        for bad in ["13", "2013-13", "2013-1", "spring"] {
            assert!(!valid_date(bad), "{bad}");
        }
    }
}
