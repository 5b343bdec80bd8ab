//! What can go wrong with one path or record while a corpus loads; the
//! rest of the corpus still opens.

use super::bytes::MAX_FILE_BYTES;
use std::fmt;
use std::path::PathBuf;

/// What went wrong with one path.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// The path could not be read (missing, no permission, …).
    Unreadable(String),
    /// A folder with no `.txt` or `.md` files in it.
    NoArticles,
    /// The file is empty or only white space.
    Empty,
    /// The file holds binary data, not text.
    Binary,
    /// The file is larger than [`MAX_FILE_BYTES`].
    TooLarge(u64),
    /// A named file that is not `.txt`, `.md` or a record file.
    NotAnArticle,
    /// A record of a record file that was skipped.
    BadRecord {
        /// The 1-based line the record starts on.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// More skipped records than are listed, in one file.
    MoreBadRecords(usize),
    /// A record file in which no text field was found (the message says why).
    NoTextField(String),
    /// Something in a file that was read anyway, and how (the message says).
    Notice(String),
}

/// A problem with one path; the rest of the corpus still opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The path as given or found.
    pub path: PathBuf,
    /// What went wrong.
    pub kind: LoadErrorKind,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = super::sanitize::visible(&self.path.display().to_string());
        match &self.kind {
            LoadErrorKind::Unreadable(e) => write!(f, "{p}: cannot read: {e}"),
            LoadErrorKind::NoArticles => write!(
                f,
                "{p}: no articles (.txt, .md, .csv, .tsv, .jsonl) in this folder"
            ),
            LoadErrorKind::Empty => write!(f, "{p}: empty file, skipped"),
            LoadErrorKind::Binary => write!(f, "{p}: binary data, not text; skipped"),
            LoadErrorKind::TooLarge(n) => write!(
                f,
                "{p}: {} is larger than the {} limit; skipped",
                crate::regular_file::human_size(*n),
                crate::regular_file::human_size(MAX_FILE_BYTES)
            ),
            LoadErrorKind::NotAnArticle => write!(
                f,
                "{p}: not an article file (.txt, .md, .csv, .tsv, .jsonl); skipped"
            ),
            LoadErrorKind::BadRecord { line, message } => {
                write!(
                    f,
                    "{p}, line {line}: {}; record skipped",
                    super::sanitize::visible(message)
                )
            }
            LoadErrorKind::MoreBadRecords(n) => write!(f, "{p}: {n} more records skipped"),
            LoadErrorKind::NoTextField(m) => {
                write!(f, "{p}: {}; skipped", super::sanitize::visible(m))
            }
            LoadErrorKind::Notice(m) => write!(f, "{p}: {}", super::sanitize::visible(m)),
        }
    }
}

impl std::error::Error for LoadError {}
