//! The compare view: two reports side by side, the entities they share and
//! those only one has, the figures on which they differ, and synchronised
//! jumping between mentions. [`CompareView`] holds the view's state and its
//! transitions; the `impl App` at the end opens, drives and closes it.

pub mod picker;

pub use picker::Picker;

use super::{Action, App, ListState, Mode};
use crate::compare::frequency::WordFrequencies;
use crate::compare::{self, Comparison, EntityCount};
use crate::corpus::{Corpus, DocId};
use crate::entity::{EntityId, EntityIndex};
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
    /// The figures that differ and those that agree.
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
    /// The report picker, when open.
    pub picker: Option<Picker>,
}

/// Rows inside a bordered part `r`.
fn inner_rows(r: Rect) -> usize {
    r.height.saturating_sub(2) as usize
}

impl CompareView {
    /// The view of `comparison` between `left` and `right`, the strip on the
    /// first shared entity, or on `keep` if the strip lists it (which is
    /// then selected).
    pub fn new(
        comparison: Comparison,
        left: DocId,
        right: DocId,
        keep: Option<EntityId>,
    ) -> CompareView {
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
        view
    }

    /// The figure list's rows: the figures that differ, then those that
    /// agree.
    pub fn figure_count(&self) -> usize {
        self.comparison.differences.len() + self.comparison.agreements.len()
    }

    /// The figure list's row `i` (see [`CompareView::figure_count`]).
    pub fn figure(&self, i: usize) -> Option<&compare::FigureDiff> {
        self.comparison
            .differences
            .iter()
            .chain(&self.comparison.agreements)
            .nth(i)
    }

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

    /// The two reports, left and right.
    pub fn docs(&self) -> (DocId, DocId) {
        (self.sides[0].doc, self.sides[1].doc)
    }

    /// Wrap both reports to their panes (after a resize or a new pair) and
    /// keep every scroll and selection in range.
    pub fn rewrap(&mut self, corpus: &Corpus, a: &Areas) {
        for (side, r) in self.sides.iter_mut().zip([a.left, a.right]) {
            let width = r.width.saturating_sub(4) as usize;
            if side.wrapped.width != width.max(1) || side.wrapped.is_empty() {
                let d = corpus.doc(side.doc);
                side.wrapped = wrap::wrap(&d.text, &d.hidden, width);
            }
            side.scroll = side
                .scroll
                .min(side.wrapped.len().saturating_sub(inner_rows(r)));
        }
        self.strip
            .clamp(self.strip_rows.len(), inner_rows(a.entities));
        self.figures
            .clamp(self.figure_count(), inner_rows(a.figures));
    }

    /// Rows a page key moves in the focused part.
    pub fn page(&self, a: &Areas) -> isize {
        let height = |r: Rect| r.height.saturating_sub(2).max(2) as isize;
        match self.part {
            Part::Figures => height(a.figures),
            Part::Entities => height(a.entities),
            _ => height(a.left),
        }
    }

    /// Cycle the focus through strip, figures, left and right.
    pub fn focus(&mut self, step: isize) {
        let order = [Part::Entities, Part::Figures, Part::Left, Part::Right];
        let i = order.iter().position(|&p| p == self.part).unwrap_or(0) as isize;
        self.part = order[(i + step).rem_euclid(4) as usize];
    }

