//! Why an input could not be read at all. Recoverable oddities inside a readable input are
//! [`crate::Diagnostic`]s instead: a malformed export is still evidence.

use thiserror::Error;

/// An input that cannot be turned into a conversation. Each variant says where and why, so
/// that the user is told which file and which place is at fault.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ParseError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes, over the limit of {limit} bytes (raise it with --max-size)")]
    TooLarge { size: u64, limit: u64 },
    #[error("binary data, not a chat export (NUL byte at offset {offset})")]
    Binary { offset: usize },
    #[error(
        "not UTF-8 text: invalid byte at line {line}, offset {offset} (re-export the chat, or save it as UTF-8 or UTF-16 with a BOM)"
    )]
    InvalidUtf8 { offset: usize, line: usize },
    #[error("not valid UTF-16: {detail}")]
    InvalidUtf16 { detail: String },
    #[error("corrupt or unreadable zip archive: {detail}")]
    Zip { detail: String },
    #[error(
        "zip archive holds no chat file (expected _chat.txt or 'WhatsApp Chat with ….txt'; found {found})"
    )]
    ZipWithoutChat { found: String },
    #[error("zip archive entry '{entry}' {detail} (possible zip bomb)")]
    ZipBomb { entry: String, detail: String },
    #[error("zip archive has more than {limit} entries")]
    ZipTooManyEntries { limit: usize },
    #[error("no messages found")]
    NoMessages,
    #[error("invalid JSON at line {line}, column {column}: {detail}")]
    Json {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("JSON that is not a chat export lurewatch knows ({detail})")]
    UnsupportedJson { detail: String },
    #[error("invalid XML at byte {position}: {detail}")]
    Xml { position: u64, detail: String },
    #[error(
        "XML with a document type declaration (DTD) is refused: entity declarations can expand without bound or read local files"
    )]
    XmlDtd,
    #[error("XML that is not an SMS Backup & Restore file (root element <{root}>)")]
    UnsupportedXml { root: String },
    #[error("XML nested deeper than {limit} elements at byte {position}")]
    XmlTooDeep { position: u64, limit: usize },
    #[error("not a readable e-mail message{detail}")]
    Email { detail: String },
    #[error("more than {limit} messages (raise the limit with --max-messages)")]
    TooManyMessages { limit: usize },
    #[error("archive entry '{entry}': {source}")]
    InArchive {
        entry: String,
        source: Box<ParseError>,
    },
}
