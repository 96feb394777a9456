//! Zip archives: a WhatsApp "Export chat" (the chat text plus media) or a zip of exports that a
//! security team collected. Media are hashed as they stream past and never held whole, and
//! every read is bounded, so a zip bomb is refused after reading at most the limit.

use std::io::{Cursor, Read};

use sha2::{Digest, Sha256};

use crate::ParseError;
use crate::model::{Conversation, MediaFile, MediaKind};
use crate::parse::{ParseOptions, chat_partner_from_file_name, parse_single};

/// Archives inside archives are followed this deep (a zip of WhatsApp zips), no deeper.
const MAX_NESTING: usize = 2;

/// Past this many bytes, an entry that has expanded more than [`MAX_RATIO`] times its
/// compressed size is a bomb. Media are already compressed (about 1:1) and chat text about
/// 5:1; deflate's ceiling is about 1030:1, which is what bombs use.
const RATIO_CHECK_AFTER: u64 = 16 << 20;
const MAX_RATIO: u64 = 200;

/// The error a [`RatioGuard`] raises, told apart from real read errors.
#[derive(Debug)]
struct ExpansionRatio;

impl std::fmt::Display for ExpansionRatio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "expands more than {MAX_RATIO} times its compressed size")
    }
}

impl std::error::Error for ExpansionRatio {}

/// Stops reading an entry as soon as its expansion ratio gives it away, so a bomb costs
/// milliseconds instead of the whole expansion budget.
struct RatioGuard<R> {
    inner: R,
    compressed: u64,
    read: u64,
}

impl<R: Read> Read for RatioGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > RATIO_CHECK_AFTER && self.read > self.compressed.saturating_mul(MAX_RATIO) {
            return Err(std::io::Error::other(ExpansionRatio));
        }
        Ok(n)
    }
}

fn is_ratio_error(e: &std::io::Error) -> bool {
    e.get_ref()
        .is_some_and(|inner| inner.is::<ExpansionRatio>())
}

pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// A file read out of the archive: small text-like entries keep their bytes, media only a hash.
enum Entry {
    Data { name: String, bytes: Vec<u8> },
    Media(MediaFile),
}

fn zip_error(e: zip::result::ZipError) -> ParseError {
    ParseError::Zip {
        detail: e.to_string(),
    }
}

/// File endings that are chat exports (or archives of them) rather than media.
fn is_export_name(base: &str) -> bool {
    let lower = base.to_ascii_lowercase();
    [".txt", ".json", ".xml", ".eml", ".mbox", ".zip", ".html"]
        .iter()
        .any(|e| lower.ends_with(e))
        || !lower.contains('.')
}

/// Reads every entry under the expansion budget.
fn read_entries(bytes: &[u8], options: &ParseOptions) -> Result<Vec<Entry>, ParseError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    if archive.len() > options.max_archive_entries {
        return Err(ParseError::ZipTooManyEntries {
            limit: options.max_archive_entries,
        });
    }
    let mut budget = options.max_expanded_bytes;
    let mut entries = Vec::new();
    for index in 0..archive.len() {
        let entry = archive.by_index(index).map_err(zip_error)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_or_else(
            |_| String::from_utf8_lossy(entry.name_raw()).into_owned(),
            |n| n.into_owned(),
        );
        let base = name.rsplit('/').next().unwrap_or(&name).to_owned();
        if base.starts_with('.') || name.starts_with("__MACOSX/") {
            continue;
        }
        let bomb = || ParseError::ZipBomb {
            entry: name.clone(),
            detail: format!(
                "expands past the limit of {} bytes",
                options.max_expanded_bytes
            ),
        };
        if entry.size() > budget {
            return Err(bomb());
        }
        let compressed = entry.compressed_size();
        let mut entry = RatioGuard {
            inner: entry,
            compressed,
            read: 0,
        };
        let read_error = |e: std::io::Error| {
            if is_ratio_error(&e) {
                ParseError::ZipBomb {
                    entry: name.clone(),
                    detail: ExpansionRatio.to_string(),
                }
            } else {
                ParseError::Zip {
                    detail: format!("entry '{name}': {e}"),
                }
            }
        };
        if is_export_name(&base) {
            // Text is kept in memory to be parsed, so it gets the input limit, not the budget.
            let limit = budget.min(options.max_input_bytes);
            let mut data = Vec::new();
            (&mut entry)
                .take(limit + 1)
                .read_to_end(&mut data)
                .map_err(read_error)?;
            let used = data.len() as u64;
            if used > limit {
                return Err(if used > budget {
                    bomb()
                } else {
                    ParseError::TooLarge { size: used, limit }
                });
            }
            budget -= used;
            entries.push(Entry::Data { name, bytes: data });
        } else {
            let (size, sha256) =
                hash_stream(&mut (&mut entry).take(budget + 1)).map_err(read_error)?;
            if size > budget {
                return Err(bomb());
            }
            budget -= size;
            entries.push(Entry::Media(MediaFile {
                kind: MediaKind::from_file_name(&base),
                name: base,
                size,
                sha256,
            }));
        }
    }
    Ok(entries)
}

