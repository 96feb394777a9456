//! Union-find with path halving; the representative of a set is its smallest member, so a
//! campaign keeps the id of its first report however sets merge.

#[derive(Debug, Clone, Default)]
pub struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    /// Adds a singleton and returns its index.
    pub fn push(&mut self) -> usize {
        self.parent.push(self.parent.len());
        self.parent.len() - 1
    }

    pub fn len(&self) -> usize {
        self.parent.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    pub fn find(&mut self, mut x: usize) -> usize {
        while let Some(&p) = self.parent.get(x) {
            if p == x {
                return x;
            }
            let grand = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(x) {
                *slot = grand;
            }
            x = grand;
        }
        x
    }

    /// Joins the sets of `a` and `b`; the smaller representative wins.
    pub fn union(&mut self, a: usize, b: usize) -> usize {
        let (ra, rb) = (self.find(a), self.find(b));
        let (keep, drop) = if ra <= rb { (ra, rb) } else { (rb, ra) };
        if let Some(slot) = self.parent.get_mut(drop) {
            *slot = keep;
        }
        keep
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smallest_member_represents() {
        let mut uf = UnionFind::default();
        for _ in 0..5 {
            uf.push();
        }
        uf.union(3, 4);
        uf.union(4, 1);
        assert_eq!(uf.find(3), 1);
        assert_eq!(uf.find(0), 0);
        assert_eq!(uf.union(0, 4), 0);
        assert_eq!(uf.find(3), 0);
    }
}
