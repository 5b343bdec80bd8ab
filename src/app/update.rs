//! Applying actions to the state: each action goes to the part it concerns
//! ([`super::ArticleList`], [`super::Reader`], [`super::Sidebar`],
//! [`super::Search`], the help overlay, the bookmarks list), with what the
//! parts share (focus, mode, the selected entity, the open article) kept in
//! step here. The compare view's actions are in [`super::compare`].

use super::prompt::{Edit, Kind as PromptKind};
use super::{Action, App, Cursor, Focus, Mode, Walk};
use crate::corpus::DocId;
use crate::entity::EntityId;

/// The message when `n` goes round from the last hit or mention to the first.
pub const WRAPPED_TO_TOP: &str = "search hit BOTTOM, continuing at TOP";
/// The message when `N` goes round from the first hit or mention to the last.
pub const WRAPPED_TO_BOTTOM: &str = "search hit TOP, continuing at BOTTOM";

impl App {
    /// Apply one action. Marks the state dirty when it changed anything a draw
    /// would show.
    pub fn apply(&mut self, action: Action) {
        self.dirty = true;
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
        }
        if action == Action::Suspend {
            self.suspend = true;
            return;
        }
        // `''`: the second `'` jumps; any other key forgets the first.
        let second_quote = std::mem::take(&mut self.quote_typed) && action == Action::JumpLast;
        if matches!(self.mode, Mode::Compare | Mode::Picker) && self.compare.is_some() {
            self.apply_compare(action);
            return;
        }
        if self.mode == Mode::Help && self.help.scroll_by(&action, self.area, &self.keymap) {
            return;
        }
        if self.mode == Mode::Why && self.scroll_why(&action) {
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => {
                self.area = ratatui::layout::Rect::new(0, 0, w, h);
                self.refresh();
            }
            Action::Input(c) => {
                self.prompt.insert(c);
                self.prompt_changed();
            }
            Action::Backspace => {
                self.prompt.backspace();
                self.prompt_changed();
            }
            Action::Edit(e) => self.edit_prompt(e),
            Action::Up(_) | Action::Down(_) if self.mode == Mode::Search => {
                let back = matches!(action, Action::Up(_));
                self.edit_prompt(if back {
                    Edit::HistoryPrev
                } else {
                    Edit::HistoryNext
                });
            }
            Action::Submit => self.submit(),
            Action::Escape => self.escape(),
            Action::ToggleHelp => self.toggle_help(),
            Action::Compare => self.open_compare(None),
            Action::Swap | Action::Pick | Action::ToggleLock => {}
            Action::Merge => self.start_merge(),
            Action::Bookmark => self.toggle_bookmark(),
            Action::Bookmarks => self.open_bookmarks(),
            Action::Delete => self.delete_bookmark(),
            Action::Quotes if self.mode == Mode::Quotes => self.mode = Mode::Normal,
            Action::Quotes => self.open_quotes(),
            Action::NotEntity => self.mark_not_entity(),
            Action::Why => self.open_why(),
            Action::Split => self.split_spelling(),
            Action::Undo => self.undo_correction(),
            Action::StartSearch => {
                self.mode = Mode::Search;
                self.search.query.clear();
                self.prompt.start("");
            }
            Action::StartFilter => self.start_filter(),
            Action::ToggleScope => {
                self.sidebar.toggle_scope();
                self.rebuild_sidebar();
                self.clamp();
            }
            Action::ToggleSidebar => self.toggle_sidebar(),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::FocusLeft => self.set_focus(match self.focus {
                Focus::Sidebar => Focus::Reader,
                _ => Focus::List,
            }),
            Action::FocusRight => self.set_focus(match self.focus {
                Focus::List => Focus::Reader,
                _ if self.sidebar.shown => Focus::Sidebar,
                _ => Focus::Reader,
            }),
            Action::Focus(f) => self.set_focus(f),
            Action::Down(n) => self.move_by(n as isize),
            Action::Up(n) => self.move_by(-(n as isize)),
            Action::HalfPageDown => {
                self.move_by((self.pane_height(self.focus) / 2).max(1) as isize)
            }
            Action::HalfPageUp => {
                self.move_by(-((self.pane_height(self.focus) / 2).max(1) as isize))
            }
            Action::PageDown => self.move_by(self.pane_height(self.focus).max(2) as isize - 1),
            Action::PageUp => self.move_by(1 - self.pane_height(self.focus).max(2) as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Enter => self.enter(),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::JumpBack => self.jump_back(),
            Action::JumpForward => self.jump_forward(),
            Action::JumpLast if second_quote => self.jump_last(),
            Action::JumpLast => self.quote_typed = true,
            Action::NextArticle => self.step_article(1),
            Action::PrevArticle => self.step_article(-1),
            Action::NextMentioned => self.step_mentioned(true),
            Action::PrevMentioned => self.step_mentioned(false),
            Action::ToggleLimit => self.toggle_limit(),
            Action::Widen => self.resize_focused(true),
            Action::Narrow => self.resize_focused(false),
            Action::Suspend => {}
            Action::Click { x, y } => self.click(x, y),
            Action::Wheel { x, y, lines } => self.wheel(x, y, lines),
        }
    }

