//! The persistent index cache: per-file analyses kept in the XDG cache
//! directory, so that a second open of an unchanged corpus skips recognition.
//!
//! One cache file per set of opened paths. Entries are keyed by each file's
//! path, size and modification time, and the whole file by the engine's
//! version: a changed file is analysed again, a new engine ignores old caches.
//! A corrupt or foreign cache file is ignored (and replaced on the next save).

use super::pipeline::Analysis;
use crate::corpus::FileStamp;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Identifies cache files written by dossier.
const MAGIC: &str = "dossier-index-cache";

/// What the cached analyses depend on: the crate version and the format.
/// Changing recognition or linking must change this string.
pub const ENGINE_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "/analysis-2");

#[derive(Serialize, Deserialize)]
struct Stored {
    magic: String,
    engine: String,
    entries: Vec<(PathBuf, FileStamp, Analysis)>,
}

/// Cached analyses for one corpus.
#[derive(Debug, Default)]
pub struct IndexCache {
    file: Option<PathBuf>,
    entries: HashMap<PathBuf, (FileStamp, Analysis)>,
    fresh: Vec<(PathBuf, FileStamp, Analysis)>,
    hits: usize,
}

/// The cache file for a set of opened paths, in `dir`.
pub fn file_for(dir: &Path, roots: &[PathBuf]) -> PathBuf {
    let mut roots: Vec<String> = roots
        .iter()
        .map(|p| {
            fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string()
        })
        .collect();
    roots.sort();
    // FNV-1a over the joined roots: stable across runs and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in roots.join("\n").bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    dir.join(format!("index-{h:016x}.bin"))
}

impl IndexCache {
    /// Open the cache for `roots` in `dir`; an unreadable, corrupt or foreign
    /// file gives an empty cache.
    pub fn open(dir: &Path, roots: &[PathBuf]) -> IndexCache {
        let file = file_for(dir, roots);
        let entries = fs::read(&file)
            .ok()
            .and_then(|bytes| postcard::from_bytes::<Stored>(&bytes).ok())
            .filter(|s| s.magic == MAGIC && s.engine == ENGINE_VERSION)
            .map(|s| {
                s.entries
                    .into_iter()
                    .map(|(p, st, a)| (p, (st, a)))
                    .collect()
            })
            .unwrap_or_default();
        IndexCache {
            file: Some(file),
            entries,
            fresh: Vec::new(),
            hits: 0,
        }
    }

    /// The cached analysis of `path` if the file is unchanged.
    pub fn get(&self, path: &Path, stamp: FileStamp) -> Option<&Analysis> {
        self.entries
            .get(path)
            .filter(|(s, _)| *s == stamp)
            .map(|(_, a)| a)
    }

    /// Remember how many lookups hit, for reporting.
    pub fn count_hits(&mut self, n: usize) {
        self.hits += n;
    }

    /// How many analyses came from the cache.
    pub fn hits(&self) -> usize {
        self.hits
    }

    /// Record the analysis of a file for the next save.
    pub fn put(&mut self, path: PathBuf, stamp: FileStamp, analysis: Analysis) {
        self.fresh.push((path, stamp, analysis));
    }

    /// Write the cache: exactly the entries `put` since opening (files no
    /// longer in the corpus drop out). Atomic; errors are returned, not fatal.
    pub fn save(self) -> std::io::Result<()> {
        let Some(file) = self.file else {
            return Ok(());
        };
        let stored = Stored {
            magic: MAGIC.into(),
            engine: ENGINE_VERSION.into(),
            entries: self.fresh,
        };
        let bytes = postcard::to_stdvec(&stored).map_err(std::io::Error::other)?;
        crate::atomic::write(&file, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::{Kind, Recognized};

    fn analysis(n: usize) -> Analysis {
        let mention = Recognized {
            span: 0..n,
            kind: Kind::Place,
        };
        crate::entity::link::local("Bonn und Köln", &[mention])
    }

    #[test]
    fn round_trip_keyed_by_stamp_and_version() {
        let dir = tempfile::tempdir().unwrap();
        let roots = vec![PathBuf::from("/corpus")];
        let stamp = FileStamp {
            size: 10,
            mtime_ns: 5,
        };
        let mut c = IndexCache::open(dir.path(), &roots);
        assert!(c.get(Path::new("/corpus/a.txt"), stamp).is_none());
        c.put("/corpus/a.txt".into(), stamp, analysis(4));
        c.save().unwrap();
        let c = IndexCache::open(dir.path(), &roots);
        assert_eq!(
            c.get(Path::new("/corpus/a.txt"), stamp).unwrap().entities[0].mentions[0].span,
            0..4
        );
        let changed = FileStamp { size: 11, ..stamp };
        assert!(
            c.get(Path::new("/corpus/a.txt"), changed).is_none(),
            "a changed file misses"
        );
        let other = IndexCache::open(dir.path(), &[PathBuf::from("/other")]);
        assert!(
            other.get(Path::new("/corpus/a.txt"), stamp).is_none(),
            "another corpus has its own file"
        );
    }

    #[test]
    fn corrupt_and_foreign_files_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let roots = vec![PathBuf::from("/c")];
        let file = file_for(dir.path(), &roots);
        fs::write(&file, b"\xff\x00garbage").unwrap();
        let c = IndexCache::open(dir.path(), &roots);
        assert!(c.entries.is_empty());
        let foreign = Stored {
            magic: MAGIC.into(),
            engine: "0.0.0/other".into(),
            entries: vec![(
                "/c/a".into(),
                FileStamp {
                    size: 1,
                    mtime_ns: 1,
                },
                analysis(1),
            )],
        };
        fs::write(&file, postcard::to_stdvec(&foreign).unwrap()).unwrap();
        assert!(
            IndexCache::open(dir.path(), &roots).entries.is_empty(),
            "other engine versions are ignored"
        );
    }
}
