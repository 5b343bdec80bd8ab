//! Entity indexes built by hand, for tests and examples that need an
//! [`EntityIndex`] without running recognition and linking.
//!
//! ```
//! use dossier::entity::Kind;
//! use dossier::entity::fixture::IndexBuilder;
//!
//! let texts = ["Anna Berger traf in Genf ein. Berger sagte, Genf sei schön."];
//! let index = IndexBuilder::over(&texts)
//!     .entity("Anna Berger", Kind::Person)
//!     .found(0, "Anna Berger", 0)
//!     .found(0, "Berger", 1)
//!     .entity("Genf", Kind::Place)
//!     .everywhere("Genf")
//!     .build();
//! assert_eq!(index.len(), 2);
//! assert_eq!(index.mentions().len(), 4);
//! ```

use super::index::{Entity, EntityIndex, LinkedEntity};
use super::kind::Kind;
use crate::corpus::DocId;
use std::ops::Range;

/// The byte range of the `nth` (from 0) occurrence of `needle` in `text`.
///
/// # Panics
///
/// If `text` holds fewer than `nth + 1` occurrences of `needle`.
pub fn span_of(text: &str, needle: &str, nth: usize) -> Range<usize> {
    let start = text.match_indices(needle).nth(nth).expect(needle).0;
    start..start + needle.len()
}

/// Builds an [`EntityIndex`] entity by entity: each entity is added with
/// [`entity`](Self::entity) (or [`with_entity`](Self::with_entity)), and
/// the mentions given after it are its own, in the order given.
///
/// Mentions are byte ranges ([`at`](Self::at)) or, for a builder made
/// [`over`](Self::over) the documents' texts, found in them
/// ([`found`](Self::found), [`everywhere`](Self::everywhere)). The index is
/// made by [`EntityIndex::new`], so overlapping mentions are dropped as
/// linking's are.
#[derive(Debug, Clone, Default)]
pub struct IndexBuilder<'t> {
    docs: usize,
    texts: Vec<&'t str>,
    linked: Vec<LinkedEntity>,
}

impl<'t> IndexBuilder<'t> {
    /// An empty index over a corpus of `docs` documents, whose mentions are
    /// given as byte ranges.
    pub fn new(docs: usize) -> IndexBuilder<'t> {
        IndexBuilder {
            docs,
            texts: Vec::new(),
            linked: Vec::new(),
        }
    }

    /// An empty index over a corpus of these texts (document `i` is
    /// `texts[i]`), whose mentions may also be found in them.
    pub fn over(texts: &[&'t str]) -> IndexBuilder<'t> {
        IndexBuilder {
            docs: texts.len(),
            texts: texts.to_vec(),
            linked: Vec::new(),
        }
    }

    /// Add an entity named `name`, its only alias, as [`Entity::new`] makes
    /// it (the key a slug of the name).
    pub fn entity(self, name: &str, kind: Kind) -> IndexBuilder<'t> {
        self.with_entity(Entity::new(name, kind, vec![name.to_string()]))
    }

    /// Add an entity made by hand: with more aliases, candidates or
    /// evidence.
    pub fn with_entity(mut self, entity: Entity) -> IndexBuilder<'t> {
        self.linked.push(LinkedEntity {
            entity,
            mentions: Vec::new(),
        });
        self
    }

    /// A mention of the last entity added: `span` in document `doc`.
    ///
    /// # Panics
    ///
    /// If no entity has been added yet.
    pub fn at(mut self, doc: u32, span: Range<usize>) -> IndexBuilder<'t> {
        self.last().mentions.push((DocId(doc), span));
        self
    }

    /// A mention of the last entity added: the `nth` (from 0) occurrence of
    /// `needle` in the text of document `doc` (see [`span_of`]).
    ///
    /// # Panics
    ///
    /// If no entity has been added yet, if the builder was not made
    /// [`over`](Self::over) texts, or if the text holds no such occurrence.
    pub fn found(self, doc: u32, needle: &str, nth: usize) -> IndexBuilder<'t> {
        let span = span_of(self.text(doc), needle, nth);
        self.at(doc, span)
    }

    /// Mentions of the last entity added: every whole-word occurrence of
    /// `alias` (no letter or digit just before or after it) in every text,
    /// in corpus order.
    ///
    /// # Panics
    ///
    /// If no entity has been added yet.
    pub fn everywhere(mut self, alias: &str) -> IndexBuilder<'t> {
        let mut found = Vec::new();
        for (d, text) in self.texts.iter().enumerate() {
            for (start, m) in text.match_indices(alias) {
                let end = start + m.len();
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                if !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
                {
                    found.push((DocId(d as u32), start..end));
                }
            }
        }
        self.last().mentions.extend(found);
        self
    }

    /// The entities with their mentions as linking hands them over, not yet
    /// indexed.
    pub fn linked(self) -> Vec<LinkedEntity> {
        self.linked
    }

    /// The index.
    pub fn build(self) -> EntityIndex {
        EntityIndex::new(self.docs, self.linked)
    }

    fn last(&mut self) -> &mut LinkedEntity {
        self.linked
            .last_mut()
            .expect("a mention before any entity was added")
    }

    fn text(&self, doc: u32) -> &'t str {
        self.texts
            .get(doc as usize)
            .copied()
            .expect("no text for the document: make the builder over the texts")
    }
}
