//! The schema of a shared corpus, its version, and the migrations between
//! versions. README's "Shared corpus on PostgreSQL" documents the tables;
//! [`MIGRATIONS`] is the truth.
//!
//! `schema_version` holds one row, the version the tables have. A database
//! without it is empty of dossier tables: `dossier ingest` creates them. A
//! database of an older version is upgraded by `dossier ingest --migrate`
//! only (never silently: other readers and workers may run an older dossier);
//! one of a newer version is left alone with a message to upgrade dossier.
//! Creating and migrating hold an advisory lock, so two commands never do
//! it at once.

use super::{Error, db};
use postgres::GenericClient;

/// The schema version this dossier reads and writes.
pub const CURRENT: i32 = 2;

/// The migrations, in order: `MIGRATIONS[v - 1]` takes the schema from
/// version `v - 1` to version `v` (version 0: no tables).
pub const MIGRATIONS: [&str; CURRENT as usize] = [
    // 1: the tables.
    r#"
    CREATE TABLE schema_version (version integer NOT NULL);
    INSERT INTO schema_version VALUES (0);

    -- One row per article, in corpus order (id).
    CREATE TABLE articles (
        id          bigserial PRIMARY KEY,
        doc_id      text NOT NULL UNIQUE,
        path        bytea NOT NULL,
        title       text NOT NULL,
        text        text NOT NULL,
        hidden      integer[] NOT NULL DEFAULT '{}',
        date        text,
        category    text,
        added_at    timestamptz NOT NULL DEFAULT now()
    );
    -- Articles waiting for a worker (claimed with FOR UPDATE SKIP LOCKED,
    -- deleted in the transaction that writes their analysis).
    CREATE TABLE queue (
        article bigint PRIMARY KEY REFERENCES articles ON DELETE CASCADE
    );
    -- The map step's output: each article's analysis (`dossier analyze`'s
    -- JSON line), the engine that made it, and how often it was made.
    CREATE TABLE analyses (
        article     bigint PRIMARY KEY REFERENCES articles ON DELETE CASCADE,
        analysis    json NOT NULL,
        engine      text NOT NULL,
        analysed_at timestamptz NOT NULL DEFAULT now(),
        analysed_by text NOT NULL,
        runs        integer NOT NULL DEFAULT 1
    );

    -- Its recognised mentions, by article.
    -- (Tables written in bulk by one step have no foreign keys: a check per
    -- row would cost more than the step; readers check every row.)
    CREATE TABLE mentions (
        article      bigint NOT NULL,
        local_entity integer NOT NULL,
        start_byte   integer NOT NULL,
        end_byte     integer NOT NULL,
        surface      text NOT NULL,
        kind         text NOT NULL,
        inflected    boolean NOT NULL
    );
    CREATE INDEX mentions_article ON mentions (article);

    -- The reduce step's output: entities linked across articles.
    CREATE TABLE entities (
        id         integer PRIMARY KEY,
        key        text NOT NULL UNIQUE,
        name       text NOT NULL,
        kind       text NOT NULL,
        candidates text[] NOT NULL DEFAULT '{}',
        evidence   json NOT NULL
    );
    CREATE TABLE aliases (
        entity   integer NOT NULL,
        position integer NOT NULL,
        alias    text NOT NULL,
        PRIMARY KEY (entity, position)
    );
    CREATE TABLE entity_mentions (
        entity     integer NOT NULL,
        article    bigint NOT NULL,
        start_byte integer NOT NULL,
        end_byte   integer NOT NULL
    );
    -- (`dossier link` drops and rebuilds these two around its bulk write.)
    CREATE INDEX entity_mentions_entity ON entity_mentions (entity, article, start_byte);
    CREATE INDEX entity_mentions_article ON entity_mentions (article, start_byte);
    -- When linking last ran, over how many articles.
    CREATE TABLE link_state (
        articles  bigint NOT NULL,
        engine    text NOT NULL,
        linked_at timestamptz NOT NULL DEFAULT now()
    );

    -- Corrections: append-only; an undo is another row.
    CREATE TABLE corrections (
        id      bigserial PRIMARY KEY,
        author  text NOT NULL,
        at      timestamptz NOT NULL DEFAULT now(),
        kind    text NOT NULL CHECK (kind IN ('merge', 'split', 'alias', 'not-an-entity', 'undo')),
        subject text,
        target  text,
        undoes  bigint REFERENCES corrections,
        CHECK ((kind = 'undo') = (undoes IS NOT NULL))
    );
    CREATE FUNCTION corrections_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'corrections are append-only: add an undo row instead';
    END $$;
    CREATE TRIGGER corrections_append_only BEFORE UPDATE OR DELETE ON corrections
        FOR EACH ROW EXECUTE FUNCTION corrections_append_only();

    -- What each reader has read, and where they are.
    CREATE TABLE reading_state (
        reader     text NOT NULL,
        article    bigint NOT NULL REFERENCES articles ON DELETE CASCADE,
        read_at    timestamptz,
        position   integer,
        bookmarked boolean NOT NULL DEFAULT false,
        PRIMARY KEY (reader, article)
    );
    "#,
    // 2: German full-text search over the articles: the vector is made by
    // the workers (in parallel), beside the analysis.
    r#"
    ALTER TABLE analyses ADD COLUMN search tsvector;
    UPDATE analyses s SET search = to_tsvector('german', a.title || ' ' || a.text)
        FROM articles a WHERE a.id = s.article;
    CREATE INDEX analyses_search ON analyses USING gin (search);
    "#,
];

