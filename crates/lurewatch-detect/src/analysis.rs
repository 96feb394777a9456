//! The result a reporter and an analyst see: verdict, score, the tactics found with their
//! evidence, the indicators, and advice.

use lurewatch_core::{Conversation, Tactic, Verdict};
use std::sync::Arc;

use crate::channel::{Channel, channel_of};
use crate::classifier::{Features, Model, ModelDigest, ModelError, features};
use crate::indicators::{self, Indicator, IndicatorKind, PhoneParser};
use crate::normalize::{Normalized, normalize};
use crate::rules::{RuleSet, Signal};
use crate::{DetectError, advice, first_contact, internal_notice, pointers, requests, score};

/// One tactic found in one message.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub tactic: Tactic,
    pub rule: String,
    /// 0-based index into the conversation's messages.
    pub message: usize,
    /// The words that fired the rule, quoted from the original message.
    pub evidence: String,
    /// Byte range of the evidence in the message text (empty for structural rules).
    pub span: std::ops::Range<usize>,
    pub weight: f64,
}

/// Everything detection says about a conversation.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub verdict: Verdict,
    pub score: f64,
    pub findings: Vec<Finding>,
    pub indicators: Vec<Indicator>,
    /// The rules' score alone, before the classifier had its say.
    pub rule_score: f64,
    /// A higher score the rules reach only if the classifier agrees the report is malicious:
    /// the smishing pattern (money or a login asked beside a link, by a stranger) in e-mail,
    /// where links and strangers are too common for the pattern to stand alone.
    pub rule_score_if_classifier_agrees: Option<f64>,
    /// Why the conversation as a whole scored as it did, in plain words.
    pub reasons: Vec<String>,
    pub advice: Vec<String>,
    /// The least verdict a stranger's first contact sets (a rule's `first_contact_verdict` in
    /// a short exchange a stranger opened), whatever the classifier says; see `first_contact.rs`.
    pub first_contact_floor: Option<Verdict>,
    /// The trained classifier's probability that the conversation is malicious, which takes
    /// the rules' findings as features (so it is the combined score), when a model is loaded.
    pub classifier: Option<ClassifierScore>,
    /// The probability that a report with this score is an attack, read off the calibration
    /// of the head that scored it (fitted on reports the model was not fitted on, attacks and
    /// benign ones weighing half each), when a model is loaded.
    pub attack_probability: Option<f64>,
    /// Which model file scored it, when the classifier did and the model came from a file
    /// (the built-in one, or `--model`).
    pub model: Option<ModelDigest>,
    /// An e-mail from the reporter's own organisation, linking only to its domain
    /// ([`ClassifierScore::unless_internal_notice`]).
    pub internal_notice: bool,
}

/// What the classifier said.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassifierScore {
    pub probability: f64,
    /// The model's decision threshold.
    pub threshold: f64,
    /// Whether the probability reaches the threshold.
    pub malicious: bool,
}

impl ClassifierScore {
    /// A probability against the model's threshold: malicious when it reaches it.
    pub fn new(probability: f64, threshold: f64) -> ClassifierScore {
        ClassifierScore {
            probability,
            threshold,
            malicious: probability >= threshold,
        }
    }

    /// What the classifier may do to the rules' score: nothing, when it finds a notice from
    /// the reporter's own organisation malicious (`internal_notice.rs`): its wording is the
    /// wording the copies borrow, and a copy cannot both send from and link only to the
    /// organisation's domain, so the rules' findings stand alone there. A doubting classifier
    /// still lowers a rules-only medium, as everywhere.
    pub fn unless_internal_notice(self, internal_notice: bool) -> Option<ClassifierScore> {
        (!(internal_notice && self.malicious)).then_some(self)
    }
}

/// Rules plus settings, built once and shared by every analysis.
#[derive(Debug, Clone)]
pub struct Detector {
    rules: RuleSet,
    phones: PhoneParser,
    model: Option<Arc<Model>>,
    /// The SHA-256 of the file the model was read from; none for a model built in memory.
    model_digest: Option<ModelDigest>,
}

