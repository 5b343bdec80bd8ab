//! The line editor of the prompts (search, filter, merge, picker): the whole
//! typed text with a cursor that moves by character and word, deletes by
//! character, word or line, and a history per kind of prompt, as shells and
//! less have. Editing is `tui-input`'s; this adds the history and the
//! mapping from [`Edit`]s.

use tui_input::{Input, InputRequest};

/// An editing key in a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edit {
    /// Left a character.
    Left,
    /// Right a character.
    Right,
    /// Left a word.
    WordLeft,
    /// Right a word.
    WordRight,
    /// To the start.
    Home,
    /// To the end.
    End,
    /// Delete the character under the cursor.
    Delete,
    /// Delete the word before the cursor (Ctrl-w).
    DeleteWord,
    /// Delete from the start to the cursor (Ctrl-u).
    DeleteToStart,
    /// Delete from the cursor to the end (Ctrl-k).
    DeleteToEnd,
    /// The older entry of the history.
    HistoryPrev,
    /// The newer entry of the history (back to what was typed).
    HistoryNext,
}

/// Which history a prompt keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The corpus search (`/`).
    Search,
    /// The list and sidebar filters, the merge target and the picker.
    Filter,
}

/// The most entries a history keeps.
pub const HISTORY: usize = 100;

/// The prompt being typed into, and the histories.
#[derive(Debug, Clone, Default)]
pub struct Prompt {
    /// The text and its cursor.
    pub input: Input,
    /// Where in the history the text came from (0 = newest), while walking it.
    pub walking: Option<usize>,
    /// What was typed before walking the history.
    pub draft: String,
    /// Earlier searches, oldest first.
    pub searches: Vec<String>,
    /// Earlier filters, oldest first.
    pub filters: Vec<String>,
}

impl Prompt {
    /// Start editing `text`, the cursor at its end.
    pub fn start(&mut self, text: &str) {
        self.input = Input::new(text.to_string());
        self.walking = None;
        self.draft.clear();
    }

    /// The text.
    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// Type a character at the cursor.
    pub fn insert(&mut self, c: char) {
        self.input.handle(InputRequest::InsertChar(c));
        self.walking = None;
    }

    /// Delete the character before the cursor.
    pub fn backspace(&mut self) {
        self.input.handle(InputRequest::DeletePrevChar);
        self.walking = None;
    }

    fn history(&mut self, kind: Kind) -> &mut Vec<String> {
        match kind {
            Kind::Search => &mut self.searches,
            Kind::Filter => &mut self.filters,
        }
    }

    /// Apply an editing key; `true` if the text changed.
    pub fn edit(&mut self, edit: Edit, kind: Kind) -> bool {
        let before = self.input.value().to_string();
        let request = match edit {
            Edit::Left => InputRequest::GoToPrevChar,
            Edit::Right => InputRequest::GoToNextChar,
            Edit::WordLeft => InputRequest::GoToPrevWord,
            Edit::WordRight => InputRequest::GoToNextWord,
            Edit::Home => InputRequest::GoToStart,
            Edit::End => InputRequest::GoToEnd,
            Edit::Delete => InputRequest::DeleteNextChar,
            Edit::DeleteWord => InputRequest::DeletePrevWord,
            Edit::DeleteToStart => InputRequest::DeleteFromStart,
            Edit::DeleteToEnd => InputRequest::DeleteTillEnd,
            Edit::HistoryPrev | Edit::HistoryNext => {
                self.walk(edit == Edit::HistoryPrev, kind);
                return self.input.value() != before;
            }
        };
        self.input.handle(request);
        if self.input.value() != before {
            self.walking = None;
        }
        self.input.value() != before
    }

    /// Walk the history one entry older (`back`) or newer.
    fn walk(&mut self, back: bool, kind: Kind) {
        let current = self.input.value().to_string();
        let walking = self.walking;
        let len = self.history(kind).len();
        let next = match (walking, back) {
            (None, true) if len > 0 => Some(0),
            (None, _) => return,
            (Some(i), true) => Some((i + 1).min(len.saturating_sub(1))),
            (Some(0), false) => None,
            (Some(i), false) => Some(i - 1),
        };
        if walking.is_none() {
            self.draft = current;
        }
        let text = match next {
            Some(i) => self.history(kind)[len - 1 - i].clone(),
            None => std::mem::take(&mut self.draft),
        };
        self.input = Input::new(text);
        self.walking = next;
    }

