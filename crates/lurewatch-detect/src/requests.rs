//! Requests for sensitive information that no rule names, found by the model's message head.
//!
//! The elicitation rules name requests in the words they were written for ("send me a scan of
//! your passport"); the annotated sets (SEConvo, AntiScam) show how many other ways there are
//! to ask ("a few hashed IDs as examples might suffice", "what projects have you been
//! leading?"). In a dialogue, each message of the other party that no elicitation rule fired
//! on, from a sender who is not a saved contact (as for those rules), is read by the message
//! head; one it rates at or above its threshold becomes an elicitation finding that quotes the
//! sentence weighing most toward the request. These findings explain and point: they carry no
//! weight in the rules' score, because the conversation heads already read the same words.

use lurewatch_core::{Conversation, MessageKind, Tactic};

use crate::Finding;
use crate::classifier::Model;
use crate::classifier::features::sentences;
use crate::classifier::message::{MessageSlots, message_features, message_slots};
use crate::normalize::Normalized;

/// The rule id of the findings this module adds (not a rule file: no `rules/` entry has it).
pub const RULE_ID: &str = "model.asks-for-information";

/// Elicitation findings for the other party's messages in which `findings` has none and the
/// message head finds a request (`slots`: each message's, as the conversation's vector hashed
/// them).
pub fn unnamed_requests(
    model: &Model,
    conversation: &Conversation,
    normalized: &[Normalized],
    slots: &MessageSlots,
    findings: &[Finding],
) -> Vec<Finding> {
    let threshold = f64::from(model.asks_threshold);
    let probabilities = slots.probabilities(&model.asks);
    // Which messages an elicitation rule named, looked up per message: a long chat has as
    // many findings as messages, and searching them for every message was quadratic.
    let mut named = vec![false; conversation.messages.len()];
    for finding in findings.iter().filter(|f| f.tactic == Tactic::Elicitation) {
        if let Some(slot) = named.get_mut(finding.message) {
            *slot = true;
        }
    }
    let mut found = Vec::new();
    for (index, (message, norm)) in conversation.messages.iter().zip(normalized).enumerate() {
        if message.kind != MessageKind::Normal || !conversation.is_external(message) {
            continue;
        }
        // As the elicitation rules (`from-stranger`): a saved contact asking for a colleague's
        // number or the door code is ordinary.
        let from_saved_contact = conversation.is_from_saved_contact(message);
        if from_saved_contact {
            continue;
        }
        if named.get(index).copied().unwrap_or(false) {
            continue;
        }
        let probability = if slots.is_kept() {
            match probabilities.binary_search_by_key(&index, |(i, _)| *i) {
                Ok(at) => probabilities.get(at).map_or(0.0, |(_, p)| *p),
                Err(_) => continue,
            }
        } else {
            model.asks_probability(&message_features(&norm.text))
        };
        if probability < threshold {
            continue;
        }
        let Some((start, sentence)) = sentences(&norm.text)
            .map(|(start, sentence)| (start, sentence, model.asks.pull(&message_slots(sentence))))
            .max_by(|a, b| a.2.total_cmp(&b.2))
            .map(|(start, sentence, _)| (start, sentence))
        else {
            continue;
        };
        let original = norm.original_range(start..start + sentence.len());
        let span = at_most(
            &message.text,
            trimmed(&message.text, original),
            MAX_EVIDENCE,
        );
        found.push(Finding {
            tactic: Tactic::Elicitation,
            rule: RULE_ID.to_owned(),
            message: index,
            evidence: message
                .text
                .get(span.clone())
                .unwrap_or_default()
                .to_owned(),
            span,
            weight: 0.0,
        });
    }
    found
}

/// Bytes of a sentence quoted as evidence, at most: a "sentence" of hostile input may be a
/// whole megabyte without a full stop, and the quote goes into every report and export.
const MAX_EVIDENCE: usize = 300;

/// `range` of `text` cut to at most `limit` bytes, at the last word break before it (at a
/// character boundary if there is none).
fn at_most(text: &str, range: std::ops::Range<usize>, limit: usize) -> std::ops::Range<usize> {
    if range.len() <= limit {
        return range;
    }
    let mut end = range.start + limit;
    while end > range.start && !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text
        .get(range.start..end)
        .and_then(|part| part.rfind(char::is_whitespace))
        .filter(|&at| at > 0)
        .map_or(end, |at| range.start + at);
    range.start..cut
}

