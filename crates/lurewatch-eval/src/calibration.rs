//! How well the attack probability `scan` reports matches what happens: per set, the Brier
//! score and the mean probability given to attacks and to benign reports; across sets, a
//! reliability table (by probability bin, the share of attacks) and its expected calibration
//! error. Pooled with the weights the calibration was fitted under (attacks and benign
//! reports half each, every set alike within each), so that NUS's thousands of ham texts do
//! not stand for every kind of report.

use serde::Serialize;

/// Reliability bins: probabilities `[0, 0.1)`, `[0.1, 0.2)` … `[0.9, 1]`.
pub const BINS: usize = 10;

/// Sets pooled for the reliability table: those whose task is lurewatch's (MentalManip and the
/// scam calls are listed for comparison, neither trained on nor pooled; AntiScam's annotated
/// file is message level only).
pub const POOLED_SETS: &[&str] = &[
    "seconvo",
    "smishtank",
    "nus",
    "dailydialog",
    "antiscam",
    "labelled",
];

/// One set's attack probabilities against its labels.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SetCalibration {
    /// Whether the set is one of [`POOLED_SETS`].
    pub pooled: bool,
    /// Mean of (probability − truth)²: 0 is perfect, 0.25 is a constant one half.
    pub brier: f64,
    pub attacks: usize,
    pub benign: usize,
    pub mean_probability_attacks: Option<f64>,
    pub mean_probability_benign: Option<f64>,
    /// Per bin: (attacks, benign, sum of the attacks' probabilities, sum of the benign ones').
    pub bins: Vec<BinCounts>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct BinCounts {
    pub attacks: usize,
    pub benign: usize,
    pub attack_probability_sum: f64,
    pub benign_probability_sum: f64,
}

/// Collects one set's (probability, truth) pairs.
#[derive(Debug, Clone, Default)]
pub struct Collector {
    squared_error: f64,
    result: SetCalibration,
}

impl Collector {
    pub fn add(&mut self, probability: f64, attack: bool) {
        let truth = if attack { 1.0 } else { 0.0 };
        self.squared_error += (probability - truth).powi(2);
        if self.result.bins.is_empty() {
            self.result.bins = vec![BinCounts::default(); BINS];
        }
        let bin = ((probability * BINS as f64) as usize).min(BINS - 1);
        if let Some(b) = self.result.bins.get_mut(bin) {
            if attack {
                b.attacks += 1;
                b.attack_probability_sum += probability;
            } else {
                b.benign += 1;
                b.benign_probability_sum += probability;
            }
        }
        if attack {
            self.result.attacks += 1;
        } else {
            self.result.benign += 1;
        }
    }

    /// The figures of `set`, or `None` when nothing was added.
    pub fn finish(mut self, set: &str) -> Option<SetCalibration> {
        let n = self.result.attacks + self.result.benign;
        if n == 0 {
            return None;
        }
        self.result.brier = self.squared_error / n as f64;
        self.result.pooled = POOLED_SETS.contains(&set);
        let mean = |sum: f64, count: usize| (count > 0).then(|| sum / count as f64);
        let sums = |f: fn(&BinCounts) -> f64| self.result.bins.iter().map(f).sum::<f64>();
        self.result.mean_probability_attacks =
            mean(sums(|b| b.attack_probability_sum), self.result.attacks);
        self.result.mean_probability_benign =
            mean(sums(|b| b.benign_probability_sum), self.result.benign);
        Some(self.result)
    }
}

/// One row of the pooled reliability table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Reliability {
    /// The bin's lower edge.
    pub from: f64,
    /// Its share of the pooled weight.
    pub weight: f64,
    pub mean_probability: f64,
    pub attack_share: f64,
}

