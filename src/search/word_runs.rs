//! The word index of a corpus built into its file a part at a time
//! ([`write`]), so that its words and lists are never all held at once.
//!
//! The words of the articles are gathered, in corpus order, until they take
//! about [`BUDGET`] bytes; then they are sorted and written out as a *run*
//! to a scratch file, and gathering starts again. The runs are merged word
//! by word into the file: each word's lists from the runs, one after
//! another (a run's articles all come after the runs' before it), the
//! vocabulary written straight to the file, the table and the lists to two
//! scratch files copied in after it. At a million articles (6.7 million
//! words) the whole vocabulary and its lists held at once took 0.9 GB more
//! than the reader held before; see BENCHMARKS.md.
//!
//! The file is the one [`word_file::write`] writes of
//! [`words::build`], byte for byte. Scratch files are anonymous (removed
//! by the system when closed, even if dossier is killed), in the folder of
//! the file (the user's private cache folder).

use super::word_file::{self, HEADER_BYTES};
use super::words::{self, Built, Found};
use crate::corpus::Document;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};
use std::path::Path;
use std::sync::Arc;

/// About the most bytes the words gathered take before they are written
/// out as a run.
pub const BUDGET: usize = 64 << 20;

/// Bytes of the buffer of each scratch file read or written.
const BUFFER: usize = 1 << 16;

/// Write the word index file of `docs`, for the corpus whose key is `key`,
/// to `path` (atomically, as [`word_file::write`] does), gathering at most
/// about [`BUDGET`] bytes of words at a time. Fails when a scratch file or
/// the file cannot be written, and when the corpus has more articles or
/// words than the index can number.
pub fn write(path: &Path, docs: &[Arc<Document>], key: u64) -> io::Result<()> {
    write_sized(path, docs, key, BUDGET, words::CHUNK)
}

fn too_large() -> io::Error {
    io::Error::other("too large for a word index")
}

fn broken(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("word index run: {why}"))
}

/// [`write`] with a budget of `budget` bytes and chunks of `chunk`
/// articles (the unit of reading, and so of a run).
fn write_sized(
    path: &Path,
    docs: &[Arc<Document>],
    key: u64,
    budget: usize,
    chunk: usize,
) -> io::Result<()> {
    let total = u32::try_from(docs.len()).map_err(|_| too_large())?;
    let path = &crate::atomic::target_of(path);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::atomic::create_private_dir(dir)?;
    let mut runs = Vec::new();
    let mut found = Found::new();
    words::read_words(docs, chunk, |words| {
        found.join(words).ok_or_else(too_large)?;
        if found.held() > budget {
            let full = std::mem::replace(&mut found, Found::new());
            runs.push(spill(full, dir)?);
        }
        Ok::<(), io::Error>(())
    })?;
    if runs.is_empty() {
        // It all fitted: written as a whole.
        let (words, lists) = found.sorted();
        let built = Built {
            docs: total,
            words,
            lists,
        };
        return word_file::write(path, &built, key);
    }
    runs.push(spill(found, dir)?);
    crate::atomic::write_patched(path, |out| merge(runs, out, dir, key, total)).map(drop)
}

/// Write the words of `found`, sorted, with their lists, to a scratch file
/// in `dir`, ready to be read from its start: each word as its length in
/// one byte and its bytes, then its list's articles, the number after its
/// last (both `u32`), the length of its varints (`u32`) and the varints.
fn spill(found: Found, dir: &Path) -> io::Result<File> {
    let (words, lists) = found.sorted();
    let mut out = BufWriter::with_capacity(BUFFER, tempfile::tempfile_in(dir)?);
    for (word, list) in words.iter().zip(&lists) {
        let len = u8::try_from(word.len()).map_err(|_| too_large())?;
        let bytes = list.bytes();
        let n = u32::try_from(bytes.len()).map_err(|_| too_large())?;
        out.write_all(&[len])?;
        out.write_all(word.as_bytes())?;
        out.write_all(&list.count.to_le_bytes())?;
        out.write_all(&list.next().to_le_bytes())?;
        out.write_all(&n.to_le_bytes())?;
        out.write_all(bytes)?;
    }
    let mut file = out.into_inner().map_err(|e| e.into_error())?;
    file.rewind()?;
    Ok(file)
}

