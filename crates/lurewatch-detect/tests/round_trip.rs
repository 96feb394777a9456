//! The same conversation gets the same verdict and tactics whichever app it came from: a few
//! scripted conversations are rendered into every supported export format, parsed back and
//! analysed, and must agree with the WhatsApp rendering message for message (e-mail on the
//! findings of the rules that read the same thing in both channels).
//!
//! The conversations are written out by `lurewatch_core::render`, which shows the stranger
//! the way each app shows someone who is not a saved contact.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use lurewatch_core::render::render;
use lurewatch_core::{
    Conversation, Format, LocalDateTime, Message, ParseOptions, SenderIdentity, parse_bytes,
};
use lurewatch_detect::rules::Signal;
use lurewatch_detect::{Channel, Detector, RuleSet};

#[derive(Clone, Copy, PartialEq)]
enum Who {
    Stranger,
    Reporter,
}
use Who::{Reporter, Stranger};

const NUMBER: &str = "+44 7700 900123";
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

/// The script as a conversation: the stranger shown by a raw number, the reporter by name.
fn conversation(script: &[(Who, &str)]) -> Conversation {
    let mut c = Conversation::new(Format::Whatsapp);
    let stranger = c.participant_id(NUMBER, || SenderIdentity::RawNumber(NUMBER.to_owned()));
    let reporter = c.participant_id(ME, || SenderIdentity::SavedContact);
    if script.iter().any(|(who, _)| *who == Reporter) {
        c.reporter = Some(reporter);
    }
    for (i, (who, text)) in script.iter().enumerate() {
        let sender = Some(if *who == Stranger { stranger } else { reporter });
        c.messages.push(Message {
            time: LocalDateTime::new(2023, 12, 12, 21, u8::try_from(i).unwrap(), 0),
            ..Message::normal(sender, *text, i + 1)
        });
    }
    c
}

type Outcome = (String, Vec<(String, usize)>);

/// The rules that read the same thing in every channel: e-mail is compared with a chat on
/// their findings alone, since a rule kept to texts and chats ("click here") has no say in
/// e-mail, and one that reads links in a chat reads the sender in e-mail (a link dressed as
/// a brand), by design.
fn every_channel_rules() -> Vec<String> {
    RuleSet::embedded()
        .unwrap()
        .rules()
        .iter()
        .filter(|r| r.channels.contains(&Channel::Email) && r.channels.contains(&Channel::Message))
        .filter(|r| r.signal != Some(Signal::LinkDressedAsBrand))
        .map(|r| r.id.clone())
        .collect()
}

fn analyse(detector: &Detector, rendered: &str, expected: Format) -> Outcome {
    analyse_rules(detector, rendered, expected, None)
}

/// [`analyse`], keeping only the findings of `rules` when given.
fn analyse_rules(
    detector: &Detector,
    rendered: &str,
    expected: Format,
    rules: Option<&[String]>,
) -> Outcome {
    let conversations = parse_bytes("rendered", rendered.as_bytes(), &ParseOptions::default())
        .unwrap_or_else(|e| panic!("{expected:?}: {e}\n{rendered}"));
    assert_eq!(conversations.len(), 1, "{expected:?}");
    let c = &conversations[0];
    assert_eq!(c.format, expected, "{rendered}");
    let a = detector.analyze(c);
    let mut tactics: Vec<(String, usize)> = a
        .findings
        .iter()
        .filter(|f| rules.is_none_or(|rules| rules.contains(&f.rule)))
        .map(|f| (f.tactic.id().to_owned(), f.message))
        .collect();
    tactics.sort();
    (a.verdict.id().to_owned(), tactics)
}

/// The same conversation in every format gets the same tactics, and the same verdict within
/// a channel: e-mail is scored as e-mail (a payment asked beside a link is the smishing
/// pattern in a text, and commercial mail's everyday in e-mail), so its verdict may differ.
#[test]
fn every_format_gives_the_same_verdict_and_tactics() {
    let detector = Detector::with_embedded_rules("GB").unwrap();
    let mut formats_seen = std::collections::HashSet::new();
    for (name, script) in scripts() {
        let original = conversation(&script);
        let reference = analyse(
            &detector,
            &render(&original, Format::Whatsapp).unwrap(),
            Format::Whatsapp,
        );
        let mbox = render(&original, Format::Mbox).unwrap();
        let email_reference = analyse(&detector, &mbox, Format::Mbox);
        let shared = every_channel_rules();
        let on_shared_rules =
            |rendered: &str, format| analyse_rules(&detector, rendered, format, Some(&shared)).1;
        assert_eq!(
            on_shared_rules(&mbox, Format::Mbox),
            on_shared_rules(
                &render(&original, Format::Whatsapp).unwrap(),
                Format::Whatsapp
            ),
            "script '{name}': tactics by e-mail"
        );
        for format in Format::ALL {
            let Some(rendered) = render(&original, format) else {
                assert_eq!(
                    format,
                    Format::Eml,
                    "only a single e-mail cannot hold a conversation"
                );
                continue;
            };
            formats_seen.insert(format.id());
            let expected = if matches!(format, Format::Eml | Format::Mbox) {
                &email_reference
            } else {
                &reference
            };
            assert_eq!(
                &analyse(&detector, &rendered, format),
                expected,
                "script '{name}' as {format:?}:\n{rendered}"
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
        "every format is rendered at least once"
    );
}
