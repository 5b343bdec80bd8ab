//! How the article list lays out its rows: the article's number, a read
//! marker, its title and, at the right end, its category or date. A title
//! that does not fit on its row gets a second line (broken at a word; what
//! does not fit on the second is cut with an ellipsis), so that long titles
//! (10kGNAD's first lines) can be read in the list. Rows are one or two
//! lines high, so the list scrolls by lines: the selected row is always
//! whole on screen, and a click finds the row under it.

use super::{App, Focus};
use crate::corpus::{DocId, Document, sanitize};
use crate::text::cells;

/// Columns the category or date takes at most.
pub const TAG_WIDTH: usize = 12;

/// One row of the article list laid out in its width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowLayout {
    /// The title as shown (control characters made visible).
    pub title: String,
    /// Where the title breaks: characters on the first line and the index
    /// of the first on the second; `None` on one line.
    pub split: Option<(usize, usize)>,
    /// The category or date, if there is room for it.
    pub tag: Option<String>,
}

impl RowLayout {
    /// Lay out `d` in a list `width` cells wide whose numbers take `num_w`.
    pub fn new(d: &Document, width: usize, num_w: usize) -> RowLayout {
        let room = width.saturating_sub(num_w + 1);
        let title = sanitize::visible(&d.title);
        let tag = tag(d, room);
        let tag_w = tag.as_deref().map_or(0, |t| cells::width(t) + 1);
        let split = if cells::width(&title) + tag_w <= room {
            None
        } else {
            // A title that fits alone takes the first line whole and leaves
            // the second to its category.
            let all = title.chars().count();
            Some(cells::break_line(&title, room).unwrap_or((all, all)))
        };
        RowLayout { title, split, tag }
    }

    /// Lines the row takes: one or two.
    pub fn lines(&self) -> usize {
        if self.split.is_some() { 2 } else { 1 }
    }
}

/// The category the source files an article under (else its date), cut to
/// [`TAG_WIDTH`] columns: only where `room` leaves the title at least as
/// many columns.
fn tag(d: &Document, room: usize) -> Option<String> {
    let about = d.category.as_deref().or(d.date.as_deref())?;
    let about = cells::fit(&sanitize::visible(about.trim()), TAG_WIDTH);
    (!about.is_empty() && room > TAG_WIDTH + cells::width(&about)).then_some(about)
}

/// The first row to show so that row `selected` is whole on screen: the
/// lowest row from `offset` on whose rows down to `selected` fit in `lines`
/// lines (`selected` itself when even it alone does not fit). Only the rows
/// on screen are laid out, however far the selection jumped (a jump across
/// thousands of articles once laid out every row in between, again and
/// again: seconds for one `n` at 10,000 articles).
pub(super) fn first_row_shown(
    offset: usize,
    selected: usize,
    lines: usize,
    row_lines: impl Fn(usize) -> usize,
) -> usize {
    if offset >= selected {
        return offset;
    }
    let mut top = selected;
    let mut used = row_lines(selected);
    while top > offset {
        let more = row_lines(top - 1);
        if used + more > lines {
            break;
        }
        used += more;
        top -= 1;
    }
    top
}

impl App {
    /// The width inside the article list's border, and that of its numbers.
    pub fn list_widths(&self) -> (usize, usize) {
        let width = self
            .panes()
            .list
            .map_or(0, |r| r.width.saturating_sub(2) as usize);
        (width, self.corpus.len().to_string().len())
    }

    /// The layout of an article's row in the list as it is now.
    pub fn list_row(&self, doc: DocId) -> RowLayout {
        let (width, num_w) = self.list_widths();
        RowLayout::new(self.corpus.doc(doc), width, num_w)
    }

    /// Lines the article list shows rows in (below its filter line).
    pub fn list_lines(&self) -> usize {
        let h = self.pane_height(Focus::List);
        if self.list_filter_shown() && h > 1 {
            h - 1
        } else {
            h
        }
    }

    fn row_lines(&self, row: usize) -> usize {
        self.list_doc(row).map_or(1, |d| self.list_row(d).lines())
    }

    /// Keep the list's selection in range and its row whole on screen,
    /// scrolling by lines; no empty lines below the last row while rows lie
    /// above the view.
    pub(super) fn clamp_list(&mut self) {
        let (len, h) = (self.list_len(), self.list_lines());
        let s = self.list.selection;
        let selected = s.selected.min(len.saturating_sub(1));
        let offset = first_row_shown(s.offset.min(selected), selected, h, |r| self.row_lines(r));
        // The first row of the last screenful.
        let mut last_page = len;
        let mut used = 0;
        while last_page > 0 {
            used += self.row_lines(last_page - 1);
            if used > h {
                break;
            }
            last_page -= 1;
        }
        self.list.selection.selected = selected;
        self.list.selection.offset = offset.min(last_page);
    }

