//! Quotations in the reader: the quotations of the corpus as ingest found
//! them ([`crate::ingest::Update::Quotes`]), the quotes view of one entity
//! (all of its quotations across the corpus, newest first) and walking them
//! with `n`/`N`.
//!
//! The quotations arrive once, after the index, computed on the loading
//! worker; the speaker of each is resolved against the index in force when
//! the view opens, so corrections (merges, not-an-entity marks) count at
//! once. Listing one entity's quotations is a pass over the quotations of
//! the corpus (a few thousand per thousand articles), not over the text.

use super::{App, Focus, ListState, Mode, Walk};
use crate::compare::date::parse_date;
use crate::corpus::{Corpus, DocId};
use crate::entity::{EntityId, EntityIndex};
use crate::quote::QuoteKind;
use crate::quote::json::entity_at;
use crate::quote::table::QuoteTable;
use std::ops::Range;
use std::sync::Arc;

/// One quotation of the quotes view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteEntry {
    /// Its article.
    pub doc: DocId,
    /// Its spans (the quoted words; several when a frame interrupts them).
    pub spans: Vec<Range<usize>>,
    /// Its kind.
    pub kind: QuoteKind,
}

impl QuoteEntry {
    /// From the start of the first span to the end of the last.
    pub fn extent(&self) -> Range<usize> {
        let s = self.spans.first().map_or(0, |r| r.start);
        let e = self.spans.last().map_or(s, |r| r.end);
        s..e
    }
}

/// The quotations of the corpus and the quotes view.
#[derive(Debug, Clone, Default)]
pub struct Quotes {
    /// The quotations of each article, in corpus order; `None` until ingest
    /// has found them.
    pub docs: Option<Arc<QuoteTable>>,
    /// Whose quotations the view lists (kept after it closes, for `n`/`N`).
    pub entity: Option<EntityId>,
    /// Their quotations, newest first.
    pub entries: Vec<QuoteEntry>,
    /// The view's selection (in entries).
    pub selection: ListState,
    /// The entry `n`/`N` went to last.
    pub current: Option<usize>,
}

impl Quotes {
    /// The quoted spans of one article, in text order (empty until the
    /// quotations are found).
    pub fn spans_in(&self, doc: DocId) -> Vec<Range<usize>> {
        self.docs
            .as_ref()
            .map(|t| t.spans_in(doc.index()))
            .unwrap_or_default()
    }
}

/// A document date as a sortable (year, month, day).
type DateKey = (i32, u8, u8);

/// A document date as a sortable key, when the document carries one with a
/// year.
fn date_key(date: Option<&str>) -> Option<DateKey> {
    let d = parse_date(date?)?;
    Some((d.year?, d.month.unwrap_or(0), d.day.unwrap_or(0)))
}

