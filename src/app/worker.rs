//! Loading and indexing off the UI thread: the worker reads articles in
//! parallel and streams them to the reader, then analyses and links them,
//! reporting progress as it goes.

use super::App;
use crate::corpus::records::RecordOptions;
use crate::corpus::{Document, FileStamp, load, seeds};
use crate::entity::EntityIndex;
use crate::entity::cache::{self, IndexCache};
use crate::entity::link::corrections::Corrections;
use crate::entity::pipeline::{self, Analysis};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::Path;
use std::path::PathBuf;
use std::sync::Arc;

/// Articles read or analysed per batch sent to the reader.
pub const BATCH: usize = 256;

/// What the worker reports.
#[derive(Debug)]
pub enum Update {
    /// The number of article files found.
    Found(usize),
    /// Articles read, in corpus order, appended to what came before.
    Documents(Vec<Arc<Document>>),
    /// Problems with paths or files.
    Problems(Vec<String>),
    /// How many articles have been analysed so far.
    Analysed(usize),
    /// The finished entity index, with the per-document analyses it was
    /// linked from (kept to re-link after the user's corrections); `None`
    /// when the index came from the cache and they follow in
    /// [`Update::Analyses`].
    Indexed(EntityIndex, Option<Arc<Vec<Analysis>>>),
    /// The per-document analyses of a cached index, sent after it.
    Analyses(Arc<Vec<Analysis>>),
}

/// What the worker is to load.
#[derive(Debug, Clone)]
// One job is made per run: its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Job {
    /// The bundled reports.
    Seeds,
    /// Article files already found by [`load::discover`], with the problems
    /// met finding them.
    Files {
        /// The paths the user named (they key the index cache).
        roots: Vec<PathBuf>,
        /// The files, in corpus order.
        files: Vec<PathBuf>,
        /// Problems with the paths given.
        problems: Vec<String>,
        /// Where the index cache lives; `None` to go without.
        cache: Option<PathBuf>,
        /// How to read CSV and JSON Lines files.
        options: RecordOptions,
        /// Whether the per-document analyses are wanted after a cached
        /// index (the reader needs them for corrections; headless commands
        /// do not).
        analyses: bool,
    },
}

impl Job {
    /// Find the articles under `paths` (or take the bundled reports when
    /// there are none).
    pub fn discover(paths: &[PathBuf]) -> Job {
        Job::discover_with(paths, RecordOptions::default())
    }

    /// Like [`Job::discover`], with options for record files.
    pub fn discover_with(paths: &[PathBuf], options: RecordOptions) -> Job {
        if paths.is_empty() {
            return Job::Seeds;
        }
        let report = load::discover(paths);
        let no_cache = std::env::var_os("DOSSIER_NO_CACHE").is_some_and(|v| !v.is_empty());
        Job::Files {
            roots: paths.to_vec(),
            files: report.files,
            problems: report.errors.iter().map(|e| e.to_string()).collect(),
            cache: if no_cache {
                None
            } else {
                crate::dirs::cache_dir()
            },
            options,
            analyses: true,
        }
    }

    /// The number of articles to load.
    pub fn len(&self) -> usize {
        match self {
            Job::Seeds => seeds::SEEDS.len(),
            Job::Files { files, .. } => files.len(),
        }
    }

    /// Whether there is nothing to load.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Run `job`, sending updates through `send` (which returns false when the
/// receiver is gone, and the worker stops).
///
/// The index caches are read on their own threads while the articles are
/// read, so the first articles reach the reader at once. When the linked
/// index of an unchanged corpus is cached, it is sent as soon as the last
/// article is read, and the per-article analyses (needed only to re-link
/// after a correction) follow in [`Update::Analyses`].
pub fn run(job: &Job, send: &dyn Fn(Update) -> bool) {
    let started = std::time::Instant::now();
    let send = &|u: Update| {
        match &u {
            Update::Problems(p) => p.iter().for_each(|m| tracing::warn!("{m}")),
            Update::Indexed(ix, _) => tracing::info!(
                "indexed: {} entities after {} ms",
                ix.len(),
                started.elapsed().as_millis()
            ),
            _ => {}
        }
        send(u)
    };
    match job {
        Job::Seeds => {
            let docs: Vec<Arc<Document>> = seeds::documents().into_iter().map(Arc::new).collect();
            if !send(Update::Found(docs.len())) || !send(Update::Documents(docs.clone())) {
                return;
            }
            tracing::info!(
                "read {} articles in {} ms",
                docs.len(),
                started.elapsed().as_millis()
            );
            index(&docs, None, true, send);
        }
        Job::Files {
            roots,
            files,
            problems,
            cache: cache_dir,
            options,
            analyses,
        } => {
            // The linked index is read on a thread of its own while the
            // articles are read; the per-document analyses only when linking
            // is needed, or after a cached index (to re-link after
            // corrections), so that they do not slow the reading down.
            let linked = cache_dir.as_deref().map(|d| {
                let file = cache::linked_file_for(d, roots);
                let path = file.clone();
                (std::thread::spawn(move || cache::load_linked(&path)), file)
            });
            if !send(Update::Found(files.len())) {
                return;
            }
            if !problems.is_empty() && !send(Update::Problems(problems.clone())) {
                return;
            }
            let Some(docs) = read_all(files, options, send) else {
                return;
            };
            tracing::info!(
                "read {} articles in {} ms",
                docs.len(),
                started.elapsed().as_millis()
            );
            let cache = Caches {
                per_doc: Box::new(move || cache_dir.as_deref().map(|d| IndexCache::open(d, roots))),
                linked: linked.map(|(h, file)| (h.join().ok().flatten(), file)),
            };
            index(&docs, Some(cache), *analyses, send);
        }
    }
}

/// The index caches of a corpus, as read.
struct Caches<'a> {
    /// Waits for the per-document cache (read on its own thread).
    per_doc: Box<dyn FnOnce() -> Option<IndexCache> + 'a>,
    /// The cached linked index (with its corpus key) and where it lives.
    linked: Option<(Option<(u64, EntityIndex)>, PathBuf)>,
}

