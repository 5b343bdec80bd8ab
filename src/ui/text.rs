//! Turning a byte range of article text plus styled ranges (mentions, hits,
//! the cursor) into a styled line, with replaced control characters shown as
//! visible symbols and soft hyphens dropped.

use crate::corpus::Replaced;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;

/// Build the styled line for `text[range]`. `layers` are applied in order, a
/// later layer patching an earlier one where they overlap.
pub fn styled_line(
    text: &str,
    range: Range<usize>,
    layers: &[(Range<usize>, Style)],
    replaced: &[Replaced],
    replaced_style: Style,
) -> Vec<Span<'static>> {
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for (r, _) in layers {
        cuts.push(r.start.clamp(range.start, range.end));
        cuts.push(r.end.clamp(range.start, range.end));
    }
    let first_rep = replaced.partition_point(|r| r.range.end <= range.start);
    let reps: Vec<&Replaced> = replaced[first_rep..]
        .iter()
        .take_while(|r| r.range.start < range.end)
        .collect();
    for r in &reps {
        cuts.push(r.range.start.clamp(range.start, range.end));
        cuts.push(r.range.end.clamp(range.start, range.end));
    }
    cuts.retain(|&c| text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::new();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        if s >= e {
            continue;
        }
        let mut style = Style::new();
        for (r, st) in layers {
            if r.start <= s && e <= r.end {
                style = style.patch(*st);
            }
        }
        let piece: String =
            if let Some(r) = reps.iter().find(|r| r.range.start <= s && e <= r.range.end) {
                style = style.patch(replaced_style);
                if r.range.start == s || s == range.start {
                    r.symbol().to_string()
                } else {
                    String::new()
                }
            } else {
                text[s..e].chars().filter(|&c| c != '\u{AD}').collect()
            };
        if !piece.is_empty() {
            spans.push(Span::styled(piece, style));
        }
    }
    spans
}

/// A plain line of text with replaced characters shown, for titles and names.
pub fn plain(s: &str) -> Line<'static> {
    Line::raw(crate::corpus::sanitize::visible(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::sanitize::sanitize;
    use ratatui::style::Modifier;

    #[test]
    fn layers_patch_and_controls_become_symbols() {
        let (text, rep) = sanitize(b"ab\x1b[2Jcd ef\xc2\xadgh");
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let spans = styled_line(&text, 0..text.len(), &[(6..8, bold)], &rep, Style::new());
        let shown: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(shown, "ab␛[2Jcd efgh");
        let b = spans.iter().find(|s| s.content == "cd").unwrap();
        assert!(b.style.add_modifier.contains(Modifier::BOLD));
        assert!(!shown.chars().any(|c| c.is_control()));
    }
}
