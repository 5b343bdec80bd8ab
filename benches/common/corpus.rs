//! What the benches share: the corpus of real articles repeated to a
//! size, and a line about the machine. Included with `#[path]` by each
//! bench that needs it.

use dossier::corpus::records;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The shared corpora: `DOSSIER_BENCH_CORPORA`, or `../shared/corpora`
/// beside the crate, then `../../shared/corpora`.
pub fn corpora_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DOSSIER_BENCH_CORPORA") {
        return Some(PathBuf::from(p)).filter(|p| p.is_dir());
    }
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["../shared/corpora", "../../shared/corpora"]
        .iter()
        .map(|up| crate_dir.join(up))
        .find(|p| p.is_dir())
}

/// The real articles the corpora are built from.
pub fn base_articles(corpora: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let csv = corpora.join("10kgnad/test.csv");
    if csv.is_file() {
        // The record reader picks the text field (field 2 of `label;'text'`).
        match records::read_all(&csv, "gnad", &records::RecordOptions::default()) {
            Ok((docs, _, _)) => out.extend(docs.into_iter().map(|d| d.text.into_string())),
            Err(e) => eprintln!("skipping {}: {e}", csv.display()),
        }
    }
    let wiki = corpora.join("wikinews-de/articles");
    if let Ok(rd) = std::fs::read_dir(&wiki) {
        let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "txt")
                && let Ok(t) = std::fs::read_to_string(&p)
            {
                out.push(t);
            }
        }
    }
    out
}

/// Write `n` article files into `dir` (in folders of 1,000), unless a
/// complete build is already there.
pub fn build_corpus(dir: &Path, base: &[String], n: usize) -> std::io::Result<()> {
    let marker = dir.join(".complete");
    if std::fs::read_to_string(&marker).is_ok_and(|s| s.trim() == n.to_string()) {
        return Ok(());
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    (0..n.div_ceil(1000))
        .into_par_iter()
        .try_for_each(|chunk| -> std::io::Result<()> {
            let sub = dir.join(format!("{chunk:03}"));
            std::fs::create_dir_all(&sub)?;
            for i in chunk * 1000..((chunk + 1) * 1000).min(n) {
                let text = &base[i % base.len()];
                let copy = i / base.len() + 1;
                let text = if i >= VARIED_FROM {
                    std::borrow::Cow::Owned(vary_names(text, copy))
                } else {
                    std::borrow::Cow::Borrowed(text.as_str())
                };
                let body = format!("Kopie {copy} von Artikel {}\n\n{text}", i % base.len() + 1);
                std::fs::write(sub.join(format!("a{i:06}.txt")), body)?;
            }
            Ok(())
        })?;
    std::fs::write(marker, n.to_string())
}

/// Articles from this one on (past the 100,000 of the largest corpus
/// measured before) have their capitalised words varied by copy
/// ([`vary_names`]), so that a million articles do not name the same
/// people, places and bodies again and again.
pub const VARIED_FROM: usize = 100_000;

/// `text` with about a third of its capitalised words of four letters or
/// more given a two-letter ending that depends on `copy` (`Merkel` may be
/// `Merkelfb` in one copy and stay `Merkel` in another): names, and the
/// nouns German capitalises, differ between copies but stay the same
/// within one article.
pub fn vary_names(text: &str, copy: usize) -> String {
    let suffix: String = [copy % 26, (copy / 26) % 26]
        .iter()
        .map(|&n| (b'a' + n as u8) as char)
        .collect();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        out.push_str(word);
        let varied = word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().count() >= 4
            && word
                .bytes()
                .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32))
                % 3
                == (copy % 3) as u32;
        if varied {
            out.push_str(&suffix);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Cores, CPU, memory and the load average.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or("?".into(), |kb| format!("{:.0} GiB", kb / 1024.0 / 1024.0));
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!(
        "{cores} cores, {cpu}, {mem} RAM, load average {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    )
}
