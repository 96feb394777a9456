//! `lurewatch import`: store reports and link them into campaigns. Files are prepared (parsed,
//! analysed, signed) on every core a chunk at a time while the store writes the previous chunk
//! as one transaction, so an interrupted import keeps every chunk committed before it and
//! nothing half-written. Bad inputs are reported and skipped; the exit code is 1 if any failed.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use lurewatch_core::{Candidate, Edge, IndicatorKind, Signature};
use lurewatch_link::{LinkParams, decide};
use lurewatch_store::{Ingested, NewReport, SqlStore, Store};
use serde::Serialize;

use crate::cli::{ImportArgs, OutputFormat};
use crate::prepare::{FileOutcome, Prepared, Preparer, chunks};
use crate::{input, rules_cmd};

#[derive(Serialize)]
struct ImportLine<'a> {
    id: i64,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    part: Option<&'a str>,
    verdict: &'static str,
    campaign: Option<i64>,
    duplicate: bool,
    reasons: Vec<&'a str>,
}

fn link(
    signature: &Signature,
    candidates: &[Candidate],
    counts: &dyn Fn(IndicatorKind, &str) -> usize,
) -> Vec<Edge> {
    decide(signature, candidates, counts, &LinkParams::default())
}

fn write_line(
    out: &mut impl Write,
    format: OutputFormat,
    report: &NewReport,
    stored: &Ingested,
) -> std::io::Result<()> {
    let reasons: Vec<&str> = stored
        .edges
        .iter()
        .flat_map(|e| e.reasons.iter().map(String::as_str))
        .collect();
    let name = report.file_name.as_str();
    let part_shown = (!report.part.is_empty()).then_some(report.part.as_str());
    match format {
        OutputFormat::Json => {
            let line = ImportLine {
                id: stored.id.0,
                file: name,
                part: part_shown,
                verdict: report.verdict.id(),
                campaign: stored.campaign.map(|c| c.0),
                duplicate: stored.duplicate,
                reasons,
            };
            serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::other)?;
            writeln!(out)
        }
        OutputFormat::Text => {
            let campaign = stored
                .campaign
                .map_or_else(|| "no campaign".to_owned(), |c| format!("campaign {}", c.0));
            let status = if stored.duplicate {
                " (already stored)"
            } else {
                ""
            };
            let part = part_shown.map(|p| format!(" [{p}]")).unwrap_or_default();
            let why = if reasons.is_empty() {
                String::new()
            } else {
                format!(": {}", reasons.join("; "))
            };
            writeln!(
                out,
                "report {}\t{}\t{name}{part}{status}\t{campaign}{why}",
                stored.id.0,
                report.verdict.id()
            )
        }
    }
}

pub async fn run(args: &ImportArgs, db: &str, rules_dir: Option<&Path>) -> Result<ExitCode> {
    let preparer = Preparer {
        detector: rules_cmd::detector(rules_dir, &args.read.region, &args.model)?,
        options: args.read.parse_options(),
        reporter: args.reporter.clone(),
        max_size: args.read.max_size,
    };
    let store = SqlStore::open(db).await?;
    let mut errors = Vec::new();
    let inputs = input::expand(&args.paths, &mut errors);
    let mut failed = errors.len();
    for error in &errors {
        eprintln!("lurewatch: {}: {}", error.name, error.message);
    }
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(inputs.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} files")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    // One chunk in the channel while the next is prepared: the CPU and the store overlap.
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Vec<FileOutcome>>(1);
    let producer = std::thread::spawn(move || {
        for chunk in chunks(inputs) {
            if sender
                .blocking_send(preparer.chunk(&chunk, workers))
                .is_err()
            {
                break;
            }
        }
    });
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut outcome = Ok(());
    while let Some(files) = receiver.recv().await {
        if let Err(e) = store_chunk(&store, files, args.format, &bar, &mut out, &mut failed).await {
            outcome = Err(e);
            break;
        }
    }
    drop(receiver);
    if producer.join().is_err() {
        outcome = outcome.and(Err(anyhow::anyhow!("preparing the files failed")));
    }
    bar.finish_and_clear();
    store.close().await;
    outcome?;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Stores one chunk's reports as a batch, then reports each outcome in input order.
async fn store_chunk(
    store: &SqlStore,
    files: Vec<FileOutcome>,
    format: OutputFormat,
    bar: &ProgressBar,
    out: &mut impl Write,
    failed: &mut usize,
) -> Result<()> {
    /// What to show, in input order, once the batch is stored.
    enum Shown {
        Failure(String, String),
        Report,
        FileDone,
    }
    let mut reports: Vec<NewReport> = Vec::new();
    let mut shown: Vec<Shown> = Vec::new();
    for file in files {
        for outcome in file {
            shown.push(match outcome {
                Prepared::Failed { name, message } => Shown::Failure(name, message),
                Prepared::Report(report) => {
                    reports.push(*report);
                    Shown::Report
                }
            });
        }
        shown.push(Shown::FileDone);
    }
    let first = reports
        .first()
        .map(|r| r.file_name.clone())
        .unwrap_or_default();
    let stored = store
        .ingest_batch(&reports, &link)
        .await
        .with_context(|| format!("storing the reports from {first} on"))?;
    let mut stored = reports.iter().zip(&stored);
    for item in shown {
        match item {
            Shown::Failure(name, message) => {
                *failed += 1;
                bar.suspend(|| eprintln!("lurewatch: {name}: {message}"));
            }
            Shown::Report => {
                if let Some((report, ingested)) = stored.next() {
                    bar.suspend(|| write_line(out, format, report, ingested))?;
                }
            }
            Shown::FileDone => bar.inc(1),
        }
    }
    bar.suspend(|| out.flush())?;
    Ok(())
}
