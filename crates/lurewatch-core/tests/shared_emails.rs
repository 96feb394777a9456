//! Real phishing e-mail from `../shared/data/phishing-pot-eml` (Phishing Pot's 300 random
//! samples, its 9 sextortion e-mails and a mailbox of 25): every one must be read as the
//! e-mail it is. Four of them were once sent to the text parsers and refused as broken SMS
//! backups (a header name with an underscore, a header block longer than the sniff's window,
//! HTML taken for an XML document). Skipped, loudly, where that folder is absent.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::PathBuf;

use lurewatch_core::{Format, MessageKind, ParseOptions, parse_bytes};

fn phishing_pot() -> Option<PathBuf> {
    common::shared_data("phishing-pot-eml")
}

#[test]
fn every_phishing_pot_email_is_read_as_one_email_with_a_sender_and_a_body() {
    let Some(dir) = phishing_pot() else { return };
    let mut read = 0;
    for folder in ["sample", "sextortion"] {
        for entry in std::fs::read_dir(dir.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let name = path.display().to_string();
            let conversations = parse_bytes(&name, &bytes, &ParseOptions::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(conversations.len(), 1, "{name}");
            let email = &conversations[0];
            assert_eq!(email.format, Format::Eml, "{name}");
            let message = email
                .messages
                .iter()
                .find(|m| m.kind == MessageKind::Normal)
                .unwrap_or_else(|| panic!("{name}: no message"));
            assert!(!message.text.trim().is_empty(), "{name}: empty body");
            assert!(email.sender_of(message).is_some(), "{name}: no sender");
            read += 1;
        }
    }
    assert_eq!(read, 309);
}

#[test]
fn the_phishing_pot_mailbox_holds_its_25_emails() {
    let Some(dir) = phishing_pot() else { return };
    let path = dir.join("phishing_pot_sample25.mbox");
    let bytes = std::fs::read(&path).unwrap();
    let conversations = parse_bytes("sample25.mbox", &bytes, &ParseOptions::default()).unwrap();
    assert!(conversations.iter().all(|c| c.format == Format::Mbox));
    let messages: usize = conversations.iter().map(|c| c.messages.len()).sum();
    assert_eq!(messages, 25);
}
