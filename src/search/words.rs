//! The word index: which articles hold which words, so that a search reads
//! only the articles that can hold its query instead of every article.
//!
//! A word is a maximal run of alphanumeric characters of the text folded
//! as the search folds it ([`super::find_in`]: case and diacritics gone,
//! `ß` as `ss`). When the folded query occurs in a folded text, each run of
//! alphanumeric characters of the query lies inside one word of the text, so
//! the articles that can hold the query are those that, for each of its
//! runs, hold a word containing that run: found by scanning the vocabulary
//! (a few megabytes even at a million articles) and joining the lists of
//! the words found. The index narrows a search down; the search itself still
//! checks every article it is given, so it finds what a search of every
//! article finds.
//!
//! Words longer than [`MAX_WORD`] bytes are not listed: an article with one
//! is kept in the list of the empty word, and searched for every query.

use super::fold_into;
use crate::corpus::{DocId, Document};
use crate::text::fold::fold_to_base as fold;
use crate::text::strings::{StringList, Strings};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// The longest word listed, in bytes of folded text.
pub const MAX_WORD: usize = 64;

/// Articles read together (on one thread) before their words join the
/// index: the larger, the fewer words to join (a word is joined once per
/// chunk it is in).
pub(super) const CHUNK: usize = 2048;

/// The words of folded text: its maximal runs of alphanumeric characters.
pub fn each_word(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The articles of one word, in corpus order, as they are stored: each
/// article's number as a LEB128 varint of its distance from the one after
/// the article before (so that the numbers can only go up).
#[derive(Debug, Clone, Default)]
pub struct List {
    /// How many articles.
    pub count: u32,
    /// The number after the last article's.
    next: u32,
    /// The varints.
    bytes: ListBytes,
}

/// Bytes of a list kept in the list itself, not allocated: most words of
/// a large corpus are in one article or a few (at a million articles, 6.7
/// million words, most of them names), and an allocation of their own
/// took 32 bytes more each.
const INLINE: usize = 22;

/// The varints of a list: in the list while they are few, else allocated.
#[derive(Debug, Clone)]
enum ListBytes {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Vec<u8>),
}

impl Default for ListBytes {
    fn default() -> Self {
        ListBytes::Inline {
            len: 0,
            bytes: [0; INLINE],
        }
    }
}

impl PartialEq for List {
    fn eq(&self, other: &List) -> bool {
        (self.count, self.next, self.bytes()) == (other.count, other.next, other.bytes())
    }
}

impl Eq for List {}

impl List {
    /// Add article `doc`, which comes after every article in the list.
    pub fn push(&mut self, doc: u32) {
        debug_assert!(doc >= self.next);
        let mut buf = [0u8; 5];
        let n = write_varint(&mut buf, doc - self.next);
        match &mut self.bytes {
            ListBytes::Inline { len, bytes } if usize::from(*len) + n <= INLINE => {
                let at = usize::from(*len);
                bytes[at..at + n].copy_from_slice(&buf[..n]);
                *len += n as u8;
            }
            ListBytes::Inline { len, bytes } => {
                let mut heap = Vec::with_capacity(2 * INLINE);
                heap.extend_from_slice(&bytes[..usize::from(*len)]);
                heap.extend_from_slice(&buf[..n]);
                self.bytes = ListBytes::Heap(heap);
            }
            ListBytes::Heap(v) => v.extend_from_slice(&buf[..n]),
        }
        self.next = doc + 1;
        self.count += 1;
    }

    /// The number after the last article's (0 for an empty list): what
    /// the first varint of a list that follows this one counts from.
    pub fn next(&self) -> u32 {
        self.next
    }

    /// The varints.
    pub fn bytes(&self) -> &[u8] {
        match &self.bytes {
            ListBytes::Inline { len, bytes } => &bytes[..usize::from(*len)],
            ListBytes::Heap(v) => v,
        }
    }

    /// The articles of `bytes`, a list of `count` articles each below
    /// `docs`, or why it is not one.
    pub fn decode(bytes: &[u8], count: u32, docs: u32) -> Result<Vec<u32>, String> {
        let mut out = Vec::with_capacity(count as usize);
        let mut next: u64 = 0;
        let mut rest = bytes;
        while !rest.is_empty() {
            let (delta, used) = read_varint(rest).ok_or("a number runs past its list")?;
            rest = &rest[used..];
            let doc = next + u64::from(delta);
            if doc >= u64::from(docs) {
                return Err(format!("article {doc} of {docs}"));
            }
            out.push(doc as u32);
            next = doc + 1;
        }
        if out.len() != count as usize {
            return Err(format!("{} articles where {count} were said", out.len()));
        }
        Ok(out)
    }
}

