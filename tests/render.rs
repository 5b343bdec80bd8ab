//! Rendering through ratatui's TestBackend, on a small hand-made corpus so
//! that the screens do not depend on the recognition model.

use dossier::app::{Action, App, Cursor, Focus};
use dossier::corpus::{Corpus, DocId, Document};
use dossier::entity::fixture::IndexBuilder;
use dossier::entity::{Entity, EntityIndex, Kind};
use dossier::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

const DOC_A: &str = "Gipfel in Genf: Ministerin trifft Amtskollegen\n\n  1. Startseite\n  2. Politik\n\nKommentareDrucken\n\nGenf – Die Außenministerin Anna Berger ist am Montag in Genf eingetroffen. Berger will dort mit dem Vertreter der Vereinten Nationen sprechen. Die Gespräche gelten als schwierig.\n\nBergers Sprecher sagte, die Donaudampfschifffahrtsgesellschaftskapitänsmütze sei kein Thema.\nQuellenlink\n";
const DOC_B: &str = "Nach dem Treffen reiste Anna Berger weiter nach Wien, wo sie die Vereinten Nationen erneut traf.\nIn Wien blieb sie zwei Tage.";

fn app(w: u16, h: u16) -> App {
    let corpus = Corpus::new(vec![
        Document::from_bytes("a".into(), "a.txt".into(), DOC_A.as_bytes()),
        Document::from_bytes("b".into(), "b.txt".into(), DOC_B.as_bytes()),
    ]);
    let index = IndexBuilder::over(&[DOC_A, DOC_B])
        .entity("Anna Berger", Kind::Person)
        .found(0, "Anna Berger", 0)
        .found(0, "Berger", 1)
        .found(0, "Bergers", 0)
        .found(1, "Anna Berger", 0)
        .entity("Genf", Kind::Place)
        .found(0, "Genf", 0)
        .found(0, "Genf", 1)
        .found(0, "Genf", 2)
        .entity("Wien", Kind::Place)
        .found(1, "Wien", 0)
        .found(1, "Wien", 1)
        .entity("Vereinte Nationen", Kind::Organization)
        .found(0, "Vereinten Nationen", 0)
        .found(1, "Vereinten Nationen", 0)
        .build();
    ready(corpus, index, w, h)
}

/// The app over `corpus` and `index` at `w`×`h`, indexing done.
fn ready(corpus: Corpus, index: EntityIndex, w: u16, h: u16) -> App {
    let mut app = App::new(corpus, index, Rect::new(0, 0, w, h));
    app.progress.done = true;
    app.refresh();
    app
}

fn draw(app: &App, theme: Theme) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    t.draw(|f| ui::render(app, f, &theme)).unwrap();
    t
}

const COLOR: Theme = Theme::new(true);

/// The text of row `y` of the screen over `columns`.
fn row_text(t: &Terminal<TestBackend>, columns: std::ops::Range<u16>, y: u16) -> String {
    let buf = t.backend().buffer();
    columns.map(|x| buf[(x, y)].symbol()).collect()
}

fn screen(t: &Terminal<TestBackend>) -> String {
    t.backend().to_string()
}

#[test]
fn three_panes_at_120x40() {
    let app = app(120, 40);
    let t = draw(&app, COLOR);
    let s = screen(&t);
    // Furniture is hidden, the headline is the title, the sidebar groups kinds.
    assert!(
        !s.contains("Startseite") && !s.contains("KommentareDrucken") && !s.contains("Quellenlink")
    );
    assert!(s.contains("Gipfel in Genf: Ministerin trifft Amtskollegen"));
    assert!(
        s.contains("People (1)") && s.contains("Places (1)") && s.contains("Organizations (1)")
    );
    insta::assert_snapshot!("three_panes_120x40", t.backend());
}

#[test]
fn list_reader_and_status_at_60x20() {
    let app = app(60, 20);
    let t = draw(&app, COLOR);
    let s = screen(&t);
    assert!(s.contains("Articles 2") && s.contains("Article 1/2"));
    assert!(
        !s.contains("Entities"),
        "the sidebar is a toggle at this width"
    );
    insta::assert_snapshot!("list_reader_60x20", t.backend());
}

