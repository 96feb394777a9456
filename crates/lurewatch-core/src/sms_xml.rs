//! SMS Backup & Restore XML, the most used Android SMS backup: `<smses>` holding `<sms>` and
//! `<mms>` elements, one conversation per other party's number.
//!
//! The file comes from a reporter's phone, so it is hostile input: document type declarations
//! are refused outright (no entity expansion, no external entities), nesting is bounded, and
//! MMS media are decoded only to be hashed. The app writes emoji as pairs of UTF-16 surrogate
//! character references (`&#55357;&#56832;`), which strict XML rejects; they are joined here.

use std::collections::HashMap;

use base64::Engine;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use sha2::{Digest, Sha256};

use crate::identity::looks_like_phone_number;
use crate::model::{
    Attachment, Conversation, Format, MediaFile, MediaKind, Message, MessageKind, ParticipantId,
    SenderIdentity,
};
use crate::parse::ParseOptions;
use crate::{LocalDateTime, ParseError};

const MAX_DEPTH: usize = 16;

/// The display name the app writes for numbers that are not in the phone's contacts.
const UNKNOWN_CONTACT: &str = "(Unknown)";

/// Unescapes an attribute value: the five XML entities and numeric references, joining
/// surrogate pairs. Unknown entities are an error, never looked up.
fn unescape(raw: &str) -> Result<String, String> {
    if !raw.contains('&') {
        return Ok(raw.to_owned());
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut pending_high: Option<u32> = None;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        let semi = after
            .find(';')
            .filter(|i| *i <= 10)
            .ok_or_else(|| "unterminated '&'".to_owned())?;
        let entity = after.get(..semi).unwrap_or_default();
        rest = after.get(semi + 1..).unwrap_or_default();
        let code = match entity {
            "lt" => u32::from('<'),
            "gt" => u32::from('>'),
            "amp" => u32::from('&'),
            "quot" => u32::from('"'),
            "apos" => u32::from('\''),
            _ => {
                let number = entity
                    .strip_prefix('#')
                    .ok_or_else(|| format!("unknown entity '&{entity};'"))?;
                let parsed = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16),
                    None => number.parse(),
                };
                parsed.map_err(|_| format!("bad character reference '&{entity};'"))?
            }
        };
        match (pending_high.take(), code) {
            (None, 0xD800..=0xDBFF) => pending_high = Some(code),
            (Some(high), 0xDC00..=0xDFFF) => {
                let c = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00);
                out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
            }
            (high, code) => {
                if high.is_some() {
                    out.push('\u{FFFD}');
                }
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
        }
    }
    if pending_high.is_some() {
        out.push('\u{FFFD}');
    }
    out.push_str(rest);
    Ok(out)
}

fn attributes(
    element: &BytesStart<'_>,
    position: u64,
) -> Result<HashMap<String, String>, ParseError> {
    let mut map = HashMap::new();
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|e| ParseError::Xml {
            position,
            detail: e.to_string(),
        })?;
        let key = attribute.key.as_ref().to_owned();
        let raw = attribute.value;
        let value = unescape(&raw).map_err(|detail| ParseError::Xml {
            position,
            detail: format!("attribute {key}: {detail}"),
        })?;
        map.insert(key, value);
    }
    Ok(map)
}

/// A message read from the file before it is sorted into its conversation.
struct Item {
    address: String,
    contact: Option<String>,
    millis: i64,
    sent: bool,
    text: String,
    attachments: Vec<Attachment>,
    media: Vec<MediaFile>,
    line: usize,
}

/// A key under which one party's messages are gathered: the number's last ten digits, so that
/// `+44 7700 900123` and `07700 900123` are one conversation.
fn party_key(address: &str) -> String {
    let digits: String = address.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 7 {
        digits
            .get(digits.len().saturating_sub(10)..)
            .unwrap_or(&digits)
            .to_owned()
    } else {
        address.trim().to_lowercase()
    }
}

fn is_received(kind: &str) -> bool {
    kind == "1"
}