/// Write `n` as a LEB128 varint at the start of `out`; returns its
/// length.
pub(super) fn write_varint(out: &mut [u8; 5], mut n: u32) -> usize {
    let mut at = 0;
    while n >= 0x80 {
        out[at] = (n as u8) | 0x80;
        n >>= 7;
        at += 1;
    }
    out[at] = n as u8;
    at + 1
}

/// The LEB128 varint at the start of `bytes` and its length; `None` when it
/// is cut off or does not fit 32 bits.
pub(super) fn read_varint(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut n: u32 = 0;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        let part = u32::from(b & 0x7f);
        if i == 4 && part > 0x0f {
            return None;
        }
        n |= part << (7 * i);
        if b & 0x80 == 0 {
            return Some((n, i + 1));
        }
    }
    None
}

/// A word index as built, before it is written: every word (sorted; the
/// first is the empty word, whose list holds the articles with a word too
/// long to list) and its articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Built {
    /// The number of articles.
    pub docs: u32,
    /// The words, sorted, the empty word first.
    pub words: StringList,
    /// Each word's articles.
    pub lists: Vec<List>,
}

/// The words of articles `first..first + docs.len()`: each word (the empty
/// word for one too long to list) and its articles in order.
fn words_of_chunk(docs: &[Arc<Document>], first: u32) -> ChunkWords {
    let mut words = ChunkWords::default();
    let mut folded = String::new();
    for (i, d) in docs.iter().enumerate() {
        let doc = first + i as u32;
        // A text left in its file is read for this and let go.
        d.text.with(|text| fold_into(text, &mut folded));
        for w in each_word(&folded) {
            let w = if w.len() > MAX_WORD { "" } else { w };
            match words.get_mut(w) {
                Some(list) => {
                    if list.last() != Some(&doc) {
                        list.push(doc);
                    }
                }
                None => {
                    words.insert(w.into(), vec![doc]);
                }
            }
        }
    }
    words
}

/// The words found so far and their articles, while an index is built:
/// each word once, numbered in the order found ([`Strings`]), its list
/// beside it. A map from word to list held each word and list in its
/// table and then once more as the sorted pairs were made: at a million
/// articles (6.7 million words) 0.4 GB more at the build's peak.
pub(super) struct Found {
    words: Strings,
    lists: Vec<List>,
    /// Articles added to the lists (what their bytes grow by).
    added: usize,
}

impl Found {
    /// Nothing found yet but the empty word (every index lists it first),
    /// numbered 0.
    pub(super) fn new() -> Found {
        let mut words = Strings::default();
        // The first string numbered: 32 bits are not used up.
        let _ = words.add("");
        Found {
            words,
            lists: vec![List::default()],
            added: 0,
        }
    }

    /// The list of `word`, empty if it is new; `None` when there are more
    /// words than 32 bits number.
    fn list(&mut self, word: &str) -> Option<&mut List> {
        let n = self.words.add(word)? as usize;
        if n == self.lists.len() {
            self.lists.push(List::default());
        }
        self.lists.get_mut(n)
    }

    /// Add the words of a chunk ([`read_words`]); `None` when there are
    /// more words than 32 bits number.
    pub(super) fn join(&mut self, chunk: ChunkWords) -> Option<()> {
        for (word, docs) in chunk {
            self.added += docs.len();
            let list = self.list(&word)?;
            for d in docs {
                list.push(d);
            }
        }
        Some(())
    }

    /// About the bytes it holds: its words, their lists' heads and a table
    /// slot each, and two bytes an article listed (a varint is one or two
    /// bytes; a list grows by doubling).
    pub(super) fn held(&self) -> usize {
        self.words.bytes()
            + self.lists.len() * (std::mem::size_of::<List>() + 4 + 2 * 8)
            + 2 * self.added
    }

    /// The words, sorted, with their lists.
    pub(super) fn sorted(self) -> (StringList, Vec<List>) {
        let Found {
            words, mut lists, ..
        } = self;
        let words = words.into_list();
        let mut order: Vec<u32> = (0..words.len() as u32).collect();
        order.par_sort_unstable_by(|&a, &b| words.get(a as usize).cmp(words.get(b as usize)));
        let mut sorted = StringList::with_capacity(words.len(), words.bytes());
        for &w in &order {
            sorted.push(words.get(w as usize));
        }
        drop(words);
        permute(&mut lists, &order);
        (sorted, lists)
    }
}

