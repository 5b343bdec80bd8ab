//! The analysis of one document as linking across documents reads it, in a
//! compact layout: a [`LocalDoc`] keeps all the mentions of its entities in
//! one array and all their key lists in another, and each entity is a small
//! head of offsets into both. A corpus of 100,000 articles holds about a
//! million local entities while it is linked, so an entity costs 24 bytes
//! and no allocation of its own, and a mention 16 bytes.
//!
//! Read an entity through the [`LocalEntity`] view that
//! [`LocalDoc::entities`] yields; build a document with [`LocalDoc::push`].

use crate::entity::Kind;
use crate::entity::intern::Name;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::ops::Range;

/// One mention of a local entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalMention {
    /// UTF-8 byte offset of its start in the document text.
    start: u32,
    /// UTF-8 byte offset of its end, exclusive.
    end: u32,
    /// The text of the mention, interned.
    pub surface: Name,
    /// The kind recognition gave it.
    pub kind: Kind,
    /// Whether the surface is an inflected form (`Putins`) of the entity's name.
    pub inflected: bool,
}

impl LocalMention {
    /// A mention at byte range `span`; `None` when an offset does not fit
    /// in 32 bits (a text of 4 GiB or more: no reader reads one).
    pub fn new(span: Range<usize>, surface: Name, kind: Kind, inflected: bool) -> Option<Self> {
        Some(LocalMention {
            start: u32::try_from(span.start).ok()?,
            end: u32::try_from(span.end).ok()?,
            surface,
            kind,
            inflected,
        })
    }

    /// Its byte range in the document text.
    pub fn span(&self) -> Range<usize> {
        self.start()..self.end()
    }

    /// The byte offset of its start.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// The byte offset of its end, exclusive.
    pub fn end(&self) -> usize {
        self.end as usize
    }
}

/// Where one entity's parts end in its document's arrays (each starts
/// where the one before it ends, the first entity's at 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct EntityHead {
    kind: Kind,
    /// End of its mentions in [`LocalDoc::mentions`].
    mentions: u32,
    /// Ends of its keys, stems, surname and family keys in the names array,
    /// in that order (its keys start where the previous entity's family
    /// keys end).
    keys: u32,
    stems: u32,
    surname: u32,
    family: u32,
}

/// The entities of one document, as [`super::local`] links them. It depends
/// on the document's text and mentions only, so it can be cached per
/// document (it serialises with serde; a decoded document whose offsets do
/// not fit together is refused).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LocalDoc {
    /// One head per entity, in order of first mention.
    heads: Vec<EntityHead>,
    /// The mentions of every entity, entity after entity.
    mentions: Vec<LocalMention>,
    /// The key lists of every entity, entity after entity.
    names: Vec<Name>,
}

/// The parts of one entity: what [`LocalDoc::push`] takes and
/// [`LocalEntity::parts`] gives back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityParts<'a> {
    /// The kind most of its mentions have.
    pub kind: Kind,
    /// Its mentions in text order.
    pub mentions: &'a [LocalMention],
    /// Match keys of its names: full names, acronyms, names without designator.
    pub keys: &'a [Name],
    /// Keys of possible stems of inflected-only names (`Nordkoreas` without
    /// `Nordkorea` in the document).
    pub stems: &'a [Name],
    /// For a person known only by one word: the keys of that word (and of
    /// its genitive stems).
    pub surname: &'a [Name],
    /// For a person with a full name: the keys of the family name, and of
    /// the one-word forms the document used for it.
    pub family: &'a [Name],
}

/// A document too large for the compact layout: more than 2³² − 1
/// entities, mentions or key-list entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a document with more than 4294967295 entities, mentions or keys")]
pub struct TooLarge;

impl LocalDoc {
    /// The number of entities.
    pub fn len(&self) -> usize {
        self.heads.len()
    }

    /// Whether it has no entities.
    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// Its entities in order of first mention.
    pub fn entities(&self) -> impl ExactSizeIterator<Item = LocalEntity<'_>> + '_ {
        (0..self.heads.len()).map(move |index| LocalEntity { doc: self, index })
    }

