//! Deterministic splits. An example's side is decided by a hash of its text, folded to lower
//! case with runs of non-letters collapsed (so copies that differ in spacing or punctuation,
//! which SOURCE.md files report between sets, land on the same side), never by a random draw.
//! The same text in two sets therefore has one side everywhere: training on one set and
//! testing on another cannot leak a message across.

use lurewatch_core::Conversation;

/// The text an example is identified by: its messages, folded.
pub fn fold(conversation: &Conversation) -> String {
    let mut out = String::new();
    for message in &conversation.messages {
        let mut gap = !out.is_empty();
        for c in message.text.chars().flat_map(char::to_lowercase) {
            if c.is_alphanumeric() {
                if gap {
                    out.push(' ');
                }
                gap = false;
                out.push(c);
            } else {
                gap = true;
            }
        }
    }
    out
}

/// A stable hash of the folded text.
pub fn text_hash(conversation: &Conversation) -> u64 {
    xxhash_rust::xxh3::xxh3_64(fold(conversation).as_bytes())
}

/// A looser identity than [`text_hash`], for one purpose: recognising a held-out text in a
/// training set that publishes it in another shape. SPAM-Hunter lemmatises and masks digits
/// ("your account have be suspend call XXXX"), so its copy of a test text never hashes like
/// it. Here runs of digits (or of the X's that mask them) read as one "0" and every word is
/// folded as the classifier folds it, so both shapes meet.
pub fn loose_hash(conversation: &Conversation) -> u64 {
    let folded = fold(conversation);
    let mut loose = String::with_capacity(folded.len());
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        let masked_or_digits = word.bytes().all(|b| b.is_ascii_digit() || b == b'x')
            && (word.bytes().any(|b| b.is_ascii_digit()) || word.len() > 1);
        if !loose.is_empty() {
            loose.push(' ');
        }
        loose.push_str(if masked_or_digits {
            "0"
        } else {
            lurewatch_detect::classifier::stem::feature_word(word)
        });
    }
    xxhash_rust::xxh3::xxh3_64_with_seed(loose.as_bytes(), 7)
}

/// How an example is recognised wherever it appears: its text's hashes as published, taken
/// when the example is loaded. A loader that writes back what a publisher took out (numbers
/// behind a placeholder or a mask, guessed) keeps the identity of the text as published, so
/// that the repaired text still meets its copies in other sets, and keeps its side of the
/// split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    /// [`text_hash`]: sides of splits and folds, duplicates, held-out copies.
    pub exact: u64,
    /// [`loose_hash`]: held-out copies published in another shape.
    pub loose: u64,
}

impl Identity {
    pub fn of(conversation: &Conversation) -> Identity {
        Identity {
            exact: text_hash(conversation),
            loose: loose_hash(conversation),
        }
    }
}

/// True when a text falls in the held-out `percent` (0–100) of the hash space. The salt keeps
/// the side independent between uses (the test split and, inside training, the validation
/// split used to choose the threshold).
pub fn held_out(hash: u64, percent: u64, salt: u64) -> bool {
    xxhash_rust::xxh3::xxh3_64_with_seed(&hash.to_le_bytes(), salt) % 100 < percent
}

/// Which of `folds` cross-validation folds a text falls in.
pub fn fold_index(hash: u64, folds: u64, salt: u64) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(&hash.to_le_bytes(), salt) % folds.max(1)
}
