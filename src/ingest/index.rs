//! Analysing, linking and indexing the articles read: from the index caches
//! where they hold an unchanged corpus or file, else by the entity pipeline
//! on every core; then the caches to write.

use super::analyses::Analyses;
use super::cache::{self, IndexCache};
use super::held_texts::HandedText;
use super::linked_file::{self, LinkedFile, Rejected};
use super::quote_cache::{self, QuoteCache};
use super::{BATCH, Update, corrections_path, load_corrections};
use crate::corpus::Document;
use crate::entity::EntityIndex;
use crate::entity::pipeline::{self, Analysis};
use crate::quote::table::QuoteTable;
use crate::quote::{self, QuoteDoc};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// The index caches of a corpus, as read.
pub(super) struct Caches<'a> {
    /// Waits for the per-document cache (read on its own thread).
    pub per_doc: Box<dyn FnOnce() -> Option<IndexCache> + 'a>,
    /// The cached linked index (read, unchecked) and where it lives.
    pub linked: Option<(Option<LinkedFile>, PathBuf)>,
    /// Where the quotations and the word index are cached (read when they
    /// are needed).
    pub after: AfterIndex,
    /// The cache directory and opened paths of the per-document cache, for
    /// analyses left on disk after a cached index.
    pub analyses_at: Option<(PathBuf, Vec<PathBuf>)>,
    /// When the articles began to be read (nanoseconds since the epoch),
    /// for the document table of the linked index.
    pub read_ns: i128,
}

/// The cache files of what the reader gets after the index: the
/// quotations and the word index for search.
#[derive(Default)]
pub(super) struct AfterIndex {
    /// The quotation cache.
    pub quotes: Option<PathBuf>,
    /// The word index.
    pub words: Option<PathBuf>,
}

impl AfterIndex {
    /// The files of the corpus opened from `roots` in the cache directory
    /// `dir` (none without one).
    pub(super) fn in_cache(dir: Option<&std::path::Path>, roots: &[PathBuf]) -> AfterIndex {
        AfterIndex {
            quotes: dir.map(|d| quote_cache::quotes_file_for(d, roots)),
            words: dir.map(|d| super::words::words_file_for(d, roots)),
        }
    }
}

/// Cache files still to be written once the index has been sent (the
/// quotation cache, when some quotations did not come from it): writing
/// them only costs time on this open, so it may go on in the background.
pub(super) struct Save(QuoteSave);

/// The quotation cache file to write and what goes in it: each article's
/// quotations, from the cache read (those found there) or encoded anew, and
/// the [`quote_cache::input_key`] of their mentions.
struct QuoteSave {
    file: PathBuf,
    docs: Vec<Arc<Document>>,
    keys: Vec<u64>,
    /// Whether each article's quotations came from `cache`.
    hit: Vec<bool>,
    cache: QuoteCache,
    /// The quotations of the others, encoded, in order.
    fresh: quote_cache::Encoded,
}

/// The receiver is gone: stop the work.
struct Gone;

impl Save {
    /// Write the caches. Caches that cannot be written only cost time on the
    /// next open.
    pub(super) fn write(self) {
        let q = self.0;
        // Every article found again has its bytes in `fresh`, in order, so
        // they are taken before anything is skipped. The entries are read
        // twice (counted, then written), so the place in `fresh` goes with
        // the iterator, not beside it.
        let entries = q
            .docs
            .iter()
            .zip(&q.keys)
            .zip(&q.hit)
            .scan(q.fresh.iter(), |fresh, ((d, k), &hit)| {
                let bytes = if hit {
                    q.cache.entry(&d.path).map(|e| e.bytes().into())
                } else {
                    fresh.next()
                };
                Some(bytes.and_then(|b| d.stamp.map(|st| (&*d.path, st, *k, b))))
            })
            .flatten();
        let _ = QuoteCache::write(&q.file, entries);
    }
}

