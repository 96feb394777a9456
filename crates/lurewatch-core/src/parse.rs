//! The entry point: any bytes a reporter hands us, to conversations or clear errors. The format
//! is told from the content, never from the file extension, because reporters rename, forward
//! and re-save files. One input can hold several conversations (a Telegram "export all data",
//! an SMS backup, a mailbox, a zip of exports); each comes back on its own.

use crate::decode::decode_text;
use crate::model::{Conversation, Format};
use crate::{
    ParseError, archive, discord, email, html, meta, plain_text, sms_xml, telegram, whatsapp,
};

/// Limits and hints for one parse. Limits exist because reports come from strangers.
#[derive(Debug, Clone)]
pub struct ParseOptions {
    /// Largest input accepted, in bytes (the `--max-size` flag); also the largest text file
    /// taken out of an archive.
    pub max_input_bytes: u64,
    /// Largest total an archive may expand to; past it the archive is refused as a bomb.
    pub max_expanded_bytes: u64,
    /// Most entries an archive may hold.
    pub max_archive_entries: usize,
    /// Most messages in one input (the `--max-messages` flag).
    pub max_messages: usize,
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
            max_messages: 5_000_000,
            me: None,
        }
    }
}

/// Parses one input into its conversations. An input that cannot be read at all gives one
/// error; an archive gives one result per entry, so one bad entry does not hide the others.
pub fn parse_input(
    name: &str,
    bytes: &[u8],
    options: &ParseOptions,
) -> Vec<Result<Conversation, ParseError>> {
    let size = bytes.len() as u64;
    if size > options.max_input_bytes {
        return vec![Err(ParseError::TooLarge {
            size,
            limit: options.max_input_bytes,
        })];
    }
    if archive::is_zip(bytes) {
        return archive::parse_zip(name, bytes, options, 0);
    }
    match parse_single(name, bytes, options) {
        Ok(conversations) => conversations.into_iter().map(Ok).collect(),
        Err(e) => vec![Err(e)],
    }
}

/// Parses one input and fails on the first error: for callers that want all or nothing.
pub fn parse_bytes(
    name: &str,
    bytes: &[u8],
    options: &ParseOptions,
) -> Result<Vec<Conversation>, ParseError> {
    parse_input(name, bytes, options).into_iter().collect()
}

/// One file that is not an archive.
pub(crate) fn parse_single(
    name: &str,
    bytes: &[u8],
    options: &ParseOptions,
) -> Result<Vec<Conversation>, ParseError> {
    // E-mail is sniffed on bytes: a message may carry 8-bit text in a legacy charset that
    // only its own headers can decode.
    let conversations = if email::looks_like_mbox(bytes) {
        email::parse_mbox(bytes, options)?
    } else if email::looks_like_eml(bytes) {
        vec![email::parse_eml(bytes)?]
    } else {
        let text = decode_text(bytes)?;
        parse_text(name, &text, options)?
    };
    let total: usize = conversations.iter().map(|c| c.messages.len()).sum();
    if total > options.max_messages {
        return Err(ParseError::TooManyMessages {
            limit: options.max_messages,
        });
    }
    if conversations.is_empty() || total == 0 {
        return Err(ParseError::NoMessages);
    }
    Ok(conversations)
}

fn parse_text(
    name: &str,
    text: &str,
    options: &ParseOptions,
) -> Result<Vec<Conversation>, ParseError> {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if start.is_empty() {
        return Err(ParseError::Empty);
    }
    if looks_like_json(start) {
        return parse_json(text, options);
    }
    // Before XML: an HTML page or fragment is something to read, not a backup to refuse.
    if html::opens_with_html(start) {
        let readable = html::readable_text(text);
        if readable.trim().is_empty() {
            return Err(ParseError::NoMessages);
        }
        return Ok(vec![plain_text::parse(&readable, options.me.as_deref())]);
    }
    if looks_like_xml(start) {
        return sms_xml::parse(text, options);
    }
    let hint = chat_partner_from_file_name(name);
    if whatsapp::looks_like_signal(text) {
        let mut c = whatsapp::parse(text, hint.as_deref(), options.me.as_deref());
        c.format = Format::Signal;
        return Ok(vec![c]);
    }
    if whatsapp::looks_like(text) {
        return Ok(vec![whatsapp::parse(
            text,
            hint.as_deref(),
            options.me.as_deref(),
        )]);
    }
    Ok(vec![plain_text::parse(text, options.me.as_deref())])
}

/// Markup, as opposed to a pasted text that happens to open with "<" ("<3 see you at 7",
/// NUS's "<#> mins"), which was refused as broken XML: an XML declaration, a DTD or comment
/// (refused later, with their own error), or an element such as `<smses count="2">` in a text
/// that closes some element (`</` or `/>`) somewhere.
fn looks_like_xml(start: &str) -> bool {
    if start.starts_with("<?xml") || start.starts_with("<!") {
        return true;
    }
    // Markup opens with its element: a text that merely quotes some ("pay at <b>site</b>",
    // an e-mail pasted with its HTML) is text, and was refused as a broken SMS backup.
    if !start.starts_with('<') {
        return false;
    }
    let bytes = start.as_bytes();
    if !bytes
        .get(1)
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
    {
        return false;
    }
    let name_end = bytes
        .iter()
        .skip(1)
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':')))
        .map(|at| at + 1);
    let element = matches!(
        name_end.and_then(|at| bytes.get(at)),
        Some(b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>')
    );
    element && (start.contains("</") || start.contains("/>"))
}

