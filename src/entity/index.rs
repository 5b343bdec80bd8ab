//! The entity index: every linked entity, every mention, and the queries the
//! reader needs (mentions in a document, next and previous mention of an entity
//! across the corpus).

use super::Kind;
use super::entity_table::{EntityRef, EntityTable};
use super::evidence::Evidence;
use super::stored_evidence::StoredEvidence;
pub use super::table::Table;
use crate::corpus::DocId;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

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
    /// be empty for entities built by hand). Empty too in an index that
    /// left it in its file: read it with [`EntityIndex::evidence`].
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
        display_name(&self.name, self.is_ambiguous())
    }
}

/// The name to show for an entity named `name`: an ambiguous group's
/// carries a `(?)`.
pub(crate) fn display_name(name: &str, ambiguous: bool) -> String {
    if ambiguous {
        format!("{name} (?)")
    } else {
        name.to_string()
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
    /// Boxed: an index is moved about whole (in updates, in results).
    entities: Box<EntityTable>,
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
    /// The entities' evidence, when it was left in a mapped file (their
    /// `evidence` is then empty): see [`EntityIndex::evidence`].
    stored_evidence: Option<Arc<StoredEvidence>>,
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
    /// The tables of `entity_count` entities over `doc_count` documents
    /// from their `mentions` sorted by document, start, the longer first,
    /// then entity (as [`EntityIndex::from_sorted`] takes them; a mention
    /// overlapping the one kept before it is dropped).
    pub fn of_sorted(doc_count: usize, entity_count: usize, mut mentions: Vec<Mention>) -> Tables {
        Tables::drop_overlapping(&mut mentions);
        let each_doc = |f: &mut dyn FnMut(&[Mention]) -> Result<(), std::convert::Infallible>| {
            mentions.chunk_by(|a, b| a.doc == b.doc).try_for_each(f)
        };
        let Ok(Beside {
            doc_starts,
            entity_starts,
            by_entity,
            doc_counts,
        }) = Beside::of(doc_count, entity_count, each_doc, |_| Ok(()));
        Tables {
            mentions: mentions.into(),
            doc_starts: doc_starts.into(),
            entity_starts: entity_starts.into(),
            by_entity: by_entity.into(),
            doc_counts: doc_counts.into(),
        }
    }

    /// Drop from `mentions` (sorted by document, start, the longer first,
    /// then entity) each mention that overlaps the one kept before it in
    /// its document, as the tables keep them.
    pub fn drop_overlapping(mentions: &mut Vec<Mention>) {
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
    }

    /// The mentions of one document, in text order (as
    /// [`EntityIndex::mentions_in`]; the tables of an index).
    pub fn mentions_in(&self, doc: DocId) -> &[Mention] {
        mentions_in(&self.mentions, &self.doc_starts, doc)
    }
}

/// The tables of an index beside its mentions, made from the mentions
/// given document by document ([`Beside::of`]): what a caller that
/// writes the mentions where they go makes without holding them (at a
/// million articles, 300 MB of mentions, with their own copy as they were
/// gathered).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Beside {
    /// Where each document's mentions start, and the end (documents + 1).
    pub doc_starts: Vec<u32>,
    /// Where each entity's list in `by_entity` starts, and the end.
    pub entity_starts: Vec<u32>,
    /// Indices into the mentions, entity by entity, each in corpus order.
    pub by_entity: Vec<u32>,
    /// For each entity, the number of documents it appears in.
    pub doc_counts: Vec<u32>,
}

