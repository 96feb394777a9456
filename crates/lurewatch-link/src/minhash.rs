//! MinHash over character 5-grams, and LSH band keys.
//!
//! Character shingles survive the small edits of a paraphrased script ("Long time no speak!" /
//! "Long time no chat!") better than word shingles. Each shingle is hashed once with xxh3; the
//! 128 permutations are multiply-shift families over that hash, which is the usual trick that
//! keeps MinHash at a few nanoseconds per shingle and permutation.

use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Permutations in a signature.
pub const PERMUTATIONS: usize = 128;
/// LSH bands; with [`ROWS`] rows each, two texts with Jaccard similarity `s` share a band with
/// probability `1 - (1 - s^ROWS)^BANDS`: about 0.5 at s = 0.30 and 0.99 at s = 0.55.
pub const BANDS: usize = 32;
pub const ROWS: usize = PERMUTATIONS / BANDS;

const SHINGLE: usize = 5;

/// A MinHash signature: the minimum of each permuted shingle hash (truncated to 32 bits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinHash(pub Vec<u32>);

/// Fixed odd multipliers and offsets, derived from a seed so signatures are stable across
/// versions and processes (they are stored).
fn coefficients() -> &'static [(u64, u64); PERMUTATIONS] {
    static COEFFICIENTS: std::sync::OnceLock<[(u64, u64); PERMUTATIONS]> =
        std::sync::OnceLock::new();
    COEFFICIENTS.get_or_init(|| {
        let mut c = [(0u64, 0u64); PERMUTATIONS];
        for (i, slot) in c.iter_mut().enumerate() {
            let a = xxh3_64_with_seed(b"lurewatch-minhash-a", i as u64) | 1;
            let b = xxh3_64_with_seed(b"lurewatch-minhash-b", i as u64);
            *slot = (a, b);
        }
        c
    })
}

impl MinHash {
    /// The signature of a text, or `None` when it is too short to compare.
    pub fn of(text: &str) -> Option<MinHash> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        if chars.len() < SHINGLE {
            return None;
        }
        let coefficients = coefficients();
        let mut mins = [u32::MAX; PERMUTATIONS];
        for window in chars.windows(SHINGLE) {
            let (Some(first), Some(last)) = (window.first(), window.last()) else {
                continue;
            };
            let end = last.0 + last.1.len_utf8();
            let Some(shingle) = text.get(first.0..end) else {
                continue;
            };
            let h = xxh3_64(shingle.as_bytes());
            for (min, (a, b)) in mins.iter_mut().zip(coefficients) {
                let permuted = (a.wrapping_mul(h).wrapping_add(*b) >> 32) as u32;
                if permuted < *min {
                    *min = permuted;
                }
            }
        }
        Some(MinHash(mins.to_vec()))
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &MinHash) -> f64 {
        MinHash::similarity_of(&self.0, &other.0)
    }

    /// The same, on stored signatures.
    pub fn similarity_of(a: &[u32], b: &[u32]) -> f64 {
        if a.len() != b.len() || a.is_empty() {
            return 0.0;
        }
        let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
        equal as f64 / a.len() as f64
    }

    /// One key per band: texts that share a key are candidates for comparison.
    pub fn band_keys(&self) -> Vec<i64> {
        self.0
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                let mut bytes = Vec::with_capacity(4 + rows.len() * 4);
                bytes.extend_from_slice(&(band as u32).to_le_bytes());
                for r in rows {
                    bytes.extend_from_slice(&r.to_le_bytes());
                }
                // Stored as a signed 64-bit integer: the type both databases index well.
                xxh3_64(&bytes) as i64
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_texts_estimate_high_and_share_bands() {
        let a = MinHash::of("long time no speak! hope you get a break over christmas x").unwrap();
        let b = MinHash::of("long time no chat! hope you get a break over christmas xx").unwrap();
        let c = MinHash::of("the committee meets on tuesday at three in room four").unwrap();
        assert!(a.similarity(&b) > 0.5, "{}", a.similarity(&b));
        assert!(a.similarity(&c) < 0.1, "{}", a.similarity(&c));
        let shared = a
            .band_keys()
            .iter()
            .zip(b.band_keys())
            .filter(|(x, y)| **x == *y)
            .count();
        assert!(shared > 0);
        assert_eq!(MinHash::of("abc"), None);
    }

    #[test]
    fn signatures_are_stable() {
        // Stored signatures must keep their meaning across releases.
        let m = MinHash::of("long time no speak").unwrap();
        assert_eq!(m.0.len(), PERMUTATIONS);
        assert_eq!(m.band_keys().len(), BANDS);
        assert_eq!(MinHash::of("long time no speak").unwrap(), m);
    }
}
