//! Bytes behind a zip signature: archive reading, bounds and nested exports.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lurewatch_core::{ParseOptions, parse_input};

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend_from_slice(data);
    let _ = parse_input(
        "WhatsApp Chat with x.zip",
        &bytes,
        &ParseOptions::with_max_input(1 << 20),
    );
});
