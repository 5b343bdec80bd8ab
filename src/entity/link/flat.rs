//! Every local entity of a corpus, numbered in document order: the numbers
//! that cross-document linking joins.

use super::doc::{LocalDoc, LocalEntity};
use crate::corpus::DocId;
use crate::entity::Kind;

/// The local entities of a corpus, each by its document and its place in
/// it, and its kind, which every step reads (9 bytes an entity; the rest is
/// read from its document).
pub(super) struct Flat<'a> {
    docs: &'a [LocalDoc],
    at: Vec<(DocId, u32)>,
    kinds: Vec<Kind>,
}

impl<'a> Flat<'a> {
    /// The entities of `docs` (`docs[i]` is document `i`), in document order.
    pub(super) fn new(docs: &'a [LocalDoc]) -> Flat<'a> {
        let at = docs
            .iter()
            .enumerate()
            // A document holds fewer than 2^32 entities (see
            // `LocalDoc::push`), a corpus fewer than 2^32 documents.
            .flat_map(|(d, doc)| (0..doc.len()).map(move |e| (DocId(d as u32), e as u32)))
            .collect();
        let kinds = docs
            .iter()
            .flat_map(|doc| doc.entities().map(LocalEntity::kind))
            .collect();
        Flat { docs, at, kinds }
    }

    /// The number of entities.
    pub(super) fn len(&self) -> usize {
        self.at.len()
    }

    /// The document of entity `i`.
    pub(super) fn doc(&self, i: usize) -> DocId {
        self.at[i].0
    }

    /// The kind of entity `i`.
    pub(super) fn kind(&self, i: usize) -> Kind {
        self.kinds[i]
    }

    /// Entity `i`.
    pub(super) fn entity(&self, i: usize) -> LocalEntity<'a> {
        let (d, e) = self.at[i];
        self.docs[d.index()].view(e as usize)
    }

    /// Entity `i` with its document.
    pub(super) fn get(&self, i: usize) -> (DocId, LocalEntity<'a>) {
        (self.doc(i), self.entity(i))
    }

    /// The entities whose kind `wanted` accepts, with their numbers, in
    /// order. The kinds are a table of their own: the other entities' data
    /// is not read (a step that wants one kind passes over most of a
    /// corpus's million entities).
    pub(super) fn of_kinds<'s>(
        &'s self,
        wanted: impl Fn(Kind) -> bool + 's,
    ) -> impl Iterator<Item = (usize, LocalEntity<'a>)> + 's {
        self.kinds
            .iter()
            .enumerate()
            .filter(move |(_, k)| wanted(**k))
            .map(|(i, _)| (i, self.entity(i)))
    }

    /// Every entity with its document, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (DocId, LocalEntity<'a>)> + '_ {
        self.at
            .iter()
            .map(|&(d, e)| (d, self.docs[d.index()].view(e as usize)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::link::testing::doc_of;

    /// A document with one entity of each kind in `kinds`, each mentioned
    /// once.
    fn doc(kinds: &[Kind]) -> LocalDoc {
        doc_of(kinds.iter().enumerate().map(|(i, &k)| (k, vec![i * 10])))
    }

    #[test]
    fn of_kinds_gives_exactly_the_entities_of_the_kinds_wanted_in_order() {
        use Kind::*;
        let docs = [
            doc(&[Person, Place, Organization]),
            doc(&[]),
            doc(&[Organization, Other, Person, Organization]),
        ];
        let flat = Flat::new(&docs);
        let numbers = |wanted: &dyn Fn(Kind) -> bool| -> Vec<usize> {
            flat.of_kinds(wanted).map(|(i, _)| i).collect()
        };
        assert_eq!(numbers(&|k| k == Organization), [2, 3, 6]);
        assert_eq!(numbers(&|k| k == Person), [0, 5]);
        assert_eq!(
            numbers(&|k| matches!(k, Organization | Other)),
            [2, 3, 4, 6]
        );
        assert_eq!(numbers(&|_| true), (0..flat.len()).collect::<Vec<_>>());
        assert!(numbers(&|_| false).is_empty());
        // Each entity given is the one with that number.
        for (i, e) in flat.of_kinds(|_| true) {
            assert_eq!(
                e.mentions()[0].surface,
                flat.entity(i).mentions()[0].surface
            );
            assert_eq!(e.kind(), flat.kind(i));
        }
    }
}
