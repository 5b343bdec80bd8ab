//! Every style the UI uses. Highlights stay readable without colour (bold,
//! underline, reverse), and `NO_COLOR` turns colour off.

use crate::entity::Kind;
use ratatui::style::{Color, Modifier, Style};

/// The styles of one screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether to use colour at all.
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::from_env()
    }
}

impl Theme {
    /// Colour unless `NO_COLOR` is set (to anything non-empty).
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// The colour of a kind.
    pub fn kind_color(&self, kind: Kind) -> Color {
        match kind {
            Kind::Person => Color::LightCyan,
            Kind::Place => Color::LightGreen,
            Kind::Organization => Color::LightYellow,
            Kind::Other => Color::LightMagenta,
        }
    }

    /// A mention in running text.
    pub fn mention(&self, kind: Kind) -> Style {
        if self.color {
            self.fg(self.kind_color(kind))
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// A mention of the selected entity.
    pub fn selected_mention(&self, kind: Kind) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::Black).bg(self.kind_color(kind))
        } else {
            s.add_modifier(Modifier::REVERSED)
        }
    }

    /// The current mention or hit, that `n`/`N` moved to.
    pub fn current(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED | Modifier::REVERSED)
    }

    /// A search hit.
    pub fn hit(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A replaced control character or invalid byte.
    pub fn replaced(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::DIM)
    }

    /// A pane border.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::LightBlue).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    /// A pane title.
    pub fn title(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        }
    }

    /// The selected row of a list.
    pub fn selection(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// A heading in the sidebar.
    pub fn heading(&self, kind: Kind) -> Style {
        self.fg(self.kind_color(kind)).add_modifier(Modifier::BOLD)
    }

    /// Dim secondary text (counts, hints).
    pub fn dim(&self) -> Style {
        self.fg(Color::Gray).add_modifier(Modifier::DIM)
    }

    /// The status bar.
    pub fn status(&self) -> Style {
        if self.color {
            Style::new().fg(Color::White).bg(Color::Rgb(40, 44, 52))
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A warning in the status bar.
    pub fn warning(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    /// A key name in hints and help.
    pub fn key(&self) -> Style {
        self.fg(Color::LightBlue).add_modifier(Modifier::BOLD)
    }
}
