//! The compare view: two reports side by side, the entity strip (shared,
//! only left, only right) and the figures on which they differ and then
//! those on which they agree, each with both sentences.

use super::popup_list::PopupList;
use super::reader::TextView;
use super::theme::Theme;
use super::{fit, pane};
use crate::app::compare::{CompareView, Group, Part, StripRow};
use crate::app::{App, Mode};
use crate::compare::FigureDiff;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draw the compare view.
pub fn render(app: &App, view: &CompareView, frame: &mut Frame, theme: &Theme) {
    let a = app.compare_areas();
    for (i, r) in [a.left, a.right].into_iter().enumerate() {
        side(app, view, i, frame, r, theme);
    }
    strip(view, frame, a.entities, theme);
    figures(view, frame, a.figures, theme);
    status(app, view, frame, a.status, theme);
    if app.mode == Mode::Picker {
        picker(app, view, frame, theme);
    }
}

fn side(app: &App, view: &CompareView, i: usize, frame: &mut Frame, r: Rect, theme: &Theme) {
    if r.width < 3 || r.height < 3 {
        return;
    }
    let s = &view.sides[i];
    let doc = app.corpus.doc(s.doc);
    let focused = view.part == if i == 0 { Part::Left } else { Part::Right };
    let label = if i == 0 { "left" } else { "right" };
    let title = format!(
        " {label}: {} ",
        fit(
            &crate::corpus::sanitize::visible(&doc.title),
            (r.width as usize).saturating_sub(12)
        )
    );
    let mut block = pane(title, focused, theme);
    if view.locked {
        block =
            block.title_bottom(Line::from(Span::styled(" locked ", theme.dim())).right_aligned());
    }
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let marks: Vec<_> = view
        .figure(view.figures.selected)
        .map(|d| {
            if i == 0 {
                d.left.figure.span.clone()
            } else {
                d.right.figure.span.clone()
            }
        })
        .into_iter()
        .collect();
    let tv = TextView {
        doc,
        id: s.doc,
        wrapped: &s.wrapped,
        scroll: s.scroll,
        index: &app.index,
        selected: view.selected,
        cursor: s.cursor.clone(),
        hits: &[],
        marks: if view.part == Part::Figures {
            &marks
        } else {
            &[]
        },
        quotes: &app.quotes.spans_in(s.doc),
    };
    frame.render_widget(
        Paragraph::new(tv.lines(inner.height as usize, theme)),
        inner,
    );
}

