//! The word index's file: written once after the articles are read, read
//! in part at every open (the vocabulary and table), its lists read one at
//! a time when a search needs them. Like every cache file it is untrusted:
//! checked whole where it is read at open (layout, counts, lengths against
//! the file's size, a checksum, every entry in bounds, the words in order),
//! each list against its own checksum and bounds when it is read.
//!
//! Layout: the cache files' common prefix (postcard magic and engine
//! version, zero-padded to 8 bytes), then a header of [`HEADER_BYTES`],
//! little-endian:
//!
//! | at | what |
//! |---:|---|
//! | 0 | layout magic `dswords\0` |
//! | 8 | layout version (u32), then 4 zero bytes |
//! | 16 | corpus key (u64) |
//! | 24 | articles (u32), words (u32) |
//! | 32 | bytes of the vocabulary (u64) |
//! | 40 | bytes of the lists (u64) |
//! | 48 | checksum of the vocabulary and the table (u64) |
//! | 56 | checksum of the header's first 56 bytes (u64) |
//!
//! then the vocabulary (each word followed by `\n`, sorted, the empty word
//! first), the table ([`ENTRY_BYTES`] a word: articles u32, bytes u32,
//! offset among the lists u64, checksum of the list u64) and the lists
//! ([`super::words::List`]).

use super::words::{Built, Entries, Entry, MAX_WORD, Postings, Vocab, WordIndex};
use crate::ingest::linked_file::prefix;
use bytemuck::Zeroable;
use std::io::{self, Read, Seek, Write};
use std::path::Path;
use std::sync::Arc;

/// The header's length in bytes.
pub const HEADER_BYTES: usize = 64;
/// One table entry's length in bytes.
pub const ENTRY_BYTES: usize = 24;
/// The layout magic.
const LAYOUT_MAGIC: &[u8; 8] = b"dswords\0";
/// The layout version.
pub(super) const FORMAT: u32 = 1;

/// Why a word index file is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejected {
    /// There is none.
    Missing,
    /// It was built for other articles (or another engine version).
    OtherCorpus,
    /// It is damaged, cut short or not a word index of this version.
    Corrupt(String),
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rejected::Missing => write!(f, "missing"),
            Rejected::OtherCorpus => write!(f, "built for other articles"),
            Rejected::Corrupt(why) => write!(f, "corrupt: {why}"),
        }
    }
}

fn corrupt(why: impl Into<String>) -> Rejected {
    Rejected::Corrupt(why.into())
}

/// The checksum of a part of the file (FNV-1a, 64 bits).
pub fn checksum(bytes: &[u8]) -> u64 {
    crate::ingest::cache::fnv(0xcbf2_9ce4_8422_2325, bytes)
}

/// The header: the corpus key, the counts, the sizes of the parts and
/// the checksum of the vocabulary and table (made whole by [`parts`], or
/// as the parts are written by [`super::word_runs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Head {
    pub(super) key: u64,
    pub(super) docs: u32,
    pub(super) words: u32,
    pub(super) vocab: u64,
    pub(super) postings: u64,
    pub(super) sum: u64,
}

impl Head {
    /// Its bytes, for layout version `format`.
    pub(super) fn bytes(&self, format: u32) -> [u8; HEADER_BYTES] {
        let mut h = [0u8; HEADER_BYTES];
        h[..8].copy_from_slice(LAYOUT_MAGIC);
        h[8..12].copy_from_slice(&format.to_le_bytes());
        h[16..24].copy_from_slice(&self.key.to_le_bytes());
        h[24..28].copy_from_slice(&self.docs.to_le_bytes());
        h[28..32].copy_from_slice(&self.words.to_le_bytes());
        h[32..40].copy_from_slice(&self.vocab.to_le_bytes());
        h[40..48].copy_from_slice(&self.postings.to_le_bytes());
        h[48..56].copy_from_slice(&self.sum.to_le_bytes());
        let own = checksum(&h[..56]);
        h[56..].copy_from_slice(&own.to_le_bytes());
        h
    }

