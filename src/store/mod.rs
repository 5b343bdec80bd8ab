//! Stores of a shared corpus beyond one machine: articles, their analyses
//! and linked entities kept in an existing database engine, for a team.
//! The embedded mode (files and the index cache, [`crate::ingest`]) stays
//! the default; [`postgres`] is the first shared engine.
//!
//! A store answers with the same types the embedded mode builds (a
//! [`Corpus`] and an [`EntityIndex`]), through [`CorpusStore`], so reports
//! and the reader need not know which engine holds the corpus; another
//! engine (a team's OpenSearch, say) implements the same trait.

pub mod postgres;

use crate::corpus::Corpus;
use crate::entity::EntityIndex;

/// A corpus kept by a shared engine.
pub trait CorpusStore {
    /// What can go wrong.
    type Error: std::error::Error + Send + Sync + 'static;

    /// The articles in corpus order, and their linked entities.
    fn load(&mut self) -> Result<(Corpus, EntityIndex), Self::Error>;
}