/// Read every file in parallel batches, in corpus order, sending each batch
/// as it is read. `None` when the receiver is gone.
fn read_all(
    files: &[PathBuf],
    options: &RecordOptions,
    send: &dyn Fn(Update) -> bool,
) -> Option<Vec<Arc<Document>>> {
    let mut docs: Vec<Arc<Document>> = Vec::with_capacity(files.len());
    let ids = load::unique_ids(files);
    let mut seen_ids: HashSet<String> = HashSet::new();
    // The first batch is small so the reader can draw at once; later ones
    // grow, as fewer, larger batches keep the cores busier.
    let mut at = 0;
    let mut size = BATCH;
    while at < files.len() {
        let end = (at + size).min(files.len());
        let (files, ids) = (&files[at..end], &ids[at..end]);
        at = end;
        size = (size * 2).min(BATCH * 16);
        let read: Vec<_> = files
            .par_iter()
            .zip(ids.par_iter())
            .map(|(f, id)| read_one(f, id, options))
            .collect();
        let mut batch = Vec::with_capacity(read.len());
        let mut problems = Vec::new();
        for r in read {
            match r {
                Ok(loaded) => {
                    problems.extend(loaded.errors.iter().map(|e| e.to_string()));
                    for mut d in loaded.docs {
                        let mut n = 1;
                        while !seen_ids.insert(d.id.clone()) {
                            n += 1;
                            d.id = format!(
                                "{}~{n}",
                                d.id.trim_end_matches(|c: char| c == '~' || c.is_ascii_digit())
                            );
                        }
                        batch.push(Arc::new(d));
                    }
                }
                Err(e) => problems.push(e.to_string()),
            }
        }
        docs.extend(batch.iter().cloned());
        if !send(Update::Documents(batch)) {
            return None;
        }
        if !problems.is_empty() && !send(Update::Problems(problems)) {
            return None;
        }
    }
    Some(docs)
}

/// Analyse (or take from the cache), link and index `docs`, then save the
/// caches. `want_analyses`: whether the receiver needs the per-document
/// analyses (to re-link after corrections).
fn index(
    docs: &[Arc<Document>],
    caches: Option<Caches<'_>>,
    want_analyses: bool,
    send: &dyn Fn(Update) -> bool,
) {
    let (corrections, problem) = load_corrections();
    if let Some(p) = problem
        && !send(Update::Problems(vec![p]))
    {
        return;
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
            .and_then(|p| std::fs::read(p).ok())
            .unwrap_or_default();
        cache::corpus_key(docs.iter().map(|d| (d.path.as_path(), d.stamp)), &bytes)
    });
    let (cached, linked_file) = match linked {
        Some((cached, file)) => (cached, Some(file)),
        None => (None, None),
    };
    // An unchanged corpus: the linked index as it was saved.
    if let (Some(key), Some((saved, index))) = (key, cached)
        && saved == key
    {
        if !send(Update::Analysed(docs.len())) || !send(Update::Indexed(index, None)) {
            return;
        }
        if want_analyses {
            let analyses = analyse_all(docs, per_doc().as_mut(), &|_| true);
            if let Some(analyses) = analyses
                && !send(Update::Analyses(Arc::new(analyses)))
            {
                return;
            }
        }
        return;
    }
    let mut per_doc = per_doc();
    let analysing = std::time::Instant::now();
    let Some(analyses) = analyse_all(docs, per_doc.as_mut(), &|n| send(Update::Analysed(n))) else {
        return;
    };
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
    if !send(Update::Indexed(index, Some(analyses.clone()))) {
        return;
    }
    // Caches that cannot be written only cost time on the next open.
    if let (Some(file), Some(bytes)) = (linked_file, linked_bytes) {
        let _ = crate::atomic::write(&file, &bytes);
    }
    if let Some(c) = per_doc
        && c.hits() < docs.len()
    {
        let _ = c.save_entries(
            docs.iter()
                .zip(analyses.iter())
                .filter_map(|(d, a)| d.stamp.map(|st| (d.path.as_path(), st, a))),
        );
    }
}

