//! SMS sets: one message from an unknown sender per example. Smishtank is the real-smishing
//! test set (advertisements excluded, as the issue asks); NUS is the real-ham set, split in
//! half by text hash; the others are training material only. SOURCE.md overlaps (UCI ham
//! inside NUS, UCI inside Mishra–Soni) are handled by the hash split: a text held out anywhere
//! is dropped from training everywhere ([`crate::split`]).

use std::path::Path;

use lurewatch_core::{Format, SenderIdentity};

use super::number_placeholders;
use crate::example::{Speaker, conversation};
use crate::split::held_out;
use crate::{EvalError, Example, Split};

/// Salt of the NUS and dialogue test halves.
pub const TEST_SALT: u64 = 1;

/// One text from an unknown sender: how every SMS set, and the own set's single texts, arrive.
pub(crate) fn message(
    set: &'static str,
    id: String,
    text: &str,
    malicious: bool,
    split: Split,
) -> Example {
    Example::new(
        set,
        id,
        conversation(
            Format::Text,
            &[(Speaker::Other, text)],
            SenderIdentity::Unknown,
        ),
        malicious,
        split,
    )
}

/// Keeps rows with text; `label` says (malicious, keep) for a row.
fn rows_to_examples(
    set: &'static str,
    path: &Path,
    text_column: &str,
    label: impl Fn(&std::collections::HashMap<String, String>) -> Option<bool>,
    split: impl Fn(&Example) -> Split,
) -> Result<Vec<Example>, EvalError> {
    let mut out = Vec::new();
    for (i, row) in super::csv_rows(path)?.iter().enumerate() {
        let Some(text) = row
            .get(text_column)
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
        else {
            continue;
        };
        let Some(malicious) = label(row) else {
            continue;
        };
        let mut example = message(set, format!("row {}", i + 2), text, malicious, Split::Train);
        example.split = split(&example);
        out.push(example);
    }
    Ok(out)
}

pub fn smishtank(path: &Path) -> Result<Vec<Example>, EvalError> {
    rows_to_examples(
        "smishtank",
        path,
        "MainText",
        |row| {
            let category = row.get("Message Categories").map_or("", |c| c.trim());
            (!category.eq_ignore_ascii_case("Advertisement")).then_some(true)
        },
        |_| Split::Test,
    )
}

/// NUS, both halves, with the numbers it anonymised written back
/// ([`number_placeholders`]): the ham a model learns from and is judged on, shaped like the
/// texts `scan` reads. Each text keeps the identity, and so the side, of its text as published.
pub fn nus(path: &Path) -> Result<Vec<Example>, EvalError> {
    Ok(numbers_written_back(nus_as_published(path, "nus")?))
}

/// NUS's test half exactly as published (placeholders for numbers), to compare with figures
/// measured elsewhere on the published corpus; evaluation only.
pub fn nus_test_as_published(path: &Path) -> Result<Vec<Example>, EvalError> {
    let mut examples = nus_as_published(path, "nus-as-published")?;
    examples.retain(|e| e.split == Split::Test);
    Ok(examples)
}

fn nus_as_published(path: &Path, set: &'static str) -> Result<Vec<Example>, EvalError> {
    rows_to_examples(
        set,
        path,
        "Message",
        |_| Some(false),
        |e| {
            if held_out(e.identity.exact, 50, TEST_SALT) {
                Split::Test
            } else {
                Split::Train
            }
        },
    )
}

/// Examples of the sets that carry NUS's placeholders with numbers in their place, each keeping
/// the identity of its text as published (the stand-in digits are a guess that a copy of the
/// text in another set would not share), and seeded by it, so that copies stay copies.
fn numbers_written_back(examples: Vec<Example>) -> Vec<Example> {
    examples
        .into_iter()
        .map(|mut example| {
            let seed = example.identity.exact;
            for message in &mut example.conversation.messages {
                if message.text.contains('<') {
                    message.text = number_placeholders::fill(&message.text, seed);
                }
            }
            example
        })
        .collect()
}

pub fn mishra_soni(path: &Path) -> Result<Vec<Example>, EvalError> {
    let escaped = rows_to_examples(
        "mishra-soni",
        path,
        "TEXT",
        |row| match row.get("LABEL").map(|l| l.trim().to_lowercase()).as_deref() {
            Some("ham") => Some(false),
            Some("smishing" | "spam") => Some(true),
            _ => None,
        },
        |_| Split::Train,
    )?;
    Ok(numbers_written_back(rewritten(escaped, unescape_html)))
}

