//! The linked index file read early: from the moment a job is made, on a
//! thread of its own, while the articles are found (at a million articles,
//! finding them and reading the file each take seconds, and finding them
//! leaves the second core idle).

use super::linked_file::{self, LinkedFile};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// A read of a linked index file on a thread of its own, taken once by the
/// run it was started for. Clones share it.
#[derive(Clone, Default)]
pub struct EarlyRead(Arc<Mutex<Option<Started>>>);

/// The file a read was started for, and its thread.
type Started = (PathBuf, JoinHandle<Option<LinkedFile>>);

impl std::fmt::Debug for EarlyRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let file = self.lock().as_ref().map(|(p, _)| p.clone());
        write!(f, "EarlyRead({file:?})")
    }
}

impl EarlyRead {
    /// None: the file is read when the run needs it.
    pub fn none() -> EarlyRead {
        EarlyRead::default()
    }

    /// Start reading `file` (when it exists) and preparing it
    /// ([`LinkedFile::prepare`]).
    pub fn start(file: PathBuf) -> EarlyRead {
        if !file.is_file() {
            return EarlyRead::none();
        }
        let path = file.clone();
        let spawned = std::thread::Builder::new()
            .name("dossier-linked-read".into())
            .spawn(move || {
                crate::priority::lower_this_thread();
                read(&path)
            });
        match spawned {
            Ok(handle) => EarlyRead(Arc::new(Mutex::new(Some((file, handle))))),
            Err(_) => EarlyRead::none(),
        }
    }

    /// The read of `file` started early, if there is one and nobody took it
    /// yet. A read of another file (the job's cache directory was changed
    /// after it was made) is let go: the run reads the file it names now.
    pub fn take(&self, file: &Path) -> Option<JoinHandle<Option<LinkedFile>>> {
        let mut slot = self.lock();
        match slot.take() {
            Some((started, handle)) if started == file => Some(handle),
            // Started for another file: let it go.
            _ => None,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Started>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Read the linked index in `file` and prepare it.
fn read(file: &Path) -> Option<LinkedFile> {
    let linked = linked_file::read(file)?;
    linked.prepare();
    Some(linked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_started_early_is_taken_once_for_its_own_file_only() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("index.linked.bin");
        let other = dir.path().join("other.linked.bin");
        assert!(
            EarlyRead::start(file.clone()).take(&file).is_none(),
            "no file"
        );
        std::fs::write(&file, b"not a linked index").unwrap();
        let early = EarlyRead::start(file.clone());
        let read = early.take(&file).expect("started").join().unwrap();
        assert_eq!(read.expect("read").to_bytes(), b"not a linked index");
        assert!(early.take(&file).is_none(), "taken once");
        // Started for one file and asked for another: let go, not given.
        let early = EarlyRead::start(file.clone());
        assert!(early.clone().take(&other).is_none());
        assert!(early.take(&file).is_none());
    }
}