impl Beside {
    /// The tables of `doc_count` documents and `entity_count` entities
    /// beside the mentions that `each_doc` gives to the function it is
    /// given, one document's after another's, in corpus order (sorted
    /// and not overlapping, as [`Tables::of_sorted`] keeps them). It is
    /// called twice and must give the same mentions both times: once to
    /// count them, once to place them, when `mentions` gets each
    /// document's, in order. Returns the first failure of either.
    pub fn of<E>(
        doc_count: usize,
        entity_count: usize,
        each_doc: impl Fn(&mut dyn FnMut(&[Mention]) -> Result<(), E>) -> Result<(), E>,
        mut mentions: impl FnMut(&[Mention]) -> Result<(), E>,
    ) -> Result<Beside, E> {
        let mut doc_starts = vec![0u32; doc_count + 1];
        let mut entity_starts = vec![0u32; entity_count + 1];
        let mut doc_counts = vec![0u32; entity_count];
        let mut last_doc: Vec<Option<DocId>> = vec![None; entity_count];
        let mut total = 0usize;
        each_doc(&mut |ms| {
            for m in ms {
                if (m.doc.0 as usize) < doc_count {
                    doc_starts[m.doc.0 as usize + 1] += 1;
                }
                let e = m.entity.0 as usize;
                entity_starts[e + 1] += 1;
                if last_doc[e] != Some(m.doc) {
                    doc_counts[e] += 1;
                    last_doc[e] = Some(m.doc);
                }
            }
            total += ms.len();
            Ok(())
        })?;
        drop(last_doc);
        for d in 0..doc_count {
            doc_starts[d + 1] += doc_starts[d];
        }
        for e in 0..entity_count {
            entity_starts[e + 1] += entity_starts[e];
        }
        // Each entity's mentions in corpus order, as one list cut by entity.
        let mut fill = entity_starts.clone();
        let mut by_entity = vec![0u32; total];
        let mut i = 0u32;
        each_doc(&mut |ms| {
            for m in ms {
                let e = m.entity.0 as usize;
                // Given as counted (a second pass that gives more leaves
                // the rest out, and the tables fail their checks).
                if let Some(slot) = by_entity.get_mut(fill[e] as usize)
                    && fill[e] < entity_starts[e + 1]
                {
                    *slot = i;
                    fill[e] += 1;
                }
                i = i.wrapping_add(1);
            }
            mentions(ms)
        })?;
        Ok(Beside {
            doc_starts,
            entity_starts,
            by_entity,
            doc_counts,
        })
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

/// Articles whose mentions a pass over many reads between handing the pages
/// of an index read in place back (see [`EntityIndex::co_mentions`]).
const RELEASE_EVERY: usize = 64;

/// The tables of an index checked for a number of entities (see
/// [`CheckedTables::check`]); made only by that check.
#[derive(Clone)]
pub struct CheckedTables {
    tables: Tables,
    entities: usize,
}

impl std::fmt::Debug for CheckedTables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CheckedTables({} entities)", self.entities)
    }
}

impl CheckedTables {
    /// Check tables as stored for an index of `n` entities: every count,
    /// offset and order the queries rely on, so that no query on an index
    /// made of them can index out of bounds. Says what is wrong otherwise.
    /// `O(entities + mentions)`.
    pub fn check(n: usize, t: Tables) -> Result<CheckedTables, String> {
        let m = t.mentions.len();
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
        Ok(CheckedTables {
            tables: t,
            entities: n,
        })
    }
}

impl EntityIndex {
    /// Build the index for a corpus of `doc_count` documents.
    ///
    /// Mentions that overlap an earlier mention in the same document are dropped,
    /// so that every byte belongs to at most one mention.
    pub fn new(doc_count: usize, linked: Vec<LinkedEntity>) -> EntityIndex {
        let mut entities = EntityTable::with_capacity(linked.len());
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
        entities.shrink_to_fit();
        mentions.sort_by_key(|m| (m.doc, m.start, std::cmp::Reverse(m.end)));
        EntityIndex::from_sorted(doc_count, entities, mentions, None)
    }

    /// [`EntityIndex::new`] from its entities and all their mentions,
    /// sorted as it sorts them: by document, start, the longer first, then
    /// by entity. Mentions that overlap an earlier one are dropped here.
    /// With `stored`, the entities' evidence (one list per entity, and the
    /// entities hold none) is read from there ([`EntityIndex::evidence`]).
    pub fn from_sorted(
        doc_count: usize,
        entities: EntityTable,
        mentions: Vec<Mention>,
        stored: Option<StoredEvidence>,
    ) -> EntityIndex {
        debug_assert!(
            stored
                .as_ref()
                .is_none_or(|s| s.len() == entities.len() && !entities.holds_evidence())
        );
        let t = Tables::of_sorted(doc_count, entities.len(), mentions);
        EntityIndex {
            entities: Box::new(entities),
            mentions: t.mentions,
            doc_starts: t.doc_starts,
            entity_starts: t.entity_starts,
            by_entity: t.by_entity,
            doc_counts: t.doc_counts,
            stored_evidence: stored.map(Arc::new),
        }
    }

    /// An index from its entities and tables as stored (a linked-index file
    /// read back), checked first: every count, offset and order the queries
    /// rely on, so that no query on the result can index out of bounds.
    /// Says what is wrong otherwise. `O(entities + mentions)`.
    pub fn from_parts(entities: EntityTable, t: Tables) -> Result<EntityIndex, String> {
        let checked = CheckedTables::check(entities.len(), t)?;
        EntityIndex::from_checked(entities, checked)
    }