/// Put `v` in the order `order` gives (the new `v[i]` is the old
/// `v[order[i]]`) where it lies: one cycle of the permutation at a time,
/// no second vector.
fn permute<T>(v: &mut [T], order: &[u32]) {
    let mut done = vec![false; order.len()];
    for start in 0..order.len() {
        let mut j = start;
        while !done[j] {
            done[j] = true;
            let k = order[j] as usize;
            if k == start {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// One chunk's words ([`words_of_chunk`]).
pub(super) type ChunkWords = FxHashMap<Box<str>, Vec<u32>>;

/// Read the words of `docs` (each text once, on every core), a chunk per
/// thread at a time, and give each chunk's words to `join` in corpus
/// order, so that the chunks' own maps are never all held at once. Stops
/// at the first error `join` returns.
pub(super) fn read_words<E>(
    docs: &[Arc<Document>],
    chunk: usize,
    mut join: impl FnMut(ChunkWords) -> Result<(), E>,
) -> Result<(), E> {
    let chunk = chunk.max(1);
    let chunks: Vec<(u32, &[Arc<Document>])> = docs
        .chunks(chunk)
        .enumerate()
        .map(|(i, c)| ((i * chunk) as u32, c))
        .collect();
    let wave = rayon::current_num_threads().max(1);
    for group in chunks.chunks(wave) {
        let chunk_words: Vec<ChunkWords> = group
            .par_iter()
            .map(|&(first, c)| words_of_chunk(c, first))
            .collect();
        for chunk in chunk_words {
            join(chunk)?;
        }
    }
    Ok(())
}

/// Build the word index of `docs` in memory (reading each text once, on
/// every core). `None` when there are more articles, or words, than the
/// index can number. A large corpus's is built into its file a part at a
/// time instead ([`super::word_runs`]).
pub fn build(docs: &[Arc<Document>]) -> Option<Built> {
    let total = u32::try_from(docs.len()).ok()?;
    let mut found = Found::new();
    read_words(docs, CHUNK, |chunk| found.join(chunk).ok_or(())).ok()?;
    let (words, lists) = found.sorted();
    Some(Built {
        docs: total,
        words,
        lists,
    })
}

/// Where a word index keeps its lists.
#[derive(Debug)]
pub(super) enum Postings {
    /// In memory.
    Memory(Vec<u8>),
    /// In its file, from byte `at`, read a list at a time.
    File { file: std::fs::File, at: u64 },
}

/// One word's entry in the table: its list's length in articles and bytes,
/// where it starts among the lists, and its checksum.
/// Laid out as in the file ([`super::word_file::ENTRY_BYTES`], no padding),
/// so that the table is read straight into a vector of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C)]
pub(super) struct Entry {
    pub count: u32,
    pub len: u32,
    pub offset: u64,
    pub sum: u64,
}

// SAFETY: `repr(C)` of two `u32`s then two `u64`s: 24 bytes, aligned to 8,
// no padding; every bit pattern is a valid value.
unsafe impl bytemuck::Zeroable for Entry {}
// SAFETY: as above.
unsafe impl bytemuck::Pod for Entry {}

const _: () = assert!(std::mem::size_of::<Entry>() == super::word_file::ENTRY_BYTES);

impl Entry {
    /// This entry, its fields read as the little-endian numbers of the file.
    pub(super) fn read_as_le(self) -> Entry {
        Entry {
            count: u32::from_le(self.count),
            len: u32::from_le(self.len),
            offset: u64::from_le(self.offset),
            sum: u64::from_le(self.sum),
        }
    }
}

/// The table of a word index: in memory, or mapped where it lies in its
/// file ([`crate::mapped`]) and read an entry at a time: a search reads the
/// entries of the words it finds, and a million articles' table is about
/// 160 MB.
pub(super) enum Entries {
    /// In memory, in the host's byte order.
    Memory(Vec<Entry>),
    /// `len` entries from byte `at` of a mapped file, as the file's
    /// little-endian bytes (checked at open; not aligned).
    Mapped {
        map: Arc<crate::mapped::Mapped>,
        at: usize,
        len: usize,
    },
}

/// The vocabulary of a word index (the words, each followed by `\n`): in
/// memory, or mapped where it lies in its file, beside the table (90 MB at
/// a million articles). A search scans all of it, a piece at a time, and a
/// mapped piece's pages go back once it is scanned.
pub(super) enum Vocab {
    /// In memory.
    Memory(Vec<u8>),
    /// `len` bytes from byte `at` of a mapped file.
    Mapped {
        map: Arc<crate::mapped::Mapped>,
        at: usize,
        len: usize,
    },
}

impl Vocab {
    /// The words, each followed by `\n`.
    pub(super) fn bytes(&self) -> &[u8] {
        match self {
            Vocab::Memory(v) => v,
            Vocab::Mapped { map, at, len } => &map.bytes()[*at..at + len],
        }
    }

    /// Hand back the pages of a mapped vocabulary that hold `range` (of
    /// its bytes), once scanned; nothing in memory.
    pub(super) fn release_around(&self, range: std::ops::Range<usize>) {
        if let Vocab::Mapped { map, at, .. } = self {
            map.release_around(at + range.start..at + range.end);
        }
    }

    /// Whether the vocabulary is mapped from its file.
    #[cfg(test)]
    pub(super) fn is_mapped(&self) -> bool {
        matches!(self, Vocab::Mapped { .. })
    }
}

impl std::fmt::Debug for Vocab {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Vocab::Memory(v) => write!(f, "Vocab::Memory({} bytes)", v.len()),
            Vocab::Mapped { len, .. } => write!(f, "Vocab::Mapped({len} bytes)"),
        }
    }
}

impl Entries {
    /// The number of entries.
    pub(super) fn len(&self) -> usize {
        match self {
            Entries::Memory(v) => v.len(),
            Entries::Mapped { len, .. } => *len,
        }
    }

    /// Entry `id`. Panics when it is past the end, as indexing does.
    pub(super) fn get(&self, id: usize) -> Entry {
        match self {
            Entries::Memory(v) => v[id],
            Entries::Mapped { map, at, len } => {
                assert!(id < *len, "entry {id} of {len}");
                let from = at + id * super::word_file::ENTRY_BYTES;
                let bytes = &map.bytes()[from..from + super::word_file::ENTRY_BYTES];
                bytemuck::pod_read_unaligned::<Entry>(bytes).read_as_le()
            }
        }
    }

    /// The entries as the bytes they were read from (for the checksum;
    /// before [`Entries::make_native`]).
    pub(super) fn file_bytes(&self) -> &[u8] {
        match self {
            Entries::Memory(v) => bytemuck::cast_slice(v),
            Entries::Mapped { map, at, len } => {
                &map.bytes()[*at..at + len * super::word_file::ENTRY_BYTES]
            }
        }
    }

    /// Entries read from a file into memory, put in the host's byte order
    /// (mapped ones are put in it as they are read).
    pub(super) fn make_native(&mut self) {
        if let Entries::Memory(v) = self {
            for e in v.iter_mut() {
                *e = e.read_as_le();
            }
        }
    }

    /// Hand back the pages of a mapped table that hold `bytes` (of the
    /// table), once read; nothing in memory.
    pub(super) fn release_around(&self, bytes: std::ops::Range<usize>) {
        if let Entries::Mapped { map, at, .. } = self {
            map.release_around(at + bytes.start..at + bytes.end);
        }
    }

    /// Hand a mapped table's pages back once it has been checked.
    pub(super) fn release(&self) {
        if let Entries::Mapped { map, .. } = self {
            map.release();
        }
    }

    /// Whether the table is mapped from its file.
    #[cfg(test)]
    pub(super) fn is_mapped(&self) -> bool {
        matches!(self, Entries::Mapped { .. })
    }
}

impl std::fmt::Debug for Entries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Entries::Memory(v) => write!(f, "Entries::Memory({} entries)", v.len()),
            Entries::Mapped { len, .. } => write!(f, "Entries::Mapped({len} entries)"),
        }
    }
}

