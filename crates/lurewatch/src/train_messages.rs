//! Training the model's message head: one message of the other party at a time, positive when
//! the annotators marked it as asking for sensitive information. Only SEConvo's annotated
//! conversations and AntiScam's annotated dialogues label messages, a few hundred messages in
//! all, so the head is judged and its threshold chosen out of fold (folds by conversation,
//! never splitting one chat), and nothing of either set's test side is read: their test
//! messages' texts are dropped from training wherever they recur.

use std::collections::{BTreeMap, HashSet};

use lurewatch_core::MessageKind;
use lurewatch_detect::classifier::message::message_features;
use lurewatch_detect::classifier::{Head, TrainParams, TrainingExample, train};
use lurewatch_detect::normalize::normalize;
use lurewatch_eval::metrics::Counts;
use lurewatch_eval::split::fold_index;
use lurewatch_eval::{Example, Split};

use crate::eval_cmd::figure;
use crate::train_cmd::scores_out_of_fold;

/// Folds of the message head's out-of-fold scores.
const FOLDS: u64 = 5;

/// Salt of those folds (the conversation heads' folds use others).
const SALT: u64 = 6;

/// Fitted to its optimum with this L2 penalty per unit of example weight, the dialogue head's.
/// Out of fold on the training messages, mean F1 of the two sets: 0.762 (1e-3), 0.768 (1e-4),
/// 0.770 (1e-5), 0.773 (1e-6): no penalty measurably better; AdaGrad passes 0.713.
const L2: f64 = 1e-5;

/// Each (set, label) group of messages weighs this much in all.
const GROUP_WEIGHT: f32 = 500.0;

/// One training message.
struct Labelled {
    set: &'static str,
    /// Fold key: the conversation's, so that one chat's messages share a fold.
    conversation: u64,
    training: TrainingExample,
}

/// The message head and its threshold, fitted on the train side of every example with
/// message labels, less those `also_held_out` picks (cross-validation's fold).
pub fn fit_message_head(
    examples: &[&Example],
    also_held_out: impl Fn(&Example) -> bool,
) -> (Head, f32) {
    let held_out = |e: &Example| e.split == Split::Test || also_held_out(e);
    let held_out_texts: HashSet<String> = examples
        .iter()
        .filter(|e| held_out(e))
        .flat_map(|e| other_party_texts(e).map(|(_, text)| text))
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut messages: Vec<Labelled> = Vec::new();
    for example in examples.iter().filter(|e| !held_out(e)) {
        let Some(asking) = &example.asks_for_information else {
            continue;
        };
        let conversation = example.identity.exact;
        for (index, text) in other_party_texts(example) {
            if held_out_texts.contains(&text) || !seen.insert(text.clone()) {
                continue;
            }
            messages.push(Labelled {
                set: example.set,
                conversation,
                training: TrainingExample {
                    features: message_features(&text),
                    malicious: asking.contains(&index),
                    weight: 1.0,
                },
            });
        }
    }
    weigh_groups(&mut messages);
    let params = TrainParams {
        exact_l2: Some(L2),
        ..TrainParams::default()
    };
    let probabilities = out_of_fold(&messages, params);
    let threshold = best_threshold(&messages, &probabilities);
    report(&messages, &probabilities, threshold);
    let all: Vec<&TrainingExample> = messages.iter().map(|m| &m.training).collect();
    (train(&all, params), threshold as f32)
}

/// The other party's ordinary messages of an example, by index, normalised as the detector
/// reads them (and trimmed: the same words with other spacing are the same message).
fn other_party_texts(example: &Example) -> impl Iterator<Item = (usize, String)> + '_ {
    let conversation = &example.conversation;
    conversation
        .messages
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == MessageKind::Normal && conversation.is_external(m))
        .map(|(index, m)| (index, normalize(&m.text).text.trim().to_owned()))
}

/// Every (set, label) group weighs [`GROUP_WEIGHT`] in all: SEConvo's few dozen requests count
/// as much as AntiScam's.
fn weigh_groups(messages: &mut [Labelled]) {
    let mut sizes: BTreeMap<(&str, bool), usize> = BTreeMap::new();
    for m in messages.iter() {
        *sizes.entry((m.set, m.training.malicious)).or_default() += 1;
    }
    for m in messages.iter_mut() {
        let n = sizes
            .get(&(m.set, m.training.malicious))
            .copied()
            .unwrap_or(1);
        m.training.weight = GROUP_WEIGHT / n.max(1) as f32;
    }
}

/// Each message's probability from a head fitted without its conversation's fold.
fn out_of_fold(messages: &[Labelled], params: TrainParams) -> Vec<f64> {
    let fold_of: Vec<u64> = messages
        .iter()
        .map(|m| fold_index(m.conversation, FOLDS, SALT))
        .collect();
    let training: Vec<&TrainingExample> = messages.iter().map(|m| &m.training).collect();
    scores_out_of_fold(&training, &fold_of, FOLDS, params)
}

/// Counts per set at `threshold`.
fn counts_at(
    messages: &[Labelled],
    probabilities: &[f64],
    threshold: f64,
) -> BTreeMap<&'static str, Counts> {
    let mut per_set: BTreeMap<&'static str, Counts> = BTreeMap::new();
    for (m, p) in messages.iter().zip(probabilities) {
        per_set
            .entry(m.set)
            .or_default()
            .add(m.training.malicious, *p >= threshold);
    }
    per_set
}

/// The threshold with the best mean F1 over the sets (each set alike, whatever its size),
/// halfway between the out-of-fold scores it separates; 0.5 when there is nothing to learn
/// from.
fn best_threshold(messages: &[Labelled], probabilities: &[f64]) -> f64 {
    let mut candidates: Vec<f64> = probabilities.to_vec();
    candidates.sort_by(f64::total_cmp);
    candidates.dedup();
    let mean_f1 = |threshold: f64| {
        let per_set = counts_at(messages, probabilities, threshold);
        let f1s: Vec<f64> = per_set
            .values()
            .map(|c| c.summary().f1.unwrap_or(0.0))
            .collect();
        f1s.iter().sum::<f64>() / f1s.len().max(1) as f64
    };
    let mut best: Option<(f64, f64)> = None;
    for pair in candidates.windows(2) {
        if let [low, high] = pair {
            let threshold = (low + high) / 2.0;
            let f1 = mean_f1(threshold);
            if best.is_none_or(|(b, _)| f1 > b) {
                best = Some((f1, threshold));
            }
        }
    }
    best.map_or(0.5, |(_, threshold)| threshold)
}

fn report(messages: &[Labelled], probabilities: &[f64], threshold: f64) {
    let asking = messages.iter().filter(|m| m.training.malicious).count();
    eprintln!(
        "train: message head: {} messages ({asking} asking), threshold {threshold:.4}; out of fold:",
        messages.len()
    );
    for (set, counts) in counts_at(messages, probabilities, threshold) {
        let s = counts.summary();
        eprintln!(
            "train:   {set:<18} n {:>4}  precision {}  recall {}  F1 {}",
            counts.total(),
            figure(s.precision),
            figure(s.recall),
            figure(s.f1)
        );
    }
}
