//! Detection: from a parsed [`Conversation`] to an explained verdict.
//!
//! The pipeline is normalise → rules (per message) → conversation scoring (the escalation
//! pattern across messages) → indicators and advice. Every number this crate produces can be
//! traced to a rule, a message and the words that fired it; nothing is scored that cannot be
//! explained to the person who reported it.

mod advice;
mod analysis;
mod channel;
mod first_contact;
mod internal_notice;
mod one_time_code;
mod packed_words;
mod pointers;
mod requests;
mod score;

pub mod classifier;
pub mod indicators;
pub mod normalize;
pub mod rules;

use thiserror::Error;

pub use analysis::{Analysis, ClassifierScore, Detector, Finding, combined_score};
pub use channel::{Channel, channel_of};
pub use indicators::{Indicator, IndicatorKind, PhoneParser};
pub use lurewatch_core::Verdict;
pub use requests::RULE_ID as MESSAGE_HEAD_RULE;
pub use rules::{Rule, RuleSet};

/// Errors of this crate: only configuration (rules, region) can fail; analysis cannot.
#[derive(Debug, Error)]
pub enum DetectError {
    #[error("rule file {file}: {detail}")]
    Rule { file: String, detail: String },
    #[error("unknown region '{0}': use an ISO 3166 code such as GB, US or DE")]
    Region(String),
    #[error("built-in model: {0}")]
    Model(String),
}
