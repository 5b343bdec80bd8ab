//! A shared corpus on PostgreSQL: articles loaded once ([`load`]), analysed
//! by any number of workers on any number of machines ([`worker`]: the map
//! step, batches claimed with `FOR UPDATE SKIP LOCKED`), linked across
//! articles by the same code as the embedded index ([`reduce`]), and read
//! back ([`read`]) into the same [`crate::entity::EntityIndex`].
//!
//! [`connect`] follows libpq's conventions; [`schema`] holds the tables and
//! their migrations. Rows read back are untrusted: every offset is checked
//! against its article before use, and a bad row is an error that names it,
//! never a panic.

pub mod connect;
pub mod load;
pub mod read;
pub mod reading;
pub mod reduce;
pub mod schema;
pub mod search_vector;
pub mod session;
pub mod worker;

use connect::Target;
use postgres::Client;

/// What can go wrong with a shared store. Messages never hold a password.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The connection string cannot be used.
    #[error(transparent)]
    ConnectionString(#[from] connect::BadConnectionString),
    /// The server could not be reached or refused the connection.
    #[error("cannot connect to {target}: {why}")]
    Connect {
        /// Where.
        target: Target,
        /// The server's or the network's reason.
        why: String,
    },
    /// A statement failed.
    #[error("{context}: {why}")]
    Db {
        /// What dossier was doing.
        context: String,
        /// The server's reason.
        why: String,
    },
    /// The database has no dossier tables.
    #[error(
        "the database has no dossier tables; load articles into it first with `dossier ingest URL PATH…`"
    )]
    NoSchema,
    /// The database has tables of an older dossier.
    #[error(
        "the database has dossier schema version {found}, this dossier uses version {}; upgrade it with `dossier ingest --migrate URL` (readers and workers of the old version must stop first)",
        schema::CURRENT
    )]
    OlderSchema {
        /// The version found.
        found: i32,
    },
    /// The database has tables of a newer dossier.
    #[error(
        "the database has dossier schema version {found}, made by a newer dossier (this one uses version {}); upgrade dossier",
        schema::CURRENT
    )]
    NewerSchema {
        /// The version found.
        found: i32,
    },
    /// The schema is damaged or foreign.
    #[error("{0}")]
    Schema(String),
    /// A row does not hold what it should.
    #[error("bad row: {0}")]
    BadRow(String),
    /// Articles still wait for a worker.
    #[error(
        "{0} articles are not analysed yet; run `dossier worker --exit-when-empty URL` (as many as you like, on any machines), then link"
    )]
    NotAnalysed(i64),
    /// The entities are older than the articles.
    #[error(
        "the entities were linked over {linked} articles, the store has {articles}; run `dossier worker` and `dossier link` first"
    )]
    Stale {
        /// Articles when linking last ran (0: never).
        linked: i64,
        /// Articles now.
        articles: i64,
    },
}

/// The error of a failed statement, with what dossier was doing.
pub(crate) fn db(context: &str) -> impl Fn(postgres::Error) -> Error + '_ {
    move |e| Error::Db {
        context: context.to_string(),
        why: reason(&e),
    }
}

/// The server's message for `e` (its detail too), or the client's.
fn reason(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => match d.detail() {
            Some(detail) => format!("{} ({detail})", d.message()),
            None => d.message().to_string(),
        },
        None => {
            use std::error::Error as _;
            match e.source() {
                Some(s) => format!("{e}: {s}"),
                None => e.to_string(),
            }
        }
    }
}

/// A connection to a shared store.
pub struct PgStore {
    /// The connection.
    pub client: Client,
    /// Where it goes (no password), for messages.
    pub target: Target,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("target", &self.target)
            .finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connect to the store `conn` names (completed from the environment as
    /// libpq does), over TLS when the server offers it (see
    /// [`connect`] for `sslmode`).
    pub fn connect(conn: &str) -> Result<PgStore, Error> {
        PgStore::connect_with(conn, &connect::process_env)
    }

    /// [`PgStore::connect`] with the environment `env`.
    pub fn connect_with(conn: &str, env: connect::Env<'_>) -> Result<PgStore, Error> {
        let (config, target) = connect::config(conn, env)?;
        let tls = connect::tls(&target)?;
        let client = connect::open(&config, &target, &tls)?;
        Ok(PgStore { client, target })
    }

    /// Check that the store has this dossier's schema.
    pub fn require_schema(&mut self) -> Result<(), Error> {
        schema::require_current(&mut self.client)
    }

    /// The number of articles, and of those waiting for a worker.
    pub fn counts(&mut self) -> Result<(i64, i64), Error> {
        let row = self
            .client
            .query_one(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM queue)",
                &[],
            )
            .map_err(db("counting the articles"))?;
        Ok((
            row.try_get(0).map_err(db("counting the articles"))?,
            row.try_get(1).map_err(db("counting the articles"))?,
        ))
    }
}

/// Whether a command-line argument names a shared store rather than a path.
pub fn is_url(arg: &std::path::Path) -> bool {
    let s = arg.as_os_str().to_string_lossy();
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// Whether a command-line argument is a libpq `key=value` connection
/// string (`host=db dbname=news`): words of `key=value` whose keys are
/// libpq's.
pub fn is_key_value(arg: &std::path::Path) -> bool {
    const KEYS: [&str; 9] = [
        "host",
        "hostaddr",
        "port",
        "dbname",
        "user",
        "password",
        "connect_timeout",
        "application_name",
        "sslmode",
    ];
    let s = arg.as_os_str().to_string_lossy();
    let mut words = s.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(|w| {
            w.split_once('=')
                .is_some_and(|(k, _)| KEYS.contains(&k.trim()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn store_arguments_are_told_from_paths() {
        assert!(is_url(Path::new("postgres://anna@db/news")));
        assert!(is_url(Path::new("postgresql://db/news")));
        assert!(!is_url(Path::new("corpus/postgres.txt")));
        assert!(is_key_value(Path::new("host=db dbname=news")));
        assert!(is_key_value(Path::new("dbname=news")));
        assert!(!is_key_value(Path::new("notes=1.txt")), "not a libpq key");
        assert!(!is_key_value(Path::new("host=db report.txt")));
        assert!(!is_key_value(Path::new("")));
    }
}
