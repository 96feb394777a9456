//! Throughput of the whole per-message path with the classifier: each line of a file is parsed
//! as pasted text (one message from an unknown sender), then normalised, matched against the
//! rules, its indicators extracted and the trained model applied. Prints
//! `messages seconds flagged` for `bench/classifier_vs_sklearn.sh`.
//! `cargo run --release -p lurewatch-detect --example classify_rate -- LINES.txt`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use lurewatch_core::{ParseOptions, parse_bytes};
use lurewatch_detect::Detector;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: classify_rate LINES.txt");
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let detector = Detector::with_embedded_rules("GB")
        .expect("rules")
        .with_model(lurewatch_detect::classifier::embedded().expect("model"));
    let options = ParseOptions::default();
    // Warm the regex caches as a long-running scan would have them.
    for line in lines.iter().take(2000) {
        for c in parse_bytes("-", line.as_bytes(), &options).unwrap_or_default() {
            detector.analyze(&c);
        }
    }
    let start = std::time::Instant::now();
    let mut flagged = 0;
    let mut messages = 0;
    for line in &lines {
        for c in parse_bytes("-", line.as_bytes(), &options).unwrap_or_default() {
            messages += c.messages.len();
            if detector.analyze(&c).classifier.is_some_and(|s| s.malicious) {
                flagged += 1;
            }
        }
    }
    println!("{messages} {:.3} {flagged}", start.elapsed().as_secs_f64());
}
