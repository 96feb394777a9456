//! For every public set's *training* side: how many texts of each label carry a tactic by the
//! rules, and how many of those the trained classifier flags. It shows whether the model has
//! anything to learn a tactic from (attacks that carry it) and what flagging it would cost
//! (benign texts that carry it), without looking at a test split. With `--show`, the texts.
//! `cargo run --release -p lurewatch-eval --example tactic_by_set -- TACTIC [--show] [DATA]`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use lurewatch_core::Tactic;
use lurewatch_detect::Detector;

#[path = "common/by_set.rs"]
mod by_set;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let show = by_set::take_flag(&mut args, "--show");
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
    by_set::print_rows(
        &detector,
        &by_set::public_sets(&data),
        |analysis| analysis.findings.iter().find(|f| f.tactic == tactic),
        |analysis| analysis.classifier.is_some_and(|s| s.malicious),
        |_| show,
        false,
    );
}
