//! Drawing: reads the [`App`] and draws a frame; changes nothing.
//!
//! One file per widget; every style comes from [`theme`].

pub mod article_list;
pub mod bookmarks;
pub mod compare;
pub mod help;
pub mod popup_list;
pub mod quotes;
pub mod reader;
pub mod sidebar;
pub mod status;
pub mod text;
pub mod theme;

use crate::app::{App, Mode};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use theme::Theme;

/// Draw the whole screen.
pub fn render(app: &App, frame: &mut Frame, theme: &Theme) {
    if let Some(view) = app.compare.as_deref() {
        compare::render(app, view, frame, theme);
        if app.mode == Mode::Help {
            help::render(frame, frame.area(), theme, &app.keymap, app.help.scroll);
        }
        return;
    }
    let panes = app.panes();
    if let Some(r) = panes.list {
        article_list::render(app, frame, r, theme);
    }
    if let Some(r) = panes.reader {
        reader::render(app, frame, r, theme);
    }
    if let Some(r) = panes.sidebar {
        sidebar::render(app, frame, r, theme);
    }
    if let Some(r) = panes.status {
        status::render(app, frame, r, theme);
    }
    if app.mode == Mode::Help {
        help::render(frame, frame.area(), theme, &app.keymap, app.help.scroll);
    }
    if app.mode == Mode::Bookmarks {
        bookmarks::render(app, frame, theme);
    }
    if app.mode == Mode::Quotes {
        quotes::render(app, frame, theme);
    }
}

/// A bordered pane block with a title.
pub fn pane<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_style(theme.border(focused))
        .title(title.into().style(theme.title(focused)))
}

/// Cut `s` to at most `width` cells, with an ellipsis when cut.
pub fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// One entity in a list: a mark if it is the selected one, its name in its
/// kind's style, and `counts` right-aligned in `width` cells.
pub fn entity_row(
    name: &str,
    kind: crate::entity::Kind,
    selected: bool,
    counts: String,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    use unicode_width::UnicodeWidthStr;
    let mark = if selected { "● " } else { "  " };
    let name_w = width.saturating_sub(counts.width() + 2);
    let name = fit(&crate::corpus::sanitize::visible(name), name_w);
    let pad = name_w.saturating_sub(name.width());
    Line::from(vec![
        Span::styled(mark, theme.mention(kind)),
        Span::styled(name, theme.mention(kind)),
        Span::raw(" ".repeat(pad)),
        Span::styled(counts, theme.dim()),
    ])
}

/// A one-line span list padded or cut to `width`.
pub fn spans_line(parts: Vec<(String, Style)>) -> Line<'static> {
    Line::from(
        parts
            .into_iter()
            .map(|(s, st)| Span::styled(s, st))
            .collect::<Vec<_>>(),
    )
}

/// The inner area of a bordered block.
pub fn inner(r: Rect) -> Rect {
    Block::bordered().inner(r)
}
