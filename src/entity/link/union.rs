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

    pub(super) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo as u32;
        }
    }
}
