//! Bytes after e-mail headers, and as a mailbox: MIME, encodings, threading.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lurewatch_core::{ParseOptions, parse_input};

fuzz_target!(|data: &[u8]| {
    let mut eml = b"From: a@b.example\nTo: c@d.example\nSubject: s\n".to_vec();
    eml.extend_from_slice(data);
    let _ = parse_input("mail.eml", &eml, &ParseOptions::default());
    let mut mbox = b"From a@b Tue Dec 12 21:14:05 2023\n".to_vec();
    mbox.extend_from_slice(&eml);
    let _ = parse_input("mail.mbox", &mbox, &ParseOptions::default());
});
