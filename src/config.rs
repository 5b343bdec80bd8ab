//! The user's configuration: key bindings, colours and layout, read from
//! `config.toml` in the config directory and merged over the defaults
//! embedded in the binary (`assets/config/default.toml`, which
//! `dossier --print-config` prints).
//!
//! A bad setting never stops the reader: each unknown key, invalid value or
//! TOML syntax error is reported with its file and line (and the valid
//! choices), and the default is kept for what was bad.

use crate::app::keymap::{Key, Keymap};
use crate::app::{Action, action::ACTIONS, layout};
use crate::ui::theme::{Colors, parse_color};
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The default configuration file, with comments.
pub const DEFAULT_TOML: &str = include_str!("../assets/config/default.toml");

/// The name of the configuration file in the config directory.
pub const FILE_NAME: &str = "config.toml";

/// The largest pane or wrap width accepted, in columns.
pub const MAX_WIDTH: i64 = 1000;

/// Everything the user can configure.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// Key bindings (`[keys]`).
    pub keys: Keymap,
    /// Colours (`[theme]`).
    pub theme: Colors,
    /// Pane widths, wrap width, sidebar at start (`[layout]`).
    pub layout: layout::Settings,
    /// How dossier uses the terminal (`[terminal]`).
    pub terminal: TerminalSettings,
}

/// How dossier uses the terminal, from the `[terminal]` section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TerminalSettings {
    /// Whether dossier captures the mouse (clicks and the wheel). Off, the
    /// terminal's own selection and copying work as outside dossier.
    pub mouse: bool,
}

impl Default for TerminalSettings {
    fn default() -> Self {
        TerminalSettings { mouse: true }
    }
}

const SECTIONS: &[&str] = &["keys", "theme", "layout", "terminal"];
const LAYOUT: &[&str] = &["list_width", "sidebar_width", "wrap_width", "sidebar_open"];
const TERMINAL: &[&str] = &["mouse"];
/// The sections, as messages list them.
const VALID_SECTIONS: &str = "[keys], [theme], [layout], [terminal]";

impl Config {
    /// Where the configuration file is (it may not exist).
    pub fn path() -> Option<PathBuf> {
        crate::dirs::config_dir().map(|d| d.join(FILE_NAME))
    }

    /// Read the user's configuration file, if there is one, over the
    /// defaults. Problems are returned (and logged) as messages for the
    /// user; the configuration is always usable.
    pub fn load() -> (Config, Vec<String>) {
        match Config::path() {
            Some(p) => Config::load_from(&p),
            None => (Config::default(), Vec::new()),
        }
    }

    /// Read `path` over the defaults; a missing file is no problem.
    pub fn load_from(path: &Path) -> (Config, Vec<String>) {
        let read = crate::regular_file::read(path, crate::regular_file::USER_FILE_LIMIT)
            .and_then(|b| String::from_utf8(b).map_err(std::io::Error::other));
        let (config, problems) = match read {
            Ok(text) => {
                tracing::info!("reading configuration from {}", path.display());
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                );
                Config::parse(&text, &name)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                tracing::debug!("no configuration at {}; using the defaults", path.display());
                (Config::default(), Vec::new())
            }
            Err(e) => (
                Config::default(),
                vec![format!(
                    "{}: cannot be read ({e}); using the defaults",
                    path.display()
                )],
            ),
        };
        for p in &problems {
            tracing::warn!("{p}");
        }
        (config, problems)
    }

    /// Read a configuration text over the defaults. `file` names it in
    /// messages (`config.toml:12: …`).
    pub fn parse(text: &str, file: &str) -> (Config, Vec<String>) {
        let mut reader = Reader {
            text,
            file,
            problems: Vec::new(),
        };
        let mut config = Config::default();
        let root = match DeTable::parse(text) {
            Ok(root) => root,
            Err(e) => {
                let line = e.span().map_or(1, |s| line_of(text, s.start));
                let msg = e.message().trim().replace('\n', " ");
                reader.problems.push(format!(
                    "{file}:{line}: not valid TOML ({msg}); using the default settings"
                ));
                return (config, reader.problems);
            }
        };
        for (key, value) in in_file_order(root.get_ref()) {
            let name: &str = key.get_ref();
            let Some(table) = value.get_ref().as_table() else {
                if SECTIONS.contains(&name) {
                    reader.report(key, format!("`{name}` must be a section: write [{name}]"));
                } else {
                    reader.report(
                        key,
                        format!("unknown setting `{name}`; valid sections: {VALID_SECTIONS}"),
                    );
                }
                continue;
            };
            match name {
                "keys" => reader.keys(table, &mut config.keys),
                "theme" => reader.theme(table, &mut config.theme),
                "layout" => reader.layout(table, &mut config.layout),
                "terminal" => reader.terminal(table, &mut config.terminal),
                _ => reader.report(
                    key,
                    format!("unknown section [{name}]; valid: {VALID_SECTIONS}"),
                ),
            }
        }
        (config, reader.problems)
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

type Entry<'a, 'i> = (
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
);

/// A table's entries in the order they appear in the file.
fn in_file_order<'a, 'i>(table: &'a DeTable<'i>) -> Vec<Entry<'a, 'i>> {
    let mut entries: Vec<Entry> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
}

/// Reading one file: its text for line numbers, and the problems so far.
struct Reader<'t> {
    text: &'t str,
    file: &'t str,
    problems: Vec<String>,
}

