//! The analysis of one document as linking across documents reads it, in a
//! compact layout: a [`LocalDoc`] keeps all the mentions of its entities in
//! one array and all their key lists in another, and each entity is a small
//! head of offsets into both. A corpus of 100,000 articles holds about a
//! million local entities while it is linked (a million articles, twelve
//! million), so an entity costs 16 bytes and no allocation of its own, and
//! a mention 12 bytes.
//!
//! Read an entity through the [`LocalEntity`] view that
//! [`LocalDoc::entities`] yields; build a document with a
//! [`LocalDocBuilder`].

use crate::entity::Kind;
use crate::entity::intern::Name;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::ops::Range;

/// One mention of a local entity: 12 bytes (its end is kept as a 16-bit
/// length: no name is 64 KiB long).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalMention {
    /// UTF-8 byte offset of its start in the document text.
    start: u32,
    /// The text of the mention, interned.
    pub surface: Name,
    /// Its length in bytes.
    len: u16,
    /// The kind recognition gave it.
    pub kind: Kind,
    /// Whether the surface is an inflected form (`Putins`) of the entity's name.
    pub inflected: bool,
}

impl LocalMention {
    /// A mention at byte range `span`; `None` when its start does not fit
    /// in 32 bits (a text of 4 GiB or more: no reader reads one) or it is
    /// 64 KiB long or longer (no name is; such a span is not a mention).
    pub fn new(span: Range<usize>, surface: Name, kind: Kind, inflected: bool) -> Option<Self> {
        Some(LocalMention {
            start: u32::try_from(span.start).ok()?,
            surface,
            len: u16::try_from(span.end.checked_sub(span.start)?).ok()?,
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
        self.start as usize + self.len as usize
    }
}

/// Where one entity's parts end in its document's arrays (each starts
/// where the one before it ends, the first entity's at 0): 16 bytes. Its
/// names are its keys, stems, surname and family keys, in that order; the
/// last three lists are counted in 16 bits (at most [`MAX_LIST`] names
/// each), the keys take the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct EntityHead {
    /// End of its mentions in [`LocalDoc::mentions`].
    mentions: u32,
    /// End of its names (its family keys) in the names array.
    names: u32,
    /// How many stems, surname keys and family keys it has.
    stems: u16,
    surname: u16,
    family: u16,
    kind: Kind,
}

/// Most stems, surname keys or family keys an entity keeps: a name's
/// one-word forms and stems are a handful; more are dropped.
pub const MAX_LIST: usize = u16::MAX as usize;

impl EntityHead {
    /// Where its keys, stems, surname and family keys end in the names
    /// array, given where its names start; `None` when the counts do not
    /// fit between the two (a decoded head that does not hold together).
    fn ends(&self, start: u32) -> Option<[u32; 4]> {
        let family = self.names;
        let surname = family.checked_sub(self.family.into())?;
        let stems = surname.checked_sub(self.surname.into())?;
        let keys = stems.checked_sub(self.stems.into())?;
        (start <= keys).then_some([keys, stems, surname, family])
    }
}

/// The entities of one document, as [`super::local`] links them. It depends
/// on the document's text and mentions only, so it can be cached per
/// document (it serialises with serde; a decoded document whose offsets do
/// not fit together is refused).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LocalDoc {
    /// One head per entity, in order of first mention.
    heads: Box<[EntityHead]>,
    /// The mentions of every entity, entity after entity.
    mentions: Box<[LocalMention]>,
    /// The key lists of every entity, entity after entity.
    names: Box<[Name]>,
}

/// A [`LocalDoc`] being built, entity after entity ([`LocalDocBuilder::push`]);
/// [`LocalDocBuilder::finish`] gives the document, its arrays of their
/// exact size (48 bytes and three allocations a document: a million
/// articles are linked at once).
#[derive(Debug, Clone, Default)]
pub struct LocalDocBuilder {
    heads: Vec<EntityHead>,
    mentions: Vec<LocalMention>,
    names: Vec<Name>,
}

