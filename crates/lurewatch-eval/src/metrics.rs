//! Binary classification figures: counts, precision, recall, F1 for the malicious class and
//! the benign class, macro-F1 and false-positive rate, each with its 95 % interval.

use serde::Serialize;

use crate::intervals::Intervals;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub true_positive: usize,
    pub false_positive: usize,
    pub true_negative: usize,
    pub false_negative: usize,
}

impl Counts {
    pub fn add(&mut self, truth: bool, predicted: bool) {
        match (truth, predicted) {
            (true, true) => self.true_positive += 1,
            (false, true) => self.false_positive += 1,
            (false, false) => self.true_negative += 1,
            (true, false) => self.false_negative += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.true_positive + self.false_positive + self.true_negative + self.false_negative
    }

    pub fn positives(&self) -> usize {
        self.true_positive + self.false_negative
    }

    pub fn negatives(&self) -> usize {
        self.true_negative + self.false_positive
    }

    /// The figures and their 95 % intervals.
    pub fn summary(&self) -> Summary {
        Summary {
            interval_95: Intervals::of(self),
            ..self.point_figures()
        }
    }

    /// The figures alone, without intervals (what each bootstrap resample needs).
    pub fn point_figures(&self) -> Summary {
        let ratio = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
        let f1 = |p: Option<f64>, r: Option<f64>| match (p, r) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
        let precision = ratio(self.true_positive, self.true_positive + self.false_positive);
        let recall = ratio(self.true_positive, self.positives());
        let benign_precision = ratio(self.true_negative, self.true_negative + self.false_negative);
        let benign_recall = ratio(self.true_negative, self.negatives());
        let f1_malicious = f1(precision, recall);
        let f1_benign = f1(benign_precision, benign_recall);
        Summary {
            counts: *self,
            precision,
            recall,
            f1: f1_malicious,
            macro_f1: match (f1_malicious, f1_benign) {
                (Some(a), Some(b)) => Some((a + b) / 2.0),
                _ => None,
            },
            false_positive_rate: ratio(self.false_positive, self.negatives()),
            interval_95: Intervals::default(),
        }
    }
}

/// Pooling counts, e.g. over cross-validation folds.
impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, more: Counts) {
        self.true_positive += more.true_positive;
        self.false_positive += more.false_positive;
        self.true_negative += more.true_negative;
        self.false_negative += more.false_negative;
    }
}

/// The figures of one set; `None` where the set has no examples of a class to compute it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    pub counts: Counts,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
    pub macro_f1: Option<f64>,
    pub false_positive_rate: Option<f64>,
    /// 95 % confidence intervals of the figures above (Wilson for proportions, bootstrap for
    /// F1 and macro-F1): how far a figure measured on this many examples can be trusted.
    pub interval_95: Intervals,
}

/// Area under the ROC curve: the chance that a random malicious example scores above a
/// random benign one (ties count half). Says whether a scorer separates the classes at all,
/// whatever its threshold; `None` without both classes.
pub fn roc_auc(scored: &[(f64, bool)]) -> Option<f64> {
    let mut sorted: Vec<(f64, bool)> = scored.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let positives = sorted.iter().filter(|(_, m)| *m).count();
    let negatives = sorted.len() - positives;
    if positives == 0 || negatives == 0 {
        return None;
    }
    // Sum of the positives' ranks (ties share their average rank), Mann–Whitney style.
    let mut rank_sum = 0.0;
    let mut start = 0;
    for run in sorted.chunk_by(|a, b| a.0 == b.0) {
        let average_rank = start as f64 + (run.len() as f64 + 1.0) / 2.0;
        rank_sum += average_rank * run.iter().filter(|(_, m)| *m).count() as f64;
        start += run.len();
    }
    let p = positives as f64;
    Some((rank_sum - p * (p + 1.0) / 2.0) / (p * negatives as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_is_one_when_separated_and_a_half_when_tied() {
        assert_eq!(roc_auc(&[(0.1, false), (0.9, true)]), Some(1.0));
        assert_eq!(roc_auc(&[(0.9, false), (0.1, true)]), Some(0.0));
        assert_eq!(roc_auc(&[(0.5, false), (0.5, true)]), Some(0.5));
        assert_eq!(roc_auc(&[(0.5, true)]), None);
    }

    #[test]
    fn figures_follow_their_definitions() {
        let mut c = Counts::default();
        for (t, p) in [
            (true, true),
            (true, true),
            (true, false),
            (false, true),
            (false, false),
        ] {
            c.add(t, p);
        }
        let s = c.summary();
        assert_eq!(s.precision, Some(2.0 / 3.0));
        assert_eq!(s.recall, Some(2.0 / 3.0));
        assert_eq!(s.false_positive_rate, Some(0.5));
        // Benign: precision 1/2, recall 1/2, F1 1/2; malicious F1 2/3.
        let macro_f1 = s.macro_f1.unwrap_or_default();
        assert!((macro_f1 - (2.0 / 3.0 + 0.5) / 2.0).abs() < 1e-12);
    }

    #[test]
    fn a_set_without_positives_has_no_recall() {
        let mut c = Counts::default();
        c.add(false, false);
        let s = c.summary();
        assert_eq!(s.recall, None);
        assert_eq!(s.false_positive_rate, Some(0.0));
    }
}
