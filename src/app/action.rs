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
    /// The next article that mentions the selected entity (or holds search
    /// hits), at its first mention.
    NextMentioned,
    /// The previous article that mentions the selected entity (or holds
    /// search hits), at its first mention.
    PrevMentioned,
    /// Limit the article list to the articles that mention the selected
    /// entity (or hold search hits), or lift the limit.
    ToggleLimit,
    /// Widen the focused pane (the list or the sidebar; from the reader,
    /// the reader itself).
    Widen,
    /// Narrow the focused pane.
    Narrow,
    /// Suspend dossier to the shell (Ctrl-z); `fg` resumes it.
    Suspend,
    /// Back to where the last jump left from (vim's Ctrl-o).
    JumpBack,
    /// Forward again after going back (vim's Ctrl-i).
    JumpForward,
    /// `'` typed: a second `'` goes back to where the last jump left, and
    /// `''` again comes back here (vim's and less's `''`).
    JumpLast,
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
    /// Delete the character before the prompt's cursor.
    Backspace,
    /// An editing key in the prompt: move the cursor, delete a word, walk
    /// the history.
    Edit(super::prompt::Edit),
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
    /// Show why the highlighted entity holds its spellings (the evidence).
    Why,
    /// Split a spelling off the entity: in the why view the one picked
    /// (elsewhere: open the why view to pick it).
    Split,
    /// Undo the last correction.
    Undo,
    /// Set or remove a bookmark at the current place.
    Bookmark,
    /// Open the bookmarks list.
    Bookmarks,
    /// Delete the highlighted bookmark (in the bookmarks list).
    Delete,
    /// Open or close the quotes view of the selected entity.
    Quotes,
    /// The terminal changed size.
    Resize(u16, u16),
}

/// One bindable action: the one place that names it, gives its default keys
/// and says where the help overlay shows it. [`ACTIONS`] lists them all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// Its name in the `[keys]` table of the config file.
    pub name: &'static str,
    /// The action (for those that carry a count: the count a key gives).
    pub action: Action,
    /// Its default keys, as written in the config file.
    pub keys: &'static [&'static str],
    /// Where the help overlay shows it.
    pub help: Help,
}

/// Where an action shows in the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Help {
    /// A row of its own.
    Row {
        /// Its place among the rows: they are shown sorted by it.
        rank: u8,
        /// What the keys do.
        what: &'static str,
        /// A line shown under the row, without keys.
        note: Option<&'static str>,
    },
    /// On the row of the action before it in [`ACTIONS`], which it pairs
    /// with: their first keys are shown together, then their second keys
    /// (`j k  ↓ ↑`).
    Paired,
}

/// A row of the help overlay.
const fn row(rank: u8, what: &'static str) -> Help {
    Help::Row {
        rank,
        what,
        note: None,
    }
}

/// A row of the help overlay with a note under it.
const fn note(rank: u8, what: &'static str, note: &'static str) -> Help {
    Help::Row {
        rank,
        what,
        note: Some(note),
    }
}

