//! Writing a linked batch: files (once each), campaigns (allocated and merged), reports, their
//! indicators and band keys, and the explained links, each as multi-row statements.

use std::collections::{HashMap, HashSet};

use lurewatch_core::{IndicatorKind, MessageKind};
use sqlx::Row;

use crate::batch_link::{MAX_BUCKET, StoredContext, linking_values};
use crate::ingest::NewReport;
use crate::sql::{Tx, first_ints, in_chunks, insert_rows, minhash_bytes, now_ms};
use crate::{StoreError, dto};

/// Stores the bytes of each file not stored yet.
pub(crate) async fn files(tx: &mut Tx, reports: &[&NewReport]) -> Result<(), StoreError> {
    let mut seen = HashSet::new();
    let unique: Vec<&&NewReport> = reports
        .iter()
        .filter(|r| seen.insert(r.file_sha256.as_str()))
        .collect();
    let now = now_ms();
    insert_rows(
        tx,
        "INSERT INTO files (sha256, size, bytes, received_at)",
        "ON CONFLICT (sha256) DO NOTHING",
        4,
        &unique,
        |query, report| {
            query
                .bind(report.file_sha256.as_str())
                .bind(i64::try_from(report.original.len()).unwrap_or(i64::MAX))
                .bind(&report.original[..])
                .bind(now)
        },
    )
    .await?;
    Ok(())
}

/// Starts `count` campaigns; their ids in ascending order, so the first started is the oldest.
pub(crate) async fn new_campaigns(tx: &mut Tx, count: usize) -> Result<Vec<i64>, StoreError> {
    let now = now_ms();
    let rows = vec![now; count];
    let mut ids = first_ints(
        &insert_rows(
            tx,
            "INSERT INTO campaigns (created_at)",
            "RETURNING id",
            1,
            &rows,
            |query, at| query.bind(*at),
        )
        .await?,
    )?;
    ids.sort_unstable();
    Ok(ids)
}

/// Moves a campaign's reports into another and records the merge, so a split can undo it.
pub(crate) async fn merge_campaign(tx: &mut Tx, merged: i64, kept: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE reports SET campaign_id = $1 WHERE campaign_id = $2")
        .bind(kept)
        .bind(merged)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE campaigns SET merged_into = $1 WHERE id = $2")
        .bind(kept)
        .bind(merged)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Inserts the reports with their campaigns; their new ids, in the same order.
pub(crate) async fn reports(
    tx: &mut Tx,
    reports: &[&NewReport],
    campaigns: &[Option<i64>],
) -> Result<Vec<i64>, StoreError> {
    struct Row<'a> {
        report: &'a NewReport,
        campaign: Option<i64>,
        first: Option<String>,
        last: Option<String>,
        conversation: String,
        minhash: Option<Vec<u8>>,
    }
    let rows: Vec<Row> = reports
        .iter()
        .zip(campaigns)
        .map(|(report, campaign)| {
            let times: Vec<String> = report
                .conversation
                .messages
                .iter()
                .filter(|m| m.kind == MessageKind::Normal)
                .filter_map(|m| m.time.map(|t| t.to_string()))
                .collect();
            Row {
                report,
                campaign: *campaign,
                first: times.iter().min().cloned(),
                last: times.iter().max().cloned(),
                conversation: dto::conversation_json(&report.conversation),
                minhash: report.signature.minhash.as_deref().map(minhash_bytes),
            }
        })
        .collect();
    let now = now_ms();
    let returned = insert_rows(
        tx,
        "INSERT INTO reports (content_hash, file_name, part, reporter, received_at, format, verdict, score, messages, \
         first_message_at, last_message_at, linkable, suspicious, text_chars, minhash, campaign_id, file_sha256)",
        "RETURNING id, content_hash",
        17,
        &rows,
        |query, row| {
            let r = row.report;
            query
                .bind(r.content_hash.as_str())
                .bind(r.file_name.as_str())
                .bind(r.part.as_str())
                .bind(r.reporter.as_str())
                .bind(now)
                .bind(r.conversation.format.id())
                .bind(r.verdict.id())
                .bind(r.score)
                .bind(i64::try_from(r.conversation.messages.len()).unwrap_or(i64::MAX))
                .bind(row.first.as_deref())
                .bind(row.last.as_deref())
                .bind(i64::from(r.signature.linkable))
                .bind(i64::from(r.signature.suspicious))
                .bind(i64::try_from(r.signature.text_chars).unwrap_or(0))
                .bind(row.minhash.as_deref())
                .bind(row.campaign)
                .bind(r.file_sha256.as_str())
        },
    )
    .await?;
    // RETURNING does not promise the order of the VALUES rows: match ids by content hash.
    let mut by_hash: HashMap<String, i64> = HashMap::new();
    for row in &returned {
        by_hash.insert(row.try_get(1)?, row.try_get(0)?);
    }
    let ids: Vec<i64> = reports
        .iter()
        .map(|r| {
            by_hash.get(&r.content_hash).copied().ok_or_else(|| {
                StoreError::Corrupt(format!("report {} was not stored", r.content_hash))
            })
        })
        .collect::<Result<_, _>>()?;
    let documents: Vec<(i64, &Row)> = ids.iter().copied().zip(&rows).collect();
    insert_rows(
        tx,
        "INSERT INTO report_documents (report_id, conversation_json, analysis_json)",
        "",
        3,
        &documents,
        |query, (id, row)| {
            query
                .bind(*id)
                .bind(row.conversation.as_str())
                .bind(row.report.analysis_json.as_str())
        },
    )
    .await?;
    Ok(ids)
}

