//! State tests of the application layer: an [`App`] over a tiny hand-made
//! corpus and index (no recognition model, no terminal), driven by actions.

use super::compare::{Part, StripRow};
use super::*;
use crate::corpus::Document;
use crate::entity::Kind;
use crate::entity::fixture::{IndexBuilder, span_of};
use crate::ingest::Update;
use std::sync::Arc;

pub(crate) const A: &str =
    "Gipfel in Genf\n\nAnna Berger traf in Genf den Vertreter. Berger sagte, Genf sei schön.";
pub(crate) const B: &str =
    "Berger reist nach Wien\n\nAnna Berger reiste am Montag nach Wien. In Wien sprach sie lange.";
pub(crate) const C: &str = "Regen\n\nEs regnet in Wien.";

/// The three articles.
pub(crate) fn corpus() -> Corpus {
    Corpus::new(
        [("a", A), ("b", B), ("c", C)]
            .iter()
            .map(|(id, t)| {
                Document::from_bytes(id.to_string(), format!("{id}.txt").into(), t.as_bytes())
            })
            .collect(),
    )
}

/// Anna Berger (0), Genf (1), Wien (2).
pub(crate) fn index() -> EntityIndex {
    IndexBuilder::over(&[A, B, C])
        .entity("Anna Berger", Kind::Person)
        .found(0, "Anna Berger", 0)
        .found(0, "Berger", 1)
        .found(1, "Anna Berger", 0)
        .entity("Genf", Kind::Place)
        .found(0, "Genf", 1)
        .found(0, "Genf", 2)
        .entity("Wien", Kind::Place)
        .found(1, "Wien", 0)
        .found(1, "Wien", 1)
        .found(2, "Wien", 0)
        .build()
}

pub(super) const BERGER: EntityId = EntityId(0);
pub(super) const GENF: EntityId = EntityId(1);
pub(super) const WIEN: EntityId = EntityId(2);

/// The app at `w`×`h`, indexed.
pub(super) fn app_at(w: u16, h: u16) -> App {
    let mut app = App::new(corpus(), index(), Rect::new(0, 0, w, h));
    app.progress.done = true;
    app.refresh();
    app
}

fn app() -> App {
    app_at(120, 40)
}

#[test]
fn focus_cycles_through_the_panes_shown() {
    let mut app = app();
    assert_eq!(app.focus, Focus::List);
    for want in [Focus::Reader, Focus::Sidebar, Focus::List] {
        app.apply(Action::FocusNext);
        assert_eq!(app.focus, want);
    }
    app.apply(Action::FocusPrev);
    assert_eq!(app.focus, Focus::Sidebar);
    app.apply(Action::FocusLeft);
    assert_eq!(app.focus, Focus::Reader);
    app.apply(Action::ToggleSidebar);
    assert!(!app.sidebar.shown && app.panes().sidebar.is_none());
    app.apply(Action::FocusRight);
    assert_eq!(app.focus, Focus::Reader, "no sidebar to go to");
    app.apply(Action::FocusNext);
    assert_eq!(app.focus, Focus::List, "the hidden sidebar is skipped");
    app.apply(Action::Focus(Focus::Sidebar));
    assert_eq!(app.focus, Focus::List, "a hidden pane takes no focus");
    app.apply(Action::ToggleSidebar);
    assert_eq!(app.focus, Focus::Sidebar, "showing the sidebar focuses it");
}

