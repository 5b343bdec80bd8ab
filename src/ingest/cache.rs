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
//! built, keyed by every file's path and stamp in corpus order and by the
//! user's corrections: an unchanged corpus opens without linking again.

use crate::corpus::{DocId, FileStamp};
use crate::entity::evidence::Evidence;
use crate::entity::pipeline::Analysis;
use crate::entity::{Entity, EntityId, EntityIndex, Kind, LinkedEntity};
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
struct StoredRef<'a> {
    magic: &'a str,
    engine: &'a str,
    entries: Vec<(&'a Path, FileStamp, &'a Analysis)>,
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

#[derive(Serialize, Deserialize)]
struct StoredEntity {
    key: String,
    name: String,
    kind: Kind,
    aliases: Vec<String>,
    candidates: Vec<String>,
    evidence: Vec<Evidence>,
    /// (document, start, end) of each mention, in corpus order.
    mentions: Vec<(u32, u32, u32)>,
}

#[derive(Serialize, Deserialize)]
struct StoredLinked {
    magic: String,
    engine: String,
    key: u64,
    docs: u32,
    entities: Vec<StoredEntity>,
}

/// The bytes of a linked-index file for `index`, built over a corpus whose
/// [`corpus_key`] is `key`.
pub fn encode_linked(index: &EntityIndex, key: u64, docs: usize) -> Vec<u8> {
    let entities = index
        .entities()
        .iter()
        .enumerate()
        .map(|(i, e)| StoredEntity {
            key: e.key.clone(),
            name: e.name.clone(),
            kind: e.kind,
            aliases: e.aliases.clone(),
            candidates: e.candidates.clone(),
            evidence: e.evidence.clone(),
            mentions: index
                .mentions_of(EntityId(i as u32))
                .map(|m| (m.doc.0, m.start, m.end))
                .collect(),
        })
        .collect();
    let stored = StoredLinked {
        magic: MAGIC.into(),
        engine: ENGINE_VERSION.into(),
        key,
        docs: docs as u32,
        entities,
    };
    postcard::to_stdvec(&stored).unwrap_or_default()
}

/// Cache files larger than this are not read (and are replaced on the next
/// save): every length inside a cache file is bounded by the file's size, and
/// the file's size by this.
pub const MAX_CACHE_BYTES: u64 = 2 << 30;

/// The first fields of a linked-index file, decoded and checked before
/// anything else is.
#[derive(Deserialize)]
struct LinkedHeader {
    magic: String,
    engine: String,
    key: u64,
    docs: u32,
}

/// The bytes a linked-index file starts with: the magic, this engine's
/// version, the corpus key `key` and the document count `docs`, as
/// [`decode_linked`] reads and checks them before anything else. For tests
/// that craft cache files; dossier itself writes whole files with
/// [`encode_linked`].
#[doc(hidden)]
pub fn linked_header(key: u64, docs: u32) -> Vec<u8> {
    postcard::to_stdvec(&(MAGIC, ENGINE_VERSION, key, docs)).unwrap_or_default()
}

/// Why a cached linked index was not used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejected {
    /// Not a linked-index file of this engine (or cut short).
    #[error("not a linked index of this version")]
    Foreign,
    /// Built for another corpus or other corrections.
    #[error("built for another corpus")]
    OtherCorpus,
    /// The counts or offsets inside do not fit the corpus or the file.
    #[error("corrupt: {0}")]
    Corrupt(String),
}

/// Read a linked-index file, unparsed; `None` if it is missing, not a
/// regular file or larger than [`MAX_CACHE_BYTES`].
pub fn read_linked(file: &Path) -> Option<Vec<u8>> {
    crate::regular_file::read(file, MAX_CACHE_BYTES).ok()
}

