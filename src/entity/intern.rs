//! Interned names: every distinct surface form and match key is stored once
//! per process, and each mention or entity refers to it by a four-byte
//! handle.
//!
//! A corpus of 100,000 articles has about 1.5 million mentions but only tens
//! of thousands of distinct surfaces and keys (`Putin`, `Putins`,
//! `wladimir putin`, …); interning keeps one copy of each. A million
//! articles that name many different people hold millions of local entities
//! and millions of distinct names at once while they are linked, so the
//! handle is a number, not a pointer: a mention was 16 bytes instead of 32
//! (12 since; see `link::doc`), a key list entry 4 instead of 16: at the
//! bench's million articles (12 million local entities, 7 million distinct
//! names) the analyses' arrays took 0.63 GB instead of 1.12 GB, and the
//! process 1.01 GB instead of 1.66 GB once they are read (see
//! BENCHMARKS.md).
//!
//! Interned strings live as long as the process (a reader opens one
//! corpus), so [`Name::as_str`] gives a `&'static str`, and a name is equal
//! to another exactly when it has the same number: comparing and hashing
//! names costs no string work.
//!
//! The texts are written once, length first, into blocks that are never
//! freed or moved; the number of a name finds its text through a table of
//! slots that only grows ([`slot`]). A slot is written before its number
//! leaves the interner's lock, so every thread that holds a name can read
//! its text without a lock.

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};
use std::num::NonZeroU32;
use std::ops::Deref;
use std::sync::atomic::{AtomicPtr, AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

/// An interned string. Equality and hashing go by its number, which is the
/// same as by content because each content is interned once. Ordering is by
/// content, so sorted output does not depend on which thread met a name
/// first.
#[derive(Clone, Copy)]
pub struct Name(NonZeroU32);

/// Shards of the interner, chosen by the string's hash, so that threads
/// analysing documents in parallel rarely wait for each other.
const SHARDS: usize = 16;

/// One shard: the names whose hash chose it, and the block their texts are
/// written into.
#[derive(Default)]
struct Shard {
    /// The shard's names, placed by the hash of their text.
    names: HashTable<Name>,
    /// The rest of the block the next text is written into.
    block: &'static mut [u8],
}

fn shards() -> &'static [Mutex<Shard>; SHARDS] {
    static TABLE: OnceLock<[Mutex<Shard>; SHARDS]> = OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|_| Mutex::new(Shard::default())))
}

/// The shard of a string with hash `hash`: from bits 32 to 35, which the
/// shard's own table does not read. It places a string by the low bits and
/// tells strings in the same place apart by the top seven; a shard chosen
/// by the top bits left every string in it with the same five of those
/// seven, and a lookup compared many strings byte by byte to find its own.
fn shard_of(hash: u64) -> usize {
    (hash >> 32) as usize % SHARDS
}

/// Bytes of a block texts are written into (a text too long for a quarter
/// of one gets a block of its own).
const BLOCK: usize = 1 << 16;

/// Slots in the first chunk of the slot table; chunk `k` has `FIRST << k`.
const FIRST: usize = 1 << 12;

/// Chunks of the slot table: enough for every `u32` number.
const CHUNKS: usize = 21;

/// The slot table: chunk `k` holds the slots of names `FIRST * (2^k - 1)`
/// to `FIRST * (2^(k+1) - 1) - 1` (counting from 0), each the address of
/// its name's text. A chunk is made by the first thread that needs it and
/// never moved or freed.
static TABLE: [AtomicPtr<AtomicPtr<u8>>; CHUNKS] =
    [const { AtomicPtr::new(std::ptr::null_mut()) }; CHUNKS];

/// The number the next new name gets (numbers start at 1).
static NEXT: AtomicU32 = AtomicU32::new(1);

/// The chunk of name number `n` (from 1) and its place in it.
fn place(n: NonZeroU32) -> (usize, usize) {
    let i = (n.get() - 1) as usize;
    let k = (i / FIRST + 1).ilog2() as usize;
    (k, i - FIRST * ((1 << k) - 1))
}

