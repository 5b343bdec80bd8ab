//! The linked entities of an index, held as one table: every entity's
//! names (its key, its name, its aliases and its candidates) one after the
//! other in one string, with their ends, instead of a struct of strings and
//! lists per entity. At a million articles (2.9 million entities, 9.5
//! million names) that is about 240 MB instead of 770 MB: a `String` or
//! `Vec` costs 24 bytes and an allocation of at least 32 for every name.
//!
//! [`Entity`] stays the owned form an entity is made and handed over in;
//! the table gives [`EntityRef`]s, whose fields borrow from it.

use super::evidence::Evidence;
use super::index::Entity;
use super::kind::Kind;
use std::fmt;

/// The most bytes one entity's names take together: their ends are kept
/// as 32-bit offsets from the entity's first name. A name that would end
/// further is left out (no entity of real text comes near: a name is a
/// mention's surface, shorter than 64 KiB).
pub const MAX_ENTITY_BYTES: usize = u32::MAX as usize;

/// The entities of an index, in [`super::EntityId`] order.
#[derive(Clone, Default)]
pub struct EntityTable {
    /// Each entity's kind.
    kinds: Vec<Kind>,
    /// Every entity's names, entity after entity: key, name, aliases,
    /// candidates.
    text: String,
    /// Entity `e`'s names start at `starts[e]` in `text`; one more entry
    /// than entities, the last `text`'s length.
    starts: Vec<usize>,
    /// Where each name ends, counted from its entity's start.
    ends: Vec<u32>,
    /// Entity `e`'s names end at `ends[firsts[e]..firsts[e + 1]]`: its key,
    /// its name, its aliases, then its candidates. One more entry than
    /// entities.
    firsts: Vec<usize>,
    /// The entities with candidates (few: the ambiguous groups) and how
    /// many, in entity order.
    candidates: Vec<(u32, u32)>,
    /// The entities' evidence, entity after entity; empty when none holds
    /// any.
    evidence: Vec<Evidence>,
    /// Entity `e`'s evidence is
    /// `evidence[evidence_firsts[e]..evidence_firsts[e + 1]]`; empty until
    /// some entity holds evidence (then one more entry than entities).
    evidence_firsts: Vec<usize>,
}

impl EntityTable {
    /// An empty table with room for `n` entities.
    pub fn with_capacity(n: usize) -> EntityTable {
        let mut t = EntityTable {
            kinds: Vec::with_capacity(n),
            starts: Vec::with_capacity(n + 1),
            firsts: Vec::with_capacity(n + 1),
            ends: Vec::with_capacity(n.saturating_mul(3)),
            ..EntityTable::default()
        };
        t.starts.push(0);
        t.firsts.push(0);
        t
    }

    /// The number of entities.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    /// Whether there are no entities.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// Each entity's kind, in entity order.
    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    /// Whether some entity holds evidence of its own.
    pub fn holds_evidence(&self) -> bool {
        !self.evidence.is_empty()
    }

    /// Add `e` as the next entity.
    pub fn push(&mut self, e: Entity) {
        self.push_parts(
            &e.key,
            &e.name,
            e.kind,
            e.aliases.iter().map(String::as_str),
            e.candidates.iter().map(String::as_str),
            e.evidence,
        );
    }

