//! The why overlay: each spelling of an entity with the rule that joined
//! it, and an ambiguous entry's candidates (see [`crate::app::why`]).

use super::fit;
use super::theme::Theme;
use crate::app::App;
use crate::app::why::{self, WhyLine};
use crate::corpus::sanitize::visible;
use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Draw the why overlay centred on the screen.
pub fn render(app: &App, frame: &mut Frame, theme: &Theme) {
    let Some(w) = app.why else {
        return;
    };
    let area = frame.area();
    let e = app.index.entity(w.entity);
    let items = why::lines(&app.index, w.entity);
    let alias_w = items
        .iter()
        .filter_map(|l| match l {
            WhyLine::Alias { alias, .. } => Some(visible(alias).width()),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .min(30);
    let popup_w = area.width.saturating_sub(4).min(96);
    let inner_w = popup_w.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut spelling = 0;
    for item in &items {
        lines.push(match item {
            WhyLine::Heading(t) => Line::from(Span::styled(fit(t, inner_w), theme.heading(e.kind))),
            WhyLine::Note(t) => Line::from(Span::styled(fit(t, inner_w), theme.dim())),
            WhyLine::Candidate { name, counts } => {
                let counts = counts.map_or_else(
                    || "  (not an entry of its own)".to_string(),
                    |(m, d)| format!("  {m}× in {d} article{}", if d == 1 { "" } else { "s" }),
                );
                let name = fit(&visible(name), inner_w.saturating_sub(counts.width() + 4));
                Line::from(vec![
                    Span::raw("  • "),
                    Span::styled(name, theme.mention(e.kind)),
                    Span::styled(counts, theme.dim()),
                ])
            }
            WhyLine::Alias { alias, rule, via } => {
                let name = fit(&visible(alias), alias_w);
                let pad = alias_w.saturating_sub(name.width());
                let mut reason = rule.clone();
                if let Some(v) = via {
                    reason.push_str(&format!(" → {}", visible(v)));
                }
                let reason = fit(&reason, inner_w.saturating_sub(alias_w + 4));
                // The spelling picked (for `S`): marked, and reversed.
                let picked = spelling == w.pick;
                spelling += 1;
                let (mark, style) = if picked {
                    ("▶ ", theme.mention(e.kind).add_modifier(Modifier::REVERSED))
                } else {
                    ("  ", theme.mention(e.kind))
                };
                Line::from(vec![
                    Span::raw(mark),
                    Span::styled(name, style),
                    Span::raw(" ".repeat(pad + 2)),
                    Span::raw(reason),
                ])
            }
        });
    }
    lines.push(Line::raw(""));
    let close = format!(
        "{} closes · {} pick · {} split it off · {} merge · {} not an entity · {} undo",
        app.keymap.hint(&["escape"]),
        app.keymap.hint(&["down", "up"]),
        app.keymap.hint(&["split"]),
        app.keymap.hint(&["merge"]),
        app.keymap.hint(&["not_entity"]),
        app.keymap.hint(&["undo"]),
    );
    lines.push(Line::from(Span::styled(fit(&close, inner_w), theme.dim())));
    let h = (lines.len() as u16 + 2).min(area.height).max(3);
    let popup = area.centered(Constraint::Length(popup_w), Constraint::Length(h));
    let inner_h = h.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(inner_h) as u16;
    let scroll = w.scroll.min(max_scroll);
    let title = fit(
        &format!(" {} ", visible(&why::title(&app.index, w.entity))),
        inner_w,
    );
    super::scrolled_overlay(frame, popup, title, lines, scroll, theme);
}