#[test]
fn sidebar_at_60x20_when_toggled() {
    let mut app = app(60, 20);
    app.apply(Action::Focus(Focus::Sidebar));
    let t = draw(&app, COLOR);
    assert!(screen(&t).contains("Entities") && !screen(&t).contains("Articles"));
    insta::assert_snapshot!("sidebar_60x20", t.backend());
}

#[test]
fn the_first_e_shows_the_sidebar_at_80_columns() {
    let mut app = app(80, 24);
    let before = screen(&draw(&app, COLOR));
    assert!(before.contains("Articles") && !before.contains("Entities"));
    app.apply(Action::ToggleSidebar);
    let t = draw(&app, COLOR);
    let s = screen(&t);
    assert!(s.contains("Entities") && s.contains("Anna Berger"), "{s}");
    assert!(!s.contains("Articles 2"), "the sidebar has the left column");
    app.apply(Action::ToggleSidebar);
    let s = screen(&draw(&app, COLOR));
    assert!(s.contains("Articles 2") && !s.contains("Entities"), "{s}");
}

#[test]
fn the_list_limited_to_an_entity_says_so_in_its_title() {
    let mut app = app(120, 40);
    let wien = app.index.find("Wien").unwrap();
    app.select_entity(wien);
    app.apply(Action::ToggleLimit);
    let t = draw(&app, COLOR);
    let s = screen(&t);
    assert!(s.contains("Articles 1 of 2 · Wien"), "{s}");
    let list = app.panes().list.unwrap();
    let rows: Vec<String> = (list.y + 1..list.bottom() - 1)
        .map(|y| row_text(&t, list.x + 1..list.right() - 1, y))
        .filter(|r| !r.trim().is_empty())
        .collect();
    // Article 2 alone, its long title on two lines.
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].starts_with("2") && rows[0].contains("Nach dem Treffen"));
    assert!(rows[1].starts_with("  ") && rows[1].contains("Anna Berger"));
    app.apply(Action::ToggleLimit);
    assert!(screen(&draw(&app, COLOR)).contains(" Articles 2 "));
}

#[test]
fn the_gutter_mark_never_sits_on_a_blank_line() {
    let mut app = app(120, 40);
    // A cursor over two paragraphs (as a quotation can be).
    let start = DOC_A.find("Die Gespräche").unwrap();
    let end = DOC_A.find("Bergers Sprecher").unwrap() + "Bergers Sprecher".len();
    app.reader.cursor = Some(Cursor {
        doc: DocId(0),
        range: start..end,
    });
    let t = draw(&app, COLOR);
    let buf = t.backend().buffer();
    let r = app.panes().reader.unwrap();
    let row_text = |y: u16| row_text(&t, r.x + 3..r.right() - 1, y);
    let marked: Vec<u16> = (r.y + 1..r.bottom() - 1)
        .filter(|&y| buf[(r.x + 1, y)].symbol() == "▶")
        .collect();
    assert!(marked.len() >= 2, "{}", screen(&t));
    for &y in &marked {
        assert!(!row_text(y).trim().is_empty(), "▶ on a blank row {y}");
    }
    let first = marked[0];
    let last = *marked.last().unwrap();
    assert!(row_text(first).contains("Die Gespräche") || row_text(first).contains("Gespräche"));
    assert!(row_text(last).contains("Bergers Sprecher"));
    // The blank row between the paragraphs is inside the range, unmarked.
    assert!(
        (first..last).any(|y| row_text(y).trim().is_empty() && !marked.contains(&y)),
        "{}",
        screen(&t)
    );
}

