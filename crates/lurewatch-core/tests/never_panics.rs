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
