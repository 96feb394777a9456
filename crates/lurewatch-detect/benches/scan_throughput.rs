//! Parse + detect throughput on a large generated WhatsApp export, the `scan` hot path.
//! Run with `cargo bench -p lurewatch-detect --bench scan_throughput`; divan reports time per
//! iteration and, through the item counter, messages per second. Results and method are in
//! docs/performance.md.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use divan::counter::{BytesCount, ItemsCount};
use lurewatch_core::{ParseOptions, parse_bytes};
use lurewatch_detect::Detector;

fn main() {
    divan::main();
}

/// Lines drawn from ordinary chat and from the honeytrap playbook, so rules both fire and
/// (mostly) screen out, as in real exports.
const LINES: &[(&str, &str)] = &[
    ("Sam Jones", "Running 5 minutes late, sorry!"),
    (
        "+44 7700 900123",
        "Long time no speak! Hope you get a break over Christmas x",
    ),
    ("Sam Jones", "Who is this?"),
    (
        "+44 7700 900123",
        "It's Charlie, we met at the party conference",
    ),
    (
        "Sam Jones",
        "Ah ok. Did you see the news about the vote today? Mad",
    ),
    (
        "+44 7700 900123",
        "Want to see something that might brighten your evening?",
    ),
    (
        "Sam Jones",
        "Let's catch up next week, I'm in committee all of Tuesday",
    ),
    ("+44 7700 900123", "Or not"),
    (
        "Sam Jones",
        "Can you grab milk on the way home? And bread please",
    ),
    (
        "+44 7700 900123",
        "Message me on Telegram t.me/charlie_h_x or call 07700 900417",
    ),
    (
        "Sam Jones",
        "Haha that's brilliant, see you at 8 at the usual place",
    ),
    (
        "+44 7700 900123",
        "Shame you're so busy... keep this between us x",
    ),
];

fn export(messages: usize) -> String {
    let mut text = String::with_capacity(messages * 80);
    for i in 0..messages {
        let (who, body) = LINES[i % LINES.len()];
        let day = 1 + (i / 2000) % 28;
        let month = 1 + (i / 56_000) % 12;
        let (hour, minute) = ((i / 60) % 24, i % 60);
        text.push_str(&format!(
            "{day:02}/{month:02}/2024, {hour:02}:{minute:02} - {who}: {body}\n"
        ));
    }
    text
}

/// Parses the export and analyses its conversation with `detector`, timed per iteration.
fn parse_and_analyze(bencher: divan::Bencher, messages: usize, detector: &Detector) {
    let text = export(messages);
    let options = ParseOptions::default();
    bencher
        .counter(ItemsCount::new(messages))
        .counter(BytesCount::new(text.len()))
        .bench(|| {
            let conversation = parse_bytes(
                "WhatsApp Chat with +44 7700 900123.txt",
                text.as_bytes(),
                &options,
            )
            .unwrap();
            detector.analyze(&conversation[0]).score
        });
}

/// The rules alone.
#[divan::bench(args = [10_000, 100_000])]
fn parse_and_detect(bencher: divan::Bencher, messages: usize) {
    parse_and_analyze(
        bencher,
        messages,
        &Detector::with_embedded_rules("GB").unwrap(),
    );
}

/// What `scan` runs: the rules and the trained classifier (its n-grams over the whole
/// conversation), on the same export.
#[divan::bench(args = [10_000, 100_000])]
fn parse_detect_and_classify(bencher: divan::Bencher, messages: usize) {
    parse_and_analyze(bencher, messages, &Detector::standard("GB").unwrap());
}

#[divan::bench(args = [100_000])]
fn parse_only(bencher: divan::Bencher, messages: usize) {
    let text = export(messages);
    let options = ParseOptions::default();
    bencher.counter(ItemsCount::new(messages)).bench(|| {
        parse_bytes(
            "WhatsApp Chat with +44 7700 900123.txt",
            text.as_bytes(),
            &options,
        )
        .unwrap()[0]
            .messages
            .len()
    });
}
