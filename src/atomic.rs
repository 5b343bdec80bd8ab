//! Writing user files so that a crash or a kill never leaves a half-written
//! file: write a temporary file beside the target, fsync it, rename it over the
//! target, and fsync the folder.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Where writing `path` should go: a symlink (as dotfile managers make for
/// `config.toml` or `corrections.toml`) to a regular file is followed to
/// it, so that the link stays a link and the file it points to is written.
/// A link to anything else (a device such as `/dev/zero`, a FIFO, nothing)
/// is replaced itself, never what it points to.
pub fn target_of(path: &Path) -> PathBuf {
    let followed = follow(path);
    if followed != path && fs::metadata(&followed).is_ok_and(|m| m.is_file()) {
        followed
    } else {
        path.to_path_buf()
    }
}

/// `path` with its symlinks followed (a few hops at most).
fn follow(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    // A few hops at most: a loop is written over as a plain file.
    for _ in 0..16 {
        match fs::read_link(&path) {
            Ok(to) => {
                path = match path.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                }
            }
            Err(_) => break,
        }
    }
    path
}

/// Remove temporary files that a killed dossier left in `dir`
/// (`.NAME.<pid>.tmp` whose process is gone); returns how many.
pub fn clean_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(rest) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
            continue;
        };
        let Some(pid) = rest.rsplit('.').next().and_then(|p| p.parse::<i32>().ok()) else {
            continue;
        };
        // SAFETY: signal 0 only checks whether the process exists.
        let gone = pid > 0
            && unsafe { libc::kill(pid, 0) } == -1
            && io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH);
        if gone && e.file_type().is_ok_and(|t| t.is_file()) && fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Replace `path` with `bytes` atomically, creating its folder if needed. A
/// symlink is kept: its target is replaced. An existing file keeps its
/// permissions; a new one is private to the user (`0600`, as `tempfile`
/// makes it).
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, |w| w.write_all(bytes))
}

/// Make the folder `dir` and those above it that are missing, readable and
/// writable by the user alone (whatever the umask): dossier's state, config
/// and caches are the user's own, and an index file in a folder no one else
/// may write can be read in place ([`crate::mapped`]). Folders that exist
/// are left as they are.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// [`write`] what `fill` writes, through a buffer, without holding it all in
/// memory first. When `fill` fails, the file is left as it was.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write_patched(path, |w| fill(w).map(|()| (0, Vec::new()))).map(drop)
}

