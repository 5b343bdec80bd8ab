//! A static open-addressing hash table, read zero-copy from a byte slice.
//!
//! The lexicon files in `assets/lexicon/` are written by
//! `assets/tools/build_lexicons.py` and embedded with `include_bytes!`, so the
//! bytes have alignment 1: every integer is read with `from_le_bytes`, never by
//! casting pointers. A file is a sequence of one or more tables back to back.
//!
//! # Format (version 1, all integers little-endian)
//!
//! ```text
//! header, 40 bytes:
//!   0  magic        b"DXLT"
//!   4  version      u32 = 1
//!   8  name         [u8; 16], ASCII, zero-padded ("words", "places", ...)
//!  24  slot_bits    u32: the table has 2^slot_bits slots
//!  28  entry_count  u32: occupied slots (always < 2^slot_bits)
//!  32  keys_len     u32: length of the keys blob
//!  36  value_bytes  u32: 4 or 8
//! slots, 2^slot_bits × (4 + value_bytes) bytes, each:
//!   key_ref  u32: (byte offset in the keys blob << 8) | key length in bytes;
//!                 0 marks an empty slot (keys are never empty)
//!   value    u32 or u64
//! keys blob, keys_len bytes: the UTF-8 keys, concatenated
//! ```
//!
//! A key lives in slot `fnv1a64(key) & (2^slot_bits − 1)` or, if that is taken,
//! in the next free slot after it (linear probing, wrapping around). A lookup
//! walks from the home slot until it finds the key or an empty slot; the writer
//! keeps the load factor at or below 0.7, so walks are short. Values are
//! opaque here; each table's meaning is documented where it is used
//! ([`crate::entity::lexicon`]).
//!
//! [`Table::parse`] checks the header and every key reference once, so that a
//! corrupt or truncated file gives a [`TableError`], never a panic or an
//! endless probe loop.

use std::fmt;

/// Length of a table header in bytes.
const HEADER_LEN: usize = 40;
/// The magic bytes that open every table.
const MAGIC: &[u8; 4] = b"DXLT";
/// The format version this reader understands.
const VERSION: u32 = 1;
/// The largest table this reader accepts (2^28 slots).
const MAX_SLOT_BITS: u32 = 28;

/// Why bytes could not be read as a table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    /// The bytes end before the table does.
    #[error("lexicon table truncated: need {needed} bytes, have {have}")]
    Truncated {
        /// Bytes the header says the table needs.
        needed: usize,
        /// Bytes available.
        have: usize,
    },
    /// The table does not start with the magic bytes `DXLT`.
    #[error("not a lexicon table (bad magic bytes)")]
    BadMagic,
    /// The table was written in a format version this reader does not know.
    #[error("unsupported lexicon table version {0}")]
    BadVersion(u32),
    /// A header field is out of range.
    #[error("corrupt lexicon table header: {0}")]
    BadHeader(&'static str),
    /// A slot refers outside the keys blob, or the slot count disagrees.
    #[error("corrupt lexicon table slot {0}")]
    BadSlot(usize),
}

/// One hash table over borrowed bytes: UTF-8 keys to `u32`/`u64` values.
#[derive(Clone, Copy)]
pub struct Table<'a> {
    name: &'a str,
    slots: &'a [u8],
    keys: &'a [u8],
    mask: usize,
    slot_len: usize,
    value_bytes: usize,
    len: usize,
}

impl fmt::Debug for Table<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Table")
            .field("name", &self.name)
            .field("len", &self.len)
            .field("slots", &(self.mask + 1))
            .finish()
    }
}

/// 64-bit FNV-1a hash of `bytes` (the hash the writer used).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Reads a little-endian u32 at `at`; the caller has checked the bounds.
fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(b)
}

/// Reads a `width`-byte (4 or 8) little-endian value at `at`.
fn value_at(bytes: &[u8], at: usize, width: usize) -> u64 {
    let mut b = [0u8; 8];
    b[..width].copy_from_slice(&bytes[at..at + width]);
    u64::from_le_bytes(b)
}

