//! Which report is most like another: cosine similarity of TF-IDF weighted
//! entity vectors, so that entities every report mentions count less than
//! the ones two reports share with few others.

use super::shared::counts_in;
use crate::corpus::{Corpus, DocId};
use crate::entity::{EntityId, EntityIndex};
use std::collections::HashMap;

/// The inverse document frequency of an entity, `ln((N + 1) / df)`: small
/// (but not zero) for an entity every document mentions.
pub fn idf(index: &EntityIndex, doc_count: usize, entity: EntityId) -> f64 {
    let df = index.doc_count(entity).max(1) as f64;
    ((doc_count as f64 + 1.0) / df).ln()
}

/// The TF-IDF entity vector of a document, normalised to length 1.
fn vector(corpus: &Corpus, index: &EntityIndex, doc: DocId) -> HashMap<EntityId, f64> {
    let n = corpus.len();
    let mut v: HashMap<EntityId, f64> = counts_in(corpus, index, doc)
        .into_iter()
        .map(|(e, c)| (e, (1.0 + (c as f64).ln()) * idf(index, n, e)))
        .collect();
    let norm = v.values().map(|x| x * x).sum::<f64>().sqrt();
    if norm > 0.0 {
        v.values_mut().for_each(|x| *x /= norm);
    }
    v
}

/// The entity vectors of every document of a corpus, computed once, for
/// ranking many documents (see [`Vectors::ranked`]).
#[derive(Debug, Clone, Default)]
pub struct Vectors {
    vectors: Vec<HashMap<EntityId, f64>>,
}

impl Vectors {
    /// The vectors of all documents of `corpus`.
    pub fn new(corpus: &Corpus, index: &EntityIndex) -> Vectors {
        Vectors {
            vectors: (0..corpus.len() as u32)
                .map(|d| vector(corpus, index, DocId(d)))
                .collect(),
        }
    }

    /// The cosine similarity of two documents (0 when either is unknown).
    pub fn similarity(&self, a: DocId, b: DocId) -> f64 {
        let (Some(x), Some(y)) = (self.vectors.get(a.index()), self.vectors.get(b.index())) else {
            return 0.0;
        };
        x.iter().filter_map(|(e, p)| y.get(e).map(|q| p * q)).sum()
    }

    /// The other documents ranked by similarity to `doc`, most similar
    /// first (ties by corpus order), those sharing no entity left out.
    pub fn ranked(&self, doc: DocId) -> Vec<(DocId, f64)> {
        let mut out: Vec<(DocId, f64)> = (0..self.vectors.len() as u32)
            .map(DocId)
            .filter(|&d| d != doc)
            .filter_map(|d| {
                let dot = self.similarity(doc, d);
                (dot > 0.0).then_some((d, dot))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }
}

/// The other documents ranked by similarity to `doc`, most similar first,
/// those sharing no entity left out.
pub fn ranked(doc: DocId, corpus: &Corpus, index: &EntityIndex) -> Vec<(DocId, f64)> {
    let base = vector(corpus, index, doc);
    let mut out: Vec<(DocId, f64)> = (0..corpus.len() as u32)
        .map(DocId)
        .filter(|&d| d != doc)
        .filter_map(|d| {
            let v = vector(corpus, index, d);
            let dot: f64 = base
                .iter()
                .filter_map(|(e, x)| v.get(e).map(|y| x * y))
                .sum();
            (dot > 0.0).then_some((d, dot))
        })
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// The document most similar to `doc` by shared entities, if any shares one.
pub fn most_similar(doc: DocId, corpus: &Corpus, index: &EntityIndex) -> Option<DocId> {
    ranked(doc, corpus, index).first().map(|&(d, _)| d)
}
