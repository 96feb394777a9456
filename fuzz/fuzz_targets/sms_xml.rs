//! Elements inside an SMS Backup & Restore root.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lurewatch_core::{ParseOptions, parse_input};

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let xml = format!("<?xml version='1.0' encoding='UTF-8'?><smses count=\"1\">{body}</smses>");
    let _ = parse_input("sms.xml", xml.as_bytes(), &ParseOptions::default());
});
