//! Keeping the index cache ([`super::cache`]) in bounds, and what `dossier
//! cache` shows and clears.
//!
//! Each set of opened paths has its files in the cache directory: the
//! per-file analyses (`index-<hash>.bin`), the linked index
//! (`index-<hash>.linked.bin`), the quotations
//! (`index-<hash>.quotes.bin`) and the word index for search
//! (`index-<hash>.words.bin`), one *entry*. Opening a corpus marks its
//! entry used (the files' modification time), then the directory is pruned:
//! - stale files go: entries not used for [`STALE_AFTER`], files of another
//!   engine version or unreadable (never read by this version) once unused
//!   for a day (another installed version may still read them), and
//!   temporary files left by an interrupted write;
//! - then, while the directory is over its size bound ([`limit`]), the
//!   least recently used entries go, never the one just opened.
//!
//! Only files dossier writes are looked at; anything else in the directory
//! is left alone.

use super::cache::{ENGINE_VERSION, MAGIC, file_for, linked_file_for};
use super::quote_cache::quotes_file_for;
use super::words::words_file_for;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The size bound when `DOSSIER_CACHE_LIMIT` is not set: 1 GiB.
pub const DEFAULT_LIMIT: u64 = 1 << 30;

/// An entry not used for this long is stale: 30 days.
pub const STALE_AFTER: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// A file of another engine version unused for this long is stale: a day.
const FOREIGN_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// A temporary file older than this was left by an interrupted write.
const TEMPORARY_AFTER: Duration = Duration::from_secs(60 * 60);

/// The size bound of the cache directory: `DOSSIER_CACHE_LIMIT` (bytes, or
/// with a suffix K, M or G, powers of 1024; `0` for no bound), else
/// [`DEFAULT_LIMIT`]. An unreadable value keeps the default.
pub fn limit() -> u64 {
    std::env::var("DOSSIER_CACHE_LIMIT")
        .ok()
        .and_then(|v| parse_size(&v))
        .unwrap_or(DEFAULT_LIMIT)
}

/// `512`, `300K`, `64M`, `2G` (also `2GB`, `2GiB`, any case) as bytes.
pub fn parse_size(text: &str) -> Option<u64> {
    let t = text.trim().to_ascii_lowercase();
    let t = t
        .strip_suffix("ib")
        .or_else(|| t.strip_suffix('b'))
        .unwrap_or(&t);
    let (number, unit) = match t.char_indices().last()? {
        (i, 'k') => (&t[..i], 1u64 << 10),
        (i, 'm') => (&t[..i], 1 << 20),
        (i, 'g') => (&t[..i], 1 << 30),
        (i, 't') => (&t[..i], 1 << 40),
        _ => (t, 1),
    };
    number.trim().parse::<u64>().ok()?.checked_mul(unit)
}

/// What a file in the cache directory is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Per-file analyses of a corpus.
    Analyses,
    /// The linked index of a corpus.
    Linked,
    /// The quotations of a corpus's articles.
    Quotes,
    /// The word index of a corpus's articles, for search.
    Words,
    /// A temporary file of a write in progress (or interrupted).
    Temporary,
}

/// One file dossier wrote in the cache directory.
#[derive(Debug, Clone)]
pub struct CacheFile {
    /// Where it is.
    pub path: PathBuf,
    /// What it is.
    pub kind: FileKind,
    /// The entry it belongs to (`index-<hash>`).
    pub entry: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// When its entry was last opened (its modification time).
    pub used: SystemTime,
    /// Whether it would be dropped as stale.
    pub stale: bool,
}

/// The files dossier wrote in `dir`, oldest first; none if `dir` does not
/// exist.
pub fn scan(dir: &Path) -> io::Result<Vec<CacheFile>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let now = SystemTime::now();
    let mut files = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some((kind, entry)) = classify(&name) else {
            continue;
        };
        let Ok(meta) = e.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let used = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        let age = now.duration_since(used).unwrap_or_default();
        let path = e.path();
        let stale = match kind {
            FileKind::Temporary => age > TEMPORARY_AFTER,
            _ => age > STALE_AFTER || (age > FOREIGN_AFTER && !current_engine(&path)),
        };
        files.push(CacheFile {
            path,
            kind,
            entry,
            bytes: meta.len(),
            used,
            stale,
        });
    }
    files.sort_by(|a, b| a.used.cmp(&b.used).then_with(|| a.path.cmp(&b.path)));
    Ok(files)
}

