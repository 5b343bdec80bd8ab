//! Scale benchmark: dossier over 10,000 and 100,000 real German news
//! articles, made by repeating the shared corpora (10kGNAD test split and
//! wikinews-de) with a numbered first line so that every copy is a distinct
//! file with its own cache key.
//!
//! `cargo bench --bench scale` (a release binary with its own `main`, not a
//! timed test). Environment:
//! - `DOSSIER_BENCH_CORPORA`: the shared corpora (default
//!   `<crate>/../shared/corpora`, then `<crate>/../../shared/corpora`); the
//!   bench skips with a message when they are absent.
//! - `DOSSIER_BENCH_SIZES`: comma-separated corpus sizes (default
//!   `10000,100000`).
//! - `DOSSIER_BENCH_DIR`: where the built corpora are kept between runs
//!   (default: a temporary directory removed at the end).
//! - `DOSSIER_BENCH_KEYS`: key presses timed per size (default 600).
//! - `DOSSIER_BENCH_ONLY=filter`: only the filter scenario (queries typed
//!   into the article list's and the sidebar's filters, on the UI thread
//!   and on the filter worker), with its index cached in
//!   `DOSSIER_BENCH_CACHE` (default: a temporary directory) so that a
//!   second run opens warm.
//!
//! Each scenario runs in a child process (this binary re-executed with
//! `--scenario`), so that its peak resident memory can be read from
//! `wait4`'s rusage. The page cache is warm for every scenario (the floor
//! reads the files first), so the figures measure dossier, not the disk.

use dossier::app::App;
use dossier::corpus::{Corpus, DocId};
use dossier::entity::{EntityIndex, link, pipeline};
use dossier::ingest::{self, Job, Update};
use dossier::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[path = "common/corpus.rs"]
mod corpus;
#[path = "common/filter_keys.rs"]
mod filter_keys;

use corpus::{base_articles, build_corpus, corpora_dir, machine};

type Figures = BTreeMap<String, f64>;

fn main() {
    // As the `dossier` binary does.
    dossier::heap::configure();
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--scenario") {
        let (name, dir) = (&args[i + 1], PathBuf::from(&args[i + 2]));
        // A scenario logs as the reader does when `DOSSIER_LOG` asks it to
        // (`debug` gives the time of each step of linking).
        if std::env::var_os(dossier::logging::ENV_VAR).is_some() {
            dossier::logging::init(None);
        }
        let figures = match name.as_str() {
            "index" => scenario_index(&dir),
            "search" => scenario_search(&dir),
            "ui" => scenario_ui(&dir),
            "stages" => scenario_stages(&dir),
            "filter" => filter_keys::scenario_filter(&dir),
            other => {
                eprintln!("unknown scenario {other}");
                std::process::exit(2);
            }
        };
        for (k, v) in figures {
            println!("FIGURE {k} {v}");
        }
        return;
    }
    // `cargo bench` passes `--bench`; other harness flags are ignored.
    if let Err(e) = orchestrate() {
        eprintln!("scale bench failed: {e}");
        std::process::exit(1);
    }
}

fn orchestrate() -> Result<(), Box<dyn std::error::Error>> {
    let Some(corpora) = corpora_dir() else {
        println!(
            "scale bench skipped: no shared corpora (set DOSSIER_BENCH_CORPORA to the folder \
             holding 10kgnad/ and wikinews-de/)"
        );
        return Ok(());
    };
    let sizes: Vec<usize> = std::env::var("DOSSIER_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let base = base_articles(&corpora);
    if base.is_empty() {
        println!(
            "scale bench skipped: no articles found in {}",
            corpora.display()
        );
        return Ok(());
    }
    let base_bytes: usize = base.iter().map(String::len).sum();
    let keep = std::env::var_os("DOSSIER_BENCH_DIR").map(PathBuf::from);
    let tmp = std::env::temp_dir().join(format!("dossier-scale-{}", std::process::id()));
    let root = keep.clone().unwrap_or_else(|| tmp.clone());
    println!(
        "dossier scale bench: {} real articles ({:.1} MB) from {}, REPEATED to each size \
         with a numbered first line per copy",
        base.len(),
        base_bytes as f64 / 1e6,
        corpora.display()
    );
    println!("machine: {}", machine());
    for &n in &sizes {
        let dir = root.join(format!("articles-{n}"));
        let t = Instant::now();
        build_corpus(&dir, &base, n)?;
        let bytes = dir_bytes(&dir);
        println!(
            "\n== {n} articles, {:.1} MB (built in {:.1} s) ==",
            bytes as f64 / 1e6,
            t.elapsed().as_secs_f64()
        );
        run_size(&dir, n, bytes)?;
    }
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    Ok(())
}

fn files_of(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if let Ok(rd) = std::fs::read_dir(&d) {
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "txt") {
                    out.push(p);
                }
            }
        }
    }
    out.sort();
    out
}

