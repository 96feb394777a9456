//! The text a report is compared by: what the other party wrote, lower-cased, with the things
//! an actor changes between targets (numbers, links, addresses, handles, the persona's name)
//! replaced by placeholders. What is left is the script.

use lurewatch_core::{Conversation, MessageKind};

fn is_url_like(word: &str) -> bool {
    word.contains("://")
        || word.starts_with("www.")
        || (word.contains('.') && word.contains('/') && !word.starts_with('.'))
}

/// The other party's messages as one comparable string. `names` are the persona names found
/// in the report, replaced like numbers so that "It's Charlie" and "It's Abi" read the same.
pub fn linking_text(conversation: &Conversation, names: &[String]) -> String {
    let lower_names: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    let mut out = String::new();
    for message in &conversation.messages {
        if message.kind != MessageKind::Normal || !conversation.is_external(message) {
            continue;
        }
        for raw in message.text.split_whitespace() {
            let lower = raw.to_lowercase();
            let word = lower.trim_matches(|c: char| !c.is_alphanumeric());
            let placeholder = if word.is_empty() {
                continue;
            } else if is_url_like(&lower) {
                "<url>"
            } else if lower.contains('@') && lower.contains('.') {
                "<email>"
            } else if lower.starts_with('@') {
                "<handle>"
            } else if word.chars().any(|c| c.is_ascii_digit())
                && word.chars().filter(char::is_ascii_digit).count() * 2 >= word.chars().count()
            {
                "<num>"
            } else if lower_names.iter().any(|n| n == word) {
                "<name>"
            } else {
                word
            };
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(placeholder);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use lurewatch_core::plain_text;

    #[test]
    fn placeholders_hide_what_actors_rotate() {
        let c = plain_text::parse(
            "+44 7700 900123: It's Charlie! Call 07700 900417 or see https://x.example/a\nMe: who?\n",
            None,
        );
        assert_eq!(
            linking_text(&c, &["Charlie".to_owned()]),
            "it's <name> call <num> <num> or see <url>"
        );
    }
}
