//! Quotations in the reader: the quotes view of an entity, quotations marked
//! in the reading pane, walking quotations with `n`/`N`, on a hand-made
//! corpus whose quotations the domain finds (`quote::corpus`); and one
//! end-to-end run of the real binary.

use crate::pty::Session;
use dossier::app::{Action, App, Focus, Mode, Walk};
use dossier::corpus::{Corpus, DocId, Document};
use dossier::entity::Kind;
use dossier::entity::fixture::IndexBuilder;
use dossier::ingest::Update;
use dossier::quote;
use dossier::quote::table::QuoteTable;
use dossier::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use std::sync::Arc;

const DOC_A: &str = "Gipfel in Genf\n\nDie Außenministerin Anna Berger traf am Montag in Genf ein. „Wir werden hart verhandeln, aber fair bleiben“, sagte Berger vor Journalisten. Die Gespräche gelten als schwierig.\n";
const DOC_B: &str = "Treffen in Wien\n\nIn Wien sagte Anna Berger, sie sei mit dem Ergebnis sehr zufrieden. Der Bürgermeister lobte das Treffen.\n";
const DOC_C: &str = "Rückblick auf ein Jahr\n\nDie Ministerin blickte zurück. Anna Berger sagte: „Das war ein langer Weg, und er ist noch nicht zu Ende.“\n";

/// Three reports: A dated in March, B in May, C without a date; Anna
/// Berger speaks in each. The quotations come as ingest sends them.
fn app(w: u16, h: u16) -> App {
    let mut docs = vec![
        Document::from_bytes("a".into(), "a.txt".into(), DOC_A.as_bytes()),
        Document::from_bytes("b".into(), "b.txt".into(), DOC_B.as_bytes()),
        Document::from_bytes("c".into(), "c.txt".into(), DOC_C.as_bytes()),
    ];
    docs[0].date = Some("2024-03-01".into());
    docs[1].date = Some("2024-05-02".into());
    let corpus = Corpus::new(docs);
    let index = IndexBuilder::over(&[DOC_A, DOC_B, DOC_C])
        .entity("Anna Berger", Kind::Person)
        .found(0, "Anna Berger", 0)
        .found(0, "Berger", 1)
        .found(1, "Anna Berger", 0)
        .found(2, "Anna Berger", 0)
        .entity("Genf", Kind::Place)
        .found(0, "Genf", 0)
        .found(0, "Genf", 1)
        .entity("Wien", Kind::Place)
        .found(1, "Wien", 0)
        .found(1, "Wien", 1)
        .build();
    let quotes = quote::corpus::analyse_corpus(&corpus, &index);
    let mut app = App::new(corpus, index, Rect::new(0, 0, w, h));
    app.progress.done = true;
    app.on_update(Update::Quotes(Arc::new(QuoteTable::of(&quotes))));
    app.refresh();
    app
}

fn berger(app: &App) -> dossier::entity::EntityId {
    app.index.find("Anna Berger").expect("Anna Berger")
}

fn draw(app: &App, theme: Theme) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    t.draw(|f| ui::render(app, f, &theme)).unwrap();
    t
}

/// The screen cells of the row holding `needle` and the column it starts at.
fn find(t: &Terminal<TestBackend>, needle: &str) -> Option<(u16, u16)> {
    let buf = t.backend().buffer();
    let area = buf.area;
    (0..area.height).find_map(|y| {
        let cells: Vec<&str> = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
        let line: String = cells.concat();
        let at = line.find(needle)?;
        // Cells to the byte offset: count cells whose symbols come before it.
        let mut bytes = 0;
        let x = cells.iter().position(|c| {
            let here = bytes;
            bytes += c.len();
            here >= at
        })?;
        Some((x as u16, y))
    })
}

#[test]
fn the_domain_finds_one_quotation_of_berger_per_report() {
    let app = app(120, 40);
    let docs = app.quotes.docs.clone().expect("quotations");
    let id = berger(&app);
    let of = dossier::app::quotes::quotes_of(&docs, &app.corpus, &app.index, id);
    let where_: Vec<DocId> = of.iter().map(|e| e.doc).collect();
    assert_eq!(
        where_,
        vec![DocId(1), DocId(0), DocId(2)],
        "newest first: May, March, then the undated report"
    );
    assert!(
        DOC_A[of[1].extent()].contains("Wir werden hart verhandeln"),
        "{:?}",
        &DOC_A[of[1].extent()]
    );
}

