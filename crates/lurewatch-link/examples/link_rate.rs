//! Linking throughput on raw texts, one per line of a file: MinHash signature, LSH index and
//! union-find, as `bench/link_vs_datasketch.sh` compares with datasketch.
//!
//! `cargo run --release -p lurewatch-link --example link_rate -- TEXTS.txt`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use lurewatch_core::Signature;
use lurewatch_link::{LinkParams, Linker, MinHash};

fn main() {
    let path = std::env::args().nth(1).expect("usage: link_rate TEXTS.txt");
    let text = std::fs::read_to_string(path).expect("readable texts");
    let lines: Vec<&str> = text.lines().collect();
    let start = Instant::now();
    let mut linker = Linker::new(LinkParams {
        wording_min_chars: 0,
        ..LinkParams::default()
    });
    let mut linked = 0usize;
    for line in &lines {
        let minhash = MinHash::of(&line.to_lowercase());
        let signature = Signature {
            identifiers: Vec::new(),
            domains: Vec::new(),
            personas: Vec::new(),
            band_keys: minhash.as_ref().map(MinHash::band_keys).unwrap_or_default(),
            minhash: minhash.map(|m| m.0),
            text_chars: line.chars().count(),
            linkable: true,
            suspicious: true,
        };
        let (_, edges) = linker.add(signature);
        linked += usize::from(!edges.is_empty());
    }
    let seconds = start.elapsed().as_secs_f64();
    println!("{} {seconds:.3} {linked}", lines.len());
}