impl Detector {
    pub fn new(rules: RuleSet, region: &str) -> Result<Detector, DetectError> {
        let phones =
            PhoneParser::new(region).ok_or_else(|| DetectError::Region(region.to_owned()))?;
        Ok(Detector {
            rules,
            phones,
            model: None,
            model_digest: None,
        })
    }

    /// The embedded rules, numbers read as in `region`.
    pub fn with_embedded_rules(region: &str) -> Result<Detector, DetectError> {
        Detector::new(RuleSet::embedded()?, region)
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// What `scan` uses: the embedded rules and the built-in trained model.
    pub fn standard(region: &str) -> Result<Detector, DetectError> {
        Detector::with_embedded_rules(region)?
            .with_model_file(crate::classifier::EMBEDDED)
            .map_err(|e| DetectError::Model(e.to_string()))
    }

    /// The same detector, also scoring with a trained model built in memory (by training).
    pub fn with_model(mut self, model: Model) -> Detector {
        self.model = Some(Arc::new(model));
        self.model_digest = None;
        self
    }

    /// The same detector, also scoring with the model in a model file's `bytes`; each
    /// analysis the model scores names the file by its SHA-256.
    pub fn with_model_file(self, bytes: &[u8]) -> Result<Detector, ModelError> {
        let model = Model::from_bytes(bytes)?;
        let mut detector = self.with_model(model);
        detector.model_digest = Some(ModelDigest::of(bytes));
        Ok(detector)
    }

    pub fn model(&self) -> Option<&Model> {
        self.model.as_deref()
    }

    pub fn analyze(&self, conversation: &Conversation) -> Analysis {
        self.analyze_inner(conversation, self.model.is_some()).0
    }

    /// The analysis and the classifier's feature vector (for training and evaluation).
    pub fn analyze_with_features(&self, conversation: &Conversation) -> (Analysis, Features) {
        let (analysis, features) = self.analyze_inner(conversation, true);
        (analysis, features.unwrap_or_default())
    }

    fn analyze_inner(
        &self,
        conversation: &Conversation,
        want_features: bool,
    ) -> (Analysis, Option<Features>) {
        let channel = channel_of(conversation);
        let normalized: Vec<Normalized> = conversation
            .messages
            .iter()
            .map(|m| {
                if conversation.is_external(m) {
                    normalize(&m.text)
                } else {
                    Normalized::default()
                }
            })
            .collect();
        let findings: Vec<Finding> = self
            .rules
            .evaluate_in(conversation, channel, &normalized)
            .into_iter()
            .filter_map(|hit| {
                let rule = self.rules.rule(hit.rule)?;
                let message = conversation.messages.get(hit.message)?;
                let evidence = if hit.span.is_empty() {
                    conversation
                        .sender_of(message)
                        .map(|p| p.display.clone())
                        .unwrap_or_default()
                } else {
                    message
                        .text
                        .get(hit.span.clone())
                        .unwrap_or_default()
                        .to_owned()
                };
                Some(Finding {
                    tactic: rule.tactic,
                    rule: rule.id.clone(),
                    message: hit.message,
                    evidence,
                    span: hit.span,
                    weight: rule.weight,
                })
            })
            .collect();
        let indicators = indicators::extract(conversation, &self.phones);
        let link_messages: Vec<usize> = indicators
            .iter()
            .filter(|i| i.kind == IndicatorKind::Url)
            .filter_map(|i| i.message)
            .collect();
        let mut scored = score::score(conversation, channel, &findings, &link_messages);
        // A Reply-To that differs from the sender is where a phisher's answers really go.
        for message in conversation
            .messages
            .iter()
            .filter(|m| conversation.is_external(m))
        {
            if let (Some(reply_to), Some(sender)) =
                (&message.reply_to, conversation.sender_of(message))
            {
                let reason = format!(
                    "replies to {} go to a different address: {reply_to}",
                    sender.display
                );
                if !scored.reasons.contains(&reason) {
                    scored.reasons.push(reason);
                }
            }
        }
        let mut message_slots = crate::classifier::message::MessageSlots::default();
        let features = want_features.then(|| {
            features::extract_keeping_messages(
                conversation,
                &normalized,
                &findings,
                scored.score,
                !link_messages.is_empty(),
                self.model.is_some().then_some(&mut message_slots),
            )
        });
        let model = self.model.as_deref();
        let classifier = model
            .zip(features.as_ref())
            .map(|(m, f)| ClassifierScore::new(m.probability(f, channel), f64::from(m.threshold)));
        let rule_score = scored.score;
        let if_classifier_agrees = scored.if_classifier_agrees;
        let mut reasons = scored.reasons;
        let pointer = match (model, features.as_ref(), classifier) {
            (Some(model), Some(features), Some(c)) if c.malicious => pointers::pointer(
                model.head(features, channel),
                features,
                conversation,
                &normalized,
            ),
            _ => None,
        };
        let floor = first_contact::floor(conversation, &findings, &self.rules);
        let internal_notice = channel == Channel::Email
            && self.rules.brands().is_some_and(|brands| {
                internal_notice::is_internal_notice(conversation, &indicators, brands)
            });
        let heard = classifier.and_then(|c| c.unless_internal_notice(internal_notice));
        if internal_notice && heard.is_none() {
            reasons.push(
                "it comes from your own organisation's domain and links only to it: read as your organisation's own notice, so its wording alone does not raise the verdict".to_owned(),
            );
        }
        let score = combine(
            rule_score,
            if_classifier_agrees.as_ref(),
            heard,
            pointer.as_deref(),
            floor,
            &mut reasons,
        );
        let mut findings = findings;
        if let (Some(model), Some(features)) = (model, features.as_ref())
            && features::is_dialogue(features)
        {
            let unnamed = requests::unnamed_requests(
                model,
                conversation,
                &normalized,
                &message_slots,
                &findings,
            );
            if !unnamed.is_empty() {
                findings.extend(unnamed);
                // In message order, as the rules list them (stable: a message's own order stays).
                findings.sort_by_key(|f| f.message);
            }
        }
        let verdict = Verdict::from_score(score);
        let attack_probability = model
            .zip(features.as_ref())
            .and_then(|(m, f)| m.attack_probability(f, channel, score));
        // Which finding, if any, is a link dressed as a brand: its advice names the link.
        let dressed_link = findings.iter().find(|f| {
            // The tactic first: most texts have no impersonation finding to look up.
            f.tactic == Tactic::Impersonation
                && self
                    .rules
                    .rules()
                    .iter()
                    .any(|r| r.id == f.rule && r.signal == Some(Signal::LinkDressedAsBrand))
        });
        let advice = advice::advise(verdict, &findings, dressed_link, conversation, &self.rules);
        (
            Analysis {
                verdict,
                score,
                rule_score,
                rule_score_if_classifier_agrees: if_classifier_agrees.map(|(score, _)| score),
                findings,
                indicators,
                reasons,
                advice,
                classifier,
                attack_probability,
                first_contact_floor: floor.map(|(verdict, _)| verdict),
                model: classifier.and(self.model_digest),
                internal_notice,
            },
            features,
        )
    }
}

/// The first `words` words of a message, for quoting it in a reason.
pub(crate) fn excerpt(text: &str, words: usize) -> String {
    let mut parts = text.split_whitespace();
    let head: Vec<&str> = parts.by_ref().take(words).collect();
    let more = parts.next().is_some();
    format!("{}{}", head.join(" "), if more { " …" } else { "" })
}

/// The one score, from the rules and the trained classifier (which reads the rules' findings
/// as features, so its probability already weighs them):
///
/// - rules at high (≥ 0.7) stand: explicit blackmail or a credential lure is not argued away;
/// - below that, the classifier decides. When it is confident the conversation is malicious the
///   score is raised into the medium band by its probability; when it is not, a medium from the
///   rules alone is lowered into the low band. Every finding stays listed and the reasons say
///   which way the classifier moved the score and why ([`combine`]);
/// - a confident classifier also lets `rule_score_if_classifier_agrees` stand: the score of a
///   pattern the rules found that is too common in its channel to count alone (the smishing
///   pattern in e-mail, `score.rs`).
///
/// Measured on validation data only (`lurewatch train --cross-validate`): letting the rules'
/// medium stand over a confident "benign" cost 13 % false alarms on our labelled look-alikes
/// and 2 % on chit-chat for no attack caught. `lurewatch train` calibrates this score on its
/// held-out reports.
///
/// Last, `floor` (a stranger's first contact, `first_contact.rs`) lifts the result to that
/// verdict's lowest score: neither side lowers it.
pub fn combined_score(
    rule_score: f64,
    rule_score_if_classifier_agrees: Option<f64>,
    classifier: Option<ClassifierScore>,
    floor: Option<Verdict>,
) -> f64 {
    lifted(
        before_floor(rule_score, rule_score_if_classifier_agrees, classifier),
        floor,
    )
}

/// `score`, or the lowest score of the floor's verdict when that is higher.
fn lifted(score: f64, floor: Option<Verdict>) -> f64 {
    floor.map_or(score, |v| score.max(v.lowest_score()))
}

fn before_floor(
    rule_score: f64,
    if_classifier_agrees: Option<f64>,
    classifier: Option<ClassifierScore>,
) -> f64 {
    let Some(c) = classifier else {
        return rule_score;
    };
    if rule_score >= HIGH {
        return rule_score;
    }
    if c.malicious {
        // [threshold, 1] onto the medium band [0.4, 0.7).
        let span = (1.0 - c.threshold).max(f64::EPSILON);
        let raised = MEDIUM + 0.29 * ((c.probability - c.threshold) / span).clamp(0.0, 1.0);
        return raised
            .max(rule_score)
            .max(if_classifier_agrees.unwrap_or(0.0));
    }
    if rule_score >= MEDIUM {
        return MEDIUM - 0.01;
    }
    rule_score
}

const HIGH: f64 = 0.7;
const MEDIUM: f64 = 0.4;

/// [`combined_score`], with the reason for a score the classifier moved added to `reasons`
/// (ending with `pointer`, what pulled the classifier there, when it raised the score).
fn combine(
    rule_score: f64,
    if_classifier_agrees: Option<&(f64, String)>,
    classifier: Option<ClassifierScore>,
    pointer: Option<&str>,
    floor: Option<(Verdict, &crate::rules::Rule)>,
    reasons: &mut Vec<String>,
) -> f64 {
    let unfloored = before_floor(
        rule_score,
        if_classifier_agrees.map(|(s, _)| *s),
        classifier,
    );
    let score = lifted(unfloored, floor.map(|(v, _)| v));
    if score > unfloored
        && let Some((verdict, rule)) = floor
    {
        // The floor's reason alone: the classifier's "so the verdict is low" would not hold.
        reasons.push(first_contact::reason(verdict, rule));
        return score;
    }
    let Some(c) = classifier else {
        return score;
    };
    if score > rule_score {
        if let Some((_, pattern)) = if_classifier_agrees
            && c.malicious
        {
            reasons.push(pattern.clone());
        }
        let mut reason = format!(
            "its wording is like that of known scams and manipulation: the trained classifier rates it {:.2}",
            c.probability
        );
        if let Some(pointer) = pointer {
            reason.push_str("; ");
            reason.push_str(pointer);
        }
        reasons.push(reason);
    } else if score < rule_score {
        reasons.push(format!(
            "the warning signs found are weak on their own: the trained classifier, which weighs them with the wording and the shape of the conversation, rates it {:.2} (below its threshold {:.2}), so the verdict is low",
            c.probability, c.threshold
        ));
    }
    score
}

#[cfg(test)]
mod combine_tests {
    use super::*;

