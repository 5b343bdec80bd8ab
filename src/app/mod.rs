//! Application state and its transitions: what is open, selected, focused and
//! scrolled. No drawing happens here; keys arrive as [`Action`]s (through
//! the [`keymap`], from the one table in [`action`]) and the loading
//! worker's results as [`Update`]s (see [`crate::ingest`]).
//!
//! [`App`] is made of owned parts, each with its own state and transitions:
//! the [`ArticleList`], the [`Reader`], the [`Sidebar`], the [`Search`], the
//! [`CompareView`](compare::CompareView), the [`HelpOverlay`](help::HelpOverlay),
//! the reading [`Memory`](memory::Memory) and the
//! [`Corrector`](correct::Corrector). `App` itself holds what the parts
//! share (corpus, index, focus, mode, the selected entity) and coordinates
//! them: here what is derived from the open article and the screen size,
//! [`update`] applying actions, and the `impl App` at the end of
//! [`compare`], [`memory`] and [`correct`] for those modes.

pub mod action;
pub mod article_list;
pub mod compare;
pub mod correct;
pub mod help;
pub mod jumps;
pub mod keymap;
pub mod layout;
pub mod limit;
pub mod list_filter;
pub mod list_rows;
pub mod memory;
pub mod prompt;
pub mod quotes;
pub mod reader;
pub mod relink;
pub mod resize;
pub mod rewrap;
pub mod search;
pub mod shared;
pub mod sidebar;
pub mod update;
pub mod why;

pub use action::Action;
pub use article_list::ArticleList;
pub use reader::{Cursor, Reader};
pub use search::{PendingSearch, Search};
pub use sidebar::{Overview, Scope, Sidebar};

use crate::corpus::{Corpus, DocId};
use crate::entity::{EntityId, EntityIndex};
use crate::ingest::Update;
use crate::ingest::analyses::Analyses;
use layout::Panes;
use ratatui::layout::Rect;
use std::sync::Arc;
use std::time::Instant;

/// The pane that has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The article list.
    List,
    /// The reading pane.
    Reader,
    /// The entity sidebar.
    Sidebar,
}

/// What keys do right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Browsing.
    Normal,
    /// Typing a corpus search.
    Search,
    /// Typing a filter (for the list or the sidebar: see [`App::filter_target`]).
    Filter,
    /// The help overlay is open.
    Help,
    /// Two reports side by side.
    Compare,
    /// Choosing the second report of the compare view.
    Picker,
    /// Choosing the entity to merge the selected one into.
    Merge,
    /// The bookmarks list is open.
    Bookmarks,
    /// The why overlay is open: what joined each spelling of an entity.
    Why,
    /// The quotes view of an entity is open (see [`quotes`]).
    Quotes,
}

/// What `n` and `N` walk through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Walk {
    /// Mentions of the selected entity.
    Mentions,
    /// Search hits.
    Hits,
    /// The quotations of the quotes view (see [`quotes`]).
    Quotes,
}

/// Progress of loading and indexing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Article files found so far.
    pub found: usize,
    /// Articles read.
    pub loaded: usize,
    /// Articles analysed for entities.
    pub analysed: usize,
    /// Whether loading and indexing are complete.
    pub done: bool,
    /// When loading started.
    pub started: Instant,
    /// How long everything took, once done.
    pub took_ms: Option<u128>,
}

/// A scrollable list's selection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    /// The selected row.
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
}

