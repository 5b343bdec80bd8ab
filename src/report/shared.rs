//! The commands of a shared corpus on PostgreSQL ([`crate::store::postgres`]):
//! `dossier ingest`, `dossier worker`, `dossier link`, and `dossier entities`
//! over a store. Progress and results go to stderr, the entities' JSON to
//! stdout; the store is named without its password.

use super::{Format, say};
use crate::corpus::records::RecordOptions;
use crate::entity::json;
use crate::ingest::Update;
use crate::store::postgres::{PgStore, load, reduce, schema, worker};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// `dossier ingest URL PATH…`: create (or, with `migrate`, upgrade) the
/// schema, then add the articles of `paths` (none with `migrate`: only
/// upgrade; none without: the bundled reports).
pub fn ingest(
    conn: &str,
    paths: &[PathBuf],
    migrate: bool,
    options: &RecordOptions,
) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut store = PgStore::connect(conn)?;
    let before = schema::prepare(&mut store.client, migrate)?;
    if before == 0 {
        say(format!(
            "created the dossier tables (schema version {}) in {}",
            schema::CURRENT,
            store.target
        ));
    } else if before < schema::CURRENT {
        say(format!(
            "upgraded {} from schema version {before} to {}",
            store.target,
            schema::CURRENT
        ));
    }
    if migrate && paths.is_empty() {
        if before == schema::CURRENT {
            say(format!(
                "{} has schema version {} already",
                store.target,
                schema::CURRENT
            ));
        }
        return Ok(ExitCode::SUCCESS);
    }
    // Batches are read on one thread and written on this one, so the
    // server stores one while the next is read; at most two wait between.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Update>(2);
    let (paths, options) = (paths.to_vec(), options.clone());
    let reader = std::thread::spawn(move || {
        crate::ingest::stream_documents(&paths, &options, &|u| tx.send(u).is_ok())
    });
    let mut problems = Vec::new();
    let mut loader: Option<load::Loader> = None;
    for update in rx {
        match update {
            Update::Found(n) => loader = Some(load::Loader::new(&mut store, n)?),
            Update::Documents(docs) => match loader.as_mut() {
                Some(l) => {
                    l.load(&docs)?;
                }
                None => anyhow::bail!("articles came before they were counted"),
            },
            Update::Problems(p) => {
                p.iter().for_each(say);
                problems.extend(p);
            }
            _ => {}
        }
    }
    let _ = reader.join();
    let loaded = loader.map(|l| l.loaded).unwrap_or_default();
    if loaded.added + loaded.present == 0 {
        say("no articles to load");
        return Ok(super::usage());
    }
    say(format!(
        "{} articles added to {} ({} already there) in {:.2} s; analyse them with `dossier worker --exit-when-empty URL`",
        loaded.added,
        store.target,
        loaded.present,
        started.elapsed().as_secs_f64()
    ));
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::EXIT_SKIPPED)
    })
}

/// How long a worker tries to reconnect to a store gone away before it
/// stops.
const WORKER_RECONNECT_FOR: std::time::Duration = std::time::Duration::from_secs(60);

/// `dossier worker URL`: analyse batches from the queue. When the server
/// goes away the batch in hand goes back to the queue (its transaction is
/// never committed); the worker says so and reconnects for a minute, then
/// stops with a message.
pub fn work(conn: &str, options: &worker::Options) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut store = PgStore::connect(conn)?;
    // The counts of runs cut off by a lost connection, added up: the
    // batches they committed stay done.
    let mut total = worker::Report::default();
    let add = |total: &mut worker::Report, r: worker::Report| {
        total.articles += r.articles;
        total.mentions += r.mentions;
        total.batches += r.batches;
        total.requeued += r.requeued;
    };
    loop {
        let last = std::cell::Cell::new(worker::Report::default());
        match worker::run(&mut store, options, &|r| {
            last.set(*r);
            tracing::info!("worker: {} articles in {} batches", r.articles, r.batches)
        }) {
            Ok(r) => {
                add(&mut total, r);
                break;
            }
            Err(e)
                if store
                    .client
                    .is_valid(std::time::Duration::from_secs(2))
                    .is_err() =>
            {
                add(&mut total, last.get());
                say(format!(
                    "worker {}: lost the connection to {} ({e}); the batch in hand is back in the queue; reconnecting…",
                    options.name, store.target
                ));
                store = reconnect(conn, &options.name, &store.target.to_string())?;
                say(format!(
                    "worker {}: reconnected to {}",
                    options.name, store.target
                ));
            }
            Err(e) => return Err(e.into()),
        }
    }
    let report = total;
    if report.requeued > 0 {
        say(format!(
            "{} analyses of another engine version were queued again",
            report.requeued
        ));
    }
    say(format!(
        "worker {}: {} articles analysed ({} mentions) in {} batches, {:.2} s",
        options.name,
        report.articles,
        report.mentions,
        report.batches,
        started.elapsed().as_secs_f64()
    ));
    Ok(ExitCode::SUCCESS)
}

/// Connect to `conn` again, trying every second for
/// [`WORKER_RECONNECT_FOR`].
fn reconnect(conn: &str, name: &str, target: &str) -> anyhow::Result<PgStore> {
    let since = Instant::now();
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
        match PgStore::connect(conn) {
            Ok(store) => return Ok(store),
            Err(e) if since.elapsed() >= WORKER_RECONNECT_FOR => anyhow::bail!(
                "worker {name}: {target} has been out of reach for {} s ({e}); stopping (nothing is lost: unfinished batches are back in the queue)",
                WORKER_RECONNECT_FOR.as_secs()
            ),
            Err(_) => {}
        }
    }
}

/// `dossier link URL`: the reduce step.
pub fn link(conn: &str) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut store = PgStore::connect(conn)?;
    // The search index (dropped by a bulk ingest) is built on a connection
    // of its own while this one links: the server's work and dossier's
    // overlap. Not while articles wait: linking refuses then.
    store.require_schema()?;
    let indexer = match store.counts()? {
        (_, 0) => {
            let conn = conn.to_string();
            Some(std::thread::spawn(move || {
                schema::ensure_search_index(&mut PgStore::connect(&conn)?.client)
            }))
        }
        _ => None,
    };
    let report = reduce::link(&mut store)?;
    if let Some(indexer) = indexer {
        match indexer.join() {
            Ok(Ok(true)) => say("built the search index"),
            Ok(Ok(false)) => {}
            Ok(Err(e)) => return Err(e.into()),
            Err(_) => anyhow::bail!("building the search index failed"),
        }
    }
    say(format!(
        "linked {} articles: {} entities, {} mentions, {} corrections applied, in {:.2} s",
        report.articles,
        report.entities,
        report.mentions,
        report.corrections,
        started.elapsed().as_secs_f64()
    ));
    for note in &report.unapplied {
        say(format!("correction not applied: {note}"));
    }
    Ok(ExitCode::SUCCESS)
}

/// `dossier entities URL`: the entities of a store, as for files.
pub fn entities(conn: &str, format: Format) -> anyhow::Result<ExitCode> {
    let mut store = PgStore::connect(conn)?;
    let (corpus, index) = crate::store::CorpusStore::load(&mut store)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Json => {
            serde_json::to_writer(
                &mut out,
                &json::JsonView {
                    corpus: &corpus,
                    index: &index,
                },
            )?;
            writeln!(out)?;
        }
        Format::Text => super::entities::write_table(&mut out, &index)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
