//! Every style the UI uses. Highlights stay readable without colour (bold,
//! underline, reverse), and `NO_COLOR` turns colour off.

use crate::entity::Kind;
use ratatui::style::{Color, Modifier, Style};

/// The colours of the screen, from the `[theme]` section of the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colors {
    /// People.
    pub person: Color,
    /// Places.
    pub place: Color,
    /// Organizations.
    pub organization: Color,
    /// Other entities.
    pub other: Color,
    /// Quoted and reported speech in running text.
    pub quote: Color,
    /// The background of search hits.
    pub hit: Color,
    /// Text on a coloured background (selected mentions, search hits).
    pub on_color: Color,
    /// The border of the focused pane.
    pub focus: Color,
    /// The borders of the other panes.
    pub border: Color,
    /// Key names in hints and help.
    pub key: Color,
    /// Secondary text (counts, hints).
    pub dim: Color,
    /// Warnings.
    pub warning: Color,
    /// Replaced control characters and invalid bytes.
    pub replaced: Color,
    /// The status bar's text.
    pub status_fg: Color,
    /// The status bar's background.
    pub status_bg: Color,
}

impl Colors {
    /// The colours dossier ships with.
    pub const DEFAULT: Colors = Colors {
        person: Color::LightCyan,
        place: Color::LightGreen,
        organization: Color::LightYellow,
        other: Color::LightMagenta,
        quote: Color::Rgb(0xd7, 0xaf, 0x87),
        hit: Color::Yellow,
        on_color: Color::Black,
        focus: Color::LightBlue,
        border: Color::DarkGray,
        key: Color::LightBlue,
        dim: Color::Gray,
        warning: Color::LightRed,
        replaced: Color::Red,
        status_fg: Color::White,
        status_bg: Color::Rgb(40, 44, 52),
    };

    /// The setting names of the `[theme]` section, in the order of the
    /// default config file.
    pub const NAMES: &[&str] = &[
        "person",
        "place",
        "organization",
        "other",
        "quote",
        "hit",
        "on_color",
        "focus",
        "border",
        "key",
        "dim",
        "warning",
        "replaced",
        "status_fg",
        "status_bg",
    ];

    /// The colour called `name` in the `[theme]` section.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Color> {
        Some(match name {
            "person" => &mut self.person,
            "place" => &mut self.place,
            "organization" => &mut self.organization,
            "other" => &mut self.other,
            "quote" => &mut self.quote,
            "hit" => &mut self.hit,
            "on_color" => &mut self.on_color,
            "focus" => &mut self.focus,
            "border" => &mut self.border,
            "key" => &mut self.key,
            "dim" => &mut self.dim,
            "warning" => &mut self.warning,
            "replaced" => &mut self.replaced,
            "status_fg" => &mut self.status_fg,
            "status_bg" => &mut self.status_bg,
            _ => return None,
        })
    }
}

impl Default for Colors {
    fn default() -> Self {
        Colors::DEFAULT
    }
}

/// The named colours a config file may use (besides `#rrggbb` and 0–255).
pub const COLOR_NAMES: &[(&str, Color)] = &[
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("darkgray", Color::DarkGray),
    ("lightred", Color::LightRed),
    ("lightgreen", Color::LightGreen),
    ("lightyellow", Color::LightYellow),
    ("lightblue", Color::LightBlue),
    ("lightmagenta", Color::LightMagenta),
    ("lightcyan", Color::LightCyan),
    ("white", Color::White),
    ("default", Color::Reset),
];

/// Read a colour as ratatui's own [`Color::from_str`] reads it: a name
/// (case, spaces, `-` and `_` ignored; `grey` for `gray`, `bright` for
/// `light`), `#rrggbb`, or an index 0–255; and `default` (ratatui's
/// `reset`), the terminal's own colour, as [`COLOR_NAMES`] writes it.
pub fn parse_color(s: &str) -> Option<Color> {
    use std::str::FromStr;
    let s = s.trim();
    if s.eq_ignore_ascii_case("default") {
        return Some(Color::Reset);
    }
    Color::from_str(s).ok()
}

/// A colour as the config file writes it.
pub fn color_name(c: Color) -> String {
    if let Some((n, _)) = COLOR_NAMES.iter().find(|(_, k)| *k == c) {
        return (*n).to_string();
    }
    match c {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => i.to_string(),
        other => other.to_string().to_lowercase(),
    }
}

/// The styles of one screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether to use colour at all.
    pub color: bool,
    /// The colours, when colour is used.
    pub colors: Colors,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::from_env()
    }
}

/// Whether `NO_COLOR` is set to something non-empty.
pub fn no_color() -> bool {
    no_color_in(std::env::var_os("NO_COLOR").as_deref())
}

