//! Reports that last and the campaigns that link them.
//!
//! One implementation over sqlx's `Any` driver serves both backends: SQLite, embedded and the
//! default (`./lurewatch.db`, WAL, created on first use), and PostgreSQL (`postgres://…`) for
//! several processes at once. What differs between them is confined to [`backend`]: connection
//! set-up, the migrations folder, and how the linking step takes its lock. Everything linking
//! needs (indicators, band keys, MinHash signatures, campaigns, explained links) lives in the
//! database, never only in one process's memory, so any importer or server replica can link.
//!
//! Only this crate knows SQL; its errors are [`StoreError`], never `sqlx::Error`.

mod backend;
mod batch_link;
mod campaigns;
mod decisions;
mod dto;
mod ingest;
mod lookup;
mod migrate;
mod signature_cache;
mod sql;
mod write;

use std::future::Future;

use thiserror::Error;

pub use backend::Backend;
pub use campaigns::{CampaignReport, CampaignSummary};
pub use ingest::{Ingested, NewReport};

/// A stored report's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReportId(pub i64);

/// A campaign's id. Stable: when campaigns merge, the oldest id survives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CampaignId(pub i64);

/// What can go wrong in the store, without leaking the driver's types.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot open database {url}: {detail}")]
    Open { url: String, detail: String },
    #[error("database migration {version} failed: {detail}")]
    Migration { version: String, detail: String },
    #[error("database error: {0}")]
    Query(String),
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    /// A request that cannot be carried out as asked (an unknown campaign, say).
    #[error("{0}")]
    Invalid(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Query(e.to_string())
    }
}

/// Decides which candidates a new report links to: `lurewatch_link::decide` with its
/// parameters, handed in by the caller so the store does not depend on the linker.
pub type Decide<'a> = &'a (
        dyn Fn(
    &lurewatch_core::Signature,
    &[lurewatch_core::Candidate],
    &dyn Fn(lurewatch_core::IndicatorKind, &str) -> usize,
) -> Vec<lurewatch_core::Edge>
            + Sync
    );

/// The store's use cases. Implemented once ([`SqlStore`]) for both backends; the conformance
/// suite in `tests/` runs against SQLite always and PostgreSQL when one is configured.
pub trait Store {
    /// Stores a report and links it into campaigns in one transaction; the same content
    /// again is recognised as a duplicate and not stored twice.
    fn ingest(
        &self,
        report: NewReport,
        decide: Decide<'_>,
    ) -> impl Future<Output = Result<Ingested, StoreError>> + Send;
    /// Stores and links reports in arrival order, all in one transaction, with the same
    /// outcome as ingesting them one by one (a report's campaign is the one it ends the batch
    /// in). Much faster for many reports: an import's cost is per statement, not per row.
    fn ingest_batch(
        &self,
        reports: &[NewReport],
        decide: Decide<'_>,
    ) -> impl Future<Output = Result<Vec<Ingested>, StoreError>> + Send;
    /// Campaigns with at least `min_reports` reports, newest activity first.
    fn campaigns(
        &self,
        min_reports: usize,
    ) -> impl Future<Output = Result<Vec<CampaignSummary>, StoreError>> + Send;
    /// How many reports are stored.
    fn report_count(&self) -> impl Future<Output = Result<i64, StoreError>> + Send;
    /// Merges two campaigns as an analyst decided; the older id survives.
    fn merge_campaigns(
        &self,
        a: CampaignId,
        b: CampaignId,
        analyst: &str,
        note: &str,
    ) -> impl Future<Output = Result<CampaignId, StoreError>> + Send;
    /// Moves reports of a campaign into a new campaign that linking keeps apart from it.
    fn split_campaign(
        &self,
        campaign: CampaignId,
        reports: &[ReportId],
        analyst: &str,
        note: &str,
    ) -> impl Future<Output = Result<CampaignId, StoreError>> + Send;
    /// The file a report came from, byte for byte as received; `None` for no such report.
    fn original(
        &self,
        report: ReportId,
    ) -> impl Future<Output = Result<Option<Vec<u8>>, StoreError>> + Send;
}

pub use backend::SqlStore;

impl Store for SqlStore {
    async fn ingest(&self, report: NewReport, decide: Decide<'_>) -> Result<Ingested, StoreError> {
        ingest::ingest_batch(self, std::slice::from_ref(&report), decide)
            .await?
            .pop()
            .ok_or_else(|| StoreError::Corrupt("a stored report went missing".to_owned()))
    }

    async fn ingest_batch(
        &self,
        reports: &[NewReport],
        decide: Decide<'_>,
    ) -> Result<Vec<Ingested>, StoreError> {
        ingest::ingest_batch(self, reports, decide).await
    }

    async fn campaigns(&self, min_reports: usize) -> Result<Vec<CampaignSummary>, StoreError> {
        campaigns::list(self, min_reports).await
    }

    async fn merge_campaigns(
        &self,
        a: CampaignId,
        b: CampaignId,
        analyst: &str,
        note: &str,
    ) -> Result<CampaignId, StoreError> {
        decisions::merge(self, a, b, analyst, note).await
    }

    async fn split_campaign(
        &self,
        campaign: CampaignId,
        reports: &[ReportId],
        analyst: &str,
        note: &str,
    ) -> Result<CampaignId, StoreError> {
        decisions::split(self, campaign, reports, analyst, note).await
    }

    async fn original(&self, report: ReportId) -> Result<Option<Vec<u8>>, StoreError> {
        use sqlx::Row;
        let row = sqlx::query(
            "SELECT COALESCE(f.bytes, d.original) FROM reports r \
             LEFT JOIN files f ON f.sha256 = r.file_sha256 \
             LEFT JOIN report_documents d ON d.report_id = r.id WHERE r.id = $1",
        )
        .bind(report.0)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    async fn report_count(&self) -> Result<i64, StoreError> {
        use sqlx::Row;
        Ok(sqlx::query("SELECT COUNT(*) FROM reports")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?)
    }
}
