//! Key bindings: (mode, key) → [`Action`], from a table the user can change
//! in the `[keys]` section of the config file.
//!
//! Every bindable action (see [`super::action::ACTIONS`], which also gives
//! the default keys) has a list of keys; one key belongs to at most one
//! action. Prompts (search, filter, merge) take letters as text, and Ctrl-c
//! always quits.

use super::action::ACTIONS;
use super::{Action, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashMap;
use std::fmt;

/// A key with its modifiers, normalised so that a key press and a key
/// written in the config file compare equal (`G` is `G`, not Shift-g;
/// Ctrl-D is Ctrl-d; Shift-Tab is BackTab).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt and (for keys that are not characters) Shift.
    pub modifiers: KeyModifiers,
}

/// Why a key spec could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{spec}` is not a key; write a character (j, G, ?), a name (enter, esc, tab, space, \
     backspace, up, down, left, right, home, end, pageup, pagedown, insert, delete, f1…f12), \
     optionally after ctrl-, alt- or shift-"
)]
pub struct KeyError {
    /// The spec as written.
    pub spec: String,
}

impl Key {
    /// A key with modifiers, normalised.
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                modifiers.remove(KeyModifiers::SHIFT);
                if modifiers.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, modifiers }
    }

    /// The key of a key event.
    pub fn from_event(event: KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }

    /// Read a key spec: `j`, `G`, `?`, `Down`, `PageDown`, `space`, `esc`,
    /// `enter`, `F1`, `ctrl-d`, `Ctrl+D`, `alt-x`, `shift-tab`, `C-d`.
    pub fn parse(spec: &str) -> Result<Key, KeyError> {
        let err = || KeyError {
            spec: spec.to_string(),
        };
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = spec;
        'strip: loop {
            if rest.chars().count() <= 1 {
                break;
            }
            let lower = rest.to_ascii_lowercase();
            for (prefixes, m) in [
                (
                    &["ctrl-", "ctrl+", "control-", "control+", "c-"][..],
                    KeyModifiers::CONTROL,
                ),
                (
                    &["alt-", "alt+", "meta-", "meta+", "m-"][..],
                    KeyModifiers::ALT,
                ),
                (&["shift-", "shift+", "s-"][..], KeyModifiers::SHIFT),
            ] {
                if let Some(p) = prefixes.iter().find(|p| lower.starts_with(**p)) {
                    rest = &rest[p.len()..];
                    modifiers |= m;
                    continue 'strip;
                }
            }
            break;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err(err()),
            (Some(c), None) => {
                if modifiers.contains(KeyModifiers::SHIFT) {
                    if !c.is_alphabetic() {
                        return Err(err());
                    }
                    modifiers.remove(KeyModifiers::SHIFT);
                    KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => named(&rest.to_ascii_lowercase().replace(['_', '-'], "")).ok_or_else(err)?,
        };
        if modifiers.contains(KeyModifiers::SHIFT) && matches!(code, KeyCode::Char(_)) {
            return Err(err());
        }
        Ok(Key::new(code, modifiers))
    }
}

fn named(name: &str) -> Option<KeyCode> {
    use KeyCode::*;
    Some(match name {
        "esc" | "escape" => Esc,
        "enter" | "return" | "cr" => Enter,
        "tab" => Tab,
        "backtab" => BackTab,
        "backspace" | "bs" => Backspace,
        "space" | "spc" => Char(' '),
        "up" => Up,
        "down" => Down,
        "left" => Left,
        "right" => Right,
        "home" => Home,
        "end" => End,
        "pageup" | "pgup" => PageUp,
        "pagedown" | "pgdn" | "pgdown" => PageDown,
        "insert" | "ins" => Insert,
        "delete" | "del" => Delete,
        f if f.starts_with('f') => match f[1..].parse::<u8>() {
            Ok(n @ 1..=24) => F(n),
            _ => return None,
        },
        _ => return None,
    })
}

