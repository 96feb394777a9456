//! SEConvo (Ai et al., EMNLP 2024): LinkedIn-style outreach written by GPT-4-Turbo. Even turns
//! are the possible attacker, odd turns the target. Test = `annotated_test.json` (360, the
//! paper's test set); train = `annotated_train.json` (40) + `unannotated_train.json` (100).

use std::path::Path;

use lurewatch_core::{Format, SenderIdentity};
use serde::Deserialize;

use crate::example::{alternating, conversation};
use crate::{EvalError, Example, Split};

#[derive(Deserialize)]
struct File {
    #[serde(rename = "Conversations")]
    conversations: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(rename = "Conversation")]
    turns: Vec<Turn>,
    #[serde(rename = "GroundTruth")]
    truth: Truth,
}

#[derive(Deserialize)]
struct Turn {
    #[serde(rename = "Message")]
    message: String,
}

#[derive(Deserialize)]
struct Truth {
    #[serde(rename = "IsMalicious")]
    malicious: bool,
    /// Annotated files only: the kinds of sensitive information asked for, each with the
    /// indices of the messages that ask.
    #[serde(rename = "PII", default)]
    pii: Option<Vec<Pii>>,
    #[serde(rename = "ConversationID")]
    id: serde_json::Value,
}

#[derive(Deserialize)]
struct Pii {
    #[serde(rename = "Messages", default)]
    messages: Vec<serde_json::Value>,
}

pub fn load(dir: &Path) -> Result<Vec<Example>, EvalError> {
    let mut out = Vec::new();
    for (file, split) in [
        ("annotated_train.json", Split::Train),
        ("unannotated_train.json", Split::Train),
        ("annotated_test.json", Split::Test),
    ] {
        let path = dir.join(file);
        let bytes = super::read(&path)?;
        let parsed: File = serde_json::from_slice(&bytes).map_err(|e| EvalError::Format {
            path: path.display().to_string(),
            detail: e.to_string(),
        })?;
        for entry in parsed.conversations {
            let texts: Vec<&str> = entry.turns.iter().map(|t| t.message.as_str()).collect();
            let turns = alternating(&texts);
            // A stranger on a professional network: shown by the name they chose.
            let chat = conversation(Format::Text, &turns, SenderIdentity::ProfileName);
            let id = format!("{file}#{}", entry.truth.id);
            out.push(Example {
                asks_for_information: entry.truth.pii.as_ref().map(|kinds| {
                    let mut indices: Vec<usize> = kinds
                        .iter()
                        .flat_map(|k| &k.messages)
                        .filter_map(|v| v.as_u64().and_then(|i| usize::try_from(i).ok()))
                        .collect();
                    indices.sort_unstable();
                    indices.dedup();
                    indices
                }),
                ..Example::new("seconvo", id, chat, entry.truth.malicious, split)
            });
        }
    }
    Ok(out)
}
