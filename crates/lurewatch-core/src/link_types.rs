//! What campaign linking compares and produces, as plain data: computed by lurewatch-link,
//! kept by the store (so that any process can link against every report), decided on by
//! lurewatch-link again. Neither of those two crates knows the other.

use crate::IndicatorKind;

/// A report reduced to what linking compares, and nothing more (no message text).
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    /// Values that link two reports on their own: numbers, addresses, handles, links, media
    /// hashes, payment details.
    pub identifiers: Vec<(IndicatorKind, String)>,
    /// Link domains: linking only while rare, since everyone shares big platforms' domains.
    pub domains: Vec<String>,
    /// Persona names, lower case: linking only together with similar wording.
    pub personas: Vec<String>,
    /// The MinHash of the other party's script (placeholders for numbers, links, names).
    pub minhash: Option<Vec<u32>>,
    /// LSH band keys of the MinHash: reports sharing one are compared.
    pub band_keys: Vec<i64>,
    /// Length of the compared text in characters: short texts (one templated SMS) are shared
    /// by every user of a scam kit, so wording alone links only longer scripts.
    pub text_chars: usize,
    /// Whether the report takes part in linking. A conversation with saved contacts only, in
    /// which nothing worse than low was found, is ordinary life and must not be pulled into a
    /// campaign. (Hijacked accounts write from saved contacts, but what they send scores higher.)
    pub linkable: bool,
    /// Whether detection found anything (verdict low or above). Wording alone links two
    /// reports only if one of them is suspicious: two ordinary messages alike are a template,
    /// not an actor.
    pub suspicious: bool,
}

/// A report an index found for comparison.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub report: i64,
    pub signature: Signature,
}

/// A link between a new report and an earlier one, with its reasons.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub other: i64,
    pub reasons: Vec<String>,
}
