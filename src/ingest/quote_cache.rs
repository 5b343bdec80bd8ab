//! The per-article quotation cache: the [`QuoteDoc`] of every article as
//! last found, so that a second open of an unchanged corpus finds no
//! quotation again.
//!
//! One file per set of opened paths (`index-<hash>.quotes.bin`, beside the
//! analyses and the linked index, one entry of [`super::cache_admin`]). An
//! entry is keyed by the file's path and [`FileStamp`] and by a hash of
//! what the quotations were found from ([`input_key`]: the text's length
//! and the recognised mentions, which come from the linked index and can
//! change when other articles do); the whole file by the entity engine's
//! version and the quotation engine's (a hash of `src/quote` and
//! `assets/quotes`, see `build.rs`).
//!
//! The file is untrusted. Each entry's quotations are encoded apart, so a
//! tampered entry costs only itself: it is decoded only when its key fits,
//! and used only when every span in it lies inside its article's text, on
//! character boundaries ([`fits`]; for a text still in its file, inside its
//! length: [`fits_length`]); otherwise the article's quotations are found
//! again. A truncated, corrupt or foreign file is ignored as a whole.

use super::cache::{ENGINE_VERSION, MAGIC, MAX_CACHE_BYTES, file_for, fnv};
use crate::corpus::FileStamp;
use crate::entity::Recognized;
use crate::quote::QuoteDoc;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// What cached quotations depend on besides the entity engine: a hash,
/// taken at build time, of the quotation engine's source and word lists.
pub const QUOTES_VERSION: &str = env!("DOSSIER_QUOTES_HASH");

/// An entry of the file, as written.
#[cfg(test)]
#[derive(Serialize, Deserialize)]
struct Entry {
    path: PathBuf,
    stamp: FileStamp,
    input: u64,
    /// The postcard bytes of the article's [`QuoteDoc`].
    quotes: Vec<u8>,
}

/// The layout of the file.
#[cfg(test)]
#[derive(Serialize, Deserialize)]
struct Stored {
    magic: String,
    engine: String,
    quotes: String,
    entries: Vec<Entry>,
}

/// The start of the file, read in place: what it was written by.
#[derive(Deserialize)]
struct Head<'a> {
    magic: &'a str,
    engine: &'a str,
    quotes: &'a str,
}

/// The fewest bytes an entry takes: a byte for each of its path's length,
/// its stamp's five numbers, its key and its quotations' length.
const MIN_ENTRY_BYTES: usize = 8;

/// An entry of the file, read in place.
#[derive(Deserialize)]
struct EntryIn<'a> {
    path: &'a str,
    stamp: FileStamp,
    input: u64,
    quotes: &'a [u8],
}

/// The same layout as [`Stored`], borrowed.
#[derive(Serialize)]
#[serde(bound(serialize = "Entries<I>: Serialize"))]
struct StoredRef<'a, I> {
    magic: &'a str,
    engine: &'a str,
    quotes: &'a str,
    entries: Entries<I>,
}

/// The entries to write: (path, stamp, [`input_key`], the quotations
/// encoded by [`encode_doc`]), in the layout of a `Vec<Entry>`, given as
/// they are written (`count` of them) rather than listed first: a million
/// articles' entries listed took 88 MB.
struct Entries<I> {
    count: usize,
    entries: std::cell::Cell<Option<I>>,
}

impl<'a, B, I> Serialize for Entries<I>
where
    B: AsRef<[u8]>,
    I: Iterator<Item = (&'a Path, FileStamp, u64, B)>,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let entries = self
            .entries
            .take()
            .ok_or_else(|| S::Error::custom("the entries were written already"))?;
        let mut seq = s.serialize_seq(Some(self.count))?;
        let mut written = 0;
        for (path, stamp, input, quotes) in entries {
            written += 1;
            if written > self.count {
                break;
            }
            seq.serialize_element(&EntryRef {
                path,
                stamp,
                input,
                quotes: quotes.as_ref(),
            })?;
        }
        if written != self.count {
            return Err(S::Error::custom("the entries were not as many as counted"));
        }
        seq.end()
    }
}

/// An [`Entry`], borrowed (a byte slice serialises as a `Vec<u8>` does).
#[derive(Serialize)]
struct EntryRef<'a> {
    path: &'a Path,
    stamp: FileStamp,
    input: u64,
    quotes: &'a [u8],
}

