//! Analysing, linking and indexing the articles read: from the index caches
//! where they hold an unchanged corpus or file, else by the entity pipeline
//! on every core; then the caches to write.

use super::cache::{self, IndexCache};
use super::{BATCH, Update, corrections_path, load_corrections};
use crate::corpus::Document;
use crate::entity::EntityIndex;
use crate::entity::pipeline::{self, Analysis};
use crate::quote::{self, QuoteDoc};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// The index caches of a corpus, as read.
pub(super) struct Caches<'a> {
    /// Waits for the per-document cache (read on its own thread).
    pub per_doc: Box<dyn FnOnce() -> Option<IndexCache> + 'a>,
    /// The cached linked index (its bytes, unchecked) and where it lives.
    pub linked: Option<(Option<Vec<u8>>, PathBuf)>,
}

/// Cache files still to be written once the index has been sent: writing
/// them only costs time on this open, so it may go on in the background.
pub(super) struct Save {
    /// The linked-index file and its bytes.
    linked: Option<(PathBuf, Vec<u8>)>,
    /// The per-document cache, when some analyses did not come from it.
    per_doc: Option<PerDoc>,
}

/// The per-document cache with the documents and their analyses.
struct PerDoc {
    cache: IndexCache,
    docs: Vec<Arc<Document>>,
    analyses: Arc<Vec<Analysis>>,
}

impl Save {
    /// Write the caches. Caches that cannot be written only cost time on the
    /// next open.
    pub(super) fn write(self) {
        if let Some((file, bytes)) = self.linked {
            let _ = crate::atomic::write(&file, &bytes);
        }
        if let Some(p) = self.per_doc {
            let _ = p.cache.save_entries(
                p.docs
                    .iter()
                    .zip(p.analyses.iter())
                    .filter_map(|(d, a)| d.stamp.map(|st| (d.path.as_path(), st, a))),
            );
        }
    }
}

/// Analyse (or take from the cache), link and index `docs`, and send the
/// index. `want_analyses`: whether the receiver is the reader, which needs
/// the per-document analyses (to re-link after corrections) and the
/// quotations (sent after the index). Returns the caches to save, or
/// `None` when there is nothing to save or the receiver is gone.
pub(super) fn index(
    docs: &[Arc<Document>],
    caches: Option<Caches<'_>>,
    want_analyses: bool,
    send: &dyn Fn(Update) -> bool,
) -> Option<Save> {
    let (corrections, problem) = load_corrections();
    if let Some(p) = problem
        && !send(Update::Problems(vec![p]))
    {
        return None;
    }
    let (per_doc, linked) = match caches {
        Some(c) => (c.per_doc, c.linked),
        None => (
            Box::new(|| None) as Box<dyn FnOnce() -> Option<IndexCache>>,
            None,
        ),
    };
    let key = linked.as_ref().and_then(|_| {
        let bytes = corrections_path()
            .and_then(|p| crate::regular_file::read(&p, crate::regular_file::USER_FILE_LIMIT).ok())
            .unwrap_or_default();
        cache::corpus_key(docs.iter().map(|d| (d.path.as_path(), d.stamp)), &bytes)
    });
    let (cached, linked_file) = match linked {
        Some((cached, file)) => (cached, Some(file)),
        None => (None, None),
    };
    // An unchanged corpus: the linked index as it was saved. The file is
    // checked against the corpus before anything is built from it.
    if let (Some(key), Some(bytes)) = (key, cached) {
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        match cache::decode_linked(&bytes, key, &texts) {
            Ok(index) => {
                drop(bytes);
                let mentions = want_analyses.then(|| quote_input(&index, docs.len()));
                if !send(Update::Analysed(docs.len())) || !send(Update::Indexed(index, None)) {
                    return None;
                }
                if let Some(mentions) = mentions
                    && !send_quotes(docs, &mentions, send)
                {
                    return None;
                }
                if want_analyses
                    && let Some(analyses) = analyse_all(docs, per_doc().as_mut(), &|_| true)
                {
                    send(Update::Analyses(Arc::new(analyses)));
                }
                return None;
            }
            Err(why) => tracing::info!("linked index cache not used: {why}"),
        }
    }
    let mut per_doc = per_doc();
    let analysing = std::time::Instant::now();
    let analyses = analyse_all(docs, per_doc.as_mut(), &|n| send(Update::Analysed(n)))?;
    tracing::info!(
        "analysed {} articles in {} ms ({} from the index cache)",
        analyses.len(),
        analysing.elapsed().as_millis(),
        per_doc.as_ref().map_or(0, |c| c.hits())
    );
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let linking = std::time::Instant::now();
    let linked = pipeline::link(&analyses, &texts, &corrections);
    tracing::info!("linked in {} ms", linking.elapsed().as_millis());
    let index = EntityIndex::new(docs.len(), linked);
    let linked_bytes = key.map(|k| cache::encode_linked(&index, k, docs.len()));
    let analyses = Arc::new(analyses);
    let mentions = want_analyses.then(|| quote_input(&index, docs.len()));
    if !send(Update::Indexed(index, Some(analyses.clone()))) {
        return None;
    }
    if let Some(mentions) = mentions
        && !send_quotes(docs, &mentions, send)
    {
        return None;
    }
    Some(Save {
        linked: linked_file.zip(linked_bytes),
        per_doc: per_doc
            .filter(|c| c.hits() < docs.len())
            .map(|cache| PerDoc {
                cache,
                docs: docs.to_vec(),
                analyses,
            }),
    })
}

