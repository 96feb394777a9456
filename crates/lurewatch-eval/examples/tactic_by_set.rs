//! For every public set's *training* side: how many texts of each label carry a tactic by the
//! rules, and how many of those the trained classifier flags. It shows whether the model has
//! anything to learn a tactic from (attacks that carry it) and what flagging it would cost
//! (benign texts that carry it), without looking at a test split. With `--show`, the texts.
//! `cargo run --release -p lurewatch-eval --example tactic_by_set -- TACTIC [--show] [DATA]`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use lurewatch_core::Tactic;
use lurewatch_detect::Detector;
use lurewatch_eval::Split;
use lurewatch_eval::datasets::{PUBLIC, load_public};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let show = args.iter().any(|a| a == "--show");
    args.retain(|a| a != "--show");
    let mut args = args.into_iter();
    let tactic: Tactic = args
        .next()
        .expect("usage: tactic_by_set TACTIC [--show] [DATA]")
        .parse()
        .expect("a tactic id");
    let data = PathBuf::from(args.next().unwrap_or_else(|| "../shared/data".to_owned()));
    let detector = Detector::standard("GB").expect("detector");
    println!("| set | label | training texts | with {tactic} | of those flagged |");
    println!("|---|---|---|---|---|");
    for (set, _) in PUBLIC {
        let Ok(examples) = load_public(set, &data) else {
            continue;
        };
        for malicious in [true, false] {
            let (mut total, mut carrying, mut flagged) = (0, 0, 0);
            for e in examples
                .iter()
                .filter(|e| e.split == Split::Train && e.malicious == malicious)
            {
                total += 1;
                let analysis = detector.analyze(&e.conversation);
                let Some(finding) = analysis.findings.iter().find(|f| f.tactic == tactic) else {
                    continue;
                };
                carrying += 1;
                let caught = analysis.classifier.is_some_and(|s| s.malicious);
                flagged += usize::from(caught);
                if show {
                    let text = &e.conversation.messages[finding.message].text;
                    let p = analysis.classifier.map_or(0.0, |s| s.probability);
                    println!("   {set} malicious={malicious} p={p:.3} {text:?}");
                }
            }
            if total > 0 {
                println!("| {set} | {malicious} | {total} | {carrying} | {flagged} |");
            }
        }
    }
}