/// A word index ready for searches: the vocabulary and table in memory or
/// mapped, the lists where they were put (read a list at a time from the
/// file).
#[derive(Debug)]
pub struct WordIndex {
    /// The number of articles.
    pub(super) docs: u32,
    /// The words, each followed by `\n`.
    pub(super) vocab: Vocab,
    /// The vocabulary cut into pieces of whole words to scan in parallel:
    /// where each starts and ends, and its first word.
    pub(super) pieces: Vec<(usize, usize, usize)>,
    /// Each word's entry.
    pub(super) table: Entries,
    /// The lists.
    pub(super) postings: Postings,
    /// Why a list could not be read, once one could not: the index is not
    /// used again.
    pub(super) broken: Option<String>,
}

/// The most articles a query's word may be found in (summed over the words
/// of the index that contain it), as a share of the corpus, for the index
/// to narrow its search down: past it, reading the lists would cost more
/// than it saves.
const MOST: u64 = 2;

/// The most words of a query looked up (its longest).
const MOST_RUNS: usize = 6;

/// Once a query's words leave at most this share of the articles (and at
/// least 64), its other words are not looked up.
const FEW: usize = 100;

/// The bytes of vocabulary scanned as one piece.
pub(super) const PIECE: usize = 1 << 20;

/// `vocab` (words each followed by `\n`) cut into pieces of about `size`
/// ([`PIECE`]) bytes of whole words: where each starts and ends, and its
/// first word. `read` is told each piece once it has been read through.
pub(super) fn pieces(
    vocab: &[u8],
    size: usize,
    mut read: impl FnMut(std::ops::Range<usize>),
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let (mut from, mut first) = (0, 0);
    while from < vocab.len() {
        let cut = (from + size.max(1)).min(vocab.len());
        let to = memchr::memchr(b'\n', &vocab[cut - 1..]).map_or(vocab.len(), |e| cut + e);
        out.push((from, to, first));
        first += memchr::memchr_iter(b'\n', &vocab[from..to]).count();
        read(from..to);
        from = to;
    }
    out
}

