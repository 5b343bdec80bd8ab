//! Application state and its transitions: what is open, selected, focused and
//! scrolled. No drawing happens here; keys arrive as [`Action`]s and the
//! loading worker's results as [`Update`]s (see [`crate::ingest`]).

pub mod action;
pub mod compare;
pub mod correct;
pub mod help;
pub mod keymap;
pub mod layout;
pub mod reading;
pub mod sidebar;
pub mod update;

pub use action::Action;

use crate::corpus::{Corpus, DocId};
use crate::entity::{EntityId, EntityIndex};
use crate::ingest::Update;
use crate::search::Hit;
use crate::wrap::{self, Wrapped};
use layout::Panes;
use ratatui::layout::Rect;
use std::ops::Range;
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
    /// Typing a sidebar filter.
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
}

/// Which entities the sidebar lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Those of the open article.
    Article,
    /// Those of the whole corpus.
    Corpus,
}

/// What `n` and `N` walk through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Walk {
    /// Mentions of the selected entity.
    Mentions,
    /// Search hits.
    Hits,
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

/// The highlighted place in the text that `n`/`N` move from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The document.
    pub doc: DocId,
    /// The byte range highlighted as current.
    pub range: Range<usize>,
}

/// The reading pane's state.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    /// The open document's text wrapped to the pane.
    pub wrapped: Wrapped,
    /// The document `wrapped` belongs to.
    pub wrapped_doc: Option<DocId>,
    /// The first visible row.
    pub scroll: usize,
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

/// Where the selected entity appears and who appears with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    /// The entity.
    pub entity: EntityId,
    /// Documents with mention counts, most first.
    pub spread: Vec<(DocId, usize)>,
    /// Entities sharing the most documents with it.
    pub with: Vec<(EntityId, usize)>,
}

/// The search state.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// The query being typed or last run.
    pub query: String,
    /// Its hits in corpus order (those found so far while it runs).
    pub hits: Vec<Hit>,
    /// The current hit.
    pub current: Option<usize>,
    /// A search still running over the rest of the corpus, a slice at a
    /// time between frames (see [`App::search_more`]).
    pub pending: Option<PendingSearch>,
}

/// A search under way: it goes from the open article to the end of the
/// corpus, then from the start to the open article.
#[derive(Debug, Clone)]
pub struct PendingSearch {
    /// The query.
    pub query: String,
    /// The next document to search.
    pub next: usize,
    /// Where the search started (and ends, after wrapping round).
    pub start: usize,
    /// Whether it has wrapped round to the start of the corpus.
    pub wrapped: bool,
}

