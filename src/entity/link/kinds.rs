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
    let mut tally = Tally::default();
    kinds.for_each(|k| tally.add(k));
    tally.majority()
}

/// How often each kind was seen: [`majority`] without a list of them.
#[derive(Default)]
pub(super) struct Tally([usize; 4]);

impl Tally {
    /// Count one more `k`.
    pub(super) fn add(&mut self, k: Kind) {
        self.0[Kind::ALL.iter().position(|x| *x == k).unwrap_or(3)] += 1;
    }

    /// The kind counted most; ties go to the earlier kind in
    /// [`Kind::ALL`].
    pub(super) fn majority(&self) -> Kind {
        let counts = &self.0;
        let mut best = 0;
        for i in 1..4 {
            if counts[i] > counts[best] {
                best = i;
            }
        }
        Kind::ALL[best]
    }
}
