//! Measures the embedded lexicon: start-up time of `Lexicon::get()`, lookup
//! speed over a real word list, and coverage on GermEval 2014 dev.
//!
//! ```sh
//! cargo bench --bench lexicon_bench -- \
//!     /work/shared/corpora/10kgnad/test.csv /work/shared/corpora/germeval2014/NER-de-dev.tsv
//! ```
//!
//! The first file is any UTF-8 text (split on whitespace, punctuation trimmed);
//! the second, optional, is a GermEval-style TSV (index, token, outer tag).

use std::hint::black_box;
use std::time::Instant;

use dossier::entity::ner::lexicon::{Lexicon, Sources, WordFlags};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let t0 = Instant::now();
    let lex = Lexicon::get();
    let startup = t0.elapsed();
    let sizes = lex.sizes();
    println!(
        "start-up: Lexicon::get() first call {:.2} ms (entries: words {}, noun forms {}, places {}, gold names {})",
        startup.as_secs_f64() * 1e3,
        sizes.0,
        sizes.1,
        sizes.2,
        sizes.3
    );
    let t1 = Instant::now();
    let _ = black_box(Lexicon::get());
    println!("later calls: {:.0} ns", t1.elapsed().as_nanos());

    let Some(text_path) = args.first() else {
        eprintln!("usage: lexicon_bench TEXT [GERMEVAL_TSV]");
        return;
    };
    let text = match std::fs::read_to_string(text_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {text_path}: {e}");
            return;
        }
    };
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    // One untimed pass touches every page the word list needs (the embedded
    // tables are file-backed), then seven timed passes give
    // the minimum and the median, in on-CPU time where available.
    let warm = words
        .iter()
        .filter(|w| lex.word(w).cluster.is_some())
        .count();
    let hits = warm
        + words
            .iter()
            .filter(|w| lex.place(w).is_some() || lex.gold_name(w, Sources::All).is_some())
            .count();
    black_box(hits);
    let n = words.len() as f64;
    let (word_min, word_med) = timed_ns(&words, |w| lex.word(w).cluster.is_some());
    println!(
        "word(): {word_min:.1} ns/lookup (median {word_med:.1}) over {} words (words.bin, plus nouns.bin unless a-z initial); cluster for {:.1}% of words",
        words.len(),
        100.0 * warm as f64 / n
    );
    let (place_min, place_med) = timed_ns(&words, |w| lex.place(w).is_some());
    let places = words.iter().filter(|w| lex.place(w).is_some()).count();
    println!(
        "place(): {place_min:.1} ns/lookup (median {place_med:.1}) (2 tables); {:.1}% of words are place names",
        100.0 * places as f64 / n
    );
    let (gold_min, gold_med) = timed_ns(&words, |w| lex.gold_name(w, Sources::All).is_some());
    let golds = words
        .iter()
        .filter(|w| lex.gold_name(w, Sources::All).is_some())
        .count();
    println!(
        "gold_name(): {gold_min:.1} ns/lookup (median {gold_med:.1}); {:.1}% of words are gold names",
        100.0 * golds as f64 / n
    );

    if let Some(tsv) = args.get(1) {
        germeval_coverage(lex, tsv);
    }
}

/// Nanoseconds this thread has run on a CPU (Linux `schedstat`), so that time
/// spent descheduled on a busy machine is not counted; `None` elsewhere.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Time per call of `f` over every word: (minimum, median) of seven passes,
/// in on-CPU nanoseconds where the platform tells them, else wall-clock.
fn timed_ns(words: &[&str], f: impl Fn(&str) -> bool) -> (f64, f64) {
    let mut times: Vec<f64> = (0..7)
        .map(|_| {
            let (t, c) = (Instant::now(), cpu_ns());
            let mut hits = 0usize;
            for w in words {
                hits += usize::from(f(black_box(w)));
            }
            black_box(hits);
            let ns = match (c, cpu_ns()) {
                (Some(a), Some(b)) => b.saturating_sub(a) as f64,
                _ => t.elapsed().as_nanos() as f64,
            };
            ns / words.len().max(1) as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[0], times[3])
}

/// Reads outer-tag spans `(kind, tokens)` and all tokens from a GermEval TSV.
fn read_germeval(text: &str) -> (Vec<(String, Vec<String>)>, Vec<String>) {
    let mut spans: Vec<(String, Vec<String>)> = Vec::new();
    let mut tokens = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || cols.len() < 3 {
            open = false;
            continue;
        }
        let (tok, tag) = (cols[1], cols[2]);
        tokens.push(tok.to_string());
        if let Some(kind) = tag.strip_prefix("B-") {
            spans.push((kind.to_string(), vec![tok.to_string()]));
            open = true;
        } else if tag.starts_with("I-") && open {
            if let Some(last) = spans.last_mut() {
                last.1.push(tok.to_string());
            }
        } else {
            open = false;
        }
    }
    (spans, tokens)
}

fn germeval_coverage(lex: &Lexicon, path: &str) {
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("cannot read {path}");
        return;
    };
    let (spans, tokens) = read_germeval(&text);
    let clustered = tokens
        .iter()
        .filter(|t| lex.word(t).cluster.is_some())
        .count();
    let known = tokens.iter().filter(|t| lex.word(t).is_known()).count();
    println!(
        "GermEval dev: {} tokens, {:.1}% with a cluster id, {:.1}% known to the lexicon",
        tokens.len(),
        100.0 * clustered as f64 / tokens.len() as f64,
        100.0 * known as f64 / tokens.len() as f64
    );
    let per: Vec<Vec<String>> = spans
        .iter()
        .filter(|(k, _)| k == "PER")
        .map(|(_, t)| t.clone())
        .collect();
    for sources in [Sources::All, Sources::WithoutGermEval] {
        let known = per
            .iter()
            .filter(|t| {
                t.iter().any(|w| {
                    let f = lex.word(w).flags;
                    f.contains(WordFlags::FIRST_NAME)
                        || f.contains(WordFlags::SURNAME)
                        || lex.name_part(w, sources).is_some()
                })
            })
            .count();
        println!(
            "GermEval dev PER ({}): {:.1}% have a token that is a german-nouns first name/surname or a gold name part ({sources:?})",
            per.len(),
            100.0 * known as f64 / per.len().max(1) as f64
        );
    }
    for kind in ["LOC", "ORG", "PER"] {
        let of_kind: Vec<String> = spans
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, t)| t.join(" "))
            .collect();
        let total = of_kind.len().max(1) as f64;
        let exact = of_kind.iter().filter(|p| lex.place(p).is_some()).count();
        let inflected = of_kind
            .iter()
            .filter(|p| lex.place_inflected(p).is_some())
            .count();
        let with_toponyms = of_kind
            .iter()
            .filter(|p| {
                lex.place_inflected(p).is_some() || lex.word(p).flags.contains(WordFlags::TOPONYM)
            })
            .count();
        let gold_all = of_kind
            .iter()
            .filter(|p| lex.gold_name(p, Sources::All).is_some())
            .count();
        let gold_cv = of_kind
            .iter()
            .filter(|p| lex.gold_name(p, Sources::WithoutGermEval).is_some())
            .count();
        println!(
            "GermEval dev {kind} ({}): place gazetteer exact {:.1}%, with genitive/lemma {:.1}%, or german-nouns toponym {:.1}%; gold names all sources {:.1}%, without GermEval {:.1}%",
            of_kind.len(),
            100.0 * exact as f64 / total,
            100.0 * inflected as f64 / total,
            100.0 * with_toponyms as f64 / total,
            100.0 * gold_all as f64 / total,
            100.0 * gold_cv as f64 / total
        );
    }
}
