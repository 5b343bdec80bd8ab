//! The entity pipeline: per-document analysis (recognition, then linking
//! within the document; it runs in parallel and is cached per file), then
//! linking across documents, with the user's corrections, into an
//! [`EntityIndex`].

use super::index::LinkedEntity;
use super::link::corrections::Corrections;
use super::link::{self, LocalDoc};
use super::ner::recognize::Recognizer;
use super::{EntityIndex, Recognized};
use crate::corpus::{Corpus, Document};
use rayon::prelude::*;

/// What analysis found in one document: its entities, linked within it.
pub type Analysis = LocalDoc;

/// The mentions recognised in a document, outside its hidden page furniture.
pub fn recognize(doc: &Document) -> Vec<Recognized> {
    doc.text.with(|text| recognize_in(doc, text))
}

/// [`recognize`] over `text`, the document's text.
fn recognize_in(doc: &Document, text: &str) -> Vec<Recognized> {
    Recognizer::get()
        .recognize(text)
        .into_iter()
        .filter(|m| !doc.is_hidden(&m.span))
        .collect()
}

/// Recognise the mentions of one document and link them within it. A text
/// left in its file is read for this and let go again.
pub fn analyse(doc: &Document) -> Analysis {
    doc.text
        .with(|text| link::local(text, &recognize_in(doc, text)))
}

/// Let go of what analysis remembers per thread to go faster (the facts,
/// scores and keys of the words and names seen lately, tens of megabytes
/// per thread), on every thread of the pool and this one, and give the
/// memory back to the system. For when a corpus has been analysed and the
/// rest of the run holds its results: the next analysis fills the memos
/// again, with the same results.
pub fn forget_memos() {
    fn here() {
        super::ner::forget_memos();
        link::forget_memos();
        super::known::forget_seen();
    }
    rayon::broadcast(|_| here());
    here();
    crate::heap::give_back();
}

/// Link the analyses of a corpus (indexed by document) across documents, and
/// apply the user's corrections. `texts[d]` is the text of document `d`.
pub fn link(analyses: &[Analysis], texts: &[&str], corrections: &Corrections) -> Vec<LinkedEntity> {
    let linked = link::global(analyses);
    if corrections.is_empty() {
        linked
    } else {
        corrections.apply(linked, texts)
    }
}

/// [`link`], and the corrections it could not apply, in words (see
/// [`Corrections::apply_noting`]).
pub fn link_noting(
    analyses: &[Analysis],
    texts: &[&str],
    corrections: &Corrections,
) -> (Vec<LinkedEntity>, Vec<String>) {
    let linked = link::global(analyses);
    if corrections.is_empty() {
        (linked, Vec::new())
    } else {
        corrections.apply_noting(linked, texts)
    }
}

/// Analyse and link a whole corpus, using all cores, without corrections.
pub fn extract(corpus: &Corpus) -> EntityIndex {
    let analyses: Vec<Analysis> = corpus.docs().par_iter().map(|d| analyse(d)).collect();
    let texts: Vec<&str> = corpus.docs().iter().map(|d| d.text.as_str()).collect();
    EntityIndex::new(
        corpus.len(),
        link(&analyses, &texts, &Corrections::default()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgetting_the_memos_changes_no_analysis() {
        let doc = Document::from_bytes(
            "a".into(),
            "/c/a.txt".into(),
            "Treffen in Berlin\n\nAngela Merkel traf Wladimir Putin in Moskau. Merkel \
             sagte, die Vereinten Nationen (UNO) seien gefragt."
                .as_bytes(),
        );
        let first = analyse(&doc);
        assert!(first.entities().count() >= 3, "names found");
        forget_memos();
        assert_eq!(analyse(&doc), first, "from empty memos");
        assert_eq!(analyse(&doc), first, "from the memos filled again");
    }
}
