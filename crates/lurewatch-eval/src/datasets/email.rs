//! Phishing Pot (rf-peixoto/phishing_pot, CC BY-NC 4.0): real phishing and scam e-mails
//! caught in honeypot mailboxes, 2022–2026, as `.eml` files with full headers. All malicious,
//! so it measures recall only, and all test: nothing trains on it. It is the one public set of
//! the channel a reporter forwards most, so it is read exactly as `scan` reads a forwarded
//! message: the raw file through the format sniffing and the MIME decoding. The subset's
//! mailbox (`phishing_pot_sample25.mbox`) repeats 25 of `sample/` and is not read.

use std::path::Path;

use lurewatch_core::{ParseOptions, parse_bytes};

use crate::{EvalError, Example, Split};

/// The subset's folders: 300 e-mails drawn at random, and the 9 sextortion e-mails its
/// SOURCE.md found by keyword.
const FOLDERS: &[&str] = &["sample", "sextortion"];

/// A message from the set is under 60 KB; a file far larger is not one of its files.
const MAX_EMAIL_BYTES: u64 = 1 << 20;

pub fn phishing_pot(dir: &Path) -> Result<Vec<Example>, EvalError> {
    let options = ParseOptions::default();
    let mut out = Vec::new();
    for folder in FOLDERS {
        let path = dir.join(folder);
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&path)
            .map_err(|e| EvalError::Read {
                path: path.display().to_string(),
                detail: e.to_string(),
            })?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        files.sort();
        for file in files {
            let bytes = super::read_at_most(&file, MAX_EMAIL_BYTES)?;
            let name = file.display().to_string();
            let conversation = parse_bytes(&name, &bytes, &options)
                .map_err(|e| EvalError::Format {
                    path: name.clone(),
                    detail: e.to_string(),
                })?
                .into_iter()
                .next()
                .ok_or_else(|| EvalError::Format {
                    path: name.clone(),
                    detail: "no message".to_owned(),
                })?;
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
