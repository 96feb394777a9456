//! What WhatsApp writes into a message body instead of, or beside, the text: media markers in
//! their Android, iOS and localised forms, deleted and edited markers, and the system lines it
//! adds itself. Kept as data tables so that a new locale is one more line.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Attachment, MediaKind};

/// Whole-body markers for media left out of an export without media ("<Media omitted>").
const OMITTED: &[(&str, MediaKind)] = &[
    ("<media omitted>", MediaKind::Unknown),
    ("<medien ausgelassen>", MediaKind::Unknown),
    ("<multimedia omitido>", MediaKind::Unknown),
    ("<multimedia omitidos>", MediaKind::Unknown),
    ("<médias omis>", MediaKind::Unknown),
    ("<media weggelaten>", MediaKind::Unknown),
    ("<mídia oculta>", MediaKind::Unknown),
    ("<media omessi>", MediaKind::Unknown),
    ("image omitted", MediaKind::Image),
    ("video omitted", MediaKind::Video),
    ("audio omitted", MediaKind::Audio),
    ("sticker omitted", MediaKind::Sticker),
    ("gif omitted", MediaKind::Gif),
    ("document omitted", MediaKind::Document),
    ("contact card omitted", MediaKind::Contact),
    ("bild weggelassen", MediaKind::Image),
    ("video weggelassen", MediaKind::Video),
    ("audio weggelassen", MediaKind::Audio),
    ("imagen omitida", MediaKind::Image),
    ("video omitido", MediaKind::Video),
    ("audio omitido", MediaKind::Audio),
    ("image absente", MediaKind::Image),
    ("vidéo absente", MediaKind::Video),
];

/// Bodies that mean the message was deleted; its text is gone.
const DELETED: &[&str] = &[
    "this message was deleted",
    "you deleted this message",
    "diese nachricht wurde gelöscht",
    "du hast diese nachricht gelöscht",
    "se eliminó este mensaje",
    "eliminaste este mensaje",
    "ce message a été supprimé",
    "vous avez supprimé ce message",
    "questo messaggio è stato eliminato",
    "esta mensagem foi apagada",
    "dit bericht is verwijderd",
];

/// Suffixes WhatsApp appends to edited messages.
const EDITED: &[&str] = &[
    "<this message was edited>",
    "<diese nachricht wurde bearbeitet>",
    "<se editó este mensaje>",
    "<ce message a été modifié>",
];

/// Text of system lines that carry a sender prefix (iOS puts the chat name in front of them).
const SYSTEM_BODIES: &[&str] = &[
    "messages and calls are end-to-end encrypted",
    "messages to this group are now secured",
    "messages you send to this group are now secured",
    "messages you send to this chat and calls are now secured",
    "your security code with",
    "this chat is with a business account",
    "this business uses a secure service",
    "disappearing messages",
    "missed voice call",
    "missed video call",
    "you blocked this contact",
    "you unblocked this contact",
    "waiting for this message",
];

/// Phrases that mark a "name" part as really being a system event
/// ("Alice changed the subject to "x: y"" has a colon but no sender).
const SYSTEM_NAME_PHRASES: &[&str] = &[
    " created group",
    " changed the subject",
    " changed this group's",
    " changed the group",
    " added ",
    " removed ",
    " joined using",
    " changed their phone number",
    " changed to ",
    " security code",
    "you're now an admin",
    " deleted this group",
    " pinned a message",
];

/// `<attached: 00000012-PHOTO-2024-01-01-12-01-01.jpg>` and its translations
/// (`<Anhang: …>`, `<adjunto: …>`, `<מצורף: …>`): a short word, a colon, a file name.
static ATTACHED: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"<[^<>:\s]{2,20}(?: [^<>:\s]{2,10})?\s?:\s*([^<>\n]+?\.[A-Za-z0-9]{2,5})>").ok()
});