/// Analyse (or take from the cache), link and index `docs`, and send the
/// index; `ahead` holds their analyses when they were made as the articles
/// were read (a cold open without a linked index to check, see
/// [`super::analyse_while_reading`]), from the per-document cache in
/// `caches` where it had them. `want_analyses`: whether the receiver is
/// the reader, which needs the per-document analyses (to re-link after
/// corrections) and the quotations (sent after the index), then the word
/// index, the quotation cache written beside it ([`send_words`]), so
/// nothing is left to save:
/// `None` always (the type is [`send_cached`]'s, which may leave the cache
/// to save when the receiver goes away before the word index).
pub(super) fn index(
    docs: &[Arc<Document>],
    caches: Option<Caches<'_>>,
    want_analyses: bool,
    send: &dyn Fn(Update) -> bool,
    ahead: Option<Vec<Analysis>>,
) -> Option<Save> {
    let (corrections, problem) = load_corrections();
    if let Some(p) = problem
        && !send(Update::Problems(vec![p]))
    {
        return None;
    }
    let (per_doc, linked, after, analyses_at, read_ns) = match caches {
        Some(c) => (c.per_doc, c.linked, c.after, c.analyses_at, c.read_ns),
        None => (
            Box::new(|| None) as Box<dyn FnOnce() -> Option<IndexCache>>,
            None,
            AfterIndex::default(),
            None,
            0,
        ),
    };
    let key = linked.as_ref().and_then(|_| {
        cache::corpus_key(
            docs.iter().map(|d| (&*d.path, d.stamp)),
            &corrections_bytes(),
        )
    });
    let (cached, linked_path) = match linked {
        Some((cached, file)) => (cached, Some(file)),
        None => (None, None),
    };
    // An unchanged corpus: the linked index as it was saved. The file is
    // checked against the corpus before anything is built from it.
    if let (Some(key), Some(file)) = (key, cached) {
        let held = crate::corpus::texts_at_once(docs);
        let texts: Vec<&str> = held.iter().map(|t| t.as_ref()).collect();
        let opening = std::time::Instant::now();
        match linked_file::open(&file, key, &texts) {
            Ok(index) => {
                // The index keeps the file's tables, not its records.
                drop((file, held));
                tracing::info!(
                    "linked index read in place in {} ms ({} entities, {} mentions)",
                    opening.elapsed().as_millis(),
                    index.len(),
                    index.mentions().len()
                );
                return send_cached(
                    docs,
                    index,
                    after,
                    analyses_at,
                    per_doc,
                    want_analyses,
                    send,
                );
            }
            // A changed corpus is the ordinary case; a file that fails its
            // checks is worth a warning (it is replaced after linking).
            Err(Rejected::OtherCorpus) => {
                tracing::info!("linked index cache not used: built for another corpus")
            }
            Err(why) => log_rejected(&why, linked_path.as_deref()),
        }
    }
    let mut per_doc = per_doc();
    let analyses = match ahead {
        Some(analyses) => analyses,
        None => {
            let analysing = std::time::Instant::now();
            let analyses = analyse_all(docs, per_doc.as_mut(), &|n| send(Update::Analysed(n)))?;
            tracing::info!(
                "analysed {} articles in {} ms ({} from the index cache)",
                analyses.len(),
                analysing.elapsed().as_millis(),
                per_doc.as_ref().map_or(0, |c| c.hits())
            );
            analyses
        }
    };
    // Only the corrections read the texts.
    let held = if corrections.is_empty() {
        Vec::new()
    } else {
        crate::corpus::texts_at_once(docs)
    };
    let texts: Vec<&str> = held.iter().map(|t| t.as_ref()).collect();
    let linking = std::time::Instant::now();
    // Without corrections, and with a linked-index file to write, the
    // index is linked straight into its file and read back from there
    // (`linked_file::link_into`): the corpus's entities are never held
    // beside linking's tables. Otherwise it is made in memory.
    let into_file = key
        .zip(linked_path.as_deref())
        .filter(|_| corrections.is_empty() && analyses.len() == docs.len());
    let linked = match into_file {
        Some((key, file)) => Linked::File {
            key,
            file,
            written: linked_file::link_into(file, &analyses, key, docs, read_ns),
        },
        None => Linked::Index(pipeline::link_index(
            docs.len(),
            &analyses,
            &texts,
            &corrections,
        )),
    };
    drop(held);
    tracing::info!("linked in {} ms", linking.elapsed().as_millis());
    let index = match linked {
        Linked::Index(index) => {
            write_linked(&index, key.zip(linked_path.as_deref()), docs, read_ns);
            index
        }
        Linked::File { key, file, written } => read_back(file, written, key, docs, &analyses),
    };
    let mentions = want_analyses.then(|| QuoteInput::of(&index));
    // The analyses go to the per-document cache once the index is sent,
    // not while it is linked (the two cores link; at a million articles
    // the cache takes 3 s of one): the reader is shown the index first.
    // Without that cache, the reader takes them with the index.
    let on_disk = match per_doc {
        None => {
            let in_memory = want_analyses.then(|| Arc::new(analyses));
            if !send(Update::Indexed(index, in_memory)) {
                return None;
            }
            None
        }
        Some(per_doc) => {
            let sent = send(Update::Indexed(index, None));
            // Saved even when the receiver has gone: the next open
            // needs them.
            let saved = save(docs, &analyses, &per_doc);
            drop(per_doc);
            if !sent {
                return None;
            }
            match keep(docs, analyses, saved, analyses_at) {
                Kept::InMemory(a) => want_analyses.then(|| Analyses::ready(Arc::new(a))),
                Kept::OnDisk(a) => want_analyses.then_some(a),
            }
        }
    };
    if let Some(a) = on_disk
        && !send(Update::Analyses(a))
    {
        return None;
    }
    if let Some(m) = mentions {
        let quotes = send_quotes(docs, &m, after.quotes.as_ref(), send).ok()?;
        drop(m);
        send_words(docs, after.words.as_deref(), quotes, send);
    }
    None
}