    fn parse(h: &[u8]) -> Result<Head, Rejected> {
        let u32_at = |at: usize| u32::from_le_bytes(h[at..at + 4].try_into().unwrap_or_default());
        let u64_at = |at: usize| u64::from_le_bytes(h[at..at + 8].try_into().unwrap_or_default());
        if h.len() < HEADER_BYTES || &h[..8] != LAYOUT_MAGIC {
            return Err(corrupt("not a word index"));
        }
        if u32_at(8) != FORMAT || u32_at(12) != 0 {
            return Err(corrupt(format!("layout version {}", u32_at(8))));
        }
        if checksum(&h[..56]) != u64_at(56) {
            return Err(corrupt("checksum mismatch in the header"));
        }
        Ok(Head {
            key: u64_at(16),
            docs: u32_at(24),
            words: u32_at(28),
            vocab: u64_at(32),
            postings: u64_at(40),
            sum: u64_at(48),
        })
    }

    /// The table's length in bytes.
    fn table(&self) -> u64 {
        u64::from(self.words) * ENTRY_BYTES as u64
    }
}

/// The vocabulary, table and lists of `built`, and its header for `key`.
fn parts(built: &Built, key: u64) -> Option<(Head, Vec<u8>)> {
    let mut head_part = Vec::new();
    for w in built.words.iter() {
        head_part.extend_from_slice(w.as_bytes());
        head_part.push(b'\n');
    }
    let vocab = head_part.len() as u64;
    let mut offset: u64 = 0;
    for list in &built.lists {
        let len = u32::try_from(list.bytes().len()).ok()?;
        head_part.extend_from_slice(&entry(list.count, len, offset, checksum(list.bytes())));
        offset += u64::from(len);
    }
    let head = Head {
        key,
        docs: built.docs,
        words: u32::try_from(built.words.len()).ok()?,
        vocab,
        postings: offset,
        sum: checksum(&head_part),
    };
    Some((head, head_part))
}

/// One word's entry in the table: its list's articles and bytes, where the
/// list starts among the lists, and the list's checksum.
pub(super) fn entry(count: u32, len: u32, offset: u64, sum: u64) -> [u8; ENTRY_BYTES] {
    let mut e = [0u8; ENTRY_BYTES];
    e[..4].copy_from_slice(&count.to_le_bytes());
    e[4..8].copy_from_slice(&len.to_le_bytes());
    e[8..16].copy_from_slice(&offset.to_le_bytes());
    e[16..].copy_from_slice(&sum.to_le_bytes());
    e
}

/// Write the file of `built` for the corpus whose key is `key` to `out`.
fn write_to(out: &mut dyn Write, built: &Built, key: u64, format: u32) -> io::Result<()> {
    let (head, part) =
        parts(built, key).ok_or_else(|| io::Error::other("too large for a word index"))?;
    out.write_all(&prefix())?;
    out.write_all(&head.bytes(format))?;
    out.write_all(&part)?;
    for list in &built.lists {
        out.write_all(list.bytes())?;
    }
    Ok(())
}

/// The bytes of the file of `built` (for tests and an index kept in memory).
pub fn encode(built: &Built, key: u64) -> Vec<u8> {
    encode_as(built, key, FORMAT)
}

/// [`encode`] with another layout version (for tests).
#[doc(hidden)]
pub fn encode_as(built: &Built, key: u64, format: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = write_to(&mut out, built, key, format);
    out
}

/// Write the file of `built` to `path` (atomically, streamed).
pub fn write(path: &Path, built: &Built, key: u64) -> io::Result<()> {
    crate::atomic::write_with(path, |w| write_to(w, built, key, FORMAT))
}

/// Check the vocabulary and table read from a file whose header is `head`
/// (each in a buffer of its own, the table's entries as the file's
/// little-endian bytes) and whose lists take `postings` bytes, and make
/// them an index. The buffers become the index's: nothing is copied.
fn index_of(
    head: &Head,
    vocab: Vocab,
    mut table: Entries,
    postings: Postings,
) -> Result<WordIndex, Rejected> {
    let checked = check(head, &vocab, &mut table).map(|()| {
        super::words::pieces(vocab.bytes(), super::words::PIECE, |piece| {
            vocab.release_around(piece)
        })
    });
    // Checked (or refused) and cut into pieces: a mapped file's pages go
    // back until searches read them.
    table.release();
    let pieces = checked?;
    Ok(WordIndex {
        docs: head.docs,
        vocab,
        pieces,
        table,
        postings,
        broken: None,
    })
}

