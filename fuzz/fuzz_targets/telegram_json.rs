//! Message objects inside a Telegram export's frame.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lurewatch_core::{ParseOptions, parse_input};

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let json = format!("{{\"name\": \"x\", \"type\": \"personal_chat\", \"messages\": [{body}]}}");
    let _ = parse_input("result.json", json.as_bytes(), &ParseOptions::default());
});
