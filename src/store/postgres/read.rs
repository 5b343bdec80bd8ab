//! Reading a shared store back: its articles as a [`Corpus`] and its linked
//! entities as an [`EntityIndex`], the same types the embedded mode builds,
//! so every report (and later the reader) works over either.
//!
//! Rows are checked as they are read: an entity mention outside its
//! article's text, or of an article or entity that does not exist, is an
//! error naming the row.

use super::{Error, PgStore, db};
use crate::corpus::{Corpus, DocId, Document};
use crate::entity::analysis_json::AnalysisLine;
use crate::entity::evidence::Evidence;
use crate::entity::pipeline::Analysis;
use crate::entity::{Entity, EntityIndex, Kind, LinkedEntity};
use postgres::types::Json;
use rustc_hash::FxHashMap;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;

/// The articles, in corpus order, with the row id of each.
pub fn corpus(store: &mut PgStore) -> Result<(Corpus, Vec<i64>), Error> {
    let rows = store
        .client
        .query(
            "SELECT id, doc_id, path, title, text, hidden, date, category
             FROM articles ORDER BY id",
            &[],
        )
        .map_err(db("reading the articles"))?;
    let mut ids = Vec::with_capacity(rows.len());
    let mut docs = Vec::with_capacity(rows.len());
    for r in &rows {
        let get = |e| db("reading the articles")(e);
        let id: i64 = r.try_get(0).map_err(get)?;
        let text: String = r.try_get(4).map_err(get)?;
        let hidden: Vec<i32> = r.try_get(5).map_err(get)?;
        let hidden = super::worker::hidden_ranges(&hidden, text.len())
            .ok_or_else(|| Error::BadRow(format!("article {id}: hidden ranges do not fit")))?;
        let path: Vec<u8> = r.try_get(2).map_err(get)?;
        docs.push(Document {
            id: r.try_get::<_, String>(1).map_err(get)?.into(),
            path: PathBuf::from(OsString::from_vec(path)).into(),
            title: r.try_get::<_, String>(3).map_err(get)?.into(),
            hidden: hidden.into(),
            replaced: Box::default(),
            date: r
                .try_get::<_, Option<String>>(6)
                .map_err(get)?
                .map(Into::into),
            category: r
                .try_get::<_, Option<String>>(7)
                .map_err(get)?
                .map(Into::into),
            stamp: None,
            text: text.into(),
        });
        ids.push(id);
    }
    Ok((Corpus::new(docs), ids))
}

