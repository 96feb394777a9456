//! Where a verdict that the trained classifier raised points. The rules quote the words that
//! fired them; the classifier weighs thousands of grams, and "its wording is like that of
//! known scams" alone gives a reporter nothing to check and an analyst nothing to weigh. So
//! when the classifier raises a verdict, the reason names what pulled it there: in a chat, the
//! other party's question that weighs most (what a stranger asks for is what sets an attempt
//! apart); in a text message, the few words that weigh most.

use lurewatch_core::{Conversation, MessageKind};

use crate::classifier::{Features, Head, features};
use crate::normalize::Normalized;

/// How many words a text message's pointer quotes.
const WORDS: usize = 3;

/// What the classifier's verdict points at, as the end of a reason (`the question that
/// weighs most: "…"` or `the words that weigh most: "…", "…"`), or `None` when nothing pulls
/// toward "malicious".
pub(crate) fn pointer(
    head: &Head,
    features: &Features,
    conversation: &Conversation,
    normalized: &[Normalized],
) -> Option<String> {
    if features::is_dialogue(features) {
        let question = strongest_question(head, features, conversation, normalized)?;
        return Some(format!(
            "the question that weighs most: \"{}\"",
            super::analysis::excerpt(question, 20)
        ));
    }
    let words = weightiest_words(head, conversation, normalized);
    if words.is_empty() {
        return None;
    }
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    Some(format!("the words that weigh most: {}", quoted.join(", ")))
}

/// In a dialogue, the other party's question that pulls the model hardest toward
/// "malicious". (Whole messages are no guide: the longest one always adds the most to the
/// score.)
pub(crate) fn strongest_question<'a>(
    head: &Head,
    features: &Features,
    conversation: &'a Conversation,
    normalized: &[Normalized],
) -> Option<&'a str> {
    if !features::is_dialogue(features) {
        return None;
    }
    external_messages(conversation, normalized)
        .flat_map(|(text, norm)| {
            features::questions(&norm.text).map(move |(start, question)| {
                let pull = head.pull(&features::question_slots(question));
                let original = norm.original_range(start..start + question.len());
                (text.get(original).unwrap_or_default().trim(), pull)
            })
        })
        .filter(|(_, pull)| *pull > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(question, _)| question)
}

/// In a text message (or a short exchange), the other party's words whose grams pull the
/// single-text head hardest toward "malicious", strongest first, each quoted as written and
/// named once: at most [`WORDS`], and only words that pull that way at all.
pub(crate) fn weightiest_words<'a>(
    head: &Head,
    conversation: &'a Conversation,
    normalized: &[Normalized],
) -> Vec<&'a str> {
    let mut pulls: Vec<(&str, &str, f32)> = external_messages(conversation, normalized)
        .flat_map(|(text, norm)| {
            features::words(&norm.text).map(move |(start, word)| {
                let pull = head.pull(&features::word_slots(word));
                let original = norm.original_range(start..start + word.len());
                (text.get(original).unwrap_or_default(), word, pull)
            })
        })
        .filter(|(quoted, _, pull)| *pull > 0.0 && !quoted.is_empty())
        .collect();
    pulls.sort_by(|a, b| b.2.total_cmp(&a.2));
    // The same word (as the classifier reads it) is named once, where it weighs most.
    let mut named: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for (quoted, word, _) in pulls {
        if out.len() == WORDS {
            break;
        }
        if !named.contains(&word) {
            named.push(word);
            out.push(quoted);
        }
    }
    out
}

