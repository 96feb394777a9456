//! Hostile input: no parser may panic on any bytes. Inputs are biased towards what parsers
//! find hard (header-like lines, zip magic, BOMs, markers, invisible characters).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use lurewatch_core::{ParseOptions, parse_bytes, plain_text, whatsapp};
use proptest::prelude::*;

fn export_like_line() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        Just("12/12/2023, 21:14 - ".to_owned()),
        Just("[12/12/2023, 21:14:05] ".to_owned()),
        Just("\u{200E}[1/2/24, 9:05\u{202F}PM] ".to_owned()),
        Just("99/99/99, 99:99 - ".to_owned()),
        Just("2023-13-45, 25:61 - ".to_owned()),
        "[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{1,4}, [0-9]{1,2}:[0-9]{2}( [aApP]\\. ?[mM]\\.)? - ",
        Just(String::new()),
    ];
    let body = prop_oneof![
        Just("~\u{202F}Abi: <attached: 0001-PHOTO.jpg>".to_owned()),
        Just("+44 7700 900123: <Media omitted>".to_owned()),
        Just("A: IMG-1.jpg (file attached)".to_owned()),
        Just("Alice changed the subject to \"a: b\"".to_owned()),
        Just("B: This message was deleted".to_owned()),
        Just("C: x <This message was edited>".to_owned()),
        ".{0,60}",
    ];
    (header, body).prop_map(|(h, b)| format!("{h}{b}"))
}

/// JSON in the shapes of the exporters we read, with random values and damage.
fn export_like_json() -> impl Strategy<Value = String> {
    let scalar = prop_oneof![
        Just("null".to_owned()),
        Just("19".to_owned()),
        Just("[]".to_owned()),
        Just("{}".to_owned()),
        "\"[^\"\\\\]{0,20}\"",
        Just("\"\\u00e2\\u0080\\u0099\"".to_owned()),
        Just("[\"a\", {\"type\": \"link\", \"text\": \"x.example\", \"href\": 3}]".to_owned()),
    ];
    let field = (
        prop_oneof![
            Just("type"),
            Just("from"),
            Just("from_id"),
            Just("text"),
            Just("date"),
            Just("date_unixtime"),
            Just("sender_name"),
            Just("timestamp_ms"),
            Just("content"),
            Just("author"),
            Just("timestamp"),
            Just("photo"),
        ],
        scalar,
    )
        .prop_map(|(k, v)| format!("\"{k}\": {v}"));
    let message =
        proptest::collection::vec(field, 0..6).prop_map(|fs| format!("{{{}}}", fs.join(", ")));
    let shape = prop_oneof![
        Just((
            "{\"name\": \"x\", \"type\": \"personal_chat\", \"messages\": [",
            "]}"
        )),
        Just(("{\"chats\": {\"list\": [{\"messages\": [", "]}]}}")),
        Just((
            "{\"participants\": [{\"name\": \"a\"}], \"messages\": [",
            "]}"
        )),
        Just((
            "{\"guild\": {}, \"channel\": {\"type\": \"DirectTextChat\"}, \"messages\": [",
            "]}"
        )),
    ];
    (shape, proptest::collection::vec(message, 0..5), 0usize..200).prop_map(
        |((open, close), ms, cut)| {
            let whole = format!("{open}{}{close}", ms.join(", "));
            // Sometimes truncated: exports get cut off in transfer.
            let end = if cut < 150 {
                whole.len()
            } else {
                whole.len().saturating_sub(cut - 150)
            };
            whole.get(..end).unwrap_or(&whole).to_owned()
        },
    )
}

