//! The WhatsApp export variants collected from other open-source parsers, in
//! `../shared/data/chat-export-fixtures`. Skipped, loudly, where that folder is absent.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use lurewatch_core::{Conversation, MessageKind, ParseOptions, parse_bytes};

fn fixtures() -> Option<PathBuf> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/chat-export-fixtures");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is absent; these tests need ../shared/data",
            dir.display()
        );
        None
    }
}

fn parse_file(path: &Path) -> Conversation {
    let bytes = std::fs::read(path).unwrap();
    parse_bytes(&path.to_string_lossy(), &bytes, &ParseOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn normal(c: &Conversation) -> Vec<(String, String, String)> {
    c.messages
        .iter()
        .filter(|m| m.kind == MessageKind::Normal)
        .map(|m| {
            let who = c
                .sender_of(m)
                .map(|p| p.display.clone())
                .unwrap_or_default();
            (
                m.time.map(|t| t.to_string()).unwrap_or_default(),
                who,
                m.text.replace('\n', " "),
            )
        })
        .collect()
}

/// chat-miner writes the same 11 lines in five locales; all must agree with its target.json.
#[test]
fn chat_miner_locales_match_the_expected_parse() {
    let Some(dir) = fixtures() else { return };
    let target: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("whatsapp/chat-miner/target.json")).unwrap(),
    )
    .unwrap();
    let mut expected: Vec<(String, String, String)> = target
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["timestamp"].as_str().unwrap().to_owned(),
                m["author"].as_str().unwrap().to_owned(),
                m["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    expected.sort();
    for name in [
        "test_ddmmyy_24hrs.txt",
        "test_mmddyy_24hrs.txt",
        "test_[mmddyy]_24hrs.txt",
        "test_yyyymmdd_24hrs.txt",
        "test_mmddyyyy_12hrs.txt",
    ] {
        let c = parse_file(&dir.join("whatsapp/chat-miner").join(name));
        let mut got: Vec<_> = normal(&c)
            .into_iter()
            .filter(|(_, _, text)| text != ".")
            .collect();
        got.sort();
        // target.json keeps only messages with text; the system lines must not be senders.
        assert_eq!(got, expected, "{name}");
        assert!(
            c.messages
                .iter()
                .any(|m| m.kind == MessageKind::System && m.text.contains("created group")),
            "{name}"
        );
    }
}

#[test]
fn every_whatsapp_fixture_parses_with_timestamps() {
    let Some(dir) = fixtures() else { return };
    let cases: &[(&str, usize)] = &[
        ("whatstk/lorem.txt", 0),
        ("whatstk/lorem-2000.txt", 0),
        ("whatstk/lorem-merge-part1.txt", 0),
        ("whatstk/lorem-merge-part2.txt", 0),
        ("whatstk/pokemon.txt", 0),
        ("chat-analytics/2A_5M.txt", 1),
        // The group-creation line really is stamped before the encryption notice above it.
        ("chat-analytics/4A_11M.txt", 1),
        ("chat-analytics/4A_11M.zip", 1),
        ("bubbly/WhatsApp Chat with TestUser.head300.txt", 0),
    ];
    for (name, out_of_order) in cases {
        let c = parse_file(&dir.join("whatsapp").join(name));
        assert!(
            c.messages.len() >= 5,
            "{name}: {} messages",
            c.messages.len()
        );
        assert!(
            c.messages.iter().all(|m| m.time.is_some()),
            "{name}: a message without time"
        );
        let reordered = c
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("earlier than"))
            .count();
        assert_eq!(reordered, *out_of_order, "{name}: {:?}", c.diagnostics);
    }
}

#[test]
fn media_markers_and_system_lines_in_fixtures() {
    let Some(dir) = fixtures() else { return };
    let c = parse_file(&dir.join("whatsapp/chat-analytics/2A_5M.txt"));
    assert_eq!(c.messages[3].attachments.len(), 1);
    let c = parse_file(&dir.join("whatsapp/bubbly/WhatsApp Chat with TestUser.head300.txt"));
    let first = &c.messages[0];
    assert_eq!(first.text, "Test message 1 from M.");
    assert_eq!(
        first.attachments[0].file_name.as_deref(),
        Some("video1.mp4")
    );
    let c = parse_file(&dir.join("whatsapp/whatstk/pokemon.txt"));
    assert_eq!(c.messages[0].kind, MessageKind::System);
    assert_eq!(c.messages[1].kind, MessageKind::System);
    assert_eq!(c.messages[2].text, "Hey guys!");
    let zip = parse_file(&dir.join("whatsapp/chat-analytics/4A_11M.zip"));
    let txt = parse_file(&dir.join("whatsapp/chat-analytics/4A_11M.txt"));
    assert_eq!(normal(&zip), normal(&txt));
}

/// whatstk's table of 96 header formats: each is rendered for dates that only one reading
/// explains, and must come back as the same moments.
#[test]
fn all_96_whatstk_header_formats() {
    let Some(dir) = fixtures() else { return };
    let table: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("whatsapp/whatstk/header_format_support.json")).unwrap(),
    )
    .unwrap();
    let formats: Vec<&str> = table
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["format"].as_str().unwrap())
        .collect();
    assert_eq!(formats.len(), 96);
    let moments = [
        (2021, 1, 5, 9, 7, 3),
        (2021, 3, 14, 13, 30, 59),
        (2022, 11, 28, 23, 59, 0),
    ];
    for format in formats {
        let mut text = String::new();
        for (i, &(y, mo, d, h, mi, s)) in moments.iter().enumerate() {
            let line = format
                .replace("%y", &format!("{:02}", y % 100))
                .replace("%m", &format!("{mo:02}"))
                .replace("%d", &format!("{d:02}"))
                .replace("%H", &format!("{h:02}"))
                .replace(
                    "%I",
                    &format!("{:02}", if h % 12 == 0 { 12 } else { h % 12 }),
                )
                .replace("%M", &format!("{mi:02}"))
                .replace("%S", &format!("{s:02}"))
                .replace("%p", if h < 12 { "AM" } else { "PM" })
                .replace("%name", "Alice");
            text.push_str(&format!("{line} message {i}\n"));
        }
        let c = parse_bytes("chat.txt", text.as_bytes(), &ParseOptions::default()).unwrap();
        let with_seconds = format.contains("%S");
        let got: Vec<String> = c
            .messages
            .iter()
            .map(|m| m.time.map(|t| t.to_string()).unwrap_or_default())
            .collect();
        let want: Vec<String> = moments
            .iter()
            .map(|&(y, mo, d, h, mi, s)| {
                format!(
                    "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{:02}",
                    if with_seconds { s } else { 0 }
                )
            })
            .collect();
        assert_eq!(got, want, "format {format}\n{text}");
        assert_eq!(c.messages[0].text, "message 0", "format {format}");
    }
}
