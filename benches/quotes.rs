//! Quotation extraction throughput: [`dossier::quote::analyse`] alone (the
//! mentions are recognised once beforehand and not timed) over real German
//! news, on one core.
//!
//! `cargo bench --bench quotes` (a release binary with its own `main`, not a
//! timed test). It reads the 10kGNAD test split from the shared corpora
//! (`DOSSIER_BENCH_CORPORA`, default `<crate>/../shared/corpora`), repeats
//! it `DOSSIER_BENCH_REPEAT` times (default 3) and prints whitespace tokens
//! per second; it skips with a message when the corpora are absent.

use dossier::corpus::load::read_path;
use dossier::corpus::records::RecordOptions;
use dossier::entity::pipeline;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let corpora = std::env::var_os("DOSSIER_BENCH_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"));
    let file = corpora.join("10kgnad/test.csv");
    let Ok(loaded) = read_path(&file, "10kgnad", &RecordOptions::default()) else {
        eprintln!("quotes bench: {} not found; skipped", file.display());
        return;
    };
    let docs = loaded.docs;
    let repeat: usize = std::env::var("DOSSIER_BENCH_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let mentions: Vec<_> = docs.iter().map(pipeline::recognize).collect();
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    // Warm the word lists and the pages.
    for (d, m) in docs.iter().zip(&mentions).take(50) {
        std::hint::black_box(dossier::quote::analyse(&d.text, m));
    }
    let mut best = f64::INFINITY;
    let mut quotes = 0;
    for _ in 0..repeat {
        let t = Instant::now();
        quotes = 0;
        for (d, m) in docs.iter().zip(&mentions) {
            quotes += std::hint::black_box(dossier::quote::analyse(&d.text, m))
                .quotes
                .len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "quotes: {} articles, {words} words, {quotes} quotations; best of {repeat}: {:.3} s = {:.2} M words/s on one core",
        docs.len(),
        best,
        words as f64 / best / 1e6
    );
}
