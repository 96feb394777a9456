//! Discord, as DiscordChatExporter writes it in JSON: `guild`, `channel`, `messages` with an
//! `author` object. Discord has no address book, so every author is a self-chosen name; the
//! handle (`@name`) is recorded as the sender's identifier.

use serde::Deserialize;

use crate::model::{
    Attachment, Conversation, Format, MediaKind, Message, MessageKind, ParticipantId,
    SenderIdentity,
};
use crate::parse::{ParseOptions, json_error};
use crate::{LocalDateTime, ParseError};

#[derive(Deserialize)]
struct Export {
    #[serde(default)]
    guild: Option<Named>,
    #[serde(default)]
    channel: Option<Channel>,
    #[serde(default)]
    messages: Vec<RawMessage>,
}

#[derive(Deserialize)]
struct Named {
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct Channel {
    #[serde(default)]
    name: String,
    #[serde(rename = "type", default)]
    kind: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMessage {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    timestamp: Option<String>,
    #[serde(default)]
    timestamp_edited: Option<String>,
    #[serde(default)]
    content: String,
    author: Author,
    #[serde(default)]
    attachments: Vec<File>,
}

#[derive(Deserialize)]
struct Author {
    #[serde(default)]
    name: String,
    #[serde(default)]
    nickname: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct File {
    #[serde(default)]
    file_name: String,
}

/// Parses a DiscordChatExporter JSON file.
pub(crate) fn parse(text: &str, options: &ParseOptions) -> Result<Conversation, ParseError> {
    let export: Export = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    if export.messages.len() > options.max_messages {
        return Err(ParseError::TooManyMessages {
            limit: options.max_messages,
        });
    }
    let mut conversation = Conversation::new(Format::Discord);
    conversation.title = match (&export.guild, &export.channel) {
        (Some(g), Some(c)) if g.name != "Direct Messages" => {
            Some(format!("{} #{}", g.name, c.name))
        }
        (_, Some(c)) => Some(c.name.clone()),
        _ => None,
    };
    let direct = export
        .channel
        .as_ref()
        .is_some_and(|c| c.kind == "DirectTextChat");
    for (index, m) in export.messages.into_iter().enumerate() {
        let shown = m
            .author
            .nickname
            .filter(|n| !n.is_empty())
            .unwrap_or(m.author.name);
        let sender = conversation.participant_id(&shown, || SenderIdentity::ProfileName);
        let system = !matches!(m.kind.as_str(), "Default" | "Reply" | "");
        let attachments = m
            .attachments
            .into_iter()
            .map(|f| Attachment {
                kind: MediaKind::from_file_name(&f.file_name),
                file_name: Some(f.file_name),
                sha256: None,
            })
            .collect();
        conversation.messages.push(Message {
            sender: (!system).then_some(sender),
            time: m.timestamp.as_deref().and_then(LocalDateTime::parse_iso),
            text: if system {
                format!("{shown}: {}", m.kind)
            } else {
                m.content
            },
            kind: if system {
                MessageKind::System
            } else {
                MessageKind::Normal
            },
            edited: m.timestamp_edited.is_some(),
            attachments,
            line: index + 1,
            reply_to: None,
        });
    }
    let by_name = |name: &str| conversation.participant_named(name);
    conversation.reporter = match options.me.as_deref() {
        Some(me) => by_name(me),
        // A direct message channel is named after the other person.
        None if direct && conversation.participants.len() == 2 => conversation
            .title
            .as_deref()
            .and_then(by_name)
            .map(|other| ParticipantId(1 - other.0)),
        None => None,
    };
    if let Some(r) = conversation
        .reporter
        .and_then(|r| conversation.participants.get_mut(r.0))
    {
        r.identity = SenderIdentity::SavedContact;
    }
    Ok(conversation)
}