/// What quotation analysis needs of the index: each document's mentions
/// (taken before the index is sent away).
fn quote_input(index: &EntityIndex, docs: usize) -> Vec<Vec<crate::entity::Recognized>> {
    (0..docs)
        .map(|d| quote::corpus::recognized_in(index, crate::corpus::DocId(d as u32)))
        .collect()
}

/// Find the quotations of `docs` (on every core) from their mentions, as
/// `dossier quotes` does, and send them.
fn send_quotes(
    docs: &[Arc<Document>],
    mentions: &[Vec<crate::entity::Recognized>],
    send: &dyn Fn(Update) -> bool,
) -> bool {
    let started = std::time::Instant::now();
    let quotes: Vec<QuoteDoc> = docs
        .par_iter()
        .enumerate()
        .map(|(d, doc)| quote::analyse(&doc.text, mentions.get(d).map_or(&[], |m| m)))
        .collect();
    tracing::info!(
        "found {} quotations in {} ms",
        quotes.iter().map(|q| q.quotes.len()).sum::<usize>(),
        started.elapsed().as_millis()
    );
    send(Update::Quotes(Arc::new(quotes)))
}

/// The analyses of `docs`, from the cache where it has them, in parallel
/// batches; `progress` is told how many are done and stops the work when it
/// returns false.
pub(super) fn analyse_all(
    docs: &[Arc<Document>],
    mut cache: Option<&mut IndexCache>,
    progress: &dyn Fn(usize) -> bool,
) -> Option<Vec<Analysis>> {
    let mut analyses: Vec<Analysis> = Vec::with_capacity(docs.len());
    for chunk in docs.chunks(BATCH) {
        let cached: Vec<Option<Analysis>> = chunk
            .iter()
            .map(|d| {
                let c = cache.as_deref_mut()?;
                // An analysis that does not fit the text (a file changed
                // behind the stamp's back) is made again.
                c.take(&d.path, d.stamp?)
                    .filter(|a| cache::fits(a, &d.text))
            })
            .collect();
        let hits = cached.iter().filter(|a| a.is_some()).count();
        let done: Vec<Analysis> = chunk
            .par_iter()
            .zip(cached)
            .map(|(d, a)| a.unwrap_or_else(|| pipeline::analyse(d)))
            .collect();
        if let Some(c) = cache.as_deref_mut() {
            c.count_hits(hits);
        }
        analyses.extend(done);
        if !progress(analyses.len()) {
            return None;
        }
    }
    Some(analyses)
}
