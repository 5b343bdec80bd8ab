//! The reading memory while the reader runs ([`Memory`]): read marks,
//! positions, the last article, the selected entity and bookmarks,
//! restored on the next open of the same corpus (see
//! [`crate::reading_memory`] for the file). The `impl App` here keeps it up
//! to date and drives the bookmarks list.

use super::{App, Cursor, Mode};
use crate::corpus::DocId;
use crate::reading_memory::{Bookmark, ReadingState};
use crate::store::reader::StateKeeper;

/// What is remembered about this corpus, and where it is saved.
#[derive(Debug, Default)]
pub struct Memory {
    /// Read marks, positions, bookmarks, ….
    pub state: ReadingState,
    /// The state as last loaded or saved: what this reader changed since is
    /// merged into what other readers of the corpus saved meanwhile.
    pub base: ReadingState,
    /// Where `state` is saved (the state file, or a shared store); `None`
    /// to keep nothing.
    pub file: Option<Box<dyn StateKeeper>>,
    /// Whether the remembered article has been reopened yet.
    pub restored: bool,
}

impl Memory {
    /// Whether the article `id` has been read.
    pub fn is_read(&self, id: &str) -> bool {
        self.state.read.contains(id)
    }

    /// Mark the article `id` read.
    pub fn mark_read(&mut self, id: &str) {
        if !self.state.read.contains(id) {
            self.state.read.insert(id.to_string());
        }
    }

    /// Note where the article `id` is scrolled to: the byte offset of its
    /// top line, or `None` at its top (nothing to remember).
    pub fn note_position(&mut self, id: &str, offset: Option<usize>) {
        match offset {
            Some(o) => {
                self.state.positions.insert(id.to_string(), o);
            }
            None => {
                self.state.positions.remove(id);
            }
        }
    }

    /// Write the state to its file, if it has one, merged with what other
    /// readers saved since this one loaded or saved it; the merged state
    /// becomes this reader's.
    pub fn save(&mut self) -> Result<(), String> {
        let Some(f) = self.file.as_deref_mut() else {
            return Ok(());
        };
        let merged = f.save_merged(&self.base, &self.state)?;
        self.state = merged.clone();
        self.base = merged;
        Ok(())
    }
}

impl App {
    /// Use `file` for the reading memory: load it now (a problem with it is
    /// reported in the status bar) and save to it on [`App::save_state`].
    pub fn attach_state(&mut self, mut file: impl StateKeeper + 'static) {
        match file.load() {
            Ok(state) => {
                self.memory.base = state.clone();
                self.memory.state = state;
            }
            Err(e) => self.problems.push(e),
        }
        self.memory.file = Some(Box::new(file));
        self.restore_widths();
        self.refresh();
        self.restore();
    }

    /// Save the reading memory; problems are reported in the status bar and
    /// the log, not fatal.
    pub fn save_state(&mut self) {
        if let Err(e) = self.save_state_or_say() {
            self.message = Some(e);
        }
    }

    /// Save the reading memory; a problem is logged and returned as a
    /// message for the user (at quit, the caller prints it once the screen
    /// is given back).
    pub fn save_state_or_say(&mut self) -> Result<(), String> {
        self.remember_position();
        if !self.corpus.is_empty() {
            self.memory.state.last_doc = Some(self.corpus.doc(self.reader.doc).id.to_string());
        }
        self.memory.state.selected_entity = self
            .selected
            .map(|id| self.index.entity(id).name.to_string());
        self.memory.save().map_err(|e| {
            tracing::error!("could not save the reading state: {e}");
            format!("could not save the reading state: {e}")
        })
    }

    /// Note the open article's scroll position.
    pub fn remember_position(&mut self) {
        if self.corpus.is_empty() || !self.reader.is_wrapped() {
            return;
        }
        let id = &self.corpus.doc(self.reader.doc).id;
        self.memory.note_position(id, self.reader.scrolled_to());
    }