#[test]
fn e_shows_the_sidebar_when_it_is_off_screen_and_hides_it_when_on() {
    // 80 columns: the sidebar is "shown" from the start but the list has the
    // left column; the first `e` must bring it on screen, not hide it.
    let mut app = app_at(80, 24);
    assert!(app.sidebar.shown && app.panes().sidebar.is_none());
    app.apply(Action::ToggleSidebar);
    assert!(
        app.panes().sidebar.is_some(),
        "the first e shows the sidebar"
    );
    assert_eq!(app.focus, Focus::Sidebar);
    app.apply(Action::ToggleSidebar);
    assert!(app.panes().sidebar.is_none() && !app.sidebar.shown);
    assert!(app.panes().list.is_some(), "the list takes the column back");
    assert_eq!(app.focus, Focus::Reader);
    app.apply(Action::ToggleSidebar);
    assert!(app.panes().sidebar.is_some() && app.focus == Focus::Sidebar);
    // Narrow: one pane at a time; e from the reader shows the sidebar.
    let mut app = app_at(50, 20);
    app.apply(Action::Focus(Focus::Reader));
    app.apply(Action::ToggleSidebar);
    assert!(app.panes().sidebar.is_some() && app.focus == Focus::Sidebar);
    app.apply(Action::ToggleSidebar);
    assert!(app.panes().reader.is_some() && app.panes().sidebar.is_none());
    // Wide: e hides and shows as before.
    let mut app = app_at(120, 40);
    app.apply(Action::ToggleSidebar);
    assert!(!app.sidebar.shown && app.panes().sidebar.is_none());
}

#[test]
fn moving_in_the_list_opens_articles_and_marks_them_read() {
    let mut app = app();
    assert!(app.is_read(DocId(0)) && !app.is_read(DocId(1)));
    app.apply(Action::Down(1));
    assert_eq!(app.reader.doc, DocId(1));
    assert!(app.is_read(DocId(1)));
    app.apply(Action::Bottom);
    assert_eq!(app.reader.doc, DocId(2));
    assert_eq!(app.list.selection.selected, 2);
    app.apply(Action::PrevArticle);
    assert_eq!(app.reader.doc, DocId(1));
    app.apply(Action::Top);
    assert_eq!(app.reader.doc, DocId(0));
}

#[test]
fn the_sidebar_follows_the_open_article_and_its_scope() {
    let mut app = app();
    let names = |app: &App| -> Vec<String> {
        app.sidebar
            .rows
            .iter()
            .filter_map(|r| match r {
                sidebar::Row::Entity { id, .. } => Some(app.index.entity(*id).name.to_string()),
                sidebar::Row::Header(..) => None,
            })
            .collect()
    };
    assert_eq!(names(&app), ["Anna Berger", "Genf"]);
    app.apply(Action::NextArticle);
    assert_eq!(names(&app), ["Anna Berger", "Wien"]);
    app.apply(Action::ToggleScope);
    assert_eq!(app.sidebar.scope, Scope::Corpus);
    assert_eq!(names(&app), ["Anna Berger", "Wien", "Genf"]);
    app.apply(Action::Focus(Focus::Sidebar));
    app.apply(Action::Down(1));
    assert_eq!(app.sidebar.entity(), Some(WIEN), "over the Places heading");
    app.apply(Action::Enter);
    assert_eq!(app.selected, Some(WIEN));
    assert_eq!(
        app.sidebar.overview.as_ref().map(|o| o.spread.len()),
        Some(2)
    );
}

#[test]
fn n_walks_the_selected_entity_across_articles_and_back() {
    let mut app = app();
    app.apply(Action::NextMatch);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("select an entity")
    );
    app.select_entity(BERGER);
    let at = |app: &App| (app.reader.doc, app.reader.cursor.clone().unwrap().range);
    assert_eq!(at(&app), (DocId(0), span_of(A, "Anna Berger", 0)));
    assert_eq!(app.mention_ordinal(), Some((1, 3)));
    app.apply(Action::NextMatch);
    assert_eq!(at(&app), (DocId(0), span_of(A, "Berger", 1)));
    app.apply(Action::NextMatch);
    assert_eq!(at(&app), (DocId(1), span_of(B, "Anna Berger", 0)));
    assert_eq!(app.mention_ordinal(), Some((3, 3)));
    app.apply(Action::NextMatch);
    assert_eq!(app.reader.doc, DocId(0), "round to the first");
    app.apply(Action::PrevMatch);
    assert_eq!(app.reader.doc, DocId(1));
    assert_eq!(
        app.message.as_deref(),
        Some(update::WRAPPED_TO_BOTTOM),
        "round to the last"
    );
}