impl fmt::Display for Key {
    /// The key as the help shows it: `j`, `↓`, `Ctrl-d`, `PgDn`, `Shift-Tab`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other}"),
        }
    }
}

/// The key bindings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// Each bindable action with its keys, in [`ACTIONS`] order.
    bindings: Vec<(Action, Vec<Key>)>,
    /// Key → index into `bindings`.
    lookup: HashMap<Key, usize>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = ACTIONS
            .iter()
            .map(|s| {
                let keys = s.keys.iter().filter_map(|k| Key::parse(k).ok()).collect();
                (s.action.clone(), keys)
            })
            .collect();
        let mut map = Keymap {
            bindings,
            lookup: HashMap::new(),
        };
        map.rebuild();
        map
    }
}

/// Ctrl-c: quits in every mode, whatever the bindings.
pub const CTRL_C: Key = Key {
    code: KeyCode::Char('c'),
    modifiers: KeyModifiers::CONTROL,
};

impl Keymap {
    fn rebuild(&mut self) {
        self.lookup.clear();
        for (i, (_, keys)) in self.bindings.iter().enumerate() {
            for k in keys {
                self.lookup.insert(*k, i);
            }
        }
    }

    /// Bind `keys` to the action named `name` instead of its keys so far.
    /// A key taken from another action leaves it; the actions that lost a
    /// key are returned with it. `None` when no action has that name.
    pub fn rebind(&mut self, name: &str, keys: Vec<Key>) -> Option<Vec<(Key, &'static str)>> {
        let i = self
            .bindings
            .iter()
            .position(|(a, _)| a.name() == Some(name))?;
        let mut lost = Vec::new();
        for (j, (action, theirs)) in self.bindings.iter_mut().enumerate() {
            if j == i {
                continue;
            }
            theirs.retain(|k| {
                let keep = !keys.contains(k);
                if !keep && let Some(n) = action.name() {
                    lost.push((*k, n));
                }
                keep
            });
        }
        let mut unique = Vec::new();
        for k in keys {
            if !unique.contains(&k) {
                unique.push(k);
            }
        }
        self.bindings[i].1 = unique;
        self.rebuild();
        Some(lost)
    }

    /// The keys of the action named `name`, in the order they were given.
    pub fn keys(&self, name: &str) -> &[Key] {
        self.bindings
            .iter()
            .find(|(a, _)| a.name() == Some(name))
            .map_or(&[], |(_, k)| k.as_slice())
    }

    /// The bound action of a key, whatever the mode.
    pub fn bound(&self, key: Key) -> Option<&Action> {
        self.lookup.get(&key).map(|&i| &self.bindings[i].0)
    }

    /// The action for a key press in a mode, if any.
    pub fn action(&self, mode: Mode, event: KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        if key == CTRL_C {
            return Some(Action::Quit);
        }
        // The compare picker filters as you type, like a prompt.
        if matches!(
            mode,
            Mode::Search | Mode::Filter | Mode::Merge | Mode::Picker
        ) {
            return prompt_action(event);
        }
        let action = self.bound(key)?.clone();
        match mode {
            Mode::Normal => (!action.compare_only() && !action.bookmarks_only()).then_some(action),
            Mode::Bookmarks => match action {
                Action::Escape | Action::Bookmarks => Some(Action::Escape),
                Action::Quit | Action::Down(_) | Action::Up(_) | Action::Enter | Action::Delete => {
                    Some(action)
                }
                _ => None,
            },
            Mode::Quotes => match action {
                Action::Escape | Action::Quotes => Some(Action::Escape),
                a if a.is_scroll() => Some(a),
                Action::Quit | Action::Enter => Some(action),
                _ => None,
            },
            Mode::Compare if action.bookmarks_only() => None,
            Mode::Compare => Some(match action {
                Action::Escape => Action::Compare,
                a => a,
            }),
            Mode::Help => match action {
                Action::Quit => Some(Action::Quit),
                Action::Escape | Action::ToggleHelp | Action::Enter => Some(Action::ToggleHelp),
                a if a.is_scroll() => Some(a),
                _ => None,
            },
            Mode::Why => match action {
                Action::Quit => Some(Action::Quit),
                Action::Escape | Action::Why | Action::Enter => Some(Action::Escape),
                a if a.is_scroll() || matches!(a, Action::Split | Action::Undo) => Some(a),
                _ => None,
            },
            Mode::Search | Mode::Filter | Mode::Merge | Mode::Picker => None,
        }
    }

