//! Scoring a conversation as a whole. The signal in a honeytrap is the sequence, not any one
//! message: a stranger, then a claimed acquaintance, then a sexual lure, then guilt after
//! silence. Each tactic contributes its strongest evidence once (noisy-OR), and known
//! playbooks whose stages appear in order lift the score to a floor of their own.
//!
//! Context lowers soft signals: flirting, "long time no see" or "can I have Sam's number" from
//! a saved contact is ordinary life; threats, payment requests, code requests and impersonation
//! stay serious even from a known name, because accounts get taken over.

use lurewatch_core::{Conversation, Tactic};

use crate::analysis::Finding;
use crate::channel::Channel;

/// How much a saved contact's soft signals still count.
const SAVED_CONTACT_SOFT: f64 = 0.3;
/// How much a saved contact's hard signals still count.
const SAVED_CONTACT_HARD: f64 = 0.6;

fn is_hard(tactic: Tactic) -> bool {
    matches!(
        tactic,
        Tactic::Threat | Tactic::Payment | Tactic::CredentialLure | Tactic::Impersonation
    )
}

/// A known escalation: stages of alternative tactics that must appear in this order.
struct Playbook {
    name: &'static str,
    stages: &'static [&'static [Tactic]],
    floor: f64,
}

const PLAYBOOKS: &[Playbook] = &[
    Playbook {
        name: "honeytrap escalation: an unknown sender builds rapport, then makes a sexual lure",
        stages: &[
            &[Tactic::UnknownSender],
            &[
                Tactic::FalseFamiliarity,
                Tactic::WrongNumber,
                Tactic::Romance,
                Tactic::PersonalResearch,
            ],
            &[Tactic::SexualLure],
        ],
        floor: 0.75,
    },
    Playbook {
        name: "sextortion: a sexual lure followed by a threat",
        stages: &[&[Tactic::SexualLure], &[Tactic::Threat]],
        floor: 0.9,
    },
    Playbook {
        name: "extortion: a threat tied to a demand for money or information",
        stages: &[&[Tactic::Threat], &[Tactic::Payment, Tactic::Elicitation]],
        floor: 0.9,
    },
    Playbook {
        name: "elicitation after rapport: an unknown sender builds trust, then asks for contacts or information",
        stages: &[
            &[Tactic::UnknownSender],
            &[
                Tactic::FalseFamiliarity,
                Tactic::WrongNumber,
                Tactic::Romance,
                Tactic::SexualLure,
                Tactic::PersonalResearch,
            ],
            &[Tactic::Elicitation],
        ],
        floor: 0.75,
    },
    Playbook {
        name: "impersonation scam: someone claiming to be a known person asks for money or a code",
        stages: &[
            &[Tactic::Impersonation],
            &[Tactic::Payment, Tactic::CredentialLure],
        ],
        floor: 0.8,
    },
    // The "Hi Mum, this is my new number" opener is the scam's signature, named before the
    // money is asked for, when a target reports it: on the training sides of every set it
    // occurs in 50 of the own set's attacks and in no benign text or chat.
    Playbook {
        name: "new-number scam: an unknown sender claims to be someone you know, on a new number or app",
        stages: &[
            &[Tactic::UnknownSender],
            &[Tactic::Impersonation],
            &[Tactic::ChannelSwitch],
        ],
        floor: 0.7,
    },
    Playbook {
        name: "wrong-number scam: an unknown sender writes as if to someone else, then asks for money or an investment",
        stages: &[
            &[Tactic::UnknownSender],
            &[Tactic::WrongNumber],
            &[Tactic::Payment],
        ],
        floor: 0.75,
    },
    Playbook {
        name: "advance-fee scam: an unknown sender offers a job, prize or refund, then asks for money, a login or personal details",
        stages: &[
            &[Tactic::UnknownSender],
            &[Tactic::OfferLure],
            &[Tactic::Payment, Tactic::CredentialLure, Tactic::Elicitation],
        ],
        floor: 0.75,
    },
    Playbook {
        name: "account takeover attempt: an unknown sender asks for a code or login",
        stages: &[&[Tactic::UnknownSender], &[Tactic::CredentialLure]],
        floor: 0.7,
    },
];

/// The conversation's score and the reasons behind it.
pub(crate) struct Scored {
    pub score: f64,
    pub reasons: Vec<String>,
    /// A score the rules reach only if the trained classifier agrees the report is malicious,
    /// and the reason to give then: the smishing pattern in e-mail ([`score`]).
    pub if_classifier_agrees: Option<(f64, String)>,
}

fn slot(tactic: Tactic) -> usize {
    Tactic::ALL.iter().position(|t| *t == tactic).unwrap_or(0)
}

