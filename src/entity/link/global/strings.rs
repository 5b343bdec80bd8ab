//! Strings numbered in the order they are first added, each held once, all
//! of them in one text: what a step of linking across documents keeps of
//! the many short strings it compares (at a million articles, millions of
//! name words and block keys), without an allocation per string.

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// Distinct strings, numbered from 0 in the order they were added.
#[derive(Default)]
pub(in crate::entity::link) struct Strings {
    /// The strings, one after another.
    text: String,
    /// Where each ends in `text`.
    ends: Vec<usize>,
    /// The strings, as their numbers, by hash.
    index: HashTable<u32>,
}

/// The `k`th of the strings written one after another in `text`, each
/// ending where `ends` says.
fn string_at<'t>(text: &'t str, ends: &[usize], k: u32) -> &'t str {
    let start = k.checked_sub(1).map_or(0, |p| ends[p as usize]);
    &text[start..ends[k as usize]]
}

impl Strings {
    /// The number of strings.
    pub(in crate::entity::link) fn len(&self) -> usize {
        self.ends.len()
    }

    /// String `k` (one of `0..len()`).
    pub(in crate::entity::link) fn get(&self, k: u32) -> &str {
        string_at(&self.text, &self.ends, k)
    }

    /// The number of `s`, if it was added.
    pub(in crate::entity::link) fn find(&self, s: &str) -> Option<u32> {
        self.index
            .find(FxBuildHasher.hash_one(s), |&k| self.get(k) == s)
            .copied()
    }

    /// The number of `s`, added after the others if it is new. (Numbers
    /// are 32 bits: a step numbers the strings of at most one entry per
    /// local entity, and local entities are numbered in 32 bits.)
    pub(in crate::entity::link) fn add(&mut self, s: &str) -> u32 {
        if let Some(k) = self.find(s) {
            return k;
        }
        let k = self.ends.len() as u32;
        self.text.push_str(s);
        self.ends.push(self.text.len());
        let Strings { text, ends, index } = self;
        let hash = |k: u32| FxBuildHasher.hash_one(string_at(text, ends, k));
        index.insert_unique(hash(k), k, |&u| hash(u));
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_string_is_numbered_once_in_order_of_adding() {
        let mut s = Strings::default();
        assert_eq!(s.add("kim"), 0);
        assert_eq!(s.add("jong"), 1);
        assert_eq!(s.add(""), 2);
        assert_eq!(s.add("kim"), 0);
        assert_eq!(s.add("ki"), 3);
        assert_eq!(s.len(), 4);
        assert_eq!(
            (0..4).map(|k| s.get(k)).collect::<Vec<_>>(),
            ["kim", "jong", "", "ki"]
        );
        assert_eq!(s.find("jong"), Some(1));
        assert_eq!(s.find("kimjong"), None);
        assert_eq!(s.find("k"), None);
    }
}