fn dir_bytes(dir: &Path) -> u64 {
    files_of(dir)
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

/// Run a shell pipeline, returning its wall time in seconds.
fn shell(cmd: &str) -> f64 {
    let t = Instant::now();
    let ok = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdout(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("warning: `{cmd}` failed");
    }
    t.elapsed().as_secs_f64()
}

/// A child's wall time, peak memory and figures.
struct Child {
    wall: f64,
    max_rss_mb: f64,
    figures: Figures,
}

/// Run `cmd` as a child and wait for it with `wait4`, which reports its own
/// peak resident set (not that of earlier children).
fn run_child(mut cmd: Command, stdout_null: bool) -> Result<Child, Box<dyn std::error::Error>> {
    cmd.stdout(if stdout_null {
        std::process::Stdio::null()
    } else {
        std::process::Stdio::piped()
    });
    let t = Instant::now();
    let mut child = cmd.spawn()?;
    let mut out = String::new();
    if let Some(mut s) = child.stdout.take() {
        std::io::Read::read_to_string(&mut s, &mut out)?;
    }
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet reaped; the pointers are valid.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = t.elapsed().as_secs_f64();
    if r != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("child {cmd:?} failed (status {status})").into());
    }
    let figures = out
        .lines()
        .filter_map(|l| l.strip_prefix("FIGURE "))
        .filter_map(|l| {
            let (k, v) = l.split_once(' ')?;
            Some((k.to_string(), v.parse().ok()?))
        })
        .collect();
    Ok(Child {
        wall,
        max_rss_mb: usage.ru_maxrss as f64 / 1024.0,
        figures,
    })
}

fn scenario(name: &str, dir: &Path, cache: &Path) -> Result<Child, Box<dyn std::error::Error>> {
    let mut cmd = Command::new(std::env::current_exe()?);
    cmd.args(["--scenario", name])
        .arg(dir)
        .env("DOSSIER_CACHE_DIR", cache)
        .env("DOSSIER_CONFIG_DIR", cache.join("config"))
        .env_remove("DOSSIER_NO_CACHE");
    run_child(cmd, false)
}

fn cli(dir: &Path, cache: &Path) -> Result<Child, Box<dyn std::error::Error>> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.args(["entities", "--format", "json"])
        .arg(dir)
        .env("DOSSIER_CACHE_DIR", cache)
        .env("DOSSIER_CONFIG_DIR", cache.join("config"))
        .env_remove("DOSSIER_NO_CACHE");
    run_child(cmd, true)
}

fn clear(cache: &Path) {
    let _ = std::fs::remove_dir_all(cache);
    let _ = std::fs::create_dir_all(cache);
}

