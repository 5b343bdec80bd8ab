//! The reading memory: what dossier remembers of how you read each corpus,
//! so that the next open picks up where you left off: which articles were
//! read, bookmarks, the last article with its position, and the selected
//! entity. (Not the application state: that is [`crate::app`], which keeps
//! this memory in [`crate::app::App`] while the reader runs and saves it on
//! the way out.)
//!
//! Kept as TOML in the XDG state directory (hence [`ReadingState`] and
//! [`StateFile`]), one file per set of opened paths, written atomically; a
//! corrupt file is reported and set aside, never silently dropped.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// A bookmark: a place in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// The document id.
    pub doc: String,
    /// Byte offset of the marked place.
    pub offset: usize,
    /// A line of context to show in the bookmarks list.
    pub label: String,
}

/// What is remembered about one corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingState {
    /// The article open when the reader was left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_doc: Option<String>,
    /// The selected entity's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_entity: Option<String>,
    /// Articles read, by id.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub read: BTreeSet<String>,
    /// Where each article was scrolled to: byte offset of its top line.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub positions: BTreeMap<String, usize>,
    /// Bookmarks in the order they were made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bookmarks: Vec<Bookmark>,
    /// The article list's width, as last set with the widen / narrow keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_width: Option<u16>,
    /// The entity sidebar's width, as last set with the widen / narrow keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sidebar_width: Option<u16>,
}

impl ReadingState {
    /// Merge what this reader changed since it loaded `base` (its state is
    /// `self`) into `theirs`, the state another reader saved meanwhile:
    /// read marks, positions and bookmarks added or removed here are added
    /// or removed there, everything else of theirs is kept. The last
    /// article and the selected entity are ours if we changed them.
    pub fn merged_into(&self, base: &ReadingState, mut theirs: ReadingState) -> ReadingState {
        for id in self.read.difference(&base.read) {
            theirs.read.insert(id.clone());
        }
        for id in base.read.difference(&self.read) {
            theirs.read.remove(id);
        }
        for (id, &at) in &self.positions {
            if base.positions.get(id) != Some(&at) {
                theirs.positions.insert(id.clone(), at);
            }
        }
        for id in base.positions.keys() {
            if !self.positions.contains_key(id) {
                theirs.positions.remove(id);
            }
        }
        let same = |a: &Bookmark, b: &Bookmark| a.doc == b.doc && a.offset == b.offset;
        theirs.bookmarks.retain(|b| {
            !base.bookmarks.iter().any(|x| same(x, b)) || self.bookmarks.iter().any(|x| same(x, b))
        });
        for b in &self.bookmarks {
            if !base.bookmarks.iter().any(|x| same(x, b))
                && !theirs.bookmarks.iter().any(|x| same(x, b))
            {
                theirs.bookmarks.push(b.clone());
            }
        }
        if self.last_doc != base.last_doc || theirs.last_doc.is_none() {
            theirs.last_doc.clone_from(&self.last_doc);
        }
        if self.selected_entity != base.selected_entity {
            theirs.selected_entity.clone_from(&self.selected_entity);
        }
        if self.list_width != base.list_width {
            theirs.list_width = self.list_width;
        }
        if self.sidebar_width != base.sidebar_width {
            theirs.sidebar_width = self.sidebar_width;
        }
        theirs
    }

    /// Add a bookmark, or remove it if one is at the same place; returns
    /// whether it is now set.
    pub fn toggle_bookmark(&mut self, b: Bookmark) -> bool {
        if let Some(i) = self
            .bookmarks
            .iter()
            .position(|x| x.doc == b.doc && x.offset == b.offset)
        {
            self.bookmarks.remove(i);
            false
        } else {
            self.bookmarks.push(b);
            true
        }
    }
}

