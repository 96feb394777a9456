//! For every set's *training* side (the public sets, the own chats in `labelled/` and the own
//! single texts in `labelled-texts/`): how many texts of each label one of the named rules
//! fires on, and how many of those `scan` already rates medium or above. It shows what making
//! those rules' findings count for more would gain (attacks that carry them and are not yet
//! medium) and cost (benign texts that carry them), without looking at a test split. With
//! `--show`, the benign texts that carry them. With `--all`, a text carries them only when
//! every named rule fires in it: what a combination of findings (a playbook, a floor) would
//! gain and cost.
//! `cargo run --release -p lurewatch-eval --example rules_by_set -- RULE_ID... [--show] [--all]`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use lurewatch_core::Verdict;
use lurewatch_detect::Detector;
use lurewatch_eval::datasets::labelled_folder;

#[path = "common/by_set.rs"]
mod by_set;

fn main() {
    let mut rules: Vec<String> = std::env::args().skip(1).collect();
    let show = by_set::take_flag(&mut rules, "--show");
    let all = by_set::take_flag(&mut rules, "--all");
    assert!(
        !rules.is_empty(),
        "usage: rules_by_set RULE_ID... [--show] [--all]"
    );
    let data = PathBuf::from("../shared/data");
    let detector = Detector::standard("GB").expect("detector");
    println!("| set | label | training texts | carrying | of those already medium+ |");
    println!("|---|---|---|---|---|");
    let mut sets = by_set::public_sets(&data);
    for folder in ["labelled", "labelled-texts"] {
        sets.push((
            folder.to_owned(),
            labelled_folder::load(Path::new(folder)).expect("own folder"),
        ));
    }
    by_set::print_rows(
        &detector,
        &sets,
        |analysis| {
            let fires = |rule: &String| analysis.findings.iter().any(|f| &f.rule == rule);
            if all && !rules.iter().all(fires) {
                return None;
            }
            analysis.findings.iter().find(|f| rules.contains(&f.rule))
        },
        |analysis| analysis.verdict >= Verdict::Medium,
        |malicious| show && !malicious,
        true,
    );
}