fn run_size(dir: &Path, n: usize, bytes: u64) -> Result<(), Box<dyn std::error::Error>> {
    if std::env::var("DOSSIER_BENCH_ONLY").is_ok_and(|s| s == "filter") {
        let cache = std::env::var_os("DOSSIER_BENCH_CACHE").map_or_else(
            || std::env::temp_dir().join(format!("dossier-filter-cache-{}", std::process::id())),
            PathBuf::from,
        );
        let filter = scenario("filter", dir, &cache)?;
        println!("typed filters ({n} articles):");
        show(&filter.figures, None);
        if std::env::var_os("DOSSIER_BENCH_CACHE").is_none() {
            let _ = std::fs::remove_dir_all(&cache);
        }
        return Ok(());
    }
    let d = dir.display();
    // Warm the page cache, then the floors: reading every byte once.
    shell(&format!(
        "find '{d}' -name '*.txt' -print0 | xargs -0 cat > /dev/null"
    ));
    let cat = shell(&format!(
        "find '{d}' -name '*.txt' -print0 | xargs -0 cat | wc -c"
    ));
    let grep = shell(&format!(
        "find '{d}' -name '*.txt' -print0 | xargs -0 grep -c Berlin"
    ));
    let mb = bytes as f64 / 1e6;
    println!(
        "floor: find|xargs cat|wc -c {cat:.2} s ({:.0} MB/s); find|xargs grep -c {grep:.2} s",
        mb / cat
    );

    let cache = std::env::temp_dir().join(format!("dossier-scale-cache-{}", std::process::id()));
    let report = |label: &str, c: &Child, target: Option<f64>| {
        let t = target.map_or(String::new(), |t| {
            format!(
                " (target ≤ {t} s: {})",
                if c.wall <= t { "met" } else { "MISSED" }
            )
        });
        println!(
            "{label}: {:.2} s wall, {:.0} MB/s, peak RSS {:.0} MB{t}",
            c.wall,
            mb / c.wall,
            c.max_rss_mb
        );
    };

    let stages = scenario("stages", dir, &cache)?;
    println!("per-stage (each over the whole corpus, both cores):");
    for (k, v) in &stages.figures {
        println!("  {k:<28} {v:>9.3}");
    }

    clear(&cache);
    let cold = scenario("index", dir, &cache)?;
    let targets = Targets::of(n);
    let (cold_t, warm_t) = (targets.cold_s, targets.warm_s);
    // The JSON command writes every mention out: its own, first targets.
    let (cli_cold_t, cli_warm_t) = if n > 20_000 { (30.0, 3.0) } else { (3.0, 0.3) };
    report("cold open to full index (worker)", &cold, None);
    show(&cold.figures, Some(cold_t));
    let warm = scenario("index", dir, &cache)?;
    report("warm open from the cache (worker)", &warm, None);
    show(&warm.figures, Some(warm_t));
    let cache_mb = std::fs::read_dir(&cache)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum::<u64>()
        })
        .unwrap_or(0) as f64
        / 1e6;
    println!("cache file: {cache_mb:.1} MB");
    let searches = scenario("search", dir, &cache)?;
    println!("searches on the warm corpus, with the word index and reading every article:");
    show(&searches.figures, None);

    clear(&cache);
    let ui_cold = scenario("ui", dir, &cache)?;
    println!("UI, cold (index built while the UI runs):");
    show(&ui_cold.figures, None);
    println!("  peak RSS {:.0} MB", ui_cold.max_rss_mb);
    let ui_warm = scenario("ui", dir, &cache)?;
    println!("UI, warm:");
    show(&ui_warm.figures, None);
    println!("  peak RSS {:.0} MB", ui_warm.max_rss_mb);

    clear(&cache);
    let cli_cold = cli(dir, &cache)?;
    report(
        "`dossier entities --format json DIR > /dev/null`, cold",
        &cli_cold,
        Some(cli_cold_t),
    );
    let cli_warm = cli(dir, &cache)?;
    report(
        "`dossier entities --format json DIR > /dev/null`, warm",
        &cli_warm,
        Some(cli_warm_t),
    );
    let _ = std::fs::remove_dir_all(&cache);
    let figure = |c: &Child, k: &str| c.figures.get(k).copied().unwrap_or(f64::NAN);
    println!("targets at {n} articles:");
    let verdict = |what: &str, value: f64, unit: &str, at_most: Option<f64>| {
        let mark = match at_most {
            Some(t) if value <= t => format!("≤ {t} {unit}: met"),
            Some(t) => format!("≤ {t} {unit}: MISSED"),
            None => String::new(),
        };
        println!("  {what:<44} {value:>10.2} {unit:<6} {mark}");
    };
    verdict(
        "cold open, index ready",
        figure(&cold, "indexed_s"),
        "s",
        Some(targets.cold_s),
    );
    verdict(
        "warm open, index ready",
        figure(&warm, "indexed_s"),
        "s",
        Some(targets.warm_s),
    );
    verdict(
        "cold open, peak memory (worker)",
        cold.max_rss_mb,
        "MB",
        Some(targets.cold_mb),
    );
    verdict(
        "cold open, peak memory (reader)",
        ui_cold.max_rss_mb,
        "MB",
        Some(targets.cold_mb),
    );
    verdict(
        "warm open, peak memory (worker)",
        warm.max_rss_mb,
        "MB",
        Some(targets.warm_mb),
    );
    verdict(
        "warm open, peak memory (reader)",
        ui_warm.max_rss_mb,
        "MB",
        Some(targets.warm_mb),
    );
    verdict(
        "key to frame p99 while indexing (cold)",
        figure(&ui_cold, "key_p99_while_indexing_ms"),
        "ms",
        Some(targets.key_while_indexing_ms),
    );
    verdict(
        "key to frame p99 on the index (warm)",
        figure(&ui_warm, "key_to_frame_p99_ms"),
        "ms",
        Some(16.0),
    );
    verdict(
        "entity engine, one core",
        figure(&stages, "engine_one_core_tokens_per_s") / 1e6,
        "M tok/s",
        None,
    );
    println!("  (target ≥ 1 M tokens/s per core)");
    verdict(
        "linking across documents, of the cold index time",
        100.0 * figure(&stages, "global_index_s") / figure(&cold, "indexed_s"),
        "%",
        Some(10.0),
    );
    std::io::stdout().flush()?;
    Ok(())
}