#[test]
fn n_and_shift_n_say_when_they_go_round_the_end() {
    let mut app = app();
    app.select_entity(BERGER);
    let said = |app: &App| app.message.clone();
    // Mentions: the first, the second, the last (in article b), round.
    app.apply(Action::NextMatch);
    assert_eq!(said(&app), None, "no wrap, no message");
    app.apply(Action::NextMatch);
    assert_eq!((app.reader.doc, said(&app)), (DocId(1), None));
    app.apply(Action::NextMatch);
    assert_eq!(app.reader.doc, DocId(0));
    assert_eq!(
        said(&app).as_deref(),
        Some("search hit BOTTOM, continuing at TOP")
    );
    app.apply(Action::PrevMatch);
    assert_eq!(app.reader.doc, DocId(1));
    assert_eq!(
        said(&app).as_deref(),
        Some("search hit TOP, continuing at BOTTOM")
    );
    app.apply(Action::PrevMatch);
    assert_eq!(said(&app), None, "back one without wrapping");
    // Search hits: four of “wien”, starting at the first.
    app.search.query = "wien".into();
    app.run_search();
    while app.busy() {
        app.search_more();
    }
    assert_eq!(app.search.current, Some(0));
    app.apply(Action::PrevMatch);
    assert_eq!(app.search.current, Some(3));
    assert_eq!(said(&app).as_deref(), Some(update::WRAPPED_TO_BOTTOM));
    for _ in 0..3 {
        app.apply(Action::PrevMatch);
        assert_eq!(said(&app), None);
    }
    assert_eq!(app.search.current, Some(0));
    for _ in 0..3 {
        app.apply(Action::NextMatch);
        assert_eq!(said(&app), None);
    }
    app.apply(Action::NextMatch);
    assert_eq!(app.search.current, Some(0));
    assert_eq!(said(&app).as_deref(), Some(update::WRAPPED_TO_TOP));
}

#[test]
fn a_search_walks_hits_and_escape_unwinds_one_thing_at_a_time() {
    let mut app = app();
    app.apply(Action::StartSearch);
    assert_eq!(app.mode, Mode::Search);
    for c in "wien".chars() {
        app.apply(Action::Input(c));
    }
    app.apply(Action::Backspace);
    app.apply(Action::Input('n'));
    app.apply(Action::Submit);
    assert_eq!((app.mode, app.walk), (Mode::Normal, Walk::Hits));
    assert!(!app.busy(), "a tiny corpus is searched in one slice");
    assert_eq!(
        app.search.hits.len(),
        4,
        "a title, twice in the text, once more"
    );
    assert_eq!((app.reader.doc, app.search.current), (DocId(1), Some(0)));
    for _ in 0..3 {
        app.apply(Action::NextMatch);
    }
    assert_eq!((app.reader.doc, app.search.current), (DocId(2), Some(3)));
    app.apply(Action::NextMatch);
    assert_eq!(
        (app.reader.doc, app.search.current),
        (DocId(1), Some(0)),
        "round"
    );
    // Escape: the search, then the selection, the sidebar filter, the list filter.
    app.selected = Some(GENF);
    app.sidebar.filter = "g".into();
    app.list.filter = "r".into();
    app.apply(Action::Escape);
    assert_eq!(app.walk, Walk::Mentions);
    assert!(app.search.hits.is_empty() && app.reader.cursor.is_none());
    assert_eq!(app.selected, Some(GENF));
    app.apply(Action::Escape);
    assert_eq!(app.selected, None);
    app.apply(Action::Escape);
    assert!(app.sidebar.filter.is_empty() && !app.list.filter.is_empty());
    app.apply(Action::Escape);
    assert!(app.list.filter.is_empty());
    // A search with no match says so.
    app.search.query = "zürich".into();
    app.run_search();
    while app.busy() {
        app.search_more();
    }
    assert_eq!(app.walk, Walk::Mentions);
    assert_eq!(app.message.as_deref(), Some("no match for “zürich”"));
}

