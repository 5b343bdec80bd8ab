//! The article list pane: titles with an unread marker, the open article
//! highlighted, limited to an entity's articles (the title says so),
//! filtered as you type (the matched characters highlighted and
//! kept in view).

use super::theme::Theme;
use super::{fit, pane};
use crate::app::{App, Focus, Mode};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draw the article list in `area`.
pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let focused = app.focus == Focus::List;
    let n = app.corpus.len();
    let shown = app.list_len();
    let mut title = if app.progress.done || n == 0 {
        format!(" Articles {n} ")
    } else {
        format!(" Articles {n}/{} ", app.progress.found.max(n))
    };
    let typing = app.mode == Mode::Filter && app.filter_target == Focus::List;
    if typing || app.list.is_narrowed() {
        title = format!(" Articles {shown} of {n} ");
    }
    if let Some(limit) = &app.list.limit {
        title = format!("{}· {} ", title, limit.label);
    }
    let block = pane(title, focused, theme);
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    if app.list_filter_shown() && inner.height > 1 {
        let mut spans = vec![Span::styled("f:", theme.key())];
        if typing {
            spans.extend(super::prompt_spans(app, width.saturating_sub(2)));
        } else {
            spans.push(Span::raw(fit(&app.list.filter, width.saturating_sub(2))));
        }
        let line = Line::from(spans);
        frame.render_widget(Paragraph::new(line), Rect { height: 1, ..inner });
        inner.y += 1;
        inner.height -= 1;
    }
    let num_w = n.to_string().len();
    // While filtered: the matched characters stand out, in view.
    let query =
        (!app.list.filter.trim().is_empty()).then(|| crate::fuzzy::Query::new(&app.list.filter));
    let mut lines: Vec<Line> = Vec::new();
    for row in app.list.selection.offset..shown {
        let Some(doc) = app.list_doc(row) else { break };
        if lines.len() >= inner.height as usize {
            break;
        }
        let selected = row == app.list.selection.selected;
        lines.extend(row_lines(
            app,
            doc,
            num_w,
            width,
            query.as_ref(),
            selected,
            theme,
        ));
    }
    lines.truncate(inner.height as usize);
    if lines.is_empty() {
        let msg = if !app.progress.done && n == 0 {
            "loading…"
        } else if shown == 0 && n > 0 && app.list.filter.is_empty() {
            "no article in the limit (F shows all)"
        } else if shown == 0 && n > 0 {
            "no title matches the filter"
        } else {
            "no articles"
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, theme.dim())), inner);
        return;
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The lines of an article's row (one, or two for a long title; see
/// [`crate::app::list_rows`]): its number, the unread marker, the title with
/// the matched characters, and the category or date at the right end of
/// the last line; the whole row highlighted when `selected`.
fn row_lines(
    app: &App,
    doc: crate::corpus::DocId,
    num_w: usize,
    width: usize,
    query: Option<&crate::fuzzy::Query>,
    selected: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let d = app.corpus.doc(doc);
    let read = app.memory.is_read(&d.id);
    let layout = app.list_row(doc);
    let matched = query.map_or_else(Vec::new, |q| crate::fuzzy::positions(q, &layout.title));
    let title_style = if read { theme.read() } else { theme.unread() };
    let room = width.saturating_sub(num_w + 1);
    let tag_w = layout
        .tag
        .as_deref()
        .map_or(0, |t| crate::text::cells::width(t) + 1);
    let chars: Vec<char> = layout.title.chars().collect();
    // (text, its matched characters, its width) of each line.
    let parts: Vec<(String, Vec<usize>, usize)> = match layout.split {
        None => vec![(layout.title.clone(), matched, room - tag_w)],
        Some((first, rest)) => vec![
            (
                chars[..first].iter().collect(),
                matched.iter().copied().filter(|&i| i < first).collect(),
                room,
            ),
            (
                chars[rest..].iter().collect(),
                matched
                    .iter()
                    .filter(|&&i| i >= rest)
                    .map(|i| i - rest)
                    .collect(),
                room - tag_w,
            ),
        ],
    };
    let last = parts.len() - 1;
    let focused = app.focus == Focus::List;
    parts
        .into_iter()
        .enumerate()
        .map(|(i, (text, matched, room))| {
            let mut spans = if i == 0 {
                let marker = if read { " " } else { "•" };
                vec![
                    Span::styled(format!("{:>num_w$}", doc.index() + 1), theme.dim()),
                    Span::styled(marker, theme.key()),
                ]
            } else {
                vec![Span::raw(" ".repeat(num_w + 1))]
            };
            spans.extend(super::matched_spans(
                &text,
                &matched,
                room,
                title_style,
                theme.matched(),
            ));
            if i == last
                && let Some(tag) = &layout.tag
            {
                // Right-aligned, as mail readers put the date.
                let used: usize = spans.iter().map(Span::width).sum();
                let pad = width.saturating_sub(used + crate::text::cells::width(tag));
                spans.push(Span::raw(" ".repeat(pad)));
                spans.push(Span::styled(tag.clone(), theme.dim()));
            }
            let mut line = Line::from(spans);
            if selected {
                let pad = width.saturating_sub(line.width());
                line.spans.push(Span::raw(" ".repeat(pad)));
                line = line.style(theme.selection(focused));
            }
            line
        })
        .collect()
}
