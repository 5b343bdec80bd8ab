//! The entity index: every linked entity, every mention, and the queries the
//! reader needs (mentions in a document, next and previous mention of an entity
//! across the corpus).

use super::Kind;
use super::evidence::Evidence;
pub use super::table::Table;
use crate::corpus::DocId;
use std::ops::Range;

/// Index of an entity in an [`EntityIndex`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct EntityId(pub u32);

/// One mention of an entity: a byte span in one document. Four `u32`s in
/// this order, so that the mentions of an index read from disk are used
/// where they lie (see [`super::table`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C)]
pub struct Mention {
    /// The document it is in.
    pub doc: DocId,
    /// UTF-8 byte offset of its start in the document text.
    pub start: u32,
    /// UTF-8 byte offset of its end, exclusive.
    pub end: u32,
    /// The entity it refers to.
    pub entity: EntityId,
}

// SAFETY: `EntityId` is a transparent `u32`: no padding, every bit
// pattern valid.
unsafe impl bytemuck::Zeroable for EntityId {}
// SAFETY: as above.
unsafe impl bytemuck::Pod for EntityId {}
// SAFETY: `Mention` is `repr(C)` of four 4-byte fields of transparent
// `u32`s (`DocId`, `EntityId`), so 16 bytes without padding, and every
// bit pattern is a valid value.
unsafe impl bytemuck::Zeroable for Mention {}
// SAFETY: as above.
unsafe impl bytemuck::Pod for Mention {}

impl Mention {
    /// The byte range of the mention.
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A linked entity: one person, place or organization across the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// A stable, human-readable identifier (a slug of the name).
    pub key: String,
    /// The canonical name: the most complete frequent form.
    pub name: String,
    /// What it is.
    pub kind: Kind,
    /// Every surface form seen, the canonical name included, most frequent first.
    pub aliases: Vec<String>,
    /// When linking could not tell which of several entities a short form
    /// stands for (`Kim`: Kim Jong Un, Kim Yo Jong), this entity is an
    /// ambiguous group of those short forms, and these are the names of the
    /// candidates. Empty for an ordinary entity.
    pub candidates: Vec<String>,
    /// Why each alias belongs to the entity, in the order of `aliases` (may
    /// be empty for entities built by hand).
    pub evidence: Vec<Evidence>,
}

impl Entity {
    /// An entity with a name, a kind and aliases, no candidates and no
    /// evidence; the key is a slug of the name.
    pub fn new(name: &str, kind: Kind, aliases: Vec<String>) -> Entity {
        Entity {
            key: super::link::slug(name),
            name: name.to_string(),
            kind,
            aliases,
            candidates: Vec::new(),
            evidence: Vec::new(),
        }
    }

    /// Whether the entity is an ambiguous group of short forms.
    pub fn is_ambiguous(&self) -> bool {
        !self.candidates.is_empty()
    }

    /// The name to show: an ambiguous group's name carries a `(?)`.
    pub fn display_name(&self) -> String {
        if self.is_ambiguous() {
            format!("{} (?)", self.name)
        } else {
            self.name.clone()
        }
    }
}

/// An entity as linking hands it over, with the mentions that refer to it.
#[derive(Debug, Clone)]
pub struct LinkedEntity {
    /// The entity.
    pub entity: Entity,
    /// Its mentions as (document, byte range).
    pub mentions: Vec<(DocId, Range<usize>)>,
}

/// All entities of a corpus with their mentions, ready for navigation.
///
/// The mention tables are [`Table`]s: built in memory by [`EntityIndex::new`],
/// or read in place from a linked-index file by [`EntityIndex::from_parts`],
/// which checks every invariant the queries rely on first.
#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    entities: Vec<Entity>,
    /// All mentions, sorted by (document, start), not overlapping.
    mentions: Table<Mention>,
    /// `mentions[doc_starts[d]..doc_starts[d + 1]]` are the mentions of document `d`.
    doc_starts: Table<u32>,
    /// `by_entity[entity_starts[e]..entity_starts[e + 1]]` are the indices
    /// into `mentions` of entity `e`'s mentions, in corpus order.
    entity_starts: Table<u32>,
    /// See `entity_starts`.
    by_entity: Table<u32>,
    /// For each entity, the number of documents it appears in.
    doc_counts: Table<u32>,
}