#[test]
fn the_filter_prompt_types_into_the_focused_list() {
    let mut app = app();
    app.apply(Action::StartFilter);
    assert_eq!((app.mode, app.filter_target), (Mode::Filter, Focus::List));
    assert!(app.list_filter_shown());
    for c in "regen".chars() {
        app.apply(Action::Input(c));
    }
    assert_eq!(app.list_len(), 1);
    app.apply(Action::Submit);
    assert_eq!(app.reader.doc, DocId(2), "Enter opens the match");
    app.apply(Action::Focus(Focus::Reader));
    app.apply(Action::StartFilter);
    assert_eq!(app.filter_target, Focus::Sidebar);
    assert_eq!(app.focus, Focus::Sidebar, "the filter focuses the sidebar");
    for c in "gen".chars() {
        app.apply(Action::Input(c));
    }
    assert!(app.sidebar.widened, "Genf is not in this article");
    app.apply(Action::Submit);
    assert_eq!(app.selected, Some(GENF));
    assert_eq!(app.reader.doc, DocId(0), "gone to its first mention");
    app.apply(Action::StartFilter);
    app.apply(Action::Input('x'));
    app.apply(Action::Escape);
    assert!(app.sidebar.filter.is_empty() && app.mode == Mode::Normal);
}

#[test]
fn help_returns_to_where_it_was_opened() {
    let mut app = app_at(60, 20);
    app.apply(Action::ToggleHelp);
    assert_eq!(app.mode, Mode::Help);
    app.apply(Action::Down(2));
    assert_eq!(app.help.scroll, 2);
    assert_eq!(app.list.selection.selected, 0, "the list behind stays put");
    app.apply(Action::ToggleHelp);
    assert_eq!(app.mode, Mode::Normal);
    app.apply(Action::Compare);
    app.apply(Action::ToggleHelp);
    assert_eq!((app.mode, app.help.scroll), (Mode::Help, 0));
    app.apply(Action::Click { x: 1, y: 1 });
    assert_eq!(
        app.mode,
        Mode::Compare,
        "a click closes it, back to compare"
    );
}

#[test]
fn bookmarks_are_set_listed_visited_and_deleted() {
    let mut app = app_at(100, 30);
    app.apply(Action::Bookmarks);
    assert_eq!(app.mode, Mode::Normal, "nothing to list");
    app.apply(Action::Bookmark);
    app.apply(Action::NextArticle);
    app.apply(Action::Bookmark);
    assert_eq!(app.memory.state.bookmarks.len(), 2);
    assert_eq!(app.message.as_deref(), Some("bookmark set (B lists them)"));
    app.apply(Action::Bookmarks);
    assert_eq!(app.mode, Mode::Bookmarks);
    app.apply(Action::Down(5));
    assert_eq!(app.bookmarks.selected, 1, "within the list");
    app.apply(Action::Up(1));
    app.apply(Action::Enter);
    assert_eq!((app.mode, app.reader.doc), (Mode::Normal, DocId(0)));
    app.apply(Action::Bookmarks);
    app.apply(Action::Delete);
    app.apply(Action::Delete);
    assert!(app.memory.state.bookmarks.is_empty());
    assert_eq!(app.mode, Mode::Normal, "the empty list closes");
}

#[test]
fn positions_are_remembered_per_article() {
    let long: String = (0..80).map(|i| format!("Zeile {i}.\n\n")).collect();
    let corpus = Corpus::new(vec![
        Document::from_bytes(
            "x".into(),
            "x.txt".into(),
            format!("Lang\n\n{long}").as_bytes(),
        ),
        Document::from_bytes("y".into(), "y.txt".into(), b"Kurz\n\nText."),
    ]);
    let mut app = App::new(corpus, EntityIndex::default(), Rect::new(0, 0, 120, 40));
    app.apply(Action::Focus(Focus::Reader));
    app.apply(Action::Down(10));
    let top = app.reader.top();
    app.apply(Action::NextArticle);
    assert_eq!(app.memory.state.positions.get("x"), Some(&top));
    app.apply(Action::PrevArticle);
    assert_eq!(app.reader.scroll, 0, "reopening starts at the top");
    app.save_state();
    assert_eq!(app.memory.state.last_doc.as_deref(), Some("x"));
    assert!(!app.memory.state.positions.contains_key("x"), "at the top");
}