/// The parts of one entity: what [`LocalDocBuilder::push`] takes and
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
}

impl LocalDocBuilder {
    /// Add an entity after the others, with at most [`MAX_LIST`] stems,
    /// surname keys and family keys (the first ones). Nothing is added when
    /// the document would outgrow 32-bit offsets.
    pub fn push(&mut self, e: EntityParts<'_>) -> Result<(), TooLarge> {
        let short = |list: &[Name]| -> (usize, u16) {
            let n = list.len().min(MAX_LIST);
            (n, n as u16)
        };
        let (stems, surname, family) = (short(e.stems), short(e.surname), short(e.family));
        u32::try_from(self.heads.len() + 1).map_err(|_| TooLarge)?;
        let mentions =
            u32::try_from(self.mentions.len() + e.mentions.len()).map_err(|_| TooLarge)?;
        let names = self.names.len() + e.keys.len() + stems.0 + surname.0 + family.0;
        let names = u32::try_from(names).map_err(|_| TooLarge)?;
        self.heads.push(EntityHead {
            mentions,
            names,
            stems: stems.1,
            surname: surname.1,
            family: family.1,
            kind: e.kind,
        });
        self.mentions.extend_from_slice(e.mentions);
        self.names.extend_from_slice(e.keys);
        for (list, (n, _)) in [(e.stems, stems), (e.surname, surname), (e.family, family)] {
            self.names.extend_from_slice(&list[..n]);
        }
        Ok(())
    }

    /// Make room for `entities` more entities with `mentions` more mentions.
    pub fn reserve(&mut self, entities: usize, mentions: usize) {
        self.heads.reserve_exact(entities);
        self.mentions.reserve_exact(mentions);
    }

    /// The document built.
    pub fn finish(self) -> LocalDoc {
        LocalDoc {
            heads: self.heads.into(),
            mentions: self.mentions.into(),
            names: self.names.into(),
        }
    }
}

/// The buffers one thread builds documents in, entity by entity ([`with_builder`]):
/// building a document then allocates only its own three arrays, each of
/// its exact size.
#[derive(Default)]
pub(super) struct Builder {
    doc: LocalDocBuilder,
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
        // A copy is of the exact size; the buffers stay for the next one.
        let doc = self.doc.clone().finish();
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
            .map_or((0, 0), |h| (h.mentions, h.names))
    }

    /// Its names from bound `from` to bound `to`, where bound 0 is where
    /// its keys start and bounds 1 to 4 where its keys, stems, surname and
    /// family keys end.
    fn names(self, from: usize, to: usize) -> &'a [Name] {
        let start = self.starts().1;
        self.head()
            .and_then(|h| h.ends(start))
            .and_then(|ends| {
                let at = |i: usize| if i == 0 { start } else { ends[i - 1] } as usize;
                self.doc.names.get(at(from)..at(to))
            })
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
        self.names(0, 1)
    }

    /// Keys of possible stems of inflected-only names (`Nordkoreas` without
    /// `Nordkorea` in the document).
    pub fn stems(self) -> &'a [Name] {
        self.names(1, 2)
    }

    /// [`LocalEntity::keys`] then [`LocalEntity::stems`], as one slice
    /// (they lie side by side).
    pub fn keys_and_stems(self) -> &'a [Name] {
        self.names(0, 2)
    }

    /// For a person known only by one word: the keys of that word (and of
    /// its genitive stems).
    pub fn surname(self) -> &'a [Name] {
        self.names(2, 3)
    }

    /// For a person with a full name: the keys of the family name, and of
    /// the one-word forms the document used for it.
    pub fn family(self) -> &'a [Name] {
        self.names(3, 4)
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
            if mentions > h.mentions || h.ends(names).is_none() {
                return None;
            }
            (mentions, names) = (h.mentions, h.names);
        }
        let fits = mentions as usize == self.mentions.len() && names as usize == self.names.len();
        fits.then(|| LocalDoc {
            heads: self.heads.into(),
            mentions: self.mentions.into(),
            names: self.names.into(),
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
