//! The bookmarks list overlay.

use super::popup_list::PopupList;
use super::theme::Theme;
use crate::app::App;
use ratatui::Frame;

/// Draw the bookmarks list centred on the screen.
pub fn render(app: &App, frame: &mut Frame, theme: &Theme) {
    let marks = &app.memory.state.bookmarks;
    let list = PopupList {
        title: " bookmarks · Enter go · d delete · Esc close ",
        max_width: 100,
        len: marks.len(),
        selection: app.bookmarks,
        wrap: false,
    };
    list.render(frame, theme, |i| {
        let b = &marks[i];
        let title = app
            .corpus
            .find(&b.doc)
            .map_or_else(|| b.doc.clone(), |d| app.corpus.doc(d).title.to_string());
        crate::corpus::sanitize::visible(&format!("{} — {}", title, b.label))
    });
}
