//! Throughput of reading record corpora: the 10kGNAD test split (or a CSV
//! named on the command line) repeated N times (default 10) into one file.
//!
//! `cargo bench --bench records_bench [-- FILE.csv [N]]`
//!
//! Prints MB/s and records/s for the bare CSV parser, and MB/s and
//! articles/s for whole documents (parse, sanitise, furniture, title), from
//! the CSV and from the same articles written as JSON Lines. Set
//! `RAYON_NUM_THREADS=1` to measure one core.

use dossier::corpus::Document;
use dossier::corpus::records::delimited::{self, Next, Records};
use dossier::corpus::records::{self, RecordOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let source = args.next().map_or_else(default_source, PathBuf::from);
    let times: usize = args.next().map_or(Ok(10), |n| n.parse())?;
    let one = std::fs::read(&source)?;
    let dir = std::env::temp_dir().join(format!("records_bench_{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = repeated(&one, times, &dir)?;
    let mb = std::fs::metadata(&path)?.len() as f64 / 1e6;
    println!("input: {} repeated {times}x = {mb:.1} MB", source.display());
    parse_only(&path, mb)?;
    documents(&path, mb)?;
    let kept = read_all(&path)?;
    json_lines(&dir, kept)?;
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

/// The 10kGNAD test split: the shared corpora sit beside the repository (or
/// beside the worktrees' folder).
fn default_source() -> PathBuf {
    ["/../shared", "/../../shared"]
        .iter()
        .map(|up| {
            PathBuf::from(format!(
                "{}{up}/corpora/10kgnad/test.csv",
                env!("CARGO_MANIFEST_DIR")
            ))
        })
        .find(|p| p.exists())
        .unwrap_or_else(|| PathBuf::from("test.csv"))
}

/// `one` written `times` over into one file in `dir`.
fn repeated(one: &[u8], times: usize, dir: &Path) -> Result<PathBuf> {
    let path = dir.join("repeated.csv");
    let mut file = std::fs::File::create(&path)?;
    for _ in 0..times {
        file.write_all(one)?;
        if !one.ends_with(b"\n") {
            file.write_all(b"\n")?;
        }
    }
    Ok(path)
}

/// The bare parser: records and fields, no documents.
fn parse_only(path: &Path, mb: f64) -> Result<()> {
    let dialect = delimited::Dialect {
        delimiter: b';',
        quote: b'\'',
    };
    let mut best_parse = f64::MAX;
    let mut count = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let mut records = Records::new(std::fs::File::open(path)?, Vec::new(), false, dialect);
        let mut fields = Vec::new();
        let mut text_bytes = 0usize;
        count = 0;
        while let Some(next) = records.next(&mut fields)? {
            if let Next::Record { bytes, .. } = next {
                count += 1;
                if let Some(f) = fields.get(1) {
                    text_bytes += delimited::field_bytes(bytes, f, dialect.quote).len();
                }
            }
        }
        std::hint::black_box(text_bytes);
        best_parse = best_parse.min(start.elapsed().as_secs_f64());
    }
    println!(
        "parse only:    {count} records in {:.1} ms: {:.0} MB/s, {:.0} records/s (best of 5)",
        best_parse * 1e3,
        mb / best_parse,
        count as f64 / best_parse
    );
    Ok(())
}

/// Whole documents, detection included.
fn documents(path: &Path, mb: f64) -> Result<()> {
    let mut best_docs = f64::MAX;
    let mut docs = 0;
    for _ in 0..3 {
        let start = Instant::now();
        docs = 0;
        let mut text = 0usize;
        records::read_records(path, "repeated", &RecordOptions::default(), &mut |r| {
            if let Ok(d) = r {
                docs += 1;
                text += d.text.len();
            }
        })?;
        std::hint::black_box(text);
        best_docs = best_docs.min(start.elapsed().as_secs_f64());
    }
    println!(
        "documents:     {docs} articles in {:.1} ms: {:.0} MB/s, {:.0} articles/s (best of 3)",
        best_docs * 1e3,
        mb / best_docs,
        docs as f64 / best_docs
    );
    Ok(())
}

/// Keeping them all: memory. Returns the articles.
fn read_all(path: &Path) -> Result<Vec<Document>> {
    let start = Instant::now();
    let (kept, errors, summary) = records::read_all(path, "repeated", &RecordOptions::default())?;
    let elapsed = start.elapsed().as_secs_f64();
    let text: usize = kept.iter().map(|d| d.text.len()).sum();
    println!(
        "read_all:      {} articles, {} errors in {:.1} ms; {:.1} MB of text kept; peak RSS {}",
        kept.len(),
        errors.len(),
        elapsed * 1e3,
        text as f64 / 1e6,
        peak_rss()
    );
    println!("summary: {summary}");
    Ok(kept)
}

/// The same articles as JSON Lines, in `dir`.
fn json_lines(dir: &Path, kept: Vec<Document>) -> Result<()> {
    let jsonl = dir.join("repeated.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&jsonl)?);
    for d in &kept {
        let line = serde_json::json!({"id": d.id, "title": d.title, "text": d.text.as_str()});
        writeln!(out, "{line}")?;
    }
    drop(out);
    drop(kept);
    let jmb = std::fs::metadata(&jsonl)?.len() as f64 / 1e6;
    let mut best_json = f64::MAX;
    let mut jdocs = 0;
    for _ in 0..3 {
        let start = Instant::now();
        jdocs = 0;
        records::read_records(&jsonl, "repeated", &RecordOptions::default(), &mut |r| {
            jdocs += usize::from(r.is_ok());
        })?;
        best_json = best_json.min(start.elapsed().as_secs_f64());
    }
    println!(
        "JSON Lines:    {jdocs} articles ({jmb:.1} MB) in {:.1} ms: {:.0} MB/s, {:.0} articles/s (best of 3)",
        best_json * 1e3,
        jmb / best_json,
        jdocs as f64 / best_json
    );
    Ok(())
}

/// Peak resident memory from /proc (Linux), or "n/a".
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "n/a".into())
}
