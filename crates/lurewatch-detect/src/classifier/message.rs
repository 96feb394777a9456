//! What the message head reads: one message of the other party in a dialogue, as the hashed
//! grams of its words and of its questions (the grams [`extract`](super::features::extract)
//! hashes for a dialogue), each slot once with its log-scaled count, in slot order.
//!
//! In a chat, every message of the other party is read, so their vectors are not built one by
//! one: while the conversation's vector is extracted, each gram's slot is tagged with its
//! message in the bits above the slot, and the one sort the conversation needs anyway (stable,
//! by slot) leaves every message's grams in slot order under its tag ([`MessageSlots`]). One
//! pass over that sorted array then scores every message at once with the exact arithmetic
//! of [`Head::logit`] over [`message_features`] (a property test holds them equal). Sorting
//! each message again had cost a chat a fifth more time than the rest of its analysis; reading
//! the grams unsorted (a bitmap instead of a sort) was slower still, because the dot product then
//! reads the model's weights in random order rather than ascending.

use lurewatch_core::{Conversation, MessageKind};

use super::features::{
    Features, HASH_BITS, SLOT_MASK, add_questions, add_text, counted, log_count,
};
use super::model::{GramSums, Head, sigmoid};

/// Messages one conversation can tag: the bits above a slot's.
const MAX_TAGGED: usize = 1 << (32 - HASH_BITS);

/// The vector of one message, from its normalised text (as `lurewatch train` reads the
/// annotated messages, and as a chat too long to tag is read).
pub fn message_features(normalized_text: &str) -> Features {
    let mut slots: Vec<u32> = Vec::with_capacity(6 * normalized_text.len() + 16);
    let mut asked: Vec<u32> = Vec::new();
    add_text(normalized_text, &mut slots);
    add_questions(normalized_text, &mut asked, &mut slots);
    Features(counted(&mut slots, 0))
}

/// The distinct slots of [`message_features`] for a piece of text (a sentence of a message):
/// for weighing which sentence of a message the message head reads as the request.
pub fn message_slots(normalized_text: &str) -> Vec<u32> {
    let mut slots = Vec::new();
    let mut scratch = Vec::new();
    add_text(normalized_text, &mut slots);
    add_questions(normalized_text, &mut scratch, &mut slots);
    slots.sort_unstable();
    slots.dedup();
    slots
}

/// The other party's messages in a dialogue, kept by
/// [`extract_keeping_messages`](super::features::extract_keeping_messages) for the message head.
#[derive(Debug, Default)]
pub struct MessageSlots {
    /// By tag: the message's index in the conversation (ascending).
    messages: Vec<usize>,
    /// The conversation's grams, tagged, sorted by slot.
    sorted: Vec<u32>,
    /// Whether the conversation was kept (a dialogue with at most [`MAX_TAGGED`] messages of
    /// the other party).
    kept: bool,
}

impl MessageSlots {
    /// Whether every message of the other party in `conversation` can be given a tag.
    pub(super) fn can_tag(conversation: &Conversation) -> bool {
        conversation
            .messages
            .iter()
            .filter(|m| m.kind == MessageKind::Normal && conversation.is_external(m))
            .count()
            <= MAX_TAGGED
    }

    /// Tags `slots`, the grams of message `index` (messages come in order).
    pub(super) fn tag(&mut self, index: usize, slots: &mut [u32]) {
        let tag = (self.messages.len() as u32) << HASH_BITS;
        self.messages.push(index);
        for slot in slots {
            *slot |= tag;
        }
    }

    /// The conversation's tagged grams, once sorted by slot.
    pub(super) fn keep_sorted(&mut self, sorted: Vec<u32>) {
        self.sorted = sorted;
        self.kept = true;
    }

    /// Whether the messages were kept; if not, [`probabilities`](Self::probabilities) is
    /// empty and a message is read by [`message_features`].
    pub fn is_kept(&self) -> bool {
        self.kept
    }

    /// `head`'s probability for each kept message, as (message index, probability), in
    /// message order: the same values as `head.probability(&message_features(text))`.
    pub fn probabilities(&self, head: &Head) -> Vec<(usize, f64)> {
        let tags = self.messages.len();
        // Each message's grams in slot order, as (tag, slot, log-scaled count).
        let grams = self.sorted.chunk_by(|a, b| a == b).filter_map(|run| {
            let first = run.first()?;
            Some((
                (first >> HASH_BITS) as usize,
                (first & SLOT_MASK) as usize,
                log_count(run.len()),
            ))
        });
        let mut sums = vec![GramSums::default(); tags];
        for (tag, slot, count) in grams {
            if let Some(sums) = sums.get_mut(tag) {
                let weight = head.weights.get(slot).copied().unwrap_or(0.0);
                sums.gram(weight, head.idf.get(slot).copied().unwrap_or(1.0), count);
            }
        }
        self.messages
            .iter()
            .zip(sums)
            .map(|(&index, sums)| (index, sigmoid(sums.logit(head.bias))))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classifier::Calibration;
    use crate::classifier::features::{DIMENSIONS, HASH_SLOTS, extract, extract_keeping_messages};
    use crate::normalize::normalize;
    use lurewatch_core::{Format, Message, SenderIdentity};

    /// A chat in which the other party writes `texts` and the reporter answers each.
    fn chat(texts: &[String]) -> Conversation {
        let mut c = Conversation::new(Format::Text);
        let other = c.participant_id("Other", || SenderIdentity::Unknown);
        let me = c.participant_id("Me", || SenderIdentity::SavedContact);
        c.reporter = Some(me);
        for (i, text) in texts.iter().enumerate() {
            c.messages
                .push(Message::normal(Some(other), text, 2 * i + 1));
            c.messages.push(Message::normal(Some(me), "ok", 2 * i + 2));
        }
        c
    }

    /// A head with pseudo-random weights and IDF from `seed`.
    fn head(seed: u64) -> Head {
        let mut random = lurewatch_core::random::XorShift64::new(seed);
        let mut next = move || (random.next_u64() % 2001) as f32 / 1000.0 - 1.0;
        Head {
            weights: (0..DIMENSIONS).map(|_| next()).collect(),
            idf: (0..HASH_SLOTS).map(|_| 2.0 + next()).collect(),
            bias: next(),
            calibration: Calibration::default(),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Every message scored at once from the conversation's sorted grams gets exactly the
        /// probability of its own vector, repeated words and questions included, and the
        /// conversation's vector is the same as without keeping them.
        #[test]
        fn all_at_once_is_one_by_one(
            texts in proptest::collection::vec("([a-c]{1,3}[ ?.!]{1,2}){1,12}", 1..8),
            seed in 1u64..1000,
        ) {
            let c = chat(&texts);
            let n: Vec<_> = c.messages.iter().map(|m| normalize(&m.text)).collect();
            let mut kept = MessageSlots::default();
            let whole = extract_keeping_messages(&c, &n, &[], 0.0, false, Some(&mut kept));
            proptest::prop_assert_eq!(&whole, &extract(&c, &n, &[], 0.0, false));
            let head = head(seed);
            let dialogue = c.messages.len() >= 3;
            proptest::prop_assert_eq!(kept.is_kept(), dialogue);
            let expected: Vec<(usize, f64)> = if dialogue {
                texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (2 * i, head.probability(&message_features(&normalize(t).text))))
                    .collect()
            } else {
                Vec::new()
            };
            proptest::prop_assert_eq!(kept.probabilities(&head), expected);
        }
    }
}
