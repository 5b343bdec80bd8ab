//! The kinds of entity the reader knows.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What an entity is: a person, a place, an organization, or something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A person (PER).
    Person,
    /// A place: country, city, region, landmark (LOC).
    Place,
    /// An organization: agency, party, company, institution (ORG).
    Organization,
    /// Anything else with a name.
    Other,
}

impl Kind {
    /// All kinds, in the order the sidebar groups them.
    pub const ALL: [Kind; 4] = [Kind::Person, Kind::Place, Kind::Organization, Kind::Other];

    /// The lowercase name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Organization => "organization",
            Kind::Other => "other",
        }
    }

    /// A plural heading for lists of this kind.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Person => "People",
            Kind::Place => "Places",
            Kind::Organization => "Organizations",
            Kind::Other => "Other",
        }
    }

    /// Parse a kind from its JSON name or a CoNLL class (`PER`, `LOC`, `ORG`).
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "person" | "PER" => Some(Kind::Person),
            "place" | "LOC" => Some(Kind::Place),
            "organization" | "ORG" => Some(Kind::Organization),
            "other" | "OTH" | "MISC" => Some(Kind::Other),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
