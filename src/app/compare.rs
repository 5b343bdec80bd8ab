//! The compare view's state: two reports side by side, the entities they
//! share and those only one has, the figures on which they differ, and
//! synchronised jumping between mentions.

use super::{App, ListState, Mode};
use crate::compare::frequency::WordFrequencies;
use crate::compare::{self, Comparison, EntityCount};
use crate::corpus::DocId;
use crate::entity::EntityId;
use crate::wrap::{self, Wrapped};
use ratatui::layout::Rect;
use std::ops::Range;

/// The parts of the compare view that take the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The entity strip.
    Entities,
    /// The list of differing figures.
    Figures,
    /// The left report.
    Left,
    /// The right report.
    Right,
}

/// A row of the entity strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StripRow {
    /// "In both", "Only left", "Only right" with a count.
    Header(Group, usize),
    /// An entity: its group and index within it.
    Entity(Group, usize),
}

/// The groups of the entity strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Mentioned in both reports.
    Shared,
    /// Only in the left report.
    OnlyLeft,
    /// Only in the right report.
    OnlyRight,
}

/// One side of the comparison.
#[derive(Debug, Clone, Default)]
pub struct Side {
    /// The report.
    pub doc: DocId,
    /// Its text wrapped to the pane.
    pub wrapped: Wrapped,
    /// The first visible row.
    pub scroll: usize,
    /// The current mention or figure.
    pub cursor: Option<Range<usize>>,
}

/// Where the compare view's parts go on screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    /// The left report.
    pub left: Rect,
    /// The right report.
    pub right: Rect,
    /// The entity strip.
    pub entities: Rect,
    /// The figure differences.
    pub figures: Rect,
    /// The status bar.
    pub status: Rect,
}

impl Areas {
    /// The part under a screen cell.
    pub fn hit(&self, x: u16, y: u16) -> Option<Part> {
        let inside = |r: Rect| x >= r.x && x < r.right() && y >= r.y && y < r.bottom();
        [
            (self.left, Part::Left),
            (self.right, Part::Right),
            (self.entities, Part::Entities),
            (self.figures, Part::Figures),
        ]
        .into_iter()
        .find(|(r, _)| inside(*r))
        .map(|(_, p)| p)
    }
}

/// Lay out the compare view: the two reports on top, the entity strip and
/// the figure differences below.
pub fn areas(area: Rect) -> Areas {
    if area.width == 0 || area.height == 0 {
        return Areas::default();
    }
    let body_h = area.height.saturating_sub(1);
    let status = Rect::new(area.x, area.y + body_h, area.width, 1);
    let strip_h = (body_h * 2 / 5).clamp(0, 16).min(body_h);
    let top_h = body_h - strip_h;
    let half = area.width / 2;
    let ent_w = (area.width * 2 / 5).max(1).min(area.width);
    Areas {
        left: Rect::new(area.x, area.y, half, top_h),
        right: Rect::new(area.x + half, area.y, area.width - half, top_h),
        entities: Rect::new(area.x, area.y + top_h, ent_w, strip_h),
        figures: Rect::new(area.x + ent_w, area.y + top_h, area.width - ent_w, strip_h),
        status,
    }
}

/// The compare view.
#[derive(Debug, Clone)]
pub struct CompareView {
    /// What the two reports share and where they differ.
    pub comparison: Comparison,
    /// The left and right reports.
    pub sides: [Side; 2],
    /// The part with the keyboard.
    pub part: Part,
    /// The entity strip's rows.
    pub strip_rows: Vec<StripRow>,
    /// The strip's selection.
    pub strip: ListState,
    /// The figure list's selection.
    pub figures: ListState,
    /// The entity whose mentions stand out in both panes.
    pub selected: Option<EntityId>,
    /// Whether scrolling one pane scrolls the other.
    pub locked: bool,
    /// The report picker, when open: documents by similarity, and selection.
    pub picker: Option<(Vec<(DocId, f64)>, ListState)>,
}

impl CompareView {
    /// The entity of a strip row.
    pub fn strip_entity(&self, row: StripRow) -> Option<&EntityCount> {
        let s = &self.comparison.entities;
        match row {
            StripRow::Entity(Group::Shared, i) => s.shared.get(i),
            StripRow::Entity(Group::OnlyLeft, i) => s.only_left.get(i),
            StripRow::Entity(Group::OnlyRight, i) => s.only_right.get(i),
            StripRow::Header(..) => None,
        }
    }
}

fn strip_rows(c: &Comparison) -> Vec<StripRow> {
    let mut rows = Vec::new();
    for (g, list) in [
        (Group::Shared, &c.entities.shared),
        (Group::OnlyLeft, &c.entities.only_left),
        (Group::OnlyRight, &c.entities.only_right),
    ] {
        rows.push(StripRow::Header(g, list.len()));
        rows.extend((0..list.len()).map(|i| StripRow::Entity(g, i)));
    }
    rows
}

impl App {
    /// The compare view's screen areas.
    pub fn compare_areas(&self) -> Areas {
        areas(self.area)
    }

