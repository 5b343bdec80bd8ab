//! The reading pane's state: the open article wrapped to the pane, how far
//! it is scrolled, and the current mention or hit (the cursor `n`/`N` move
//! from).

use crate::corpus::{DocId, Document};
use crate::wrap::{self, Wrapped};
use std::ops::Range;

/// The highlighted place in the text that `n`/`N` move from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The document.
    pub doc: DocId,
    /// The byte range highlighted as current.
    pub range: Range<usize>,
}

/// The reading pane's state.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    /// The open article.
    pub doc: DocId,
    /// The open article's text wrapped to the pane.
    pub wrapped: Wrapped,
    /// The article `wrapped` belongs to (`None` until it is wrapped).
    pub wrapped_doc: Option<DocId>,
    /// The first visible row.
    pub scroll: usize,
    /// The current mention or hit.
    pub cursor: Option<Cursor>,
}

impl Reader {
    /// Show `doc`: another article starts at its top and is wrapped anew.
    pub fn show(&mut self, doc: DocId) {
        if doc != self.doc {
            self.doc = doc;
            self.scroll = 0;
            self.wrapped_doc = None;
        }
    }

    /// Whether `wrapped` holds the open article.
    pub fn is_wrapped(&self) -> bool {
        self.wrapped_doc == Some(self.doc)
    }

    /// Forget the wrapped text (the corpus is empty).
    pub fn clear(&mut self) {
        self.wrapped = Wrapped::default();
        self.wrapped_doc = None;
    }

    /// Wrap `doc`, the open article, to `width` if the article or the width
    /// changed. The line at the top stays at the top; a cursor in the
    /// article is kept in view in `height` rows.
    pub fn rewrap(&mut self, doc: &Document, width: usize, height: usize) {
        if self.needs_wrap(width) {
            self.set_wrapped(wrap::wrap(&doc.text, &doc.hidden, width), height);
        }
    }

    /// Whether the open article has to be wrapped (again) for `width`.
    pub fn needs_wrap(&self, width: usize) -> bool {
        !(self.is_wrapped() && self.wrapped.width == width.max(1))
    }

    /// Show `wrapped`, the open article wrapped anew (here or on a worker
    /// thread, see [`super::rewrap`]). The line at the top stays at the
    /// top; a cursor in the article is kept in view in `height` rows.
    pub fn set_wrapped(&mut self, wrapped: Wrapped, height: usize) {
        let anchor = self
            .wrapped
            .lines
            .get(self.scroll)
            .filter(|_| self.is_wrapped())
            .map(|l| l.range.start);
        self.wrapped = wrapped;
        self.wrapped_doc = Some(self.doc);
        self.scroll = anchor.map_or(0, |a| self.wrapped.row_of(a));
        if let Some(c) = &self.cursor
            && c.doc == self.doc
        {
            let row = self.wrapped.row_of(c.range.start);
            self.reveal_row(row, height);
        }
    }

    /// The byte offset of the line at the top of the view (0 for none).
    pub fn top(&self) -> usize {
        self.wrapped
            .lines
            .get(self.scroll)
            .map_or(0, |l| l.range.start)
    }

    /// The byte offset of the top line when the view is scrolled down (what
    /// is remembered of an article's position); `None` at the top.
    pub fn scrolled_to(&self) -> Option<usize> {
        self.wrapped
            .lines
            .get(self.scroll)
            .filter(|_| self.scroll > 0)
            .map(|l| l.range.start)
    }

    /// The cursor's range, if it is in the open article.
    pub fn cursor_here(&self) -> Option<Range<usize>> {
        self.cursor
            .as_ref()
            .filter(|c| c.doc == self.doc)
            .map(|c| c.range.clone())
    }

    /// The position `n`/`N` move from: the cursor, or just before the top of
    /// the view (so that a mention on the top line is the next one).
    pub fn position(&self) -> usize {
        match &self.cursor {
            Some(c) if c.doc == self.doc => c.range.start,
            _ => self
                .wrapped
                .lines
                .get(self.scroll)
                .map_or(0, |l| l.range.start.saturating_sub(1)),
        }
    }

    /// Keep the scroll within the text for a pane `height` rows high.
    pub fn clamp(&mut self, height: usize) {
        self.scroll = self.scroll.min(self.wrapped.len().saturating_sub(height));
    }

    /// Scroll by `delta` rows, within the text.
    pub fn scroll_by(&mut self, delta: isize, height: usize) {
        let max = self.wrapped.len().saturating_sub(height);
        let s = (self.scroll as isize)
            .saturating_add(delta)
            .clamp(0, max as isize);
        self.scroll = s as usize;
    }

    /// Scroll so that `row` is visible, a third of the way down when the
    /// view has to move.
    pub fn reveal_row(&mut self, row: usize, height: usize) {
        if row < self.scroll || row >= self.scroll + height {
            self.scroll = row.saturating_sub(height / 3);
        }
        self.clamp(height);
    }

