//! The quotes view: a popup listing the quotations of one entity across the
//! corpus, newest first, each as its article's date and title over two
//! lines of its words (see [`crate::app::quotes`]).

use super::fit;
use super::theme::Theme;
use crate::app::App;
use crate::app::quotes::QUOTE_ROWS;
use crate::corpus::sanitize::visible;
use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// Draw the quotes view centred on the screen.
pub fn render(app: &App, frame: &mut Frame, theme: &Theme) {
    let q = &app.quotes;
    let Some(id) = q.entity else { return };
    let area = frame.area();
    let w = area.width.saturating_sub(4).min(110);
    let wanted = (q.entries.len() * QUOTE_ROWS + 2).min(u16::MAX as usize) as u16;
    let h = area.height.saturating_sub(2).min(wanted).max(3);
    let popup = area.centered(Constraint::Length(w), Constraint::Length(h));
    let inner_w = w.saturating_sub(2) as usize;
    let e = app.index.entity(id);
    let title = format!(
        " quotes of {} · {} ",
        fit(&visible(e.name), inner_w.saturating_sub(30).max(8)),
        q.entries.len()
    );
    let keys = format!(
        " {} open · {} close ",
        app.keymap.hint(&["enter"]),
        app.keymap.hint(&["escape"])
    );
    let block = Block::bordered()
        .border_style(theme.border(true))
        .title(Line::from(vec![Span::styled(title, theme.mention(e.kind))]))
        .title_bottom(Line::from(Span::styled(keys, theme.dim())).right_aligned());
    let rows = h.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (i, entry) in q
        .entries
        .iter()
        .enumerate()
        .skip(q.selection.offset)
        .take(rows.div_ceil(QUOTE_ROWS))
    {
        let doc = app.corpus.doc(entry.doc);
        let selected = i == q.selection.selected;
        let pick = |s: Style| {
            if selected {
                s.patch(theme.selection(true))
            } else {
                s
            }
        };
        let mark = if q.current == Some(i) { "▶ " } else { "  " };
        let kind = format!(" {}", entry.kind.as_str());
        let date = doc.date.as_deref().map(|d| format!("{} · ", visible(d)));
        let date = date.unwrap_or_default();
        let title_w = inner_w.saturating_sub(mark.width() + date.width() + kind.width());
        let title = fit(&visible(&doc.title), title_w);
        let pad = title_w.saturating_sub(title.width());
        lines.push(Line::from(vec![
            Span::styled(mark, pick(theme.key())),
            Span::styled(date, pick(theme.dim())),
            Span::styled(title, pick(theme.title(true))),
            Span::styled(" ".repeat(pad), pick(Style::new())),
            Span::styled(kind, pick(theme.dim())),
        ]));
        let words: Vec<&str> = entry
            .spans
            .iter()
            .filter_map(|r| doc.text.get(r.clone()))
            .collect();
        let text = visible(&words.join(" … "));
        for l in wrap_lines(&text, inner_w.saturating_sub(4), QUOTE_ROWS - 1) {
            let pad = inner_w.saturating_sub(4 + l.width());
            lines.push(Line::from(vec![
                Span::styled("    ", pick(Style::new())),
                Span::styled(l, pick(theme.quote())),
                Span::styled(" ".repeat(pad), pick(Style::new())),
            ]));
        }
    }
    lines.truncate(rows);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// `text` with its white space collapsed, in exactly `n` lines of at most
/// `width` cells (the last cut with an ellipsis when the text goes on).
fn wrap_lines(text: &str, width: usize, n: usize) -> Vec<String> {
    let width = width.max(4);
    let mut lines: Vec<String> = vec![String::new()];
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let cur = lines.last_mut().expect("a line");
        let need = if cur.is_empty() { 0 } else { 1 } + word.width();
        if cur.width() + need <= width {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
            continue;
        }
        if lines.len() == n {
            // No room left: cut what remains into the last line.
            let cur = lines.last_mut().expect("a line");
            let rest: Vec<&str> = std::iter::once(word).chain(words).collect();
            let joined = format!("{cur} {}", rest.join(" "));
            *cur = fit(joined.trim_start(), width);
            if cur.width() < width && !cur.ends_with('…') {
                cur.push('…');
            }
            break;
        }
        lines.push(fit(word, width));
    }
    lines.resize(n, String::new());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_text_wraps_into_two_lines_and_is_cut_with_an_ellipsis() {
        let t = "„Wir   werden\ndas schaffen“, und noch viel mehr Worte danach";
        assert_eq!(
            wrap_lines(t, 20, 2),
            vec!["„Wir werden das", "schaffen“, und noch…"]
        );
        assert_eq!(wrap_lines("kurz", 20, 2), vec!["kurz", ""]);
        let long = wrap_lines(&"Wort ".repeat(40), 12, 2);
        assert!(long.iter().all(|l| l.width() <= 12), "{long:?}");
        assert!(long[1].ends_with('…'));
    }
}
