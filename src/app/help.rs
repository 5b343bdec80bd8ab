//! The help overlay: its state (where it returns to, how far it is
//! scrolled), its rows, derived from the action table
//! ([`super::action::ACTIONS`]) with the keys in force, and their layout for
//! a screen width.

use super::action::{ACTIONS, Help};
use super::keymap::{CTRL_C, Key, Keymap};
use super::{Action, Mode};
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// The help overlay's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpOverlay {
    /// The mode to return to when the overlay closes.
    pub back_to: Mode,
    /// Lines the overlay is scrolled down by (short terminals).
    pub scroll: u16,
}

impl Default for HelpOverlay {
    fn default() -> Self {
        HelpOverlay {
            back_to: Mode::Normal,
            scroll: 0,
        }
    }
}

impl HelpOverlay {
    /// Open over `mode`, at the top.
    pub fn open(&mut self, mode: Mode) {
        self.back_to = mode;
        self.scroll = 0;
    }

    /// Scroll by a line or page key; `false` (and no change) for any other
    /// action. The offset stays within what the overlay, as high as the
    /// screen `area` allows, has below the screen.
    pub fn scroll_by(&mut self, action: &Action, area: Rect, keymap: &Keymap) -> bool {
        let Some(by) = scroll_step(action, area.height) else {
            return false;
        };
        // The overlay is its text plus borders, as high as the screen allows.
        let lines = layout(keymap, area.width).line_count();
        let inner = (lines + 2).min(area.height as usize).saturating_sub(2);
        let max = lines.saturating_sub(inner) as i64;
        self.scroll = (self.scroll as i64 + by).clamp(0, max) as u16;
        true
    }
}

/// How far a line or page key scrolls an overlay on a screen `height`
/// rows high (a page is the screen less the overlay's frame and hints);
/// `None` for any other action.
pub(super) fn scroll_step(action: &Action, height: u16) -> Option<i64> {
    let page = height.saturating_sub(6).max(1) as i64;
    Some(match action {
        Action::Down(n) => *n as i64,
        Action::Up(n) => -(*n as i64),
        Action::HalfPageDown => page / 2,
        Action::HalfPageUp => -page / 2,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::Top => i64::MIN / 2,
        Action::Bottom => i64::MAX / 2,
        _ => return None,
    })
}

/// The help overlay laid out for one screen width ([`layout`]).
#[derive(Debug, Clone)]
pub struct HelpLayout {
    /// Width of the key column, two cells of gap included.
    pub key_width: usize,
    /// The rows in order.
    pub rows: Vec<HelpRow>,
}

/// One row of the help overlay.
#[derive(Debug, Clone)]
pub struct HelpRow {
    /// The keys, as shown.
    pub keys: String,
    /// What they do.
    pub what: String,
    /// Whether the keys are too wide for the column and get a line of their own.
    pub own_line: bool,
}

impl HelpLayout {
    /// The number of text lines the overlay shows, the blank line and the
    /// closing hint included.
    pub fn line_count(&self) -> usize {
        self.rows.len() + self.rows.iter().filter(|r| r.own_line).count() + 2
    }
}

/// The help overlay's rows laid out for a screen `width` cells wide. The key
/// column is as wide as the longest keys up to a third of the screen, plus
/// two; longer keys get a line of their own above what they do.
pub fn layout(keymap: &Keymap, width: u16) -> HelpLayout {
    let cap = (width as usize / 3).clamp(10, 20);
    let rows = rows(keymap);
    let key_width = rows
        .iter()
        .map(|(k, _)| k.width())
        .filter(|&w| w <= cap)
        .max()
        .unwrap_or(0)
        + 2;
    let rows = rows
        .into_iter()
        .map(|(keys, what)| HelpRow {
            own_line: keys.width() + 2 > key_width,
            keys,
            what,
        })
        .collect();
    HelpLayout { key_width, rows }
}

/// The lines of the help overlay: (keys, what they do), in the order of the
/// actions' ranks, each note after its row, and the mouse last.
///
/// Paired actions show their first keys together, then their second keys
/// (`j k  ↓ ↑`).
pub fn rows(keymap: &Keymap) -> Vec<(String, String)> {
    // (rank, what, note, the names of the actions on the row)
    let mut entries: Vec<(u8, &str, Option<&str>, Vec<&str>)> = Vec::new();
    for spec in ACTIONS {
        match spec.help {
            Help::Row { rank, what, note } => entries.push((rank, what, note, vec![spec.name])),
            Help::Paired => {
                if let Some(e) = entries.last_mut() {
                    e.3.push(spec.name);
                }
            }
        }
    }
    entries.sort_by_key(|e| e.0);
    let mut rows = Vec::new();
    for (_, what, note, names) in entries {
        rows.push((keys_of(keymap, &names), what.to_string()));
        if let Some(note) = note {
            rows.push((String::new(), note.to_string()));
        }
    }
    rows.push((
        "mouse".into(),
        "click focuses and selects; the wheel scrolls".into(),
    ));
    rows
}

