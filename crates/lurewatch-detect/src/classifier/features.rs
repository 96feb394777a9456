//! What the classifier sees of a conversation: the other party's words as hashed word
//! unigrams, bigrams and in-word character 3–5-grams (so paraphrases and misspellings share
//! features), plus dense features from the rules and the conversation's shape: the strongest
//! evidence per tactic, the rule score, who spoke first, unanswered runs, whether the sender
//! is a saved contact, links and numbers. In dialogues, the grams of the other party's
//! questions count again in slots of their own. Text comes normalised (folded case,
//! look-alikes, leetspeak), the same text the rules read.

use lurewatch_core::{Conversation, MessageKind, Tactic};

use super::message::MessageSlots;
use crate::Finding;
use crate::normalize::Normalized;

/// Hashed text features occupy `0 .. 1 << HASH_BITS`; dense ones follow.
pub const HASH_BITS: u32 = 18;
pub const HASH_SLOTS: usize = 1 << HASH_BITS;
/// One per tactic, then the shape features listed in [`dense`].
pub const DENSE: usize = Tactic::ALL.len() + 10;
pub const DIMENSIONS: usize = HASH_SLOTS + DENSE;
/// The bits of a slot; the bits above may carry a tag (the message a gram is from: see
/// [`MessageSlots`]), which sorting carries along and counting ignores.
pub(super) const SLOT_MASK: u32 = HASH_SLOTS as u32 - 1;

/// A sparse feature vector: (index, value), indices unique.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features(pub Vec<(u32, f32)>);

fn slot(kind: u64, text: &str) -> u32 {
    slot_bytes(kind, text.as_bytes())
}

fn slot_bytes(kind: u64, bytes: &[u8]) -> u32 {
    let hash = xxhash_rust::xxh3::xxh3_64_with_seed(bytes, kind);
    (hash & (HASH_SLOTS as u64 - 1)) as u32
}

/// Adds the hashed n-grams of one normalised message. Grams are hashed as slices of the text,
/// never built as strings: this runs on every message `scan` reads.
pub(super) fn add_text(text: &str, slots: &mut Vec<u32>) {
    let mut bump = |index: u32| slots.push(index);
    let mut previous: Option<u64> = None;
    // Room for the longest word once, instead of growing on the first words (four
    // allocations per text of the bench's real lines).
    let mut padded = String::with_capacity(text.len() + 2);
    let mut bounds: Vec<usize> = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = super::stem::feature_word(word);
        let word_hash = xxhash_rust::xxh3::xxh3_64_with_seed(word.as_bytes(), 1);
        bump((word_hash & (HASH_SLOTS as u64 - 1)) as u32);
        if let Some(previous) = previous {
            let pair = xxhash_rust::xxh3::xxh3_64_with_seed(word.as_bytes(), previous ^ 2);
            bump((pair & (HASH_SLOTS as u64 - 1)) as u32);
        }
        previous = Some(word_hash);
        padded.clear();
        padded.push(' ');
        padded.push_str(word);
        padded.push(' ');
        if padded.is_ascii() {
            // Most words: every byte is a character, so grams are plain byte windows (the
            // same grams, and slots, as the general path below).
            let bytes = padded.as_bytes();
            for n in 3..=5usize {
                for gram in bytes.windows(n) {
                    bump(slot_bytes(n as u64 + 10, gram));
                }
            }
            continue;
        }
        bounds.clear();
        bounds.extend(padded.char_indices().map(|(i, _)| i));
        bounds.push(padded.len());
        for n in 3..=5usize {
            for start in 0..bounds.len().saturating_sub(n) {
                if let (Some(&a), Some(&b)) = (bounds.get(start), bounds.get(start + n))
                    && let Some(gram) = padded.get(a..b)
                {
                    bump(slot(n as u64 + 10, gram));
                }
            }
        }
    }
}

/// The feature vector of a conversation, from what analysis already computed.
pub fn extract(
    conversation: &Conversation,
    normalized: &[Normalized],
    findings: &[Finding],
    rule_score: f64,
    has_link: bool,
) -> Features {
    extract_keeping_messages(
        conversation,
        normalized,
        findings,
        rule_score,
        has_link,
        None,
    )
}

