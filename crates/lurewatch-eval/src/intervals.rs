//! 95 % confidence intervals for the figures of [`crate::metrics`]. A figure measured on 241
//! or 360 conversations moves by several points with a different sample, and a target "met"
//! at 0.3 % on 1,273 dialogues may not be met with confidence; the intervals say how far each
//! figure can be trusted. Proportions (precision, recall, false-positive rate) use Wilson's
//! score interval, which behaves at 0 and 1 where the normal approximation does not; F1 and
//! macro-F1, which are not proportions, use a percentile bootstrap over the examples,
//! deterministic (its seed is the counts themselves) so that a report is reproducible.

use serde::Serialize;

use lurewatch_core::random::SplitMix64;

use crate::metrics::Counts;

/// The normal quantile for a two-sided 95 % interval.
const Z: f64 = 1.959_963_984_540_054;

/// Bootstrap resamples for F1 and macro-F1: enough for stable 2.5 % and 97.5 % percentiles.
const RESAMPLES: usize = 1000;

/// A closed interval of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// The 95 % intervals of a [`crate::metrics::Summary`]'s figures; `None` where the figure is.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Intervals {
    pub precision: Option<Interval>,
    pub recall: Option<Interval>,
    pub f1: Option<Interval>,
    pub macro_f1: Option<Interval>,
    pub false_positive_rate: Option<Interval>,
    /// The interval of the figure a set is read by, named: macro-F1 where the set has both
    /// classes, recall where it has only attacks, the false-positive rate where only benign
    /// ones. Chosen here once, for `eval`'s table and for docs/accuracy.md's alike.
    pub headline: Option<Headline>,
}

/// One figure's name and its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Headline {
    pub figure: &'static str,
    pub low: f64,
    pub high: f64,
}

impl Intervals {
    pub fn of(counts: &Counts) -> Intervals {
        let (f1, macro_f1) = bootstrap(counts);
        let recall = wilson(counts.true_positive, counts.positives());
        let false_positive_rate = wilson(counts.false_positive, counts.negatives());
        let (figure, read_by) = match (counts.positives() > 0, counts.negatives() > 0) {
            (true, true) => ("macro-F1", macro_f1),
            (true, false) => ("recall", recall),
            (false, _) => ("FPR", false_positive_rate),
        };
        Intervals {
            precision: wilson(
                counts.true_positive,
                counts.true_positive + counts.false_positive,
            ),
            recall,
            f1,
            macro_f1,
            false_positive_rate,
            headline: read_by.map(|i| Headline {
                figure,
                low: i.low,
                high: i.high,
            }),
        }
    }
}

