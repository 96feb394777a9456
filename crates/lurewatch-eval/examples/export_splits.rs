//! Writes labelled sets as JSON lines, one example each: `{"set", "split", "malicious",
//! "text"}`, where `text` is the other party's messages joined by newlines (what the
//! classifier reads) and `split` is the side lurewatch's own loaders give it. It lets a peer
//! pipeline (`bench/baselines.sh`) train and test on exactly the splits lurewatch uses.
//! `cargo run --release -p lurewatch-eval --example export_splits -- DATA_DIR SET… > out.jsonl`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::Path;

use lurewatch_core::MessageKind;
use lurewatch_eval::Split;
use lurewatch_eval::datasets::load_public;

fn main() {
    let mut args = std::env::args().skip(1);
    let data = args.next().expect("usage: export_splits DATA_DIR SET…");
    let mut out = std::io::stdout().lock();
    for set in args {
        let examples = load_public(&set, Path::new(&data)).unwrap_or_else(|e| panic!("{e}"));
        for e in &examples {
            let c = &e.conversation;
            let text: Vec<&str> = c
                .messages
                .iter()
                .filter(|m| m.kind == MessageKind::Normal && c.is_external(m))
                .map(|m| m.text.as_str())
                .collect();
            let line = serde_json::json!({
                "set": set,
                "split": if e.split == Split::Test { "test" } else { "train" },
                "malicious": e.malicious,
                "text": text.join("\n"),
            });
            writeln!(out, "{line}").expect("stdout");
        }
    }
}