    /// Keep the text in the history of `kind` (newest last, once).
    pub fn remember(&mut self, kind: Kind) {
        let text = self.input.value().trim().to_string();
        self.walking = None;
        if text.is_empty() {
            return;
        }
        let h = self.history(kind);
        h.retain(|t| *t != text);
        h.push(text);
        if h.len() > HISTORY {
            h.remove(0);
        }
    }

    /// The text to draw in `width` cells: (before the cursor, the character
    /// under it or a space, after it), scrolled so the cursor is in view.
    pub fn view(&self, width: usize) -> (String, String, String) {
        let value = self.input.value();
        let scroll = self.input.visual_scroll(width.saturating_sub(1).max(1));
        let mut col = 0;
        let mut before = String::new();
        let mut under = String::new();
        let mut after = String::new();
        let cursor = self.input.cursor();
        for (i, c) in value.chars().enumerate() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            col += w;
            if col <= scroll {
                continue;
            }
            match i.cmp(&cursor) {
                std::cmp::Ordering::Less => before.push(c),
                std::cmp::Ordering::Equal => under.push(c),
                std::cmp::Ordering::Greater => after.push(c),
            }
        }
        if under.is_empty() {
            under.push(' ');
        }
        (before, under, after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(p: &mut Prompt, s: &str) {
        for c in s.chars() {
            p.insert(c);
        }
    }

    #[test]
    fn editing_moves_and_deletes_by_character_and_word() {
        let mut p = Prompt::default();
        p.start("");
        typed(&mut p, "Kim Jong Un");
        p.edit(Edit::WordLeft, Kind::Filter);
        p.edit(Edit::Left, Kind::Filter);
        typed(&mut p, "-");
        assert_eq!(p.value(), "Kim Jong- Un");
        p.edit(Edit::Delete, Kind::Filter);
        assert_eq!(p.value(), "Kim Jong-Un");
        p.edit(Edit::End, Kind::Filter);
        assert!(p.edit(Edit::DeleteWord, Kind::Filter));
        assert_eq!(p.value(), "Kim Jong-");
        p.edit(Edit::Home, Kind::Filter);
        p.edit(Edit::DeleteToEnd, Kind::Filter);
        assert_eq!(p.value(), "");
        assert!(!p.edit(Edit::Left, Kind::Filter), "nothing changed");
    }

    #[test]
    fn the_history_walks_back_and_returns_to_the_draft() {
        let mut p = Prompt::default();
        for s in ["berlin", "wien", "berlin"] {
            p.start("");
            typed(&mut p, s);
            p.remember(Kind::Search);
        }
        assert_eq!(p.searches, ["wien", "berlin"], "once, newest last");
        p.start("");
        typed(&mut p, "kö");
        p.edit(Edit::HistoryPrev, Kind::Search);
        assert_eq!(p.value(), "berlin");
        p.edit(Edit::HistoryPrev, Kind::Search);
        assert_eq!(p.value(), "wien");
        p.edit(Edit::HistoryPrev, Kind::Search);
        assert_eq!(p.value(), "wien", "the oldest stays");
        p.edit(Edit::HistoryNext, Kind::Search);
        p.edit(Edit::HistoryNext, Kind::Search);
        assert_eq!(p.value(), "kö", "back to the draft");
        assert!(p.filters.is_empty(), "histories are kept apart");
    }

    #[test]
    fn the_view_keeps_the_cursor_in_sight() {
        let mut p = Prompt::default();
        p.start("abcdefghij");
        assert_eq!(p.view(20), ("abcdefghij".into(), " ".into(), String::new()));
        p.edit(Edit::Home, Kind::Filter);
        assert_eq!(p.view(20), (String::new(), "a".into(), "bcdefghij".into()));
        p.edit(Edit::End, Kind::Filter);
        let (before, under, _) = p.view(5);
        assert_eq!((before.as_str(), under.as_str()), ("ghij", " "));
    }
}
