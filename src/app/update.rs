//! Applying actions to the state.

use super::sidebar::Row;
use super::{Action, App, Cursor, Focus, Mode, Scope, Walk, compare};
use crate::corpus::DocId;
use crate::entity::EntityId;
use crate::search;

/// How many bytes of text a search covers between two frames.
pub const SEARCH_SLICE: usize = 1 << 19;

impl App {
    /// Apply one action. Marks the state dirty when it changed anything a draw
    /// would show.
    pub fn apply(&mut self, action: Action) {
        self.dirty = true;
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
        }
        if matches!(self.mode, Mode::Compare | Mode::Picker) && self.compare.is_some() {
            self.apply_compare(action);
            return;
        }
        if self.mode == Mode::Help && self.scroll_help(&action) {
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => {
                self.area = ratatui::layout::Rect::new(0, 0, w, h);
                self.refresh();
            }
            Action::Input(c) => self.input(c),
            Action::Backspace => self.backspace(),
            Action::Submit => self.submit(),
            Action::Escape => self.escape(),
            Action::ToggleHelp => self.toggle_help(),
            Action::Compare => self.open_compare(None),
            Action::Swap | Action::Pick | Action::ToggleLock => {}
            Action::Merge => self.start_merge(),
            Action::Bookmark => self.toggle_bookmark(),
            Action::Bookmarks => self.open_bookmarks(),
            Action::Delete => self.delete_bookmark(),
            Action::NotEntity => self.mark_not_entity(),
            Action::StartSearch => {
                self.mode = Mode::Search;
                self.search.query.clear();
            }
            Action::StartFilter => {
                self.mode = Mode::Filter;
                if self.focus == Focus::List {
                    self.filter_target = Focus::List;
                } else {
                    self.filter_target = Focus::Sidebar;
                    self.sidebar_shown = true;
                    self.set_focus(Focus::Sidebar);
                }
            }
            Action::ToggleScope => {
                self.scope = match self.scope {
                    Scope::Article => Scope::Corpus,
                    Scope::Corpus => Scope::Article,
                };
                self.rebuild_sidebar();
                self.clamp();
            }
            Action::ToggleSidebar => {
                self.sidebar_shown = !self.sidebar_shown;
                if self.sidebar_shown {
                    self.set_focus(Focus::Sidebar);
                } else if self.focus == Focus::Sidebar {
                    self.set_focus(Focus::Reader);
                }
                self.refresh();
            }
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::FocusLeft => self.set_focus(match self.focus {
                Focus::Sidebar => Focus::Reader,
                _ => Focus::List,
            }),
            Action::FocusRight => self.set_focus(match self.focus {
                Focus::List => Focus::Reader,
                _ if self.sidebar_shown => Focus::Sidebar,
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
            Action::NextArticle => self.step_article(1),
            Action::PrevArticle => self.step_article(-1),
            Action::Click { x, y } => self.click(x, y),
            Action::Wheel { x, y, lines } => {
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
        }
    }

    fn toggle_help(&mut self) {
        if self.mode == Mode::Help {
            self.mode = self.help_return;
        } else {
            self.help_return = self.mode;
            self.mode = Mode::Help;
            self.help_scroll = 0;
        }
    }

    /// Scroll the help overlay; `true` if the action was a scroll. The offset
    /// stays within what the overlay has below the screen.
    fn scroll_help(&mut self, action: &Action) -> bool {
        let page = self.area.height.saturating_sub(6).max(1) as i64;
        let by: i64 = match action {
            Action::Down(n) => *n as i64,
            Action::Up(n) => -(*n as i64),
            Action::HalfPageDown => page / 2,
            Action::HalfPageUp => -page / 2,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::Top => i64::MIN / 2,
            Action::Bottom => i64::MAX / 2,
            _ => return false,
        };
        // The overlay is its text plus borders, as high as the screen allows.
        let lines = super::help::layout(&self.keymap, self.area.width).line_count();
        let inner = (lines + 2).min(self.area.height as usize).saturating_sub(2);
        let max = lines.saturating_sub(inner) as i64;
        self.help_scroll = (self.help_scroll as i64 + by).clamp(0, max) as u16;
        true
    }

    fn apply_compare(&mut self, action: Action) {
        let height = |r: ratatui::layout::Rect| r.height.saturating_sub(2).max(2) as isize;
        let a = self.compare_areas();
        let page = match self.compare.as_ref().map(|v| v.part) {
            Some(compare::Part::Figures) => height(a.figures),
            Some(compare::Part::Entities) => height(a.entities),
            _ => height(a.left),
        };
        match action {
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => {
                self.area = ratatui::layout::Rect::new(0, 0, w, h);
                self.refresh();
                self.rewrap_compare();
            }
            Action::Compare => self.close_compare(),
            Action::Escape => {
                if self.mode == Mode::Picker {
                    if let Some(v) = self.compare.as_mut() {
                        v.picker = None;
                    }
                    self.mode = Mode::Compare;
                } else {
                    self.close_compare();
                }
            }
            Action::Swap => self.swap_compare(),
            Action::Pick => self.open_picker(),
            Action::ToggleLock => {
                if let Some(v) = self.compare.as_mut() {
                    v.locked = !v.locked;
                    self.message = Some(
                        if v.locked {
                            "scrolling locked"
                        } else {
                            "scrolling unlocked"
                        }
                        .into(),
                    );
                }
            }
            Action::ToggleHelp => self.toggle_help(),
            Action::Down(n) => self.compare_move(n as isize),
            Action::Up(n) => self.compare_move(-(n as isize)),
            Action::HalfPageDown => self.compare_move(page / 2),
            Action::HalfPageUp => self.compare_move(-page / 2),
            Action::PageDown => self.compare_move(page - 1),
            Action::PageUp => self.compare_move(1 - page),
            Action::Top => self.compare_move(isize::MIN / 2),
            Action::Bottom => self.compare_move(isize::MAX / 2),
            Action::FocusNext | Action::FocusRight => self.compare_focus(1),
            Action::FocusPrev | Action::FocusLeft => self.compare_focus(-1),
            Action::Enter | Action::Submit => self.compare_enter(),
            Action::NextMatch => self.compare_step(true),
            Action::PrevMatch => self.compare_step(false),
            Action::Click { x, y } => {
                if self.mode == Mode::Picker {
                    return;
                }
                if let (Some(part), Some(v)) = (a.hit(x, y), self.compare.as_mut()) {
                    v.part = part;
                    let row = |r: ratatui::layout::Rect| (y > r.y).then(|| (y - r.y - 1) as usize);
                    match part {
                        compare::Part::Entities => {
                            if let Some(i) = row(a.entities).map(|i| i + v.strip.offset)
                                && i < v.strip_rows.len()
                            {
                                v.strip.selected = i;
                                self.compare_enter();
                            }
                        }
                        compare::Part::Figures => {
                            if let Some(i) = row(a.figures).map(|i| i + v.figures.offset)
                                && i < v.comparison.differences.len()
                            {
                                v.figures.selected = i;
                                self.compare_enter();
                            }
                        }
                        _ => {}
                    }
                }
            }
            Action::Wheel { x, y, lines } => {
                if let (Some(part), Some(v)) = (a.hit(x, y), self.compare.as_mut()) {
                    let before = v.part;
                    v.part = part;
                    self.compare_move(lines as isize);
                    if let Some(v) = self.compare.as_mut() {
                        v.part = before;
                    }
                }
            }
            _ => {}
        }
    }

    fn set_focus(&mut self, f: Focus) {
        if f == Focus::Sidebar && !self.sidebar_shown {
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
        if self.sidebar_shown {
            order.push(Focus::Sidebar);
        }
        let i = order.iter().position(|&f| f == self.focus).unwrap_or(0) as isize;
        let n = order.len() as isize;
        self.set_focus(order[((i + step).rem_euclid(n)) as usize]);
    }

    fn move_by(&mut self, delta: isize) {
        if self.mode == Mode::Bookmarks {
            let last = self.reading.bookmarks.len().saturating_sub(1) as isize;
            self.bookmarks.selected = (self.bookmarks.selected as isize)
                .saturating_add(delta)
                .clamp(0, last) as usize;
            let h = self.area.height.saturating_sub(4) as usize;
            self.bookmarks.clamp(self.reading.bookmarks.len(), h);
            return;
        }
        match self.focus {
            Focus::List => {
                if self.list_len() == 0 {
                    return;
                }
                let last = self.list_len() as isize - 1;
                let i = (self.list.selected as isize)
                    .saturating_add(delta)
                    .clamp(0, last);
                if let Some(doc) = self.list_doc(i as usize) {
                    self.open(doc);
                }
            }
            Focus::Reader => self.scroll_reader(delta),
            Focus::Sidebar => {
                let rows = &self.sidebar_rows;
                if rows.is_empty() {
                    return;
                }
                let last = rows.len() as isize - 1;
                let mut i = (self.sidebar.selected as isize)
                    .saturating_add(delta)
                    .clamp(0, last);
                // Skip headers in the direction of travel, or back if at the end.
                let dir = if delta >= 0 { 1 } else { -1 };
                while matches!(rows.get(i as usize), Some(Row::Header(..))) {
                    let next = i + dir;
                    if !(0..=last).contains(&next) {
                        break;
                    }
                    i = next;
                }
                if matches!(rows.get(i as usize), Some(Row::Header(..))) {
                    i = (i - dir).clamp(0, last);
                }
                self.sidebar.selected = i as usize;
                let h = self.pane_height(Focus::Sidebar);
                self.sidebar.clamp(rows.len(), h);
            }
        }
    }

    fn scroll_reader(&mut self, delta: isize) {
        let max = self
            .reader
            .wrapped
            .len()
            .saturating_sub(self.reader_height());
        let s = (self.reader.scroll as isize)
            .saturating_add(delta)
            .clamp(0, max as isize);
        self.reader.scroll = s as usize;
    }

    fn enter(&mut self) {
        if self.mode == Mode::Bookmarks {
            self.goto_bookmark();
            return;
        }
        match self.focus {
            Focus::List => self.set_focus(Focus::Reader),
            Focus::Sidebar => {
                if let Some(id) = self.sidebar_entity() {
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
        self.cursor = None;
        let from = self
            .reader
            .wrapped
            .lines
            .get(self.reader.scroll)
            .map_or(0, |l| l.range.start);
        let here = self
            .index
            .mentions_in(self.doc)
            .iter()
            .find(|m| m.entity == id && m.start as usize >= from)
            .copied();
        let target = here.or_else(|| self.index.next_mention(id, self.doc, from).copied());
        if let Some(m) = target {
            self.goto(m.doc, m.span());
        }
    }

    /// Open `doc` and put the cursor on `range`, scrolled into view.
    fn goto(&mut self, doc: DocId, range: std::ops::Range<usize>) {
        self.open(doc);
        let row = self.reader.wrapped.row_of(range.start);
        self.cursor = Some(Cursor { doc, range });
        self.reveal_row(row);
    }

    /// The position `n`/`N` move from: the cursor, or the top of the view.
    fn position(&self) -> usize {
        match &self.cursor {
            Some(c) if c.doc == self.doc => c.range.start,
            _ => self
                .reader
                .wrapped
                .lines
                .get(self.reader.scroll)
                .map_or(0, |l| l.range.start.saturating_sub(1)),
        }
    }

    fn step_match(&mut self, forward: bool) {
        match self.walk {
            Walk::Hits if !self.search.hits.is_empty() => self.step_hit(forward),
            _ => {
                let Some(id) = self.selected.or_else(|| {
                    (self.focus == Focus::Sidebar)
                        .then(|| self.sidebar_entity())
                        .flatten()
                }) else {
                    self.message = Some("select an entity first (Enter in the sidebar)".into());
                    return;
                };
                self.selected = Some(id);
                let pos = self.position();
                let m = if forward {
                    self.index.next_mention(id, self.doc, pos)
                } else {
                    self.index.prev_mention(id, self.doc, pos)
                };
                match m.copied() {
                    Some(m) => self.goto(m.doc, m.span()),
                    None => self.message = Some("no mentions".into()),
                }
            }
        }
    }

    fn step_hit(&mut self, forward: bool) {
        let hits = &self.search.hits;
        let pos = (self.doc, self.position());
        let i = if forward {
            let i = hits.partition_point(|h| (h.doc, h.range.start) <= pos);
            if i == hits.len() { 0 } else { i }
        } else {
            let i = hits.partition_point(|h| (h.doc, h.range.start) < pos);
            if i == 0 { hits.len() - 1 } else { i - 1 }
        };
        let h = hits[i].clone();
        self.search.current = Some(i);
        self.goto(h.doc, h.range);
    }

    fn step_article(&mut self, step: isize) {
        if self.corpus.is_empty() {
            return;
        }
        let last = self.corpus.len() as isize - 1;
        let i = (self.doc.index() as isize + step).clamp(0, last);
        self.open(DocId(i as u32));
    }

    fn input(&mut self, c: char) {
        match self.mode {
            Mode::Search => self.search.query.push(c),
            Mode::Filter if self.filter_target == Focus::List => {
                self.list_filter.push(c);
                self.refilter_list();
            }
            Mode::Filter | Mode::Merge => {
                self.filter.push(c);
                self.rebuild_sidebar();
                self.clamp();
            }
            _ => {}
        }
    }

    fn backspace(&mut self) {
        match self.mode {
            Mode::Search => {
                self.search.query.pop();
            }
            Mode::Filter if self.filter_target == Focus::List => {
                self.list_filter.pop();
                self.refilter_list();
            }
            Mode::Filter | Mode::Merge => {
                self.filter.pop();
                self.rebuild_sidebar();
                self.clamp();
            }
            _ => {}
        }
    }

    fn submit(&mut self) {
        match self.mode {
            Mode::Search => {
                self.mode = Mode::Normal;
                self.run_search();
            }
            Mode::Filter if self.filter_target == Focus::List => {
                self.mode = Mode::Normal;
                if let Some(doc) = self.list_doc(self.list.selected) {
                    self.open(doc);
                }
            }
            Mode::Filter => {
                self.mode = Mode::Normal;
                if let Some(id) = self.sidebar_entity() {
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
        let q = self.search.query.trim().to_string();
        self.search.hits = Vec::new();
        self.search.current = None;
        self.search.pending = None;
        if q.is_empty() || self.corpus.is_empty() {
            self.walk = Walk::Mentions;
            return;
        }
        self.walk = Walk::Hits;
        self.cursor = None;
        let start = self.doc.index().min(self.corpus.len() - 1);
        self.search.pending = Some(super::PendingSearch {
            query: q,
            next: start,
            start,
            wrapped: false,
        });
        self.search_more();
    }

    /// Whether work remains to be done between frames (a running search).
    pub fn busy(&self) -> bool {
        self.search.pending.is_some()
    }

    /// Search the next slice of the corpus (about [`SEARCH_SLICE`] bytes),
    /// merge its hits in corpus order, and go to the first hit from where the
    /// search started once there is one.
    pub fn search_more(&mut self) {
        let Some(mut p) = self.search.pending.take() else {
            return;
        };
        self.dirty = true;
        let docs = self.corpus.docs();
        let end = if p.wrapped { p.start } else { docs.len() };
        let mut to = p.next;
        let mut bytes = 0;
        while to < end && (to == p.next || bytes < SEARCH_SLICE) {
            bytes += docs[to].text.len();
            to += 1;
        }
        let found = search::search_docs(&docs[p.next..to], DocId(p.next as u32), &p.query);
        if !found.is_empty() {
            let at = self.search.hits.partition_point(|h| h.doc.index() < p.next);
            self.search.hits.splice(at..at, found);
        }
        p.next = to;
        if p.next >= end && !p.wrapped {
            p.wrapped = true;
            p.next = 0;
        }
        let finished = p.wrapped && p.next >= p.start;
        // Keep the current hit current as hits before it come in.
        if let Some(c) = &self.cursor
            && self.search.current.is_some()
        {
            let key = (c.doc, c.range.start);
            self.search.current = Some(
                self.search
                    .hits
                    .partition_point(|h| (h.doc, h.range.start) < key),
            );
        }
        // Go to the first hit after the position, once one is known (or the
        // first of all, once the search has come round).
        let pos = (self.doc, self.position());
        let after = self
            .search
            .hits
            .partition_point(|h| (h.doc, h.range.start) <= pos);
        if self.search.current.is_none()
            && !self.search.hits.is_empty()
            && (after < self.search.hits.len() || p.wrapped)
        {
            self.step_hit(true);
        }
        if finished {
            self.search.hits.truncate(search::MAX_HITS);
            if let Some(i) = self.search.current
                && i >= self.search.hits.len()
            {
                self.search.current = None;
            }
            if self.search.hits.is_empty() {
                self.walk = Walk::Mentions;
                self.message = Some(format!("no match for “{}”", p.query));
            }
        } else {
            self.search.pending = Some(p);
        }
    }

    fn escape(&mut self) {
        match self.mode {
            Mode::Search => self.mode = Mode::Normal,
            Mode::Filter if self.filter_target == Focus::List => {
                self.mode = Mode::Normal;
                self.list_filter.clear();
                self.refilter_list();
            }
            Mode::Filter => {
                self.mode = Mode::Normal;
                self.filter.clear();
                self.rebuild_sidebar();
                self.clamp();
            }
            Mode::Help => self.mode = self.help_return,
            Mode::Compare | Mode::Picker => self.close_compare(),
            Mode::Bookmarks => self.mode = Mode::Normal,
            Mode::Merge => {
                self.mode = Mode::Normal;
                self.merging = None;
                self.filter.clear();
                self.rebuild_sidebar();
                self.clamp();
            }
            Mode::Normal => {
                if self.walk == Walk::Hits {
                    self.search.hits.clear();
                    self.search.current = None;
                    self.search.pending = None;
                    self.walk = Walk::Mentions;
                    self.cursor = None;
                } else if self.selected.is_some() {
                    self.selected = None;
                    self.cursor = None;
                } else if !self.filter.is_empty() {
                    self.filter.clear();
                    self.rebuild_sidebar();
                    self.clamp();
                } else if !self.list_filter.is_empty() {
                    self.list_filter.clear();
                    self.refilter_list();
                }
            }
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        if self.mode == Mode::Help {
            self.mode = self.help_return;
            return;
        }
        let panes = self.panes();
        let Some(f) = panes.hit(x, y) else { return };
        self.set_focus(f);
        match f {
            Focus::List => {
                let Some(r) = panes.list else { return };
                if y > r.y && y < r.bottom().saturating_sub(1) {
                    let i = self.list.offset + (y - r.y - 1) as usize;
                    if let Some(doc) = self.list_doc(i) {
                        self.open(doc);
                    }
                }
            }
            Focus::Sidebar => {
                let Some(r) = panes.sidebar else { return };
                let top = r.y + 1 + super::sidebar::HEADER_ROWS;
                if y >= top && y < top + self.pane_height(Focus::Sidebar) as u16 {
                    let i = self.sidebar.offset + (y - top) as usize;
                    if let Some(Row::Entity { id, .. }) = self.sidebar_rows.get(i).copied() {
                        self.sidebar.selected = i;
                        self.select_entity(id);
                    }
                }
            }
            Focus::Reader => {
                if let Some(offset) = self.reader_offset_at(x, y)
                    && let Some(m) = self
                        .index
                        .mentions_in(self.doc)
                        .iter()
                        .find(|m| m.span().contains(&offset))
                        .copied()
                {
                    self.selected = Some(m.entity);
                    self.walk = Walk::Mentions;
                    self.cursor = Some(Cursor {
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
        let row = self.reader.scroll + y.checked_sub(r.y + 1)? as usize;
        let line = self.reader.wrapped.lines.get(row)?;
        let col = x.checked_sub(r.x + 2)? as usize;
        let text = &self.corpus.doc(self.doc).text[line.range.clone()];
        let mut width = 0;
        for (i, c) in text.char_indices() {
            width += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if width > col {
                return Some(line.range.start + i);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Document};
    use crate::entity::EntityIndex;
    use ratatui::layout::Rect;

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
            let c = app.cursor.clone().unwrap();
            let i = app.search.current.unwrap();
            assert_eq!(
                (app.search.hits[i].doc, app.search.hits[i].range.clone()),
                (c.doc, c.range)
            );
        }
        assert!(steps >= 4, "{steps} slices");
        assert_eq!(app.search.hits, all);
        assert_eq!(app.doc, DocId(5));
    }
}
