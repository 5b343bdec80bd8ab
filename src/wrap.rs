//! Wrapping article text into screen lines that remember their byte ranges.
//!
//! The reading pane renders these lines unwrapped, so a byte offset (a
//! mention, a search hit) maps exactly to a screen row. Paragraphs are kept,
//! runs of blank lines collapse to one, hidden page furniture is left out, and
//! long German compounds break at hyphens, soft hyphens and syllables
//! (Knuth–Liang patterns for German) with a visible hyphen.

use hyphenation::{Hyphenator, Language, Load, Standard};
use std::ops::Range;
use std::sync::OnceLock;
use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::word_splitters::{WordSplitter, split_words};
use textwrap::wrap_algorithms::wrap_first_fit;

/// One screen line of wrapped text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    /// Byte range of the text shown on this line (trailing spaces excluded).
    pub range: Range<usize>,
    /// Whether the line ends inside a word and shows a hyphen.
    pub hyphen: bool,
}

/// A document wrapped to one width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wrapped {
    /// The lines, top to bottom.
    pub lines: Vec<WrappedLine>,
    /// The width wrapped to, in cells.
    pub width: usize,
}

impl Wrapped {
    /// The row that shows byte `offset`: the last line starting at or before it.
    pub fn row_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.range.start <= offset)
            .saturating_sub(1)
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

fn german() -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    DICT.get_or_init(|| Standard::from_embedded(Language::German1996).ok())
        .as_ref()
}

/// Break points inside a word: after hyphens and soft hyphens, and at
/// syllable boundaries of long words.
fn split_points(word: &str) -> Vec<usize> {
    let mut points: Vec<usize> = Vec::new();
    let mut has_marks = false;
    for (i, c) in word.char_indices() {
        if c == '\u{AD}' || (c == '-' && i > 0 && i + 1 < word.len()) {
            points.push(i + c.len_utf8());
            has_marks = true;
        }
    }
    if !has_marks
        && word.chars().count() >= 10
        && word.chars().all(char::is_alphabetic)
        && let Some(dict) = german()
    {
        points.extend(dict.hyphenate(word).breaks);
    }
    points.sort_unstable();
    points.dedup();
    points
}

/// Byte offset of `part` inside `base`; `part` must be a slice of `base`.
fn offset_in(base: &str, part: &str) -> usize {
    part.as_ptr() as usize - base.as_ptr() as usize
}

/// Wrap `text` to `width` cells, leaving out `hidden` ranges (sorted,
/// disjoint). A width of 0 is treated as 1.
///
/// Text that separates paragraphs with blank lines keeps one blank row between
/// them; text with one paragraph per line and no blank lines gets a blank row
/// between its lines, so paragraphs stay apart on screen.
pub fn wrap(text: &str, hidden: &[Range<usize>], width: usize) -> Wrapped {
    wrap_unless(text, hidden, width, &|| false).unwrap_or_default()
}

/// [`wrap`], giving up (with `None`) as soon as `stop` says so; it is asked
/// before each line of the text, so a wrap that is no longer wanted (on a
/// worker thread, after another resize) ends early.
pub fn wrap_unless(
    text: &str,
    hidden: &[Range<usize>],
    width: usize,
    stop: &dyn Fn() -> bool,
) -> Option<Wrapped> {
    let width = width.max(1);
    let one_per_line = !has_blank_line(text);
    let splitter = WordSplitter::Custom(split_points);
    let mut lines: Vec<WrappedLine> = Vec::new();
    let mut blank_pending = false;
    let mut hidden_i = 0;
    let mut start = 0usize;
    for line in text.split('\n') {
        if stop() {
            return None;
        }
        let mut range = start..start + line.len();
        start = range.end + 1;
        while hidden_i < hidden.len() && hidden[hidden_i].end <= range.start {
            hidden_i += 1;
        }
        if let Some(h) = hidden.get(hidden_i)
            && h.start < range.end.max(range.start + 1)
            && h.end > range.start
        {
            if h.start <= range.start {
                continue; // the whole line is furniture
            }
            range.end = range.end.min(h.start);
        }
        let visible = &text[range.clone()];
        if visible.trim().is_empty() {
            blank_pending = !lines.is_empty();
            continue;
        }
        if blank_pending {
            lines.push(WrappedLine {
                range: range.start..range.start,
                hyphen: false,
            });
        }
        wrap_line(text, visible, width, &splitter, &mut lines);
        blank_pending = one_per_line;
    }
    Some(Wrapped { lines, width })
}

