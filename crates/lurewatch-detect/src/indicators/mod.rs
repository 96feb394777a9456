//! Indicators: the identifiers a sender leaves behind (numbers, links, handles, the names they
//! call themselves, hashes of what they sent). These are what link one person's report to
//! another's, so they are only taken from the other party's messages, never the reporter's.

mod network;
mod payment;
mod persona;
mod phone;
mod spelled_digits;

use lurewatch_core::{Conversation, MessageKind, SenderIdentity};
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
        persona::extract(&message.text, at, &mut out);
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
}

fn digits_only(s: &str) -> String {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if s.trim_start().starts_with('+') {
        format!("+{digits}")
    } else {
        digits
    }
}
