//! E-mail: a single `.eml` (a forwarded or saved message) and `.mbox` mailboxes, one
//! conversation per thread (by Message-ID, In-Reply-To and References).
//!
//! MIME decoding (multipart, quoted-printable, base64, charsets, HTML-only bodies turned into
//! text) is mail-parser's. Attachments are hashed and dropped like any other media. The sender
//! is identified by address; a Reply-To that differs from it is kept, as it is where a
//! phisher's answers really go.

use std::collections::HashMap;

use mail_parser::{MessageParser, MimeHeaders, PartType};
use sha2::{Digest, Sha256};

use crate::html;
use crate::model::{
    Attachment, Conversation, Format, MediaFile, MediaKind, Message, MessageKind, ParticipantId,
    SenderIdentity,
};
use crate::parse::ParseOptions;
use crate::{LocalDateTime, ParseError};

/// Headers that mark the start of an e-mail. Pasted text rarely has two of them and a blank line.
const KNOWN_HEADERS: &[&str] = &[
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "received",
    "return-path",
    "mime-version",
    "delivered-to",
    "reply-to",
    "content-type",
    "cc",
    "x-mailer",
    "dkim-signature",
    "authentication-results",
];

/// True when the bytes start with an RFC 5322 header block: `Name: value` lines (with folded
/// continuations) up to a blank line, including `From` and another known header. A name is
/// any printable ASCII but the colon, as RFC 5322 has it: real mail carries `msip_labels`
/// (Microsoft's sensitivity labels) and stranger names, and a sniff that wanted letters,
/// digits and hyphens sent such mail to the text parsers. Only the first
/// [`EML_SNIFF_WINDOW`] bytes are read; a block that runs past them (Outlook's ARC and
/// `Received` chains reach 40 KB) counts when every whole line read was a header.
pub(crate) fn looks_like_eml(bytes: &[u8]) -> bool {
    let cut = bytes.len() > EML_SNIFF_WINDOW;
    let head = match bytes.get(..EML_SNIFF_WINDOW) {
        // A line cut by the window is not judged: only whole lines are.
        Some(window) if cut => window
            .iter()
            .rposition(|&b| b == b'\n')
            .and_then(|end| window.get(..end))
            .unwrap_or_default(),
        _ => bytes,
    };
    // Read as bytes: header names are ASCII, and every pasted message is sniffed here, so
    // no copy or UTF-8 check of the text is made just to look at its first line.
    let mut known = 0;
    let mut has_from = false;
    let mut lines = head.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        // A final newline ends the last line; it does not start an empty one.
        if line.is_empty() && lines.peek().is_none() {
            break;
        }
        let line = without_carriage_returns(line);
        if line.is_empty() {
            return has_from && known >= 2;
        }
        if line.starts_with(b" ") || line.starts_with(b"\t") {
            continue;
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return false;
        };
        let name = line.get(..colon).unwrap_or_default();
        if name.is_empty() || !name.iter().all(|b| (b'!'..=b'~').contains(b)) {
            return false;
        }
        has_from |= name.eq_ignore_ascii_case(b"from");
        known += usize::from(
            KNOWN_HEADERS
                .iter()
                .any(|known| name.eq_ignore_ascii_case(known.as_bytes())),
        );
    }
    cut && has_from && known >= 2
}

/// Bytes [`looks_like_eml`] reads at most.
const EML_SNIFF_WINDOW: usize = 32 * 1024;

/// A line without the carriage returns that end it.
fn without_carriage_returns(line: &[u8]) -> &[u8] {
    let end = line.iter().rposition(|&b| b != b'\r').map_or(0, |i| i + 1);
    line.get(..end).unwrap_or_default()
}

