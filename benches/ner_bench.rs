//! Throughput of German NER recognition on one core, of the whole entity
//! engine (recognition, linking, index) on one core, and model load time.
//!
//! ```sh
//! cargo bench --bench ner_bench -- [PATH to 10kgnad/test.csv] [REPEAT]
//! ```
//! Default input: `../shared/corpora/10kgnad/test.csv` beside the crate, read
//! 5 times over (the input is repeated; say so when quoting the figure). PATH
//! may also be a folder: every file below it is an article.

use dossier::entity::EntityIndex;
use dossier::entity::link::{global, local};
use dossier::entity::ner::recognize::Recognizer;
use dossier::text::token;
use std::time::Instant;

/// The text field of each `label;text` line (quote char `'`, doubled inside).
fn articles(csv: &str) -> Vec<String> {
    csv.lines()
        .filter_map(|l| l.split_once(';'))
        .map(|(_, t)| {
            if let Some(inner) = t.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
                inner.replace("''", "'")
            } else {
                t.to_string()
            }
        })
        .collect()
}

/// The text of every file below a folder, in path order (a folder of
/// articles, such as the scale bench's corpora).
fn files_below(dir: &std::path::Path) -> anyhow::Result<Vec<String>> {
    let mut paths = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(d)? {
            let p = e?.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                paths.push(p);
            }
        }
    }
    paths.sort();
    Ok(paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect())
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let path = args.next().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpora/10kgnad/test.csv"
        )
        .to_string()
    });
    let repeat: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(5);

    let t = Instant::now();
    let n_loads = 100;
    for _ in 0..n_loads {
        std::hint::black_box(Recognizer::shipped()?);
    }
    println!(
        "model load: {:.3} ms per load ({} bytes)",
        t.elapsed().as_secs_f64() * 1000.0 / n_loads as f64,
        Recognizer::shipped()?.model().as_bytes().len()
    );

    let docs = if std::path::Path::new(&path).is_dir() {
        files_below(std::path::Path::new(&path))?
    } else {
        articles(&std::fs::read_to_string(&path)?)
    };
    let tokens: usize = docs.iter().map(|d| token::split_tokens(d).len()).sum();
    let bytes: usize = docs.iter().map(String::len).sum();
    let r = Recognizer::get();
    // Warm up once.
    let mut mentions = 0;
    for d in &docs {
        mentions += r.recognize(d).len();
    }
    let t = Instant::now();
    for _ in 0..repeat {
        for d in &docs {
            std::hint::black_box(r.recognize(d));
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{} articles, {tokens} tokens, {bytes} bytes, {mentions} mentions; repeated {repeat}x on 1 core",
        docs.len()
    );
    println!(
        "recognize: {:.0} tokens/s ({:.1} MB/s, {:.3} s)",
        (tokens * repeat) as f64 / secs,
        (bytes * repeat) as f64 / secs / 1e6,
        secs
    );

    // The engine end to end, as the scale bench's `engine_one_core` counts
    // it: recognition, linking within each article and across all of them,
    // the index; whitespace tokens.
    let words: usize = docs.iter().map(|d| d.split_whitespace().count()).sum();
    let all: Vec<&String> = (0..repeat).flat_map(|_| docs.iter()).collect();
    // On a thread of its own: the per-thread word memos start empty, as
    // they do for a corpus opened for the first time.
    let (secs, t_rec, t_local, entities) = std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let t = Instant::now();
                let found: Vec<_> = all.iter().map(|d| r.recognize(d)).collect();
                let t_rec = t.elapsed().as_secs_f64();
                let locals: Vec<_> = all.iter().zip(&found).map(|(d, m)| local(d, m)).collect();
                let t_local = t.elapsed().as_secs_f64() - t_rec;
                let index = EntityIndex::new(all.len(), global(&locals));
                (t.elapsed().as_secs_f64(), t_rec, t_local, index.len())
            })
            .join()
    })
    .map_err(|_| anyhow::anyhow!("the engine pass panicked"))?;
    println!(
        "engine end to end, word memos empty at the start: {:.0} whitespace tokens/s ({} words, {:.3} s: recognition {:.3} s, local linking {:.3} s, global linking + index {:.3} s; {} entities)",
        (words * repeat) as f64 / secs,
        words * repeat,
        secs,
        t_rec,
        t_local,
        secs - t_rec - t_local,
        entities
    );
    Ok(())
}
