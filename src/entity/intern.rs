//! Interned names: every distinct surface form and match key is stored once
//! per process, and each mention or entity refers to it by a two-word handle.
//!
//! A corpus of 100,000 articles has about 1.5 million mentions but only tens
//! of thousands of distinct surfaces and keys (`Putin`, `Putins`,
//! `wladimir putin`, …); interning keeps one copy of each. Interned strings
//! live as long as the process (a reader opens one corpus), so a [`Name`] is
//! a `&'static str` that is equal to another exactly when it is the same
//! pointer: comparing and hashing names costs no string work.

use rustc_hash::FxHasher;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::ops::Deref;
use std::sync::{Mutex, OnceLock, PoisonError};

/// An interned string. Equality and hashing go by identity, which is the
/// same as by content because each content is interned once. Ordering is by
/// content, so sorted output does not depend on allocation.
#[derive(Clone, Copy)]
pub struct Name(&'static str);

/// Shards of the interner, chosen by the string's hash, so that threads
/// analysing documents in parallel rarely wait for each other.
const SHARDS: usize = 16;

type Shard = Mutex<HashSet<&'static str, BuildHasherDefault<FxHasher>>>;

fn shards() -> &'static [Shard; SHARDS] {
    static TABLE: OnceLock<[Shard; SHARDS]> = OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|_| Mutex::new(HashSet::default())))
}

/// The shard of a string with hash `hash`: from bits 32 to 35, which the
/// shard's own table does not read. It places a string by the low bits and
/// tells strings in the same place apart by the top seven; a shard chosen
/// by the top bits left every string in it with the same five of those
/// seven, and a lookup compared many strings byte by byte to find its own.
fn shard_of(hash: u64) -> usize {
    (hash >> 32) as usize % SHARDS
}

impl Name {
    /// The interned copy of `s`.
    pub fn new(s: &str) -> Name {
        let mut h = FxHasher::default();
        s.hash(&mut h);
        let shard = &shards()[shard_of(h.finish())];
        let mut set = shard.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&found) = set.get(s) {
            return Name(found);
        }
        let stored: &'static str = Box::leak(s.to_owned().into_boxed_str());
        set.insert(stored);
        Name(stored)
    }

    /// The string.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Name {}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        self.0 == other.as_str()
    }
}

impl Hash for Name {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.0.as_ptr() as usize).hash(state);
        self.0.len().hash(state);
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Name) -> std::cmp::Ordering {
        self.0.cmp(other.0)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name::new(s)
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
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
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_ne!(a, Name::new("Wladiwostock"));
        assert_eq!(a, "Wladiwostok");
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
    fn serialises_as_the_string() {
        let n = Name::new("Nordkorea");
        let bytes = postcard::to_stdvec(&n).unwrap();
        assert_eq!(postcard::to_stdvec("Nordkorea").unwrap(), bytes);
        let back: Name = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, n);
    }
}
