//! The persistent index cache: per-file analyses kept in the XDG cache
//! directory, so that a second open of an unchanged corpus skips recognition.
//!
//! One cache file per set of opened paths. Entries are keyed by each file's
//! path, size, modification time and a hash of its text (a file rewritten
//! with the same size and time is analysed again), and the whole file by the engine's
//! version: a changed file is analysed again, a new engine ignores old caches.
//! A corrupt or foreign cache file is ignored (and replaced on the next save).
//!
//! Beside it, a second file keeps the linked index of the whole corpus as last
//! built ([`super::linked_file`], read in place), keyed by every file's path
//! and stamp in corpus order and by the user's corrections ([`corpus_key`]):
//! an unchanged corpus opens without linking again.

use crate::corpus::FileStamp;
use crate::entity::pipeline::Analysis;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Identifies cache files written by dossier.
pub(crate) const MAGIC: &str = "dossier-index-cache";

/// What the cached analyses depend on: the crate version and a hash, taken
/// at build time, of the engine's source and data (`src/entity`,
/// `src/corpus`, `src/ingest`, the model, lexicons and linking tables; see
/// `build.rs`).
/// Any change to recognition or linking gives a new version, and old caches
/// are ignored.
pub const ENGINE_VERSION: &str =
    concat!(env!("CARGO_PKG_VERSION"), "/", env!("DOSSIER_ENGINE_HASH"));

#[derive(Serialize, Deserialize)]
struct Stored {
    magic: String,
    engine: String,
    entries: Vec<(PathBuf, FileStamp, Analysis)>,
}

/// The same layout as [`Stored`], borrowed, to save without copying.
#[derive(Serialize)]
#[serde(bound = "Streamed<I>: Serialize")]
struct StoredRef<'a, I> {
    magic: &'a str,
    engine: &'a str,
    entries: Streamed<I>,
}

/// Entries encoded as a sequence as they come: the entries of a large
/// corpus are never gathered in a list (96 MB at a million articles,
/// beside linking). `len` is how many `entries` gives.
struct Streamed<I> {
    entries: std::cell::RefCell<Option<I>>,
    len: usize,
}

impl<'a, I: Iterator<Item = (&'a Path, FileStamp, &'a Analysis)>> Serialize for Streamed<I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let entries = self
            .entries
            .borrow_mut()
            .take()
            .ok_or_else(|| S::Error::custom("the entries were encoded already"))?;
        let mut seq = s.serialize_seq(Some(self.len))?;
        let mut n = 0;
        for e in entries {
            n += 1;
            if n > self.len {
                break;
            }
            seq.serialize_element(&e)?;
        }
        if n != self.len {
            return Err(S::Error::custom("other entries than were counted"));
        }
        seq.end()
    }
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

/// The file holding the linked index for a set of opened paths, in `dir`.
pub fn linked_file_for(dir: &Path, roots: &[PathBuf]) -> PathBuf {
    file_for(dir, roots).with_extension("linked.bin")
}

/// FNV-1a, continued from `h`.
pub(crate) fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// What a linked index depends on: every document's path and stamp in corpus
/// order, and the user's corrections file (its bytes). `None` when a document
/// has no stamp (it cannot be checked for changes).
pub fn corpus_key<'a>(
    docs: impl IntoIterator<Item = (&'a Path, Option<FileStamp>)>,
    corrections: &[u8],
) -> Option<u64> {
    let mut h = fnv(0xcbf2_9ce4_8422_2325, ENGINE_VERSION.as_bytes());
    for (path, stamp) in docs {
        let stamp = stamp?;
        h = fnv(h, path.as_os_str().as_encoded_bytes());
        h = fnv(h, &[0]);
        h = fnv(h, &stamp.size.to_le_bytes());
        h = fnv(h, &stamp.mtime_ns.to_le_bytes());
        h = fnv(h, &stamp.hash.to_le_bytes());
    }
    h = fnv(h, &(corrections.len() as u64).to_le_bytes());
    Some(fnv(h, corrections))
}

/// Cache files larger than this are not read (and are replaced on the next
/// save): every length inside a cache file is bounded by the file's size, and
/// the file's size by this.
pub const MAX_CACHE_BYTES: u64 = 2 << 30;

/// Whether an analysis (from the per-document cache) fits `text`: every
/// mention lies inside it, on character boundaries.
pub fn fits(analysis: &Analysis, text: &str) -> bool {
    analysis.mentions().iter().all(|m| {
        m.start() <= m.end()
            && m.end() <= text.len()
            && text.is_char_boundary(m.start())
            && text.is_char_boundary(m.end())
    })
}