/// What a corpus of a size must do (issue 20 for 100,000 and a million
/// articles; the first scale targets for 10,000).
struct Targets {
    cold_s: f64,
    warm_s: f64,
    cold_mb: f64,
    warm_mb: f64,
    key_while_indexing_ms: f64,
}

impl Targets {
    fn of(n: usize) -> Targets {
        match n {
            ..=20_000 => Targets {
                cold_s: 3.0,
                warm_s: 0.3,
                cold_mb: 400.0,
                warm_mb: 250.0,
                key_while_indexing_ms: 5.0,
            },
            20_001..=200_000 => Targets {
                cold_s: 10.0,
                warm_s: 0.8,
                cold_mb: 400.0,
                warm_mb: 250.0,
                key_while_indexing_ms: 5.0,
            },
            _ => Targets {
                cold_s: 180.0,
                warm_s: 5.0,
                cold_mb: 2048.0,
                warm_mb: 2048.0,
                key_while_indexing_ms: 16.0,
            },
        }
    }
}

fn show(f: &Figures, target_index: Option<f64>) {
    for (k, v) in f {
        let mark = match (k.as_str(), target_index) {
            ("indexed_s", Some(t)) => format!(" (target ≤ {t} s)"),
            _ => String::new(),
        };
        println!("  {k:<28} {v:>9.3}{mark}");
    }
}

pub(crate) fn job(dir: &Path) -> Job {
    Job::discover(&[dir.to_path_buf()])
}

