//! Reading campaigns back: their reports, indicators, the reasons that joined them, and when
//! they were active.

use std::collections::BTreeMap;

use sqlx::Row;

use crate::backend::SqlStore;
use crate::{CampaignId, ReportId, StoreError};

/// A report as a campaign lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignReport {
    pub id: ReportId,
    pub file: String,
    pub part: String,
    pub reporter: String,
    pub verdict: String,
    pub score: f64,
}

/// One campaign, as `lurewatch campaigns` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignSummary {
    pub id: CampaignId,
    pub reports: Vec<CampaignReport>,
    /// Indicators about the actor (kind id, value), most reports first.
    pub indicators: Vec<(String, String)>,
    /// Why the reports were joined, each reason once.
    pub reasons: Vec<String>,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// How likely this is a hostile campaign: the strongest report's score, raised a little
    /// for each further person targeted.
    pub score: f64,
}

pub(crate) async fn list(
    store: &SqlStore,
    min_reports: usize,
) -> Result<Vec<CampaignSummary>, StoreError> {
    let rows = sqlx::query(
        "SELECT campaign_id, id, file_name, part, reporter, verdict, score, first_message_at, last_message_at \
         FROM reports WHERE campaign_id IS NOT NULL ORDER BY campaign_id, id",
    )
    .fetch_all(&store.pool)
    .await?;
    let mut campaigns: BTreeMap<i64, CampaignSummary> = BTreeMap::new();
    for row in &rows {
        let campaign: i64 = row.try_get(0)?;
        let entry = campaigns
            .entry(campaign)
            .or_insert_with(|| CampaignSummary {
                id: CampaignId(campaign),
                reports: Vec::new(),
                indicators: Vec::new(),
                reasons: Vec::new(),
                first_seen: None,
                last_seen: None,
                score: 0.0,
            });
        let first: Option<String> = row.try_get(7)?;
        let last: Option<String> = row.try_get(8)?;
        entry.first_seen = match (entry.first_seen.take(), first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        entry.last_seen = match (entry.last_seen.take(), last) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        entry.reports.push(CampaignReport {
            id: ReportId(row.try_get(1)?),
            file: row.try_get(2)?,
            part: row.try_get(3)?,
            reporter: row.try_get(4)?,
            verdict: row.try_get(5)?,
            score: row.try_get(6)?,
        });
    }
    campaigns.retain(|_, c| c.reports.len() >= min_reports.max(1));
    for campaign in campaigns.values_mut() {
        let strongest = campaign.reports.iter().map(|r| r.score).fold(0.0, f64::max);
        let more = campaign.reports.len().saturating_sub(1) as f64;
        campaign.score =
            ((strongest + (1.0 - strongest) * (1.0 - 0.9f64.powf(more))) * 100.0).round() / 100.0;
        let indicator_rows = sqlx::query(
            "SELECT i.kind, i.value, COUNT(DISTINCT i.report_id) AS n FROM report_indicators i \
             JOIN reports r ON r.id = i.report_id WHERE r.campaign_id = $1 \
             GROUP BY i.kind, i.value ORDER BY n DESC, i.kind, i.value",
        )
        .bind(campaign.id.0)
        .fetch_all(&store.pool)
        .await?;
        for row in &indicator_rows {
            let (kind, value): (String, String) = (row.try_get(0)?, row.try_get(1)?);
            // The lower-case persona and domain forms are linking keys, not new indicators.
            let shown = campaign
                .indicators
                .iter()
                .any(|(k, v)| *k == kind && v.eq_ignore_ascii_case(&value));
            if !shown {
                campaign.indicators.push((kind, value));
            }
        }
        let reason_rows = sqlx::query(
            "SELECT DISTINCT l.reason, l.id FROM links l JOIN reports r ON r.id = l.report_b WHERE r.campaign_id = $1 ORDER BY l.id",
        )
        .bind(campaign.id.0)
        .fetch_all(&store.pool)
        .await?;
        for row in &reason_rows {
            let reason: String = row.try_get(0)?;
            if !campaign.reasons.contains(&reason) {
                campaign.reasons.push(reason);
            }
        }
    }
    let mut list: Vec<CampaignSummary> = campaigns.into_values().collect();
    list.sort_by(|a, b| b.reports.len().cmp(&a.reports.len()).then(a.id.cmp(&b.id)));
    Ok(list)
}
