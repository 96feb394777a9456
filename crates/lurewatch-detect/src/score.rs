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

/// How much a saved contact's soft signals still count.
const SAVED_CONTACT_SOFT: f64 = 0.35;
/// How much a saved contact's hard signals still count.
const SAVED_CONTACT_HARD: f64 = 0.8;

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
}

pub(crate) fn score(conversation: &Conversation, findings: &[Finding]) -> Scored {
    // Strongest weight and first message per tactic, after context.
    let mut strength = [0.0f64; Tactic::ALL.len()];
    let mut first_at = [usize::MAX; Tactic::ALL.len()];
    for finding in findings {
        let slot = Tactic::ALL
            .iter()
            .position(|t| *t == finding.tactic)
            .unwrap_or(0);
        let saved = conversation
            .messages
            .get(finding.message)
            .and_then(|m| conversation.sender_of(m))
            .is_some_and(|p| p.identity.is_saved_contact());
        let factor = match (saved, is_hard(finding.tactic)) {
            (false, _) => 1.0,
            (true, true) => SAVED_CONTACT_HARD,
            (true, false) => SAVED_CONTACT_SOFT,
        };
        if let (Some(s), Some(f)) = (strength.get_mut(slot), first_at.get_mut(slot)) {
            *s = s.max(finding.weight * factor);
            *f = (*f).min(finding.message);
        }
    }
    let base = 1.0 - strength.iter().map(|s| 1.0 - s).product::<f64>();
    let mut score = base;
    let mut reasons = Vec::new();
    for playbook in PLAYBOOKS {
        if let Some(stages_at) = playbook_match(playbook, &strength, &first_at) {
            // Each tactic beyond the playbook's own adds a little: more tactics, more certainty.
            let extra = strength
                .iter()
                .filter(|s| **s > 0.0)
                .count()
                .saturating_sub(stages_at);
            score = score.max(playbook.floor + 0.02 * extra as f64);
            reasons.push(playbook.name.to_owned());
        }
    }
    let found: Vec<&str> = Tactic::ALL
        .iter()
        .zip(strength)
        .filter(|(_, s)| *s > 0.0)
        .map(|(t, _)| t.id())
        .collect();
    if !found.is_empty() {
        reasons.push(format!(
            "{} tactic(s) found: {}",
            found.len(),
            found.join(", ")
        ));
    }
    if findings.iter().any(|f| {
        conversation
            .messages
            .get(f.message)
            .and_then(|m| conversation.sender_of(m))
            .is_some_and(|p| p.identity.is_saved_contact())
    }) {
        reasons.push("some messages came from a saved contact, which lowers flirting, familiarity and requests".to_owned());
    }
    Scored {
        score: (score.clamp(0.0, 0.99) * 100.0).round() / 100.0,
        reasons,
    }
}

/// Whether each stage has a tactic whose first appearance is not before the previous stage's.
/// Returns the number of stages when it matches.
fn playbook_match(playbook: &Playbook, strength: &[f64], first_at: &[usize]) -> Option<usize> {
    let mut previous = 0usize;
    for stage in playbook.stages {
        let at = stage
            .iter()
            .filter_map(|t| {
                let slot = Tactic::ALL.iter().position(|x| x == t)?;
                if *strength.get(slot)? >= 0.2 {
                    first_at.get(slot).copied()
                } else {
                    None
                }
            })
            .filter(|at| *at >= previous)
            .min()?;
        previous = at;
    }
    Some(playbook.stages.len())
}