impl WordIndex {
    /// The number of articles it covers.
    pub fn docs(&self) -> usize {
        self.docs as usize
    }

    /// The number of words listed (the empty word too).
    pub fn words(&self) -> usize {
        self.table.len()
    }

    /// The words that contain `run` (never the empty word), with the empty
    /// word's; `None` once the articles their lists hold pass `limit`. One
    /// pass over the vocabulary, whatever the run.
    fn containing(&self, run: &str, limit: u64) -> Option<Vec<usize>> {
        let finder = memchr::memmem::Finder::new(run.as_bytes());
        // A large vocabulary is scanned a piece per core; every piece stops
        // once the pieces together pass the limit.
        let total = std::sync::atomic::AtomicU64::new(u64::from(self.table.get(0).count));
        let scan = |&(from, to, first): &(usize, usize, usize)| {
            self.scan(&finder, (from, to, first), &total, limit)
        };
        // One piece is scanned here: no thread to wake.
        let pieces: Vec<Option<Vec<usize>>> = if self.pieces.len() > 1 {
            self.pieces.par_iter().map(scan).collect()
        } else {
            self.pieces.iter().map(scan).collect()
        };
        let mut ids = vec![0];
        for found in pieces.into_iter().collect::<Option<Vec<_>>>()? {
            ids.extend(found);
        }
        (total.into_inner() <= limit).then_some(ids)
    }

    /// The words containing what `finder` looks for in the piece `vocab[from..to]`,
    /// whose first word is `first`, their articles added to `total` as they
    /// are found; `None` once that passes `limit`. A mapped vocabulary's
    /// pages stay after the scan (they are the file's, clean: the system
    /// takes them back when it needs the memory). Handed back after each
    /// scan, every search read them in again: at a million articles that
    /// was 3 to 4 ms of a search's 8.5 ms, in the key press that starts it.
    fn scan(
        &self,
        finder: &memchr::memmem::Finder<'_>,
        (from, to, first): (usize, usize, usize),
        total: &std::sync::atomic::AtomicU64,
        limit: u64,
    ) -> Option<Vec<usize>> {
        use std::sync::atomic::Ordering::Relaxed;
        let vocab = &self.vocab.bytes()[..to];
        let mut ids = Vec::new();
        // `id` is the word that starts at `pos`.
        let (mut pos, mut id) = (from, first);
        while pos < to
            && let Some(hit) = finder.find(&vocab[pos..])
        {
            let hit = pos + hit;
            id += memchr::memchr_iter(b'\n', &vocab[pos..hit]).count();
            ids.push(id);
            // A vocabulary mapped from its file was checked at open; were
            // the file changed in place since, it could hold more words
            // than the table: then search every article.
            if id >= self.table.len() {
                return None;
            }
            let count = u64::from(self.table.get(id).count);
            if total.fetch_add(count, Relaxed) + count > limit {
                return None;
            }
            // On to the next word: a word is found once.
            pos = memchr::memchr(b'\n', &vocab[hit..]).map_or(to, |e| hit + e + 1);
            id += 1;
        }
        Some(ids)
    }

    /// The articles of word `id`.
    pub(super) fn list(&mut self, id: usize) -> Result<Vec<u32>, String> {
        let e = self.table.get(id);
        let mut own = Vec::new();
        let bytes: &[u8] = match &mut self.postings {
            Postings::Memory(all) => all
                .get(e.offset as usize..e.offset as usize + e.len as usize)
                .ok_or("a list lies outside the lists")?,
            Postings::File { file, at } => {
                use std::io::{Read, Seek, SeekFrom};
                own.resize(e.len as usize, 0);
                file.seek(SeekFrom::Start(*at + e.offset))
                    .and_then(|_| file.read_exact(&mut own))
                    .map_err(|err| format!("cannot read a list: {err}"))?;
                &own
            }
        };
        if super::word_file::checksum(bytes) != e.sum {
            return Err("checksum mismatch in a list".into());
        }
        List::decode(bytes, e.count, self.docs)
    }

