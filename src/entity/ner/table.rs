//! A static open-addressing hash table, read zero-copy from a byte slice.
//!
//! The lexicon files in `assets/lexicon/` are written by
//! `assets/tools/build_lexicons.py` and embedded with `include_bytes!`, so the
//! bytes have alignment 1: every integer is read with `from_le_bytes`, never by
//! casting pointers. A file is a sequence of one or more tables back to back.
//!
//! # Format (version 2, all integers little-endian)
//!
//! ```text
//! header, 40 bytes:
//!   0  magic        b"DXLT"
//!   4  version      u32 = 2
//!   8  name         [u8; 16], ASCII, zero-padded ("words", "places", ...)
//!  24  slot_bits    u32: the table has 2^slot_bits slots
//!  28  entry_count  u32: occupied slots (always < 2^slot_bits)
//!  32  blob_len     u32: length of the string blob
//!  36  value_bytes  u32: 4 or 8
//! slots, 2^slot_bits × (12 + value_bytes) bytes, each:
//!   0  key length   u8, 1..=255; 0 marks an empty slot (keys are never empty)
//!   1  key field    11 bytes:
//!        length ≤ 11: the key's UTF-8 bytes, zero-padded (the key is inline)
//!        length > 11: key bytes 0..3, then u32 offset of the key in the blob,
//!                     then u32 tag = high 32 bits of the key's hash
//!  12  value        u32 or u64
//! blob, blob_len bytes: long keys and other strings (e.g. lemmas), concatenated
//! ```
//!
//! A key lives in slot `fnv1a64(key) & (2^slot_bits − 1)` or, if that is taken,
//! in the next free slot after it (linear probing, wrapping around). A lookup
//! walks from the home slot until it finds the key or an empty slot; the writer
//! keeps the load factor at or below 0.7, so walks are short. Short keys are
//! compared inside the slot, so most lookups touch one cache line; long keys
//! are compared in the blob only when length, first bytes and tag all agree.
//! Values are opaque here; each table's meaning is documented where it is
//! used ([`crate::entity::ner::lexicon`]). Other strings in the blob are addressed
//! by a packed reference `offset << 8 | length` ([`Table::blob_str`]).
//!
//! [`Table::parse`] checks the header and the lengths, so a truncated or
//! foreign file gives a [`TableError`]; [`Table::verify`] checks every slot.
//! Lookups never panic and never loop endlessly, whatever the bytes.

use std::fmt;

/// Length of a table header in bytes.
const HEADER_LEN: usize = 40;
/// The magic bytes that open every table.
const MAGIC: &[u8; 4] = b"DXLT";
/// The format version this reader understands.
const VERSION: u32 = 2;
/// Bytes of a slot before its value.
const KEY_FIELD: usize = 12;
/// Longest key stored inside its slot.
const INLINE_MAX: usize = KEY_FIELD - 1;
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
    /// A slot refers outside the blob or holds a malformed key.
    #[error("corrupt lexicon table slot {0}")]
    BadSlot(usize),
}