/// Why the state file could not be used.
#[derive(Debug)]
pub enum StateError {
    /// The file was not valid; it has been moved aside.
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What was wrong, with the line.
        message: String,
        /// Where it was moved.
        set_aside: Option<PathBuf>,
    },
    /// Reading or writing failed.
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        error: std::io::Error,
    },
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateError::Corrupt {
                path,
                message,
                set_aside,
            } => {
                write!(f, "{}: {message}", path.display())?;
                match set_aside {
                    Some(p) => write!(f, " (kept as {}; starting afresh)", p.display()),
                    None => write!(f, " (starting afresh)"),
                }
            }
            StateError::Io { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for StateError {}

/// The state file of one corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateFile {
    /// Its path.
    pub path: PathBuf,
}

impl StateFile {
    /// The state file for a corpus opened from `roots` (the bundled reports
    /// when empty), in `dir`.
    pub fn in_dir(dir: &Path, roots: &[PathBuf]) -> StateFile {
        let name = if roots.is_empty() {
            "bundled".to_string()
        } else {
            let cache_name = crate::ingest::cache::file_for(dir, roots);
            let stem = cache_name
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            stem.replace("index-", "corpus-")
        };
        StateFile {
            path: dir.join("corpora").join(format!("{name}.toml")),
        }
    }

    /// The state file for `roots` in the user's state directory.
    pub fn for_corpus(roots: &[PathBuf]) -> Option<StateFile> {
        crate::dirs::state_dir().map(|d| StateFile::in_dir(&d, roots))
    }

    /// Read the state; a missing file is an empty state, a corrupt one is
    /// moved aside and reported.
    pub fn load(&self) -> Result<ReadingState, StateError> {
        // Only a regular file, without blocking: a FIFO put in its place
        // used to hang the reader before its first frame.
        let text = match crate::regular_file::read_if_exists(
            &self.path,
            crate::regular_file::USER_FILE_LIMIT,
        ) {
            Ok(Some(t)) => t,
            Ok(None) => return Ok(ReadingState::default()),
            Err(error) => {
                return Err(StateError::Io {
                    path: self.path.clone(),
                    error,
                });
            }
        };
        let parsed = std::str::from_utf8(&text)
            .map_err(|_| "not UTF-8 text".to_string())
            .and_then(|t| {
                toml::from_str::<ReadingState>(t).map_err(|e| e.to_string().trim().to_string())
            });
        parsed.map_err(|message| StateError::Corrupt {
            path: self.path.clone(),
            message,
            set_aside: crate::atomic::set_aside(&self.path).ok(),
        })
    }

    /// Save `state`, which was `base` when this reader loaded it (or last
    /// saved), merged with what other readers saved meanwhile: under an
    /// advisory lock, the file is read again, this reader's changes since
    /// `base` are applied to it, and the result is written atomically and
    /// returned (the new base). A corrupt file on disk is set aside and
    /// counts as empty.
    pub fn save_merged(
        &self,
        base: &ReadingState,
        state: &ReadingState,
    ) -> Result<ReadingState, StateError> {
        let _lock = crate::atomic::Lock::exclusive(&self.path);
        let theirs = match self.load() {
            Ok(s) => s,
            Err(StateError::Corrupt { .. }) => ReadingState::default(),
            Err(e) => return Err(e),
        };
        let merged = state.merged_into(base, theirs);
        self.save(&merged)?;
        Ok(merged)
    }

