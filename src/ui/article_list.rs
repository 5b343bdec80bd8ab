//! The article list pane.

use super::theme::Theme;
use super::{fit, pane};
use crate::app::{App, Focus};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draw the article list in `area`.
pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let focused = app.focus == Focus::List;
    let n = app.corpus.len();
    let title = if app.progress.done || n == 0 {
        format!(" Articles {n} ")
    } else {
        format!(" Articles {n}/{} ", app.progress.found.max(n))
    };
    let block = pane(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let num_w = n.to_string().len();
    let lines: Vec<Line> = app
        .corpus
        .docs()
        .iter()
        .enumerate()
        .skip(app.list.offset)
        .take(inner.height as usize)
        .map(|(i, d)| {
            let num = format!("{:>num_w$} ", i + 1);
            let title = fit(
                &crate::corpus::sanitize::visible(&d.title),
                width.saturating_sub(num.len()),
            );
            let mut line = Line::from(vec![Span::styled(num, theme.dim()), Span::raw(title)]);
            if i == app.list.selected {
                let pad = width.saturating_sub(line.width());
                line.spans.push(Span::raw(" ".repeat(pad)));
                line = line.style(theme.selection(focused));
            }
            line
        })
        .collect();
    if lines.is_empty() {
        let msg = if app.progress.done {
            "no articles"
        } else {
            "loading…"
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, theme.dim())), inner);
        return;
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