/// [`extract`], also keeping in `messages` each message's slots when the conversation is a
/// dialogue (where the message head reads them), tagged with their message and sorted with
/// the conversation's: one sort for both, where sorting each message again cost a chat a fifth
/// more time than its whole analysis had.
pub fn extract_keeping_messages(
    conversation: &Conversation,
    normalized: &[Normalized],
    findings: &[Finding],
    rule_score: f64,
    has_link: bool,
    messages: Option<&mut MessageSlots>,
) -> Features {
    // Every gram's slot, then sorted and counted: several times faster than a hash map for
    // the few hundred grams of a message, and in a fixed order, so float sums (and trained
    // models) are identical between runs.
    let dense = dense(conversation, findings, rule_score, has_link);
    let dialogue = dense.get(DIALOGUE_FEATURE).is_some_and(|flag| *flag != 0.0);
    // About three grams per byte of text (a word's unigram and bigram, and its character
    // 3-5-grams): sized once instead of grown by doubling.
    let text_bytes: usize = normalized.iter().map(|n| n.text.len()).sum();
    let mut slots: Vec<u32> = Vec::with_capacity(3 * text_bytes + 16);
    let mut asked: Vec<u32> = Vec::new();
    let mut messages = messages.filter(|_| dialogue && MessageSlots::can_tag(conversation));
    for (index, (message, norm)) in conversation.messages.iter().zip(normalized).enumerate() {
        if message.kind == MessageKind::Normal && conversation.is_external(message) {
            let start = slots.len();
            add_text(&norm.text, &mut slots);
            if dialogue {
                add_questions(&norm.text, &mut asked, &mut slots);
            }
            if let Some(kept) = messages.as_deref_mut() {
                kept.tag(index, slots.get_mut(start..).unwrap_or_default());
            }
        }
    }
    let mut text = counted(&mut slots, DENSE);
    if let Some(kept) = messages {
        // Sorted by slot, each message's grams in ascending order under its tag.
        kept.keep_sorted(slots);
    }
    // Not normalised here: the model weighs each gram by its inverse document frequency
    // first (see `weigh`).
    text.extend(
        dense
            .iter()
            .enumerate()
            .filter(|(_, v)| **v != 0.0)
            .map(|(i, v)| ((HASH_SLOTS + i) as u32, *v)),
    );
    Features(text)
}

/// Sorts gram slots and counts each slot's occurrences, log-scaled ([`log_count`]).
/// `room` more entries are reserved for the caller.
pub(super) fn counted(slots: &mut Vec<u32>, room: usize) -> Vec<(u32, f32)> {
    sort_slots(slots);
    let mut text: Vec<(u32, f32)> = Vec::with_capacity(slots.len() + room);
    for run in slots.chunk_by(|a, b| (a ^ b) & SLOT_MASK == 0) {
        if let Some(index) = run.first().map(|slot| slot & SLOT_MASK) {
            text.push((index, log_count(run.len())));
        }
    }
    text
}

/// A gram's value for `n` occurrences, `1 + ln n`: a word said ten times is not ten times the
/// evidence. Most grams occur once, and ln 1 is exactly 0, so the logarithm is skipped for
/// them without changing any value.
pub(super) fn log_count(n: usize) -> f32 {
    if n == 1 { 1.0 } else { 1.0 + (n as f32).ln() }
}

/// Slots below which the comparison sort is as fast as any: a handful of grams.
const RADIX_SORT_FROM: usize = 32;

/// Slots from which two wide counting passes beat three narrow ones: a chat's thousands of
/// grams amortise the larger tables.
const WIDE_DIGITS_FROM: usize = 1024;

