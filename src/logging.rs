//! The log: `tracing` events written to `dossier.log` in the state
//! directory, never to the screen (the reader owns the terminal).
//!
//! The level comes from `--log-level`, else `DOSSIER_LOG`, else `warn`.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tracing::level_filters::LevelFilter;

/// The name of the log file in the state directory.
pub const FILE_NAME: &str = "dossier.log";

/// The environment variable that sets the level when `--log-level` does not.
pub const ENV_VAR: &str = "DOSSIER_LOG";

/// A log file larger than this is moved to `dossier.log.old` (replacing the
/// one before), at start and while running: the log never takes more than
/// about twice this.
pub const ROTATE_BYTES: u64 = 8 * 1024 * 1024;

/// How much to log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Level {
    /// Nothing at all.
    Off,
    /// Failures only.
    Error,
    /// Failures and problems (bad config, skipped files): the default.
    Warn,
    /// Also what was loaded and how long it took.
    Info,
    /// Also details for debugging.
    Debug,
    /// Everything.
    Trace,
}

impl Level {
    /// Read a level name (`warn`, `INFO`, …).
    pub fn parse(s: &str) -> Option<Level> {
        use clap::ValueEnum;
        Level::from_str(s.trim(), true).ok()
    }

    fn filter(self) -> LevelFilter {
        match self {
            Level::Off => LevelFilter::OFF,
            Level::Error => LevelFilter::ERROR,
            Level::Warn => LevelFilter::WARN,
            Level::Info => LevelFilter::INFO,
            Level::Debug => LevelFilter::DEBUG,
            Level::Trace => LevelFilter::TRACE,
        }
    }
}

/// The level to use: the flag, else `env` (the value of `DOSSIER_LOG`),
/// else `warn`. A bad `env` value is returned as the second part, to be
/// logged.
pub fn choose(flag: Option<Level>, env: Option<&str>) -> (Level, Option<String>) {
    if let Some(l) = flag {
        return (l, None);
    }
    match env.map(str::trim).filter(|v| !v.is_empty()) {
        None => (Level::Warn, None),
        Some(v) => match Level::parse(v) {
            Some(l) => (l, None),
            None => (
                Level::Warn,
                Some(format!(
                    "{ENV_VAR}={v} is not a level; use off, error, warn, info, debug or trace"
                )),
            ),
        },
    }
}

/// Where the log is written.
pub fn path() -> Option<PathBuf> {
    crate::dirs::state_dir().map(|d| d.join(FILE_NAME))
}

fn open(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    if std::fs::metadata(path).is_ok_and(|m| m.len() > ROTATE_BYTES) {
        let _ = std::fs::rename(path, path.with_extension("log.old"));
    }
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    {
        // A FIFO put in its place must not block the start.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other("the log is not a regular file"));
    }
    Ok(file)
}

/// The log file, rotated to `.old` whenever it grows past [`ROTATE_BYTES`].
struct Capped {
    path: PathBuf,
    file: Option<File>,
    size: u64,
    limit: u64,
}

impl Capped {
    fn new(path: &Path, file: File, limit: u64) -> Capped {
        let size = file.metadata().map_or(0, |m| m.len());
        Capped {
            path: path.to_path_buf(),
            file: Some(file),
            size,
            limit,
        }
    }
}

impl io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.size > self.limit {
            self.file = None;
            let _ = std::fs::rename(&self.path, self.path.with_extension("log.old"));
            self.file = open(&self.path).ok();
            self.size = 0;
        }
        match &mut self.file {
            Some(f) => {
                let n = f.write(buf)?;
                self.size += n as u64;
                Ok(n)
            }
            // Cannot log any more: drop the line rather than fail.
            None => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().map_or(Ok(()), io::Write::flush)
    }
}

/// Start logging to `path` at `level`. Returns the path on success; logging
/// stays off (and nothing is printed) when the file cannot be opened.
pub fn init_at(path: &Path, level: Level) -> Option<PathBuf> {
    if level == Level::Off {
        return None;
    }
    let file = open(path).ok()?;
    tracing_subscriber::fmt()
        .with_writer(Mutex::new(Capped::new(path, file, ROTATE_BYTES)))
        .with_ansi(false)
        .with_target(false)
        .with_max_level(level.filter())
        .try_init()
        .ok()?;
    Some(path.to_path_buf())
}

/// Start logging to the state directory at the level from `flag` or
/// `DOSSIER_LOG`.
pub fn init(flag: Option<Level>) -> Option<PathBuf> {
    let env = std::env::var(ENV_VAR).ok();
    let (level, bad_env) = choose(flag, env.as_deref());
    let at = init_at(&path()?, level)?;
    if let Some(msg) = bad_env {
        tracing::warn!("{msg}");
    }
    tracing::info!(
        "dossier {} started (log level {level:?})",
        env!("CARGO_PKG_VERSION")
    );
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_then_the_variable_then_warn() {
        assert_eq!(
            choose(Some(Level::Debug), Some("error")),
            (Level::Debug, None)
        );
        assert_eq!(choose(None, Some("INFO")), (Level::Info, None));
        assert_eq!(choose(None, None), (Level::Warn, None));
        assert_eq!(choose(None, Some("")), (Level::Warn, None));
        let (level, bad) = choose(None, Some("loud"));
        assert_eq!(level, Level::Warn);
        assert!(bad.unwrap().contains("DOSSIER_LOG=loud is not a level"));
    }

    #[test]
    fn the_log_is_rotated_while_running() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let mut log = Capped::new(&path, open(&path).unwrap(), 1000);
        for _ in 0..100 {
            log.write_all(&[b'x'; 99]).unwrap();
            log.write_all(b"\n").unwrap();
        }
        log.flush().unwrap();
        let size = |p: &Path| std::fs::metadata(p).unwrap().len();
        assert!(size(&path) <= 1100, "{}", size(&path));
        assert!(size(&path.with_extension("log.old")) <= 1100);
    }
}
