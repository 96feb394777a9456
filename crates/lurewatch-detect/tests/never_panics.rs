//! Hostile input for detection: normalisation and analysis of anything a parser can produce.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use lurewatch_core::{ParseOptions, parse_bytes};
use lurewatch_detect::Detector;
use lurewatch_detect::normalize::normalize;
use proptest::prelude::*;
use std::sync::LazyLock;

#[allow(clippy::expect_used)]
static DETECTOR: LazyLock<Detector> =
    LazyLock::new(|| Detector::with_embedded_rules("GB").expect("embedded rules load"));

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn normalisation_maps_inside_the_original(text in "\\PC{0,200}") {
        let n = normalize(&text);
        for start in 0..=n.text.len() {
            for end in start..=n.text.len().min(start + 8) {
                let range = n.original_range(start..end);
                prop_assert!(range.end <= text.len());
            }
        }
    }

    #[test]
    fn analysis_of_any_text(lines in proptest::collection::vec("(\\+44 7700 900[0-9]{3}|Me|[A-Z][a-z]{1,6}): \\PC{0,80}", 1..12)) {
        let text = lines.join("\n");
        for c in parse_bytes("x.txt", text.as_bytes(), &ParseOptions::default()).unwrap_or_default() {
            let a = DETECTOR.analyze(&c);
            prop_assert!((0.0..=1.0).contains(&a.score));
            for f in &a.findings {
                prop_assert!(f.message < c.messages.len());
            }
        }
    }
}
