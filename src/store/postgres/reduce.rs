//! The reduce step on a shared store (`dossier link`): every article's
//! analysis, read in corpus order, linked across articles by the same code
//! the embedded index runs ([`pipeline::link`]), with the store's
//! corrections; the entities, their aliases and mentions replace the
//! previous ones in one transaction, so readers see the old entities or
//! the new, never a mix.

use super::{Error, PgStore, db};
use crate::corpus::DocId;
use crate::entity::analysis_json::AnalysisLine;
use crate::entity::link::corrections::Corrections;
use crate::entity::pipeline::{self, Analysis};
use crate::entity::{LinkedEntity, evidence::Evidence};
use crate::ingest::cache::ENGINE_VERSION;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{Json, Type};
use rayon::prelude::*;

/// What [`link`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// Articles linked.
    pub articles: usize,
    /// Entities written.
    pub entities: usize,
    /// Their mentions.
    pub mentions: usize,
    /// Corrections applied (undone ones left out).
    pub corrections: usize,
    /// Corrections in force that changed nothing, in words (a split whose
    /// spelling no entity of that name holds).
    pub unapplied: Vec<String>,
}

/// One article as linking reads it.
struct Row {
    id: i64,
    doc_id: String,
    text: String,
    analysis: Option<Json<AnalysisLine>>,
}

/// Link the store's articles and write the entities. Every article must be
/// analysed by this engine: an analysis that does not fit its article (or
/// of another engine) is put back in the queue, and the error says so.
pub fn link(store: &mut PgStore) -> Result<Report, Error> {
    store.require_schema()?;
    let started = std::time::Instant::now();
    let (_, unanalysed) = store.counts()?;
    if unanalysed > 0 {
        return Err(Error::NotAnalysed(unanalysed));
    }
    let rows = store
        .client
        .query(
            "SELECT a.id, a.doc_id, a.text, s.analysis
             FROM articles a LEFT JOIN analyses s ON s.article = a.id
             ORDER BY a.id",
            &[],
        )
        .map_err(db("reading the analyses"))?;
    let rows: Vec<Row> = rows
        .iter()
        .map(|r| {
            Ok(Row {
                id: r.try_get(0)?,
                doc_id: r.try_get(1)?,
                text: r.try_get(2)?,
                analysis: r.try_get(3)?,
            })
        })
        .collect::<Result<_, postgres::Error>>()
        .map_err(db("reading the analyses"))?;
    tracing::info!(
        "link: read {} analyses in {} ms",
        rows.len(),
        started.elapsed().as_millis()
    );
    let analyses: Vec<Result<Analysis, String>> = rows
        .par_iter()
        .map(|r| match &r.analysis {
            Some(Json(line)) => line.to_local(&r.text).map_err(|e| e.to_string()),
            None => Err("no analysis".into()),
        })
        .collect();
    let misfits: Vec<(i64, String)> = rows
        .iter()
        .zip(&analyses)
        .filter_map(|(r, a)| {
            a.as_ref()
                .err()
                .map(|e| (r.id, format!("{}: {e}", r.doc_id)))
        })
        .collect();
    if !misfits.is_empty() {
        let ids: Vec<i64> = misfits.iter().map(|m| m.0).collect();
        store
            .client
            .execute(
                "INSERT INTO queue SELECT unnest($1::int8[]) ON CONFLICT DO NOTHING",
                &[&ids],
            )
            .map_err(db("queueing unfit analyses again"))?;
        return Err(Error::BadRow(format!(
            "{} stored analyses do not fit their articles and are queued again (first: {}); run `dossier worker`, then link",
            misfits.len(),
            misfits[0].1
        )));
    }
    let analyses: Vec<Analysis> = analyses.into_iter().flatten().collect();
    let (corrections, applied) = corrections(store)?;
    let texts: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    let (linked, unapplied) = pipeline::link_noting(&analyses, &texts, &corrections);
    tracing::info!("link: linked after {} ms", started.elapsed().as_millis());
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mentions = write(store, &linked, &ids)?;
    tracing::info!("link: written after {} ms", started.elapsed().as_millis());
    Ok(Report {
        articles: rows.len(),
        entities: linked.len(),
        mentions,
        corrections: applied,
        unapplied,
    })
}

