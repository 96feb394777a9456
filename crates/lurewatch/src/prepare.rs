//! Turning input files into reports ready to store: read, parse, detect, sign. This is the CPU
//! half of an import, so it runs on every core, a chunk of files at a time, while the store
//! writes the previous chunk. Results keep the order of the inputs.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use lurewatch_core::{ParseOptions, parse_input};
use lurewatch_detect::Detector;
use lurewatch_link::signature;
use lurewatch_store::NewReport;
use sha2::{Digest, Sha256};

use crate::input::{self, Input};
use crate::render;

/// Files per chunk: enough to make a store batch worth its transaction.
pub const CHUNK_FILES: usize = 2048;
/// Bytes per chunk, so big mailboxes do not pile up in memory.
pub const CHUNK_BYTES: u64 = 64 * 1024 * 1024;

/// One outcome, in input order: a report to store, or an input (or part) that failed.
pub enum Prepared {
    Report(Box<NewReport>),
    Failed { name: String, message: String },
}

/// What a file gave: one outcome per conversation, or its one failure.
pub type FileOutcome = Vec<Prepared>;

pub struct Preparer {
    pub detector: Detector,
    pub options: ParseOptions,
    pub reporter: String,
    pub max_size: u64,
}

impl Preparer {
    fn file(&self, item: &Input) -> FileOutcome {
        let name = item.name();
        let bytes = match input::read(item, self.max_size) {
            Ok(bytes) => bytes,
            Err(message) => {
                return vec![Prepared::Failed { name, message }];
            }
        };
        let file_hash = Sha256::digest(&bytes);
        let file_sha256 = hex::encode(file_hash);
        // Parsed from the shared copy, so a big file is not held twice while its
        // conversations are prepared.
        let original: Arc<[u8]> = Arc::from(bytes);
        parse_input(&name, &original, &self.options)
            .into_iter()
            .map(|result| match result {
                Err(error) => Prepared::Failed {
                    name: name.clone(),
                    message: error.to_string(),
                },
                Ok(conversation) => {
                    let analysis = self.detector.analyze(&conversation);
                    let part = conversation.source.clone().unwrap_or_default();
                    let mut document = Vec::new();
                    if let Err(e) =
                        render::json::write(&mut document, &name, &conversation, &analysis)
                    {
                        return Prepared::Failed {
                            name: name.clone(),
                            message: e.to_string(),
                        };
                    }
                    Prepared::Report(Box::new(NewReport {
                        file_name: name.clone(),
                        content_hash: hex::encode(Sha256::digest(
                            [file_hash.as_slice(), part.as_bytes()].concat(),
                        )),
                        part,
                        reporter: self.reporter.clone(),
                        file_sha256: file_sha256.clone(),
                        original: Arc::clone(&original),
                        signature: signature(&conversation, &analysis.indicators, analysis.verdict),
                        verdict: analysis.verdict,
                        score: analysis.score,
                        indicators: analysis.indicators,
                        analysis_json: String::from_utf8_lossy(&document).trim_end().to_owned(),
                        conversation,
                    }))
                }
            })
            .collect()
    }

    /// Prepares the files on `workers` threads; outcomes in the order of `items`.
    pub fn chunk(&self, items: &[Input], workers: usize) -> Vec<FileOutcome> {
        let next = AtomicUsize::new(0);
        let mut done: Vec<(usize, FileOutcome)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers.max(1))
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(item) = items.get(i) else {
                                break;
                            };
                            mine.push((i, self.file(item)));
                        }
                        mine
                    })
                })
                .collect();
            handles
                .into_iter()
                // A worker's panic is a bug; pass it on rather than lose its files quietly.
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        done.sort_by_key(|(i, _)| *i);
        done.into_iter().map(|(_, outcome)| outcome).collect()
    }
}

/// Splits the inputs into chunks of at most [`CHUNK_FILES`] files and about [`CHUNK_BYTES`].
pub fn chunks(items: Vec<Input>) -> Vec<Vec<Input>> {
    let mut chunks = Vec::new();
    let mut current = Vec::new();
    let mut bytes = 0;
    for item in items {
        let size = match &item {
            Input::File(path) => file_size(path),
            Input::Stdin => 0,
        };
        if !current.is_empty() && (current.len() >= CHUNK_FILES || bytes + size > CHUNK_BYTES) {
            chunks.push(std::mem::take(&mut current));
            bytes = 0;
        }
        bytes += size;
        current.push(item);
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}
