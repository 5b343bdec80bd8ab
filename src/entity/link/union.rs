//! Union-find over the local entities of a corpus.

/// Union-find over entity indices; the smaller index is the root, which keeps
/// results independent of merge order. Parents are 32-bit (a corpus's local
/// entities are numbered in 32 bits, as its joins record them): half the
/// memory of a word each, at a million articles twelve million entities.
pub(super) struct Union {
    parent: Vec<u32>,
}

impl Union {
    pub(super) fn new(n: usize) -> Union {
        Union {
            parent: (0..n as u32).collect(),
        }
    }

    pub(super) fn find(&mut self, x: usize) -> usize {
        let mut x = x as u32;
        while self.parent[x as usize] != x {
            let grand = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grand;
            x = grand;
        }
        x as usize
    }

    /// The root of every entity, in order; every entity's parent made its
    /// root on the way. One pass from the first: a parent is never after
    /// its child (the smaller index is the root, and paths only shorten),
    /// so each parent's root is known when its children are reached.
    pub(super) fn roots(&mut self) -> &[u32] {
        for x in 0..self.parent.len() {
            let p = self.parent[x] as usize;
            self.parent[x] = self.parent[p];
        }
        &self.parent
    }

    pub(super) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo as u32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_roots_of_all_are_what_each_find_gives() {
        // Unions in a scrambled order, chains and stars, some repeated.
        let n = 500;
        let mut uf = Union::new(n);
        let mut expected = Union::new(n);
        for k in 0..700usize {
            let (a, b) = ((k * 7919) % n, (k * 104_729 + 13) % n);
            if k % 3 != 0 {
                uf.union(a, b);
                expected.union(a, b);
            }
        }
        let by_find: Vec<u32> = (0..n).map(|x| expected.find(x) as u32).collect();
        assert_eq!(uf.roots(), by_find.as_slice());
        // The least member is each cluster's root, and every parent is
        // now the root: finds after it give the same, and unions go on.
        assert!(uf.roots().iter().enumerate().all(|(x, &r)| r as usize <= x));
        assert!((0..n).all(|x| uf.find(x) as u32 == by_find[x]));
        uf.union(0, n - 1);
        assert_eq!(uf.find(n - 1), 0);
        // Entities never joined are their own roots.
        let mut alone = Union::new(4);
        assert_eq!(alone.roots(), [0, 1, 2, 3]);
    }
}