/// `range` of `text` without the whitespace at either end.
fn trimmed(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let Some(part) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (part.len() - part.trim_start().len());
    let end = range.end - (part.len() - part.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classifier::features::{DIMENSIONS, HASH_SLOTS};
    use crate::classifier::{Calibration, Head};
    use crate::normalize::normalize;
    use crate::{Detector, Finding};
    use lurewatch_core::{Format, Message, SenderIdentity};

    /// A model whose message head rates a message as asking exactly when it holds the words
    /// of `request` (every other head flat).
    fn model_asking_for(request: &str) -> Model {
        let mut weights = vec![0.0; DIMENSIONS];
        for slot in message_slots(&normalize(request).text) {
            weights[slot as usize] = 1.0;
        }
        let head = |weights: Vec<f32>, bias: f32| Head {
            weights,
            idf: vec![1.0; HASH_SLOTS],
            bias,
            calibration: Calibration::default(),
        };
        Model {
            single: head(vec![0.0; DIMENSIONS], 0.0),
            dialogue: head(vec![0.0; DIMENSIONS], 0.0),
            threshold: 0.5,
            asks: head(weights, -0.5),
            asks_threshold: 0.6,
            email: None,
        }
    }

    /// A chat in which someone of `identity` writes `texts`, and the reporter answers each.
    fn chat(identity: SenderIdentity, texts: &[&str]) -> Conversation {
        let mut c = Conversation::new(Format::Text);
        let other = c.participant_id("Other", || identity);
        let me = c.participant_id("Me", || SenderIdentity::SavedContact);
        c.reporter = Some(me);
        for (i, text) in texts.iter().enumerate() {
            c.messages
                .push(Message::normal(Some(other), *text, 2 * i + 1));
            c.messages.push(Message::normal(Some(me), "ok", 2 * i + 2));
        }
        c
    }

    fn learned(findings: &[Finding]) -> Vec<(usize, &str)> {
        findings
            .iter()
            .filter(|f| f.rule == RULE_ID)
            .map(|f| (f.message, f.evidence.as_str()))
            .collect()
    }

    const REQUEST: &str = "A few hashed IDs as examples might suffice.";

    #[test]
    fn a_request_no_rule_names_is_found_and_its_sentence_quoted() {
        let detector = Detector::with_embedded_rules("GB")
            .unwrap_or_else(|e| panic!("{e}"))
            .with_model(model_asking_for(REQUEST));
        let c = chat(
            SenderIdentity::Unknown,
            &[
                "Lovely to meet you at the conference.",
                "Thanks for the overview!  A few hashed IDs as examples might suffice.  Cheers",
                "Speak soon.",
            ],
        );
        let analysis = detector.analyze(&c);
        assert_eq!(learned(&analysis.findings), vec![(2, REQUEST)]);
        let finding = analysis
            .findings
            .iter()
            .find(|f| f.rule == RULE_ID)
            .unwrap_or_else(|| panic!("a finding"));
        assert_eq!(finding.tactic, Tactic::Elicitation);
        assert_eq!(c.messages[2].text.get(finding.span.clone()), Some(REQUEST));
        // No weight: the score is the rules' and the conversation heads'.
        assert_eq!(finding.weight, 0.0);
    }

    #[test]
    fn a_request_in_an_ordinary_chat_is_worth_a_check_not_an_all_clear() {
        let mut model = model_asking_for(REQUEST);
        // The conversation heads rate every chat 0.5: below this threshold, nothing raised.
        model.threshold = 0.9;
        let detector = Detector::with_embedded_rules("GB")
            .unwrap_or_else(|e| panic!("{e}"))
            .with_model(model);
        let analysis = detector.analyze(&chat(
            SenderIdentity::Unknown,
            &["Hello there.", REQUEST, "Speak soon."],
        ));
        assert_eq!(analysis.verdict, crate::Verdict::None);
        assert_eq!(learned(&analysis.findings).len(), 1);
        assert!(
            analysis.advice[0].contains("ask for information about you or your work"),
            "{:?}",
            analysis.advice
        );
    }

    #[test]
    fn a_quote_is_cut_at_a_word_break_within_its_limit() {
        let text = "ask é ".repeat(100);
        let span = at_most(&text, 0..text.len(), MAX_EVIDENCE);
        assert!(span.len() <= MAX_EVIDENCE && span.len() > MAX_EVIDENCE - 8);
        // Whole words: a space follows the quote.
        let after = text
            .get(span.end..)
            .unwrap_or_else(|| panic!("a character boundary"));
        assert!(after.starts_with(' '), "{after}");
        // No word break: cut at a character boundary.
        let word = "é".repeat(400);
        let span = at_most(&word, 0..word.len(), MAX_EVIDENCE);
        assert_eq!(span, 0..MAX_EVIDENCE);
        assert_eq!(at_most("short", 0..5, MAX_EVIDENCE), 0..5);
    }

    #[test]
    fn a_chat_too_long_to_tag_is_read_message_by_message_alike() {
        // More messages of the other party than the conversation's slots can tag: each is
        // then read on its own, with the same result.
        let detector = Detector::with_embedded_rules("GB")
            .unwrap_or_else(|e| panic!("{e}"))
            .with_model(model_asking_for(REQUEST));
        let mut c = Conversation::new(Format::Text);
        let other = c.participant_id("Other", || SenderIdentity::Unknown);
        let n = (1 << (32 - crate::classifier::features::HASH_BITS)) + 2;
        for i in 0..n {
            let text = if i == n - 1 { REQUEST } else { "ok" };
            c.messages.push(Message::normal(Some(other), text, i + 1));
        }
        assert_eq!(
            learned(&detector.analyze(&c).findings),
            vec![(n - 1, REQUEST)]
        );
    }

    #[test]
    fn saved_contacts_single_texts_and_messages_a_rule_named_are_left_alone() {
        let detector = Detector::with_embedded_rules("GB")
            .unwrap_or_else(|e| panic!("{e}"))
            .with_model(model_asking_for(REQUEST));
        let texts = ["Hello there.", REQUEST, "Speak soon."];
        let saved = detector.analyze(&chat(SenderIdentity::SavedContact, &texts));
        assert!(learned(&saved.findings).is_empty());
        let mut single = Conversation::new(Format::Text);
        let other = single.participant_id("Other", || SenderIdentity::Unknown);
        single
            .messages
            .push(Message::normal(Some(other), REQUEST, 1));
        assert!(learned(&detector.analyze(&single).findings).is_empty());
        // The elicitation rules name this one themselves: one finding, the rule's.
        let passport = "Could you send me a scan of your passport? A few hashed IDs as examples might suffice.";
        let named = detector.analyze(&chat(
            SenderIdentity::Unknown,
            &["Hello there.", passport, "Speak soon."],
        ));
        assert!(learned(&named.findings).is_empty());
        assert!(
            named
                .findings
                .iter()
                .any(|f| f.tactic == Tactic::Elicitation && f.message == 2)
        );
    }
}
