//! The embedded mode's side of [`super::reader`]: corrections in the
//! corrections file ([`FileCorrections`]), the reading state in its state
//! file ([`crate::reading_memory::StateFile`]); searches scan the texts
//! ([`super::reader::Literal`]).

use super::reader::{Change, CorrectionLog, LogEvent, StateKeeper, UndoToken};
use crate::entity::link::corrections::Corrections;
use crate::reading_memory::{ReadingState, StateFile};
use std::path::PathBuf;

/// The corrections file: each correction read, changed and written under
/// a lock (so one another reader of the same configuration saves at the
/// same moment is kept), atomically.
#[derive(Debug, Clone)]
pub struct FileCorrections {
    /// The file.
    pub path: PathBuf,
    /// Problems met reading it (a corrupt file is set aside), not yet said.
    pub problems: Vec<String>,
}

impl FileCorrections {
    /// The corrections file at `path`.
    pub fn new(path: PathBuf) -> FileCorrections {
        FileCorrections {
            path,
            problems: Vec::new(),
        }
    }
}

impl CorrectionLog for FileCorrections {
    fn describe(&self) -> String {
        format!("saved to {}", self.path.display())
    }

    fn record(&mut self, change: &Change) -> Result<(Corrections, UndoToken), String> {
        let _lock = crate::atomic::Lock::exclusive(&self.path);
        let mut corrections = match Corrections::load(&self.path) {
            Ok(c) => c,
            Err(e) => {
                self.problems.push(e.to_string());
                Corrections::default()
            }
        };
        let before = corrections.clone();
        change.apply(&mut corrections);
        corrections
            .save(&self.path)
            .map_err(|e| format!("could not save corrections: {e}"))?;
        Ok((corrections, UndoToken::Before(before)))
    }

    fn undo(&mut self, token: UndoToken) -> Result<Option<Corrections>, String> {
        let UndoToken::Before(before) = token else {
            return Err("not a correction of this file".into());
        };
        let _lock = crate::atomic::Lock::exclusive(&self.path);
        before
            .save(&self.path)
            .map_err(|e| format!("could not save corrections: {e}"))?;
        Ok(Some(before))
    }

    fn poll(&mut self) -> Vec<LogEvent> {
        Vec::new()
    }
}

impl StateKeeper for StateFile {
    fn load(&mut self) -> Result<ReadingState, String> {
        StateFile::load(self).map_err(|e| e.to_string())
    }

    fn save_merged(
        &mut self,
        base: &ReadingState,
        state: &ReadingState,
    ) -> Result<ReadingState, String> {
        StateFile::save_merged(self, base, state).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_log_saves_each_change_and_puts_the_old_file_back_on_undo() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corrections.toml");
        let mut log = FileCorrections::new(path.clone());
        let (c, token) = log
            .record(&Change::Merge {
                from: "Kim".into(),
                into: "Kim Jong-un".into(),
            })
            .unwrap();
        assert_eq!(Corrections::load(&path).unwrap(), c);
        assert_eq!(c.merge.len(), 1);
        let back = log.undo(token).unwrap().unwrap();
        assert!(back.is_empty());
        assert!(Corrections::load(&path).unwrap().is_empty());
        assert!(log.undo(UndoToken::Recorded(1)).is_err(), "not a file's");
        assert!(log.poll().is_empty());
        assert!(log.describe().contains("corrections.toml"));
    }
}