/// Every quotation of `entity` in `docs` (the quotations of each article of
/// `corpus`), newest first: articles with a date by date, latest first;
/// then articles without one in corpus order. Quotations of one article
/// stay in text order. A quotation inside another of the same speaker (the
/// words in marks within indirect speech) is listed once, as the larger.
pub fn quotes_of(
    docs: &QuoteTable,
    corpus: &Corpus,
    index: &EntityIndex,
    entity: EntityId,
) -> Vec<QuoteEntry> {
    let mut found: Vec<(Option<DateKey>, QuoteEntry)> = Vec::new();
    for d in 0..docs.len().min(corpus.len()) {
        let doc = DocId(d as u32);
        let mut date = None;
        let theirs: Vec<_> = docs
            .quotes_in(d)
            .filter(|q| {
                q.refers_to()
                    .is_some_and(|span| entity_at(index, doc, &span) == Some(entity))
            })
            .collect();
        for q in &theirs {
            let x = q.extent();
            let inside = theirs.iter().any(|o| {
                let y = o.extent();
                y != x && y.start <= x.start && x.end <= y.end
            });
            if inside {
                continue;
            }
            let date = *date.get_or_insert_with(|| date_key(corpus.doc(doc).date.as_deref()));
            found.push((
                date,
                QuoteEntry {
                    doc,
                    spans: q.spans().collect(),
                    kind: q.kind(),
                },
            ));
        }
    }
    // Stable: ties keep corpus and text order.
    found.sort_by(|a, b| match (a.0, b.0) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    found.into_iter().map(|(_, e)| e).collect()
}

impl App {
    /// The entity whose quotations the quotes view would list: the selected
    /// one, else the one highlighted in the focused sidebar.
    fn quotes_entity(&self) -> Option<EntityId> {
        self.selected.or_else(|| {
            (self.focus == Focus::Sidebar)
                .then(|| self.sidebar.entity())
                .flatten()
        })
    }

    /// Open the quotes view of the selected entity (a message says why
    /// when there is nothing to show). The selection starts on the
    /// quotation `n`/`N` went to last, else on the newest.
    pub fn open_quotes(&mut self) {
        let Some(id) = self.quotes_entity() else {
            self.message =
                Some("select a person or organisation first (Enter in the sidebar)".into());
            return;
        };
        let Some(docs) = self.quotes.docs.clone() else {
            self.message = Some("still finding the quotations…".into());
            return;
        };
        let entries = quotes_of(&docs, &self.corpus, &self.index, id);
        let name = crate::corpus::sanitize::visible(self.index.entity(id).name);
        if entries.is_empty() {
            self.message = Some(format!("no quotations of {name}"));
            return;
        }
        let same = self.quotes.entity == Some(id) && self.quotes.entries == entries;
        if !same {
            self.quotes.current = None;
            self.quotes.selection = ListState::default();
        } else if let Some(c) = self.quotes.current {
            self.quotes.selection.selected = c;
        }
        self.quotes.entity = Some(id);
        self.quotes.entries = entries;
        self.clamp_quotes();
        self.mode = Mode::Quotes;
    }

    /// Quotations the view shows at once: each takes
    /// [`QUOTE_ROWS`] rows inside the popup's border.
    pub fn quotes_view_height(&self) -> usize {
        (self.area.height.saturating_sub(4) as usize / QUOTE_ROWS).max(1)
    }

    fn clamp_quotes(&mut self) {
        let n = self.quotes.entries.len();
        let h = self.quotes_view_height();
        self.quotes.selection.clamp(n, h);
    }

    /// Move the quotes view's selection.
    pub(super) fn move_in_quotes(&mut self, delta: isize) {
        let last = self.quotes.entries.len().saturating_sub(1) as isize;
        self.quotes.selection.selected = (self.quotes.selection.selected as isize)
            .saturating_add(delta)
            .clamp(0, last) as usize;
        self.clamp_quotes();
    }

    /// Open the highlighted quotation in its article: the cursor on it,
    /// scrolled into view, the speaker selected, and `n`/`N` walking the
    /// speaker's quotations from there.
    pub fn goto_selected_quote(&mut self) {
        self.mode = Mode::Normal;
        let i = self.quotes.selection.selected;
        if i < self.quotes.entries.len() {
            self.goto_quote(i);
        }
    }

    fn goto_quote(&mut self, i: usize) {
        let e = self.quotes.entries[i].clone();
        self.quotes.current = Some(i);
        self.quotes.selection.selected = i;
        self.clamp_quotes();
        if let Some(id) = self.quotes.entity {
            self.selected = Some(id);
        }
        self.walk = Walk::Quotes;
        self.focus = Focus::Reader;
        self.goto(e.doc, e.extent());
        self.rebuild_sidebar();
        self.clamp();
    }

    /// `n`/`N` while walking quotations: the next or previous one in the
    /// view's order (newest first), round to the other end.
    pub(super) fn step_quote(&mut self, forward: bool) {
        let n = self.quotes.entries.len();
        if n == 0 {
            self.walk = Walk::Mentions;
            return;
        }
        let i = match (self.quotes.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
        };
        if (forward && i == 0 || !forward && i == n - 1) && self.quotes.current.is_some() && n > 1 {
            self.message = Some(if forward {
                "back at the newest quotation".into()
            } else {
                "back at the oldest quotation".into()
            });
        }
        self.goto_quote(i);
    }

    /// The current quotation as (i, n), while `n`/`N` walk quotations.
    pub fn quote_ordinal(&self) -> Option<(usize, usize)> {
        if self.walk != Walk::Quotes {
            return None;
        }
        Some((self.quotes.current? + 1, self.quotes.entries.len()))
    }
}

/// Rows each quotation takes in the quotes view: its article, two lines of
/// its words.
pub const QUOTE_ROWS: usize = 3;
