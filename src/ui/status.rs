//! The status bar: where you are, what is selected, the prompt while typing,
//! progress while loading, problems, and the keys that work here.

use super::fit;
use super::theme::Theme;
use crate::app::{App, Focus, Mode, Walk};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Draw the status bar in `area` (one row).
pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let width = area.width as usize;
    let line = match app.mode {
        Mode::Search => {
            let hint = "  Enter search · Esc cancel · ↑/↓ history";
            let room = width
                .saturating_sub(1 + hint.chars().count())
                .max(width / 2);
            let mut spans = vec![Span::styled("/", theme.key())];
            spans.extend(super::prompt_spans(app, room));
            spans.push(Span::styled(hint, theme.dim()));
            Line::from(spans)
        }
        _ => status_line(app, width, theme),
    };
    frame.render_widget(Paragraph::new(line).style(theme.status()), area);
}

fn status_line(app: &App, width: usize, theme: &Theme) -> Line<'static> {
    let mut left: Vec<Span> = Vec::new();
    let n = app.corpus.len();
    if n > 0 {
        left.push(Span::raw(format!(
            " Article {}/{} ",
            app.reader.doc.index() + 1,
            n
        )));
        // What the source says of the article: its category and date.
        let d = app.corpus.doc(app.reader.doc);
        let about: Vec<String> = [d.category.as_deref(), d.date.as_deref()]
            .into_iter()
            .flatten()
            .map(|s| fit(&crate::corpus::sanitize::visible(s), 20))
            .collect();
        if !about.is_empty() {
            left.push(Span::styled(format!("{} ", about.join(" · ")), theme.dim()));
        }
    }
    if app.walk == Walk::Hits && (!app.search.hits.is_empty() || app.busy()) {
        let i = app.search.current.map_or(0, |i| i + 1);
        left.push(Span::raw(format!(
            "│ “{}” {}/{}{} ",
            fit(&app.search.query, 20),
            i,
            app.search.hits.len(),
            if app.busy() { "…" } else { "" }
        )));
    } else if let Some(id) = app.selected {
        let e = app.index.entity(id);
        left.push(Span::raw("│ "));
        left.push(Span::styled(
            fit(&crate::corpus::sanitize::visible(&e.display_name()), 28),
            theme.mention(e.kind),
        ));
        left.push(Span::raw(format!(" {} ", e.kind)));
        let ord = if let Some((i, n)) = app.quote_ordinal() {
            format!("quote {i}/{n}")
        } else {
            app.mention_ordinal().map_or_else(
                || format!("{} mentions", app.index.mention_count(id)),
                |(i, m)| format!("mention {i}/{m}"),
            )
        };
        left.push(Span::raw(format!("│ {ord} ")));
    }
    if let Some(why) = &app.offline {
        left.push(Span::styled(
            format!("│ ⚠ offline: {} ", crate::corpus::sanitize::visible(why)),
            theme.warning(),
        ));
    }
    if let Some(msg) = &app.message {
        left.push(Span::styled(
            format!("│ {} ", crate::corpus::sanitize::visible(msg)),
            theme.warning(),
        ));
    } else if let Some(p) = app.progress_line() {
        left.push(Span::raw(format!("│ {p} ")));
    } else if !app.problems.is_empty() {
        let last = app.problems.last().map(String::as_str).unwrap_or("");
        left.push(Span::styled(
            format!("│ ⚠ {} skipped: {} ", app.problems.len(), fit(last, 50)),
            theme.warning(),
        ));
    }
    let hints = hints(app);
    let used: usize = left.iter().map(|s| s.width()).sum();
    let mut spans = left;
    let hint_w: usize = hints.iter().map(|(k, d)| k.width() + d.len() + 2).sum();
    if used + hint_w < width {
        spans.push(Span::raw(" ".repeat(width - used - hint_w)));
        for (k, d) in hints {
            spans.push(Span::styled(k, theme.key()));
            spans.push(Span::raw(format!(" {d} ")));
        }
    }
    Line::from(spans)
}

fn hints(app: &App) -> Vec<(String, &'static str)> {
    let k = |names: &[&str]| app.keymap.hint(names);
    let mut h = match (app.mode, app.focus) {
        (Mode::Filter, _) => vec![("Enter".into(), "select"), ("Esc".into(), "clear")],
        (Mode::Merge, _) => vec![
            ("↓/↑".into(), "pick"),
            ("Enter".into(), "merge into"),
            ("Esc".into(), "cancel"),
        ],
        (_, Focus::Sidebar) => vec![
            (k(&["enter"]), "select"),
            (k(&["next_match", "prev_match"]), "jump"),
            (k(&["filter"]), "filter"),
            (k(&["toggle_scope"]), "scope"),
        ],
        (_, Focus::List) => vec![
            (k(&["down", "up"]), "move"),
            (k(&["enter"]), "read"),
            (k(&["focus_next"]), "pane"),
        ],
        (_, Focus::Reader) => vec![
            (k(&["next_match", "prev_match"]), "next/prev"),
            (k(&["next_article", "prev_article"]), "article"),
            (k(&["search"]), "search"),
        ],
    };
    h.push((k(&["help"]), "help"));
    h.push((k(&["quit"]), "quit"));
    h.retain(|(keys, _)| !keys.is_empty());
    h
}
