//! Writing user files so that a crash or a kill never leaves a half-written
//! file: write a temporary file beside the target, fsync it, rename it over the
//! target, and fsync the folder.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replace `path` with `bytes` atomically, creating its folder if needed.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Move a corrupt file aside (to `NAME.corrupt-<unix seconds>`) so that it is
/// kept for the user but no longer read; returns where it went.
pub fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".corrupt-{secs}"));
    let to = path.with_file_name(name);
    fs::rename(path, &to)?;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_and_sets_aside() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/state.toml");
        write(&p, b"one").unwrap();
        write(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let leftovers: Vec<_> = fs::read_dir(p.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files left");
        let aside = set_aside(&p).unwrap();
        assert!(!p.exists() && aside.exists());
    }
}
/// An advisory lock held on `<file>.lock` beside a user file while it is
/// read, changed and written back, so that two dossier processes changing
/// the same file one after the other never lose each other's changes.
/// Released on drop. Advisory: only dossier honours it.
#[derive(Debug)]
pub struct Lock {
    _file: Option<File>,
}

impl Lock {
    /// Wait for the exclusive lock of `path` (at most a few seconds; after
    /// that, or when the lock file cannot be made, go on without it: a
    /// stale or foreign lock must never keep the user's state from being
    /// saved).
    pub fn exclusive(path: &Path) -> Lock {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        let lock = path.with_file_name(name);
        if let Some(dir) = lock.parent() {
            let _ = fs::create_dir_all(dir);
        }
        let mut options = fs::OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC);
        }
        let Ok(file) = options.open(&lock) else {
            return Lock { _file: None };
        };
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            return Lock { _file: None };
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            match file.try_lock() {
                Ok(()) => return Lock { _file: Some(file) },
                Err(fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(_) => return Lock { _file: None },
            }
        }
    }
}

