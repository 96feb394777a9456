//! Writes synthetic reports as WhatsApp export files, for import benchmarks, plus a
//! `DIR.labels.tsv` with each file's true campaign for scoring the stored campaigns:
//! `cargo run --release -p lurewatch-link --example synthetic_exports -- DIR REPORTS [SEED]`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use lurewatch_core::Format;
use lurewatch_core::render::render;
use lurewatch_link::synthetic::generate;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(
        args.next()
            .expect("usage: synthetic_exports DIR REPORTS [SEED]"),
    );
    let reports: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(11);
    std::fs::create_dir_all(&dir).expect("output folder");
    let mut messages = 0;
    let mut labels = String::new();
    for (i, report) in generate(seed, reports, 60).iter().enumerate() {
        let text = render(&report.conversation, Format::Whatsapp)
            .expect("WhatsApp holds any conversation");
        messages += report.conversation.messages.len();
        let name = format!("report-{i:06}.txt");
        let label = report
            .actor
            .map_or_else(|| format!("benign-{i}"), |a| format!("actor-{a}"));
        labels.push_str(&format!("{name}\t{label}\n"));
        std::fs::write(dir.join(name), text).expect("writable folder");
    }
    let labels_path = format!("{}.labels.tsv", dir.display());
    std::fs::write(&labels_path, labels).expect("writable labels");
    println!(
        "{reports} reports, {messages} messages written to {}",
        dir.display()
    );
}