    /// Add the next entity from its parts.
    pub fn push_parts<'s>(
        &mut self,
        key: &str,
        name: &str,
        kind: Kind,
        aliases: impl IntoIterator<Item = &'s str>,
        candidates: impl IntoIterator<Item = &'s str>,
        evidence: Vec<Evidence>,
    ) {
        self.push_within(
            MAX_ENTITY_BYTES,
            key,
            name,
            kind,
            aliases,
            candidates,
            evidence,
        );
    }

    /// [`EntityTable::push_parts`] with at most `limit` bytes of names: a
    /// name that would end beyond is left out (a key or name as empty).
    #[allow(clippy::too_many_arguments)]
    fn push_within<'s>(
        &mut self,
        limit: usize,
        key: &str,
        name: &str,
        kind: Kind,
        aliases: impl IntoIterator<Item = &'s str>,
        candidates: impl IntoIterator<Item = &'s str>,
        evidence: Vec<Evidence>,
    ) {
        if self.starts.is_empty() {
            self.starts.push(0);
            self.firsts.push(0);
        }
        let start = self.text.len();
        let limit = limit.min(MAX_ENTITY_BYTES);
        // Whether `s` was added.
        let add = |t: &mut EntityTable, s: &str, always: bool| {
            let end = t.text.len() - start + s.len();
            if end <= limit {
                t.text.push_str(s);
                t.ends.push(end as u32);
                true
            } else {
                if always {
                    t.ends.push((t.text.len() - start) as u32);
                }
                false
            }
        };
        add(self, key, true);
        add(self, name, true);
        for a in aliases {
            add(self, a, false);
        }
        let mut n = 0u32;
        for c in candidates {
            n += u32::from(add(self, c, false));
        }
        let e = self.kinds.len();
        if n > 0 {
            self.candidates.push((e as u32, n));
        }
        if !evidence.is_empty() && self.evidence_firsts.is_empty() {
            self.evidence_firsts = vec![0; e + 1];
        }
        self.evidence.extend(evidence);
        if !self.evidence_firsts.is_empty() {
            self.evidence_firsts.push(self.evidence.len());
        }
        self.kinds.push(kind);
        self.starts.push(self.text.len());
        self.firsts.push(self.ends.len());
    }

    /// Let go of the room left for more entities.
    pub fn shrink_to_fit(&mut self) {
        self.kinds.shrink_to_fit();
        self.text.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.firsts.shrink_to_fit();
        self.candidates.shrink_to_fit();
        self.evidence.shrink_to_fit();
        self.evidence_firsts.shrink_to_fit();
    }

    /// Entity `e`, if the table has it.
    pub fn get(&self, e: usize) -> Option<EntityRef<'_>> {
        let kind = *self.kinds.get(e)?;
        let (start, end) = (self.starts[e], self.starts[e + 1]);
        let text = &self.text[start..end];
        let ends = &self.ends[self.firsts[e]..self.firsts[e + 1]];
        let n_candidates = self
            .candidates
            .binary_search_by_key(&(e as u32), |&(x, _)| x)
            .map_or(0, |i| self.candidates[i].1 as usize);
        let names = |from: usize, to: usize| Names {
            text,
            start: if from == 0 { 0 } else { ends[from - 1] },
            ends: &ends[from..to],
        };
        let n = ends.len();
        let split = n - n_candidates;
        let evidence = match (self.evidence_firsts.get(e), self.evidence_firsts.get(e + 1)) {
            (Some(&from), Some(&to)) => &self.evidence[from..to],
            _ => &[],
        };
        Some(EntityRef {
            key: names(0, 1).get(0).unwrap_or(""),
            name: names(1, 2).get(0).unwrap_or(""),
            kind,
            aliases: names(2, split),
            candidates: names(split, n),
            evidence,
        })
    }

    /// Entity `e`. Panics if the table does not have it, as indexing a
    /// slice does.
    pub fn at(&self, e: usize) -> EntityRef<'_> {
        match self.get(e) {
            Some(r) => r,
            None => panic!("entity {e} of {}", self.len()),
        }
    }

    /// Every entity, in order.
    pub fn iter(
        &self,
    ) -> impl ExactSizeIterator<Item = EntityRef<'_>> + DoubleEndedIterator + Clone + '_ {
        (0..self.len()).map(|e| self.at(e))
    }

    /// The entities as owned [`Entity`]s.
    pub fn to_vec(&self) -> Vec<Entity> {
        self.iter().map(|e| e.to_entity()).collect()
    }
}

impl From<Vec<Entity>> for EntityTable {
    fn from(entities: Vec<Entity>) -> EntityTable {
        entities.into_iter().collect()
    }
}

impl FromIterator<Entity> for EntityTable {
    fn from_iter<I: IntoIterator<Item = Entity>>(iter: I) -> EntityTable {
        let iter = iter.into_iter();
        let mut t = EntityTable::with_capacity(iter.size_hint().0);
        for e in iter {
            t.push(e);
        }
        t.shrink_to_fit();
        t
    }
}

