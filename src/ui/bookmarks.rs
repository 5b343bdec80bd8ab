//! The bookmarks list overlay.

use super::fit;
use super::theme::Theme;
use crate::app::App;
use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Draw the bookmarks list centred on the screen.
pub fn render(app: &App, frame: &mut Frame, theme: &Theme) {
    let area = frame.area();
    let marks = &app.memory.state.bookmarks;
    let w = area.width.saturating_sub(4).min(100);
    let h = (marks.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(3);
    let popup = area.centered(Constraint::Length(w), Constraint::Length(h));
    let inner_w = w.saturating_sub(2) as usize;
    let lines: Vec<Line> = marks
        .iter()
        .enumerate()
        .skip(app.bookmarks.offset)
        .take(h.saturating_sub(2) as usize)
        .map(|(i, b)| {
            let title = app
                .corpus
                .find(&b.doc)
                .map_or_else(|| b.doc.clone(), |d| app.corpus.doc(d).title.clone());
            let text = format!("{} — {}", title, b.label);
            let line = Line::from(vec![Span::raw(fit(
                &crate::corpus::sanitize::visible(&text),
                inner_w,
            ))]);
            if i == app.bookmarks.selected {
                line.style(theme.selection(true))
            } else {
                line
            }
        })
        .collect();
    let block = Block::bordered()
        .title(" bookmarks · Enter go · d delete · Esc close ")
        .border_style(theme.border(true));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