/// The index in a linked-index file's `bytes`, if it was built for the
/// corpus whose [`corpus_key`] is `key` and whose document texts are
/// `texts`. The file is untrusted: its header (engine, key, document count)
/// is checked before anything else is decoded, every count is bounded by
/// the bytes left, and every mention must lie on character boundaries of
/// its document's text.
pub fn decode_linked(bytes: &[u8], key: u64, texts: &[&str]) -> Result<EntityIndex, Rejected> {
    let (header, rest) =
        postcard::take_from_bytes::<LinkedHeader>(bytes).map_err(|_| Rejected::Foreign)?;
    if header.magic != MAGIC || header.engine != ENGINE_VERSION {
        return Err(Rejected::Foreign);
    }
    if header.key != key {
        return Err(Rejected::OtherCorpus);
    }
    if header.docs as usize != texts.len() {
        return Err(Rejected::Corrupt(format!(
            "{} documents for a corpus of {}",
            header.docs,
            texts.len()
        )));
    }
    // Each entity takes several bytes: more than the bytes left is a lie.
    let (count, _) = postcard::take_from_bytes::<u64>(rest)
        .map_err(|_| Rejected::Corrupt("no entity count".into()))?;
    if count > rest.len() as u64 {
        return Err(Rejected::Corrupt(format!(
            "{count} entities in {} bytes",
            rest.len()
        )));
    }
    let (entities, _) = postcard::take_from_bytes::<Vec<StoredEntity>>(rest)
        .map_err(|e| Rejected::Corrupt(e.to_string()))?;
    let mut linked = Vec::new();
    linked
        .try_reserve_exact(entities.len())
        .map_err(|_| Rejected::Corrupt("too large for memory".into()))?;
    for e in entities {
        let mut mentions = Vec::new();
        mentions
            .try_reserve_exact(e.mentions.len())
            .map_err(|_| Rejected::Corrupt("too large for memory".into()))?;
        for (d, s, end) in e.mentions {
            let (s, end) = (s as usize, end as usize);
            let fits = texts.get(d as usize).is_some_and(|t| {
                s <= end && end <= t.len() && t.is_char_boundary(s) && t.is_char_boundary(end)
            });
            if !fits {
                return Err(Rejected::Corrupt(format!(
                    "mention {s}..{end} does not fit document {d}"
                )));
            }
            mentions.push((DocId(d), s..end));
        }
        linked.push(LinkedEntity {
            entity: Entity {
                key: e.key,
                name: e.name,
                kind: e.kind,
                aliases: e.aliases,
                candidates: e.candidates,
                evidence: e.evidence,
            },
            mentions,
        });
    }
    Ok(EntityIndex::new(texts.len(), linked))
}

