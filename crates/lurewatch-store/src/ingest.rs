//! Storing a report and linking it, in one transaction. The linking step reads candidates and
//! writes campaigns under a lock (PostgreSQL: an advisory lock; SQLite: the write lock taken at
//! `BEGIN IMMEDIATE`), so two importers running at once cannot each miss the other's report.

use std::collections::{HashMap, HashSet};

use lurewatch_core::{
    Candidate, Conversation, Edge, Indicator, IndicatorKind, MessageKind, Signature, Verdict,
};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};

use crate::backend::{Backend, SqlStore};
use crate::{CampaignId, Decide, ReportId, Store, StoreError, dto};

/// A band bucket holding more reports than this is a generic text, not a script.
const MAX_BUCKET: usize = 200;
/// Most ids in one `IN (…)` list.
const CHUNK: usize = 400;

/// Milliseconds since the Unix epoch, now.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Everything a new report brings.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub file_name: String,
    /// Which conversation of the file (archive entry, chat, thread); empty for the only one.
    pub part: String,
    pub reporter: String,
    /// SHA-256 of the original bytes plus the part: the same export imported twice is the
    /// same report.
    pub content_hash: String,
    /// The file as received: it will be evidence.
    pub original: Vec<u8>,
    pub conversation: Conversation,
    pub verdict: Verdict,
    pub score: f64,
    pub indicators: Vec<Indicator>,
    /// The analysis as the caller presents it (the scan JSON), kept verbatim.
    pub analysis_json: String,
    pub signature: Signature,
}

/// What storing a report did.
#[derive(Debug, Clone, PartialEq)]
pub struct Ingested {
    pub id: ReportId,
    /// True when the same content was already stored; nothing new was written.
    pub duplicate: bool,
    pub campaign: Option<CampaignId>,
    /// The links made to earlier reports, with their reasons.
    pub edges: Vec<Edge>,
}

fn placeholders(from: usize, count: usize) -> String {
    (from..from + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn minhash_bytes(minhash: &[u32]) -> Vec<u8> {
    minhash.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn minhash_from(bytes: &[u8]) -> Vec<u32> {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

type Tx = sqlx::Transaction<'static, sqlx::Any>;

impl SqlStore {
    async fn begin_linking(&self) -> Result<Tx, StoreError> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => {
                let mut tx = self.pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock(7470002)")
                    .execute(&mut *tx)
                    .await?;
                tx
            }
        })
    }
}

/// Reports holding any of the values, per value.
async fn reports_with_values(
    tx: &mut Tx,
    values: &[(IndicatorKind, String)],
) -> Result<HashMap<(IndicatorKind, String), Vec<i64>>, StoreError> {
    let mut out: HashMap<(IndicatorKind, String), Vec<i64>> =
        values.iter().map(|v| (v.clone(), Vec::new())).collect();
    for chunk in values.chunks(CHUNK / 2) {
        let terms: Vec<String> = (0..chunk.len())
            .map(|i| format!("(kind = ${} AND value = ${})", 1 + 2 * i, 2 + 2 * i))
            .collect();
        let sql = format!(
            "SELECT DISTINCT kind, value, report_id FROM report_indicators WHERE {}",
            terms.join(" OR ")
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for (kind, value) in chunk {
            query = query.bind(kind.id()).bind(value.as_str());
        }
        for row in query.fetch_all(&mut **tx).await? {
            let kind: String = row.try_get(0)?;
            let kind = kind.parse::<IndicatorKind>().map_err(StoreError::Corrupt)?;
            if let Some(ids) = out.get_mut(&(kind, row.try_get::<String, _>(1)?)) {
                ids.push(row.try_get(2)?);
            }
        }
    }
    Ok(out)
}

async fn reports_in_bands(tx: &mut Tx, keys: &[i64]) -> Result<Vec<i64>, StoreError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT band_key, report_id FROM report_bands WHERE band_key IN ({})",
        placeholders(1, keys.len())
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for key in keys {
        query = query.bind(*key);
    }
    let rows = query.fetch_all(&mut **tx).await?;
    let mut buckets: HashMap<i64, Vec<i64>> = HashMap::new();
    for row in &rows {
        buckets
            .entry(row.try_get::<i64, _>(0)?)
            .or_default()
            .push(row.try_get::<i64, _>(1)?);
    }
    Ok(buckets
        .into_values()
        .filter(|b| b.len() <= MAX_BUCKET)
        .flatten()
        .collect())
}

/// Loads the signatures of the given reports from their columns and indicators.
async fn load_signatures(tx: &mut Tx, ids: &[i64]) -> Result<Vec<Candidate>, StoreError> {
    let mut candidates = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let list = placeholders(1, chunk.len());
        let mut query = sqlx::query(AssertSqlSafe(format!(
            "SELECT id, linkable, suspicious, text_chars, minhash FROM reports WHERE id IN ({list})"
        )));
        for id in chunk {
            query = query.bind(*id);
        }
        let rows: Vec<AnyRow> = query.fetch_all(&mut **tx).await?;
        let mut by_id: HashMap<i64, Signature> = HashMap::new();
        for row in &rows {
            let minhash: Option<Vec<u8>> = row.try_get(4)?;
            by_id.insert(
                row.try_get(0)?,
                Signature {
                    identifiers: Vec::new(),
                    domains: Vec::new(),
                    personas: Vec::new(),
                    minhash: minhash.map(|b| minhash_from(&b)),
                    band_keys: Vec::new(),
                    text_chars: usize::try_from(row.try_get::<i64, _>(3)?).unwrap_or(0),
                    linkable: row.try_get::<i64, _>(1)? != 0,
                    suspicious: row.try_get::<i64, _>(2)? != 0,
                },
            );
        }
        let mut query = sqlx::query(AssertSqlSafe(format!(
            "SELECT report_id, kind, value FROM report_indicators WHERE report_id IN ({list})"
        )));
        for id in chunk {
            query = query.bind(*id);
        }
        for row in query.fetch_all(&mut **tx).await? {
            let id: i64 = row.try_get(0)?;
            let kind: String = row.try_get(1)?;
            let value: String = row.try_get(2)?;
            let Some(signature) = by_id.get_mut(&id) else {
                continue;
            };
            match kind.parse::<IndicatorKind>() {
                Ok(IndicatorKind::Domain) => signature.domains.push(value),
                Ok(IndicatorKind::Persona) => signature.personas.push(value),
                Ok(kind) => signature.identifiers.push((kind, value)),
                Err(e) => return Err(StoreError::Corrupt(e)),
            }
        }
        candidates.extend(
            by_id
                .into_iter()
                .map(|(report, signature)| Candidate { report, signature }),
        );
    }
    candidates.sort_by_key(|c| c.report);
    Ok(candidates)
}

