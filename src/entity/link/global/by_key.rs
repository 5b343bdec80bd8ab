//! The local entities of a corpus by the match keys they carry, for steps
//! 1 and 2 of linking across documents: one array of (key, entity) pairs
//! sorted by key, each key's entities in order. At a million articles that
//! is ten million pairs in 80 MB, where a map of lists took 470 MB, sorted
//! on all cores.

use crate::entity::intern::Name;
use rayon::prelude::*;

/// Entities by key: a sorted array of (key number, entity).
pub(super) struct ByKey {
    /// (the key's [`Name::number`], the entity), sorted.
    pairs: Vec<(u32, u32)>,
}

impl ByKey {
    /// The entities of `pairs` (key, entity) by key.
    pub(super) fn new(pairs: impl Iterator<Item = (Name, usize)>) -> ByKey {
        // Local entities are numbered in 32 bits (see `Linker::join`).
        let mut pairs: Vec<(u32, u32)> = pairs.map(|(k, i)| (k.number(), i as u32)).collect();
        pairs.par_sort_unstable();
        ByKey { pairs }
    }

    /// The entities with key `key`, in order.
    pub(super) fn get(&self, key: Name) -> impl Iterator<Item = usize> + '_ {
        let k = key.number();
        let from = self.pairs.partition_point(|&(x, _)| x < k);
        self.pairs[from..]
            .iter()
            .take_while(move |&&(x, _)| x == k)
            .map(|&(_, i)| i as usize)
    }

    /// `f` of the entities of each key, each list in order; the lists
    /// ordered as lists (by their first entity, then their second, …), so
    /// that the order does not depend on the keys' numbers.
    pub(super) fn each_bucket(&self, mut f: impl FnMut(&[usize])) {
        let mut starts: Vec<usize> = (0..self.pairs.len())
            .filter(|&p| p == 0 || self.pairs[p - 1].0 != self.pairs[p].0)
            .collect();
        starts.push(self.pairs.len());
        let bucket = |b: u32| {
            self.pairs[starts[b as usize]..starts[b as usize + 1]]
                .iter()
                .map(|&(_, i)| i as usize)
        };
        // Keys are numbered in 32 bits, so their buckets are too.
        let mut order: Vec<u32> = (0..(starts.len() - 1) as u32).collect();
        order.par_sort_unstable_by(|&a, &b| bucket(a).cmp(bucket(b)));
        let mut list = Vec::new();
        for b in order {
            list.clear();
            list.extend(bucket(b));
            f(&list);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_lists_its_entities_in_order_and_lists_come_in_order() {
        let [a, b, c, d] = ["putin", "kim", "wladiwostok", "uno"].map(Name::new);
        let by_key =
            ByKey::new([(a, 5), (b, 1), (a, 2), (c, 7), (b, 0), (a, 9), (c, 3)].into_iter());
        let get = |k| by_key.get(k).collect::<Vec<_>>();
        assert_eq!(get(a), [2, 5, 9]);
        assert_eq!(get(b), [0, 1]);
        assert_eq!(get(c), [3, 7]);
        assert!(get(d).is_empty());
        let mut buckets: Vec<Vec<usize>> = Vec::new();
        by_key.each_bucket(|b| buckets.push(b.to_vec()));
        assert_eq!(buckets, [vec![0, 1], vec![2, 5, 9], vec![3, 7]]);
    }

    #[test]
    fn nothing_keyed_has_no_buckets() {
        let by_key = ByKey::new(std::iter::empty());
        by_key.each_bucket(|b| panic!("a bucket {b:?}"));
        assert_eq!(by_key.get(Name::new("kim")).count(), 0);
    }
}
