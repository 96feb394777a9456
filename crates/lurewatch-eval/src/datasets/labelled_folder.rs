//! The project's labelled-folder format: a folder of exports in any format `scan` reads, plus
//! `labels.json`, an array of
//!
//! ```json
//! {"file": "chat-1.txt", "malicious": true, "tactics": ["sexual-lure", "pressure"], "split": "test"}
//! ```
//!
//! `tactics` (tactic ids) is optional: without it the file counts for conversation-level
//! figures only. `split` is `train` or `test` (default `test`, so a folder someone labels is
//! never trained on by accident). A file holding several conversations gives each the label.
//!
//! The folder may also hold single texts, one per line of `texts.jsonl`
//! ([`labelled_texts`]), with or without a `labels.json`.
//!
//! [`load`] refuses a folder with any bad entry (training must not quietly lose examples);
//! [`load_each`] reads every good entry and lists the bad ones, so that `lurewatch eval`
//! measures the rest and still names each problem and fails.

use std::path::Path;

use lurewatch_core::{ParseOptions, parse_bytes};
use serde::Deserialize;

use super::labelled_texts;
use crate::{EvalError, Example};

/// A `labels.json` of a million entries is about 100 MB; more is not a label file.
const MAX_LABELS_BYTES: u64 = 128 << 20;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Label {
    file: String,
    malicious: bool,
    #[serde(default)]
    tactics: Option<Vec<String>>,
    #[serde(default)]
    split: Option<String>,
}

/// Every example of the folder, or the first problem with `labels.json` or any entry.
pub fn load(dir: &Path) -> Result<Vec<Example>, EvalError> {
    let (examples, mut problems) = load_each(dir)?;
    if problems.is_empty() {
        Ok(examples)
    } else {
        Err(problems.swap_remove(0))
    }
}

/// The examples of every good entry, and a problem for each bad one (a path outside the
/// folder, an unknown tactic or split, a file that cannot be read or parsed). Fails whole
/// only when `labels.json` or `texts.jsonl` itself cannot be read.
pub fn load_each(dir: &Path) -> Result<(Vec<Example>, Vec<EvalError>), EvalError> {
    let labels_path = dir.join("labels.json");
    let texts_path = dir.join(labelled_texts::FILE);
    let has_texts = texts_path.exists();
    let (mut examples, mut problems) = if has_texts {
        labelled_texts::load_each(&texts_path)?
    } else {
        (Vec::new(), Vec::new())
    };
    // A folder of single texts alone needs no labels.json; without either it is no
    // labelled folder, and the error names labels.json.
    if has_texts && !labels_path.exists() {
        return Ok((examples, problems));
    }
    let (mut conversations, mut bad) = load_labels(dir, &labels_path)?;
    conversations.append(&mut examples);
    bad.append(&mut problems);
    Ok((conversations, bad))
}

/// The examples of every good `labels.json` entry, and a problem for each bad one.
fn load_labels(
    dir: &Path,
    labels_path: &Path,
) -> Result<(Vec<Example>, Vec<EvalError>), EvalError> {
    let bytes = super::read_at_most(labels_path, MAX_LABELS_BYTES)?;
    let labels: Vec<Label> = serde_json::from_slice(&bytes).map_err(|e| EvalError::Format {
        path: labels_path.display().to_string(),
        detail: e.to_string(),
    })?;
    let mut examples = Vec::new();
    let mut problems = Vec::new();
    for label in labels {
        match entry(dir, labels_path, label) {
            Ok(mut found) => examples.append(&mut found),
            Err(problem) => problems.push(problem),
        }
    }
    Ok((examples, problems))
}

/// The examples of one `labels.json` entry.
fn entry(dir: &Path, labels_path: &Path, label: Label) -> Result<Vec<Example>, EvalError> {
    let bad = |detail: String| EvalError::Format {
        path: labels_path.display().to_string(),
        detail,
    };
    if label.file.contains("..") || Path::new(&label.file).is_absolute() {
        return Err(bad(format!(
            "{:?} is not a file inside the folder",
            label.file
        )));
    }
    let in_entry = |detail: String| bad(format!("{}: {detail}", label.file));
    let tactics = labelled_texts::tactics_named(label.tactics.as_deref()).map_err(in_entry)?;
    let split = labelled_texts::split_named(label.split.as_deref()).map_err(in_entry)?;
    let path = dir.join(&label.file);
    let options = ParseOptions::default();
    let bytes = super::read_at_most(&path, options.max_input_bytes)?;
    let conversations =
        parse_bytes(&label.file, &bytes, &options).map_err(|e| EvalError::Format {
            path: path.display().to_string(),
            detail: e.to_string(),
        })?;
    Ok(conversations
        .into_iter()
        .enumerate()
        .map(|(i, conversation)| {
            let id = if i == 0 {
                label.file.clone()
            } else {
                format!("{}#{i}", label.file)
            };
            Example {
                tactics: tactics.clone(),
                ..Example::new("labelled", id, conversation, label.malicious, split)
            }
        })
        .collect())
}
