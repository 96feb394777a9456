//! What a score means in the world: the share of attacks among held-out reports that scored
//! alike, so that "0.55" can be read as "about half of the reports scored like this were
//! attacks". The combined score orders reports and sets the verdict bands, but it is built
//! from two heads, an intercept shift and a mapping of the classifier's probability onto the
//! medium band, so on its own it is not a probability of anything.
//!
//! The map is an isotonic regression (pool-adjacent-violators) of "is an attack" on the
//! score, fitted by `lurewatch train` on reports the model was not fitted on (its validation
//! split; for chats also every training chat's out-of-fold score) with attacks and benign
//! reports weighed equally (and, within each, every set alike): the probability is the one
//! for a stream in which half of what is reported is an attack. Isotonic, because the only
//! thing assumed is that a higher score never means a lower chance; a fitted curve (Platt)
//! would assume a shape the combined score does not have.

/// Probabilities stop short of certainty: held-out data is finite, and "1.00" would say more
/// than a few hundred examples can.
const FLOOR: f64 = 0.01;
const CEILING: f64 = 0.99;

/// A monotone map from the combined score to the probability that a report is an attack:
/// `(score, probability)` knots, ascending in both, joined by straight lines and flat
/// beyond the ends. Empty when no calibration was fitted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Calibration {
    pub knots: Vec<(f32, f32)>,
}

/// One held-out report: its combined score, whether it is an attack, and its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Observation {
    pub score: f64,
    pub attack: bool,
    pub weight: f64,
}

/// A block of pooled observations: scores `low..=high`, weighted mean `value`.
struct Block {
    low: f64,
    high: f64,
    weight: f64,
    value: f64,
}

impl Calibration {
    /// Fits the isotonic map to `observations` (any order). Observations without weight are
    /// ignored; with none left, the map is empty.
    pub fn fit(observations: &[Observation]) -> Calibration {
        let mut sorted: Vec<&Observation> = observations
            .iter()
            .filter(|o| o.weight > 0.0 && o.score.is_finite())
            .collect();
        sorted.sort_by(|a, b| a.score.total_cmp(&b.score));
        let mut blocks: Vec<Block> = Vec::new();
        for o in sorted {
            let block = Block {
                low: o.score,
                high: o.score,
                weight: o.weight,
                value: if o.attack { 1.0 } else { 0.0 },
            };
            match blocks.last_mut() {
                // Equal scores must map to one probability: they join one block first.
                Some(last) if last.high == o.score => merge(last, &block),
                _ => blocks.push(block),
            }
            // Pool adjacent violators: a block may not be below the one before it.
            while blocks.len() >= 2 {
                let n = blocks.len();
                let (before, last) = blocks.split_at_mut(n - 1);
                let (Some(previous), Some(last)) = (before.last_mut(), last.first()) else {
                    break;
                };
                if previous.value < last.value {
                    break;
                }
                merge(previous, last);
                blocks.pop();
            }
        }
        let mut knots: Vec<(f32, f32)> = Vec::with_capacity(2 * blocks.len());
        for block in &blocks {
            let value = block.value.clamp(FLOOR, CEILING) as f32;
            knots.push((block.low as f32, value));
            if block.high > block.low {
                knots.push((block.high as f32, value));
            }
        }
        Calibration { knots }
    }

    /// The probability that a report with this combined score is an attack, to four decimals
    /// (the knots are stored as f32), or `None` without a fitted map.
    pub fn probability(&self, score: f64) -> Option<f64> {
        self.interpolate(score)
            .map(|p| (f64::from(p) * 10_000.0).round() / 10_000.0)
    }

    fn interpolate(&self, score: f64) -> Option<f32> {
        let (first, last) = (self.knots.first()?, self.knots.last()?);
        let score = score as f32;
        if score <= first.0 {
            return Some(first.1);
        }
        if score >= last.0 {
            return Some(last.1);
        }
        let after = self.knots.partition_point(|(s, _)| *s <= score);
        let (Some(&(s0, p0)), Some(&(s1, p1))) =
            (self.knots.get(after.wrapping_sub(1)), self.knots.get(after))
        else {
            return Some(last.1);
        };
        let t = if s1 > s0 {
            (score - s0) / (s1 - s0)
        } else {
            0.0
        };
        Some(p0 + t * (p1 - p0))
    }
}

fn merge(into: &mut Block, other: &Block) {
    let weight = into.weight + other.weight;
    into.value = (into.value * into.weight + other.value * other.weight) / weight;
    into.weight = weight;
    into.low = into.low.min(other.low);
    into.high = into.high.max(other.high);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn observe(points: &[(f64, bool)]) -> Vec<Observation> {
        points
            .iter()
            .map(|&(score, attack)| Observation {
                score,
                attack,
                weight: 1.0,
            })
            .collect()
    }

    #[test]
    fn separated_scores_map_to_the_floor_and_the_ceiling() {
        let map = Calibration::fit(&observe(&[
            (0.1, false),
            (0.2, false),
            (0.8, true),
            (0.9, true),
        ]));
        assert_eq!(map.probability(0.0), Some(0.01));
        assert_eq!(map.probability(0.15), Some(0.01));
        assert_eq!(map.probability(0.95), Some(0.99));
        // Between the two blocks, a straight line: halfway is half.
        let middle = map.probability(0.5).unwrap_or(0.0);
        assert!((middle - 0.5).abs() < 1e-6, "{middle}");
    }

    #[test]
    fn out_of_order_outcomes_are_pooled_into_a_monotone_map() {
        // An attack scored low and a benign report scored high: the middle pools them.
        let map = Calibration::fit(&observe(&[
            (0.1, false),
            (0.3, true),
            (0.4, false),
            (0.6, true),
            (0.7, false),
            (0.9, true),
        ]));
        let probabilities: Vec<f64> = [0.0, 0.2, 0.35, 0.5, 0.65, 0.8, 1.0]
            .iter()
            .filter_map(|&s| map.probability(s))
            .collect();
        assert_eq!(probabilities.len(), 7);
        assert!(
            probabilities.windows(2).all(|w| w[0] <= w[1]),
            "{probabilities:?}"
        );
        assert_eq!(map.probability(0.35), Some(0.5));
    }

    #[test]
    fn equal_scores_share_one_probability_weighted() {
        let mut points = observe(&[(0.5, true), (0.5, false)]);
        points[0].weight = 3.0;
        let map = Calibration::fit(&points);
        assert_eq!(map.knots, vec![(0.5, 0.75)]);
    }

    #[test]
    fn no_observations_make_no_map() {
        let map = Calibration::fit(&[]);
        assert_eq!(map.probability(0.5), None);
        let weightless = Calibration::fit(&[Observation {
            score: 0.5,
            attack: true,
            weight: 0.0,
        }]);
        assert_eq!(weightless.probability(0.5), None);
    }
}