#[test]
fn the_category_and_date_a_record_carries_are_shown() {
    let mut a = Document::from_bytes("a".into(), "a.csv#1".into(), DOC_A.as_bytes());
    a.category = Some("Sport".into());
    a.date = Some("2016-02-16".into());
    let mut b = Document::from_bytes("b".into(), "b.csv#2".into(), DOC_B.as_bytes());
    b.date = Some("2016-03-01".into());
    let c = Document::from_bytes("c".into(), "c.txt".into(), b"Ohne alles\n\nText.");
    let mut app = App::new(
        Corpus::new(vec![a, b, c]),
        EntityIndex::default(),
        Rect::new(0, 0, 120, 20),
    );
    app.progress.done = true;
    app.refresh();
    let t = draw(&app, COLOR);
    let buf = t.backend().buffer();
    let list = app.panes().list.unwrap();
    let row = |y: u16| row_text(&t, list.x + 1..list.right() - 1, y);
    // The category at the right end of its row (else the date), dimmed;
    // a and b have long titles: at the end of their second lines.
    assert!(
        row(list.y + 2).trim_end().ends_with(" Sport"),
        "{}",
        row(list.y + 2)
    );
    assert!(!row(list.y + 1).contains("Sport"));
    assert!(row(list.y + 4).trim_end().ends_with(" 2016-03-01"));
    assert!(row(list.y + 5).starts_with("3"));
    assert!(
        !row(list.y + 5).contains("20"),
        "nothing to show: nothing shown"
    );
    let x = list.right() - 2;
    assert_eq!(buf[(x, list.y + 2)].symbol(), "t");
    assert_eq!(buf[(x, list.y + 2)].fg, COLOR.dim().fg.unwrap());
    // The status bar says both of the open article.
    let s = screen(&t);
    assert!(s.contains("Article 1/3 Sport · 2016-02-16"), "{s}");
    // In a narrower list the title keeps 12 columns: a short category
    // still fits, a date no longer does.
    app.apply(Action::Resize(60, 20));
    let t = draw(&app, COLOR);
    let list = app.panes().list.unwrap();
    let row = |y: u16| row_text(&t, list.x + 1..list.right() - 1, y);
    assert!(
        row(list.y + 2).trim_end().ends_with(" Sport"),
        "{}",
        row(list.y + 2)
    );
    let b = row(list.y + 3) + &row(list.y + 4);
    assert!(!b.contains("2016"), "{b}");
}

#[test]
fn help_overlay_at_both_sizes() {
    for (w, h) in [(120, 40), (60, 20)] {
        let mut app = app(w, h);
        app.apply(Action::ToggleHelp);
        let t = draw(&app, COLOR);
        assert!(screen(&t).contains("dossier keys"));
        insta::assert_snapshot!(format!("help_{w}x{h}"), t.backend());
        app.apply(Action::Escape);
        assert!(!screen(&draw(&app, COLOR)).contains("dossier keys"));
    }
}

#[test]
fn help_overlay_scrolls_in_a_short_terminal() {
    let mut app = app(60, 20);
    app.apply(Action::ToggleHelp);
    let first = screen(&draw(&app, COLOR));
    assert!(first.contains("move down / up in the focused pane"));
    assert!(!first.contains("closes this help"));
    // To the end: the last rows come into view, the first ones leave.
    app.apply(Action::Bottom);
    let last = screen(&draw(&app, COLOR));
    assert!(last.contains("closes this help"), "{last}");
    assert!(!last.contains("move down / up in the focused pane"));
    // One line up from the end and back to the top.
    app.apply(Action::Up(1));
    assert_ne!(screen(&draw(&app, COLOR)), last);
    app.apply(Action::Top);
    assert_eq!(screen(&draw(&app, COLOR)), first);
    // Scrolling does not move the article list behind the overlay, and the
    // help still closes.
    app.apply(Action::ToggleHelp);
    assert!(!screen(&draw(&app, COLOR)).contains("dossier keys"));
    assert_eq!(app.mode, dossier::app::Mode::Normal);
}

