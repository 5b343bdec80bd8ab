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
pub mod why;

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
    if app.mode == Mode::Why {
        why::render(app, frame, theme);
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

/// Draw a bordered overlay over `popup` (cleared first) with `title`, its
/// `lines` scrolled down by `scroll` lines (the help and why overlays).
pub fn scrolled_overlay(
    frame: &mut Frame,
    popup: Rect,
    title: impl Into<Line<'static>>,
    lines: Vec<Line<'static>>,
    scroll: u16,
    theme: &Theme,
) {
    let block = Block::bordered()
        .title(title)
        .border_style(theme.border(true));
    frame.render_widget(ratatui::widgets::Clear, popup);
    frame.render_widget(
        ratatui::widgets::Paragraph::new(lines)
            .block(block)
            .scroll((scroll, 0)),
        popup,
    );
}

pub use crate::text::cells::fit;

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
    entity_row_matched(name, &[], kind, selected, counts, width, theme)
}

/// [`entity_row`] with the characters of `name` at `matched` (indices into
/// its characters, from [`crate::fuzzy::positions`]) highlighted.
pub fn entity_row_matched(
    name: &str,
    matched: &[usize],
    kind: crate::entity::Kind,
    selected: bool,
    counts: String,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    use unicode_width::UnicodeWidthStr;
    let mark = if selected { "● " } else { "  " };
    let name_w = width.saturating_sub(counts.width() + 2);
    let visible = crate::corpus::sanitize::visible(name);
    let mut spans = vec![Span::styled(mark, theme.mention(kind))];
    let name = matched_spans(
        &visible,
        matched,
        name_w,
        theme.mention(kind),
        theme.matched(),
    );
    let used: usize = name.iter().map(|s| s.width()).sum();
    spans.extend(name);
    spans.push(Span::raw(" ".repeat(name_w.saturating_sub(used))));
    spans.push(Span::styled(counts, theme.dim()));
    Line::from(spans)
}

/// `text` in at most `width` cells as spans, the characters at `matched`
/// (indices into its characters) in the `matched` style and the others in
/// `base`. When the first match would be cut off, the start of the text
/// gives way (`…` in front) so that it is in view; what is cut at the end
/// gets an ellipsis, as [`fit`] does.
pub fn matched_spans(
    text: &str,
    matched: &[usize],
    width: usize,
    base: Style,
    matched_style: Style,
) -> Vec<Span<'static>> {
    use unicode_width::UnicodeWidthChar;
    let chars: Vec<char> = text.chars().collect();
    let w = |c: &char| c.width().unwrap_or(0);
    let total: usize = chars.iter().map(w).sum();
    let mut start = 0;
    let mut lead = false;
    if total > width
        && let Some(&first) = matched.first()
    {
        // Cells up to and including the first run of matched characters.
        let mut end = first.min(chars.len().saturating_sub(1));
        while end + 1 < chars.len() && matched.contains(&(end + 1)) {
            end += 1;
        }
        let upto: usize = chars[..=end].iter().map(w).sum();
        if upto + 1 > width {
            // Drop characters from the front until the run fits after `…`.
            let mut cut = 0;
            let mut dropped = 0;
            while upto - dropped + 1 + 1 > width && cut < first {
                dropped += w(&chars[cut]);
                cut += 1;
            }
            start = cut;
            lead = cut > 0;
        }
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    if lead {
        spans.push(Span::styled("…", base));
        used += 1;
    }
    let rest: usize = chars[start..].iter().map(w).sum();
    let room = if used + rest > width {
        width.saturating_sub(used + 1)
    } else {
        width - used
    };
    let mut cur = String::new();
    let mut cur_matched = false;
    let mut taken = 0;
    for (i, c) in chars.iter().enumerate().skip(start) {
        if taken + w(c) > room {
            break;
        }
        let m = matched.contains(&i);
        if m != cur_matched && !cur.is_empty() {
            let style = if cur_matched { matched_style } else { base };
            spans.push(Span::styled(std::mem::take(&mut cur), style));
        }
        cur_matched = m;
        cur.push(*c);
        taken += w(c);
    }
    if !cur.is_empty() {
        let style = if cur_matched { matched_style } else { base };
        spans.push(Span::styled(cur, style));
    }
    if used + rest > width && width > 0 {
        spans.push(Span::styled("…", base));
    }
    spans
}

/// The open prompt's text in `width` cells, with the cursor drawn as a
/// reversed cell (scrolled so that it is in view).
pub fn prompt_spans(app: &App, width: usize) -> Vec<Span<'static>> {
    let (before, under, after) = app.prompt.view(width);
    vec![
        Span::raw(before),
        Span::styled(
            under,
            Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
        ),
        Span::raw(after),
    ]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn matched_characters_are_styled_and_kept_in_view() {
        let (base, hl) = (Style::new(), Style::new().underlined());
        let s = matched_spans("Die SPÖ tagt", &[4, 5, 6], 20, base, hl);
        assert_eq!(text(&s), "Die SPÖ tagt");
        assert_eq!(s[1].content, "SPÖ");
        assert_eq!(s[1].style, hl);
        // Too narrow: the start gives way to the match.
        let s = matched_spans(
            "Ein sehr langer Titel über die SPÖ",
            &[31, 32, 33],
            12,
            base,
            hl,
        );
        assert!(text(&s).starts_with('…'), "{}", text(&s));
        assert!(text(&s).contains("SPÖ"), "{}", text(&s));
        assert!(text(&s).chars().count() <= 12);
        // No match in the way: cut at the end like fit().
        let s = matched_spans("Ein sehr langer Titel", &[0], 10, base, hl);
        assert_eq!(text(&s), "Ein sehr …");
    }
}
