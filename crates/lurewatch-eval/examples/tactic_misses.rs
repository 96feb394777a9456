//! For a labelled folder's *training* split: the conversations where a labelled tactic was not
//! found by the rules, with the other party's messages, so rule work is driven by training
//! data only. With `--spurious`, the other way round: the conversations where the rules found
//! the tactic but it is not labelled, with the findings behind it (where a new rule's false
//! alarms show).
//! `cargo run --release -p lurewatch-eval --example tactic_misses -- labelled TACTIC [--spurious]`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use lurewatch_core::Tactic;
use lurewatch_detect::Detector;
use lurewatch_eval::Split;
use lurewatch_eval::datasets::labelled_folder;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let spurious = args.iter().any(|a| a == "--spurious");
    args.retain(|a| a != "--spurious");
    let mut args = args.into_iter();
    let folder = args
        .next()
        .expect("usage: tactic_misses FOLDER TACTIC [--spurious]");
    let tactic: Tactic = args
        .next()
        .expect("a tactic id")
        .parse()
        .expect("a tactic id");
    let detector = Detector::standard("GB").expect("detector");
    let examples = labelled_folder::load(std::path::Path::new(&folder)).expect("folder");
    let (mut considered, mut listed) = (0, 0);
    for e in examples.iter().filter(|e| e.split == Split::Train) {
        let labelled = e.tactics.as_ref().is_some_and(|t| t.contains(&tactic));
        if labelled == spurious {
            continue;
        }
        considered += 1;
        let analysis = detector.analyze(&e.conversation);
        let found: Vec<_> = analysis
            .findings
            .iter()
            .filter(|f| f.tactic == tactic)
            .collect();
        if found.is_empty() == spurious {
            continue;
        }
        listed += 1;
        println!("== {} (malicious: {})", e.id, e.malicious);
        for f in &found {
            println!("   found {} {:?}", f.rule, f.evidence);
        }
        for m in &e.conversation.messages {
            if e.conversation.is_external(m) {
                println!("   {}", m.text);
            }
        }
    }
    let what = if spurious {
        "not labelled, found by the rules"
    } else {
        "labelled, missed by the rules"
    };
    println!(
        "\n{listed} of {considered} training conversations {what}: {}",
        tactic.id()
    );
}
