//! Remembering where the user was: read marks, positions, the last article,
//! the selected entity and bookmarks, restored on the next open of the same
//! corpus.

use super::{App, Cursor, Mode};
use crate::corpus::DocId;
use crate::reading_memory::{Bookmark, StateFile};

impl App {
    /// Use `file` for the reading state: load it now (a problem with it is
    /// reported in the status bar) and save to it on [`App::save_state`].
    pub fn attach_state(&mut self, file: StateFile) {
        match file.load() {
            Ok(state) => self.reading = state,
            Err(e) => self.problems.push(e.to_string()),
        }
        self.state_file = Some(file);
        self.restore();
    }

    /// Save the reading state; problems are reported, not fatal.
    pub fn save_state(&mut self) {
        self.remember_position();
        if !self.corpus.is_empty() {
            self.reading.last_doc = Some(self.corpus.doc(self.doc).id.clone());
        }
        self.reading.selected_entity = self.selected.map(|id| self.index.entity(id).name.clone());
        if let Some(f) = &self.state_file
            && let Err(e) = f.save(&self.reading)
        {
            self.message = Some(format!("could not save the reading state: {e}"));
        }
    }

    /// Note the open article's scroll position.
    pub fn remember_position(&mut self) {
        if self.corpus.is_empty() || self.reader.wrapped_doc != Some(self.doc) {
            return;
        }
        let id = self.corpus.doc(self.doc).id.clone();
        match self.reader.wrapped.lines.get(self.reader.scroll) {
            Some(l) if self.reader.scroll > 0 => {
                self.reading.positions.insert(id, l.range.start);
            }
            _ => {
                self.reading.positions.remove(&id);
            }
        }
    }

    /// Reopen the remembered article at its position once it has loaded, and
    /// reselect the remembered entity once the index is there.
    pub fn restore(&mut self) {
        if !self.restored
            && let Some(last) = self.reading.last_doc.clone()
            && let Some(doc) = self.corpus.find(&last)
        {
            self.restored = true;
            self.open(doc);
            if let Some(&offset) = self.reading.positions.get(&last) {
                self.reader.scroll = self.reader.wrapped.row_of(offset);
                self.clamp();
            }
        }
        if self.selected.is_none()
            && self.progress.done
            && let Some(name) = self.reading.selected_entity.clone()
        {
            self.selected = self.index.find(&name);
            self.rebuild_sidebar();
            self.clamp();
        }
    }

    /// Whether an article has been read.
    pub fn is_read(&self, doc: DocId) -> bool {
        self.reading.read.contains(&self.corpus.doc(doc).id)
    }

    /// Set or remove a bookmark at the cursor, or at the top of the view.
    pub fn toggle_bookmark(&mut self) {
        if self.corpus.is_empty() {
            return;
        }
        let d = self.corpus.doc(self.doc);
        let offset = match &self.cursor {
            Some(Cursor { doc, range }) if *doc == self.doc => range.start,
            _ => self
                .reader
                .wrapped
                .lines
                .get(self.reader.scroll)
                .map_or(0, |l| l.range.start),
        };
        let line = d.line_at(offset).trim();
        let label: String = line.chars().take(80).collect();
        let set = self.reading.toggle_bookmark(Bookmark {
            doc: d.id.clone(),
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
        if self.reading.bookmarks.is_empty() {
            self.message = Some("no bookmarks yet: b sets one".into());
            return;
        }
        self.bookmarks
            .clamp(self.reading.bookmarks.len(), self.area.height as usize);
        self.mode = Mode::Bookmarks;
    }

    /// Go to the highlighted bookmark.
    pub fn goto_bookmark(&mut self) {
        self.mode = Mode::Normal;
        let Some(b) = self.reading.bookmarks.get(self.bookmarks.selected).cloned() else {
            return;
        };
        let Some(doc) = self.corpus.find(&b.doc) else {
            self.message = Some(format!("“{}” is not in this corpus any more", b.doc));
            return;
        };
        self.open(doc);
        let end = self.corpus.doc(doc).text.len();
        let offset = b.offset.min(end);
        let row = self.reader.wrapped.row_of(offset);
        self.reader.scroll = row;
        self.clamp();
    }

    /// Delete the highlighted bookmark.
    pub fn delete_bookmark(&mut self) {
        if self.bookmarks.selected < self.reading.bookmarks.len() {
            self.reading.bookmarks.remove(self.bookmarks.selected);
            self.bookmarks
                .clamp(self.reading.bookmarks.len(), self.area.height as usize);
            self.save_state();
        }
        if self.reading.bookmarks.is_empty() {
            self.mode = Mode::Normal;
        }
    }
}