/// A run being read back: its current word's list.
struct Run {
    input: BufReader<File>,
    count: u32,
    next: u32,
    bytes: Vec<u8>,
}

impl Run {
    fn new(file: File) -> Run {
        Run {
            input: BufReader::with_capacity(BUFFER, file),
            count: 0,
            next: 0,
            bytes: Vec::new(),
        }
    }

    /// Read the next word into `word`, and its list; `false` at the end of
    /// the run. A run cut short, or a list longer than its articles can
    /// take, is an error.
    fn read(&mut self, word: &mut Vec<u8>) -> io::Result<bool> {
        let mut len = [0u8; 1];
        if self.input.read(&mut len)? == 0 {
            return Ok(false);
        }
        word.resize(usize::from(len[0]), 0);
        self.input.read_exact(word)?;
        let mut head = [0u8; 12];
        self.input.read_exact(&mut head)?;
        let u32_at =
            |at: usize| u32::from_le_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
        (self.count, self.next) = (u32_at(0), u32_at(4));
        let n = u32_at(8) as usize;
        // A varint takes one byte at least and five at most.
        if n > 5 * self.count as usize || self.count as usize > n {
            return Err(broken("a list longer or shorter than its articles"));
        }
        self.bytes.resize(n, 0);
        self.input.read_exact(&mut self.bytes)?;
        Ok(true)
    }
}

/// One word's list as its runs' lists are joined.
#[derive(Default)]
struct Merged {
    word: Vec<u8>,
    count: u32,
    next: u32,
    bytes: Vec<u8>,
}

impl Merged {
    /// Start the list of `word`.
    fn start(&mut self, word: &[u8]) {
        self.word.clear();
        self.word.extend_from_slice(word);
        self.count = 0;
        self.next = 0;
        self.bytes.clear();
    }

    /// Add the list `run` holds after the articles listed: only its first
    /// varint changes (it counted from 0; it counts from `next` now), so
    /// the list is the one [`words::List::push`] makes of all its articles.
    fn append(&mut self, run: &Run) -> io::Result<()> {
        if run.count == 0 {
            return Ok(());
        }
        let (first, used) =
            words::read_varint(&run.bytes).ok_or_else(|| broken("a number cut off"))?;
        let gap = first
            .checked_sub(self.next)
            .ok_or_else(|| broken("its articles before those of the run before"))?;
        let mut varint = [0u8; 5];
        let n = words::write_varint(&mut varint, gap);
        self.bytes.extend_from_slice(&varint[..n]);
        self.bytes.extend_from_slice(&run.bytes[used..]);
        self.count = self.count.checked_add(run.count).ok_or_else(too_large)?;
        self.next = run.next;
        Ok(())
    }
}

/// The parts of the file as they are written: the vocabulary to the file,
/// the table and the lists to scratch files.
struct Parts<'a> {
    out: &'a mut dyn Write,
    table: BufWriter<File>,
    lists: BufWriter<File>,
    words: u32,
    vocab: u64,
    postings: u64,
    /// The checksum of the vocabulary so far.
    sum: u64,
}

impl Parts<'_> {
    /// Write `m`'s word, entry and list.
    fn add(&mut self, m: &Merged) -> io::Result<()> {
        let len = u32::try_from(m.bytes.len()).map_err(|_| too_large())?;
        self.words = self
            .words
            .checked_add(1)
            .filter(|&w| w < u32::MAX)
            .ok_or_else(too_large)?;
        self.out.write_all(&m.word)?;
        self.out.write_all(b"\n")?;
        self.sum = crate::ingest::cache::fnv(crate::ingest::cache::fnv(self.sum, &m.word), b"\n");
        self.vocab += m.word.len() as u64 + 1;
        let entry = word_file::entry(m.count, len, self.postings, word_file::checksum(&m.bytes));
        self.table.write_all(&entry)?;
        self.lists.write_all(&m.bytes)?;
        self.postings += u64::from(len);
        Ok(())
    }
}