/// `IMG-20240101-WA0001.jpg (file attached)` (Android with media; the name may hold spaces).
static FILE_ATTACHED: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?m)^(.+?\.[A-Za-z0-9]{2,5}) \((?:file attached|Datei angehängt|archivo adjunto|fichier joint|file allegato|arquivo anexado)\)").ok()
});

/// The body of a message once markers are taken out of it.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Body {
    pub text: String,
    pub attachments: Vec<Attachment>,
    pub deleted: bool,
    pub edited: bool,
}

fn strip_marks(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{200E}' | '\u{200F}'))
}

/// The part of `s` before `suffix`, if `s` ends with it ignoring case. `suffix` is lower case.
/// Compares character by character from the end, so a miss costs one comparison and no
/// allocation: this runs for every message of every export.
fn strip_suffix_ignore_case<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    // ASCII on both sides (nearly every body's tail, nearly every marker): one byte is one
    // character and lower-cases to one, so a byte comparison decides. Anything else takes
    // the character path below (a Kelvin sign lower-cases to "k").
    if suffix.is_ascii() {
        // Only ASCII characters, and the three-byte Kelvin sign, lower-case to a single ASCII
        // character: a body shorter than an ASCII marker cannot end with it.
        let cut = s.len().checked_sub(suffix.len())?;
        if let Some(tail) = s.as_bytes().get(cut..)
            && tail.is_ascii()
        {
            return tail
                .eq_ignore_ascii_case(suffix.as_bytes())
                .then(|| s.get(..cut))
                .flatten();
        }
    }
    strip_suffix_by_chars(s, suffix)
}

/// [`strip_suffix_ignore_case`] character by character: what its byte path must agree with.
fn strip_suffix_by_chars<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let mut chars = s.char_indices().rev();
    let mut cut = s.len();
    for expected in suffix.chars().rev() {
        let (at, c) = chars.next()?;
        if !c.to_lowercase().eq(std::iter::once(expected)) {
            return None;
        }
        cut = at;
    }
    s.get(..cut)
}

fn eq_ignore_case(s: &str, lower: &str) -> bool {
    // Long bodies first, without reading them (most are).
    if s.len() > lower.len() * 2 {
        return false;
    }
    // An ASCII body lower-cases byte for byte: a byte comparison decides.
    if s.is_ascii() {
        return s.eq_ignore_ascii_case(lower);
    }
    eq_by_chars(s, lower)
}

