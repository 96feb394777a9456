//! Early detection: the verdict on the first messages of a conversation only, as it stood
//! before the rest was written. A warning is worth most before the target has answered the
//! third request; ConvoSentinel's paper reports its SEConvo figure after five messages, so
//! that is where this cuts.

use lurewatch_core::Verdict;
use lurewatch_detect::Detector;
use serde::Serialize;

use crate::metrics::{Counts, Summary};
use crate::{Example, Split};

/// Messages read for early detection (whoever wrote them, in order).
pub const EARLY_MESSAGES: usize = 5;

#[derive(Debug, Clone, Serialize)]
pub struct Early {
    /// Messages of each conversation read.
    pub messages: usize,
    /// Test conversations longer than that, which were cut; shorter ones are read whole.
    pub cut: usize,
    /// The classifier at its threshold, when a model is loaded.
    pub classifier: Option<Summary>,
    /// The verdict `scan` would have reported (medium or high counts as malicious).
    pub combined: Summary,
}

/// The test-split examples of a set judged on their first [`EARLY_MESSAGES`] messages; `None`
/// when no conversation is longer than that (the figures would be the whole ones).
pub fn early_detection(detector: &Detector, examples: &[Example]) -> Option<Early> {
    let mut classifier = Counts::default();
    let mut combined = Counts::default();
    let mut any_model = false;
    let mut cut = 0;
    for example in examples.iter().filter(|e| e.split == Split::Test) {
        let conversation = &example.conversation;
        let analysis = if conversation.messages.len() > EARLY_MESSAGES {
            cut += 1;
            let mut first = conversation.clone();
            first.messages.truncate(EARLY_MESSAGES);
            detector.analyze(&first)
        } else {
            detector.analyze(conversation)
        };
        if let Some(score) = analysis.classifier {
            any_model = true;
            classifier.add(example.malicious, score.malicious);
        }
        combined.add(example.malicious, analysis.verdict >= Verdict::Medium);
    }
    (cut > 0).then(|| Early {
        messages: EARLY_MESSAGES,
        cut,
        classifier: any_model.then(|| classifier.summary()),
        combined: combined.summary(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::conversation;
    use lurewatch_core::{Format, SenderIdentity};

    /// A chat in which the other party and the reporter take turns, the other party first.
    fn example(turns: &[&str], malicious: bool) -> Example {
        let turns = crate::example::alternating(turns);
        Example {
            set: "test",
            id: String::new(),
            conversation: conversation(Format::Text, &turns, SenderIdentity::Unknown),
            malicious,
            tactics: None,
            asks_for_information: None,
            split: Split::Test,
        }
    }

    #[test]
    fn only_the_first_messages_are_judged() {
        let detector = Detector::with_embedded_rules("GB").unwrap_or_else(|e| panic!("{e}"));
        // The threat comes seventh: not yet written after five messages.
        let late = example(
            &[
                "hello",
                "hello",
                "how are you?",
                "fine thanks",
                "lovely weather today",
                "yes",
                "Pay me 500 pounds or I will send your photos to your family",
            ],
            true,
        );
        let whole = detector.analyze(&late.conversation);
        assert!(whole.verdict >= Verdict::Medium);
        let early = early_detection(&detector, &[late]).unwrap_or_else(|| panic!("cut"));
        assert_eq!((early.messages, early.cut), (5, 1));
        assert_eq!(early.combined.counts.false_negative, 1);
        assert!(early.classifier.is_none());
        // Nothing to cut: no early figures.
        let short = example(
            &["hi", "Pay me 500 pounds or I will send your photos"],
            true,
        );
        assert!(early_detection(&detector, &[short]).is_none());
    }
}