impl Reader<'_> {
    fn report<T>(&mut self, at: &Spanned<T>, msg: String) {
        let line = line_of(self.text, at.span().start);
        self.problems.push(format!("{}:{line}: {msg}", self.file));
    }

    fn keys(&mut self, table: &DeTable, keymap: &mut Keymap) {
        // The actions the file binds, with the line that binds them.
        let mut set: Vec<(&'static str, usize)> = Vec::new();
        for (key, value) in in_file_order(table) {
            let name: &str = key.get_ref();
            let Some(action) = Action::from_name(name) else {
                let valid: Vec<&str> = ACTIONS.iter().map(|s| s.name).collect();
                self.report(
                    key,
                    format!(
                        "unknown action `{name}` in [keys]; valid: {}",
                        valid.join(", ")
                    ),
                );
                continue;
            };
            let specs: Vec<&Spanned<DeValue>> = match value.get_ref() {
                DeValue::String(_) => vec![value],
                DeValue::Array(items) => items.iter().collect(),
                _ => {
                    self.report(
                        value,
                        format!("`{name}` takes a key or a list of keys, e.g. {name} = [\"j\", \"Down\"]"),
                    );
                    continue;
                }
            };
            let mut keys = Vec::new();
            let mut bad = 0;
            for spec in &specs {
                match spec.get_ref().as_str().map(Key::parse) {
                    Some(Ok(k)) => keys.push(k),
                    Some(Err(e)) => {
                        bad += 1;
                        self.report(spec, format!("{e}; in [keys] {name}"));
                    }
                    None => {
                        bad += 1;
                        self.report(
                            spec,
                            format!("keys are written as strings, e.g. \"j\"; in [keys] {name}"),
                        );
                    }
                }
            }
            if keys.is_empty() && bad > 0 {
                continue; // keep the default rather than leave the action unbound by mistake
            }
            let line = line_of(self.text, key.span().start);
            let action_name = action.name().unwrap_or("");
            let lost = keymap.rebind(action_name, keys).unwrap_or_default();
            for (k, loser) in lost {
                if let Some((_, their_line)) = set.iter().find(|(n, _)| *n == loser) {
                    self.problems.push(format!(
                        "{}:{line}: `{k}` is bound to both {loser} (line {their_line}) and {action_name}; {action_name} keeps it",
                        self.file
                    ));
                } else if keymap.keys(loser).is_empty() {
                    self.problems.push(format!(
                        "{}:{line}: `{k}` was {loser}'s only key; {loser} now has none (bind it in [keys])",
                        self.file
                    ));
                }
            }
            set.retain(|(n, _)| *n != action_name);
            set.push((action_name, line));
        }
    }

    fn theme(&mut self, table: &DeTable, colors: &mut Colors) {
        for (key, value) in in_file_order(table) {
            let name: &str = key.get_ref();
            let Some(slot) = colors.get_mut(name) else {
                self.report(
                    key,
                    format!(
                        "unknown colour setting `{name}` in [theme]; valid: {}",
                        Colors::NAMES.join(", ")
                    ),
                );
                continue;
            };
            let parsed = match value.get_ref() {
                DeValue::String(s) => parse_color(s).ok_or_else(|| format!("`{s}`")),
                DeValue::Integer(i) => integer(i)
                    .and_then(|n| u8::try_from(n).ok())
                    .map(ratatui::style::Color::Indexed)
                    .ok_or_else(|| i.as_str().to_string()),
                other => Err(format!("a {}", other.type_str())),
            };
            match parsed {
                Ok(c) => *slot = c,
                Err(what) => self.report(
                    value,
                    format!(
                        "{what} is not a colour; use a name (red, lightcyan, darkgray, …), #rrggbb or 0–255 (in [theme] {name})"
                    ),
                ),
            }
        }
    }

    fn terminal(&mut self, table: &DeTable, settings: &mut TerminalSettings) {
        for (key, value) in in_file_order(table) {
            let name: &str = key.get_ref();
            match name {
                "mouse" => match value.get_ref().as_bool() {
                    Some(b) => settings.mouse = b,
                    None => self.report(value, "`mouse` must be true or false".into()),
                },
                _ => self.report(
                    key,
                    format!(
                        "unknown setting `{name}` in [terminal]; valid: {}",
                        TERMINAL.join(", ")
                    ),
                ),
            }
        }
    }

    fn layout(&mut self, table: &DeTable, settings: &mut layout::Settings) {
        for (key, value) in in_file_order(table) {
            let name: &str = key.get_ref();
            if name == "sidebar_open" {
                match value.get_ref().as_bool() {
                    Some(b) => settings.sidebar_open = b,
                    None => self.report(value, "`sidebar_open` must be true or false".into()),
                }
                continue;
            }
            let slot = match name {
                "list_width" => &mut settings.list_width,
                "sidebar_width" => &mut settings.sidebar_width,
                "wrap_width" => &mut settings.wrap_width,
                _ => {
                    self.report(
                        key,
                        format!(
                            "unknown setting `{name}` in [layout]; valid: {}",
                            LAYOUT.join(", ")
                        ),
                    );
                    continue;
                }
            };
            match value
                .get_ref()
                .as_integer()
                .and_then(integer)
                .filter(|n| (0..=MAX_WIDTH).contains(n))
            {
                Some(n) => *slot = n as u16,
                None => self.report(
                    value,
                    format!(
                        "`{name}` must be a number of columns from 0 (automatic) to {MAX_WIDTH}"
                    ),
                ),
            }
        }
    }
}

