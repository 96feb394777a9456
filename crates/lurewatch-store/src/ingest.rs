//! Storing reports and linking them, a batch per transaction. Linking reads candidates and
//! writes campaigns under a lock (PostgreSQL: an advisory lock; SQLite: the write lock taken at
//! `BEGIN IMMEDIATE`), so two importers running at once cannot each miss the other's reports.
//! A batch is read from the database in a few set-based queries, linked in memory
//! ([`crate::batch_link`]) and written as multi-row statements ([`crate::write`]): the
//! per-statement cost, not SQL work, is what limits an import.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use lurewatch_core::{Conversation, Edge, Indicator, IndicatorKind, Signature, Verdict};

use crate::backend::{Backend, SqlStore};
use crate::batch_link::{
    BUCKET_RECENT, BatchLinker, CampaignToken, MAX_BUCKET, PER_CAMPAIGN, StoredContext,
    batch_index, linking_values,
};
use crate::lookup::{
    StoredSignature, band_members, campaigns_of, common_bands, holders_of, signatures_of,
    stored_contents,
};
use crate::signature_cache::SignatureCache;
use crate::sql::Tx;
use crate::{CampaignId, Decide, ReportId, StoreError, write};

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
    /// SHA-256 (hex) of the file as received; the file's bytes are stored once under it.
    pub file_sha256: String,
    /// The file as received: it will be evidence. Shared by every conversation of the file.
    pub original: Arc<[u8]>,
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

