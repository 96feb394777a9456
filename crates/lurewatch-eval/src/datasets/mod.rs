//! Loaders for the labelled sets: the public ones under `../shared/data` (one function per
//! set, following its SOURCE.md) and the project's own labelled folders. Each returns
//! [`Example`]s with their split already decided; see the split table in docs/accuracy.md.

pub mod dialogues;
pub mod email;
pub mod labelled_folder;
pub mod labelled_texts;
pub mod number_placeholders;
pub mod seconvo;
pub mod sms;

use std::path::Path;

use crate::{EvalError, Example};

/// The public sets by name, with what they are used for.
pub const PUBLIC: &[(&str, &str)] = &[
    (
        "seconvo",
        "social-engineering chats (LLM-written): train 140, test 360 (annotated_test)",
    ),
    (
        "smishtank",
        "real smishing, advertisements excluded: test only",
    ),
    (
        "nus",
        "real benign SMS, anonymised numbers written back: half train, half test, by text hash",
    ),
    (
        "nus-as-published",
        "NUS's test half as published (placeholders for numbers): test only",
    ),
    (
        "dailydialog",
        "benign chit-chat dialogues: half train, half test, by text hash",
    ),
    (
        "dailydialog-openers",
        "DailyDialog's first messages alone, as first texts from a stranger: each on its dialogue's side; evaluation only",
    ),
    (
        "uci-sms",
        "UCI SMS spam collection (spam and ham): train only",
    ),
    ("mishra-soni", "smishing, spam and ham SMS: train only"),
    ("exais-sms", "ExAIS spam and ham SMS: train only"),
    ("spam-hunter", "spam and smishing SMS, no ham: train only"),
    ("british-sms", "benign British English SMS: train only"),
    (
        "antiscam",
        "scam-elicitation dialogues (attacker side malicious): half train, half test",
    ),
    (
        "antiscam-messages",
        "AntiScam's annotated dialogues: message-level elicitation figures only (half for rule work, half test)",
    ),
    (
        "mentalmanip",
        "manipulation in film dialogue (a different task): test only",
    ),
    (
        "scam-calls",
        "real scam-call transcript chunks and benign speech: test only",
    ),
    (
        "phishing-pot",
        "real phishing and sextortion e-mails (.eml), no benign mail: test only, recall",
    ),
    (
        "spamassassin-spam",
        "unsolicited e-mail (SpamAssassin spam, 2002-03; fetched by scripts/fetch-spamassassin): half train, half test, by its MD5",
    ),
    (
        "spamassassin-ham",
        "real benign e-mail (SpamAssassin ham, 2002-03; fetched by scripts/fetch-spamassassin): half train, half test, by its MD5",
    ),
];

/// Sets that are not in `../shared/data` but fetched by a project script into the external
/// data folder (`LUREWATCH_EXTERNAL_DATA`, default `target/external-data`).
pub const EXTERNAL: &[&str] = &["spamassassin-ham", "spamassassin-spam"];

/// Where the fetched sets are.
pub fn external_data() -> std::path::PathBuf {
    std::env::var_os("LUREWATCH_EXTERNAL_DATA")
        .map_or_else(|| "target/external-data".into(), std::path::PathBuf::from)
}

/// Sets whose conversation-level figures are not a measurement (their dialogues overlap a
/// training set): only their message-level figures are reported, and the classifier never
/// trains on them.
pub const MESSAGE_LEVEL_ONLY: &[&str] = &["antiscam-messages"];

/// Other views of sets that training loads anyway (the same texts, or a part of each):
/// measured by `eval`, never loaded by `train`, where they would be read twice and an opener
/// would be trained on again as a text of its own.
pub const EVALUATION_VIEWS: &[&str] = &["nus-as-published", "dailydialog-openers"];

/// Sets published lemmatised and with digits masked (SPAM-Hunter): their copy of a held-out
/// text is recognised by `split::loose_hash`, since it never hashes like the original. Only
/// these: between two sets published as written, texts that differ in a number or an ending
/// ("in 10 mins", "in 5 mins") are different texts, not copies.
pub const PUBLISHED_LEMMATISED: &[&str] = &["spam-hunter"];

