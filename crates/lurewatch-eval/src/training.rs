//! Assembling the training data: the train side of every set, minus any text that is held out
//! anywhere (the same SMS sits in several sets), deduplicated, weighted so that every
//! (set, label) group counts between 500 and 2,000 examples' worth, and split again into
//! fitting and validation parts (15 %, by hash with its own salt) for choosing the threshold.

use std::collections::{HashMap, HashSet};

use crate::datasets::PUBLISHED_LEMMATISED;
use crate::split::held_out;
use crate::{Example, Split};

/// Salt of the validation part inside training.
pub const VALIDATION_SALT: u64 = 2;

/// The parts of a list of examples, as indices into it (so a caller can keep anything it
/// computed per example, such as feature vectors, across several assemblies).
pub struct Assembled {
    /// (example, weight) to fit on.
    pub fit: Vec<(usize, f32)>,
    /// Examples to choose the threshold on.
    pub validation: Vec<usize>,
    /// Train-side examples dropped because their text is held out somewhere.
    pub dropped_as_test: usize,
    pub dropped_as_duplicate: usize,
}

pub fn assemble(examples: &[Example]) -> Assembled {
    assemble_holding_out(examples, |_| false)
}

/// [`assemble`], with the training examples for which `also_held_out` is true treated like the
/// test split: neither fitted nor validated on, and their texts dropped from every set (how
/// cross-validation holds a fold out).
pub fn assemble_holding_out(
    examples: &[Example],
    also_held_out: impl Fn(&Example) -> bool,
) -> Assembled {
    let is_held_out = |e: &Example| e.split == Split::Test || also_held_out(e);
    let test: HashSet<u64> = examples
        .iter()
        .filter(|e| is_held_out(e))
        .map(|e| e.identity.exact)
        .collect();
    let test_loosely: HashSet<u64> = examples
        .iter()
        .filter(|e| is_held_out(e))
        .map(|e| e.identity.loose)
        .collect();
    let mut seen: HashSet<u64> = HashSet::new();
    let mut fit = Vec::new();
    let mut validation = Vec::new();
    let mut dropped_as_test = 0;
    let mut dropped_as_duplicate = 0;
    for (index, example) in examples.iter().enumerate() {
        if is_held_out(example) {
            continue;
        }
        let hash = example.identity.exact;
        let reshaped_copy = PUBLISHED_LEMMATISED.contains(&example.set)
            && test_loosely.contains(&example.identity.loose);
        if test.contains(&hash) || reshaped_copy {
            dropped_as_test += 1;
        } else if !seen.insert(hash) {
            dropped_as_duplicate += 1;
        } else if held_out(hash, 15, VALIDATION_SALT) {
            validation.push(index);
        } else {
            fit.push((index, example));
        }
    }
    let mut groups: HashMap<(&str, bool), usize> = HashMap::new();
    for (_, e) in &fit {
        *groups.entry((e.set, e.malicious)).or_default() += 1;
    }
    let fit = fit
        .into_iter()
        .map(|(index, e)| {
            let n = groups
                .get(&(e.set, e.malicious))
                .copied()
                .unwrap_or(1)
                .max(1) as f32;
            (index, 2000.0 / n)
        })
        .collect();
    Assembled {
        fit,
        validation,
        dropped_as_test,
        dropped_as_duplicate,
    }
}

/// The lowest threshold whose false-positive rate on the benign examples of `scored` (scores
/// the model was not fitted on) is at most `max_fpr`: as many attacks caught as the
/// false-alarm budget allows.
pub fn choose_threshold(scored: &[(f64, bool)], max_fpr: f64) -> f64 {
    let mut benign: Vec<f64> = scored.iter().filter(|(_, m)| !m).map(|(p, _)| *p).collect();
    benign.sort_by(|a, b| b.total_cmp(a));
    let allowed = (benign.len() as f64 * max_fpr).floor() as usize;
    // Just above the (allowed+1)-th highest benign probability.
    benign
        .get(allowed)
        .map_or(0.5, |p| (p + 1e-6).min(0.999_999))
        .max(0.05)
}