/// The linked entities over `corpus` (whose row ids are `ids`), as the
/// last `dossier link` wrote them. Refused when articles were added since.
pub fn index(store: &mut PgStore, corpus: &Corpus, ids: &[i64]) -> Result<EntityIndex, Error> {
    let linked: i64 = store
        .client
        .query_opt("SELECT articles FROM link_state", &[])
        .map_err(db("reading the link state"))?
        .map(|r| r.try_get(0))
        .transpose()
        .map_err(db("reading the link state"))?
        .unwrap_or(0);
    if linked != ids.len() as i64 {
        return Err(Error::Stale {
            linked,
            articles: ids.len() as i64,
        });
    }
    let doc_of: FxHashMap<i64, DocId> = ids
        .iter()
        .enumerate()
        .map(|(d, &id)| (id, DocId(d as u32)))
        .collect();
    let rows = store
        .client
        .query(
            "SELECT id, key, name, kind, candidates, evidence FROM entities ORDER BY id",
            &[],
        )
        .map_err(db("reading the entities"))?;
    let mut entities: Vec<LinkedEntity> = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let get = |e| db("reading the entities")(e);
        let id: i32 = r.try_get(0).map_err(get)?;
        if id as usize != i {
            return Err(Error::BadRow(format!(
                "entity ids are not 0..n (found {id} at {i})"
            )));
        }
        let kind: String = r.try_get(3).map_err(get)?;
        let kind = Kind::parse(&kind)
            .ok_or_else(|| Error::BadRow(format!("entity {id}: unknown kind {kind:?}")))?;
        let Json(evidence): Json<Vec<Evidence>> = r.try_get(5).map_err(get)?;
        entities.push(LinkedEntity {
            entity: Entity {
                key: r.try_get(1).map_err(get)?,
                name: r.try_get(2).map_err(get)?,
                kind,
                aliases: Vec::new(),
                candidates: r.try_get(4).map_err(get)?,
                evidence,
            },
            mentions: Vec::new(),
        });
    }
    let entity = |id: i32, what: &str| -> Result<usize, Error> {
        usize::try_from(id)
            .ok()
            .filter(|&i| i < entities.len())
            .ok_or_else(|| Error::BadRow(format!("{what} of entity {id}, which does not exist")))
    };
    let rows = store
        .client
        .query(
            "SELECT entity, alias FROM aliases ORDER BY entity, position",
            &[],
        )
        .map_err(db("reading the aliases"))?;
    let mut aliases: Vec<(usize, String)> = Vec::with_capacity(rows.len());
    for r in &rows {
        let get = |e| db("reading the aliases")(e);
        aliases.push((
            entity(r.try_get(0).map_err(get)?, "an alias")?,
            r.try_get(1).map_err(get)?,
        ));
    }
    let rows = store
        .client
        .query(
            "SELECT entity, article, start_byte, end_byte FROM entity_mentions
             ORDER BY entity, article, start_byte, end_byte",
            &[],
        )
        .map_err(db("reading the mentions of entities"))?;
    let mut mentions = Vec::with_capacity(rows.len());
    for r in &rows {
        let get = |e| db("reading the mentions of entities")(e);
        let e = entity(r.try_get(0).map_err(get)?, "a mention")?;
        let article: i64 = r.try_get(1).map_err(get)?;
        let (start, end): (i32, i32) = (r.try_get(2).map_err(get)?, r.try_get(3).map_err(get)?);
        let doc = *doc_of.get(&article).ok_or_else(|| {
            Error::BadRow(format!(
                "a mention in article {article}, which does not exist"
            ))
        })?;
        let text = &corpus.doc(doc).text;
        let span = usize::try_from(start).unwrap_or(usize::MAX)..usize::try_from(end).unwrap_or(0);
        if span.start > span.end || text.get(span.clone()).is_none() {
            return Err(Error::BadRow(format!(
                "mention {start}..{end} of entity {e} does not fit article {article}"
            )));
        }
        mentions.push((e, doc, span));
    }
    drop(rows);
    for (e, alias) in aliases {
        entities[e].entity.aliases.push(alias);
    }
    for (e, doc, span) in mentions {
        entities[e].mentions.push((doc, span));
    }
    Ok(EntityIndex::new(corpus.len(), entities))
}

/// The corpus and its entity index.
pub fn load(store: &mut PgStore) -> Result<(Corpus, EntityIndex), Error> {
    let (corpus, _, index) = load_with_ids(store)?;
    Ok((corpus, index))
}

/// The corpus, the row id of each article, and the entity index; refused
/// while articles wait for a worker or were added since the last link.
pub fn load_with_ids(store: &mut PgStore) -> Result<(Corpus, Vec<i64>, EntityIndex), Error> {
    store.require_schema()?;
    let (_, unanalysed) = store.counts()?;
    if unanalysed > 0 {
        return Err(Error::NotAnalysed(unanalysed));
    }
    let (corpus, ids) = corpus(store)?;
    let index = index(store, &corpus, &ids)?;
    Ok((corpus, ids, index))
}

/// Every article's analysis as linking reads it (to re-link after a
/// correction), in corpus order; each checked against its article.
pub fn analyses(store: &mut PgStore, corpus: &Corpus, ids: &[i64]) -> Result<Vec<Analysis>, Error> {
    use rayon::prelude::*;
    let rows = store
        .client
        .query(
            "SELECT a.id, s.analysis FROM articles a LEFT JOIN analyses s ON s.article = a.id
             ORDER BY a.id",
            &[],
        )
        .map_err(db("reading the analyses"))?;
    if rows.len() != corpus.len() {
        return Err(Error::Stale {
            linked: corpus.len() as i64,
            articles: rows.len() as i64,
        });
    }
    let lines: Vec<(i64, Option<Json<AnalysisLine>>)> = rows
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect::<Result<_, postgres::Error>>()
        .map_err(db("reading the analyses"))?;
    drop(rows);
    lines
        .into_par_iter()
        .enumerate()
        .map(|(d, (id, line))| {
            if ids.get(d) != Some(&id) {
                return Err(Error::BadRow(format!("article {id} is not where it was")));
            }
            let text = &corpus.doc(DocId(d as u32)).text;
            match line {
                Some(Json(line)) => line
                    .to_local(text)
                    .map_err(|e| Error::BadRow(format!("the analysis of article {id}: {e}"))),
                None => Err(Error::NotAnalysed(1)),
            }
        })
        .collect()
}

impl crate::store::CorpusStore for PgStore {
    type Error = Error;

    fn load(&mut self) -> Result<(Corpus, EntityIndex), Error> {
        load(self)
    }
}
