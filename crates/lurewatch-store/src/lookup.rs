//! Reading what linking a batch needs from the database, in a few set-based queries per batch
//! rather than several per report: which contents are already stored, which stored reports
//! share a value or an LSH band with the batch, and those reports' signatures and campaigns.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use lurewatch_core::{IndicatorKind, Signature};
use sqlx::{AssertSqlSafe, Row};

use crate::StoreError;
use crate::sql::{CHUNK, Params, Tx, in_chunks, minhash_from};

/// A stored report already holding some content: its id and campaign.
pub(crate) type StoredHit = (i64, Option<i64>);

/// The stored reports with any of these content hashes.
pub(crate) async fn stored_contents(
    tx: &mut Tx,
    hashes: &[&str],
) -> Result<HashMap<String, StoredHit>, StoreError> {
    let mut found = HashMap::new();
    let sql = "SELECT content_hash, id, campaign_id FROM reports WHERE content_hash IN ({in})";
    for row in in_chunks(tx, sql, hashes, |q, hash| q.bind(*hash)).await? {
        found.insert(row.try_get(0)?, (row.try_get(1)?, row.try_get(2)?));
    }
    Ok(found)
}

/// How many stored reports hold each value, and, for values held by at most `max_holders`
/// reports, the latest `per_campaign` holders in each campaign (oldest first). Commoner
/// values only need counting: they are too common to link anything, and fetching their
/// thousands of holders every batch would make an import slow down as the store grows.
/// Also returns the campaigns it looked up, so the caller need not ask again.
pub(crate) async fn holders_of(
    tx: &mut Tx,
    values: &[&(IndicatorKind, String)],
    max_holders: usize,
    per_campaign: usize,
) -> Result<(ValueCounts, ValueHolders, HashMap<i64, i64>), StoreError> {
    let params = Params::of(tx);
    let terms = |count: usize| {
        (0..count)
            .map(|i| {
                format!(
                    "(kind = {} AND value = {})",
                    params.one(1 + 2 * i),
                    params.one(2 + 2 * i)
                )
            })
            .collect::<Vec<_>>()
            .join(" OR ")
    };
    // One row per value, its holders as one list: sqlx's per-row cost, not SQLite's, is what
    // a row-per-holder query spends its time on. The primary key makes holders distinct.
    let mut counts = ValueCounts::new();
    let mut holders_of_value: HashMap<(IndicatorKind, String), Vec<i64>> = HashMap::new();
    for chunk in values.chunks(CHUNK / 2) {
        let sql = format!(
            "SELECT kind, value, COUNT(*), CASE WHEN COUNT(*) <= {max_holders} THEN {} END \
             FROM report_indicators WHERE {} GROUP BY kind, value",
            params.id_list("report_id"),
            terms(chunk.len())
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for (kind, value) in chunk.iter().copied() {
            query = query.bind(kind.id()).bind(value.as_str());
        }
        for row in query.fetch_all(&mut **tx).await? {
            let count = usize::try_from(row.try_get::<i64, _>(2)?).unwrap_or(usize::MAX);
            let key = value_key(&row)?;
            if let Some(list) = row.try_get::<Option<String>, _>(3)? {
                holders_of_value.insert(key.clone(), parse_ids(&list)?);
            }
            counts.insert(key, count);
        }
    }
    // Only the latest `per_campaign` holders of each campaign can be compared, and the
    // latest few of a union of lists are among the latest few of each list, so trimming here
    // loses nothing. Holders without a campaign are not linkable and never compared. (A
    // separate lookup by id: joining `reports` into the query above was four times slower.)
    let ids: HashSet<i64> = holders_of_value.values().flatten().copied().collect();
    let ids: Vec<i64> = ids.into_iter().collect();
    let campaigns = campaigns_of(tx, &ids).await?;
    let holders = holders_of_value
        .into_iter()
        .map(|(value, mut ids)| {
            ids.sort_unstable();
            let mut kept: HashMap<i64, usize> = HashMap::new();
            let mut latest: Vec<i64> = ids
                .into_iter()
                .rev()
                .filter(|id| {
                    campaigns.get(id).is_some_and(|c| {
                        let n = kept.entry(*c).or_default();
                        *n += 1;
                        *n <= per_campaign
                    })
                })
                .collect();
            latest.reverse();
            (value, latest)
        })
        .collect();
    Ok((counts, holders, campaigns))
}

/// The campaign of each of these reports that is in one.
pub(crate) async fn campaigns_of(
    tx: &mut Tx,
    ids: &[i64],
) -> Result<HashMap<i64, i64>, StoreError> {
    let mut campaigns = HashMap::new();
    let sql = "SELECT id, campaign_id FROM reports WHERE campaign_id IS NOT NULL AND id IN ({in})";
    for row in in_chunks(tx, sql, ids, |q, id| q.bind(*id)).await? {
        campaigns.insert(row.try_get(0)?, row.try_get(1)?);
    }
    Ok(campaigns)
}

pub(crate) type ValueCounts = HashMap<(IndicatorKind, String), usize>;
pub(crate) type ValueHolders = HashMap<(IndicatorKind, String), Vec<i64>>;

fn value_key(row: &sqlx::any::AnyRow) -> Result<(IndicatorKind, String), StoreError> {
    let kind: String = row.try_get(0)?;
    let kind = kind.parse::<IndicatorKind>().map_err(StoreError::Corrupt)?;
    Ok((kind, row.try_get(1)?))
}

/// The band keys already known to be too common to mean anything.
pub(crate) async fn common_bands(tx: &mut Tx, keys: &[i64]) -> Result<HashSet<i64>, StoreError> {
    let sql = "SELECT band_key FROM common_bands WHERE band_key IN ({in})";
    let rows = in_chunks(tx, sql, keys, |q, key| q.bind(*key)).await?;
    let common = rows
        .iter()
        .map(|row| row.try_get::<i64, _>(0))
        .collect::<Result<_, _>>()?;
    Ok(common)
}

/// Stored reports in each LSH band bucket, oldest first (one row per bucket, as above).
pub(crate) async fn band_members(
    tx: &mut Tx,
    keys: &[i64],
) -> Result<HashMap<i64, Vec<i64>>, StoreError> {
    let sql = format!(
        "SELECT band_key, {} FROM report_bands WHERE band_key IN ({{in}}) GROUP BY band_key",
        Params::of(tx).id_list("report_id")
    );
    let mut buckets: HashMap<i64, Vec<i64>> = HashMap::new();
    for row in in_chunks(tx, &sql, keys, |q, key| q.bind(*key)).await? {
        let mut members = parse_ids(&row.try_get::<String, _>(1)?)?;
        members.sort_unstable();
        buckets.insert(row.try_get(0)?, members);
    }
    Ok(buckets)
}

/// Ids from a comma-separated list made by [`Params::id_list`].
fn parse_ids(list: &str) -> Result<Vec<i64>, StoreError> {
    list.split(',')
        .map(|id| {
            id.trim()
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("not a report id: {id:?}")))
        })
        .collect()
}