/// True for a Unix mailbox: it starts with a `From ` separator line, which carries the time
/// it was written ("From a@x Tue Dec 12 21:14:05 2023"), and a header field follows it. A
/// pasted text message may open with "From HMRC: you are owed a refund" or "From Mum" too (UK
/// smishing often does), and was refused as a mailbox with no messages.
pub(crate) fn looks_like_mbox(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"From ") {
        return false;
    }
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
    let mut lines = head.split(|&b| b == b'\n');
    let separator = lines.next().unwrap_or_default();
    let has_time = separator.windows(5).any(
        |w| matches!(w, [a, b, b':', c, d] if [a, b, c, d].iter().all(|x| x.is_ascii_digit())),
    );
    let Some(second) = lines.next().filter(|_| has_time) else {
        return false;
    };
    // A field name: printable ASCII without spaces or a colon, then the colon.
    let name = second
        .iter()
        .take_while(|&&b| b.is_ascii_graphic() && b != b':')
        .count();
    name > 0 && second.get(name) == Some(&b':')
}

fn email_error(detail: impl Into<String>) -> ParseError {
    ParseError::Email {
        detail: detail.into(),
    }
}

/// One parsed e-mail, before it joins a conversation.
struct Mail {
    from_address: String,
    from_name: Option<String>,
    to: Vec<String>,
    reply_to: Option<String>,
    message_id: Option<String>,
    thread_parent: Option<String>,
    subject: String,
    time: Option<LocalDateTime>,
    text: String,
    attachments: Vec<Attachment>,
    media: Vec<MediaFile>,
    line: usize,
}

fn read_mail(raw: &[u8], line: usize) -> Result<Mail, ParseError> {
    let message = MessageParser::default()
        .parse(raw)
        .ok_or_else(|| email_error(": no headers or body found"))?;
    let (from_address, from_name) = sender(&message);
    if from_address.is_empty() && message.subject().is_none() {
        return Err(email_error(": it has no From address and no subject"));
    }
    let to = message
        .to()
        .map(|a| {
            a.iter()
                .filter_map(|a| a.address())
                .map(address_key)
                .collect()
        })
        .unwrap_or_default();
    let reply_to = message
        .reply_to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .map(address_key)
        .filter(|r| *r != from_address);
    let references: Vec<String> = message
        .references()
        .as_text_list()
        .map(|l| l.iter().map(|s| s.to_string()).collect())
        .unwrap_or_else(|| {
            message
                .references()
                .as_text()
                .map(|s| vec![s.to_owned()])
                .unwrap_or_default()
        });
    let in_reply_to = message.in_reply_to().as_text().map(str::to_owned);
    let subject = message.subject().unwrap_or_default().to_owned();
    let body = readable_body(&message);
    let text = match (subject.is_empty(), body.is_empty()) {
        (false, false) => format!("{subject}\n\n{body}"),
        (false, true) => subject.clone(),
        _ => body,
    };
    let mut attachments = Vec::new();
    let mut media = Vec::new();
    for part in message.attachments() {
        let contents = part.contents();
        let name = part.attachment_name().map(str::to_owned);
        let kind = name
            .as_deref()
            .map_or(MediaKind::Unknown, MediaKind::from_file_name);
        if contents.is_empty() {
            // Every empty file has one hash, which would link every report with an empty
            // attachment (real phishing carries them): listed, but with nothing to link by.
            attachments.push(Attachment {
                kind,
                file_name: name,
                sha256: None,
            });
            continue;
        }
        let sha256 = hex::encode(Sha256::digest(contents));
        media.push(MediaFile {
            name: name.clone().unwrap_or_else(|| "attachment".to_owned()),
            size: contents.len() as u64,
            sha256: sha256.clone(),
            kind,
        });
        attachments.push(Attachment {
            kind,
            file_name: name,
            sha256: Some(sha256),
        });
    }
    let time = message
        .date()
        .and_then(|d| LocalDateTime::new(d.year, d.month, d.day, d.hour, d.minute, d.second));
    Ok(Mail {
        from_address,
        from_name,
        to,
        reply_to,
        message_id: message.message_id().map(str::to_owned),
        thread_parent: references.first().cloned().or(in_reply_to),
        subject,
        time,
        text,
        attachments,
        media,
        line,
    })
}

