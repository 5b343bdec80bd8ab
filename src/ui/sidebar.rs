//! The entity sidebar: the entities of the open article or of the corpus,
//! grouped by kind, with mention and document counts, and a filter; at its
//! bottom the details of the highlighted (or selected) entity: its counts,
//! the spellings that were joined into it, an ambiguous entry's candidates,
//! and for the selected entity where it appears and who with.

use super::theme::Theme;
use super::{fit, pane};
use crate::app::sidebar::Row;
use crate::app::{App, Focus, Mode, Scope};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::sidebar::{DETAILS_ROWS, HEADER_ROWS};
use crate::corpus::sanitize::visible;
use crate::entity::EntityId;
use unicode_width::UnicodeWidthStr;

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
        let mut head = vec![
            Span::styled("merge ", theme.key()),
            Span::raw(fit(&crate::corpus::sanitize::visible(name), width / 2)),
            Span::styled(" into: ", theme.key()),
        ];
        let used: usize = head.iter().map(|s| s.width()).sum();
        head.extend(super::prompt_spans(app, width.saturating_sub(used)));
        head
    } else if sidebar_typing(app) || !app.sidebar.filter.is_empty() {
        let count = format!(" {}", app.sidebar.entity_count());
        let room = width.saturating_sub(2 + count.width());
        let mut head = vec![Span::styled("f:", theme.key())];
        if sidebar_typing(app) {
            head.extend(super::prompt_spans(app, room));
        } else {
            head.push(Span::raw(fit(&app.sidebar.filter, room)));
        }
        head.push(Span::styled(count, theme.dim()));
        head
    } else {
        vec![
            Span::styled("f", theme.key()),
            Span::styled(" filter  ", theme.dim()),
            Span::styled("a", theme.key()),
            Span::styled(" all/this article", theme.dim()),
        ]
    };
    let mut lines = vec![Line::from(head)];
    // While filtered: the matched characters stand out.
    let query = (!app.sidebar.filter.trim().is_empty())
        .then(|| crate::fuzzy::Query::new(&app.sidebar.filter));
    let overview_h = app.sidebar_bottom_height(inner.height);
    let list_h = inner.height.saturating_sub(HEADER_ROWS + overview_h) as usize;
    if app.sidebar.rows.is_empty() {
        let msg = if !app.progress.done {
            "finding entities…"
        } else if app.sidebar.waiting_for_rows() {
            "sorting every entity…"
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
                let name = e.display_name();
                let matched = query
                    .as_ref()
                    .map(|q| crate::fuzzy::positions(q, &name))
                    .unwrap_or_default();
                let mut line = super::entity_row_matched(
                    &name, &matched, e.kind, selected, counts, width, theme,
                );
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
    if overview_h > 0
        && let Some(id) = app.details_entity()
    {
        let area = Rect {
            y: inner.y + inner.height - overview_h,
            height: DETAILS_ROWS.min(overview_h),
            ..inner
        };
        details(app, id, frame, area, theme);
        if overview_h > DETAILS_ROWS {
            let area = Rect {
                y: area.y + DETAILS_ROWS,
                height: overview_h - DETAILS_ROWS,
                ..inner
            };
            overview(app, frame, area, theme);
        }
    }
}

/// An entity's details: its name and kind, how many mentions in how many
/// articles, the spellings joined into it (and an ambiguous entry's
/// candidates), over [`DETAILS_ROWS`] rows.
fn details(app: &App, id: EntityId, frame: &mut Frame, area: Rect, theme: &Theme) {
    let width = area.width as usize;
    let e = app.index.entity(id);
    let docs = app.index.doc_count(id);
    let head = format!("── {} · {} ", visible(&e.display_name()), e.kind);
    let fill = width.saturating_sub(head.width());
    let mut lines = vec![Line::from(Span::styled(
        fit(&format!("{head}{}", "─".repeat(fill)), width),
        theme.heading(e.kind),
    ))];
    let counts = format!(
        "{} mentions · {docs} {}",
        app.index.mention_count(id),
        if docs == 1 { "article" } else { "articles" }
    );
    let why = app.keymap.hint(&["why"]);
    let hint = if why.is_empty() {
        String::new()
    } else {
        format!("{why} why")
    };
    let pad = width.saturating_sub(counts.width() + hint.width());
    let mut second = vec![Span::raw(fit(&counts, width))];
    if pad > 0 && !hint.is_empty() {
        // (at least a space between them)
        second.push(Span::raw(" ".repeat(pad)));
        second.push(Span::styled(hint, theme.key()));
    }
    lines.push(Line::from(second));
    let others: Vec<String> = e
        .aliases
        .iter()
        .filter(|a| *a != e.name)
        .map(visible)
        .collect();
    let mut rows_left = area.height.saturating_sub(2) as usize;
    if e.is_ambiguous() && rows_left > 0 {
        // The candidates first; a row kept for other spellings if any.
        let names: Vec<String> = e.candidates.iter().map(visible).collect();
        let rows = rows_left
            .saturating_sub(usize::from(!others.is_empty()))
            .max(1);
        let listed = listing("could be: ", &names, width, rows, theme);
        rows_left -= listed.len();
        lines.extend(listed);
        if others.is_empty() {
            rows_left = 0;
        }
    }
    if rows_left > 0 {
        if others.is_empty() {
            lines.push(Line::from(Span::styled("no other spelling", theme.dim())));
        } else {
            lines.extend(listing("also: ", &others, width, rows_left, theme));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// `label` and `items` joined by ` · `, filled into at most `rows` lines of
/// `width` cells; what does not fit is counted (`+3`).
fn listing(
    label: &str,
    items: &[String],
    width: usize,
    rows: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines: Vec<Vec<Span<'static>>> =
        vec![vec![Span::styled(label.to_string(), theme.dim())]];
    let mut used = label.width();
    let mut empty = true;
    for (i, item) in items.iter().enumerate() {
        let last_row = lines.len() >= rows;
        let after = items.len() - i - 1;
        // On the last row, room to say how many more there are.
        let reserve = if last_row && after > 0 {
            format!(" +{after}").width()
        } else {
            0
        };
        let sep = if empty { "" } else { " · " };
        let need = sep.width() + item.width();
        if used + need + reserve <= width {
            lines
                .last_mut()
                .unwrap()
                .push(Span::raw(format!("{sep}{item}")));
            used += need;
            empty = false;
        } else if !last_row {
            let reserve = if lines.len() + 1 >= rows && after > 0 {
                format!(" +{after}").width()
            } else {
                0
            };
            let item = fit(item, width.saturating_sub(reserve));
            used = item.width();
            lines.push(vec![Span::raw(item)]);
            empty = false;
        } else {
            let tail = format!(" +{}", items.len() - i);
            lines
                .last_mut()
                .unwrap()
                .push(Span::styled(tail, theme.dim()));
            break;
        }
    }
    lines.into_iter().map(Line::from).collect()
}

/// Where the selected entity appears (a bar per article) and who appears
/// with it most often, under its details.
fn overview(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some(o) = &app.sidebar.overview else {
        return;
    };
    let width = area.width as usize;
    let e = app.index.entity(o.entity);
    let mut lines = Vec::new();
    let rows = area.height as usize;
    let with_rows = if rows >= 6 { 2 } else { 0 };
    let bar_rows = rows.saturating_sub(with_rows);
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