    /// Lock or unlock scrolling of the two panes together; says which.
    pub fn toggle_lock(&mut self) -> &'static str {
        self.locked = !self.locked;
        if self.locked {
            "scrolling locked"
        } else {
            "scrolling unlocked"
        }
    }

    /// Move within the picker if it is open, else within the focused part:
    /// the strip (over its headings), the figures, or the panes (both when
    /// locked).
    pub fn move_by(&mut self, delta: isize, a: &Areas) {
        if let Some(p) = self.picker.as_mut() {
            let last = p.ranked.len().saturating_sub(1) as isize;
            p.selection.selected = (p.selection.selected as isize)
                .saturating_add(delta)
                .clamp(0, last) as usize;
            p.selection.clamp(p.ranked.len(), a.left.height as usize);
            return;
        }
        match self.part {
            Part::Entities => self.move_strip(delta, inner_rows(a.entities)),
            Part::Figures => {
                let n = self.figure_count();
                let last = n.saturating_sub(1) as isize;
                self.figures.selected = (self.figures.selected as isize)
                    .saturating_add(delta)
                    .clamp(0, last) as usize;
                self.figures.clamp(n, inner_rows(a.figures));
            }
            Part::Left | Part::Right => {
                let which = usize::from(self.part == Part::Right);
                let heights = [inner_rows(a.left), inner_rows(a.right)];
                let locked = self.locked;
                let sides: &mut [Side] = if locked {
                    &mut self.sides[..]
                } else {
                    std::slice::from_mut(&mut self.sides[which])
                };
                for (k, side) in sides.iter_mut().enumerate() {
                    let h = heights[if locked { k } else { which }];
                    let max = side.wrapped.len().saturating_sub(h) as isize;
                    side.scroll = (side.scroll as isize)
                        .saturating_add(delta)
                        .clamp(0, max.max(0)) as usize;
                }
            }
        }
    }

    /// Move the strip's selection, skipping headings.
    fn move_strip(&mut self, delta: isize, height: usize) {
        let rows = &self.strip_rows;
        if rows.is_empty() {
            return;
        }
        let last = rows.len() as isize - 1;
        let dir = if delta >= 0 { 1 } else { -1 };
        let mut i = (self.strip.selected as isize)
            .saturating_add(delta)
            .clamp(0, last);
        while matches!(rows[i as usize], StripRow::Header(..)) && (0..=last).contains(&(i + dir)) {
            i += dir;
        }
        while matches!(rows[i as usize], StripRow::Header(..)) && (0..=last).contains(&(i - dir)) {
            i -= dir;
        }
        self.strip.selected = i as usize;
        self.strip.clamp(rows.len(), height);
    }

    /// Enter on the focused part: select the strip's entity and jump to it
    /// in both panes, or put both cursors on the selected figures. A message
    /// for the status bar when there is nothing to jump to.
    pub fn enter(&mut self, index: &EntityIndex, a: &Areas) -> Option<&'static str> {
        match self.part {
            Part::Entities => {
                let row = self.strip_rows.get(self.strip.selected).copied()?;
                let id = self.strip_entity(row).map(|e| e.entity)?;
                self.selected = Some(id);
                for s in &mut self.sides {
                    s.cursor = None;
                }
                self.step(index, true, a)
            }
            Part::Figures => {
                let d = self.figure(self.figures.selected)?;
                let spans = [d.left.figure.span.clone(), d.right.figure.span.clone()];
                for (side, span) in self.sides.iter_mut().zip(spans) {
                    side.cursor = Some(span);
                }
                self.reveal_cursors(a);
                None
            }
            Part::Left | Part::Right => None,
        }
    }

    /// `n`/`N`: both panes move to their next (previous) mention of the
    /// selected entity, so the two sentences stand side by side. A message
    /// for the status bar when that cannot be done.
    pub fn step(&mut self, index: &EntityIndex, forward: bool, a: &Areas) -> Option<&'static str> {
        let Some(id) = self.selected else {
            return Some("select an entity in the strip first (Enter)");
        };
        let mut moved = 0;
        for side in &mut self.sides {
            let ms: Vec<Range<usize>> = index
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
        self.reveal_cursors(a);
        (moved == 0).then_some("neither report mentions it")
    }

    /// Scroll each pane so that its cursor is in view, a third down.
    fn reveal_cursors(&mut self, a: &Areas) {
        for (side, r) in self.sides.iter_mut().zip([a.left, a.right]) {
            let Some(c) = &side.cursor else { continue };
            let h = r.height.saturating_sub(2).max(1) as usize;
            let row = side.wrapped.row_of(c.start);
            if row < side.scroll || row >= side.scroll + h {
                side.scroll = row.saturating_sub(h / 3);
            }
            side.scroll = side.scroll.min(side.wrapped.len().saturating_sub(h));
        }
    }

    /// A click at screen row `y` in `part`: focus it, and select the strip
    /// entity or the figure clicked on. `true` if a row was selected (and
    /// should be entered).
    pub fn click(&mut self, part: Part, y: u16, a: &Areas) -> bool {
        self.part = part;
        let row = |r: Rect| (y > r.y).then(|| (y - r.y - 1) as usize);
        match part {
            Part::Entities => match row(a.entities).map(|i| i + self.strip.offset) {
                Some(i) if i < self.strip_rows.len() => {
                    self.strip.selected = i;
                    true
                }
                _ => false,
            },
            Part::Figures => match row(a.figures).map(|i| i + self.figures.offset) {
                Some(i) if i < self.figure_count() => {
                    self.figures.selected = i;
                    true
                }
                _ => false,
            },
            Part::Left | Part::Right => false,
        }
    }

    /// Open the picker for the right-hand report, on the current one.
    pub fn open_picker(&mut self, corpus: &Corpus, index: &EntityIndex) {
        let (left, current) = self.docs();
        let mut ranked = compare::similar::ranked(left, corpus, index);
        ranked.retain(|(d, _)| *d != left);
        self.picker = Some(Picker::new(ranked, current));
    }

    /// Close the picker with the report chosen, if any.
    pub fn take_pick(&mut self) -> Option<DocId> {
        self.picker.take()?.chosen()
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

    /// Apply an action in the compare view or its picker.
    pub(super) fn apply_compare(&mut self, action: Action) {
        let a = self.compare_areas();
        let page = self.compare.as_ref().map_or(0, |v| v.page(&a));
        match action {
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => {
                self.area = Rect::new(0, 0, w, h);
                self.refresh();
                self.rewrap_compare();
            }
            Action::Compare => self.close_compare(),
            Action::Escape if self.mode == Mode::Picker => {
                if let Some(v) = self.compare.as_mut() {
                    v.picker = None;
                }
                self.mode = Mode::Compare;
            }
            Action::Escape => self.close_compare(),
            Action::Input(c) if self.mode == Mode::Picker => {
                if let Some(p) = self.compare.as_mut().and_then(|v| v.picker.as_mut()) {
                    p.push(c, &self.corpus);
                }
            }
            Action::Backspace if self.mode == Mode::Picker => {
                if let Some(p) = self.compare.as_mut().and_then(|v| v.picker.as_mut()) {
                    p.pop(&self.corpus);
                }
            }
            Action::Swap => self.swap_compare(),
            Action::Pick => self.open_picker(),
            Action::ToggleLock => {
                if let Some(v) = self.compare.as_mut() {
                    self.message = Some(v.toggle_lock().into());
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
                if self.mode != Mode::Picker
                    && let (Some(part), Some(v)) = (a.hit(x, y), self.compare.as_mut())
                    && v.click(part, y, &a)
                {
                    self.compare_enter();
                }
            }
            Action::Wheel { x, y, lines } => {
                if let (Some(part), Some(v)) = (a.hit(x, y), self.compare.as_mut()) {
                    let before = v.part;
                    v.part = part;
                    v.move_by(lines as isize, &a);
                    v.part = before;
                }
            }
            _ => {}
        }
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
        let left = self.reader.doc;
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
        self.compare = Some(Box::new(CompareView::new(comparison, left, right, keep)));
        self.rewrap_compare();
    }

    /// Wrap both reports to their panes (after a resize or a new pair).
    pub fn rewrap_compare(&mut self) {
        let a = self.compare_areas();
        if let Some(view) = self.compare.as_mut() {
            view.rewrap(&self.corpus, &a);
        }
    }

    /// Swap the two reports.
    pub fn swap_compare(&mut self) {
        if let Some(v) = &self.compare {
            let (l, r) = v.docs();
            self.set_comparison(r, l);
        }
    }

    /// Open the picker for the right-hand report.
    pub fn open_picker(&mut self) {
        if let Some(v) = self.compare.as_mut() {
            v.open_picker(&self.corpus, &self.index);
            self.mode = Mode::Picker;
        }
    }

    /// Choose the picker's selection as the right-hand report.
    pub fn pick(&mut self) {
        let Some(v) = self.compare.as_mut() else {
            return;
        };
        if v.picker.is_none() {
            return;
        }
        let left = v.sides[0].doc;
        let chosen = v.take_pick();
        self.mode = Mode::Compare;
        if let Some(doc) = chosen {
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
            self.visit(v.sides[0].doc);
        }
    }

    /// Move within the focused part of the compare view.
    pub fn compare_move(&mut self, delta: isize) {
        let a = self.compare_areas();
        if let Some(v) = self.compare.as_mut() {
            v.move_by(delta, &a);
        }
    }

    /// Enter in the compare view: pick the report in the picker, select the
    /// entity, or go to the figures.
    pub fn compare_enter(&mut self) {
        let a = self.compare_areas();
        let Some(v) = self.compare.as_mut() else {
            return;
        };
        if v.picker.is_some() {
            self.pick();
        } else if let Some(m) = v.enter(&self.index, &a) {
            self.message = Some(m.into());
        }
    }

    /// `n`/`N` in the compare view.
    pub fn compare_step(&mut self, forward: bool) {
        let a = self.compare_areas();
        if let Some(v) = self.compare.as_mut()
            && let Some(m) = v.step(&self.index, forward, &a)
        {
            self.message = Some(m.into());
        }
    }

    /// Cycle the compare view's focus.
    pub fn compare_focus(&mut self, step: isize) {
        if let Some(v) = self.compare.as_mut() {
            v.focus(step);
        }
    }
}
