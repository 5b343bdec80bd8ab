//! The article list pane: titles with an unread marker, the open article
//! highlighted, limited to an entity's articles (the title says so),
//! filtered as you type (the matched characters highlighted and
//! kept in view).

use super::theme::Theme;
use super::{fit, pane};
use crate::app::{App, Focus, Mode};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draw the article list in `area`.
pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let focused = app.focus == Focus::List;
    let n = app.corpus.len();
    let shown = app.list_len();
    let mut title = if app.progress.done || n == 0 {
        format!(" Articles {n} ")
    } else {
        format!(" Articles {n}/{} ", app.progress.found.max(n))
    };
    let typing = app.mode == Mode::Filter && app.filter_target == Focus::List;
    if typing || app.list.is_narrowed() {
        title = format!(" Articles {shown} of {n} ");
    }
    if let Some(limit) = &app.list.limit {
        title = format!("{}· {} ", title, limit.label);
    }
    let block = pane(title, focused, theme);
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    if app.list_filter_shown() && inner.height > 1 {
        let mut spans = vec![Span::styled("f:", theme.key())];
        if typing {
            spans.extend(super::prompt_spans(app, width.saturating_sub(2)));
        } else {
            spans.push(Span::raw(fit(&app.list.filter, width.saturating_sub(2))));
        }
        let line = Line::from(spans);
        frame.render_widget(Paragraph::new(line), Rect { height: 1, ..inner });
        inner.y += 1;
        inner.height -= 1;
    }
    let num_w = n.to_string().len();
    // While filtered: the matched characters stand out, in view.
    let query =
        (!app.list.filter.trim().is_empty()).then(|| crate::fuzzy::Query::new(&app.list.filter));
    let lines: Vec<Line> = (app.list.selection.offset..shown)
        .take(inner.height as usize)
        .filter_map(|row| app.list_doc(row).map(|d| (row, d)))
        .map(|(row, doc)| {
            let d = app.corpus.doc(doc);
            let read = app.memory.is_read(&d.id);
            let num = format!("{:>num_w$}", doc.index() + 1);
            let marker = if read { " " } else { "•" };
            let title = crate::corpus::sanitize::visible(&d.title);
            let matched = match &query {
                Some(q) => crate::fuzzy::positions(q, &title),
                None => Vec::new(),
            };
            let title_style = if read { theme.read() } else { theme.unread() };
            let mut spans = vec![
                Span::styled(num, theme.dim()),
                Span::styled(marker, theme.key()),
            ];
            let room = width.saturating_sub(num_w + 1);
            let tag = tag(d, room);
            spans.extend(super::matched_spans(
                &title,
                &matched,
                room - tag.as_ref().map_or(0, |t| t.chars().count() + 1),
                title_style,
                theme.matched(),
            ));
            if let Some(tag) = tag {
                // Right-aligned, as mail readers put the date.
                let used: usize = spans.iter().map(Span::width).sum();
                let pad = width.saturating_sub(used + tag.chars().count());
                spans.push(Span::raw(" ".repeat(pad)));
                spans.push(Span::styled(tag, theme.dim()));
            }
            let mut line = Line::from(spans);
            if row == app.list.selection.selected {
                let pad = width.saturating_sub(line.width());
                line.spans.push(Span::raw(" ".repeat(pad)));
                line = line.style(theme.selection(focused));
            }
            line
        })
        .collect();
    if lines.is_empty() {
        let msg = if !app.progress.done && n == 0 {
            "loading…"
        } else if shown == 0 && n > 0 && app.list.filter.is_empty() {
            "no article in the limit (F shows all)"
        } else if shown == 0 && n > 0 {
            "no title matches the filter"
        } else {
            "no articles"
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, theme.dim())), inner);
        return;
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The category the source files an article under (else its date), cut to
/// 12 columns, for the right end of its row: only where `room` leaves the
/// title at least 12 columns.
fn tag(d: &crate::corpus::Document, room: usize) -> Option<String> {
    let about = d.category.as_deref().or(d.date.as_deref())?;
    let about = crate::corpus::sanitize::visible(about.trim());
    let about = fit(&about, 12);
    (!about.is_empty() && room > 12 + about.chars().count()).then_some(about)
}
