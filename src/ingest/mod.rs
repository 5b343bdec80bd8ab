//! Ingest: from the paths the user names to an indexed corpus. Finding the
//! article files, reading them in parallel, analysing and linking their
//! entities into an [`EntityIndex`], with the index caches ([`cache`]) and
//! the user's entity corrections.
//!
//! Part of the domain (no terminal types). It comes in two forms:
//! - [`run`] streams [`Update`]s (articles as they are read, progress, the
//!   finished index) to a receiver: the reader runs it on a worker thread and
//!   draws from the first batch on;
//! - [`load`] blocks until the index is built, for the headless commands and
//!   tests.

mod analyse_while_reading;
pub mod analyses;
pub mod cache;
pub mod cache_admin;
mod early;
mod held_texts;
mod index;
pub mod linked_file;
pub mod quote_cache;
mod read;
mod read_ahead;
pub mod stdin;
mod warm;
pub mod words;

use crate::corpus::records::RecordOptions;
use crate::corpus::{Corpus, Document, seeds};
use crate::entity::EntityIndex;
use crate::entity::link::corrections::Corrections;
use crate::entity::pipeline::Analysis;
use crate::quote::table::QuoteTable;
use cache::IndexCache;
pub use early::EarlyRead;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Articles read or analysed per batch sent to the receiver.
pub const BATCH: usize = 256;

/// What ingest reports while it runs.
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
    /// linked from (kept to re-link after the user's corrections) when they
    /// are kept in memory; `None` when they follow in [`Update::Analyses`],
    /// left on disk: after a cached index, or written to the per-document
    /// cache as soon as linking was done with them.
    Indexed(EntityIndex, Option<Arc<Vec<Analysis>>>),
    /// The per-document analyses the index was linked from, sent after it
    /// when they are on disk (in the per-document cache) until a correction
    /// needs them ([`analyses::Analyses::get`]).
    Analyses(analyses::Analyses),
    /// The quotations of every article (in corpus order), found with the
    /// mentions of the index just sent; only for the reader (see
    /// [`Job::Files::analyses`]), after [`Update::Indexed`]: what the
    /// reader uses of them, in a [`QuoteTable`].
    Quotes(Arc<QuoteTable>),
    /// The word index of the articles, for the reader's search (only for
    /// the reader, last): from its cache file, or built once the rest is
    /// sent.
    Words(crate::search::words::WordIndex),
}

/// What to load.
#[derive(Debug, Clone)]
// One job is made per run: its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Job {
    /// The bundled reports.
    Seeds,
    /// Article files already found by [`stdin::discover`], with the
    /// problems met finding them.
    Files {
        /// The paths the user named (they key the index cache).
        roots: Vec<PathBuf>,
        /// The files, in corpus order. Their documents share these paths
        /// ([`Document::path`]): a million articles hold each path once.
        files: Vec<Arc<Path>>,
        /// Problems with the paths given.
        problems: Vec<String>,
        /// Where the index cache lives; `None` to go without.
        cache: Option<PathBuf>,
        /// How to read CSV and JSON Lines files.
        options: RecordOptions,
        /// Whether the per-document analyses are wanted after a cached
        /// index (the reader needs them for corrections; headless commands
        /// do not), and the quotations after the index (the reader shows
        /// them). The reader also leaves the articles' texts in their files
        /// after a cold read ([`crate::corpus::Document::leave_text_in_file`]).
        analyses: bool,
        /// The linked index file of `cache`, read from the moment the job
        /// was made ([`EarlyRead::none`] to read it when needed).
        early: EarlyRead,
    },
}

impl Job {
    /// Find the articles under `paths` (or take the bundled reports when
    /// there are none).
    pub fn discover(paths: &[PathBuf]) -> Job {
        Job::discover_with(paths, RecordOptions::default())
    }