    /// `f`: type a filter for the focused list (the article list, else the
    /// sidebar, which then shows and takes the focus).
    fn start_filter(&mut self) {
        self.mode = Mode::Filter;
        let current = if self.focus == Focus::List {
            &self.list.filter
        } else {
            &self.sidebar.filter
        };
        self.prompt.start(&current.clone());
        if self.focus == Focus::List {
            self.filter_target = Focus::List;
        } else {
            self.filter_target = Focus::Sidebar;
            self.sidebar.shown = true;
            self.sidebar.start_filter();
            self.set_focus(Focus::Sidebar);
        }
    }

    /// The wheel over a pane scrolls it (without focusing it).
    fn wheel(&mut self, x: u16, y: u16, lines: i32) {
        let before = self.focus;
        if let Some(f) = self.panes().hit(x, y) {
            self.focus = f;
            if f == Focus::Reader {
                self.scroll_reader(lines as isize);
            } else {
                self.move_by(lines as isize);
            }
        }
        self.focus = before;
    }

    pub(super) fn toggle_help(&mut self) {
        if self.mode == Mode::Help {
            self.mode = self.help.back_to;
        } else {
            self.help.open(self.mode);
            self.mode = Mode::Help;
        }
    }

    /// `e`: show the sidebar where it is not on screen, else hide it. In
    /// narrower terminals the sidebar can be "shown" yet not on screen
    /// (the list has the left column, or another pane the whole screen):
    /// then `e` brings it on screen and focuses it rather than hiding it.
    fn toggle_sidebar(&mut self) {
        if self.panes().sidebar.is_some() {
            self.sidebar.shown = false;
            if self.focus == Focus::Sidebar {
                self.set_focus(Focus::Reader);
            }
            if self.side == Focus::Sidebar {
                self.side = Focus::List;
            }
        } else {
            self.sidebar.shown = true;
            self.set_focus(Focus::Sidebar);
        }
        self.refresh();
    }

    fn set_focus(&mut self, f: Focus) {
        if f == Focus::Sidebar && !self.sidebar.shown {
            return;
        }
        self.focus = f;
        if f != Focus::Reader {
            self.side = f;
        }
        self.refresh();
    }

    fn cycle_focus(&mut self, step: isize) {
        let mut order = vec![Focus::List, Focus::Reader];
        if self.sidebar.shown {
            order.push(Focus::Sidebar);
        }
        let i = order.iter().position(|&f| f == self.focus).unwrap_or(0) as isize;
        let n = order.len() as isize;
        self.set_focus(order[((i + step).rem_euclid(n)) as usize]);
    }