/// A JSON document opens with an object's first key (or `{}`) or `[` followed by something
/// only JSON has there (an iOS WhatsApp line starts with `[` and a digit); a pasted "{Chase}
/// Your card is locked" or "[URGENT] …" does not, and is text.
fn looks_like_json(start: &str) -> bool {
    let next = start
        .get(1..)
        .map(str::trim_start)
        .and_then(|r| r.bytes().next());
    match start.as_bytes().first() {
        Some(b'{') => matches!(next, Some(b'"' | b'}')),
        Some(b'[') => matches!(next, Some(b'{' | b'[' | b'"' | b']')),
        _ => false,
    }
}

/// Chooses the JSON exporter from the keys it writes, looking only at the start of the file.
fn parse_json(text: &str, options: &ParseOptions) -> Result<Vec<Conversation>, ParseError> {
    let head = text.get(..text.len().min(64 * 1024)).unwrap_or(text);
    let head = match text.char_indices().nth(64 * 1024) {
        Some((at, _)) => text.get(..at).unwrap_or(head),
        None => text,
    };
    if head.contains("\"guild\"") && head.contains("\"channel\"") {
        return discord::parse(text, options).map(|c| vec![c]);
    }
    if head.contains("\"sender_name\"") {
        return meta::parse(text, options).map(|c| vec![c]);
    }
    if head.contains("\"messages\"") || head.contains("\"chats\"") {
        return telegram::parse(text, options);
    }
    Err(ParseError::UnsupportedJson {
        detail: "expected a Telegram, Instagram, Messenger or Discord export".to_owned(),
    })
}

/// Maps serde_json's error to ours, with the place in the file.
pub(crate) fn json_error(e: &serde_json::Error) -> ParseError {
    let detail = e.to_string();
    let detail = detail
        .split(" at line ")
        .next()
        .unwrap_or(&detail)
        .to_owned();
    ParseError::Json {
        line: e.line(),
        column: e.column(),
        detail,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_text_opening_with_a_bracket_is_text_and_documents_are_not() {
        for text in [
            "<3 see you at 7",
            "<#> mins ok",
            "<-- scam?",
            "<DECIMAL> is the price",
            "< 5",
            "{Chase} Your card is locked",
            "[URGENT] verify now",
            "Your parcel is held. Pay the fee at <b>royalmail-fee.com</b> today",
            "Delivered-To: me\n<html><body>Verify now</body></html>",
        ] {
            assert!(!looks_like_xml(text), "{text}");
            let parsed = parse_bytes("pasted.txt", text.as_bytes(), &ParseOptions::default());
            assert!(parsed.is_ok_and(|c| c.len() == 1), "{text}");
        }
        for markup in [
            "<?xml version='1.0'?><smses/>",
            "<!DOCTYPE x>",
            "<smses count=\"1\"><sms body=\"hi\"/></smses>",
            "<smses>\n</smses>",
        ] {
            assert!(looks_like_xml(markup), "{markup}");
        }
        for json in ["{\"name\": \"x\"}", "{ }", "[{\"a\": 1}]", "[]"] {
            assert!(looks_like_json(json), "{json}");
        }
    }

    #[test]
    fn pasted_or_saved_html_is_read_as_its_text_and_links() {
        for html in [
            "<b>URGENT</b> your parcel is held: <a href=\"https://parcel-fee.example/pay\">pay</a>",
            "<!DOCTYPE html><html><head><title>x</title><body><a href=\"https://parcel-fee.example/pay\">pay</a>",
            "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body>\
             <a href=\"https://parcel-fee.example/pay\">pay</a></body></html>",
        ] {
            let parsed = parse_bytes("saved.html", html.as_bytes(), &ParseOptions::default());
            let conversations = parsed.unwrap_or_else(|e| panic!("{html}: {e}"));
            assert_eq!(conversations[0].format, Format::Text, "{html}");
            let text = &conversations[0].messages[0].text;
            assert!(text.contains("<https://parcel-fee.example/pay>"), "{text}");
            assert!(!text.contains("<b>") && !text.contains("<a "), "{text}");
        }
        // Other XML is still refused by name, and HTML with nothing to read is empty.
        let other = parse_bytes("-", b"<ussd>balance</ussd>", &ParseOptions::default());
        assert!(
            matches!(other, Err(ParseError::UnsupportedXml { .. })),
            "{other:?}"
        );
        let empty = parse_bytes(
            "-",
            b"<html><body> </body></html>",
            &ParseOptions::default(),
        );
        assert!(empty.is_err(), "{empty:?}");
    }

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

    #[test]
    fn json_sniffing_leaves_ios_whatsapp_alone() {
        assert!(looks_like_json("{\"a\":1}"));
        assert!(looks_like_json("[ {\"a\":1}]"));
        assert!(!looks_like_json("[12/12/2023, 21:14:05] A: b"));
    }
}
