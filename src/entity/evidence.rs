//! Why a name belongs to an entity: the rule that joined each alias, so that
//! a reader can see what an entity holds and why, trust it or correct it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The rule that joined a name to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// The entity's own name, or one with the same match key: spelling,
    /// case, umlauts and transliteration aside (`Kim Jong-un`, `Kim Jong Un`).
    SameName,
    /// An inflected form of a name (`Putins`, `Sicherheitsrates`).
    Inflection,
    /// Joined inside one article: a short form after the full name, an
    /// acronym beside its expansion, a title before a name.
    InArticle,
    /// Another name of the same country or body in dossier's tables
    /// (`USA`, `Vereinigte Staaten`; `UNO`, `Vereinte Nationen`).
    KnownName,
    /// An acronym whose letters are the initials of the long form (`BDI`,
    /// `Bundesverband der Deutschen Industrie`).
    Initials,
    /// A shorter form of an organization's name (`FC Bayern`, `Schalke 04`).
    ShortForm,
    /// A spelling variant one letter apart, with the rest of the name equal
    /// (`Georg W. Bush`, `Siegmar Gabriel`).
    Spelling,
    /// A surname, joined to the only full name in the corpus with it.
    OnlyFullName,
    /// A surname, joined to the full name that the corpus mentions far more
    /// than any other with it.
    Prominence,
    /// A surname, joined to the full name whose articles share clearly more
    /// people, places and organizations with its own.
    Context,
    /// A short form that could stand for several entities: kept together as
    /// one ambiguous entry.
    Ambiguous,
    /// Merged by the user.
    UserMerge,
}

impl Rule {
    /// A short phrase for the reader (`why` view) and the JSON.
    pub fn describe(self) -> &'static str {
        match self {
            Rule::SameName => "same name",
            Rule::Inflection => "inflected form",
            Rule::InArticle => "joined in its article",
            Rule::KnownName => "known other name",
            Rule::Initials => "acronym of its initials",
            Rule::ShortForm => "short form",
            Rule::Spelling => "spelling variant",
            Rule::OnlyFullName => "surname of the only full name",
            Rule::Prominence => "surname of the most mentioned full name",
            Rule::Context => "surname, by shared context",
            Rule::Ambiguous => "ambiguous short form",
            Rule::UserMerge => "merged by you",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// Why one alias belongs to its entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The alias (a surface form).
    pub alias: String,
    /// The rule that joined it.
    pub rule: Rule,
    /// The name it was joined to (empty for the entity's own name).
    pub via: String,
}