/// The reliability table of `sets` pooled (bins with any weight) and the expected calibration
/// error: the weight-averaged gap between a bin's mean probability and its share of attacks.
pub fn pooled(sets: &[&SetCalibration]) -> (Vec<Reliability>, Option<f64>) {
    let attack_sets = sets.iter().filter(|s| s.attacks > 0).count();
    let benign_sets = sets.iter().filter(|s| s.benign > 0).count();
    let mut rows = Vec::new();
    for bin in 0..BINS {
        let (mut weight, mut attack_weight, mut probability_weight) = (0.0, 0.0, 0.0);
        for set in sets {
            let Some(b) = set.bins.get(bin) else {
                continue;
            };
            if set.attacks > 0 {
                let each = 0.5 / (attack_sets * set.attacks) as f64;
                weight += each * b.attacks as f64;
                attack_weight += each * b.attacks as f64;
                probability_weight += each * b.attack_probability_sum;
            }
            if set.benign > 0 {
                let each = 0.5 / (benign_sets * set.benign) as f64;
                weight += each * b.benign as f64;
                probability_weight += each * b.benign_probability_sum;
            }
        }
        if weight > 0.0 {
            rows.push(Reliability {
                from: bin as f64 / BINS as f64,
                weight,
                mean_probability: probability_weight / weight,
                attack_share: attack_weight / weight,
            });
        }
    }
    let total: f64 = rows.iter().map(|r| r.weight).sum();
    let error = (total > 0.0).then(|| {
        rows.iter()
            .map(|r| r.weight * (r.mean_probability - r.attack_share).abs())
            .sum::<f64>()
            / total
    });
    (rows, error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(pairs: &[(f64, bool)]) -> SetCalibration {
        let mut c = Collector::default();
        for &(p, a) in pairs {
            c.add(p, a);
        }
        c.finish("seconvo").unwrap_or_default()
    }

    #[test]
    fn brier_and_means_per_set() {
        let s = set(&[(0.9, true), (0.7, true), (0.2, false), (0.0, false)]);
        assert!((s.brier - (0.01 + 0.09 + 0.04 + 0.0) / 4.0).abs() < 1e-12);
        assert_eq!(s.mean_probability_attacks, Some(0.8));
        assert_eq!(s.mean_probability_benign, Some(0.1));
        assert!(s.pooled);
        assert_eq!(Collector::default().finish("seconvo"), None);
    }

    #[test]
    fn a_calibrated_pool_has_no_error() {
        let s = set(&[
            (0.75, true),
            (0.75, true),
            (0.75, true),
            (0.75, false),
            (0.25, true),
            (0.25, false),
            (0.25, false),
            (0.25, false),
        ]);
        let (rows, error) = pooled(&[&s]);
        assert_eq!(rows.len(), 2);
        assert!((rows[0].attack_share - 0.25).abs() < 1e-12, "{rows:?}");
        assert!((rows[1].attack_share - 0.75).abs() < 1e-12, "{rows:?}");
        assert!(error.is_some_and(|e| e.abs() < 1e-12), "{error:?}");
    }

    #[test]
    fn a_big_set_does_not_outweigh_a_small_one() {
        let small = set(&[(0.75, true), (0.75, false)]);
        let big: Vec<(f64, bool)> = (0..1000).map(|_| (0.25, false)).collect();
        let (rows, error) = pooled(&[&small, &set(&big)]);
        // Benign reports weigh half, split between the two sets alike: the small set's one
        // benign report weighs as much as the big set's thousand.
        assert!((rows[0].weight - 0.25).abs() < 1e-12, "{rows:?}");
        assert!((rows[1].weight - 0.75).abs() < 1e-12, "{rows:?}");
        assert!(
            (rows[1].attack_share - 0.5 / 0.75).abs() < 1e-12,
            "{rows:?}"
        );
        // Bin 0.2: 0.25 said, no attacks; bin 0.7: 0.75 said, two thirds attacks.
        let expected = 0.25 * 0.25 + 0.75 * (0.75 - 0.5 / 0.75);
        assert!(
            error.is_some_and(|e| (e - expected).abs() < 1e-12),
            "{error:?}"
        );
    }
}