    /// Like [`Job::discover`], with options for record files. A path `-`
    /// is one article read from standard input ([`stdin`]). The index
    /// cache is in the user's cache directory unless `DOSSIER_NO_CACHE` is
    /// set (to anything but the empty string).
    pub fn discover_with(paths: &[PathBuf], options: RecordOptions) -> Job {
        if paths.is_empty() {
            return Job::Seeds;
        }
        let no_cache = std::env::var_os("DOSSIER_NO_CACHE").is_some_and(|v| !v.is_empty());
        let cache = if no_cache {
            None
        } else {
            crate::dirs::cache_dir()
        };
        let roots = paths.to_vec();
        // The linked index is read while the articles are found.
        let early = cache.as_deref().map_or_else(EarlyRead::none, |d| {
            EarlyRead::start(cache::linked_file_for(d, &roots))
        });
        let report = stdin::discover(paths);
        Job::Files {
            roots,
            files: report.files.into_iter().map(Arc::from).collect(),
            problems: report.errors.iter().map(|e| e.to_string()).collect(),
            cache,
            options,
            analyses: true,
            early,
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
/// receiver is gone, and the work stops), then save the index caches.
///
/// The index caches are read on their own threads while the articles are
/// read, so the first articles reach the receiver at once. When the linked
/// index of an unchanged corpus is cached, it is sent as soon as the last
/// article is read, and the per-article analyses (needed only to re-link
/// after a correction) follow in [`Update::Analyses`].
pub fn run(job: &Job, send: &dyn Fn(Update) -> bool) {
    if let Some(save) = stream(job, send) {
        save.write();
    }
    if let Some((dir, roots)) = cache_of(job) {
        cache_admin::after_open(&dir, &roots);
    }
}

/// The cache directory of `job` and the paths that key its entry, when it
/// has a cache.
fn cache_of(job: &Job) -> Option<(PathBuf, Vec<PathBuf>)> {
    match job {
        Job::Files {
            roots,
            cache: Some(dir),
            ..
        } => Some((dir.clone(), roots.clone())),
        _ => None,
    }
}

/// A corpus loaded and indexed by [`load`].
#[derive(Debug)]
pub struct Loaded {
    /// The articles.
    pub corpus: Corpus,
    /// Their entities.
    pub index: EntityIndex,
    /// Problems met, in the order they were met.
    pub problems: Vec<String>,
    /// The index caches still being written while the caller goes on;
    /// joined on drop.
    saving: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Loaded {
    fn drop(&mut self) {
        if let Some(saving) = self.saving.take() {
            // A thread that panicked has nothing left to save.
            let _ = saving.join();
        }
    }
}

/// Load and index `paths` (the bundled reports when empty) and return when
/// the index is built. The index caches are written on a thread of their own
/// while the caller uses the result. Nothing may have opened: check
/// `corpus.is_empty()`.
pub fn load(paths: &[PathBuf], options: &RecordOptions) -> Loaded {
    load_job(Job::discover_with(paths, options.clone()))
}

/// [`load`], showing each update to `observe` as it comes (for a progress
/// bar) before it is kept.
pub fn load_observed(
    paths: &[PathBuf],
    options: &RecordOptions,
    observe: &dyn Fn(&Update),
) -> Loaded {
    load_job_observed(Job::discover_with(paths, options.clone()), observe)
}

/// [`load`] for a job already made (with its own cache directory, say).
/// Without the per-document analyses after a cached index: a blocking load
/// is for reports, which make no corrections.
pub fn load_job(job: Job) -> Loaded {
    load_job_observed(job, &|_| {})
}

/// [`load_job`], showing each update to `observe` first.
pub fn load_job_observed(mut job: Job, observe: &dyn Fn(&Update)) -> Loaded {
    if let Job::Files { analyses, .. } = &mut job {
        *analyses = false;
    }
    let loaded = RefCell::new(Loaded {
        corpus: Corpus::default(),
        index: EntityIndex::default(),
        problems: Vec::new(),
        saving: None,
    });
    let save = stream(&job, &|u| {
        observe(&u);
        let mut l = loaded.borrow_mut();
        match u {
            Update::Documents(d) => l.corpus.extend(d),
            Update::Problems(p) => l.problems.extend(p),
            Update::Indexed(ix, _) => l.index = ix,
            Update::Found(_)
            | Update::Analysed(_)
            | Update::Analyses(_)
            | Update::Quotes(_)
            | Update::Words(_) => {}
        }
        true
    });
    let mut loaded = loaded.into_inner();
    let cache = cache_of(&job);
    if save.is_some() || cache.is_some() {
        loaded.saving = Some(std::thread::spawn(move || {
            if let Some(s) = save {
                s.write();
            }
            if let Some((dir, roots)) = cache {
                cache_admin::after_open(&dir, &roots);
            }
        }));
    }
    loaded
}

/// Read the articles of `paths` (the bundled reports when empty) without
/// analysing them, in corpus order, with the ids the reader gives them; and
/// the problems met. For commands that analyse elsewhere (`dossier
/// analyze`, the shared store).
pub fn read_documents(
    paths: &[PathBuf],
    options: &RecordOptions,
) -> (Vec<Arc<Document>>, Vec<String>) {
    let problems = RefCell::new(Vec::new());
    let keep = |u: Update| {
        if let Update::Problems(p) = u {
            problems.borrow_mut().extend(p);
        }
        true
    };
    let docs = match Job::discover_with(paths, options.clone()) {
        Job::Seeds => seeds::documents().into_iter().map(Arc::new).collect(),
        Job::Files {
            roots,
            files,
            problems: found,
            options,
            ..
        } => {
            problems.borrow_mut().extend(found);
            read::read_all(&files, &roots, &options, false, &keep).unwrap_or_default()
        }
    };
    (docs, problems.into_inner())
}

/// [`read_documents`] a batch at a time: `send` is given the number of
/// article files found ([`Update::Found`]), then each batch of articles
/// ([`Update::Documents`]) and the problems met ([`Update::Problems`]) as
/// they are read, so that a caller can write them away while the next are
/// read and never holds the whole corpus. Stops when `send` returns false.
pub fn stream_documents(paths: &[PathBuf], options: &RecordOptions, send: &dyn Fn(Update) -> bool) {
    match Job::discover_with(paths, options.clone()) {
        Job::Seeds => {
            let docs: Vec<Arc<Document>> = seeds::documents().into_iter().map(Arc::new).collect();
            let _ = send(Update::Found(docs.len())) && send(Update::Documents(docs));
        }
        Job::Files {
            roots,
            files,
            problems,
            options,
            ..
        } => {
            if !send(Update::Found(files.len()))
                || (!problems.is_empty() && !send(Update::Problems(problems)))
            {
                return;
            }
            read::read_all(&files, &roots, &options, false, send);
        }
    }
}

/// Run `job` up to the finished index, sending updates; the caches to save
/// are returned.
fn stream(job: &Job, send: &dyn Fn(Update) -> bool) -> Option<index::Save> {
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
    let read_in = |n: usize| {
        tracing::info!("read {n} articles in {} ms", started.elapsed().as_millis());
    };
    match job {
        Job::Seeds => {
            let docs: Vec<Arc<Document>> = seeds::documents().into_iter().map(Arc::new).collect();
            if !send(Update::Found(docs.len())) || !send(Update::Documents(docs.clone())) {
                return None;
            }
            read_in(docs.len());
            index::index(&docs, None, true, send, None)
        }
        Job::Files {
            roots,
            files,
            problems,
            cache: cache_dir,
            options,
            analyses,
            early,
        } => {
            // The linked index is read on a thread of its own while the
            // articles are found and read; the per-document analyses only when linking
            // is needed, or after a cached index (to re-link after
            // corrections), so that they do not slow the reading down.
            let linked = cache_dir.as_deref().map(|d| {
                // Temporary files of a writer killed mid-write.
                let n = crate::atomic::clean_stale_temps(d);
                if n > 0 {
                    tracing::info!("removed {n} temporary files left in {}", d.display());
                }
                let file = cache::linked_file_for(d, roots);
                // Not started early: read, and opened when needed (decoding
                // ahead pays only beside finding the files).
                let reading = early.take(&file).unwrap_or_else(|| {
                    let path = file.clone();
                    std::thread::spawn(move || linked_file::read(&path))
                });
                (reading, file)
            });
            if !send(Update::Found(files.len())) {
                return None;
            }
            if !problems.is_empty() && !send(Update::Problems(problems.clone())) {
                return None;
            }
            let read_ns = crate::corpus::now_ns();
            let mut linked = linked.map(|(h, file)| (h.join().ok().flatten(), file));
            // An unchanged corpus opens from the index without reading the
            // articles.
            if let Some((Some(cached), file)) = &linked {
                let opening = std::time::Instant::now();
                match warm::open(cached, files, roots, &index::corrections_bytes()) {
                    Ok((docs, ix)) => {
                        // The index keeps the file's tables (mapped, their
                        // pages handed back now that they are checked); its
                        // records and document table, decoded now, are let
                        // go before the quotations and the word index are
                        // read.
                        cached.release();
                        drop(linked);
                        tracing::info!(
                            "warm open: linked index read in place in {} ms ({} \
                             articles, {} read now; {} entities, {} mentions)",
                            opening.elapsed().as_millis(),
                            docs.len(),
                            docs.iter().filter(|d| d.text.is_loaded()).count(),
                            ix.len(),
                            ix.mentions().len()
                        );
                        for batch in docs.chunks(BATCH * 16) {
                            if !send(Update::Documents(batch.to_vec())) {
                                return None;
                            }
                        }
                        read_in(docs.len());
                        let (_, problem) = load_corrections();
                        if let Some(p) = problem
                            && !send(Update::Problems(vec![p]))
                        {
                            return None;
                        }
                        return index::send_cached(
                            &docs,
                            ix,
                            index::AfterIndex::in_cache(cache_dir.as_deref(), roots),
                            cache_dir.clone().map(|d| (d, roots.clone())),
                            Box::new(|| None),
                            *analyses,
                            send,
                        );
                    }
                    // Its entities are decoded again if the key matches
                    // after all (they are not held through the analysis).
                    Err(warm::NotWarm::Changed) => cached.forget_prepared(),
                    Err(warm::NotWarm::Rejected(why)) => {
                        index::log_rejected(&why, Some(file));
                        linked = Some((None, file.clone()));
                    }
                }
            }
            // The reader leaves the texts in their files (read again to analyse,
            // and when shown); a headless command keeps them to write out.
            let after = index::AfterIndex::in_cache(cache_dir.as_deref(), roots);
            let analyses_at = cache_dir.clone().map(|d| (d, roots.clone()));
            // Without a linked index to check against the articles, they
            // are analysed as they are read.
            if linked.as_ref().is_none_or(|(cached, _)| cached.is_none()) {
                let per_doc = cache_dir.as_deref().map(|d| IndexCache::open(d, roots));
                let done = analyse_while_reading::read_and_analyse(
                    files, roots, options, *analyses, per_doc, send, &read_in,
                )?;
                let caches = index::Caches {
                    per_doc: Box::new(move || done.per_doc),
                    linked,
                    read_ns,
                    after,
                    analyses_at,
                };
                return index::index(
                    &done.docs,
                    Some(caches),
                    *analyses,
                    send,
                    Some(done.analyses),
                );
            }
            let docs = read::read_all(files, roots, options, *analyses, send)?;
            read_in(docs.len());
            let caches = index::Caches {
                per_doc: Box::new(move || cache_dir.as_deref().map(|d| IndexCache::open(d, roots))),
                linked,
                read_ns,
                after,
                analyses_at,
            };
            index::index(&docs, Some(caches), *analyses, send, None)
        }
    }
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
    // A FIFO or device in its place would block or never end.
    if let Ok(meta) = std::fs::metadata(&path)
        && let Some(why) = crate::regular_file::not_regular(&meta)
    {
        return (
            Corrections::default(),
            Some(format!("{}: {why}; not read", path.display())),
        );
    }
    match Corrections::load(&path) {
        Ok(c) => (c, None),
        Err(e) => (Corrections::default(), Some(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Five articles and an empty file in a temporary folder.
    pub(super) fn articles() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..5 {
            std::fs::write(
                dir.path().join(format!("{i}.txt")),
                format!("Titel {i}\n\nDer Bericht nennt Anna Berger aus Bonn."),
            )
            .unwrap();
        }
        std::fs::write(dir.path().join("empty.txt"), "").unwrap();
        dir
    }

    #[test]
    fn run_streams_documents_then_the_index() {
        let dir = articles();
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
        // The word index comes last, for the reader's search.
        let words_last = |mut us: Vec<Update>| match us.pop() {
            Some(Update::Words(mut w)) => {
                assert_eq!(w.docs(), 5);
                let found = w.candidates("Titel 3").unwrap();
                assert_eq!(found, Some(vec![crate::corpus::DocId(3)]));
                (us, w.words())
            }
            other => panic!("the word index is not last: {other:?}"),
        };
        let (updates, words) = words_last(collect(&job));
        let index_of = |us: &[Update]| match us.iter().find(|u| matches!(u, Update::Indexed(..))) {
            Some(Update::Indexed(ix, _)) => ix.mentions().to_vec(),
            _ => panic!("no index"),
        };
        assert_eq!(
            std::fs::read_dir(cache.path()).unwrap().count(),
            4,
            "analyses, linked index, quotations and word index cached"
        );
        let words_file = words::words_file_for(cache.path(), &[dir.path().to_path_buf()]);
        let written = std::fs::read(&words_file).unwrap();
        let inode = |f: &std::path::Path| {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(f).unwrap().ino()
        };
        let first_inode = inode(&words_file);
        let (again, words_again) = words_last(collect(&job));
        assert_eq!(words_again, words, "the same word index");
        assert_eq!(
            inode(&words_file),
            first_inode,
            "read from its file, not written again"
        );
        // A word index file cut short or tampered with is built again.
        for damage in [
            |b: &mut Vec<u8>| b.truncate(b.len() - 3),
            |b: &mut Vec<u8>| b[100] ^= 0x10,
        ] {
            let mut bytes = written.clone();
            damage(&mut bytes);
            std::fs::write(&words_file, &bytes).unwrap();
            let (_, words_rebuilt) = words_last(collect(&job));
            assert_eq!(words_rebuilt, words);
            assert_eq!(
                std::fs::read(&words_file).unwrap(),
                written,
                "written again"
            );
        }
        assert_eq!(
            index_of(&updates),
            index_of(&again),
            "the cached index is the same"
        );
        assert!(
            matches!(again.iter().rev().nth(2), Some(Update::Indexed(_, None))),
            "an unchanged corpus takes the linked index from the cache"
        );
        assert!(
            matches!(again.iter().rev().nth(1), Some(Update::Quotes(q)) if q.len() == 5),
            "the quotations follow the cached index"
        );
        assert!(
            matches!(again.last(), Some(Update::Analyses(a)) if !a.is_loaded() && a.get().len() == 5),
            "the analyses follow, for corrections"
        );
        assert!(matches!(updates[0], Update::Found(6)));
        // A cold open writes the analyses to the cache once linked, and lets
        // them go: they follow the index, on disk, and read back the same.
        assert!(matches!(
            updates.iter().rev().nth(2),
            Some(Update::Indexed(_, None))
        ));
        let docs: Vec<Arc<Document>> = updates
            .iter()
            .flat_map(|u| match u {
                Update::Documents(d) => d.clone(),
                _ => Vec::new(),
            })
            .collect();
        assert_eq!(docs.len(), 5);
        let fresh: Vec<Analysis> = docs
            .iter()
            .map(|d| crate::entity::pipeline::analyse(d))
            .collect();
        assert!(
            matches!(updates.iter().rev().nth(1), Some(Update::Analyses(a)) if !a.is_loaded() && *a.get() == fresh),
            "the analyses follow the index, on disk"
        );
        // The quotations of every article follow.
        assert!(matches!(updates.last(), Some(Update::Quotes(q)) if q.len() == 5));
        // Without a cache to hold them, or one that cannot be written (its
        // folder would be inside a file), they stay in memory.
        let blocked = cache.path().join("a-file");
        std::fs::write(&blocked, "").unwrap();
        for dir in [None, Some(blocked.join("cache"))] {
            let mut without = job.clone();
            if let Job::Files { cache: c, .. } = &mut without {
                *c = dir.clone();
            }
            let updates = collect(&without);
            let in_memory = |u: &Update| match u {
                Update::Indexed(_, Some(a)) => **a == fresh,
                Update::Analyses(a) => a.is_loaded() && *a.get() == fresh,
                _ => false,
            };
            let at = updates.iter().position(in_memory);
            let indexed = updates
                .iter()
                .position(|u| matches!(u, Update::Indexed(..)));
            match dir {
                // Nothing to write them to: with the index.
                None => assert_eq!(at, indexed, "the analyses come with the index"),
                // Not written: once the writing failed, after the index.
                Some(_) => assert_eq!(
                    at,
                    indexed.map(|i| i + 1),
                    "the analyses follow the index, in memory"
                ),
            }
        }
        // The analyses are written to the cache once the index is sent,
        // not while it is linked: a cold open's cache has no per-document
        // file when the index arrives, and has it after.
        let fresh_cache = tempfile::tempdir().unwrap();
        let mut cold = job.clone();
        if let Job::Files { cache: c, .. } = &mut cold {
            *c = Some(fresh_cache.path().to_path_buf());
        }
        let per_doc_files = || {
            std::fs::read_dir(fresh_cache.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| {
                    n.starts_with("index-") && n.ends_with(".bin") && n.matches('.').count() == 1
                })
                .count()
        };
        let at_index = Mutex::new(None);
        run(&cold, &|u| {
            if matches!(u, Update::Indexed(..)) {
                *at_index.lock().unwrap() = Some(per_doc_files());
            }
            true
        });
        assert_eq!(
            *at_index.lock().unwrap(),
            Some(0),
            "not written before the index"
        );
        assert_eq!(per_doc_files(), 1, "written after it");
        assert!(
            updates
                .iter()
                .any(|u| matches!(u, Update::Problems(p) if p.iter().any(|m| m.contains("empty"))))
        );
    }

    #[test]
    fn a_cold_open_links_into_its_file_and_links_in_memory_when_it_cannot() {
        let dir = articles();
        let roots = [dir.path().to_path_buf()];
        let job_with = |cache: Option<&std::path::Path>| {
            let mut job = Job::discover(&roots);
            if let Job::Files { cache: c, .. } = &mut job {
                *c = cache.map(std::path::Path::to_path_buf);
            }
            job
        };
        let (_, in_memory) = documents_and_index(&job_with(None));
        assert!(in_memory.len() >= 2, "Anna Berger and Bonn");
        let same = |ix: &EntityIndex| {
            assert_eq!(ix.len(), in_memory.len());
            assert_eq!(ix.mentions(), in_memory.mentions());
            for e in 0..ix.len() {
                let id = crate::entity::EntityId(e as u32);
                assert_eq!(ix.entity(id).name, in_memory.entity(id).name);
                assert_eq!(ix.entity(id).aliases, in_memory.entity(id).aliases);
                assert_eq!(ix.evidence(id), in_memory.evidence(id));
            }
        };
        // Linked into its file and read back: the same index, its evidence
        // left in the file.
        let cache = tempfile::tempdir().unwrap();
        let (_, from_file) = documents_and_index(&job_with(Some(cache.path())));
        same(&from_file);
        let linked = cache::linked_file_for(cache.path(), &roots);
        assert!(linked.is_file());
        assert!(from_file.stored_evidence().is_some());
        // The file cannot be written (a folder is in its place): linked in
        // memory instead, the same index.
        let blocked = tempfile::tempdir().unwrap();
        let linked = cache::linked_file_for(blocked.path(), &roots);
        std::fs::create_dir_all(&linked).unwrap();
        let (_, again) = documents_and_index(&job_with(Some(blocked.path())));
        same(&again);
        assert!(linked.is_dir(), "left as it was");
    }

    /// Every document a run sends, and its index.
    fn documents_and_index(job: &Job) -> (Vec<Arc<Document>>, EntityIndex) {
        let docs = Mutex::new(Vec::new());
        let index = Mutex::new(None);
        run(job, &|u| {
            match u {
                Update::Documents(d) => docs.lock().unwrap().extend(d),
                Update::Indexed(ix, _) => *index.lock().unwrap() = Some(ix),
                _ => {}
            }
            true
        });
        let index = index.into_inner().unwrap().expect("an index");
        (docs.into_inner().unwrap(), index)
    }

    #[test]
    fn the_reader_leaves_article_texts_in_their_files_and_records_in_memory() {
        let dir = articles();
        std::fs::write(
            dir.path().join("feed.jsonl"),
            "{\"id\": 7, \"text\": \"Anna Berger kam nach Bonn.\"}\n",
        )
        .unwrap();
        let mut reader = Job::discover(&[dir.path().to_path_buf()]);
        if let Job::Files { cache, .. } = &mut reader {
            *cache = None;
        }
        let (docs, index) = documents_and_index(&reader);
        assert_eq!(docs.len(), 6);
        let article = |d: &&Arc<Document>| d.path.extension().is_some_and(|e| e == "txt");
        assert!(
            docs.iter()
                .filter(article)
                .all(|d| !d.text.is_loaded() && d.title.starts_with("Titel")),
            "titles known, texts left in their files (also after analysis and linking)"
        );
        // Each path is held once, by the job, the document and its text.
        let Job::Files { files, .. } = &reader else {
            panic!("a folder is opened as files")
        };
        assert!(
            docs.iter()
                .filter(article)
                .all(|d| Arc::strong_count(&d.path) == 3
                    && files.iter().any(|f| Arc::ptr_eq(f, &d.path))),
            "each path held once, shared by the job, the document and its text"
        );
        // A record's path names its line (`feed.jsonl#1`): its own.
        let record = docs.iter().find(|d| !article(d)).unwrap();
        assert!(record.path.to_string_lossy().ends_with("feed.jsonl#1"));
        assert!(!files.iter().any(|f| Arc::ptr_eq(f, &record.path)));
        assert!(
            docs.iter()
                .filter(|d| !article(d))
                .all(|d| d.text.is_ready()),
            "a record keeps its text: its file holds others"
        );
        // Headless commands keep what they read, and find the same.
        let mut headless = reader.clone();
        if let Job::Files { analyses, .. } = &mut headless {
            *analyses = false;
        }
        let (kept, same) = documents_and_index(&headless);
        assert!(kept.iter().all(|d| d.text.is_ready()));
        assert_eq!(
            index.mentions(),
            same.mentions(),
            "the same mentions either way"
        );
        for (d, k) in docs.iter().zip(&kept) {
            assert_eq!(d.text.as_str(), k.text.as_str(), "read again when used");
            assert!(d.text.problem().is_none());
        }
        // A file rewritten since it was read is not shown stale.
        let (fresh, _) = documents_and_index(&reader);
        let doc = fresh.iter().find(article).unwrap();
        let len = doc.text.len();
        std::fs::write(&doc.path, "Titel 0\n\nEin ganz anderer Text.").unwrap();
        assert!(doc.text.problem().is_some_and(|p| p.contains("changed")));
        assert!(doc.text.as_str().is_ascii() && doc.text.len() == len);
    }

    /// The quotations of every article as the reader gets them.
    fn quotes_of(job: &Job) -> QuoteTable {
        let quotes = Mutex::new(None);
        run(job, &|u| {
            if let Update::Quotes(q) = u {
                *quotes.lock().unwrap() = Some(q.as_ref().clone());
            }
            true
        });
        quotes.into_inner().unwrap().expect("quotations sent")
    }

    #[test]
    fn quotations_are_cached_and_a_damaged_cache_is_found_again() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..4 {
            std::fs::write(
                dir.path().join(format!("{i}.txt")),
                format!(
                    "Bericht {i}\n\nAnna Berger sagte, die Lage sei ruhig. „Wir bleiben hier“, sagte sie."
                ),
            )
            .unwrap();
        }
        let cache = tempfile::tempdir().unwrap();
        let mut job = Job::discover(&[dir.path().to_path_buf()]);
        if let Job::Files { cache: c, .. } = &mut job {
            *c = Some(cache.path().to_path_buf());
        }
        let fresh = quotes_of(&job);
        assert_eq!(fresh.len(), 4);
        assert!((0..4).all(|d| fresh.quotes_in(d).len() >= 2), "{fresh:?}");
        let file = quote_cache::quotes_file_for(cache.path(), &[dir.path().to_path_buf()]);
        let bytes = std::fs::read(&file).expect("quotations cached");
        assert_eq!(quote_cache::QuoteCache::read(&file).len(), 4);
        assert_eq!(quotes_of(&job), fresh, "from the cache");
        assert_eq!(
            std::fs::read(&file).unwrap(),
            bytes,
            "and not written again"
        );
        // One article touched (its stamp changes, its text does not): its
        // quotations are found again, the others come from the cache, and
        // the file written from both holds all four.
        let touched = std::fs::File::options()
            .write(true)
            .open(dir.path().join("2.txt"))
            .unwrap();
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        touched.set_modified(hour_ago).unwrap();
        drop(touched);
        assert_eq!(quotes_of(&job), fresh, "three from the cache, one found");
        assert_ne!(std::fs::read(&file).unwrap(), bytes, "a new stamp written");
        assert_eq!(quote_cache::QuoteCache::read(&file).len(), 4);
        assert_eq!(quotes_of(&job), fresh, "all four from the cache again");
        let bytes = std::fs::read(&file).unwrap();
        // Cut short, overwritten in the middle, or replaced by junk: the
        // quotations are found again, the same, and the cache rewritten.
        let mut flipped = bytes.clone();
        let mid = flipped.len() / 2;
        for b in &mut flipped[mid..mid + 16] {
            *b ^= 0x5a;
        }
        for damaged in [bytes[..bytes.len() / 3].to_vec(), flipped, vec![0xff; 64]] {
            std::fs::write(&file, &damaged).unwrap();
            assert_eq!(quotes_of(&job), fresh);
            // The entries found again are encoded as those kept were.
            assert_eq!(std::fs::read(&file).unwrap(), bytes, "written again");
        }
    }

    #[test]
    fn a_receiver_that_goes_away_stops_the_work() {
        let dir = articles();
        let mut job = Job::discover(&[dir.path().to_path_buf()]);
        if let Job::Files { cache, .. } = &mut job {
            *cache = None;
        }
        let seen = Mutex::new(Vec::new());
        run(&job, &|u| {
            let docs = matches!(u, Update::Documents(_));
            seen.lock().unwrap().push(u);
            !docs
        });
        let seen = seen.into_inner().unwrap();
        assert!(matches!(seen.last(), Some(Update::Documents(_))));
        assert!(!seen.iter().any(|u| matches!(u, Update::Indexed(..))));
    }

    #[test]
    fn load_blocks_until_the_index_is_built() {
        let dir = articles();
        let cache = tempfile::tempdir().unwrap();
        let job = |cache: Option<PathBuf>| {
            let mut job = Job::discover(&[dir.path().to_path_buf()]);
            if let Job::Files { cache: c, .. } = &mut job {
                *c = cache;
            }
            job
        };
        let loaded = load_job(job(Some(cache.path().to_path_buf())));
        assert_eq!(loaded.corpus.len(), 5);
        assert!(loaded.index.find("Anna Berger").is_some(), "indexed");
        assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
        assert!(loaded.problems[0].contains("empty"));
        let mentions = loaded.index.mentions().to_vec();
        drop(loaded);
        assert_eq!(
            std::fs::read_dir(cache.path()).unwrap().count(),
            2,
            "the caches are written by the time the result is dropped"
        );
        // The same index as streamed, and as from the cache.
        let streamed = Mutex::new(None);
        run(&job(None), &|u| {
            if let Update::Indexed(ix, _) = u {
                *streamed.lock().unwrap() = Some(ix);
            }
            true
        });
        let streamed = streamed.into_inner().unwrap().expect("an index");
        assert_eq!(streamed.mentions(), mentions);
        let cached = load_job(job(Some(cache.path().to_path_buf())));
        assert_eq!(cached.index.mentions(), mentions);
        // No paths: the bundled reports.
        let seeds = load(&[], &RecordOptions::default());
        assert_eq!(seeds.corpus.len(), seeds::SEEDS.len());
        assert!(seeds.problems.is_empty());
    }
}