impl<'a> Table<'a> {
    /// Parses the table at the start of `bytes`; returns it and the bytes after it.
    pub fn parse(bytes: &'a [u8]) -> Result<(Table<'a>, &'a [u8]), TableError> {
        if bytes.len() < HEADER_LEN {
            return Err(TableError::Truncated {
                needed: HEADER_LEN,
                have: bytes.len(),
            });
        }
        if &bytes[0..4] != MAGIC {
            return Err(TableError::BadMagic);
        }
        let version = u32_at(bytes, 4);
        if version != VERSION {
            return Err(TableError::BadVersion(version));
        }
        let raw_name = &bytes[8..24];
        let name_len = raw_name.iter().position(|&b| b == 0).unwrap_or(16);
        let name = std::str::from_utf8(&raw_name[..name_len])
            .map_err(|_| TableError::BadHeader("name is not UTF-8"))?;
        let slot_bits = u32_at(bytes, 24);
        if slot_bits > MAX_SLOT_BITS {
            return Err(TableError::BadHeader("too many slots"));
        }
        let slot_count = 1usize << slot_bits;
        let len = u32_at(bytes, 28) as usize;
        if len >= slot_count {
            return Err(TableError::BadHeader("table has no free slot"));
        }
        let keys_len = u32_at(bytes, 32) as usize;
        let value_bytes = u32_at(bytes, 36) as usize;
        if value_bytes != 4 && value_bytes != 8 {
            return Err(TableError::BadHeader("value width must be 4 or 8"));
        }
        let slot_len = 4 + value_bytes;
        let slots_end = HEADER_LEN + slot_count * slot_len;
        let total = slots_end + keys_len;
        if bytes.len() < total {
            return Err(TableError::Truncated {
                needed: total,
                have: bytes.len(),
            });
        }
        let table = Table {
            name,
            slots: &bytes[HEADER_LEN..slots_end],
            keys: &bytes[slots_end..total],
            mask: slot_count - 1,
            slot_len,
            value_bytes,
            len,
        };
        table.check_slots()?;
        Ok((table, &bytes[total..]))
    }

