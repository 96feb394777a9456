//! Writes the project's own labelled set (the labelled-folder format of `lurewatch eval`):
//! synthetic conversations from the generator's playbooks (honeytrap escalation with a
//! view-once bait, extortion for colleagues' numbers, "new number" family scams, parcel
//! smishing, fake IT support, investment) and its hard benign look-alikes (old friends
//! reconnecting, partners flirting, colleagues asking for a number, strangers with ordinary
//! requests), rendered in rotating export formats, with `labels.json`.
//!
//! `cargo run --release -p lurewatch-link --example labelled_set -- DIR`
//! Training conversations come from seed 21, test ones from seed 22: different actors,
//! numbers, personas and paraphrase choices (the playbooks themselves are shared, which is
//! what a synthetic set can offer; docs/accuracy.md says so).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use lurewatch_core::render::render;
use lurewatch_core::{Format, SenderIdentity};
use lurewatch_link::synthetic::generate;

/// The tactics each playbook's steps carry (a step is dropped now and then, so a report can
/// lack one: the labels are the script's, as an analyst would write them from the playbook).
fn tactics(playbook: &str) -> &'static [&'static str] {
    match playbook {
        // Reconnecting, citing a speech, the bait, "Or not", a move to Telegram.
        "honeytrap" => &[
            "unknown-sender",
            "false-familiarity",
            "personal-research",
            "sexual-lure",
            "pressure",
            "channel-switch",
        ],
        // Reconnecting, the committee job, another number, colleagues' numbers or the
        // pictures go out, a deadline.
        "extortion" => &[
            "unknown-sender",
            "false-familiarity",
            "personal-research",
            "channel-switch",
            "elicitation",
            "threat",
            "pressure",
        ],
        "new-number" => &["unknown-sender", "impersonation", "payment", "pressure"],
        // A delivery company's name and a fee to pay.
        "parcel-smishing" => &["unknown-sender", "impersonation", "payment"],
        // The IT desk, a deadline, a log-in link.
        "fake-it" => &[
            "unknown-sender",
            "impersonation",
            "pressure",
            "credential-lure",
        ],
        "investment" => &["unknown-sender", "payment"],
        _ => &[],
    }
}

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: labelled_set DIR"));
    std::fs::create_dir_all(&dir).expect("output folder");
    let formats = [
        (Format::Whatsapp, "txt"),
        (Format::Telegram, "json"),
        (Format::SmsXml, "xml"),
        (Format::Signal, "txt"),
        (Format::Eml, "eml"),
    ];
    let mut labels = Vec::new();
    for (seed, split, count) in [(21u64, "train", 400usize), (22, "test", 300)] {
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
            let mut ids: Vec<&str> = tactics(report.playbook).to_vec();
            if report.actor.is_none() && stranger {
                ids.push("unknown-sender");
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