/// Every action a key can be bound to, in the order the config file lists
/// them: the one table from which the action names ([`Action::name`]), the
/// default keys ([`super::keymap::Keymap::default`]) and the help rows
/// ([`super::help::rows`]) are derived. `assets/config/default.toml` writes
/// the same names and keys in the same order (a test checks it).
///
/// A new action gets a row here and the same line in `default.toml`.
#[rustfmt::skip]
pub const ACTIONS: &[Spec] = &[
    //   name             action                 default keys                      help: rank, what (, note)
    spec("quit",           Action::Quit,          &["q"],                           row(35, "quit")),
    spec("down",           Action::Down(1),       &["j", "Down"],                   row(1, "move down / up in the focused pane")),
    spec("up",             Action::Up(1),         &["k", "Up"],                     Help::Paired),
    spec("half_page_down", Action::HalfPageDown,  &["ctrl-d"],                      row(3, "half a page down / up")),
    spec("half_page_up",   Action::HalfPageUp,    &["ctrl-u"],                      Help::Paired),
    spec("page_down",      Action::PageDown,      &["PageDown", "ctrl-f", "space"], row(4, "a page down / up")),
    spec("page_up",        Action::PageUp,        &["PageUp", "ctrl-b"],            Help::Paired),
    spec("top",            Action::Top,           &["g", "Home"],                   row(2, "to the top / bottom")),
    spec("bottom",         Action::Bottom,        &["G", "End"],                    Help::Paired),
    spec("focus_next",     Action::FocusNext,     &["Tab"],                         row(5, "focus the next / previous pane")),
    spec("focus_prev",     Action::FocusPrev,     &["shift-Tab"],                   Help::Paired),
    spec("focus_left",     Action::FocusLeft,     &["h", "Left"],                   row(6, "focus the pane to the left / right")),
    spec("focus_right",    Action::FocusRight,    &["l", "Right"],                  Help::Paired),
    spec("enter",          Action::Enter,         &["Enter"],                       row(7, "open the article / select the entity")),
    spec("next_match",     Action::NextMatch,     &["n"],                           note(8, "next / previous mention of the entity, across articles", "(after a search: next / previous hit)")),
    spec("prev_match",     Action::PrevMatch,     &["N"],                           Help::Paired),
    spec("next_article",   Action::NextArticle,   &["]", "J"],                      row(9, "next / previous article")),
    spec("prev_article",   Action::PrevArticle,   &["[", "K"],                      Help::Paired),
    spec("next_mentioned", Action::NextMentioned, &["}"],                           note(10, "next / previous article that mentions the entity", "(after a search: that holds a hit; at its first one)")),
    spec("prev_mentioned", Action::PrevMentioned, &["{"],                           Help::Paired),
    spec("jump_back",      Action::JumpBack,      &["ctrl-o"],                      row(11, "back / forward in the jump history")),
    spec("jump_forward",   Action::JumpForward,   &["ctrl-n"],                      Help::Paired),
    spec("jump_last",      Action::JumpLast,      &["'"],                           note(12, "typed twice (''): back to where the last jump left; again: back", "(jumps: Enter on an entity, n / N or a quotation into another article, a bookmark)")),
    spec("search",         Action::StartSearch,   &["/"],                           note(13, "search the text of every article", "(prompts edit: ← → Home End, Ctrl-w a word, Ctrl-u/Ctrl-k to start/end; ↑ ↓ history)")),
    spec("filter",         Action::StartFilter,   &["f"],                           row(14, "filter the focused list as you type (best match first)")),
    spec("limit",          Action::ToggleLimit,   &["F"],                           note(15, "limit the list to the articles that mention the entity / all", "(after a search: to those with hits; f then filters within)")),
    spec("toggle_scope",   Action::ToggleScope,   &["a"],                           row(16, "sidebar: this article's entities / the whole corpus")),
    spec("toggle_sidebar", Action::ToggleSidebar, &["e"],                           row(17, "show / hide the entity sidebar")),
    spec("widen",          Action::Widen,         &["+"],                           row(18, "widen / narrow the focused pane (remembered)")),
    spec("narrow",         Action::Narrow,        &["_", "-"],                      Help::Paired),
    spec("suspend",        Action::Suspend,       &["ctrl-z"],                      row(32, "suspend to the shell (fg resumes)")),
    spec("help",           Action::ToggleHelp,    &["?"],                           row(34, "this help")),
    spec("escape",         Action::Escape,        &["Esc"],                         row(33, "clear the search or selection, close this help")),
    spec("compare",        Action::Compare,       &["c"],                           row(28, "compare this report with another, side by side")),
    spec("swap",           Action::Swap,          &["s"],                           row(29, "compare: swap the two reports")),
    spec("pick",           Action::Pick,          &["p"],                           row(30, "compare: pick the other report")),
    spec("toggle_lock",    Action::ToggleLock,    &["L"],                           note(31, "compare: lock scrolling of both panes", "(compare: the keys above select and jump in both)")),
    spec("merge",          Action::Merge,         &["m"],                           row(19, "merge the highlighted entity into another (then pick it)")),
    spec("not_entity",     Action::NotEntity,     &["x"],                           row(20, "mark the highlighted entity as not an entity")),
    spec("why",            Action::Why,           &["w"],                           row(21, "why: what joined each spelling of the entity")),
    spec("split",          Action::Split,         &["S"],                           note(22, "split a spelling off the entity, as an entity of its own", "(in the why view: j / k pick the spelling, S splits it)")),
    spec("undo",           Action::Undo,          &["u"],                           row(23, "undo the last correction (merge / split / not an entity)")),
    spec("bookmark",       Action::Bookmark,      &["b"],                           row(24, "set / remove a bookmark here")),
    spec("bookmarks",      Action::Bookmarks,     &["B"],                           row(25, "list the bookmarks")),
    spec("delete",         Action::Delete,        &["d", "Delete"],                 row(26, "bookmarks list: delete the highlighted one")),
    spec("quotes",         Action::Quotes,        &["Q"],                           note(27, "quotes of the selected person or organisation, newest first", "(Enter opens one; then n / N walk the quotes, Esc goes back to mentions)")),
];