/// The checks of [`index_of`]: each pass over the vocabulary and the table
/// hands the pages it has read back as it goes ([`crate::mapped::STRIDE`]
/// at a time: the two hold 250 MB at a million articles).
fn check(head: &Head, vocab: &Vocab, table: &mut Entries) -> Result<(), Rejected> {
    use crate::mapped::{Pass, stretches};
    let words_bytes = vocab.bytes();
    let mut sum = checksum(&[]);
    for (at, stretch) in stretches(words_bytes) {
        sum = crate::ingest::cache::fnv(sum, stretch);
        vocab.release_around(at);
    }
    for (at, stretch) in stretches(table.file_bytes()) {
        sum = crate::ingest::cache::fnv(sum, stretch);
        table.release_around(at);
    }
    if sum != head.sum {
        return Err(corrupt("checksum mismatch"));
    }
    table.make_native();
    let said = || corrupt("the vocabulary does not hold the words said");
    // Every word is checked on its own (`\n` is never part of a longer
    // UTF-8 sequence, so the words are UTF-8 exactly when the whole is).
    let body = words_bytes.strip_suffix(b"\n").ok_or_else(said)?;
    let (mut words, mut at, mut pass) = (0usize, 0usize, Pass::default());
    let mut before: Option<&[u8]> = None;
    for word in body.split(|&b| b == b'\n') {
        std::str::from_utf8(word).map_err(|_| corrupt("a word is not UTF-8"))?;
        let first = before.is_none();
        if first != word.is_empty() || word.len() > MAX_WORD {
            return Err(corrupt("a word out of place"));
        }
        if before.is_some_and(|b| b >= word) {
            return Err(corrupt("the words are not in order"));
        }
        words += 1;
        before = Some(word);
        at += word.len() + 1;
        // A page handed back that is read again (the word before) comes
        // back with the same bytes.
        if let Some(behind) = pass.reached(at) {
            vocab.release_around(behind);
        }
    }
    vocab.release_around(pass.end(words_bytes.len()));
    if words != head.words as usize || table.len() != words {
        return Err(said());
    }
    let mut pass = Pass::default();
    for i in 0..table.len() {
        if let Some(behind) = pass.reached(i * ENTRY_BYTES) {
            table.release_around(behind);
        }
        let e = table.get(i);
        let fits = e
            .offset
            .checked_add(u64::from(e.len))
            .is_some_and(|end| end <= head.postings);
        let sized = e.count <= head.docs
            && u64::from(e.len) >= u64::from(e.count)
            && u64::from(e.len) <= 5 * u64::from(e.count)
            && (e.count > 0 || i == 0);
        if !fits || !sized {
            return Err(corrupt("a list out of bounds"));
        }
    }
    Ok(())
}

/// Check a file's prefix and header against the corpus: `key`, `docs`
/// articles, `len` bytes in all. Returns the header and where it ends.
fn check_head(bytes: &[u8], len: u64, key: u64, docs: usize) -> Result<(Head, usize), Rejected> {
    let prefix = prefix();
    let at = prefix.len();
    if bytes.len() < at + HEADER_BYTES {
        return Err(corrupt("cut short"));
    }
    if bytes[..at] != prefix[..] {
        return Err(Rejected::OtherCorpus);
    }
    let head = Head::parse(&bytes[at..at + HEADER_BYTES])?;
    if head.key != key || head.docs as usize != docs {
        return Err(Rejected::OtherCorpus);
    }
    let whole = (at as u64 + HEADER_BYTES as u64)
        .checked_add(head.vocab)
        .and_then(|n| n.checked_add(head.table()))
        .and_then(|n| n.checked_add(head.postings));
    if whole != Some(len) {
        return Err(corrupt(format!(
            "{len} bytes where the header says {}",
            whole.map_or("more".into(), |n| n.to_string())
        )));
    }
    Ok((head, at + HEADER_BYTES))
}

/// The word index in `bytes` (a whole file), kept in memory, if it was
/// built for the corpus whose key is `key` and which has `docs` articles.
pub fn from_bytes(bytes: &[u8], key: u64, docs: usize) -> Result<WordIndex, Rejected> {
    let (head, at) = check_head(bytes, bytes.len() as u64, key, docs)?;
    let table_at = at + head.vocab as usize;
    let lists = table_at + head.table() as usize;
    let mut table = vec![Entry::zeroed(); head.words as usize];
    bytemuck::cast_slice_mut::<Entry, u8>(&mut table).copy_from_slice(&bytes[table_at..lists]);
    index_of(
        &head,
        Vocab::Memory(bytes[at..table_at].to_vec()),
        Entries::Memory(table),
        Postings::Memory(bytes[lists..].to_vec()),
    )
}

