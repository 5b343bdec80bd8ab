//! Loading and indexing off the UI thread: the worker reads articles in
//! parallel and streams them to the reader, then analyses and links them,
//! reporting progress as it goes.

use super::App;
use crate::corpus::{Document, load, seeds};
use crate::entity::EntityIndex;
use crate::entity::pipeline::{self, Analysis};
use rayon::prelude::*;
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
    /// The finished entity index.
    Indexed(EntityIndex),
}

/// What the worker is to load.
#[derive(Debug, Clone)]
pub enum Job {
    /// The bundled reports.
    Seeds,
    /// Article files already found by [`load::discover`], with the problems
    /// met finding them.
    Files {
        /// The files, in corpus order.
        files: Vec<PathBuf>,
        /// Problems with the paths given.
        problems: Vec<String>,
    },
}

impl Job {
    /// Find the articles under `paths` (or take the bundled reports when
    /// there are none).
    pub fn discover(paths: &[PathBuf]) -> Job {
        if paths.is_empty() {
            return Job::Seeds;
        }
        let report = load::discover(paths);
        Job::Files {
            files: report.files,
            problems: report.errors.iter().map(|e| e.to_string()).collect(),
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
    let mut docs: Vec<Arc<Document>> = Vec::new();
    match job {
        Job::Seeds => {
            docs = seeds::documents().into_iter().map(Arc::new).collect();
            if !send(Update::Found(docs.len())) || !send(Update::Documents(docs.clone())) {
                return;
            }
        }
        Job::Files { files, problems } => {
            if !send(Update::Found(files.len())) {
                return;
            }
            if !problems.is_empty() && !send(Update::Problems(problems.clone())) {
                return;
            }
            let ids = load::unique_ids(files);
            for (files, ids) in files.chunks(BATCH).zip(ids.chunks(BATCH)) {
                let read: Vec<_> = files
                    .par_iter()
                    .zip(ids.par_iter())
                    .map(|(f, id)| load::read_file(f, id.clone()))
                    .collect();
                let mut batch = Vec::with_capacity(read.len());
                let mut problems = Vec::new();
                for r in read {
                    match r {
                        Ok(d) => batch.push(Arc::new(d)),
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
    let mut analyses: Vec<Analysis> = Vec::with_capacity(docs.len());
    for chunk in docs.chunks(BATCH) {
        analyses.extend(
            chunk
                .par_iter()
                .map(|d| pipeline::analyse(d))
                .collect::<Vec<_>>(),
        );
        if !send(Update::Analysed(analyses.len())) {
            return;
        }
    }
    let linked = pipeline::link(&analyses);
    send(Update::Indexed(EntityIndex::new(docs.len(), linked)));
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
                if first {
                    self.open(crate::corpus::DocId(0));
                } else {
                    self.clamp();
                }
            }
            Update::Problems(p) => self.problems.extend(p),
            Update::Analysed(n) => self.progress.analysed = n,
            Update::Indexed(index) => {
                self.index = index;
                self.progress.done = true;
                self.progress.took_ms = Some(self.progress.started.elapsed().as_millis());
                self.rebuild_sidebar();
                self.clamp();
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
        let updates = Mutex::new(Vec::new());
        run(&Job::discover(&[dir.path().to_path_buf()]), &|u| {
            updates.lock().unwrap().push(u);
            true
        });
        let updates = updates.into_inner().unwrap();
        assert!(matches!(updates[0], Update::Found(6)));
        assert!(matches!(updates.last(), Some(Update::Indexed(_))));
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