/// The keys of a row's actions: the first keys of each together, then the
/// second keys, …; Ctrl-c after `quit`'s keys; `jump_last`'s keys twice,
/// as they are typed (`''`); `(unbound)` for none.
fn keys_of(keymap: &Keymap, names: &[&str]) -> String {
    let lists: Vec<&[Key]> = names.iter().map(|n| keymap.keys(n)).collect();
    let depth = lists.iter().map(|l| l.len()).max().unwrap_or(0);
    let mut groups: Vec<String> = (0..depth)
        .map(|i| {
            lists
                .iter()
                .filter_map(|l| l.get(i))
                .map(|k| match names {
                    ["jump_last"] => k.to_string().repeat(2),
                    _ => k.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    if names == ["quit"] {
        groups.push(CTRL_C.to_string());
    }
    if groups.is_empty() {
        groups.push("(unbound)".into());
    }
    groups.join("  ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(help: &[(String, String)], what: &str) -> Option<String> {
        help.iter()
            .find(|(_, d)| d.starts_with(what))
            .map(|(k, _)| k.clone())
    }

    #[test]
    fn help_shows_the_keys_in_force() {
        let mut map = Keymap::default();
        let help = rows(&map);
        assert_eq!(row(&help, "move down").as_deref(), Some("j k  ↓ ↑"));
        assert_eq!(row(&help, "quit").as_deref(), Some("q  Ctrl-c"));
        assert_eq!(row(&help, "typed twice").as_deref(), Some("''"));
        assert_eq!(
            row(&help, "a page down").as_deref(),
            Some("PgDn PgUp  Ctrl-f Ctrl-b  Space")
        );
        map.rebind("next_match", vec![Key::parse("ctrl-n").unwrap()]);
        assert_eq!(
            row(&rows(&map), "next / previous mention").as_deref(),
            Some("Ctrl-n N")
        );
        assert_eq!(map.hint(&["next_match", "prev_match"]), "Ctrl-n/N");
        map.rebind("bookmarks", vec![]);
        assert_eq!(
            row(&rows(&map), "list the bookmarks").as_deref(),
            Some("(unbound)")
        );
    }

    #[test]
    fn rows_follow_the_ranks_with_notes_under_their_rows() {
        let help = rows(&Keymap::default());
        let whats: Vec<&str> = help.iter().map(|(_, w)| w.as_str()).collect();
        let at = |what: &str| whats.iter().position(|w| w.starts_with(what)).unwrap();
        assert_eq!(at("move down / up"), 0);
        assert!(at("to the top") < at("half a page") && at("half a page") < at("a page down"));
        assert_eq!(at("(after a search"), at("next / previous mention") + 1);
        assert_eq!(help[at("(after a search")].0, "", "a note has no keys");
        assert_eq!(at("(compare: the keys above"), at("compare: lock") + 1);
        assert!(at("merge the highlighted") < at("compare this report"));
        let last: Vec<&str> = whats[whats.len() - 4..].to_vec();
        assert_eq!(
            last,
            [
                "clear the search or selection, close this help",
                "this help",
                "quit",
                "click focuses and selects; the wheel scrolls"
            ]
        );
        // Every row-of-its-own action is shown once, pairs on their partner's row.
        let rows_of_own = ACTIONS
            .iter()
            .filter(|s| matches!(s.help, Help::Row { .. }))
            .count();
        let notes = help.iter().filter(|(k, _)| k.is_empty()).count();
        assert_eq!(help.len(), rows_of_own + notes + 1);
    }

    #[test]
    fn the_overlay_scrolls_within_what_is_below_the_screen() {
        let keys = Keymap::default();
        let lines = layout(&keys, 60).line_count();
        let short = Rect::new(0, 0, 60, 20);
        let mut help = HelpOverlay::default();
        help.open(Mode::Compare);
        assert_eq!(help.back_to, Mode::Compare);
        assert!(help.scroll_by(&Action::Down(3), short, &keys));
        assert_eq!(help.scroll, 3);
        assert!(help.scroll_by(&Action::Bottom, short, &keys));
        assert_eq!(
            help.scroll as usize,
            lines - 18,
            "the last line at the bottom"
        );
        assert!(help.scroll_by(&Action::HalfPageUp, short, &keys));
        assert_eq!(help.scroll as usize, lines - 18 - 7, "half of 14 rows");
        assert!(help.scroll_by(&Action::Top, short, &keys));
        assert_eq!(help.scroll, 0);
        assert!(
            !help.scroll_by(&Action::Enter, short, &keys),
            "not a scroll"
        );
        // A screen tall enough for all of it does not scroll.
        assert!(help.scroll_by(&Action::Bottom, Rect::new(0, 0, 60, 200), &keys));
        assert_eq!(help.scroll, 0);
        help.scroll = 5;
        help.open(Mode::Normal);
        assert_eq!(help.scroll, 0, "opens at the top");
    }

    #[test]
    fn long_keys_get_a_line_of_their_own_in_narrow_screens() {
        let map = Keymap::default();
        let wide = layout(&map, 120);
        let narrow = layout(&map, 30);
        assert!(wide.key_width > narrow.key_width);
        let page = |l: &HelpLayout| {
            l.rows
                .iter()
                .find(|r| r.what == "half a page down / up")
                .unwrap()
                .own_line
        };
        assert!(page(&narrow) && !page(&wide), "Ctrl-d Ctrl-u");
        assert_eq!(
            narrow.line_count(),
            narrow.rows.len() + narrow.rows.iter().filter(|r| r.own_line).count() + 2
        );
    }
}
