//! Any bytes through format detection and every parser it may choose.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lurewatch_core::{ParseOptions, parse_input};

fuzz_target!(|data: &[u8]| {
    let _ = parse_input("fuzz", data, &ParseOptions::with_max_input(1 << 20));
});