/// The kind and entry of a file named `name`, if dossier writes such files.
fn classify(name: &str) -> Option<(FileKind, String)> {
    if let Some(tmp) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) {
        // `.index-<hash>.bin.<pid>.tmp` (see `crate::atomic`).
        let (kind, entry) = classify(tmp.rsplit_once('.')?.0)?;
        return (kind != FileKind::Temporary).then_some((FileKind::Temporary, entry));
    }
    let rest = name.strip_prefix("index-")?;
    let (hash, kind) = if let Some(h) = rest.strip_suffix(".linked.bin") {
        (h, FileKind::Linked)
    } else if let Some(h) = rest.strip_suffix(".quotes.bin") {
        (h, FileKind::Quotes)
    } else if let Some(h) = rest.strip_suffix(".words.bin") {
        (h, FileKind::Words)
    } else {
        (rest.strip_suffix(".bin")?, FileKind::Analyses)
    };
    (!hash.is_empty() && hash.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| (kind, format!("index-{hash}")))
}

/// Whether the file at `path` was written by this engine version (only its
/// header is read).
fn current_engine(path: &Path) -> bool {
    let mut head = Vec::with_capacity(512);
    let read = fs::File::open(path).and_then(|f| f.take(512).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    // Every cache file starts with the magic and the engine version.
    postcard::take_from_bytes::<(&str, &str)>(&head)
        .is_ok_and(|((magic, engine), _)| magic == MAGIC && engine == ENGINE_VERSION)
}

/// What a cache directory holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files dossier wrote there.
    pub files: usize,
    /// Their size in bytes.
    pub bytes: u64,
    /// Entries: sets of opened paths with a cached index.
    pub entries: usize,
    /// Files that the next prune drops as stale.
    pub stale: usize,
}

/// Sum up `files` (from [`scan`]).
pub fn summarize(files: &[CacheFile]) -> Summary {
    let mut entries: Vec<&str> = files
        .iter()
        .filter(|f| f.kind != FileKind::Temporary)
        .map(|f| f.entry.as_str())
        .collect();
    entries.sort_unstable();
    entries.dedup();
    Summary {
        files: files.len(),
        bytes: files.iter().map(|f| f.bytes).sum(),
        entries: entries.len(),
        stale: files.iter().filter(|f| f.stale).count(),
    }
}

/// What a prune or a clear removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Removed {
    /// Files removed.
    pub files: usize,
    /// Their size in bytes.
    pub bytes: u64,
}

impl Removed {
    fn remove(&mut self, f: &CacheFile) {
        // Another dossier may have removed it first.
        if fs::remove_file(&f.path).is_ok() {
            self.files += 1;
            self.bytes += f.bytes;
        }
    }
}

/// Drop stale files from `dir`, then the least recently used entries while
/// it holds more than `limit` bytes (`0`: no bound); the entry named `keep`
/// (`index-<hash>`) stays whatever its size.
pub fn prune(dir: &Path, limit: u64, keep: Option<&str>) -> io::Result<Removed> {
    let mut removed = Removed::default();
    let (stale, mut files): (Vec<_>, Vec<_>) = scan(dir)?
        .into_iter()
        .partition(|f| f.stale && keep != Some(f.entry.as_str()));
    for f in &stale {
        removed.remove(f);
    }
    let mut total: u64 = files.iter().map(|f| f.bytes).sum();
    if limit == 0 || total <= limit {
        return Ok(removed);
    }
    // Entries, least recently used first (by their newest file).
    files.retain(|f| f.kind != FileKind::Temporary);
    let mut entries: Vec<(SystemTime, &str)> = Vec::new();
    for f in &files {
        match entries.iter_mut().find(|(_, e)| *e == f.entry) {
            Some((used, _)) => *used = (*used).max(f.used),
            None => entries.push((f.used, &f.entry)),
        }
    }
    entries.sort();
    for (_, entry) in entries {
        if total <= limit {
            break;
        }
        if keep == Some(entry) {
            continue;
        }
        for f in files.iter().filter(|f| f.entry == entry) {
            removed.remove(f);
            total = total.saturating_sub(f.bytes);
        }
    }
    Ok(removed)
}

/// Remove every file dossier wrote in `dir` (`dossier cache clear`).
pub fn clear(dir: &Path) -> io::Result<Removed> {
    let mut removed = Removed::default();
    for f in scan(dir)? {
        removed.remove(&f);
    }
    Ok(removed)
}

