//! Key bindings: (mode, key) → [`Action`].

use super::{Action, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The key bindings shown in the help overlay: (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    ("j k  ↓ ↑", "move down / up in the focused pane"),
    ("g G  Home End", "to the top / bottom"),
    ("Ctrl-d Ctrl-u", "half a page down / up"),
    ("PgDn PgUp  Space", "a page down / up"),
    ("Tab  Shift-Tab", "focus the next / previous pane"),
    ("h l  ← →", "focus the pane to the left / right"),
    ("Enter", "open the article / select the entity"),
    (
        "n N",
        "next / previous mention of the entity, across articles",
    ),
    ("", "(after a search: next / previous hit)"),
    ("] [  J K", "next / previous article"),
    ("/", "search the text of every article"),
    ("f", "filter the entity sidebar as you type"),
    ("a", "sidebar: this article's entities / the whole corpus"),
    ("e", "show / hide the entity sidebar"),
    (
        "m",
        "merge the highlighted entity into another (then pick it)",
    ),
    ("x", "mark the highlighted entity as not an entity"),
    ("c", "compare this report with another, side by side"),
    ("", "compare: Enter selects, n/N jump in both panes,"),
    ("", "s swaps, p picks the other report, L locks scrolling"),
    ("Esc", "clear the search or selection, close this help"),
    ("?", "this help"),
    ("q  Ctrl-c", "quit"),
    ("mouse", "click focuses and selects; the wheel scrolls"),
];

/// The action for a key press in a mode, if any.
pub fn action(mode: Mode, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c')) {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Search | Mode::Filter | Mode::Merge => prompt_action(key),
        Mode::Help => match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Enter => Some(Action::ToggleHelp),
            _ => None,
        },
        Mode::Normal => normal_action(key, ctrl),
        Mode::Compare => match key.code {
            KeyCode::Char('c') | KeyCode::Esc => Some(Action::Compare),
            KeyCode::Char('s') => Some(Action::Swap),
            KeyCode::Char('p') => Some(Action::Pick),
            KeyCode::Char('L') => Some(Action::ToggleLock),
            _ => normal_action(key, ctrl),
        },
        Mode::Picker => match key.code {
            KeyCode::Esc | KeyCode::Char('p') => Some(Action::Escape),
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Char('j') | KeyCode::Down => Some(Action::Down(1)),
            KeyCode::Char('k') | KeyCode::Up => Some(Action::Up(1)),
            KeyCode::Enter => Some(Action::Enter),
            _ => None,
        },
    }
}

fn prompt_action(key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Esc => Some(Action::Escape),
        KeyCode::Enter => Some(Action::Submit),
        KeyCode::Backspace => Some(Action::Backspace),
        KeyCode::Down => Some(Action::Down(1)),
        KeyCode::Up => Some(Action::Up(1)),
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

fn normal_action(key: KeyEvent, ctrl: bool) -> Option<Action> {
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
        Char('/') => Action::StartSearch,
        Char('f') => Action::StartFilter,
        Char('a') => Action::ToggleScope,
        Char('e') => Action::ToggleSidebar,
        Char('?') => Action::ToggleHelp,
        Char('c') => Action::Compare,
        Char('m') => Action::Merge,
        Char('x') => Action::NotEntity,
        Esc => Action::Escape,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn vim_and_arrow_keys_map_to_the_same_actions() {
        for (a, b) in [
            (KeyCode::Char('j'), KeyCode::Down),
            (KeyCode::Char('k'), KeyCode::Up),
            (KeyCode::Char('g'), KeyCode::Home),
            (KeyCode::Char(']'), KeyCode::Char('J')),
        ] {
            assert_eq!(action(Mode::Normal, key(a)), action(Mode::Normal, key(b)));
        }
        assert_eq!(
            action(Mode::Normal, key(KeyCode::Char('n'))),
            Some(Action::NextMatch)
        );
    }

    #[test]
    fn prompts_take_letters_as_text() {
        assert_eq!(
            action(Mode::Search, key(KeyCode::Char('q'))),
            Some(Action::Input('q'))
        );
        assert_eq!(
            action(Mode::Filter, key(KeyCode::Esc)),
            Some(Action::Escape)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action(Mode::Search, ctrl_c), Some(Action::Quit));
    }
}
