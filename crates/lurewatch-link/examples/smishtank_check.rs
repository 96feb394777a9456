//! Linking on real smishing: Smishtank's community submissions, checked against the dataset's
//! own Sender and FullyQualifiedDomain fields. Reports that share a sender or a domain in those
//! fields form the reference clusters; lurewatch links from the message text and the sender
//! alone (OCR'd text, so links are often damaged) and is scored with B-cubed against them.
//!
//! `python3 bench/smishtank_rows.py ../shared/data/smishtank/smishtank.csv > rows.jsonl`
//! `cargo run --release -p lurewatch-link --example smishtank_check -- rows.jsonl`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::HashMap;

use lurewatch_core::{Conversation, Format, Message, SenderIdentity};
use lurewatch_detect::Detector;
use lurewatch_link::{LinkParams, Linker, UnionFind, bcubed, signature};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: smishtank_check rows.jsonl");
    let rows: Vec<serde_json::Value> = std::fs::read_to_string(path)
        .expect("readable rows")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let detector = Detector::standard("US").expect("rules");
    let mut linker = Linker::new(LinkParams::default());
    let mut reference = UnionFind::default();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut edges_seen = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let sender = row["sender"].as_str().unwrap_or("");
        let text = row["text"].as_str().unwrap_or("");
        let mut c = Conversation::new(Format::Text);
        let identity = if sender.contains('@') {
            SenderIdentity::Email(sender.to_lowercase())
        } else if sender.chars().filter(char::is_ascii_digit).count() >= 5 {
            SenderIdentity::RawNumber(sender.to_owned())
        } else {
            SenderIdentity::Unknown
        };
        let who = c.participant_id(
            if sender.is_empty() {
                "unknown sender"
            } else {
                sender
            },
            || identity,
        );
        c.messages.push(Message::normal(Some(who), text, 1));
        let analysis = detector.analyze(&c);
        let (_, edges) = linker.add(signature(&c, &analysis.indicators, analysis.verdict));
        edges_seen.extend(edges.into_iter().map(|e| (i, e)));
        // Reference: the dataset's own sender and domain fields.
        let index = reference.push();
        let sender_key = sender
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase();
        let keys = [
            (!sender_key.is_empty()).then(|| format!("sender:{sender_key}")),
            row["fqdn"]
                .as_str()
                .filter(|d| !d.is_empty())
                .map(|d| format!("domain:{d}")),
        ];
        for key in keys.into_iter().flatten() {
            match by_key.get(&key) {
                Some(&other) => {
                    reference.union(index, other);
                }
                None => {
                    by_key.insert(key, index);
                }
            }
        }
    }
    let ours: Vec<usize> = (0..rows.len()).map(|i| linker.campaign(i)).collect();
    let truth: Vec<usize> = (0..rows.len()).map(|i| reference.find(i)).collect();
    let linked = |v: &[usize]| {
        let mut sizes: HashMap<usize, usize> = HashMap::new();
        for c in v {
            *sizes.entry(*c).or_default() += 1;
        }
        v.iter().filter(|c| sizes[c] > 1).count()
    };
    let score = bcubed(&ours, &truth);
    // Why lurewatch joined reports the reference keeps apart.
    let mut beyond: HashMap<String, usize> = HashMap::new();
    for (i, edge) in &edges_seen {
        if truth[*i] != truth[usize::try_from(edge.other).unwrap()] {
            for reason in &edge.reasons {
                let kind = if reason.starts_with("wording") {
                    "wording".to_owned()
                } else {
                    reason.clone()
                };
                *beyond.entry(kind).or_default() += 1;
            }
        }
    }
    let mut beyond: Vec<_> = beyond.into_iter().collect();
    beyond.sort_by_key(|b| std::cmp::Reverse(b.1));
    println!("rows: {}", rows.len());
    println!(
        "reports in a multi-report cluster: lurewatch {}, reference (same Sender or FullyQualifiedDomain) {}",
        linked(&ours),
        linked(&truth)
    );
    println!(
        "B-cubed against the reference: precision {:.4} recall {:.4} F1 {:.4}",
        score.precision, score.recall, score.f1
    );
    println!(
        "links beyond the reference, by reason: {:?}",
        beyond.iter().take(12).collect::<Vec<_>>()
    );
}