impl ListState {
    /// Keep the selection within `len` rows and visible in `height` rows.
    pub fn clamp(&mut self, len: usize, height: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

/// The whole application state.
#[derive(Debug)]
pub struct App {
    /// The open articles.
    pub corpus: Corpus,
    /// Their entities (empty until indexing is done).
    pub index: Arc<EntityIndex>,
    /// Loading and indexing progress.
    pub progress: Progress,
    /// Problems met while loading, for the status bar.
    pub problems: Vec<String>,
    /// A one-off message for the status bar.
    pub message: Option<String>,
    /// Why the store is out of reach, while it is (shown in the status
    /// bar until it is back).
    pub offline: Option<String>,
    /// Where searches go (the texts here, or a shared store's index).
    pub searcher: Box<dyn crate::store::reader::SearchIndex>,
    /// The focused pane.
    pub focus: Focus,
    /// The left pane shown in medium-width terminals (list or sidebar).
    pub side: Focus,
    /// What keys do.
    pub mode: Mode,
    /// The pane the filter prompt types into (list or sidebar).
    pub filter_target: Focus,
    /// The article list.
    pub list: ArticleList,
    /// Corpora of at least this many articles filter the list on a worker
    /// thread ([`list_filter::BACKGROUND_FILTER_TITLES`]; tests lower it).
    pub filter_in_background_from: usize,
    /// The reading pane, with the open article.
    pub reader: Reader,
    /// A wrap of the open article running on a worker thread (see
    /// [`rewrap`]).
    pub rewrapping: Option<rewrap::Rewrapping>,
    /// The entity sidebar.
    pub sidebar: Sidebar,
    /// The selected entity, whose mentions stand out.
    pub selected: Option<EntityId>,
    /// What `n`/`N` walk.
    pub walk: Walk,
    /// The search.
    pub search: Search,
    /// The prompt being typed into, with its histories.
    pub prompt: prompt::Prompt,
    /// The compare view, while open.
    pub compare: Option<Box<compare::CompareView>>,
    /// Word document frequencies for comparisons (derived, built on first use).
    pub words: Option<crate::compare::frequency::WordFrequencies>,
    /// The help overlay.
    pub help: help::HelpOverlay,
    /// The bookmarks list's selection, while it is open.
    pub bookmarks: ListState,
    /// The why overlay, while it is open.
    pub why: Option<why::WhyOverlay>,
    /// The corpus's quotations and the quotes view.
    pub quotes: quotes::Quotes,
    /// The jump history (`Ctrl-o` back, `Ctrl-n` forward, `''`).
    pub jumps: jumps::Jumps,
    /// Whether the last key was a `'` (the first of `''`).
    pub quote_typed: bool,
    /// What is remembered about this corpus (read marks, bookmarks, …).
    pub memory: memory::Memory,
    /// What correcting the entities needs.
    pub corrector: correct::Corrector,
    /// The key bindings.
    pub keymap: keymap::Keymap,
    /// Pane widths and the reading width.
    pub layout: layout::Settings,
    /// The terminal area.
    pub area: Rect,
    /// Whether the state changed since the last draw.
    pub dirty: bool,
    /// Whether the user asked to quit.
    pub quit: bool,
    /// Whether the user asked to suspend to the shell (Ctrl-z); the event
    /// loop does it and clears this.
    pub suspend: bool,
}

impl App {
    /// A new application over a (possibly still empty) corpus, with the
    /// default keys and layout.
    pub fn new(corpus: Corpus, index: EntityIndex, area: Rect) -> App {
        App::with_settings(
            corpus,
            index,
            area,
            keymap::Keymap::default(),
            layout::Settings::default(),
        )
    }

    /// A new application with the user's keys and layout.
    pub fn with_settings(
        corpus: Corpus,
        index: EntityIndex,
        area: Rect,
        keymap: keymap::Keymap,
        layout: layout::Settings,
    ) -> App {
        let mut app = App {
            progress: Progress {
                found: corpus.len(),
                loaded: corpus.len(),
                analysed: 0,
                done: false,
                started: Instant::now(),
                took_ms: None,
            },
            corpus,
            index: Arc::new(index),
            problems: Vec::new(),
            message: None,
            offline: None,
            searcher: Box::new(crate::store::reader::Literal),
            focus: Focus::List,
            side: Focus::List,
            mode: Mode::Normal,
            filter_target: Focus::Sidebar,
            list: ArticleList::default(),
            filter_in_background_from: list_filter::BACKGROUND_FILTER_TITLES,
            reader: Reader::default(),
            rewrapping: None,
            sidebar: Sidebar::new(layout.sidebar_open),
            selected: None,
            walk: Walk::Mentions,
            search: Search::default(),
            prompt: prompt::Prompt::default(),
            compare: None,
            words: None,
            help: help::HelpOverlay::default(),
            bookmarks: ListState::default(),
            why: None,
            quotes: quotes::Quotes::default(),
            jumps: jumps::Jumps::default(),
            quote_typed: false,
            memory: memory::Memory::default(),
            corrector: correct::Corrector::default(),
            keymap,
            layout,
            area,
            dirty: true,
            quit: false,
            suspend: false,
        };
        if app.corpus.is_empty() {
            app.refresh();
        } else {
            app.open(DocId(0));
        }
        app
    }

    /// The panes for the current size and focus.
    pub fn panes(&self) -> Panes {
        layout::panes(
            self.area,
            self.focus,
            self.side,
            self.sidebar.shown,
            &self.layout,
        )
    }

    /// The width the reading pane wraps text to: the pane's, or the
    /// configured wrap width when that is narrower.
    pub fn reader_text_width(&self) -> usize {
        let pane = self
            .panes()
            .reader
            .map_or(0, |r| r.width.saturating_sub(4) as usize);
        match self.layout.wrap_width {
            0 => pane,
            w => pane.min(w as usize),
        }
    }

    /// The number of text rows the reading pane shows.
    pub fn reader_height(&self) -> usize {
        self.panes()
            .reader
            .map_or(1, |r| r.height.saturating_sub(2).max(1) as usize)
    }

    /// Rows visible in a list pane (for the sidebar: its list of entities).
    pub fn pane_height(&self, focus: Focus) -> usize {
        let p = self.panes();
        let r = match focus {
            Focus::List => p.list,
            Focus::Reader => p.reader,
            Focus::Sidebar => p.sidebar,
        };
        let inner = r.map_or(0, |r| r.height.saturating_sub(2));
        let rows = if focus == Focus::Sidebar {
            let extra = sidebar::HEADER_ROWS + self.sidebar_bottom_height(inner);
            inner.saturating_sub(extra)
        } else {
            inner
        };
        rows.max(1) as usize
    }

    /// The entity whose details the sidebar shows at its bottom (and that
    /// `w`, `m` and `x` apply to): the highlighted one while the sidebar has
    /// focus, else the selected one.
    pub fn details_entity(&self) -> Option<EntityId> {
        if self.focus == Focus::Sidebar {
            self.sidebar.entity().or(self.selected)
        } else {
            self.selected.or_else(|| self.sidebar.entity())
        }
    }

    /// Rows at the bottom of the sidebar, inside its border of `inner` rows,
    /// for the details of [`App::details_entity`] and, when that is the
    /// selected entity, its overview.
    pub fn sidebar_bottom_height(&self, inner: u16) -> u16 {
        let shown = self.details_entity();
        let overview = shown.is_some() && self.sidebar.overview.as_ref().map(|o| o.entity) == shown;
        sidebar::bottom_height(shown.is_some(), overview, inner)
    }

    /// Re-derive what depends on the open article, the size and the index:
    /// the wrapped text and the sidebar rows; then clamp every scroll.
    pub fn refresh(&mut self) {
        self.rewrap();
        self.rebuild_sidebar();
        self.clamp();
    }

    /// Rebuild the sidebar rows, keeping the selected entity selected.
    pub fn rebuild_sidebar(&mut self) {
        self.sidebar
            .rebuild(&self.index, self.reader.doc, self.selected);
    }

    /// Keep every selection and scroll in range.
    pub fn clamp(&mut self) {
        self.clamp_list();
        let h = self.pane_height(Focus::Sidebar);
        self.sidebar.clamp(h);
        let h = self.reader_height();
        self.reader.clamp(h);
    }

    /// Scroll the reader so that `row` is visible, a third of the way down
    /// when it has to move.
    pub fn reveal_row(&mut self, row: usize) {
        let h = self.reader_height();
        self.reader.reveal_row(row, h);
    }

    /// Open an article and mark it read: the user chose this article (in
    /// the list, with `]` `[` or `}` `{`, a bookmark).
    pub fn open(&mut self, doc: DocId) {
        if doc.index() >= self.corpus.len() {
            return;
        }
        self.memory.mark_read(&self.corpus.doc(doc).id);
        self.visit(doc);
    }

    /// Show an article without marking it read: `n`, a search hit or a
    /// quotation passing through it (newsboat's rule: only opening an
    /// article marks it read), or going back to where the reader was.
    pub fn visit(&mut self, doc: DocId) {
        if doc.index() >= self.corpus.len() {
            return;
        }
        self.remember_position();
        self.reader.show(doc);
        self.list.select(doc);
        self.rewrap();
        self.rebuild_sidebar();
        self.clamp();
    }

    /// The number of rows in the article list.
    pub fn list_len(&self) -> usize {
        self.list.len(self.corpus.len())
    }

    /// The article on a row of the list.
    pub fn list_doc(&self, row: usize) -> Option<DocId> {
        self.list.doc(row, self.corpus.len())
    }

    /// Whether the article list shows its filter line.
    pub fn list_filter_shown(&self) -> bool {
        self.list
            .filter_shown(self.mode == Mode::Filter && self.filter_target == Focus::List)
    }

    /// Filter the article list by its filter (ranked, on titles) within its
    /// limit, keeping `keep` selected if it is shown (else the best match),
    /// in view with the rows around it. In a large corpus the ranking runs
    /// on a worker and the rows come later ([`App::poll_filter`]).
    pub fn refilter_list(&mut self, keep: Option<DocId>) {
        if self.corpus.len() >= self.filter_in_background_from {
            self.list.refilter_in_background(&self.corpus, keep);
        } else {
            self.list.refilter(&self.corpus, keep);
        }
        self.reveal_list();
    }

    /// Whether the list's filter is being ranked on its worker.
    pub fn filtering(&self) -> bool {
        self.list.filtering()
    }

    /// Show the filter worker's rows if they have come; whether they have
    /// (the frame then needs drawing).
    pub fn poll_filter(&mut self) -> bool {
        let changed = self.list.poll(&self.corpus, false);
        if changed {
            self.reveal_list();
            self.dirty = true;
        }
        changed
    }

    /// Show the corpus-wide sidebar rows if their thread has sorted them;
    /// whether the frame needs drawing.
    pub fn poll_sidebar(&mut self) -> bool {
        if !self.sidebar.poll() {
            return false;
        }
        self.rebuild_sidebar();
        self.clamp();
        self.dirty = true;
        true
    }

    /// Whether the corpus-wide sidebar rows are being sorted on a thread.
    pub fn sorting_sidebar(&self) -> bool {
        self.sidebar.sorting()
    }

    /// Wait for the filter worker's rows and show them (before `Enter`
    /// opens the best match, in tests, and where there is no event loop).
    pub fn finish_filter(&mut self) {
        while self.filtering() {
            if self.list.poll(&self.corpus, true) {
                self.reveal_list();
                self.dirty = true;
            }
        }
    }

    fn reveal_list(&mut self) {
        let (len, h) = (self.list_len(), self.list_lines());
        self.list.reveal(len, h);
        self.clamp();
    }

    /// The selected entity's current mention as "i/M", if the cursor is on one.
    pub fn mention_ordinal(&self) -> Option<(usize, usize)> {
        let c = self.reader.cursor.as_ref()?;
        let id = self.selected?;
        let m = self
            .index
            .mentions_in(c.doc)
            .iter()
            .find(|m| m.entity == id && m.span() == c.range)?;
        self.index.ordinal(m)
    }

    /// A one-line summary of loading for the status bar, while it runs.
    pub fn progress_line(&self) -> Option<String> {
        let p = &self.progress;
        if p.done {
            return None;
        }
        let secs = p.started.elapsed().as_secs_f64().max(0.001);
        Some(if p.loaded < p.found || p.found == 0 {
            // A cold open analyses articles while it reads the rest.
            if p.analysed > 0 {
                format!(
                    "loading {}/{} articles, {} indexed…",
                    p.loaded, p.found, p.analysed
                )
            } else {
                format!("loading {}/{} articles…", p.loaded, p.found)
            }
        } else {
            format!(
                "indexing {}/{} ({:.0}/s)…",
                p.analysed,
                p.loaded,
                p.analysed as f64 / secs
            )
        })
    }

    /// Take in an update from ingest (see [`crate::ingest::run`]).
    pub fn on_update(&mut self, update: Update) {
        self.dirty = true;
        match update {
            Update::Found(n) => self.progress.found = n,
            Update::Documents(docs) => {
                let first = self.corpus.is_empty();
                self.corpus.extend(docs);
                self.progress.loaded = self.corpus.len();
                if self.list.is_narrowed() {
                    let keep = self.list_doc(self.list.selection.selected);
                    self.refilter_list(keep);
                }
                self.restore();
                if first && !self.memory.restored {
                    self.open(DocId(0));
                } else {
                    self.clamp();
                }
            }
            Update::Problems(p) => self.problems.extend(p),
            Update::Analysed(n) => self.progress.analysed = n,
            Update::Analyses(analyses) => {
                self.corrector.analyses = Some(analyses);
                self.start_waiting_relink();
            }
            Update::Quotes(docs) => self.quotes.docs = Some(docs),
            // Searches from now on read only the articles that can match.
            Update::Words(words) => self.searcher = Box::new(words),
            Update::Indexed(index, analyses) => {
                if self.corpus.len() >= self.filter_in_background_from {
                    // The filter worker folds the titles once the index is
                    // there, not beside linking's tables (at a million
                    // articles, 78 MB at the cold open's peak); a filter
                    // typed before takes them with its query.
                    self.list.send_titles(&self.corpus);
                }
                self.index = Arc::new(index);
                self.sidebar.forget_index();
                self.sidebar.derive_in_background(&self.index);
                self.corrector.analyses = analyses.map(Analyses::ready);
                self.progress.done = true;
                let took = self.progress.started.elapsed().as_millis();
                self.progress.took_ms = Some(took);
                tracing::debug!(
                    "the reader shows {} articles and {} entities after {took} ms",
                    self.corpus.len(),
                    self.index.len()
                );
                self.rebuild_sidebar();
                self.clamp();
                self.restore();
                self.start_waiting_relink();
            }
        }
    }
}

#[cfg(test)]
mod filter_tests;
#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod workflow_tests;