#[test]
fn selected_entity_stands_out_and_n_crosses_documents() {
    let mut app = app(120, 40);
    app.apply(Action::Focus(Focus::Sidebar));
    // Rows: People header, Anna Berger, …; the first entity row is selected.
    app.apply(Action::Enter);
    assert_eq!(
        app.selected
            .map(|id| app.index.entity(id).name.to_string())
            .as_deref(),
        Some("Anna Berger")
    );
    let t = draw(&app, COLOR);
    let s = screen(&t);
    assert!(s.contains("mention 1/4"), "{s}");
    // The current mention is marked in the gutter and drawn reversed.
    let buf = t.backend().buffer();
    let row = (0..buf.area.height)
        .find(|&y| buf[(app.panes().reader.unwrap().x + 1, y)].symbol() == "▶")
        .expect("a marked row");
    let cells: Vec<_> = (0..buf.area.width).map(|x| &buf[(x, row)]).collect();
    assert!(
        cells
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED) && c.symbol() == "A")
    );
    // Other mentions of the selected entity have the person colour as background.
    app.apply(Action::NextMatch);
    let t = draw(&app, COLOR);
    let buf = t.backend().buffer();
    let highlighted = buf
        .content()
        .iter()
        .filter(|c| c.bg == Color::LightCyan)
        .count();
    assert!(highlighted >= "Anna Berger".len(), "{highlighted}");
    app.apply(Action::NextMatch);
    app.apply(Action::NextMatch);
    assert_eq!(app.reader.doc, DocId(1), "n moved on to the next article");
    let s = screen(&draw(&app, COLOR));
    assert!(s.contains("Article 2/2") && s.contains("mention 4/4"));
    insta::assert_snapshot!("entity_jump_120x40", screen(&draw(&app, COLOR)));
    app.apply(Action::NextMatch);
    assert_eq!(app.reader.doc, DocId(0), "wraps to the first mention");
    app.apply(Action::PrevMatch);
    assert_eq!(app.reader.doc, DocId(1));
}

#[test]
fn no_color_keeps_highlights_readable() {
    let mut app = app(120, 40);
    app.apply(Action::Focus(Focus::Sidebar));
    app.apply(Action::Enter);
    let t = draw(&app, Theme::new(false));
    let buf = t.backend().buffer();
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    assert!(
        buf.content()
            .iter()
            .any(|c| c.modifier.contains(Modifier::UNDERLINED))
    );
    assert!(
        buf.content()
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED))
    );
}

#[test]
fn search_shows_hits_and_a_counter() {
    let mut app = app(120, 40);
    app.apply(Action::StartSearch);
    for c in "wien".chars() {
        app.apply(Action::Input(c));
    }
    let s = screen(&draw(&app, COLOR));
    assert!(s.contains("/wien"));
    app.apply(Action::Submit);
    assert_eq!(app.reader.doc, DocId(1));
    let s = screen(&draw(&app, COLOR));
    assert!(s.contains("“wien” 1/2"), "{s}");
    app.apply(Action::NextMatch);
    assert!(screen(&draw(&app, COLOR)).contains("“wien” 2/2"));
}

#[test]
fn sidebar_filter_and_scope() {
    let mut app = app(120, 40);
    app.apply(Action::Focus(Focus::Sidebar));
    app.apply(Action::StartFilter);
    for c in "vere".chars() {
        app.apply(Action::Input(c));
    }
    let s = screen(&draw(&app, COLOR));
    assert!(
        s.contains("f:vere") && s.contains("Vereinte Nationen") && !s.contains("Anna Berger  ")
    );
    app.apply(Action::Escape);
    app.apply(Action::ToggleScope);
    let s = screen(&draw(&app, COLOR));
    assert!(
        s.contains("Wien"),
        "corpus scope lists entities of every article"
    );
}

#[test]
fn any_size_renders_without_panic() {
    for w in [0u16, 1, 2, 5, 10, 20, 39, 59, 60, 61, 99, 100, 101, 200] {
        for h in [0u16, 1, 2, 3, 5, 10, 24] {
            let mut app = app(w.max(1), h.max(1));
            for action in [
                Action::Resize(w, h),
                Action::ToggleHelp,
                Action::ToggleHelp,
                Action::FocusNext,
                Action::Down(3),
                Action::FocusNext,
                Action::Enter,
                Action::NextMatch,
                Action::Bottom,
            ] {
                app.apply(action);
                if w > 0 && h > 0 {
                    draw(&app, COLOR);
                }
            }
        }
    }
}

