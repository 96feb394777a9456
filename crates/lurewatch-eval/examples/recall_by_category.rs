//! Smishtank recall by the category its submitters gave each message ("Account Alert",
//! "Delivery", "Wrong Number/Romance Scam", …), for the classifier and for the verdict `scan`
//! reports: where the misses are, as a measurement only (Smishtank is all test; nothing here
//! is used to choose anything). Prints a Markdown table for docs/accuracy.md.
//! `cargo run --release -p lurewatch-eval --example recall_by_category [DATA]`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use lurewatch_core::Verdict;
use lurewatch_detect::Detector;
use lurewatch_eval::datasets::{csv_rows, load_public};

fn main() {
    let data = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data".to_owned()),
    );
    let detector = Detector::standard("GB").expect("detector");
    let examples = load_public("smishtank", &data).expect("smishtank");
    // The loader names each example by its CSV line ("row N", the header being line 1).
    let rows = csv_rows(&data.join("smishtank/smishtank.csv")).expect("smishtank.csv");
    let category_of: HashMap<String, String> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let category = row
                .get("Message Categories")
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .unwrap_or("(none)");
            (format!("row {}", i + 2), category.to_owned())
        })
        .collect();
    // category -> (messages, classifier hits, scan verdict at medium or above)
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for e in &examples {
        let analysis = detector.analyze(&e.conversation);
        let category = category_of
            .get(&e.id)
            .cloned()
            .unwrap_or_else(|| "(none)".to_owned());
        let c = counts.entry(category).or_default();
        c.0 += 1;
        c.1 += usize::from(analysis.classifier.is_some_and(|s| s.malicious));
        c.2 += usize::from(Verdict::from_score(analysis.score) >= Verdict::Medium);
    }
    println!("| category | messages | classifier recall | combined recall |");
    println!("|---|---|---|---|");
    let mut all = (0, 0, 0);
    for (category, (n, classifier, combined)) in &counts {
        let rate = |k: usize| k as f64 / (*n).max(1) as f64;
        println!(
            "| {category} | {n} | {:.3} | {:.3} |",
            rate(*classifier),
            rate(*combined)
        );
        all = (all.0 + n, all.1 + classifier, all.2 + combined);
    }
    let rate = |k: usize| k as f64 / all.0.max(1) as f64;
    println!(
        "| all | {} | {:.3} | {:.3} |",
        all.0,
        rate(all.1),
        rate(all.2)
    );
}