#[test]
fn updates_fill_the_app_as_they_come() {
    let mut app = App::new(
        Corpus::default(),
        EntityIndex::default(),
        Rect::new(0, 0, 120, 40),
    );
    assert!(app.progress_line().unwrap().starts_with("loading 0/0"));
    app.on_update(Update::Found(3));
    let docs: Vec<Arc<Document>> = corpus().docs().to_vec();
    app.on_update(Update::Documents(docs[..2].to_vec()));
    assert_eq!((app.corpus.len(), app.reader.doc), (2, DocId(0)));
    assert!(app.reader.is_wrapped(), "the first article is open at once");
    assert_eq!(
        app.progress_line().as_deref(),
        Some("loading 2/3 articles…")
    );
    // A cold open analyses the first articles while it reads the rest.
    app.on_update(Update::Analysed(1));
    assert_eq!(
        app.progress_line().as_deref(),
        Some("loading 2/3 articles, 1 indexed…")
    );
    app.on_update(Update::Documents(docs[2..].to_vec()));
    app.on_update(Update::Problems(vec!["bad.txt: empty".into()]));
    app.on_update(Update::Analysed(3));
    assert!(app.progress_line().unwrap().starts_with("indexing 3/3"));
    assert!(app.sidebar.rows.is_empty());
    app.on_update(Update::Indexed(index(), None));
    assert!(app.progress.done && app.progress_line().is_none());
    assert_eq!(app.sidebar.entity(), Some(BERGER));
    assert_eq!(app.problems.len(), 1);
    assert!(app.corrector.analyses.is_none());
    app.on_update(Update::Analyses(crate::ingest::analyses::Analyses::ready(
        Arc::new(Vec::new()),
    )));
    assert!(app.corrector.analyses.is_some());
}

#[test]
fn corrections_wait_for_the_analyses() {
    let mut app = app();
    app.selected = Some(GENF);
    app.apply(Action::Merge);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.message.as_deref(), Some("wait until indexing is done"));
    app.corrector.analyses = Some(crate::ingest::analyses::Analyses::ready(Arc::new(
        Vec::new(),
    )));
    app.apply(Action::Merge);
    assert_eq!(app.mode, Mode::Merge);
    assert_eq!(app.corrector.merging, Some(GENF));
    assert_eq!(
        (app.focus, app.sidebar.scope),
        (Focus::Sidebar, Scope::Corpus)
    );
    app.apply(Action::Escape);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.corrector.merging, None);
}

#[test]
fn the_compare_view_steps_both_panes_and_cycles_its_parts() {
    let mut app = app();
    app.apply(Action::Compare);
    assert_eq!(app.mode, Mode::Compare);
    let v = app.compare.as_ref().unwrap();
    assert_eq!(v.docs().0, DocId(0));
    assert_eq!(v.docs().1, DocId(1), "the most similar report");
    assert_eq!(v.strip_rows[0], StripRow::Header(compare::Group::Shared, 1));
    assert_eq!(v.strip.selected, 1, "on the first shared entity");
    app.apply(Action::NextMatch);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("select an entity")
    );
    app.apply(Action::Enter);
    let v = app.compare.as_ref().unwrap();
    assert_eq!(v.selected, Some(BERGER));
    assert_eq!(v.sides[0].cursor, Some(span_of(A, "Anna Berger", 0)));
    assert_eq!(v.sides[1].cursor, Some(span_of(B, "Anna Berger", 0)));
    app.apply(Action::NextMatch);
    let v = app.compare.as_ref().unwrap();
    assert_eq!(v.sides[0].cursor, Some(span_of(A, "Berger", 1)));
    assert_eq!(
        v.sides[1].cursor,
        Some(span_of(B, "Anna Berger", 0)),
        "only one"
    );
    // Down skips the "Only left" heading.
    app.apply(Action::Down(1));
    let v = app.compare.as_ref().unwrap();
    assert!(matches!(
        v.strip_rows[v.strip.selected],
        StripRow::Entity(compare::Group::OnlyLeft, _)
    ));
    for want in [Part::Figures, Part::Left, Part::Right, Part::Entities] {
        app.apply(Action::FocusNext);
        assert_eq!(app.compare.as_ref().unwrap().part, want);
    }
    app.apply(Action::ToggleLock);
    assert_eq!(app.message.as_deref(), Some("scrolling locked"));
    app.apply(Action::Swap);
    assert_eq!(app.compare.as_ref().unwrap().docs(), (DocId(1), DocId(0)));
    assert_eq!(app.compare.as_ref().unwrap().selected, Some(BERGER), "kept");
    app.apply(Action::Escape);
    assert!(app.compare.is_none());
    assert_eq!((app.mode, app.reader.doc), (Mode::Normal, DocId(1)));
    assert_eq!(app.selected, Some(BERGER), "the selection comes back");
}