/// The tables of an [`EntityIndex`], as stored (see
/// [`EntityIndex::from_parts`] and [`EntityIndex::tables`]).
#[derive(Debug, Clone, Default)]
pub struct Tables {
    /// All mentions, sorted by (document, start), not overlapping.
    pub mentions: Table<Mention>,
    /// Where each document's mentions start, and the end (documents + 1).
    pub doc_starts: Table<u32>,
    /// Where each entity's list in `by_entity` starts, and the end
    /// (entities + 1).
    pub entity_starts: Table<u32>,
    /// Indices into `mentions`, entity by entity, each in corpus order.
    pub by_entity: Table<u32>,
    /// For each entity, the number of documents it appears in.
    pub doc_counts: Table<u32>,
}

impl Tables {
    /// The mentions of one document, in text order (as
    /// [`EntityIndex::mentions_in`]; the tables of an index).
    pub fn mentions_in(&self, doc: DocId) -> &[Mention] {
        mentions_in(&self.mentions, &self.doc_starts, doc)
    }
}

/// The mentions of document `doc`: `mentions` cut by `doc_starts` (tables
/// whose invariants [`EntityIndex::from_parts`] checked, or built).
fn mentions_in<'a>(mentions: &'a [Mention], doc_starts: &[u32], doc: DocId) -> &'a [Mention] {
    let d = doc.0 as usize;
    if d + 1 >= doc_starts.len() {
        return &[];
    }
    &mentions[doc_starts[d] as usize..doc_starts[d + 1] as usize]
}

impl EntityIndex {
    /// Build the index for a corpus of `doc_count` documents.
    ///
    /// Mentions that overlap an earlier mention in the same document are dropped,
    /// so that every byte belongs to at most one mention.
    pub fn new(doc_count: usize, linked: Vec<LinkedEntity>) -> EntityIndex {
        let mut entities = Vec::with_capacity(linked.len());
        let mut mentions = Vec::new();
        for (i, le) in linked.into_iter().enumerate() {
            for (doc, span) in le.mentions {
                mentions.push(Mention {
                    doc,
                    start: span.start as u32,
                    end: span.end as u32,
                    entity: EntityId(i as u32),
                });
            }
            entities.push(le.entity);
        }
        mentions.sort_by_key(|m| (m.doc, m.start, std::cmp::Reverse(m.end)));
        let mut last: Option<(DocId, u32)> = None;
        mentions.retain(|m| {
            if let Some((doc, end)) = last
                && doc == m.doc
                && m.start < end
            {
                return false;
            }
            last = Some((m.doc, m.end));
            true
        });
        let mut doc_starts = vec![0u32; doc_count + 1];
        for m in &mentions {
            if (m.doc.0 as usize) < doc_count {
                doc_starts[m.doc.0 as usize + 1] += 1;
            }
        }
        for d in 0..doc_count {
            doc_starts[d + 1] += doc_starts[d];
        }
        // Each entity's mentions in corpus order, as one list cut by entity.
        let mut entity_starts = vec![0u32; entities.len() + 1];
        for m in &mentions {
            entity_starts[m.entity.0 as usize + 1] += 1;
        }
        for e in 0..entities.len() {
            entity_starts[e + 1] += entity_starts[e];
        }
        let mut fill = entity_starts.clone();
        let mut by_entity = vec![0u32; mentions.len()];
        let mut doc_counts = vec![0u32; entities.len()];
        let mut last_doc: Vec<Option<DocId>> = vec![None; entities.len()];
        for (i, m) in mentions.iter().enumerate() {
            let e = m.entity.0 as usize;
            by_entity[fill[e] as usize] = i as u32;
            fill[e] += 1;
            if last_doc[e] != Some(m.doc) {
                doc_counts[e] += 1;
                last_doc[e] = Some(m.doc);
            }
        }
        EntityIndex {
            entities,
            mentions: mentions.into(),
            doc_starts: doc_starts.into(),
            entity_starts: entity_starts.into(),
            by_entity: by_entity.into(),
            doc_counts: doc_counts.into(),
        }
    }

