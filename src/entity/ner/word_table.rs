//! The word memo's table of short words: each word of up to [`Short::MAX`]
//! bytes with its number, in one flat array of slots probed in order.
//!
//! The memo looks up every token of every sentence, and at 100,000
//! articles its table holds some 100,000 words (several megabytes): most
//! look-ups wait on memory for the word's slot. A general hash map cannot
//! say where a word's slot is before it is looked up; this table can
//! ([`ShortTable::prefetch`]), so the memo asks for the slots of the next
//! few tokens while it looks up this one, and their waits overlap.

/// A word of up to [`Short::MAX`] bytes as a key of the memo: its length
/// and bytes packed into three machine words, zero-padded, so that finding
/// it hashes three words and compares three, in the table's own slot,
/// instead of hashing and comparing bytes behind a pointer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Short([u64; 3]);

impl Short {
    /// The longest word held as a [`Short`].
    pub(super) const MAX: usize = 23;

    /// The key of `w`, if it is short enough.
    #[inline]
    pub(super) fn new(w: &[u8]) -> Option<Short> {
        if w.len() > Short::MAX {
            return None;
        }
        let mut b = [0u8; 24];
        b[0] = w.len() as u8;
        b[1..=w.len()].copy_from_slice(w);
        let word = |i: usize| {
            let mut x = [0u8; 8];
            x.copy_from_slice(&b[8 * i..8 * i + 8]);
            u64::from_le_bytes(x)
        };
        Some(Short([word(0), word(1), word(2)]))
    }

    /// A 64-bit hash of the key whose high bits are well mixed (each step
    /// ends in a multiplication, which carries every input bit upwards):
    /// the table takes its slot from them.
    #[inline]
    pub(super) fn hash(self) -> u64 {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut h = 0u64;
        for x in self.0 {
            h = (h.rotate_left(26) ^ x).wrapping_mul(K);
        }
        h
    }
}

/// One slot: a key and its number, [`EMPTY`] in a free slot. Two slots to
/// a cache line, so a slot is one line to fetch.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Slot {
    key: Short,
    id: u32,
}

/// The number of a free slot.
const EMPTY: u32 = u32::MAX;

const FREE: Slot = Slot {
    key: Short([0; 3]),
    id: EMPTY,
};

/// Short words and their numbers, in open addressing with linear probing:
/// a word's walk starts at the slot its hash's high bits name. At most
/// half the slots are taken (the table doubles before), so walks are short
/// and end at a free slot. Words are only added, or all let go at once.
pub(super) struct ShortTable {
    slots: Vec<Slot>,
    /// 64 minus the number of bits that name a slot.
    shift: u32,
    len: usize,
}

/// Slots of a new table, and of one cleared.
const FIRST_SLOTS: usize = 1 << 10;

impl Default for ShortTable {
    fn default() -> ShortTable {
        ShortTable::with_slots(FIRST_SLOTS)
    }
}

impl ShortTable {
    fn with_slots(n: usize) -> ShortTable {
        debug_assert!(n.is_power_of_two() && n >= 2);
        ShortTable {
            slots: vec![FREE; n],
            shift: 64 - n.trailing_zeros(),
            len: 0,
        }
    }

