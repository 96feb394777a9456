//! The lurewatch domain model and the parsers that produce it.
//!
//! Every input format a target may hand us (a WhatsApp export, pasted text, later Telegram,
//! SMS backups, e-mail) becomes the same [`Conversation`], so that detection and linking never
//! need to know where a report came from. This crate does no I/O beyond reading the bytes it is
//! handed and has no async: it is the part that meets hostile input first, so it returns values
//! plus diagnostics and never panics.
//!
//! Architecture Invariant: nothing here panics on any input; slicing is checked.

#![cfg_attr(not(test), deny(clippy::indexing_slicing))]

mod archive;
pub mod bounded_read;
mod decode;
mod discord;
mod email;
mod error;
mod free_mail;
mod html;
mod identity;
mod indicator;
mod link_types;
mod meta;
mod model;
mod parse;
mod sms_xml;
mod tactic;
mod telegram;
mod time;
mod verdict;

pub mod plain_text;
pub mod random;
pub mod render;
pub mod whatsapp;

pub use error::ParseError;
pub use free_mail::{FREE_MAIL_DOMAINS, is_free_mail_address};
pub use indicator::{Indicator, IndicatorKind};
pub use link_types::{Candidate, Edge, Signature};
pub use model::{
    Attachment, Conversation, Diagnostic, Format, MediaFile, MediaKind, Message, MessageKind,
    Participant, ParticipantId, SenderIdentity,
};
pub use parse::{ParseOptions, parse_bytes, parse_input};
pub use tactic::Tactic;
pub use time::LocalDateTime;
pub use verdict::Verdict;