    /// The keys of the actions named, for a status-bar hint: the first key
    /// of each, joined by `/` (`n/N`).
    pub fn hint(&self, names: &[&str]) -> String {
        names
            .iter()
            .filter_map(|n| self.keys(n).first())
            .map(Key::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// The action of a key in a prompt: Enter confirms, Esc cancels, the
/// arrows move (↑/↓ the list below, or the history where there is none),
/// letters are text, and the editing keys of shells and readline edit.
fn prompt_action(key: KeyEvent) -> Option<Action> {
    use super::prompt::Edit;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let edit = |e| Some(Action::Edit(e));
    match key.code {
        KeyCode::Esc => Some(Action::Escape),
        KeyCode::Enter => Some(Action::Submit),
        KeyCode::Backspace if ctrl || alt => edit(Edit::DeleteWord),
        KeyCode::Backspace => Some(Action::Backspace),
        KeyCode::Down => Some(Action::Down(1)),
        KeyCode::Up => Some(Action::Up(1)),
        KeyCode::Left if ctrl || alt => edit(Edit::WordLeft),
        KeyCode::Right if ctrl || alt => edit(Edit::WordRight),
        KeyCode::Left => edit(Edit::Left),
        KeyCode::Right => edit(Edit::Right),
        KeyCode::Home => edit(Edit::Home),
        KeyCode::End => edit(Edit::End),
        KeyCode::Delete => edit(Edit::Delete),
        KeyCode::Char(c) if ctrl => match c.to_ascii_lowercase() {
            'a' => edit(Edit::Home),
            'e' => edit(Edit::End),
            'w' | 'h' => edit(Edit::DeleteWord),
            'u' => edit(Edit::DeleteToStart),
            'k' => edit(Edit::DeleteToEnd),
            'p' => edit(Edit::HistoryPrev),
            'n' => edit(Edit::HistoryNext),
            _ => None,
        },
        KeyCode::Char('b') if alt => edit(Edit::WordLeft),
        KeyCode::Char('f') if alt => edit(Edit::WordRight),
        KeyCode::Char(_) if alt => None,
        KeyCode::Char(c) => Some(Action::Input(c)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    /// The hard-coded bindings dossier had before they became configurable.
    fn legacy(mode: Mode, key: KeyEvent) -> Option<Action> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c')) {
            return Some(Action::Quit);
        }
        match mode {
            Mode::Search | Mode::Filter | Mode::Merge => prompt_action(key),
            Mode::Help => match key.code {
                KeyCode::Char('q') => Some(Action::Quit),
                KeyCode::Esc | KeyCode::Char('?') | KeyCode::Enter => Some(Action::ToggleHelp),
                _ => legacy_normal(key, ctrl).filter(Action::is_scroll),
            },
            Mode::Normal => legacy_normal(key, ctrl),
            Mode::Compare => match key.code {
                KeyCode::Char('c') | KeyCode::Esc => Some(Action::Compare),
                KeyCode::Char('s') => Some(Action::Swap),
                KeyCode::Char('p') => Some(Action::Pick),
                KeyCode::Char('L') => Some(Action::ToggleLock),
                _ => legacy_normal(key, ctrl),
            },
            Mode::Picker => prompt_action(key),
            Mode::Why => match key.code {
                KeyCode::Char('q') => Some(Action::Quit),
                KeyCode::Esc | KeyCode::Char('w') | KeyCode::Enter => Some(Action::Escape),
                KeyCode::Char('S') => Some(Action::Split),
                KeyCode::Char('u') if !ctrl => Some(Action::Undo),
                _ => legacy_normal(key, ctrl).filter(Action::is_scroll),
            },
            Mode::Quotes => match legacy_normal(key, ctrl)? {
                Action::Escape | Action::Quotes => Some(Action::Escape),
                a if a.is_scroll() || a == Action::Quit || a == Action::Enter => Some(a),
                _ => None,
            },
            Mode::Bookmarks => match key.code {
                KeyCode::Esc | KeyCode::Char('B') => Some(Action::Escape),
                KeyCode::Char('q') => Some(Action::Quit),
                KeyCode::Char('j') | KeyCode::Down => Some(Action::Down(1)),
                KeyCode::Char('k') | KeyCode::Up => Some(Action::Up(1)),
                KeyCode::Char('d') if !ctrl => Some(Action::Delete),
                KeyCode::Delete => Some(Action::Delete),
                KeyCode::Enter => Some(Action::Enter),
                _ => None,
            },
        }
    }

    fn legacy_normal(key: KeyEvent, ctrl: bool) -> Option<Action> {
        use KeyCode::*;
        Some(match key.code {
            Char('d') if ctrl => Action::HalfPageDown,
            Char('u') if ctrl => Action::HalfPageUp,
            Char('f') if ctrl => Action::PageDown,
            Char('b') if ctrl => Action::PageUp,
            Char('q') => Action::Quit,
            Char('j') | Down => Action::Down(1),
            Char('k') | Up => Action::Up(1),
            Char('g') | Home => Action::Top,
            Char('G') | End => Action::Bottom,
            PageDown | Char(' ') => Action::PageDown,
            PageUp => Action::PageUp,
            Tab => Action::FocusNext,
            BackTab => Action::FocusPrev,
            Char('h') | Left => Action::FocusLeft,
            Char('l') | Right => Action::FocusRight,
            Enter => Action::Enter,
            Char('n') => Action::NextMatch,
            Char('N') => Action::PrevMatch,
            Char(']') | Char('J') => Action::NextArticle,
            Char('[') | Char('K') => Action::PrevArticle,
            Char('}') => Action::NextMentioned,
            Char('{') => Action::PrevMentioned,
            Char('\'') => Action::JumpLast,
            Char('F') => Action::ToggleLimit,
            Char('+') => Action::Widen,
            Char('_') | Char('-') => Action::Narrow,
            Char('/') => Action::StartSearch,
            Char('f') => Action::StartFilter,
            Char('a') => Action::ToggleScope,
            Char('e') => Action::ToggleSidebar,
            Char('?') => Action::ToggleHelp,
            Char('c') => Action::Compare,
            Char('m') => Action::Merge,
            Char('x') => Action::NotEntity,
            Char('w') => Action::Why,
            Char('S') => Action::Split,
            Char('u') => Action::Undo,
            Char('b') => Action::Bookmark,
            Char('B') => Action::Bookmarks,
            Char('Q') => Action::Quotes,
            Esc => Action::Escape,
            _ => return None,
        })
    }

    #[test]
    fn defaults_are_the_bindings_dossier_always_had() {
        let map = Keymap::default();
        let mut codes: Vec<KeyCode> = (' '..='~').map(KeyCode::Char).collect();
        codes.extend([
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::F(1),
        ]);
        let mut compared = 0;
        for mode in [
            Mode::Normal,
            Mode::Search,
            Mode::Filter,
            Mode::Help,
            Mode::Compare,
            Mode::Picker,
            Mode::Merge,
            Mode::Bookmarks,
            Mode::Why,
            Mode::Quotes,
        ] {
            for &code in &codes {
                // Control chords were only bound for these letters; the old
                // table also took Ctrl-j for j, which is no longer so.
                let mut events = vec![KeyEvent::new(code, KeyModifiers::NONE)];
                if let KeyCode::Char(c) = code
                    && "dufbc".contains(c)
                {
                    events.push(KeyEvent::new(code, KeyModifiers::CONTROL));
                }
                if let KeyCode::Char(c) = code
                    && c.is_ascii_uppercase()
                {
                    events.push(KeyEvent::new(code, KeyModifiers::SHIFT));
                }
                if code == KeyCode::BackTab {
                    events.push(KeyEvent::new(code, KeyModifiers::SHIFT));
                }
                for ev in events {
                    assert_eq!(map.action(mode, ev), legacy(mode, ev), "{mode:?} {ev:?}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 700);
    }

    #[test]
    fn every_bindable_action_has_its_default_keys() {
        let map = Keymap::default();
        for spec in ACTIONS {
            assert!(
                !map.keys(spec.name).is_empty(),
                "{} has no default key",
                spec.name
            );
            let parsed: Vec<Key> = spec.keys.iter().map(|k| Key::parse(k).unwrap()).collect();
            assert_eq!(map.keys(spec.name), parsed.as_slice(), "{}", spec.name);
        }
    }

    #[test]
    fn key_specs_in_every_spelling() {
        let k = |code, m| Key::new(code, m);
        let cases = [
            ("j", k(KeyCode::Char('j'), KeyModifiers::NONE)),
            ("G", k(KeyCode::Char('G'), KeyModifiers::NONE)),
            ("shift-g", k(KeyCode::Char('G'), KeyModifiers::NONE)),
            ("Down", k(KeyCode::Down, KeyModifiers::NONE)),
            ("ctrl-d", k(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            ("Ctrl+D", k(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            ("C-d", k(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            ("shift-tab", k(KeyCode::BackTab, KeyModifiers::NONE)),
            ("PageDown", k(KeyCode::PageDown, KeyModifiers::NONE)),
            ("page_down", k(KeyCode::PageDown, KeyModifiers::NONE)),
            ("space", k(KeyCode::Char(' '), KeyModifiers::NONE)),
            ("?", k(KeyCode::Char('?'), KeyModifiers::NONE)),
            ("-", k(KeyCode::Char('-'), KeyModifiers::NONE)),
            ("ctrl--", k(KeyCode::Char('-'), KeyModifiers::CONTROL)),
            ("esc", k(KeyCode::Esc, KeyModifiers::NONE)),
            ("enter", k(KeyCode::Enter, KeyModifiers::NONE)),
            ("F1", k(KeyCode::F(1), KeyModifiers::NONE)),
            ("alt-x", k(KeyCode::Char('x'), KeyModifiers::ALT)),
            ("shift-Down", k(KeyCode::Down, KeyModifiers::SHIFT)),
        ];
        for (spec, want) in cases {
            assert_eq!(Key::parse(spec), Ok(want), "{spec}");
        }
        for bad in ["", "ctrl-", "nxt", "F99", "shift-1", "ctl-x"] {
            assert!(Key::parse(bad).is_err(), "{bad}");
        }
        // A terminal that reports Shift with an upper-case letter.
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(ev), Key::parse("G").unwrap());
    }

    #[test]
    fn rebinding_moves_a_key_and_reports_who_lost_it() {
        let mut map = Keymap::default();
        let lost = map.rebind("merge", vec![Key::parse("x").unwrap()]).unwrap();
        assert_eq!(lost, vec![(Key::parse("x").unwrap(), "not_entity")]);
        assert_eq!(
            map.action(Mode::Normal, key(KeyCode::Char('x'))),
            Some(Action::Merge)
        );
        assert_eq!(map.action(Mode::Normal, key(KeyCode::Char('m'))), None);
        assert!(map.keys("not_entity").is_empty());
        assert_eq!(map.rebind("nxt_match", vec![]), None);
    }

    #[test]
    fn compare_keys_are_free_outside_the_compare_view() {
        let map = Keymap::default();
        assert_eq!(map.action(Mode::Normal, key(KeyCode::Char('s'))), None);
        assert_eq!(
            map.action(Mode::Compare, key(KeyCode::Char('s'))),
            Some(Action::Swap)
        );
        assert_eq!(
            map.action(Mode::Compare, key(KeyCode::Esc)),
            Some(Action::Compare)
        );
    }
}
