//! The reading state of each user of a shared store, in `reading_state`:
//! one row per article read, scrolled or bookmarked (the connection's user
//! is the reader); the last article is the one read last. A bookmark is
//! kept per article, at its position.

use crate::reading_memory::{Bookmark, ReadingState};
use postgres::Client;
use rustc_hash::FxHashMap;

/// The reading state of `reader`. Rows are untrusted: a negative position
/// is ignored.
pub fn load(c: &mut Client, reader: &str) -> Result<ReadingState, postgres::Error> {
    let rows = c.query(
        "SELECT a.doc_id, r.read_at IS NOT NULL, r.position, r.bookmarked, a.title
         FROM reading_state r JOIN articles a ON a.id = r.article
         WHERE r.reader = $1 ORDER BY r.read_at NULLS FIRST, a.id",
        &[&reader],
    )?;
    let mut state = ReadingState::default();
    for r in &rows {
        let doc: String = r.try_get(0)?;
        let read: bool = r.try_get(1)?;
        let position: Option<i32> = r.try_get(2)?;
        let bookmarked: bool = r.try_get(3)?;
        let title: String = r.try_get(4)?;
        if read {
            state.read.insert(doc.clone());
            state.last_doc = Some(doc.clone());
        }
        let position = position.and_then(|p| usize::try_from(p).ok());
        if let Some(p) = position {
            state.positions.insert(doc.clone(), p);
        }
        if bookmarked {
            state.bookmarks.push(Bookmark {
                doc,
                offset: position.unwrap_or(0),
                label: title,
            });
        }
    }
    Ok(state)
}

/// Write `state` as the reading state of `reader` (`by_doc`: the row id of
/// each document id), in one transaction.
pub fn save(
    c: &mut Client,
    reader: &str,
    by_doc: &FxHashMap<String, i64>,
    state: &ReadingState,
) -> Result<(), postgres::Error> {
    let mut docs: Vec<&String> = state
        .read
        .iter()
        .chain(state.positions.keys())
        .chain(state.bookmarks.iter().map(|b| &b.doc))
        .collect();
    docs.sort();
    docs.dedup();
    let mut articles = Vec::new();
    let mut read = Vec::new();
    let mut positions: Vec<Option<i32>> = Vec::new();
    let mut bookmarked = Vec::new();
    for d in docs {
        let Some(&id) = by_doc.get(d) else {
            continue;
        };
        articles.push(id);
        read.push(state.read.contains(d));
        positions.push(state.positions.get(d).and_then(|&p| i32::try_from(p).ok()));
        bookmarked.push(state.bookmarks.iter().any(|b| &b.doc == d));
    }
    let last = state
        .last_doc
        .as_ref()
        .filter(|d| state.read.contains(*d))
        .and_then(|d| by_doc.get(d).copied());
    let mut tx = c.transaction()?;
    tx.execute(
        "DELETE FROM reading_state WHERE reader = $1 AND NOT (article = ANY($2))",
        &[&reader, &articles],
    )?;
    tx.execute(
        "INSERT INTO reading_state (reader, article, read_at, position, bookmarked)
         SELECT $1, a, CASE WHEN r THEN now() END, p, b
         FROM unnest($2::int8[], $3::bool[], $4::int4[], $5::bool[]) AS t(a, r, p, b)
         ON CONFLICT (reader, article) DO UPDATE SET
            read_at = CASE WHEN excluded.read_at IS NULL THEN NULL
                           ELSE coalesce(reading_state.read_at, excluded.read_at) END,
            position = excluded.position,
            bookmarked = excluded.bookmarked",
        &[&reader, &articles, &read, &positions, &bookmarked],
    )?;
    if let Some(last) = last {
        tx.execute(
            "UPDATE reading_state SET read_at = clock_timestamp()
             WHERE reader = $1 AND article = $2",
            &[&reader, &last],
        )?;
    }
    tx.commit()
}