/// A row of [`ACTIONS`].
const fn spec(
    name: &'static str,
    action: Action,
    keys: &'static [&'static str],
    help: Help,
) -> Spec {
    Spec {
        name,
        action,
        keys,
        help,
    }
}

impl Action {
    /// The action's row in [`ACTIONS`]; `None` for what no key is bound to
    /// (typing into a prompt, the mouse, resizing, focusing one pane).
    pub fn spec(&self) -> Option<&'static Spec> {
        let this = std::mem::discriminant(self);
        ACTIONS
            .iter()
            .find(|s| std::mem::discriminant(&s.action) == this)
    }

    /// The action's name in the `[keys]` table; `None` for what no key is
    /// bound to.
    pub fn name(&self) -> Option<&'static str> {
        self.spec().map(|s| s.name)
    }

    /// The bindable action called `name` in the `[keys]` table.
    pub fn from_name(name: &str) -> Option<Action> {
        ACTIONS
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.action.clone())
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
    use toml::de::{DeTable, DeValue};

    #[test]
    fn every_bindable_action_is_named_as_listed() {
        let mut seen = std::collections::HashSet::new();
        for spec in ACTIONS {
            let name = spec.name;
            assert_eq!(spec.action.name(), Some(name));
            assert_eq!(Action::from_name(name).as_ref(), Some(&spec.action));
            assert!(seen.insert(name), "{name} listed twice");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name} is not snake_case"
            );
            assert!(!spec.keys.is_empty(), "{name} has no default key");
        }
        assert_eq!(Action::Down(5).name(), Some("down"), "counts do not matter");
        for unbindable in [
            Action::Input('x'),
            Action::Backspace,
            Action::Edit(super::super::prompt::Edit::Left),
            Action::Submit,
            Action::Focus(Focus::List),
            Action::Resize(1, 1),
            Action::Click { x: 0, y: 0 },
        ] {
            assert_eq!(unbindable.name(), None, "{unbindable:?}");
        }
        assert_eq!(Action::from_name("nxt_match"), None);
    }

    #[test]
    fn help_ranks_are_distinct_and_pairs_follow_a_row() {
        let mut ranks: Vec<u8> = ACTIONS
            .iter()
            .filter_map(|s| match s.help {
                Help::Row { rank, .. } => Some(rank),
                Help::Paired => None,
            })
            .collect();
        ranks.sort_unstable();
        let n = ranks.len() as u8;
        assert_eq!(
            ranks,
            (1..=n).collect::<Vec<u8>>(),
            "ranks 1..={n}, once each"
        );
        for (i, s) in ACTIONS.iter().enumerate() {
            if s.help == Help::Paired {
                assert!(i > 0, "{} pairs with nothing", s.name);
                assert!(
                    matches!(ACTIONS[i - 1].help, Help::Row { .. }),
                    "{} pairs with a pair",
                    s.name
                );
            }
        }
    }

    /// `default.toml`'s `[keys]`, in the file's order: (name, keys).
    fn default_toml_keys() -> Vec<(String, Vec<String>)> {
        let root = DeTable::parse(crate::config::DEFAULT_TOML).unwrap();
        let keys = root
            .get_ref()
            .get("keys")
            .and_then(|v| v.get_ref().as_table())
            .expect("a [keys] section");
        let mut entries: Vec<_> = keys.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        entries
            .into_iter()
            .map(|(k, v)| {
                let keys = match v.get_ref() {
                    DeValue::Array(items) => items
                        .iter()
                        .map(|i| i.get_ref().as_str().expect("a key string").to_string())
                        .collect(),
                    other => panic!("{}: not a list of keys: {other:?}", k.get_ref()),
                };
                (k.get_ref().to_string(), keys)
            })
            .collect()
    }

    #[test]
    fn default_toml_lists_the_table_in_order_with_its_keys() {
        let file = default_toml_keys();
        let table: Vec<(String, Vec<String>)> = ACTIONS
            .iter()
            .map(|s| {
                (
                    s.name.to_string(),
                    s.keys.iter().map(|k| k.to_string()).collect(),
                )
            })
            .collect();
        assert_eq!(file, table);
    }
}
