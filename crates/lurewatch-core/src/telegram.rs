//! Telegram Desktop JSON: a single chat (`{name, type, id, messages}`) or "export all data"
//! (`{personal_information, contacts, chats: {list: [chat, …]}}`), one conversation per chat.
//!
//! Exports run to hundreds of megabytes, so messages are streamed: serde hands each message
//! to a seed that turns it into a [`Message`] at once, and no JSON tree of the file is ever
//! built. `text` is a string or a list of strings and entity objects; a `text_link` entity's
//! target is kept, as hidden links are what phishing uses.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::identity::classify_with_default;
use crate::model::{
    Attachment, Conversation, Format, MediaKind, Message, MessageKind, ParticipantId,
    SenderIdentity,
};
use crate::parse::{ParseOptions, json_error};
use crate::{LocalDateTime, ParseError};

/// One message as Telegram writes it; strings borrow from the input where they can.
#[derive(Deserialize)]
struct RawMessage<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    date: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    date_unixtime: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    from: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    from_id: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    actor: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    action: Option<Cow<'a, str>>,
    #[serde(default)]
    text: Option<Text<'a>>,
    #[serde(borrow, default)]
    photo: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    file: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    media_type: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    edited: Option<Scalar<'a>>,
}

/// A value older exports write as a number and newer ones as a string (`from_id`,
/// `date_unixtime`).
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar<'a> {
    Text(#[serde(borrow)] Cow<'a, str>),
    Integer(i64),
    Other(serde::de::IgnoredAny),
}

impl Scalar<'_> {
    fn as_text(&self) -> Option<Cow<'_, str>> {
        match self {
            Scalar::Text(s) => Some(Cow::Borrowed(s.as_ref())),
            Scalar::Integer(n) => Some(Cow::Owned(n.to_string())),
            Scalar::Other(_) => None,
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Text<'a> {
    Plain(#[serde(borrow)] Cow<'a, str>),
    Parts(#[serde(borrow)] Vec<TextPart<'a>>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TextPart<'a> {
    Plain(#[serde(borrow)] Cow<'a, str>),
    Entity {
        #[serde(borrow, default)]
        text: Cow<'a, str>,
        #[serde(borrow, default)]
        href: Option<Cow<'a, str>>,
    },
}

impl Text<'_> {
    fn flatten(&self) -> String {
        match self {
            Text::Plain(s) => s.to_string(),
            Text::Parts(parts) => {
                let mut out = String::new();
                for part in parts {
                    match part {
                        TextPart::Plain(s) => out.push_str(s),
                        TextPart::Entity { text, href } => {
                            out.push_str(text);
                            if let Some(href) =
                                href.as_ref().filter(|h| h.as_ref() != text.as_ref())
                            {
                                out.push_str(&format!(" ({href})"));
                            }
                        }
                    }
                }
                out
            }
        }
    }
}

#[derive(Deserialize, Default)]
struct PersonalInformation {
    #[serde(default)]
    user_id: Option<i64>,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
}

#[derive(Deserialize, Default)]
struct Contacts {
    #[serde(default)]
    list: Vec<Contact>,
}

#[derive(Deserialize)]
struct Contact {
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
}

/// Everything read from the file before conversations are finished.
#[derive(Default)]
struct Export {
    chats: Vec<Chat>,
    me: PersonalInformation,
    contacts: Vec<String>,
}

/// One chat while it is being read.
struct Chat {
    conversation: Conversation,
    from_ids: Vec<(ParticipantId, String)>,
    chat_type: Option<String>,
}

impl Chat {
    fn new() -> Chat {
        Chat {
            conversation: Conversation::new(Format::Telegram),
            from_ids: Vec::new(),
            chat_type: None,
        }
    }

    fn add(&mut self, raw: RawMessage<'_>) {
        let time = raw
            .date
            .as_deref()
            .and_then(LocalDateTime::parse_iso)
            .or_else(|| {
                raw.date_unixtime
                    .as_ref()
                    .and_then(Scalar::as_text)
                    .and_then(|s| s.parse().ok())
                    .and_then(LocalDateTime::from_unix_seconds)
            });
        let text = raw.text.as_ref().map(Text::flatten).unwrap_or_default();
        let line = self.conversation.messages.len() + 1;
        if raw.kind.as_deref() == Some("service") {
            let actor = raw.actor.as_deref().unwrap_or("someone");
            let action = raw
                .action
                .as_deref()
                .unwrap_or("did something")
                .replace('_', " ");
            let text = if text.is_empty() {
                format!("{actor} {action}")
            } else {
                format!("{actor} {action}: {text}")
            };
            self.conversation.messages.push(Message {
                sender: None,
                time,
                text,
                kind: MessageKind::System,
                edited: false,
                attachments: Vec::new(),
                line,
                reply_to: None,
            });
            return;
        }
        let shown = raw.from.as_deref().unwrap_or("Deleted Account");
        let sender = self.conversation.participant_id(shown.trim(), || {
            classify_with_default(shown, SenderIdentity::ProfileName).identity
        });
        if let Some(from_id) = raw.from_id.as_ref().and_then(Scalar::as_text)
            && !self.from_ids.iter().any(|(id, _)| *id == sender)
        {
            self.from_ids.push((sender, from_id.into_owned()));
        }
        let mut attachments = Vec::new();
        if let Some(photo) = raw.photo.as_deref() {
            attachments.push(Attachment {
                kind: MediaKind::Image,
                file_name: exported_file(photo),
                sha256: None,
            });
        }
        if let Some(file) = raw.file.as_deref() {
            let kind = match raw.media_type.as_deref() {
                Some("sticker") => MediaKind::Sticker,
                Some("animation") => MediaKind::Gif,
                Some("video_file" | "video_message") => MediaKind::Video,
                Some("voice_message" | "audio_file") => MediaKind::Audio,
                _ => MediaKind::from_file_name(file),
            };
            attachments.push(Attachment {
                kind,
                file_name: exported_file(file),
                sha256: None,
            });
        }
        self.conversation.messages.push(Message {
            sender: Some(sender),
            time,
            text,
            kind: MessageKind::Normal,
            edited: raw.edited.is_some(),
            attachments,
            line,
            reply_to: None,
        });
    }
}

/// Telegram writes a placeholder sentence where a file was not exported.
fn exported_file(path: &str) -> Option<String> {
    (!path.starts_with('(')).then(|| path.to_owned())
}

/// Streams a chat object: `name`, `type`, `messages` (element by element).
struct ChatSeed<'o> {
    options: &'o ParseOptions,
}

impl<'de> DeserializeSeed<'de> for ChatSeed<'_> {
    type Value = Chat;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Chat, D::Error> {
        deserializer.deserialize_map(ChatVisitor {
            options: self.options,
            export: None,
        })
    }
}