    /// Reopen the remembered article at its position once it has loaded, and
    /// reselect the remembered entity once the index is there.
    pub fn restore(&mut self) {
        if !self.memory.restored
            && let Some(last) = self.memory.state.last_doc.clone()
            && let Some(doc) = self.corpus.find(&last)
        {
            self.memory.restored = true;
            self.open(doc);
            if let Some(&offset) = self.memory.state.positions.get(&last) {
                self.reader.scroll = self.reader.wrapped.row_of(offset);
                self.clamp();
            }
        }
        if self.selected.is_none()
            && self.progress.done
            && let Some(name) = self.memory.state.selected_entity.clone()
        {
            self.selected = self.index.find(&name);
            self.rebuild_sidebar();
            self.clamp();
        }
    }

    /// Whether an article has been read.
    pub fn is_read(&self, doc: DocId) -> bool {
        self.memory.is_read(&self.corpus.doc(doc).id)
    }

    /// Set or remove a bookmark at the cursor, or at the top of the view.
    pub fn toggle_bookmark(&mut self) {
        if self.corpus.is_empty() {
            return;
        }
        let d = self.corpus.doc(self.reader.doc);
        let offset = match &self.reader.cursor {
            Some(Cursor { doc, range }) if *doc == self.reader.doc => range.start,
            _ => self.reader.top(),
        };
        let line = d.line_at(offset).trim();
        let label: String = line.chars().take(80).collect();
        let set = self.memory.state.toggle_bookmark(Bookmark {
            doc: d.id.to_string(),
            offset,
            label,
        });
        self.message = Some(
            if set {
                "bookmark set (B lists them)"
            } else {
                "bookmark removed"
            }
            .into(),
        );
        self.save_state();
    }

    /// Open the bookmarks list.
    pub fn open_bookmarks(&mut self) {
        let n = self.memory.state.bookmarks.len();
        if n == 0 {
            self.message = Some("no bookmarks yet: b sets one".into());
            return;
        }
        self.bookmarks.clamp(n, self.area.height as usize);
        self.mode = Mode::Bookmarks;
    }

    /// Move the bookmarks list's selection.
    pub(super) fn move_in_bookmarks(&mut self, delta: isize) {
        let n = self.memory.state.bookmarks.len();
        let last = n.saturating_sub(1) as isize;
        self.bookmarks.selected = (self.bookmarks.selected as isize)
            .saturating_add(delta)
            .clamp(0, last) as usize;
        let h = self.area.height.saturating_sub(4) as usize;
        self.bookmarks.clamp(n, h);
    }

    /// Go to the highlighted bookmark.
    pub fn goto_bookmark(&mut self) {
        self.mode = Mode::Normal;
        let Some(b) = self
            .memory
            .state
            .bookmarks
            .get(self.bookmarks.selected)
            .cloned()
        else {
            return;
        };
        let Some(doc) = self.corpus.find(&b.doc) else {
            self.message = Some(format!("“{}” is not in this corpus any more", b.doc));
            return;
        };
        self.note_jump();
        self.open(doc);
        let end = self.corpus.doc(doc).text.len();
        let offset = b.offset.min(end);
        let row = self.reader.wrapped.row_of(offset);
        self.reader.scroll = row;
        self.clamp();
    }

    /// Delete the highlighted bookmark.
    pub fn delete_bookmark(&mut self) {
        let marks = &mut self.memory.state.bookmarks;
        if self.bookmarks.selected < marks.len() {
            marks.remove(self.bookmarks.selected);
            let n = marks.len();
            self.bookmarks.clamp(n, self.area.height as usize);
            self.save_state();
        }
        if self.memory.state.bookmarks.is_empty() {
            self.mode = Mode::Normal;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_positions_are_noted() {
        let mut m = Memory::default();
        assert!(!m.is_read("a"));
        m.mark_read("a");
        m.mark_read("a");
        assert!(m.is_read("a"));
        assert_eq!(m.state.read.len(), 1);
        m.note_position("a", Some(120));
        assert_eq!(m.state.positions.get("a"), Some(&120));
        m.note_position("a", None);
        assert!(m.state.positions.is_empty(), "the top is not remembered");
        assert!(m.save().is_ok(), "no file: nothing to save");
    }

    #[test]
    fn saving_writes_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = crate::reading_memory::StateFile::in_dir(dir.path(), &[]);
        let mut m = Memory {
            file: Some(Box::new(file.clone())),
            ..Memory::default()
        };
        m.mark_read("b");
        m.save().unwrap();
        assert_eq!(file.load().unwrap(), m.state);
    }
}