    /// An index from its entities and tables checked for that many entities
    /// ([`CheckedTables::check`]; the tables can be checked before the
    /// entities are decoded). Says so if the entities are not as many.
    pub fn from_checked(entities: EntityTable, t: CheckedTables) -> Result<EntityIndex, String> {
        if entities.len() != t.entities {
            return Err(format!(
                "{} entities for tables of {}",
                entities.len(),
                t.entities
            ));
        }
        let t = t.tables;
        Ok(EntityIndex {
            entities: Box::new(entities),
            mentions: t.mentions,
            doc_starts: t.doc_starts,
            entity_starts: t.entity_starts,
            by_entity: t.by_entity,
            doc_counts: t.doc_counts,
            stored_evidence: None,
        })
    }

    /// The index with its entities' evidence left in a file
    /// ([`StoredEvidence`]); refused unless it has evidence for exactly
    /// the index's entities, and none of them holds evidence of its own.
    pub fn with_stored_evidence(mut self, s: StoredEvidence) -> Result<EntityIndex, String> {
        if s.len() != self.entities.len() {
            return Err(format!(
                "evidence for {} entities, not {}",
                s.len(),
                self.entities.len()
            ));
        }
        if self.entities.holds_evidence() {
            return Err("evidence both held and stored".into());
        }
        self.stored_evidence = Some(Arc::new(s));
        Ok(self)
    }

    /// The entities' evidence, when it is held encoded rather than by each
    /// entity (see [`EntityIndex::evidence`]).
    pub fn stored_evidence(&self) -> Option<&StoredEvidence> {
        self.stored_evidence.as_deref()
    }

    /// Why entity `id` holds each of its aliases: its own evidence, or,
    /// when the index left it in the file it was read from, decoded from
    /// there now. Use this rather than the entity's `evidence` field.
    pub fn evidence(&self, id: EntityId) -> Cow<'_, [Evidence]> {
        match &self.stored_evidence {
            Some(s) => Cow::Owned(s.get(id.0 as usize)),
            None => Cow::Borrowed(
                self.entities
                    .get(id.0 as usize)
                    .map_or(&[][..], |e| e.evidence),
            ),
        }
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

    /// All entities; an [`EntityId`] numbers them.
    pub fn entities(&self) -> &EntityTable {
        &self.entities
    }

    /// One entity. Panics if the index has no entity `id`, as indexing a
    /// slice does.
    pub fn entity(&self, id: EntityId) -> EntityRef<'_> {
        self.entities.at(id.0 as usize)
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

    /// Where position `(doc, offset)` falls in the corpus's mentions (sorted
    /// by document and start): the number of mentions before it, those of
    /// `doc` starting before `offset` (or at it, when `at_too`) included.
    /// Reads only `doc`'s own mentions, so that a walk through an entity's
    /// mentions (whose list holds their places in this order) does not read
    /// the mentions of every document it passes: on an index read in place
    /// ([`crate::mapped`]) that would bring the whole table back.
    fn place(&self, doc: DocId, offset: u32, at_too: bool) -> u32 {
        let d = doc.0 as usize;
        let Some(&from) = self
            .doc_starts
            .get(d.min(self.doc_starts.len().saturating_sub(1)))
        else {
            return 0;
        };
        if d + 1 >= self.doc_starts.len() {
            return from;
        }
        let before = self
            .mentions_in(doc)
            .partition_point(|m| m.start < offset || (at_too && m.start == offset));
        from + before as u32
    }

    /// The document of mention number `i` (an index into the mentions),
    /// from the documents' starts alone.
    fn doc_of(&self, i: u32) -> DocId {
        DocId(
            self.doc_starts
                .partition_point(|&s| s <= i)
                .saturating_sub(1) as u32,
        )
    }

    /// Position of a mention among its entity's mentions: `(i, count)` with
    /// `i` counted from 1, for "mention i/M" displays.
    pub fn ordinal(&self, m: &Mention) -> Option<(usize, usize)> {
        let list = self.list(m.entity)?;
        let k = self.place(m.doc, m.start, false);
        let here = self.mentions.get(k as usize)?;
        if (here.doc, here.start) != (m.doc, m.start) {
            return None;
        }
        let i = list.binary_search(&k).ok()?;
        Some((i + 1, list.len()))
    }