/// Sorts gram slots ascending. Slots have `HASH_BITS` bits, so stable counting passes over
/// a few bits at a time sort them in linear time: three passes of six bits for a text's
/// hundred or so grams (small tables), two of nine for a chat's thousands. Branchy
/// comparisons of random hashes were a tenth of the time `scan` spends on a long chat and
/// on a single text alike.
/// Sorting is by the slot bits alone and stable, so tagged slots (a dialogue's, when the
/// message head reads it) keep their messages' order among equal slots.
fn sort_slots(slots: &mut Vec<u32>) {
    if slots.len() < RADIX_SORT_FROM {
        slots.sort_by_key(|slot| slot & SLOT_MASK);
    } else if slots.len() < WIDE_DIGITS_FROM {
        radix_sort::<6, 64, 3>(slots);
    } else {
        radix_sort::<9, 512, 2>(slots);
    }
}

/// Least-significant-digit radix sort of `HASH_BITS`-bit slots in `PASSES` passes of
/// `DIGIT_BITS` (`DIGITS` = 2^`DIGIT_BITS` values each). Every pass's histogram is counted
/// in one read of the slots, on the stack: reading the slots once per pass, and allocating
/// and zeroing the tables on the heap, was most of a text's sorting time.
fn radix_sort<const DIGIT_BITS: u32, const DIGITS: usize, const PASSES: usize>(
    slots: &mut Vec<u32>,
) {
    const {
        assert!(DIGITS == 1 << DIGIT_BITS);
        // Exactly the slot bits: a tag above them must not be sorted on (see `sort_slots`).
        assert!(PASSES as u32 * DIGIT_BITS == HASH_BITS);
    }
    let mask = DIGITS - 1;
    let mut counts = [[0u32; DIGITS]; PASSES];
    for &slot in slots.iter() {
        for (pass, histogram) in counts.iter_mut().enumerate() {
            let digit = ((slot >> (pass as u32 * DIGIT_BITS)) as usize) & mask;
            if let Some(count) = histogram.get_mut(digit) {
                *count += 1;
            }
        }
    }
    let mut scratch = vec![0u32; slots.len()];
    for (pass, histogram) in counts.iter_mut().enumerate() {
        // Counts become each digit's first place: an exclusive prefix sum.
        let mut next = 0u32;
        for count in histogram.iter_mut() {
            let here = *count;
            *count = next;
            next += here;
        }
        let shift = pass as u32 * DIGIT_BITS;
        for &slot in slots.iter() {
            if let Some(place) = histogram.get_mut(((slot >> shift) as usize) & mask)
                && let Some(target) = scratch.get_mut(*place as usize)
            {
                *target = slot;
                *place += 1;
            }
        }
        std::mem::swap(slots, &mut scratch);
    }
}

/// Messages from which a conversation counts as a dialogue, scored by the model's dialogue
/// head rather than its single-text head (see [`Model`](super::Model)).
pub(crate) const DIALOGUE_MESSAGES: usize = 3;

/// Index, among the dense features, of the one that says "this is a dialogue".
const DIALOGUE_FEATURE: usize = DENSE - 1;

/// The slots a message's questions add to a dialogue's vector, each once: what the other
/// party asks for is what sets an attempt apart, so this is what a verdict points at.
pub fn question_slots(text: &str) -> Vec<u32> {
    let mut slots = Vec::new();
    let mut scratch = Vec::new();
    add_questions(text, &mut scratch, &mut slots);
    slots.sort_unstable();
    slots.dedup();
    slots
}

/// Adds the grams of a dialogue message's questions a second time, in slots of their own.
/// In a long professional chat, benign or not, most words are the same; what sets an attempt
/// apart is what the other party asks for ("could you send me a scan of your ID?"), so the
/// grams of questions get weights of their own. Cross-validated on SEConvo's training
/// conversations: macro-F1 0.74 -> 0.79 (5 folds), 0.75 -> 0.80 (10 folds).
pub(super) fn add_questions(text: &str, scratch: &mut Vec<u32>, slots: &mut Vec<u32>) {
    for (_, sentence) in questions(text) {
        scratch.clear();
        add_text(sentence, scratch);
        slots.extend(scratch.iter().map(|&slot| question_slot(slot)));
    }
}

