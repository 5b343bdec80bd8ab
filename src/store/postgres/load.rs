//! Loading articles into a shared store (`dossier ingest`): each article as
//! the reader reads it (id, path, title, display text, hidden page
//! furniture, date, category), appended in corpus order, and put in the
//! queue for a worker. An article whose id the store already holds is
//! skipped, so loading the same folder twice adds nothing.
//!
//! Articles go in a batch at a time, each batch in its own transaction
//! (written straight into `articles` with `COPY`), so that workers start on
//! the first batch while the next are read, and a load cut short keeps what
//! it committed: loading again adds the rest.

use super::{Error, PgStore, db};
use crate::corpus::Document;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use std::collections::HashSet;
use std::os::unix::ffi::OsStrExt;
use std::sync::Arc;

/// What [`Loader`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loaded {
    /// Articles added.
    pub added: u64,
    /// Articles skipped: their ids were in the store already.
    pub present: u64,
}

/// Appends batches of articles to a store.
pub struct Loader<'s> {
    store: &'s mut PgStore,
    /// Articles in the store before the load.
    before: i64,
    /// Articles the load expects to add (files found), for the bulk rule.
    expected: u64,
    /// Whether the first batch has been written.
    started: bool,
    /// What was done so far.
    pub loaded: Loaded,
}

impl<'s> Loader<'s> {
    /// A load of about `expected` articles into `store`.
    pub fn new(store: &'s mut PgStore, expected: usize) -> Result<Loader<'s>, Error> {
        let before: i64 = store
            .client
            .query_one("SELECT count(*) FROM articles", &[])
            .and_then(|r| r.try_get(0))
            .map_err(db("counting the articles"))?;
        fast_compression(store);
        Ok(Loader {
            store,
            before,
            expected: expected as u64,
            started: false,
            loaded: Loaded::default(),
        })
    }

    /// Append `docs` (in their order, those whose ids the store lacks) in
    /// one transaction; workers are told (`NOTIFY dossier_articles`).
    pub fn load(&mut self, docs: &[Arc<Document>]) -> Result<Loaded, Error> {
        let mut tx = self
            .store
            .client
            .transaction()
            .map_err(db("starting a transaction"))?;
        // One load at a time: the ids checked stay absent until the commit,
        // and the new rows are the ones above the highest id.
        tx.batch_execute("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE")
            .map_err(db("waiting for other loads"))?;
        let ids: Vec<&str> = docs.iter().map(|d| &*d.id).collect();
        let present: HashSet<String> = tx
            .query(
                "SELECT doc_id FROM articles WHERE doc_id = ANY($1)",
                &[&ids],
            )
            .map_err(db("looking for articles already loaded"))?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()
            .map_err(db("looking for articles already loaded"))?;
        let last: i64 = tx
            .query_one("SELECT coalesce(max(id), 0) FROM articles", &[])
            .and_then(|r| r.try_get(0))
            .map_err(db("reading the last article"))?;
        let writer = tx
            .copy_in(
                "COPY articles (doc_id, path, title, text, hidden, date, category)
                 FROM STDIN (FORMAT binary)",
            )
            .map_err(db("loading the articles"))?;
        let mut writer = BinaryCopyInWriter::new(
            writer,
            &[
                Type::TEXT,
                Type::BYTEA,
                Type::TEXT,
                Type::TEXT,
                Type::INT4_ARRAY,
                Type::TEXT,
                Type::TEXT,
            ],
        );
        let mut batch = Loaded::default();
        let mut seen: HashSet<&str> = HashSet::new();
        for d in docs {
            if present.contains(&*d.id) || !seen.insert(&d.id) {
                batch.present += 1;
                continue;
            }
            let hidden: Vec<i32> = d
                .hidden
                .iter()
                .flat_map(|r| [offset(r.start), offset(r.end)])
                .collect();
            let path: &[u8] = d.path.as_os_str().as_bytes();
            writer
                .write(&[
                    &d.id,
                    &path,
                    &d.title,
                    &d.text.as_str(),
                    &hidden,
                    &d.date,
                    &d.category,
                ])
                .map_err(db("loading the articles"))?;
            batch.added += 1;
        }
        writer.finish().map_err(db("loading the articles"))?;
        tx.execute(
            "INSERT INTO queue SELECT id FROM articles WHERE id > $1",
            &[&last],
        )
        .map_err(db("queueing the articles"))?;
        if !self.started {
            super::schema::drop_search_index_for_bulk(&mut tx, self.before, self.expected)?;
            self.started = true;
        }
        tx.batch_execute("NOTIFY dossier_articles")
            .map_err(db("telling the workers"))?;
        tx.commit().map_err(db("committing the articles"))?;
        self.loaded.added += batch.added;
        self.loaded.present += batch.present;
        Ok(batch)
    }
}

/// Append `docs` to the store's articles, in their order, in one
/// transaction (a [`Loader`] of one batch).
pub fn load(store: &mut PgStore, docs: &[Arc<Document>]) -> Result<Loaded, Error> {
    let mut loader = Loader::new(store, docs.len())?;
    loader.load(docs)?;
    Ok(loader.loaded)
}

/// Ask the server to compress long texts with LZ4 in this session, which
/// costs a fraction of the default (pglz) and compresses about as well; a
/// server built without LZ4 keeps its default.
pub(super) fn fast_compression(store: &mut PgStore) {
    if let Err(e) = store
        .client
        .batch_execute("SET default_toast_compression = 'lz4'")
    {
        tracing::info!("the server keeps its default compression: {e}");
    }
}

/// A byte offset as PostgreSQL's integer (articles are at most 64 MB).
fn offset(o: usize) -> i32 {
    i32::try_from(o).unwrap_or(i32::MAX)
}
