//! Responsiveness benchmark (issue 18, finding 6): what corrections and
//! large articles cost, and whether the reader keeps answering meanwhile.
//!
//! `cargo bench --bench responsive` (a release binary with its own `main`,
//! not a timed test), over the 10,000-article corpus of the scale bench
//! (real articles repeated, see `BENCHMARKS.md`):
//!
//! 1. **merges**: `dossier entities --format json DIR > /dev/null` cold
//!    (cache emptied), without corrections and with 500 merges of real
//!    entities in `corrections.toml`, alternating; target: the merges add
//!    at most 10 % to the cold index.
//! 2. **keys during a re-link**: the reader over the indexed corpus; a
//!    correction (`x`, then `u` to undo it, …) re-links on its worker while
//!    a key press every 30 ms is applied and drawn into a 120×40 test
//!    terminal; each is timed from the key to the finished frame; target:
//!    every one within 16 ms.
//! 3. **resize on a 10 MB article**: the key-to-frame time of a resize
//!    (the wrap runs on a worker) and how long the new wrap takes to come
//!    in, beside the time of wrapping on the UI thread.
//!
//! Environment: `DOSSIER_BENCH_CORPORA` and `DOSSIER_BENCH_DIR` as for the
//! scale bench; `DOSSIER_BENCH_SIZE` (10000), `DOSSIER_BENCH_RUNS` (cold
//! runs of each kind, 3), `DOSSIER_BENCH_RELINKS` (corrections, 6).

#[path = "common/corpus.rs"]
mod corpus;

use corpus::{base_articles, build_corpus, corpora_dir, machine};
use dossier::app::{Action, App};
use dossier::corpus::{Corpus, Document};
use dossier::entity::link::corrections::Corrections;
use dossier::entity::{EntityId, EntityIndex, Kind};
use dossier::ingest::{self, Job};
use dossier::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

type BenchResult = Result<(), Box<dyn std::error::Error>>;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn main() {
    // The reader scenario runs in this process: its corrections and state
    // are the bench's, never the user's.
    let own = std::env::temp_dir().join(format!("dossier-responsive-own-{}", std::process::id()));
    // SAFETY: set before this process starts any thread.
    unsafe {
        std::env::set_var("DOSSIER_CONFIG_DIR", own.join("config"));
        std::env::set_var("DOSSIER_STATE_DIR", own.join("state"));
    }
    let result = run();
    let _ = std::fs::remove_dir_all(&own);
    if let Err(e) = result {
        eprintln!("responsive bench failed: {e}");
        std::process::exit(1);
    }
}

fn run() -> BenchResult {
    let Some(corpora) = corpora_dir() else {
        println!("responsive bench skipped: no shared corpora (set DOSSIER_BENCH_CORPORA)");
        return Ok(());
    };
    let base = base_articles(&corpora);
    if base.is_empty() {
        println!(
            "responsive bench skipped: no articles in {}",
            corpora.display()
        );
        return Ok(());
    }
    let n = env_or("DOSSIER_BENCH_SIZE", 10_000);
    let keep = std::env::var_os("DOSSIER_BENCH_DIR").map(PathBuf::from);
    let tmp = std::env::temp_dir().join(format!("dossier-responsive-{}", std::process::id()));
    let root = keep.clone().unwrap_or_else(|| tmp.clone());
    let dir = root.join(format!("articles-{n}"));
    build_corpus(&dir, &base, n)?;
    println!("dossier responsive bench: {n} articles (real articles repeated)");
    println!("machine: {}", machine());
    let home = tmp.join("home");
    let result = merges(&dir, &home)
        .and_then(|()| keys_during_relink(&dir, &home))
        .and_then(|()| resize_large(&base));
    println!("machine after: {}", machine());
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&tmp);
    } else {
        let _ = std::fs::remove_dir_all(&home);
    }
    result
}

/// Config and cache directories for a run of dossier under `home`.
struct Home {
    config: PathBuf,
    cache: PathBuf,
}

impl Home {
    fn new(home: &Path, name: &str) -> std::io::Result<Home> {
        let h = Home {
            config: home.join(name).join("config"),
            cache: home.join(name).join("cache"),
        };
        std::fs::create_dir_all(&h.config)?;
        Ok(h)
    }

    /// Empty the cache, for a cold run.
    fn cold(&self) -> std::io::Result<()> {
        let _ = std::fs::remove_dir_all(&self.cache);
        std::fs::create_dir_all(&self.cache)
    }

