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

/// The inputs a fuzz target built from its data, so a crash is replayed exactly as it was
/// found (keep in step with fuzz/fuzz_targets/).
fn framed(target: &str, data: &[u8]) -> Vec<Vec<u8>> {
    let text = String::from_utf8_lossy(data);
    match target {
        "zip_archive" => vec![[b"PK\x03\x04".as_slice(), data].concat()],
        "whatsapp_text" => {
            let mut export = String::from("12/12/2023, 21:14 - A: start\n");
            for line in text.lines() {
                export.push_str(line);
                export.push('\n');
            }
            vec![export.into_bytes()]
        }
        "telegram_json" => vec![format!("{{\"name\": \"x\", \"type\": \"personal_chat\", \"messages\": [{text}]}}").into_bytes()],
        "meta_discord_json" => vec![
            format!("{{\"participants\": [{{\"name\": \"a\"}}], \"messages\": [{text}], \"title\": \"a\"}}").into_bytes(),
            format!("{{\"guild\": {{\"name\": \"g\"}}, \"channel\": {{\"type\": \"DirectTextChat\", \"name\": \"a\"}}, \"messages\": [{text}]}}").into_bytes(),
        ],
        "sms_xml" => vec![format!("<?xml version='1.0' encoding='UTF-8'?><smses count=\"1\">{text}</smses>").into_bytes()],
        "email" => {
            let eml = [b"From: a@b.example\nTo: c@d.example\nSubject: s\n".as_slice(), data].concat();
            let mbox = [b"From a@b Tue Dec 12 21:14:05 2023\n".as_slice(), &eml].concat();
            vec![eml, mbox]
        }
        _ => vec![data.to_vec()],
    }
}

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
        let target = name
            .split_once("-crash")
            .or_else(|| name.split_once("-handmade"))
            .map_or("", |(t, _)| t);
        for input in framed(target, &bytes) {
            let _ = parse_input(&name, &input, &ParseOptions::default());
        }
        replayed += 1;
    }
    assert!(replayed >= 3, "the hand-made cases are there");
}