/// An address as it is compared and shown: lower case, without the white space (a no-break
/// space, in real phishing) that a display name can leave around it, or the final dot of a
/// fully qualified domain (`service@stayfriends.de.`), which names the same mailbox.
fn address_key(address: &str) -> String {
    address.trim().trim_end_matches('.').to_lowercase()
}

/// The sender's address and name. Phishers split the From header with an unquoted comma
/// ("Amazon Prime, jehd <service@…>", "Microsoft account team ,_<no-reply@…>") so that mail
/// clients show the brand alone; to a parser that is a list whose first entry has a name and
/// no address, and 40 of Phishing Pot's 309 messages came out with no sender address. The
/// address is the first in the list that has one, else the first written anywhere in the
/// raw header (`Name,(<reply@…>)` puts it in a comment); the name is the first one given
/// that has a letter or digit in it (not the `_` of `,_<no-reply@…>`).
fn sender(message: &mail_parser::Message<'_>) -> (String, Option<String>) {
    let entries: Vec<&mail_parser::Addr<'_>> = message
        .from()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let address = entries
        .iter()
        .filter_map(|entry| entry.address())
        .map(address_key)
        .find(|address| address.contains('@'))
        .or_else(|| message.header_raw("From").and_then(address_in_raw_header))
        .unwrap_or_default();
    let name = entries
        .iter()
        .filter_map(|entry| entry.name())
        .map(str::trim)
        .find(|name| name.chars().any(char::is_alphanumeric))
        .map(str::to_owned);
    (address, name)
}

/// The first `local@domain.tld` in a raw header value, preferring one in angle brackets.
fn address_in_raw_header(raw: &str) -> Option<String> {
    let is_local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let is_domain = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    let candidates = raw.match_indices('@').filter_map(|(at, _)| {
        let before = raw.get(..at)?;
        let after = raw.get(at + 1..)?;
        let local_start = before.rfind(|c: char| !is_local(c)).map_or(0, |i| i + 1);
        let domain_len = after.find(|c: char| !is_domain(c)).unwrap_or(after.len());
        let local = before.get(local_start..)?;
        let domain = after.get(..domain_len)?.trim_end_matches('.');
        let bracketed =
            before.get(..local_start)?.ends_with('<') && after.get(domain_len..)?.starts_with('>');
        let plausible = !local.is_empty() && domain.contains('.') && !domain.starts_with('.');
        plausible.then(|| (bracketed, format!("{local}@{domain}").to_lowercase()))
    });
    let mut first = None;
    for (bracketed, address) in candidates {
        if bracketed {
            return Some(address);
        }
        first.get_or_insert(address);
    }
    first
}

/// The text a reader of the message sees. Where the message has an HTML version, that is
/// what mail clients show, so it is read (with its links' targets): the plain alternative
/// beside it is often one the sending service generated without the links (Gmail's,
/// Firebase's), or one written for spam filters. Otherwise the first text body, read as HTML
/// where it is an HTML document, as some phishing sends.
fn readable_body(message: &mail_parser::Message<'_>) -> String {
    let first_part = |ids: &[u32]| {
        ids.first()
            .and_then(|&id| message.part(id))
            .map(|part| &part.body)
    };
    let text = match (
        first_part(&message.html_body),
        first_part(&message.text_body),
    ) {
        (Some(PartType::Html(html)), _) | (_, Some(PartType::Html(html))) => {
            html::readable_text(html)
        }
        (_, Some(PartType::Text(text))) if html::is_html_document(text) => {
            html::readable_text(text)
        }
        _ => message
            .body_text(0)
            .map(std::borrow::Cow::into_owned)
            .unwrap_or_default(),
    };
    text.trim().to_owned()
}

