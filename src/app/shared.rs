//! Opening the reader over a shared store (`dossier postgres://…`): the
//! store's articles and entities as last linked go in as the loader's
//! updates would, and its search, correction log and reading state take
//! the place of the embedded ones (the traits of
//! [`crate::store::reader`]); the rest of the application does not know
//! which store it reads.

use super::App;
use crate::corpus::Corpus;
use crate::entity::EntityIndex;
use crate::ingest::Update;
use crate::ingest::analyses::Analyses;
use crate::store::postgres::session::{self, Articles, PgCorrections, PgSearch, PgState};
use crate::store::postgres::{PgStore, read};
use std::sync::Arc;

/// A shared store read for the reader, before it is shown.
#[derive(Debug)]
pub struct StoreReader {
    corpus: Corpus,
    index: EntityIndex,
    log: PgCorrections,
    search: PgSearch,
    state: PgState,
}

/// Reads the analyses of a store (to re-link after corrections): the slow
/// part of opening, run after the first frame.
#[derive(Debug)]
pub struct AnalysesLoader {
    store: PgStore,
    corpus: Corpus,
    ids: Vec<i64>,
}

impl AnalysesLoader {
    /// The analyses, as the update the reader takes them in (a problem
    /// when they cannot be read: corrections then wait).
    pub fn load(mut self) -> Update {
        match read::analyses(&mut self.store, &self.corpus, &self.ids) {
            Ok(a) => Update::Analyses(Analyses::ready(Arc::new(a))),
            Err(e) => Update::Problems(vec![format!("corrections cannot be made: {e}")]),
        }
    }
}

impl StoreReader {
    /// Read the store `conn` names: refused (with what to run) while
    /// articles wait for a worker or were added since the last link.
    /// `wake` is called when the store's session has something to say
    /// ([`App::poll_store`]).
    pub fn open(
        conn: &str,
        wake: Box<dyn Fn() + Send>,
    ) -> anyhow::Result<(StoreReader, AnalysesLoader)> {
        let mut store = PgStore::connect(conn)?;
        let (corpus, ids, index) = read::load_with_ids(&mut store)?;
        let articles = Articles {
            ids: ids.clone(),
            doc_ids: corpus.docs().iter().map(|d| d.id.to_string()).collect(),
        };
        let (log, search, state) = session::open(conn, articles, wake)?;
        Ok((
            StoreReader {
                corpus: corpus.clone(),
                index,
                log,
                search,
                state,
            },
            AnalysesLoader { store, corpus, ids },
        ))
    }

    /// Where the store is, for messages.
    pub fn describe(&self) -> String {
        crate::store::reader::CorrectionLog::describe(&self.log)
    }

    /// Show the store in `app`: its articles and entities, its search, its
    /// correction log, the reading state of the connection's user.
    pub fn install(self, app: &mut App) {
        // The reading state first, as the embedded reader attaches it
        // before the articles come: the first article opened is marked
        // read in it.
        app.attach_state(self.state);
        let docs = self.corpus.docs().to_vec();
        app.on_update(Update::Found(docs.len()));
        app.on_update(Update::Documents(docs));
        app.on_update(Update::Indexed(self.index, None));
        app.searcher = Box::new(self.search);
        app.corrector.log = Some(Box::new(self.log));
        app.poll_store();
    }
}
