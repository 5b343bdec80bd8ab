//! The reading pane: the open article wrapped to the pane, every mention in
//! its kind's colour, the selected entity's mentions standing out, search hits
//! marked, and the current mention or hit marked in the margin.

use super::text::styled_line;
use super::theme::Theme;
use super::{fit, pane};
use crate::app::{App, Focus, Walk};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;

/// Draw the reading pane in `area`.
pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let focused = app.focus == Focus::Reader;
    if app.corpus.is_empty() {
        let block = pane(" Reader ", focused, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let msg = app
            .progress_line()
            .unwrap_or_else(|| "no articles to show".into());
        frame.render_widget(Paragraph::new(Span::styled(msg, theme.dim())), inner);
        return;
    }
    let doc = app.corpus.doc(app.doc);
    let wrapped = &app.reader.wrapped;
    let height = area.height.saturating_sub(2) as usize;
    let pct = if wrapped.len() <= height {
        100
    } else {
        (app.reader.scroll + height).min(wrapped.len()) * 100 / wrapped.len()
    };
    let title_w = (area.width as usize).saturating_sub(14);
    let title = format!(
        " {} ",
        fit(&crate::corpus::sanitize::visible(&doc.title), title_w)
    );
    let block = pane(title, focused, theme)
        .title_bottom(Line::from(Span::styled(format!(" {pct}% "), theme.dim())).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width < 3 || wrapped.is_empty() {
        return;
    }
    let visible = app.reader.scroll..(app.reader.scroll + inner.height as usize).min(wrapped.len());
    let vis_range = match (
        wrapped.lines.get(visible.start),
        wrapped.lines.get(visible.end.saturating_sub(1)),
    ) {
        (Some(a), Some(b)) => a.range.start..b.range.end,
        _ => 0..0,
    };
    let layers = layers(app, vis_range, theme);
    let cursor = app.cursor.as_ref().filter(|c| c.doc == app.doc);
    let lines: Vec<Line> = wrapped.lines[visible]
        .iter()
        .map(|l| {
            let marked = cursor.is_some_and(|c| {
                c.range.start < l.range.end.max(l.range.start + 1) && c.range.end > l.range.start
            });
            let gutter = if marked {
                Span::styled("▶ ", theme.key())
            } else {
                Span::raw("  ")
            };
            let mut spans = vec![gutter];
            spans.extend(styled_line(
                &doc.text,
                l.range.clone(),
                &layers,
                &doc.replaced,
                theme.replaced(),
            ));
            if l.hyphen {
                spans.push(Span::raw("-"));
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The styled ranges within `window`: mentions, the selected entity, search
/// hits, and the cursor, in increasing priority.
fn layers(app: &App, window: Range<usize>, theme: &Theme) -> Vec<(Range<usize>, Style)> {
    let mut out = Vec::new();
    let mentions = app.index.mentions_in(app.doc);
    let first = mentions.partition_point(|m| (m.end as usize) <= window.start);
    for m in mentions[first..]
        .iter()
        .take_while(|m| (m.start as usize) < window.end)
    {
        let kind = app.index.entity(m.entity).kind;
        let style = if Some(m.entity) == app.selected {
            theme.selected_mention(kind)
        } else {
            theme.mention(kind)
        };
        out.push((m.span(), style));
    }
    if app.walk == Walk::Hits {
        let hits = &app.search.hits;
        let first = hits.partition_point(|h| (h.doc, h.range.end) <= (app.doc, window.start));
        for h in hits[first..]
            .iter()
            .take_while(|h| h.doc == app.doc && h.range.start < window.end)
        {
            out.push((h.range.clone(), theme.hit()));
        }
    }
    if let Some(c) = app.cursor.as_ref().filter(|c| c.doc == app.doc) {
        out.push((c.range.clone(), theme.current()));
    }
    out
}
