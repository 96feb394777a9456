//! The loop `rules_by_set` and `tactic_by_set` share: every set's *training* side, per label,
//! how many texts carry what the tool asks about and how many of those the detector already
//! acts on, a Markdown table row each, and the carrying texts themselves where asked.

use std::path::Path;

use lurewatch_detect::{Analysis, Detector, Finding};
use lurewatch_eval::datasets::{PUBLIC, load_public};
use lurewatch_eval::{Example, Split};

/// Whether `flag` is among the arguments, taking it out of them.
pub fn take_flag(args: &mut Vec<String>, flag: &str) -> bool {
    let given = args.iter().any(|a| a == flag);
    args.retain(|a| a != flag);
    given
}

/// Every public set under `data` that loads, by name.
pub fn public_sets(data: &Path) -> Vec<(String, Vec<Example>)> {
    PUBLIC
        .iter()
        .filter_map(|(set, _)| Some((set.to_string(), load_public(set, data).ok()?)))
        .collect()
}

/// Prints one row per set and label that has training texts (with `only_carried`, only where
/// some carry it). `carries` names the finding that makes a text count, `acted_on` whether the
/// detector already acts on it, `show` for which label to print the carrying texts.
pub fn print_rows(
    detector: &Detector,
    sets: &[(String, Vec<Example>)],
    carries: impl Fn(&Analysis) -> Option<&Finding>,
    acted_on: impl Fn(&Analysis) -> bool,
    show: impl Fn(bool) -> bool,
    only_carried: bool,
) {
    for (set, examples) in sets {
        for malicious in [true, false] {
            let (mut total, mut carrying, mut acted) = (0, 0, 0);
            for e in examples
                .iter()
                .filter(|e| e.split == Split::Train && e.malicious == malicious)
            {
                total += 1;
                let analysis = detector.analyze(&e.conversation);
                let Some(finding) = carries(&analysis) else {
                    continue;
                };
                carrying += 1;
                acted += usize::from(acted_on(&analysis));
                if show(malicious) {
                    let text = &e.conversation.messages[finding.message].text;
                    let p = analysis.classifier.map_or(0.0, |s| s.probability);
                    println!(
                        "   {set} malicious={malicious} {} {:?} p={p:.3}: {text:?}",
                        finding.rule, analysis.verdict
                    );
                }
            }
            if total > 0 && (carrying > 0 || !only_carried) {
                println!("| {set} | {malicious} | {total} | {carrying} | {acted} |");
            }
        }
    }
}