    fn words(&mut self) -> &WordFrequencies {
        let stale = self
            .words
            .as_ref()
            .is_none_or(|w| w.doc_count() != self.corpus.len());
        if stale {
            self.words = Some(WordFrequencies::new(&self.corpus));
        }
        self.words
            .get_or_insert_with(|| WordFrequencies::new(&self.corpus))
    }

    /// Open the compare view with the open report on the left and `right`
    /// (by default the most similar report) on the right.
    pub fn open_compare(&mut self, right: Option<DocId>) {
        if self.corpus.len() < 2 {
            self.message = Some("comparing needs at least two articles".into());
            return;
        }
        let left = self.doc;
        let right = right
            .or_else(|| compare::most_similar(left, &self.corpus, &self.index))
            .unwrap_or(DocId(if left.0 == 0 { 1 } else { 0 }));
        self.set_comparison(left, right);
        self.mode = Mode::Compare;
    }

    fn set_comparison(&mut self, left: DocId, right: DocId) {
        self.words();
        let Some(words) = self.words.as_ref() else {
            return;
        };
        let Some(comparison) = compare::compare_with(&self.corpus, left, right, &self.index, words)
        else {
            return;
        };
        let keep = self
            .compare
            .as_ref()
            .and_then(|c| c.selected)
            .or(self.selected);
        let rows = strip_rows(&comparison);
        let mut view = CompareView {
            strip_rows: rows,
            comparison,
            sides: [
                Side {
                    doc: left,
                    ..Side::default()
                },
                Side {
                    doc: right,
                    ..Side::default()
                },
            ],
            part: Part::Entities,
            strip: ListState {
                selected: 1,
                offset: 0,
            },
            figures: ListState::default(),
            selected: None,
            locked: false,
            picker: None,
        };
        if let Some(id) = keep
            && let Some(i) = view
                .strip_rows
                .iter()
                .position(|&r| view.strip_entity(r).is_some_and(|e| e.entity == id))
        {
            view.strip.selected = i;
            view.selected = Some(id);
        }
        self.compare = Some(Box::new(view));
        self.rewrap_compare();
    }

    /// Wrap both reports to their panes (after a resize or a new pair).
    pub fn rewrap_compare(&mut self) {
        let a = self.compare_areas();
        let Some(view) = self.compare.as_mut() else {
            return;
        };
        for (side, r) in view.sides.iter_mut().zip([a.left, a.right]) {
            let width = r.width.saturating_sub(4) as usize;
            if side.wrapped.width != width.max(1) || side.wrapped.is_empty() {
                let d = self.corpus.doc(side.doc);
                side.wrapped = wrap::wrap(&d.text, &d.hidden, width);
            }
            let h = r.height.saturating_sub(2) as usize;
            side.scroll = side.scroll.min(side.wrapped.len().saturating_sub(h));
        }
        let hs = a.entities.height.saturating_sub(2) as usize;
        view.strip.clamp(view.strip_rows.len(), hs);
        let hf = a.figures.height.saturating_sub(2) as usize;
        view.figures.clamp(view.comparison.differences.len(), hf);
    }

    /// Swap the two reports.
    pub fn swap_compare(&mut self) {
        if let Some(v) = &self.compare {
            let (l, r) = (v.sides[0].doc, v.sides[1].doc);
            self.set_comparison(r, l);
        }
    }

    /// Open the picker for the right-hand report.
    pub fn open_picker(&mut self) {
        let Some(v) = self.compare.as_mut() else {
            return;
        };
        let left = v.sides[0].doc;
        let mut ranked = compare::similar::ranked(left, &self.corpus, &self.index);
        let current = v.sides[1].doc;
        let selected = ranked.iter().position(|(d, _)| *d == current).unwrap_or(0);
        ranked.retain(|(d, _)| *d != left);
        v.picker = Some((
            ranked,
            ListState {
                selected: selected.saturating_sub(0),
                offset: 0,
            },
        ));
        self.mode = Mode::Picker;
    }

    /// Choose the picker's selection as the right-hand report.
    pub fn pick(&mut self) {
        let Some(v) = self.compare.as_mut() else {
            return;
        };
        let Some((ranked, sel)) = v.picker.take() else {
            return;
        };
        self.mode = Mode::Compare;
        if let Some(&(doc, _)) = ranked.get(sel.selected) {
            let left = v.sides[0].doc;
            self.set_comparison(left, doc);
        }
    }

    /// Close the compare view, back to the reader on the left report.
    pub fn close_compare(&mut self) {
        if let Some(v) = self.compare.take() {
            self.mode = Mode::Normal;
            if let Some(id) = v.selected {
                self.selected = Some(id);
            }
            self.open(v.sides[0].doc);
        }
    }