/// The bytes an entry stores for an article's quotations.
pub fn encode_doc(doc: &QuoteDoc) -> Vec<u8> {
    postcard::to_stdvec(doc).unwrap_or_default()
}

/// The encoded quotations ([`encode_doc`]) of a run of articles, one after
/// the other: what a cache file is written from for the articles whose
/// quotations were found again, without their [`QuoteDoc`]s. In memory
/// ([`Encoded::default`]), or in a scratch file ([`Encoded::in_scratch`]):
/// a million articles' come to 180 MB, which would otherwise be held from
/// the first article to the writing of the cache.
#[derive(Debug, Default)]
pub struct Encoded {
    /// The bytes, when they are kept in memory.
    bytes: Vec<u8>,
    /// The scratch file they are written to instead (removed by the system
    /// when it is closed).
    scratch: Option<std::io::BufWriter<std::fs::File>>,
    /// Whether writing the scratch file failed: the bytes are lost, and
    /// [`Encoded::iter`] gives none.
    failed: bool,
    /// Where each article's bytes end.
    ends: Vec<u64>,
}

/// One article's encoded quotations, as [`Encoded::iter`] gives them:
/// borrowed from memory, or read from the scratch file.
pub type EncodedBytes<'a> = std::borrow::Cow<'a, [u8]>;

impl Encoded {
    /// Encoded quotations written to an anonymous scratch file in `dir`
    /// (gone when it is closed, even if dossier is killed).
    pub fn in_scratch(dir: &Path) -> std::io::Result<Encoded> {
        Ok(Encoded::in_file(tempfile::tempfile_in(dir)?))
    }

    /// Encoded quotations written to `file` (empty, opened to read and
    /// write).
    fn in_file(file: std::fs::File) -> Encoded {
        Encoded {
            scratch: Some(std::io::BufWriter::with_capacity(1 << 16, file)),
            ..Encoded::default()
        }
    }

    /// Add the next article's encoded quotations.
    pub fn push(&mut self, encoded: &[u8]) {
        use std::io::Write;
        let end = self.ends.last().copied().unwrap_or(0) + encoded.len() as u64;
        match &mut self.scratch {
            Some(w) => self.failed |= w.write_all(encoded).is_err(),
            None => self.bytes.extend_from_slice(encoded),
        }
        self.ends.push(end);
    }

    /// Write out what is buffered for the scratch file; `false` when the
    /// bytes could not all be written (then there are none to read).
    pub fn finish(&mut self) -> bool {
        use std::io::Write;
        if let Some(w) = &mut self.scratch {
            self.failed |= w.flush().is_err();
        }
        !self.failed
    }

    /// Each article's encoded quotations, in order (none when the scratch
    /// file failed; call [`Encoded::finish`] first). Read again each time
    /// the iterator is copied.
    pub fn iter(&self) -> impl Iterator<Item = EncodedBytes<'_>> + Clone {
        let file = self.scratch.as_ref().map(|w| w.get_ref());
        let ends = if self.failed { &[][..] } else { &self.ends[..] };
        let starts = std::iter::once(0).chain(ends.iter().copied());
        starts.zip(ends).map_while(move |(s, &e)| match file {
            None => self
                .bytes
                .get(s as usize..e as usize)
                .map(std::borrow::Cow::Borrowed),
            Some(f) => {
                use std::os::unix::fs::FileExt;
                let mut out = vec![0; usize::try_from(e - s).ok()?];
                f.read_exact_at(&mut out, s).ok()?;
                Some(std::borrow::Cow::Owned(out))
            }
        })
    }
}

/// The quotation cache file for a set of opened paths, in `dir`.
pub fn quotes_file_for(dir: &Path, roots: &[PathBuf]) -> PathBuf {
    file_for(dir, roots).with_extension("quotes.bin")
}

/// What an article's quotations are found from, besides its text (which its
/// stamp keys): the text's length and every recognised mention's span and
/// kind, in order.
pub fn input_key(text: &str, mentions: &[Recognized]) -> u64 {
    input_key_of(text.len(), mentions)
}

