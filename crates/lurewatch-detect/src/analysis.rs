//! The result a reporter and an analyst see: verdict, score, the tactics found with their
//! evidence, the indicators, and advice.

use lurewatch_core::{Conversation, Tactic, Verdict};

use crate::indicators::{self, Indicator, IndicatorKind, PhoneParser};
use crate::normalize::{Normalized, normalize};
use crate::rules::RuleSet;
use crate::{DetectError, advice, score};

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
    /// Why the conversation as a whole scored as it did, in plain words.
    pub reasons: Vec<String>,
    pub advice: Vec<String>,
}

/// Rules plus settings, built once and shared by every analysis.
#[derive(Debug, Clone)]
pub struct Detector {
    rules: RuleSet,
    phones: PhoneParser,
}

impl Detector {
    pub fn new(rules: RuleSet, region: &str) -> Result<Detector, DetectError> {
        let phones =
            PhoneParser::new(region).ok_or_else(|| DetectError::Region(region.to_owned()))?;
        Ok(Detector { rules, phones })
    }

    /// The embedded rules, numbers read as in `region`.
    pub fn with_embedded_rules(region: &str) -> Result<Detector, DetectError> {
        Detector::new(RuleSet::embedded()?, region)
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    pub fn analyze(&self, conversation: &Conversation) -> Analysis {
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
            .evaluate(conversation, &normalized)
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
        let mut scored = score::score(conversation, &findings, &link_messages);
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
        let verdict = Verdict::from_score(scored.score);
        let advice = advice::advise(verdict, &findings, conversation);
        Analysis {
            verdict,
            score: scored.score,
            findings,
            indicators,
            reasons: scored.reasons,
            advice,
        }
    }
}
