//! Every local entity of a corpus, numbered in document order: the numbers
//! that cross-document linking joins.

use super::doc::{LocalDoc, LocalEntity, LocalMention};
use crate::corpus::DocId;
use crate::entity::Kind;
use crate::entity::intern::Name;
use rayon::prelude::*;

/// Entities a core reads at a time in [`Flat::distinct_surfaces`].
const ENTITIES_PER_SHARE: usize = 1 << 14;

/// The local entities of a corpus, each by its document, and its kind,
/// which every step reads (5 bytes an entity; its place in its document is
/// its number less the number of its document's first entity, and the rest
/// is read from its document).
pub(super) struct Flat<'a> {
    docs: &'a [LocalDoc],
    /// The document of each entity.
    doc: Vec<DocId>,
    /// The number of each document's first entity.
    first: Vec<u32>,
    kinds: Vec<Kind>,
}

impl<'a> Flat<'a> {
    /// The entities of `docs` (`docs[i]` is document `i`), in document order.
    pub(super) fn new(docs: &'a [LocalDoc]) -> Flat<'a> {
        let total: usize = docs.iter().map(LocalDoc::len).sum();
        let (mut doc, mut first) = (Vec::with_capacity(total), Vec::with_capacity(docs.len()));
        let mut kinds = Vec::with_capacity(total);
        for (d, local) in docs.iter().enumerate() {
            // A corpus holds fewer than 2^32 documents and local entities
            // (the roots of its clusters are 32-bit numbers).
            first.push(doc.len() as u32);
            doc.extend(std::iter::repeat_n(DocId(d as u32), local.len()));
            kinds.extend(local.entities().map(LocalEntity::kind));
        }
        Flat {
            docs,
            doc,
            first,
            kinds,
        }
    }

    /// The number of documents.
    pub(super) fn docs(&self) -> usize {
        self.first.len()
    }

    /// The numbers of document `d`'s entities.
    pub(super) fn range(&self, d: DocId) -> std::ops::Range<usize> {
        let end = self
            .first
            .get(d.index() + 1)
            .map_or(self.len(), |&e| e as usize);
        self.first[d.index()] as usize..end
    }

    /// Entity `i`'s document and its place in it.
    fn at(&self, i: usize) -> (DocId, usize) {
        let d = self.doc[i];
        (d, i - self.first[d.index()] as usize)
    }

    /// The number of entities.
    pub(super) fn len(&self) -> usize {
        self.doc.len()
    }

    /// The document of entity `i`.
    pub(super) fn doc(&self, i: usize) -> DocId {
        self.doc[i]
    }

    /// The kind of entity `i`.
    pub(super) fn kind(&self, i: usize) -> Kind {
        self.kinds[i]
    }

    /// Entity `i`.
    pub(super) fn entity(&self, i: usize) -> LocalEntity<'a> {
        let (d, e) = self.at(i);
        self.docs[d.index()].view(e)
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

    /// Every distinct surface of the mentions `keep` accepts of the
    /// entities whose kind `wanted` accepts, each once, in the order of
    /// their numbers: the order of their slots and, shard by shard, of
    /// their texts in the interner, so that reading them in turn is not a
    /// cache miss for each (at a million articles, seven million surfaces
    /// of eighteen million mentions). Gathered on all cores.
    pub(super) fn distinct_surfaces(
        &self,
        wanted: impl Fn(Kind) -> bool + Sync,
        keep: impl Fn(&LocalMention) -> bool + Sync,
    ) -> Vec<Name> {
        let mut distinct: Vec<Name> = (0..self.len())
            .into_par_iter()
            .with_min_len(ENTITIES_PER_SHARE)
            .filter(|&i| wanted(self.kind(i)))
            .flat_map_iter(|i| {
                self.entity(i)
                    .mentions()
                    .iter()
                    .filter(|m| keep(m))
                    .map(|m| m.surface)
            })
            .collect();
        distinct.par_sort_unstable_by_key(|s| s.number());
        distinct.dedup();
        distinct
    }

    /// Every entity with its document, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (DocId, LocalEntity<'a>)> + '_ {
        (0..self.len()).map(|i| self.get(i))
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
    fn entities_are_numbered_in_document_order_past_empty_documents() {
        use Kind::*;
        let docs = [
            doc(&[]),
            doc(&[Person, Place]),
            doc(&[]),
            doc(&[]),
            doc(&[Organization]),
            doc(&[Other, Person, Place]),
            doc(&[]),
        ];
        let flat = Flat::new(&docs);
        let expected: Vec<(usize, usize)> = docs
            .iter()
            .enumerate()
            .flat_map(|(d, doc)| (0..doc.len()).map(move |e| (d, e)))
            .collect();
        assert_eq!(flat.len(), expected.len());
        assert_eq!(flat.docs(), docs.len());
        // Each document's range holds exactly its entities' numbers.
        for d in 0..docs.len() {
            let mine: Vec<usize> = (0..expected.len())
                .filter(|&i| expected[i].0 == d)
                .collect();
            assert_eq!(
                flat.range(DocId(d as u32)).collect::<Vec<_>>(),
                mine,
                "document {d}"
            );
        }
        let got: Vec<(DocId, LocalEntity<'_>)> = flat.iter().collect();
        for (i, &(d, e)) in expected.iter().enumerate() {
            assert_eq!(flat.doc(i), DocId(d as u32));
            assert_eq!(got[i].0, DocId(d as u32));
            let want = docs[d].entity(e).unwrap();
            for (_, entity) in [flat.get(i), got[i]] {
                assert_eq!(entity.mentions(), want.mentions(), "entity {i}");
                assert_eq!(entity.kind(), want.kind());
            }
        }
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

    #[test]
    fn distinct_surfaces_are_each_once_in_the_order_of_their_numbers() {
        use crate::entity::link::testing::one_entity;
        let mention = |s: &str, at: usize, inflected: bool| {
            LocalMention::new(at..at + s.len(), Name::new(s), Kind::Person, inflected).unwrap()
        };
        // Interned in an order unlike the documents'.
        let [late, early, bent] = ["Flat-Zeta", "Flat-Alpha", "Flat-Alphas"].map(Name::new);
        let docs = [
            one_entity(Kind::Person, &[mention("Flat-Alpha", 0, false)]),
            one_entity(
                Kind::Person,
                &[
                    mention("Flat-Zeta", 0, false),
                    mention("Flat-Alphas", 20, true),
                ],
            ),
            one_entity(Kind::Place, &[mention("Flat-Zeta", 0, false)]),
            one_entity(Kind::Person, &[mention("Flat-Alpha", 0, false)]),
        ];
        let flat = Flat::new(&docs);
        let mut all = vec![late, early, bent];
        all.sort_unstable_by_key(|n| n.number());
        assert_eq!(flat.distinct_surfaces(|_| true, |_| true), all);
        let mut uninflected = vec![late, early];
        uninflected.sort_unstable_by_key(|n| n.number());
        assert_eq!(
            flat.distinct_surfaces(|k| k == Kind::Person, |m| !m.inflected),
            uninflected
        );
        assert_eq!(
            flat.distinct_surfaces(|k| k == Kind::Place, |_| true),
            [late]
        );
        assert!(
            flat.distinct_surfaces(|k| k == Kind::Organization, |_| true)
                .is_empty()
        );
    }
}