/// A stored report as linking sees it.
#[derive(Debug, Clone)]
pub(crate) struct StoredSignature {
    pub signature: Arc<Signature>,
    pub campaign: Option<i64>,
}

/// Loads the signatures of the given reports from their columns and indicators.
pub(crate) async fn signatures_of(
    tx: &mut Tx,
    ids: &[i64],
) -> Result<HashMap<i64, Signature>, StoreError> {
    let mut by_id: HashMap<i64, Signature> = HashMap::new();
    let sql =
        "SELECT id, linkable, suspicious, text_chars, minhash FROM reports WHERE id IN ({in})";
    for row in in_chunks(tx, sql, ids, |q, id| q.bind(*id)).await? {
        let minhash: Option<Vec<u8>> = row.try_get(4)?;
        let signature = Signature {
            identifiers: Vec::new(),
            domains: Vec::new(),
            personas: Vec::new(),
            minhash: minhash.map(|b| minhash_from(&b)),
            band_keys: Vec::new(),
            text_chars: usize::try_from(row.try_get::<i64, _>(3)?).unwrap_or(0),
            linkable: row.try_get::<i64, _>(1)? != 0,
            suspicious: row.try_get::<i64, _>(2)? != 0,
        };
        by_id.insert(row.try_get(0)?, signature);
    }
    let sql = "SELECT report_id, kind, value FROM report_indicators WHERE report_id IN ({in})";
    for row in in_chunks(tx, sql, ids, |q, id| q.bind(*id)).await? {
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
    Ok(by_id)
}
