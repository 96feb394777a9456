//! Lists the benign conversations of a set's *training* split that the rules rate medium or
//! above, with the findings behind each: where rule work on false alarms starts, without
//! looking at the test split. `cargo run --release -p lurewatch-eval --example false_alarms --
//! dailydialog [DATA]`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use lurewatch_core::Verdict;
use lurewatch_detect::Detector;
use lurewatch_eval::Split;
use lurewatch_eval::datasets::load_public;

fn main() {
    let mut args = std::env::args().skip(1);
    let set = args.next().expect("usage: false_alarms SET [DATA]");
    let data = PathBuf::from(args.next().unwrap_or_else(|| "../shared/data".to_owned()));
    let detector = Detector::standard("GB").expect("detector");
    let examples = load_public(&set, &data).expect("set");
    let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
    let mut benign = 0;
    let mut alarms = 0;
    for e in examples
        .iter()
        .filter(|e| e.split == Split::Train && !e.malicious)
    {
        benign += 1;
        let a = detector.analyze(&e.conversation);
        if Verdict::from_score(a.rule_score) >= Verdict::Medium {
            alarms += 1;
            println!("== {} rule score {:.2}", e.id, a.rule_score);
            for f in &a.findings {
                println!("   {} {:?}", f.rule, f.evidence);
                *by_rule.entry(f.rule.clone()).or_default() += 1;
            }
            for r in &a.reasons {
                println!("   reason: {r}");
            }
        }
    }
    println!("\n{alarms} of {benign} benign training conversations at medium or above");
    for (rule, n) in by_rule {
        println!("{n:5} {rule}");
    }
}
