//! Union-find over the local entities of a corpus.

/// Union-find over entity indices; the smaller index is the root, which keeps
/// results independent of merge order.
pub(super) struct Union {
    parent: Vec<usize>,
}

impl Union {
    pub(super) fn new(n: usize) -> Union {
        Union {
            parent: (0..n).collect(),
        }
    }

    pub(super) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    pub(super) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}
