//! State tests of the reading workflow (issue 16): where list cursors land
//! when a list changes, the article list limited to an entity's articles,
//! `}` / `{`, read marks, and resizing panes. Same tiny corpus as
//! [`super::tests`]: a "Gipfel in Genf", b "Berger reist nach Wien",
//! c "Regen"; Anna Berger (0) in a and b, Genf (1) in a, Wien (2) in b, c.

use super::tests::{BERGER, GENF, WIEN, app_at};
use super::update::{WRAPPED_TO_BOTTOM, WRAPPED_TO_TOP};
use super::*;

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.apply(Action::Input(c));
    }
}

#[test]
fn a_filtered_enter_opens_the_best_match_and_esc_returns_to_the_open_article() {
    let mut app = app_at(120, 40);
    app.apply(Action::Bottom);
    assert_eq!(app.reader.doc, DocId(2));
    // "rgn" matches b ("Berger reist nach Wien") and c ("Regen"), both
    // fuzzily, in corpus order: b first. The open article c matches too,
    // but the cursor goes to the best match, which Enter opens.
    app.apply(Action::StartFilter);
    typed(&mut app, "rgn");
    assert_eq!(app.list.rows.clone().unwrap(), [DocId(1), DocId(2)]);
    assert_eq!(app.list.selection.selected, 0, "on the best match");
    app.apply(Action::Submit);
    assert_eq!(app.reader.doc, DocId(1), "Enter opened the top match");
    assert_eq!(app.list_doc(app.list.selection.selected), Some(DocId(1)));
    // Esc clears the filter: the cursor is on the open article, in view.
    app.apply(Action::Escape);
    assert!(app.list.rows.is_none());
    assert_eq!(app.list.selection.selected, 1);
    app.apply(Action::Down(1));
    assert_eq!(app.reader.doc, DocId(2), "j goes on from the open article");
    // Esc while typing: back to the open article as well.
    app.apply(Action::StartFilter);
    typed(&mut app, "gipfel");
    assert_eq!(app.list_doc(app.list.selection.selected), Some(DocId(0)));
    app.apply(Action::Escape);
    assert_eq!(app.list.selection.selected, 2);
    assert_eq!(app.reader.doc, DocId(2));
}

#[test]
fn the_list_brings_a_far_selection_a_third_down_not_to_the_edge() {
    let mut list = ArticleList::default();
    list.selection.selected = 50;
    list.reveal(100, 30);
    assert_eq!(list.selection.offset, 40, "a third of 30 rows above it");
    list.selection.selected = 45;
    list.reveal(100, 30);
    assert_eq!(list.selection.offset, 40, "already in view: the view stays");
    list.selection.selected = 99;
    list.reveal(100, 30);
    assert_eq!(list.selection.offset, 70, "never past the end");
}

#[test]
fn the_scope_toggle_keeps_the_highlighted_entity_in_view_with_its_heading() {
    // A short terminal: the sidebar shows few rows.
    let mut app = app_at(120, 7);
    app.apply(Action::Focus(Focus::Sidebar));
    app.apply(Action::Down(1));
    assert_eq!(app.sidebar.entity(), Some(GENF));
    let height = app.pane_height(Focus::Sidebar);
    for scope in [Scope::Corpus, Scope::Article, Scope::Corpus] {
        app.apply(Action::ToggleScope);
        assert_eq!(app.sidebar.scope, scope);
        assert_eq!(app.sidebar.entity(), Some(GENF), "{scope:?}");
        let s = app.sidebar.selection;
        assert!(s.selected >= s.offset && s.selected < s.offset + height);
        let heading = app.sidebar.rows[..s.selected]
            .iter()
            .rposition(|r| matches!(r, sidebar::Row::Header(..)))
            .unwrap();
        if s.selected - heading < height {
            assert!(heading >= s.offset, "{scope:?}: the Places heading shows");
        }
    }
    // Back in this article's scope, an entity only the corpus lists gives
    // way to the first entity, not to an arbitrary row.
    app.apply(Action::NextArticle);
    app.apply(Action::Focus(Focus::Sidebar));
    app.apply(Action::Bottom);
    assert_eq!(app.sidebar.entity(), Some(GENF), "corpus scope: Genf last");
    app.apply(Action::ToggleScope);
    assert_eq!(app.sidebar.entity(), Some(BERGER));
}

