//! The help overlay: every key, as bound.

use super::theme::Theme;
use crate::app::help;
use crate::app::keymap::Keymap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};

/// Draw the help overlay centred in `area`.
/// `scroll`: lines to scroll down by, where the overlay is taller than the
/// screen (clamped here to what there is to see).
pub fn render(frame: &mut Frame, area: Rect, theme: &Theme, keymap: &Keymap, scroll: u16) {
    let layout = help::layout(keymap, area.width);
    let key_w = layout.key_width;
    let text_w = layout
        .rows
        .iter()
        .map(|r| r.what.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = Vec::new();
    for r in &layout.rows {
        let (k, d) = (&r.keys, &r.what);
        if r.own_line {
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
    let inner = popup.height.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(inner) as u16;
    let scroll = scroll.min(max_scroll);
    let title = if max_scroll == 0 {
        " dossier keys ".to_string()
    } else {
        format!(
            " dossier keys · {} scroll · {}/{} ",
            keymap.hint(&["down", "up"]),
            scroll + 1,
            max_scroll + 1
        )
    };
    super::scrolled_overlay(frame, popup, title, lines, scroll, theme);
}