    fn move_by(&mut self, delta: isize) {
        if self.mode == Mode::Bookmarks {
            self.move_in_bookmarks(delta);
            return;
        }
        if self.mode == Mode::Quotes {
            self.move_in_quotes(delta);
            return;
        }
        match self.focus {
            Focus::List => {
                if let Some(doc) = self.list.step(delta, self.corpus.len()) {
                    self.open(doc);
                }
            }
            Focus::Reader => self.scroll_reader(delta),
            Focus::Sidebar => {
                let h = self.pane_height(Focus::Sidebar);
                self.sidebar.move_by(delta, h);
            }
        }
    }

    fn scroll_reader(&mut self, delta: isize) {
        let h = self.reader_height();
        self.reader.scroll_by(delta, h);
    }

    fn enter(&mut self) {
        if self.mode == Mode::Bookmarks {
            self.goto_bookmark();
            return;
        }
        if self.mode == Mode::Quotes {
            self.goto_selected_quote();
            return;
        }
        match self.focus {
            Focus::List => self.set_focus(Focus::Reader),
            Focus::Sidebar => {
                if let Some(id) = self.sidebar.entity() {
                    self.select_entity(id);
                }
            }
            Focus::Reader => {}
        }
    }

    /// Select an entity: its mentions stand out and `n`/`N` walk them. The
    /// cursor goes to its first mention in view or after it.
    pub fn select_entity(&mut self, id: EntityId) {
        self.selected = Some(id);
        self.rebuild_sidebar();
        self.walk = Walk::Mentions;
        self.reader.cursor = None;
        let from = self.reader.top();
        let doc = self.reader.doc;
        let here = self
            .index
            .mentions_in(doc)
            .iter()
            .find(|m| m.entity == id && m.start as usize >= from)
            .copied();
        let target = here.or_else(|| self.index.next_mention(id, doc, from).copied());
        if let Some(m) = target {
            self.goto(m.doc, m.span());
        }
    }

    /// Open `doc` and put the cursor on `range`, scrolled into view.
    /// Going to another article is a jump ([`super::jumps`]).
    pub(super) fn goto(&mut self, doc: DocId, range: std::ops::Range<usize>) {
        if doc != self.reader.doc {
            self.note_jump();
        }
        self.visit(doc);
        let row = self.reader.wrapped.row_of(range.start);
        self.reader.cursor = Some(Cursor { doc, range });
        self.reveal_row(row);
    }

    /// Where `n`/`N` move from: the open article and the reader's position.
    fn here(&self) -> (DocId, usize) {
        (self.reader.doc, self.reader.position())
    }

    fn step_match(&mut self, forward: bool) {
        match self.walk {
            Walk::Hits if !self.search.hits.is_empty() => self.step_hit(forward),
            Walk::Quotes => self.step_quote(forward),
            _ => {
                let Some(id) = self.selected.or_else(|| {
                    (self.focus == Focus::Sidebar)
                        .then(|| self.sidebar.entity())
                        .flatten()
                }) else {
                    self.message = Some("select an entity first (Enter in the sidebar)".into());
                    return;
                };
                self.selected = Some(id);
                let (doc, pos) = self.here();
                let m = if forward {
                    self.index.next_mention(id, doc, pos)
                } else {
                    self.index.prev_mention(id, doc, pos)
                };
                match m.copied() {
                    Some(m) => {
                        self.goto(m.doc, m.span());
                        self.note_wrap((doc, pos), (m.doc, m.span().start), forward);
                    }
                    None => self.message = Some("no mentions".into()),
                }
            }
        }
    }

    fn step_hit(&mut self, forward: bool) {
        let from = self.here();
        let i = self.search.next_hit(from, forward);
        let h = self.search.hits[i].clone();
        self.search.current = Some(i);
        let to = (h.doc, h.range.start);
        self.goto(h.doc, h.range);
        self.note_wrap(from, to, forward);
    }

    /// Say so when `n`/`N` went round the end of the corpus (as less and
    /// vim do): forward to a place not after `from`, or back to one not
    /// before it.
    fn note_wrap(&mut self, from: (DocId, usize), to: (DocId, usize), forward: bool) {
        if forward && to <= from {
            self.message = Some(WRAPPED_TO_TOP.into());
        } else if !forward && to >= from {
            self.message = Some(WRAPPED_TO_BOTTOM.into());
        }
    }