    /// The articles that can hold `query` (see the module documentation),
    /// in corpus order; `None` when every article can, or the index would
    /// not narrow the search down enough to be worth reading. An error says
    /// why the index cannot be read: search every article then.
    pub fn candidates(&mut self, query: &str) -> Result<Option<Vec<DocId>>, String> {
        if let Some(why) = &self.broken {
            return Err(why.clone());
        }
        let folded = fold(query.trim());
        let limit = u64::from(self.docs) / MOST;
        // The longest runs are the rarest: a few of them narrow the search
        // down as well as all would, and a pasted paragraph costs no more.
        let mut query_runs: Vec<&str> = each_word(&folded).collect();
        query_runs.sort_by_key(|r| (std::cmp::Reverse(r.len()), *r));
        query_runs.dedup();
        query_runs.truncate(MOST_RUNS);
        // Each run's articles, the longest run first, until they are few
        // enough that looking up more runs would cost more than reading
        // the articles left.
        let few = (self.docs as usize / FEW).max(64);
        let mut found: Option<(Vec<u64>, usize)> = None;
        for run in query_runs {
            if found.as_ref().is_some_and(|(_, n)| *n <= few) {
                break;
            }
            let Some(ids) = self.containing(run, limit) else {
                continue;
            };
            let mut bits = vec![0u64; (self.docs as usize).div_ceil(64)];
            for id in ids {
                let list = self.list(id).inspect_err(|why| {
                    self.broken = Some(why.clone());
                })?;
                for d in list {
                    bits[d as usize / 64] |= 1 << (d % 64);
                }
            }
            if let Some((before, _)) = &found {
                for (b, f) in bits.iter_mut().zip(before) {
                    *b &= f;
                }
            }
            let n = bits.iter().map(|b| b.count_ones() as usize).sum();
            found = Some((bits, n));
        }
        let Some((bits, _)) = found else {
            return Ok(None);
        };
        let mut docs = Vec::new();
        for (w, &word) in bits.iter().enumerate() {
            let mut rest = word;
            while rest != 0 {
                docs.push(DocId((w * 64) as u32 + rest.trailing_zeros()));
                rest &= rest - 1;
            }
        }
        Ok(Some(docs))
    }
}

impl crate::store::reader::SearchIndex for WordIndex {
    /// The query where it occurs, in the articles that can hold it; every
    /// article when the index cannot be read (said once in the log).
    fn plan(&mut self, query: &str) -> Result<crate::store::reader::SearchPlan, String> {
        let mut plan = crate::store::reader::SearchPlan::literal(query);
        let was_broken = self.broken.is_some();
        match self.candidates(query) {
            Ok(docs) => plan.docs = docs,
            Err(why) if !was_broken => {
                tracing::warn!("word index not used: {why}; searching every article")
            }
            Err(_) => {}
        }
        Ok(plan)
    }
}

