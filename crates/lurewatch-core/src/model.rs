//! The normalised conversation every parser produces. Plain Rust types: serialisation belongs
//! to the edges (the CLI's JSON, the server's DTOs), not here.

use crate::LocalDateTime;

/// Which export format a conversation was read from. The ids are the `format` field of
/// `scan --format json` and so are a public interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Whatsapp,
    Telegram,
    Signal,
    SmsXml,
    Instagram,
    Messenger,
    Discord,
    Eml,
    Mbox,
    Text,
}

impl Format {
    pub const ALL: [Format; 10] = [
        Format::Whatsapp,
        Format::Telegram,
        Format::Signal,
        Format::SmsXml,
        Format::Instagram,
        Format::Messenger,
        Format::Discord,
        Format::Eml,
        Format::Mbox,
        Format::Text,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Format::Whatsapp => "whatsapp",
            Format::Telegram => "telegram",
            Format::Signal => "signal",
            Format::SmsXml => "sms-xml",
            Format::Instagram => "instagram",
            Format::Messenger => "messenger",
            Format::Discord => "discord",
            Format::Eml => "eml",
            Format::Mbox => "mbox",
            Format::Text => "text",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Whatsapp => "WhatsApp export",
            Format::Telegram => "Telegram export",
            Format::Signal => "Signal export",
            Format::SmsXml => "SMS Backup & Restore file",
            Format::Instagram => "Instagram export",
            Format::Messenger => "Messenger export",
            Format::Discord => "Discord export",
            Format::Eml => "e-mail",
            Format::Mbox => "mailbox",
            Format::Text => "pasted text",
        }
    }
}

/// Index of a participant in [`Conversation::participants`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ParticipantId(pub usize);

/// How a sender appeared to the person who reported the chat. This is the signal behind the
/// `unknown-sender` tactic: apps show a saved contact by the name the owner gave it, and
/// anyone else by their number or by a name they chose themselves.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SenderIdentity {
    /// Shown by a name the reporter saved: a known person (or at least a known number).
    SavedContact,
    /// Shown as a raw phone number: not in the reporter's contacts. Holds the number as shown.
    RawNumber(String),
    /// Shown by a profile name the sender chose (WhatsApp's `~ Name`): not a saved contact.
    ProfileName,
    /// Nothing tells who sent it (free pasted text): treated as not a saved contact.
    Unknown,
    /// Shown by an e-mail address (held here, lower case); the display name is the sender's
    /// own choice, and nothing says whether the address is in the reporter's address book.
    Email(String),
}

impl SenderIdentity {
    pub fn is_saved_contact(&self) -> bool {
        matches!(self, SenderIdentity::SavedContact)
    }

    /// An e-mail sender on a free provider's domain (`crate::FREE_MAIL_DOMAINS`).
    pub fn is_free_mail(&self) -> bool {
        matches!(self, SenderIdentity::Email(address) if crate::is_free_mail_address(address))
    }
}

/// A person in the conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// The name or number exactly as the export shows it (directional marks removed).
    pub display: String,
    pub identity: SenderIdentity,
}

/// What a message is, beyond its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// Something a participant wrote or sent.
    Normal,
    /// A line the app wrote itself: encryption notices, group events, missed calls.
    System,
    /// A message its sender deleted; its text is gone.
    Deleted,
}

/// The broad kind of an attached file, guessed from the marker or the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaKind {
    Image,
    Video,
    Audio,
    Sticker,
    Gif,
    Document,
    Contact,
    /// The export says media was there but not what (`<Media omitted>`).
    Unknown,
}

impl MediaKind {
    pub fn id(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Video => "video",
            MediaKind::Audio => "audio",
            MediaKind::Sticker => "sticker",
            MediaKind::Gif => "gif",
            MediaKind::Document => "document",
            MediaKind::Contact => "contact",
            MediaKind::Unknown => "media",
        }
    }

    /// Guesses the kind from a file name as WhatsApp writes them
    /// (`IMG-20240101-WA0001.jpg`, `00000012-PHOTO-2024-….jpg`, `PTT-….opus`).
    pub fn from_file_name(name: &str) -> MediaKind {
        let lower = name.to_ascii_lowercase();
        let ext = lower.rsplit('.').next().unwrap_or("");
        if lower.contains("sticker") || ext == "webp" {
            return MediaKind::Sticker;
        }
        if lower.contains("-gif-") || ext == "gif" {
            return MediaKind::Gif;
        }
        match ext {
            "jpg" | "jpeg" | "png" | "heic" | "bmp" | "tif" | "tiff" => MediaKind::Image,
            "mp4" | "mov" | "3gp" | "mkv" | "avi" | "webm" => MediaKind::Video,
            "opus" | "ogg" | "mp3" | "m4a" | "aac" | "wav" | "amr" => MediaKind::Audio,
            "vcf" => MediaKind::Contact,
            "pdf" | "doc" | "docx" | "xls" | "xlsx" | "ppt" | "pptx" | "txt" | "zip" => {
                MediaKind::Document
            }
            _ => MediaKind::Unknown,
        }
    }
}

