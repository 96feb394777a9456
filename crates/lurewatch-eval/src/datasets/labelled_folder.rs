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

use std::path::Path;

use lurewatch_core::{ParseOptions, Tactic, parse_bytes};
use serde::Deserialize;

use crate::{EvalError, Example, Split};

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

pub fn load(dir: &Path) -> Result<Vec<Example>, EvalError> {
    let labels_path = dir.join("labels.json");
    let bytes = super::read(&labels_path)?;
    let labels: Vec<Label> = serde_json::from_slice(&bytes).map_err(|e| EvalError::Format {
        path: labels_path.display().to_string(),
        detail: e.to_string(),
    })?;
    let bad = |detail: String| EvalError::Format {
        path: labels_path.display().to_string(),
        detail,
    };
    let mut out = Vec::new();
    for label in labels {
        if label.file.contains("..") || Path::new(&label.file).is_absolute() {
            return Err(bad(format!(
                "{:?} is not a file inside the folder",
                label.file
            )));
        }
        let tactics = label
            .tactics
            .map(|ids| {
                ids.iter()
                    .map(|id| {
                        id.parse::<Tactic>()
                            .map_err(|_| bad(format!("{}: unknown tactic {id:?}", label.file)))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        let split = match label.split.as_deref() {
            None | Some("test") => Split::Test,
            Some("train") => Split::Train,
            Some(other) => {
                return Err(bad(format!(
                    "{}: split {other:?} is neither train nor test",
                    label.file
                )));
            }
        };
        let path = dir.join(&label.file);
        let bytes = super::read(&path)?;
        let conversations =
            parse_bytes(&label.file, &bytes, &ParseOptions::default()).map_err(|e| {
                EvalError::Format {
                    path: path.display().to_string(),
                    detail: e.to_string(),
                }
            })?;
        for (i, conversation) in conversations.into_iter().enumerate() {
            out.push(Example {
                set: "labelled",
                id: if i == 0 {
                    label.file.clone()
                } else {
                    format!("{}#{i}", label.file)
                },
                conversation,
                malicious: label.malicious,
                tactics: tactics.clone(),
                asks_for_information: None,
                split,
            });
        }
    }
    Ok(out)
}