    /// Entity `index`, if there is one.
    pub fn entity(&self, index: usize) -> Option<LocalEntity<'_>> {
        (index < self.heads.len()).then_some(LocalEntity { doc: self, index })
    }

    /// A view of entity `index` (a view past the end is empty).
    pub(super) fn view(&self, index: usize) -> LocalEntity<'_> {
        LocalEntity { doc: self, index }
    }

    /// The mentions of all its entities, entity after entity.
    pub fn mentions(&self) -> &[LocalMention] {
        &self.mentions
    }

    /// Add an entity after the others. Nothing is added when the document
    /// would outgrow 32-bit offsets.
    pub fn push(&mut self, e: EntityParts<'_>) -> Result<(), TooLarge> {
        let end = |at: usize, list: &[Name]| u32::try_from(at + list.len()).map_err(|_| TooLarge);
        u32::try_from(self.heads.len() + 1).map_err(|_| TooLarge)?;
        let mentions =
            u32::try_from(self.mentions.len() + e.mentions.len()).map_err(|_| TooLarge)?;
        let keys = end(self.names.len(), e.keys)?;
        let stems = end(keys as usize, e.stems)?;
        let surname = end(stems as usize, e.surname)?;
        let family = end(surname as usize, e.family)?;
        self.heads.push(EntityHead {
            kind: e.kind,
            mentions,
            keys,
            stems,
            surname,
            family,
        });
        self.mentions.extend_from_slice(e.mentions);
        for list in [e.keys, e.stems, e.surname, e.family] {
            self.names.extend_from_slice(list);
        }
        Ok(())
    }

    /// Make room for `entities` more entities with `mentions` more mentions.
    pub fn reserve(&mut self, entities: usize, mentions: usize) {
        self.heads.reserve_exact(entities);
        self.mentions.reserve_exact(mentions);
    }
}

/// The buffers one thread builds documents in, entity by entity ([`with_builder`]):
/// building a document then allocates only its own three arrays, each of
/// its exact size.
#[derive(Default)]
pub(super) struct Builder {
    doc: LocalDoc,
    /// The mentions of the entity being built.
    pub(super) mentions: Vec<LocalMention>,
    /// Its keys, stems, surname and family keys.
    pub(super) keys: Vec<Name>,
    pub(super) stems: Vec<Name>,
    pub(super) surname: Vec<Name>,
    pub(super) family: Vec<Name>,
}

/// Most mentions a [`Builder`] keeps room for between documents (a
/// megabyte or so): one very long document does not hold its buffers for
/// good.
const KEPT_MENTIONS: usize = 1 << 15;

impl Builder {
    /// Empty the lists of the entity being built.
    pub(super) fn start_entity(&mut self) {
        for list in [
            &mut self.keys,
            &mut self.stems,
            &mut self.surname,
            &mut self.family,
        ] {
            list.clear();
        }
        self.mentions.clear();
    }

    /// Add the entity built to the document. A document of 2³² mentions or
    /// keys cannot be (its text would be longer than any reader reads);
    /// were it so, the entity is left out.
    pub(super) fn finish_entity(&mut self, kind: Kind) {
        let _ = self.doc.push(EntityParts {
            kind,
            mentions: &self.mentions,
            keys: &self.keys,
            stems: &self.stems,
            surname: &self.surname,
            family: &self.family,
        });
    }

    /// The document built, and a fresh start for the next one.
    fn finish(&mut self) -> LocalDoc {
        let doc = self.doc.clone();
        if self.doc.mentions.capacity() > KEPT_MENTIONS {
            *self = Builder::default();
        } else {
            self.doc.heads.clear();
            self.doc.mentions.clear();
            self.doc.names.clear();
        }
        doc
    }
}

thread_local! {
    static BUILDER: std::cell::RefCell<Builder> = std::cell::RefCell::default();
}

/// Let go of this thread's [`Builder`] and its buffers (see
/// [`crate::entity::pipeline::forget_memos`]).
pub(crate) fn forget_builder() {
    BUILDER.with_borrow_mut(|b| *b = Builder::default());
}

/// Build a document with this thread's [`Builder`]: `build` adds the
/// entities.
pub(super) fn with_builder(build: impl FnOnce(&mut Builder)) -> LocalDoc {
    BUILDER.with_borrow_mut(|b| {
        build(b);
        b.finish()
    })
}