/// The slot of name number `n`, its chunk made if it is not yet.
fn slot(n: NonZeroU32) -> &'static AtomicPtr<u8> {
    let (k, at) = place(n);
    let mut chunk = TABLE[k].load(Ordering::Acquire);
    if chunk.is_null() {
        let made: Box<[AtomicPtr<u8>]> = (0..FIRST << k)
            .map(|_| AtomicPtr::new(std::ptr::null_mut()))
            .collect();
        let made = Box::into_raw(made).cast::<AtomicPtr<u8>>();
        match TABLE[k].compare_exchange(
            std::ptr::null_mut(),
            made,
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => chunk = made,
            Err(theirs) => {
                // Another thread made it first: ours goes.
                // SAFETY: `made` came from `Box::into_raw` of a slice of
                // `FIRST << k` slots just above and was never shared.
                drop(unsafe {
                    Box::from_raw(std::ptr::slice_from_raw_parts_mut(made, FIRST << k))
                });
                chunk = theirs;
            }
        }
    }
    // SAFETY: chunk `k` holds `FIRST << k` slots and `at` is below that
    // (see `place`); chunks are never freed.
    unsafe { &*chunk.add(at) }
}

/// Write `s` into `block` (or a block of its own) as its length in LEB128
/// then its bytes, and give the address of the record.
fn write_text(block: &mut &'static mut [u8], s: &str) -> *mut u8 {
    let mut len = [0u8; 10];
    let mut n = 0;
    let mut rest = s.len();
    loop {
        let byte = (rest & 0x7f) as u8;
        rest >>= 7;
        len[n] = if rest == 0 { byte } else { byte | 0x80 };
        n += 1;
        if rest == 0 {
            break;
        }
    }
    let need = n + s.len();
    let dest: &'static mut [u8] = if need > BLOCK / 4 {
        Box::leak(vec![0u8; need].into_boxed_slice())
    } else {
        if block.len() < need {
            *block = Box::leak(vec![0u8; BLOCK].into_boxed_slice());
        }
        let (dest, rest) = std::mem::take(block).split_at_mut(need);
        *block = rest;
        dest
    };
    dest[..n].copy_from_slice(&len[..n]);
    dest[n..].copy_from_slice(s.as_bytes());
    dest.as_mut_ptr()
}

impl Name {
    /// The interned copy of `s`.
    ///
    /// # Panics
    ///
    /// When more than 4,294,967,295 distinct names have been interned:
    /// their texts alone would take tens of gigabytes first.
    pub fn new(s: &str) -> Name {
        let hash = FxBuildHasher.hash_one(s);
        let mut shard = shards()[shard_of(hash)]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(&found) = shard.names.find(hash, |n| n.as_str() == s) {
            return found;
        }
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let n = NonZeroU32::new(n)
            .filter(|n| n.get() != u32::MAX)
            .expect("fewer than 2^32 distinct names");
        let text = write_text(&mut shard.block, s);
        // Written before the number leaves this lock: a thread that gets
        // the name, from here or from a thread that did, reads it.
        slot(n).store(text, Ordering::Release);
        let name = Name(n);
        shard
            .names
            .insert_unique(hash, name, |n| FxBuildHasher.hash_one(n.as_str()));
        name
    }

    /// Its number: the same for the same text within one process, and
    /// different for different texts; no order of the texts.
    pub fn number(self) -> u32 {
        self.0.get()
    }

    /// The string.
    pub fn as_str(self) -> &'static str {
        let text = slot(self.0).load(Ordering::Acquire);
        // SAFETY: a `Name` is only made by `Name::new`, which wrote its
        // text (a LEB128 length, then that many bytes of a `str`) into a
        // block that is never freed or written again, and stored its
        // address in the slot before the name was handed out; the load
        // above sees it (acquire, against that release, or through the
        // synchronisation that passed the name to this thread).
        unsafe {
            let mut len = 0usize;
            let mut at = 0;
            loop {
                let byte = *text.add(at);
                len |= usize::from(byte & 0x7f) << (7 * at);
                at += 1;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(text.add(at), len))
        }
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.0 == other.0
    }
}

