//! The entry point: any bytes a reporter hands us, to a [`Conversation`] or a clear error.
//! The format is told from the content, never from the file extension, because reporters
//! rename, forward and re-save files.

use std::io::{Cursor, Read};

use sha2::{Digest, Sha256};

use crate::decode::decode_text;
use crate::model::{Conversation, MediaFile, MediaKind};
use crate::{ParseError, plain_text, whatsapp};

/// Limits and hints for one parse. Limits exist because reports come from strangers.
#[derive(Debug, Clone)]
pub struct ParseOptions {
    /// Largest input accepted, in bytes (the `--max-size` flag).
    pub max_input_bytes: u64,
    /// Largest total an archive may expand to; past it the archive is refused as a bomb.
    pub max_expanded_bytes: u64,
    /// Most entries an archive may hold.
    pub max_archive_entries: usize,
    /// The reporter's name as it appears in the chat (`--me`), overriding the guess.
    pub me: Option<String>,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self::with_max_input(100 * 1024 * 1024)
    }
}

impl ParseOptions {
    /// Options whose archive limits follow from the input limit: media in a chat export is
    /// already compressed, so a real export expands little, and a bomb expands a lot.
    pub fn with_max_input(max_input_bytes: u64) -> Self {
        Self {
            max_input_bytes,
            max_expanded_bytes: max_input_bytes.saturating_mul(4).max(64 * 1024 * 1024),
            max_archive_entries: 20_000,
            me: None,
        }
    }
}

/// Parses one input. `name` is the file name the user gave (or `-`); it is used only for hints
/// such as "WhatsApp Chat with +44 7700 900123", never to choose the format.
pub fn parse_bytes(
    name: &str,
    bytes: &[u8],
    options: &ParseOptions,
) -> Result<Conversation, ParseError> {
    let size = bytes.len() as u64;
    if size > options.max_input_bytes {
        return Err(ParseError::TooLarge {
            size,
            limit: options.max_input_bytes,
        });
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return parse_zip(name, bytes, options);
    }
    let text = decode_text(bytes)?;
    parse_text(name, &text, options)
}

fn parse_text(name: &str, text: &str, options: &ParseOptions) -> Result<Conversation, ParseError> {
    let hint = chat_partner_from_file_name(name);
    if whatsapp::looks_like(text) {
        return Ok(whatsapp::parse(
            text,
            hint.as_deref(),
            options.me.as_deref(),
        ));
    }
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(plain_text::parse(text, options.me.as_deref()))
}

/// WhatsApp names its exports after the other party: "WhatsApp Chat with Charlie.txt" on
/// Android, "WhatsApp Chat - Charlie.zip" on iOS. That is the best clue to who the reporter is.
pub(crate) fn chat_partner_from_file_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base
        .strip_suffix(".txt")
        .or_else(|| base.strip_suffix(".zip"))
        .unwrap_or(base);
    let partner = stem
        .strip_prefix("WhatsApp Chat with ")
        .or_else(|| stem.strip_prefix("WhatsApp Chat - "))?;
    // Browsers add " (1)" to repeated downloads.
    let partner = match partner.rfind(" (") {
        Some(i) if partner.ends_with(')') => partner.get(..i).unwrap_or(partner),
        _ => partner,
    };
    let partner = partner.trim();
    (!partner.is_empty()).then(|| partner.to_owned())
}