/// One entity of a [`LocalDoc`]: a view of its parts, cheap to copy.
#[derive(Clone, Copy)]
pub struct LocalEntity<'a> {
    doc: &'a LocalDoc,
    index: usize,
}

impl<'a> LocalEntity<'a> {
    /// Its head.
    fn head(self) -> Option<&'a EntityHead> {
        self.doc.heads.get(self.index)
    }

    /// Where the previous entity's mentions and names end: where its own
    /// start.
    fn starts(self) -> (u32, u32) {
        self.index
            .checked_sub(1)
            .and_then(|p| self.doc.heads.get(p))
            .map_or((0, 0), |h| (h.mentions, h.family))
    }

    /// The names in `range` of the document's names array.
    fn names(self, range: impl FnOnce(&EntityHead) -> Range<u32>) -> &'a [Name] {
        self.head()
            .map(range)
            .and_then(|r| self.doc.names.get(r.start as usize..r.end as usize))
            .unwrap_or_default()
    }

    /// The kind most of its mentions have.
    pub fn kind(self) -> Kind {
        self.head().map_or(Kind::Other, |h| h.kind)
    }

    /// Its mentions in text order.
    pub fn mentions(self) -> &'a [LocalMention] {
        let start = self.starts().0;
        self.head()
            .and_then(|h| self.doc.mentions.get(start as usize..h.mentions as usize))
            .unwrap_or_default()
    }

    /// Match keys of its names: full names, acronyms, names without designator.
    pub fn keys(self) -> &'a [Name] {
        let start = self.starts().1;
        self.names(|h| start..h.keys)
    }

    /// Keys of possible stems of inflected-only names (`Nordkoreas` without
    /// `Nordkorea` in the document).
    pub fn stems(self) -> &'a [Name] {
        self.names(|h| h.keys..h.stems)
    }

    /// [`LocalEntity::keys`] then [`LocalEntity::stems`], as one slice
    /// (they lie side by side).
    pub fn keys_and_stems(self) -> &'a [Name] {
        let start = self.starts().1;
        self.names(|h| start..h.stems)
    }

    /// For a person known only by one word: the keys of that word (and of
    /// its genitive stems).
    pub fn surname(self) -> &'a [Name] {
        self.names(|h| h.stems..h.surname)
    }

    /// For a person with a full name: the keys of the family name, and of
    /// the one-word forms the document used for it.
    pub fn family(self) -> &'a [Name] {
        self.names(|h| h.surname..h.family)
    }

    /// All its parts at once.
    pub fn parts(self) -> EntityParts<'a> {
        EntityParts {
            kind: self.kind(),
            mentions: self.mentions(),
            keys: self.keys(),
            stems: self.stems(),
            surname: self.surname(),
            family: self.family(),
        }
    }
}

impl fmt::Debug for LocalEntity<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.parts(), f)
    }
}

/// A [`LocalDoc`] as decoded, before its offsets are checked.
#[derive(Deserialize)]
struct Unchecked {
    heads: Vec<EntityHead>,
    mentions: Vec<LocalMention>,
    names: Vec<Name>,
}

impl Unchecked {
    /// The document, if every entity's parts start where the previous one's
    /// end, lie in order and end where the arrays end.
    fn check(self) -> Option<LocalDoc> {
        let (mut mentions, mut names) = (0, 0);
        for h in &self.heads {
            let ordered = mentions <= h.mentions
                && names <= h.keys
                && h.keys <= h.stems
                && h.stems <= h.surname
                && h.surname <= h.family;
            if !ordered {
                return None;
            }
            (mentions, names) = (h.mentions, h.family);
        }
        let fits = mentions as usize == self.mentions.len() && names as usize == self.names.len();
        fits.then_some(LocalDoc {
            heads: self.heads,
            mentions: self.mentions,
            names: self.names,
        })
    }
}

impl<'de> Deserialize<'de> for LocalDoc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<LocalDoc, D::Error> {
        Unchecked::deserialize(d)?.check().ok_or_else(|| {
            serde::de::Error::custom("the offsets of a local document do not fit its arrays")
        })
    }
}

#[cfg(test)]
mod tests;