    /// A table with no keys (one empty slot).
    pub fn empty() -> Table<'static> {
        static EMPTY_SLOT: [u8; 8] = [0; 8];
        Table {
            name: "",
            slots: &EMPTY_SLOT,
            keys: &[],
            mask: 0,
            slot_len: 8,
            value_bytes: 4,
            len: 0,
        }
    }

    /// Parses a file made of tables back to back.
    pub fn parse_all(mut bytes: &'a [u8]) -> Result<Vec<Table<'a>>, TableError> {
        let mut tables = Vec::new();
        while !bytes.is_empty() {
            let (table, rest) = Table::parse(bytes)?;
            tables.push(table);
            bytes = rest;
        }
        Ok(tables)
    }

    /// Checks that every key reference lies inside the keys blob and that the
    /// number of occupied slots matches the header.
    fn check_slots(&self) -> Result<(), TableError> {
        let mut used = 0usize;
        for i in 0..=self.mask {
            let r = u32_at(self.slots, i * self.slot_len);
            if r == 0 {
                continue;
            }
            used += 1;
            let (off, len) = ((r >> 8) as usize, (r & 0xff) as usize);
            if len == 0 || off + len > self.keys.len() {
                return Err(TableError::BadSlot(i));
            }
        }
        if used != self.len {
            return Err(TableError::BadHeader("entry count disagrees with slots"));
        }
        Ok(())
    }

    /// The table's name from its header.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// Number of keys in the table.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table holds no keys.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The value stored for `key`, if any.
    #[inline]
    pub fn get(&self, key: &str) -> Option<u64> {
        let kb = key.as_bytes();
        if kb.is_empty() || kb.len() > 0xff {
            return None;
        }
        let mut i = (fnv1a64(kb) as usize) & self.mask;
        // Parsing guaranteed a free slot, so this loop ends; the bound is a
        // second guard against an endless walk.
        for _ in 0..=self.mask {
            let at = i * self.slot_len;
            let r = u32_at(self.slots, at);
            if r == 0 {
                return None;
            }
            if (r & 0xff) as usize == kb.len() {
                let off = (r >> 8) as usize;
                if self.keys.get(off..off + kb.len()) == Some(kb) {
                    return Some(value_at(self.slots, at + 4, self.value_bytes));
                }
            }
            i = (i + 1) & self.mask;
        }
        None
    }

    /// The string a packed key reference (`offset << 8 | length`) points to in
    /// this table's keys blob, if it is in bounds and valid UTF-8.
    pub fn key_str(&self, key_ref: u32) -> Option<&'a str> {
        let (off, len) = ((key_ref >> 8) as usize, (key_ref & 0xff) as usize);
        let bytes = self.keys.get(off..off.checked_add(len)?)?;
        std::str::from_utf8(bytes).ok()
    }

    /// Iterates over all `(key, value)` pairs, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, u64)> + '_ {
        (0..=self.mask).filter_map(move |i| {
            let at = i * self.slot_len;
            let r = u32_at(self.slots, at);
            if r == 0 {
                return None;
            }
            let key = self.key_str(r)?;
            Some((key, value_at(self.slots, at + 4, self.value_bytes)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a table the way the Python writer does, for format tests.
    fn build(name: &str, items: &[(&str, u64)], value_bytes: usize, slot_bits: u32) -> Vec<u8> {
        let slot_len = 4 + value_bytes;
        let size = 1usize << slot_bits;
        let mut slots = vec![0u8; size * slot_len];
        let mut keys = Vec::new();
        for &(k, v) in items {
            let r = ((keys.len() as u32) << 8) | k.len() as u32;
            keys.extend_from_slice(k.as_bytes());
            let mut i = (fnv1a64(k.as_bytes()) as usize) & (size - 1);
            while u32_at(&slots, i * slot_len) != 0 {
                i = (i + 1) & (size - 1);
            }
            slots[i * slot_len..i * slot_len + 4].copy_from_slice(&r.to_le_bytes());
            slots[i * slot_len + 4..(i + 1) * slot_len]
                .copy_from_slice(&v.to_le_bytes()[..value_bytes]);
        }
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        let mut n = [0u8; 16];
        n[..name.len()].copy_from_slice(name.as_bytes());
        out.extend_from_slice(&n);
        out.extend_from_slice(&slot_bits.to_le_bytes());
        out.extend_from_slice(&(items.len() as u32).to_le_bytes());
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        out.extend_from_slice(&(value_bytes as u32).to_le_bytes());
        out.extend_from_slice(&slots);
        out.extend_from_slice(&keys);
        out
    }

    #[test]
    fn fnv1a64_matches_reference_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn finds_keys_and_misses_others() {
        let items = [("Haus", 7), ("Häuser", 8), ("Maus", 1 << 40), ("x", 3)];
        let bytes = build("t", &items, 8, 3);
        let (t, rest) = Table::parse(&bytes).expect("valid table");
        assert!(rest.is_empty());
        assert_eq!(t.name(), "t");
        assert_eq!(t.len(), 4);
        for (k, v) in items {
            assert_eq!(t.get(k), Some(v), "{k}");
        }
        assert_eq!(t.get("haus"), None);
        assert_eq!(t.get(""), None);
        assert_eq!(t.get("Hau"), None);
        let mut all: Vec<_> = t.iter().collect();
        all.sort();
        assert_eq!(all.len(), 4);
        assert_eq!(all[0], ("Haus", 7));
    }

    #[test]
    fn parses_tables_back_to_back() {
        let mut bytes = build("a", &[("eins", 1)], 4, 2);
        bytes.extend(build("b", &[("zwei", 2)], 4, 2));
        let tables = Table::parse_all(&bytes).expect("two tables");
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[1].name(), "b");
        assert_eq!(tables[1].get("zwei"), Some(2));
        assert_eq!(tables[0].get("zwei"), None);
    }

    #[test]
    fn corrupt_data_gives_errors_not_panics() {
        let good = build("t", &[("Haus", 7), ("Maus", 9)], 4, 2);
        assert!(matches!(
            Table::parse(&good[..good.len() - 1]),
            Err(TableError::Truncated { .. })
        ));
        assert!(matches!(
            Table::parse(&good[..10]),
            Err(TableError::Truncated { .. })
        ));
        let mut bad = good.clone();
        bad[0] = b'X';
        assert_eq!(Table::parse(&bad).err(), Some(TableError::BadMagic));
        let mut bad = good.clone();
        bad[4] = 9;
        assert_eq!(Table::parse(&bad).err(), Some(TableError::BadVersion(9)));
        let mut bad = good.clone();
        bad[24] = 60;
        assert!(matches!(Table::parse(&bad), Err(TableError::BadHeader(_))));
        // Entry count equal to the slot count would leave no free slot.
        let mut bad = good.clone();
        bad[28] = 4;
        assert!(matches!(Table::parse(&bad), Err(TableError::BadHeader(_))));
        // A key reference pointing past the keys blob.
        let mut bad = good.clone();
        let slot = (0..4)
            .find(|i| u32_at(&bad, HEADER_LEN + i * 8) != 0)
            .expect("an occupied slot");
        bad[HEADER_LEN + slot * 8..HEADER_LEN + slot * 8 + 4]
            .copy_from_slice(&((200u32 << 8) | 4).to_le_bytes());
        assert_eq!(Table::parse(&bad).err(), Some(TableError::BadSlot(slot)));
        assert!(Table::parse_all(&[]).expect("empty file").is_empty());
    }
}