impl SqlStore {
    /// PostgreSQL plans the candidate queries from table statistics, which autovacuum
    /// refreshes only now and then: a table that grew from empty to a million rows during one
    /// import was still planned as empty, and some batches took seconds. Statistics are
    /// refreshed whenever the reports written since the last refresh reach a quarter of the
    /// store (at least 2,000 reports).
    async fn refresh_statistics(&self, written: usize) -> Result<(), StoreError> {
        use std::sync::atomic::Ordering;
        if self.backend != Backend::Postgres {
            return Ok(());
        }
        let since = self
            .written_since_analyze
            .fetch_add(written, Ordering::Relaxed)
            + written;
        let total = self.written_total.fetch_add(written, Ordering::Relaxed) + written;
        if since >= 2000 && since * 4 >= total {
            self.written_since_analyze.store(0, Ordering::Relaxed);
            sqlx::query("ANALYZE reports, report_indicators, report_bands")
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    pub(crate) async fn begin_linking(&self) -> Result<Tx, StoreError> {
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

/// What happens to each report of a batch.
enum Fate {
    /// Its content is already stored.
    Stored(ReportId, Option<CampaignId>),
    /// A copy of an earlier report of the same batch (index into the batch).
    CopyOf(usize),
    /// New: index among the batch's new reports.
    New(usize),
}

/// Reads what the database knows that the new reports touch.
async fn stored_context(
    tx: &mut Tx,
    cache: &SignatureCache,
    fresh: &[&NewReport],
) -> Result<StoredContext, StoreError> {
    let linkable = || fresh.iter().map(|r| &r.signature).filter(|s| s.linkable);
    let values: HashSet<(IndicatorKind, String)> = linkable().flat_map(linking_values).collect();
    let values: Vec<&(IndicatorKind, String)> = values.iter().collect();
    let keys: HashSet<i64> = linkable()
        .flat_map(|s| s.band_keys.iter().copied())
        .collect();
    let keys: Vec<i64> = keys.into_iter().collect();
    let (counts, holders, mut campaigns) =
        holders_of(tx, &values, MAX_BUCKET, PER_CAMPAIGN).await?;
    let common = common_bands(tx, &keys).await?;
    let live: Vec<i64> = keys.into_iter().filter(|k| !common.contains(k)).collect();
    let bands = band_members(tx, &live).await?;
    // Only a bucket's latest members are ever compared; its size is all the rest is for.
    let mut ids: HashSet<i64> = HashSet::new();
    for members in bands.values() {
        if members.len() <= MAX_BUCKET {
            ids.extend(members.iter().rev().take(BUCKET_RECENT));
        }
    }
    for members in holders.values().filter(|m| m.len() <= MAX_BUCKET) {
        ids.extend(members);
    }
    let ids: Vec<i64> = ids.into_iter().collect();
    let unknown: Vec<i64> = ids
        .iter()
        .copied()
        .filter(|id| !campaigns.contains_key(id))
        .collect();
    campaigns.extend(campaigns_of(tx, &unknown).await?);
    let (mut known, missing) = cache.lookup(&ids);
    let loaded: Vec<(i64, Arc<Signature>)> = signatures_of(tx, &missing)
        .await?
        .into_iter()
        .map(|(id, s)| (id, Arc::new(s)))
        .collect();
    cache.remember(loaded.iter().cloned());
    known.extend(loaded);
    let signatures = known
        .into_iter()
        .map(|(id, signature)| {
            let campaign = campaigns.get(&id).copied();
            (
                id,
                StoredSignature {
                    signature,
                    campaign,
                },
            )
        })
        .collect();
    let separations = crate::decisions::separations(tx).await?;
    Ok(StoredContext {
        counts,
        holders,
        bands,
        common_bands: common,
        separations,
        signatures,
    })
}

/// Stores a batch of reports and links them, in one transaction; see the module docs.
pub(crate) async fn ingest_batch(
    store: &SqlStore,
    reports: &[NewReport],
    decide: Decide<'_>,
) -> Result<Vec<Ingested>, StoreError> {
    if reports.is_empty() {
        return Ok(Vec::new());
    }
    let mut tx = store.begin_linking().await?;
    let hashes: Vec<&str> = reports.iter().map(|r| r.content_hash.as_str()).collect();
    let already = stored_contents(&mut tx, &hashes).await?;
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    let mut fresh: Vec<&NewReport> = Vec::new();
    let fates: Vec<Fate> = reports
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if let Some(&(id, campaign)) = already.get(&r.content_hash) {
                Fate::Stored(ReportId(id), campaign.map(CampaignId))
            } else if let Some(&first) = first_of.get(r.content_hash.as_str()) {
                Fate::CopyOf(first)
            } else {
                first_of.insert(r.content_hash.as_str(), i);
                fresh.push(r);
                Fate::New(fresh.len() - 1)
            }
        })
        .collect();
    let context = stored_context(&mut tx, &store.signatures, &fresh).await?;
    let mut linker = BatchLinker::new(&context, decide);
    let edges: Vec<Vec<Edge>> = fresh.iter().map(|r| linker.push(&r.signature)).collect();
    let (finals, merges) = linker.finish();

    // Campaigns the batch starts get ids in the order they were started.
    let started: BTreeSet<usize> = finals
        .iter()
        .filter_map(|t| match t {
            Some(CampaignToken::New(k)) => Some(*k),
            _ => None,
        })
        .collect();
    let allocated = write::new_campaigns(&mut tx, started.len()).await?;
    let new_ids: HashMap<usize, i64> = started.into_iter().zip(allocated).collect();
    let campaign_id = |token: CampaignToken| match token {
        CampaignToken::Stored(id) => Some(id),
        CampaignToken::New(k) => new_ids.get(&k).copied(),
    };
    for (merged, kept) in merges {
        if let Some(kept) = campaign_id(kept) {
            write::merge_campaign(&mut tx, merged, kept).await?;
        }
    }
    let campaigns: Vec<Option<i64>> = finals.iter().map(|t| t.and_then(campaign_id)).collect();
    write::files(&mut tx, &fresh).await?;
    let ids = write::reports(&mut tx, &fresh, &campaigns).await?;
    write::indicators_and_bands(&mut tx, &fresh, &ids, &context).await?;
    let real = |id: i64| {
        batch_index(id)
            .and_then(|i| ids.get(i).copied())
            .unwrap_or(id)
    };
    let edges: Vec<Vec<Edge>> = edges
        .into_iter()
        .map(|list| {
            list.into_iter()
                .map(|e| Edge {
                    other: real(e.other),
                    reasons: e.reasons,
                })
                .collect()
        })
        .collect();
    let link_rows: Vec<(i64, i64, String)> = edges
        .iter()
        .zip(&ids)
        .flat_map(|(list, id)| {
            list.iter().flat_map(move |e| {
                e.reasons
                    .iter()
                    .map(move |reason| (e.other, *id, reason.clone()))
            })
        })
        .collect();
    write::links(&mut tx, &link_rows).await?;
    tx.commit().await?;
    store.refresh_statistics(fresh.len()).await?;
    store.signatures.remember(
        ids.iter()
            .zip(&fresh)
            .map(|(id, r)| (*id, Arc::new(r.signature.clone()))),
    );
    let mut out: Vec<Ingested> = Vec::with_capacity(reports.len());
    for fate in fates {
        let ingested = match fate {
            Fate::Stored(id, campaign) => Ingested {
                id,
                duplicate: true,
                campaign,
                edges: Vec::new(),
            },
            Fate::CopyOf(first) => {
                let original = out.get(first).ok_or_else(|| {
                    StoreError::Corrupt("a copy precedes its original".to_owned())
                })?;
                Ingested {
                    id: original.id,
                    duplicate: true,
                    campaign: original.campaign,
                    edges: Vec::new(),
                }
            }
            Fate::New(k) => Ingested {
                id: ReportId(ids.get(k).copied().unwrap_or_default()),
                duplicate: false,
                campaign: campaigns.get(k).copied().flatten().map(CampaignId),
                edges: edges.get(k).cloned().unwrap_or_default(),
            },
        };
        out.push(ingested);
    }
    Ok(out)
}
