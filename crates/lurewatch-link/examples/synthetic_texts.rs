//! Prints N messages from the synthetic generator (seed 7), one per line, for side-by-side
//! benchmarks: `cargo run --release -p lurewatch-link --example synthetic_texts -- 50000`.

#![allow(clippy::unwrap_used)]

use lurewatch_core::MessageKind;
use lurewatch_link::synthetic::generate;

fn main() {
    let wanted: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50_000);
    let mut printed = 0;
    let mut seed = 7;
    while printed < wanted {
        for report in generate(seed, 10_000, 60) {
            for m in report
                .conversation
                .messages
                .iter()
                .filter(|m| m.kind == MessageKind::Normal && !m.text.is_empty())
            {
                if printed < wanted {
                    println!("{}", m.text.replace('\n', " "));
                    printed += 1;
                }
            }
        }
        seed += 1;
    }
}