fn has_blank_line(text: &str) -> bool {
    text.split('\n').skip(1).any(|l| l.trim().is_empty())
}

fn wrap_line(
    text: &str,
    line: &str,
    width: usize,
    splitter: &WordSplitter,
    out: &mut Vec<WrappedLine>,
) {
    let words = WordSeparator::AsciiSpace.find_words(line);
    let words = split_words(words, splitter);
    let words: Vec<Word<'_>> = break_words(words, width);
    let widths = [width as f64];
    for frag in wrap_first_fit(&words, &widths) {
        let (Some(first), Some(last)) = (frag.first(), frag.last()) else {
            continue;
        };
        let begin = offset_in(text, first.word);
        let end = offset_in(text, last.word) + last.word.len();
        out.push(WrappedLine {
            range: begin..end,
            hyphen: !last.penalty.is_empty(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, w: &Wrapped) -> Vec<String> {
        w.lines
            .iter()
            .map(|l| {
                format!(
                    "{}{}",
                    &text[l.range.clone()],
                    if l.hyphen { "-" } else { "" }
                )
            })
            .collect()
    }

    #[test]
    fn wraps_and_keeps_paragraphs() {
        let text = "Der Minister sagte am Mittwoch etwas.\n\n\n\nZweiter Absatz hier.";
        let w = wrap(text, &[], 20);
        assert_eq!(
            shown(text, &w),
            [
                "Der Minister sagte",
                "am Mittwoch etwas.",
                "",
                "Zweiter Absatz hier."
            ]
        );
        let one_per_line = "Erster Absatz.\nZweiter Absatz.";
        let w = wrap(one_per_line, &[], 40);
        assert_eq!(
            shown(one_per_line, &w),
            ["Erster Absatz.", "", "Zweiter Absatz."]
        );
    }

    #[test]
    fn long_compounds_break_with_hyphens() {
        let text = "Die Artilleriemunitionsbestände der Ukraine-Kriegsparteien";
        let w = wrap(text, &[], 14);
        let lines = shown(text, &w);
        assert!(
            lines.iter().all(|l| textwrap::core::display_width(l) <= 14),
            "{lines:?}"
        );
        assert!(lines.iter().any(|l| l.ends_with('-')), "{lines:?}");
        // Rows map back to byte offsets.
        let at = text.find("Ukraine").unwrap();
        let row = w.row_of(at);
        assert!(w.lines[row].range.start <= at && at <= w.lines[row].range.end);
    }

    #[test]
    fn hidden_lines_and_tails_are_left_out() {
        let text = "Titel\n\n  1. Startseite\n\nText hier. © dpa\nEnde";
        let hidden = crate::corpus::furniture::find(text);
        let w = wrap(text, &hidden, 40);
        assert_eq!(shown(text, &w), ["Titel", "", "Text hier.", "Ende"]);
    }

    #[test]
    fn tiny_widths_and_wide_characters_do_not_panic() {
        let text = "東京で会議 Grüße 👍🏽 aus Pjöngjang";
        for width in 0..12 {
            let w = wrap(text, &[], width);
            for l in &w.lines {
                assert!(text.is_char_boundary(l.range.start) && text.is_char_boundary(l.range.end));
            }
        }
    }

    #[test]
    fn a_wrap_told_to_stop_gives_up() {
        let text = "Erster Absatz.\n\nZweiter Absatz.\n\nDritter Absatz.";
        let asked = std::cell::Cell::new(0);
        let stop_at_second = || {
            asked.set(asked.get() + 1);
            asked.get() > 2
        };
        assert_eq!(wrap_unless(text, &[], 10, &stop_at_second), None);
        assert_eq!(asked.get(), 3, "asked before each line, not after the end");
        assert_eq!(
            wrap_unless(text, &[], 10, &|| false),
            Some(wrap(text, &[], 10)),
            "not stopped: the same wrap"
        );
    }

    #[test]
    fn row_of_is_monotonic() {
        let text = "a b c d e f g h i j k l m n o p";
        let w = wrap(text, &[], 4);
        let mut last = 0;
        for off in 0..text.len() {
            let r = w.row_of(off);
            assert!(r >= last);
            last = r;
        }
        assert_eq!(w.row_of(text.len() - 1), w.len() - 1);
    }
}