/// The store's corrections in force (those not undone), in the order they
/// were made, as the embedded reader's corrections file holds them; and
/// how many there are.
fn corrections(store: &mut PgStore) -> Result<(Corrections, usize), Error> {
    super::session::corrections_in_force(&mut store.client).map_err(db("reading the corrections"))
}

/// Start a `COPY … FROM STDIN` in `tx`.
fn copy<'a>(
    tx: &'a mut postgres::Transaction<'_>,
    sql: &str,
) -> Result<postgres::CopyInWriter<'a>, Error> {
    tx.copy_in(sql).map_err(db("writing the entities"))
}

/// Replace the stored entities with `linked` (`ids[d]`: the article row of
/// document `d`); the number of mentions written.
fn write(store: &mut PgStore, linked: &[LinkedEntity], ids: &[i64]) -> Result<usize, Error> {
    let mut tx = store
        .client
        .transaction()
        .map_err(db("starting a transaction"))?;
    tx.batch_execute(
        "LOCK TABLE entities, aliases, entity_mentions, link_state IN EXCLUSIVE MODE;
         TRUNCATE entity_mentions, aliases, entities, link_state;
         -- Building the indexes after the rows is faster than keeping them
         -- up to date row by row (the same definitions as in the schema).
         DROP INDEX entity_mentions_entity, entity_mentions_article;",
    )
    .map_err(db("clearing the old entities"))?;
    let mut w = BinaryCopyInWriter::new(
        copy(
            &mut tx,
            "COPY entities (id, key, name, kind, candidates, evidence) FROM STDIN (FORMAT binary)",
        )?,
        &[
            Type::INT4,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT_ARRAY,
            Type::JSON,
        ],
    );
    for (i, le) in linked.iter().enumerate() {
        let e = &le.entity;
        let evidence: Json<&Vec<Evidence>> = Json(&e.evidence);
        w.write(&[
            &(i as i32),
            &e.key,
            &e.name,
            &e.kind.as_str(),
            &e.candidates,
            &evidence,
        ])
        .map_err(db("writing the entities"))?;
    }
    w.finish().map_err(db("writing the entities"))?;
    let mut w = BinaryCopyInWriter::new(
        copy(
            &mut tx,
            "COPY aliases (entity, position, alias) FROM STDIN (FORMAT binary)",
        )?,
        &[Type::INT4, Type::INT4, Type::TEXT],
    );
    for (i, le) in linked.iter().enumerate() {
        for (p, alias) in le.entity.aliases.iter().enumerate() {
            w.write(&[&(i as i32), &(p as i32), alias])
                .map_err(db("writing the aliases"))?;
        }
    }
    w.finish().map_err(db("writing the aliases"))?;
    let mut w = BinaryCopyInWriter::new(
        copy(
            &mut tx,
            "COPY entity_mentions (entity, article, start_byte, end_byte) FROM STDIN (FORMAT binary)",
        )?,
        &[Type::INT4, Type::INT8, Type::INT4, Type::INT4],
    );
    let mut mentions = 0;
    for (i, le) in linked.iter().enumerate() {
        for (DocId(d), span) in &le.mentions {
            let article = ids.get(*d as usize).copied().unwrap_or_default();
            w.write(&[
                &(i as i32),
                &article,
                &(span.start as i32),
                &(span.end as i32),
            ])
            .map_err(db("writing the mentions of entities"))?;
            mentions += 1;
        }
    }
    w.finish().map_err(db("writing the mentions of entities"))?;
    tx.batch_execute(
        "CREATE INDEX entity_mentions_entity ON entity_mentions (entity, article, start_byte);
         CREATE INDEX entity_mentions_article ON entity_mentions (article, start_byte);",
    )
    .map_err(db("indexing the mentions of entities"))?;
    tx.execute(
        "INSERT INTO link_state (articles, engine) VALUES ($1, $2)",
        &[&(ids.len() as i64), &ENGINE_VERSION],
    )
    .map_err(db("recording the link"))?;
    tx.batch_execute("NOTIFY dossier_entities")
        .map_err(db("telling the readers"))?;
    tx.commit().map_err(db("committing the entities"))?;
    Ok(mentions)
}