    fn score(probability: f64) -> Option<ClassifierScore> {
        Some(ClassifierScore::new(probability, 0.8))
    }

    #[test]
    fn an_internal_notice_is_not_raised_by_the_classifier_but_may_be_lowered() {
        let sure = ClassifierScore::new(0.99, 0.9);
        let doubting = ClassifierScore::new(0.1, 0.9);
        assert_eq!(sure.unless_internal_notice(true), None);
        assert_eq!(sure.unless_internal_notice(false), Some(sure));
        assert_eq!(doubting.unless_internal_notice(true), Some(doubting));
    }

    #[test]
    fn a_confident_classifier_raises_a_low_rule_score_into_medium_and_says_why() {
        let mut reasons = Vec::new();
        let s = combine(0.1, None, score(0.95), None, None, &mut reasons);
        assert_eq!(Verdict::from_score(s), Verdict::Medium);
        assert_eq!(reasons.len(), 1);
    }

    #[test]
    fn a_raised_verdict_ends_with_what_pulled_it() {
        let mut reasons = Vec::new();
        combine(
            0.1,
            None,
            score(0.95),
            Some("the words that weigh most: \"verify\""),
            None,
            &mut reasons,
        );
        assert_eq!(reasons.len(), 1);
        assert!(
            reasons[0].ends_with("rates it 0.95; the words that weigh most: \"verify\""),
            "{}",
            reasons[0]
        );
    }