    /// The next mention of `entity` after position `(doc, offset)`, moving on to
    /// later documents and wrapping round to the first mention at the end.
    pub fn next_mention(&self, entity: EntityId, doc: DocId, offset: usize) -> Option<&Mention> {
        let list = self.list(entity)?;
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        let k = self.place(doc, offset, true);
        let i = list.partition_point(|&j| j < k);
        let j = *list.get(i).or_else(|| list.first())?;
        Some(&self.mentions[j as usize])
    }

    /// The previous mention of `entity` before position `(doc, offset)`, moving
    /// back through earlier documents and wrapping round to the last mention.
    pub fn prev_mention(&self, entity: EntityId, doc: DocId, offset: usize) -> Option<&Mention> {
        let list = self.list(entity)?;
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        let k = self.place(doc, offset, false);
        let i = list.partition_point(|&j| j < k);
        let j = if i == 0 { *list.last()? } else { list[i - 1] };
        Some(&self.mentions[j as usize])
    }

    /// Where an entity appears: documents with its mention count there, most
    /// mentions first. Worked out from where its mentions lie among all
    /// (see [`EntityIndex::place`]), not from the mentions themselves.
    pub fn spread(&self, id: EntityId) -> Vec<(DocId, usize)> {
        let mut out: Vec<(DocId, usize)> = Vec::new();
        // The list is in corpus order: each mention's document is found
        // from the last one's on.
        let mut end = 0u32;
        for &i in self.list(id).unwrap_or_default() {
            match out.last_mut() {
                Some((_, n)) if i < end => *n += 1,
                _ => {
                    let d = self.doc_of(i);
                    end = self
                        .doc_starts
                        .get(d.0 as usize + 1)
                        .copied()
                        .unwrap_or(u32::MAX);
                    out.push((d, 1));
                }
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
        let mut docs: Vec<DocId> = self.spread(id).into_iter().map(|(d, _)| d).collect();
        docs.sort_unstable();
        for (i, doc) in docs.into_iter().enumerate() {
            // A pass over the mentions of many articles: on an index read
            // in place, their pages go back as it goes (see
            // `crate::mapped`), so that one entity found everywhere does
            // not bring the whole table back.
            if i % RELEASE_EVERY == RELEASE_EVERY - 1 {
                self.mentions.release();
            }
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
    fn the_tables_beside_mentions_given_by_document_are_those_counted_plainly() {
        let mut s = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        let (docs, entities) = (40usize, 9usize);
        // Each document's mentions in order, not overlapping; some
        // documents without any.
        let by_doc: Vec<Vec<Mention>> = (0..docs)
            .map(|d| {
                let n = (next() % 6) as u32;
                (0..n)
                    .map(|k| Mention {
                        doc: DocId(d as u32),
                        start: k * 10,
                        end: k * 10 + 4,
                        entity: EntityId((next() % entities as u64) as u32),
                    })
                    .collect()
            })
            .collect();
        let mut written = Vec::new();
        let beside: Result<Beside, ()> = Beside::of(
            docs,
            entities,
            |f| by_doc.iter().try_for_each(|ms| f(ms)),
            |ms| {
                written.extend_from_slice(ms);
                Ok(())
            },
        );
        let beside = beside.unwrap();
        let all: Vec<Mention> = by_doc.concat();
        assert_eq!(written, all, "the mentions given once, in order");
        // Plainly.
        for d in 0..docs {
            let before = all.iter().filter(|m| (m.doc.0 as usize) < d).count();
            assert_eq!(beside.doc_starts[d] as usize, before);
        }
        assert_eq!(beside.doc_starts[docs] as usize, all.len());
        for e in 0..entities {
            let of_e: Vec<u32> = (0..all.len() as u32)
                .filter(|&i| all[i as usize].entity.0 as usize == e)
                .collect();
            let (from, to) = (beside.entity_starts[e], beside.entity_starts[e + 1]);
            assert_eq!(&beside.by_entity[from as usize..to as usize], &of_e[..]);
            let mut in_docs: Vec<DocId> = of_e.iter().map(|&i| all[i as usize].doc).collect();
            in_docs.dedup();
            assert_eq!(beside.doc_counts[e] as usize, in_docs.len());
        }
        // A failure in either pass is returned.
        let failed = Beside::of(docs, entities, |f| f(&by_doc[1]), |_| Err("full"));
        assert_eq!(failed, Err("full"));
        // A second pass that gives more than the first counted leaves the
        // rest out rather than fail.
        let second = std::cell::Cell::new(false);
        let grown: Result<Beside, ()> = Beside::of(
            docs,
            entities,
            |f| {
                let pass = second.replace(true);
                let n = if pass { docs } else { docs / 2 };
                by_doc[..n].iter().try_for_each(|ms| f(ms))
            },
            |_| Ok(()),
        );
        let half: usize = by_doc[..docs / 2].iter().map(Vec::len).sum();
        assert_eq!(grown.unwrap().by_entity.len(), half);
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

    /// A corpus of `docs` documents (some empty) with mentions of three
    /// entities at pseudo-random places.
    fn scattered(docs: u32, seed: u64) -> EntityIndex {
        let mut b = IndexBuilder::new(docs as usize);
        let mut x = seed;
        let mut next = move |n: u64| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) % n
        };
        for (e, name) in ["Anna", "Bonn", "Ulm"].iter().enumerate() {
            b = b.entity(name, Kind::Place);
            for d in 0..docs {
                if d % 5 == e as u32 {
                    continue; // an empty stretch for each entity
                }
                for _ in 0..next(4) {
                    let start = next(20) as usize * 10 + e * 3;
                    b = b.at(d, start..start + 2);
                }
            }
        }
        b.build()
    }

    #[test]
    fn walks_by_place_match_walks_by_reading_every_mention() {
        for seed in 0..6 {
            let ix = scattered(23, seed);
            let all = ix.mentions();
            for e in 0..3u32 {
                let id = EntityId(e);
                let of: Vec<&Mention> = ix.mentions_of(id).collect();
                // Spread, as counted from the mentions themselves.
                let mut spread: Vec<(DocId, usize)> = Vec::new();
                for m in &of {
                    match spread.iter_mut().find(|(d, _)| *d == m.doc) {
                        Some((_, n)) => *n += 1,
                        None => spread.push((m.doc, 1)),
                    }
                }
                spread.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                assert_eq!(ix.spread(id), spread, "seed {seed} entity {e}");
                for (i, m) in of.iter().enumerate() {
                    assert_eq!(ix.ordinal(m), Some((i + 1, of.len())));
                }
                // Next and previous from every place, between mentions and
                // past the last document too.
                for doc in 0..25u32 {
                    for offset in (0..=205).step_by(3) {
                        let key = (DocId(doc), offset as u32);
                        let next = of
                            .iter()
                            .find(|m| (m.doc, m.start) > key)
                            .or(of.first())
                            .copied();
                        let prev = of
                            .iter()
                            .rev()
                            .find(|m| (m.doc, m.start) < key)
                            .or(of.last())
                            .copied();
                        assert_eq!(ix.next_mention(id, DocId(doc), offset), next, "{key:?}");
                        assert_eq!(ix.prev_mention(id, DocId(doc), offset), prev, "{key:?}");
                    }
                }
            }
            // A mention the index does not hold has no place among its
            // entity's, nor does one put under another entity.
            let m = all[all.len() / 2];
            let moved = Mention {
                start: m.start + 1,
                ..m
            };
            assert_eq!(ix.ordinal(&moved), None);
            let other = Mention {
                entity: EntityId((m.entity.0 + 1) % 3),
                ..m
            };
            assert_eq!(ix.ordinal(&other), None);
            let beyond = Mention {
                doc: DocId(99),
                ..m
            };
            assert_eq!(ix.ordinal(&beyond), None);
        }
    }

    #[test]
    fn tables_checked_ahead_take_only_as_many_entities() {
        let ix = index();
        let entities = ix.entities().to_vec();
        let checked = CheckedTables::check(entities.len(), ix.tables()).unwrap();
        let mut more = entities.clone();
        more.push(Entity::new("Ulm", Kind::Place, vec!["Ulm".into()]));
        assert!(EntityIndex::from_checked(more.into(), checked.clone()).is_err());
        assert!(EntityIndex::from_checked(entities[..1].to_vec().into(), checked.clone()).is_err());
        let back = EntityIndex::from_checked(entities.into(), checked).unwrap();
        assert_eq!(back.mentions(), ix.mentions());
        // Checked for fewer entities than the mentions name: refused.
        assert!(CheckedTables::check(1, ix.tables()).is_err());
    }

    #[test]
    fn find_prefers_names_over_aliases() {
        let ix = index();
        assert_eq!(ix.find("bonn"), Some(EntityId(1)));
        assert_eq!(ix.find("nowhere"), None);
    }
}