/// Visits a chat object; at the top level it also collects the "export all data" sections.
struct ChatVisitor<'o, 'e> {
    options: &'o ParseOptions,
    export: Option<&'e mut Export>,
}

impl<'de> Visitor<'de> for ChatVisitor<'_, '_> {
    type Value = Chat;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Telegram chat object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Chat, A::Error> {
        let mut chat = Chat::new();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match (key.as_ref(), self.export.as_deref_mut()) {
                ("name", _) => chat.conversation.title = map.next_value::<Option<String>>()?,
                ("type", _) => chat.chat_type = map.next_value::<Option<String>>()?,
                ("messages", _) => map.next_value_seed(MessagesSeed {
                    chat: &mut chat,
                    options: self.options,
                })?,
                ("chats", Some(export)) => {
                    export.chats = map.next_value_seed(ChatListSeed {
                        options: self.options,
                    })?;
                }
                ("personal_information", Some(export)) => export.me = map.next_value()?,
                ("contacts", Some(export)) => {
                    let contacts: Contacts = map.next_value()?;
                    export.contacts = contacts
                        .list
                        .into_iter()
                        .map(|c| {
                            format!("{} {}", c.first_name, c.last_name)
                                .trim()
                                .to_owned()
                        })
                        .collect();
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(chat)
    }
}

struct MessagesSeed<'c, 'o> {
    chat: &'c mut Chat,
    options: &'o ParseOptions,
}

impl<'de> DeserializeSeed<'de> for MessagesSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for MessagesSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of messages")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(raw) = seq.next_element::<RawMessage<'de>>()? {
            if self.chat.conversation.messages.len() >= self.options.max_messages {
                return Err(de::Error::custom(format!(
                    "more than {} messages",
                    self.options.max_messages
                )));
            }
            self.chat.add(raw);
        }
        Ok(())
    }
}

