//! BIO tags over PER/LOC/ORG (plus other names) and the mention spans a
//! tag sequence stands for: the vocabulary shared by the tagger, its
//! features, recognition and the CoNLL gold files.

use crate::entity::Kind;
use std::ops::Range;

/// Number of tags: O, B/I for PER, LOC, ORG, and one tag for other names.
pub const N_TAGS: usize = 8;

/// A BIO tag over PER, LOC and ORG, plus one tag for tokens of other names
/// (GermEval OTH: works, events, products). Other names are learned as their
/// own class so that capitalised non-entities are not taught as plain O, and
/// are dropped at output ([`Tag::kind`] is None).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(u8)]
pub enum Tag {
    /// Outside any mention.
    #[default]
    O = 0,
    /// First token of a person.
    BPer = 1,
    /// Later token of a person.
    IPer = 2,
    /// First token of a place.
    BLoc = 3,
    /// Later token of a place.
    ILoc = 4,
    /// First token of an organization.
    BOrg = 5,
    /// Later token of an organization.
    IOrg = 6,
    /// Any token of another kind of name (not reported).
    Oth = 7,
}

impl Tag {
    /// All tags by index.
    pub const ALL: [Tag; N_TAGS] = [
        Tag::O,
        Tag::BPer,
        Tag::IPer,
        Tag::BLoc,
        Tag::ILoc,
        Tag::BOrg,
        Tag::IOrg,
        Tag::Oth,
    ];

    /// The tag with this index, O if out of range.
    pub fn from_index(i: usize) -> Tag {
        Tag::ALL.get(i).copied().unwrap_or(Tag::O)
    }

    /// Index of the tag, 0..8.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The kind of mention this tag belongs to, None for O and other names.
    pub fn kind(self) -> Option<Kind> {
        match self {
            Tag::O | Tag::Oth => None,
            Tag::BPer | Tag::IPer => Some(Kind::Person),
            Tag::BLoc | Tag::ILoc => Some(Kind::Place),
            Tag::BOrg | Tag::IOrg => Some(Kind::Organization),
        }
    }

    /// Whether the tag continues a mention (I-).
    pub fn is_inside(self) -> bool {
        matches!(self, Tag::IPer | Tag::ILoc | Tag::IOrg)
    }

    /// The B- tag of a kind ([`Tag::Oth`] for [`Kind::Other`]).
    pub fn begin(kind: Kind) -> Tag {
        match kind {
            Kind::Person => Tag::BPer,
            Kind::Place => Tag::BLoc,
            Kind::Organization => Tag::BOrg,
            Kind::Other => Tag::Oth,
        }
    }

    /// The I- tag of a kind ([`Tag::Oth`] for [`Kind::Other`]).
    pub fn inside(kind: Kind) -> Tag {
        match kind {
            Kind::Person => Tag::IPer,
            Kind::Place => Tag::ILoc,
            Kind::Organization => Tag::IOrg,
            Kind::Other => Tag::Oth,
        }
    }

    /// Parse an IOB2 label: PER/LOC/ORG to their B/I tags, OTH and MISC to
    /// [`Tag::Oth`], anything else (`LOCderiv`, `ORGpart`) to O.
    pub fn parse(label: &str) -> Tag {
        let (bi, class) = match label.split_once('-') {
            Some(p) => p,
            None => return Tag::O,
        };
        let Some(kind) = Kind::parse(class) else {
            return Tag::O;
        };
        match bi {
            "B" => Tag::begin(kind),
            "I" => Tag::inside(kind),
            _ => Tag::O,
        }
    }

    /// The IOB2 label: `O`, `B-PER`, `I-LOC`, …
    pub fn label(self) -> &'static str {
        [
            "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-OTH",
        ][self.index()]
    }

    /// Whether `next` may follow `prev` (None: sentence start): an I-X only
    /// after B-X or I-X.
    pub fn allowed(prev: Option<Tag>, next: Tag) -> bool {
        if !next.is_inside() {
            return true;
        }
        prev.is_some_and(|p| p != Tag::O && p.kind() == next.kind())
    }
}

/// The mentions in a tag sequence: token ranges with their kind. An I- tag
/// that does not continue a mention of its kind starts a new one.
pub fn spans(tags: &[Tag]) -> Vec<(Range<usize>, Kind)> {
    let mut out: Vec<(Range<usize>, Kind)> = Vec::new();
    let mut open: Option<(usize, Kind)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let kind = t.kind();
        let continues = t.is_inside() && open.is_some_and(|(_, k)| Some(k) == kind);
        if continues {
            continue;
        }
        if let Some((s, k)) = open.take() {
            out.push((s..i, k));
        }
        if let Some(k) = kind {
            open = Some((i, k));
        }
    }
    if let Some((s, k)) = open {
        out.push((s..tags.len(), k));
    }
    out
}