    /// Move within the focused part of the compare view.
    pub fn compare_move(&mut self, delta: isize) {
        let a = self.compare_areas();
        let Some(v) = self.compare.as_mut() else {
            return;
        };
        if let Some((ranked, sel)) = v.picker.as_mut() {
            let last = ranked.len().saturating_sub(1) as isize;
            sel.selected = (sel.selected as isize).saturating_add(delta).clamp(0, last) as usize;
            sel.clamp(ranked.len(), a.left.height as usize);
            return;
        }
        match v.part {
            Part::Entities => {
                let rows = &v.strip_rows;
                if rows.is_empty() {
                    return;
                }
                let last = rows.len() as isize - 1;
                let dir = if delta >= 0 { 1 } else { -1 };
                let mut i = (v.strip.selected as isize)
                    .saturating_add(delta)
                    .clamp(0, last);
                while matches!(rows[i as usize], StripRow::Header(..))
                    && (0..=last).contains(&(i + dir))
                {
                    i += dir;
                }
                while matches!(rows[i as usize], StripRow::Header(..))
                    && (0..=last).contains(&(i - dir))
                {
                    i -= dir;
                }
                v.strip.selected = i as usize;
                v.strip
                    .clamp(rows.len(), a.entities.height.saturating_sub(2) as usize);
            }
            Part::Figures => {
                let n = v.comparison.differences.len();
                let last = n.saturating_sub(1) as isize;
                v.figures.selected = (v.figures.selected as isize)
                    .saturating_add(delta)
                    .clamp(0, last) as usize;
                v.figures
                    .clamp(n, a.figures.height.saturating_sub(2) as usize);
            }
            Part::Left | Part::Right => {
                let which = usize::from(v.part == Part::Right);
                let heights = [a.left.height, a.right.height].map(|h| h.saturating_sub(2) as usize);
                let sides: &mut [Side] = if v.locked {
                    &mut v.sides[..]
                } else {
                    std::slice::from_mut(&mut v.sides[which])
                };
                for (k, side) in sides.iter_mut().enumerate() {
                    let h = heights[if v.locked { k } else { which }];
                    let max = side.wrapped.len().saturating_sub(h) as isize;
                    side.scroll = (side.scroll as isize)
                        .saturating_add(delta)
                        .clamp(0, max.max(0)) as usize;
                }
            }
        }
    }

    /// Enter in the compare view: select the entity, or go to the figures.
    pub fn compare_enter(&mut self) {
        let Some(v) = self.compare.as_mut() else {
            return;
        };
        if v.picker.is_some() {
            self.pick();
            return;
        }
        match v.part {
            Part::Entities => {
                let Some(row) = v.strip_rows.get(v.strip.selected).copied() else {
                    return;
                };
                let Some(id) = v.strip_entity(row).map(|e| e.entity) else {
                    return;
                };
                v.selected = Some(id);
                for s in &mut v.sides {
                    s.cursor = None;
                }
                self.compare_step(true);
            }
            Part::Figures => {
                let Some(d) = v.comparison.differences.get(v.figures.selected) else {
                    return;
                };
                let spans = [d.left.figure.span.clone(), d.right.figure.span.clone()];
                for (side, span) in v.sides.iter_mut().zip(spans) {
                    side.cursor = Some(span);
                }
                self.reveal_compare_cursors();
            }
            Part::Left | Part::Right => {}
        }
    }

    /// `n`/`N` in the compare view: both panes move to their next (previous)
    /// mention of the selected entity, so the two sentences stand side by side.
    pub fn compare_step(&mut self, forward: bool) {
        let Some(v) = self.compare.as_mut() else {
            return;
        };
        let Some(id) = v.selected else {
            self.message = Some("select an entity in the strip first (Enter)".into());
            return;
        };
        let mut moved = 0;
        for side in &mut v.sides {
            let ms: Vec<Range<usize>> = self
                .index
                .mentions_in(side.doc)
                .iter()
                .filter(|m| m.entity == id)
                .map(|m| m.span())
                .collect();
            if ms.is_empty() {
                continue;
            }
            let at = side.cursor.as_ref().map(|c| c.start);
            let next = match (forward, at) {
                (true, None) => ms.first(),
                (true, Some(a)) => ms.iter().find(|m| m.start > a).or(ms.first()),
                (false, None) => ms.last(),
                (false, Some(a)) => ms.iter().rev().find(|m| m.start < a).or(ms.last()),
            };
            side.cursor = next.cloned();
            moved += 1;
        }
        if moved == 0 {
            self.message = Some("neither report mentions it".into());
        }
        self.reveal_compare_cursors();
    }

    fn reveal_compare_cursors(&mut self) {
        let a = self.compare_areas();
        let Some(v) = self.compare.as_mut() else {
            return;
        };
        for (side, r) in v.sides.iter_mut().zip([a.left, a.right]) {
            let Some(c) = &side.cursor else { continue };
            let h = r.height.saturating_sub(2).max(1) as usize;
            let row = side.wrapped.row_of(c.start);
            if row < side.scroll || row >= side.scroll + h {
                side.scroll = row.saturating_sub(h / 3);
            }
            side.scroll = side.scroll.min(side.wrapped.len().saturating_sub(h));
        }
    }

    /// Cycle the compare view's focus.
    pub fn compare_focus(&mut self, step: isize) {
        let Some(v) = self.compare.as_mut() else {
            return;
        };
        let order = [Part::Entities, Part::Figures, Part::Left, Part::Right];
        let i = order.iter().position(|&p| p == v.part).unwrap_or(0) as isize;
        v.part = order[(i + step).rem_euclid(4) as usize];
    }
}
