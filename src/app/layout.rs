//! Where each pane goes for a terminal size: shared by drawing and by mouse
//! hit-testing, so both always agree.

use super::Focus;
use ratatui::layout::Rect;

/// Terminals narrower than this show one pane beside the reader.
pub const WIDE: u16 = 100;
/// Terminals narrower than this show one pane at a time.
pub const NARROW: u16 = 60;

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
pub fn panes(area: Rect, focus: Focus, side: Focus, sidebar_shown: bool) -> Panes {
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
        let list_w = (w / 4).clamp(24, 44);
        let side_w = if sidebar_shown {
            (w / 4).clamp(26, 44)
        } else {
            0
        };
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
        let left_w = (w * 2 / 5).clamp(20, 36);
        let left = Rect::new(body.x, body.y, left_w, body_h);
        p.reader = Some(Rect::new(body.x + left_w, body.y, w - left_w, body_h));
        if side == Focus::Sidebar && sidebar_shown {
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

    #[test]
    fn layouts_fit_every_size() {
        for w in 0..130 {
            for h in [0, 1, 2, 3, 10, 40] {
                let area = Rect::new(0, 0, w, h);
                for focus in [Focus::List, Focus::Reader, Focus::Sidebar] {
                    let p = panes(area, focus, Focus::Sidebar, true);
                    for r in [p.list, p.reader, p.sidebar, p.status]
                        .into_iter()
                        .flatten()
                    {
                        assert!(r.right() <= w && r.bottom() <= h, "{w}x{h}: {r:?}");
                    }
                }
            }
        }
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
