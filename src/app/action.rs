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
    /// The terminal changed size.
    Resize(u16, u16),
}