    /// Write the state atomically, as it is (see [`StateFile::save_merged`]
    /// to keep what other readers saved).
    pub fn save(&self, state: &ReadingState) -> Result<(), StateError> {
        let io = |error| StateError::Io {
            path: self.path.clone(),
            error,
        };
        let text = toml::to_string(state).map_err(|e| io(std::io::Error::other(e)))?;
        crate::atomic::write(&self.path, text.as_bytes()).map_err(io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ReadingState {
        let mut s = ReadingState {
            last_doc: Some("b".into()),
            selected_entity: Some("Anna Berger".into()),
            ..ReadingState::default()
        };
        s.read.insert("a".into());
        s.positions.insert("b".into(), 120);
        assert!(s.toggle_bookmark(Bookmark {
            doc: "a".into(),
            offset: 40,
            label: "Die „Ministerin“ sagte…".into(),
        }));
        s
    }

    #[test]
    fn pane_widths_set_here_win_and_others_are_kept() {
        let base = ReadingState::default();
        let theirs = ReadingState {
            list_width: Some(30),
            sidebar_width: Some(40),
            ..ReadingState::default()
        };
        let ours = ReadingState {
            sidebar_width: Some(24),
            ..ReadingState::default()
        };
        let merged = ours.merged_into(&base, theirs);
        assert_eq!(merged.list_width, Some(30), "not changed here: theirs");
        assert_eq!(merged.sidebar_width, Some(24), "changed here: ours");
        let text = toml::to_string(&merged).unwrap();
        assert!(text.contains("sidebar_width = 24"), "{text}");
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let f = StateFile::in_dir(dir.path(), &[PathBuf::from("/some/corpus")]);
        assert_eq!(
            f.load().unwrap(),
            ReadingState::default(),
            "missing file: empty state"
        );
        f.save(&sample()).unwrap();
        assert_eq!(f.load().unwrap(), sample());
        let other = StateFile::in_dir(dir.path(), &[]);
        assert_ne!(other.path, f.path, "each corpus has its own file");
    }

    #[test]
    fn two_readers_saving_keep_each_others_changes() {
        let dir = tempfile::tempdir().unwrap();
        let f = StateFile::in_dir(dir.path(), &[]);
        f.save(&sample()).unwrap();
        // Both readers open the same state.
        let base = f.load().unwrap();
        let (mut one, mut two) = (base.clone(), base.clone());
        let mark = |doc: &str, offset| Bookmark {
            doc: doc.into(),
            offset,
            label: String::new(),
        };
        one.toggle_bookmark(mark("x", 1));
        one.read.insert("x".into());
        one.positions.insert("x".into(), 10);
        two.toggle_bookmark(mark("y", 2));
        two.read.insert("y".into());
        two.toggle_bookmark(base.bookmarks[0].clone()); // removed by two
        two.last_doc = Some("y".into());
        // One saves, then two (the last to quit used to win outright).
        let base_one = f.save_merged(&base, &one).unwrap();
        assert_eq!(base_one, one);
        let saved = f.save_merged(&base, &two).unwrap();
        assert_eq!(f.load().unwrap(), saved);
        let docs: Vec<&str> = saved.bookmarks.iter().map(|b| b.doc.as_str()).collect();
        assert_eq!(docs, ["x", "y"], "both new bookmarks, the removed one gone");
        assert!(saved.read.contains("x") && saved.read.contains("y") && saved.read.contains("a"));
        assert_eq!(saved.positions.get("x"), Some(&10));
        assert_eq!(saved.positions.get("b"), Some(&120));
        assert_eq!(saved.last_doc.as_deref(), Some("y"));
        // One saves again (say, at quit), having changed nothing since.
        let again = f.save_merged(&base_one, &one).unwrap();
        assert_eq!(again, saved, "nothing of two's is lost");
    }

    #[test]
    fn toggling_a_bookmark_twice_removes_it() {
        let mut s = sample();
        let b = s.bookmarks[0].clone();
        assert!(!s.toggle_bookmark(b));
        assert!(s.bookmarks.is_empty());
    }

    #[test]
    fn corrupt_file_is_reported_and_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let f = StateFile::in_dir(dir.path(), &[]);
        std::fs::create_dir_all(f.path.parent().unwrap()).unwrap();
        std::fs::write(&f.path, "read = [\"a\"\nlast_doc = 3\n").unwrap();
        let err = f.load().unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("line") || msg.contains("TOML"), "{msg}");
        assert!(!f.path.exists(), "moved aside");
        let StateError::Corrupt {
            set_aside: Some(p), ..
        } = err
        else {
            panic!("corrupt")
        };
        assert!(
            std::fs::read_to_string(p).unwrap().contains("last_doc"),
            "kept, not dropped"
        );
        assert_eq!(f.load().unwrap(), ReadingState::default());
        std::fs::write(&f.path, "unknown_key = 1\n").unwrap();
        assert!(f.load().unwrap_err().to_string().contains("unknown"));
    }
}