#[test]
fn mouse_clicks_focus_and_select() {
    let mut app = app(120, 40);
    let list = app.panes().list.unwrap();
    // Article 1's title takes two lines: article 2 starts on the third.
    app.apply(Action::Click {
        x: list.x + 3,
        y: list.y + 3,
    });
    assert_eq!(app.reader.doc, DocId(1));
    app.apply(Action::Click {
        x: list.x + 3,
        y: list.y + 2,
    });
    assert_eq!(app.reader.doc, DocId(0), "the second line of article 1");
    app.apply(Action::Click {
        x: list.x + 3,
        y: list.y + 3,
    });
    let side = app.panes().sidebar.unwrap();
    // Border, scope line, "People" heading, then the first entity.
    app.apply(Action::Click {
        x: side.x + 4,
        y: side.y + 3,
    });
    assert_eq!(app.focus, Focus::Sidebar);
    assert!(app.selected.is_some());
    let reader = app.panes().reader.unwrap();
    app.apply(Action::Wheel {
        x: reader.x + 5,
        y: reader.y + 5,
        lines: 3,
    });
    assert_eq!(app.focus, Focus::Sidebar, "the wheel does not steal focus");
}

const REPORT_L: &str = "Fähre vor Kreta gesunken\n\nVor der Küste Kretas ist am Dienstag eine Fähre gesunken. Nach Angaben der Küstenwache wurden rund 120 Passagiere gerettet. Die Reederei Anek sprach von einem Unglück.\n\nDer Kapitän Nikos Pappas wurde festgenommen.";
const REPORT_R: &str = "Schiffsunglück im Mittelmeer\n\nBei Kreta ist eine Fähre der Reederei Anek untergegangen. Die Küstenwache habe mindestens 150 Passagiere gerettet, hieß es am Mittwoch. Kapitän Nikos Pappas sei in Gewahrsam.";

fn compare_app(w: u16, h: u16) -> App {
    let corpus = Corpus::new(vec![
        Document::from_bytes("l".into(), "l.txt".into(), REPORT_L.as_bytes()),
        Document::from_bytes("r".into(), "r.txt".into(), REPORT_R.as_bytes()),
    ]);
    let index = IndexBuilder::over(&[REPORT_L, REPORT_R])
        .entity("Kreta", Kind::Place)
        .found(0, "Kreta", 0)
        .found(0, "Kretas", 0)
        .found(1, "Kreta", 0)
        .entity("Nikos Pappas", Kind::Person)
        .found(0, "Nikos Pappas", 0)
        .found(1, "Nikos Pappas", 0)
        .entity("Anek", Kind::Organization)
        .found(0, "Anek", 0)
        .found(1, "Anek", 0)
        .entity("Mittelmeer", Kind::Place)
        .found(1, "Mittelmeer", 0)
        .build();
    ready(corpus, index, w, h)
}

#[test]
fn compare_view_at_160x45_and_100x30() {
    for (w, h) in [(160u16, 45u16), (100, 30)] {
        let mut app = compare_app(w, h);
        app.apply(Action::Compare);
        let s = screen(&draw(&app, COLOR));
        assert!(s.contains("left: Fähre vor Kreta gesunken"), "{s}");
        assert!(s.contains("right: Schiffsunglück im Mittelmeer"));
        assert!(
            s.contains("In both (3)") && s.contains("Only right (1)"),
            "{s}"
        );
        assert!(
            s.contains("120 Passagiere") && s.contains("150 Passagiere"),
            "figures listed:\n{s}"
        );
        insta::assert_snapshot!(format!("compare_{w}x{h}"), s);
    }
}

