//! The same conversation gets the same verdict and tactics whichever app it came from: a few
//! scripted conversations are rendered into every supported export format, parsed back and
//! analysed, and must agree with the WhatsApp rendering message for message.
//!
//! The stranger is shown the way each app shows someone who is not a saved contact: a raw
//! number where the app knows numbers, a self-chosen name or address where it does not.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use lurewatch_core::{Format, ParseOptions, parse_bytes};
use lurewatch_detect::Detector;
use serde_json::json;

#[derive(Clone, Copy, PartialEq)]
enum Who {
    Stranger,
    Reporter,
}
use Who::{Reporter, Stranger};

const NUMBER: &str = "+44 7700 900123";
const HANDLE: &str = "charlie.h";
const ME: &str = "Sam Jones";

fn scripts() -> Vec<(&'static str, Vec<(Who, &'static str)>)> {
    vec![
        (
            "honeytrap",
            vec![
                (
                    Stranger,
                    "Long time no speak! Hope you get a break over Christmas x",
                ),
                (Stranger, "It's Charlie, from the party conference"),
                (Reporter, "Sorry, who is this?"),
                (
                    Stranger,
                    "I watched your speech in the housing debate, so impressive",
                ),
                (
                    Stranger,
                    "Want to see something that might brighten your evening?",
                ),
                (Stranger, "Or not"),
                (
                    Stranger,
                    "Message me on Telegram instead, keep this between us x",
                ),
            ],
        ),
        (
            "extortion",
            vec![
                (
                    Stranger,
                    "Hi! Abi here, we met at the reception. Long time no speak!",
                ),
                (Reporter, "Hi, which reception?"),
                (
                    Stranger,
                    "Send me the numbers of a few other MPs or the pictures go out",
                ),
                (Stranger, "You have 24 hours"),
            ],
        ),
        (
            "ordinary",
            vec![
                (
                    Stranger,
                    "Hello, are you free for a call about the committee report on Tuesday?",
                ),
                (Reporter, "Yes, 3pm works"),
                (Stranger, "Great, speak then"),
            ],
        ),
        (
            "smishing",
            vec![(
                Stranger,
                "Your parcel is held: pay the delivery fee within 24 hours at royalmail-redelivery.info",
            )],
        ),
    ]
}

fn minute(i: usize) -> (u32, u32) {
    (21 + (i / 60) as u32, (i % 60) as u32)
}

fn whatsapp_android(script: &[(Who, &str)]) -> String {
    script
        .iter()
        .enumerate()
        .map(|(i, (who, text))| {
            let (h, m) = minute(i);
            format!(
                "12/12/2023, {h:02}:{m:02} - {}: {text}\n",
                if *who == Stranger { NUMBER } else { ME }
            )
        })
        .collect()
}

fn whatsapp_ios(script: &[(Who, &str)]) -> String {
    script
        .iter()
        .enumerate()
        .map(|(i, (who, text))| {
            let (h, m) = minute(i);
            format!(
                "[12/12/2023, {h:02}:{m:02}:00] {}: {text}\n",
                if *who == Stranger { NUMBER } else { ME }
            )
        })
        .collect()
}

fn signal(script: &[(Who, &str)]) -> String {
    script
        .iter()
        .enumerate()
        .map(|(i, (who, text))| {
            let (h, m) = minute(i);
            format!(
                "[2023-12-12, {h:02}:{m:02}] {}: {text}\n",
                if *who == Stranger { NUMBER } else { ME }
            )
        })
        .collect()
}

fn telegram(script: &[(Who, &str)]) -> String {
    let messages: Vec<_> = script
        .iter()
        .enumerate()
        .map(|(i, (who, text))| {
            let (h, m) = minute(i);
            let (from, id) = if *who == Stranger { (NUMBER, "user1") } else { (ME, "user2") };
            json!({"id": i + 1, "type": "message", "date": format!("2023-12-12T{h:02}:{m:02}:00"), "from": from, "from_id": id, "text": text})
        })
        .collect();
    serde_json::to_string_pretty(
        &json!({"name": NUMBER, "type": "personal_chat", "id": 1, "messages": messages}),
    )
    .unwrap()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&apos;")
}

fn sms_xml(script: &[(Who, &str)]) -> String {
    let mut xml = format!(
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"{}\">\n",
        script.len()
    );
    for (i, (who, text)) in script.iter().enumerate() {
        let kind = if *who == Stranger { 1 } else { 2 };
        let millis = 1_702_415_640_000_u64 + i as u64 * 60_000;
        xml.push_str(&format!(
            "  <sms protocol=\"0\" address=\"+447700900123\" date=\"{millis}\" type=\"{kind}\" body=\"{}\" read=\"1\" status=\"-1\" contact_name=\"(Unknown)\" />\n",
            xml_escape(text)
        ));
    }
    xml + "</smses>\n"
}