/// The values of a signature as stored in `report_indicators`: identifiers, domains and
/// personas (lower case), which is what candidates are found by.
fn linking_values(signature: &Signature) -> Vec<(IndicatorKind, String)> {
    let mut values = signature.identifiers.clone();
    values.extend(
        signature
            .domains
            .iter()
            .map(|d| (IndicatorKind::Domain, d.clone())),
    );
    values.extend(
        signature
            .personas
            .iter()
            .map(|p| (IndicatorKind::Persona, p.clone())),
    );
    values
}

impl Store for SqlStore {
    async fn ingest(&self, report: NewReport, decide: Decide<'_>) -> Result<Ingested, StoreError> {
        let mut tx = self.begin_linking().await?;
        if let Some(row) =
            sqlx::query("SELECT id, campaign_id FROM reports WHERE content_hash = $1")
                .bind(report.content_hash.as_str())
                .fetch_optional(&mut *tx)
                .await?
        {
            tx.rollback().await?;
            return Ok(Ingested {
                id: ReportId(row.try_get(0)?),
                duplicate: true,
                campaign: row.try_get::<Option<i64>, _>(1)?.map(CampaignId),
                edges: Vec::new(),
            });
        }
        let signature = &report.signature;
        let values = linking_values(signature);
        let mut edges = Vec::new();
        if signature.linkable {
            let holders = reports_with_values(&mut tx, &values).await?;
            let mut ids: Vec<i64> = holders.values().flatten().copied().collect();
            ids.extend(reports_in_bands(&mut tx, &signature.band_keys).await?);
            let ids: Vec<i64> = ids
                .into_iter()
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            let candidates = load_signatures(&mut tx, &ids).await?;
            let counts = |kind: IndicatorKind, value: &str| {
                holders.get(&(kind, value.to_owned())).map_or(0, Vec::len)
            };
            edges = decide(signature, &candidates, &counts);
        }
        let messages = &report.conversation.messages;
        let times: Vec<String> = messages
            .iter()
            .filter(|m| m.kind == MessageKind::Normal)
            .filter_map(|m| m.time.map(|t| t.to_string()))
            .collect();
        let id: i64 = sqlx::query(
            "INSERT INTO reports (content_hash, file_name, part, reporter, received_at, format, verdict, score, messages, \
             first_message_at, last_message_at, original, conversation_json, analysis_json, linkable, suspicious, text_chars, minhash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id",
        )
        .bind(report.content_hash.as_str())
        .bind(report.file_name.as_str())
        .bind(report.part.as_str())
        .bind(report.reporter.as_str())
        .bind(now_ms())
        .bind(report.conversation.format.id())
        .bind(report.verdict.id())
        .bind(report.score)
        .bind(i64::try_from(messages.len()).unwrap_or(i64::MAX))
        .bind(times.iter().min().cloned())
        .bind(times.iter().max().cloned())
        .bind(report.original.as_slice())
        .bind(dto::conversation_json(&report.conversation))
        .bind(report.analysis_json.as_str())
        .bind(i64::from(signature.linkable))
        .bind(i64::from(signature.suspicious))
        .bind(i64::try_from(signature.text_chars).unwrap_or(0))
        .bind(signature.minhash.as_deref().map(minhash_bytes))
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        // Indicators as found (for display and export), plus the lower-case persona and domain
        // forms linking looks up.
        let mut stored: HashSet<(IndicatorKind, String)> = HashSet::new();
        let all = report
            .indicators
            .iter()
            .map(|i| (i.kind, i.value.clone()))
            .chain(if signature.linkable {
                values.clone()
            } else {
                Vec::new()
            });
        let rows: Vec<(IndicatorKind, String)> = all
            .filter(|(k, v)| stored.insert((*k, v.clone())))
            .collect();
        // One statement per report, not one per row: per-statement overhead is most of an
        // import's time.
        for chunk in rows.chunks(CHUNK / 3) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| format!("($1, ${}, ${})", 2 + 2 * i, 3 + 2 * i))
                .collect();
            let sql = format!(
                "INSERT INTO report_indicators (report_id, kind, value) VALUES {}",
                values.join(", ")
            );
            let mut query = sqlx::query(AssertSqlSafe(sql)).bind(id);
            for (kind, value) in chunk {
                query = query.bind(kind.id()).bind(value.as_str());
            }
            query.execute(&mut *tx).await?;
        }
        let mut campaign = None;
        if signature.linkable {
            if !signature.band_keys.is_empty() {
                let values: Vec<String> = (0..signature.band_keys.len())
                    .map(|i| format!("(${}, $1)", 2 + i))
                    .collect();
                let sql = format!(
                    "INSERT INTO report_bands (band_key, report_id) VALUES {}",
                    values.join(", ")
                );
                let mut query = sqlx::query(AssertSqlSafe(sql)).bind(id);
                for key in &signature.band_keys {
                    query = query.bind(*key);
                }
                query.execute(&mut *tx).await?;
            }
            let now = now_ms();
            for edge in &edges {
                for reason in &edge.reasons {
                    sqlx::query("INSERT INTO links (report_a, report_b, reason, created_at) VALUES ($1, $2, $3, $4)")
                        .bind(edge.other)
                        .bind(id)
                        .bind(reason.as_str())
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            campaign = Some(join_campaigns(&mut tx, id, &edges).await?);
        }
        tx.commit().await?;
        Ok(Ingested {
            id: ReportId(id),
            duplicate: false,
            campaign,
            edges,
        })
    }

    async fn campaigns(
        &self,
        min_reports: usize,
    ) -> Result<Vec<crate::CampaignSummary>, StoreError> {
        crate::campaigns::list(self, min_reports).await
    }

    async fn report_count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query("SELECT COUNT(*) FROM reports")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?)
    }
}

