//! The form of a word the model's grams are taken from: English inflection folded away
//! ("is", "was", "been" → "be"; "suspended", "suspends" → "suspend"; "won" → "win").
//!
//! Why: SPAM-Hunter, the largest set of smishing the model learns from (25,826 texts), was
//! lemmatised before it was published ("your account have be suspend", "you have win"), and
//! nothing else the model reads is. With the words as written, the model learned that "is",
//! "has" and "-ed" mean ham, and scored real smishing, which is inflected, too low: a job
//! lure read 0.75 as written and 0.96 lemmatised. Folding every text, at training and at scan
//! time alike, takes that artefact away from the model instead of teaching around it.
//!
//! This is a small suffix-stripper (in the spirit of Porter's, not a dictionary lemmatiser):
//! it only needs to send a lemma and its inflected forms to the same string, not to find
//! the dictionary word, and it runs on every word `scan` reads, so it only ever returns a
//! prefix of the word or a static string, never allocates.

use std::sync::LazyLock;

use crate::packed_words::PackedWords;

/// The string whose grams stand for `word` (already lower-cased by normalisation).
pub fn feature_word(word: &str) -> &str {
    let word = irregular(word).unwrap_or(word);
    let bytes = word.as_bytes();
    if bytes.len() <= 3 || !bytes.iter().all(u8::is_ascii_lowercase) {
        return word;
    }
    let mut end = bytes.len();
    let ends_with = |end: usize, suffix: &[u8]| {
        end >= suffix.len() + 3 && bytes.get(end - suffix.len()..end) == Some(suffix)
    };
    if ends_with(end, b"ing") {
        end = undouble(bytes, end - 3);
    } else if ends_with(end, b"ied") || ends_with(end, b"ies") {
        end -= 3;
    } else if ends_with(end, b"ed") {
        end = undouble(bytes, end - 2);
    } else if ends_with(end, b"s") && !matches!(bytes.get(end - 2), Some(b's' | b'u' | b'i')) {
        end -= 1;
    }
    // A final e ("hire" against "hired") and a final y after a consonant ("verify" against
    // "verified") go, so that the lemma meets its inflections.
    let silent_e = ends_with(end, b"e");
    let consonant_y = ends_with(end, b"y") && !is_vowel(bytes.get(end - 2));
    if silent_e || consonant_y {
        end -= 1;
    }
    word.get(..end).unwrap_or(word)
}

fn is_vowel(byte: Option<&u8>) -> bool {
    matches!(byte, Some(b'a' | b'e' | b'i' | b'o' | b'u'))
}

/// "winn" (from "winning") → "win"; "fill", "pass" and "buzz" keep their pairs.
fn undouble(bytes: &[u8], end: usize) -> usize {
    match (
        bytes.get(end.wrapping_sub(2)),
        bytes.get(end.wrapping_sub(1)),
    ) {
        (Some(a), Some(b))
            if a == b && end > 3 && !matches!(a, b'l' | b's' | b'z') && !is_vowel(Some(a)) =>
        {
            end - 1
        }
        _ => end,
    }
}

/// Irregular forms, chosen as the ones a lemmatiser rewrites most in short texts: the
/// auxiliaries, and the verbs of lures (won, sent, paid, got, …).
const IRREGULAR: &[(&str, &str)] = &[
    ("is", "be"),
    ("are", "be"),
    ("am", "be"),
    ("was", "be"),
    ("were", "be"),
    ("been", "be"),
    ("being", "be"),
    ("has", "have"),
    ("had", "have"),
    ("having", "have"),
    ("does", "do"),
    ("did", "do"),
    ("done", "do"),
    ("doing", "do"),
    ("won", "win"),
    ("sent", "send"),
    ("got", "get"),
    ("gotten", "get"),
    ("made", "make"),
    ("paid", "pay"),
    ("gave", "give"),
    ("given", "give"),
    ("took", "take"),
    ("taken", "take"),
    ("came", "come"),
    ("went", "go"),
    ("gone", "go"),
    ("said", "say"),
    ("told", "tell"),
    ("found", "find"),
    ("kept", "keep"),
    ("left", "leave"),
    ("bought", "buy"),
    ("brought", "bring"),
    ("thought", "think"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("knew", "know"),
    ("known", "know"),
    ("saw", "see"),
    ("seen", "see"),
    ("met", "meet"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("wrote", "write"),
    ("written", "write"),
    ("lost", "lose"),
    ("held", "hold"),
    ("sold", "sell"),
    ("heard", "hear"),
    ("meant", "mean"),
    ("felt", "feel"),
];

/// [`IRREGULAR`], looked up for every word `scan` reads.
static IRREGULAR_FORMS: LazyLock<PackedWords> = LazyLock::new(|| PackedWords::new(IRREGULAR));

fn irregular(word: &str) -> Option<&'static str> {
    IRREGULAR_FORMS.get(word.chars())
}

#[cfg(test)]
mod tests {
    use super::feature_word;

    #[test]
    fn a_lemma_and_its_inflections_meet() {
        for family in [
            &["suspend", "suspended", "suspends", "suspending"][..],
            &["hire", "hired", "hiring", "hires"],
            &["verify", "verified", "verifies"],
            &["win", "won", "winning", "wins"],
            &["be", "is", "are", "was", "been"],
            &["have", "has", "had"],
            &["expire", "expired", "expires", "expiring"],
            &["match", "matches"],
            &["stop", "stopped", "stopping"],
            &["delivery", "deliveries"],
        ] {
            let first = feature_word(family[0]);
            for word in family {
                assert_eq!(feature_word(word), first, "{word} against {}", family[0]);
            }
        }
    }

    #[test]
    fn every_irregular_form_is_found() {
        for (form, lemma) in super::IRREGULAR {
            assert_eq!(super::irregular(form), Some(*lemma), "{form}");
        }
        assert_eq!(super::irregular("island"), None);
        assert_eq!(super::irregular("internationally"), None);
    }

    #[test]
    fn short_and_foreign_words_stay_as_they_are() {
        for word in [
            "is", "pay", "bus", "pass", "this", "bonus", "fill", "need", "ñandú", "x1s",
        ] {
            let folded = feature_word(word);
            assert!(
                word.starts_with(folded) || folded == "be",
                "{word} -> {folded}"
            );
        }
        assert_eq!(feature_word("pass"), "pass");
        assert_eq!(feature_word("bonus"), "bonus");
        assert_eq!(feature_word("need"), "need");
        assert_eq!(feature_word("ñandú"), "ñandú");
        assert_eq!(feature_word("fill"), "fill");
    }

    proptest::proptest! {
        /// Whatever the word (any characters, any length), folding never panics and gives a
        /// prefix of the word or of one of the lemmas, never an empty string for a word.
        #[test]
        fn the_folded_form_is_a_prefix_or_a_lemma(word in "\\PC{0,12}|[a-z]{1,12}") {
            let folded = feature_word(&word);
            let lemma = super::IRREGULAR.iter().any(|(_, lemma)| lemma.starts_with(folded));
            proptest::prop_assert!(word.starts_with(folded) || lemma, "{word:?} -> {folded:?}");
            proptest::prop_assert!(!folded.is_empty() || word.is_empty());
        }
    }
}
