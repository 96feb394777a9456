//! Single texts in a labelled folder: `texts.jsonl`, one JSON object per line,
//!
//! ```json
//! {"text": "Hi, is this Jennifer? It's Mark from the golf club", "malicious": true, "tactics": ["wrong-number"], "split": "train"}
//! ```
//!
//! for the many short first messages (an opener, a look-alike from a friend) that would each
//! need a file and a `labels.json` entry of their own otherwise. Each text arrives as an SMS
//! set's do: one message from an unknown sender, the stricter setting for false alarms.
//! `tactics` and `split` mean what they mean in `labels.json` (split default `test`).
//! The examples' set is [`SET`], not the folder's conversations' `labelled`: training weighs
//! every (set, label) group alike, and a few hundred openers must not be drowned by, nor
//! drown, the folder's chats.

use std::path::Path;

use lurewatch_core::Tactic;
use serde::Deserialize;

use super::sms::message;
use crate::{EvalError, Example, Split};

/// The file's name inside a labelled folder.
pub const FILE: &str = "texts.jsonl";

/// The set name of the examples it holds.
pub const SET: &str = "labelled-texts";

/// As for `labels.json`: a million lines is about 150 MB; more is not a label file.
const MAX_TEXTS_BYTES: u64 = 128 << 20;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    text: String,
    malicious: bool,
    #[serde(default)]
    tactics: Option<Vec<String>>,
    #[serde(default)]
    split: Option<String>,
}

/// The examples of every good line of `path`, and a problem naming the line of each bad one.
/// Fails whole only when the file cannot be read.
pub fn load_each(path: &Path) -> Result<(Vec<Example>, Vec<EvalError>), EvalError> {
    let bytes = super::read_at_most(path, MAX_TEXTS_BYTES)?;
    // Editors on Windows start a UTF-8 file with a byte-order mark, which is no JSON.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let mut examples = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let place = format!("{}:{}", path.display(), index + 1);
        match example(line, &place) {
            Ok(example) => examples.push(example),
            Err(detail) => problems.push(EvalError::Format {
                path: place,
                detail,
            }),
        }
    }
    Ok((examples, problems))
}

fn example(line: &[u8], place: &str) -> Result<Example, String> {
    let line: Line = serde_json::from_slice(line).map_err(|e| e.to_string())?;
    let text = line.text.trim();
    if text.is_empty() {
        return Err("the text is empty".to_owned());
    }
    let tactics = tactics_named(line.tactics.as_deref())?;
    let split = split_named(line.split.as_deref())?;
    Ok(Example {
        tactics,
        ..message(SET, place.to_owned(), text, line.malicious, split)
    })
}

/// A label's tactics by id, when it names any (both label files read them alike).
pub(super) fn tactics_named(ids: Option<&[String]>) -> Result<Option<Vec<Tactic>>, String> {
    ids.map(|ids| {
        ids.iter()
            .map(|id| {
                id.parse::<Tactic>()
                    .map_err(|_| format!("unknown tactic {id:?}"))
            })
            .collect()
    })
    .transpose()
}

/// A label's split: `test` unless it says `train`, so nothing someone labels is trained on
/// by accident.
pub(super) fn split_named(name: Option<&str>) -> Result<Split, String> {
    match name {
        None | Some("test") => Ok(Split::Test),
        Some("train") => Ok(Split::Train),
        Some(other) => Err(format!("split {other:?} is neither train nor test")),
    }
}