/// Build (or read) and send the word index of `docs` while the quotation
/// cache (`quotes`, when some quotations did not come from it) is written
/// on a thread beside it: what the cache is written from (the quotations
/// found anew, encoded: 180 MB at a million articles) is let go a second
/// or two into the build instead of held through it.
fn send_words(
    docs: &[Arc<Document>],
    words: Option<&std::path::Path>,
    quotes: Option<QuoteSave>,
    send: &dyn Fn(Update) -> bool,
) {
    std::thread::scope(|s| {
        if let Some(q) = quotes {
            s.spawn(move || Save(q).write());
        }
        super::words::send(docs, words, send);
    });
}

/// What linking made: the index, or its file (for the corpus key `key`)
/// and the header written (or why it could not be).
enum Linked<'a> {
    Index(EntityIndex),
    File {
        key: u64,
        file: &'a std::path::Path,
        written: std::io::Result<Vec<u8>>,
    },
}

/// Write the linked-index file of `index` to `file` (where there is one
/// and a key to write it with), as it is made, before the index is sent
/// away: its bytes are never held (750 MB at a million articles).
fn write_linked(
    index: &EntityIndex,
    to: Option<(u64, &std::path::Path)>,
    docs: &[Arc<Document>],
    read_ns: i128,
) {
    let Some((key, file)) = to else {
        return;
    };
    let writing = std::time::Instant::now();
    match linked_file::write_with_docs(file, index, key, docs, read_ns) {
        Ok(()) => tracing::info!(
            "wrote the linked index in {} ms",
            writing.elapsed().as_millis()
        ),
        Err(e) => tracing::warn!("the linked index cache could not be written: {e}"),
    }
}

/// The index linked into `file` (`written`: the header written, or why
/// it could not be), read back as a warm open reads it; when it was not
/// written or cannot be read back, linked again in memory from the
/// analyses `kept` (with a warning).
fn read_back(
    file: &std::path::Path,
    written: std::io::Result<Vec<u8>>,
    key: u64,
    docs: &[Arc<Document>],
    analyses: &[Analysis],
) -> EntityIndex {
    let reading = std::time::Instant::now();
    let lens: Vec<usize> = docs.iter().map(|d| d.text.len()).collect();
    let read = written.map_err(|e| e.to_string()).and_then(|header| {
        linked_file::open_written(file, &header, key, &lens).map_err(|e| e.to_string())
    });
    match read {
        Ok(index) => {
            tracing::info!(
                "linked into {} and read back in {} ms",
                file.display(),
                reading.elapsed().as_millis()
            );
            index
        }
        Err(why) => {
            tracing::warn!(
                "the linked index could not be written to {} and read back ({why}); linking in memory",
                file.display()
            );
            // No corrections: only then is a corpus linked into its file.
            let none = Default::default();
            pipeline::link_index(docs.len(), analyses, &[], &none)
        }
    }
}

/// Where the analyses a corpus was linked from are kept for a correction,
/// which links again from them.
enum Kept {
    /// In memory: there is no per-document cache, or it could not be
    /// written.
    InMemory(Vec<Analysis>),
    /// In the per-document cache, read back when a correction is made.
    OnDisk(Analyses),
}

