//! Throughput of the whole per-message path with the classifier. By default each line of a
//! file is parsed as pasted text (one message from an unknown sender), then normalised,
//! matched against the rules, its indicators extracted and the trained model applied. With
//! `--chat`, the same lines become one Android WhatsApp export (two parties taking turns, in
//! chats of 200 messages), so the fixed cost per input is spread over a chat while every
//! message is still a novel real text, unlike the divan bench's twelve repeated lines.
//! Prints `messages seconds flagged` for `bench/classifier_vs_sklearn.sh`.
//! With `--dump`, prints every analysis (its `Debug` form) instead, untimed: a speed change
//! that is meant to change nothing is checked by comparing this output before and after.
//! `cargo run --release -p lurewatch-detect --example classify_rate -- [--chat] [--dump] LINES.txt`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;

use lurewatch_core::{ParseOptions, parse_bytes};
use lurewatch_detect::Detector;

/// Messages per generated chat in `--chat` mode: a long-running conversation, as reported.
const CHAT_LENGTH: usize = 200;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let chat = args.iter().any(|a| a == "--chat");
    let dump = args.iter().any(|a| a == "--dump");
    args.retain(|a| a != "--chat" && a != "--dump");
    let path = args
        .first()
        .expect("usage: classify_rate [--chat] LINES.txt");
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let inputs: Vec<String> = if chat {
        lines.chunks(CHAT_LENGTH).map(whatsapp_export).collect()
    } else {
        lines.iter().map(|l| (*l).to_string()).collect()
    };
    let detector = Detector::with_embedded_rules("GB")
        .expect("rules")
        .with_model(lurewatch_detect::classifier::embedded().expect("model"));
    let options = ParseOptions::default();
    if dump {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for input in &inputs {
            for c in parse_bytes("-", input.as_bytes(), &options).unwrap_or_default() {
                writeln!(out, "{:?}", detector.analyze(&c)).expect("stdout");
            }
        }
        return;
    }
    // Warm the regex caches as a long-running scan would have them.
    for input in inputs.iter().take(2000) {
        for c in parse_bytes("-", input.as_bytes(), &options).unwrap_or_default() {
            detector.analyze(&c);
        }
    }
    let start = std::time::Instant::now();
    let mut flagged = 0;
    let mut messages = 0;
    for input in &inputs {
        for c in parse_bytes("-", input.as_bytes(), &options).unwrap_or_default() {
            messages += c.messages.len();
            if detector.analyze(&c).classifier.is_some_and(|s| s.malicious) {
                flagged += 1;
            }
        }
    }
    println!("{messages} {:.3} {flagged}", start.elapsed().as_secs_f64());
}

/// One Android WhatsApp export of `lines`, an unknown number and the reporter taking turns.
fn whatsapp_export(lines: &[&str]) -> String {
    let mut export = String::new();
    for (i, line) in lines.iter().enumerate() {
        let who = if i % 2 == 0 {
            "+44 7700 900123"
        } else {
            "Sam Jones"
        };
        let (hour, minute) = ((i / 60) % 24, i % 60);
        export.push_str(&format!(
            "12/03/2024, {hour:02}:{minute:02} - {who}: {line}\n"
        ));
    }
    export
}
