//! Analysts' merges and splits of campaigns. Both run under the linking lock, so an import
//! cannot interleave, and both are recorded in `campaign_decisions`. A split also records a
//! separation between the two parts, which linking respects: a later report that links to
//! both parts joins the older one and leaves the other alone.

use std::collections::HashSet;

use sqlx::{AssertSqlSafe, Row};

use crate::sql::{Params, Tx, now_ms};
use crate::{CampaignId, ReportId, SqlStore, StoreError, write};

/// A pair of campaigns as stored: smaller id first.
fn pair(a: i64, b: i64) -> (i64, i64) {
    (a.min(b), a.max(b))
}

/// Every separation analysts have made.
pub(crate) async fn separations(tx: &mut Tx) -> Result<HashSet<(i64, i64)>, StoreError> {
    let rows = sqlx::query("SELECT campaign_a, campaign_b FROM campaign_separations")
        .fetch_all(&mut **tx)
        .await?;
    rows.iter()
        .map(|r| Ok(pair(r.try_get(0)?, r.try_get(1)?)))
        .collect()
}

/// Fails unless the campaign exists and has not been merged into another.
async fn live(tx: &mut Tx, campaign: CampaignId) -> Result<(), StoreError> {
    let row = sqlx::query("SELECT merged_into FROM campaigns WHERE id = $1")
        .bind(campaign.0)
        .fetch_optional(&mut **tx)
        .await?;
    match row {
        None => Err(StoreError::Invalid(format!(
            "campaign {} does not exist",
            campaign.0
        ))),
        Some(row) => match row.try_get::<Option<i64>, _>(0)? {
            Some(into) => Err(StoreError::Invalid(format!(
                "campaign {} was merged into campaign {into}",
                campaign.0
            ))),
            None => Ok(()),
        },
    }
}

async fn record(
    tx: &mut Tx,
    kind: &str,
    campaign: i64,
    other: Option<i64>,
    reports: &[ReportId],
    analyst: &str,
    note: &str,
) -> Result<(), StoreError> {
    let ids: Vec<String> = reports.iter().map(|r| r.0.to_string()).collect();
    sqlx::query(
        "INSERT INTO campaign_decisions (kind, campaign_id, other_id, report_ids, analyst, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(kind)
    .bind(campaign)
    .bind(other)
    .bind(ids.join(","))
    .bind(analyst)
    .bind(note)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Merges two campaigns; the older id survives. Separations of the merged one carry over.
pub(crate) async fn merge(
    store: &SqlStore,
    a: CampaignId,
    b: CampaignId,
    analyst: &str,
    note: &str,
) -> Result<CampaignId, StoreError> {
    if a == b {
        return Err(StoreError::Invalid(format!(
            "campaign {} cannot be merged with itself",
            a.0
        )));
    }
    let mut tx = store.begin_linking().await?;
    live(&mut tx, a).await?;
    live(&mut tx, b).await?;
    let (keep, other) = pair(a.0, b.0);
    write::merge_campaign(&mut tx, other, keep).await?;
    let moved: Vec<(i64, i64)> = separations(&mut tx)
        .await?
        .into_iter()
        .filter(|(x, y)| *x == other || *y == other)
        .collect();
    sqlx::query("DELETE FROM campaign_separations WHERE campaign_a = $1 OR campaign_b = $1")
        .bind(other)
        .execute(&mut *tx)
        .await?;
    for (x, y) in moved {
        let third = if x == other { y } else { x };
        if third == keep {
            continue;
        }
        let (p, q) = pair(keep, third);
        sqlx::query(
            "INSERT INTO campaign_separations (campaign_a, campaign_b) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(p)
        .bind(q)
        .execute(&mut *tx)
        .await?;
    }
    record(&mut tx, "merge", keep, Some(other), &[], analyst, note).await?;
    tx.commit().await?;
    Ok(CampaignId(keep))
}

/// Moves some reports of a campaign into a new campaign, kept apart from the old one.
pub(crate) async fn split(
    store: &SqlStore,
    campaign: CampaignId,
    reports: &[ReportId],
    analyst: &str,
    note: &str,
) -> Result<CampaignId, StoreError> {
    if reports.is_empty() {
        return Err(StoreError::Invalid(
            "name the reports to split off".to_owned(),
        ));
    }
    let mut tx = store.begin_linking().await?;
    live(&mut tx, campaign).await?;
    let members: HashSet<i64> = sqlx::query("SELECT id FROM reports WHERE campaign_id = $1")
        .bind(campaign.0)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
    let moving: HashSet<i64> = reports.iter().map(|r| r.0).collect();
    if let Some(stranger) = moving.iter().find(|id| !members.contains(id)) {
        return Err(StoreError::Invalid(format!(
            "report {stranger} is not in campaign {}",
            campaign.0
        )));
    }
    if moving.len() == members.len() {
        return Err(StoreError::Invalid(format!(
            "that is every report of campaign {}: leave at least one",
            campaign.0
        )));
    }
    let new = write::new_campaigns(&mut tx, 1)
        .await?
        .first()
        .copied()
        .ok_or_else(|| StoreError::Corrupt("no campaign id was allocated".to_owned()))?;
    let ids: Vec<i64> = moving.into_iter().collect();
    let params = Params::of(&mut tx);
    let sql = format!(
        "UPDATE reports SET campaign_id = {} WHERE id IN ({})",
        params.one(1),
        params.list(2, ids.len())
    );
    let mut query = sqlx::query(AssertSqlSafe(sql)).bind(new);
    for id in &ids {
        query = query.bind(*id);
    }
    query.execute(&mut *tx).await?;
    let (p, q) = pair(campaign.0, new);
    sqlx::query("INSERT INTO campaign_separations (campaign_a, campaign_b) VALUES ($1, $2)")
        .bind(p)
        .bind(q)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        "split",
        campaign.0,
        Some(new),
        reports,
        analyst,
        note,
    )
    .await?;
    tx.commit().await?;
    Ok(CampaignId(new))
}
