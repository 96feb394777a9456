//! Message objects inside Meta's and DiscordChatExporter's frames.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lurewatch_core::{ParseOptions, parse_input};

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let meta = format!(
        "{{\"participants\": [{{\"name\": \"a\"}}], \"messages\": [{body}], \"title\": \"a\"}}"
    );
    let _ = parse_input("message_1.json", meta.as_bytes(), &ParseOptions::default());
    let discord = format!(
        "{{\"guild\": {{\"name\": \"g\"}}, \"channel\": {{\"type\": \"DirectTextChat\", \"name\": \"a\"}}, \"messages\": [{body}]}}"
    );
    let _ = parse_input("discord.json", discord.as_bytes(), &ParseOptions::default());
});
