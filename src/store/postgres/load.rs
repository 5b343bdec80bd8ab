//! Loading articles into a shared store (`dossier ingest`): each article as
//! the reader reads it (id, path, title, display text, hidden page
//! furniture, date, category), appended in corpus order, and put in the
//! queue for a worker. An article whose id the store already holds is
//! skipped, so loading the same folder twice adds nothing.

use super::{Error, PgStore, db};
use crate::corpus::Document;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use std::os::unix::ffi::OsStrExt;
use std::sync::Arc;

/// What [`load`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loaded {
    /// Articles added.
    pub added: u64,
    /// Articles skipped: their ids were in the store already.
    pub present: u64,
}

/// Append `docs` to the store's articles, in their order, in one
/// transaction; workers are told (`NOTIFY dossier_articles`).
pub fn load(store: &mut PgStore, docs: &[Arc<Document>]) -> Result<Loaded, Error> {
    let mut tx = store
        .client
        .transaction()
        .map_err(db("starting a transaction"))?;
    tx.batch_execute(
        "CREATE TEMPORARY TABLE incoming (
            ord bigint, doc_id text, path bytea, title text, text text,
            hidden integer[], date text, category text
        ) ON COMMIT DROP",
    )
    .map_err(db("preparing the load"))?;
    let writer = tx
        .copy_in("COPY incoming FROM STDIN (FORMAT binary)")
        .map_err(db("loading the articles"))?;
    let mut writer = BinaryCopyInWriter::new(
        writer,
        &[
            Type::INT8,
            Type::TEXT,
            Type::BYTEA,
            Type::TEXT,
            Type::TEXT,
            Type::INT4_ARRAY,
            Type::TEXT,
            Type::TEXT,
        ],
    );
    for (i, d) in docs.iter().enumerate() {
        let hidden: Vec<i32> = d
            .hidden
            .iter()
            .flat_map(|r| [offset(r.start), offset(r.end)])
            .collect();
        let path: &[u8] = d.path.as_os_str().as_bytes();
        writer
            .write(&[
                &(i as i64),
                &d.id,
                &path,
                &d.title,
                &d.text.as_str(),
                &hidden,
                &d.date,
                &d.category,
            ])
            .map_err(db("loading the articles"))?;
    }
    writer.finish().map_err(db("loading the articles"))?;
    let added = tx
        .execute(
            "WITH added AS (
                INSERT INTO articles (doc_id, path, title, text, hidden, date, category)
                SELECT doc_id, path, title, text, hidden, date, category
                FROM incoming ORDER BY ord
                ON CONFLICT (doc_id) DO NOTHING
                RETURNING id)
             INSERT INTO queue SELECT id FROM added",
            &[],
        )
        .map_err(db("adding the articles"))?;
    tx.batch_execute("NOTIFY dossier_articles")
        .map_err(db("telling the workers"))?;
    tx.commit().map_err(db("committing the articles"))?;
    Ok(Loaded {
        added,
        present: docs.len() as u64 - added,
    })
}

/// A byte offset as PostgreSQL's integer (articles are at most 64 MB).
fn offset(o: usize) -> i32 {
    i32::try_from(o).unwrap_or(i32::MAX)
}