/// The whole application state.
#[derive(Debug)]
pub struct App {
    /// The open articles.
    pub corpus: Corpus,
    /// Their entities (empty until indexing is done).
    pub index: EntityIndex,
    /// Loading and indexing progress.
    pub progress: Progress,
    /// Problems met while loading, for the status bar.
    pub problems: Vec<String>,
    /// A one-off message for the status bar.
    pub message: Option<String>,
    /// The focused pane.
    pub focus: Focus,
    /// The left pane shown in medium-width terminals (list or sidebar).
    pub side: Focus,
    /// What keys do.
    pub mode: Mode,
    /// The open article.
    pub doc: DocId,
    /// The article list.
    pub list: ListState,
    /// The article list's filter.
    pub list_filter: String,
    /// The articles the list shows, best match first, while filtered;
    /// `None` shows every article in corpus order.
    pub list_rows: Option<Vec<DocId>>,
    /// The pane the filter prompt types into (list or sidebar).
    pub filter_target: Focus,
    /// The reading pane.
    pub reader: Reader,
    /// The sidebar's selection.
    pub sidebar: ListState,
    /// The sidebar's rows (derived; rebuilt when scope, filter, article or
    /// index change).
    pub sidebar_rows: Vec<sidebar::Row>,
    /// The corpus-scope rows without a filter, made once per index (sorting
    /// every entity is the costliest thing a key press could do).
    pub corpus_rows: Option<Vec<sidebar::Row>>,
    /// What the sidebar lists.
    pub scope: Scope,
    /// The sidebar filter.
    pub filter: String,
    /// Whether the filter matched nothing in this article and the sidebar
    /// shows matches from all articles instead.
    pub filter_widened: bool,
    /// Whether the sidebar is shown.
    pub sidebar_shown: bool,
    /// The selected entity, whose mentions stand out.
    pub selected: Option<EntityId>,
    /// The current mention or hit.
    pub cursor: Option<Cursor>,
    /// What `n`/`N` walk.
    pub walk: Walk,
    /// The search.
    pub search: Search,
    /// The per-document analyses the index was linked from, to re-link after
    /// a correction.
    pub analyses: Option<std::sync::Arc<Vec<crate::entity::pipeline::Analysis>>>,
    /// The entity being merged into another (in [`Mode::Merge`]).
    pub merging: Option<EntityId>,
    /// Where corrections are saved (`None`: the default in the config dir).
    pub corrections_path: Option<std::path::PathBuf>,
    /// What is remembered about this corpus (read marks, bookmarks, …).
    pub reading: crate::reading_memory::ReadingState,
    /// Where `reading` is saved; `None` to keep nothing.
    pub state_file: Option<crate::reading_memory::StateFile>,
    /// Whether the remembered article has been reopened yet.
    pub restored: bool,
    /// The bookmarks list's selection, while it is open.
    pub bookmarks: ListState,
    /// The selected entity's overview for the sidebar (derived; rebuilt when
    /// the selection or the index changes).
    pub overview: Option<Overview>,
    /// The compare view, while open.
    pub compare: Option<Box<compare::CompareView>>,
    /// Word document frequencies for comparisons (derived, built on first use).
    pub words: Option<crate::compare::frequency::WordFrequencies>,
    /// The mode to return to when the help overlay closes.
    pub help_return: Mode,
    /// Lines the help overlay is scrolled down by (short terminals).
    pub help_scroll: u16,
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
            index,
            problems: Vec::new(),
            message: None,
            focus: Focus::List,
            side: Focus::List,
            mode: Mode::Normal,
            doc: DocId(0),
            list: ListState::default(),
            list_filter: String::new(),
            list_rows: None,
            filter_target: Focus::Sidebar,
            reader: Reader::default(),
            sidebar: ListState::default(),
            sidebar_rows: Vec::new(),
            corpus_rows: None,
            scope: Scope::Article,
            filter: String::new(),
            filter_widened: false,
            sidebar_shown: layout.sidebar_open,
            selected: None,
            cursor: None,
            walk: Walk::Mentions,
            search: Search::default(),
            reading: crate::reading_memory::ReadingState::default(),
            state_file: None,
            restored: false,
            bookmarks: ListState::default(),
            overview: None,
            compare: None,
            words: None,
            analyses: None,
            merging: None,
            corrections_path: None,
            help_return: Mode::Normal,
            help_scroll: 0,
            keymap,
            layout,
            area,
            dirty: true,
            quit: false,
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
            self.sidebar_shown,
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
            let extra =
                sidebar::HEADER_ROWS + sidebar::overview_height(self.overview.is_some(), inner);
            inner.saturating_sub(extra)
        } else {
            inner
        };
        rows.max(1) as usize
    }

    /// Re-derive what depends on the open article, the size and the index:
    /// the wrapped text and the sidebar rows; then clamp every scroll.
    pub fn refresh(&mut self) {
        self.rewrap();
        self.rebuild_sidebar();
        self.clamp();
    }

    /// Wrap the open article again if the article or the width changed.
    pub fn rewrap(&mut self) {
        let width = self.reader_text_width();
        if self.corpus.is_empty() {
            self.reader.wrapped = Wrapped::default();
            self.reader.wrapped_doc = None;
            return;
        }
        if self.reader.wrapped_doc == Some(self.doc) && self.reader.wrapped.width == width.max(1) {
            return;
        }
        let d = self.corpus.doc(self.doc);
        let anchor = self
            .reader
            .wrapped
            .lines
            .get(self.reader.scroll)
            .filter(|_| self.reader.wrapped_doc == Some(self.doc))
            .map(|l| l.range.start);
        self.reader.wrapped = wrap::wrap(&d.text, &d.hidden, width);
        self.reader.wrapped_doc = Some(self.doc);
        self.reader.scroll = anchor.map_or(0, |a| self.reader.wrapped.row_of(a));
        if let Some(c) = &self.cursor
            && c.doc == self.doc
        {
            let row = self.reader.wrapped.row_of(c.range.start);
            self.reveal_row(row);
        }
    }

    /// Rebuild the sidebar rows, keeping the selected entity selected.
    pub fn rebuild_sidebar(&mut self) {
        if self.overview.as_ref().map(|o| o.entity) != self.selected {
            // Only when the selection changed: this walks the entity's documents.
            self.overview = self.selected.map(|id| Overview {
                entity: id,
                spread: self.index.spread(id),
                with: self.index.co_mentions(id, 8),
            });
        }
        let keep = self.sidebar_entity();
        self.sidebar_rows = if self.scope == Scope::Corpus && self.filter.trim().is_empty() {
            let index = &self.index;
            let doc = self.doc;
            self.corpus_rows
                .get_or_insert_with(|| sidebar::rows(index, doc, Scope::Corpus, ""))
                .clone()
        } else {
            sidebar::rows(&self.index, self.doc, self.scope, &self.filter)
        };
        // A filter that matches nothing in this article looks in all of them.
        self.filter_widened = false;
        if self.sidebar_rows.is_empty() && !self.filter.is_empty() && self.scope == Scope::Article {
            self.sidebar_rows = sidebar::rows(&self.index, self.doc, Scope::Corpus, &self.filter);
            self.filter_widened = !self.sidebar_rows.is_empty();
        }
        let target = keep.or(self.selected);
        let row = target
            .and_then(|id| sidebar::row_of(&self.sidebar_rows, id))
            .or_else(|| {
                self.sidebar_rows
                    .iter()
                    .position(|r| matches!(r, sidebar::Row::Entity { .. }))
            });
        self.sidebar.selected = row.unwrap_or(0);
    }

    /// The entity under the sidebar selection.
    pub fn sidebar_entity(&self) -> Option<EntityId> {
        match self.sidebar_rows.get(self.sidebar.selected)? {
            sidebar::Row::Entity { id, .. } => Some(*id),
            sidebar::Row::Header(..) => None,
        }
    }

    /// Keep every selection and scroll in range.
    pub fn clamp(&mut self) {
        let h = self.pane_height(Focus::List);
        self.list.clamp(self.list_len(), h);
        let h = self.pane_height(Focus::Sidebar);
        self.sidebar.clamp(self.sidebar_rows.len(), h);
        let max = self
            .reader
            .wrapped
            .len()
            .saturating_sub(self.reader_height());
        self.reader.scroll = self.reader.scroll.min(max);
    }

    /// Scroll the reader so that `row` is visible, a third of the way down
    /// when it has to move.
    pub fn reveal_row(&mut self, row: usize) {
        let h = self.reader_height();
        if row < self.reader.scroll || row >= self.reader.scroll + h {
            self.reader.scroll = row.saturating_sub(h / 3);
        }
        let max = self.reader.wrapped.len().saturating_sub(h);
        self.reader.scroll = self.reader.scroll.min(max);
    }

    /// Open an article (and mark it read).
    pub fn open(&mut self, doc: DocId) {
        if doc.index() >= self.corpus.len() {
            return;
        }
        self.remember_position();
        let id = &self.corpus.doc(doc).id;
        if !self.reading.read.contains(id) {
            self.reading.read.insert(id.clone());
        }
        if doc != self.doc {
            self.doc = doc;
            self.reader.scroll = 0;
            self.reader.wrapped_doc = None;
        }
        if let Some(row) = self.list_row_of(doc) {
            self.list.selected = row;
        }
        self.rewrap();
        self.rebuild_sidebar();
        self.clamp();
    }

    /// Whether the article list shows its filter line.
    pub fn list_filter_shown(&self) -> bool {
        !self.list_filter.is_empty()
            || (self.mode == Mode::Filter && self.filter_target == Focus::List)
    }

    /// The number of rows in the article list.
    pub fn list_len(&self) -> usize {
        self.list_rows.as_ref().map_or(self.corpus.len(), Vec::len)
    }

    /// The article on a row of the list.
    pub fn list_doc(&self, row: usize) -> Option<DocId> {
        match &self.list_rows {
            Some(rows) => rows.get(row).copied(),
            None => (row < self.corpus.len()).then_some(DocId(row as u32)),
        }
    }

    /// The row of an article in the list, if it is shown.
    pub fn list_row_of(&self, doc: DocId) -> Option<usize> {
        match &self.list_rows {
            Some(rows) => rows.iter().position(|&d| d == doc),
            None => Some(doc.index()),
        }
    }

    /// Filter the article list by `list_filter` (fuzzy, on titles).
    pub fn refilter_list(&mut self) {
        let q = self.list_filter.trim();
        self.list_rows = if q.is_empty() {
            None
        } else {
            let mut scored: Vec<(u32, DocId)> = self
                .corpus
                .docs()
                .iter()
                .enumerate()
                .filter_map(|(i, d)| crate::fuzzy::score(q, &d.title).map(|s| (s, DocId(i as u32))))
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            Some(scored.into_iter().map(|(_, d)| d).collect())
        };
        self.list.selected = self.list_row_of(self.doc).unwrap_or(0);
        self.list.offset = 0;
        self.clamp();
    }

    /// The selected entity's current mention as "i/M", if the cursor is on one.
    pub fn mention_ordinal(&self) -> Option<(usize, usize)> {
        let c = self.cursor.as_ref()?;
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
            format!("loading {}/{} articles…", p.loaded, p.found)
        } else {
            format!(
                "indexing {}/{} ({:.0}/s)…",
                p.analysed,
                p.loaded,
                p.analysed as f64 / secs
            )
        })
    }
}

impl App {
    /// Take in an update from ingest (see [`crate::ingest::run`]).
    pub fn on_update(&mut self, update: Update) {
        self.dirty = true;
        match update {
            Update::Found(n) => self.progress.found = n,
            Update::Documents(docs) => {
                let first = self.corpus.is_empty();
                self.corpus.extend(docs);
                self.progress.loaded = self.corpus.len();
                if !self.list_filter.is_empty() {
                    self.refilter_list();
                }
                self.restore();
                if first && !self.restored {
                    self.open(crate::corpus::DocId(0));
                } else {
                    self.clamp();
                }
            }
            Update::Problems(p) => self.problems.extend(p),
            Update::Analysed(n) => self.progress.analysed = n,
            Update::Analyses(analyses) => self.analyses = Some(analyses),
            Update::Indexed(index, analyses) => {
                self.index = index;
                self.corpus_rows = None;
                self.overview = None;
                self.analyses = analyses;
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
            }
        }
    }
}
