//! Instagram and Messenger JSON from Meta's "Download your information": `participants`,
//! `messages` with `sender_name`, `timestamp_ms`, `content`, newest first.
//!
//! Meta writes UTF-8 text as if each byte were a Latin-1 character (`\u00e2\u0080\u0099` for
//! `’`), a well-known bug; strings whose characters all fit in a byte and form valid UTF-8 when
//! read as bytes are repaired. Neither app's export says whether a sender is a friend, so
//! senders are names they chose themselves; the reporter is the participant the thread is not
//! titled after.

use serde::Deserialize;

use crate::identity::classify_with_default;
use crate::model::{
    Attachment, Conversation, Format, MediaKind, Message, MessageKind, ParticipantId,
    SenderIdentity,
};
use crate::parse::{ParseOptions, json_error};
use crate::{LocalDateTime, ParseError};

#[derive(Deserialize)]
struct Thread {
    #[serde(default)]
    participants: Vec<Name>,
    #[serde(default)]
    messages: Vec<RawMessage>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    thread_path: Option<String>,
}

#[derive(Deserialize)]
struct Name {
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct RawMessage {
    #[serde(default)]
    sender_name: Option<String>,
    #[serde(default)]
    timestamp_ms: Option<i64>,
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    photos: Vec<Uri>,
    #[serde(default)]
    videos: Vec<Uri>,
    #[serde(default)]
    audio_files: Vec<Uri>,
    #[serde(default)]
    files: Vec<Uri>,
    #[serde(default)]
    gifs: Vec<Uri>,
    #[serde(default)]
    sticker: Option<Uri>,
    #[serde(default)]
    share: Option<Share>,
    #[serde(default)]
    is_unsent: Option<bool>,
    #[serde(default)]
    is_geoblocked_for_viewer: Option<bool>,
}

#[derive(Deserialize)]
struct Uri {
    #[serde(default)]
    uri: String,
}

#[derive(Deserialize)]
struct Share {
    #[serde(default)]
    link: Option<String>,
}

/// Undoes Meta's Latin-1 mojibake where it applies; leaves real Latin-1 text alone.
pub(crate) fn repair_mojibake(text: &str) -> String {
    if text.is_ascii() || text.chars().any(|c| u32::from(c) > 0xFF) {
        return text.to_owned();
    }
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
}

fn is_instagram(thread: &Thread, text: &str) -> bool {
    thread.participants.is_empty()
        || thread
            .messages
            .iter()
            .any(|m| m.is_geoblocked_for_viewer.is_some())
        || text.contains("your_instagram_activity")
        || thread
            .thread_path
            .as_deref()
            .is_some_and(|p| p.contains("instagram"))
}

/// Parses one Meta thread file (`message_1.json`).
pub(crate) fn parse(text: &str, options: &ParseOptions) -> Result<Conversation, ParseError> {
    let thread: Thread = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    if thread.messages.len() > options.max_messages {
        return Err(ParseError::TooManyMessages {
            limit: options.max_messages,
        });
    }
    let format = if is_instagram(&thread, text) {
        Format::Instagram
    } else {
        Format::Messenger
    };
    let mut conversation = Conversation::new(format);
    conversation.title = thread.title.as_deref().map(repair_mojibake);
    for p in &thread.participants {
        let name = repair_mojibake(&p.name);
        conversation.participant_id(&name, || {
            classify_with_default(&name, SenderIdentity::ProfileName).identity
        });
    }
    let mut raw = thread.messages;
    // Newest first in the file; oldest first in a conversation. Stable, so equal stamps keep order.
    raw.sort_by_key(|m| m.timestamp_ms.unwrap_or(i64::MIN));
    for (index, m) in raw.into_iter().enumerate() {
        let name = repair_mojibake(m.sender_name.as_deref().unwrap_or("unknown"));
        let sender = conversation.participant_id(&name, || {
            classify_with_default(&name, SenderIdentity::ProfileName).identity
        });
        let mut attachments = Vec::new();
        let groups = [
            (&m.photos, MediaKind::Image),
            (&m.videos, MediaKind::Video),
            (&m.audio_files, MediaKind::Audio),
            (&m.files, MediaKind::Document),
            (&m.gifs, MediaKind::Gif),
        ];
        for (uris, kind) in groups {
            for uri in uris {
                attachments.push(Attachment {
                    kind,
                    file_name: Some(uri.uri.clone()),
                    sha256: None,
                });
            }
        }
        if let Some(sticker) = &m.sticker {
            attachments.push(Attachment {
                kind: MediaKind::Sticker,
                file_name: Some(sticker.uri.clone()),
                sha256: None,
            });
        }
        let mut text = m
            .content
            .as_deref()
            .map(repair_mojibake)
            .unwrap_or_default();
        if let Some(link) = m
            .share
            .and_then(|s| s.link)
            .filter(|l| !text.contains(l.as_str()))
        {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&link);
        }
        let kind = if m.is_unsent == Some(true) {
            MessageKind::Deleted
        } else {
            MessageKind::Normal
        };
        conversation.messages.push(Message {
            sender: Some(sender),
            time: m
                .timestamp_ms
                .and_then(|ms| LocalDateTime::from_unix_seconds(ms.div_euclid(1000))),
            text,
            kind,
            edited: false,
            attachments,
            line: index + 1,
            reply_to: None,
        });
    }
    conversation.reporter = find_reporter(&conversation, options);
    if let Some(r) = conversation
        .reporter
        .and_then(|r| conversation.participants.get_mut(r.0))
    {
        r.identity = SenderIdentity::SavedContact;
    }
    Ok(conversation)
}

/// `--me`, else in a two-person thread the one the thread is not titled after.
fn find_reporter(conversation: &Conversation, options: &ParseOptions) -> Option<ParticipantId> {
    let by_name = |name: &str| conversation.participant_named(name);
    if let Some(me) = options.me.as_deref() {
        return by_name(me);
    }
    let title = conversation.title.as_deref()?;
    let other = by_name(title)?;
    (conversation.participants.len() == 2).then(|| ParticipantId(1 - other.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_is_repaired_but_real_latin1_is_kept() {
        assert_eq!(repair_mojibake("don\u{e2}\u{80}\u{99}t"), "don’t");
        assert_eq!(repair_mojibake("caf\u{e9}"), "café");
        assert_eq!(repair_mojibake("plain"), "plain");
        assert_eq!(repair_mojibake("😀"), "😀");
    }
}