/// Parses a zip: one WhatsApp export, or one result per export inside.
pub(crate) fn parse_zip(
    name: &str,
    bytes: &[u8],
    options: &ParseOptions,
    depth: usize,
) -> Vec<Result<Conversation, ParseError>> {
    let entries = match read_entries(bytes, options) {
        Ok(entries) => entries,
        Err(e) => return vec![Err(e)],
    };
    let media: Vec<MediaFile> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Media(m) => Some(m.clone()),
            Entry::Data { .. } => None,
        })
        .collect();
    // One chat file (with or without media beside it) is one export: WhatsApp's `_chat.txt`,
    // Telegram's `result.json`. Several are a collection of exports, each parsed alone.
    let data_count = entries
        .iter()
        .filter(|e| matches!(e, Entry::Data { .. }))
        .count();
    let export_index = (data_count == 1)
        .then(|| entries.iter().position(|e| matches!(e, Entry::Data { .. })))
        .flatten();
    if let Some(Some(Entry::Data {
        name: chat_name,
        bytes: chat,
    })) = export_index.map(|i| entries.get(i))
    {
        let base = chat_name.rsplit('/').next().unwrap_or(chat_name);
        let hint_name = if base == "_chat.txt" { name } else { base };
        return match parse_single(hint_name, chat, options) {
            Ok(mut conversations) => {
                for c in &mut conversations {
                    if c.title.is_none() {
                        c.title = chat_partner_from_file_name(name);
                    }
                    link_attachments(c, &media);
                    c.media_files.clone_from(&media);
                }
                conversations.into_iter().map(Ok).collect()
            }
            Err(e) => vec![Err(e)],
        };
    }
    if data_count == 0 {
        let mut names: Vec<String> = media.iter().take(5).map(|m| m.name.clone()).collect();
        if media.len() > 5 {
            names.push(format!("and {} more", media.len() - 5));
        }
        let found = if names.is_empty() {
            "no files".to_owned()
        } else {
            names.join(", ")
        };
        return vec![Err(ParseError::ZipWithoutChat { found })];
    }
    // A zip of exports: each entry is an input of its own.
    let mut results = Vec::new();
    for entry in entries {
        let Entry::Data {
            name: entry_name,
            bytes,
        } = entry
        else {
            continue;
        };
        let wrap = |e: ParseError| ParseError::InArchive {
            entry: entry_name.clone(),
            source: Box::new(e),
        };
        let inner: Vec<Result<Conversation, ParseError>> = if is_zip(&bytes) {
            if depth + 1 >= MAX_NESTING {
                vec![Err(ParseError::Zip {
                    detail: format!("archives nested more than {MAX_NESTING} deep"),
                })]
            } else {
                parse_zip(&entry_name, &bytes, options, depth + 1)
            }
        } else {
            match parse_single(&entry_name, &bytes, options) {
                Ok(cs) => cs.into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            }
        };
        for result in inner {
            results.push(result.map_err(wrap).map(|mut c| {
                let inner_source = c.source.take();
                c.source = Some(match inner_source {
                    Some(s) => format!("{entry_name}: {s}"),
                    None => entry_name.clone(),
                });
                c
            }));
        }
    }
    results
}

fn hash_stream(reader: &mut impl Read) -> std::io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
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
            let named = attachment.file_name.as_ref().and_then(|n| {
                let base = n.rsplit('/').next().unwrap_or(n);
                media.iter().find(|m| m.name == base)
            });
            if let Some(file) = named {
                attachment.sha256 = Some(file.sha256.clone());
                if attachment.kind == MediaKind::Unknown {
                    attachment.kind = file.kind;
                }
            }
        }
    }
}