/// Media a message refers to. The media itself is never kept: at most its hash, computed from
/// the file in the export archive and then discarded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub kind: MediaKind,
    /// The file name the export gives, when it gives one.
    pub file_name: Option<String>,
    /// SHA-256 of the file, when the archive held it.
    pub sha256: Option<String>,
}

/// One message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// `None` for system lines, which no participant wrote.
    pub sender: Option<ParticipantId>,
    pub time: Option<LocalDateTime>,
    /// The text as written, with media markers and edit markers taken out.
    pub text: String,
    pub kind: MessageKind,
    pub edited: bool,
    pub attachments: Vec<Attachment>,
    /// 1-based line in the source where the message starts.
    pub line: usize,
    /// Where replies go when that differs from the sender (an e-mail's `Reply-To`).
    pub reply_to: Option<String>,
}

impl Message {
    /// An ordinary message without time, edits, attachments or a reply address: what tests,
    /// benchmarks and labelled-set loaders build.
    pub fn normal(sender: Option<ParticipantId>, text: impl Into<String>, line: usize) -> Message {
        Message {
            sender,
            time: None,
            text: text.into(),
            kind: MessageKind::Normal,
            edited: false,
            attachments: Vec::new(),
            line,
            reply_to: None,
        }
    }
}

/// A file found inside an export archive: hashed, counted, then dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    pub name: String,
    pub size: u64,
    pub sha256: String,
    pub kind: MediaKind,
}

/// Something odd about the input that did not stop it from being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    pub message: String,
}

/// One exported chat, whatever app it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    pub format: Format,
    /// The chat's name, when the export or its file name gives one.
    pub title: Option<String>,
    /// Where in the input this conversation came from, when the input held several: the
    /// archive entry, or the chat's place in a multi-chat export.
    pub source: Option<String>,
    pub participants: Vec<Participant>,
    pub messages: Vec<Message>,
    /// The participant who reported the chat, when it can be told.
    pub reporter: Option<ParticipantId>,
    /// Addresses the reported messages were sent to (an e-mail's recipients, a mailbox's
    /// owner), lower case: the reporter's own, so never an indicator about the sender, even
    /// where the message claims to come from one of them (sextortion is often sent "from" the
    /// victim's own address) or quotes it.
    pub reporter_addresses: Vec<String>,
    pub media_files: Vec<MediaFile>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Conversation {
    /// An empty conversation of a format, for parsers to fill.
    pub fn new(format: Format) -> Conversation {
        Conversation {
            format,
            title: None,
            source: None,
            participants: Vec::new(),
            messages: Vec::new(),
            reporter: None,
            reporter_addresses: Vec::new(),
            media_files: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// The id of the participant shown as `display`, adding it with `identity` if new.
    pub fn participant_id(
        &mut self,
        display: &str,
        identity: impl FnOnce() -> SenderIdentity,
    ) -> ParticipantId {
        match self.participants.iter().position(|p| p.display == display) {
            Some(i) => ParticipantId(i),
            None => {
                self.participants.push(Participant {
                    display: display.to_owned(),
                    identity: identity(),
                });
                ParticipantId(self.participants.len() - 1)
            }
        }
    }

    pub fn participant(&self, id: ParticipantId) -> Option<&Participant> {
        self.participants.get(id.0)
    }

    /// The participant shown as `name`, ignoring case and surrounding space (for `--me` and
    /// for the chat titles exports are named after).
    pub fn participant_named(&self, name: &str) -> Option<ParticipantId> {
        let name = name.trim();
        self.participants
            .iter()
            .position(|p| p.display.eq_ignore_ascii_case(name))
            .map(ParticipantId)
    }

    /// The participant a message came from, if any.
    pub fn sender_of(&self, message: &Message) -> Option<&Participant> {
        message.sender.and_then(|id| self.participant(id))
    }

    /// True when the message's sender is one of the reporter's saved contacts.
    pub fn is_from_saved_contact(&self, message: &Message) -> bool {
        self.sender_of(message)
            .is_some_and(|p| p.identity.is_saved_contact())
    }

    /// True when the message's sender is known and not one of the reporter's saved contacts
    /// (a message without a sender is neither this nor [`Self::is_from_saved_contact`]).
    pub fn is_from_stranger(&self, message: &Message) -> bool {
        self.sender_of(message)
            .is_some_and(|p| !p.identity.is_saved_contact())
    }

    /// True when the message was written by someone other than the reporter: the messages
    /// lurewatch scores. When the reporter is unknown, every participant counts as external.
    pub fn is_external(&self, message: &Message) -> bool {
        message.sender.is_some() && message.sender != self.reporter
    }
}
