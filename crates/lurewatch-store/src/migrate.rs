//! Migrations: one folder per backend, embedded in the binary, applied in order at start and
//! recorded in `schema_migrations`. Append-only: a released migration is never edited.
//! Statements are split at `;` after comment lines are removed (no `;` inside strings).

use sqlx::Row;

use crate::StoreError;
use crate::backend::{Backend, SqlStore};

const SQLITE: &[(&str, &str)] = &[
    (
        "0001_reports_and_campaigns",
        include_str!("../migrations/sqlite/0001_reports_and_campaigns.sql"),
    ),
    (
        "0002_files_documents_common_bands",
        include_str!("../migrations/sqlite/0002_files_documents_common_bands.sql"),
    ),
    (
        "0003_analyst_decisions",
        include_str!("../migrations/sqlite/0003_analyst_decisions.sql"),
    ),
];
const POSTGRES: &[(&str, &str)] = &[
    (
        "0001_reports_and_campaigns",
        include_str!("../migrations/postgres/0001_reports_and_campaigns.sql"),
    ),
    (
        "0002_files_documents_common_bands",
        include_str!("../migrations/postgres/0002_files_documents_common_bands.sql"),
    ),
    (
        "0003_analyst_decisions",
        include_str!("../migrations/postgres/0003_analyst_decisions.sql"),
    ),
];

pub(crate) async fn run(store: &SqlStore) -> Result<(), StoreError> {
    let migrations = match store.backend {
        Backend::Sqlite => SQLITE,
        Backend::Postgres => POSTGRES,
    };
    let mut tx = store.pool.begin().await?;
    if store.backend == Backend::Postgres {
        // Two processes starting at once must not both migrate.
        sqlx::query("SELECT pg_advisory_xact_lock(7470001)")
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)")
        .execute(&mut *tx)
        .await?;
    let applied: Vec<String> = sqlx::query("SELECT version FROM schema_migrations")
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|row| row.try_get::<String, _>(0))
        .collect::<Result<_, _>>()?;
    for (version, sql) in migrations {
        if applied.iter().any(|a| a == version) {
            continue;
        }
        let failed = |e: sqlx::Error| StoreError::Migration {
            version: (*version).to_owned(),
            detail: e.to_string(),
        };
        // Comment lines go first, so a `;` in prose cannot split a statement.
        let code: String = sql
            .lines()
            .filter(|l| !l.trim_start().starts_with("--"))
            .collect::<Vec<_>>()
            .join("\n");
        for statement in code.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            sqlx::query(sqlx::AssertSqlSafe(statement.to_owned()))
                .execute(&mut *tx)
                .await
                .map_err(failed)?;
        }
        sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
            .bind(*version)
            .bind(crate::sql::now_ms())
            .execute(&mut *tx)
            .await
            .map_err(failed)?;
    }
    tx.commit().await?;
    Ok(())
}
