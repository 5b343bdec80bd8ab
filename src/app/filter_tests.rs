//! State tests of the article filter on its worker thread
//! ([`super::list_filter`]): the rows the worker brings are those the
//! filter on the UI thread gives, keys typed faster than the worker answers
//! leave the rows on screen until the answer comes, and Enter opens the
//! best match of what was typed.

use super::*;
use crate::corpus::Document;

/// 400 articles with titles made of a few words each, so that queries
/// match in every tier.
fn corpus() -> Corpus {
    let words = [
        "Berlin",
        "Bern",
        "Wahl",
        "Bericht",
        "Regierung",
        "Bayern",
        "Bergbau",
        "Köln",
        "Wien",
        "Streik",
        "Ober",
        "liberal",
    ];
    let docs = (0..400)
        .map(|i| {
            let title = format!(
                "{} {} in {}",
                words[i % words.len()],
                words[(i / 3 + 5) % words.len()],
                words[(i * 7 + 2) % words.len()]
            );
            let text = format!("{title}\n\nText {i}.");
            Document::from_bytes(format!("d{i}"), format!("d{i}.txt").into(), text.as_bytes())
        })
        .collect();
    Corpus::new(docs)
}

/// The app over [`corpus`], filtering on the worker or not (`background`),
/// with the list's filter open.
fn filtering_app(background: bool) -> App {
    let mut app = App::new(corpus(), EntityIndex::default(), Rect::new(0, 0, 120, 40));
    app.progress.done = true;
    app.filter_in_background_from = if background { 0 } else { usize::MAX };
    app.refresh();
    app.apply(Action::Focus(Focus::List));
    app.apply(Action::StartFilter);
    assert_eq!(app.filter_target, Focus::List);
    app
}

/// Keys as typed: letters, and `⌫` for Backspace.
fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.apply(match c {
            '⌫' => Action::Backspace,
            c => Action::Input(c),
        });
    }
}

#[test]
fn the_workers_rows_are_those_of_the_filter_on_the_ui_thread() {
    let mut here = filtering_app(false);
    let mut worker = filtering_app(true);
    // Narrowing, Backspace to kept rows, a second word, a fuzzy query, no
    // match at all; waiting for each key's answer, and typing ahead of it.
    for (typed, wait_each) in [
        ("ber", true),
        ("⌫⌫", true),
        ("ern", false),
        (" in w", true),
        ("⌫⌫⌫⌫⌫⌫⌫⌫rgn", false),
        ("zzz", true),
        ("⌫⌫⌫⌫⌫⌫l", false),
    ] {
        keys(&mut here, typed);
        for c in typed.chars() {
            keys(&mut worker, &c.to_string());
            if wait_each {
                worker.finish_filter();
            }
        }
        worker.finish_filter();
        assert!(!worker.filtering());
        assert_eq!(worker.list.filter, here.list.filter);
        assert!(here.list.worker.is_none(), "the small corpus filters here");
        assert_eq!(
            worker.list.rows, here.list.rows,
            "after {typed:?}: {:?}",
            here.list.filter
        );
        assert_eq!(worker.list.selection, here.list.selection);
    }
    assert!(
        worker.list.worker.is_some(),
        "the large corpus used the worker"
    );
    // A limit: a query grown from the last one is not narrowed from rows
    // outside the limit.
    for app in [&mut here, &mut worker] {
        let docs = (0..400).step_by(7).map(DocId).collect();
        let limit = article_list::Limit::new("some".into(), docs);
        app.list.set_limit(Some(limit), &app.corpus, DocId(0));
        keys(app, "a");
        app.finish_filter();
    }
    assert_eq!(worker.list.filter, "bla");
    assert_eq!(worker.list.rows, here.list.rows);
    assert!(
        worker
            .list
            .rows
            .as_ref()
            .unwrap()
            .iter()
            .all(|d| d.0 % 7 == 0),
        "within the limit"
    );
    assert!(
        here.list.rows.as_ref().is_some_and(|r| !r.is_empty()),
        "the last query matches"
    );
}