    fn step_article(&mut self, step: isize) {
        if self.corpus.is_empty() {
            return;
        }
        let last = self.corpus.len() as isize - 1;
        let i = (self.reader.doc.index() as isize + step).clamp(0, last);
        self.open(DocId(i as u32));
    }

    /// The kind of history the open prompt keeps.
    fn prompt_kind(&self) -> PromptKind {
        if self.mode == Mode::Search {
            PromptKind::Search
        } else {
            PromptKind::Filter
        }
    }

    fn edit_prompt(&mut self, e: Edit) {
        if matches!(self.mode, Mode::Search | Mode::Filter | Mode::Merge) {
            let kind = self.prompt_kind();
            if self.prompt.edit(e, kind) {
                self.prompt_changed();
            }
        }
    }

    /// The prompt's text changed: hand it to what it filters.
    fn prompt_changed(&mut self) {
        let text = self.prompt.value().to_string();
        match self.mode {
            Mode::Search => self.search.query = text,
            Mode::Filter if self.filter_target == Focus::List => {
                // A new query: the cursor goes to the best match, which
                // Enter then opens (as in fzf and lazygit).
                self.list.filter = text;
                self.refilter_list(None);
            }
            Mode::Filter | Mode::Merge => {
                self.sidebar.filter = text;
                self.rebuild_sidebar();
                self.clamp();
            }
            _ => {}
        }
    }

    fn submit(&mut self) {
        if matches!(self.mode, Mode::Search | Mode::Filter | Mode::Merge) {
            let kind = self.prompt_kind();
            self.prompt.remember(kind);
        }
        match self.mode {
            Mode::Search => {
                self.mode = Mode::Normal;
                self.run_search();
            }
            Mode::Filter if self.filter_target == Focus::List => {
                self.mode = Mode::Normal;
                // Enter opens the best match of what was typed, not of the
                // rows still on screen.
                self.finish_filter();
                if let Some(doc) = self.list_doc(self.list.selection.selected) {
                    self.open(doc);
                }
            }
            Mode::Filter => {
                self.mode = Mode::Normal;
                if let Some(id) = self.sidebar.entity() {
                    self.select_entity(id);
                }
            }
            Mode::Merge => self.finish_merge(),
            _ => {}
        }
    }

    /// Run the search in `search.query` and go to the first hit from here.
    /// The search starts at the open article and runs over the corpus a
    /// slice at a time ([`App::search_more`]), so a key press never waits for
    /// the whole corpus.
    pub fn run_search(&mut self) {
        let query = self.search.query.trim().to_string();
        if query.is_empty() {
            self.search.clear();
            self.walk = Walk::Mentions;
            return;
        }
        let plan = match self.searcher.plan(&query) {
            Ok(plan) => plan,
            Err(e) => {
                self.search.clear();
                self.walk = Walk::Mentions;
                self.message = Some(e);
                return;
            }
        };
        let nowhere = plan.docs.as_ref().is_some_and(Vec::is_empty);
        if !self
            .search
            .start_planned(plan, self.reader.doc.index(), self.corpus.len())
        {
            self.walk = Walk::Mentions;
            if nowhere {
                self.message = Some(format!("no match for “{query}”"));
            }
            return;
        }
        self.walk = Walk::Hits;
        self.reader.cursor = None;
        self.search_more_by(super::search::FIRST_SLICE);
    }

    /// Whether work remains to be done between frames (a running search).
    pub fn busy(&self) -> bool {
        self.search.busy()
    }

    /// Search the next slice of the corpus (about
    /// [`super::search::SEARCH_SLICE`] bytes), merge its hits in corpus
    /// order, and go to the first hit from where the search started once
    /// there is one.
    pub fn search_more(&mut self) {
        self.search_more_by(super::search::SEARCH_SLICE);
    }

