//! Parse throughput per export format on the same content: one 20,000-message conversation
//! written out by `lurewatch_core::render` in each format and parsed back. Run with
//! `cargo bench -p lurewatch-core --bench format_throughput`; divan reports bytes/s and
//! messages/s. Results are in docs/performance.md.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use divan::counter::{BytesCount, ItemsCount};
use lurewatch_core::render::render;
use lurewatch_core::{
    Conversation, Format, LocalDateTime, Message, MessageKind, ParseOptions, SenderIdentity,
    parse_bytes,
};

fn main() {
    divan::main();
}

const MESSAGES: usize = 20_000;

const TEXTS: &[&str] = &[
    "Running 5 minutes late, sorry!",
    "Long time no speak! Hope you get a break over Christmas x",
    "Who is this?",
    "It's Charlie, we met at the party conference",
    "Did you see the news about the vote today? Mad",
    "Want to see something that might brighten your evening?",
    "Let's catch up next week, I'm in committee all of Tuesday",
    "Message me on Telegram t.me/charlie_h_x or call 07700 900417",
];

fn conversation() -> Conversation {
    let mut c = Conversation::new(Format::Whatsapp);
    let stranger = c.participant_id("+44 7700 900123", || {
        SenderIdentity::RawNumber("+44 7700 900123".into())
    });
    let me = c.participant_id("Sam Jones", || SenderIdentity::SavedContact);
    c.reporter = Some(me);
    for i in 0..MESSAGES {
        let day = 1 + (i / 1440) % 28;
        c.messages.push(Message {
            sender: Some(if i % 2 == 0 { stranger } else { me }),
            time: LocalDateTime::new(
                2024,
                1 + ((i / 40_320) % 12) as u8,
                day as u8,
                ((i / 60) % 24) as u8,
                (i % 60) as u8,
                0,
            ),
            text: TEXTS[i % TEXTS.len()].to_owned(),
            kind: MessageKind::Normal,
            edited: false,
            attachments: Vec::new(),
            line: i + 1,
            reply_to: None,
        });
    }
    c
}

#[divan::bench(args = [Format::Whatsapp, Format::Signal, Format::Telegram, Format::SmsXml, Format::Instagram, Format::Messenger, Format::Discord, Format::Mbox, Format::Text])]
fn parse(bencher: divan::Bencher, format: Format) {
    let text = render(&conversation(), format).unwrap();
    let options = ParseOptions::default();
    let check = parse_bytes("bench", text.as_bytes(), &options).unwrap();
    assert_eq!(
        check.iter().map(|c| c.messages.len()).sum::<usize>(),
        MESSAGES,
        "{format:?}"
    );
    bencher
        .counter(BytesCount::new(text.len()))
        .counter(ItemsCount::new(MESSAGES))
        .bench(|| {
            parse_bytes("bench", text.as_bytes(), &options)
                .unwrap()
                .len()
        });
}
