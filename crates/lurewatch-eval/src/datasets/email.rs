//! Phishing Pot (rf-peixoto/phishing_pot, CC BY-NC 4.0): real phishing and scam e-mails
//! caught in honeypot mailboxes, 2022–2026, as `.eml` files with full headers. All malicious,
//! so it measures recall only, and all test: nothing trains on it. It is the one public set of
//! the channel a reporter forwards most, so it is read exactly as `scan` reads a forwarded
//! message: the raw file through the format sniffing and the MIME decoding. The subset's
//! mailbox (`phishing_pot_sample25.mbox`) repeats 25 of `sample/` and is not read.
//!
//! Its counterpart is benign e-mail, which `../shared/data` lacks: the SpamAssassin public
//! corpus's ham (4,150 real e-mails of 2002–2003, mailing lists and newsletters), with its
//! spam (1,896) beside it, fetched by `scripts/fetch-spamassassin` into the external-data
//! folder. Half of each is test and half train, by the corpus's own MD5 of each message (its
//! file name), fixed before any figure was taken.

use std::path::Path;

use lurewatch_core::{ParseOptions, parse_bytes};

use crate::{EvalError, Example, Split};

/// The subset's folders: 300 e-mails drawn at random, and the 9 sextortion e-mails its
/// SOURCE.md found by keyword.
const FOLDERS: &[&str] = &["sample", "sextortion"];

/// A message from the set is under 60 KB; a file far larger is not one of its files.
const MAX_EMAIL_BYTES: u64 = 1 << 20;

pub fn phishing_pot(dir: &Path) -> Result<Vec<Example>, EvalError> {
    let mut out = Vec::new();
    for folder in FOLDERS {
        for file in files_ending(&dir.join(folder), ".eml")? {
            let conversation = read_email(&file)?;
            let id = format!(
                "{folder}/{}",
                file.file_name().unwrap_or_default().to_string_lossy()
            );
            out.push(Example::new(
                "phishing-pot",
                id,
                conversation,
                true,
                Split::Test,
            ));
        }
    }
    Ok(out)
}

/// The SpamAssassin ham as `scripts/fetch-spamassassin` writes it (`GROUP-NUMBER.MD5.txt`):
/// every message benign; test where the MD5's last hex digit is 8–f.
pub fn spamassassin_ham(dir: &Path) -> Result<Vec<Example>, EvalError> {
    spamassassin(dir, "spamassassin-ham", false)
}

/// The SpamAssassin spam, written beside the ham the same way: unsolicited mail of 2002–03
/// (schemes, "opportunities", pills and mortgages), the counterpart that e-mail training
/// needs; split like the ham.
pub fn spamassassin_spam(dir: &Path) -> Result<Vec<Example>, EvalError> {
    spamassassin(dir, "spamassassin-spam", true)
}

fn spamassassin(dir: &Path, set: &'static str, malicious: bool) -> Result<Vec<Example>, EvalError> {
    let mut out = Vec::new();
    for file in files_ending(dir, ".txt")? {
        let name = file
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let digest_digit = name
            .strip_suffix(".txt")
            .and_then(|stem| stem.rsplit_once('.'))
            .map(|(_, md5)| md5)
            .filter(|md5| md5.len() == 32 && md5.chars().all(|c| c.is_ascii_hexdigit()))
            .and_then(|md5| md5.chars().last())
            .ok_or_else(|| EvalError::Format {
                path: file.display().to_string(),
                detail: "not named GROUP-NUMBER.MD5.txt, as scripts/fetch-spamassassin names it"
                    .to_owned(),
            })?;
        let split = if matches!(digest_digit, '8'..='9' | 'a'..='f' | 'A'..='F') {
            Split::Test
        } else {
            Split::Train
        };
        out.push(Example::new(
            set,
            name,
            read_email(&file)?,
            malicious,
            split,
        ));
    }
    Ok(out)
}

/// The files of a folder whose names end in `suffix`, in order.
fn files_ending(dir: &Path, suffix: &str) -> Result<Vec<std::path::PathBuf>, EvalError> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| EvalError::Read {
            path: dir.display().to_string(),
            detail: e.to_string(),
        })?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    files.sort();
    Ok(files)
}

/// One e-mail, read exactly as `scan` reads a forwarded message.
fn read_email(file: &Path) -> Result<lurewatch_core::Conversation, EvalError> {
    let bytes = super::read_at_most(file, MAX_EMAIL_BYTES)?;
    let name = file.display().to_string();
    parse_bytes(&name, &bytes, &ParseOptions::default())
        .map_err(|e| EvalError::Format {
            path: name.clone(),
            detail: e.to_string(),
        })?
        .into_iter()
        .next()
        .ok_or_else(|| EvalError::Format {
            path: name,
            detail: "no message".to_owned(),
        })
}
