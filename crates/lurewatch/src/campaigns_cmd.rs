//! `lurewatch campaigns`: the campaigns the store has linked, as text or as the JSON array
//! DESIGN.md specifies (`{id, reports: [{id, file, reporter}], indicators: [{kind, value}],
//! reasons, first_seen, last_seen, score}`).

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use lurewatch_store::{CampaignId, CampaignSummary, ReportId, SqlStore, Store, StoreError};
use serde::Serialize;

use crate::cli::{CampaignDecision, CampaignsArgs, OutputFormat};

#[derive(Serialize)]
struct CampaignDto<'a> {
    id: i64,
    reports: Vec<ReportDto<'a>>,
    indicators: Vec<IndicatorDto<'a>>,
    reasons: &'a [String],
    first_seen: Option<&'a str>,
    last_seen: Option<&'a str>,
    score: f64,
}

#[derive(Serialize)]
struct ReportDto<'a> {
    id: i64,
    file: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    part: &'a str,
    reporter: &'a str,
    verdict: &'a str,
    score: f64,
}

#[derive(Serialize)]
struct IndicatorDto<'a> {
    kind: &'a str,
    value: &'a str,
}

fn dto(c: &CampaignSummary) -> CampaignDto<'_> {
    CampaignDto {
        id: c.id.0,
        reports: c
            .reports
            .iter()
            .map(|r| ReportDto {
                id: r.id.0,
                file: &r.file,
                part: &r.part,
                reporter: &r.reporter,
                verdict: &r.verdict,
                score: r.score,
            })
            .collect(),
        indicators: c
            .indicators
            .iter()
            .map(|(k, v)| IndicatorDto { kind: k, value: v })
            .collect(),
        reasons: &c.reasons,
        first_seen: c.first_seen.as_deref(),
        last_seen: c.last_seen.as_deref(),
        score: c.score,
    }
}

/// Carries out an analyst's merge or split and says what happened.
async fn decide(store: &SqlStore, decision: &CampaignDecision) -> Result<ExitCode> {
    let outcome = match decision {
        CampaignDecision::Merge { first, second, why } => store
            .merge_campaigns(
                CampaignId(*first),
                CampaignId(*second),
                &why.analyst,
                &why.note,
            )
            .await
            .map(|kept| {
                format!(
                    "merged campaigns {first} and {second} into campaign {}",
                    kept.0
                )
            }),
        CampaignDecision::Split {
            campaign,
            reports,
            why,
        } => {
            let ids: Vec<ReportId> = reports.iter().map(|r| ReportId(*r)).collect();
            store
                .split_campaign(CampaignId(*campaign), &ids, &why.analyst, &why.note)
                .await
                .map(|new| {
                    format!(
                        "moved {} report(s) from campaign {campaign} into campaign {}; linking keeps the two apart",
                        ids.len(),
                        new.0
                    )
                })
        }
    };
    match outcome {
        Ok(message) => {
            println!("{message}");
            Ok(ExitCode::SUCCESS)
        }
        Err(StoreError::Invalid(reason)) => {
            eprintln!("lurewatch: {reason}");
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn run(args: &CampaignsArgs, db: &str) -> Result<ExitCode> {
    let store = SqlStore::open(db).await?;
    if let Some(decision) = &args.decision {
        let code = decide(&store, decision).await;
        store.close().await;
        return code;
    }
    let campaigns = store.campaigns(if args.all { 1 } else { 2 }).await?;
    store.close().await;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        OutputFormat::Json => {
            let list: Vec<CampaignDto<'_>> = campaigns.iter().map(dto).collect();
            serde_json::to_writer_pretty(&mut out, &list)?;
            writeln!(out)?;
        }
        OutputFormat::Text => {
            if campaigns.is_empty() {
                writeln!(
                    out,
                    "No campaigns yet: no two reports share a sender, link, image or script."
                )?;
            }
            for c in &campaigns {
                let when = match (&c.first_seen, &c.last_seen) {
                    (Some(a), Some(b)) => {
                        format!(", {} to {}", a.replace('T', " "), b.replace('T', " "))
                    }
                    _ => String::new(),
                };
                writeln!(
                    out,
                    "Campaign {}: {} reports, score {:.2}{when}",
                    c.id.0,
                    c.reports.len(),
                    c.score
                )?;
                for r in &c.reports {
                    let part = if r.part.is_empty() {
                        String::new()
                    } else {
                        format!(" [{}]", r.part)
                    };
                    writeln!(
                        out,
                        "  report {:<6} {:<7} {}{part} (reported by {})",
                        r.id.0, r.verdict, r.file, r.reporter
                    )?;
                }
                if !c.indicators.is_empty() {
                    writeln!(out, "  indicators:")?;
                    for (kind, value) in c.indicators.iter().take(20) {
                        writeln!(out, "    {kind:<13} {value}")?;
                    }
                }
                if !c.reasons.is_empty() {
                    writeln!(out, "  linked because:")?;
                    for reason in &c.reasons {
                        writeln!(out, "    - {reason}")?;
                    }
                }
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
