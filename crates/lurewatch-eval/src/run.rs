//! Scoring a detector on the test side of labelled sets: conversation-level figures for the
//! rules alone (verdict medium or above) and for the classifier (its threshold), plus
//! per-tactic figures where a set labels tactics.

use std::collections::BTreeMap;

use lurewatch_core::{MessageKind, Tactic, Verdict};
use lurewatch_detect::{Analysis, Detector, MESSAGE_HEAD_RULE};
use serde::Serialize;

use crate::calibration::{Collector, SetCalibration};
use crate::datasets::MESSAGE_LEVEL_ONLY;
use crate::early::{Early, EarlyCollector};
use crate::intervals::{Interval, roc_auc_interval};
use crate::metrics::{Counts, Summary, roc_auc};
use crate::{Example, Split};

#[derive(Debug, Clone, Serialize)]
pub struct SetResult {
    pub set: String,
    pub examples: usize,
    /// The rules alone: malicious when the verdict is medium or high.
    pub rules: Summary,
    /// The classifier (rules as features) at its one decision threshold.
    pub classifier: Option<Summary>,
    /// How well the classifier's probability separates attacks from benign conversations,
    /// whatever the threshold (sets with both labels, with a model).
    pub classifier_roc_auc: Option<f64>,
    /// Its 95 % interval (Hanley and McNeil's standard error).
    pub classifier_roc_auc_interval_95: Option<Interval>,
    /// What `scan` reports: the verdict after the classifier may have raised the rules' score
    /// (medium or high counts as malicious).
    pub combined: Option<Summary>,
    /// Per tactic, for sets that label tactics: did the analysis name it.
    pub tactics: BTreeMap<String, Summary>,
    /// Message level, for sets that label the messages asking for sensitive information:
    /// did the analysis find elicitation in that very message (a rule, or the model's message
    /// head). Over the other party's messages.
    pub messages: Option<Summary>,
    /// The same, counting the elicitation rules' findings only.
    pub messages_rules: Option<Summary>,
    /// The reported attack probability against the labels, when a model is loaded.
    pub calibration: Option<SetCalibration>,
    /// True for sets whose conversation-level figures are not a measurement
    /// ([`MESSAGE_LEVEL_ONLY`]): read only `messages`.
    pub messages_only: bool,
    /// The same conversations judged on their first messages only, where some are longer
    /// (see [`crate::early`]).
    pub early: Option<Early>,
}

/// Evaluates the test-split examples of one set.
pub fn evaluate(set: &str, detector: &Detector, examples: &[Example]) -> SetResult {
    evaluate_observing(set, detector, examples, |_, _| {})
}

/// [`evaluate`], showing each example's analysis to `observe` too (cross-validation keeps the
/// classifier's probabilities) so nothing is analysed twice.
pub fn evaluate_observing(
    set: &str,
    detector: &Detector,
    examples: &[Example],
    mut observe: impl FnMut(&Example, &Analysis),
) -> SetResult {
    let mut rules = Counts::default();
    let mut classifier = Counts::default();
    let mut combined = Counts::default();
    let mut tactics: BTreeMap<Tactic, Counts> = BTreeMap::new();
    let mut messages = Counts::default();
    let mut messages_rules = Counts::default();
    let mut any_message_labels = false;
    let mut any_model = false;
    let mut calibration = Collector::default();
    let mut probabilities: Vec<(f64, bool)> = Vec::new();
    let messages_only = MESSAGE_LEVEL_ONLY.contains(&set);
    let mut early = EarlyCollector::default();
    let mut count = 0;
    for example in examples.iter().filter(|e| e.split == Split::Test) {
        count += 1;
        let analysis = detector.analyze(&example.conversation);
        observe(example, &analysis);
        if !messages_only {
            early.add(detector, example, &analysis);
        }
        rules.add(
            example.malicious,
            Verdict::from_score(analysis.rule_score) >= Verdict::Medium,
        );
        if let Some(score) = analysis.classifier {
            any_model = true;
            classifier.add(example.malicious, score.malicious);
            probabilities.push((score.probability, example.malicious));
            combined.add(example.malicious, analysis.verdict >= Verdict::Medium);
        }
        if let Some(probability) = analysis.attack_probability {
            calibration.add(probability, example.malicious);
        }
        if let Some(asking) = &example.asks_for_information {
            any_message_labels = true;
            let conversation = &example.conversation;
            for (index, message) in conversation.messages.iter().enumerate() {
                if message.kind != MessageKind::Normal || !conversation.is_external(message) {
                    continue;
                }
                let (any, by_rule) = analysis
                    .findings
                    .iter()
                    .filter(|f| f.tactic == Tactic::Elicitation && f.message == index)
                    .fold((false, false), |(_, by_rule), f| {
                        (true, by_rule || f.rule != MESSAGE_HEAD_RULE)
                    });
                messages.add(asking.contains(&index), any);
                messages_rules.add(asking.contains(&index), by_rule);
            }
        }
        if let Some(truth) = &example.tactics {
            for tactic in Tactic::ALL {
                let found = analysis.findings.iter().any(|f| f.tactic == tactic);
                tactics
                    .entry(tactic)
                    .or_default()
                    .add(truth.contains(&tactic), found);
            }
        }
    }
    let auc = roc_auc(&probabilities);
    let attacks = probabilities
        .iter()
        .filter(|(_, malicious)| *malicious)
        .count();
    SetResult {
        set: set.to_owned(),
        examples: count,
        rules: rules.summary(),
        classifier: any_model.then(|| classifier.summary()),
        classifier_roc_auc: auc,
        classifier_roc_auc_interval_95: auc
            .and_then(|a| roc_auc_interval(a, attacks, probabilities.len() - attacks)),
        combined: any_model.then(|| combined.summary()),
        tactics: tactics
            .into_iter()
            .filter(|(_, c)| c.positives() > 0)
            .map(|(t, c)| (t.id().to_owned(), c.summary()))
            .collect(),
        messages: any_message_labels.then(|| messages.summary()),
        messages_rules: any_message_labels.then(|| messages_rules.summary()),
        calibration: calibration.finish(set),
        messages_only,
        early: early.finish(),
    }
}