/// Make the GIN index of the search vectors if it is not there (a bulk
/// `dossier ingest` drops it: see [`drop_search_index_for_bulk`]); whether
/// it was made. Run by `dossier link`, on a connection of its own while
/// linking runs on another.
pub fn ensure_search_index(client: &mut postgres::Client) -> Result<bool, Error> {
    let mut tx = client.transaction().map_err(db("starting a transaction"))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SEARCH_INDEX_LOCK])
        .map_err(db("waiting for the search index lock"))?;
    let exists: bool = tx
        .query_one("SELECT to_regclass('analyses_search') IS NOT NULL", &[])
        .and_then(|r| r.try_get(0))
        .map_err(db("looking for the search index"))?;
    if exists {
        return Ok(false);
    }
    tx.batch_execute(
        "SET LOCAL maintenance_work_mem = '256MB';
         CREATE INDEX analyses_search ON analyses USING gin (search);",
    )
    .map_err(db("indexing the search vectors"))?;
    tx.commit().map_err(db("committing the search index"))?;
    Ok(true)
}

/// In `dossier ingest`'s first transaction, when about `adding` articles
/// are coming to a store that held `before`: drop the search vectors' GIN
/// index if the load is a bulk one (more new articles than old), as
/// PostgreSQL advises for bulk
/// loads: the workers then write vectors without updating the index row by
/// row, and `dossier link` builds it once ([`ensure_search_index`]), which
/// costs less than half as much. Whether it was dropped.
pub fn drop_search_index_for_bulk(
    tx: &mut impl GenericClient,
    before: i64,
    adding: u64,
) -> Result<bool, Error> {
    if adding == 0 || adding <= before.max(0) as u64 {
        return Ok(false);
    }
    tx.batch_execute("DROP INDEX IF EXISTS analyses_search")
        .map_err(db("dropping the search index for a bulk load"))?;
    Ok(true)
}

/// An arbitrary constant naming dossier's advisory lock for the search
/// index.
const SEARCH_INDEX_LOCK: i64 = 0x0064_6f73_7365_6172;

/// An arbitrary constant naming dossier's advisory lock for schema changes.
const SCHEMA_LOCK: i64 = 0x0064_6f73_7369_6572;

/// What a database holds of dossier's schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// No dossier tables.
    Nothing,
    /// Tables of this version.
    Version(i32),
}

/// The schema version of the database.
pub fn found(client: &mut impl GenericClient) -> Result<Found, Error> {
    let exists: bool = client
        .query_one("SELECT to_regclass('schema_version') IS NOT NULL", &[])
        .and_then(|r| r.try_get(0))
        .map_err(db("reading the schema version"))?;
    if !exists {
        return Ok(Found::Nothing);
    }
    let rows = client
        .query("SELECT version FROM schema_version", &[])
        .map_err(db("reading the schema version"))?;
    match rows.as_slice() {
        [row] => Ok(Found::Version(
            row.try_get(0).map_err(db("reading the schema version"))?,
        )),
        _ => Err(Error::Schema(format!(
            "schema_version holds {} rows, not one: not a dossier database, or damaged",
            rows.len()
        ))),
    }
}

/// Check that the database has this dossier's schema: a clear error when it
/// has none, an older one (to migrate) or a newer one.
pub fn require_current(client: &mut impl GenericClient) -> Result<(), Error> {
    match found(client)? {
        Found::Version(CURRENT) => Ok(()),
        Found::Nothing => Err(Error::NoSchema),
        Found::Version(v) => Err(version_error(v)),
    }
}

fn version_error(found: i32) -> Error {
    if found < CURRENT {
        Error::OlderSchema { found }
    } else {
        Error::NewerSchema { found }
    }
}

/// Make the schema current: create it in a database without one; upgrade
/// an older one only if `migrate`. Returns the version found before (0 for
/// none).
pub fn prepare(client: &mut postgres::Client, migrate: bool) -> Result<i32, Error> {
    let mut tx = client.transaction().map_err(db("starting a transaction"))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])
        .map_err(db("waiting for the schema lock"))?;
    let before = match found(&mut tx)? {
        Found::Nothing => 0,
        Found::Version(v) if v == CURRENT => return Ok(v),
        Found::Version(v) if v > CURRENT || !migrate => return Err(version_error(v)),
        Found::Version(v) if v < 0 => {
            return Err(Error::Schema(format!(
                "schema version {v} is not one dossier made"
            )));
        }
        Found::Version(v) => v,
    };
    migrate_from(&mut tx, before, CURRENT)?;
    tx.commit().map_err(db("committing the schema"))?;
    Ok(before)
}

/// Run the migrations from version `from` to `to` in `tx`.
pub fn migrate_from(tx: &mut postgres::Transaction<'_>, from: i32, to: i32) -> Result<(), Error> {
    for v in from + 1..=to {
        let sql = MIGRATIONS
            .get((v - 1) as usize)
            .ok_or_else(|| Error::Schema(format!("no migration to version {v}")))?;
        tx.batch_execute(sql)
            .map_err(db(&format!("migrating to schema version {v}")))?;
        tx.execute("UPDATE schema_version SET version = $1", &[&v])
            .map_err(db("recording the schema version"))?;
    }
    Ok(())
}