#[test]
fn the_list_limited_to_an_entity_and_lifted_again() {
    let mut app = app_at(120, 40);
    app.apply(Action::ToggleLimit);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("select an entity")
    );
    assert!(app.list.limit.is_none());
    app.select_entity(WIEN);
    assert_eq!(app.reader.doc, DocId(1));
    app.apply(Action::ToggleLimit);
    assert_eq!(app.list_len(), 2);
    assert_eq!(app.list.rows.clone().unwrap(), [DocId(1), DocId(2)]);
    assert_eq!(app.list.limit.as_ref().unwrap().label, "Wien");
    assert_eq!(app.list_doc(app.list.selection.selected), Some(DocId(1)));
    // j / k move within the limit.
    app.apply(Action::Focus(Focus::List));
    app.apply(Action::Down(1));
    assert_eq!(app.reader.doc, DocId(2));
    app.apply(Action::Down(1));
    assert_eq!(app.reader.doc, DocId(2), "the limit's last article");
    // The title filter filters within the limit.
    app.apply(Action::StartFilter);
    typed(&mut app, "regen");
    assert_eq!(app.list.rows.clone().unwrap(), [DocId(2)]);
    typed(&mut app, "x");
    assert_eq!(app.list_len(), 0);
    app.apply(Action::Escape);
    assert_eq!(app.list_len(), 2, "the filter went, the limit stays");
    // Esc clears the selection first, then the limit.
    app.apply(Action::Escape);
    assert!(app.selected.is_none() && app.list.limit.is_some());
    app.apply(Action::Escape);
    assert!(app.list.limit.is_none() && app.list.rows.is_none());
    assert_eq!(app.list_doc(app.list.selection.selected), Some(DocId(2)));
    // F limits to the search's articles while n walks hits, and lifts.
    app.search.query = "genf".into();
    app.run_search();
    while app.busy() {
        app.search_more();
    }
    app.apply(Action::ToggleLimit);
    assert_eq!(app.list.rows.clone().unwrap(), [DocId(0)]);
    assert_eq!(app.list.limit.as_ref().unwrap().label, "“genf”");
    app.apply(Action::ToggleLimit);
    assert!(app.list.limit.is_none());
}

#[test]
fn braces_go_to_the_next_article_with_a_mention_at_its_first_one() {
    let mut app = app_at(120, 40);
    app.apply(Action::NextMentioned);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("select an entity")
    );
    // From the sidebar's highlighted entity, as n does.
    app.apply(Action::Focus(Focus::Sidebar));
    assert_eq!(app.sidebar.entity(), Some(BERGER));
    app.apply(Action::NextMentioned);
    assert_eq!(app.selected, Some(BERGER));
    let at = |app: &App| (app.reader.doc, app.reader.cursor.clone().map(|c| c.range));
    let b = crate::app::tests::B;
    let first_in = |text: &str, needle: &str| {
        let s = text.find(needle).unwrap();
        Some(s..s + needle.len())
    };
    assert_eq!(at(&app), (DocId(1), first_in(b, "Anna Berger")));
    assert!(app.is_read(DocId(1)), "}} opens the article: read");
    app.apply(Action::NextMentioned);
    assert_eq!(app.reader.doc, DocId(0), "round the end");
    assert_eq!(app.message.as_deref(), Some(WRAPPED_TO_TOP));
    app.apply(Action::PrevMentioned);
    assert_eq!(app.reader.doc, DocId(1));
    assert_eq!(app.message.as_deref(), Some(WRAPPED_TO_BOTTOM));
    // Wien: b then c, one press each (n takes two in b).
    app.select_entity(WIEN);
    app.apply(Action::NextMentioned);
    assert_eq!(app.reader.doc, DocId(2));
    assert_eq!(app.message, None);
    app.apply(Action::PrevMentioned);
    assert_eq!(at(&app), (DocId(1), first_in(b, "Wien")));
    // An entity of one article only: nowhere else to go.
    app.select_entity(GENF);
    app.apply(Action::NextMentioned);
    assert_eq!(app.reader.doc, DocId(0));
    app.apply(Action::NextMentioned);
    assert_eq!(app.message.as_deref(), Some("no other article"));
}

#[test]
fn n_passing_through_an_article_does_not_mark_it_read() {
    let mut app = app_at(120, 40);
    assert!(app.is_read(DocId(0)) && !app.is_read(DocId(1)));
    app.select_entity(WIEN);
    assert_eq!(app.reader.doc, DocId(1));
    assert!(!app.is_read(DocId(1)), "Enter on an entity passes through");
    app.apply(Action::NextMatch);
    app.apply(Action::NextMatch);
    assert_eq!(app.reader.doc, DocId(2));
    assert!(!app.is_read(DocId(2)), "n passes through");
    // Going back over the jumps does not mark either.
    app.apply(Action::JumpBack);
    assert!(!app.is_read(DocId(1)));
    // Opening it does: in the list, or with ] [.
    app.apply(Action::NextArticle);
    assert!(app.is_read(DocId(2)));
    app.apply(Action::Focus(Focus::List));
    app.apply(Action::Up(1));
    assert!(app.is_read(DocId(1)));
}