/// The threshold that gets the most of every group right on average (mean per-group
/// accuracy, so a group of 1,000 chit-chat dialogues counts as much as 60 professional chats),
/// from scores of examples the model was not fitted on. `scored` is (probability, malicious,
/// group). The threshold is the middle of the first range of thresholds that reach the best,
/// so it sits between the scores it separates, not on one of them.
pub fn balanced_threshold(scored: &[(f64, bool, usize)]) -> f64 {
    let groups = scored.iter().map(|s| s.2 + 1).max().unwrap_or(0);
    let mut sizes = vec![0usize; groups];
    for (_, _, g) in scored {
        if let Some(n) = sizes.get_mut(*g) {
            *n += 1;
        }
    }
    let present = sizes.iter().filter(|n| **n > 0).count().max(1) as f64;
    let mut ordered: Vec<&(f64, bool, usize)> = scored.iter().collect();
    ordered.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Threshold just above everything: every benign example right, every malicious one wrong.
    let mut right = vec![0usize; groups];
    for (_, malicious, g) in scored {
        if let Some(r) = right.get_mut(*g) {
            *r += usize::from(!malicious);
        }
    }
    let mean = |right: &[usize]| {
        right
            .iter()
            .zip(&sizes)
            .filter(|(_, n)| **n > 0)
            .map(|(r, n)| *r as f64 / *n as f64)
            .sum::<f64>()
            / present
    };
    // The best mean accuracy and the thresholds that reach it: every t in (low, high].
    // Above every score, nothing is flagged: thresholds in (highest score, 1].
    let highest = ordered.last().map_or(0.0, |e| e.0);
    let mut best = (mean(&right), 1.0, highest);
    let mut in_best_range = true;
    // Lower the threshold past one distinct score at a time, from the highest down.
    for (k, (p, malicious, g)) in ordered.iter().rev().enumerate() {
        if let Some(r) = right.get_mut(*g) {
            if *malicious {
                *r += 1;
            } else {
                *r -= 1;
            }
        }
        let next_lower = ordered
            .len()
            .checked_sub(k + 2)
            .and_then(|i| ordered.get(i))
            .map(|e| e.0);
        if next_lower == Some(*p) {
            continue;
        }
        // Thresholds in (next lower score, p] flag exactly the examples seen so far.
        let low = next_lower.unwrap_or(0.0);
        let score = mean(&right);
        if score > best.0 + 1e-12 {
            best = (score, *p, low);
            in_best_range = true;
        } else if in_best_range && (score - best.0).abs() <= 1e-12 {
            best.2 = low;
        } else {
            in_best_range = false;
        }
    }
    // The middle of the best range, in probability.
    ((best.1 + best.2) / 2.0).clamp(0.01, 0.99)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_balanced_threshold_weighs_each_group_alike() {
        // A large easy benign group, a small hard one and a small malicious one: the threshold
        // must separate the small groups, not just keep the large one right.
        let mut scored: Vec<(f64, bool, usize)> = (0..1000).map(|_| (0.05, false, 0)).collect();
        scored.extend((0..20).map(|i| (0.30 + i as f64 * 0.001, false, 1)));
        scored.extend((0..20).map(|i| (0.60 + i as f64 * 0.001, true, 2)));
        let t = balanced_threshold(&scored);
        // Halfway between the hard benign group's top (0.319) and the attacks' bottom (0.60).
        assert!((t - 0.4595).abs() < 1e-9, "{t}");
        assert!(scored.iter().all(|(p, m, _)| (*p >= t) == *m), "{t}");
    }

    fn text(set: &'static str, text: &str, split: Split) -> Example {
        Example::new(
            set,
            text.to_owned(),
            crate::example::conversation(
                lurewatch_core::Format::Text,
                &[(crate::example::Speaker::Other, text)],
                lurewatch_core::SenderIdentity::Unknown,
            ),
            true,
            split,
        )
    }

    #[test]
    fn a_held_out_text_is_dropped_even_when_a_lemmatised_set_reshaped_it() {
        let examples = [
            text(
                "smishtank",
                "Your account has been suspended, call 0800 123 4567",
                Split::Test,
            ),
            // SPAM-Hunter's shape of the same text: lemmatised, digits masked.
            text(
                "spam-hunter",
                "Your account have be suspend call XXXX XXX XXXX",
                Split::Train,
            ),
            // A set published as written keeps a text that differs in a number.
            text(
                "uci-sms",
                "Your account has been suspended, call 0800 999 0000",
                Split::Train,
            ),
            text(
                "spam-hunter",
                "Your parcel is waiting, pay the fee",
                Split::Train,
            ),
        ];
        let assembled = assemble(&examples);
        assert_eq!(assembled.dropped_as_test, 1);
        let kept: Vec<usize> = assembled
            .fit
            .iter()
            .map(|(i, _)| *i)
            .chain(assembled.validation.iter().copied())
            .collect();
        assert!(
            !kept.contains(&1) && kept.contains(&2) && kept.contains(&3),
            "{kept:?}"
        );
    }

    #[test]
    fn the_threshold_keeps_false_alarms_within_budget() {
        let mut scored: Vec<(f64, bool)> = (0..1000).map(|i| (i as f64 / 2000.0, false)).collect();
        scored.push((0.99, true));
        let t = choose_threshold(&scored, 0.005);
        let false_alarms = scored.iter().filter(|(p, m)| !m && *p >= t).count();
        assert!(false_alarms <= 5, "{false_alarms} at {t}");
        assert!(t < 0.99);
    }
}
