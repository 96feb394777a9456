//! How a report reached its reporter: by e-mail, or as a message (a text, a chat, a pasted
//! text). Two things differ by channel. The model scores e-mail with a head of its own, since
//! the single-text head learnt ham from SMS; and some words mean different things: "click
//! here <link>" from an unknown number is the smishing pattern, while in e-mail it closes
//! every newsletter, so a rule can say which channels it counts in.

use lurewatch_core::{Conversation, Format};
use serde::Deserialize;

/// The channel of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// A text message, a chat, a pasted text: anything that is not e-mail.
    Message,
    /// An `.eml` file or a mailbox.
    Email,
}

impl Channel {
    /// Every channel, in the order rule files name them.
    pub const ALL: [Channel; 2] = [Channel::Message, Channel::Email];
}

/// The channel a conversation came by, from the format it was parsed from.
pub fn channel_of(conversation: &Conversation) -> Channel {
    if matches!(conversation.format, Format::Eml | Format::Mbox) {
        Channel::Email
    } else {
        Channel::Message
    }
}
