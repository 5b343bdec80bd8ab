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

/// Articles in a run of [`analyse_run`], as a cold open gives each core.
pub const RUN: usize = 512;

/// [`analyse`] each of a run of documents, one step at a time: every
/// document's mentions are recognised, then every document's are linked.
/// Each step keeps what it reads most (the word scores, the name tables)
/// in the processor's caches over the whole run instead of taking turns
/// with the other step for every document: at 100,000 articles on two
/// cores, 7.7 s in runs of 512 articles against 8.7 s one article at a
/// time. The run's texts are held until it is done (a text left in its
/// file is read once for both steps).
pub fn analyse_run(docs: &[&Document]) -> Vec<Analysis> {
    analyse_texts(docs, docs.iter().map(|d| d.text.held()).collect())
}

/// As [`analyse_run`], with the texts of `docs` given (`texts[i]` is the
/// text of `docs[i]`, as it was read).
pub fn analyse_texts(docs: &[&Document], texts: Vec<std::borrow::Cow<'_, str>>) -> Vec<Analysis> {
    debug_assert_eq!(docs.len(), texts.len());
    let recognized: Vec<Vec<Recognized>> = docs
        .iter()
        .zip(&texts)
        .map(|(d, t)| recognize_in(d, t))
        .collect();
    texts
        .iter()
        .zip(&recognized)
        .map(|(t, r)| link::local(t, r))
        .collect()
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
        // Each thread's allocator heap holds what its memos freed.
        crate::heap::give_back();
    }
    rayon::broadcast(|_| here());
    here();
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

/// [`link`] made into the [`EntityIndex`] of a corpus of `doc_count`
/// documents. Without corrections, and with an analysis for each document,
/// the index is built straight from the analyses ([`link::global_index`]),
/// which holds far less at once; otherwise from the linked entities
/// ([`EntityIndex::new`]). Either way the same index as
/// `EntityIndex::new(doc_count, link(…))`.
pub fn link_index(
    doc_count: usize,
    analyses: &[Analysis],
    texts: &[&str],
    corrections: &Corrections,
) -> EntityIndex {
    if corrections.is_empty() && analyses.len() == doc_count {
        link::global_index(analyses)
    } else {
        EntityIndex::new(doc_count, link(analyses, texts, corrections))
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
    link::global_index(&analyses)
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

    #[test]
    fn a_run_analyses_each_document_as_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let texts = [
            "Treffen in Berlin\n\nAngela Merkel traf Wladimir Putin in Moskau.",
            "Gipfel\n\nKim Jong Un reiste nach Wladiwostok. Kim traf dort Putin.",
            "Regen\n\nEs regnete den ganzen Tag.",
            "Die Vereinten Nationen (UNO) tagten in New York. Die UNO warnte.",
        ];
        let mut docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let path = dir.path().join(format!("{i}.txt"));
                std::fs::write(&path, t).expect("write");
                crate::corpus::load::read_file(&path, i.to_string()).expect("read")
            })
            .collect();
        // One text left in its file, read again for the run.
        docs[1].leave_text_in_file();
        assert!(!docs[1].text.is_loaded());
        let alone: Vec<Analysis> = docs.iter().map(analyse).collect();
        assert!(alone[1].entities().count() >= 2, "names found");
        let run: Vec<&Document> = docs.iter().collect();
        assert_eq!(analyse_run(&run), alone);
        assert_eq!(analyse_run(&run[1..3]), alone[1..3]);
        assert!(analyse_run(&[]).is_empty());
    }
}