/// [`input_key`] of a text of `len` bytes, known without reading it.
pub fn input_key_of(len: usize, mentions: &[Recognized]) -> u64 {
    let mut h = fnv(0xcbf2_9ce4_8422_2325, &(len as u64).to_le_bytes());
    for m in mentions {
        h = fnv(h, &(m.span.start as u64).to_le_bytes());
        h = fnv(h, &(m.span.end as u64).to_le_bytes());
        h = fnv(h, &[m.kind as u8]);
    }
    h
}

/// Whether quotations (from the cache) fit `text`: every span of a
/// quotation, its cue, its speaker and the mention it refers to, and every
/// resolved pronoun, lies inside the text on character boundaries; a
/// quotation has words.
pub fn fits(doc: &QuoteDoc, text: &str) -> bool {
    fits_by(doc, text.len(), |i| text.is_char_boundary(i))
}

/// Whether quotations fit a text of `len` bytes that is still in its file
/// (a warm open does not read the articles): [`fits`] but for character
/// boundaries, which only the text can tell. The entry's stamp is the
/// article's, unchanged since its quotations were found in it, so only a
/// crafted cache can hold a span inside a character; where the reader uses
/// the spans (the reading pane's highlights, the quotes view) it cuts the
/// text at character boundaries only, so such a span shows less and never
/// cuts a character apart.
pub fn fits_length(doc: &QuoteDoc, len: usize) -> bool {
    fits_by(doc, len, |_| true)
}

/// [`fits`] for a text of `len` bytes whose boundaries `boundary` tells.
fn fits_by(doc: &QuoteDoc, len: usize, boundary: impl Fn(usize) -> bool) -> bool {
    let ok =
        |r: &Range<usize>| r.start <= r.end && r.end <= len && boundary(r.start) && boundary(r.end);
    doc.quotes.iter().all(|q| {
        !q.spans.is_empty()
            && q.spans.iter().all(|r| ok(r) && r.start < r.end)
            && q.spans.windows(2).all(|w| w[0].start <= w[1].start)
            && q.cue.iter().all(ok)
            && q.speaker
                .as_ref()
                .is_none_or(|s| ok(&s.span) && s.refers_to.as_ref().is_none_or(ok))
    }) && doc.pronouns.iter().all(|(p, m)| ok(p) && ok(m))
}

/// One article's entry in the cache ([`QuoteCache::entry`]), borrowed from
/// the file's bytes.
#[derive(Debug, Clone, Copy)]
pub struct Cached<'a> {
    stamp: FileStamp,
    input: u64,
    bytes: &'a [u8],
}

impl<'a> Cached<'a> {
    /// Its quotations, as [`QuoteCache::get`] gives them.
    pub fn quotes(&self, stamp: FileStamp, input: u64, text: &str) -> Option<QuoteDoc> {
        self.decode(stamp, input).filter(|d| fits(d, text))
    }

    /// The quotations of an article whose text of `len` bytes is still in
    /// its file, when they were stored for the same `stamp` and `input` and
    /// fit its length ([`fits_length`]).
    pub fn quotes_unread(&self, stamp: FileStamp, input: u64, len: usize) -> Option<QuoteDoc> {
        self.decode(stamp, input).filter(|d| fits_length(d, len))
    }

    fn decode(&self, stamp: FileStamp, input: u64) -> Option<QuoteDoc> {
        decode(self.stamp, self.input, self.bytes, stamp, input)
    }

    /// The entry's bytes as stored: what a new cache file stores for the
    /// same quotations.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }
}

/// The quotations in an entry's `bytes` (stored with `stored_stamp` and
/// `stored_input`), when the file's `stamp` and the mentions' `input` are
/// the same; not checked against the text yet.
fn decode(
    stored_stamp: FileStamp,
    stored_input: u64,
    bytes: &[u8],
    stamp: FileStamp,
    input: u64,
) -> Option<QuoteDoc> {
    if stored_stamp != stamp || stored_input != input {
        return None;
    }
    postcard::from_bytes::<QuoteDoc>(bytes).ok()
}

/// Cached quotations of one corpus, as read: the file's bytes, and where
/// each entry starts by a hash of its path. An entry is decoded (in place,
/// its quotations still encoded) when it is looked up, so a million
/// entries cost the file and 16 bytes or so each, not a map of owned paths
/// and byte vectors.
#[derive(Debug, Default)]
pub struct QuoteCache {
    bytes: Bytes,
    /// Where the entry of each path hash starts in `bytes` (of two paths
    /// with one hash, the later: the earlier one misses and is found again).
    at: FxHashMap<u64, usize>,
}

