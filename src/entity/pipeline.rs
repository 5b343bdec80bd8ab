//! The entity pipeline: per-document analysis (recognition and in-document
//! linking, which run in parallel and can be cached per file), then linking
//! across documents into an [`EntityIndex`].

use super::index::LinkedEntity;
use super::{EntityIndex, Recognized, interim};
use crate::corpus::{Corpus, DocId, Document};
use rayon::prelude::*;

/// What analysis found in one document.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Analysis {
    /// Recognised mentions outside hidden page furniture, in text order.
    pub mentions: Vec<Recognized>,
    /// Each mention's text.
    pub surfaces: Vec<String>,
}

/// Recognise the mentions of one document.
pub fn analyse(doc: &Document) -> Analysis {
    let mentions: Vec<Recognized> = interim::recognize(&doc.text)
        .into_iter()
        .filter(|m| !doc.is_hidden(&m.span))
        .collect();
    let surfaces = mentions
        .iter()
        .map(|m| doc.text[m.span.clone()].to_string())
        .collect();
    Analysis { mentions, surfaces }
}

/// Link the analyses of a corpus (indexed by [`DocId`]) into entities.
pub fn link(analyses: &[Analysis]) -> Vec<LinkedEntity> {
    interim::link(analyses)
}

/// Analyse and link a whole corpus, using all cores.
pub fn extract(corpus: &Corpus) -> EntityIndex {
    let analyses: Vec<Analysis> = corpus.docs().par_iter().map(|d| analyse(d)).collect();
    EntityIndex::new(corpus.len(), link(&analyses))
}

/// The document a linked mention belongs to, for callers that build indexes
/// from analyses in another order.
pub fn doc_of(i: usize) -> DocId {
    DocId(i as u32)
}