/// [`eq_ignore_case`] character by character: what its byte path must agree with.
fn eq_by_chars(s: &str, lower: &str) -> bool {
    s.len() <= lower.len() * 2 && s.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

fn starts_with_ignore_ascii_case(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn contains_ignore_ascii_case(s: &str, needle: &str) -> bool {
    s.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The last three bytes of every omitted-media marker (all ASCII, lower case).
static OMITTED_TAILS: LazyLock<Vec<[u8; 3]>> = LazyLock::new(|| {
    let mut tails: Vec<[u8; 3]> = OMITTED
        .iter()
        .filter_map(|(marker, _)| marker.as_bytes().last_chunk::<3>().copied())
        .collect();
    tails.sort_unstable();
    tails.dedup();
    tails
});

/// Whether `s` could end with an omitted-media marker: false only when its last three bytes
/// are ASCII and, lower-cased, end no marker. A body matched character by character ends
/// with the marker's last three (ASCII) characters in some case, so this never says false
/// of a body that ends with one; a test holds it to that. Comparing the 23 markers one by
/// one was most of the time a short WhatsApp message spent here.
fn may_end_with_omitted_marker(s: &str) -> bool {
    match s.as_bytes().last_chunk::<3>() {
        Some(tail) if tail.is_ascii() => {
            OMITTED_TAILS.contains(&tail.map(|b| b.to_ascii_lowercase()))
        }
        _ => true,
    }
}

/// Takes media, deleted and edited markers out of a message body.
pub(crate) fn read_body(raw: &str) -> Body {
    let mut body = Body::default();
    let mut trimmed = strip_marks(raw);
    if trimmed.ends_with('>')
        && let Some(before) = EDITED
            .iter()
            .find_map(|m| strip_suffix_ignore_case(trimmed, m))
    {
        body.edited = true;
        trimmed = strip_marks(before);
    }
    if DELETED.iter().any(|m| eq_ignore_case(trimmed, m)) {
        body.deleted = true;
        return body;
    }
    // An omitted-media marker is the whole body, so longer bodies need no comparison, and
    // nor do bodies whose last bytes end no marker (most short messages).
    let short = trimmed.len() <= 32 && may_end_with_omitted_marker(trimmed);
    let omitted = OMITTED.iter().filter(|_| short).find(|(m, _)| {
        strip_suffix_ignore_case(trimmed, m)
            .is_some_and(|before| before.is_empty() || before.ends_with('\u{200e}'))
    });
    if let Some((_, kind)) = omitted {
        body.attachments.push(Attachment {
            kind: *kind,
            file_name: None,
            sha256: None,
        });
        return body;
    }
    // A document marker carries its name: "report.pdf • 3 pages document omitted".
    if let Some(name) = strip_suffix_ignore_case(trimmed, " document omitted") {
        let name = strip_marks(name);
        let name = name.split(" • ").next().unwrap_or(name);
        body.attachments.push(Attachment {
            kind: MediaKind::Document,
            file_name: Some(name.to_owned()),
            sha256: None,
        });
        return body;
    }
    let mut text = trimmed.to_owned();
    let candidates = [
        (&*ATTACHED, text.contains('<')),
        (&*FILE_ATTACHED, text.contains(" (")),
    ];
    for (pattern, worth_trying) in candidates {
        let Some(pattern) = pattern.as_ref().filter(|_| worth_trying) else {
            continue;
        };
        let mut found = Vec::new();
        for caps in pattern.captures_iter(&text) {
            if let (Some(whole), Some(name)) = (caps.get(0), caps.get(1)) {
                found.push((whole.range(), strip_marks(name.as_str()).to_owned()));
            }
        }
        for (range, name) in found.into_iter().rev() {
            body.attachments.insert(
                0,
                Attachment {
                    kind: MediaKind::from_file_name(&name),
                    file_name: Some(name),
                    sha256: None,
                },
            );
            text.replace_range(range, "");
        }
    }
    body.text = if text.len() == trimmed.len() {
        text
    } else {
        strip_marks(&text).to_owned()
    };
    body
}

/// True for a body WhatsApp wrote itself even though a sender name precedes it.
pub(crate) fn is_system_body(body: &str) -> bool {
    let body = strip_marks(body);
    SYSTEM_BODIES
        .iter()
        .any(|p| starts_with_ignore_ascii_case(body, p))
}

/// True when the part before the first colon is an event description, not a name.
pub(crate) fn is_system_name(name: &str) -> bool {
    name.len() > 80
        || SYSTEM_NAME_PHRASES
            .iter()
            .any(|p| contains_ignore_ascii_case(name, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(body: &Body) -> Vec<(MediaKind, Option<&str>)> {
        body.attachments
            .iter()
            .map(|a| (a.kind, a.file_name.as_deref()))
            .collect()
    }

    #[test]
    fn media_markers_in_all_forms() {
        assert_eq!(
            names(&read_body("<Media omitted>")),
            vec![(MediaKind::Unknown, None)]
        );
        assert_eq!(
            names(&read_body("\u{200E}image omitted")),
            vec![(MediaKind::Image, None)]
        );
        let b = read_body("look \u{200E}<attached: 00000012-PHOTO-2024-01-01-12-01-01.jpg>");
        assert_eq!(
            names(&b),
            vec![(
                MediaKind::Image,
                Some("00000012-PHOTO-2024-01-01-12-01-01.jpg")
            )]
        );
        assert_eq!(b.text, "look");
        let b = read_body("Test message 1 from M. <Anhang: video1.mp4>");
        assert_eq!(names(&b), vec![(MediaKind::Video, Some("video1.mp4"))]);
        assert_eq!(b.text, "Test message 1 from M.");
        let b = read_body("IMG-20240101-WA0001.jpg (file attached)\nfor you x");
        assert_eq!(
            names(&b),
            vec![(MediaKind::Image, Some("IMG-20240101-WA0001.jpg"))]
        );
        assert_eq!(b.text, "for you x");
        let b = read_body("Notes.pdf • 3 pages document omitted");
        assert_eq!(names(&b), vec![(MediaKind::Document, Some("Notes.pdf"))]);
    }

    #[test]
    fn deleted_and_edited() {
        assert!(read_body("This message was deleted").deleted);
        let b = read_body("see you at 8 <This message was edited>");
        assert!(b.edited);
        assert_eq!(b.text, "see you at 8");
        assert!(read_body("Diese Nachricht wurde GELÖSCHT").deleted);
        assert!(!read_body("This message was deleted, I think").deleted);
        assert_eq!(read_body("a <b> c").text, "a <b> c");
    }
}

#[cfg(test)]
mod byte_paths_agree {
    use proptest::prelude::*;

    use super::*;

    /// Bodies near the markers: their letters in both cases, the Kelvin sign (lower-cases to
    /// "k"), the dotted capital I (lower-cases to two characters) and other non-ASCII letters.
    fn body() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "<",
                ">",
                " ",
                "media",
                "MEDIA",
                "omitted",
                "OMITTED",
                "image",
                "Image",
                "k",
                "K",
                "\u{212A}",
                "\u{130}",
                "ö",
                "Ö",
                "é",
                "deleted",
                "DELETED",
                "this message was",
                "gelöscht",
                "GELÖSCHT",
                "x",
                "\u{200E}",
            ]),
            0..8,
        )
        .prop_map(|parts| parts.concat())
    }

    fn agree(s: &str) -> Result<(), TestCaseError> {
        for (marker, _) in OMITTED {
            prop_assert_eq!(
                strip_suffix_ignore_case(s, marker),
                strip_suffix_by_chars(s, marker)
            );
        }
        for marker in EDITED.iter().chain([&"k", &"ök", &" document omitted"]) {
            prop_assert_eq!(
                strip_suffix_ignore_case(s, marker),
                strip_suffix_by_chars(s, marker)
            );
        }
        for marker in DELETED.iter().chain([&"k", &"media"]) {
            prop_assert_eq!(eq_ignore_case(s, marker), eq_by_chars(s, marker));
        }
        // The screen in front of the omitted-media markers never hides one.
        if OMITTED
            .iter()
            .any(|(marker, _)| strip_suffix_by_chars(s, marker).is_some())
        {
            prop_assert!(may_end_with_omitted_marker(s), "{:?}", s);
        }
        Ok(())
    }

    #[test]
    fn every_omitted_marker_passes_its_own_screen_in_any_case() {
        for (marker, _) in OMITTED {
            for body in [
                marker.to_string(),
                marker.to_uppercase(),
                format!("\u{200e}{marker}"),
            ] {
                assert!(may_end_with_omitted_marker(&body), "{body}");
            }
            assert!(OMITTED_TAILS.iter().all(|t| t.is_ascii()));
        }
        assert!(!may_end_with_omitted_marker("see you at 8"));
    }

    #[test]
    fn the_tricky_letters_agree() {
        for s in [
            "K",
            "\u{212A}",
            "MEDIA",
            "\u{130}",
            "GELÖSCHT",
            "x<MEDIA OMITTED>",
        ] {
            agree(s).unwrap_or_else(|e| panic!("{s:?}: {e}"));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]
        #[test]
        fn suffix_and_equality_match_the_character_comparisons(s in body()) {
            agree(&s)?;
        }
    }
}
