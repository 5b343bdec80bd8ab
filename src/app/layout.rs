//! Where each pane goes for a terminal size: shared by drawing and by mouse
//! hit-testing, so both always agree.

use super::Focus;
use ratatui::layout::Rect;

/// Terminals narrower than this show one pane beside the reader.
pub const WIDE: u16 = 100;
/// Terminals narrower than this show one pane at a time.
pub const NARROW: u16 = 60;

/// Pane widths and reading width, from the `[layout]` section of the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Columns of the article list in wide terminals; 0: a quarter of the
    /// width, 24 to 44 columns.
    pub list_width: u16,
    /// Columns of the entity sidebar in wide terminals; 0: a quarter of the
    /// width, 26 to 44 columns.
    pub sidebar_width: u16,
    /// The widest the reader wraps text; 0: the pane's width.
    pub wrap_width: u16,
    /// Whether the sidebar is shown at start.
    pub sidebar_open: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            list_width: 0,
            sidebar_width: 0,
            wrap_width: 0,
            sidebar_open: true,
        }
    }
}

/// The reading pane keeps at least this many columns when list and sidebar
/// widths are set by hand.
pub const MIN_READER: u16 = 30;

/// The screen areas of the panes; a pane not shown has `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    /// The article list.
    pub list: Option<Rect>,
    /// The reading pane.
    pub reader: Option<Rect>,
    /// The entity sidebar.
    pub sidebar: Option<Rect>,
    /// The status bar (one row at the bottom).
    pub status: Option<Rect>,
}

impl Panes {
    /// The pane under a screen cell.
    pub fn hit(&self, x: u16, y: u16) -> Option<Focus> {
        let inside = |r: Option<Rect>| {
            r.is_some_and(|r| x >= r.x && x < r.right() && y >= r.y && y < r.bottom())
        };
        if inside(self.list) {
            Some(Focus::List)
        } else if inside(self.reader) {
            Some(Focus::Reader)
        } else if inside(self.sidebar) {
            Some(Focus::Sidebar)
        } else {
            None
        }
    }
}

/// Lay out the panes in `area`.
///
/// - wide (≥ 100 columns): list | reader | sidebar (the sidebar can be hidden);
/// - medium (≥ 60): the list or the sidebar (whichever was focused last) | reader;
/// - narrow: only the focused pane.
///
/// List and sidebar widths come from `settings` (0: automatic); the reader
/// keeps at least [`MIN_READER`] columns.
pub fn panes(
    area: Rect,
    focus: Focus,
    side: Focus,
    sidebar_shown: bool,
    settings: &Settings,
) -> Panes {
    let mut p = Panes::default();
    if area.width == 0 || area.height == 0 {
        return p;
    }
    let body_h = area.height.saturating_sub(1);
    p.status = Some(Rect::new(area.x, area.y + body_h, area.width, 1));
    if body_h == 0 {
        return p;
    }
    let body = Rect::new(area.x, area.y, area.width, body_h);
    let w = area.width;
    if w >= WIDE {
        let mut list_w = match settings.list_width {
            0 => (w / 4).clamp(24, 44),
            n => n,
        };
        let mut side_w = match (sidebar_shown, settings.sidebar_width) {
            (false, _) => 0,
            (true, 0) => (w / 4).clamp(26, 44),
            (true, n) => n,
        };
        // Hand-set widths give way to the reader, in proportion.
        let room = w - MIN_READER;
        if list_w + side_w > room {
            let total = u32::from(list_w) + u32::from(side_w);
            list_w = (u32::from(list_w) * u32::from(room) / total) as u16;
            side_w = room - list_w;
        }
        let reader_w = w - list_w - side_w;
        p.list = Some(Rect::new(body.x, body.y, list_w, body_h));
        p.reader = Some(Rect::new(body.x + list_w, body.y, reader_w, body_h));
        if sidebar_shown {
            p.sidebar = Some(Rect::new(
                body.x + list_w + reader_w,
                body.y,
                side_w,
                body_h,
            ));
        }
    } else if w >= NARROW {
        let show_sidebar = side == Focus::Sidebar && sidebar_shown;
        let set = if show_sidebar {
            settings.sidebar_width
        } else {
            settings.list_width
        };
        let left_w = match set {
            0 => (w * 2 / 5).clamp(20, 36),
            n => n.min(w - MIN_READER),
        };
        let left = Rect::new(body.x, body.y, left_w, body_h);
        p.reader = Some(Rect::new(body.x + left_w, body.y, w - left_w, body_h));
        if show_sidebar {
            p.sidebar = Some(left);
        } else {
            p.list = Some(left);
        }
    } else {
        match focus {
            Focus::List => p.list = Some(body),
            Focus::Reader => p.reader = Some(body),
            Focus::Sidebar => p.sidebar = Some(body),
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panes(area: Rect, focus: Focus, side: Focus, sidebar_shown: bool) -> Panes {
        super::panes(area, focus, side, sidebar_shown, &Settings::default())
    }

    #[test]
    fn layouts_fit_every_size() {
        let wide = Settings {
            list_width: 90,
            sidebar_width: 70,
            ..Settings::default()
        };
        for settings in [Settings::default(), wide] {
            for w in 0..180 {
                for h in [0, 1, 2, 3, 10, 40] {
                    let area = Rect::new(0, 0, w, h);
                    for focus in [Focus::List, Focus::Reader, Focus::Sidebar] {
                        let p = super::panes(area, focus, Focus::Sidebar, true, &settings);
                        for r in [p.list, p.reader, p.sidebar, p.status]
                            .into_iter()
                            .flatten()
                        {
                            assert!(r.right() <= w && r.bottom() <= h, "{w}x{h}: {r:?}");
                        }
                        if w >= NARROW
                            && let Some(r) = p.reader
                        {
                            assert!(r.width >= MIN_READER, "{w}: {r:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn set_widths_are_used() {
        let settings = Settings {
            list_width: 30,
            sidebar_width: 40,
            ..Settings::default()
        };
        let area = Rect::new(0, 0, 150, 40);
        let p = super::panes(area, Focus::List, Focus::List, true, &settings);
        assert_eq!(p.list.unwrap().width, 30);
        assert_eq!(p.sidebar.unwrap().width, 40);
        assert_eq!(p.reader.unwrap().width, 80);
        let auto = panes(area, Focus::List, Focus::List, true);
        assert_eq!(auto.list.unwrap().width, 37);
    }

    #[test]
    fn three_panes_when_wide_one_when_narrow() {
        let p = panes(Rect::new(0, 0, 120, 40), Focus::List, Focus::List, true);
        assert!(p.list.is_some() && p.reader.is_some() && p.sidebar.is_some());
        assert_eq!(p.hit(p.sidebar.unwrap().x, 3), Some(Focus::Sidebar));
        let p = panes(
            Rect::new(0, 0, 80, 24),
            Focus::Sidebar,
            Focus::Sidebar,
            true,
        );
        assert!(p.list.is_none() && p.sidebar.is_some() && p.reader.is_some());
        let p = panes(Rect::new(0, 0, 40, 20), Focus::Reader, Focus::List, true);
        assert!(p.list.is_none() && p.sidebar.is_none() && p.reader.is_some());
    }
}
