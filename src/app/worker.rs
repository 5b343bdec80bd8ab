//! Loading and indexing off the UI thread: the worker reads articles in
//! parallel and streams them to the reader, then analyses and links them,
//! reporting progress as it goes.

use super::App;
use crate::corpus::records::RecordOptions;
use crate::corpus::{Document, FileStamp, load, seeds};
use crate::entity::EntityIndex;
use crate::entity::cache::IndexCache;
use crate::entity::corrections::Corrections;
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
    /// linked from (kept to re-link after the user's corrections).
    Indexed(EntityIndex, Arc<Vec<Analysis>>),
}

/// What the worker is to load.
#[derive(Debug, Clone)]
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
pub fn run(job: &Job, send: &dyn Fn(Update) -> bool) {
    let started = std::time::Instant::now();
    let send = |u: Update| {
        if let Update::Problems(p) = &u {
            for m in p {
                tracing::warn!("{m}");
            }
        }
        send(u)
    };
    let mut docs: Vec<Arc<Document>> = Vec::new();
    let mut cache: Option<IndexCache> = None;
    match job {
        Job::Seeds => {
            docs = seeds::documents().into_iter().map(Arc::new).collect();
            if !send(Update::Found(docs.len())) || !send(Update::Documents(docs.clone())) {
                return;
            }
        }
        Job::Files {
            roots,
            files,
            problems,
            cache: cache_dir,
            options,
        } => {
            cache = cache_dir.as_deref().map(|d| IndexCache::open(d, roots));
            if !send(Update::Found(files.len())) {
                return;
            }
            if !problems.is_empty() && !send(Update::Problems(problems.clone())) {
                return;
            }
            let ids = load::unique_ids(files);
            let mut seen_ids: HashSet<String> = HashSet::new();
            for (files, ids) in files.chunks(BATCH).zip(ids.chunks(BATCH)) {
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
                                        d.id.trim_end_matches(
                                            |c: char| c == '~' || c.is_ascii_digit()
                                        )
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
                    return;
                }
                if !problems.is_empty() && !send(Update::Problems(problems)) {
                    return;
                }
            }
        }
    }
    tracing::info!(
        "read {} articles in {} ms",
        docs.len(),
        started.elapsed().as_millis()
    );
    let analysing = std::time::Instant::now();
    let mut analyses: Vec<Analysis> = Vec::with_capacity(docs.len());
    for chunk in docs.chunks(BATCH) {
        let done: Vec<(Analysis, bool)> = chunk
            .par_iter()
            .map(|d| {
                let cached = cache
                    .as_ref()
                    .zip(d.stamp)
                    .and_then(|(c, st)| c.get(&d.path, st).cloned());
                match cached {
                    Some(a) => (a, true),
                    None => (pipeline::analyse(d), false),
                }
            })
            .collect();
        if let Some(c) = cache.as_mut() {
            c.count_hits(done.iter().filter(|(_, hit)| *hit).count());
        }
        analyses.extend(done.into_iter().map(|(a, _)| a));
        if !send(Update::Analysed(analyses.len())) {
            return;
        }
    }
    tracing::info!(
        "analysed {} articles in {} ms ({} from the index cache)",
        analyses.len(),
        analysing.elapsed().as_millis(),
        cache.as_ref().map_or(0, |c| c.hits())
    );
    let linking = std::time::Instant::now();
    let (corrections, problem) = load_corrections();
    if let Some(p) = problem
        && !send(Update::Problems(vec![p]))
    {
        return;
    }
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let linked = pipeline::link(&analyses, &texts, &corrections);
    let index = EntityIndex::new(docs.len(), linked);
    tracing::info!(
        "linked {} entities in {} ms",
        index.len(),
        linking.elapsed().as_millis()
    );
    let analyses = Arc::new(analyses);
    if !send(Update::Indexed(index, analyses.clone())) {
        return;
    }
    if let Some(mut c) = cache
        && c.hits() < docs.len()
    {
        for (d, a) in docs.iter().zip(analyses.iter()) {
            if let Some(st) = d.stamp {
                c.put(d.path.clone(), st, a.clone());
            }
        }
        // A cache that cannot be written only costs time on the next open.
        let _ = c.save();
    }
}

/// Read one file: an article or a record file; record documents carry the
/// file's stamp so the index cache can key them.
fn read_one(
    path: &Path,
    id: &str,
    options: &RecordOptions,
) -> Result<load::Loaded, load::LoadError> {
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
            Update::Indexed(index, analyses) => {
                self.index = index;
                self.overview = None;
                self.analyses = Some(analyses);
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
        let index_of = |us: &[Update]| match us.last() {
            Some(Update::Indexed(ix, _)) => ix.mentions().to_vec(),
            _ => panic!("no index"),
        };
        assert_eq!(
            std::fs::read_dir(cache.path()).unwrap().count(),
            1,
            "cache written"
        );
        let again = collect(&job);
        assert_eq!(
            index_of(&updates),
            index_of(&again),
            "the cached index is the same"
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