/// `chats: {list: [chat, …]}`.
struct ChatListSeed<'o> {
    options: &'o ParseOptions,
}

impl<'de> DeserializeSeed<'de> for ChatListSeed<'_> {
    type Value = Vec<Chat>;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Vec<Chat>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ChatListSeed<'_> {
    type Value = Vec<Chat>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with a list of chats")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Chat>, A::Error> {
        let mut chats = Vec::new();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "list" {
                chats = map.next_value_seed(ChatSeqSeed {
                    options: self.options,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(chats)
    }
}

struct ChatSeqSeed<'o> {
    options: &'o ParseOptions,
}

impl<'de> DeserializeSeed<'de> for ChatSeqSeed<'_> {
    type Value = Vec<Chat>;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Vec<Chat>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ChatSeqSeed<'_> {
    type Value = Vec<Chat>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of chats")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Chat>, A::Error> {
        let mut chats = Vec::new();
        while let Some(chat) = seq.next_element_seed(ChatSeed {
            options: self.options,
        })? {
            chats.push(chat);
        }
        Ok(chats)
    }
}

struct TopSeed<'o, 'e> {
    options: &'o ParseOptions,
    export: &'e mut Export,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_, '_> {
    type Value = Chat;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Chat, D::Error> {
        deserializer.deserialize_map(ChatVisitor {
            options: self.options,
            export: Some(self.export),
        })
    }
}

/// Parses a Telegram Desktop export.
pub(crate) fn parse(text: &str, options: &ParseOptions) -> Result<Vec<Conversation>, ParseError> {
    let mut export = Export::default();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let top = TopSeed {
        options,
        export: &mut export,
    }
    .deserialize(&mut deserializer)
    .map_err(|e| json_error(&e))?;
    deserializer.end().map_err(|e| json_error(&e))?;
    let mut chats = std::mem::take(&mut export.chats);
    let single = chats.is_empty();
    if single {
        chats.push(top);
    }
    let my_id = export.me.user_id.map(|id| format!("user{id}"));
    let my_name = [
        export.me.first_name.as_deref(),
        export.me.last_name.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let total = chats.len();
    let mut conversations = Vec::new();
    for (index, chat) in chats.into_iter().enumerate() {
        let mut conversation = finish(chat, my_id.as_deref(), &my_name, &export.contacts, options);
        if !single {
            let name = conversation
                .title
                .clone()
                .unwrap_or_else(|| "unnamed chat".to_owned());
            conversation.source = Some(format!("chat {} of {total}: {name}", index + 1));
        }
        if conversation
            .messages
            .iter()
            .any(|m| m.kind == MessageKind::Normal)
        {
            conversations.push(conversation);
        }
    }
    Ok(conversations)
}

/// Works out the reporter and saved contacts once a chat is complete.
fn finish(
    chat: Chat,
    my_id: Option<&str>,
    my_name: &str,
    contacts: &[String],
    options: &ParseOptions,
) -> Conversation {
    let Chat {
        mut conversation,
        from_ids,
        chat_type,
    } = chat;
    for participant in &mut conversation.participants {
        if contacts
            .iter()
            .any(|c| c.eq_ignore_ascii_case(&participant.display))
        {
            participant.identity = SenderIdentity::SavedContact;
        }
    }
    let by_name = |name: &str| conversation.participant_named(name);
    conversation.reporter = if let Some(me) = options.me.as_deref() {
        by_name(me)
    } else if let Some(id) = my_id
        .and_then(|my| from_ids.iter().find(|(_, f)| f == my))
        .map(|(id, _)| *id)
    {
        Some(id)
    } else if !my_name.is_empty() && by_name(my_name).is_some() {
        by_name(my_name)
    } else if chat_type.as_deref() == Some("personal_chat") {
        // A personal chat is named after the other party: the reporter is whoever else wrote.
        let title = conversation.title.clone().unwrap_or_default();
        let other = conversation
            .participants
            .iter()
            .position(|p| p.display.eq_ignore_ascii_case(title.trim()));
        match other {
            Some(other) if conversation.participants.len() == 2 => Some(ParticipantId(1 - other)),
            _ => None,
        }
    } else {
        None
    };
    if let Some(reporter) = conversation
        .reporter
        .and_then(|r| conversation.participants.get_mut(r.0))
    {
        // The reporter is not a stranger to themselves.
        reporter.identity = SenderIdentity::SavedContact;
    }
    conversation
}