#[test]
fn compare_jumps_in_both_panes_and_swaps() {
    let mut app = compare_app(160, 45);
    app.apply(Action::Compare);
    // The strip starts on the first shared entity; select it and jump.
    app.apply(Action::Enter);
    let v = app.compare.as_ref().unwrap();
    let id = v.selected.expect("an entity is selected");
    assert!(
        v.sides.iter().all(|s| s.cursor.is_some()),
        "both panes moved"
    );
    let name = app.index.entity(id).name.to_string();
    for s in &v.sides {
        let text = &app.corpus.doc(s.doc).text;
        assert!(text[s.cursor.clone().unwrap()].starts_with(&name[..4]));
    }
    let before: Vec<_> = v.sides.iter().map(|s| s.cursor.clone()).collect();
    app.apply(Action::NextMatch);
    let after: Vec<_> = app
        .compare
        .as_ref()
        .unwrap()
        .sides
        .iter()
        .map(|s| s.cursor.clone())
        .collect();
    assert_ne!(before, after, "n moved at least one pane");
    // Figures: Enter puts both cursors on the two figures.
    app.apply(Action::FocusNext);
    app.apply(Action::Enter);
    let v = app.compare.as_ref().unwrap();
    let l = &app.corpus.doc(v.sides[0].doc).text[v.sides[0].cursor.clone().unwrap()];
    let r = &app.corpus.doc(v.sides[1].doc).text[v.sides[1].cursor.clone().unwrap()];
    assert!(l.contains("120") && r.contains("150"), "{l} / {r}");
    app.apply(Action::Swap);
    let v = app.compare.as_ref().unwrap();
    assert_eq!((v.sides[0].doc, v.sides[1].doc), (DocId(1), DocId(0)));
    app.apply(Action::Escape);
    assert!(app.compare.is_none());
    assert_eq!(
        app.reader.doc,
        DocId(1),
        "back in the reader on the left report"
    );
}

#[test]
fn article_list_filters_fuzzily_and_marks_unread() {
    let mut app = app(120, 40);
    let s = screen(&draw(&app, COLOR));
    // The open article is read; the other one is not yet.
    assert!(s.contains("2•Nach dem Treffen"), "{s}");
    assert!(s.contains("1 Gipfel in Genf"), "{s}");
    app.apply(Action::Focus(Focus::List));
    app.apply(Action::StartFilter);
    for c in "reiste anna".chars() {
        app.apply(Action::Input(c));
    }
    let s = screen(&draw(&app, COLOR));
    assert!(
        s.contains("Articles 1 of 2") && s.contains("f:reiste anna"),
        "{s}"
    );
    // The long title on two lines, the match in view across them, its
    // characters underlined.
    assert!(
        s.contains("2•Nach dem Treffen reiste") && !s.contains("1 Gipfel in Genf"),
        "{s}"
    );
    let t = draw(&app, COLOR);
    let buf = t.backend().buffer();
    let find = |needle: &str| {
        (0..app.area.height)
            .find_map(|y| {
                let line: String = (0..app.area.width).map(|x| buf[(x, y)].symbol()).collect();
                line.find(needle)
                    .map(|b| (line[..b].chars().count() as u16, y))
            })
            .unwrap()
    };
    let (x, y) = find("Treffen reiste");
    let x = x + "Treffen ".len() as u16;
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    assert!(!buf[(x - 2, y)].modifier.contains(Modifier::UNDERLINED));
    let (x2, y2) = find("Anna Berger weiter");
    assert_eq!(y2, y + 1, "the second line of the row");
    assert!(buf[(x2, y2)].modifier.contains(Modifier::UNDERLINED));
    assert!(!buf[(x2 + 5, y2)].modifier.contains(Modifier::UNDERLINED));
    app.apply(Action::Submit);
    assert_eq!(app.reader.doc, DocId(1), "Enter opens the best match");
    app.apply(Action::Escape);
    assert_eq!(app.list_len(), 2, "Esc clears the filter");
}

#[test]
fn bookmarks_overlay_lists_and_deletes() {
    let mut app = app(100, 30);
    app.apply(Action::Focus(Focus::Reader));
    app.apply(Action::Bookmark);
    app.apply(Action::NextArticle);
    app.apply(Action::Bookmark);
    assert_eq!(app.memory.state.bookmarks.len(), 2);
    app.apply(Action::Bookmarks);
    let s = screen(&draw(&app, COLOR));
    assert!(s.contains("bookmarks · Enter go · d delete"), "{s}");
    assert!(
        s.contains("Gipfel in Genf") && s.contains("Nach dem Treffen"),
        "{s}"
    );
    insta::assert_snapshot!("bookmarks_100x30", s);
    app.apply(Action::Delete);
    assert_eq!(app.memory.state.bookmarks.len(), 1);
    app.apply(Action::Enter);
    assert_eq!(
        app.reader.doc,
        DocId(1),
        "Enter goes to the remaining bookmark"
    );
}