fn add_mail(conversation: &mut Conversation, mail: Mail) {
    let shown = match &mail.from_name {
        Some(name) => format!("{name} <{}>", mail.from_address),
        None => mail.from_address.clone(),
    };
    let address = mail.from_address.clone();
    let sender = conversation.participant_id(&shown, || SenderIdentity::Email(address));
    conversation.media_files.extend(mail.media);
    conversation.messages.push(Message {
        sender: Some(sender),
        time: mail.time,
        text: mail.text,
        kind: MessageKind::Normal,
        edited: false,
        attachments: mail.attachments,
        line: mail.line,
        reply_to: mail.reply_to,
    });
}

/// Parses one e-mail message.
pub(crate) fn parse_eml(bytes: &[u8]) -> Result<Conversation, ParseError> {
    let mail = read_mail(bytes, 1)?;
    let mut conversation = Conversation::new(Format::Eml);
    conversation.title = Some(mail.subject.clone()).filter(|s| !s.is_empty());
    // A saved or forwarded message is the recipient's: who it was sent to is who reports it.
    conversation.reporter_addresses.clone_from(&mail.to);
    add_mail(&mut conversation, mail);
    Ok(conversation)
}

/// Splits a mailbox at its `From ` separator lines (the first line, and any `From ` line that
/// follows a blank one), returning each message's first line number and bytes.
fn split_mbox(bytes: &[u8]) -> Vec<(usize, &[u8])> {
    let mut parts = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut offset = 0;
    let mut previous_blank = true;
    for (index, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        if previous_blank && line.starts_with(b"From ") {
            if let Some((start_line, start)) = current.take() {
                parts.push((start_line, bytes.get(start..offset).unwrap_or_default()));
            }
            // The message starts after the separator line.
            current = Some((index + 2, offset + line.len()));
        }
        previous_blank = line.iter().all(u8::is_ascii_whitespace);
        offset += line.len();
    }
    if let Some((start_line, start)) = current {
        parts.push((start_line, bytes.get(start..).unwrap_or_default()));
    }
    parts
}

/// "Re: Fwd: Hello" → "hello", to thread messages without references.
fn base_subject(subject: &str) -> String {
    let mut s = subject.trim();
    loop {
        let lower = s.to_ascii_lowercase();
        let cut = ["re:", "fw:", "fwd:", "aw:", "wg:", "sv:"]
            .iter()
            .find(|p| lower.starts_with(*p))
            .map(|p| p.len());
        match cut {
            Some(n) => s = s.get(n..).unwrap_or_default().trim(),
            None => return lower,
        }
    }
}

