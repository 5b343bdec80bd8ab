//! The corpus: the articles a user opened, with their display text, titles and
//! page furniture.
//!
//! Every offset in dossier is a UTF-8 byte offset into a document's text, which
//! has exactly the length of the file's bytes: sanitising replaces bytes but
//! never adds or removes any (see [`sanitize`]).

pub mod bytes;
pub mod error;
pub mod furniture;
pub mod ids;
pub mod load;
pub mod path_text;
pub mod records;
pub mod sanitize;
pub mod seeds;
pub mod text;
pub mod title;

pub use error::{LoadError, LoadErrorKind};
pub use load::{LoadReport, Loaded};
pub use records::{RecordOptions, RecordSummary};
pub use sanitize::{Replaced, Replacement};
pub use text::Text;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Index of a document in a [`Corpus`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(transparent)]
pub struct DocId(pub u32);

// SAFETY: a transparent `u32`: no padding, every bit pattern valid (the
// entity index reads mentions from disk in place).
unsafe impl bytemuck::Zeroable for DocId {}
// SAFETY: as above.
unsafe impl bytemuck::Pod for DocId {}

impl DocId {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One article.
#[derive(Debug, Clone)]
pub struct Document {
    /// Identifier: the file stem, made unique within the corpus.
    pub id: Box<str>,
    /// The path as opened (for bundled reports, `seeds/<file>`); shared
    /// with the text while it is left in its file ([`Text`]), so a million
    /// documents hold each path once.
    pub path: Arc<Path>,
    /// The display text: the file's text with control characters and invalid
    /// bytes replaced, byte for byte (offsets into the file stay valid).
    /// After a warm open it is read from the file when first used
    /// ([`Text`]).
    pub text: Text,
    /// The bytes that sanitising replaced, in text order.
    pub replaced: Box<[Replaced]>,
    /// The title: the headline, or the first sentence shortened.
    pub title: Box<str>,
    /// Byte ranges of page furniture (breadcrumbs, share buttons, credits),
    /// hidden in the reading view, in text order and not overlapping.
    pub hidden: Box<[Range<usize>]>,
    /// The publication date as the source gave it (record files with a date
    /// field), unparsed.
    pub date: Option<Box<str>>,
    /// The category or section the source files it under (record files
    /// with a category field, such as 10kGNAD's label), as given.
    pub category: Option<Box<str>>,
    /// Size and modification time of the file it was read from, which key
    /// the index cache; `None` for bundled or in-memory documents.
    pub stamp: Option<FileStamp>,
}

/// What identifies one version of a document: what `stat` says of its file
/// (size, modification time, change time, inode) and a hash of its text.
///
/// A warm open trusts a file whose `stat` is unchanged without reading it
/// ([`FileStamp::same_file`]), but only when its change time lies well
/// before the moment its text was read for the stamp on file
/// ([`FileStamp::settled`]): the change time cannot be set back by any
/// program (an editor that keeps the modification time, `touch -d`, a
/// restored backup, a copy with `cp -p` all give a new one), so an
/// unchanged change time means an unchanged file, except for a write in the
/// same clock tick as the one before; a file changed that recently is read
/// again and its hash compared.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub struct FileStamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch (from 1677 to
    /// 2262: a time outside is kept as the nearest end).
    pub mtime_ns: i64,
    /// Change time (of the inode) in nanoseconds since the Unix epoch, as
    /// the modification time; 0 where the platform has none.
    pub ctime_ns: i64,
    /// Inode number; 0 where the platform has none.
    pub ino: u64,
    /// [`content_hash`] of the document's text.
    pub hash: u64,
}

/// How long before the reading of a file its change time must lie for an
/// unchanged `stat` to prove an unchanged file: two clock ticks of the
/// coarsest common file system timestamps (one second), and then some.
pub const SETTLE_NS: i128 = 2_000_000_000;

impl FileStamp {
    /// The stamp of a document with text `text` read from a file with
    /// metadata `meta`.
    pub fn of(meta: &std::fs::Metadata, text: &str) -> FileStamp {
        FileStamp {
            hash: content_hash(text.as_bytes()),
            ..FileStamp::stat(meta)
        }
    }