/// Open the corpus with the worker, as the reader does, to the full index.
fn scenario_index(dir: &Path) -> Figures {
    let t = Instant::now();
    let job = job(dir);
    let discovered = t.elapsed().as_secs_f64();
    let first = std::cell::Cell::new(None);
    let loaded = std::cell::Cell::new(None);
    let indexed = std::cell::Cell::new(None);
    let quoted = std::cell::Cell::new(None);
    let quotes = std::cell::Cell::new(0usize);
    let worded = std::cell::Cell::new(None);
    let words = std::cell::Cell::new(0usize);
    let docs = std::cell::Cell::new(0usize);
    let entities = std::cell::Cell::new(0usize);
    let mentions = std::cell::Cell::new(0usize);
    ingest::run(&job, &|u| {
        match u {
            Update::Documents(d) => {
                if first.get().is_none() {
                    first.set(Some(t.elapsed().as_secs_f64()));
                }
                docs.set(docs.get() + d.len());
                if docs.get() == job.len() {
                    loaded.set(Some(t.elapsed().as_secs_f64()));
                }
            }
            Update::Indexed(ix, _) => {
                indexed.set(Some(t.elapsed().as_secs_f64()));
                entities.set(ix.len());
                mentions.set(ix.mentions().len());
            }
            Update::Quotes(q) => {
                quoted.set(Some(t.elapsed().as_secs_f64()));
                quotes.set(q.quotations());
            }
            Update::Words(w) => {
                worded.set(Some(t.elapsed().as_secs_f64()));
                words.set(w.words());
            }
            _ => {}
        }
        true
    });
    let total = t.elapsed().as_secs_f64();
    let mut f = Figures::new();
    f.insert("discover_s".into(), discovered);
    f.insert("first_documents_s".into(), first.get().unwrap_or(f64::NAN));
    f.insert("all_documents_s".into(), loaded.get().unwrap_or(f64::NAN));
    f.insert("indexed_s".into(), indexed.get().unwrap_or(f64::NAN));
    // The quotations follow the index (the reader's job): with them the
    // index is ready at `quotes_s`.
    f.insert("quotes_s".into(), quoted.get().unwrap_or(f64::NAN));
    f.insert(
        "quotes_over_index".into(),
        quoted.get().unwrap_or(f64::NAN) / indexed.get().unwrap_or(f64::NAN),
    );
    f.insert("quotations".into(), quotes.get() as f64);
    f.insert("done_incl_cache_save_s".into(), total);
    f.insert("words_s".into(), worded.get().unwrap_or(f64::NAN));
    f.insert("words_listed".into(), words.get() as f64);
    f.insert("documents".into(), docs.get() as f64);
    f.insert("entities".into(), entities.get() as f64);
    f.insert("mentions".into(), mentions.get() as f64);
    f
}

