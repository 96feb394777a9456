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
mod campaigns;
mod dto;
mod ingest;
mod migrate;

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
    /// Campaigns with at least `min_reports` reports, newest activity first.
    fn campaigns(
        &self,
        min_reports: usize,
    ) -> impl Future<Output = Result<Vec<CampaignSummary>, StoreError>> + Send;
    /// How many reports are stored.
    fn report_count(&self) -> impl Future<Output = Result<i64, StoreError>> + Send;
}

pub use backend::SqlStore;
