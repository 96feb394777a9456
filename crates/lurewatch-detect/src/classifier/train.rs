//! Training the logistic regression: AdaGrad over the sparse features, L2-regularised, with
//! per-example weights (so a small set of whole conversations is not drowned by thousands of
//! SMS), in a fixed pseudo-random order: the same data gives the same model, byte for byte.
//! With `exact_l2` set, the weighted log-loss plus an L2 penalty is instead minimised to its
//! optimum ([`exact`](super::exact)); `lurewatch train` does that for the chat head.

use super::features::{DIMENSIONS, Features, idf, weigh};
use super::model::Head;

#[derive(Debug, Clone)]
pub struct TrainingExample {
    pub features: Features,
    pub malicious: bool,
    pub weight: f32,
}

#[derive(Debug, Clone, Copy)]
pub struct TrainParams {
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
    pub seed: u64,
    /// Fit to the optimum by L-BFGS with this L2 penalty (per unit of example weight)
    /// instead of AdaGrad passes; see [`exact`](super::exact).
    pub exact_l2: Option<f64>,
}

impl Default for TrainParams {
    fn default() -> Self {
        TrainParams {
            epochs: 12,
            learning_rate: 0.2,
            l2: 1e-6,
            seed: 7,
            exact_l2: None,
        }
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// A deterministic order of `n` items for one epoch (xorshift Fisher–Yates).
fn order(n: usize, seed: u64) -> Vec<usize> {
    let mut random = lurewatch_core::random::XorShift64::new(seed);
    let mut items: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (random.next_u64() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
    items
}

/// Trains one head of the model (the caller picks the examples: single texts or dialogues,
/// and chooses the threshold on validation data). The IDF comes from the training examples
/// themselves.
/// Takes the examples by reference: callers fit several heads and folds on subsets of one
/// set, and the vectors are weighed into new ones here anyway.
pub fn train(examples: &[&TrainingExample], params: TrainParams) -> Head {
    let documents: Vec<&Features> = examples.iter().map(|e| &e.features).collect();
    let idf = idf(&documents);
    let weighed: Vec<TrainingExample> = examples
        .iter()
        .map(|e| TrainingExample {
            features: weigh(&e.features, &idf),
            malicious: e.malicious,
            weight: e.weight,
        })
        .collect();
    let (weights, bias) = match params.exact_l2 {
        Some(l2) => super::exact::fit(&weighed, l2),
        None => fit(&weighed, params),
    };
    // Calibrated afterwards, on reports the head was not fitted on (`lurewatch train`).
    Head {
        weights,
        idf,
        bias,
        calibration: super::Calibration::default(),
    }
}

/// Logistic regression on vectors already weighed, by AdaGrad: its weights and bias.
fn fit(examples: &[TrainingExample], params: TrainParams) -> (Vec<f32>, f32) {
    let mut weights = vec![0.0f32; DIMENSIONS];
    let mut squares = vec![0.0f32; DIMENSIONS];
    let mut bias = 0.0f32;
    let mut bias_square = 0.0f32;
    let epsilon = 1e-8f32;
    for epoch in 0..params.epochs {
        for i in order(examples.len(), params.seed.wrapping_add(epoch as u64)) {
            let Some(example) = examples.get(i) else {
                continue;
            };
            let z = bias
                + example
                    .features
                    .0
                    .iter()
                    .map(|(j, v)| weights.get(*j as usize).copied().unwrap_or(0.0) * v)
                    .sum::<f32>();
            let error = (sigmoid(z) - f32::from(u8::from(example.malicious))) * example.weight;
            for (j, v) in &example.features.0 {
                let j = *j as usize;
                if let (Some(w), Some(g2)) = (weights.get_mut(j), squares.get_mut(j)) {
                    let g = error * v + params.l2 * *w;
                    *g2 += g * g;
                    *w -= params.learning_rate * g / (g2.sqrt() + epsilon);
                }
            }
            bias_square += error * error;
            bias -= params.learning_rate * error / (bias_square.sqrt() + epsilon);
        }
    }
    (weights, bias)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_deterministically() {
        let examples: Vec<TrainingExample> = (0..200)
            .map(|i| {
                let malicious = i % 2 == 0;
                let word = if malicious { 11 } else { 22 };
                TrainingExample {
                    features: Features(vec![(word, 1.0), (33, 1.0)]),
                    malicious,
                    weight: 1.0,
                }
            })
            .collect();
        let examples: Vec<&TrainingExample> = examples.iter().collect();
        let model = train(&examples, TrainParams::default());
        assert!(model.probability(&Features(vec![(11, 1.0), (33, 1.0)])) > 0.9);
        assert!(model.probability(&Features(vec![(22, 1.0), (33, 1.0)])) < 0.1);
        assert_eq!(model, train(&examples, TrainParams::default()));
    }
}
