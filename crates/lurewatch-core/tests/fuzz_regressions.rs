//! Replays every input in `tests/fuzz-regressions/`: each once crashed a parser (or is a
//! hand-made case of a known danger) and must now give a value or an error, never a panic.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use lurewatch_core::{ParseOptions, parse_input};

#[test]
fn replay_fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let _ = parse_input(&name, &bytes, &ParseOptions::default());
        replayed += 1;
    }
    assert!(replayed >= 3, "the hand-made cases are there");
}