    /// The byte offset of the character drawn at column `col` of text row
    /// `row` of the view; `text` is the open article's.
    pub fn offset_at(&self, text: &str, row: usize, col: usize) -> Option<usize> {
        let line = self.wrapped.lines.get(self.scroll + row)?;
        let mut width = 0;
        for (i, c) in text[line.range.clone()].char_indices() {
            width += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if width > col {
                return Some(line.range.start + i);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_bytes("a".into(), "a.txt".into(), text.as_bytes())
    }

    /// A reader on an article of `n` numbered paragraphs, wrapped to 40.
    fn reader(n: usize) -> (Reader, Document) {
        let text: String = (0..n).map(|i| format!("Absatz {i}.\n\n")).collect();
        let d = doc(&format!("Titel\n\n{text}"));
        let mut r = Reader::default();
        r.rewrap(&d, 40, 10);
        (r, d)
    }

    #[test]
    fn scrolling_stays_within_the_text() {
        let (mut r, _) = reader(30);
        let rows = r.wrapped.len();
        assert!(rows > 30);
        r.scroll_by(5, 10);
        assert_eq!(r.scroll, 5);
        r.scroll_by(-50, 10);
        assert_eq!(r.scroll, 0);
        r.scroll_by(isize::MAX / 2, 10);
        assert_eq!(r.scroll, rows - 10, "the last page, not beyond");
        r.scroll = rows + 5;
        r.clamp(10);
        assert_eq!(r.scroll, rows - 10);
    }

    #[test]
    fn a_row_out_of_view_comes_a_third_down() {
        let (mut r, _) = reader(30);
        r.reveal_row(4, 9);
        assert_eq!(r.scroll, 0, "already in view: no move");
        r.reveal_row(30, 9);
        assert_eq!(r.scroll, 27, "a third of 9 rows above it");
        r.reveal_row(28, 9);
        assert_eq!(r.scroll, 27, "in view again: no move");
    }

    #[test]
    fn rewrapping_keeps_the_top_line_and_the_cursor_in_view() {
        let (mut r, d) = reader(30);
        r.scroll = 20;
        let top = r.top();
        r.rewrap(&d, 40, 10);
        assert_eq!(r.top(), top, "same width: nothing to do");
        r.rewrap(&d, 8, 10);
        assert_eq!(r.wrapped.width, 8);
        assert!(r.top() <= top && top < r.wrapped.lines[r.scroll + 1].range.start);
        // A cursor near the end is brought into view after a rewrap.
        let end = d.text.rfind("Absatz").unwrap();
        r.cursor = Some(Cursor {
            doc: DocId(0),
            range: end..end + 6,
        });
        r.scroll = 0;
        r.rewrap(&d, 30, 10);
        let row = r.wrapped.row_of(end);
        assert!(r.scroll <= row && row < r.scroll + 10);
    }

    #[test]
    fn another_article_starts_at_its_top() {
        let (mut r, _) = reader(30);
        r.scroll = 12;
        r.show(DocId(0));
        assert_eq!(r.scroll, 12, "the same article stays put");
        assert!(r.is_wrapped());
        r.show(DocId(1));
        assert_eq!((r.doc, r.scroll), (DocId(1), 0));
        assert!(!r.is_wrapped(), "wrapped anew");
    }

    #[test]
    fn position_is_the_cursor_or_just_above_the_view() {
        let (mut r, _) = reader(30);
        assert_eq!(r.position(), 0);
        assert_eq!(r.scrolled_to(), None);
        r.scroll = 3;
        let top = r.top();
        assert_eq!(r.position(), top - 1);
        assert_eq!(r.scrolled_to(), Some(top));
        r.cursor = Some(Cursor {
            doc: DocId(0),
            range: 40..45,
        });
        assert_eq!(r.position(), 40);
        assert_eq!(r.cursor_here(), Some(40..45));
        r.cursor = Some(Cursor {
            doc: DocId(7),
            range: 40..45,
        });
        assert_eq!(r.position(), top - 1, "a cursor elsewhere does not count");
        assert_eq!(r.cursor_here(), None);
    }

    #[test]
    fn a_screen_cell_maps_to_its_byte_offset() {
        let d = doc("Titel\n\nÄrger in Köln");
        let mut r = Reader::default();
        r.rewrap(&d, 40, 10);
        let row = r.wrapped.row_of(d.text.find("Ärger").unwrap());
        let line = r.wrapped.lines[row].range.start;
        assert_eq!(r.offset_at(&d.text, row, 0), Some(line));
        // Column 1 is the byte after the two-byte Ä.
        assert_eq!(r.offset_at(&d.text, row, 1), Some(line + 2));
        assert_eq!(r.offset_at(&d.text, row, 200), None, "past the line's end");
        assert_eq!(r.offset_at(&d.text, 100, 0), None, "below the text");
    }
}