/// Articles `d0.txt`, `d1.txt`, … with `texts` (for tests).
#[cfg(test)]
pub(crate) fn documents(texts: &[impl AsRef<str>]) -> Vec<Arc<Document>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Arc::new(Document::from_bytes(
                format!("d{i}"),
                format!("d{i}.txt").into(),
                t.as_ref().as_bytes(),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::word_file;

    fn index_of(texts: &[String]) -> WordIndex {
        let built = build(&documents(texts)).unwrap();
        word_file::from_bytes(&word_file::encode(&built, 1), 1, texts.len()).unwrap()
    }

    fn ids(found: Option<Vec<DocId>>) -> Option<Vec<usize>> {
        found.map(|d| d.iter().map(|d| d.index()).collect())
    }

    #[test]
    fn a_permutation_is_carried_out_in_place_on_both() {
        let mut s = 0x9e37_79b9_7f4a_7c15_u64;
        for n in [0usize, 1, 2, 3, 7, 64, 1000] {
            // A random order of 0..n (Fisher–Yates).
            let mut order: Vec<u32> = (0..n as u32).collect();
            for i in (1..n).rev() {
                order.swap(i, (next(&mut s) % (i as u64 + 1)) as usize);
            }
            let mut v: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
            let old = v.clone();
            permute(&mut v, &order);
            for (i, &o) in order.iter().enumerate() {
                assert_eq!(v[i], old[o as usize], "{n}: {i}");
            }
        }
    }

    #[test]
    fn the_words_found_are_listed_once_each_and_sorted() {
        let texts: Vec<String> = [
            "zebra Apfel zebra",
            "apfel, Birne",
            "Zebra? ",
            "birne apfel",
        ]
        .map(String::from)
        .to_vec();
        let built = build(&documents(&texts)).unwrap();
        let words: Vec<&str> = built.words.iter().collect();
        assert_eq!(words, ["", "apfel", "birne", "zebra"]);
        let docs = |w: usize| {
            let l = &built.lists[w];
            List::decode(l.bytes(), l.count, 4).unwrap()
        };
        assert!(docs(0).is_empty(), "no word too long");
        assert_eq!(docs(1), [0, 1, 3]);
        assert_eq!(docs(2), [1, 3]);
        assert_eq!(docs(3), [0, 2]);
    }

    #[test]
    fn the_index_built_in_chunks_is_the_index_built_plainly() {
        let pieces = [
            "ab", "Ab", "ä", "ß", "ss", " ", ".", "é", "1", "zz", "bä", "\n",
        ];
        let long = "q".repeat(MAX_WORD + 1);
        let mut s = 0x2545_f491_4f6c_dd1d_u64;
        let texts: Vec<String> = (0..CHUNK * 3 + 11)
            .map(|i| {
                let n = next(&mut s) % 9;
                let mut t: String = (0..n)
                    .map(|_| pieces[(next(&mut s) % pieces.len() as u64) as usize])
                    .collect();
                if i % 1000 == 7 {
                    t.push_str(&format!(" {long} "));
                }
                t
            })
            .collect();
        let built = build(&documents(&texts)).unwrap();
        // Plainly: every word of every folded text, in a sorted map.
        let mut plain: std::collections::BTreeMap<String, Vec<u32>> = Default::default();
        plain.insert(String::new(), Vec::new());
        for (d, t) in texts.iter().enumerate() {
            let mut folded = String::new();
            fold_into(t, &mut folded);
            for w in each_word(&folded) {
                let w = if w.len() > MAX_WORD { "" } else { w };
                let list = plain.entry(w.to_string()).or_default();
                if list.last() != Some(&(d as u32)) {
                    list.push(d as u32);
                }
            }
        }
        let words: Vec<&str> = built.words.iter().collect();
        let expected: Vec<&str> = plain.keys().map(String::as_str).collect();
        assert_eq!(words, expected);
        for (list, docs) in built.lists.iter().zip(plain.values()) {
            let n = texts.len() as u32;
            assert_eq!(&List::decode(list.bytes(), list.count, n).unwrap(), docs);
        }
        let too_long = (0..texts.len()).filter(|i| i % 1000 == 7).count();
        assert_eq!(
            plain[""].len(),
            too_long,
            "the articles with a word too long"
        );
    }

    #[test]
    fn a_list_outgrowing_its_own_bytes_keeps_every_article() {
        // One byte per article: the list holds INLINE of them itself, then
        // moves them out.
        for n in [0, 1, INLINE - 1, INLINE, INLINE + 1, 3 * INLINE, 1000] {
            let mut list = List::default();
            let docs: Vec<u32> = (0..n as u32).map(|i| i * 3).collect();
            for &d in &docs {
                list.push(d);
            }
            assert_eq!(list.bytes().len(), n, "{n}");
            assert_eq!(List::decode(list.bytes(), n as u32, 3000).unwrap(), docs);
            assert_eq!(list.clone(), list);
        }
        // A varint that does not fit the rest of the list's own bytes.
        let mut list = List::default();
        let mut docs: Vec<u32> = (0..INLINE as u32 - 2).collect();
        docs.push(u32::MAX - 1);
        for &d in &docs {
            list.push(d);
        }
        assert_eq!(
            List::decode(list.bytes(), docs.len() as u32, u32::MAX).unwrap(),
            docs
        );
    }

    #[test]
    fn varints_round_trip_and_a_list_must_be_what_it_says() {
        let mut list = List::default();
        let docs = [0u32, 1, 127, 128, 300, 16_384, u32::MAX - 1];
        for d in docs {
            list.push(d);
        }
        assert_eq!(List::decode(list.bytes(), 7, u32::MAX).unwrap(), docs);
        assert!(
            List::decode(list.bytes(), 6, u32::MAX).is_err(),
            "more than said"
        );
        assert!(
            List::decode(list.bytes(), 7, 20_000).is_err(),
            "past the corpus"
        );
        let cut = &list.bytes()[..list.bytes().len() - 1];
        assert!(List::decode(cut, 7, u32::MAX).is_err(), "cut in a number");
        assert!(
            List::decode(&[0xff; 5], 1, u32::MAX).is_err(),
            "too large a number"
        );
        assert_eq!(
            read_varint(&[0xff, 0xff, 0xff, 0xff, 0x0f]),
            Some((u32::MAX, 5))
        );
    }

    #[test]
    fn a_query_finds_the_articles_holding_each_of_its_words() {
        let texts: Vec<String> = [
            "Kim Jong Un traf Putin in Wladiwostok.",
            "In München und in der Straße.",
            "Westberliner Zeitung, Berlin.",
            "Nichts davon hier.",
            "Kim Il-sung, Vater.",
            "Ein Satz ohne Namen.",
        ]
        .map(String::from)
        .to_vec();
        let mut ix = index_of(&texts);
        let mut find = |q: &str| ids(ix.candidates(q).unwrap());
        assert_eq!(find("MUNCHEN"), Some(vec![1]), "folded like the search");
        assert_eq!(find("strasse"), Some(vec![1]), "ß as ss");
        assert_eq!(find("berlin"), Some(vec![2]), "inside a word too");
        assert_eq!(find("Kim Jong"), Some(vec![0]), "every word of the query");
        assert_eq!(find("wladiwostock"), Some(vec![]), "a spelling not there");
        assert_eq!(find("kim"), Some(vec![0, 4]));
        assert_eq!(
            find("in"),
            None,
            "in most articles: every article is searched"
        );
        assert_eq!(find("?!"), None, "no word to look up");
        let pasted = "Kim Jong Un traf Putin in Wladiwostok. ".repeat(40);
        assert_eq!(find(&pasted), Some(vec![0]), "a pasted paragraph");
        assert_eq!(
            find("Kim Jong Un traf Putin in Wladiwostok, heute"),
            Some(vec![0]),
            "once the longest word leaves few articles, the others are not looked up"
        );
    }

    #[test]
    fn a_query_of_words_each_in_many_articles_finds_those_with_all() {
        // 200 articles: `alpha` in the even ones, `beta` in every fifth;
        // each in more than the few that end a lookup.
        let texts: Vec<String> = (0..200)
            .map(|i| {
                let a = if i % 2 == 0 { "alpha" } else { "gamma" };
                let b = if i % 5 == 0 { "beta" } else { "delta" };
                format!("{a} {b}")
            })
            .collect();
        let mut ix = index_of(&texts);
        let both: Vec<usize> = (0..200).filter(|i| i % 10 == 0).collect();
        assert_eq!(ids(ix.candidates("alpha beta").unwrap()), Some(both));
        let evens: Vec<usize> = (0..200).step_by(2).collect();
        assert_eq!(ids(ix.candidates("alpha").unwrap()), Some(evens));
    }

    #[test]
    fn articles_with_a_word_too_long_to_list_are_always_searched() {
        let long = "a".repeat(MAX_WORD) + "zzz";
        let texts = vec![
            format!("Vorher {long} nachher"),
            "kurz".to_string(),
            "anders".to_string(),
            "noch".to_string(),
        ];
        let mut ix = index_of(&texts);
        assert_eq!(ids(ix.candidates("azzz").unwrap()), Some(vec![0]));
        assert_eq!(ids(ix.candidates("kurz").unwrap()), Some(vec![0, 1]));
        assert_eq!(ids(ix.candidates(&long).unwrap()), Some(vec![0]));
    }

    /// A small pseudo-random generator, so that the test is the same every run.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn no_article_a_search_of_every_article_finds_is_left_out() {
        let pieces = [
            "ab", "Ab", "ä", "ß", "ss", "ö", "o", " ", " ", ".", "-", "é", "1", "İ", "bä", "\n",
        ];
        let mut s = 0x2545_f491_4f6c_dd1d_u64;
        // Across several chunks, so that the chunks are joined in order.
        let texts: Vec<String> = (0..CHUNK * 2 + 37)
            .map(|_| {
                let n = next(&mut s) % 12;
                (0..n)
                    .map(|_| pieces[(next(&mut s) % pieces.len() as u64) as usize])
                    .collect()
            })
            .collect();
        let mut ix = index_of(&texts);
        // The same index scanned in pieces of a few words.
        let mut in_pieces = index_of(&texts);
        in_pieces.pieces = super::pieces(in_pieces.vocab.bytes(), 9, |_| {});
        assert!(in_pieces.pieces.len() > 10);
        let cover: usize = in_pieces.pieces.iter().map(|p| p.1 - p.0).sum();
        assert_eq!(
            cover,
            in_pieces.vocab.bytes().len(),
            "the pieces cover the words"
        );
        let mut narrowed = 0;
        for q in 0..400 {
            let query: String = if q % 2 == 0 {
                let t = &texts[(next(&mut s) % texts.len() as u64) as usize];
                let chars: Vec<char> = t.chars().collect();
                let a = (next(&mut s) % (chars.len() as u64 + 1)) as usize;
                let b = a + (next(&mut s) % (chars.len() - a + 1) as u64) as usize;
                chars[a..b].iter().collect()
            } else {
                (0..1 + next(&mut s) % 4)
                    .map(|_| pieces[(next(&mut s) % pieces.len() as u64) as usize])
                    .collect()
            };
            let found = ix.candidates(&query).unwrap();
            assert_eq!(found, in_pieces.candidates(&query).unwrap(), "{query:?}");
            let Some(found) = found else {
                continue;
            };
            narrowed += 1;
            for (d, t) in texts.iter().enumerate() {
                let holds = !crate::search::find_in(t, &query).is_empty();
                let listed = found.binary_search(&DocId(d as u32)).is_ok();
                assert!(!holds || listed, "{query:?} is in article {d} ({t:?})");
            }
        }
        assert!(narrowed > 50, "the index narrowed {narrowed} searches down");
    }
}