const DOC_K: &str = "Treffen in Pjöngjang\n\nKim Jong Un empfing am Montag den Gast aus Peking. Kim sprach lange über die Lage. Später sagte seine Schwester Kim Yo Jong, Kim habe recht. Kim Jong-un reist nicht.";

/// One article with two full names and a lone `Kim` that could be either:
/// an ambiguous entry, and a full name with a joined spelling.
fn kim_app(w: u16, h: u16) -> App {
    use dossier::entity::evidence::{Evidence, Rule};
    let corpus = Corpus::new(vec![Document::from_bytes(
        "k".into(),
        "k.txt".into(),
        DOC_K.as_bytes(),
    )]);
    let mut un = Entity::new(
        "Kim Jong Un",
        Kind::Person,
        vec!["Kim Jong Un".into(), "Kim Jong-un".into()],
    );
    un.evidence = vec![
        Evidence {
            alias: "Kim Jong Un".into(),
            rule: Rule::SameName,
            via: String::new(),
        },
        Evidence {
            alias: "Kim Jong-un".into(),
            rule: Rule::SameName,
            via: "Kim Jong Un".into(),
        },
    ];
    let mut kim = Entity::new("Kim", Kind::Person, vec!["Kim".into()]);
    kim.candidates = vec!["Kim Jong Un".into(), "Kim Yo Jong".into()];
    kim.evidence = vec![Evidence {
        alias: "Kim".into(),
        rule: Rule::Ambiguous,
        via: String::new(),
    }];
    let index = IndexBuilder::over(&[DOC_K])
        .with_entity(un)
        .found(0, "Kim Jong Un", 0)
        .found(0, "Kim Jong-un", 0)
        .entity("Kim Yo Jong", Kind::Person)
        .found(0, "Kim Yo Jong", 0)
        .with_entity(kim)
        .found(0, "Kim ", 1)
        .found(0, "Kim ", 3)
        .build();
    ready(corpus, index, w, h)
}

/// Move the sidebar's highlight to `id` with `g` and `j`.
fn highlight(app: &mut App, id: dossier::entity::EntityId) {
    app.apply(Action::Top);
    for _ in 0..20 {
        if app.sidebar.entity() == Some(id) {
            return;
        }
        app.apply(Action::Down(1));
    }
    panic!("{id:?} not in the sidebar");
}

#[test]
fn an_ambiguous_entry_and_the_why_overlay() {
    let mut app = kim_app(120, 40);
    app.apply(Action::Focus(Focus::Sidebar));
    let kim = app.index.find("Kim").unwrap();
    highlight(&mut app, kim);
    let t = draw(&app, COLOR);
    let s = screen(&t);
    // The entry is marked, and its details name the candidates.
    assert!(s.contains("Kim (?)"), "{s}");
    assert!(s.contains("── Kim (?) · person"), "{s}");
    assert!(s.contains("2 mentions · 1 article "), "{s}");
    assert!(s.contains("could be: Kim Jong Un "), "{s}");
    assert!(
        s.contains("│Kim Yo Jong "),
        "the second candidate on the next line: {s}"
    );
    assert!(s.contains("w why"), "{s}");
    insta::assert_snapshot!("ambiguous_sidebar_120x40", t.backend());

    // w: why it holds what it holds.
    app.apply(Action::Why);
    let t = draw(&app, COLOR);
    let s = screen(&t);
    assert!(
        s.contains("why: Kim (?) · person · 2 mentions in 1 article"),
        "{s}"
    );
    assert!(s.contains("could be one of"), "{s}");
    assert!(s.contains("• Kim Jong Un  2× in 1 article"), "{s}");
    assert!(s.contains("• Kim Yo Jong  1× in 1 article"), "{s}");
    assert!(s.contains("Kim  ambiguous short form"), "{s}");
    insta::assert_snapshot!("why_ambiguous_120x40", t.backend());
    app.apply(Action::Escape);
    assert!(!screen(&draw(&app, COLOR)).contains("why: Kim"));

    // The full name's spellings, with the rule and the name joined to.
    let un = app.index.find("Kim Jong Un").unwrap();
    highlight(&mut app, un);
    let s = screen(&draw(&app, COLOR));
    assert!(s.contains("also: Kim Jong-un"), "{s}");
    app.apply(Action::Why);
    let s = screen(&draw(&app, COLOR));
    assert!(s.contains("2 spellings, and what joined each:"), "{s}");
    assert!(s.contains("Kim Jong-un  same name → Kim Jong Un"), "{s}");

    // At 80×24 the overlay fits and still names the rule.
    let mut small = kim_app(80, 24);
    small.apply(Action::Focus(Focus::Sidebar));
    highlight(&mut small, kim);
    small.apply(Action::Why);
    let s = screen(&draw(&small, COLOR));
    assert!(
        s.contains("why: Kim (?)") && s.contains("ambiguous short form"),
        "{s}"
    );
}