    #[test]
    fn a_long_message_is_quoted_by_its_first_words() {
        assert_eq!(
            excerpt(
                "Could you send me a scan of your passport, your date of birth and the names of everyone in your team please?",
                20
            ),
            "Could you send me a scan of your passport, your date of birth and the names of everyone in your …"
        );
        assert_eq!(excerpt("short one", 20), "short one");
    }

    #[test]
    fn high_rule_scores_stand_whatever_the_classifier_says() {
        let mut reasons = Vec::new();
        assert_eq!(
            combine(0.9, None, score(0.99), None, None, &mut reasons),
            0.9
        );
        assert_eq!(
            combine(0.8, None, score(0.01), None, None, &mut reasons),
            0.8
        );
        assert_eq!(combine(0.3, None, None, None, None, &mut reasons), 0.3);
        assert_eq!(
            combine(0.3, None, score(0.1), None, None, &mut reasons),
            0.3
        );
        assert!(reasons.is_empty());
    }

    #[test]
    fn a_pattern_waiting_for_the_classifier_stands_only_when_it_agrees() {
        let pattern = (
            0.77,
            "an unknown sender asks for money or a login through a link".to_owned(),
        );
        let mut reasons = Vec::new();
        let agreed = combine(0.55, Some(&pattern), score(0.95), None, None, &mut reasons);
        assert_eq!(agreed, 0.77);
        assert_eq!(reasons.first(), Some(&pattern.1), "{reasons:?}");
        assert_eq!(
            reasons.len(),
            2,
            "the classifier's own reason follows: {reasons:?}"
        );
        assert_eq!(combined_score(0.55, Some(0.77), score(0.95), None), agreed);
        let mut reasons = Vec::new();
        let doubted = combine(0.55, Some(&pattern), score(0.5), None, None, &mut reasons);
        assert_eq!(Verdict::from_score(doubted), Verdict::Low);
        assert!(reasons.iter().all(|r| *r != pattern.1), "{reasons:?}");
        assert_eq!(combined_score(0.55, Some(0.77), None, None), 0.55);
    }

    #[test]
    fn a_confident_benign_classifier_lowers_a_rules_only_medium_and_says_why() {
        let mut reasons = Vec::new();
        let s = combine(0.5, None, score(0.1), None, None, &mut reasons);
        assert_eq!(Verdict::from_score(s), Verdict::Low);
        assert_eq!(reasons.len(), 1);
        assert!(reasons.iter().all(|r| r.contains("0.10")));
    }
}
