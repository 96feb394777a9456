//! Pasted text: what a reporter copies out of an app that cannot export, or types from a
//! screenshot. Either `Name: text` lines (a transcript) or free text, which becomes one message
//! from an unknown sender.

use std::sync::LazyLock;

use regex::Regex;

use crate::identity::{find_reporter, looks_like_phone_number};
use crate::model::{
    Conversation, Format, Message, MessageKind, Participant, ParticipantId, SenderIdentity,
};

static SPEAKER_LINE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\s*([^:\n]{1,40}?)\s*:\s+(\S.*)$").ok());

/// Labels that look like `Name:` but start a field of a forwarded message, not a speaker.
const NOT_SPEAKERS: &[&str] = &[
    "http", "https", "note", "ps", "re", "fw", "fwd", "subject", "date", "time", "sent", "to", "cc",
];

fn speaker(line: &str) -> Option<(&str, &str)> {
    // Most pasted lines have no colon at all; a byte search settles them before the regex
    // (whose captures cost more than the rest of parsing a one-line paste).
    if !line.contains(':') {
        return None;
    }
    let caps = SPEAKER_LINE.as_ref()?.captures(line)?;
    let name = caps.get(1)?.as_str();
    let words = name.split_whitespace().count();
    if words > 4 || NOT_SPEAKERS.contains(&name.to_lowercase().as_str()) {
        return None;
    }
    Some((name, caps.get(2)?.as_str()))
}

/// Parses pasted text. `me` names the reporter in a transcript.
pub fn parse(text: &str, me: Option<&str>) -> Conversation {
    let lines: Vec<&str> = text.lines().collect();
    let speakers: Vec<Option<(&str, &str)>> = lines.iter().map(|l| speaker(l)).collect();
    let nonblank = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let speaker_lines = speakers.iter().flatten().count();
    let mut names: Vec<&str> = speakers.iter().flatten().map(|(n, _)| *n).collect();
    names.sort_unstable();
    names.dedup();
    let is_transcript = speaker_lines >= 2 && names.len() <= 6 && speaker_lines * 2 >= nonblank;
    if is_transcript {
        transcript(&lines, &speakers, me)
    } else {
        free_text(text)
    }
}

fn free_text(text: &str) -> Conversation {
    let participants = vec![Participant {
        display: "unknown sender".to_owned(),
        identity: SenderIdentity::Unknown,
    }];
    let first_line = text
        .lines()
        .position(|l| !l.trim().is_empty())
        .map_or(1, |i| i + 1);
    let messages = vec![Message {
        sender: Some(ParticipantId(0)),
        time: None,
        text: text.trim().to_owned(),
        kind: MessageKind::Normal,
        edited: false,
        attachments: Vec::new(),
        line: first_line,
        reply_to: None,
    }];
    Conversation {
        format: Format::Text,
        title: None,
        source: None,
        participants,
        messages,
        reporter: None,
        reporter_addresses: Vec::new(),
        media_files: Vec::new(),
        diagnostics: Vec::new(),
    }
}

fn transcript(lines: &[&str], speakers: &[Option<(&str, &str)>], me: Option<&str>) -> Conversation {
    let mut participants: Vec<Participant> = Vec::new();
    let mut messages: Vec<Message> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        match speakers.get(index).copied().flatten() {
            Some((name, body)) => {
                let id = match participants.iter().position(|p| p.display == name) {
                    Some(i) => ParticipantId(i),
                    None => {
                        let identity = if looks_like_phone_number(name) {
                            SenderIdentity::RawNumber(name.to_owned())
                        } else {
                            SenderIdentity::SavedContact
                        };
                        participants.push(Participant {
                            display: name.to_owned(),
                            identity,
                        });
                        ParticipantId(participants.len() - 1)
                    }
                };
                messages.push(Message {
                    sender: Some(id),
                    time: None,
                    text: body.trim().to_owned(),
                    kind: MessageKind::Normal,
                    edited: false,
                    attachments: Vec::new(),
                    line: index + 1,
                    reply_to: None,
                });
            }
            None => {
                if let Some(last) = messages.last_mut().filter(|_| !line.trim().is_empty()) {
                    last.text.push('\n');
                    last.text.push_str(line.trim());
                }
            }
        }
    }
    let mut first_spoke: Vec<ParticipantId> = Vec::new();
    for id in messages.iter().filter_map(|m| m.sender) {
        if !first_spoke.contains(&id) {
            first_spoke.push(id);
        }
    }
    let mut diagnostics = Vec::new();
    let reporter = find_reporter(&participants, &first_spoke, None, me, &mut diagnostics);
    Conversation {
        format: Format::Text,
        title: None,
        source: None,
        participants,
        messages,
        reporter,
        reporter_addresses: Vec::new(),
        media_files: Vec::new(),
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript_with_continuation_lines() {
        let c = parse(
            "+44 7700 900123: Long time no speak!\nhope you're well\nMe: who is this?\n",
            Some("me"),
        );
        assert_eq!(c.messages.len(), 2);
        assert_eq!(c.messages[0].text, "Long time no speak!\nhope you're well");
        assert!(matches!(
            c.participants[0].identity,
            SenderIdentity::RawNumber(_)
        ));
        assert_eq!(c.reporter, Some(ParticipantId(1)));
    }

    #[test]
    fn free_text_is_one_message_from_unknown() {
        let c = parse(
            "Your parcel is waiting: pay the fee at https://x.example\n",
            None,
        );
        assert_eq!(c.messages.len(), 1);
        assert_eq!(c.participants[0].identity, SenderIdentity::Unknown);
    }
}