    /// The row shown on line `line` of the list (0: the first line under
    /// the border and the filter line), if any.
    pub fn list_row_at(&self, line: usize) -> Option<usize> {
        let mut top = 0;
        let h = self.list_lines();
        for row in self.list.selection.offset..self.list_len() {
            let lines = self.row_lines(row);
            if line < top + lines {
                return (line < h).then_some(row);
            }
            top += lines;
            if top >= h {
                break;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, category: Option<&str>) -> Document {
        let mut d = Document::from_bytes(
            "a".into(),
            "a.txt".into(),
            format!("{title}\n\nText").as_bytes(),
        );
        d.category = category.map(Into::into);
        d
    }

    /// The first row shown, worked out as the definition says: from
    /// `offset` down while the rows to `selected` take more than `lines`.
    fn first_row_by_definition(offset: usize, selected: usize, lines: usize, h: &[usize]) -> usize {
        let mut o = offset;
        while o < selected && h[o..=selected].iter().sum::<usize>() > lines {
            o += 1;
        }
        o
    }

    #[test]
    fn the_first_row_shown_keeps_the_selection_whole_on_screen() {
        // Rows of one and two lines in an irregular pattern.
        let heights: Vec<usize> = (0..60)
            .map(|i| 1 + usize::from(i % 3 == 0 || i % 7 == 0))
            .collect();
        for lines in [1, 2, 3, 5, 10] {
            for offset in 0..heights.len() {
                for selected in 0..heights.len() {
                    let o = offset.min(selected);
                    assert_eq!(
                        first_row_shown(o, selected, lines, |r| heights[r]),
                        first_row_by_definition(o, selected, lines, &heights),
                        "offset {o}, selected {selected}, {lines} lines"
                    );
                }
            }
        }
        // A two-line row in a one-line pane is shown from its own row.
        assert_eq!(first_row_shown(0, 5, 1, |_| 2), 5);
        // The view does not move up when the selection is already below it.
        assert_eq!(first_row_shown(8, 8, 10, |_| 1), 8);
    }

    #[test]
    fn a_far_jump_lays_out_only_the_rows_on_screen() {
        // From the top of 100,000 rows to the last: only the rows that end
        // up on screen (and the one above them) are laid out.
        let laid_out = std::cell::Cell::new(0usize);
        let top = first_row_shown(0, 99_999, 38, |_| {
            laid_out.set(laid_out.get() + 1);
            1
        });
        assert_eq!(top, 99_999 - 37);
        assert!(laid_out.get() <= 39, "{} rows laid out", laid_out.get());
    }

    #[test]
    fn a_title_that_fits_takes_one_line_with_its_category() {
        let r = RowLayout::new(&doc("Wahl in Bayern", Some("Inland")), 40, 3);
        assert_eq!(r.split, None);
        assert_eq!(r.tag.as_deref(), Some("Inland"));
        assert_eq!(r.lines(), 1);
    }

    #[test]
    fn a_long_title_breaks_at_a_word_onto_a_second_line() {
        let title = "Regierung in Wien beschließt das neue Budget für das kommende Jahr";
        // 40 columns, numbers 3 wide and the marker: 36 for the title.
        let r = RowLayout::new(&doc(title, Some("Inland")), 40, 3);
        let (first, rest) = r.split.expect("two lines");
        let chars: Vec<char> = title.chars().collect();
        let line1: String = chars[..first].iter().collect();
        assert_eq!(line1, "Regierung in Wien beschließt das", "36 columns");
        assert_eq!(chars[rest], 'n', "neue Budget … on the second");
        assert_eq!(r.lines(), 2);
        assert_eq!(r.tag.as_deref(), Some("Inland"), "on the second line");
        // A title that fits alone but not beside its category: two lines.
        let fits_alone = "Regierung in Wien beschließt Budget"; // 35 columns
        let r = RowLayout::new(&doc(fits_alone, Some("Inland")), 40, 3);
        assert_eq!(r.split, Some((35, 35)), "the title whole on the first line");
        assert_eq!(r.tag.as_deref(), Some("Inland"), "the category below it");
        let r = RowLayout::new(&doc(fits_alone, None), 40, 3);
        assert_eq!(r.lines(), 1);
    }
}