/// One hash table over borrowed bytes: UTF-8 keys to `u32`/`u64` values.
#[derive(Clone, Copy)]
pub struct Table<'a> {
    name: &'a str,
    slots: &'a [u8],
    blob: &'a [u8],
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
        let blob_len = u32_at(bytes, 32) as usize;
        let value_bytes = u32_at(bytes, 36) as usize;
        if value_bytes != 4 && value_bytes != 8 {
            return Err(TableError::BadHeader("value width must be 4 or 8"));
        }
        let slot_len = KEY_FIELD + value_bytes;
        let slots_end = HEADER_LEN + slot_count * slot_len;
        let total = slots_end + blob_len;
        if bytes.len() < total {
            return Err(TableError::Truncated {
                needed: total,
                have: bytes.len(),
            });
        }
        let table = Table {
            name,
            slots: &bytes[HEADER_LEN..slots_end],
            blob: &bytes[slots_end..total],
            mask: slot_count - 1,
            slot_len,
            value_bytes,
            len,
        };
        Ok((table, &bytes[total..]))
    }

    /// A table with no keys (one empty slot).
    pub fn empty() -> Table<'static> {
        static EMPTY_SLOT: [u8; KEY_FIELD + 4] = [0; KEY_FIELD + 4];
        Table {
            name: "",
            slots: &EMPTY_SLOT,
            blob: &[],
            mask: 0,
            slot_len: KEY_FIELD + 4,
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

    /// Checks every slot: each key well formed (long keys inside the blob with
    /// the right first bytes and tag, inline keys zero-padded, all UTF-8), and
    /// the number of occupied slots as the header says.
    ///
    /// [`Table::parse`] checks only the header and the lengths, in constant
    /// time, so that start-up does not touch every page of a large table.
    /// Lookups stay panic-free and terminate on a table that fails this check;
    /// they may just answer wrongly.
    pub fn verify(&self) -> Result<(), TableError> {
        let mut used = 0usize;
        for i in 0..=self.mask {
            if self.slots[i * self.slot_len] == 0 {
                continue;
            }
            used += 1;
            if self.slot_key(i).is_none() {
                return Err(TableError::BadSlot(i));
            }
        }
        if used != self.len {
            return Err(TableError::BadHeader("entry count disagrees with slots"));
        }
        Ok(())
    }

    /// The key stored in occupied slot `i`, if well formed.
    fn slot_key(&self, i: usize) -> Option<&'a str> {
        let at = i * self.slot_len;
        let field = self.slots.get(at..at + KEY_FIELD)?;
        let len = usize::from(field[0]);
        let bytes = if len <= INLINE_MAX {
            if field[1 + len..].iter().any(|&b| b != 0) {
                return None;
            }
            &field[1..1 + len]
        } else {
            let off = u32_at(field, 4) as usize;
            let key = self.blob.get(off..off.checked_add(len)?)?;
            if key[..3] != field[1..4] || u32_at(field, 8) != (fnv1a64(key) >> 32) as u32 {
                return None;
            }
            key
        };
        std::str::from_utf8(bytes).ok()
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
        let len = kb.len();
        if len == 0 || len > 0xff {
            return None;
        }
        let h = fnv1a64(kb);
        let mut i = (h as usize) & self.mask;
        // Parsing guaranteed a free slot, so this loop ends; the bound is a
        // second guard against an endless walk.
        for _ in 0..=self.mask {
            let at = i * self.slot_len;
            let field = &self.slots[at..at + KEY_FIELD];
            let slot_len = usize::from(field[0]);
            if slot_len == 0 {
                return None;
            }
            if slot_len == len {
                let hit = if len <= INLINE_MAX {
                    &field[1..1 + len] == kb
                } else {
                    field[1..4] == kb[..3]
                        && u32_at(field, 8) == (h >> 32) as u32
                        && self.blob_at(u32_at(field, 4) as usize, len) == Some(kb)
                };
                if hit {
                    return Some(value_at(self.slots, at + KEY_FIELD, self.value_bytes));
                }
            }
            i = (i + 1) & self.mask;
        }
        None
    }

    /// `len` blob bytes from `off`, if in bounds.
    fn blob_at(&self, off: usize, len: usize) -> Option<&'a [u8]> {
        self.blob.get(off..off.checked_add(len)?)
    }

    /// The blob string a packed reference (`offset << 8 | length`) points to,
    /// if it is in bounds and valid UTF-8.
    pub fn blob_str(&self, packed: u32) -> Option<&'a str> {
        let bytes = self.blob_at((packed >> 8) as usize, (packed & 0xff) as usize)?;
        std::str::from_utf8(bytes).ok()
    }

    /// Iterates over all `(key, value)` pairs, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, u64)> + '_ {
        (0..=self.mask).filter_map(move |i| {
            let at = i * self.slot_len;
            if self.slots[at] == 0 {
                return None;
            }
            let key = self.slot_key(i)?;
            Some((key, value_at(self.slots, at + KEY_FIELD, self.value_bytes)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a table the way the Python writer does, for format tests.
    fn build(name: &str, items: &[(&str, u64)], value_bytes: usize, slot_bits: u32) -> Vec<u8> {
        let slot_len = KEY_FIELD + value_bytes;
        let size = 1usize << slot_bits;
        let mut slots = vec![0u8; size * slot_len];
        let mut blob = Vec::new();
        for &(k, v) in items {
            let kb = k.as_bytes();
            let h = fnv1a64(kb);
            let mut field = vec![kb.len() as u8];
            if kb.len() <= INLINE_MAX {
                field.extend_from_slice(kb);
                field.resize(KEY_FIELD, 0);
            } else {
                field.extend_from_slice(&kb[..3]);
                field.extend_from_slice(&(blob.len() as u32).to_le_bytes());
                field.extend_from_slice(&((h >> 32) as u32).to_le_bytes());
                blob.extend_from_slice(kb);
            }
            let mut i = (h as usize) & (size - 1);
            while slots[i * slot_len] != 0 {
                i = (i + 1) & (size - 1);
            }
            slots[i * slot_len..i * slot_len + KEY_FIELD].copy_from_slice(&field);
            slots[i * slot_len + KEY_FIELD..(i + 1) * slot_len]
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
        out.extend_from_slice(&(blob.len() as u32).to_le_bytes());
        out.extend_from_slice(&(value_bytes as u32).to_le_bytes());
        out.extend_from_slice(&slots);
        out.extend_from_slice(&blob);
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
        let items = [
            ("Haus", 7),
            ("Häuser", 8),
            ("Maus", 1 << 40),
            ("x", 3),
            ("Bundesverfassungsgericht", 9),
            ("Grenzübergänge", 10),
        ];
        let bytes = build("t", &items, 8, 4);
        let (t, rest) = Table::parse(&bytes).expect("valid table");
        assert!(rest.is_empty());
        assert_eq!(t.name(), "t");
        assert_eq!(t.len(), 6);
        for (k, v) in items {
            assert_eq!(t.get(k), Some(v), "{k}");
        }
        assert_eq!(t.get("haus"), None);
        assert_eq!(t.get(""), None);
        assert_eq!(t.get("Hau"), None);
        assert_eq!(t.get("Bundesverfassungsgerichts"), None);
        assert_eq!(t.get("Bundesverfassungsgerichz"), None);
        let mut all: Vec<_> = t.iter().collect();
        all.sort();
        assert_eq!(all.len(), 6);
        assert_eq!(all[0], ("Bundesverfassungsgericht", 9));
        assert_eq!(t.blob_str(3), Some("Bun"));
        assert_eq!(t.blob_str((1000 << 8) | 3), None);
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
        // A wrong entry count is found by verify().
        let mut bad = good.clone();
        bad[28] = 3;
        let (t, _) = Table::parse(&bad).expect("header is fine");
        assert!(matches!(t.verify(), Err(TableError::BadHeader(_))));
        assert!(Table::parse(&good).expect("valid").0.verify().is_ok());
        // A full table with every slot holding a foreign key: lookups end.
        let full = build("t", &[("a", 1), ("b", 2), ("c", 3), ("d", 4)], 4, 2);
        let mut full = full;
        full[28] = 0;
        let (t, _) = Table::parse(&full).expect("header is fine");
        assert_eq!(t.get("zzz"), None);
        // A long key whose blob offset points past the blob.
        let good = build("t", &[("Bundesverfassungsgericht", 1)], 4, 2);
        let slot = (0..4)
            .find(|i| good[HEADER_LEN + i * 16] != 0)
            .expect("an occupied slot");
        let mut bad = good.clone();
        let at = HEADER_LEN + slot * 16 + 4;
        bad[at..at + 4].copy_from_slice(&500u32.to_le_bytes());
        let (t, _) = Table::parse(&bad).expect("header is fine");
        assert_eq!(t.verify().err(), Some(TableError::BadSlot(slot)));
        assert_eq!(t.get("Bundesverfassungsgericht").unwrap_or(0), 0);
        // An inline key with garbage after its end.
        let good = build("t", &[("Haus", 1)], 4, 2);
        let slot = (0..4)
            .find(|i| good[HEADER_LEN + i * 16] != 0)
            .expect("an occupied slot");
        let mut bad = good.clone();
        bad[HEADER_LEN + slot * 16 + 9] = b'x';
        let (t, _) = Table::parse(&bad).expect("header is fine");
        assert_eq!(t.verify().err(), Some(TableError::BadSlot(slot)));
        assert!(Table::parse_all(&[]).expect("empty file").is_empty());
    }
}
