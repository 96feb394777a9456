//! Early detection: the verdict on the first messages of a conversation only, as it stood
//! before the rest was written. A warning is worth most before the target has answered the
//! third request; ConvoSentinel's paper reports its SEConvo figure after five messages, so
//! that is where this cuts.

use lurewatch_core::Verdict;
use lurewatch_detect::{Analysis, Detector};
use serde::Serialize;

use crate::Example;
use crate::metrics::{Counts, Summary};

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

/// Gathers the early figures of a set while [`crate::run`] analyses it: a chat longer than
/// [`EARLY_MESSAGES`] is analysed again, cut; a shorter one keeps the analysis of the whole,
/// which is the same.
#[derive(Debug, Default)]
pub struct EarlyCollector {
    classifier: Counts,
    combined: Counts,
    any_model: bool,
    cut: usize,
}

impl EarlyCollector {
    /// Adds a test example, given the analysis of its whole conversation.
    pub fn add(&mut self, detector: &Detector, example: &Example, whole: &Analysis) {
        let conversation = &example.conversation;
        let cut_analysis;
        let analysis = if conversation.messages.len() > EARLY_MESSAGES {
            self.cut += 1;
            let mut first = conversation.clone();
            first.messages.truncate(EARLY_MESSAGES);
            cut_analysis = detector.analyze(&first);
            &cut_analysis
        } else {
            whole
        };
        if let Some(score) = analysis.classifier {
            self.any_model = true;
            self.classifier.add(example.malicious, score.malicious);
        }
        self.combined
            .add(example.malicious, analysis.verdict >= Verdict::Medium);
    }

    /// The figures; `None` when no conversation was longer than [`EARLY_MESSAGES`] (they
    /// would be the whole ones).
    pub fn finish(self) -> Option<Early> {
        (self.cut > 0).then(|| Early {
            messages: EARLY_MESSAGES,
            cut: self.cut,
            classifier: self.any_model.then(|| self.classifier.summary()),
            combined: self.combined.summary(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Split;
    use crate::example::conversation;
    use lurewatch_core::{Format, SenderIdentity};

    /// A chat in which the other party and the reporter take turns, the other party first.
    fn example(turns: &[&str], malicious: bool) -> Example {
        let turns = crate::example::alternating(turns);
        Example::new(
            "test",
            String::new(),
            conversation(Format::Text, &turns, SenderIdentity::Unknown),
            malicious,
            Split::Test,
        )
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
        let mut collector = EarlyCollector::default();
        collector.add(&detector, &late, &whole);
        let early = collector.finish().unwrap_or_else(|| panic!("cut"));
        assert_eq!((early.messages, early.cut), (5, 1));
        assert_eq!(early.combined.counts.false_negative, 1);
        assert!(early.classifier.is_none());
        // Nothing to cut: no early figures.
        let short = example(
            &["hi", "Pay me 500 pounds or I will send your photos"],
            true,
        );
        let mut collector = EarlyCollector::default();
        collector.add(&detector, &short, &detector.analyze(&short.conversation));
        assert!(collector.finish().is_none());
    }
}
