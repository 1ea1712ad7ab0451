//! The closed vocabularies that give the knowledge base its structure: the
//! kinds of entity a fact can be about, the attributes a fact can give, and
//! which kind of question each attribute answers.
//!
//! `knowledge/README.md` documents both lists; a knowledge file using a word
//! outside them is refused with its position.

use serde::Deserialize;

use crate::frame::Wants;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    /// The source document itself.
    Document,
    Person,
    /// A council, commission, association, government body or company.
    Organisation,
    /// A group of actors that is not one organisation (small businesses).
    Group,
    Programme,
    Plan,
    Bridge,
    RailLine,
    /// Infrastructure as a whole (border transport infrastructure).
    Infrastructure,
    Region,
    /// A visit or another dated event.
    Visit,
    /// A span of time the document looks back on (the 1990s).
    Period,
    /// Something measured with figures: trade, investment.
    Indicator,
    /// A course, relationship or model of cooperation.
    Policy,
}

impl EntityKind {
    /// The everyday word for things of this kind, when one word names
    /// several kinds alike: people call both the programme and the plan
    /// "the plan", "the programme" or "the scheme". An alias that is only
    /// this word names every entity of such a kind, and the question's other
    /// words decide which.
    pub fn generic_noun(self) -> Option<&'static str> {
        match self {
            EntityKind::Programme => Some("programme"),
            EntityKind::Plan => Some("plan"),
            _ => None,
        }
    }
}

/// What a fact tells about the entities it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Attribute {
    /// The title of a document.
    Title,
    /// Who wrote it.
    Author,
    /// A person's position or affiliation.
    Position,
    /// Who translated it, from and into which language.
    Translation,
    /// The regions or subjects something covers.
    Scope,
    /// An amount for a year (a value of an indicator).
    Volume,
    /// A change on an earlier period.
    Growth,
    /// A part of a total, as a percentage.
    Share,
    /// When it was established, launched or founded.
    Established,
    /// Who decided on it or launched it.
    LaunchedBy,
    /// Who it works with.
    WorksWith,
    /// What it is for.
    Purpose,
    /// What it does or contributes.
    Activity,
    /// What came of it.
    Result,
    /// Who approved it, and when.
    Approved,
    /// The years it runs, or the year it runs to.
    Period,
    /// The goals set for it.
    Goals,
    /// Where it stands: opened, completed, under way, changing.
    Status,
    /// Where it is.
    Location,
    /// The problems it met.
    Problems,
    /// What experience showed.
    Lesson,
    /// A course or principle of policy.
    Policy,
    /// Who acts or is concerned (the organisations that work inefficiently,
    /// the businesses that gained).
    Actors,
}

impl Attribute {
    /// Every attribute, in declaration order (`a as u32` is its position).
    pub const ALL: [Attribute; 23] = {
        use Attribute::*;
        [
            Title,
            Author,
            Position,
            Translation,
            Scope,
            Volume,
            Growth,
            Share,
            Established,
            LaunchedBy,
            WorksWith,
            Purpose,
            Activity,
            Result,
            Approved,
            Period,
            Goals,
            Status,
            Location,
            Problems,
            Lesson,
            Policy,
            Actors,
        ]
    };

    /// True when a fact giving this attribute can answer a question that
    /// asks for `wants`. Dates and figures are checked on the fact itself
    /// (see `matcher`), so `When` and `HowMuch` are not listed here.
    pub fn answers(self, wants: Wants) -> bool {
        use Attribute::*;
        match wants {
            Wants::Who => matches!(
                self,
                Author | Position | Translation | LaunchedBy | WorksWith | Approved | Actors
            ),
            Wants::UntilWhen => matches!(self, Period),
            Wants::Where => matches!(self, Location | Scope | Position),
            Wants::Statement
            | Wants::Leader
            | Wants::Frequency
            | Wants::HowTo
            | Wants::Opinion
            | Wants::Ranking => false,
            Wants::Why => matches!(self, Purpose | Goals | Lesson | Policy | Problems),
            Wants::Activity => matches!(
                self,
                Activity | Purpose | Result | Goals | Status | Problems | Translation
            ),
            Wants::Future => matches!(self, Goals),
            Wants::HowMuch => matches!(self, Volume | Growth | Share),
            Wants::When => matches!(self, Established | Approved | Period),
            Wants::Anything | Wants::About => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_answer_their_questions() {
        let cases = [
            (Attribute::Author, Wants::Who, true),
            (Attribute::Established, Wants::Who, false),
            (Attribute::Activity, Wants::Activity, true),
            (Attribute::Established, Wants::Activity, false),
            (Attribute::Period, Wants::UntilWhen, true),
            (Attribute::Goals, Wants::Future, true),
            (Attribute::Status, Wants::Future, false),
            (Attribute::Status, Wants::Anything, true),
        ];
        for (attr, wants, want) in cases {
            assert_eq!(attr.answers(wants), want, "{attr:?} {wants:?}");
        }
    }

    #[test]
    fn all_lists_every_attribute_in_order() {
        for (i, a) in Attribute::ALL.iter().enumerate() {
            assert_eq!(*a as usize, i);
        }
    }

    #[test]
    fn names_are_kebab_case() {
        let a: Attribute = serde_json::from_str("\"launched-by\"").unwrap();
        assert_eq!(a, Attribute::LaunchedBy);
        let k: EntityKind = serde_json::from_str("\"rail-line\"").unwrap();
        assert_eq!(k, EntityKind::RailLine);
        assert!(serde_json::from_str::<Attribute>("\"chair\"").is_err());
    }
}