/// Write the analyses of `docs` to the per-document `cache` (when some did
/// not come from it). Returns whether the cache holds them all now.
fn save(docs: &[Arc<Document>], analyses: &[Analysis], cache: &IndexCache) -> bool {
    if cache.hits() == docs.len() {
        return true;
    }
    let saving = std::time::Instant::now();
    let saved = cache.save_entries(
        docs.iter()
            .zip(analyses)
            .filter_map(|(d, a)| d.stamp.map(|st| (&*d.path, st, a))),
    );
    match saved {
        Ok(()) => {
            tracing::info!(
                "wrote the analyses to the index cache in {} ms",
                saving.elapsed().as_millis()
            );
            true
        }
        Err(e) => {
            tracing::warn!("the index cache could not be written: {e}");
            false
        }
    }
}

/// Keep the analyses `docs` were linked from: when they are `saved` in the
/// per-document cache in `at`, let go, so that the rest of the run (the
/// quotations, the word index) does not hold them beside everything
/// else (they are the largest thing a cold open makes), and read back from
/// there when a correction needs them.
fn keep(
    docs: &[Arc<Document>],
    analyses: Vec<Analysis>,
    saved: bool,
    at: Option<(PathBuf, Vec<PathBuf>)>,
) -> Kept {
    let Some((dir, roots)) = at.filter(|_| saved) else {
        return Kept::InMemory(analyses);
    };
    drop(analyses);
    crate::heap::give_back();
    Kept::OnDisk(Analyses::on_disk(dir, roots, docs.to_vec()))
}

/// The bytes of the user's corrections file (empty when there is none):
/// they key the linked index.
pub(super) fn corrections_bytes() -> Vec<u8> {
    corrections_path()
        .and_then(|p| crate::regular_file::read(&p, crate::regular_file::USER_FILE_LIMIT).ok())
        .unwrap_or_default()
}

/// Log why the linked index in `file` was not used.
pub(super) fn log_rejected(why: &Rejected, file: Option<&std::path::Path>) {
    match why {
        Rejected::OtherCorpus => {
            tracing::info!("linked index cache not used: built for another corpus")
        }
        why => tracing::warn!(
            "linked index cache {} not used: {why}; linking again",
            file.map_or(String::new(), |f| f.display().to_string())
        ),
    }
}

/// Send `index`, read from the cache for `docs`, then (for the reader) the
/// quotations and the per-document analyses left on disk, then the word
/// index, the quotation cache written beside it. Returns the quotation
/// cache still to save, if any (when the receiver went away before the
/// word index).
pub(super) fn send_cached(
    docs: &[Arc<Document>],
    index: EntityIndex,
    after: AfterIndex,
    analyses_at: Option<(PathBuf, Vec<PathBuf>)>,
    per_doc: Box<dyn FnOnce() -> Option<IndexCache> + '_>,
    want_analyses: bool,
    send: &dyn Fn(Update) -> bool,
) -> Option<Save> {
    let mentions = want_analyses.then(|| QuoteInput::of(&index));
    if !send(Update::Analysed(docs.len())) || !send(Update::Indexed(index, None)) {
        return None;
    }
    let quotes = match mentions {
        Some(m) => send_quotes(docs, &m, after.quotes.as_ref(), send).ok()?,
        None => None,
    };
    // The analyses stay on disk until a correction needs them.
    if want_analyses {
        let analyses = match analyses_at {
            Some((dir, roots)) => Analyses::on_disk(dir, roots, docs.to_vec()),
            None => Analyses::ready(Arc::new(
                analyse_all(docs, per_doc().as_mut(), &|_| true).unwrap_or_default(),
            )),
        };
        // The quotation cache is still written when the receiver is gone.
        if send(Update::Analyses(analyses)) {
            send_words(docs, after.words.as_deref(), quotes, send);
            return None;
        }
    }
    quotes.map(Save)
}

/// What quotation analysis needs of the index, taken before the index is
/// sent away: the mention tables (shared with the index, not copied) and
/// each entity's kind. Each
/// document's mentions are made from them when its quotations are looked
/// for, so that the whole corpus's never are at once.
struct QuoteInput {
    tables: crate::entity::index::Tables,
    kinds: Vec<crate::entity::Kind>,
}

impl QuoteInput {
    fn of(index: &EntityIndex) -> QuoteInput {
        QuoteInput {
            tables: index.tables(),
            kinds: index.entities().iter().map(|e| e.kind).collect(),
        }
    }

