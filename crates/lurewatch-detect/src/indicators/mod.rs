//! Indicators: the identifiers a sender leaves behind (numbers, links, handles, the names they
//! call themselves, hashes of what they sent). These are what link one person's report to
//! another's, so they are only taken from the other party's messages, never the reporter's.

mod network;

pub(crate) use network::{host_of, is_link, on_domain, refang};
mod payment;
mod persona;
mod phone;
mod spelled_digits;

use lurewatch_core::{Conversation, Format, MessageKind, SenderIdentity};
pub use lurewatch_core::{Indicator, IndicatorKind};

pub use phone::{PhoneParser, to_e164};

/// Collects indicators, keeping the first sighting of each.
#[derive(Default)]
pub(crate) struct Collector {
    items: Vec<Indicator>,
    seen: std::collections::HashSet<(IndicatorKind, String)>,
}

impl Collector {
    /// The values one extractor finds, in order: what the extractors' tests compare.
    #[cfg(test)]
    pub(crate) fn values_from(extract: impl FnOnce(&mut Collector)) -> Vec<String> {
        let mut out = Collector::default();
        extract(&mut out);
        out.items.into_iter().map(|i| i.value).collect()
    }

    pub(crate) fn add(
        &mut self,
        kind: IndicatorKind,
        value: impl Into<String>,
        message: Option<usize>,
    ) {
        let value = value.into();
        if !value.is_empty() && self.seen.insert((kind, value.clone())) {
            self.items.push(Indicator {
                kind,
                value,
                message,
            });
        }
    }
}

/// The ASCII character a full-width form stands for (`Ａ` → `A`, `０` → `0`, `＠` → `@`): the
/// forms a link, a number or a name is written in to slip past filters.
pub(crate) fn ascii_of_full_width(c: char) -> Option<char> {
    match u32::from(c) {
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0),
        _ => None,
    }
}

/// Extracts every indicator of the conversation's other parties.
pub fn extract(conversation: &Conversation, phones: &PhoneParser) -> Vec<Indicator> {
    let mut out = Collector::default();
    for (index, participant) in conversation.participants.iter().enumerate() {
        if conversation.reporter.map(|r| r.0) == Some(index) {
            continue;
        }
        let first = conversation
            .messages
            .iter()
            .position(|m| m.sender.map(|s| s.0) == Some(index));
        match &participant.identity {
            SenderIdentity::RawNumber(shown) => out.add(
                IndicatorKind::Phone,
                phones.parse(shown).unwrap_or_else(|| digits_only(shown)),
                first,
            ),
            // A profile name spoofed with look-alike letters is the name it imitates.
            SenderIdentity::ProfileName => out.add(
                IndicatorKind::Persona,
                persona::without_lookalikes(&participant.display).into_owned(),
                first,
            ),
            SenderIdentity::Email(address) => {
                out.add(IndicatorKind::Email, address.clone(), first);
                if let Some(domain) = address
                    .rsplit_once('@')
                    .and_then(|(_, d)| network::host_of(d))
                {
                    out.add(IndicatorKind::Domain, domain.to_owned(), first);
                }
            }
            SenderIdentity::SavedContact | SenderIdentity::Unknown => {}
        }
    }
    let mail = matches!(conversation.format, Format::Eml | Format::Mbox);
    for (index, message) in conversation.messages.iter().enumerate() {
        if message.kind != MessageKind::Normal || !conversation.is_external(message) {
            continue;
        }
        let at = Some(index);
        if let Some(reply_to) = &message.reply_to {
            out.add(IndicatorKind::Email, reply_to.clone(), at);
            if let Some(domain) = reply_to
                .rsplit_once('@')
                .and_then(|(_, d)| network::host_of(d))
            {
                out.add(IndicatorKind::Domain, domain.to_owned(), at);
            }
        }
        network::extract(&message.text, at, phones, &mut out);
        phones.extract(&message.text, at, &mut out);
        persona::extract(&message.text, mail, at, &mut out);
        payment::extract(&message.text, at, &mut out);
        for attachment in &message.attachments {
            if let Some(hash) = &attachment.sha256 {
                out.add(IndicatorKind::MediaSha256, hash.clone(), at);
            }
        }
    }
    // Media in the archive that no marker named still came from the chat.
    for file in &conversation.media_files {
        out.add(IndicatorKind::MediaSha256, file.sha256.clone(), None);
    }
    out.items
        .retain(|indicator| !is_about_someone_else(indicator, conversation));
    out.items
}

/// The SHA-256 of no bytes at all: every empty file's, so it tells nothing about who sent it.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Domains reserved for examples (RFC 2606), which no one can own: phishing kits leave them
/// in place (`no-reply@example.com`), and ten unrelated Phishing Pot e-mails linked through one.
const PLACEHOLDER_DOMAINS: [&str; 3] = ["example.com", "example.net", "example.org"];

fn is_placeholder(domain: &str) -> bool {
    PLACEHOLDER_DOMAINS
        .iter()
        .any(|placeholder| placeholder.eq_ignore_ascii_case(domain))
}

/// Whether an indicator is about someone other than the sender: the reporter (their own
/// address, or its domain: their organisation's), or no one (an empty file's hash, an
/// example domain's address). Exports to partners carry indicators about attackers, never
/// the reporters' identities (DESIGN.md), and a reporter's address would link every report
/// they make.
fn is_about_someone_else(indicator: &Indicator, conversation: &Conversation) -> bool {
    let value = indicator.value.as_str();
    match indicator.kind {
        IndicatorKind::Email => {
            value
                .rsplit_once('@')
                .is_some_and(|(_, domain)| is_placeholder(domain))
                || conversation
                    .reporter_addresses
                    .iter()
                    .any(|own| own.eq_ignore_ascii_case(value))
        }
        IndicatorKind::Domain => {
            is_placeholder(value)
                || conversation.reporter_addresses.iter().any(|own| {
                    own.rsplit_once('@')
                        .is_some_and(|(_, domain)| domain.eq_ignore_ascii_case(value))
                })
        }
        IndicatorKind::Url => {
            let rest = value.split_once("://").map_or(value, |(_, rest)| rest);
            rest.split(['/', ':', '?', '#'])
                .next()
                .is_some_and(is_placeholder)
        }
        IndicatorKind::MediaSha256 => value.eq_ignore_ascii_case(EMPTY_SHA256),
        _ => false,
    }
}

fn digits_only(s: &str) -> String {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if s.trim_start().starts_with('+') {
        format!("+{digits}")
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lurewatch_core::{Attachment, MediaKind, Message};

    #[test]
    fn the_reporters_own_address_its_domain_an_example_domain_and_an_empty_file_are_not_indicators()
    {
        // Sextortion "from" the victim's own address, quoting it, with an empty attachment.
        let mut c = Conversation::new(Format::Eml);
        c.reporter_addresses = vec!["sam@parliament.example".into()];
        let sender = c.participant_id("sam@parliament.example", || {
            SenderIdentity::Email("sam@parliament.example".into())
        });
        let mut message = Message::normal(
            Some(sender),
            "I have access to sam@parliament.example. Pay to collect@evil.example, \
             or mail no-reply@example.com at example.com",
            1,
        );
        message.attachments.push(Attachment {
            kind: MediaKind::Unknown,
            file_name: None,
            sha256: Some(EMPTY_SHA256.into()),
        });
        c.messages.push(message);
        let found: Vec<String> = extract(&c, &PhoneParser::default())
            .into_iter()
            .map(|i| format!("{}={}", i.kind.id(), i.value))
            .collect();
        assert_eq!(found, vec!["email=collect@evil.example"], "{found:?}");
    }
}