/// Puts the new report in the campaign of the reports it links to, merging their campaigns
/// into the oldest, or starts a campaign of its own.
async fn join_campaigns(
    tx: &mut Tx,
    report: i64,
    edges: &[Edge],
) -> Result<CampaignId, StoreError> {
    let mut existing: Vec<i64> = Vec::new();
    for edge in edges {
        let row = sqlx::query("SELECT campaign_id FROM reports WHERE id = $1")
            .bind(edge.other)
            .fetch_one(&mut **tx)
            .await?;
        if let Some(c) = row.try_get::<Option<i64>, _>(0)? {
            existing.push(c);
        }
    }
    existing.sort_unstable();
    existing.dedup();
    let keep = match existing.first() {
        Some(keep) => *keep,
        None => sqlx::query("INSERT INTO campaigns (created_at) VALUES ($1) RETURNING id")
            .bind(now_ms())
            .fetch_one(&mut **tx)
            .await?
            .try_get(0)?,
    };
    for merged in existing.iter().skip(1) {
        sqlx::query("UPDATE reports SET campaign_id = $1 WHERE campaign_id = $2")
            .bind(keep)
            .bind(*merged)
            .execute(&mut **tx)
            .await?;
        sqlx::query("UPDATE campaigns SET merged_into = $1 WHERE id = $2")
            .bind(keep)
            .bind(*merged)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("UPDATE reports SET campaign_id = $1 WHERE id = $2")
        .bind(keep)
        .bind(report)
        .execute(&mut **tx)
        .await?;
    Ok(CampaignId(keep))
}