/// Merge `runs` (in corpus order) into the word index file of `total`
/// articles for `key`, written to `out` (its header left zero); returns
/// where the header goes and its bytes. Scratch files go to `dir`.
fn merge(
    runs: Vec<File>,
    out: &mut dyn Write,
    dir: &Path,
    key: u64,
    total: u32,
) -> io::Result<(u64, Vec<u8>)> {
    let prefix = crate::ingest::linked_file::prefix();
    out.write_all(&prefix)?;
    out.write_all(&[0u8; HEADER_BYTES])?;
    let scratch = || -> io::Result<BufWriter<File>> {
        Ok(BufWriter::with_capacity(
            BUFFER,
            tempfile::tempfile_in(dir)?,
        ))
    };
    let mut parts = Parts {
        out,
        table: scratch()?,
        lists: scratch()?,
        words: 0,
        vocab: 0,
        postings: 0,
        sum: word_file::checksum(&[]),
    };
    let mut runs: Vec<Run> = runs.into_iter().map(Run::new).collect();
    // Each run's current word, the least first; of runs with the same
    // word, the earlier first, so that its articles come first.
    let mut heads = BinaryHeap::with_capacity(runs.len());
    for (i, run) in runs.iter_mut().enumerate() {
        let mut word = Vec::new();
        if run.read(&mut word)? {
            heads.push(Reverse((word, i)));
        }
    }
    let mut m = Merged::default();
    let mut any = false;
    while let Some(Reverse((mut word, i))) = heads.pop() {
        if !any || m.word != word {
            if any {
                parts.add(&m)?;
            }
            m.start(&word);
            any = true;
        }
        m.append(&runs[i])?;
        if runs[i].read(&mut word)? {
            if word <= m.word {
                return Err(broken("its words out of order"));
            }
            heads.push(Reverse((word, i)));
        }
    }
    if any {
        parts.add(&m)?;
    }
    let Parts {
        out,
        table,
        lists,
        words,
        vocab,
        postings,
        mut sum,
    } = parts;
    let mut buf = vec![0u8; BUFFER];
    let mut table = table.into_inner().map_err(|e| e.into_error())?;
    table.rewind()?;
    loop {
        let n = table.read(&mut buf)?;
        if n == 0 {
            break;
        }
        sum = crate::ingest::cache::fnv(sum, &buf[..n]);
        out.write_all(&buf[..n])?;
    }
    let mut lists = lists.into_inner().map_err(|e| e.into_error())?;
    lists.rewind()?;
    io::copy(&mut lists, out)?;
    let head = word_file::Head {
        key,
        docs: total,
        words,
        vocab,
        postings,
        sum,
    }
    .bytes(word_file::FORMAT);
    Ok((prefix.len() as u64, head.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts with words in many articles and in few, words longer than
    /// any listed, articles without a word, and folding (`Straße`,
    /// `STRASSE`).
    fn texts(n: usize) -> Vec<String> {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let common = ["der", "Straße", "STRASSE", "Bonn", "über", "Kim", "Jong-un"];
        (0..n)
            .map(|i| {
                if i % 17 == 5 {
                    return String::new();
                }
                let mut t = String::new();
                for _ in 0..(next() % 12) {
                    let r = next();
                    match r % 10 {
                        0..=4 => t.push_str(common[(r / 10 % common.len() as u64) as usize]),
                        5..=7 => t.push_str(&format!("wort{}", r / 10 % 300)),
                        8 => t.push_str(&format!("selten{i}")),
                        _ if r % 3 == 0 => t.push_str(&"x".repeat(70)),
                        _ => t.push_str(&format!("{}", r % 1000)),
                    }
                    t.push(' ');
                }
                t
            })
            .collect()
    }

    #[test]
    fn a_file_built_in_runs_is_the_file_built_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        for n in [0, 1, 40, 333] {
            let docs = words::documents(&texts(n));
            let plain = word_file::encode(&words::build(&docs).unwrap(), 7);
            // A budget of 0 writes a run after every chunk; a large one
            // writes the file as a whole.
            for (budget, chunk) in [(0, 1), (0, 7), (300, 5), (0, 2048), (1 << 30, 3)] {
                let path = dir.path().join(format!("w-{n}-{budget}-{chunk}.bin"));
                write_sized(&path, &docs, 7, budget, chunk).unwrap();
                assert!(
                    std::fs::read(&path).unwrap() == plain,
                    "{n} articles, budget {budget}, chunks of {chunk}"
                );
                let ix = word_file::open(&path, 7, docs.len()).unwrap();
                assert_eq!(ix.docs(), n);
            }
        }
        // Nothing but the files written is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4 * 5);
    }

    /// A run's bytes: each word with its list's articles, next and varints.
    fn run_of(entries: &[(&str, u32, u32, &[u8])]) -> File {
        let mut f = tempfile::tempfile().unwrap();
        for &(word, count, next, bytes) in entries {
            f.write_all(&[word.len() as u8]).unwrap();
            f.write_all(word.as_bytes()).unwrap();
            f.write_all(&count.to_le_bytes()).unwrap();
            f.write_all(&next.to_le_bytes()).unwrap();
            f.write_all(&(bytes.len() as u32).to_le_bytes()).unwrap();
            f.write_all(bytes).unwrap();
        }
        f.rewind().unwrap();
        f
    }

    fn merged(runs: Vec<File>) -> io::Result<Vec<u8>> {
        let dir = tempfile::tempdir().unwrap();
        let mut out = Vec::new();
        let (at, head) = merge(runs, &mut out, dir.path(), 1, 10)?;
        out[at as usize..at as usize + head.len()].copy_from_slice(&head);
        Ok(out)
    }

    #[test]
    fn runs_are_joined_word_by_word_in_corpus_order() {
        // "a" in articles 1 and 3 (first run), then 6 (second run).
        let first = run_of(&[("", 0, 0, &[]), ("a", 2, 4, &[1, 1]), ("b", 1, 3, &[2])]);
        let second = run_of(&[("", 1, 6, &[5]), ("a", 1, 7, &[6]), ("c", 1, 8, &[7])]);
        let bytes = merged(vec![first, second]).unwrap();
        let mut ix = word_file::from_bytes(&bytes, 1, 10).unwrap();
        assert_eq!(ix.words(), 4);
        let found = |ix: &mut crate::search::words::WordIndex, q: &str| {
            ix.candidates(q)
                .unwrap()
                .map(|d| d.into_iter().map(|d| d.0).collect::<Vec<_>>())
        };
        // The empty word's article (5) is searched for every query.
        assert_eq!(found(&mut ix, "a"), Some(vec![1, 3, 5, 6]));
        assert_eq!(found(&mut ix, "c"), Some(vec![5, 7]));
    }

    #[test]
    fn a_run_cut_short_or_out_of_order_is_refused() {
        let whole = run_of(&[("", 0, 0, &[]), ("a", 2, 4, &[1, 1])]);
        let len = whole.metadata().unwrap().len();
        whole.set_len(len - 1).unwrap();
        assert!(merged(vec![whole]).is_err());
        let unordered = run_of(&[("b", 1, 2, &[1]), ("a", 1, 2, &[1])]);
        assert_eq!(
            merged(vec![unordered]).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
        // A list that says more articles than its bytes can hold, or none
        // with bytes.
        for bad in [("a", 9, 9, &[1u8][..]), ("a", 0, 0, &[1u8][..])] {
            assert!(merged(vec![run_of(&[bad])]).is_err());
        }
        // A later run whose articles come before those of an earlier one.
        let early = run_of(&[("a", 1, 6, &[5])]);
        let late = run_of(&[("a", 1, 3, &[2])]);
        assert_eq!(
            merged(vec![early, late]).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
    }

    #[test]
    fn well_formed_runs_are_merged() {
        // The refusals above are not everything failing.
        let a = run_of(&[("a", 1, 6, &[5])]);
        let b = run_of(&[("a", 1, 8, &[7])]);
        assert!(merged(vec![a, b]).is_ok());
    }
}