/// [`write_with`], where `fill` also gives bytes to write over part of what
/// it wrote once all of it is written, and where: `(offset, bytes)` (a
/// header that sums what follows it, known only at the end). Nothing is
/// written over when `bytes` is empty; `bytes` that would not lie within
/// what `fill` wrote fail the write. Returns the bytes written over.
pub fn write_patched(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<(u64, Vec<u8>)>,
) -> io::Result<Vec<u8>> {
    let path = &target_of(path);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    // A fresh temporary name per write (`.NAME.<random>.<pid>.tmp`): two
    // threads writing the same file never share one, and a killed process's
    // leftovers are found by `clean_stale_temps`.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(&format!(".{}.tmp", std::process::id()))
        .tempfile_in(dir)?;
    let (at, patch) = {
        let mut out = io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        let patch = fill(&mut out)?;
        out.flush()?;
        patch
    };
    if !patch.is_empty() {
        use std::os::unix::fs::FileExt;
        let written = tmp.as_file().metadata()?.len();
        let fits = at
            .checked_add(patch.len() as u64)
            .is_some_and(|end| end <= written);
        if !fits {
            return Err(io::Error::other("a patch past the end of what was written"));
        }
        tmp.as_file().write_all_at(&patch, at)?;
    }
    // The file keeps the permissions it had (a private `0600` stays so).
    if let Ok(meta) = fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(patch)
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

    #[cfg(unix)]
    #[test]
    fn a_rewritten_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        write(&path, b"one").unwrap();
        for mode in [0o600, 0o644, 0o640] {
            fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
            write(&path, b"two").unwrap();
            let now = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(now, mode, "mode {mode:o} became {now:o}");
            assert_eq!(fs::read(&path).unwrap(), b"two");
        }
        let fresh = dir.path().join("new.toml");
        write(&fresh, b"x").unwrap();
        assert_eq!(
            fs::metadata(&fresh).unwrap().permissions().mode() & 0o077,
            0
        );
    }

    #[test]
    fn a_patch_is_written_over_what_was_written_and_one_past_the_end_fails() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.bin");
        write_patched(&path, |w| {
            w.write_all(b"0000body")?;
            Ok((1, b"HDR".to_vec()))
        })
        .map(|patch| assert_eq!(patch, b"HDR"))
        .unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"0HDRbody");
        // Nothing to write over: as written.
        write_patched(&path, |w| w.write_all(b"plain").map(|()| (3, Vec::new()))).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"plain");
        // A patch reaching past the end leaves the file as it was.
        for (at, patch) in [(4, b"xy".to_vec()), (u64::MAX, b"x".to_vec())] {
            let failed = write_patched(&path, |w| w.write_all(b"short").map(|()| (at, patch)));
            assert!(failed.is_err(), "patch at {at}");
            assert_eq!(fs::read(&path).unwrap(), b"plain");
        }
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn missing_folders_are_made_private_and_existing_ones_left_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let deep = dir.path().join("a/b/index.bin");
        write(&deep, b"x").unwrap();
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&dir.path().join("a/b")), 0o700);
        let shared = dir.path().join("shared");
        fs::create_dir(&shared).unwrap();
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o775)).unwrap();
        write(&shared.join("f"), b"x").unwrap();
        assert_eq!(mode(&shared), 0o775, "an existing folder keeps its mode");
    }

    #[test]
    fn threads_writing_one_file_never_share_a_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memory.toml");
        std::thread::scope(|s| {
            for t in 0..4u8 {
                let path = &path;
                s.spawn(move || {
                    for _ in 0..50 {
                        write(path, &[t; 64]).unwrap();
                    }
                });
            }
        });
        // The file is one writer's whole content, and no temporary is left.
        let bytes = fs::read(&path).unwrap();
        assert_eq!(bytes.len(), 64);
        assert!(bytes.iter().all(|&b| b == bytes[0]));
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("memory.toml")]);
    }

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

    #[test]
    fn a_streamed_write_lands_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("cache.bin");
        // More than the buffer, in many small writes.
        write_with(&p, |w| {
            for i in 0..100_000u32 {
                w.write_all(&i.to_le_bytes())?;
            }
            Ok(())
        })
        .unwrap();
        let bytes = fs::read(&p).unwrap();
        assert_eq!(bytes.len(), 400_000);
        assert_eq!(&bytes[399_996..], &99_999u32.to_le_bytes());
        // A writer that fails half way leaves the old file and no temporary.
        let failed = write_with(&p, |w| {
            w.write_all(&[7; 100_000])?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read(&p).unwrap(), bytes);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_symlink_stays_a_symlink_and_its_target_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("dotfiles/corrections.toml");
        write(&target, b"old").unwrap();
        let link = dir.path().join("corrections.toml");
        std::os::unix::fs::symlink("dotfiles/corrections.toml", &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(fs::read(&target).unwrap(), b"new");
        // A link to anything but a regular file (a device, a FIFO) is
        // replaced itself, never what it points to.
        let fifo = dir.path().join("pipe");
        crate::regular_file::make_fifo(&fifo);
        let cache = dir.path().join("index.bin");
        std::os::unix::fs::symlink(&fifo, &cache).unwrap();
        write(&cache, b"cache").unwrap();
        assert!(!fs::symlink_metadata(&cache).unwrap().is_symlink());
        assert_eq!(fs::read(&cache).unwrap(), b"cache");
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[test]
    fn temporary_files_of_killed_writers_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        // Beyond any pid_max: no such process.
        let stale = dir.path().join(".index-1.linked.bin.99999999.tmp");
        let live = dir
            .path()
            .join(format!(".index-1.bin.{}.tmp", std::process::id()));
        let other = dir.path().join("index-1.bin");
        for p in [&stale, &live, &other] {
            fs::write(p, b"x").unwrap();
        }
        assert_eq!(clean_stale_temps(dir.path()), 1);
        assert!(!stale.exists() && live.exists() && other.exists());
    }
}
