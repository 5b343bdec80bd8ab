//! Entities: recognising people, places and organizations in German news text,
//! and linking their mentions within and across documents.
//!
//! The pipeline is: text → [`Recognized`] mentions (byte span and kind) per
//! document → [`link::local`] entities per document (parallel, cacheable) →
//! [`link::global`] linked [`Entity`]s across documents, with
//! [`corrections`] by the user applied on top → the [`EntityIndex`] the reader
//! navigates. [`normalize`] holds the match keys linking compares, [`json`]
//! the JSON form of the result, and [`eval`] scores it against a gold file.

pub mod conll;
pub mod corrections;
pub mod eval;
pub mod features;
pub mod index;
pub mod intern;
pub mod json;
pub mod kind;
pub mod lexicon;
pub mod link;
pub mod normalize;
pub mod pipeline;
pub mod recognize;
pub mod table;
pub mod tagger;
pub mod token;
pub mod train;
pub mod word_scores;

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