fn strip(view: &CompareView, frame: &mut Frame, r: Rect, theme: &Theme) {
    if r.width < 3 || r.height < 3 {
        return;
    }
    let focused = view.part == Part::Entities;
    let block = pane(" Entities  left|right ", focused, theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let width = inner.width as usize;
    let lines: Vec<Line> = view
        .strip_rows
        .iter()
        .enumerate()
        .skip(view.strip.offset)
        .take(inner.height as usize)
        .map(|(i, &row)| match row {
            StripRow::Header(g, n) => {
                let label = match g {
                    Group::Shared => "In both",
                    Group::OnlyLeft => "Only left",
                    Group::OnlyRight => "Only right",
                };
                Line::from(Span::styled(format!("{label} ({n})"), theme.key()))
            }
            StripRow::Entity(..) => {
                let Some(e) = view.strip_entity(row) else {
                    return Line::raw("");
                };
                let counts = format!(" {}|{}", e.left, e.right);
                let selected = Some(e.entity) == view.selected;
                let mut line = super::entity_row(&e.name, e.kind, selected, counts, width, theme);
                if i == view.strip.selected {
                    line = line.style(theme.selection(focused));
                }
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn figure_lines(
    d: &FigureDiff,
    selected: bool,
    focused: bool,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let sign = match d.relation {
        crate::compare::Relation::Contradicts => "≠",
        crate::compare::Relation::Differs => "≈",
        crate::compare::Relation::MorePrecise => "⊂",
        crate::compare::Relation::Same => "=",
    };
    let head = format!(
        "{}  {sign}  {}",
        crate::corpus::sanitize::visible(&d.left.figure.text),
        crate::corpus::sanitize::visible(&d.right.figure.text)
    );
    let mut first = Line::from(Span::raw(fit(&head, width)));
    if selected {
        first = first.style(theme.selection(focused));
    }
    let sentence = |s: &str| {
        Line::from(Span::styled(
            format!(
                "  {}",
                fit(
                    &crate::corpus::sanitize::visible(s.trim()),
                    width.saturating_sub(2)
                )
            ),
            theme.dim(),
        ))
    };
    let mut out = vec![first];
    if selected {
        out.push(sentence(&format!("L: {}", d.left.sentence)));
        out.push(sentence(&format!("R: {}", d.right.sentence)));
    }
    out
}

fn figures(view: &CompareView, frame: &mut Frame, r: Rect, theme: &Theme) {
    if r.width < 3 || r.height < 3 {
        return;
    }
    let focused = view.part == Part::Figures;
    let (differ, agree) = (
        view.comparison.differences.len(),
        view.comparison.agreements.len(),
    );
    let block = pane(
        format!(" Figures: {differ} differ, {agree} agree "),
        focused,
        theme,
    );
    let inner = block.inner(r);
    frame.render_widget(block, r);
    if differ + agree == 0 {
        frame.render_widget(
            Paragraph::new(Span::styled("no figures matched", theme.dim())),
            inner,
        );
        return;
    }
    let width = inner.width as usize;
    let lines: Vec<Line> = (0..view.figure_count())
        .filter_map(|i| view.figure(i).map(|d| (i, d)))
        .skip(view.figures.offset)
        .flat_map(|(i, d)| figure_lines(d, i == view.figures.selected, focused, width, theme))
        .take(inner.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn status(app: &App, view: &CompareView, frame: &mut Frame, r: Rect, theme: &Theme) {
    let mut spans = vec![Span::raw(" Compare ")];
    if let Some(id) = view.selected {
        let e = app.index.entity(id);
        spans.push(Span::raw("│ "));
        spans.push(Span::styled(
            fit(&crate::corpus::sanitize::visible(e.name), 28),
            theme.mention(e.kind),
        ));
        spans.push(Span::raw(" "));
    }
    if let Some(m) = &app.message {
        spans.push(Span::styled(format!("│ {m} "), theme.warning()));
    }
    let k = |names: &[&str]| app.keymap.hint(names);
    let hints: Vec<(String, &str)> = [
        (k(&["enter"]), "select"),
        (k(&["next_match", "prev_match"]), "jump both"),
        (k(&["swap"]), "swap"),
        (k(&["pick"]), "pick"),
        (k(&["toggle_lock"]), "lock"),
        (k(&["escape"]), "back"),
        (k(&["help"]), "help"),
    ]
    .into_iter()
    .filter(|(keys, _)| !keys.is_empty())
    .collect();
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let hint_w: usize = hints
        .iter()
        .map(|(k, d)| unicode_width::UnicodeWidthStr::width(k.as_str()) + d.len() + 2)
        .sum();
    if used + hint_w < r.width as usize {
        spans.push(Span::raw(" ".repeat(r.width as usize - used - hint_w)));
        for (k, d) in hints {
            spans.push(Span::styled(k, theme.key()));
            spans.push(Span::raw(format!(" {d} ")));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status()), r);
}

fn picker(app: &App, view: &CompareView, frame: &mut Frame, theme: &Theme) {
    let Some(p) = &view.picker else {
        return;
    };
    let title = if p.query.is_empty() {
        " compare with (most similar first; type to filter) ".to_string()
    } else {
        format!(" compare with: {}▏ ({}) ", p.query, p.ranked.len())
    };
    let list = PopupList {
        title: &title,
        max_width: 100,
        len: p.ranked.len(),
        selection: p.selection,
        wrap: true,
    };
    list.render(frame, theme, |i| {
        let (d, score) = p.ranked[i];
        let doc = app.corpus.doc(d);
        let title = crate::corpus::sanitize::visible(&doc.title);
        let about: Vec<String> = [doc.date.as_deref(), doc.category.as_deref()]
            .into_iter()
            .flatten()
            .map(|s| fit(&crate::corpus::sanitize::visible(s), 14))
            .collect();
        if about.is_empty() {
            format!("{score:>5.2}  {title}")
        } else {
            format!("{score:>5.2}  {}  {title}", about.join(" · "))
        }
    });
}