/// Reads a WhatsApp "Export chat" zip: the chat text plus media files. Media are hashed as
/// they stream past and never held whole, and every read is bounded so that a zip bomb is
/// refused after reading at most the limit.
fn parse_zip(name: &str, bytes: &[u8], options: &ParseOptions) -> Result<Conversation, ParseError> {
    let zip_error = |e: zip::result::ZipError| ParseError::Zip {
        detail: e.to_string(),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    if archive.len() > options.max_archive_entries {
        return Err(ParseError::ZipTooManyEntries {
            limit: options.max_archive_entries,
        });
    }
    let mut budget = options.max_expanded_bytes;
    let mut chat: Option<(String, String)> = None;
    let mut media = Vec::new();
    let mut names = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(zip_error)?;
        if entry.is_dir() {
            continue;
        }
        let entry_name = entry.name().map_or_else(
            |_| String::from_utf8_lossy(entry.name_raw()).into_owned(),
            |n| n.into_owned(),
        );
        names.push(entry_name.clone());
        let base = entry_name
            .rsplit('/')
            .next()
            .unwrap_or(&entry_name)
            .to_owned();
        let is_chat = base == "_chat.txt"
            || (base.starts_with("WhatsApp Chat") && base.ends_with(".txt"))
            || (chat.is_none() && base.ends_with(".txt") && !base.starts_with('.'));
        let bomb = || ParseError::ZipBomb {
            entry: entry_name.clone(),
            limit: options.max_expanded_bytes,
        };
        if entry.size() > budget {
            return Err(bomb());
        }
        let mut limited = (&mut entry).take(budget + 1);
        if is_chat {
            let mut raw = Vec::new();
            limited.read_to_end(&mut raw).map_err(|e| ParseError::Zip {
                detail: format!("entry '{entry_name}': {e}"),
            })?;
            let used = raw.len() as u64;
            if used > budget {
                return Err(bomb());
            }
            budget -= used;
            let text = decode_text(&raw)?;
            let prefer = base == "_chat.txt" || base.starts_with("WhatsApp Chat");
            if chat.is_none() || prefer {
                chat = Some((base, text));
            }
        } else {
            let (size, sha256) = hash_stream(&mut limited).map_err(|e| ParseError::Zip {
                detail: format!("entry '{entry_name}': {e}"),
            })?;
            if size > budget {
                return Err(bomb());
            }
            budget -= size;
            media.push(MediaFile {
                kind: MediaKind::from_file_name(&base),
                name: base,
                size,
                sha256,
            });
        }
    }
    let Some((chat_name, text)) = chat else {
        let found = if names.is_empty() {
            "no files".to_owned()
        } else {
            let mut shown: Vec<_> = names.iter().take(5).cloned().collect();
            if names.len() > 5 {
                shown.push(format!("and {} more", names.len() - 5));
            }
            shown.join(", ")
        };
        return Err(ParseError::ZipWithoutChat { found });
    };
    let hint_name = if chat_name == "_chat.txt" {
        name
    } else {
        chat_name.as_str()
    };
    let mut conversation = parse_text(hint_name, &text, options)?;
    if conversation.title.is_none() {
        conversation.title = chat_partner_from_file_name(name);
    }
    link_attachments(&mut conversation, &media);
    conversation.media_files = media;
    Ok(conversation)
}

fn hash_stream(reader: &mut impl Read) -> std::io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buffer = [0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = reader.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(buffer.get(..n).unwrap_or_default());
    }
    Ok((size, hex::encode(hasher.finalize())))
}

/// Gives each attachment marker the hash of the file it names, when the archive held it.
fn link_attachments(conversation: &mut Conversation, media: &[MediaFile]) {
    for message in &mut conversation.messages {
        for attachment in &mut message.attachments {
            if let Some(file) = attachment
                .file_name
                .as_ref()
                .and_then(|n| media.iter().find(|m| &m.name == n))
            {
                attachment.sha256 = Some(file.sha256.clone());
                if attachment.kind == MediaKind::Unknown {
                    attachment.kind = file.kind;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_from_export_names() {
        let cases = [
            (
                "WhatsApp Chat with +44 7700 900123.zip",
                Some("+44 7700 900123"),
            ),
            ("/tmp/x/WhatsApp Chat with Charlie.txt", Some("Charlie")),
            ("WhatsApp Chat - Abi (1).zip", Some("Abi")),
            ("_chat.txt", None),
            ("WhatsApp Chat with .txt", None),
        ];
        for (name, want) in cases {
            assert_eq!(chat_partner_from_file_name(name).as_deref(), want, "{name}");
        }
    }

    #[test]
    fn size_limit_is_checked_first() {
        let options = ParseOptions::with_max_input(4);
        assert_eq!(
            parse_bytes("x", b"hello", &options),
            Err(ParseError::TooLarge { size: 5, limit: 4 })
        );
    }
}
