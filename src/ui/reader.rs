//! The reading pane: the open article wrapped to the pane, every mention in
//! its kind's colour, the selected entity's mentions standing out, search hits
//! marked, and the current mention or hit marked in the margin.

use super::text::styled_line;
use super::theme::Theme;
use super::{fit, pane};
use crate::app::{App, Focus, Walk};
use crate::corpus::{DocId, Document};
use crate::entity::{EntityId, EntityIndex};
use crate::wrap::Wrapped;
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
    let doc = app.corpus.doc(app.reader.doc);
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
    let cursor = app.reader.cursor_here();
    let hits: &[crate::search::Hit] = if app.walk == Walk::Hits {
        &app.search.hits
    } else {
        &[]
    };
    let view = TextView {
        doc,
        id: app.reader.doc,
        wrapped,
        scroll: app.reader.scroll,
        index: &app.index,
        selected: app.selected,
        cursor,
        hits,
        marks: &[],
        quotes: &app.quotes.spans_in(app.reader.doc),
    };
    frame.render_widget(
        Paragraph::new(view.lines(inner.height as usize, theme)),
        inner,
    );
}

/// Wrapped article text with its highlights, ready to draw: shared by the
/// reading pane and the two panes of the compare view.
pub struct TextView<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its id, to look up its mentions.
    pub id: DocId,
    /// Its text wrapped to the pane.
    pub wrapped: &'a Wrapped,
    /// The first row shown.
    pub scroll: usize,
    /// The entity index.
    pub index: &'a EntityIndex,
    /// The selected entity, whose mentions stand out.
    pub selected: Option<EntityId>,
    /// The current mention or hit, marked in the margin.
    pub cursor: Option<Range<usize>>,
    /// Search hits (in corpus order) to mark.
    pub hits: &'a [crate::search::Hit],
    /// Further ranges to mark as hits (figures in the compare view).
    pub marks: &'a [Range<usize>],
    /// Quoted spans (in text order), in the quote style.
    pub quotes: &'a [Range<usize>],
}

impl TextView<'_> {
    /// The styled lines for `height` rows from `scroll`.
    pub fn lines(&self, height: usize, theme: &Theme) -> Vec<Line<'static>> {
        let wrapped = self.wrapped;
        let visible = self.scroll.min(wrapped.len())..(self.scroll + height).min(wrapped.len());
        let window = match (
            wrapped.lines.get(visible.start),
            wrapped.lines.get(visible.end.saturating_sub(1)),
        ) {
            (Some(a), Some(b)) => a.range.start..b.range.end,
            _ => return Vec::new(),
        };
        let layers = self.layers(window, theme);
        wrapped.lines[visible]
            .iter()
            .map(|l| {
                // The current mention's (or hit's, or quotation's) rows;
                // never a blank line within a quotation that spans
                // paragraphs.
                let blank = self
                    .doc
                    .text
                    .get(l.range.clone())
                    .is_none_or(|t| t.trim().is_empty());
                let marked = !blank
                    && self.cursor.as_ref().is_some_and(|c| {
                        c.start < l.range.end.max(l.range.start + 1) && c.end > l.range.start
                    });
                let gutter = if marked {
                    Span::styled("▶ ", theme.key())
                } else {
                    Span::raw("  ")
                };
                let mut spans = vec![gutter];
                spans.extend(styled_line(
                    &self.doc.text,
                    l.range.clone(),
                    &layers,
                    &self.doc.replaced,
                    theme.replaced(),
                ));
                if l.hyphen {
                    spans.push(Span::raw("-"));
                }
                Line::from(spans)
            })
            .collect()
    }

    /// The styled ranges within `window`: quotations, mentions, the selected
    /// entity, hits and marks, and the cursor, in increasing priority.
    fn layers(&self, window: Range<usize>, theme: &Theme) -> Vec<(Range<usize>, Style)> {
        let mut out = Vec::new();
        for q in self.quotes {
            if q.start < window.end && q.end > window.start {
                out.push((q.clone(), theme.quote()));
            }
        }
        let mentions = self.index.mentions_in(self.id);
        let first = mentions.partition_point(|m| (m.end as usize) <= window.start);
        for m in mentions[first..]
            .iter()
            .take_while(|m| (m.start as usize) < window.end)
        {
            let kind = self.index.entity(m.entity).kind;
            let style = if Some(m.entity) == self.selected {
                theme.selected_mention(kind)
            } else {
                theme.mention(kind)
            };
            out.push((m.span(), style));
        }
        let hits = self.hits;
        let first = hits.partition_point(|h| (h.doc, h.range.end) <= (self.id, window.start));
        for h in hits[first..]
            .iter()
            .take_while(|h| h.doc == self.id && h.range.start < window.end)
        {
            out.push((h.range.clone(), theme.hit()));
        }
        for m in self.marks {
            if m.start < window.end && m.end > window.start {
                out.push((m.clone(), theme.hit()));
            }
        }
        if let Some(c) = &self.cursor {
            out.push((c.clone(), theme.current()));
        }
        out
    }
}
