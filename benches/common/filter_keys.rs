//! The scale bench's `filter` scenario (issue 16): queries typed into the
//! article list's filter (on the UI thread and on the filter worker) and the
//! sidebar's, at the size of the bench corpus, timed per key.

use super::{Figures, job, ms};
use dossier::app::{Action, App, Focus, Scope};
use dossier::corpus::Corpus;
use dossier::entity::EntityIndex;
use dossier::ingest::{self, Update};
use dossier::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// An article's own title under the bench's numbered first line: its next
/// line, cut to 120 characters (10kGNAD's texts open with a paragraph).
fn own_title(text: &str) -> String {
    let line = text
        .lines()
        .skip(1)
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    line.chars().take(120).collect()
}

/// Queries typed into a filter: letters, and `⌫` for Backspace.
const FILTER_QUERIES: [&str; 6] = [
    "regierung",
    "berlin",
    "wahl in ba",
    "merkel⌫⌫⌫⌫s",
    "spö",
    "polizei",
];

/// How often the queries are typed (so that a single late frame on a
/// shared machine is not the p99 on its own).
const FILTER_ROUNDS: usize = 3;

/// How long a typist takes between two keys of a query (a fast one).
const TYPING_INTERVAL: Duration = Duration::from_millis(120);

/// Queries typed into the article list's filter and the sidebar's (corpus
/// scope), key by key at [`TYPING_INTERVAL`], as the event loop runs them:
/// each key is applied and drawn (`key to frame`: what blocks the UI
/// thread), then until the next key the worker's answer is polled for and
/// drawn when it comes (`answer frame`; `key to rows`: from the key to its
/// rows on screen). The article filter runs once on the UI thread (as
/// before the worker) and once on the worker; the figures are per key.
pub fn scenario_filter(dir: &Path) -> Figures {
    let mut f = Figures::new();
    let theme = Theme::default();
    let area = Rect::new(0, 0, 120, 40);
    let Ok(mut term) = Terminal::new(TestBackend::new(area.width, area.height));
    let t = Instant::now();
    let (tx, rx) = mpsc::channel();
    ingest::run(&job(dir), &|u| tx.send(u).is_ok());
    drop(tx);
    let mut docs = Vec::new();
    let mut index = EntityIndex::default();
    for u in rx {
        match u {
            Update::Documents(d) => docs.extend(d),
            Update::Indexed(ix, _) => index = ix,
            _ => {}
        }
    }
    f.insert("open_and_index_s".into(), t.elapsed().as_secs_f64());
    // The bench corpus's first lines number the copies ("Kopie 3 von
    // Artikel 17"); titles to filter are the articles' own first lines.
    // They reach the reader as the worker sends them, in batches.
    let docs: Vec<_> = docs
        .iter()
        .map(|d| {
            let mut d = (**d).clone();
            d.title = own_title(&d.text).into();
            std::sync::Arc::new(d)
        })
        .collect();
    let mut app = App::new(Corpus::default(), EntityIndex::default(), area);
    for batch in docs.chunks(1000) {
        app.on_update(Update::Documents(batch.to_vec()));
    }
    drop(docs);
    app.on_update(Update::Indexed(index, None));
    f.insert("articles".into(), app.corpus.len() as f64);
    f.insert("entities".into(), app.index.len() as f64);
    for (label, pane, background) in [
        ("list_ui_thread", Focus::List, false),
        ("list_worker", Focus::List, true),
        ("sidebar", Focus::Sidebar, false),
    ] {
        // On the UI thread as before the worker (folding the titles at the
        // first key); then as the reader runs, the worker having folded
        // them while the articles came.
        app.filter_in_background_from = if background {
            dossier::app::list_filter::BACKGROUND_FILTER_TITLES
        } else {
            usize::MAX
        };
        if pane == Focus::Sidebar && app.sidebar.scope == Scope::Article {
            app.apply(Action::ToggleScope);
        }
        let mut key_lat = Vec::new();
        let mut rows_lat = Vec::new();
        let mut answer_frames = Vec::new();
        let mut first_key = Duration::ZERO;
        for query in FILTER_QUERIES.repeat(FILTER_ROUNDS) {
            app.apply(Action::Focus(pane));
            app.apply(Action::StartFilter);
            let keys = query.chars().count();
            for (k, c) in query.chars().enumerate() {
                let action = if c == '⌫' {
                    Action::Backspace
                } else {
                    Action::Input(c)
                };
                let s = Instant::now();
                app.apply(action);
                let _ = term.draw(|fr| ui::render(&app, fr, &theme));
                let d = s.elapsed();
                key_lat.push(d);
                if first_key.is_zero() {
                    first_key = d;
                }
                let mut shown = !app.filtering();
                if shown {
                    rows_lat.push(d);
                }
                // After the last key, until its rows are on screen.
                let last = k + 1 == keys;
                while s.elapsed() < TYPING_INTERVAL || (last && app.filtering()) {
                    let p = Instant::now();
                    if app.poll_filter() {
                        let _ = term.draw(|fr| ui::render(&app, fr, &theme));
                        answer_frames.push(p.elapsed());
                        if !shown {
                            rows_lat.push(s.elapsed());
                            shown = true;
                        }
                    }
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
            app.apply(Action::Escape);
            app.finish_filter();
        }
        key_lat.sort();
        rows_lat.sort();
        answer_frames.sort();
        let pct = |lat: &[Duration], p: f64| {
            lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
                .map_or(0.0, |d| ms(*d))
        };
        f.insert(format!("{label}_keys"), key_lat.len() as f64);
        f.insert(format!("{label}_first_key_ms"), ms(first_key));
        f.insert(format!("{label}_key_to_frame_p50_ms"), pct(&key_lat, 0.5));
        f.insert(format!("{label}_key_to_frame_p99_ms"), pct(&key_lat, 0.99));
        f.insert(format!("{label}_key_to_frame_max_ms"), pct(&key_lat, 1.0));
        if background {
            f.insert(
                format!("{label}_answer_frame_max_ms"),
                pct(&answer_frames, 1.0),
            );
            f.insert(format!("{label}_key_to_rows_p50_ms"), pct(&rows_lat, 0.5));
            f.insert(format!("{label}_key_to_rows_p90_ms"), pct(&rows_lat, 0.9));
            f.insert(format!("{label}_key_to_rows_max_ms"), pct(&rows_lat, 1.0));
            f.insert(format!("{label}_rows_shown"), rows_lat.len() as f64);
        }
    }
    f
}