    /// The mentions of document `d`, in text order.
    fn recognized(&self, d: usize) -> Vec<crate::entity::Recognized> {
        let mentions = self.tables.mentions_in(crate::corpus::DocId(d as u32));
        quote::corpus::recognized(mentions, |e| self.kinds[e.0 as usize])
    }
}

/// Find the quotations of `docs` (on every core) from their mentions, as
/// `dossier quotes` does, or take them from the quotation cache in `file`
/// where it has them for the same file and mentions, and send them. Returns
/// the cache to write when some did not come from it.
fn send_quotes(
    docs: &[Arc<Document>],
    mentions: &QuoteInput,
    file: Option<&PathBuf>,
    send: &dyn Fn(Update) -> bool,
) -> Result<Option<QuoteSave>, Gone> {
    let started = std::time::Instant::now();
    let cache = file.map(|f| QuoteCache::read(f));
    let cached = cache.as_ref().map(QuoteCache::len);
    // A batch at a time: each article's quotations go into the table, and
    // those not in the cache, encoded, into what the cache file would be
    // written from, so that the corpus's `QuoteDoc`s are never held at
    // once. The cache keeps its entries: a new file takes their bytes.
    let mut table = QuoteTable::with_capacity(docs.len());
    let mut keys = Vec::with_capacity(docs.len());
    let mut hit = Vec::with_capacity(docs.len());
    // The quotations found anew, encoded, wait for the cache in a scratch
    // file beside it (in memory when it cannot be made).
    let mut fresh = file
        .and_then(|f| f.parent())
        .and_then(|dir| quote_cache::Encoded::in_scratch(dir).ok())
        .unwrap_or_default();
    for (b, batch) in docs.chunks(BATCH * 16).enumerate() {
        let found: Vec<(u64, QuoteDoc, Option<Vec<u8>>)> = batch
            .par_iter()
            .enumerate()
            .map(|(i, doc)| {
                let d = b * BATCH * 16 + i;
                let recognized = mentions.recognized(d);
                // The text's length is known without reading it.
                let key = quote_cache::input_key_of(doc.text.len(), &recognized);
                let entry = cache
                    .as_ref()
                    .and_then(|c| c.entry(&doc.path))
                    .zip(doc.stamp);
                // A text still in its file (a warm open) is not read for
                // quotations the cache holds for its stamp.
                let unread = match entry {
                    Some((e, st)) if !doc.text.is_loaded() => {
                        e.quotes_unread(st, key, doc.text.len())
                    }
                    _ => None,
                };
                // Otherwise a text not read yet is read for this and let go.
                let quotes = match unread {
                    Some(q) => Ok(q),
                    None => doc.text.with(|text| {
                        entry
                            .and_then(|(e, st)| e.quotes(st, key, text))
                            .ok_or_else(|| quote::analyse(text, &recognized))
                    }),
                };
                match quotes {
                    Ok(q) => (key, q, None),
                    // Found again: encoded here, on every core, when there
                    // is a cache to write them to.
                    Err(q) => {
                        let bytes = match file {
                            Some(_) => quote_cache::encode_doc(&q),
                            None => Vec::new(),
                        };
                        (key, q, Some(bytes))
                    }
                }
            })
            .collect();
        // Every article's mentions are read for their quotations' key: the
        // pages of a mapped index file go back a batch at a time (see
        // `crate::mapped`).
        mentions.tables.mentions.release();
        if let Some(c) = &cache {
            c.release();
        }
        for (key, q, bytes) in found {
            table.push(&q);
            keys.push(key);
            hit.push(bytes.is_none());
            if let Some(bytes) = bytes.filter(|_| file.is_some()) {
                fresh.push(&bytes);
            }
        }
    }
    let hits = hit.iter().filter(|&&h| h).count();
    tracing::info!(
        "found {} quotations in {} ms ({hits} articles from the quotation cache)",
        table.quotations(),
        started.elapsed().as_millis()
    );
    if !send(Update::Quotes(Arc::new(table))) {
        return Err(Gone);
    }
    // Write when something was found again, or entries of files no longer
    // in the corpus are to drop out.
    let stale = cached.is_some_and(|n| hits < docs.len() || n > hits);
    // What could not be kept for the cache leaves it as it is.
    let kept = fresh.finish();
    Ok(file.filter(|_| stale && kept).map(|f| QuoteSave {
        file: f.clone(),
        docs: docs.to_vec(),
        keys,
        hit,
        cache: cache.unwrap_or_default(),
        fresh,
    }))
}