    /// [`App::search_more`] over about `budget` bytes.
    fn search_more_by(&mut self, budget: usize) {
        let Some(mut p) = self.search.pending.take() else {
            return;
        };
        self.dirty = true;
        self.search.advance(&mut p, self.corpus.docs(), budget);
        // Keep the current hit current as hits before it come in.
        if let Some(c) = &self.reader.cursor
            && self.search.current.is_some()
        {
            self.search.follow((c.doc, c.range.start));
        }
        // Go to the first hit after the position, once one is known (or the
        // first of all, once the search has come round).
        let after = self.search.hits_through(self.here());
        if self.search.current.is_none()
            && !self.search.hits.is_empty()
            && (after < self.search.hits.len() || p.wrapped)
        {
            self.step_hit(true);
        }
        if !p.finished() {
            self.search.pending = Some(p);
        } else if self.search.finish() {
            self.walk = Walk::Mentions;
            self.message = Some(format!("no match for “{}”", p.query));
        }
    }

    fn escape(&mut self) {
        match self.mode {
            Mode::Search => self.mode = Mode::Normal,
            Mode::Filter if self.filter_target == Focus::List => {
                self.mode = Mode::Normal;
                self.list.filter.clear();
                self.refilter_list(Some(self.reader.doc));
            }
            Mode::Filter => {
                self.mode = Mode::Normal;
                self.clear_sidebar_filter();
            }
            Mode::Help => self.mode = self.help.back_to,
            Mode::Compare | Mode::Picker => self.close_compare(),
            Mode::Bookmarks | Mode::Quotes => self.mode = Mode::Normal,
            Mode::Why => self.close_why(),
            Mode::Merge => {
                self.mode = Mode::Normal;
                self.corrector.merging = None;
                self.clear_sidebar_filter();
            }
            Mode::Normal => {
                if self.walk == Walk::Hits {
                    self.search.clear();
                    self.walk = Walk::Mentions;
                    self.reader.cursor = None;
                } else if self.walk == Walk::Quotes {
                    self.walk = Walk::Mentions;
                    self.reader.cursor = None;
                } else if self.selected.is_some() {
                    self.selected = None;
                    self.reader.cursor = None;
                } else if !self.sidebar.filter.is_empty() {
                    self.clear_sidebar_filter();
                } else if !self.list.filter.is_empty() {
                    self.list.filter.clear();
                    self.refilter_list(Some(self.reader.doc));
                } else if self.list.limit.is_some() {
                    self.toggle_limit();
                }
            }
        }
    }

    /// Clear the sidebar's filter, back to the entity highlighted before it.
    pub fn clear_sidebar_filter(&mut self) {
        self.sidebar
            .clear_filter(&self.index, self.reader.doc, self.selected);
        self.clamp();
    }

    fn click(&mut self, x: u16, y: u16) {
        if self.mode == Mode::Help {
            self.mode = self.help.back_to;
            return;
        }
        if self.mode == Mode::Why {
            self.close_why();
            return;
        }
        let panes = self.panes();
        let Some(f) = panes.hit(x, y) else { return };
        self.set_focus(f);
        match f {
            Focus::List => {
                let Some(r) = panes.list else { return };
                // Rows start under the border and the filter line.
                let top = r.y + 1 + u16::from(self.list_filter_shown());
                if y >= top
                    && y < r.bottom().saturating_sub(1)
                    && let Some(doc) = self
                        .list_row_at((y - top) as usize)
                        .and_then(|row| self.list_doc(row))
                {
                    self.open(doc);
                }
            }
            Focus::Sidebar => {
                let Some(r) = panes.sidebar else { return };
                let top = r.y + 1 + super::sidebar::HEADER_ROWS;
                if y >= top && y < top + self.pane_height(Focus::Sidebar) as u16 {
                    let i = self.sidebar.selection.offset + (y - top) as usize;
                    if let Some(id) = self.sidebar.select_row(i) {
                        self.select_entity(id);
                    }
                }
            }
            Focus::Reader => {
                if let Some(offset) = self.reader_offset_at(x, y)
                    && let Some(m) = self
                        .index
                        .mentions_in(self.reader.doc)
                        .iter()
                        .find(|m| m.span().contains(&offset))
                        .copied()
                {
                    self.selected = Some(m.entity);
                    self.walk = Walk::Mentions;
                    self.reader.cursor = Some(Cursor {
                        doc: m.doc,
                        range: m.span(),
                    });
                    self.rebuild_sidebar();
                    self.clamp();
                }
            }
        }
    }