/// Parses a mailbox into one conversation per thread.
pub(crate) fn parse_mbox(
    bytes: &[u8],
    options: &ParseOptions,
) -> Result<Vec<Conversation>, ParseError> {
    let parts = split_mbox(bytes);
    if parts.len() > options.max_messages {
        return Err(ParseError::TooManyMessages {
            limit: options.max_messages,
        });
    }
    let mut mails = Vec::new();
    for (line, raw) in parts {
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        mails.push(
            read_mail(raw, line)
                .map_err(|e| email_error(format!(" (message at line {line}: {e})")))?,
        );
    }
    // The mailbox owner is the address that receives most: everyone writes to the owner.
    let mut received: HashMap<&str, usize> = HashMap::new();
    for mail in &mails {
        for to in &mail.to {
            *received.entry(to.as_str()).or_default() += 1;
        }
    }
    let owner = options.me.clone().or_else(|| {
        let mut ranked: Vec<_> = received.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        ranked.first().map(|(a, _)| (*a).to_owned())
    });
    let mut thread_of_id: HashMap<String, usize> = HashMap::new();
    let mut thread_of_subject: HashMap<String, usize> = HashMap::new();
    let mut threads: Vec<Conversation> = Vec::new();
    for mail in mails {
        let subject_key = base_subject(&mail.subject);
        let existing = mail
            .thread_parent
            .as_ref()
            .and_then(|p| thread_of_id.get(p).copied())
            .or_else(|| {
                (!subject_key.is_empty())
                    .then(|| thread_of_subject.get(&subject_key).copied())
                    .flatten()
            });
        let index = existing.unwrap_or_else(|| {
            let mut c = Conversation::new(Format::Mbox);
            c.title = Some(mail.subject.clone()).filter(|s| !s.is_empty());
            threads.push(c);
            threads.len() - 1
        });
        if let Some(id) = &mail.message_id {
            thread_of_id.insert(id.clone(), index);
        }
        if let Some(parent) = &mail.thread_parent {
            thread_of_id.entry(parent.clone()).or_insert(index);
        }
        if !subject_key.is_empty() {
            thread_of_subject.entry(subject_key).or_insert(index);
        }
        if let Some(thread) = threads.get_mut(index) {
            add_mail(thread, mail);
        }
    }
    let total = threads.len();
    for (index, thread) in threads.iter_mut().enumerate() {
        thread.reporter_addresses = owner.iter().map(|owner| address_key(owner)).collect();
        thread.reporter = owner.as_deref().and_then(|owner| {
            thread
                .participants
                .iter()
                .position(|p| {
                    matches!(&p.identity, SenderIdentity::Email(a) if a.eq_ignore_ascii_case(owner))
                        || p.display.eq_ignore_ascii_case(owner)
                })
                .map(ParticipantId)
        });
        if total > 1 {
            thread.source = Some(format!(
                "thread {} of {total}: {}",
                index + 1,
                thread.title.clone().unwrap_or_default()
            ));
        }
    }
    Ok(threads)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_that_opens_with_from_is_not_a_mailbox() {
        for text in [
            "From HMRC: you are owed a tax refund of 265.00, claim at http://hmrc-refund.co/x",
            "From HMRC:\nYou are owed a tax refund: claim now",
            "From Mum. New phone, text me here",
            "From Mum\nNote: this is my new number, save it",
        ] {
            assert!(!looks_like_mbox(text.as_bytes()), "{text}");
        }
        let mailbox = "From a@x Tue Dec 12 21:14:05 2023\nFrom: Abi <abi@x.example>\n\nHi\n";
        assert!(looks_like_mbox(mailbox.as_bytes()));
    }

    const PHISH: &str = "From: \"IT Service Desk\" <helpdesk@parliament-it.example>\r\nReply-To: collect@evil.example\r\nTo: sam.jones@parliament.example\r\nSubject: Action required: verify your account\r\nDate: Tue, 12 Dec 2023 21:14:05 +0000\r\nMessage-ID: <1@parliament-it.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>Your account will be suspended. <a href=3D\"https://login.evil.example\">Log in here</a> within 24 hours.</p>\r\n";

    #[test]
    fn eml_html_body_reply_to_and_date() {
        assert!(looks_like_eml(PHISH.as_bytes()));
        let c = parse_eml(PHISH.as_bytes()).unwrap();
        let m = &c.messages[0];
        assert!(
            m.text
                .starts_with("Action required: verify your account\n\n")
        );
        assert!(
            m.text.contains("Your account will be suspended."),
            "{}",
            m.text
        );
        assert_eq!(m.reply_to.as_deref(), Some("collect@evil.example"));
        assert_eq!(
            m.time.map(|t| t.to_string()).as_deref(),
            Some("2023-12-12T21:14:05")
        );
        assert_eq!(
            c.participants[0].identity,
            SenderIdentity::Email("helpdesk@parliament-it.example".into())
        );
    }

    #[test]
    fn style_sheets_and_scripts_are_not_read_as_the_message() {
        let html = "From: a@evil.example\r\nTo: \u{a0}Sam <sam@parliament.example>\r\nSubject: Offer\r\n\
            Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><style type=\"text/css\">\
            @media only screen and (max-width: 640px) { td { width: 100% } }</style>\
            <SCRIPT language=js>steal()</SCRIPT><p>Claim your prize</p><styled>kept</styled></body></html>\r\n";
        let c = parse_eml(html.as_bytes()).unwrap();
        let text = &c.messages[0].text;
        assert!(
            text.contains("Claim your prize") && text.contains("kept"),
            "{text}"
        );
        assert!(
            !text.contains("@media") && !text.contains("steal"),
            "{text}"
        );
        assert_eq!(
            c.reporter_addresses,
            vec!["sam@parliament.example".to_owned()]
        );
        // A plain part that is an HTML document is read as HTML.
        let plain = html.replace("text/html", "text/plain");
        let c = parse_eml(plain.as_bytes()).unwrap();
        assert!(
            !c.messages[0].text.contains("@media"),
            "{}",
            c.messages[0].text
        );
        assert!(
            !c.messages[0].text.contains("<p>"),
            "{}",
            c.messages[0].text
        );
    }

    #[test]
    fn a_from_header_split_to_show_a_brand_still_gives_the_senders_address() {
        // As Phishing Pot has them: an unquoted comma, a comment, a fully qualified domain.
        for (from, address, name) in [
            (
                "Amazon Prime, jehd <service@stayfriends.de>",
                "service@stayfriends.de",
                "Amazon Prime",
            ),
            (
                "Microsoft account team ,_<no-reply@access-accsecurity.com>",
                "no-reply@access-accsecurity.com",
                "Microsoft account team",
            ),
            (
                "\"Transport@GLS.de\", <service@stayfriends.de.>",
                "service@stayfriends.de",
                "Transport@GLS.de",
            ),
            (
                "LuckyWins,(<noreply@dhl.example>)",
                "noreply@dhl.example",
                "LuckyWins",
            ),
            ("Sam <sam@one.example>", "sam@one.example", "Sam"),
        ] {
            let mail =
                format!("From: {from}\r\nTo: x@y.example\r\nSubject: Prize\r\n\r\nClaim it.\r\n");
            let c = parse_eml(mail.as_bytes()).unwrap();
            assert_eq!(
                c.participants[0].identity,
                SenderIdentity::Email(address.into()),
                "{from}"
            );
            assert_eq!(
                c.participants[0].display,
                format!("{name} <{address}>"),
                "{from}"
            );
        }
        assert_eq!(address_in_raw_header(" \"Sally\" <>"), None);
        assert_eq!(
            address_in_raw_header(" a@b.example, <c@d.example>").as_deref(),
            Some("c@d.example")
        );
    }

    #[test]
    fn the_html_version_is_read_with_its_links_where_the_plain_one_lost_them() {
        let mail = "From: casino@x.example\r\nTo: sam@y.example\r\nSubject: Payout\r\n\
            MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b\"\r\n\r\n\
            --b\r\nContent-Type: text/plain\r\n\r\nClick below to verify your payout.\r\n\
            --b\r\nContent-Type: text/html\r\n\r\n<p>Click below to verify your payout.</p>\
            <a href=\"https://payout-verify.example/4QPF\">Verify</a>\r\n--b--\r\n";
        let c = parse_eml(mail.as_bytes()).unwrap();
        let text = &c.messages[0].text;
        assert!(
            text.contains("Verify <https://payout-verify.example/4QPF>"),
            "{text}"
        );
    }

    #[test]
    fn an_empty_attachment_is_listed_without_a_hash() {
        let mail = "From: a@evil.example\r\nTo: sam@parliament.example\r\nSubject: Invoice\r\n\
            MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
            --b\r\nContent-Type: text/plain\r\n\r\nSee the invoice.\r\n\
            --b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"invoice.pdf\"\r\n\r\n\
            \r\n--b--\r\n";
        let c = parse_eml(mail.as_bytes()).unwrap();
        let attachments = &c.messages[0].attachments;
        assert_eq!(attachments.len(), 1, "{attachments:?}");
        assert_eq!(attachments[0].sha256, None);
        assert!(c.media_files.is_empty());
    }

    #[test]
    fn pasted_text_is_not_email() {
        assert!(!looks_like_eml(b"From: Royal Mail\nYour parcel is held"));
        assert!(!looks_like_eml(b"Charlie: hi\nSam: hello\n\nok"));
    }

    #[test]
    fn a_header_block_needs_its_blank_line_whatever_the_line_ends() {
        assert!(looks_like_eml(b"FROM: a@b.example\nSubject: hi\n\nbody"));
        assert!(looks_like_eml(
            b"From: a@b.example\r\r\nTo: c@d.example\r\n\r\n"
        ));
        assert!(looks_like_eml(
            b"From: \xff\xfe broken <a@b.example>\nX-Odd: \xc3\nDate: today\n\n"
        ));
        assert!(looks_like_eml(
            b"From: a@b.example\nSubject: a long\n  folded subject\n\n"
        ));
        // Headers that run to the end with no blank line, a final newline only: not an e-mail.
        assert!(!looks_like_eml(b"From: a@b.example\nTo: c@d.example\n"));
        assert!(!looks_like_eml(b"From: a@b.example\nTo: c@d.example"));
        assert!(!looks_like_eml(b""));
        assert!(!looks_like_eml(b"\n"));
        assert!(!looks_like_eml(b"From\xff: a\nTo: b\n\n"));
        assert!(!looks_like_eml(b"Subject: hi\nTo: c@d.example\n\n"));
    }

    #[test]
    fn header_names_are_any_printable_ascii_but_the_colon() {
        // As in real phishing (Phishing Pot): Microsoft's label header, and a made-up one.
        assert!(looks_like_eml(
            b"Received: by x\nmsip_labels: \nto_: 897.1\nFrom: a@b.example\nSubject: hi\n\nbody"
        ));
        assert!(!looks_like_eml(
            b"Dear customer: your parcel\nFrom: a\nTo: b\n\n"
        ));
        assert!(!looks_like_eml(b"From: a@b.example\nTo\x7f: b\n\n"));
    }

    #[test]
    fn a_header_block_longer_than_the_window_counts_when_every_whole_line_is_a_header() {
        let mut long = b"From: a@b.example\nTo: c@d.example\n".to_vec();
        while long.len() <= EML_SNIFF_WINDOW {
            long.extend_from_slice(b"ARC-Seal: i=2; a=rsa-sha256; b=IU+VCAk3R1oapyLXQ9S1D\n");
        }
        // Cut in the middle of a header name: the cut line is not judged.
        long.extend_from_slice(b"X-Tail: 1\n\nbody");
        assert!(looks_like_eml(&long));
        let mut not_mail = long.clone();
        not_mail.splice(40..40, b"not a header line\n".iter().copied());
        assert!(!looks_like_eml(&not_mail));
        let no_from = long.get(18..).unwrap_or_default();
        assert!(!looks_like_eml(no_from));
    }

    #[test]
    fn mbox_threads_by_references() {
        let mbox = "From a@x Tue Dec 12 21:14:05 2023\nFrom: Abi <abi@x.example>\nTo: me@org.example\nSubject: Hello\nMessage-ID: <1@x>\n\nLong time no speak!\n\nFrom me@org Tue Dec 12 22:00:00 2023\nFrom: me@org.example\nTo: abi@x.example\nSubject: Re: Hello\nIn-Reply-To: <1@x>\nMessage-ID: <2@org>\n\nWho is this?\n\nFrom b@y Wed Dec 13 09:00:00 2023\nFrom: news@shop.example\nTo: me@org.example\nSubject: Sale\nMessage-ID: <3@y>\n\n50% off\n";
        let cs = parse_mbox(mbox.as_bytes(), &ParseOptions::default()).unwrap();
        assert_eq!(cs.len(), 2);
        assert_eq!(cs[0].messages.len(), 2);
        assert_eq!(cs[0].reporter, Some(ParticipantId(1)));
        assert_eq!(cs[1].messages[0].text, "Sale\n\n50% off");
    }
}
