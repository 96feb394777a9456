//! Multi-turn sets other than SEConvo: DailyDialog (benign chit-chat, halves by hash; its
//! first messages alone are an evaluation view),
//! AntiScam (attackers posing as support staff, halves by hash), MentalManip (manipulation in
//! film dialogue, evaluation only: a related but different task), and the scam-call
//! transcripts (evaluation only; their `label` is inverted: 0 = scam).

use std::path::Path;

use lurewatch_core::{Format, SenderIdentity};

use crate::example::{Speaker, alternating, conversation};
use crate::split::held_out;
use crate::{EvalError, Example, Split};

use super::sms::TEST_SALT;

fn halves(example: &mut Example) {
    example.split = if held_out(example.identity.exact, 50, TEST_SALT) {
        Split::Test
    } else {
        Split::Train
    };
}

fn example<T: AsRef<str>>(
    set: &'static str,
    id: String,
    turns: &[(Speaker, T)],
    malicious: bool,
) -> Example {
    Example::new(
        set,
        id,
        conversation(Format::Text, turns, SenderIdentity::Unknown),
        malicious,
        Split::Test,
    )
}

/// One dialogue per line, turns separated by `__eou__`.
pub fn dailydialog(path: &Path) -> Result<Vec<Example>, EvalError> {
    let bytes = super::read(path)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let turns: Vec<&str> = line
            .split("__eou__")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        if turns.is_empty() {
            continue;
        }
        let mut e = example(
            "dailydialog",
            format!("line {}", i + 1),
            &alternating(&turns),
            false,
        );
        halves(&mut e);
        out.push(e);
    }
    Ok(out)
}

/// DailyDialog's first messages, each alone, as a first text from an unknown sender: how
/// ordinary strangers open (a question to a clerk, a greeting, an announcement), where the
/// single-text head and the first-contact floors decide, and where a parliament's or a
/// newsroom's inbox is fullest. Each opener stays on its dialogue's side; evaluation only
/// (training reads the dialogues whole).
pub fn dailydialog_openers(path: &Path) -> Result<Vec<Example>, EvalError> {
    Ok(dailydialog(path)?
        .into_iter()
        .filter_map(|dialogue| {
            let first = &dialogue.conversation.messages.first()?.text;
            let mut opener = example(
                "dailydialog-openers",
                dialogue.id,
                &[(Speaker::Other, first)],
                false,
            );
            opener.split = dialogue.split;
            Some(opener)
        })
        .collect())
}

/// AntiScam's layout, shared by its two files: `role<TAB>…` lines (0 = attacker), dialogues
/// separated by blank lines. Each dialogue as the number of its first line and its lines as
/// (speaker, what follows the role's tab); lines without a tab are skipped.
fn antiscam_dialogues(text: &str) -> Vec<(usize, Vec<(Speaker, &str)>)> {
    let mut out = Vec::new();
    let mut lines: Vec<(Speaker, &str)> = Vec::new();
    let mut start = 1;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            out.push((start, std::mem::take(&mut lines)));
            start = i + 2;
            continue;
        }
        let Some((role, rest)) = line.split_once('\t') else {
            continue;
        };
        let speaker = if role.trim() == "0" {
            Speaker::Other
        } else {
            Speaker::Reporter
        };
        lines.push((speaker, rest));
    }
    out.push((start, lines));
    out.retain(|(_, lines)| lines.iter().any(|(s, _)| *s == Speaker::Other));
    out
}

fn utterance(text: &str) -> String {
    text.trim().trim_matches('"').to_owned()
}

/// `AntiScam_all.txt`: `role<TAB>text`.
pub fn antiscam(path: &Path) -> Result<Vec<Example>, EvalError> {
    let bytes = super::read(path)?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(antiscam_dialogues(&text)
        .into_iter()
        .map(|(start, lines)| {
            let turns: Vec<(Speaker, String)> = lines
                .iter()
                .map(|(s, rest)| (*s, utterance(rest)))
                .collect();
            let mut e = example("antiscam", format!("line {start}"), &turns, true);
            halves(&mut e);
            e
        })
        .collect())
}