/// The bytes of a cache file: mapped where it lies ([`crate::mapped`]:
/// 180 MB at a million articles, read through once when it is opened and
/// then an entry at a time), or read into memory (a file others may write,
/// or one made in memory).
enum Bytes {
    Read(Vec<u8>),
    Mapped(crate::mapped::Mapped),
}

impl Bytes {
    fn get(&self) -> &[u8] {
        match self {
            Bytes::Read(b) => b,
            Bytes::Mapped(m) => m.bytes(),
        }
    }

    /// Hand back the mapped pages that hold `range`, once read.
    fn release_around(&self, range: Range<usize>) {
        if let Bytes::Mapped(m) = self {
            m.release_around(range);
        }
    }
}

impl Default for Bytes {
    fn default() -> Bytes {
        Bytes::Read(Vec::new())
    }
}

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bytes::Read(b) => write!(f, "Read({} bytes)", b.len()),
            Bytes::Mapped(m) => write!(f, "{m:?}"),
        }
    }
}

/// The hash of a path that [`QuoteCache`] finds entries by.
fn path_hash(path: &Path) -> u64 {
    fnv(0xcbf2_9ce4_8422_2325, path.as_os_str().as_encoded_bytes())
}

impl QuoteCache {
    /// Read the cache file `file`; a missing, unreadable, truncated, corrupt
    /// or foreign file gives an empty cache.
    pub fn read(file: &Path) -> QuoteCache {
        let bytes = || {
            let (f, meta) = crate::regular_file::open(file).ok()?;
            let len = usize::try_from(meta.len()).ok()?;
            if meta.len() > MAX_CACHE_BYTES {
                return None;
            }
            match crate::mapped::map(&f, file, &meta, len) {
                Some(m) => Some(Bytes::Mapped(m)),
                None => crate::regular_file::read_open(f, meta.len(), MAX_CACHE_BYTES)
                    .ok()
                    .map(Bytes::Read),
            }
        };
        let cache = bytes().and_then(Self::parse).unwrap_or_default();
        // Read through once: the pages go back, and the entries looked up
        // come back one by one.
        cache.release();
        cache
    }

    /// Hand the pages of a mapped file back to the system after a pass
    /// over many entries ([`crate::mapped::Mapped::release`]); nothing for
    /// a file read into memory.
    pub fn release(&self) {
        if let Bytes::Mapped(m) = &self.bytes {
            m.release();
        }
    }

    /// Whether the file is mapped rather than read into memory.
    pub fn is_mapped(&self) -> bool {
        matches!(self.bytes, Bytes::Mapped(_))
    }

    /// The cache in `bytes`, when every entry decodes and the file was
    /// written by these engines.
    fn parse(bytes: Bytes) -> Option<QuoteCache> {
        let all = bytes.get();
        let (head, mut rest) = postcard::take_from_bytes::<Head<'_>>(all).ok()?;
        if head.magic != MAGIC || head.engine != ENGINE_VERSION || head.quotes != QUOTES_VERSION {
            return None;
        }
        let (n, after) = postcard::take_from_bytes::<usize>(rest).ok()?;
        rest = after;
        // Room for the entries the bytes left can hold, at most: a crafted
        // count cannot make more, and room that cannot be had is not
        // needed (entries are added as they decode).
        let mut at = FxHashMap::default();
        let _ = at.try_reserve(n.min(rest.len() / MIN_ENTRY_BYTES));
        let mut pass = crate::mapped::Pass::default();
        for _ in 0..n {
            let start = all.len() - rest.len();
            let (entry, after) = postcard::take_from_bytes::<EntryIn<'_>>(rest).ok()?;
            at.insert(path_hash(Path::new(entry.path)), start);
            rest = after;
            // Read through once: a mapped file's pages go back as it goes.
            if let Some(behind) = pass.reached(start) {
                bytes.release_around(behind);
            }
        }
        Some(QuoteCache { bytes, at })
    }

