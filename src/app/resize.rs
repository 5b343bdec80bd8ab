//! Resizing panes from the keyboard, as ranger and lazygit do: `+` widens
//! the focused pane and `_` (or `-`) narrows it. The list and the sidebar
//! change their own width; from the reader, both of them give way (or take
//! room back). The widths are kept in the reading memory, so the next start
//! has them.

use super::layout::MIN_READER;
use super::{App, Focus};

/// Columns one key press adds or takes.
pub const STEP: u16 = 4;

/// The narrowest a side pane gets.
pub const MIN_SIDE: u16 = 12;

impl App {
    /// Widen (`wider`) or narrow the focused pane by [`STEP`] columns,
    /// within what leaves the reader [`MIN_READER`] columns.
    pub fn resize_focused(&mut self, wider: bool) {
        let p = self.panes();
        if p.reader.is_none() || (p.list.is_none() && p.sidebar.is_none()) {
            self.message = Some("one pane at a time at this width".into());
            return;
        }
        let w = self.area.width;
        let list = p.list.map_or(0, |r| r.width);
        let side = p.sidebar.map_or(0, |r| r.width);
        let grow = |cur: u16, other: u16| -> u16 {
            let max = w.saturating_sub(MIN_READER + other).max(MIN_SIDE);
            if wider {
                (cur + STEP).min(max)
            } else {
                cur.saturating_sub(STEP).max(MIN_SIDE)
            }
        };
        let (mut lw, mut sw) = (list, side);
        match self.focus {
            Focus::List if list > 0 => lw = grow(list, side),
            Focus::Sidebar if side > 0 => sw = grow(side, list),
            _ => {
                // The reader: the side panes on screen give way, or take
                // room back, half a step each.
                let half = |cur: u16, other: u16| -> u16 {
                    if cur == 0 {
                        return 0;
                    }
                    let max = w.saturating_sub(MIN_READER + other).max(MIN_SIDE);
                    if wider {
                        cur.saturating_sub(STEP / 2).max(MIN_SIDE)
                    } else {
                        (cur + STEP / 2).min(max)
                    }
                };
                lw = half(list, side);
                sw = half(side, lw);
            }
        }
        if lw == list && sw == side {
            self.message = Some(
                if wider {
                    "as wide as it gets"
                } else {
                    "as narrow as it gets"
                }
                .into(),
            );
            return;
        }
        if lw > 0 {
            self.layout.list_width = lw;
        }
        if sw > 0 {
            self.layout.sidebar_width = sw;
        }
        self.memory.state.list_width =
            (self.layout.list_width > 0).then_some(self.layout.list_width);
        self.memory.state.sidebar_width =
            (self.layout.sidebar_width > 0).then_some(self.layout.sidebar_width);
        self.refresh();
    }

    /// Take the pane widths the reading memory kept, if it kept any.
    pub fn restore_widths(&mut self) {
        if let Some(w) = self.memory.state.list_width {
            self.layout.list_width = w;
        }
        if let Some(w) = self.memory.state.sidebar_width {
            self.layout.sidebar_width = w;
        }
    }
}