/// Wilson's score interval for `successes` out of `trials`; `None` without trials.
pub fn wilson(successes: usize, trials: usize) -> Option<Interval> {
    if trials == 0 {
        return None;
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    Some(Interval {
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    })
}

/// The 95 % interval of a ROC AUC of `auc` measured on `positives` attacks and `negatives`
/// benign examples, from Hanley and McNeil's (1982) standard error (the AUC as a
/// Mann-Whitney statistic, its two variance terms from exponential score distributions).
pub fn roc_auc_interval(auc: f64, positives: usize, negatives: usize) -> Option<Interval> {
    if positives == 0 || negatives == 0 {
        return None;
    }
    let (n1, n2) = (positives as f64, negatives as f64);
    let q1 = auc / (2.0 - auc);
    let q2 = 2.0 * auc * auc / (1.0 + auc);
    let variance =
        (auc * (1.0 - auc) + (n1 - 1.0) * (q1 - auc * auc) + (n2 - 1.0) * (q2 - auc * auc))
            / (n1 * n2);
    let half = Z * variance.max(0.0).sqrt();
    Some(Interval {
        low: (auc - half).max(0.0),
        high: (auc + half).min(1.0),
    })
}

/// Percentile-bootstrap intervals of F1 and macro-F1: the examples are drawn again with
/// replacement, which for these figures is drawing the four cells of the confusion matrix
/// from a multinomial with the observed shares. Resamples in which a figure is undefined (no
/// attack drawn) are left out of that figure's percentiles.
fn bootstrap(counts: &Counts) -> (Option<Interval>, Option<Interval>) {
    let n = counts.total();
    if counts.positives() == 0 || n == 0 {
        return (None, None);
    }
    let cells = [
        counts.true_positive,
        counts.false_positive,
        counts.true_negative,
        counts.false_negative,
    ];
    // Cumulative thresholds on a uniform u64 draw, one per cell.
    let mut bounds = [0u64; 4];
    let mut running = 0u128;
    for (bound, cell) in bounds.iter_mut().zip(cells) {
        running += cell as u128;
        *bound = ((running * u128::from(u64::MAX)) / n as u128) as u64;
    }
    let mut random = SplitMix64::new(cells.iter().fold(0x5EED, |seed, &c| {
        seed.wrapping_mul(0x100_0000_01B3) ^ c as u64
    }));
    let mut f1s = Vec::with_capacity(RESAMPLES);
    let mut macro_f1s = Vec::with_capacity(RESAMPLES);
    for _ in 0..RESAMPLES {
        let mut drawn = Counts::default();
        for _ in 0..n {
            let u = random.next_u64();
            let cell = bounds.iter().position(|&b| u <= b).unwrap_or(3);
            match cell {
                0 => drawn.true_positive += 1,
                1 => drawn.false_positive += 1,
                2 => drawn.true_negative += 1,
                _ => drawn.false_negative += 1,
            }
        }
        let summary = drawn.point_figures();
        f1s.extend(summary.f1);
        macro_f1s.extend(summary.macro_f1);
    }
    (percentiles(&mut f1s), percentiles(&mut macro_f1s))
}

/// The 2.5th and 97.5th percentiles; `None` if too few resamples defined the figure.
fn percentiles(values: &mut [f64]) -> Option<Interval> {
    if values.len() < RESAMPLES / 2 {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let index = ((values.len() - 1) as f64 * q).round() as usize;
        values.get(index).copied()
    };
    Some(Interval {
        low: at(0.025)?,
        high: at(0.975)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-4
    }

    #[test]
    fn wilson_matches_published_values() {
        // Reference values from Newcombe (1998), Table I: 81/263, 15/148, 0/20, 1/29.
        let cases = [
            (81, 263, 0.2553, 0.3662),
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0, 0.1611),
            (1, 29, 0.0061, 0.1718),
        ];
        for (k, n, low, high) in cases {
            let i = wilson(k, n).unwrap_or(Interval {
                low: -1.0,
                high: -1.0,
            });
            assert!(close(i.low, low) && close(i.high, high), "{k}/{n}: {i:?}");
        }
        assert_eq!(wilson(0, 0), None);
    }

    fn counts(tp: usize, fp: usize, tn: usize, fn_: usize) -> Counts {
        Counts {
            true_positive: tp,
            false_positive: fp,
            true_negative: tn,
            false_negative: fn_,
        }
    }

    #[test]
    fn bootstrap_intervals_hold_the_figure_and_narrow_with_more_examples() {
        let small = counts(40, 10, 35, 15);
        let large = counts(400, 100, 350, 150);
        let point = small.point_figures();
        let (Some(f1), Some(macro_f1)) = bootstrap(&small) else {
            panic!("both classes present: intervals expected");
        };
        let f1_point = point.f1.unwrap_or_default();
        let macro_point = point.macro_f1.unwrap_or_default();
        assert!(f1.low < f1_point && f1_point < f1.high, "{f1:?}");
        assert!(
            macro_f1.low < macro_point && macro_point < macro_f1.high,
            "{macro_f1:?}"
        );
        let (Some(wide), _) = bootstrap(&small) else {
            panic!()
        };
        let (Some(narrow), _) = bootstrap(&large) else {
            panic!()
        };
        assert!(narrow.high - narrow.low < (wide.high - wide.low) / 2.0);
        // Reproducible: the same counts give the same interval.
        assert_eq!(bootstrap(&small), bootstrap(&small));
        // With 100 examples an F1 near 0.7 is known to about +-0.1, not +-0.01 or +-0.4.
        assert!((0.1..0.3).contains(&(f1.high - f1.low)), "{f1:?}");
    }

    #[test]
    fn roc_auc_interval_matches_hanley_and_mcneil() {
        // AUC 0.8 on 50 attacks and 50 benign: Q1 = 2/3, Q2 = 0.711, so by hand the standard
        // error is sqrt((0.16 + 49 * 0.0267 + 49 * 0.0711) / 2500) = 0.0445.
        let i = roc_auc_interval(0.8, 50, 50).unwrap_or(Interval {
            low: -1.0,
            high: -1.0,
        });
        let se = (i.high - i.low) / (2.0 * Z);
        assert!((se - 0.0445).abs() < 0.0015, "{se}");
        assert_eq!(roc_auc_interval(0.8, 0, 50), None);
    }

    #[test]
    fn no_attacks_no_f1_interval() {
        assert_eq!(bootstrap(&counts(0, 3, 97, 0)), (None, None));
        let i = Intervals::of(&counts(0, 3, 97, 0));
        assert!(i.false_positive_rate.is_some() && i.recall.is_none());
    }
}