/// Searches over the corpus as the reader runs them, with the word index
/// and without it: how long the index takes to say where to look, in how
/// many articles, and how long all the hits then take, against reading
/// every article.
fn scenario_search(dir: &Path) -> Figures {
    let job = job(dir);
    let docs = std::sync::Mutex::new(Vec::new());
    let words = std::sync::Mutex::new(None);
    let t = Instant::now();
    ingest::run(&job, &|u| {
        match u {
            Update::Documents(d) => docs.lock().unwrap().extend(d),
            Update::Words(w) => *words.lock().unwrap() = Some((w, t.elapsed().as_secs_f64())),
            _ => {}
        }
        true
    });
    let docs = docs.into_inner().unwrap();
    let mut f = Figures::new();
    let Some((mut words, at)) = words.into_inner().unwrap() else {
        return f;
    };
    f.insert("open_to_word_index_s".into(), at);
    use dossier::store::reader::SearchIndex;
    for query in [
        "Wladiwostok",
        "Kim Jong",
        "Bundesregierung",
        "Berlin",
        "Mannschaft",
        "und",
    ] {
        let key = query.to_lowercase().replace(' ', "_");
        let t = Instant::now();
        let plan = words
            .plan(query)
            .unwrap_or_else(|_| dossier::store::reader::SearchPlan::literal(query));
        f.insert(format!("{key}_plan_ms"), t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let hits = match &plan.docs {
            Some(which) => {
                f.insert(format!("{key}_articles_read"), which.len() as f64);
                dossier::search::search_planned(&docs, which, &plan).len()
            }
            None => {
                f.insert(format!("{key}_articles_read"), docs.len() as f64);
                dossier::search::search_docs(&docs, DocId(0), query).len()
            }
        };
        f.insert(
            format!("{key}_all_hits_indexed_ms"),
            t.elapsed().as_secs_f64() * 1e3,
        );
        let t = Instant::now();
        let every = dossier::search::search_docs(&docs, DocId(0), query).len();
        f.insert(
            format!("{key}_all_hits_scan_ms"),
            t.elapsed().as_secs_f64() * 1e3,
        );
        assert_eq!(hits, every, "{query}: the same hits");
        f.insert(format!("{key}_hits"), hits as f64);
    }
    f
}

/// Each stage on its own over the whole corpus, to see where time goes.
fn scenario_stages(dir: &Path) -> Figures {
    let mut f = Figures::new();
    let files = files_of(dir);
    let t = Instant::now();
    let raw: usize = files
        .par_iter()
        .map(|p| std::fs::read(p).map_or(0, |b| b.len()))
        .sum();
    f.insert("read_bytes_s".into(), t.elapsed().as_secs_f64());
    let ids = dossier::corpus::ids::unique_ids(&files, &[dir.to_path_buf()]);
    let t = Instant::now();
    let docs: Vec<dossier::corpus::Document> = files
        .par_iter()
        .zip(ids.par_iter())
        .filter_map(|(p, id)| dossier::corpus::load::read_file(p, id.clone()).ok())
        .collect();
    f.insert(
        "read_sanitise_furniture_s".into(),
        t.elapsed().as_secs_f64(),
    );
    let t = Instant::now();
    let recognised: Vec<_> = docs.par_iter().map(pipeline::recognize).collect();
    let rec_s = t.elapsed().as_secs_f64();
    f.insert("recognise_s".into(), rec_s);
    let tokens: usize = docs
        .par_iter()
        .map(|d| d.text.split_whitespace().count())
        .sum();
    f.insert(
        "recognise_tokens_per_s_core".into(),
        tokens as f64 / rec_s / rayon::current_num_threads() as f64,
    );
    let t = Instant::now();
    let analyses: Vec<_> = docs
        .par_iter()
        .zip(recognised.par_iter())
        .map(|(d, r)| link::local(&d.text, r))
        .collect();
    f.insert("local_link_s".into(), t.elapsed().as_secs_f64());
    // Both together, in runs of articles, as a cold open runs them.
    drop(recognised);
    let t = Instant::now();
    let refs: Vec<&dossier::corpus::Document> = docs.iter().collect();
    let together: Vec<_> = refs
        .par_chunks(pipeline::RUN)
        .flat_map_iter(pipeline::analyse_run)
        .collect();
    f.insert("analyse_s".into(), t.elapsed().as_secs_f64());
    drop(together);
    let t = Instant::now();
    let linked = link::global(&analyses);
    f.insert("global_link_s".into(), t.elapsed().as_secs_f64());
    let t = Instant::now();
    let index = EntityIndex::new(docs.len(), linked);
    f.insert("index_build_s".into(), t.elapsed().as_secs_f64());
    drop(index);
    // What a cold open runs: linking made into the index, without a list
    // of mentions per entity first.
    let t = Instant::now();
    let index = link::global_index(&analyses);
    f.insert("global_index_s".into(), t.elapsed().as_secs_f64());
    f.insert("mb".into(), raw as f64 / 1e6);
    f.insert("index_entities".into(), index.len() as f64);
    drop((index, analyses));

    // The entity engine end to end on one core (a pool of one thread, for
    // the steps of linking that use the pool): recognition, linking within
    // and across documents, the index; over the first 10,000 articles at
    // most.
    let some = &docs[..docs.len().min(10_000)];
    let some_tokens: usize = some.iter().map(|d| d.text.split_whitespace().count()).sum();
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool of one thread");
    let t = Instant::now();
    let index = one.install(|| {
        let analyses: Vec<_> = some.iter().map(pipeline::analyse).collect();
        link::global_index(&analyses)
    });
    let one_core_s = t.elapsed().as_secs_f64();
    f.insert("engine_one_core_s".into(), one_core_s);
    f.insert(
        "engine_one_core_tokens_per_s".into(),
        some_tokens as f64 / one_core_s,
    );
    f.insert("engine_one_core_entities".into(), index.len() as f64);
    f
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// How often the user presses a key while the corpus indexes: `j` held
/// down, at a terminal's usual key repeat (about 30 a second).
const KEY_EVERY: Duration = Duration::from_millis(33);

/// The reader as the event loop drives it: a worker thread streams updates,
/// the main thread applies them and draws into a 120x40 test terminal, and
/// the user holds `j` down, each press timed from the key to the finished
/// frame; then, with the corpus indexed, a few hundred realistic key
/// presses, timed the same way.
fn scenario_ui(dir: &Path) -> Figures {
    let t = Instant::now();
    let mut f = Figures::new();
    let theme = Theme::default();
    let area = Rect::new(0, 0, 120, 40);
    let Ok(mut term) = Terminal::new(TestBackend::new(area.width, area.height));
    let job = job(dir);
    let (tx, rx) = mpsc::channel();
    // As the reader does: loading and indexing yield to the keys, in
    // small pages.
    dossier::heap::small_pages();
    dossier::priority::background_pool();
    let worker = std::thread::spawn(move || {
        dossier::priority::lower_this_thread();
        ingest::run(&job, &|u| tx.send(u).is_ok())
    });
    let mut app = App::new(Corpus::default(), EntityIndex::default(), area);
    let mut first_frame = None;
    let mut frame_times = Vec::new();
    let mut keys_during = Vec::new();
    let mut done = false;
    let mut indexed = None;
    let mut last_key = Instant::now();
    while !done {
        // As the reader's loop: updates as they come, keys between them.
        match rx.recv_timeout(KEY_EVERY.saturating_sub(last_key.elapsed())) {
            Ok(u) => {
                let start = Instant::now();
                let mut batch = vec![u];
                batch.extend(rx.try_iter());
                for u in batch {
                    if matches!(u, Update::Indexed(..)) {
                        done = true;
                        indexed = Some(t.elapsed().as_secs_f64());
                    }
                    app.on_update(u);
                }
                let _ = term.draw(|fr| ui::render(&app, fr, &theme));
                frame_times.push(start.elapsed());
                if first_frame.is_none() && !app.corpus.is_empty() {
                    first_frame = Some(t.elapsed().as_secs_f64());
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        // While indexing runs, the user keeps reading: `j` held down.
        if !done && !app.corpus.is_empty() && last_key.elapsed() >= KEY_EVERY {
            let s = Instant::now();
            last_key = s;
            if let Some(a) = app.keymap.action(app.mode, key('j')) {
                app.apply(a);
            }
            let _ = term.draw(|fr| ui::render(&app, fr, &theme));
            frame_times.push(s.elapsed());
            keys_during.push(s.elapsed());
        }
    }
    // After a cached index, the analyses (for corrections) follow.
    for u in rx.iter() {
        app.on_update(u);
    }
    let _ = worker.join();
    f.insert("first_frame_s".into(), first_frame.unwrap_or(f64::NAN));
    f.insert("indexed_s".into(), indexed.unwrap_or(f64::NAN));
    f.insert("worker_done_s".into(), t.elapsed().as_secs_f64());
    let max_during = frame_times.iter().max().copied().unwrap_or_default();
    f.insert("max_frame_while_indexing_ms".into(), ms(max_during));
    // The `j` presses timed while the index was built.
    keys_during.sort();
    if !keys_during.is_empty() {
        let p99 = keys_during[(keys_during.len() * 99 / 100).min(keys_during.len() - 1)];
        f.insert("key_p99_while_indexing_ms".into(), ms(p99));
        f.insert("keys_while_indexing".into(), keys_during.len() as f64);
        let max = keys_during[keys_during.len() - 1];
        f.insert("key_max_while_indexing_ms".into(), ms(max));
    }
    // How long after the index's arrival the rows `a` shows are there: a
    // large index's are sorted on the sidebar's thread (waited for here, not
    // sorted a second time beside them, which would add their memory to the
    // peak); a small one's are sorted when first shown, as here.
    while app.sorting_sidebar() {
        app.poll_sidebar();
        std::thread::sleep(Duration::from_millis(1));
    }
    let (rows, ready) = match &app.sidebar.corpus_rows {
        Some(rows) => (
            rows.len(),
            indexed.map_or(f64::NAN, |i| t.elapsed().as_secs_f64() - i),
        ),
        None => {
            let s = Instant::now();
            let sorted = dossier::app::sidebar::corpus_rows(&app.index);
            (sorted.len(), s.elapsed().as_secs_f64())
        }
    };
    f.insert("sidebar_corpus_rows_s".into(), ready);
    f.insert("sidebar_corpus_rows".into(), rows as f64);
    time_keys(&mut app, &mut term, &theme, &mut f);
    f
}

/// Key presses over the loaded, indexed corpus: a script of realistic keys
/// with a search every 50 steps, each timed from the key to the finished
/// frame (a running search goes on a slice at a time between frames).
fn time_keys(app: &mut App, term: &mut Terminal<TestBackend>, theme: &Theme, f: &mut Figures) {
    let keys = std::env::var("DOSSIER_BENCH_KEYS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600usize);
    let script: Vec<Vec<KeyEvent>> = vec![
        vec![key('j')],
        vec![key('j')],
        vec![key('k')],
        vec![key(']')],
        vec![key('l')], // to the reader
        vec![key('j')],
        vec![KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)], // to the sidebar
        vec![key('j')],
        vec![KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)], // select entity
        vec![key('n')],
        vec![key('n')],
        vec![key('N')],
        vec![key('n')],
        vec![key('a')], // corpus scope
        vec![key('j')],
        vec![key('a')], // article scope
        vec![key('[')],
        vec![key('G')],
        vec![key('g')],
        vec![KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)],
    ];
    let search: Vec<KeyEvent> = "/berlin\n"
        .chars()
        .map(|c| match c {
            '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            c => key(c),
        })
        .collect();
    let mut lat = Vec::with_capacity(keys);
    let mut search_lat = Vec::new();
    let mut nav_lat = Vec::new();
    let mut slice_max = Duration::ZERO;
    let mut per_key: BTreeMap<String, Duration> = BTreeMap::new();
    let mut search_done: Vec<Duration> = Vec::new();
    let mut i = 0;
    // Jump into the middle of the corpus first.
    app.open(DocId((app.corpus.len() / 2) as u32));
    while lat.len() < keys {
        let step: &[KeyEvent] = if i % 50 == 49 {
            &search
        } else {
            &script[i % script.len()]
        };
        i += 1;
        for k in step {
            let s = Instant::now();
            if let Some(a) = app.keymap.action(app.mode, *k) {
                app.apply(a);
            }
            let _ = term.draw(|fr| ui::render(app, fr, theme));
            let d = s.elapsed();
            lat.push(d);
            let name = match k.code {
                KeyCode::Char(c) if step.len() == 1 => format!("{c}"),
                KeyCode::Char(_) => "search_typing".into(),
                other => format!("{other:?}"),
            };
            let slot = per_key.entry(name).or_insert(Duration::ZERO);
            *slot = (*slot).max(d);
            // As the event loop does: rows sorted on a thread are shown.
            if app.poll_sidebar() {
                let _ = term.draw(|fr| ui::render(app, fr, theme));
            }
            // A search goes on a slice at a time between frames, as the
            // event loop runs it while no key waits.
            let whole = Instant::now();
            let mut slices = 0;
            while app.busy() {
                let s = Instant::now();
                app.search_more();
                let _ = term.draw(|fr| ui::render(app, fr, theme));
                slice_max = slice_max.max(s.elapsed());
                slices += 1;
            }
            if slices > 0 {
                search_done.push(d + whole.elapsed());
            }
            if step.len() > 1 && k.code == KeyCode::Enter {
                search_lat.push(d);
            } else {
                nav_lat.push(d);
            }
        }
    }
    lat.sort();
    nav_lat.sort();
    let pct = |lat: &[Duration], p: f64| lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)];
    f.insert("keys".into(), lat.len() as f64);
    f.insert("key_to_frame_p50_ms".into(), ms(pct(&lat, 0.5)));
    f.insert("key_to_frame_p99_ms".into(), ms(pct(&lat, 0.99)));
    f.insert(
        "key_to_frame_p99_no_search_submit_ms".into(),
        ms(pct(&nav_lat, 0.99)),
    );
    f.insert(
        "key_to_frame_max_ms".into(),
        ms(*lat.last().unwrap_or(&Duration::ZERO)),
    );
    if let Some(m) = search_lat.iter().max() {
        f.insert("search_submit_max_ms".into(), ms(*m));
    }
    f.insert("search_slice_frame_max_ms".into(), ms(slice_max));
    for (k, d) in per_key {
        f.insert(format!("key_max_ms[{k}]"), ms(d));
    }
    if let Some(m) = search_done.iter().max() {
        f.insert("search_whole_corpus_max_ms".into(), ms(*m));
    }
}

pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