#[test]
fn the_picker_filters_as_you_type_and_picks_the_match() {
    let mut app = app();
    app.apply(Action::NextArticle);
    app.apply(Action::Compare);
    app.apply(Action::Pick);
    let picker = |app: &App| app.compare.as_ref().unwrap().picker.clone().unwrap();
    let all = picker(&app).ranked;
    assert_eq!(all.len(), 2);
    // Keys in the picker type: `j` and `p` are letters of the filter.
    let keymap = crate::app::keymap::Keymap::default();
    let press = |c: char| {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        keymap.action(
            Mode::Picker,
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        )
    };
    assert_eq!(press('j'), Some(Action::Input('j')));
    assert_eq!(press('p'), Some(Action::Input('p')));
    // Type the other report's title until only it is left.
    let want = all[1].0;
    let title = app.corpus.doc(want).title.clone();
    for c in title.chars().take(12) {
        app.apply(Action::Input(c));
    }
    let p = picker(&app);
    assert_eq!(p.query, title.chars().take(12).collect::<String>());
    assert_eq!(p.ranked.first().map(|r| r.0), Some(want), "{p:?}");
    app.apply(Action::Backspace);
    assert_eq!(picker(&app).query.chars().count(), 11);
    app.apply(Action::Submit);
    assert_eq!(app.mode, Mode::Compare);
    assert_eq!(app.compare.as_ref().unwrap().docs().1, want);
}

#[test]
fn the_picker_chooses_the_other_report() {
    let mut app = app();
    app.apply(Action::NextArticle);
    app.apply(Action::Compare);
    let right = app.compare.as_ref().unwrap().docs().1;
    app.apply(Action::Pick);
    assert_eq!(app.mode, Mode::Picker);
    let p = app.compare.as_ref().unwrap().picker.clone().unwrap();
    let mut others: Vec<DocId> = p.ranked.iter().map(|(d, _)| *d).collect();
    others.sort();
    assert_eq!(
        others,
        [DocId(0), DocId(2)],
        "the reports sharing entities with it"
    );
    assert_eq!(
        p.ranked[p.selection.selected].0, right,
        "on the current one"
    );
    app.apply(Action::Down(1));
    app.apply(Action::Enter);
    assert_eq!(app.mode, Mode::Compare);
    let v = app.compare.as_ref().unwrap();
    assert!(v.picker.is_none());
    assert_eq!(v.docs(), (DocId(1), p.ranked[1].0));
    assert_ne!(v.docs().1, right, "the other one");
    app.apply(Action::Pick);
    app.apply(Action::Escape);
    assert_eq!(app.mode, Mode::Compare, "Esc closes only the picker");
    let mut one = App::new(
        Corpus::new(vec![Document::from_bytes(
            "a".into(),
            "a.txt".into(),
            A.as_bytes(),
        )]),
        index(),
        Rect::new(0, 0, 120, 40),
    );
    one.apply(Action::Compare);
    assert_eq!(one.mode, Mode::Normal);
    assert_eq!(
        one.message.as_deref(),
        Some("comparing needs at least two articles")
    );
}

