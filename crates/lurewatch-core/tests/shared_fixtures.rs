//! The WhatsApp export variants collected from other open-source parsers, in
//! `../shared/data/chat-export-fixtures`. Skipped, loudly, where that folder is absent.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};

use lurewatch_core::{Conversation, MessageKind, ParseOptions, parse_bytes};

fn fixtures() -> Option<PathBuf> {
    common::shared_data("chat-export-fixtures")
}

fn parse_file(path: &Path) -> Conversation {
    let bytes = std::fs::read(path).unwrap();
    parse_bytes(&path.to_string_lossy(), &bytes, &ParseOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .remove(0)
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
        let c = parse_bytes("chat.txt", text.as_bytes(), &ParseOptions::default())
            .unwrap()
            .remove(0);
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

fn parse_all(path: &Path) -> Vec<Conversation> {
    let bytes = std::fs::read(path).unwrap();
    parse_bytes(&path.to_string_lossy(), &bytes, &ParseOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every other channel's fixtures parse to the format, messages and senders they hold.
#[test]
fn other_channels_parse_with_expected_counts() {
    use lurewatch_core::Format;
    let Some(dir) = fixtures() else { return };
    let cases: &[(&str, Format, usize, usize)] = &[
        // (file, format, conversations, normal messages in the first)
        // Seven entries: six messages and a phone call, which is a service line.
        (
            "telegram/chat-analytics/DM_2A_7M.json",
            Format::Telegram,
            1,
            6,
        ),
        (
            "telegram/chat-analytics/BIG_20A_5475M.json",
            Format::Telegram,
            1,
            5475,
        ),
        (
            "telegram/chat-miner/test_single_export.json",
            Format::Telegram,
            1,
            2,
        ),
        (
            "telegram/chat-miner/test_batch_export.json",
            Format::Telegram,
            1,
            2,
        ),
        (
            "telegram/bubbly/result.head50.json",
            Format::Telegram,
            1,
            50,
        ),
        ("signal/chat-miner/test_export.txt", Format::Signal, 1, 2),
        (
            "instagram/chat-miner/test_export.json",
            Format::Instagram,
            1,
            2,
        ),
        (
            "messenger/chat-analytics/2A_7M.json",
            Format::Messenger,
            1,
            7,
        ),
        (
            "discord/chat-analytics/DM_2A_2M.json",
            Format::Discord,
            1,
            2,
        ),
        // Six entries: three messages, two channel changes and a call.
        (
            "discord/chat-analytics/GC_3A_5M.json",
            Format::Discord,
            1,
            3,
        ),
        (
            "discord/chat-analytics/SV_5A_5M.json",
            Format::Discord,
            1,
            5,
        ),
    ];
    for (name, format, conversations, messages) in cases {
        let cs = parse_all(&dir.join(name));
        assert_eq!(cs.len(), *conversations, "{name}");
        assert_eq!(cs[0].format, *format, "{name}");
        assert_eq!(normal(&cs[0]).len(), *messages, "{name}");
        assert!(
            cs[0].messages.iter().all(|m| m.time.is_some()),
            "{name}: a message without time"
        );
    }
}

/// chat-miner's expected parses for its Telegram, Signal and Instagram samples.
#[test]
fn chat_miner_targets_for_other_channels() {
    let Some(dir) = fixtures() else { return };
    for (sample, target) in [
        (
            "telegram/chat-miner/test_single_export.json",
            "telegram/chat-miner/target.json",
        ),
        (
            "signal/chat-miner/test_export.txt",
            "signal/chat-miner/target.json",
        ),
        (
            "instagram/chat-miner/test_export.json",
            "instagram/chat-miner/target.json",
        ),
    ] {
        let target: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(target)).unwrap()).unwrap();
        let mut want: Vec<(String, String)> = target
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["author"].as_str().unwrap().to_owned(),
                    m["message"].as_str().unwrap().replace('\n', " "),
                )
            })
            .collect();
        let mut got: Vec<(String, String)> = normal(&parse_all(&dir.join(sample))[0])
            .into_iter()
            .map(|(_, who, text)| (who, text))
            .collect();
        // chat-miner puts a space between Telegram's text entities; the export itself does not.
        let squash = |v: &mut Vec<(String, String)>| {
            for (_, text) in v.iter_mut() {
                text.retain(|c| !c.is_whitespace());
            }
            v.sort();
        };
        squash(&mut want);
        squash(&mut got);
        assert_eq!(got, want, "{sample}");
    }
}

#[test]
fn telegram_text_entities_keep_links_and_reporter_is_found() {
    let Some(dir) = fixtures() else { return };
    let c = &parse_all(&dir.join("telegram/chat-analytics/DM_2A_7M.json"))[0];
    assert!(
        c.messages
            .iter()
            .any(|m| m.text.contains("https://google.com"))
    );
    let reporter = c
        .reporter
        .and_then(|r| c.participant(r))
        .map(|p| p.display.as_str());
    assert_eq!(
        reporter,
        Some("Alice"),
        "a personal chat is named after the other party"
    );
    assert!(c.messages.iter().any(|m| m.kind == MessageKind::System));
}