impl Eq for Name {}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Hash for Name {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Name) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name::new(s)
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Name, E> {
                Ok(Name::new(v))
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shard_leaves_the_bits_its_table_reads_to_the_table() {
        // Strings of one shard keep all seven top bits (the table's tags)
        // and the low bits (their places) free to differ.
        let base = 0x0123_4567_89ab_cdef_u64;
        for top in 0..128u64 {
            assert_eq!(shard_of(base & !(0x7f << 57) | top << 57), shard_of(base));
        }
        for low in 0..1024u64 {
            assert_eq!(shard_of(base & !0x3ff | low), shard_of(base));
        }
        // And the shards are all used.
        let used: std::collections::HashSet<usize> =
            (0..SHARDS as u64).map(|s| shard_of(s << 32)).collect();
        assert_eq!(used.len(), SHARDS);
    }

    #[test]
    fn equal_strings_share_one_copy_and_different_ones_differ() {
        let a = Name::new("Wladiwostok");
        let b = Name::new(&String::from("Wladiwostok"));
        assert_eq!(a, b);
        assert!(std::ptr::eq(a.as_str(), b.as_str()), "one copy");
        assert_ne!(a, Name::new("Wladiwostock"));
        assert_eq!(a, "Wladiwostok");
        assert_eq!(a.number(), b.number());
        assert_ne!(a.number(), Name::new("Wladiwostock").number());
    }

    #[test]
    fn order_is_by_content() {
        let mut v = [Name::new("zeta"), Name::new("alpha"), Name::new("mu")];
        v.sort();
        let s: Vec<&str> = v.iter().map(|n| n.as_str()).collect();
        assert_eq!(s, ["alpha", "mu", "zeta"]);
    }

    #[test]
    fn interning_from_many_threads_gives_one_copy() {
        let names: Vec<Name> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..8)
                .map(|_| s.spawn(|| Name::new("Kim Jong-un")))
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(names.windows(2).all(|w| w[0] == w[1]));
    }

    #[test]
    fn numbers_find_their_chunk_and_place() {
        let at = |n: u32| place(NonZeroU32::new(n).unwrap());
        assert_eq!(at(1), (0, 0));
        assert_eq!(at(FIRST as u32), (0, FIRST - 1));
        assert_eq!(at(FIRST as u32 + 1), (1, 0));
        assert_eq!(at(3 * FIRST as u32), (1, 2 * FIRST - 1));
        assert_eq!(at(3 * FIRST as u32 + 1), (2, 0));
        // The last number fits the last chunk.
        let (k, i) = at(u32::MAX);
        assert!(k < CHUNKS && i < FIRST << k, "{k} {i}");
    }

    #[test]
    fn every_text_comes_back_whole() {
        // Lengths that take one, two and three bytes to write, a text
        // longer than a quarter block (a block of its own), the empty one,
        // and text that is not ASCII.
        let texts: Vec<String> = vec![
            String::new(),
            "Ü".into(),
            "ä".repeat(64),
            "x".repeat(127),
            "x".repeat(128),
            "y".repeat(16_383),
            "z".repeat(16_384),
            "Kim Jong-un".into(),
        ];
        let names: Vec<Name> = texts.iter().map(|t| Name::new(t)).collect();
        for (n, t) in names.iter().zip(&texts) {
            assert_eq!(n.as_str(), t);
            assert_eq!(Name::new(t), *n, "found again");
        }
        // Different texts are different names, even where one is the start
        // of another.
        assert_ne!(names[3], names[4]);
        assert_ne!(names[5], names[6]);
        assert_eq!(std::mem::size_of::<Name>(), 4);
        assert_eq!(std::mem::size_of::<Option<Name>>(), 4);
    }

    #[test]
    fn names_made_on_many_threads_are_read_on_others() {
        // More names than a first chunk holds, made on four threads at
        // once, each read back here and found again by its text.
        let made: Vec<(String, Name)> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..4)
                .map(|t| {
                    s.spawn(move || {
                        (0..2 * FIRST)
                            .map(|i| {
                                let text = format!("name {t} {i}");
                                let n = Name::new(&text);
                                (text, n)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
        });
        for (text, n) in &made {
            assert_eq!(n.as_str(), text);
            assert_eq!(Name::new(text), *n);
        }
        let distinct: std::collections::HashSet<Name> = made.iter().map(|(_, n)| *n).collect();
        assert_eq!(distinct.len(), made.len());
    }

    #[test]
    fn serialises_as_the_string() {
        let n = Name::new("Nordkorea");
        let bytes = postcard::to_stdvec(&n).unwrap();
        assert_eq!(postcard::to_stdvec("Nordkorea").unwrap(), bytes);
        let back: Name = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, n);
    }
}