/// `link_messages` are the indices of the other party's messages that carry a link;
/// `channel` is how the report came (`channel_of`, worked out once by the analysis).
pub(crate) fn score(
    conversation: &Conversation,
    channel: Channel,
    findings: &[Finding],
    link_messages: &[usize],
) -> Scored {
    // Per tactic: strongest weight after context, and the first message where it counts
    // towards a playbook (a saved contact's soft signals never do).
    let mut strength = [0.0f64; Tactic::ALL.len()];
    let mut stage_at = [usize::MAX; Tactic::ALL.len()];
    let mut any_saved = false;
    for finding in findings {
        let saved = conversation
            .messages
            .get(finding.message)
            .is_some_and(|m| conversation.is_from_saved_contact(m));
        any_saved |= saved;
        let hard = is_hard(finding.tactic);
        let factor = match (saved, hard) {
            (false, _) => 1.0,
            (true, true) => SAVED_CONTACT_HARD,
            (true, false) => SAVED_CONTACT_SOFT,
        };
        let i = slot(finding.tactic);
        if let Some(s) = strength.get_mut(i) {
            *s = s.max(finding.weight * factor);
        }
        if (!saved || hard)
            && let Some(at) = stage_at.get_mut(i)
        {
            *at = (*at).min(finding.message);
        }
    }
    let base = 1.0 - strength.iter().map(|s| 1.0 - s).product::<f64>();
    let found = strength.iter().filter(|s| **s > 0.0).count();
    let mut score = base;
    let mut reasons = Vec::new();
    for playbook in PLAYBOOKS {
        if playbook_matches(playbook, &stage_at) {
            // Each tactic beyond the playbook's own adds a little: more tactics, more certainty.
            let extra = found.saturating_sub(playbook.stages.len());
            score = score.max(playbook.floor + 0.02 * extra as f64);
            reasons.push(playbook.name.to_owned());
        }
    }
    // A request for money or a login next to a link, from a stranger: the smishing pattern.
    // In e-mail it needs the e-mail head's agreement: there nearly every message has links
    // and every sender is a stranger, so on its own it described most commercial mail (14 of
    // the 26 SpamAssassin training ham e-mails still flagged after "click here" went), while
    // a phish whose only request is a payment beside a link would otherwise read medium.
    let unknown = stage_at
        .get(slot(Tactic::UnknownSender))
        .is_some_and(|at| *at != usize::MAX);
    let mut if_classifier_agrees = None;
    if unknown && asks_through_link(findings, &stage_at, link_messages) {
        let lifted = 0.75 + 0.02 * found.saturating_sub(2) as f64;
        let reason = "an unknown sender asks for money or a login through a link".to_owned();
        match channel {
            Channel::Message => {
                score = score.max(lifted);
                reasons.push(reason);
            }
            Channel::Email => if_classifier_agrees = Some((lifted, reason)),
        }
    }
    let ids: Vec<&str> = Tactic::ALL
        .iter()
        .zip(strength)
        .filter(|(_, s)| *s > 0.0)
        .map(|(t, _)| t.id())
        .collect();
    if !ids.is_empty() {
        reasons.push(format!("{} tactic(s) found: {}", ids.len(), ids.join(", ")));
    }
    if any_saved {
        reasons.push("some messages came from a saved contact, which lowers flirting, familiarity and requests".to_owned());
    }
    Scored {
        score: rounded(score),
        reasons,
        if_classifier_agrees: if_classifier_agrees
            .map(|(lifted, reason)| (rounded(lifted), reason)),
    }
}

/// A score as reported: at most 0.99, to two places.
fn rounded(score: f64) -> f64 {
    (score.clamp(0.0, 0.99) * 100.0).round() / 100.0
}

/// Whether a request for money or a login was found in a message of the other party's that
/// carries a link.
fn asks_through_link(findings: &[Finding], stage_at: &[usize], link_messages: &[usize]) -> bool {
    [Tactic::Payment, Tactic::CredentialLure].iter().any(|t| {
        let at = stage_at.get(slot(*t)).copied().unwrap_or(usize::MAX);
        at != usize::MAX
            && link_messages
                .iter()
                .any(|m| findings.iter().any(|f| f.tactic == *t && f.message == *m))
    })
}

/// Whether every stage has a tactic that first counts no earlier than the previous stage's.
fn playbook_matches(playbook: &Playbook, stage_at: &[usize]) -> bool {
    let mut previous = 0usize;
    for stage in playbook.stages {
        let at = stage
            .iter()
            .filter_map(|t| stage_at.get(slot(*t)).copied())
            .filter(|at| *at != usize::MAX && *at >= previous)
            .min();
        match at {
            Some(at) => previous = at,
            None => return false,
        }
    }
    true
}