/// The other party's ordinary messages, each with its normalised form.
fn external_messages<'a, 'n>(
    conversation: &'a Conversation,
    normalized: &'n [Normalized],
) -> impl Iterator<Item = (&'a str, &'n Normalized)> {
    conversation
        .messages
        .iter()
        .zip(normalized)
        .filter(|(m, _)| m.kind == MessageKind::Normal && conversation.is_external(m))
        .map(|(m, norm)| (m.text.as_str(), norm))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Detector;
    use crate::classifier::features::{DIMENSIONS, HASH_SLOTS, question_slots, word_slots};
    use crate::classifier::{Calibration, Channel, Head, Model};
    use crate::normalize::normalize;
    use lurewatch_core::{Format, Message, SenderIdentity};

    fn chat(texts: &[&str]) -> Conversation {
        let mut c = Conversation::new(Format::Text);
        let other = c.participant_id("Other", || SenderIdentity::Unknown);
        for (i, text) in texts.iter().enumerate() {
            c.messages.push(Message::normal(Some(other), *text, i + 1));
        }
        c
    }

    fn normalized_of(c: &Conversation) -> Vec<Normalized> {
        c.messages.iter().map(|m| normalize(&m.text)).collect()
    }

    /// A model whose dialogue head likes only the grams of one question, and whose
    /// single-text head likes only the grams of `words` (the first most).
    fn model_liking(question: &str, words: &[&str]) -> Model {
        let mut weights = vec![0.0; DIMENSIONS];
        for slot in question_slots(&normalize(question).text) {
            weights[slot as usize] = 1.0;
        }
        let mut single = vec![0.0; DIMENSIONS];
        for (rank, word) in words.iter().enumerate() {
            for slot in word_slots(&normalize(word).text) {
                single[slot as usize] = 100.0 / 10f32.powi(rank as i32);
            }
        }
        let flat = |weights| Head {
            weights,
            idf: vec![1.0; HASH_SLOTS],
            bias: 0.0,
            calibration: Calibration::default(),
        };
        Model {
            single: flat(single),
            dialogue: flat(weights),
            threshold: 0.5,
            // A flat message head rates every message 0.5: never a request at 1.
            asks: flat(vec![0.0; DIMENSIONS]),
            asks_threshold: 1.0,
            email: None,
        }
    }

    #[test]
    fn the_question_the_model_weighs_most_is_quoted() {
        let c = chat(&[
            "Hello! Lovely to meet you at the conference.",
            "How was your trip home? Could you send me a scan of your passport? Thanks!",
            "Are you free on Friday?",
        ]);
        let model = model_liking("Could you send me a scan of your passport?", &[]);
        let detector = Detector::with_embedded_rules("GB")
            .unwrap_or_else(|e| panic!("{e}"))
            .with_model(model.clone());
        let (_, features) = detector.analyze_with_features(&c);
        assert_eq!(
            strongest_question(
                model.head(&features, Channel::Message),
                &features,
                &c,
                &normalized_of(&c)
            ),
            Some("Could you send me a scan of your passport?")
        );
        // One text is not a dialogue: nothing to point at beyond the text itself.
        let (_, single) =
            detector.analyze_with_features(&chat(&["Could you send me a scan of your passport?"]));
        assert_eq!(
            strongest_question(
                model.head(&single, Channel::Message),
                &single,
                &c,
                &normalized_of(&c)
            ),
            None
        );
    }

    #[test]
    fn a_text_points_at_the_words_the_model_weighs_most_as_written() {
        let c = chat(&["URGENT: your Acc0unt is SUSPENDED, verify now at the link"]);
        let model = model_liking("", &["suspended", "verify", "account"]);
        let detector = Detector::with_embedded_rules("GB")
            .unwrap_or_else(|e| panic!("{e}"))
            .with_model(model.clone());
        let (_, features) = detector.analyze_with_features(&c);
        let normalized = normalized_of(&c);
        // Quoted as written (leetspeak and capitals), strongest first, words nobody weighs left out.
        assert_eq!(
            weightiest_words(model.head(&features, Channel::Message), &c, &normalized),
            vec!["SUSPENDED", "verify", "Acc0unt"]
        );
        assert_eq!(
            pointer(
                model.head(&features, Channel::Message),
                &features,
                &c,
                &normalized
            )
            .as_deref(),
            Some("the words that weigh most: \"SUSPENDED\", \"verify\", \"Acc0unt\"")
        );
        // A word named twice is quoted once; a text whose words pull nowhere points at nothing.
        let twice = chat(&["verify verify VERIFY"]);
        let (_, features) = detector.analyze_with_features(&twice);
        assert_eq!(
            weightiest_words(
                model.head(&features, Channel::Message),
                &twice,
                &normalized_of(&twice)
            ),
            vec!["verify"]
        );
        let plain = chat(&["see you at six"]);
        let (_, features) = detector.analyze_with_features(&plain);
        assert_eq!(
            pointer(
                model.head(&features, Channel::Message),
                &features,
                &plain,
                &normalized_of(&plain)
            ),
            None
        );
    }
}
