//! Writes synthetic reports as WhatsApp export files, for import benchmarks, plus a
//! `DIR.labels.tsv` with each file's true campaign for scoring the stored campaigns:
//! `cargo run --release -p lurewatch-link --example synthetic_exports -- DIR REPORTS [SEED]
//! [MIN_MESSAGES]`. With MIN_MESSAGES, shorter chats get the reporter's own replies appended
//! until they have that many messages, so an import benchmark can hold realistic chat lengths
//! without changing what linking reads (only the other party's messages).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use lurewatch_core::render::render;
use lurewatch_core::{Conversation, Format, LocalDateTime, Message, SenderIdentity};
use lurewatch_link::synthetic::generate;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(
        args.next()
            .expect("usage: synthetic_exports DIR REPORTS [SEED]"),
    );
    let reports: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(11);
    let min_messages: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    std::fs::create_dir_all(&dir).expect("output folder");
    let mut messages = 0;
    let mut labels = String::new();
    for (i, mut report) in generate(seed, reports, 60).into_iter().enumerate() {
        pad_with_replies(&mut report.conversation, min_messages, i);
        let text = render(&report.conversation, Format::Whatsapp)
            .expect("WhatsApp holds any conversation");
        messages += report.conversation.messages.len();
        let name = format!("report-{i:06}.txt");
        let label = report
            .actor
            .map_or_else(|| format!("benign-{i}"), |a| format!("actor-{a}"));
        labels.push_str(&format!("{name}\t{label}\n"));
        std::fs::write(dir.join(name), text).expect("writable folder");
    }
    let labels_path = format!("{}.labels.tsv", dir.display());
    std::fs::write(&labels_path, labels).expect("writable labels");
    println!(
        "{reports} reports, {messages} messages written to {}",
        dir.display()
    );
}

const REPLIES: &[&str] = &[
    "who is this?",
    "sorry, do I know you?",
    "ok",
    "thanks, will have a look later",
    "not sure I remember, where did we meet?",
    "busy today, speak soon",
    "haha",
    "can you send that again?",
];

/// Appends the reporter's replies, a minute apart after the last message.
fn pad_with_replies(conversation: &mut Conversation, min_messages: usize, seed: usize) {
    if conversation.messages.len() >= min_messages {
        return;
    }
    let me = conversation.participant_id("Me", || SenderIdentity::SavedContact);
    conversation.reporter = Some(me);
    let last = conversation.messages.last().and_then(|m| m.time);
    let mut k = 0;
    while conversation.messages.len() < min_messages {
        k += 1;
        let time = last.and_then(|t| {
            let minutes = u32::from(t.hour) * 60 + u32::from(t.minute) + k;
            LocalDateTime::new(
                t.year,
                t.month,
                t.day,
                u8::try_from(minutes / 60 % 24).unwrap_or(23),
                u8::try_from(minutes % 60).unwrap_or(0),
                0,
            )
        });
        let line = conversation.messages.len() + 1;
        conversation.messages.push(Message {
            time,
            ..Message::normal(Some(me), REPLIES[(seed + line) % REPLIES.len()], line)
        });
    }
}
