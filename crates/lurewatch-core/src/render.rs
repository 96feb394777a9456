//! Writing a conversation back out as an export of any supported format: the inverse of the
//! parsers. It exists so that tests can prove a conversation means the same in every format
//! (the round-trip test), so benchmarks can measure each parser on the same content, and so
//! the synthetic campaign generator can produce realistic reports in every channel.
//!
//! Each format shows people the way that app would: a raw number where the app shows numbers,
//! a name where it only knows names, an address in e-mail.

use std::fmt::Write as _;

use crate::LocalDateTime;
use crate::model::{
    Conversation, Format, Message, MessageKind, Participant, ParticipantId, SenderIdentity,
};

const FALLBACK_TIME: LocalDateTime = LocalDateTime {
    year: 2024,
    month: 1,
    day: 1,
    hour: 12,
    minute: 0,
    second: 0,
};

fn time_of(message: &Message) -> LocalDateTime {
    message.time.unwrap_or(FALLBACK_TIME)
}

/// Seconds since the Unix epoch of a wall-clock time read as UTC.
fn unix_seconds(t: LocalDateTime) -> i64 {
    let (y, m) = if t.month <= 2 {
        (i64::from(t.year) - 1, i64::from(t.month) + 9)
    } else {
        (i64::from(t.year), i64::from(t.month) - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * m + 2) / 5 + i64::from(t.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second)
}

/// How a participant is shown by an app that displays names or numbers.
fn shown(conversation: &Conversation, id: Option<ParticipantId>) -> String {
    let Some(p) = id.and_then(|id| conversation.participant(id)) else {
        return "unknown".to_owned();
    };
    match &p.identity {
        SenderIdentity::RawNumber(n) => n.clone(),
        SenderIdentity::ProfileName => p.display.clone(),
        SenderIdentity::Email(a) => a.clone(),
        SenderIdentity::SavedContact | SenderIdentity::Unknown => p.display.clone(),
    }
}

/// An e-mail address for a participant: their own, or one made from their name.
fn address(p: Option<&Participant>) -> String {
    match p {
        Some(Participant {
            identity: SenderIdentity::Email(a),
            ..
        }) => a.clone(),
        Some(p) => {
            let local: String = p
                .display
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_lowercase();
            format!(
                "{}@example.invalid",
                if local.is_empty() { "someone" } else { &local }
            )
        }
        None => "unknown@example.invalid".to_owned(),
    }
}

fn messages(conversation: &Conversation) -> impl Iterator<Item = &Message> {
    conversation
        .messages
        .iter()
        .filter(|m| m.kind == MessageKind::Normal)
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn xml_attribute(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', "&#10;")
}

/// The other party's name, for the chat titles apps give exports.
fn partner(conversation: &Conversation) -> String {
    let other = conversation
        .participants
        .iter()
        .enumerate()
        .find(|(i, _)| conversation.reporter.map(|r| r.0) != Some(*i));
    other.map_or_else(
        || "chat".to_owned(),
        |(i, _)| shown(conversation, Some(ParticipantId(i))),
    )
}

/// Renders the conversation as `format`, or `None` when the format cannot hold it (a single
/// `.eml` holds one message from one sender).
pub fn render(conversation: &Conversation, format: Format) -> Option<String> {
    let mut out = String::new();
    match format {
        // The line-based formats: a header, the sender, the text.
        Format::Whatsapp | Format::Signal | Format::Text => {
            for m in messages(conversation) {
                let t = time_of(m);
                let header = match format {
                    Format::Whatsapp => format!(
                        "{:02}/{:02}/{}, {:02}:{:02} - ",
                        t.day, t.month, t.year, t.hour, t.minute
                    ),
                    Format::Signal => format!(
                        "[{}-{:02}-{:02}, {:02}:{:02}] ",
                        t.year, t.month, t.day, t.hour, t.minute
                    ),
                    _ => String::new(),
                };
                let who = if format == Format::Text
                    && m.sender.is_some()
                    && m.sender == conversation.reporter
                {
                    "Me".to_owned()
                } else {
                    shown(conversation, m.sender)
                };
                let _ = writeln!(out, "{header}{who}: {}", m.text);
            }
        }
        Format::Telegram => {
            let _ = write!(
                out,
                "{{\"name\": {}, \"type\": \"personal_chat\", \"id\": 1, \"messages\": [",
                json_string(&partner(conversation))
            );
            for (i, m) in messages(conversation).enumerate() {
                let t = time_of(m);
                let from_id = m.sender.map_or(0, |s| s.0 + 1);
                let _ = write!(
                    out,
                    "{}\n{{\"id\": {}, \"type\": \"message\", \"date\": \"{t}\", \"date_unixtime\": \"{}\", \"from\": {}, \"from_id\": \"user{from_id}\", \"text\": {}}}",
                    if i == 0 { "" } else { "," },
                    i + 1,
                    unix_seconds(t),
                    json_string(&shown(conversation, m.sender)),
                    json_string(&m.text)
                );
            }
            out.push_str("\n]}\n");
        }
        Format::SmsXml => {
            let number = partner(conversation);
            let _ = writeln!(
                out,
                "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"{}\">",
                conversation.messages.len()
            );
            for m in messages(conversation) {
                let sent = m.sender.is_some() && m.sender == conversation.reporter;
                let contact = conversation
                    .sender_of(m)
                    .filter(|p| !sent && p.identity.is_saved_contact())
                    .map_or_else(|| "(Unknown)".to_owned(), |p| p.display.clone());
                let _ = writeln!(
                    out,
                    "  <sms protocol=\"0\" address=\"{}\" date=\"{}\" type=\"{}\" body=\"{}\" read=\"1\" status=\"-1\" contact_name=\"{}\" />",
                    xml_attribute(&number),
                    unix_seconds(time_of(m)) * 1000,
                    if sent { 2 } else { 1 },
                    xml_attribute(&m.text),
                    xml_attribute(&contact)
                );
            }
            out.push_str("</smses>\n");
        }
        Format::Instagram | Format::Messenger => {
            let names: Vec<String> = (0..conversation.participants.len())
                .map(|i| json_string(&shown(conversation, Some(ParticipantId(i)))))
                .collect();
            let participants: Vec<String> =
                names.iter().map(|n| format!("{{\"name\": {n}}}")).collect();
            let _ = write!(
                out,
                "{{\"participants\": [{}], \"messages\": [",
                participants.join(", ")
            );
            let all: Vec<&Message> = messages(conversation).collect();
            // Meta writes newest first.
            for (i, m) in all.iter().rev().enumerate() {
                let geo = if format == Format::Instagram {
                    ", \"is_geoblocked_for_viewer\": false"
                } else {
                    ""
                };
                let _ = write!(
                    out,
                    "{}\n{{\"sender_name\": {}, \"timestamp_ms\": {}, \"content\": {}{geo}}}",
                    if i == 0 { "" } else { "," },
                    json_string(&shown(conversation, m.sender)),
                    unix_seconds(time_of(m)) * 1000,
                    json_string(&m.text)
                );
            }
            let _ = writeln!(
                out,
                "\n], \"title\": {}, \"thread_path\": \"inbox/thread_1\"}}",
                json_string(&partner(conversation))
            );
        }
        Format::Discord => {
            let _ = write!(
                out,
                "{{\"guild\": {{\"id\": \"0\", \"name\": \"Direct Messages\"}}, \"channel\": {{\"id\": \"1\", \"type\": \"DirectTextChat\", \"name\": {}}}, \"messages\": [",
                json_string(&partner(conversation))
            );
            for (i, m) in messages(conversation).enumerate() {
                let name = json_string(&shown(conversation, m.sender));
                let _ = write!(
                    out,
                    "{}\n{{\"id\": \"{}\", \"type\": \"Default\", \"timestamp\": \"{}+00:00\", \"content\": {}, \"author\": {{\"id\": \"{}\", \"name\": {name}, \"nickname\": {name}, \"isBot\": false}}, \"attachments\": []}}",
                    if i == 0 { "" } else { "," },
                    i + 1,
                    time_of(m),
                    json_string(&m.text),
                    m.sender.map_or(0, |s| s.0 + 1)
                );
            }
            out.push_str("\n]}\n");
        }
        Format::Mbox | Format::Eml => {
            let all: Vec<&Message> = messages(conversation).collect();
            if format == Format::Eml
                && (all.len() != 1
                    || all
                        .first()
                        .is_some_and(|m| m.sender == conversation.reporter && m.sender.is_some()))
            {
                return None;
            }
            let reporter = conversation
                .reporter
                .and_then(|r| conversation.participant(r));
            let other = conversation
                .participants
                .iter()
                .enumerate()
                .find(|(i, _)| conversation.reporter.map(|r| r.0) != Some(*i))
                .map(|(_, p)| p);
            for (i, m) in all.iter().enumerate() {
                let from = conversation.sender_of(m);
                let to = if m.sender.is_some() && m.sender == conversation.reporter {
                    other
                } else {
                    reporter
                };
                let (from, to) = (
                    address(from),
                    if to.is_none() {
                        "me@example.invalid".to_owned()
                    } else {
                        address(to)
                    },
                );
                let t = time_of(m);
                if format == Format::Mbox {
                    let _ = writeln!(out, "From {from} Mon Jan  1 00:00:00 2024");
                }
                let references = if i == 0 {
                    String::new()
                } else {
                    "References: <m0@example.invalid>\n".to_owned()
                };
                let body = m
                    .text
                    .lines()
                    .map(|l| {
                        if l.starts_with("From ") {
                            format!(">{l}")
                        } else {
                            l.to_owned()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                let _ = write!(
                    out,
                    "From: {from}\nTo: {to}\nDate: {:02} {} {} {:02}:{:02}:{:02} +0000\nMessage-ID: <m{i}@example.invalid>\n{references}MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}\n\n",
                    t.day,
                    [
                        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                        "Nov", "Dec"
                    ]
                    .get(usize::from(t.month.saturating_sub(1)))
                    .unwrap_or(&"Jan"),
                    t.year,
                    t.hour,
                    t.minute,
                    t.second
                );
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_seconds_inverts_from_unix_seconds() {
        for s in [0_i64, 951_782_400, 1_652_135_033, 1_702_415_640] {
            assert_eq!(
                LocalDateTime::from_unix_seconds(s).map(unix_seconds),
                Some(s)
            );
        }
    }
}