fn integer(i: &toml::de::DeInteger) -> Option<i64> {
    let digits = i.as_str().replace('_', "");
    let digits = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0o"))
        .or_else(|| digits.strip_prefix("0b"))
        .unwrap_or(&digits);
    i64::from_str_radix(digits, i.radix()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Mode;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::style::Color;

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn the_printed_defaults_parse_to_exactly_the_defaults() {
        let (config, problems) = Config::parse(DEFAULT_TOML, "default.toml");
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(config, Config::default());
    }

    #[test]
    fn the_default_file_names_every_setting() {
        let root = DeTable::parse(DEFAULT_TOML).unwrap();
        let section = |name: &str| -> Vec<String> {
            root.get_ref()
                .get(name)
                .and_then(|v| v.get_ref().as_table())
                .map(|t| t.keys().map(|k| k.get_ref().to_string()).collect())
                .unwrap_or_default()
        };
        for spec in ACTIONS {
            let name = spec.name;
            assert!(section("keys").contains(&name.to_string()), "[keys] {name}");
        }
        for name in Colors::NAMES {
            assert!(
                section("theme").contains(&name.to_string()),
                "[theme] {name}"
            );
        }
        for name in LAYOUT {
            assert!(
                section("layout").contains(&name.to_string()),
                "[layout] {name}"
            );
        }
        for name in TERMINAL {
            assert!(
                section("terminal").contains(&name.to_string()),
                "[terminal] {name}"
            );
        }
    }

    #[test]
    fn mouse_capture_is_on_by_default_and_can_be_turned_off() {
        assert!(Config::default().terminal.mouse);
        let (config, problems) = Config::parse("[terminal]\nmouse = false\n", "config.toml");
        assert_eq!(problems, Vec::<String>::new());
        assert!(!config.terminal.mouse);
        let (config, problems) =
            Config::parse("[terminal]\nmouse = \"no\"\nbell = 1\n", "config.toml");
        assert!(config.terminal.mouse, "a bad value keeps the default");
        assert_eq!(
            problems,
            [
                "config.toml:2: `mouse` must be true or false",
                "config.toml:3: unknown setting `bell` in [terminal]; valid: mouse",
            ]
        );
    }

    #[test]
    fn a_user_file_overrides_what_it_names() {
        let text = "[keys]\nnext_match = \"ctrl-t\"\nquit = [\"Z\", \"F10\"]\n\n[theme]\nperson = \"#ff8800\"\n\n[layout]\nwrap_width = 72\nsidebar_open = false\n";
        let (config, problems) = Config::parse(text, "config.toml");
        assert!(problems.is_empty(), "{problems:?}");
        let keys = &config.keys;
        let ctrl_t = KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL);
        assert_eq!(keys.action(Mode::Normal, ctrl_t), Some(Action::NextMatch));
        assert_eq!(keys.action(Mode::Normal, press('n')), None);
        assert_eq!(keys.action(Mode::Normal, press('Z')), Some(Action::Quit));
        assert_eq!(keys.action(Mode::Normal, press('q')), None);
        assert_eq!(
            keys.action(
                Mode::Normal,
                KeyEvent::new(KeyCode::F(10), KeyModifiers::NONE)
            ),
            Some(Action::Quit)
        );
        // What the file does not name keeps its default.
        assert_eq!(
            keys.action(Mode::Normal, press('N')),
            Some(Action::PrevMatch)
        );
        assert_eq!(config.theme.person, Color::Rgb(0xff, 0x88, 0));
        assert_eq!(config.theme.place, Colors::DEFAULT.place);
        assert_eq!(config.layout.wrap_width, 72);
        assert!(!config.layout.sidebar_open);
        assert_eq!(config.layout.list_width, 0);
    }

    #[test]
    fn unknown_and_invalid_settings_are_reported_with_their_line() {
        let text = "\
[keys]
nxt_match = \"n\"
down = [\"j\", \"ctl-x\"]
up = \"k\"

[theme]
place = \"purple-ish\"
persn = \"red\"
organization = \"red\"

[layout]
wrap_width = -3
sidebar_open = \"yes\"
panes = 3

[colours]
person = \"red\"
";
        let (config, problems) = Config::parse(text, "config.toml");
        let find = |prefix: &str| {
            problems
                .iter()
                .find(|p| p.starts_with(prefix))
                .unwrap_or_else(|| panic!("no {prefix} in {problems:#?}"))
                .clone()
        };
        let p = find("config.toml:2: unknown action `nxt_match` in [keys]; valid: quit, down,");
        assert!(p.contains("next_match") && p.contains("not_entity"), "{p}");
        let p = find("config.toml:3: `ctl-x` is not a key");
        assert!(p.contains("ctrl-"), "{p}");
        let p = find("config.toml:7: `purple-ish` is not a colour; use a name (red, lightcyan");
        assert!(p.contains("#rrggbb or 0–255"), "{p}");
        let p = find("config.toml:8: unknown colour setting `persn` in [theme]; valid: person,");
        assert!(p.contains("status_bg"), "{p}");
        find("config.toml:12: `wrap_width` must be a number of columns");
        find("config.toml:13: `sidebar_open` must be true or false");
        let p = find("config.toml:14: unknown setting `panes` in [layout]; valid: list_width,");
        assert!(p.contains("sidebar_open"), "{p}");
        find(
            "config.toml:16: unknown section [colours]; valid: [keys], [theme], [layout], [terminal]",
        );
        assert_eq!(problems.len(), 8, "{problems:#?}");
        // The good parts are kept; the bad ones keep their defaults.
        assert_eq!(
            config.keys.action(Mode::Normal, press('j')),
            Some(Action::Down(1))
        );
        assert_eq!(
            config.keys.action(Mode::Normal, press('n')),
            Some(Action::NextMatch)
        );
        assert_eq!(config.theme.organization, Color::Red);
        assert_eq!(config.theme.place, Colors::DEFAULT.place);
        assert_eq!(config.theme.person, Colors::DEFAULT.person);
        assert_eq!(config.layout, layout::Settings::default());
    }

    #[test]
    fn a_key_bound_twice_is_reported_and_the_later_binding_wins() {
        let text = "[keys]\nmerge = \"z\"\nnot_entity = \"z\"\n";
        let (config, problems) = Config::parse(text, "config.toml");
        assert_eq!(
            problems,
            vec![
                "config.toml:3: `z` is bound to both merge (line 2) and not_entity; not_entity keeps it"
                    .to_string()
            ]
        );
        assert_eq!(
            config.keys.action(Mode::Normal, press('z')),
            Some(Action::NotEntity)
        );
        // Taking a default action's only key leaves it unbound, and says so.
        let (config, problems) = Config::parse("[keys]\nsearch = \"x\"\n", "config.toml");
        assert_eq!(
            problems,
            vec![
                "config.toml:2: `x` was not_entity's only key; not_entity now has none (bind it in [keys])"
                    .to_string()
            ]
        );
        assert_eq!(
            config.keys.action(Mode::Normal, press('x')),
            Some(Action::StartSearch)
        );
    }

    #[test]
    fn a_corrupt_file_is_reported_and_the_defaults_are_used() {
        let text = "[keys]\nquit = \"Q\"\n\n[theme\nperson = \"red\"\n";
        let (config, problems) = Config::parse(text, "config.toml");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("config.toml:4: not valid TOML"),
            "{problems:?}"
        );
        assert!(problems[0].ends_with("using the default settings"));
        assert_eq!(config, Config::default());
    }

    #[test]
    fn files_are_read_from_disk_and_a_missing_one_is_no_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let (config, problems) = Config::load_from(&path);
        assert!(problems.is_empty());
        assert_eq!(config, Config::default());
        std::fs::write(&path, "[layout]\nlist_width = 30\nbogus = 1\n").unwrap();
        let (config, problems) = Config::load_from(&path);
        assert_eq!(config.layout.list_width, 30);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("config.toml:3: unknown setting `bogus`"));
        std::fs::write(&path, b"\xff\xfe[keys]").unwrap();
        let (config, problems) = Config::load_from(&path);
        assert_eq!(config, Config::default());
        assert!(problems[0].contains("cannot be read"), "{problems:?}");
    }
}