/// Single-text examples with their text put through `repair` (a set published in a shape
/// `scan` never reads: escaped, masked, stripped), identified by the repaired text: undone
/// escapes give back the text as another set published it; SPAM-Hunter's lemmatised texts
/// have no other published shape, and their copies are found by the loose identity, which
/// reads digits and their masks alike.
fn rewritten(examples: Vec<Example>, repair: impl Fn(&str) -> String) -> Vec<Example> {
    examples
        .into_iter()
        .map(|example| {
            let text = example
                .conversation
                .messages
                .first()
                .map(|m| repair(&m.text))
                .unwrap_or_default();
            message(
                example.set,
                example.id,
                &text,
                example.malicious,
                example.split,
            )
        })
        .collect()
}

/// `text` with the HTML escapes `&lt;`, `&gt;` and `&amp;` undone. The UCI collection took its
/// ham from the NUS corpus and escaped it on the way ("I am &lt;#&gt; inches" where NUS has
/// "I am <#> inches"), and Mishra–Soni copied UCI: escaped, a copy of a NUS *test* text no
/// longer hashes like it, so it was trained on instead of being dropped as held out, and
/// "lt", "gt" and "amp" became words of ham.
pub fn unescape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or_default());
        let tail = rest.get(at..).unwrap_or_default();
        let (replacement, length) = [("&lt;", '<'), ("&gt;", '>'), ("&amp;", '&')]
            .iter()
            .find(|(escape, _)| tail.starts_with(escape))
            .map_or(('&', 1), |(escape, c)| (*c, escape.len()));
        out.push(replacement);
        rest = tail.get(length..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

pub fn exais(path: &Path) -> Result<Vec<Example>, EvalError> {
    rows_to_examples(
        "exais-sms",
        path,
        "Message",
        |row| match row.get("Label").map(|l| l.trim().to_uppercase()).as_deref() {
            Some("HAM") => Some(false),
            Some("SPAM") => Some(true),
            _ => None,
        },
        |_| Split::Train,
    )
}

/// SPAM-Hunter's texts have every digit masked as `X` (its SOURCE.md): "call XXXXXXXXXX",
/// "$XX.XX". Read as masked, the largest smishing set teaches the model that a smishing text
/// has no digits (the seven-digit feature stays off, numbers and amounts are never found) and
/// that "xxx" is a spam word, none of which holds for the real texts `scan` sees. So masked
/// digits are written back as digits: pseudo-random ones, seeded by the text and the position,
/// because which digit it was is lost and no particular digit should become a spam signal.
pub fn spam_hunter(path: &Path) -> Result<Vec<Example>, EvalError> {
    let masked = rows_to_examples(
        "spam-hunter",
        path,
        "Messages",
        |_| Some(true),
        |_| Split::Train,
    )?;
    // Seeded by the text, so that copies of one masked text stay copies (and are trained on
    // once).
    Ok(rewritten(masked, |text| {
        let seed = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
        restore_link_schemes(&unmask_digits(text, seed))
    }))
}

/// `text` with the colon of every link's scheme put back. SPAM-Hunter's texts were read off
/// screenshots and stripped of punctuation, so in all of its 10,234 texts with a link it reads
/// "http //bit.ly/2yRMOWG" or "http // www.example.com": neither a link to `scan` nor to a
/// person, and 40 % of the set's smishing would teach the model that lures carry no link.
/// (Applied after unmasking, so the stand-in digits stay those of the masked text.)
pub fn restore_link_schemes(text: &str) -> String {
    let bytes = text.as_bytes();
    let skip_spaces = |mut i: usize| {
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        i
    };
    let mut out = String::with_capacity(text.len() + 8);
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        at += 1;
        let word_start = start == 0 || !bytes.get(start - 1).is_some_and(u8::is_ascii_alphanumeric);
        if !word_start
            || !bytes
                .get(start..start + 4)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"http"))
        {
            continue;
        }
        let mut scheme_end = start + 4;
        if bytes
            .get(scheme_end)
            .is_some_and(|b| b.eq_ignore_ascii_case(&b's'))
        {
            scheme_end += 1;
        }
        let slashes = skip_spaces(scheme_end);
        if bytes.get(slashes..slashes + 2) != Some(b"//") {
            continue;
        }
        let host = skip_spaces(slashes + 2);
        if !bytes.get(host).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        out.push_str(text.get(copied..scheme_end).unwrap_or_default());
        out.push_str("://");
        copied = host;
        at = host;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// `text` with each run of capital X's that stands alone or among digits and a number's
