//! Which kinds of entity may be merged, and the kind of a group.

use crate::entity::Kind;

/// Whether two kinds may name the same entity: `Other` goes with anything,
/// and places go with organizations (recognition often confuses them for
/// capitals, governments and institutions); persons only with persons.
pub(super) fn compatible(a: Kind, b: Kind) -> bool {
    class(a) == class(b) || a == Kind::Other || b == Kind::Other
}

/// Kind classes for merging: 0 persons, 1 places and organizations, 2 other.
pub(super) fn class(k: Kind) -> usize {
    match k {
        Kind::Person => 0,
        Kind::Place | Kind::Organization => 1,
        Kind::Other => 2,
    }
}

/// The most frequent kind; ties go to the earlier kind in [`Kind::ALL`].
pub(super) fn majority(kinds: impl Iterator<Item = Kind>) -> Kind {
    let mut counts = [0usize; 4];
    for k in kinds {
        counts[Kind::ALL.iter().position(|x| *x == k).unwrap_or(3)] += 1;
    }
    let mut best = 0;
    for i in 1..4 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    Kind::ALL[best]
}