#[test]
fn quotes_view_opens_for_the_selected_person_and_enter_jumps_into_the_article() {
    let mut app = app(120, 40);
    app.apply(Action::Quotes);
    assert_eq!(app.mode, Mode::Normal, "nothing selected");
    assert!(app.message.as_deref().unwrap().contains("select a person"));
    app.select_entity(berger(&app));
    app.apply(Action::Quotes);
    assert_eq!(app.mode, Mode::Quotes);
    assert_eq!(app.quotes.entries.len(), 3);
    assert_eq!(app.quotes.selection.selected, 0);
    app.apply(Action::Down(1));
    assert_eq!(app.quotes.selection.selected, 1);
    app.apply(Action::Down(5));
    assert_eq!(app.quotes.selection.selected, 2, "stops at the last");
    app.apply(Action::Up(1));
    app.apply(Action::Enter);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(app.walk, Walk::Quotes);
    assert_eq!(app.reader.doc, DocId(0), "the March report");
    let c = app
        .reader
        .cursor
        .clone()
        .expect("a cursor on the quotation");
    assert!(DOC_A[c.range.clone()].starts_with("„Wir werden"));
    assert_eq!(app.quote_ordinal(), Some((2, 3)));
    // n / N walk the quotations in the view's order, round the ends.
    app.apply(Action::NextMatch);
    assert_eq!(app.reader.doc, DocId(2));
    assert_eq!(app.quote_ordinal(), Some((3, 3)));
    app.apply(Action::NextMatch);
    assert_eq!(app.reader.doc, DocId(1), "round to the newest");
    assert!(app.message.as_deref().unwrap().contains("newest"));
    app.apply(Action::PrevMatch);
    assert_eq!(app.reader.doc, DocId(2));
    // Reopening selects the current quotation; Esc closes; Esc again goes
    // back to walking mentions.
    app.apply(Action::Quotes);
    assert_eq!(app.mode, Mode::Quotes);
    assert_eq!(app.quotes.selection.selected, 2);
    app.apply(Action::Escape);
    assert_eq!(app.mode, Mode::Normal);
    app.apply(Action::Escape);
    assert_eq!(app.walk, Walk::Mentions);
    assert_eq!(app.quote_ordinal(), None);
    app.apply(Action::NextMatch);
    let c = app.reader.cursor.clone().unwrap();
    let text = &app.corpus.doc(c.doc).text;
    assert!(text[c.range].contains("Berger"), "n walks mentions again");
}

#[test]
fn quotes_view_waits_for_the_quotations_and_says_when_there_are_none() {
    let mut app = app(120, 40);
    app.quotes.docs = None;
    app.select_entity(berger(&app));
    app.apply(Action::Quotes);
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.message.as_deref().unwrap().contains("still finding"));
    let docs = quote::corpus::analyse_corpus(&app.corpus, &app.index);
    app.on_update(Update::Quotes(Arc::new(QuoteTable::of(&docs))));
    let wien = app.index.find("Wien").unwrap();
    app.select_entity(wien);
    app.apply(Action::Quotes);
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("no quotations of Wien")
    );
}

#[test]
fn quotes_view_at_120x40_and_80x24() {
    for (w, h) in [(120u16, 40u16), (80, 24)] {
        let mut app = app(w, h);
        app.select_entity(berger(&app));
        app.apply(Action::Quotes);
        app.apply(Action::Down(1));
        let t = draw(&app, Theme::new(true));
        let s = t.backend().to_string();
        assert!(s.contains("quotes of Anna Berger · 3"), "{s}");
        // Newest first, with dates and titles.
        let rows: Vec<u16> = [
            "2024-05-02 · Treffen in Wien",
            "2024-03-01 · Gipfel in Genf",
            "│  Rückblick auf ein Jahr",
        ]
        .iter()
        .map(|n| find(&t, n).unwrap_or_else(|| panic!("{n}:\n{s}")).1)
        .collect();
        assert!(rows[0] < rows[1] && rows[1] < rows[2], "{rows:?}");
        // The selected quotation (the second) is highlighted, its words in italics.
        let buf = t.backend().buffer();
        let (x, y) = find(&t, "│    „Wir werden hart")
            .map(|(x, y)| (x + 5, y))
            .unwrap();
        assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
        assert!(buf[(x, y)].modifier.contains(Modifier::ITALIC));
        let (x, y) = find(&t, "Treffen in Wien").unwrap();
        assert!(!buf[(x, y)].modifier.contains(Modifier::REVERSED));
        insta::assert_snapshot!(format!("quotes_view_{w}x{h}"), t.backend());
    }
}

#[test]
fn reading_pane_marks_quotations_at_120x40_and_80x24() {
    for (w, h) in [(120u16, 40u16), (80, 24)] {
        let mut app = app(w, h);
        app.apply(Action::Focus(Focus::Reader));
        for theme in [Theme::new(true), Theme::new(false)] {
            let t = draw(&app, theme);
            let buf = t.backend().buffer();
            let (x, y) = find(&t, "„Wir").expect("the quotation");
            let cell = &buf[(x + 1, y)];
            assert!(cell.modifier.contains(Modifier::ITALIC), "quoted: italic");
            if theme.color {
                assert_eq!(cell.fg, theme.colors.quote);
            }
            let (x, y) = find(&t, "Die Gespräche").expect("narration");
            assert!(
                !buf[(x, y)].modifier.contains(Modifier::ITALIC),
                "not quoted"
            );
            let (x, y) = find(&t, "Die Außenministerin").unwrap();
            assert!(!buf[(x, y)].modifier.contains(Modifier::ITALIC));
            if theme.color {
                insta::assert_snapshot!(format!("quotes_reader_{w}x{h}"), t.backend());
            }
        }
    }
}