    /// What `meta` says of a file, without a hash (0).
    pub fn stat(meta: &std::fs::Metadata) -> FileStamp {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        #[cfg(unix)]
        let (ctime_ns, ino) = {
            use std::os::unix::fs::MetadataExt;
            (
                i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
                meta.ino(),
            )
        };
        #[cfg(not(unix))]
        let (ctime_ns, ino) = (0, 0);
        // Nanoseconds in 64 bits reach from 1677 to 2262; a time outside
        // is kept as the nearest end.
        let ns = |t: i128| t.clamp(i64::MIN.into(), i64::MAX.into()) as i64;
        FileStamp {
            size: meta.len(),
            mtime_ns: ns(mtime_ns),
            ctime_ns: ns(ctime_ns),
            ino,
            hash: 0,
        }
    }

    /// Whether `other` (from [`FileStamp::stat`]) describes the same file
    /// as this stamp: everything but the hash equal.
    pub fn same_file(&self, other: &FileStamp) -> bool {
        FileStamp { hash: 0, ..*self } == FileStamp { hash: 0, ..*other }
    }

    /// Whether this stamp, taken by reading the file at `read_ns` (or
    /// later), proves the file unchanged while its `stat` is unchanged: it
    /// has a change time, and that lies [`SETTLE_NS`] or more before.
    pub fn settled(&self, read_ns: i128) -> bool {
        self.ctime_ns != 0 && i128::from(self.ctime_ns) <= read_ns - SETTLE_NS
    }
}

/// The time now in nanoseconds since the Unix epoch (0 if the clock is
/// before it).
pub fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

/// A fast 64-bit hash of `bytes` (eight bytes at a time, folded 128-bit
/// multiplications), stable across runs and platforms; several GB/s, so
/// hashing what was read anyway costs little next to reading it.
pub fn content_hash(bytes: &[u8]) -> u64 {
    const K1: u64 = 0x9e37_79b9_7f4a_7c15;
    const K2: u64 = 0xd6e8_feb8_6659_fd93;
    fn fold(a: u64, b: u64) -> u64 {
        let r = u128::from(a).wrapping_mul(u128::from(b));
        (r as u64) ^ ((r >> 64) as u64)
    }
    let mut h = K2 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or_default());
        h = fold(h ^ w, K1);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = fold(h ^ u64::from_le_bytes(tail), K1);
    fold(h, K2)
}

/// The texts of `docs` for a pass that needs them all at once (linking
/// with the user's corrections): borrowed where they are in memory, read
/// in parallel where they were left in their files, and let go with the
/// result rather than kept.
pub fn texts_at_once(docs: &[Arc<Document>]) -> Vec<std::borrow::Cow<'_, str>> {
    use rayon::prelude::*;
    docs.par_iter().map(|d| d.text.held()).collect()
}

impl Document {
    /// Build a document from the bytes of a file.
    pub fn from_bytes(id: String, path: PathBuf, bytes: &[u8]) -> Document {
        let (text, replaced) = sanitize::sanitize(bytes);
        let hidden = furniture::find(&text);
        let title = title::title(&text, &hidden);
        Document {
            id: id.into(),
            path: path.into(),
            text: text.into(),
            replaced: replaced.into(),
            title: title.into(),
            hidden: hidden.into(),
            stamp: None,
            date: None,
            category: None,
        }
    }

    /// Let go of the text: it is read again from the file (and checked
    /// against its length, hash, furniture and replaced bytes) the next
    /// time it is used, so that a corpus far larger than memory can be
    /// indexed and read. Only for a document read whole from its own file,
    /// with its stamp; others keep their text.
    pub fn leave_text_in_file(&mut self) {
        let _ = self.take_text_leaving_file();
    }

