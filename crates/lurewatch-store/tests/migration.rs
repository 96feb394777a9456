//! Upgrading a store written by an earlier release keeps its data: a SQLite database built
//! with only the first migration, holding one report with its original bytes in the old
//! column, opens, migrates, and gives those bytes back.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use lurewatch_store::{ReportId, SqlStore, Store};
use sqlx::{Connection, Executor};

const FIRST: &str = include_str!("../migrations/sqlite/0001_reports_and_campaigns.sql");

#[tokio::test]
async fn a_first_release_store_migrates_without_losing_reports() {
    let folder = tempfile::Builder::new()
        .prefix("lurewatch-migrate-")
        .tempdir()
        .unwrap();
    let path = folder.path().join("store.db");
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let mut connection = sqlx::SqliteConnection::connect(&url).await.unwrap();
    connection.execute(FIRST).await.unwrap();
    connection
        .execute(
            "CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL);
             INSERT INTO schema_migrations VALUES ('0001_reports_and_campaigns', 0);
             INSERT INTO campaigns (created_at) VALUES (0);
             INSERT INTO reports (content_hash, file_name, part, reporter, received_at, format, verdict, score,
                 messages, original, conversation_json, analysis_json, linkable, suspicious, text_chars, campaign_id)
             VALUES ('h1', 'old.txt', '', 'sam', 0, 'whatsapp', 'high', 0.9, 1, x'6f6c64', '{}', '{}', 1, 1, 10, 1);",
        )
        .await
        .unwrap();
    connection.close().await.unwrap();

    let store = SqlStore::open(&path.display().to_string()).await.unwrap();
    assert_eq!(store.report_count().await.unwrap(), 1);
    assert_eq!(
        store.original(ReportId(1)).await.unwrap().as_deref(),
        Some(&b"old"[..])
    );
    let campaigns = store.campaigns(1).await.unwrap();
    assert_eq!(campaigns.len(), 1);
    assert_eq!(campaigns[0].reports[0].file, "old.txt");
    store.close().await;
}