    /// How many words it holds.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.len
    }

    /// Let go of every word (and of the memory of a grown table).
    pub(super) fn clear(&mut self) {
        *self = ShortTable::default();
    }

    /// Where the walk for a key of hash `h` starts.
    #[inline]
    fn home(&self, h: u64) -> usize {
        (h >> self.shift) as usize
    }

    /// Ask the processor for the slot where the walk for a key of hash `h`
    /// starts (see [`crate::prefetch`]): a hint, with no effect on any
    /// result.
    #[inline]
    pub(super) fn prefetch(&self, h: u64) {
        crate::prefetch::fetch(&self.slots[self.home(h)]);
    }

    /// The number of `key`, whose hash is `h` (`key.hash()`).
    #[inline]
    pub(super) fn find(&self, key: Short, h: u64) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(h);
        // At least one slot is free, so the walk ends.
        loop {
            let slot = &self.slots[i];
            if slot.id == EMPTY {
                return None;
            }
            if slot.key == key {
                return Some(slot.id);
            }
            i = (i + 1) & mask;
        }
    }

    /// Add `key` (hash `h`, not in the table) with the number `id`.
    pub(super) fn insert(&mut self, key: Short, h: u64, id: u32) {
        debug_assert!(id != EMPTY && self.find(key, h).is_none());
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        self.place(key, h, id);
        self.len += 1;
    }

    fn place(&mut self, key: Short, h: u64, id: u32) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(h);
        while self.slots[i].id != EMPTY {
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot { key, id };
    }

    /// Twice the slots, every word placed again.
    fn grow(&mut self) {
        let old = std::mem::replace(self, ShortTable::with_slots(2 * self.slots.len()));
        self.len = old.len;
        for s in old.slots.into_iter().filter(|s| s.id != EMPTY) {
            self.place(s.key, s.key.hash(), s.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(w: &str) -> Short {
        Short::new(w.as_bytes()).expect("short")
    }

    #[test]
    fn keys_tell_words_apart_by_every_byte_and_by_length() {
        assert!(Short::new(&[b'a'; 23]).is_some());
        assert!(Short::new(&[b'a'; 24]).is_none());
        assert_ne!(key("Putin"), key("Putins"));
        assert_ne!(key("Putin"), key("Putin\0"));
        assert_ne!(key(""), key("\0"));
        assert_eq!(key("Putin"), key("Putin"));
        // Differences in the last byte of the last machine word count.
        assert_ne!(
            key("Bundesverfassungsgerich"),
            key("Bundesverfassungsgerici")
        );
    }

    #[test]
    fn every_word_added_is_found_with_its_number_across_growth() {
        let mut t = ShortTable::default();
        let words: Vec<String> = (0..20_000).map(|i| format!("Wort{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            let k = key(w);
            assert_eq!(t.find(k, k.hash()), None, "{w} before it is added");
            t.insert(k, k.hash(), i as u32);
            // Found at once, and the first word still found.
            assert_eq!(t.find(k, k.hash()), Some(i as u32));
            assert_eq!(t.find(key(&words[0]), key(&words[0]).hash()), Some(0));
        }
        assert_eq!(t.len(), words.len());
        assert!(t.slots.len() >= 2 * words.len(), "at most half full");
        for (i, w) in words.iter().enumerate() {
            let k = key(w);
            assert_eq!(t.find(k, k.hash()), Some(i as u32), "{w}");
        }
        for w in ["Wort", "Wort20000", "wort1", "Wort1 ", ""] {
            assert_eq!(t.find(key(w), key(w).hash()), None, "{w:?}");
        }
        t.clear();
        assert_eq!(t.len(), 0);
        assert_eq!(t.slots.len(), FIRST_SLOTS, "a cleared table is small");
        assert_eq!(t.find(key("Wort1"), key("Wort1").hash()), None);
    }

    #[test]
    fn words_whose_walks_meet_are_each_found() {
        // Every word given the same hash: one walk holds them all.
        let mut t = ShortTable::default();
        let words = ["", "a", "Kim", "Jong", "Un", "Kim Jong-un"];
        for (i, w) in words.iter().enumerate() {
            t.insert(key(w), 7, i as u32);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.find(key(w), 7), Some(i as u32), "{w:?}");
        }
        assert_eq!(t.find(key("Kims"), 7), None);
        // The walk wraps from the last slot to the first.
        let mut t = ShortTable::default();
        let last = u64::MAX;
        assert_eq!(t.home(last), t.slots.len() - 1);
        t.insert(key("x"), last, 1);
        t.insert(key("y"), last, 2);
        assert_eq!(t.find(key("y"), last), Some(2));
        assert_eq!(t.find(key("z"), last), None);
    }

    #[test]
    fn hashes_spread_similar_words_over_the_slots() {
        // Words that differ in one letter, as inflections and numbered
        // names do, land on many different slots of a small table.
        let t = ShortTable::with_slots(1 << 10);
        let homes: std::collections::HashSet<usize> = (0..1000)
            .map(|i| t.home(key(&format!("Bericht{i:03}")).hash()))
            .collect();
        assert!(homes.len() > 550, "{} distinct slots of 1,024", homes.len());
    }
}