/// The words of a normalised text as the classifier splits them (runs of letters and
/// digits), with their byte offsets.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while chars.next_if(|(_, c)| !c.is_alphanumeric()).is_some() {}
        let (start, _) = *chars.peek()?;
        while chars.next_if(|(_, c)| c.is_alphanumeric()).is_some() {}
        let end = chars.peek().map_or(text.len(), |(at, _)| *at);
        Some((start, text.get(start..end).unwrap_or_default()))
    })
}

/// The slots of one word's own grams (its unigram and character grams; the bigrams it forms
/// with its neighbours belong to both and are left out): what an explanation weighs a word by.
pub fn word_slots(word: &str) -> Vec<u32> {
    let mut slots = Vec::new();
    add_text(word, &mut slots);
    slots
}

/// The sentences of a text that end in a question mark, with their byte offsets: what
/// [`add_questions`] counts again, and what an explanation can quote.
pub fn questions(text: &str) -> impl Iterator<Item = (usize, &str)> {
    sentences(text).filter(|(_, sentence)| sentence.ends_with('?'))
}

/// The sentences of a text (ended by `?`, `.`, `!` or a line break), with their byte offsets.
pub fn sentences(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive(['?', '.', '!', '\n'])
        .scan(0, |offset, sentence| {
            let start = *offset;
            *offset += sentence.len();
            Some((start, sentence))
        })
}

/// The slot of a question gram's copy: a fixed scramble of its own slot.
fn question_slot(slot: u32) -> u32 {
    ((u64::from(slot)
        .wrapping_add(1)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15))
        >> (64 - HASH_BITS)) as u32
}

/// Whether a feature vector is a dialogue's: which of the model's heads scores it.
pub fn is_dialogue(features: &Features) -> bool {
    let index = (HASH_SLOTS + DIALOGUE_FEATURE) as u32;
    // Dense features come last, in order: the flag, when set, is the last entry.
    features
        .0
        .last()
        .is_some_and(|&(i, v)| i == index && v != 0.0)
}

