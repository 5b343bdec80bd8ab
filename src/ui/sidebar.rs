//! The entity sidebar: the entities of the open article or of the corpus,
//! grouped by kind, with mention and document counts, and a filter.

use super::theme::Theme;
use super::{fit, pane};
use crate::app::sidebar::Row;
use crate::app::{App, Focus, Mode, Scope};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Rows above the list inside the border (the scope and filter line).
pub const HEADER_ROWS: u16 = 1;

/// Draw the sidebar in `area`.
pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let focused = app.focus == Focus::Sidebar;
    let scope = match app.scope {
        Scope::Article if !app.filter_widened => "this article",
        _ => "all articles",
    };
    let block = pane(format!(" Entities · {scope} "), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = inner.width as usize;
    let head = if let (Mode::Merge, Some(from)) = (app.mode, app.merging) {
        let name = &app.index.entity(from).name;
        vec![
            Span::styled("merge ", theme.key()),
            Span::raw(fit(&crate::corpus::sanitize::visible(name), width / 2)),
            Span::styled(" into: ", theme.key()),
            Span::raw(format!("{}▏", app.filter)),
        ]
    } else if app.mode == Mode::Filter || !app.filter.is_empty() {
        let cursor = if app.mode == Mode::Filter { "▏" } else { "" };
        vec![
            Span::styled("f:", theme.key()),
            Span::raw(format!(
                "{}{cursor}",
                fit(&app.filter, width.saturating_sub(4))
            )),
        ]
    } else {
        vec![
            Span::styled("f", theme.key()),
            Span::styled(" filter  ", theme.dim()),
            Span::styled("a", theme.key()),
            Span::styled(" all/this article", theme.dim()),
        ]
    };
    let mut lines = vec![Line::from(head)];
    let list_h = inner.height.saturating_sub(HEADER_ROWS) as usize;
    if app.sidebar_rows.is_empty() {
        let msg = if !app.progress.done {
            "finding entities…"
        } else if !app.filter.is_empty() {
            "nothing matches the filter"
        } else {
            "no entities"
        };
        lines.push(Line::from(Span::styled(msg, theme.dim())));
    }
    for (i, row) in app
        .sidebar_rows
        .iter()
        .enumerate()
        .skip(app.sidebar.offset)
        .take(list_h)
    {
        let line = match *row {
            Row::Header(kind, n) => Line::from(Span::styled(
                fit(&format!("{} ({n})", kind.plural()), width),
                theme.heading(kind),
            )),
            Row::Entity { id, mentions, docs } => {
                let e = app.index.entity(id);
                let counts = format!(" {mentions}× {docs}d");
                let mark = if Some(id) == app.selected {
                    "● "
                } else {
                    "  "
                };
                let name_w = width
                    .saturating_sub(unicode_width::UnicodeWidthStr::width(counts.as_str()) + 2);
                let name = fit(&crate::corpus::sanitize::visible(&e.name), name_w);
                let pad =
                    name_w.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
                let mut line = Line::from(vec![
                    Span::styled(mark, theme.mention(e.kind)),
                    Span::styled(name, theme.mention(e.kind)),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(counts, theme.dim()),
                ]);
                if i == app.sidebar.selected {
                    line = line.style(theme.selection(focused));
                }
                line
            }
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