impl PartialEq for EntityTable {
    fn eq(&self, other: &EntityTable) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for EntityTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// One entity of an [`EntityTable`], its fields borrowed from it: the
/// fields of [`Entity`], names as `&str` and lists as [`Names`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EntityRef<'a> {
    /// A stable, human-readable identifier (a slug of the name).
    pub key: &'a str,
    /// The canonical name: the most complete frequent form.
    pub name: &'a str,
    /// What it is.
    pub kind: Kind,
    /// Every surface form seen, the canonical name included, most frequent
    /// first.
    pub aliases: Names<'a>,
    /// An ambiguous group's candidates (see [`Entity::candidates`]); none
    /// for an ordinary entity.
    pub candidates: Names<'a>,
    /// Why each alias belongs to the entity, when the entity holds it (see
    /// [`super::EntityIndex::evidence`]).
    pub evidence: &'a [Evidence],
}

impl EntityRef<'_> {
    /// Whether the entity is an ambiguous group of short forms.
    pub fn is_ambiguous(&self) -> bool {
        !self.candidates.is_empty()
    }

    /// The name to show: an ambiguous group's name carries a `(?)`.
    pub fn display_name(&self) -> String {
        super::index::display_name(self.name, self.is_ambiguous())
    }

    /// The entity as an owned [`Entity`].
    pub fn to_entity(&self) -> Entity {
        Entity {
            key: self.key.to_string(),
            name: self.name.to_string(),
            kind: self.kind,
            aliases: self.aliases.to_vec(),
            candidates: self.candidates.to_vec(),
            evidence: self.evidence.to_vec(),
        }
    }
}

/// A list of names borrowed from an [`EntityTable`].
#[derive(Clone, Copy)]
pub struct Names<'a> {
    /// The entity's names.
    text: &'a str,
    /// Where the first of these starts in `text`.
    start: u32,
    /// Where each ends in `text`.
    ends: &'a [u32],
}

impl<'a> Names<'a> {
    /// The number of names.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Name `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { self.start } else { self.ends[i - 1] } as usize;
        self.text.get(start..end)
    }

    /// The first name.
    pub fn first(&self) -> Option<&'a str> {
        self.get(0)
    }

    /// Whether `name` is one of them.
    pub fn contains(&self, name: &str) -> bool {
        self.iter().any(|n| n == name)
    }

    /// The names in order.
    pub fn iter(&self) -> NamesIter<'a> {
        NamesIter {
            names: *self,
            front: 0,
            back: self.len(),
        }
    }

    /// The names as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

impl<'a> std::ops::Index<usize> for Names<'a> {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(s) => s,
            None => panic!("name {i} of {}", self.len()),
        }
    }
}

impl<'a> IntoIterator for Names<'a> {
    type Item = &'a str;
    type IntoIter = NamesIter<'a>;
    fn into_iter(self) -> NamesIter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &Names<'a> {
    type Item = &'a str;
    type IntoIter = NamesIter<'a>;
    fn into_iter(self) -> NamesIter<'a> {
        self.iter()
    }
}

impl PartialEq for Names<'_> {
    fn eq(&self, other: &Names<'_>) -> bool {
        self.iter().eq(other.iter())
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for Names<'_> {
    fn eq(&self, other: &[S]) -> bool {
        self.iter().eq(other.iter().map(AsRef::as_ref))
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for Names<'_> {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

impl fmt::Debug for Names<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl serde::Serialize for Names<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// The names of a [`Names`], in order.
#[derive(Clone)]
pub struct NamesIter<'a> {
    names: Names<'a>,
    front: usize,
    back: usize,
}

impl<'a> Iterator for NamesIter<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        if self.front >= self.back {
            return None;
        }
        self.front += 1;
        self.names.get(self.front - 1)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for NamesIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.front >= self.back {
            return None;
        }
        self.back -= 1;
        self.names.get(self.back)
    }
}