/// Parses an SMS Backup & Restore file.
pub(crate) fn parse(text: &str, options: &ParseOptions) -> Result<Vec<Conversation>, ParseError> {
    let mut reader = Reader::from_str(text);
    let mut depth = 0usize;
    let mut root_seen = false;
    let mut items: Vec<Item> = Vec::new();
    let mut mms: Option<Item> = None;
    let (mut line, mut counted_to) = (1usize, 0usize);
    loop {
        let position = reader.buffer_position();
        let event = reader.read_event().map_err(|e| ParseError::Xml {
            position,
            detail: e.to_string(),
        })?;
        // Lines are counted incrementally: counting from the start each time is quadratic.
        let at = usize::try_from(position).unwrap_or(0);
        line += text
            .get(counted_to..at)
            .map_or(0, |t| t.bytes().filter(|&b| b == b'\n').count());
        counted_to = counted_to.max(at);
        match event {
            Event::DocType(_) => return Err(ParseError::XmlDtd),
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_start = matches!(event, Event::Start(_));
                let name = e.local_name().as_ref().to_owned();
                if !root_seen {
                    if name != "smses" {
                        return Err(ParseError::UnsupportedXml { root: name });
                    }
                    root_seen = true;
                } else {
                    match name.as_str() {
                        "sms" => {
                            let a = attributes(e, position)?;
                            let get = |k: &str| a.get(k).cloned().unwrap_or_default();
                            items.push(Item {
                                address: get("address"),
                                contact: a.get("contact_name").cloned(),
                                millis: get("date").parse().unwrap_or(0),
                                sent: !is_received(&get("type")),
                                text: get("body"),
                                attachments: Vec::new(),
                                media: Vec::new(),
                                line,
                            });
                        }
                        "mms" => {
                            let a = attributes(e, position)?;
                            let get = |k: &str| a.get(k).cloned().unwrap_or_default();
                            let millis: i64 = get("date").parse().unwrap_or(0);
                            let item = Item {
                                address: get("address"),
                                contact: a.get("contact_name").cloned(),
                                // MMS dates are in seconds in some versions of the app.
                                millis: if millis < 100_000_000_000 {
                                    // Saturating: a hostile file may hold any number here.
                                    millis.saturating_mul(1000)
                                } else {
                                    millis
                                },
                                sent: !is_received(&get("msg_box")),
                                text: String::new(),
                                attachments: Vec::new(),
                                media: Vec::new(),
                                line,
                            };
                            if is_start {
                                mms = Some(item);
                            } else {
                                items.push(item);
                            }
                        }
                        "part" => {
                            if let Some(item) = mms.as_mut() {
                                add_part(item, &attributes(e, position)?, position)?;
                            }
                        }
                        _ => {}
                    }
                }
                if is_start {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(ParseError::XmlTooDeep {
                            position,
                            limit: MAX_DEPTH,
                        });
                    }
                }
            }
            Event::End(ref e) => {
                depth = depth.saturating_sub(1);
                if e.local_name().as_ref() == "mms"
                    && let Some(item) = mms.take()
                {
                    items.push(item);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if items.len() > options.max_messages {
            return Err(ParseError::TooManyMessages {
                limit: options.max_messages,
            });
        }
    }
    if !root_seen {
        return Err(ParseError::UnsupportedXml {
            root: "(none)".to_owned(),
        });
    }
    Ok(group(items, options))
}

fn add_part(
    item: &mut Item,
    part: &HashMap<String, String>,
    position: u64,
) -> Result<(), ParseError> {
    let content_type = part.get("ct").map(String::as_str).unwrap_or_default();
    if content_type == "application/smil" {
        return Ok(());
    }
    if content_type.starts_with("text/") {
        if let Some(text) = part
            .get("text")
            .filter(|t| !t.is_empty() && t.as_str() != "null")
        {
            if !item.text.is_empty() {
                item.text.push('\n');
            }
            item.text.push_str(text);
        }
        return Ok(());
    }
    let name = ["name", "cl", "fn"]
        .iter()
        .filter_map(|k| part.get(*k))
        .find(|v| !v.is_empty() && v.as_str() != "null")
        .cloned();
    let kind = match content_type.split('/').next() {
        Some("image") if content_type.contains("gif") => MediaKind::Gif,
        Some("image") => MediaKind::Image,
        Some("video") => MediaKind::Video,
        Some("audio") => MediaKind::Audio,
        Some("text") => MediaKind::Document,
        _ if content_type.contains("vcard") => MediaKind::Contact,
        _ => MediaKind::Unknown,
    };
    let mut sha256 = None;
    if let Some(data) = part.get("data").filter(|d| !d.is_empty()) {
        let compact: String = data.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(compact.as_bytes())
            .map_err(|e| ParseError::Xml {
                position,
                detail: format!("MMS part data is not base64: {e}"),
            })?;
        let hash = hex::encode(Sha256::digest(&bytes));
        item.media.push(MediaFile {
            name: name.clone().unwrap_or_else(|| "mms-part".to_owned()),
            size: bytes.len() as u64,
            sha256: hash.clone(),
            kind,
        });
        sha256 = Some(hash);
    }
    item.attachments.push(Attachment {
        kind,
        file_name: name,
        sha256,
    });
    Ok(())
}

/// Sorts items into one conversation per party, oldest first.
fn group(mut items: Vec<Item>, options: &ParseOptions) -> Vec<Conversation> {
    items.sort_by_key(|i| i.millis);
    let mut order: Vec<String> = Vec::new();
    let mut by_party: HashMap<String, Conversation> = HashMap::new();
    for item in items {
        let key = party_key(&item.address);
        let conversation = by_party.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            let mut c = Conversation::new(Format::SmsXml);
            c.title = Some(item.address.clone());
            c
        });
        let sender = if item.sent {
            let me = options.me.clone().unwrap_or_else(|| "Me".to_owned());
            let id = conversation.participant_id(&me, || SenderIdentity::SavedContact);
            conversation.reporter = Some(id);
            id
        } else {
            let saved = item
                .contact
                .as_deref()
                .filter(|c| !c.is_empty() && *c != UNKNOWN_CONTACT && !looks_like_phone_number(c));
            match saved {
                Some(name) => conversation.participant_id(name, || SenderIdentity::SavedContact),
                None => {
                    let shown = item.address.trim().to_owned();
                    conversation.participant_id(&shown, || {
                        if looks_like_phone_number(&shown) {
                            SenderIdentity::RawNumber(shown.clone())
                        } else {
                            // Alphanumeric sender ids ("ROYALMAIL") are chosen by the sender.
                            SenderIdentity::ProfileName
                        }
                    })
                }
            }
        };
        conversation.media_files.extend(item.media);
        conversation.messages.push(Message {
            sender: Some(sender),
            time: LocalDateTime::from_unix_seconds(item.millis.div_euclid(1000)),
            text: item.text,
            kind: MessageKind::Normal,
            edited: false,
            attachments: item.attachments,
            line: item.line,
            reply_to: None,
        });
    }
    let total = order.len();
    order
        .into_iter()
        .enumerate()
        .filter_map(|(index, key)| {
            let mut c = by_party.remove(&key)?;
            if total > 1 {
                c.source = Some(format!(
                    "conversation {} of {total}: {}",
                    index + 1,
                    c.title.clone().unwrap_or_default()
                ));
            }
            // The reporter participant may be missing when only received messages exist.
            if c.reporter.is_none() && c.participants.len() > 1 {
                c.reporter = Some(ParticipantId(0));
            }
            Some(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_entities_and_surrogate_pairs() {
        assert_eq!(
            unescape("a &amp; b &lt;3 &#55357;&#56832; &#x41;").as_deref(),
            Ok("a & b <3 😀 A")
        );
        assert!(unescape("&xxe;").is_err());
        assert!(unescape("& nope").is_err());
    }

    #[test]
    fn groups_by_party_and_knows_unknown_numbers() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>
<smses count="3">
  <sms address="+447700900123" date="1702415640000" type="1" body="Long time no speak! x" contact_name="(Unknown)" />
  <sms address="07700 900123" date="1702415700000" type="2" body="Who is this?" contact_name="(Unknown)" />
  <sms address="+447700900999" date="1702415800000" type="1" body="Dinner at 8?" contact_name="Mum" />
</smses>"#;
        let cs = parse(xml, &ParseOptions::default()).unwrap();
        assert_eq!(cs.len(), 2);
        assert_eq!(cs[0].messages.len(), 2);
        assert!(matches!(
            cs[0].participants[0].identity,
            SenderIdentity::RawNumber(_)
        ));
        assert_eq!(cs[0].reporter, Some(ParticipantId(1)));
        assert_eq!(cs[1].participants[0].identity, SenderIdentity::SavedContact);
        assert_eq!(
            cs[0].messages[0].time.map(|t| t.to_string()).as_deref(),
            Some("2023-12-12T21:14:00")
        );
    }

    #[test]
    fn refuses_dtds_and_deep_nesting() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><smses><sms body="&lol2;"/></smses>"#;
        assert_eq!(
            parse(bomb, &ParseOptions::default()),
            Err(ParseError::XmlDtd)
        );
        let deep = format!("<smses>{}{}</smses>", "<a>".repeat(100), "</a>".repeat(100));
        assert!(matches!(
            parse(&deep, &ParseOptions::default()),
            Err(ParseError::XmlTooDeep { .. })
        ));
        assert!(matches!(
            parse("<html></html>", &ParseOptions::default()),
            Err(ParseError::UnsupportedXml { .. })
        ));
    }
}
