//! The map step on a shared store (`dossier worker`): claim a batch of
//! articles from the queue (`FOR UPDATE SKIP LOCKED`: a batch another
//! worker holds is passed over, so two workers never take the same
//! article), analyse it on every core, and write each article's analysis,
//! mentions and search vector ([`super::search_vector`]), and take it off the queue, in the
//! transaction that holds the claim. A worker
//! that dies mid-batch holds nothing once its connection is gone: the
//! transaction is rolled back and the batch is back in the queue.
//!
//! Any number of workers, on any number of machines, share the queue; the
//! work per batch is independent, so throughput grows with the cores until
//! the database's writes are the bound.

use super::search_vector::SearchVector;
use super::{Error, PgStore, db};
use crate::corpus::furniture;
use crate::corpus::sanitize::sanitize;
use crate::entity::analysis_json::AnalysisLine;
use crate::entity::pipeline;
use crate::ingest::cache::ENGINE_VERSION;
use postgres::types::Json;
use rayon::prelude::*;
use std::ops::Range;
use std::path::PathBuf;
use std::time::Duration;

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Articles claimed per transaction.
    pub batch: i64,
    /// Stop when no article is left to claim (else wait for more).
    pub exit_when_empty: bool,
    /// The name written beside each analysis (`analysed_by`).
    pub name: String,
    /// Wait this long before committing each batch (for tests that kill a
    /// worker mid-batch).
    pub pause_before_commit: Option<Duration>,
}

/// What a worker did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    /// Articles analysed.
    pub articles: u64,
    /// Batches committed.
    pub batches: u64,
    /// Mentions written.
    pub mentions: u64,
    /// Analyses of another engine version put back in the queue at start.
    pub requeued: u64,
}

/// The default name of a worker: host and process id.
pub fn default_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "localhost".into());
    format!("{host}:{}", std::process::id())
}

/// How long an idle worker waits for `dossier ingest`'s notification
/// before looking at the queue anyway.
const IDLE_POLL: Duration = Duration::from_secs(30);

/// Work through the queue; `progress` is told after every batch.
pub fn run(
    store: &mut PgStore,
    options: &Options,
    progress: &dyn Fn(&Report),
) -> Result<Report, Error> {
    store.require_schema()?;
    super::load::fast_compression(store);
    let mut report = Report {
        requeued: store
            .client
            .execute(
                "INSERT INTO queue SELECT article FROM analyses WHERE engine <> $1
                 ON CONFLICT DO NOTHING",
                &[&ENGINE_VERSION],
            )
            .map_err(db("queueing analyses of another engine again"))?,
        ..Report::default()
    };
    if !options.exit_when_empty {
        // Woken by `dossier ingest` (NOTIFY dossier_articles) when idle.
        store
            .client
            .batch_execute("LISTEN dossier_articles")
            .map_err(db("listening for new articles"))?;
    }
    loop {
        let done = batch(store, options)?;
        match done {
            Some((articles, mentions)) => {
                report.articles += articles;
                report.mentions += mentions;
                report.batches += 1;
                progress(&report);
            }
            None if options.exit_when_empty => return Ok(report),
            None => wait_for_articles(store)?,
        }
    }
}

/// Wait until `dossier ingest` says articles were added, or [`IDLE_POLL`]
/// has passed; notifications that came meanwhile are used up.
fn wait_for_articles(store: &mut PgStore) -> Result<(), Error> {
    use postgres::fallible_iterator::FallibleIterator;
    let mut notifications = store.client.notifications();
    let woken = notifications
        .timeout_iter(IDLE_POLL)
        .next()
        .map_err(db("waiting for new articles"))?;
    if woken.is_some() {
        // Use up the rest: one look at the queue answers them all.
        while notifications
            .iter()
            .next()
            .map_err(db("waiting for new articles"))?
            .is_some()
        {}
    }
    Ok(())
}

/// One article claimed.
struct Claimed {
    id: i64,
    doc_id: String,
    title: String,
    text: String,
    hidden: Vec<i32>,
}

