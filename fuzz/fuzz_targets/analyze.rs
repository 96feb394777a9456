//! Detection on whatever the parsers make of the input: normalisation, rules, indicators,
//! the classifier's features and model, scoring and advice must hold for any conversation.
#![no_main]
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use lurewatch_core::{ParseOptions, parse_input};
use lurewatch_detect::Detector;

static DETECTOR: LazyLock<Option<Detector>> =
    LazyLock::new(|| Detector::standard("GB").ok());

fuzz_target!(|data: &[u8]| {
    let Some(detector) = DETECTOR.as_ref() else {
        return;
    };
    for conversation in parse_input("fuzz.txt", data, &ParseOptions::with_max_input(1 << 20))
        .into_iter()
        .flatten()
    {
        let analysis = detector.analyze(&conversation);
        assert!((0.0..=1.0).contains(&analysis.score));
        if let Some(c) = analysis.classifier {
            assert!((0.0..=1.0).contains(&c.probability));
        }
        if let Some(p) = analysis.attack_probability {
            assert!((0.0..=1.0).contains(&p));
        }
    }
});