/// The entry (`index-<hash>`) of a set of opened paths.
pub fn entry_for(dir: &Path, roots: &[PathBuf]) -> String {
    file_for(dir, roots)
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

/// After a corpus at `roots` was opened with its cache in `dir` (and the
/// cache saved): mark its entry used, and prune the directory to
/// [`limit`]. Errors only cost space, and are logged.
pub fn after_open(dir: &Path, roots: &[PathBuf]) {
    let now = SystemTime::now();
    for file in [
        file_for(dir, roots),
        linked_file_for(dir, roots),
        quotes_file_for(dir, roots),
        words_file_for(dir, roots),
    ] {
        if let Ok(f) = fs::File::options().append(true).open(&file) {
            let _ = f.set_modified(now);
        }
    }
    match prune(dir, limit(), Some(&entry_for(dir, roots))) {
        Ok(r) if r.files > 0 => tracing::info!(
            "index cache: dropped {} files ({} bytes) in {}",
            r.files,
            r.bytes,
            dir.display()
        ),
        Ok(_) => {}
        Err(e) => tracing::warn!("index cache {}: {e}", dir.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Write a cache file of `size` bytes (at least its header: about 45)
    /// for this engine (or another), last used `days` ago.
    fn put(dir: &Path, name: &str, size: usize, days: u64, engine: &str) -> PathBuf {
        let path = dir.join(name);
        let mut bytes = postcard::to_stdvec(&(MAGIC, engine)).unwrap();
        bytes.resize(size.max(bytes.len()), 0);
        fs::write(&path, bytes).unwrap();
        let when = SystemTime::now() - Duration::from_secs(days * 24 * 60 * 60);
        fs::File::options()
            .append(true)
            .open(&path)
            .unwrap()
            .set_modified(when)
            .unwrap();
        path
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        n.sort();
        n
    }

    #[test]
    fn sizes_parse_with_suffixes() {
        assert_eq!(parse_size("512"), Some(512));
        assert_eq!(parse_size("300K"), Some(300 << 10));
        assert_eq!(parse_size("64m"), Some(64 << 20));
        assert_eq!(parse_size("2GiB"), Some(2 << 30));
        assert_eq!(parse_size("2 GB"), Some(2 << 30));
        assert_eq!(parse_size("0"), Some(0));
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size(""), None);
    }

    #[test]
    fn only_dossier_files_are_seen_and_grouped_into_entries() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        put(d, "index-00aa.bin", 100, 0, ENGINE_VERSION);
        put(d, "index-00aa.linked.bin", 50, 0, ENGINE_VERSION);
        put(d, "index-00aa.quotes.bin", 50, 0, ENGINE_VERSION);
        put(d, "index-00aa.words.bin", 50, 0, ENGINE_VERSION);
        put(d, "index-00bb.bin", 60, 2, "0.0.0/old");
        put(d, "index-00cc.bin", 70, 0, "0.0.0/old"); // perhaps in use
        put(d, ".index-00bb.bin.42.tmp", 80, 0, ENGINE_VERSION);
        fs::write(d.join("notes.txt"), "mine").unwrap();
        fs::write(d.join("index-zz.bin"), "not ours").unwrap();
        let files = scan(d).unwrap();
        assert_eq!(files.len(), 7, "{files:?}");
        assert_eq!(
            files.iter().filter(|f| f.kind == FileKind::Words).count(),
            1
        );
        let s = summarize(&files);
        assert_eq!(
            s,
            Summary {
                files: 7,
                bytes: 460,
                entries: 3,
                stale: 1,
            },
            "another engine's file unused for a day is stale; a fresh temporary is not"
        );
        assert_eq!(
            clear(d).unwrap(),
            Removed {
                files: 7,
                bytes: 460
            }
        );
        assert_eq!(
            names(d),
            ["index-zz.bin", "notes.txt"],
            "others' files stay"
        );
        assert!(scan(&d.join("missing")).unwrap().is_empty());
    }

    #[test]
    fn prune_drops_stale_then_least_recently_used_entries() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        put(d, "index-0001.bin", 400, 40, ENGINE_VERSION); // unused 40 days
        put(d, "index-0002.bin", 300, 3, ENGINE_VERSION);
        put(d, "index-0002.linked.bin", 100, 3, ENGINE_VERSION);
        put(d, "index-0003.bin", 300, 2, ENGINE_VERSION);
        put(d, "index-0004.bin", 300, 5, ENGINE_VERSION); // oldest, but kept
        put(d, ".index-0003.bin.7.tmp", 100, 1, ENGINE_VERSION); // left over
        let r = prune(d, 700, Some("index-0004")).unwrap();
        assert_eq!(
            names(d),
            ["index-0003.bin", "index-0004.bin"],
            "stale ones, then the least recently used entry (both its files)"
        );
        assert_eq!(
            r,
            Removed {
                files: 4,
                bytes: 900
            }
        );
        // Within the bound, nothing more goes; 0 means no bound.
        assert_eq!(prune(d, 600, None).unwrap().files, 0);
        assert_eq!(prune(d, 0, None).unwrap().files, 0);
        assert_eq!(prune(d, 599, None).unwrap().files, 1);
        assert_eq!(names(d), ["index-0003.bin"]);
    }

    #[test]
    fn after_open_marks_the_entry_used() {
        let dir = tempfile::tempdir().unwrap();
        let roots = [PathBuf::from("/some/corpus")];
        let file = file_for(dir.path(), &roots);
        let name = file.file_name().unwrap().to_str().unwrap().to_string();
        put(dir.path(), &name, 10, 40, ENGINE_VERSION);
        assert!(scan(dir.path()).unwrap()[0].stale);
        after_open(dir.path(), &roots);
        let files = scan(dir.path()).unwrap();
        assert_eq!(files.len(), 1, "the entry just opened stays");
        assert!(!files[0].stale, "and is fresh again");
    }
}
