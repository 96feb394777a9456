//! Text that starts every line with a WhatsApp header, so the fuzzer spends its time in the
//! header reader, markers and participant logic rather than finding the format.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lurewatch_core::{ParseOptions, parse_input};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut export = String::from("12/12/2023, 21:14 - A: start\n");
    for line in text.lines() {
        export.push_str(line);
        export.push('\n');
    }
    let _ = parse_input(
        "WhatsApp Chat with A.txt",
        export.as_bytes(),
        &ParseOptions::default(),
    );
});