/// The dense features, each roughly in [0, 1].
fn dense(
    conversation: &Conversation,
    findings: &[Finding],
    rule_score: f64,
    has_link: bool,
) -> [f32; DENSE] {
    let mut out = [0.0f32; DENSE];
    for finding in findings {
        if let Some(i) = Tactic::ALL.iter().position(|t| *t == finding.tactic)
            && let Some(slot) = out.get_mut(i)
        {
            *slot = slot.max(finding.weight as f32);
        }
    }
    let normal: Vec<_> = conversation
        .messages
        .iter()
        .filter(|m| m.kind == MessageKind::Normal)
        .collect();
    let external = normal
        .iter()
        .filter(|m| conversation.is_external(m))
        .count();
    let first_external = normal.first().is_some_and(|m| conversation.is_external(m));
    let stranger = normal
        .iter()
        .any(|m| conversation.is_external(m) && conversation.is_from_stranger(m));
    let mut run = 0usize;
    let mut longest = 0usize;
    for m in &normal {
        if conversation.is_external(m) {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let digits = normal
        .iter()
        .filter(|m| conversation.is_external(m))
        .any(|m| m.text.chars().filter(char::is_ascii_digit).count() >= 7);
    let base = Tactic::ALL.len();
    let shape = [
        rule_score as f32,
        ((1 + external) as f32).ln() / 5.0,
        f32::from(u8::from(first_external)),
        f32::from(u8::from(stranger)),
        if normal.is_empty() {
            0.0
        } else {
            external as f32 / normal.len() as f32
        },
        (longest.min(10) as f32) / 10.0,
        f32::from(u8::from(has_link)),
        f32::from(u8::from(digits)),
        f32::from(u8::from(normal.len() == 1)),
        // Keep last: `is_dialogue` reads it there.
        f32::from(u8::from(normal.len() >= DIALOGUE_MESSAGES)),
    ];
    for (i, value) in shape.into_iter().enumerate() {
        if let Some(slot) = out.get_mut(base + i) {
            *slot = value;
        }
    }
    out
}

/// The vector a head is fitted on: text grams weighted by `idf` and scaled to unit length
/// (long chats and short texts weigh alike, rare grams more than common ones), dense features
/// as they are. Scoring computes the same in one pass without building it
/// ([`GramSums`](super::model::GramSums)).
pub fn weigh(features: &Features, idf: &[f32]) -> Features {
    let idf_of = |i: u32| idf.get(i as usize).copied().unwrap_or(1.0);
    let norm = features
        .0
        .iter()
        .filter(|(i, _)| (*i as usize) < HASH_SLOTS)
        .map(|&(i, v)| {
            let w = v * idf_of(i);
            w * w
        })
        .sum::<f32>()
        .sqrt();
    Features(
        features
            .0
            .iter()
            .map(|&(i, v)| {
                if (i as usize) < HASH_SLOTS {
                    let w = v * idf_of(i);
                    (i, if norm > 0.0 { w / norm } else { w })
                } else {
                    (i, v)
                }
            })
            .collect(),
    )
}

/// Smoothed inverse document frequency of every hashed slot over a training set:
/// `ln((1 + n) / (1 + df)) + 1`, as scikit-learn's `TfidfVectorizer` computes it.
pub fn idf(documents: &[&Features]) -> Vec<f32> {
    let mut df = vec![0u32; HASH_SLOTS];
    for features in documents {
        for (i, _) in &features.0 {
            if let Some(d) = df.get_mut(*i as usize) {
                *d += 1;
            }
        }
    }
    let n = documents.len() as f32;
    df.into_iter()
        .map(|d| ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;
    use lurewatch_core::{Format, Message, SenderIdentity};

    /// A chat in which a stranger writes `texts`, one message each.
    fn chat(texts: &[&str]) -> (Conversation, Vec<Normalized>) {
        let mut c = Conversation::new(Format::Text);
        let other = c.participant_id("Other", || SenderIdentity::Unknown);
        for (i, text) in texts.iter().enumerate() {
            c.messages.push(Message::normal(Some(other), *text, i + 1));
        }
        let normalized = texts.iter().map(|t| normalize(t)).collect();
        (c, normalized)
    }

    fn features(texts: &[&str]) -> Features {
        let (c, n) = chat(texts);
        extract(&c, &n, &[], 0.0, false)
    }

    #[test]
    fn slots_sort_alike_by_radix_and_by_comparison() {
        for n in [
            0,
            5,
            RADIX_SORT_FROM - 1,
            RADIX_SORT_FROM,
            150,
            WIDE_DIGITS_FROM - 1,
            WIDE_DIGITS_FROM,
            30_000,
        ] {
            let mut random = lurewatch_core::random::XorShift64::new(n as u64);
            let mut slots: Vec<u32> = (0..n)
                .map(|_| (random.next_u64() & (HASH_SLOTS as u64 - 1)) as u32)
                .collect();
            let mut expected = slots.clone();
            expected.sort_unstable();
            sort_slots(&mut slots);
            assert_eq!(slots, expected, "{n} slots");
        }
    }

    #[test]
    fn words_are_split_as_the_grams_split_them_with_their_offsets() {
        let text = "don’t—verify  now: acc0unt";
        let found: Vec<(usize, &str)> = words(text).collect();
        let split: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(found.iter().map(|(_, w)| *w).collect::<Vec<_>>(), split);
        for (start, word) in found {
            assert_eq!(&text[start..start + word.len()], word);
        }
        assert_eq!(words("").count(), 0);
        assert_eq!(words(" ?! ").count(), 0);
    }

    #[test]
    fn three_messages_make_a_dialogue_and_one_text_does_not() {
        assert!(!is_dialogue(&features(&["hello there"])));
        assert!(is_dialogue(&features(&[
            "hello",
            "how are you",
            "lovely day"
        ])));
    }

    #[test]
    fn a_dialogue_question_counts_again_but_a_statement_or_single_text_does_not() {
        let opening = ["hello", "how are you"];
        let asking = features(&[opening[0], opening[1], "can you send your passport?"]);
        let telling = features(&[opening[0], opening[1], "can you send your passport."]);
        assert!(asking.0.len() > telling.0.len());
        let question = ["can you send your passport?"];
        let statement = ["can you send your passport."];
        assert_eq!(features(&question).0.len(), features(&statement).0.len());
    }
}
