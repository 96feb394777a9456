//! WhatsApp "Export chat" text, as Android and iOS write it in any locale.
//!
//! Parsing runs in two passes: the first splits the file into messages and keeps each header's
//! raw date fields; the second decides the date order from all of them at once and only then
//! turns headers into timestamps. Lines that are not headers continue the previous message.

mod header;
mod markers;

use std::borrow::Cow;
use std::collections::HashMap;

use crate::identity;
use crate::model::{
    Conversation, Diagnostic, Format, Message, MessageKind, Participant, ParticipantId,
};
use header::{RawHeader, read_header, resolve_date_order, to_datetime};

/// True when the text reads as a WhatsApp export: most of its first lines that carry a
/// header do, and there are at least a couple of them.
pub fn looks_like(text: &str) -> bool {
    let mut headers = 0;
    for line in text.lines().take(200) {
        if read_header(line).is_some() {
            headers += 1;
            if headers >= 2 {
                return true;
            }
        }
    }
    headers == 1 && text.lines().filter(|l| !l.trim().is_empty()).count() <= 3
}

/// One message of the first pass, borrowing from the export: its sender and (unless
/// continuation lines were joined to it) its body are slices of the text, not copies, since
/// every line of every export passes through here.
struct Pending<'a> {
    header: RawHeader,
    line: usize,
    sender: Option<&'a str>,
    body: Cow<'a, str>,
}

/// Parses an export. `partner_hint` is the other party's name from the file name, `me` the
/// reporter's name if the user gave it.
pub fn parse(text: &str, partner_hint: Option<&str>, me: Option<&str>) -> Conversation {
    let mut diagnostics = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    // Whether a name is an event ("Alice added Bob") is asked on every line, and senders
    // repeat: asked once per distinct name, as the phrases are searched through the name.
    let mut system_names: HashMap<&str, bool> = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        match read_header(line) {
            Some(header) => {
                let rest = line.get(header.body_start..).unwrap_or_default();
                let (sender, body) = split_sender(rest, |name| {
                    *system_names
                        .entry(name)
                        .or_insert_with(|| markers::is_system_name(name))
                });
                pending.push(Pending {
                    header,
                    line: line_no,
                    sender,
                    body: Cow::Borrowed(body),
                });
            }
            None => match pending.last_mut() {
                Some(last) => {
                    let body = last.body.to_mut();
                    body.push('\n');
                    body.push_str(line);
                }
                None if !line.trim().is_empty() => diagnostics.push(Diagnostic {
                    line: Some(line_no),
                    message: "text before the first message was ignored".to_owned(),
                }),
                None => {}
            },
        }
    }

    let headers: Vec<RawHeader> = pending.iter().map(|p| p.header).collect();
    let (order, unreadable) = resolve_date_order(&headers);
    if unreadable > 0 {
        diagnostics.push(Diagnostic {
            line: None,
            message: format!(
                "{unreadable} timestamps are not valid dates in any order (read as {})",
                order.describe()
            ),
        });
    }

    let mut participants: Vec<Participant> = Vec::new();
    let mut speakers: Vec<ParticipantId> = Vec::new();
    let mut by_shown_name: HashMap<&str, ParticipantId> = HashMap::new();
    let mut messages = Vec::with_capacity(pending.len());
    let mut latest = None;
    for item in pending {
        let time = to_datetime(&item.header, order);
        if let (Some(t), Some(previous)) = (time, latest)
            && t < previous
        {
            diagnostics.push(Diagnostic {
                line: Some(item.line),
                message: format!(
                    "timestamp {t} is earlier than the message before it; kept in file order"
                ),
            });
        }
        latest = time.max(latest);
        let body = markers::read_body(&item.body);
        // iOS puts the chat's name in front of its system lines; that name is no participant.
        let system_body = markers::is_system_body(&item.body);
        let sender = item.sender.filter(|_| !system_body).map(|shown| {
            // Senders repeat on every line: classify each distinct spelling once.
            if let Some(id) = by_shown_name.get(&shown) {
                return *id;
            }
            let participant = identity::classify(shown);
            let id = match participants
                .iter()
                .position(|p| p.display == participant.display)
            {
                Some(i) => ParticipantId(i),
                None => {
                    participants.push(participant);
                    ParticipantId(participants.len() - 1)
                }
            };
            by_shown_name.insert(shown, id);
            id
        });
        let kind = if sender.is_none() || system_body {
            MessageKind::System
        } else if body.deleted {
            MessageKind::Deleted
        } else {
            MessageKind::Normal
        };
        if kind == MessageKind::Normal
            && let Some(id) = sender.filter(|id| !speakers.contains(id))
        {
            speakers.push(id);
        }
        let text = if kind == MessageKind::System {
            item.body.trim().to_owned()
        } else {
            body.text
        };
        messages.push(Message {
            sender,
            time,
            text,
            kind,
            edited: body.edited,
            attachments: body.attachments,
            line: item.line,
            reply_to: None,
        });
    }

    let reporter =
        identity::find_reporter(&participants, &speakers, partner_hint, me, &mut diagnostics);
    Conversation {
        format: Format::Whatsapp,
        title: partner_hint.map(str::to_owned),
        source: None,
        participants,
        messages,
        reporter,
        reporter_addresses: Vec::new(),
        media_files: Vec::new(),
        diagnostics,
    }
}

/// Splits `Name: text` into its parts; `None` as the sender means a system line (no name, or
/// one that `is_system_name` says is an event).
fn split_sender<'a>(
    rest: &'a str,
    mut is_system_name: impl FnMut(&'a str) -> bool,
) -> (Option<&'a str>, &'a str) {
    let Some(colon) = rest.find(':') else {
        return (None, rest);
    };
    let name = rest.get(..colon).unwrap_or_default();
    if name.trim().is_empty() || is_system_name(name) {
        return (None, rest);
    }
    let body = rest.get(colon + 1..).unwrap_or_default();
    let body = body.strip_prefix(' ').unwrap_or(body);
    (Some(name), body)
}

/// Signal has no export of its own; community tools write `[2019-12-24, 12:23] Name: text`:
/// a bracketed ISO date with a comma and no seconds, which WhatsApp never writes.
pub fn looks_like_signal(text: &str) -> bool {
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    let b = first.as_bytes();
    b.len() > 20
        && b.first() == Some(&b'[')
        && b.get(5) == Some(&b'-')
        && b.get(8) == Some(&b'-')
        && b.get(11..13) == Some(b", ".as_slice())
        && b.get(18) == Some(&b']')
        && b.get(1..5)
            .is_some_and(|y| y.iter().all(u8::is_ascii_digit))
}