/// Claim, analyse and write one batch: the articles and mentions written,
/// or `None` when the queue is empty.
fn batch(store: &mut PgStore, options: &Options) -> Result<Option<(u64, u64)>, Error> {
    let mut tx = store
        .client
        .transaction()
        .map_err(db("starting a transaction"))?;
    let rows = tx
        .query(
            "WITH claimed AS (
                DELETE FROM queue WHERE article IN (
                    SELECT article FROM queue ORDER BY article LIMIT $1
                    FOR UPDATE SKIP LOCKED)
                RETURNING article)
             SELECT a.id, a.doc_id, a.title, a.text, a.hidden
             FROM articles a JOIN claimed c ON a.id = c.article ORDER BY a.id",
            &[&options.batch.max(1)],
        )
        .map_err(db("claiming articles"))?;
    if rows.is_empty() {
        tx.commit().map_err(db("ending the transaction"))?;
        return Ok(None);
    }
    let claimed = rows
        .iter()
        .map(|r| {
            Ok(Claimed {
                id: r.try_get(0)?,
                doc_id: r.try_get(1)?,
                title: r.try_get(2)?,
                text: r.try_get(3)?,
                hidden: r.try_get(4)?,
            })
        })
        .collect::<Result<Vec<Claimed>, postgres::Error>>()
        .map_err(db("reading the claimed articles"))?;
    drop(rows);
    let (lines, vectors): (Vec<AnalysisLine>, Vec<SearchVector>) =
        claimed.par_iter().map(analyse).unzip();
    let mut m = MentionColumns::default();
    for (c, line) in claimed.iter().zip(&lines) {
        for (e, entity) in line.entities.iter().enumerate() {
            for mention in &entity.mentions {
                m.article.push(c.id);
                m.local_entity.push(e as i32);
                m.start.push(mention.start as i32);
                m.end.push(mention.end as i32);
                m.surface.push(mention.text.as_str());
                m.kind.push(mention.kind.as_str());
                m.inflected.push(mention.inflected);
            }
        }
    }
    let ids: Vec<i64> = claimed.iter().map(|c| c.id).collect();
    tx.execute("DELETE FROM mentions WHERE article = ANY($1)", &[&ids])
        .map_err(db("clearing old mentions"))?;
    tx.execute(
        "INSERT INTO mentions (article, local_entity, start_byte, end_byte, surface, kind, inflected)
         SELECT * FROM unnest($1::int8[], $2::int4[], $3::int4[], $4::int4[], $5::text[], $6::text[], $7::bool[])",
        &[
            &m.article,
            &m.local_entity,
            &m.start,
            &m.end,
            &m.surface,
            &m.kind,
            &m.inflected,
        ],
    )
    .map_err(db("writing mentions"))?;
    let analyses: Vec<Json<&AnalysisLine>> = lines.iter().map(Json).collect();
    tx.execute(
        "INSERT INTO analyses (article, analysis, engine, analysed_by, search)
         SELECT u.id, u.analysis, $3, $4, u.search
         FROM unnest($1::int8[], $2::json[], $5::tsvector[]) AS u(id, analysis, search)
         ON CONFLICT (article) DO UPDATE SET
             analysis = EXCLUDED.analysis, engine = EXCLUDED.engine,
             analysed_at = now(), analysed_by = EXCLUDED.analysed_by,
             runs = analyses.runs + 1, search = EXCLUDED.search",
        &[&ids, &analyses, &ENGINE_VERSION, &options.name, &vectors],
    )
    .map_err(db("writing analyses"))?;
    if let Some(pause) = options.pause_before_commit {
        std::thread::sleep(pause);
    }
    tx.commit().map_err(db("committing a batch"))?;
    Ok(Some((claimed.len() as u64, m.article.len() as u64)))
}

/// The mentions of a batch, column by column (one `unnest` insert).
#[derive(Default)]
struct MentionColumns<'a> {
    article: Vec<i64>,
    local_entity: Vec<i32>,
    start: Vec<i32>,
    end: Vec<i32>,
    surface: Vec<&'a str>,
    kind: Vec<&'static str>,
    inflected: Vec<bool>,
}

/// Analyse one claimed article as the embedded reader analyses it, and
/// make its search vector (title and text). Its text is sanitised again
/// and its hidden ranges checked (a row is untrusted); ranges that are not
/// ordered pairs inside the text are found again from the text.
fn analyse(c: &Claimed) -> (AnalysisLine, SearchVector) {
    let (text, _) = sanitize(c.text.as_bytes());
    let hidden = hidden_ranges(&c.hidden, text.len()).unwrap_or_else(|| furniture::find(&text));
    let doc = crate::corpus::Document {
        id: c.doc_id.as_str().into(),
        path: PathBuf::new().into(),
        text: text.into(),
        replaced: Box::default(),
        title: c.title.as_str().into(),
        hidden: hidden.into(),
        date: None,
        category: None,
        stamp: None,
    };
    let vector = SearchVector::of(&[&doc.title, &doc.text]);
    let line = AnalysisLine::new(&doc.id, &doc.title, &pipeline::analyse(&doc));
    (line, vector)
}

/// The hidden ranges of a row (start, end pairs), if they are ordered,
/// disjoint and inside a text of `len` bytes.
pub(super) fn hidden_ranges(flat: &[i32], len: usize) -> Option<Vec<Range<usize>>> {
    if !flat.len().is_multiple_of(2) {
        return None;
    }
    let mut out: Vec<Range<usize>> = Vec::with_capacity(flat.len() / 2);
    for pair in flat.chunks_exact(2) {
        let start = usize::try_from(pair[0]).ok()?;
        let end = usize::try_from(pair[1]).ok()?;
        if start > end || end > len || out.last().is_some_and(|p| p.end > start) {
            return None;
        }
        out.push(start..end);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_ranges_are_checked() {
        assert_eq!(hidden_ranges(&[0, 3, 5, 9], 10), Some(vec![0..3, 5..9]));
        assert_eq!(hidden_ranges(&[], 0), Some(vec![]));
        assert_eq!(hidden_ranges(&[0, 3, 5], 10), None, "odd");
        assert_eq!(hidden_ranges(&[4, 3], 10), None, "reversed");
        assert_eq!(hidden_ranges(&[0, 11], 10), None, "outside");
        assert_eq!(hidden_ranges(&[0, 5, 4, 6], 10), None, "overlapping");
        assert_eq!(hidden_ranges(&[-1, 5], 10), None, "negative");
    }
}
