//! `lurewatch import`: store reports and link them into campaigns. Each report is its own
//! transaction, so an interrupted import keeps everything committed before it and nothing
//! half-written. Bad inputs are reported and skipped; the exit code is 1 if any failed.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use lurewatch_core::{Candidate, Edge, IndicatorKind, Signature, parse_input};
use lurewatch_detect::Detector;
use lurewatch_link::{LinkParams, decide, signature};
use lurewatch_store::{NewReport, SqlStore, Store};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::cli::{ImportArgs, OutputFormat};
use crate::{input, render, rules_cmd};

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

pub async fn run(args: &ImportArgs, db: &str, rules_dir: Option<&Path>) -> Result<ExitCode> {
    let detector = Detector::new(rules_cmd::load(rules_dir)?, &args.read.region)?;
    let store = SqlStore::open(db).await?;
    let options = args.read.parse_options();
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
        ProgressStyle::with_template("{bar:30} {pos}/{len} files {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for item in inputs {
        let name = item.name();
        bar.set_message(name.clone());
        let bytes = match input::read(&item, args.read.max_size) {
            Ok(bytes) => bytes,
            Err(message) => {
                failed += 1;
                bar.suspend(|| eprintln!("lurewatch: {name}: {message}"));
                bar.inc(1);
                continue;
            }
        };
        let file_hash = Sha256::digest(&bytes);
        for result in parse_input(&name, &bytes, &options) {
            let conversation = match result {
                Ok(c) => c,
                Err(error) => {
                    failed += 1;
                    bar.suspend(|| eprintln!("lurewatch: {name}: {error}"));
                    continue;
                }
            };
            let analysis = detector.analyze(&conversation);
            let part = conversation.source.clone().unwrap_or_default();
            let mut document = Vec::new();
            render::json::write(&mut document, &name, &conversation, &analysis)?;
            let report = NewReport {
                file_name: name.clone(),
                content_hash: hex::encode(Sha256::digest(
                    [file_hash.as_slice(), part.as_bytes()].concat(),
                )),
                part: part.clone(),
                reporter: args.reporter.clone(),
                original: bytes.clone(),
                signature: signature(&conversation, &analysis.indicators, analysis.verdict),
                verdict: analysis.verdict,
                score: analysis.score,
                indicators: analysis.indicators.clone(),
                analysis_json: String::from_utf8_lossy(&document).trim_end().to_owned(),
                conversation,
            };
            let stored = store
                .ingest(report, &link)
                .await
                .with_context(|| format!("storing {name}"))?;
            let reasons: Vec<&str> = stored
                .edges
                .iter()
                .flat_map(|e| e.reasons.iter().map(String::as_str))
                .collect();
            let part_shown = (!part.is_empty()).then_some(part.as_str());
            bar.suspend(|| -> std::io::Result<()> {
                match args.format {
                    OutputFormat::Json => {
                        let line = ImportLine {
                            id: stored.id.0,
                            file: &name,
                            part: part_shown,
                            verdict: analysis.verdict.id(),
                            campaign: stored.campaign.map(|c| c.0),
                            duplicate: stored.duplicate,
                            reasons,
                        };
                        serde_json::to_writer(&mut out, &line).map_err(std::io::Error::other)?;
                        writeln!(out)?;
                    }
                    OutputFormat::Text => {
                        let campaign = stored.campaign.map_or_else(
                            || "no campaign".to_owned(),
                            |c| format!("campaign {}", c.0),
                        );
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
                            analysis.verdict.id()
                        )?;
                    }
                }
                out.flush()
            })?;
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    store.close().await;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
