//! Named actions: what a key press or mouse event asks the application to do.

use super::Focus;

/// Something the user asks for. Keys and mouse events become actions before
/// they change any state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave dossier.
    Quit,
    /// Move the selection or scroll down by `n` lines in the focused pane.
    Down(usize),
    /// Move the selection or scroll up by `n` lines in the focused pane.
    Up(usize),
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// A page down.
    PageDown,
    /// A page up.
    PageUp,
    /// To the top of the focused pane.
    Top,
    /// To the bottom of the focused pane.
    Bottom,
    /// Focus the next pane (Tab).
    FocusNext,
    /// Focus the previous pane (Shift-Tab).
    FocusPrev,
    /// Focus the pane to the left.
    FocusLeft,
    /// Focus the pane to the right.
    FocusRight,
    /// Focus one pane.
    Focus(Focus),
    /// Open the selected article or select the highlighted entity.
    Enter,
    /// Next mention of the selected entity, or next search hit.
    NextMatch,
    /// Previous mention of the selected entity, or previous search hit.
    PrevMatch,
    /// Next article.
    NextArticle,
    /// Previous article.
    PrevArticle,
    /// Start typing a corpus search.
    StartSearch,
    /// Start typing a filter for the focused list.
    StartFilter,
    /// Toggle the sidebar between this article's entities and the corpus's.
    ToggleScope,
    /// Show or hide the entity sidebar.
    ToggleSidebar,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Clear the selection, the search or close what is open.
    Escape,
    /// Type a character into the open prompt.
    Input(char),
    /// Delete the last character of the prompt.
    Backspace,
    /// Confirm the prompt.
    Submit,
    /// A click at a screen cell.
    Click {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// The wheel turned over a screen cell: positive is down.
    Wheel {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
        /// Lines to scroll; positive is down.
        lines: i32,
    },
    /// Open or close the compare view.
    Compare,
    /// Swap the two reports of the compare view.
    Swap,
    /// Choose the second report of the compare view.
    Pick,
    /// Lock or unlock scrolling of the two compare panes together.
    ToggleLock,
    /// Merge the selected entity into another (chosen next).
    Merge,
    /// Mark the selected entity as not an entity.
    NotEntity,
    /// Set or remove a bookmark at the current place.
    Bookmark,
    /// Open the bookmarks list.
    Bookmarks,
    /// Delete the highlighted bookmark (in the bookmarks list).
    Delete,
    /// The terminal changed size.
    Resize(u16, u16),
}

/// Every action a key can be bound to, by its name in the `[keys]` table of
/// the config file, in the order the config file and the help list them.
///
/// This is the one list of bindable actions: a new action gets a name in
/// [`Action::name`] (the compiler asks for it) and a row here (a test checks
/// that the two agree), then a default key in `assets/config/default.toml`.
pub const BINDABLE: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("down", Action::Down(1)),
    ("up", Action::Up(1)),
    ("half_page_down", Action::HalfPageDown),
    ("half_page_up", Action::HalfPageUp),
    ("page_down", Action::PageDown),
    ("page_up", Action::PageUp),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("focus_next", Action::FocusNext),
    ("focus_prev", Action::FocusPrev),
    ("focus_left", Action::FocusLeft),
    ("focus_right", Action::FocusRight),
    ("enter", Action::Enter),
    ("next_match", Action::NextMatch),
    ("prev_match", Action::PrevMatch),
    ("next_article", Action::NextArticle),
    ("prev_article", Action::PrevArticle),
    ("search", Action::StartSearch),
    ("filter", Action::StartFilter),
    ("toggle_scope", Action::ToggleScope),
    ("toggle_sidebar", Action::ToggleSidebar),
    ("help", Action::ToggleHelp),
    ("escape", Action::Escape),
    ("compare", Action::Compare),
    ("swap", Action::Swap),
    ("pick", Action::Pick),
    ("toggle_lock", Action::ToggleLock),
    ("merge", Action::Merge),
    ("not_entity", Action::NotEntity),
    ("bookmark", Action::Bookmark),
    ("bookmarks", Action::Bookmarks),
    ("delete", Action::Delete),
];

impl Action {
    /// The action's name in the `[keys]` table; `None` for what no key is
    /// bound to (typing into a prompt, the mouse, resizing).
    pub fn name(&self) -> Option<&'static str> {
        Some(match self {
            Action::Quit => "quit",
            Action::Down(_) => "down",
            Action::Up(_) => "up",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::FocusLeft => "focus_left",
            Action::FocusRight => "focus_right",
            Action::Enter => "enter",
            Action::NextMatch => "next_match",
            Action::PrevMatch => "prev_match",
            Action::NextArticle => "next_article",
            Action::PrevArticle => "prev_article",
            Action::StartSearch => "search",
            Action::StartFilter => "filter",
            Action::ToggleScope => "toggle_scope",
            Action::ToggleSidebar => "toggle_sidebar",
            Action::ToggleHelp => "help",
            Action::Escape => "escape",
            Action::Compare => "compare",
            Action::Swap => "swap",
            Action::Pick => "pick",
            Action::ToggleLock => "toggle_lock",
            Action::Merge => "merge",
            Action::NotEntity => "not_entity",
            Action::Bookmark => "bookmark",
            Action::Bookmarks => "bookmarks",
            Action::Delete => "delete",
            Action::Focus(_)
            | Action::Input(_)
            | Action::Backspace
            | Action::Submit
            | Action::Click { .. }
            | Action::Wheel { .. }
            | Action::Resize(..) => return None,
        })
    }

    /// The bindable action called `name` in the `[keys]` table.
    pub fn from_name(name: &str) -> Option<Action> {
        BINDABLE
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| a.clone())
    }

    /// Whether the action only works in the compare view (so its keys are
    /// free elsewhere).
    pub fn compare_only(&self) -> bool {
        matches!(self, Action::Swap | Action::Pick | Action::ToggleLock)
    }

    /// Whether the action moves by lines or pages (`j`, `k`, page keys,
    /// top and bottom): what scrolls an overlay.
    pub fn is_scroll(&self) -> bool {
        matches!(
            self,
            Action::Down(_)
                | Action::Up(_)
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::PageDown
                | Action::PageUp
                | Action::Top
                | Action::Bottom
        )
    }

    /// Whether the action only works in the bookmarks list.
    pub fn bookmarks_only(&self) -> bool {
        matches!(self, Action::Delete)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bindable_action_is_named_as_listed() {
        let mut seen = std::collections::HashSet::new();
        for (name, action) in BINDABLE {
            assert_eq!(action.name(), Some(*name));
            assert_eq!(Action::from_name(name).as_ref(), Some(action));
            assert!(seen.insert(*name), "{name} listed twice");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name} is not snake_case"
            );
        }
        assert_eq!(Action::Input('x').name(), None);
        assert_eq!(Action::from_name("nxt_match"), None);
    }
}