impl ExactSizeIterator for NamesIter<'_> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::evidence::Rule;

    fn entity(name: &str, kind: Kind, aliases: &[&str], candidates: &[&str]) -> Entity {
        let mut e = Entity::new(name, kind, aliases.iter().map(|a| a.to_string()).collect());
        e.candidates = candidates.iter().map(|c| c.to_string()).collect();
        e
    }

    fn some() -> Vec<Entity> {
        let mut anna = entity("Anna Berger", Kind::Person, &["Anna Berger", "Berger"], &[]);
        anna.evidence = vec![Evidence {
            alias: "Berger".into(),
            rule: Rule::OnlyFullName,
            via: "Anna Berger".into(),
        }];
        vec![
            entity("Bonn", Kind::Place, &["Bonn"], &[]),
            entity("", Kind::Organization, &[], &[]),
            anna,
            entity(
                "Kim",
                Kind::Person,
                &["Kim", "Kims"],
                &["Kim Jong Un", "Kim Yo Jong"],
            ),
            entity(
                "Ölmühle Süd",
                Kind::Organization,
                &["Ölmühle Süd", "ÖMS"],
                &[],
            ),
        ]
    }

    #[test]
    fn entities_come_back_as_they_were_put_in() {
        let given = some();
        let table = EntityTable::from(given.clone());
        assert_eq!(table.len(), 5);
        assert_eq!(table.to_vec(), given);
        for (e, g) in table.iter().zip(&given) {
            assert_eq!(e.name, g.name);
            assert_eq!(e.key, g.key);
            assert_eq!(e.kind, g.kind);
            assert_eq!(e.aliases, g.aliases);
            assert_eq!(e.candidates, g.candidates);
            assert_eq!(e.evidence, &g.evidence[..]);
            assert_eq!(e.is_ambiguous(), g.is_ambiguous());
            assert_eq!(e.display_name(), g.display_name());
        }
        let kim = table.at(3);
        assert_eq!(kim.display_name(), "Kim (?)");
        assert_eq!(
            kim.aliases.iter().rev().collect::<Vec<_>>(),
            ["Kims", "Kim"]
        );
        assert_eq!(&kim.candidates[1], "Kim Yo Jong");
        assert!(kim.aliases.contains("Kims") && !kim.aliases.contains("Kim Jong Un"));
        assert_eq!(table.at(1).aliases.len(), 0);
        assert!(table.at(0).evidence.is_empty() && table.at(4).evidence.is_empty());
        assert!(table.holds_evidence());
        assert_eq!(table.kinds()[4], Kind::Organization);
        assert!(table.get(5).is_none());
        assert_eq!(table, EntityTable::from(given));
    }

    #[test]
    fn tables_differ_where_an_entity_does() {
        let a = EntityTable::from(some());
        let mut other = some();
        // The same names, split differently between aliases and candidates.
        let last = other[3].aliases.pop().unwrap();
        other[3].candidates.insert(0, last);
        assert_ne!(a, EntityTable::from(other));
        assert_ne!(a, EntityTable::from(some()[..4].to_vec()));
        assert!(!EntityTable::from(some()[..2].to_vec()).holds_evidence());
    }

    #[test]
    fn names_beyond_the_limit_are_left_out_and_the_rest_kept() {
        let mut t = EntityTable::default();
        t.push_within(
            12,
            "k",
            "Name",
            Kind::Person,
            ["Name", "Namen", "Na"],
            ["Nom"],
            vec![],
        );
        t.push_within(3, "key", "Name", Kind::Place, ["a"], [], vec![]);
        t.push_parts("b", "B", Kind::Organization, ["B"], [], vec![]);
        // k(1) Name(5) Name(9) Namen(14: out) Na(11) Nom(14: out).
        let first = t.at(0);
        assert_eq!((first.key, first.name), ("k", "Name"));
        assert_eq!(first.aliases.to_vec(), ["Name", "Na"]);
        assert!(first.candidates.is_empty() && !first.is_ambiguous());
        // key(3), then nothing fits: the name is empty.
        let second = t.at(1);
        assert_eq!((second.key, second.name), ("key", ""));
        assert!(second.aliases.is_empty());
        assert_eq!(t.at(2).name, "B");
        assert_eq!(t.at(2).aliases.to_vec(), ["B"]);
    }
}