impl IndexCache {
    /// Open the cache for `roots` in `dir`; an unreadable, corrupt or foreign
    /// file gives an empty cache.
    pub fn open(dir: &Path, roots: &[PathBuf]) -> IndexCache {
        let file = file_for(dir, roots);
        let entries = crate::regular_file::read(&file, MAX_CACHE_BYTES)
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

    /// Take the cached analysis of `path` out of the cache if the file is
    /// unchanged.
    pub fn take(&mut self, path: &Path, stamp: FileStamp) -> Option<Analysis> {
        self.get(path, stamp)?;
        self.entries.remove(path).map(|(_, a)| a)
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

    /// Write the cache with exactly `entries` (files no longer in the corpus
    /// drop out), without copying them. Atomic; errors are returned, not
    /// fatal.
    /// `entries` is gone through twice: to count, then to write.
    pub fn save_entries<'a, I>(&self, entries: I) -> std::io::Result<()>
    where
        I: IntoIterator<Item = (&'a Path, FileStamp, &'a Analysis)>,
        I::IntoIter: Clone,
    {
        let Some(file) = &self.file else {
            return Ok(());
        };
        let entries = entries.into_iter();
        let stored = StoredRef {
            magic: MAGIC,
            engine: ENGINE_VERSION,
            entries: Streamed {
                len: entries.clone().count(),
                entries: std::cell::RefCell::new(Some(entries)),
            },
        };
        // Encoded straight into the file: the analyses of a large corpus
        // come to tens of megabytes.
        crate::atomic::write_with(file, |w| {
            postcard::to_io(&stored, w)
                .map(|_| ())
                .map_err(std::io::Error::other)
        })
    }

    /// Write the cache: exactly the entries `put` since opening (files no
    /// longer in the corpus drop out). Atomic; errors are returned, not fatal.
    pub fn save(self) -> std::io::Result<()> {
        self.save_entries(self.fresh.iter().map(|(p, st, a)| (p.as_path(), *st, a)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::{Kind, Recognized};

    /// A file stamp without change time and inode.
    fn stamp(size: u64, mtime_ns: i64, hash: u64) -> FileStamp {
        FileStamp {
            ctime_ns: 0,
            ino: 0,
            size,
            mtime_ns,
            hash,
        }
    }

    fn analysis(n: usize) -> Analysis {
        let mention = Recognized {
            span: 0..n,
            kind: Kind::Place,
        };
        crate::entity::link::local("Bonn und Köln", &[mention])
    }

    #[test]
    fn entries_saved_as_they_are_encoded_make_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let roots = vec![PathBuf::from("/corpus")];
        let entries = [
            (PathBuf::from("/corpus/a.txt"), stamp(10, 5, 7), analysis(4)),
            (PathBuf::from("/corpus/b.txt"), stamp(12, 6, 8), analysis(2)),
        ];
        let mut c = IndexCache::open(dir.path(), &roots);
        for (p, st, a) in &entries {
            c.put(p.clone(), *st, a.clone());
        }
        c.save().unwrap();
        let file = file_for(dir.path(), &roots);
        // The layout `open` reads, encoded whole.
        let whole = postcard::to_stdvec(&Stored {
            magic: MAGIC.into(),
            engine: ENGINE_VERSION.into(),
            entries: entries.to_vec(),
        })
        .unwrap();
        assert_eq!(fs::read(&file).unwrap(), whole);
        IndexCache::open(dir.path(), &roots)
            .save_entries(entries.iter().map(|(p, st, a)| (p.as_path(), *st, a)))
            .unwrap();
        assert_eq!(fs::read(&file).unwrap(), whole);
        let back = IndexCache::open(dir.path(), &roots);
        assert_eq!(back.get(&entries[1].0, entries[1].1), Some(&entries[1].2));
    }

    #[test]
    fn entries_streamed_are_encoded_as_a_list_and_must_be_as_many_as_counted() {
        let a = analysis(4);
        let entries = [
            (Path::new("/c/a.txt"), stamp(1, 2, 3), &a),
            (Path::new("/c/b.txt"), stamp(4, 5, 6), &a),
        ];
        let streamed = |len: usize, n: usize| Streamed {
            entries: std::cell::RefCell::new(Some(entries[..n].iter().copied())),
            len,
        };
        assert_eq!(
            postcard::to_stdvec(&streamed(2, 2)).unwrap(),
            postcard::to_stdvec(&entries.to_vec()).unwrap()
        );
        assert!(postcard::to_stdvec(&streamed(2, 1)).is_err());
        assert!(postcard::to_stdvec(&streamed(1, 2)).is_err());
        // Encoded once: the entries are gone after.
        let once = streamed(2, 2);
        assert!(postcard::to_stdvec(&once).is_ok());
        assert!(postcard::to_stdvec(&once).is_err());
    }

    #[test]
    fn round_trip_keyed_by_stamp_and_version() {
        let dir = tempfile::tempdir().unwrap();
        let roots = vec![PathBuf::from("/corpus")];
        let stamp = stamp(10, 5, 7);
        let mut c = IndexCache::open(dir.path(), &roots);
        assert!(c.get(Path::new("/corpus/a.txt"), stamp).is_none());
        c.put("/corpus/a.txt".into(), stamp, analysis(4));
        c.save().unwrap();
        let c = IndexCache::open(dir.path(), &roots);
        assert_eq!(
            c.get(Path::new("/corpus/a.txt"), stamp).unwrap().mentions()[0].span(),
            0..4
        );
        let changed = FileStamp { size: 11, ..stamp };
        assert!(
            c.get(Path::new("/corpus/a.txt"), changed).is_none(),
            "a changed file misses"
        );
        let rewritten = FileStamp { hash: 8, ..stamp };
        assert!(
            c.get(Path::new("/corpus/a.txt"), rewritten).is_none(),
            "a file with the same size and time but other text misses"
        );
        let other = IndexCache::open(dir.path(), &[PathBuf::from("/other")]);
        assert!(
            other.get(Path::new("/corpus/a.txt"), stamp).is_none(),
            "another corpus has its own file"
        );
    }

    #[test]
    fn the_corpus_key_changes_with_any_stamp_the_order_or_the_corrections() {
        let st = |size| Some(stamp(size, 9, 1));
        let docs = [Path::new("/c/a.txt"), Path::new("/c/b.txt")];
        let key = corpus_key(docs.iter().map(|p| (*p, st(1))), b"").unwrap();
        assert_eq!(
            key,
            corpus_key(docs.iter().map(|p| (*p, st(1))), b"").unwrap()
        );
        let changed = corpus_key(docs.iter().map(|p| (*p, st(2))), b"").unwrap();
        let reordered = corpus_key(docs.iter().rev().map(|p| (*p, st(1))), b"").unwrap();
        let corrected = corpus_key(docs.iter().map(|p| (*p, st(1))), b"[merge]").unwrap();
        assert!(changed != key && reordered != key && corrected != key);
        assert_eq!(corpus_key([(docs[0], None)], b""), None);
        let dir = Path::new("/cache");
        assert_eq!(
            linked_file_for(dir, &[PathBuf::from("/c")]),
            file_for(dir, &[PathBuf::from("/c")]).with_extension("linked.bin")
        );
    }

    #[test]
    fn an_entry_in_the_layout_before_the_compact_one_is_ignored() {
        // The layout analyses had before one document kept its entities'
        // mentions and keys in shared arrays: a Vec of entities, each with
        // Vecs of its own. Such a file has another engine version; under
        // this one it is ignored too, not read as garbage or a panic.
        #[derive(Serialize)]
        struct OldMention {
            span: std::ops::Range<usize>,
            surface: String,
            kind: Kind,
            inflected: bool,
        }
        #[derive(Serialize)]
        struct OldEntity {
            kind: Kind,
            mentions: Vec<OldMention>,
            keys: Vec<String>,
            stems: Vec<String>,
            surname: Vec<String>,
            family: Vec<String>,
        }
        #[derive(Serialize)]
        struct OldStored {
            magic: String,
            engine: String,
            entries: Vec<(PathBuf, FileStamp, Vec<OldEntity>)>,
        }
        let dir = tempfile::tempdir().unwrap();
        let roots = vec![PathBuf::from("/c")];
        let stamp = stamp(13, 1, 1);
        let entity = |surface: &str, at: usize, key: &str| OldEntity {
            kind: Kind::Place,
            mentions: vec![OldMention {
                span: at..at + surface.len(),
                surface: surface.into(),
                kind: Kind::Place,
                inflected: false,
            }],
            keys: vec![key.into()],
            stems: vec![],
            surname: vec![],
            family: vec![],
        };
        for engine in [ENGINE_VERSION, "0.0.0/other"] {
            let old = OldStored {
                magic: MAGIC.into(),
                engine: engine.into(),
                entries: vec![(
                    "/c/a.txt".into(),
                    stamp,
                    vec![entity("Bonn", 0, "bonn"), entity("Köln", 9, "koeln")],
                )],
            };
            fs::write(
                file_for(dir.path(), &roots),
                postcard::to_stdvec(&old).unwrap(),
            )
            .unwrap();
            let c = IndexCache::open(dir.path(), &roots);
            assert!(c.get(Path::new("/c/a.txt"), stamp).is_none(), "{engine}");
        }
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
            entries: vec![("/c/a".into(), stamp(1, 1, 1), analysis(1))],
        };
        fs::write(&file, postcard::to_stdvec(&foreign).unwrap()).unwrap();
        assert!(
            IndexCache::open(dir.path(), &roots).entries.is_empty(),
            "other engine versions are ignored"
        );
    }
}
