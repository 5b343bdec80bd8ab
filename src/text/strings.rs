//! Many short strings without an allocation each: [`StringList`] keeps
//! them one after another in one text, [`Strings`] numbers each distinct
//! one once. At a million articles, linking compares millions of name
//! words and block keys and the word index lists 6.7 million words; an
//! allocation per string took 30 bytes more each.

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// Strings one after another in one text, numbered from 0 in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StringList {
    /// The strings, one after another.
    text: String,
    /// Where each ends in `text`.
    ends: Vec<usize>,
}

impl StringList {
    /// Room for `strings` strings of `bytes` bytes in all.
    pub fn with_capacity(strings: usize, bytes: usize) -> StringList {
        StringList {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(strings),
        }
    }

    /// The number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The bytes of all the strings.
    pub fn bytes(&self) -> usize {
        self.text.len()
    }

    /// String `i` (one of `0..len()`).
    pub fn get(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p]);
        &self.text[start..self.ends[i]]
    }

    /// The strings in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Add `s` after the others.
    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }
}

/// Distinct strings, numbered from 0 in the order they were added (in 32
/// bits).
#[derive(Default)]
pub struct Strings {
    /// The strings.
    list: StringList,
    /// The strings, as their numbers, by hash.
    index: HashTable<u32>,
}

impl Strings {
    /// The number of strings.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The bytes of all the strings.
    pub fn bytes(&self) -> usize {
        self.list.bytes()
    }

    /// String `k` (one of `0..len()`).
    pub fn get(&self, k: u32) -> &str {
        self.list.get(k as usize)
    }

    /// The number of `s`, if it was added.
    pub fn find(&self, s: &str) -> Option<u32> {
        self.index
            .find(FxBuildHasher.hash_one(s), |&k| self.get(k) == s)
            .copied()
    }

    /// The number of `s`, added after the others if it is new; `None`
    /// when it is new and 2³² − 1 strings are numbered already.
    pub fn add(&mut self, s: &str) -> Option<u32> {
        let hash = FxBuildHasher.hash_one(s);
        if let Some(&k) = self.index.find(hash, |&k| self.get(k) == s) {
            return Some(k);
        }
        let k = u32::try_from(self.list.len())
            .ok()
            .filter(|&k| k < u32::MAX)?;
        self.list.push(s);
        let Strings { list, index } = self;
        index.insert_unique(hash, k, |&u| FxBuildHasher.hash_one(list.get(u as usize)));
        Some(k)
    }

    /// The strings, in the order they were numbered.
    pub fn into_list(self) -> StringList {
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_string_is_numbered_once_in_order_of_adding() {
        let mut s = Strings::default();
        assert_eq!(s.add("kim"), Some(0));
        assert_eq!(s.add("jong"), Some(1));
        assert_eq!(s.add(""), Some(2));
        assert_eq!(s.add("kim"), Some(0));
        assert_eq!(s.add("ki"), Some(3));
        assert_eq!(s.len(), 4);
        assert_eq!(
            (0..4).map(|k| s.get(k)).collect::<Vec<_>>(),
            ["kim", "jong", "", "ki"]
        );
        assert_eq!(s.find("jong"), Some(1));
        assert_eq!(s.find("kimjong"), None);
        assert_eq!(s.find("k"), None);
        let list = s.into_list();
        assert_eq!(list.iter().collect::<Vec<_>>(), ["kim", "jong", "", "ki"]);
        assert_eq!(list.bytes(), 9);
    }

    #[test]
    fn a_list_gives_back_what_was_pushed_in_order() {
        let mut list = StringList::with_capacity(3, 8);
        assert!(list.is_empty());
        for s in ["apfel", "", "ä"] {
            list.push(s);
        }
        assert_eq!(list.len(), 3);
        assert_eq!(list.get(1), "");
        assert_eq!(list.iter().collect::<Vec<_>>(), ["apfel", "", "ä"]);
    }
}
