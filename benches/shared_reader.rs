//! The reader over a shared store: how long `n` across articles and a
//! search take, key to state (no drawing), p50/p99.
//!
//! Needs a store with a linked corpus, named by `DOSSIER_BENCH_PG`
//! (without it the bench says it is skipped and exits 0); for example the
//! scale bench's 10,000 articles:
//!
//! ```sh
//! dossier ingest postgres://postgres@127.0.0.1:54331/bench /tmp/dossier-bench/articles-10000
//! dossier worker --exit-when-empty postgres://postgres@127.0.0.1:54331/bench
//! dossier link postgres://postgres@127.0.0.1:54331/bench
//! DOSSIER_BENCH_PG=postgres://postgres@127.0.0.1:54331/bench cargo bench --bench shared_reader
//! ```
//!
//! `n`: the entity with mentions in the most articles is selected and `n`
//! pressed `DOSSIER_BENCH_KEYS` times (600); only the presses that move to
//! another article are counted. Search: the longest word of each of 100
//! titles spread over the corpus, each run to its end (the index's
//! answer, then every hit marked in the articles it names), and the time
//! to the first hit shown.

use dossier::app::shared::StoreReader;
use dossier::app::{Action, App};
use dossier::corpus::Corpus;
use ratatui::layout::Rect;
use std::time::{Duration, Instant};

fn percentile(times: &mut [Duration], p: f64) -> f64 {
    if times.is_empty() {
        return f64::NAN;
    }
    times.sort();
    let i = ((times.len() as f64 - 1.0) * p).round() as usize;
    times[i].as_secs_f64() * 1e3
}

fn report(what: &str, times: &mut [Duration]) {
    println!(
        "{what}: n={} p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        percentile(times, 0.5),
        percentile(times, 0.99),
        percentile(times, 1.0)
    );
}

fn main() {
    let Some(url) = std::env::var("DOSSIER_BENCH_PG")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        println!(
            "shared reader bench skipped: set DOSSIER_BENCH_PG to a linked store (see the source)"
        );
        return;
    };
    let keys: usize = std::env::var("DOSSIER_BENCH_KEYS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(600);
    let t = Instant::now();
    let (reader, analyses) = match StoreReader::open(&url, Box::new(|| {})) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("shared reader bench: {e:#}");
            std::process::exit(1);
        }
    };
    let mut app = App::new(
        Corpus::default(),
        Default::default(),
        Rect::new(0, 0, 160, 48),
    );
    reader.install(&mut app);
    println!(
        "opened {} articles, {} entities in {:.2} s",
        app.corpus.len(),
        app.index.len(),
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    app.on_update(analyses.load());
    println!(
        "analyses read in {:.2} s (after the first frame)",
        t.elapsed().as_secs_f64()
    );

    // n across articles.
    let widest = (0..app.index.len())
        .map(|i| dossier::entity::EntityId(i as u32))
        .max_by_key(|&id| app.index.doc_count(id));
    if let Some(id) = widest {
        app.select_entity(id);
        let mut times = Vec::new();
        for _ in 0..keys {
            let before = app.reader.doc;
            let t = Instant::now();
            app.apply(Action::NextMatch);
            let took = t.elapsed();
            if app.reader.doc != before {
                times.push(took);
            }
        }
        report(
            &format!("`n` across articles ({})", app.index.entity(id).name),
            &mut times,
        );
    }

    // Search.
    let n = app.corpus.len();
    let queries: Vec<String> = (0..100)
        .filter_map(|i| {
            let d = app.corpus.doc(dossier::corpus::DocId((i * n / 100) as u32));
            d.title
                .split(|c: char| !c.is_alphanumeric())
                .max_by_key(|w| w.chars().count())
                .filter(|w| w.chars().count() >= 4)
                .map(str::to_string)
        })
        .collect();
    let (mut whole, mut first) = (Vec::new(), Vec::new());
    let mut hits = 0;
    for q in &queries {
        app.search.query = q.clone();
        let t = Instant::now();
        app.run_search();
        let mut seen_first = !app.search.hits.is_empty();
        if seen_first {
            first.push(t.elapsed());
        }
        while app.busy() {
            app.search_more();
            if !seen_first && !app.search.hits.is_empty() {
                first.push(t.elapsed());
                seen_first = true;
            }
        }
        whole.push(t.elapsed());
        hits += app.search.hits.len();
    }
    report("search, to the first hit", &mut first);
    report("search, to the end", &mut whole);
    println!("{} queries, {hits} hits", queries.len());
}