#[test]
fn quote_quote_goes_back_to_where_the_last_jump_left_and_back_again() {
    use crate::entity::fixture::span_of;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = app_at(120, 40);
    let quote = KeyEvent::new(KeyCode::Char('\''), KeyModifiers::NONE);
    assert_eq!(
        app.keymap.action(Mode::Normal, quote),
        Some(Action::JumpLast)
    );
    let at = |app: &App| (app.reader.doc, app.reader.cursor.clone().map(|c| c.range));
    // Jumps: Enter on Wien (a → b), n within b (no jump), n into c.
    app.select_entity(WIEN);
    app.apply(Action::NextMatch);
    let in_b = (DocId(1), Some(span_of(super::tests::B, "Wien", 1)));
    assert_eq!(at(&app), in_b);
    app.apply(Action::NextMatch);
    let in_c = (DocId(2), Some(span_of(super::tests::C, "Wien", 0)));
    assert_eq!(at(&app), in_c);
    // One ' does nothing yet; the second goes where the jump into c left.
    app.apply(Action::JumpLast);
    assert_eq!(at(&app), in_c);
    app.apply(Action::JumpLast);
    assert_eq!(at(&app), in_b);
    // '' again: back to c, and again to b (vim toggles the two places).
    app.apply(Action::JumpLast);
    app.apply(Action::JumpLast);
    assert_eq!(at(&app), in_c);
    app.apply(Action::JumpLast);
    app.apply(Action::JumpLast);
    assert_eq!(at(&app), in_b);
    // Another key between the two ' forgets the first.
    app.apply(Action::Focus(Focus::Reader));
    app.apply(Action::JumpLast);
    app.apply(Action::Down(1));
    app.apply(Action::JumpLast);
    assert_eq!(app.reader.doc, DocId(1), "no jump");
    assert!(app.quote_typed, "the second ' starts a new pair");
    app.apply(Action::Escape);
    assert!(!app.quote_typed);
    // '' is a jump itself: Ctrl-o goes back to where it left (c), then on
    // to the older place, article a, where Enter left it.
    app.apply(Action::JumpBack);
    assert_eq!(at(&app), in_c);
    app.apply(Action::JumpBack);
    assert_eq!(app.reader.doc, DocId(0));
    // With no jump behind, '' says so.
    let mut fresh = app_at(120, 40);
    fresh.apply(Action::JumpLast);
    fresh.apply(Action::JumpLast);
    assert_eq!(fresh.message.as_deref(), Some("no earlier jump"));
}

#[test]
fn plus_and_underscore_resize_the_focused_pane_and_are_remembered() {
    let mut app = app_at(120, 40);
    let widths = |app: &App| {
        let p = app.panes();
        (
            p.list.unwrap().width,
            p.reader.unwrap().width,
            p.sidebar.unwrap().width,
        )
    };
    let (l, r, s) = widths(&app);
    app.apply(Action::Widen);
    assert_eq!(widths(&app), (l + 4, r - 4, s), "the list widened");
    assert_eq!(app.memory.state.list_width, Some(l + 4));
    app.apply(Action::Focus(Focus::Sidebar));
    app.apply(Action::Narrow);
    app.apply(Action::Narrow);
    assert_eq!(widths(&app), (l + 4, r + 4, s - 8), "the sidebar narrowed");
    assert_eq!(app.memory.state.sidebar_width, Some(s - 8));
    app.apply(Action::Focus(Focus::Reader));
    app.apply(Action::Widen);
    assert_eq!(widths(&app), (l + 2, r + 8, s - 10), "both give way");
    // Never past the reader's minimum, never below the side minimum.
    app.apply(Action::Focus(Focus::List));
    for _ in 0..40 {
        app.apply(Action::Widen);
    }
    assert_eq!(widths(&app).1, layout::MIN_READER);
    assert_eq!(app.message.as_deref(), Some("as wide as it gets"));
    for _ in 0..40 {
        app.apply(Action::Narrow);
    }
    assert_eq!(widths(&app).0, resize::MIN_SIDE);
    // The widths come back with the reading memory.
    let state = app.memory.state.clone();
    let mut next = app_at(120, 40);
    next.memory.state = state;
    next.restore_widths();
    next.refresh();
    assert_eq!(widths(&next), widths(&app));
    // One pane at a time: nothing to resize.
    let mut narrow = app_at(50, 20);
    narrow.apply(Action::Widen);
    assert_eq!(
        narrow.message.as_deref(),
        Some("one pane at a time at this width")
    );
}

#[test]
fn ctrl_z_asks_the_event_loop_to_suspend() {
    let mut app = app_at(120, 40);
    let before = (app.reader.doc, app.focus, app.mode);
    app.apply(Action::Suspend);
    assert!(app.suspend && !app.quit);
    assert_eq!((app.reader.doc, app.focus, app.mode), before);
}
