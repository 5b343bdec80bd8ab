//! Stores of a shared corpus beyond one machine: articles, their analyses
//! and linked entities kept in an existing database engine, for a team.
//! The embedded mode (files and the index cache, [`crate::ingest`]) stays
//! the default; [`postgres`] is the first shared engine.
//!
//! A store answers with the same types the embedded mode builds (a
//! [`Corpus`] and an [`EntityIndex`]), through [`CorpusStore`], so reports
//! and the reader need not know which engine holds the corpus; another
//! engine (a team's OpenSearch, say) implements the same trait. What the
//! reader asks besides (search, corrections, the reading state) is behind
//! the traits of [`reader`], which the embedded mode implements too
//! ([`embedded`]).

pub mod embedded;
pub mod postgres;
pub mod reader;

use crate::corpus::Corpus;
use crate::entity::EntityIndex;

/// A corpus kept by a shared engine.
pub trait CorpusStore {
    /// What can go wrong.
    type Error: std::error::Error + Send + Sync + 'static;

    /// The articles in corpus order, and their linked entities.
    fn load(&mut self) -> Result<(Corpus, EntityIndex), Self::Error>;
}

/// The embedded mode as a [`CorpusStore`]: files and folders, read and
/// indexed on this machine (with the index cache), as the reader opens them.
#[derive(Debug, Clone)]
pub struct Files {
    /// The paths (the bundled reports when empty).
    pub paths: Vec<std::path::PathBuf>,
    /// How record files are read.
    pub options: crate::corpus::RecordOptions,
}

/// Nothing could be opened from the paths given.
#[derive(Debug, thiserror::Error)]
#[error("no articles to open: {}", problems.join("; "))]
pub struct NothingOpened {
    /// The problems met.
    pub problems: Vec<String>,
}

impl CorpusStore for Files {
    type Error = NothingOpened;

    fn load(&mut self) -> Result<(Corpus, EntityIndex), NothingOpened> {
        let mut loaded = crate::ingest::load(&self.paths, &self.options);
        if loaded.corpus.is_empty() {
            return Err(NothingOpened {
                problems: std::mem::take(&mut loaded.problems),
            });
        }
        let corpus = std::mem::take(&mut loaded.corpus);
        let index = std::mem::take(&mut loaded.index);
        Ok((corpus, index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_mode_is_a_store_too() {
        let mut files = Files {
            paths: Vec::new(),
            options: Default::default(),
        };
        let (corpus, index) = files.load().unwrap();
        assert_eq!(corpus.len(), crate::corpus::seeds::SEEDS.len());
        assert!(index.find("Nordkorea").is_some());
        let dir = tempfile::tempdir().unwrap();
        let mut empty = Files {
            paths: vec![dir.path().to_path_buf()],
            options: Default::default(),
        };
        assert!(empty.load().is_err());
    }
}