/// Whether an analysis (from the per-document cache) fits `text`: every
/// mention lies inside it, on character boundaries.
pub fn fits(analysis: &Analysis, text: &str) -> bool {
    analysis.entities.iter().all(|e| {
        e.mentions.iter().all(|m| {
            m.span.start <= m.span.end
                && m.span.end <= text.len()
                && text.is_char_boundary(m.span.start)
                && text.is_char_boundary(m.span.end)
        })
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
    pub fn save_entries<'a>(
        &self,
        entries: impl IntoIterator<Item = (&'a Path, FileStamp, &'a Analysis)>,
    ) -> std::io::Result<()> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        let stored = StoredRef {
            magic: MAGIC,
            engine: ENGINE_VERSION,
            entries: entries.into_iter().collect(),
        };
        let bytes = postcard::to_stdvec(&stored).map_err(std::io::Error::other)?;
        crate::atomic::write(file, &bytes)
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
    use crate::entity::fixture::IndexBuilder;
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
            hash: 7,
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
    fn linked_index_round_trip_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let entity = Entity::new("Bonn", Kind::Place, vec!["Bonn".into(), "Bonns".into()]);
        let index = IndexBuilder::new(3)
            .with_entity(entity.clone())
            .at(0, 0..4)
            .at(2, 7..12)
            .build();
        let st = |size| {
            Some(FileStamp {
                size,
                mtime_ns: 9,
                hash: 1,
            })
        };
        let docs = [Path::new("/c/a.txt"), Path::new("/c/b.txt")];
        let key = corpus_key(docs.iter().map(|p| (*p, st(1))), b"").unwrap();
        let file = linked_file_for(dir.path(), &[PathBuf::from("/c")]);
        fs::write(&file, encode_linked(&index, key, 3)).unwrap();
        let texts = ["Bonn liegt am Rhein.", "", "Vorort Bonns."];
        let bytes = read_linked(&file).unwrap();
        let back = decode_linked(&bytes, key, &texts).unwrap();
        assert_eq!(
            decode_linked(&bytes, key ^ 1, &texts).unwrap_err(),
            Rejected::OtherCorpus
        );
        assert_eq!(back.entities(), &[entity]);
        assert_eq!(back.mentions(), index.mentions());
        assert_eq!(back.doc_count(EntityId(0)), 2);
        // Any change to a stamp, the order or the corrections changes the key.
        let changed = corpus_key(docs.iter().map(|p| (*p, st(2))), b"").unwrap();
        let reordered = corpus_key(docs.iter().rev().map(|p| (*p, st(1))), b"").unwrap();
        let corrected = corpus_key(docs.iter().map(|p| (*p, st(1))), b"[merge]").unwrap();
        assert!(changed != key && reordered != key && corrected != key);
        assert_eq!(corpus_key([(docs[0], None)], b""), None);
        fs::write(&file, b"junk").unwrap();
        let junk = read_linked(&file).unwrap();
        assert_eq!(
            decode_linked(&junk, key, &texts).unwrap_err(),
            Rejected::Foreign
        );
    }

    /// A linked-index file with this header and `rest` after it.
    fn crafted(key: u64, docs: u32, rest: &[u8]) -> Vec<u8> {
        let mut b = linked_header(key, docs);
        b.extend_from_slice(rest);
        b
    }

    #[test]
    fn crafted_linked_files_are_rejected_before_anything_is_built() {
        let texts = ["Bonn liegt am Rhein.", "Köln auch."];
        let key = 42;
        let started = std::time::Instant::now();
        // A document count far beyond the corpus: it used to size the index
        // (16 GiB for u32::MAX) before the key was even compared.
        for docs in [u32::MAX, 1 << 30, 3] {
            let err = decode_linked(&crafted(key, docs, &[0]), key, &texts).unwrap_err();
            assert!(matches!(err, Rejected::Corrupt(_)), "{err:?}");
        }
        assert_eq!(
            decode_linked(&crafted(key + 1, u32::MAX, &[0]), key, &texts).unwrap_err(),
            Rejected::OtherCorpus
        );
        // An entity count larger than the bytes left.
        let huge = postcard::to_stdvec(&u64::MAX).unwrap();
        let err = decode_linked(&crafted(key, 2, &huge), key, &texts).unwrap_err();
        assert!(err.to_string().contains("entities in"), "{err}");
        // Mentions outside a document or off a character boundary.
        let entity = |mentions: Vec<(u32, u32, u32)>| StoredEntity {
            key: "k".into(),
            name: "K".into(),
            kind: Kind::Place,
            aliases: Vec::new(),
            candidates: Vec::new(),
            evidence: Vec::new(),
            mentions,
        };
        for bad in [(0, 0, 4_000_000), (2, 0, 4), (1, 2, 3), (0, 5, 2)] {
            let rest = postcard::to_stdvec(&vec![entity(vec![bad])]).unwrap();
            let err = decode_linked(&crafted(key, 2, &rest), key, &texts).unwrap_err();
            assert!(matches!(err, Rejected::Corrupt(_)), "{bad:?}: {err:?}");
        }
        let good = postcard::to_stdvec(&vec![entity(vec![(0, 0, 4), (1, 0, 5)])]).unwrap();
        let index = decode_linked(&crafted(key, 2, &good), key, &texts).unwrap();
        assert_eq!(index.mentions().len(), 2);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
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
                    hash: 1,
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
