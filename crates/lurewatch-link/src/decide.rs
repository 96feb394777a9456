//! From a new report's signature and its candidates to explained edges. Every edge says why:
//! "same number +447700900417", "wording 0.71 similar", "persona 'abi' with similar wording".

pub use lurewatch_core::{Candidate, Edge};
use lurewatch_core::{IndicatorKind, Signature};

use crate::minhash::MinHash;

/// Thresholds of linking. The defaults were chosen on the synthetic generator's training
/// seed only (see docs/accuracy.md) and are evaluated on other seeds.
#[derive(Debug, Clone, Copy)]
pub struct LinkParams {
    /// Estimated Jaccard similarity of scripts above which wording alone links.
    pub wording: f64,
    /// Lower similarity that links when the same persona name is also used.
    pub persona_wording: f64,
    /// A value seen in more reports than this is too common to mean anything (short codes,
    /// big senders, the organisation's own domain).
    pub common_after: usize,
    /// Shortest script (in characters, both reports) that wording alone may link. Not below
    /// [`crate::signature::MIN_WORDING_CHARS`]: shorter scripts have no band keys to be found by.
    pub wording_min_chars: usize,
}

impl Default for LinkParams {
    fn default() -> Self {
        LinkParams {
            wording: 0.75,
            persona_wording: 0.65,
            common_after: 50,
            wording_min_chars: crate::signature::MIN_WORDING_CHARS,
        }
    }
}

fn describe(kind: IndicatorKind, value: &str) -> String {
    match kind {
        IndicatorKind::Phone => format!("same number {value}"),
        IndicatorKind::Email => format!("same e-mail address {value}"),
        IndicatorKind::Handle => format!("same handle {value}"),
        IndicatorKind::Url => format!("same link {value}"),
        IndicatorKind::MediaSha256 => format!(
            "same image or file (sha256 {})",
            value.get(..16).unwrap_or(value)
        ),
        IndicatorKind::Iban => format!("same bank account {value}"),
        IndicatorKind::CryptoWallet => format!("same crypto wallet {value}"),
        IndicatorKind::Domain => format!("same domain {value}"),
        IndicatorKind::Persona => format!("persona '{value}'"),
    }
}

/// Decides which candidates the new report links to. `reports_with` says in how many reports
/// an identifier or domain already appears, for the commonness guard.
pub fn decide(
    new: &Signature,
    candidates: &[Candidate],
    reports_with: &dyn Fn(IndicatorKind, &str) -> usize,
    params: &LinkParams,
) -> Vec<Edge> {
    decide_among(
        new,
        candidates.iter().map(|c| (c.report, &c.signature)),
        reports_with,
        params,
    )
}

/// [`decide`] over borrowed candidates, for indexes that hold the signatures themselves.
pub fn decide_among<'a>(
    new: &Signature,
    candidates: impl IntoIterator<Item = (i64, &'a Signature)>,
    reports_with: &dyn Fn(IndicatorKind, &str) -> usize,
    params: &LinkParams,
) -> Vec<Edge> {
    if !new.linkable {
        return Vec::new();
    }
    let rare = |kind: IndicatorKind, value: &str| reports_with(kind, value) <= params.common_after;
    let mut edges = Vec::new();
    for (report, other) in candidates {
        if !other.linkable {
            continue;
        }
        let mut reasons = Vec::new();
        for (kind, value) in &new.identifiers {
            if other
                .identifiers
                .iter()
                .any(|(k, v)| k == kind && v == value)
                && rare(*kind, value)
            {
                reasons.push(describe(*kind, value));
            }
        }
        for domain in &new.domains {
            if other.domains.contains(domain) && rare(IndicatorKind::Domain, domain) {
                reasons.push(describe(IndicatorKind::Domain, domain));
            }
        }
        let similarity = match (&new.minhash, &other.minhash) {
            (Some(a), Some(b)) if new.suspicious || other.suspicious => {
                MinHash::similarity_of(a, b)
            }
            _ => 0.0,
        };
        let long_enough = new.text_chars.min(other.text_chars) >= params.wording_min_chars;
        if similarity >= params.wording && long_enough {
            reasons.push(format!(
                "wording {similarity:.2} similar to report {}",
                report
            ));
        } else if similarity >= params.persona_wording && new.suspicious && other.suspicious {
            // A shared first name is weak evidence: it counts only between two reports that
            // are both suspicious and written alike.
            for persona in new.personas.iter().filter(|p| other.personas.contains(p)) {
                reasons.push(format!(
                    "persona '{persona}' with similar wording ({similarity:.2})"
                ));
            }
        }
        if !reasons.is_empty() {
            edges.push(Edge {
                other: report,
                reasons,
            });
        }
    }
    edges
}