/// punctuation ("XXXXXXXXXX", "$XX.XX", "reply X") turned into digits; X's in words ("XXL",
/// "Xmas", "TeXt") stay.
pub fn unmask_digits(text: &str, seed: u64) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut random =
        lurewatch_core::random::XorShift64::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b != b'X' {
            let next = text.get(at..).and_then(|rest| rest.chars().next());
            if let Some(c) = next {
                out.push(c);
                at += c.len_utf8();
            } else {
                at += 1;
            }
            continue;
        }
        let end = at
            + bytes
                .get(at..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&c| c == b'X')
                .count();
        let letter = |i: Option<&u8>| i.is_some_and(u8::is_ascii_alphabetic);
        let standalone =
            !letter(at.checked_sub(1).and_then(|i| bytes.get(i))) && !letter(bytes.get(end));
        for _ in at..end {
            if standalone {
                out.push(char::from(b'0' + (random.next_u64() % 10) as u8));
            } else {
                out.push('X');
            }
        }
        at = end;
    }
    out
}

pub fn british(path: &Path) -> Result<Vec<Example>, EvalError> {
    rows_to_examples(
        "british-sms",
        path,
        "message",
        |row| match row.get("label").map(|l| l.trim().to_lowercase()).as_deref() {
            Some("ham") => Some(false),
            Some("spam" | "smishing") => Some(true),
            _ => None,
        },
        |_| Split::Train,
    )
}

/// UCI: `label<TAB>text` lines.
pub fn uci(path: &Path) -> Result<Vec<Example>, EvalError> {
    let bytes = super::read(path)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some((label, body)) = line.split_once('\t') else {
            continue;
        };
        let malicious = match label {
            "spam" => true,
            "ham" => false,
            _ => {
                return Err(EvalError::Format {
                    path: path.display().to_string(),
                    detail: format!("line {}: label {label:?} is neither ham nor spam", i + 1),
                });
            }
        };
        out.push(message(
            "uci-sms",
            format!("line {}", i + 1),
            &unescape_html(body),
            malicious,
            Split::Train,
        ));
    }
    Ok(numbers_written_back(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_are_undone_once() {
        assert_eq!(
            unescape_html("I am  &lt;#&gt;  inches &amp; more, &amp;lt; stays &lt; once & so on&"),
            "I am  <#>  inches & more, &lt; stays < once & so on&"
        );
        assert_eq!(unescape_html("plain"), "plain");
        assert_eq!(unescape_html("é&gté&lt;"), "é&gté<");
    }

    #[test]
    fn link_schemes_get_their_colon_back() {
        assert_eq!(
            restore_link_schemes("Locked http //bit.ly/318CGNU or HTTPS // www.x.com/a now"),
            "Locked http://bit.ly/318CGNU or HTTPS://www.x.com/a now"
        );
        for unchanged in [
            "see http://a.co/b",
            "http // ",
            "the http protocol",
            "xhttp //a.com",
            "https",
            "émoji http",
        ] {
            assert_eq!(restore_link_schemes(unchanged), unchanged);
        }
    }

    #[test]
    fn masked_digits_become_digits_and_words_stay_words() {
        let text = "Call XXXXXXXXXX now, pay $XX.XX, reply X to stop. XXL Xmas sale, TeXt";
        let unmasked = unmask_digits(text, 7);
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).count();
        assert_eq!(digits(&unmasked), 10 + 4 + 1, "{unmasked}");
        assert!(unmasked.contains("XXL Xmas sale, TeXt"), "{unmasked}");
        assert!(unmasked.starts_with("Call ") && unmasked.contains(" now, pay $"));
        assert_eq!(unmasked.len(), text.len());
        // Reproducible per row, and not one digit repeated.
        assert_eq!(unmasked, unmask_digits(text, 7));
        let number: String = unmasked.chars().skip(5).take(10).collect();
        assert!(
            number
                .chars()
                .any(|c| c != number.chars().next().unwrap_or('0'))
        );
        // Other scripts pass through untouched.
        assert_eq!(unmask_digits("Привет X 好", 1).chars().count(), 10);
    }
}