#[test]
fn the_quotes_key_is_bound_and_listed_in_the_help() {
    let app = app(120, 40);
    let rows = dossier::app::help::rows(&app.keymap);
    assert!(
        rows.iter().any(|(k, w)| k == "Q" && w.contains("quotes")),
        "{rows:?}"
    );
    let readme = include_str!("../README.md");
    assert!(readme.contains("| `Q` |"), "the README lists the key");
}

/// The real binary on the bundled reports: open the quotes view of a
/// person who speaks in them, jump into an article, walk on with `n`.
#[test]
fn pty_opens_the_quotes_view_of_a_person_and_jumps_into_an_article() {
    let mut s = Session::start(&[], 120, 40, &[]);
    s.wait_for(30, "the index", |t| {
        t.contains("Entities") && t.contains("Article 1/5") && !t.contains("indexing")
    });
    s.send("\t\t");
    s.send("f");
    s.send(SPEAKER);
    s.wait_for(5, "the filtered sidebar", |t| {
        t.contains(&format!("f:{SPEAKER}"))
    });
    s.send("\r");
    s.wait_for(5, "the selection", |t| t.contains("mention "));
    s.send("Q");
    let view = s.wait_for(10, "the quotes view", |t| t.contains("quotes of"));
    assert!(view.contains(SPEAKER), "{view}");
    s.send("\r");
    let screen = s.wait_for(5, "a quotation", |t| t.contains("quote 1/"));
    assert!(!screen.contains("quotes of"), "the view closed:\n{screen}");
    // The quotation is the current one: marked in the gutter, in reverse.
    let found = s.screen(|sc| {
        let (rows, cols) = sc.size();
        let (rows, cols): (u16, u16) = (rows.into(), cols.into());
        (0..rows).any(|r| {
            let marked = (0..cols).any(|c| sc.cell(r, c).is_some_and(|x| x.contents() == "▶"));
            let inverse = (0..cols).any(|c| {
                sc.cell(r, c)
                    .is_some_and(|x| x.inverse() && x.italic() && !x.contents().trim().is_empty())
            });
            marked && inverse
        })
    });
    assert!(
        found,
        "a marked row with the quotation highlighted:\n{screen}"
    );
    s.send("n");
    s.wait_for(5, "the next quotation", |t| t.contains("quote 2/"));
    s.send("q");
    assert!(s.wait_exit(10).success());
}

/// A person who is quoted more than once in the bundled reports.
const SPEAKER: &str = "Kim Jong-un";

#[test]
fn quotations_whose_spans_cut_characters_are_shown_without_cutting_them() {
    // What only a crafted quotation cache can hold for an article whose
    // text was not read (see `quote_cache::fits_length`): every span and
    // cue moved one byte, into `„` or `ß`, and one reaching to the end.
    let mut app = app(120, 40);
    let mut docs = quote::corpus::analyse_corpus(&app.corpus, &app.index);
    let texts = [DOC_A, DOC_B, DOC_C];
    let mut cut = 0;
    for (d, qd) in docs.iter_mut().enumerate() {
        let text = texts[d];
        for q in &mut qd.quotes {
            for r in q.spans.iter_mut().chain(q.cue.iter_mut()) {
                r.start += 1;
                r.end = (r.end + 1).min(text.len());
                cut += usize::from(!text.is_char_boundary(r.start));
            }
            if let Some(s) = &mut q.speaker {
                s.span.start += 1;
            }
        }
        if let Some(q) = qd.quotes.last_mut() {
            q.spans.last_mut().unwrap().end = text.len();
        }
    }
    assert!(cut >= 2, "spans start inside characters");
    app.on_update(Update::Quotes(Arc::new(QuoteTable::of(&docs))));
    app.select_entity(berger(&app));
    for (w, h) in [(120u16, 40u16), (80, 24), (20, 6)] {
        app.apply(Action::Resize(w, h));
        app.apply(Action::Quotes);
        assert_eq!(app.mode, Mode::Quotes, "{w}x{h}: the quotes are listed");
        let _ = draw(&app, Theme::new(true));
        app.apply(Action::Enter);
        for _ in 0..4 {
            let _ = draw(&app, Theme::new(false));
            app.apply(Action::NextMatch);
        }
        app.apply(Action::PrevMatch);
        app.apply(Action::Focus(Focus::Reader));
        let t = draw(&app, Theme::new(true));
        assert!(
            t.backend().to_string().contains("Gipfel")
                || t.backend().to_string().contains("Treffen")
                || t.backend().to_string().contains("Rückblick")
                || w < 40,
            "an article is shown"
        );
    }
}