    /// The byte offset of the text under a screen cell in the reading pane.
    pub fn reader_offset_at(&self, x: u16, y: u16) -> Option<usize> {
        let r = self.panes().reader?;
        let row = y.checked_sub(r.y + 1)? as usize;
        let col = x.checked_sub(r.x + 2)? as usize;
        if self.corpus.is_empty() {
            return None;
        }
        let text = &self.corpus.doc(self.reader.doc).text;
        self.reader.offset_at(text, row, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::search::SEARCH_SLICE;
    use crate::corpus::{Corpus, Document};
    use crate::entity::EntityIndex;
    use crate::search;
    use ratatui::layout::Rect;

    #[test]
    fn the_key_that_starts_a_search_reads_a_small_first_slice() {
        use crate::app::search::FIRST_SLICE;
        // Every article has a hit; each is about 4 KB.
        let filler = "Ein Satz ohne das Wort. ".repeat(170);
        let docs: Vec<Document> = (0..400)
            .map(|i| {
                let text = format!("Bericht {i}\n\nIn Köln. {filler}");
                Document::from_bytes(format!("d{i}"), format!("d{i}.txt").into(), text.as_bytes())
            })
            .collect();
        let len = docs[0].text.len();
        let mut app = App::new(
            Corpus::new(docs),
            EntityIndex::default(),
            Rect::new(0, 0, 120, 40),
        );
        app.search.query = "koln".into();
        app.run_search();
        let first = app.search.hits.len();
        assert!(first >= 1, "the first hit at once");
        assert!(
            first <= FIRST_SLICE / len + 1,
            "{first} articles read in the key press"
        );
        assert!(app.search.current.is_some() && app.busy());
        app.search_more();
        let slice = app.search.hits.len() - first;
        assert!(
            slice >= SEARCH_SLICE / len,
            "{slice} articles in a slice between frames"
        );
        while app.busy() {
            app.search_more();
        }
        assert_eq!(app.search.hits.len(), 400);
    }

    #[test]
    fn a_search_runs_in_slices_and_ends_with_every_hit_in_order() {
        // Articles large enough that a search takes several slices.
        let docs: Vec<Document> = (0..8)
            .map(|i| {
                let filler = "Ein Satz ohne das Wort. ".repeat(SEARCH_SLICE / 60);
                let text = format!("Bericht {i}\n\n{filler} In Köln {i}. {filler} Wieder KÖLN.");
                Document::from_bytes(format!("d{i}"), format!("d{i}.txt").into(), text.as_bytes())
            })
            .collect();
        let corpus = Corpus::new(docs);
        let all = search::search(&corpus, "koln");
        assert_eq!(all.len(), 16);
        let mut app = App::new(corpus, EntityIndex::default(), Rect::new(0, 0, 120, 40));
        app.open(DocId(5));
        app.search.query = "koln".into();
        app.run_search();
        assert!(app.busy(), "one slice does not cover the corpus");
        let first = app.search.current.map(|i| app.search.hits[i].doc);
        assert_eq!(first, Some(DocId(5)), "the first hit from here, at once");
        let mut steps = 1;
        while app.busy() {
            app.search_more();
            steps += 1;
            assert!(
                app.search
                    .hits
                    .windows(2)
                    .all(|w| (w[0].doc, w[0].range.start) < (w[1].doc, w[1].range.start)),
                "hits stay in corpus order"
            );
            let c = app.reader.cursor.clone().unwrap();
            let i = app.search.current.unwrap();
            assert_eq!(
                (app.search.hits[i].doc, app.search.hits[i].range.clone()),
                (c.doc, c.range)
            );
        }
        assert!(steps >= 4, "{steps} slices");
        assert_eq!(app.search.hits, all);
        assert_eq!(app.reader.doc, DocId(5));
    }
}