/// The analyses of `docs`, from the cache where it has them, in parallel
/// batches; `progress` is told how many are done and stops the work when it
/// returns false.
fn analyse_all(
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
                c.take(&d.path, d.stamp?)
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

/// Read one file: an article or a record file; record documents carry the
/// file's stamp so the index cache can key them.
fn read_one(
    path: &Path,
    id: &str,
    options: &RecordOptions,
) -> Result<load::Loaded, crate::corpus::LoadError> {
    let mut loaded = load::read_path(path, id, options)?;
    if loaded.summary.is_some()
        && let Ok(meta) = std::fs::metadata(path)
    {
        let stamp = FileStamp::of(&meta);
        for d in &mut loaded.docs {
            d.stamp = Some(stamp);
        }
    }
    Ok(loaded)
}

/// Where the user's entity corrections live.
pub fn corrections_path() -> Option<PathBuf> {
    crate::dirs::config_dir().map(|d| d.join("corrections.toml"))
}

/// Load the user's corrections; a problem with the file is returned as a
/// message (a corrupt file has been set aside).
pub fn load_corrections() -> (Corrections, Option<String>) {
    let Some(path) = corrections_path() else {
        return (Corrections::default(), None);
    };
    match Corrections::load(&path) {
        Ok(c) => (c, None),
        Err(e) => (Corrections::default(), Some(e.to_string())),
    }
}

impl App {
    /// Take in an update from the worker.
    pub fn on_update(&mut self, update: Update) {
        self.dirty = true;
        match update {
            Update::Found(n) => self.progress.found = n,
            Update::Documents(docs) => {
                let first = self.corpus.is_empty();
                self.corpus.extend(docs);
                self.progress.loaded = self.corpus.len();
                if !self.list_filter.is_empty() {
                    self.refilter_list();
                }
                self.restore();
                if first && !self.restored {
                    self.open(crate::corpus::DocId(0));
                } else {
                    self.clamp();
                }
            }
            Update::Problems(p) => self.problems.extend(p),
            Update::Analysed(n) => self.progress.analysed = n,
            Update::Analyses(analyses) => self.analyses = Some(analyses),
            Update::Indexed(index, analyses) => {
                self.index = index;
                self.corpus_rows = None;
                self.overview = None;
                self.analyses = analyses;
                self.progress.done = true;
                let took = self.progress.started.elapsed().as_millis();
                self.progress.took_ms = Some(took);
                tracing::debug!(
                    "the reader shows {} articles and {} entities after {took} ms",
                    self.corpus.len(),
                    self.index.len()
                );
                self.rebuild_sidebar();
                self.clamp();
                self.restore();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn worker_streams_documents_then_the_index() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..5 {
            std::fs::write(
                dir.path().join(format!("{i}.txt")),
                format!("Titel {i}\n\nDer Bericht nennt Anna Berger aus Bonn."),
            )
            .unwrap();
        }
        std::fs::write(dir.path().join("empty.txt"), "").unwrap();
        let cache = tempfile::tempdir().unwrap();
        let mut job = Job::discover(&[dir.path().to_path_buf()]);
        if let Job::Files { cache: c, .. } = &mut job {
            *c = Some(cache.path().to_path_buf());
        }
        let collect = |job: &Job| {
            let updates = Mutex::new(Vec::new());
            run(job, &|u| {
                updates.lock().unwrap().push(u);
                true
            });
            updates.into_inner().unwrap()
        };
        let updates = collect(&job);
        let index_of = |us: &[Update]| match us.iter().find(|u| matches!(u, Update::Indexed(..))) {
            Some(Update::Indexed(ix, _)) => ix.mentions().to_vec(),
            _ => panic!("no index"),
        };
        assert_eq!(
            std::fs::read_dir(cache.path()).unwrap().count(),
            2,
            "analyses and linked index cached"
        );
        let again = collect(&job);
        assert_eq!(
            index_of(&updates),
            index_of(&again),
            "the cached index is the same"
        );
        assert!(
            matches!(again.iter().rev().nth(1), Some(Update::Indexed(_, None))),
            "an unchanged corpus takes the linked index from the cache"
        );
        assert!(
            matches!(again.last(), Some(Update::Analyses(a)) if a.len() == 5),
            "the analyses follow, for corrections"
        );
        assert!(matches!(updates[0], Update::Found(6)));
        assert!(matches!(updates.last(), Some(Update::Indexed(..))));
        let docs: usize = updates
            .iter()
            .map(|u| match u {
                Update::Documents(d) => d.len(),
                _ => 0,
            })
            .sum();
        assert_eq!(docs, 5);
        assert!(
            updates
                .iter()
                .any(|u| matches!(u, Update::Problems(p) if p.iter().any(|m| m.contains("empty"))))
        );
    }
}