/// The word index in the file at `path` (its vocabulary and table read and
/// checked now, its lists when a search needs them), if it was built for
/// the corpus whose key is `key` and which has `docs` articles.
pub fn open(path: &Path, key: u64, docs: usize) -> Result<WordIndex, Rejected> {
    let (mut file, meta) = match crate::regular_file::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Rejected::Missing),
        Err(e) => return Err(corrupt(e.to_string())),
    };
    let len = meta.len();
    let mut start = vec![0u8; (prefix().len() + HEADER_BYTES).min(len as usize)];
    file.read_exact(&mut start)
        .map_err(|e| corrupt(e.to_string()))?;
    let (head, at) = check_head(&start, len, key, docs)?;
    // Bounded by the file's length, checked against the header above. The
    // vocabulary and the table go straight into the buffers the index
    // keeps (a million articles' take 250 MB: read through one buffer and
    // copied out, they were held twice at the peak of a warm open).
    // The table is mapped where the file allows it (see `crate::mapped`),
    // and read an entry at a time.
    let failed = |e: io::Error| corrupt(e.to_string());
    let table_at = at + head.vocab as usize;
    let lists = table_at + head.table() as usize;
    let (vocab, table) = match crate::mapped::map(&file, path, &meta, lists) {
        Some(map) => {
            file.seek(io::SeekFrom::Start(lists as u64))
                .map_err(failed)?;
            let map = Arc::new(map);
            let vocab = Vocab::Mapped {
                map: Arc::clone(&map),
                at,
                len: head.vocab as usize,
            };
            let table = Entries::Mapped {
                map,
                at: table_at,
                len: head.words as usize,
            };
            (vocab, table)
        }
        None => {
            let vocab = crate::regular_file::read_records(&mut file, head.vocab as usize)
                .map_err(failed)?;
            let table = crate::regular_file::read_records(&mut file, head.table() as usize)
                .map_err(failed)?;
            (Vocab::Memory(vocab), Entries::Memory(table))
        }
    };
    index_of(
        &head,
        vocab,
        table,
        Postings::File {
            file,
            at: lists as u64,
        },
    )
}

