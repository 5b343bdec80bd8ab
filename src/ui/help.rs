//! The help overlay: every key.

use super::theme::Theme;
use crate::app::keymap::HELP;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Draw the help overlay centred in `area`.
pub fn render(frame: &mut Frame, area: Rect, theme: &Theme) {
    let key_w = HELP
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let text_w = HELP
        .iter()
        .map(|(_, d)| d.chars().count())
        .max()
        .unwrap_or(0);
    let w = (key_w + text_w + 4).min(area.width as usize) as u16;
    let h = (HELP.len() + 4).min(area.height as usize) as u16;
    let popup = area.centered(Constraint::Length(w), Constraint::Length(h));
    let mut lines: Vec<Line> = HELP
        .iter()
        .map(|(k, d)| {
            Line::from(vec![
                Span::styled(format!("{k:<key_w$}"), theme.key()),
                Span::raw(*d),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled("Esc or ? closes this help", theme.dim())).centered());
    let block = Block::bordered()
        .title(" dossier keys ")
        .border_style(theme.border(true));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