fn meta(script: &[(Who, &str)], instagram: bool) -> String {
    let mut messages: Vec<_> = script
        .iter()
        .enumerate()
        .map(|(i, (who, text))| {
            let mut m = json!({"sender_name": if *who == Stranger { HANDLE } else { ME }, "timestamp_ms": 1_702_415_640_000_u64 + i as u64 * 60_000, "content": text});
            if instagram {
                m["is_geoblocked_for_viewer"] = json!(false);
            }
            m
        })
        .collect();
    // Meta writes newest first.
    messages.reverse();
    serde_json::to_string(&json!({"participants": [{"name": HANDLE}, {"name": ME}], "messages": messages, "title": HANDLE, "thread_path": "inbox/charlieh_1"})).unwrap()
}

fn discord(script: &[(Who, &str)]) -> String {
    let messages: Vec<_> = script
        .iter()
        .enumerate()
        .map(|(i, (who, text))| {
            let (h, m) = minute(i);
            let name = if *who == Stranger { HANDLE } else { ME };
            json!({"id": i.to_string(), "type": "Default", "timestamp": format!("2023-12-12T{h:02}:{m:02}:00+00:00"), "content": text,
                   "author": {"id": name, "name": name, "discriminator": "0000", "nickname": name, "isBot": false}, "attachments": []})
        })
        .collect();
    serde_json::to_string(&json!({"guild": {"id": "0", "name": "Direct Messages"}, "channel": {"id": "1", "type": "DirectTextChat", "name": HANDLE}, "messages": messages})).unwrap()
}

fn mbox(script: &[(Who, &str)]) -> String {
    let mut out = String::new();
    for (i, (who, text)) in script.iter().enumerate() {
        let (from, to) = if *who == Stranger {
            ("charlie@example.net", "sam.jones@parliament.example")
        } else {
            ("sam.jones@parliament.example", "charlie@example.net")
        };
        let (h, m) = minute(i);
        let references = if i == 0 {
            String::new()
        } else {
            "References: <m0@example.net>\n".to_owned()
        };
        out.push_str(&format!(
            "From {from} Tue Dec 12 {h:02}:{m:02}:00 2023\nFrom: {from}\nTo: {to}\nDate: Tue, 12 Dec 2023 {h:02}:{m:02}:00 +0000\nMessage-ID: <m{i}@example.net>\n{references}\n{text}\n\n"
        ));
    }
    out
}

fn eml(script: &[(Who, &str)]) -> Option<String> {
    let [(Stranger, text)] = script else {
        return None;
    };
    Some(format!(
        "From: charlie@example.net\nTo: sam.jones@parliament.example\nDate: Tue, 12 Dec 2023 21:00:00 +0000\nMessage-ID: <m0@example.net>\n\n{text}\n"
    ))
}

fn text(script: &[(Who, &str)]) -> String {
    script
        .iter()
        .map(|(who, text)| format!("{}: {text}\n", if *who == Stranger { NUMBER } else { "Me" }))
        .collect()
}

type Outcome = (String, Vec<(String, usize)>);

fn analyse(detector: &Detector, rendered: &str, expected: Format) -> Outcome {
    let conversations = parse_bytes("rendered", rendered.as_bytes(), &ParseOptions::default())
        .unwrap_or_else(|e| panic!("{expected:?}: {e}\n{rendered}"));
    assert_eq!(conversations.len(), 1, "{expected:?}");
    let c = &conversations[0];
    assert_eq!(c.format, expected, "{rendered}");
    let a = detector.analyze(c);
    let mut tactics: Vec<(String, usize)> = a
        .findings
        .iter()
        .map(|f| (f.tactic.id().to_owned(), f.message))
        .collect();
    tactics.sort();
    (a.verdict.id().to_owned(), tactics)
}

#[test]
fn every_format_gives_the_same_verdict_and_tactics() {
    let detector = Detector::with_embedded_rules("GB").unwrap();
    let mut formats_seen = std::collections::HashSet::new();
    for (name, script) in scripts() {
        let reference = analyse(&detector, &whatsapp_android(&script), Format::Whatsapp);
        let mut renderings: Vec<(Format, String)> = vec![
            (Format::Whatsapp, whatsapp_ios(&script)),
            (Format::Signal, signal(&script)),
            (Format::Telegram, telegram(&script)),
            (Format::SmsXml, sms_xml(&script)),
            (Format::Instagram, meta(&script, true)),
            (Format::Messenger, meta(&script, false)),
            (Format::Discord, discord(&script)),
            (Format::Mbox, mbox(&script)),
            (Format::Text, text(&script)),
        ];
        if let Some(eml) = eml(&script) {
            renderings.push((Format::Eml, eml));
        }
        for (format, rendered) in renderings {
            formats_seen.insert(format.id());
            assert_eq!(
                analyse(&detector, &rendered, format),
                reference,
                "script '{name}' as {format:?}"
            );
        }
        if name == "honeytrap" || name == "extortion" {
            assert_eq!(reference.0, "high", "{name}");
        }
        if name == "ordinary" {
            assert!(
                ["none", "low"].contains(&reference.0.as_str()),
                "{name}: {reference:?}"
            );
        }
    }
    assert_eq!(
        formats_seen.len(),
        Format::ALL.len(),
        "every format is rendered"
    );
}