    /// An index from its entities and tables as stored (a linked-index file
    /// read back), checked first: every count, offset and order the queries
    /// rely on, so that no query on the result can index out of bounds.
    /// Says what is wrong otherwise. `O(entities + mentions)`.
    pub fn from_parts(entities: Vec<Entity>, t: Tables) -> Result<EntityIndex, String> {
        let (n, m) = (entities.len(), t.mentions.len());
        let starts_ok = |s: &[u32], len: usize, of: usize| {
            s.len() == len + 1
                && s.first() == Some(&0)
                && s.last().is_some_and(|&l| l as usize == of)
                && s.windows(2).all(|w| w[0] <= w[1])
        };
        if !starts_ok(&t.doc_starts, t.doc_starts.len().saturating_sub(1), m) {
            return Err("document offsets out of order or bounds".into());
        }
        if !starts_ok(&t.entity_starts, n, t.by_entity.len()) || t.by_entity.len() != m {
            return Err("entity offsets out of order or bounds".into());
        }
        if t.doc_counts.len() != n {
            return Err(format!(
                "{} document counts for {n} entities",
                t.doc_counts.len()
            ));
        }
        for (d, w) in t.doc_starts.windows(2).enumerate() {
            let mut end = 0;
            for x in &t.mentions[w[0] as usize..w[1] as usize] {
                if x.doc.0 as usize != d || x.start > x.end || x.start < end {
                    return Err(format!(
                        "mention {}..{} out of order in document {d}",
                        x.start, x.end
                    ));
                }
                if x.entity.0 as usize >= n {
                    return Err(format!("mention of entity {} of {n}", x.entity.0));
                }
                end = x.end;
            }
        }
        for (e, w) in t.entity_starts.windows(2).enumerate() {
            let (mut docs, mut last) = (0u32, None::<u32>);
            for &i in &t.by_entity[w[0] as usize..w[1] as usize] {
                let Some(x) = t.mentions.get(i as usize) else {
                    return Err(format!("entity {e} lists mention {i} of {m}"));
                };
                // Strictly increasing, so in corpus order and each once.
                if x.entity.0 as usize != e || last.is_some_and(|l| l >= i) {
                    return Err(format!("entity {e}'s mentions out of order"));
                }
                if last.is_none_or(|l| t.mentions[l as usize].doc != x.doc) {
                    docs += 1;
                }
                last = Some(i);
            }
            if t.doc_counts[e] != docs {
                return Err(format!("entity {e}: wrong document count"));
            }
        }
        Ok(EntityIndex {
            entities,
            mentions: t.mentions,
            doc_starts: t.doc_starts,
            entity_starts: t.entity_starts,
            by_entity: t.by_entity,
            doc_counts: t.doc_counts,
        })
    }

    /// The tables, to store (see [`EntityIndex::from_parts`]), shared with
    /// the index rather than copied.
    pub fn tables(&self) -> Tables {
        Tables {
            mentions: self.mentions.clone(),
            doc_starts: self.doc_starts.clone(),
            entity_starts: self.entity_starts.clone(),
            by_entity: self.by_entity.clone(),
            doc_counts: self.doc_counts.clone(),
        }
    }

    /// The number of documents the index was built for.
    pub fn doc_total(&self) -> usize {
        self.doc_starts.len().saturating_sub(1)
    }

    /// Entity `id`'s list of indices into `mentions`, if it exists.
    fn list(&self, id: EntityId) -> Option<&[u32]> {
        let e = id.0 as usize;
        let (&from, &to) = (self.entity_starts.get(e)?, self.entity_starts.get(e + 1)?);
        self.by_entity.get(from as usize..to as usize)
    }

    /// The number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether there are no entities.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// All entities; an [`EntityId`] indexes this slice.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// One entity.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }

    /// All mentions in corpus order.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    /// The mentions of one document, in text order.
    pub fn mentions_in(&self, doc: DocId) -> &[Mention] {
        mentions_in(&self.mentions, &self.doc_starts, doc)
    }

    /// The mentions of one entity, in corpus order.
    pub fn mentions_of(&self, id: EntityId) -> impl ExactSizeIterator<Item = &Mention> + '_ {
        self.list(id)
            .unwrap_or_default()
            .iter()
            .map(|&i| &self.mentions[i as usize])
    }

    /// How many mentions an entity has across the corpus.
    pub fn mention_count(&self, id: EntityId) -> usize {
        self.list(id).map_or(0, <[u32]>::len)
    }

    /// How many documents mention an entity.
    pub fn doc_count(&self, id: EntityId) -> usize {
        self.doc_counts[id.0 as usize] as usize
    }

    /// The entities mentioned in one document with their mention counts there,
    /// in order of first appearance.
    pub fn entities_in(&self, doc: DocId) -> Vec<(EntityId, usize)> {
        let mut out: Vec<(EntityId, usize)> = Vec::new();
        for m in self.mentions_in(doc) {
            match out.iter_mut().find(|(e, _)| *e == m.entity) {
                Some((_, n)) => *n += 1,
                None => out.push((m.entity, 1)),
            }
        }
        out
    }

    /// Position of a mention among its entity's mentions: `(i, count)` with
    /// `i` counted from 1, for "mention i/M" displays.
    pub fn ordinal(&self, m: &Mention) -> Option<(usize, usize)> {
        let list = self.list(m.entity)?;
        let key = (m.doc, m.start);
        let i = list
            .binary_search_by_key(&key, |&j| {
                let x = &self.mentions[j as usize];
                (x.doc, x.start)
            })
            .ok()?;
        Some((i + 1, list.len()))
    }

    /// The next mention of `entity` after position `(doc, offset)`, moving on to
    /// later documents and wrapping round to the first mention at the end.
    pub fn next_mention(&self, entity: EntityId, doc: DocId, offset: usize) -> Option<&Mention> {
        let list = self.list(entity)?;
        let key = (doc, offset as u32);
        let i = list.partition_point(|&j| {
            let x = &self.mentions[j as usize];
            (x.doc, x.start) <= key
        });
        let j = *list.get(i).or_else(|| list.first())?;
        Some(&self.mentions[j as usize])
    }

    /// The previous mention of `entity` before position `(doc, offset)`, moving
    /// back through earlier documents and wrapping round to the last mention.
    pub fn prev_mention(&self, entity: EntityId, doc: DocId, offset: usize) -> Option<&Mention> {
        let list = self.list(entity)?;
        let key = (doc, offset as u32);
        let i = list.partition_point(|&j| {
            let x = &self.mentions[j as usize];
            (x.doc, x.start) < key
        });
        let j = if i == 0 { *list.last()? } else { list[i - 1] };
        Some(&self.mentions[j as usize])
    }

    /// Where an entity appears: documents with its mention count there, most
    /// mentions first.
    pub fn spread(&self, id: EntityId) -> Vec<(DocId, usize)> {
        let mut out: Vec<(DocId, usize)> = Vec::new();
        for m in self.mentions_of(id) {
            match out.last_mut() {
                Some((d, n)) if *d == m.doc => *n += 1,
                _ => out.push((m.doc, 1)),
            }
        }
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// The entities that appear in the most documents together with `id`:
    /// (entity, shared documents), most first, at most `limit`.
    pub fn co_mentions(&self, id: EntityId, limit: usize) -> Vec<(EntityId, usize)> {
        let mut counts: std::collections::HashMap<EntityId, usize> =
            std::collections::HashMap::new();
        let mut docs: Vec<DocId> = self.mentions_of(id).map(|m| m.doc).collect();
        docs.dedup();
        for doc in docs {
            let mut seen: Vec<EntityId> = self.mentions_in(doc).iter().map(|m| m.entity).collect();
            seen.sort_unstable();
            seen.dedup();
            for e in seen.into_iter().filter(|&e| e != id) {
                *counts.entry(e).or_insert(0) += 1;
            }
        }
        let mut out: Vec<(EntityId, usize)> = counts.into_iter().collect();
        out.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(self.mention_count(b.0).cmp(&self.mention_count(a.0)))
                .then(a.0.cmp(&b.0))
        });
        out.truncate(limit);
        out
    }

    /// Find an entity by name or alias, case-insensitively; exact canonical
    /// names win over aliases.
    pub fn find(&self, name: &str) -> Option<EntityId> {
        let lower = name.to_lowercase();
        let by_name = self
            .entities
            .iter()
            .position(|e| e.name.to_lowercase() == lower);
        let by_alias = || {
            self.entities
                .iter()
                .position(|e| e.aliases.iter().any(|a| a.to_lowercase() == lower))
        };
        by_name.or_else(by_alias).map(|i| EntityId(i as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::fixture::IndexBuilder;

    fn index() -> EntityIndex {
        IndexBuilder::new(3)
            .entity("Anna", Kind::Person)
            .at(0, 10..14)
            .at(2, 0..4)
            .at(0, 30..34)
            .entity("Bonn", Kind::Place)
            .at(1, 5..9)
            .at(0, 11..15)
            .build()
    }

    #[test]
    fn next_mention_moves_across_documents_and_wraps() {
        let ix = index();
        let a = EntityId(0);
        let m = ix.next_mention(a, DocId(0), 10).unwrap();
        assert_eq!((m.doc, m.start), (DocId(0), 30));
        let m = ix.next_mention(a, DocId(0), 30).unwrap();
        assert_eq!((m.doc, m.start), (DocId(2), 0));
        let m = ix.next_mention(a, DocId(2), 0).unwrap();
        assert_eq!((m.doc, m.start), (DocId(0), 10), "wraps to the first");
        let m = ix.prev_mention(a, DocId(0), 10).unwrap();
        assert_eq!((m.doc, m.start), (DocId(2), 0), "wraps to the last");
        let m = ix.prev_mention(a, DocId(2), 0).unwrap();
        assert_eq!((m.doc, m.start), (DocId(0), 30));
    }

    #[test]
    fn overlapping_mentions_are_dropped_and_counts_are_kept() {
        let ix = index();
        // Bonn at 11..15 overlaps Anna at 10..14 in doc 0.
        assert_eq!(ix.mentions_in(DocId(0)).len(), 2);
        assert_eq!(ix.mention_count(EntityId(1)), 1);
        assert_eq!(ix.doc_count(EntityId(0)), 2);
        assert_eq!(ix.entities_in(DocId(0)), vec![(EntityId(0), 2)]);
        let m = ix.mentions_in(DocId(2))[0];
        assert_eq!(ix.ordinal(&m), Some((3, 3)));
    }

    #[test]
    fn spread_and_co_mentions() {
        let ix = index();
        assert_eq!(ix.spread(EntityId(0)), vec![(DocId(0), 2), (DocId(2), 1)]);
        // Bonn's only surviving mention is in doc 1, where Anna is not.
        assert!(ix.co_mentions(EntityId(0), 5).is_empty());
        let ix = IndexBuilder::new(2)
            .entity("Anna", Kind::Person)
            .at(0, 0..4)
            .at(1, 0..4)
            .entity("Bonn", Kind::Place)
            .at(0, 10..14)
            .at(1, 10..14)
            .entity("Ulm", Kind::Place)
            .at(1, 20..23)
            .build();
        assert_eq!(
            ix.co_mentions(EntityId(0), 5),
            vec![(EntityId(1), 2), (EntityId(2), 1)]
        );
        assert_eq!(ix.co_mentions(EntityId(0), 1).len(), 1);
    }

    #[test]
    fn find_prefers_names_over_aliases() {
        let ix = index();
        assert_eq!(ix.find("bonn"), Some(EntityId(1)));
        assert_eq!(ix.find("nowhere"), None);
    }
}