/// SMS backup XML with random attributes, entities and nesting.
fn export_like_xml() -> impl Strategy<Value = String> {
    let attr = prop_oneof![
        "address=\"[+0-9 ]{0,14}\"",
        "date=\"[0-9]{0,14}\"",
        "type=\"[0-9]\"",
        "body=\"([a-z ]|&amp;|&#5535[0-9];|&#x[0-9A-F]{1,6};|&lt;|&bogus;){0,12}\"",
        "contact_name=\"(\\(Unknown\\)|[A-Za-z ]{0,8})\"",
        "ct=\"(text/plain|image/jpeg|application/smil)\"",
        "data=\"[A-Za-z0-9+/=]{0,16}\"",
        "text=\"[a-z ]{0,10}\"",
    ];
    let element = (
        prop_oneof![
            Just("sms"),
            Just("mms"),
            Just("part"),
            Just("parts"),
            Just("addr")
        ],
        proptest::collection::vec(attr, 0..5),
        any::<bool>(),
    )
        .prop_map(|(name, attrs, empty)| {
            if empty {
                format!("<{name} {} />", attrs.join(" "))
            } else {
                format!("<{name} {}>", attrs.join(" "))
            }
        });
    proptest::collection::vec(element, 0..12)
        .prop_map(|es| format!("<?xml version='1.0'?><smses>{}</smses>", es.join("")))
}

/// E-mail and mailbox text with random headers and bodies.
fn email_like() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        "From: [a-z]{0,6}@[a-z]{0,6}\\.example",
        "To: [a-z]{0,6}@x\\.example",
        "Reply-To: [a-z@.]{0,12}",
        "Subject: (Re: )?[A-Za-z ]{0,12}",
        "Date: [A-Za-z0-9 ,:+]{0,30}",
        "Message-ID: <[a-z0-9@.]{0,10}>",
        "References: <[a-z0-9@.]{0,10}>",
        "Content-Type: (text/html|multipart/mixed; boundary=\"b\"|text/plain; charset=[a-z0-9-]{0,8})",
        "Content-Transfer-Encoding: (base64|quoted-printable|8bit)",
    ];
    (any::<bool>(), proptest::collection::vec(header, 0..8), ".{0,80}")
        .prop_map(|(mbox, headers, body)| {
            let mail = format!("{}\n\n{body}\n", headers.join("\n"));
            if mbox { format!("From x@y Tue Dec 12 21:14:05 2023\n{mail}\nFrom z@y Tue Dec 12 21:15:05 2023\n{mail}") } else { mail }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_bytes("x", &bytes, &ParseOptions::default());
    }

    #[test]
    fn arbitrary_bytes_behind_magic(prefix in prop_oneof![Just(&b"PK\x03\x04"[..]), Just(&b"PK\x05\x06"[..]), Just(&b"\xFF\xFE"[..]), Just(&b"\xFE\xFF"[..]), Just(&b"\xEF\xBB\xBF"[..])],
                                    rest in proptest::collection::vec(any::<u8>(), 0..1024)) {
        let bytes: Vec<u8> = prefix.iter().copied().chain(rest).collect();
        let _ = parse_bytes("WhatsApp Chat with x.zip", &bytes, &ParseOptions::default());
    }

    #[test]
    fn exporter_json(text in export_like_json()) {
        let _ = parse_bytes("result.json", text.as_bytes(), &ParseOptions::default());
    }

    #[test]
    fn sms_backup_xml(text in export_like_xml()) {
        let _ = parse_bytes("sms.xml", text.as_bytes(), &ParseOptions::default());
    }

    #[test]
    fn email_and_mbox(text in email_like()) {
        let _ = parse_bytes("mail", text.as_bytes(), &ParseOptions::default());
    }

    #[test]
    fn export_like_text(lines in proptest::collection::vec(export_like_line(), 0..40), me in proptest::option::of(".{0,8}")) {
        let text = lines.join("\n");
        let c = whatsapp::parse(&text, Some("+44 7700 900123"), me.as_deref());
        for m in &c.messages {
            if let Some(s) = m.sender { prop_assert!(s.0 < c.participants.len()); }
        }
        let _ = plain_text::parse(&text, me.as_deref());
        let _ = parse_bytes("chat.txt", text.as_bytes(), &ParseOptions::default());
    }
}