#[test]
fn ctrl_o_goes_back_over_jumps_and_ctrl_n_forward_again() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = app();
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let tab = KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(
        app.keymap.action(Mode::Normal, ctrl('o')),
        Some(Action::JumpBack)
    );
    assert_eq!(
        app.keymap.action(Mode::Normal, ctrl('n')),
        Some(Action::JumpForward)
    );
    assert_eq!(
        app.keymap.action(Mode::Normal, tab),
        Some(Action::FocusNext),
        "Ctrl-i arrives as Tab, which keeps focusing"
    );
    let at = |app: &App| (app.reader.doc, app.reader.cursor.clone().map(|c| c.range));
    // `]` is no jump.
    app.apply(Action::NextArticle);
    app.apply(Action::NextArticle);
    assert_eq!(app.reader.doc, DocId(2));
    assert_eq!(app.jumps.counts(), (0, 0), "article moves are no jumps");
    app.apply(Action::JumpBack);
    assert_eq!(app.message.as_deref(), Some("no earlier jump"));
    assert_eq!(app.reader.doc, DocId(2));
    // Enter on Genf (in the corpus-wide sidebar) jumps to article a.
    app.apply(Action::ToggleScope);
    app.apply(Action::Focus(Focus::Sidebar));
    for _ in 0..10 {
        if app.sidebar.entity() == Some(GENF) {
            break;
        }
        app.apply(Action::Down(1));
    }
    app.apply(Action::Enter);
    assert_eq!(app.selected, Some(GENF));
    let genf = (DocId(0), Some(span_of(A, "Genf", 1)));
    assert_eq!(at(&app), genf);
    assert_eq!(app.jumps.counts(), (1, 0));
    // Berger: the first mention is here, the second too (no jumps), the
    // third in article b (a jump).
    app.select_entity(BERGER);
    app.apply(Action::NextMatch);
    let second = (DocId(0), Some(span_of(A, "Berger", 1)));
    assert_eq!(at(&app), second);
    assert_eq!(app.jumps.counts(), (1, 0), "n within the article");
    app.apply(Action::NextMatch);
    let third = (DocId(1), Some(span_of(B, "Anna Berger", 0)));
    assert_eq!(at(&app), third);
    assert_eq!(app.jumps.counts(), (2, 0));
    // Back: where n left article a, then where Enter left article c.
    app.apply(Action::JumpBack);
    assert_eq!(at(&app), second);
    app.apply(Action::JumpBack);
    assert_eq!(at(&app), (DocId(2), None));
    assert_eq!(app.reader.scroll, 0);
    app.apply(Action::JumpBack);
    assert_eq!(app.message.as_deref(), Some("no earlier jump"));
    assert_eq!(at(&app), (DocId(2), None));
    // Forward again.
    app.apply(Action::JumpForward);
    assert_eq!(at(&app), second);
    app.apply(Action::JumpForward);
    assert_eq!(at(&app), third);
    app.apply(Action::JumpForward);
    assert_eq!(app.message.as_deref(), Some("no later jump"));
    assert_eq!(at(&app), third);
}

#[test]
fn a_word_index_narrows_searches_down_and_they_find_the_same_hits() {
    let corpus = || {
        Corpus::new(
            (0..40)
                .map(|i| {
                    let rest = if i % 13 == 0 {
                        "Ein Treffen in Genf, Schweiz."
                    } else {
                        "Nichts weiter aus der Straße."
                    };
                    let text = format!("Bericht {i}\n\nHeute in Wien. {rest}");
                    Document::from_bytes(
                        format!("d{i}"),
                        format!("d{i}.txt").into(),
                        text.as_bytes(),
                    )
                })
                .collect(),
        )
    };
    let area = Rect::new(0, 0, 120, 40);
    let mut with = App::new(corpus(), EntityIndex::default(), area);
    let mut without = App::new(corpus(), EntityIndex::default(), area);
    let built = crate::search::words::build(with.corpus.docs()).unwrap();
    let bytes = crate::search::word_file::encode(&built, 1);
    let words = crate::search::word_file::from_bytes(&bytes, 1, 40).unwrap();
    with.on_update(Update::Words(words));
    let plan = with.searcher.plan("GENF").unwrap();
    let narrowed: Vec<usize> = plan.docs.unwrap().iter().map(|d| d.index()).collect();
    assert_eq!(narrowed, [0, 13, 26, 39], "only the articles with the word");
    assert_eq!(without.searcher.plan("genf").unwrap().docs, None);
    for q in [
        "genf",
        "Treffen in Genf",
        "wien",
        "strasse",
        "zürich",
        "Bericht 3",
        ".",
    ] {
        for app in [&mut with, &mut without] {
            app.search.query = q.into();
            app.run_search();
            while app.busy() {
                app.search_more();
            }
        }
        assert_eq!(with.search.hits, without.search.hits, "{q}");
        assert_eq!(with.message, without.message, "{q}");
    }
}