#[test]
fn compare_picker_shows_what_is_typed_and_narrows() {
    let mut app = compare_app(120, 40);
    app.apply(Action::Compare);
    app.apply(Action::Pick);
    let s = screen(&draw(&app, COLOR));
    assert!(s.contains("type to filter"), "{s}");
    for c in "Schiffs".chars() {
        app.apply(Action::Input(c));
    }
    let s = screen(&draw(&app, COLOR));
    assert!(s.contains("compare with: Schiffs▏ (1)"), "{s}");
    assert!(s.contains("Schiffsunglück im Mittelmeer"), "{s}");
    app.apply(Action::Input('q'));
    app.apply(Action::Input('q'));
    let s = screen(&draw(&app, COLOR));
    assert!(s.contains("compare with: Schiffsqq▏ (0)"), "{s}");
}

#[test]
fn prompts_edit_in_place_and_keep_a_history() {
    use dossier::app::prompt::Edit;
    let mut app = app(120, 40);
    app.apply(Action::StartSearch);
    for c in "Wien".chars() {
        app.apply(Action::Input(c));
    }
    app.apply(Action::Submit);
    while app.busy() {
        app.search_more();
    }
    assert!(!app.search.hits.is_empty());
    // A new search: ↑ brings the last one back, with the cursor at its end.
    app.apply(Action::StartSearch);
    app.apply(Action::Up(1));
    let s = screen(&draw(&app, COLOR));
    assert!(s.contains("/Wien "), "{s}");
    // Move into the word, type, delete: the text changes where the cursor is.
    app.apply(Action::Edit(Edit::Home));
    app.apply(Action::Input('X'));
    app.apply(Action::Edit(Edit::Right));
    app.apply(Action::Edit(Edit::Delete));
    assert_eq!(app.search.query, "XWen");
    let t = draw(&app, COLOR);
    let buf = t.backend().buffer();
    let y = app.area.height - 1;
    // "/XWen": the cursor is on the 'e' (column 3), drawn reversed.
    assert_eq!(buf[(3, y)].symbol(), "e");
    assert!(buf[(3, y)].modifier.contains(Modifier::REVERSED));
    assert!(!buf[(2, y)].modifier.contains(Modifier::REVERSED));
    app.apply(Action::Edit(Edit::DeleteToStart));
    assert_eq!(app.search.query, "en");
    app.apply(Action::Escape);

    // The sidebar filter: word delete takes the last word only.
    app.apply(Action::Focus(Focus::Sidebar));
    app.apply(Action::StartFilter);
    for c in "anna berger".chars() {
        app.apply(Action::Input(c));
    }
    app.apply(Action::Edit(Edit::DeleteWord));
    assert_eq!(app.sidebar.filter, "anna ");
    let s = screen(&draw(&app, COLOR));
    assert!(s.contains("f:anna "), "{s}");
}
