//! A popup list: a bordered list centred on the screen, one row selected,
//! each row cut to the width with an ellipsis. The bookmarks list and the
//! compare view's report picker are drawn with it.

use super::fit;
use super::theme::Theme;
use crate::app::ListState;
use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// A list to draw as a popup.
#[derive(Debug, Clone, Copy)]
pub struct PopupList<'a> {
    /// The title on the border.
    pub title: &'a str,
    /// The widest the popup gets; it leaves two columns on either side.
    pub max_width: u16,
    /// The number of rows.
    pub len: usize,
    /// The selected row and the first one in view.
    pub selection: ListState,
    /// Whether a row wider than the popup wraps onto the next line rather
    /// than being cut (rows are fitted to the width, so this only matters
    /// where a terminal counts a character wider than Unicode's table does;
    /// the picker has always wrapped and the bookmarks list cut).
    pub wrap: bool,
}

impl PopupList<'_> {
    /// Draw the popup over the whole frame. `row(i)` gives the text of row
    /// `i`, already made visible (see [`crate::corpus::sanitize::visible`]);
    /// it is asked only for the rows in view.
    pub fn render(&self, frame: &mut Frame, theme: &Theme, row: impl Fn(usize) -> String) {
        let area = frame.area();
        let w = area.width.saturating_sub(4).min(self.max_width);
        let h = (self.len as u16 + 2)
            .min(area.height.saturating_sub(2))
            .max(3);
        let popup = area.centered(Constraint::Length(w), Constraint::Length(h));
        let inner_w = w.saturating_sub(2) as usize;
        let lines: Vec<Line> = (self.selection.offset..self.len)
            .take(h.saturating_sub(2) as usize)
            .map(|i| {
                let line = Line::raw(fit(&row(i), inner_w));
                if i == self.selection.selected {
                    line.style(theme.selection(true))
                } else {
                    line
                }
            })
            .collect();
        let block = Block::bordered()
            .title(self.title)
            .border_style(theme.border(true));
        let mut list = Paragraph::new(lines).block(block);
        if self.wrap {
            list = list.wrap(Wrap { trim: false });
        }
        frame.render_widget(Clear, popup);
        frame.render_widget(list, popup);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn draw(w: u16, h: u16, list: PopupList, rows: &[&str]) -> Terminal<TestBackend> {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        let theme = Theme::new(true);
        t.draw(|f| list.render(f, &theme, |i| rows[i].to_string()))
            .unwrap();
        t
    }

    #[test]
    fn a_centred_list_shows_the_rows_in_view_and_marks_the_selected_one() {
        let rows = ["eins", "zwei", "drei", "vier", "fünf eine sehr lange Zeile"];
        let list = PopupList {
            title: " Liste ",
            max_width: 20,
            len: rows.len(),
            selection: ListState {
                selected: 2,
                offset: 1,
            },
            wrap: false,
        };
        let t = draw(30, 7, list, &rows);
        let screen = t.backend().to_string();
        assert!(screen.contains("Liste"), "{screen}");
        assert!(!screen.contains("eins"), "above the view");
        assert!(screen.contains("zwei") && screen.contains("vier"));
        assert!(
            !screen.contains("fünf"),
            "below the view: 5 rows high, 3 inside"
        );
        let buf = t.backend().buffer();
        let row_of = |word: &str| {
            (0..7)
                .find(|&y| {
                    let line: String = (0..30).map(|x| buf[(x, y)].symbol()).collect();
                    line.contains(word)
                })
                .unwrap()
        };
        let sel = Theme::new(true).selection(true).add_modifier;
        let x = 6; // inside the popup: columns 5 to 24
        assert!(!sel.is_empty());
        assert!(buf[(x, row_of("drei"))].modifier.contains(sel));
        assert!(!buf[(x, row_of("zwei"))].modifier.contains(sel));
        // Wide enough for the long row: it is cut with an ellipsis.
        let list = PopupList {
            selection: ListState {
                selected: 4,
                offset: 4,
            },
            ..list
        };
        let screen = draw(30, 7, list, &rows).backend().to_string();
        assert!(screen.contains("fünf eine sehr la…"), "{screen}");
    }
}