/// AntiScam's annotated file, for message-level figures only: each attacker utterance whose
/// on-task intent (column 3) is `elicitation` asks for information. The file is latin-1 and
/// its dialogues are versions of `AntiScam_all.txt`'s (slot names differ: `NAMESLOTA`), some
/// of which are in that set's training half, so conversation-level figures on it would not
/// be a measurement; the set is marked message-level only. Halves by hash: the train half is
/// for rule work (the classifier never trains on it), the test half is reported.
pub fn antiscam_messages(path: &Path) -> Result<Vec<Example>, EvalError> {
    let bytes = super::read(path)?;
    // Latin-1: every byte is the code point of the same value.
    let text: String = bytes.iter().map(|&b| char::from(b)).collect();
    Ok(antiscam_dialogues(&text)
        .into_iter()
        .map(|(start, lines)| {
            let mut turns: Vec<(Speaker, String)> = Vec::new();
            let mut asking: Vec<usize> = Vec::new();
            for (speaker, rest) in lines {
                let mut columns = rest.split('\t');
                let said = columns.next().unwrap_or_default();
                if speaker == Speaker::Other
                    && columns.next().is_some_and(|c| c.trim() == "elicitation")
                {
                    asking.push(turns.len());
                }
                turns.push((speaker, utterance(said)));
            }
            let mut e = example("antiscam-messages", format!("line {start}"), &turns, true);
            e.asks_for_information = Some(asking);
            halves(&mut e);
            e
        })
        .collect())
}

/// Splits "Person1: … Person2: …" (or "Speaker 1: …") text into turns; the first speaker is
/// the other party.
fn speaker_turns(text: &str, first: &str) -> Vec<(Speaker, String)> {
    let mut turns: Vec<(Speaker, String)> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        let (label, said) = match line.split_once(':') {
            Some((label, said))
                if label.len() <= 12 && label.chars().any(|c| c.is_ascii_digit()) =>
            {
                (Some(label.trim()), said.trim())
            }
            _ => (None, line),
        };
        match label {
            Some(label) => {
                let speaker = if label == first {
                    Speaker::Other
                } else {
                    Speaker::Reporter
                };
                turns.push((speaker, said.to_owned()));
            }
            None => {
                if let Some((_, last)) = turns.last_mut() {
                    last.push(' ');
                    last.push_str(said);
                } else if !said.is_empty() {
                    turns.push((Speaker::Other, said.to_owned()));
                }
            }
        }
    }
    turns
}

pub fn mentalmanip(path: &Path) -> Result<Vec<Example>, EvalError> {
    let mut out = Vec::new();
    for row in super::csv_rows(path)? {
        let (Some(dialogue), Some(label)) = (row.get("Dialogue"), row.get("Manipulative")) else {
            continue;
        };
        let turns = speaker_turns(dialogue, "Person1");
        if turns.is_empty() {
            continue;
        }
        let id = row.get("ID").cloned().unwrap_or_default();
        out.push(example("mentalmanip", id, &turns, label.trim() == "1"));
    }
    Ok(out)
}

pub fn scam_calls(path: &Path) -> Result<Vec<Example>, EvalError> {
    let mut out = Vec::new();
    for (i, row) in super::csv_rows(path)?.iter().enumerate() {
        let (Some(text), Some(label)) = (row.get("text"), row.get("label")) else {
            continue;
        };
        let first = text
            .split_once(':')
            .map(|(l, _)| l.trim().to_owned())
            .unwrap_or_default();
        let turns = speaker_turns(&text.replace(" Speaker ", "\nSpeaker "), &first);
        if turns.is_empty() {
            continue;
        }
        // Inverted in the source: 0 is a scam chunk.
        out.push(example(
            "scam-calls",
            format!("row {}", i + 2),
            &turns,
            label.trim() == "0",
        ));
    }
    Ok(out)
}