    fn command(&self, dir: &Path) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
        cmd.args(["entities", "--format", "json"])
            .arg(dir)
            .env("DOSSIER_CONFIG_DIR", &self.config)
            .env("DOSSIER_STATE_DIR", self.config.join("state"))
            .env("DOSSIER_CACHE_DIR", &self.cache)
            .env_remove("DOSSIER_NO_CACHE");
        cmd
    }

    /// A cold `dossier entities --format json DIR > /dev/null`: seconds.
    fn cold_run(&self, dir: &Path) -> Result<f64, Box<dyn std::error::Error>> {
        self.cold()?;
        let t = Instant::now();
        let status = self.command(dir).stdout(Stdio::null()).status()?;
        let s = t.elapsed().as_secs_f64();
        if !status.success() {
            return Err(format!("dossier entities failed: {status}").into());
        }
        Ok(s)
    }
}

/// 500 merges of real entities: the two most mentioned people of each
/// pair of the 1,000 most mentioned, the second into the first.
fn five_hundred_merges(dir: &Path, home: &Home) -> Result<Corrections, Box<dyn std::error::Error>> {
    let out = home.command(dir).stdout(Stdio::piped()).output()?;
    let json: dossier::entity::json::JsonOutput = serde_json::from_slice(&out.stdout)?;
    let mut people: Vec<_> = json
        .entities
        .iter()
        .filter(|e| e.kind == Kind::Person && !e.ambiguous)
        .collect();
    people.sort_by_key(|e| std::cmp::Reverse(e.mentions.len()));
    let mut c = Corrections::default();
    for pair in people.chunks_exact(2).take(500) {
        c.add_merge(&pair[1].name, &pair[0].name);
    }
    if c.merge.len() < 500 {
        return Err(format!("only {} merges could be made", c.merge.len()).into());
    }
    Ok(c)
}

fn merges(dir: &Path, home: &Path) -> BenchResult {
    println!("\n== 500 merges on the cold index ==");
    let plain = Home::new(home, "plain")?;
    let merged = Home::new(home, "merged")?;
    // Warm the page cache and find the entities to merge.
    plain.cold_run(dir)?;
    let corrections = five_hundred_merges(dir, &plain)?;
    corrections.save(&merged.config.join("corrections.toml"))?;
    let runs = env_or("DOSSIER_BENCH_RUNS", 3).max(1);
    let (mut without, mut with) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        without.push(plain.cold_run(dir)?);
        with.push(merged.cold_run(dir)?);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let list = |v: &[f64]| {
        v.iter()
            .map(|s| format!("{s:.2}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    println!("cold, no corrections: {} s", list(&without));
    println!("cold, 500 merges:     {} s", list(&with));
    let (a, b) = (median(&mut without), median(&mut with));
    let added = (b / a - 1.0) * 100.0;
    println!(
        "median {a:.2} s → {b:.2} s: the merges add {added:+.1} % (target ≤ 10 %: {})",
        if added <= 10.0 { "met" } else { "MISSED" }
    );
    Ok(())
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The reader over the corpus (from the warm cache), with the analyses
/// that corrections need.
fn reader(dir: &Path, home: &Home, area: Rect) -> App {
    let mut job = Job::discover(&[dir.to_path_buf()]);
    if let Job::Files { cache, .. } = &mut job {
        *cache = Some(home.cache.clone());
    }
    let mut app = App::new(Corpus::default(), EntityIndex::default(), area);
    app.corrector.path = Some(home.config.join("corrections.toml"));
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || ingest::run(&job, &|u| tx.send(u).is_ok()));
    for u in rx.iter() {
        app.on_update(u);
    }
    let _ = worker.join();
    app.progress.done = true;
    app
}

fn keys_during_relink(dir: &Path, home: &Path) -> BenchResult {
    println!("\n== key presses during a re-link ==");
    let home = Home::new(home, "relink")?;
    home.cold()?;
    let area = Rect::new(0, 0, 120, 40);
    let mut app = reader(dir, &home, area);
    if app.corrector.analyses.is_none() {
        return Err("no analyses: corrections cannot re-link".into());
    }
    let theme = Theme::default();
    let Ok(mut term) = Terminal::new(TestBackend::new(area.width, area.height));
    let relinks = env_or("DOSSIER_BENCH_RELINKS", 6).max(1);
    let script = [
        key('j'),
        key('j'),
        key('k'),
        key('n'),
        key('N'),
        key(']'),
        key('['),
    ];
    let mut lat: Vec<Duration> = Vec::new();
    let mut took: Vec<f64> = Vec::new();
    let mut i = 0;
    // A prominent person: the one with the most mentions.
    let person = (0..app.index.len() as u32)
        .map(EntityId)
        .filter(|&id| app.index.entity(id).kind == Kind::Person)
        .max_by_key(|&id| app.index.mentions_of(id).count())
        .ok_or("no person in the index")?;
    let name = app.index.entity(person).name.to_string();
    for r in 0..relinks {
        app.focus = dossier::app::Focus::Reader;
        if r % 2 == 0 {
            app.selected = app.index.find(&name);
            app.apply(Action::NotEntity);
        } else {
            app.apply(Action::Undo);
        }
        if !app.relinking() {
            return Err(format!("no re-link started: {:?}", app.message).into());
        }
        let t = Instant::now();
        while !app.poll_relink() {
            std::thread::sleep(Duration::from_millis(30));
            let k = script[i % script.len()];
            i += 1;
            let s = Instant::now();
            if let Some(a) = app.keymap.action(app.mode, k) {
                app.apply(a);
            }
            let _ = term.draw(|f| ui::render(&app, f, &theme));
            lat.push(s.elapsed());
        }
        took.push(t.elapsed().as_secs_f64());
        let _ = term.draw(|f| ui::render(&app, f, &theme));
    }
    if lat.is_empty() {
        println!("every re-link was done before the first key (no figure)");
        return Ok(());
    }
    lat.sort();
    let pct = |p: f64| ms(lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)]);
    let max = ms(*lat.last().unwrap_or(&Duration::ZERO));
    println!(
        "{relinks} re-links of {} entities, {:.2}–{:.2} s each",
        app.index.len(),
        took.iter().copied().fold(f64::INFINITY, f64::min),
        took.iter().copied().fold(0.0, f64::max)
    );
    println!(
        "{} keys during them: key to frame p50 {:.2} ms, p99 {:.2} ms, max {max:.2} ms \
         (target ≤ 16 ms: {})",
        lat.len(),
        pct(0.5),
        pct(0.99),
        if max <= 16.0 { "met" } else { "MISSED" }
    );
    Ok(())
}

/// An article of about 10 MB: real articles, one after another.
fn large_article(base: &[String]) -> Document {
    let mut text = String::from("Zehn Megabyte\n\n");
    'fill: loop {
        for a in base {
            text.push_str(a);
            text.push_str("\n\n");
            if text.len() >= 10_000_000 {
                break 'fill;
            }
        }
    }
    Document::from_bytes("large".into(), "large.txt".into(), text.as_bytes())
}