    /// How many articles the cache holds (distinct paths).
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// Whether the cache holds no article.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// The cached quotations of the file at `path`, if it is unchanged
    /// (`stamp`), they were found from the same mentions (`input`, see
    /// [`input_key`]) and they fit its `text`.
    pub fn get(&self, path: &Path, stamp: FileStamp, input: u64, text: &str) -> Option<QuoteDoc> {
        self.entry(path)?.quotes(stamp, input, text)
    }

    /// The entry of the file at `path`, whatever its stamp and key.
    pub fn entry(&self, path: &Path) -> Option<Cached<'_>> {
        let &start = self.at.get(&path_hash(path))?;
        let (e, _) =
            postcard::take_from_bytes::<EntryIn<'_>>(self.bytes.get().get(start..)?).ok()?;
        (Path::new(e.path) == path).then_some(Cached {
            stamp: e.stamp,
            input: e.input,
            bytes: e.quotes,
        })
    }

    /// The bytes of a cache file with exactly `entries`: (path, stamp,
    /// [`input_key`], quotations encoded by [`encode_doc`]).
    pub fn encode<'a>(
        entries: impl IntoIterator<Item = (&'a Path, FileStamp, u64, &'a [u8]), IntoIter: Clone>,
    ) -> Vec<u8> {
        let entries = entries.into_iter();
        postcard::to_stdvec(&Self::stored(entries)).unwrap_or_default()
    }

    /// Write a cache file with exactly `entries` (see [`QuoteCache::encode`])
    /// to `file`, atomically, encoding each entry as it goes rather than
    /// the whole file first.
    pub fn write<'a, B: AsRef<[u8]>>(
        file: &Path,
        entries: impl IntoIterator<Item = (&'a Path, FileStamp, u64, B), IntoIter: Clone>,
    ) -> std::io::Result<()> {
        let stored = Self::stored(entries.into_iter());
        crate::atomic::write_with(file, |w| {
            postcard::to_io(&stored, w)
                .map(|_| ())
                .map_err(std::io::Error::other)
        })
    }

    /// What a file of `entries` holds. They are counted first (the file
    /// gives their number before them), then written as they come.
    fn stored<'a, B, I>(entries: I) -> StoredRef<'static, I>
    where
        B: AsRef<[u8]>,
        I: Iterator<Item = (&'a Path, FileStamp, u64, B)> + Clone,
    {
        StoredRef {
            magic: MAGIC,
            engine: ENGINE_VERSION,
            quotes: QUOTES_VERSION,
            entries: Entries {
                count: entries.clone().count(),
                entries: std::cell::Cell::new(Some(entries)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Kind;
    use crate::quote::analyse;

    const TEXT: &str = "„Wir bleiben hier“, sagte Anna Berg. Er erklärte, die Lage sei ruhig.";

    fn mentions() -> Vec<Recognized> {
        let at = TEXT.find("Anna Berg").unwrap();
        vec![Recognized {
            span: at..at + "Anna Berg".len(),
            kind: Kind::Person,
        }]
    }

    fn stamp(hash: u64) -> FileStamp {
        FileStamp {
            ctime_ns: 0,
            ino: 0,
            size: TEXT.len() as u64,
            mtime_ns: 3,
            hash,
        }
    }

    /// A cache file with the quotations of `TEXT` under `a.txt` and `b.txt`.
    fn written(dir: &Path) -> (PathBuf, QuoteDoc, u64) {
        let doc = analyse(TEXT, &mentions());
        assert!(!doc.quotes.is_empty());
        let input = input_key(TEXT, &mentions());
        let file = quotes_file_for(dir, &[PathBuf::from("/c")]);
        let encoded = encode_doc(&doc);
        let bytes = QuoteCache::encode([
            (Path::new("/c/a.txt"), stamp(1), input, &encoded[..]),
            (Path::new("/c/b.txt"), stamp(1), input, &encoded[..]),
        ]);
        std::fs::write(&file, bytes).unwrap();
        (file, doc, input)
    }

    #[test]
    fn a_large_file_is_mapped_read_through_once_and_its_pages_handed_back() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let doc = analyse(TEXT, &mentions());
        let input = input_key(TEXT, &mentions());
        let encoded = encode_doc(&doc);
        // Entries enough for a few large pieces of the page cache.
        let paths: Vec<PathBuf> = (0..120_000)
            .map(|i| PathBuf::from(format!("/c/{i:06}.txt")))
            .collect();
        let file = quotes_file_for(dir.path(), &[PathBuf::from("/c")]);
        QuoteCache::write(
            &file,
            paths
                .iter()
                .map(|p| (p.as_path(), stamp(1), input, &encoded[..])),
        )
        .unwrap();
        let len = std::fs::metadata(&file).unwrap().len() as usize;
        assert!(len > 3 * crate::mapped::LARGEST_PIECE, "{len} bytes");
        let c = QuoteCache::read(&file);
        assert!(c.is_mapped());
        assert_eq!(c.len(), paths.len());
        let resident = || match &c.bytes {
            Bytes::Mapped(m) => m.resident_pages(),
            Bytes::Read(_) => unreachable!("mapped"),
        };
        let pages = len / 4096;
        assert!(resident() < pages / 4, "{} of {pages} pages", resident());
        for p in paths.iter().step_by(2_999) {
            assert_eq!(c.get(p, stamp(1), input, TEXT), Some(doc.clone()));
        }
        c.release();
        assert!(resident() < pages / 4, "{} of {pages} pages", resident());
        // In a folder others may write: read into memory, the same answers.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let read = QuoteCache::read(&file);
        assert!(!read.is_mapped());
        assert_eq!(read.len(), paths.len());
        for p in paths.iter().step_by(2_999) {
            assert_eq!(read.get(p, stamp(1), input, TEXT), Some(doc.clone()));
        }
    }

    #[test]
    fn a_file_written_entry_by_entry_is_the_encoded_file() {
        let dir = tempfile::tempdir().unwrap();
        let (file, doc, input) = written(dir.path());
        let streamed = dir.path().join("streamed.bin");
        let encoded = encode_doc(&doc);
        QuoteCache::write(
            &streamed,
            [
                (Path::new("/c/a.txt"), stamp(1), input, &encoded[..]),
                (Path::new("/c/b.txt"), stamp(1), input, &encoded[..]),
            ],
        )
        .unwrap();
        let bytes = std::fs::read(&streamed).unwrap();
        assert_eq!(bytes, std::fs::read(&file).unwrap());
        assert_eq!(QuoteCache::read(&streamed).len(), 2);
        // Entries that are fewer when written than when counted (the file
        // gives their number first): an error, and the file is left as it
        // was.
        let passes = std::rc::Rc::new(std::cell::Cell::new(0));
        let shrinking = {
            let passes = passes.clone();
            let encoded: &[u8] = &encoded;
            (0..3).filter_map(move |i| {
                if i == 0 {
                    passes.set(passes.get() + 1);
                }
                (i < 4 - passes.get()).then_some((Path::new("/c/a.txt"), stamp(1), input, encoded))
            })
        };
        assert!(QuoteCache::write(&streamed, shrinking).is_err());
        assert_eq!(passes.get(), 2, "counted, then written");
        assert_eq!(std::fs::read(&streamed).unwrap(), bytes);
    }

    #[test]
    fn encoded_quotations_come_back_article_by_article() {
        let doc = analyse(TEXT, &mentions());
        let dir = tempfile::tempdir().unwrap();
        // In memory and in a scratch file alike.
        for mut e in [Encoded::default(), Encoded::in_scratch(dir.path()).unwrap()] {
            assert!(e.finish());
            assert_eq!(e.iter().count(), 0);
            // An article without quotations still has its (short) entry.
            for d in [&doc, &QuoteDoc::default(), &doc] {
                e.push(&encode_doc(d));
            }
            assert!(e.finish());
            let back: Vec<QuoteDoc> = e
                .iter()
                .map(|b| postcard::from_bytes(&b).expect("decodes"))
                .collect();
            assert_eq!(back, [doc.clone(), QuoteDoc::default(), doc.clone()]);
            // A copy of the iterator reads them again from the start.
            let mut it = e.iter();
            it.next();
            assert_eq!(it.clone().count(), 2);
            assert_eq!(it.count(), 2);
        }
        // The scratch file is anonymous: nothing is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        // A scratch file that cannot be written (a full disk): no bytes, and
        // `finish` says so.
        let full = std::fs::File::options()
            .read(true)
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let mut e = Encoded::in_file(full);
        for _ in 0..1000 {
            e.push(&encode_doc(&doc));
        }
        assert!(!e.finish());
        assert_eq!(e.iter().count(), 0);
        // Kept bytes from a cache entry are what encoding gives again.
        let dir = tempfile::tempdir().unwrap();
        let (file, doc, _) = written(dir.path());
        let c = QuoteCache::read(&file);
        let kept = c.entry(Path::new("/c/a.txt")).unwrap();
        assert_eq!(kept.bytes(), encode_doc(&doc));
    }

    #[test]
    fn round_trip_keyed_by_stamp_and_mentions() {
        let dir = tempfile::tempdir().unwrap();
        let (file, doc, input) = written(dir.path());
        let c = QuoteCache::read(&file);
        assert_eq!(c.len(), 2);
        let a = Path::new("/c/a.txt");
        assert_eq!(c.get(a, stamp(1), input, TEXT), Some(doc.clone()));
        assert_eq!(
            c.get(a, stamp(2), input, TEXT),
            None,
            "a changed file misses"
        );
        assert_eq!(
            c.get(a, stamp(1), input_key(TEXT, &[]), TEXT),
            None,
            "other mentions miss"
        );
        assert_eq!(c.get(Path::new("/c/z.txt"), stamp(1), input, TEXT), None);
        assert!(QuoteCache::read(&dir.path().join("missing.bin")).is_empty());
        // An entry answers as `get` does.
        let entry = c.entry(a).expect("the entry of a.txt");
        assert_eq!(entry.quotes(stamp(1), input, TEXT), Some(doc.clone()));
        assert_eq!(entry.quotes(stamp(2), input, TEXT), None);
        assert_eq!(entry.quotes(stamp(1), input, "kurz"), None);
        assert!(c.entry(Path::new("/c/z.txt")).is_none());
    }

    #[test]
    fn a_truncated_or_foreign_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let (file, _, _) = written(dir.path());
        let bytes = std::fs::read(&file).unwrap();
        for cut in [0, 1, 10, bytes.len() / 2, bytes.len() - 1] {
            std::fs::write(&file, &bytes[..cut]).unwrap();
            assert!(QuoteCache::read(&file).is_empty(), "cut at {cut}");
        }
        let foreign = postcard::to_stdvec(&Stored {
            magic: MAGIC.into(),
            engine: ENGINE_VERSION.into(),
            quotes: "other".into(),
            entries: Vec::new(),
        })
        .unwrap();
        std::fs::write(&file, foreign).unwrap();
        assert!(QuoteCache::read(&file).is_empty());
    }

    #[test]
    fn entries_are_found_in_place_and_a_crafted_count_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (file, doc, input) = written(dir.path());
        let c = QuoteCache::read(&file);
        // Looked up in any order, each entry is its own.
        for name in ["/c/b.txt", "/c/a.txt", "/c/b.txt"] {
            let e = c.entry(Path::new(name)).expect(name);
            assert_eq!(e.quotes(stamp(1), input, TEXT).as_ref(), Some(&doc));
            assert_eq!(e.bytes(), encode_doc(&doc));
        }
        // A path written twice: one entry, the later.
        let other = QuoteDoc::default();
        let (one, two) = (encode_doc(&doc), encode_doc(&other));
        let twice = QuoteCache::encode([
            (Path::new("/c/a.txt"), stamp(1), input, &one[..]),
            (Path::new("/c/a.txt"), stamp(2), input, &two[..]),
        ]);
        std::fs::write(&file, &twice).unwrap();
        let c = QuoteCache::read(&file);
        assert_eq!(c.len(), 1);
        let a = Path::new("/c/a.txt");
        assert_eq!(c.get(a, stamp(2), input, TEXT), Some(other));
        assert_eq!(c.get(a, stamp(1), input, TEXT), None);
        // The smallest entry there can be is MIN_ENTRY_BYTES long.
        let zero = FileStamp {
            ctime_ns: 0,
            ino: 0,
            size: 0,
            mtime_ns: 0,
            hash: 0,
        };
        let smallest = QuoteCache::encode([(Path::new(""), zero, 0, &[][..])]);
        let empty = QuoteCache::encode([]);
        assert_eq!(smallest.len() - empty.len(), MIN_ENTRY_BYTES);
        // The count of entries says more than the file holds (up to the
        // largest count there is): nothing is kept, nothing huge is made.
        let head = postcard::to_stdvec(&(MAGIC, ENGINE_VERSION, QUOTES_VERSION)).unwrap();
        let one_entry = QuoteCache::encode([(a, stamp(1), input, &one[..])]);
        let count_at = head.len();
        assert_eq!(one_entry[count_at], 1, "the count follows the head");
        for count in [1u64, 2, 1 << 40, u64::MAX] {
            let mut crafted = head.clone();
            crafted.extend(postcard::to_stdvec(&count).unwrap());
            crafted.extend(&one_entry[count_at + 1..]);
            std::fs::write(&file, &crafted).unwrap();
            let read = QuoteCache::read(&file);
            assert_eq!(read.len(), usize::from(count == 1), "count {count}");
        }
    }

    #[test]
    fn quotations_of_a_text_not_read_are_checked_against_its_length() {
        let dir = tempfile::tempdir().unwrap();
        let (file, doc, input) = written(dir.path());
        let cache = QuoteCache::read(&file);
        let a = cache.entry(Path::new("/c/a.txt")).unwrap();
        // The key from the length alone is the key from the text.
        assert_eq!(input_key_of(TEXT.len(), &mentions()), input);
        assert_eq!(
            a.quotes_unread(stamp(1), input, TEXT.len()),
            Some(doc.clone())
        );
        assert_eq!(a.quotes(stamp(1), input, TEXT), Some(doc.clone()));
        // Another stamp or other mentions: not these quotations.
        assert_eq!(a.quotes_unread(stamp(2), input, TEXT.len()), None);
        assert_eq!(a.quotes_unread(stamp(1), input ^ 1, TEXT.len()), None);
        // Spans past the end, reversed, empty or out of order are refused
        // without the text; a span inside a character only with it.
        let last = doc
            .quotes
            .iter()
            .flat_map(|q| &q.spans)
            .map(|r| r.end)
            .max()
            .unwrap();
        assert!(!fits_length(&doc, last - 1));
        let mut bad = doc.clone();
        let r = &mut bad.quotes[0].spans[0];
        (r.start, r.end) = (r.end, r.start);
        assert!(!fits_length(&bad, TEXT.len()));
        let mut empty = doc.clone();
        empty.quotes[0].spans.clear();
        assert!(!fits_length(&empty, TEXT.len()));
        let mut inside = doc.clone();
        inside.quotes[0].spans[0].start = 1;
        assert!(!TEXT.is_char_boundary(1));
        assert!(fits_length(&inside, TEXT.len()));
        assert!(!fits(&inside, TEXT));
    }

    #[test]
    fn a_tampered_entry_is_refused_and_the_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (file, doc, input) = written(dir.path());
        let mut stored: Stored = postcard::from_bytes(&std::fs::read(&file).unwrap()).unwrap();
        // Entry a: a quotation reaching past the end of the text, then off
        // a character boundary (inside `„`), then garbage bytes.
        let mut bad = doc.clone();
        bad.quotes[0].spans[0].end = TEXT.len() + 40;
        let mut off = doc.clone();
        off.quotes[0].spans[0].start = 1;
        let mut pronoun = doc.clone();
        pronoun.pronouns.push((5..1_000_000, 0..1));
        let b = Path::new("/c/b.txt");
        for tampered in [
            postcard::to_stdvec(&bad).unwrap(),
            postcard::to_stdvec(&off).unwrap(),
            postcard::to_stdvec(&pronoun).unwrap(),
            vec![0xff; 7],
            stored.entries[0].quotes[..stored.entries[0].quotes.len() / 2].to_vec(),
        ] {
            stored.entries[0].quotes = tampered;
            std::fs::write(&file, postcard::to_stdvec(&stored).unwrap()).unwrap();
            let c = QuoteCache::read(&file);
            assert_eq!(c.get(Path::new("/c/a.txt"), stamp(1), input, TEXT), None);
            assert_eq!(c.get(b, stamp(1), input, TEXT).as_ref(), Some(&doc));
        }
        // A text the entry does not fit (shorter than its spans).
        let c = QuoteCache::read(&file);
        assert_eq!(c.get(b, stamp(1), input, "kurz"), None);
    }
}
