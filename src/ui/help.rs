//! The help overlay: every key, as bound.

use super::theme::Theme;
use crate::app::keymap::Keymap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Draw the help overlay centred in `area`.
pub fn render(frame: &mut Frame, area: Rect, theme: &Theme, keymap: &Keymap) {
    let help = keymap.help();
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    // The key column is as wide as the longest keys, up to a third of the
    // screen; longer keys get a line of their own above what they do.
    let cap = (area.width as usize / 3).clamp(10, 20);
    let key_w = help
        .iter()
        .map(|(k, _)| width(k))
        .filter(|&w| w <= cap)
        .max()
        .unwrap_or(0)
        + 2;
    let text_w = help
        .iter()
        .map(|(_, d)| d.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = Vec::new();
    for (k, d) in &help {
        if width(k) + 2 > key_w {
            lines.push(Line::from(Span::styled(k.clone(), theme.key())));
            lines.push(Line::raw(format!("{:key_w$}{d}", "")));
        } else {
            lines.push(Line::from(vec![
                Span::styled(format!("{k:<key_w$}"), theme.key()),
                Span::raw(d.clone()),
            ]));
        }
    }
    let w = (key_w + text_w + 4).min(area.width as usize) as u16;
    let h = (lines.len() + 4).min(area.height as usize) as u16;
    let popup = area.centered(Constraint::Length(w), Constraint::Length(h));
    lines.push(Line::raw(""));
    let close = format!(
        "{} or {} closes this help",
        keymap.hint(&["escape"]),
        keymap.hint(&["help"])
    );
    lines.push(Line::from(Span::styled(close, theme.dim())).centered());
    let block = Block::bordered()
        .title(" dossier keys ")
        .border_style(theme.border(true));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