/// Indicators as found (for display and export), plus the lower-case persona and domain forms
/// linking looks up, and the LSH band keys of linkable reports.
/// A bucket that grows past [`MAX_BUCKET`] becomes common: remembered as such, its rows
/// deleted, and no more rows stored for it.
pub(crate) async fn indicators_and_bands(
    tx: &mut Tx,
    reports: &[&NewReport],
    ids: &[i64],
    stored: &StoredContext,
) -> Result<(), StoreError> {
    let mut indicators: Vec<(i64, IndicatorKind, String)> = Vec::new();
    let mut bands: Vec<(i64, i64)> = Vec::new();
    for (report, id) in reports.iter().zip(ids) {
        let signature = &report.signature;
        let mut seen: HashSet<(IndicatorKind, String)> = HashSet::new();
        let linking = if signature.linkable {
            linking_values(signature)
        } else {
            Vec::new()
        };
        let all = report
            .indicators
            .iter()
            .map(|i| (i.kind, i.value.clone()))
            .chain(linking);
        for (kind, value) in all {
            if seen.insert((kind, value.clone())) {
                indicators.push((*id, kind, value));
            }
        }
        if signature.linkable {
            bands.extend(signature.band_keys.iter().map(|key| (*key, *id)));
        }
    }
    insert_rows(
        tx,
        "INSERT INTO report_indicators (report_id, kind, value)",
        "",
        3,
        &indicators,
        |query, (id, kind, value)| query.bind(*id).bind(kind.id()).bind(value.as_str()),
    )
    .await?;
    let mut sizes: HashMap<i64, usize> = HashMap::new();
    for (key, _) in &bands {
        *sizes.entry(*key).or_default() += 1;
    }
    let newly_common: Vec<i64> = sizes
        .into_iter()
        .filter(|(key, added)| {
            !stored.common_bands.contains(key)
                && stored.bands.get(key).map_or(0, Vec::len) + added > MAX_BUCKET
        })
        .map(|(key, _)| key)
        .collect();
    let newly: HashSet<i64> = newly_common.iter().copied().collect();
    bands.retain(|(key, _)| !stored.common_bands.contains(key) && !newly.contains(key));
    insert_rows(
        tx,
        "INSERT INTO common_bands (band_key)",
        "",
        1,
        &newly_common,
        |query, key| query.bind(*key),
    )
    .await?;
    in_chunks(
        tx,
        "DELETE FROM report_bands WHERE band_key IN ({in})",
        &newly_common,
        |q, key| q.bind(*key),
    )
    .await?;
    insert_rows(
        tx,
        "INSERT INTO report_bands (band_key, report_id)",
        "",
        2,
        &bands,
        |query, (key, id)| query.bind(*key).bind(*id),
    )
    .await?;
    Ok(())
}

/// The explained links: (earlier report, new report, reason).
pub(crate) async fn links(tx: &mut Tx, links: &[(i64, i64, String)]) -> Result<(), StoreError> {
    let now = now_ms();
    insert_rows(
        tx,
        "INSERT INTO links (report_a, report_b, reason, created_at)",
        "",
        4,
        links,
        |query, (a, b, reason)| query.bind(*a).bind(*b).bind(reason.as_str()).bind(now),
    )
    .await?;
    Ok(())
}
