//! For a labelled folder's *training* split: the conversations where a labelled tactic was not
//! found by the rules, with the other party's messages, so rule work is driven by training
//! data only. `cargo run --release -p lurewatch-eval --example tactic_misses -- labelled TACTIC`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use lurewatch_core::Tactic;
use lurewatch_detect::Detector;
use lurewatch_eval::Split;
use lurewatch_eval::datasets::labelled_folder;

fn main() {
    let mut args = std::env::args().skip(1);
    let folder = args.next().expect("usage: tactic_misses FOLDER TACTIC");
    let tactic: Tactic = args
        .next()
        .expect("a tactic id")
        .parse()
        .expect("a tactic id");
    let detector = Detector::standard("GB").expect("detector");
    let examples = labelled_folder::load(std::path::Path::new(&folder)).expect("folder");
    let (mut labelled, mut missed) = (0, 0);
    for e in examples.iter().filter(|e| e.split == Split::Train) {
        if !e.tactics.as_ref().is_some_and(|t| t.contains(&tactic)) {
            continue;
        }
        labelled += 1;
        let analysis = detector.analyze(&e.conversation);
        if analysis.findings.iter().any(|f| f.tactic == tactic) {
            continue;
        }
        missed += 1;
        println!("== {}", e.id);
        for m in &e.conversation.messages {
            if e.conversation.is_external(m) {
                println!("   {}", m.text);
            }
        }
    }
    println!(
        "\n{missed} of {labelled} training conversations labelled {} missed",
        tactic.id()
    );
}
