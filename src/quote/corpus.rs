//! Quotations of a whole corpus: each article analysed in parallel, with
//! the mentions its entity index holds (no second recognition pass).

use super::{QuoteDoc, analyse};
use crate::corpus::{Corpus, DocId};
use crate::entity::{EntityId, EntityIndex, Kind, Mention, Recognized};
use rayon::prelude::*;

/// The mentions of a document as the index holds them, as recognition
/// gave them (span and the kind of their entity).
pub fn recognized_in(index: &EntityIndex, doc: DocId) -> Vec<Recognized> {
    recognized(index.mentions_in(doc), |e| index.entity(e).kind)
}

/// `mentions` as recognition gave them: each span with the kind
/// `kind_of` gives its entity.
pub fn recognized(mentions: &[Mention], kind_of: impl Fn(EntityId) -> Kind) -> Vec<Recognized> {
    mentions
        .iter()
        .map(|m| Recognized {
            span: m.span(),
            kind: kind_of(m.entity),
        })
        .collect()
}

/// The quotations of every document of a corpus, using all cores.
pub fn analyse_corpus(corpus: &Corpus, index: &EntityIndex) -> Vec<QuoteDoc> {
    corpus
        .docs()
        .par_iter()
        .enumerate()
        .map(|(d, doc)| {
            let mentions = recognized_in(index, DocId(d as u32));
            analyse(&doc.text, &mentions)
        })
        .collect()
}
