//! The store's own serialised form of a parsed conversation. Core types stay plain Rust; this
//! is the versioned shape kept in `reports.conversation_json`.

use lurewatch_core::{Conversation, MessageKind, SenderIdentity};
use serde::Serialize;

#[derive(Serialize)]
struct ConversationDto<'a> {
    version: u32,
    format: &'static str,
    title: Option<&'a str>,
    source: Option<&'a str>,
    reporter: Option<usize>,
    participants: Vec<ParticipantDto<'a>>,
    messages: Vec<MessageDto<'a>>,
    media: Vec<MediaDto<'a>>,
    diagnostics: Vec<(Option<usize>, &'a str)>,
}

#[derive(Serialize)]
struct ParticipantDto<'a> {
    display: &'a str,
    identity: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    shown_as: Option<&'a str>,
}

#[derive(Serialize)]
struct MessageDto<'a> {
    sender: Option<usize>,
    time: Option<String>,
    text: &'a str,
    kind: &'static str,
    edited: bool,
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    reply_to: Option<&'a str>,
    attachments: Vec<(&'static str, Option<&'a str>, Option<&'a str>)>,
}

#[derive(Serialize)]
struct MediaDto<'a> {
    name: &'a str,
    size: u64,
    sha256: &'a str,
    kind: &'static str,
}

pub(crate) fn conversation_json(c: &Conversation) -> String {
    let dto = ConversationDto {
        version: 1,
        format: c.format.id(),
        title: c.title.as_deref(),
        source: c.source.as_deref(),
        reporter: c.reporter.map(|r| r.0),
        participants: c
            .participants
            .iter()
            .map(|p| {
                let (identity, shown_as) = match &p.identity {
                    SenderIdentity::SavedContact => ("saved-contact", None),
                    SenderIdentity::RawNumber(n) => ("raw-number", Some(n.as_str())),
                    SenderIdentity::ProfileName => ("profile-name", None),
                    SenderIdentity::Unknown => ("unknown", None),
                    SenderIdentity::Email(a) => ("email", Some(a.as_str())),
                };
                ParticipantDto {
                    display: &p.display,
                    identity,
                    shown_as,
                }
            })
            .collect(),
        messages: c
            .messages
            .iter()
            .map(|m| MessageDto {
                sender: m.sender.map(|s| s.0),
                time: m.time.map(|t| t.to_string()),
                text: &m.text,
                kind: match m.kind {
                    MessageKind::Normal => "normal",
                    MessageKind::System => "system",
                    MessageKind::Deleted => "deleted",
                },
                edited: m.edited,
                line: m.line,
                reply_to: m.reply_to.as_deref(),
                attachments: m
                    .attachments
                    .iter()
                    .map(|a| (a.kind.id(), a.file_name.as_deref(), a.sha256.as_deref()))
                    .collect(),
            })
            .collect(),
        media: c
            .media_files
            .iter()
            .map(|f| MediaDto {
                name: &f.name,
                size: f.size,
                sha256: &f.sha256,
                kind: f.kind.id(),
            })
            .collect(),
        diagnostics: c
            .diagnostics
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect(),
    };
    serde_json::to_string(&dto).unwrap_or_else(|_| "{}".to_owned())
}
