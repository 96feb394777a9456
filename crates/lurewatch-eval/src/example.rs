//! One labelled conversation and how to build one from a list of turns.

use lurewatch_core::{Conversation, Format, Message, SenderIdentity, Tactic};

use crate::split::Identity;

/// Which side of the train/test divide an example is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Train,
    Test,
}

#[derive(Debug, Clone)]
pub struct Example {
    /// The set it came from (`seconvo`, `smishtank`, …).
    pub set: &'static str,
    /// Where in the set: a file and row or conversation id.
    pub id: String,
    pub conversation: Conversation,
    pub malicious: bool,
    /// The tactics present, when the set labels them.
    pub tactics: Option<Vec<Tactic>>,
    /// Indices of the messages that ask for sensitive information, when the set labels
    /// messages (SEConvo's annotated files); every other message of the other party is a
    /// negative.
    pub asks_for_information: Option<Vec<usize>>,
    pub split: Split,
    /// How the example is recognised in other sets: taken from its text as published, when
    /// it is loaded (a loader that then writes back what the publisher took out keeps it).
    pub identity: Identity,
}

impl Example {
    /// An example without tactic or message labels, identified by its text as given.
    pub fn new(
        set: &'static str,
        id: String,
        conversation: Conversation,
        malicious: bool,
        split: Split,
    ) -> Example {
        Example {
            set,
            id,
            identity: Identity::of(&conversation),
            conversation,
            malicious,
            tactics: None,
            asks_for_information: None,
            split,
        }
    }
}

/// Who is speaking in a turn of a labelled dialogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    /// The party whose messages are judged (the possible attacker).
    Other,
    /// The person who would report the chat.
    Reporter,
}

/// A conversation from turns. The other party is shown as `other_identity` (most sets do
/// not say whether the sender is a saved contact, so loaders pass
/// [`SenderIdentity::Unknown`]: the stricter setting for false positives).
pub fn conversation<T: AsRef<str>>(
    format: Format,
    turns: &[(Speaker, T)],
    other_identity: SenderIdentity,
) -> Conversation {
    let mut c = Conversation::new(format);
    let other = c.participant_id("Other", || other_identity);
    let reporter = turns
        .iter()
        .any(|(s, _)| *s == Speaker::Reporter)
        .then(|| c.participant_id("Reporter", || SenderIdentity::SavedContact));
    c.reporter = reporter;
    for (i, (speaker, text)) in turns.iter().enumerate() {
        let sender = match speaker {
            Speaker::Other => Some(other),
            Speaker::Reporter => reporter,
        };
        c.messages
            .push(Message::normal(sender, text.as_ref().trim(), i + 1));
    }
    c
}

/// Turns of a two-person dialogue in which the other party speaks first and they alternate.
pub fn alternating<T: AsRef<str>>(turns: &[T]) -> Vec<(Speaker, &str)> {
    turns
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let speaker = if i % 2 == 0 {
                Speaker::Other
            } else {
                Speaker::Reporter
            };
            (speaker, t.as_ref())
        })
        .collect()
}