/// Whether a value of `NO_COLOR` turns colour off: any non-empty value does.
pub fn no_color_in(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

impl Theme {
    /// The default colours, or none.
    pub const fn new(color: bool) -> Theme {
        Theme {
            color,
            colors: Colors::DEFAULT,
        }
    }

    /// The default colours, unless `NO_COLOR` is set (to anything
    /// non-empty).
    pub fn from_env() -> Theme {
        Theme::with_colors(Colors::DEFAULT)
    }

    /// These colours, unless `NO_COLOR` is set: it wins over any theme.
    pub fn with_colors(colors: Colors) -> Theme {
        Theme::for_no_color(colors, std::env::var_os("NO_COLOR").as_deref())
    }

    /// These colours, unless `no_color` (the value of `NO_COLOR`) turns
    /// colour off.
    pub fn for_no_color(colors: Colors, no_color: Option<&std::ffi::OsStr>) -> Theme {
        Theme {
            color: !no_color_in(no_color),
            colors,
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
            Kind::Person => self.colors.person,
            Kind::Place => self.colors.place,
            Kind::Organization => self.colors.organization,
            Kind::Other => self.colors.other,
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
            s.fg(self.colors.on_color).bg(self.kind_color(kind))
        } else {
            s.add_modifier(Modifier::REVERSED)
        }
    }

    /// Quoted or reported speech: italic (so it reads without colour), in
    /// its colour; mentions inside keep their own colour over it.
    pub fn quote(&self) -> Style {
        self.fg(self.colors.quote).add_modifier(Modifier::ITALIC)
    }

    /// The current mention or hit, that `n`/`N` moved to.
    pub fn current(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED | Modifier::REVERSED)
    }

    /// A search hit.
    pub fn hit(&self) -> Style {
        if self.color {
            Style::new().fg(self.colors.on_color).bg(self.colors.hit)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The characters a list filter matched (underlined, so they show
    /// without colour too).
    pub fn matched(&self) -> Style {
        self.fg(self.colors.hit)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// A replaced control character or invalid byte.
    pub fn replaced(&self) -> Style {
        self.fg(self.colors.replaced).add_modifier(Modifier::DIM)
    }

    /// A pane border.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.colors.focus).add_modifier(Modifier::BOLD)
        } else {
            self.fg(self.colors.border)
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
        self.fg(self.colors.dim).add_modifier(Modifier::DIM)
    }

    /// The status bar.
    pub fn status(&self) -> Style {
        if self.color {
            Style::new()
                .fg(self.colors.status_fg)
                .bg(self.colors.status_bg)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A warning in the status bar.
    pub fn warning(&self) -> Style {
        self.fg(self.colors.warning).add_modifier(Modifier::BOLD)
    }

    /// The title of an article not read yet.
    pub fn unread(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The title of an article already read.
    pub fn read(&self) -> Style {
        Style::new()
    }

    /// A key name in hints and help.
    pub fn key(&self) -> Style {
        self.fg(self.colors.key).add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_in_every_spelling() {
        assert_eq!(parse_color("lightcyan"), Some(Color::LightCyan));
        assert_eq!(parse_color("Light Cyan"), Some(Color::LightCyan));
        assert_eq!(parse_color("dark-grey"), Some(Color::DarkGray));
        assert_eq!(parse_color("#282c34"), Some(Color::Rgb(40, 44, 52)));
        assert_eq!(parse_color("208"), Some(Color::Indexed(208)));
        // ratatui's spellings: bright for light, upper-case hex, reset.
        assert_eq!(parse_color("bright-red"), Some(Color::LightRed));
        assert_eq!(parse_color("#FF8800"), Some(Color::Rgb(255, 136, 0)));
        assert_eq!(parse_color("reset"), Some(Color::Reset));
        assert_eq!(parse_color(" Default "), Some(Color::Reset));
        for bad in ["purple-ish", "#12345", "#gggggg", "256", ""] {
            assert_eq!(parse_color(bad), None, "{bad}");
        }
        for c in [
            Color::LightCyan,
            Color::Rgb(1, 2, 3),
            Color::Indexed(7),
            Color::Reset,
        ] {
            assert_eq!(parse_color(&color_name(c)), Some(c));
        }
    }

    #[test]
    fn every_colour_name_is_settable() {
        let mut c = Colors::DEFAULT;
        for name in Colors::NAMES {
            *c.get_mut(name).expect(name) = Color::Indexed(1);
        }
        assert_eq!(c.person, Color::Indexed(1));
        assert_eq!(c.status_bg, Color::Indexed(1));
        assert!(c.get_mut("purple").is_none());
    }

    #[test]
    fn no_color_wins_over_a_configured_theme() {
        use std::ffi::OsStr;
        let (config, problems) =
            crate::config::Config::parse("[theme]\nperson = \"red\"\n", "config.toml");
        assert!(problems.is_empty());
        let off = Theme::for_no_color(config.theme, Some(OsStr::new("1")));
        assert!(!off.color);
        assert_eq!(off.mention(Kind::Person).fg, None);
        assert_eq!(off.border(true).fg, None);
        assert_eq!(off.status().bg, None);
        let on = Theme::for_no_color(config.theme, Some(OsStr::new("")));
        assert!(on.color, "an empty NO_COLOR is not set");
        assert_eq!(on.mention(Kind::Person).fg, Some(Color::Red));
        assert!(Theme::for_no_color(config.theme, None).color);
    }

    #[test]
    fn without_colour_highlights_use_modifiers_whatever_the_theme() {
        let mut colors = Colors::DEFAULT;
        colors.person = Color::Red;
        let plain = Theme {
            color: false,
            colors,
        };
        assert_eq!(plain.mention(Kind::Person).fg, None);
        assert!(
            plain
                .mention(Kind::Person)
                .add_modifier
                .contains(Modifier::UNDERLINED)
        );
        let coloured = Theme {
            color: true,
            colors,
        };
        assert_eq!(coloured.mention(Kind::Person).fg, Some(Color::Red));
    }
}