fn resize_large(base: &[String]) -> BenchResult {
    println!("\n== resizing on a 10 MB article ==");
    let doc = large_article(base);
    let mb = doc.text.len() as f64 / 1e6;
    let theme = Theme::default();
    let sizes = [(120, 40), (90, 30), (160, 50), (70, 24)];
    let Ok(mut term) = Terminal::new(TestBackend::new(120, 40));
    let t = Instant::now();
    let mut app = App::new(
        Corpus::new(vec![doc]),
        EntityIndex::default(),
        Rect::new(0, 0, 120, 40),
    );
    let open = t.elapsed();
    app.reader.scroll = app.reader.wrapped.len() / 2;
    let (mut answer, mut arrive) = (Vec::new(), Vec::new());
    for round in 0..8 {
        let (w, h) = sizes[(round + 1) % sizes.len()];
        term.backend_mut().resize(w, h);
        let s = Instant::now();
        app.apply(Action::Resize(w, h));
        let _ = term.draw(|f| ui::render(&app, f, &theme));
        answer.push(s.elapsed());
        while !app.poll_rewrap() {
            if !app.rewrapping() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let _ = term.draw(|f| ui::render(&app, f, &theme));
        arrive.push(s.elapsed());
    }
    let max = |v: &[Duration]| ms(v.iter().copied().max().unwrap_or_default());
    let min = |v: &[Duration]| ms(v.iter().copied().min().unwrap_or_default());
    println!(
        "{mb:.1} MB, {} rows: opened (wrapped on the UI thread) in {:.0} ms",
        app.reader.wrapped.len(),
        ms(open)
    );
    println!(
        "resize to frame: max {:.2} ms over {} resizes; the new wrap in after {:.0}–{:.0} ms",
        max(&answer),
        answer.len(),
        min(&arrive),
        max(&arrive)
    );
    Ok(())
}
