//! Entities: recognising people, places and organizations in German news text,
//! and linking their mentions within and across documents.
//!
//! Three rooms, one per concern:
//!
//! - [`ner`]: recognition, the statistical tagger and its rules: text →
//!   [`Recognized`] mentions (byte span and kind) per document;
//! - [`link`]: linking, [`link::local`] entities per document (parallel,
//!   cacheable) → [`link::global`] linked [`Entity`]s across documents, with
//!   the user's [`link::corrections`] applied on top; [`link::keys`] holds the
//!   match keys linking compares;
//! - [`eval`]: measuring against gold files (and, with the `train` feature,
//!   training the tagger).
//!
//! Around them: [`pipeline`] runs the steps, [`index`] is the
//! [`EntityIndex`] the reader navigates, [`json`] the JSON form of the
//! result ([`analysis_json`] that of one article's analysis), [`intern`]
//! stores each name once, [`table`] holds the index's tables (owned or
//! read in place), [`kind`] says what an entity is, and [`fixture`]
//! builds an index by hand for tests that need one without recognition and
//! linking. (The cache of analyses on disk is
//! [`crate::ingest::cache`].)

pub mod analysis_json;
pub mod entity_table;
pub mod eval;
pub mod evidence;
pub mod fixture;
pub mod index;
pub mod intern;
pub mod json;
pub mod kind;
pub mod known;
pub mod link;
pub mod ner;
pub mod pipeline;
pub mod stored_evidence;
pub mod table;

pub use entity_table::{EntityRef, EntityTable, Names};
pub use index::{Entity, EntityId, EntityIndex, LinkedEntity, Mention};
pub use kind::Kind;

use std::ops::Range;

/// A mention found by recognition in one document, before linking.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Recognized {
    /// UTF-8 byte range into the document text, end exclusive.
    pub span: Range<usize>,
    /// What the mention names.
    pub kind: Kind,
}
