//! Writes the project's own labelled set (the labelled-folder format of `lurewatch eval`):
//! synthetic conversations from the generator's playbooks (honeytrap escalation with a
//! view-once bait, extortion for colleagues' numbers, "new number" family scams, parcel
//! smishing, fake IT support, investment) and its hard benign look-alikes (old friends
//! reconnecting, partners flirting, colleagues asking for a number, strangers with ordinary
//! requests), rendered in rotating export formats, with `labels.json`.
//!
//! `cargo run --release -p lurewatch-link --example labelled_set -- DIR` (or `DIR --development
//! SEED` for a fresh sample to work on rules with, scored by `lurewatch eval DIR`)
//! Training conversations come from seed 21, test ones from seed 22: different actors,
//! numbers, personas and paraphrase choices (the playbooks themselves are shared, which is
//! what a synthetic set can offer; docs/accuracy.md says so).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use lurewatch_core::render::render;
use lurewatch_core::{Format, SenderIdentity};
use lurewatch_link::synthetic::generate;

/// The tactics each step of a playbook carries (see `synthetic.rs` for the steps' wording).
/// A report is labelled with the tactics of the steps it contains: the generator drops a step
/// now and then, and a conversation without the threat is not labelled "threat".
fn step_tactics(playbook: &str, step: usize) -> &'static [&'static str] {
    match (playbook, step) {
        // "Long time no speak!", "It's Charlie, from the party conference".
        ("honeytrap", 0 | 1) => &["false-familiarity"],
        // "I watched your speech on …".
        ("honeytrap", 2) => &["personal-research"],
        // The bait.
        ("honeytrap", 3) => &["sexual-lure"],
        // "Or not".
        ("honeytrap", 4) => &["pressure"],
        // "Why are you ignoring me? … message me on Telegram".
        ("honeytrap", 5) => &["pressure", "channel-switch"],
        ("extortion", 0) => &["false-familiarity"],
        // "Congratulations on your appointment to the … committee".
        ("extortion", 1) => &["personal-research"],
        ("extortion", 2) => &["channel-switch"],
        // "Send me the numbers of a few other MPs or the pictures go out".
        ("extortion", 3) => &["elicitation", "threat"],
        // "The papers will get the lot … clock is ticking".
        ("extortion", 4) => &["threat", "pressure"],
        // "Hi Mum, this is my new number": a family member's identity, and a move to another
        // number (DESIGN.md's channel-switch).
        ("new-number", 0) => &["impersonation", "channel-switch"],
        ("new-number", 1) => &["payment"],
        // "It's urgent … Account …".
        ("new-number", 2) => &["pressure", "payment"],
        // A delivery company's name and a fee to pay.
        ("parcel-smishing", 0) => &["impersonation", "payment"],
        // The IT desk and a deadline, then a log-in link.
        ("fake-it", 0) => &["impersonation", "pressure"],
        ("fake-it", 1) => &["credential-lure"],
        // "Hi, is this Sam? Sorry, maybe wrong number".
        ("investment", 0) => &["wrong-number"],
        // "Nice to meet you anyway", then guaranteed returns.
        ("investment", 1) => &["payment"],
        _ => &[],
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(
        args.next()
            .expect("usage: labelled_set DIR [--development SEED]"),
    );
    // A development sample: fresh conversations from another seed, marked "test" so that
    // `lurewatch eval DIR` scores them, for rule work that must not look at the real test
    // split (seed 22). Never committed.
    let parts: Vec<(u64, &str, usize)> = match (args.next().as_deref(), args.next()) {
        (Some("--development"), Some(seed)) => {
            vec![(seed.parse().expect("a numeric seed"), "test", 400)]
        }
        _ => vec![(21, "train", 400), (22, "test", 600)],
    };
    std::fs::create_dir_all(&dir).expect("output folder");
    let formats = [
        (Format::Whatsapp, "txt"),
        (Format::Telegram, "json"),
        (Format::SmsXml, "xml"),
        (Format::Signal, "txt"),
        (Format::Eml, "eml"),
    ];
    let mut labels = Vec::new();
    for (seed, split, count) in parts {
        for (i, report) in generate(seed, count, 50).iter().enumerate() {
            let (format, extension) = formats[i % formats.len()];
            let Some(text) = render(&report.conversation, format) else {
                continue;
            };
            let name = format!("{split}-{i:04}-{}.{extension}", report.playbook);
            std::fs::write(dir.join(&name), text).expect("writable folder");
            let stranger = report
                .conversation
                .participants
                .iter()
                .any(|p| !matches!(p.identity, SenderIdentity::SavedContact));
            let mut ids: Vec<&str> = Vec::new();
            if stranger {
                ids.push("unknown-sender");
            }
            for step in &report.steps {
                for tactic in step_tactics(report.playbook, *step) {
                    if !ids.contains(tactic) {
                        ids.push(tactic);
                    }
                }
            }
            labels.push(serde_json::json!({
                "file": name,
                "malicious": report.actor.is_some(),
                "tactics": ids,
                "split": split,
            }));
        }
    }
    std::fs::write(
        dir.join("labels.json"),
        serde_json::to_string_pretty(&labels).expect("JSON") + "\n",
    )
    .expect("writable labels");
    println!(
        "{} labelled conversations written to {}",
        labels.len(),
        dir.display()
    );
}
