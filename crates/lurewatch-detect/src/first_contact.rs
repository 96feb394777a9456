//! The verdict floor of a first contact. Some scams begin with a message that is nothing but
//! a pretext for a reply: "Is this Jessica? It's Linda from the yoga class", "I'm new here and
//! looking for friends", "I'm in a meeting, can you do me a quick favour?". Their words are
//! ordinary words, so the classifier cannot tell them from an ordinary text (measured:
//! docs/accuracy.md, "Openers as single texts"), yet from an unknown number, with nothing
//! after them, they are what a target should not answer. A rule that names such an opener may
//! declare the least verdict of a short exchange it fires in (`first_contact_verdict`), and
//! neither the rules' other findings nor the classifier lower it. The same holds for the
//! request and lures the parliamentary campaign used ("send me your colleague Sarah's
//! number", "send me a naughty pic", "Or not" after silence): the single-text head learnt
//! from SMS spam, which never has them, so its "not convinced" says nothing about them. In a
//! longer chat the classifier's dialogue head weighs what followed, as for every other
//! finding.

use lurewatch_core::{Conversation, MessageKind, Verdict};

use crate::analysis::Finding;
use crate::classifier::features::DIALOGUE_MESSAGES;
use crate::rules::{Rule, RuleSet};

/// The strongest floor any finding's rule declares, with that rule, when the conversation is
/// a short exchange that a stranger opened. Only findings in messages of a sender who is not
/// a saved contact count: a partner's flirting or a colleague's "can I have Sam's number?" is
/// ordinary life.
pub(crate) fn floor<'r>(
    conversation: &Conversation,
    findings: &[Finding],
    rules: &'r RuleSet,
) -> Option<(Verdict, &'r Rule)> {
    if findings.is_empty() || !is_short_exchange(conversation) || !opened_by_stranger(conversation)
    {
        return None;
    }
    // From the few rules that declare a floor, not from every finding's rule: every text
    // from a stranger has findings, and looking each one's rule up by id was most of the cost.
    rules
        .rules()
        .iter()
        .filter_map(|rule| Some((rule.first_contact_verdict?, rule)))
        .filter(|(_, rule)| {
            findings
                .iter()
                // The tactic first: most findings are "unknown sender", which has no floor.
                .any(|f| {
                    f.tactic == rule.tactic
                        && f.rule == rule.id
                        && from_stranger(conversation, f.message)
                })
        })
        .max_by_key(|(verdict, _)| *verdict)
}

/// Why a score was lifted to `verdict` by `rule`'s floor.
pub(crate) fn reason(verdict: Verdict, rule: &Rule) -> String {
    format!(
        "a first contact from an unknown sender ({}): at least {} whatever the classifier says, because from a stranger this alone is reason not to answer",
        rule.name.to_lowercase(),
        verdict.id()
    )
}

fn from_stranger(conversation: &Conversation, message: usize) -> bool {
    conversation
        .messages
        .get(message)
        .is_some_and(|m| conversation.is_from_stranger(m))
}

/// Whether the first message came from the other side, from someone not saved: a first
/// contact. When the reporter wrote first, a stranger's "sorry, wrong number" is an answer.
fn opened_by_stranger(conversation: &Conversation) -> bool {
    conversation
        .messages
        .iter()
        .enumerate()
        .find(|(_, m)| m.kind == MessageKind::Normal)
        .is_some_and(|(first, m)| conversation.is_external(m) && from_stranger(conversation, first))
}

fn is_short_exchange(conversation: &Conversation) -> bool {
    conversation
        .messages
        .iter()
        .filter(|m| m.kind == MessageKind::Normal)
        .count()
        < DIALOGUE_MESSAGES
}
