//! B-cubed precision, recall and F1 of a clustering against true labels: per item, how much
//! of its cluster shares its label (precision) and how much of its label is in its cluster
//! (recall), averaged over items. It punishes both over-linking and fragmentation.

use std::collections::HashMap;
use std::hash::Hash;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BCubed {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// `clusters[i]` and `labels[i]` are item i's predicted cluster and true label.
pub fn bcubed<C: Eq + Hash, L: Eq + Hash>(clusters: &[C], labels: &[L]) -> BCubed {
    let n = clusters.len().min(labels.len());
    if n == 0 {
        return BCubed {
            precision: 0.0,
            recall: 0.0,
            f1: 0.0,
        };
    }
    let mut cluster_size: HashMap<&C, usize> = HashMap::new();
    let mut label_size: HashMap<&L, usize> = HashMap::new();
    let mut both: HashMap<(&C, &L), usize> = HashMap::new();
    for (c, l) in clusters.iter().zip(labels).take(n) {
        *cluster_size.entry(c).or_default() += 1;
        *label_size.entry(l).or_default() += 1;
        *both.entry((c, l)).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (c, l) in clusters.iter().zip(labels).take(n) {
        let shared = both.get(&(c, l)).copied().unwrap_or(0) as f64;
        precision += shared / cluster_size.get(c).copied().unwrap_or(1) as f64;
        recall += shared / label_size.get(l).copied().unwrap_or(1) as f64;
    }
    let (precision, recall) = (precision / n as f64, recall / n as f64);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    BCubed {
        precision,
        recall,
        f1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_split_and_merged() {
        let labels = [1, 1, 2, 2];
        assert_eq!(bcubed(&[7, 7, 8, 8], &labels).f1, 1.0);
        let merged = bcubed(&[0, 0, 0, 0], &labels);
        assert_eq!((merged.precision, merged.recall), (0.5, 1.0));
        let split = bcubed(&[0, 1, 2, 3], &labels);
        assert_eq!((split.precision, split.recall), (1.0, 0.5));
    }
}
