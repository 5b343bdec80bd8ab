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

use crate::app::sidebar::{HEADER_ROWS, overview_height};

/// Draw the sidebar in `area`.
pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let focused = app.focus == Focus::Sidebar;
    let scope = match app.sidebar.scope {
        Scope::Article if !app.sidebar.widened => "this article",
        _ => "all articles",
    };
    let block = pane(format!(" Entities · {scope} "), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = inner.width as usize;
    let head = if let (Mode::Merge, Some(from)) = (app.mode, app.corrector.merging) {
        let name = &app.index.entity(from).name;
        vec![
            Span::styled("merge ", theme.key()),
            Span::raw(fit(&crate::corpus::sanitize::visible(name), width / 2)),
            Span::styled(" into: ", theme.key()),
            Span::raw(format!("{}▏", app.sidebar.filter)),
        ]
    } else if sidebar_typing(app) || !app.sidebar.filter.is_empty() {
        let cursor = if sidebar_typing(app) { "▏" } else { "" };
        vec![
            Span::styled("f:", theme.key()),
            Span::raw(format!(
                "{}{cursor}",
                fit(&app.sidebar.filter, width.saturating_sub(4))
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
    let overview_h = overview_height(app.sidebar.overview.is_some(), inner.height);
    let list_h = inner.height.saturating_sub(HEADER_ROWS + overview_h) as usize;
    if app.sidebar.rows.is_empty() {
        let msg = if !app.progress.done {
            "finding entities…"
        } else if !app.sidebar.filter.is_empty() {
            "nothing matches the filter"
        } else {
            "no entities"
        };
        lines.push(Line::from(Span::styled(msg, theme.dim())));
    }
    for (i, row) in app
        .sidebar
        .rows
        .iter()
        .enumerate()
        .skip(app.sidebar.selection.offset)
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
                let selected = Some(id) == app.selected;
                let mut line = super::entity_row(&e.name, e.kind, selected, counts, width, theme);
                if i == app.sidebar.selection.selected {
                    line = line.style(theme.selection(focused));
                }
                line
            }
        };
        lines.push(line);
    }
    let list_area = Rect {
        height: inner.height - overview_h,
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), list_area);
    if overview_h > 0 {
        let area = Rect {
            y: inner.y + inner.height - overview_h,
            height: overview_h,
            ..inner
        };
        overview(app, frame, area, theme);
    }
}

/// Where the selected entity appears (a bar per article) and who appears
/// with it most often.
fn overview(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some(o) = &app.sidebar.overview else {
        return;
    };
    let width = area.width as usize;
    let e = app.index.entity(o.entity);
    let mut lines = vec![Line::from(Span::styled(
        fit(
            &format!("── {} ", crate::corpus::sanitize::visible(&e.name)),
            width,
        ),
        theme.heading(e.kind),
    ))];
    let rows = area.height as usize;
    let with_rows = if rows >= 8 { 2 } else { 0 };
    let bar_rows = rows.saturating_sub(1 + with_rows);
    let max = o.spread.first().map_or(1, |&(_, n)| n.max(1));
    let bar_w = (width / 3).max(4);
    for &(doc, n) in o.spread.iter().take(bar_rows) {
        let cells = n * bar_w * 8 / max;
        let mut bar = "█".repeat(cells / 8);
        if !cells.is_multiple_of(8) {
            bar.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][cells % 8 - 1]);
        }
        let label = format!(" {n:>3} {}", doc.index() + 1);
        let title_w = width.saturating_sub(bar_w + label.len() + 1);
        let title = fit(
            &crate::corpus::sanitize::visible(&app.corpus.doc(doc).title),
            title_w,
        );
        lines.push(Line::from(vec![
            Span::styled(format!("{bar:<bar_w$}"), theme.mention(e.kind)),
            Span::styled(label, theme.dim()),
            Span::raw(format!(" {title}")),
        ]));
    }
    if o.spread.len() > bar_rows && bar_rows > 0 {
        lines.truncate(lines.len() - 1);
        lines.push(Line::from(Span::styled(
            format!("  … and {} more articles", o.spread.len() - bar_rows + 1),
            theme.dim(),
        )));
    }
    if with_rows > 0 && !o.with.is_empty() {
        let names: Vec<String> = o
            .with
            .iter()
            .map(|&(id, n)| format!("{} {n}", app.index.entity(id).name))
            .collect();
        lines.push(Line::from(Span::styled(
            "with (shared articles):",
            theme.dim(),
        )));
        lines.push(Line::raw(fit(
            &crate::corpus::sanitize::visible(&names.join(" · ")),
            width,
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn sidebar_typing(app: &App) -> bool {
    app.mode == Mode::Filter && app.filter_target == Focus::Sidebar
}