#[test]
fn typed_keys_leave_the_rows_on_screen_until_the_answer_comes() {
    let mut app = filtering_app(true);
    keys(&mut app, "ber");
    app.finish_filter();
    let ber = app.list.rows.clone().unwrap();
    assert!(!ber.is_empty());
    app.apply(Action::Down(2));
    keys(&mut app, "l");
    // Nothing polled: the rows of `ber` are shown, the cursor where it was.
    assert_eq!(app.list.rows.as_ref(), Some(&ber));
    assert_eq!(app.list.selection.selected, 2);
    assert!(app.filtering());
    while app.filtering() {
        app.poll_filter();
        std::thread::yield_now();
    }
    let berl = app.list.rows.clone().unwrap();
    assert!(berl.len() < ber.len() && berl.iter().all(|d| ber.contains(d)));
    assert_eq!(app.list.selection.selected, 0, "on the best match");
    assert!(app.dirty);
    // Esc while the worker ranks: its answer never shows.
    keys(&mut app, "i");
    app.apply(Action::Escape);
    assert!(!app.filtering());
    assert!(app.list.rows.is_none(), "every article again");
    app.finish_filter();
    assert!(!app.poll_filter());
    assert!(app.list.rows.is_none());
}

#[test]
fn enter_opens_the_best_match_of_what_was_typed_not_of_the_rows_on_screen() {
    let mut here = filtering_app(false);
    let mut worker = filtering_app(true);
    let mut on_screen = Vec::new();
    for app in [&mut here, &mut worker] {
        keys(app, "w");
        app.finish_filter();
        keys(app, "ien ob");
        on_screen.push(app.list_doc(0));
        app.apply(Action::Submit);
        assert_eq!(app.mode, Mode::Normal);
    }
    let best = here.list.rows.as_ref().unwrap()[0];
    assert_eq!(here.reader.doc, best);
    assert_eq!(worker.reader.doc, best, "the worker's answer waited for");
    assert_ne!(on_screen[1], Some(best), "the rows of `w` were on screen");
    let title = crate::fuzzy::fold(&here.corpus.doc(best).title);
    assert!(title.contains("wien") && title.contains("ob"), "{title}");
}

#[test]
fn the_sidebar_filters_with_names_folded_on_a_thread_as_the_index_came() {
    use crate::ingest::Update;
    let mut app = App::new(
        Corpus::default(),
        EntityIndex::default(),
        Rect::new(0, 0, 120, 40),
    );
    let docs = super::tests::corpus().docs().to_vec();
    app.on_update(Update::Documents(docs));
    app.on_update(Update::Indexed(super::tests::index(), None));
    assert!(app.sidebar.folding.is_some(), "folding on its thread");
    assert!(app.sidebar.folded.is_none());
    app.apply(Action::ToggleScope);
    app.apply(Action::Focus(Focus::Sidebar));
    app.apply(Action::StartFilter);
    keys(&mut app, "wi");
    assert!(app.sidebar.folding.is_none(), "taken at the first key");
    assert_eq!(
        app.sidebar.folded.as_ref(),
        Some(&sidebar::fold_names(&app.index)),
        "the names the UI thread would fold"
    );
    assert_eq!(app.sidebar.entity(), Some(super::tests::WIEN));
    // A new index folds its names again (while a filter is shown, at once
    // for it).
    app.apply(Action::Escape);
    assert!(app.sidebar.filter.is_empty());
    app.on_update(Update::Indexed(super::tests::index(), None));
    assert!(app.sidebar.folding.is_some() && app.sidebar.folded.is_none());
}

/// An app filtering on the worker at any size, given [`corpus`]'s
/// articles and no index yet (as while a corpus is indexed).
fn app_indexing() -> App {
    let mut app = App::new(
        Corpus::default(),
        EntityIndex::default(),
        Rect::new(0, 0, 120, 40),
    );
    app.filter_in_background_from = 0;
    app.on_update(Update::Documents(corpus().docs().to_vec()));
    app
}

#[test]
fn the_filter_worker_takes_the_titles_once_the_index_is_there() {
    let n = corpus().len();
    let mut app = app_indexing();
    // Not while linking runs: no titles folded beside its tables.
    assert!(app.list.worker.is_none(), "no titles sent while indexing");
    app.on_update(Update::Indexed(EntityIndex::default(), None));
    assert_eq!(app.list.worker.as_ref().map(|w| w.sent()), Some(n));
    // A filter typed before the index takes the titles with its query.
    let mut early = app_indexing();
    early.apply(Action::Focus(Focus::List));
    early.apply(Action::StartFilter);
    keys(&mut early, "ber");
    assert_eq!(early.list.worker.as_ref().map(|w| w.sent()), Some(n));
}