/// Make the checksums of a (tampered) file right again where its sizes
/// allow: the header's, the vocabulary and table's, and every list's that
/// lies inside the file. For fuzzing the checks behind the checksums.
#[doc(hidden)]
pub fn reseal(bytes: &mut [u8]) {
    let at = prefix().len();
    if bytes.len() < at + HEADER_BYTES {
        return;
    }
    let u64_at =
        |b: &[u8], i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or_default());
    let h = at;
    let words = u32::from_le_bytes(bytes[h + 28..h + 32].try_into().unwrap_or_default());
    let vocab = u64_at(bytes, h + 32);
    let part_start = h + HEADER_BYTES;
    let part_len = vocab.saturating_add(u64::from(words) * ENTRY_BYTES as u64);
    let part_end = (part_start as u64).saturating_add(part_len);
    if part_end <= bytes.len() as u64 {
        let part_end = part_end as usize;
        let lists = part_end;
        let table = part_start + vocab as usize;
        for e in 0..words as usize {
            let i = table + e * ENTRY_BYTES;
            let len = u32::from_le_bytes(bytes[i + 4..i + 8].try_into().unwrap_or_default());
            let offset = u64_at(bytes, i + 8);
            let end = (lists as u64)
                .saturating_add(offset)
                .saturating_add(u64::from(len));
            if end <= bytes.len() as u64 {
                let from = lists + offset as usize;
                let sum = checksum(&bytes[from..from + len as usize]);
                bytes[i + 16..i + 24].copy_from_slice(&sum.to_le_bytes());
            }
        }
        let sum = checksum(&bytes[part_start..part_end]);
        bytes[h + 48..h + 56].copy_from_slice(&sum.to_le_bytes());
    }
    let own = checksum(&bytes[h..h + 56]);
    bytes[h + 56..h + 64].copy_from_slice(&own.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{DocId, Document};
    use crate::search::words::{List, build, documents};
    use std::sync::Arc;

    fn sample() -> (Vec<Arc<Document>>, Built) {
        let d = documents(&[
            "Köln am Rhein",
            "Straße in München",
            "Bonn und Köln",
            &format!("Ein {} Wort", "x".repeat(MAX_WORD + 1)),
        ]);
        let built = build(&d).unwrap();
        (d, built)
    }

    #[test]
    fn a_file_reads_back_as_it_was_built_from_memory_and_from_disk() {
        let (_, built) = sample();
        assert_eq!(built.words.get(0), "", "the empty word first");
        let bytes = encode(&built, 7);
        let mut ix = from_bytes(&bytes, 7, 4).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.bin");
        write(&path, &built, 7).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "streamed as encoded");
        let mut on_disk = open(&path, 7, 4).unwrap();
        assert!(on_disk.table.is_mapped() && !ix.table.is_mapped());
        assert!(on_disk.vocab.is_mapped() && !ix.vocab.is_mapped());
        assert_eq!(on_disk.vocab.bytes(), ix.vocab.bytes());
        for id in 0..ix.words() {
            assert_eq!(on_disk.table.get(id), ix.table.get(id), "entry {id}");
        }
        for ix in [&mut ix, &mut on_disk] {
            assert_eq!(ix.words(), built.words.len());
            assert_eq!(
                ix.candidates("munchen").unwrap(),
                Some(vec![DocId(1), DocId(3)])
            );
        }
    }

    #[test]
    fn a_mapped_table_is_checked_like_one_read() {
        use std::os::unix::fs::PermissionsExt;
        let (_, built) = sample();
        let bytes = encode(&built, 7);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.bin");
        let table_at =
            prefix().len() + HEADER_BYTES + built.words.iter().map(|w| w.len() + 1).sum::<usize>();
        // A flipped bit anywhere in the table, on disk: refused at open.
        for at in (table_at..table_at + built.words.len() * ENTRY_BYTES).step_by(5) {
            let mut b = bytes.clone();
            b[at] ^= 0x10;
            std::fs::write(&path, &b).unwrap();
            assert_eq!(
                open(&path, 7, 4).unwrap_err(),
                Rejected::Corrupt("checksum mismatch".into()),
                "byte {at}"
            );
        }
        // A table with a right checksum and an entry out of bounds: refused.
        let mut b = bytes.clone();
        b[table_at + ENTRY_BYTES + 8] = 0xff;
        reseal(&mut b);
        std::fs::write(&path, &b).unwrap();
        assert_eq!(
            open(&path, 7, 4).unwrap_err(),
            corrupt("a list out of bounds")
        );
        // In a folder others may write, the table is read instead.
        std::fs::write(&path, &bytes).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let mut read = open(&path, 7, 4).unwrap();
        assert!(!read.table.is_mapped() && !read.vocab.is_mapped());
        assert_eq!(
            read.candidates("munchen").unwrap(),
            Some(vec![DocId(1), DocId(3)])
        );
    }

    #[test]
    fn a_mapped_vocabulary_is_handed_back_once_checked_and_kept_once_searched() {
        // Words enough for several large pieces of the page cache: 600,000
        // distinct ones of 10 letters, 20,000 to an article.
        let word = |i: usize| {
            let mut w = String::from("w");
            let mut n = i;
            for _ in 0..9 {
                w.push((b'a' + (n % 26) as u8) as char);
                n /= 26;
            }
            w
        };
        let texts: Vec<String> = (0..30)
            .map(|d| {
                (0..20_000)
                    .map(|i| word(d * 20_000 + i))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let built = build(&documents(&refs)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.bin");
        write(&path, &built, 7).unwrap();
        let mut ix = open(&path, 7, texts.len()).unwrap();
        let Vocab::Mapped { map, len, .. } = &ix.vocab else {
            panic!("mapped")
        };
        let (map, pages) = (Arc::clone(map), len / 4096);
        assert!(pages > 1000, "{pages} pages of words");
        assert!(map.resident_pages() < pages / 4, "checked, handed back");
        // A word in one article, and one in none: the whole vocabulary is
        // scanned, and its pages stay for the next search (the file's, which
        // the system takes back when it needs them).
        let w = word(12 * 20_000 + 77);
        assert_eq!(ix.candidates(&w).unwrap(), Some(vec![DocId(12)]));
        let kept = map.resident_pages();
        assert!(kept > pages * 3 / 4, "{kept} pages kept of {pages}");
        assert_eq!(ix.candidates("qqqqqqqqqqq").unwrap(), Some(vec![]));
        // The next search reads no more of them in than the table's
        // entries it looks up, a large piece each.
        let piece = crate::mapped::LARGEST_PIECE / 4096;
        assert!(
            map.resident_pages() < kept + 2 * piece,
            "{} pages held after the second search, {kept} after the first",
            map.resident_pages()
        );
    }

    #[test]
    fn a_vocabulary_changed_in_place_under_an_open_index_does_not_panic() {
        use std::os::unix::fs::FileExt;
        // Few words, and long ones, in one article of a hundred (so that
        // a word's articles stay under the share the index narrows down).
        let mut texts = vec![""; 100];
        texts[0] = "Donaudampfschifffahrt Rheinland Bundesverfassungsgericht";
        let built = build(&documents(&texts)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.bin");
        write(&path, &built, 7).unwrap();
        let mut ix = open(&path, 7, 100).unwrap();
        assert_eq!(ix.candidates("rheinland"), Ok(Some(vec![DocId(0)])));
        assert!(ix.vocab.is_mapped());
        // Another program writes into the file dossier has mapped: words
        // `abcd`, far more of them than the table has entries.
        let len = ix.vocab.bytes().len();
        let words: Vec<u8> = b"abcd\n".iter().copied().cycle().take(len).collect();
        let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        f.write_all_at(&words, (prefix().len() + HEADER_BYTES) as u64)
            .unwrap();
        assert_eq!(ix.vocab.bytes(), words, "the map shows the file");
        assert!(len / 5 > ix.words());
        // Every article is searched: the index no longer narrows it down.
        assert_eq!(ix.candidates("abcd"), Ok(None));
        // Other words are not found: no panic either.
        for query in ["", "rheinland", "bundes verfassung"] {
            let _ = ix.candidates(query);
        }
    }

    #[test]
    fn another_corpus_key_count_or_version_is_told_apart() {
        let (_, built) = sample();
        let bytes = encode(&built, 7);
        assert_eq!(from_bytes(&bytes, 8, 4).unwrap_err(), Rejected::OtherCorpus);
        assert_eq!(from_bytes(&bytes, 7, 5).unwrap_err(), Rejected::OtherCorpus);
        assert!(matches!(
            from_bytes(&encode_as(&built, 7, FORMAT + 1), 7, 4),
            Err(Rejected::Corrupt(_))
        ));
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            open(&dir.path().join("none"), 7, 4).unwrap_err(),
            Rejected::Missing
        );
    }

    #[test]
    fn every_cut_and_every_flipped_bit_is_refused_at_open_or_when_its_list_is_read() {
        let (_, built) = sample();
        let bytes = encode(&built, 7);
        for cut in 0..bytes.len() {
            assert!(from_bytes(&bytes[..cut], 7, 4).is_err(), "cut at {cut}");
        }
        let grown = [&bytes[..], &[0]].concat();
        assert!(from_bytes(&grown, 7, 4).is_err(), "grown");
        let lists_from = bytes.len() - built.lists.iter().map(|l| l.bytes().len()).sum::<usize>();
        for at in 0..bytes.len() {
            for bit in [0, 3, 7] {
                let mut b = bytes.clone();
                b[at] ^= 1 << bit;
                match from_bytes(&b, 7, 4) {
                    Err(_) => {}
                    Ok(mut ix) => {
                        // Only a list may be damaged without the open
                        // seeing it; reading every list then fails.
                        assert!(at >= lists_from, "byte {at} bit {bit} went unseen");
                        let bad = (0..ix.words()).any(|id| ix.list(id).is_err());
                        assert!(bad, "byte {at} bit {bit} in a list went unseen");
                    }
                }
            }
        }
    }

    #[test]
    fn a_damaged_list_stops_the_index_and_says_why() {
        let (_, built) = sample();
        let mut bytes = encode(&built, 7);
        let last = bytes.len() - 1;
        bytes[last] ^= 0x01;
        let mut ix = from_bytes(&bytes, 7, 4).unwrap();
        // The last list is the last word's, in one article only.
        assert_eq!(built.words.iter().last(), Some("wort"));
        assert_eq!(
            ix.candidates("wort").unwrap_err(),
            "checksum mismatch in a list"
        );
        assert!(ix.candidates("koln").is_err(), "not used again");
        use crate::store::reader::SearchIndex;
        let plan = ix.plan("koln").unwrap();
        assert_eq!(plan.docs, None, "every article is searched");
    }

    /// A file over 3 articles with corpus key 1, crafted with right
    /// checksums: `vocab`, the table of `entries` (articles, bytes, offset
    /// among `lists`) and `lists`, its header's sizes taken from them
    /// unless `vocab_len` says otherwise.
    fn crafted(
        vocab: &[u8],
        entries: &[(u32, u32, u64)],
        lists: &[u8],
        vocab_len: Option<u64>,
    ) -> Vec<u8> {
        let mut part = vocab.to_vec();
        for &(count, len, offset) in entries {
            let list = lists.get(offset as usize..offset as usize + len as usize);
            part.extend_from_slice(&count.to_le_bytes());
            part.extend_from_slice(&len.to_le_bytes());
            part.extend_from_slice(&offset.to_le_bytes());
            part.extend_from_slice(&checksum(list.unwrap_or(&[])).to_le_bytes());
        }
        let head = Head {
            key: 1,
            docs: 3,
            words: entries.len() as u32,
            vocab: vocab_len.unwrap_or(vocab.len() as u64),
            postings: lists.len() as u64,
            sum: checksum(&part),
        };
        [&prefix()[..], &head.bytes(FORMAT), &part, lists].concat()
    }

    #[test]
    fn crafted_files_with_right_checksums_are_refused_by_their_structure() {
        let ok_list = {
            let mut l = List::default();
            l.push(1);
            l.bytes().to_vec()
        };
        let two = [ok_list.clone(), ok_list.clone()].concat();
        // A sound file to start from: the empty word, and `koln` in article 1.
        let sound = crafted(b"\nkoln\n", &[(0, 0, 0), (1, 1, 0)], &ok_list, None);
        let mut ix = from_bytes(&sound, 1, 3).unwrap();
        assert_eq!(ix.candidates("koln").unwrap(), Some(vec![DocId(1)]));
        let cases: Vec<(&str, Vec<u8>)> = vec![
            (
                "words out of order",
                crafted(
                    b"\nkoln\nbonn\n",
                    &[(0, 0, 0), (1, 1, 0), (1, 1, 0)],
                    &two,
                    None,
                ),
            ),
            (
                "no empty word first",
                crafted(b"koln\n", &[(1, 1, 0)], &ok_list, None),
            ),
            (
                "a list past the end",
                crafted(b"\nkoln\n", &[(0, 0, 0), (1, 1, 1)], &ok_list, None),
            ),
            (
                "more articles than the corpus",
                crafted(b"\nkoln\n", &[(0, 0, 0), (4, 1, 0)], &ok_list, None),
            ),
            (
                "fewer words than said",
                crafted(
                    b"\nkoln\n",
                    &[(0, 0, 0), (1, 1, 0), (1, 1, 0)],
                    &ok_list,
                    None,
                ),
            ),
            (
                "a vocabulary that is not UTF-8",
                crafted(b"\nk\xffln\n", &[(0, 0, 0), (1, 1, 0)], &ok_list, None),
            ),
            (
                "sizes that overflow",
                crafted(
                    b"\nkoln\n",
                    &[(0, 0, 0), (1, 1, 0)],
                    &ok_list,
                    Some(u64::MAX - 3),
                ),
            ),
        ];
        for (what, bytes) in cases {
            assert!(
                matches!(from_bytes(&bytes, 1, 3), Err(Rejected::Corrupt(_))),
                "{what}"
            );
        }
        // A list whose checksum is right but whose articles are not: past
        // the corpus, or said to be more than it holds.
        for (list, count) in [(vec![5u8], 1u32), (vec![0u8, 0], 1)] {
            let entries = [(0, 0, 0), (count, list.len() as u32, 0)];
            let bytes = crafted(b"\nkoln\n", &entries, &list, None);
            let mut ix = from_bytes(&bytes, 1, 3).unwrap();
            assert!(ix.candidates("koln").is_err(), "{list:?}");
        }
    }
}
