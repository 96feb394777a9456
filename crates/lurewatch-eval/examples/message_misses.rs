//! Lists, on the *training* split of a set with message labels (SEConvo's annotated files,
//! AntiScam's annotated half), the messages that ask for sensitive information but in which
//! the analysis finds no elicitation, and the messages where it finds elicitation the
//! annotators did not mark: where message-level rule work starts, without the test split.
//! `cargo run --release -p lurewatch-eval --example message_misses -- antiscam-messages [DATA]`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use lurewatch_core::{MessageKind, Tactic};
use lurewatch_detect::Detector;
use lurewatch_eval::Split;
use lurewatch_eval::datasets::load_public;
use lurewatch_eval::metrics::Counts;

fn main() {
    let mut args = std::env::args().skip(1);
    let set = args.next().expect("usage: message_misses SET [DATA]");
    let data = PathBuf::from(args.next().unwrap_or_else(|| "../shared/data".to_owned()));
    let detector = Detector::standard("GB").expect("detector");
    let mut counts = Counts::default();
    for e in load_public(&set, &data)
        .expect("set")
        .iter()
        .filter(|e| e.split == Split::Train)
    {
        let Some(asking) = &e.asks_for_information else {
            continue;
        };
        let analysis = detector.analyze(&e.conversation);
        for (index, message) in e.conversation.messages.iter().enumerate() {
            if message.kind != MessageKind::Normal || !e.conversation.is_external(message) {
                continue;
            }
            let found: Vec<&str> = analysis
                .findings
                .iter()
                .filter(|f| f.tactic == Tactic::Elicitation && f.message == index)
                .map(|f| f.evidence.as_str())
                .collect();
            let truth = asking.contains(&index);
            counts.add(truth, !found.is_empty());
            if truth && found.is_empty() {
                println!("MISS {}: {}", e.id, message.text);
            } else if !truth && !found.is_empty() {
                println!("FALSE {}: {:?} in {}", e.id, found, message.text);
            }
        }
    }
    let s = counts.summary();
    println!(
        "\ntraining split, message level: precision {:?} recall {:?} F1 {:?}",
        s.precision, s.recall, s.f1
    );
}