/// The analyses of `docs`, from the cache where it has them, in parallel
/// batches; `progress` is told how many are done and stops the work when it
/// returns false. When some were analysed, the memos that took are let go
/// ([`pipeline::forget_memos`]): the rest of the run holds what analysis
/// found, not how it got there.
pub(super) fn analyse_all(
    docs: &[Arc<Document>],
    cache: Option<&mut IndexCache>,
    progress: &dyn Fn(usize) -> bool,
) -> Option<Vec<Analysis>> {
    let mut analyser = Analyser::new(cache, docs.len());
    for chunk in docs.chunks(Analyser::chunk_len()) {
        analyser.add(chunk);
        if !progress(analyser.done()) {
            return None;
        }
    }
    Some(analyser.finish())
}

/// Analyses made a chunk of articles at a time, in corpus order: from the
/// per-document cache where it has them, else on every core.
pub(super) struct Analyser<'c> {
    cache: Option<&'c mut IndexCache>,
    analyses: Vec<Analysis>,
    /// How many were not in the cache.
    analysed: usize,
}

impl<'c> Analyser<'c> {
    /// An analyser of about `n` articles, taking what `cache` holds.
    pub(super) fn new(cache: Option<&'c mut IndexCache>, n: usize) -> Analyser<'c> {
        Analyser {
            cache,
            analyses: Vec::with_capacity(n),
            analysed: 0,
        }
    }

    /// The articles best given to [`Analyser::add`] at once: runs of
    /// articles on every core (see `pipeline::analyse_run`), eight runs per
    /// core between two progress reports (half a second or so on the bench
    /// host), so that a core seldom waits for the last run.
    pub(super) fn chunk_len() -> usize {
        pipeline::RUN * 8 * rayon::current_num_threads().max(1)
    }

    /// How many articles have their analysis.
    pub(super) fn done(&self) -> usize {
        self.analyses.len()
    }

    /// The analyses of `chunk`, the articles after those added so far.
    pub(super) fn add(&mut self, chunk: &[Arc<Document>]) {
        self.add_held(chunk, Vec::new());
    }

    /// As [`Analyser::add`], with the texts of the articles handed on by
    /// the reader (`texts[i]` of `chunk[i]`, where it was; `texts` may be
    /// empty), analysed instead of reading them from their files again.
    /// They are let go when the chunk is analysed.
    pub(super) fn add_held(&mut self, chunk: &[Arc<Document>], mut texts: Vec<Option<HandedText>>) {
        texts.resize(chunk.len(), None);
        let cached: Vec<Option<Analysis>> = chunk
            .iter()
            .map(|d| {
                let c = self.cache.as_deref_mut()?;
                // An analysis that does not fit the text (a file changed
                // behind the stamp's back) is made again.
                c.take(&d.path, d.stamp?)
                    .filter(|a| d.text.with(|t| cache::fits(a, t)))
            })
            .collect();
        let hits = cached.iter().filter(|a| a.is_some()).count();
        let missing: Vec<(&Document, Option<HandedText>)> = chunk
            .iter()
            .zip(&cached)
            .zip(texts)
            .filter(|((_, a), _)| a.is_none())
            .map(|((d, _), t)| (&**d, t))
            .collect();
        let mut fresh = missing
            .par_chunks(pipeline::RUN)
            .flat_map_iter(|run| {
                let docs: Vec<&Document> = run.iter().map(|(d, _)| *d).collect();
                let texts = run
                    .iter()
                    .map(|(d, t)| match t {
                        Some(t) => std::borrow::Cow::Borrowed(t.as_str()),
                        None => d.text.held(),
                    })
                    .collect();
                pipeline::analyse_texts(&docs, texts)
            })
            .collect::<Vec<Analysis>>()
            .into_iter();
        // One fresh analysis for each article not in the cache, in order.
        let done = cached
            .into_iter()
            .map(|a| a.or_else(|| fresh.next()).unwrap_or_default());
        if let Some(c) = self.cache.as_deref_mut() {
            c.count_hits(hits);
        }
        self.analysed += chunk.len() - hits;
        self.analyses.extend(done);
    }

    /// The analyses of every article added, in order.
    pub(super) fn finish(self) -> Vec<Analysis> {
        if self.analysed > 0 {
            pipeline::forget_memos();
        }
        self.analyses
    }
}