/// Loads a public set by name from the data folder (`../shared/data`).
pub fn load_public(name: &str, data: &Path) -> Result<Vec<Example>, EvalError> {
    match name {
        "seconvo" => seconvo::load(&data.join("seconvo")),
        "smishtank" => sms::smishtank(&data.join("smishtank/smishtank.csv")),
        "nus" => sms::nus(&data.join("nus-sms-corpus/Refined_NUS_Corpus_Dataset.csv")),
        "nus-as-published" => {
            sms::nus_test_as_published(&data.join("nus-sms-corpus/Refined_NUS_Corpus_Dataset.csv"))
        }
        "uci-sms" => sms::uci(&data.join("sms-spam-collection/SMSSpamCollection")),
        "mishra-soni" => sms::mishra_soni(&data.join("smishing-mishra-soni/Dataset_5971.csv")),
        "exais-sms" => sms::exais(&data.join("exais-sms/cleaned_all_ExAIS_SPAM_Dataset.csv")),
        "spam-hunter" => {
            sms::spam_hunter(&data.join("spam-hunter-sms/SPAM-Hunter_full_dataset_messages.csv"))
        }
        "british-sms" => {
            sms::british(&data.join("british-english-sms/Refined_English_SMS_Dataset.csv"))
        }
        "dailydialog" => {
            dialogues::dailydialog(&data.join("dailydialog-subset/dialogues_test.txt"))
        }
        "dailydialog-openers" => {
            dialogues::dailydialog_openers(&data.join("dailydialog-subset/dialogues_test.txt"))
        }
        "antiscam" => dialogues::antiscam(&data.join("antiscam/AntiScam_all.txt")),
        "antiscam-messages" => {
            dialogues::antiscam_messages(&data.join("antiscam/AntiScam_annotated.txt"))
        }
        "mentalmanip" => dialogues::mentalmanip(&data.join("mentalmanip/mentalmanip_con.csv")),
        "scam-calls" => dialogues::scam_calls(
            &data.join("scam-call-transcripts-vigilis/overall_transcript.no_callhome.csv"),
        ),
        "phishing-pot" => email::phishing_pot(&data.join("phishing-pot-eml")),
        "spamassassin-ham" => email::spamassassin_ham(&external_data().join("spamassassin-ham")),
        "spamassassin-spam" => email::spamassassin_spam(&external_data().join("spamassassin-spam")),
        other => Err(EvalError::UnknownSet(
            other.to_owned(),
            PUBLIC
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", "),
        )),
    }
}

/// Reads a whole file, naming it in the error.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, EvalError> {
    std::fs::read(path).map_err(|e| EvalError::Read {
        path: path.display().to_string(),
        detail: e.to_string(),
    })
}

/// Reads a file of at most `limit` bytes, naming it in the error: a labelled folder is the
/// user's, and a huge or endless file in it must be refused before it fills memory.
pub(crate) fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, EvalError> {
    use lurewatch_core::bounded_read::{ReadError, read_file_at_most};
    read_file_at_most(path, limit).map_err(|e| EvalError::Read {
        path: path.display().to_string(),
        detail: match e {
            ReadError::Io(e) => e.to_string(),
            ReadError::TooLarge(_) => format!("larger than the limit of {limit} bytes"),
        },
    })
}

/// The rows of a CSV file with a header, as maps from column name to value. Files with stray
/// non-UTF-8 bytes (several SOURCE.md files warn of OCR debris) are read lossily.
pub fn csv_rows(path: &Path) -> Result<Vec<std::collections::HashMap<String, String>>, EvalError> {
    let bytes = read(path)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format_error(path, e))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format_error(path, e))?;
        rows.push(
            headers
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_owned))
                .collect(),
        );
    }
    Ok(rows)
}

fn format_error(path: &Path, e: csv::Error) -> EvalError {
    let place = e
        .position()
        .map(|p| format!("line {}: ", p.line()))
        .unwrap_or_default();
    EvalError::Format {
        path: path.display().to_string(),
        detail: format!("{place}{e}"),
    }
}