    /// As [`Document::leave_text_in_file`], giving the text let go to the
    /// caller (for a use that follows soon, such as its analysis, so that
    /// it is not read again for that). `None` when the text stays (the
    /// document is not one read whole from its own file) or was left in
    /// the file already.
    pub fn take_text_leaving_file(&mut self) -> Option<String> {
        let stamp = self.stamp?;
        if !self.text.is_ready() {
            return None;
        }
        let lazy = Text::lazy(text::Expected {
            path: self.path.clone(),
            len: self.text.len(),
            hash: stamp.hash,
            layout: text::layout_hash(&self.hidden, &self.replaced),
            doc: 0,
            check: None,
        });
        Some(std::mem::replace(&mut self.text, lazy).into_string())
    }

    /// Whether a byte range lies (partly) in hidden page furniture.
    pub fn is_hidden(&self, span: &Range<usize>) -> bool {
        let i = self.hidden.partition_point(|h| h.end <= span.start);
        self.hidden
            .get(i)
            .is_some_and(|h| h.start < span.end && span.start < h.end)
    }

    /// The 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        memchr::memchr_iter(b'\n', &self.text.as_bytes()[..end]).count() + 1
    }

    /// The line containing a byte offset, without its line break.
    pub fn line_at(&self, offset: usize) -> &str {
        let bytes = self.text.as_bytes();
        let offset = offset.min(bytes.len());
        let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[offset..]).map_or(bytes.len(), |i| offset + i);
        &self.text[start..end]
    }
}

/// The articles a user opened.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    docs: Vec<Arc<Document>>,
}

impl Corpus {
    /// A corpus of these documents, in this order.
    pub fn new(docs: Vec<Document>) -> Corpus {
        Corpus {
            docs: docs.into_iter().map(Arc::new).collect(),
        }
    }

    /// All documents; a [`DocId`] indexes this slice. Documents are shared
    /// (not copied) with the indexing worker.
    pub fn docs(&self) -> &[Arc<Document>] {
        &self.docs
    }

    /// One document.
    pub fn doc(&self, id: DocId) -> &Document {
        &self.docs[id.index()]
    }

    /// The number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether the corpus has no documents.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Append documents (as they stream in from a loader).
    pub fn extend(&mut self, docs: impl IntoIterator<Item = Arc<Document>>) {
        self.docs.extend(docs);
    }

    /// Find a document by id or by the path it was opened with.
    pub fn find(&self, name: &str) -> Option<DocId> {
        self.docs
            .iter()
            .position(|d| &*d.id == name || d.path.as_os_str() == name)
            .map(|i| DocId(i as u32))
    }
}

#[cfg(test)]
mod stamp_tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn a_shared_document_fits_an_allocation_of_256_bytes() {
        // A million documents are each allocated with the shared pointer's
        // two counts and the allocator's 8-byte header, in steps of 16.
        let shared = std::mem::size_of::<Document>() + 2 * std::mem::size_of::<usize>();
        assert!(shared + 8 <= 256, "{shared} bytes");
        assert_eq!(
            std::mem::size_of::<text::TextCheck>(),
            std::mem::size_of::<usize>()
        );
    }

    #[test]
    fn file_times_are_kept_in_nanoseconds_and_times_past_2262_at_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Text").unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        let at = |t| {
            file.set_modified(t).unwrap();
            FileStamp::stat(&std::fs::metadata(&path).unwrap())
        };
        let early = at(UNIX_EPOCH + Duration::new(1_000_000_000, 123_456_789));
        assert_eq!(early.mtime_ns, 1_000_000_000_123_456_789);
        assert_eq!(early.size, 4);
        // The year 2300 is past what 64-bit nanoseconds reach: kept as the
        // last of them, and still told apart from an earlier time.
        let late = at(UNIX_EPOCH + Duration::from_secs(10_413_792_000));
        assert_eq!(late.mtime_ns, i64::MAX);
        assert!(!late.same_file(&early));
        // The change time is the time of these changes, in range.
        assert!(late.ctime_ns > 0 && i128::from(late.ctime_ns) <= now_ns());
        assert!(!late.settled(now_ns()), "changed just now");
        assert!(late.settled(now_ns() + SETTLE_NS));
    }
}
