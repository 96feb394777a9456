//! Connecting: the backend is chosen from the URL, and everything that differs between SQLite
//! and PostgreSQL is here.

use std::str::FromStr;
use std::time::Duration;

use crate::signature_cache::SignatureCache;
use sqlx::AnyPool;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{ConnectOptions, Connection, Executor};

use crate::{StoreError, migrate};

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The store over one connection pool.
#[derive(Debug, Clone)]
pub struct SqlStore {
    pub(crate) pool: AnyPool,
    pub(crate) backend: Backend,
    pub(crate) signatures: std::sync::Arc<SignatureCache>,
    /// Reports this process wrote since it last refreshed PostgreSQL's statistics, and in all.
    pub(crate) written_since_analyze: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    pub(crate) written_total: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

/// Turns what a user types (`./lurewatch.db`, `sqlite:x.db`, `postgres://…`) into a URL sqlx
/// understands, and says which backend it is.
pub fn normalise_url(given: &str) -> (String, Backend) {
    if given.starts_with("postgres://") || given.starts_with("postgresql://") {
        return (given.to_owned(), Backend::Postgres);
    }
    let path = given
        .strip_prefix("sqlite://")
        .or_else(|| given.strip_prefix("sqlite:"))
        .unwrap_or(given);
    let path = path.split('?').next().unwrap_or(path);
    (format!("sqlite://{path}?mode=rwc"), Backend::Sqlite)
}

impl SqlStore {
    /// Opens (and for SQLite creates) the database and applies pending migrations.
    pub async fn open(given: &str) -> Result<SqlStore, StoreError> {
        sqlx::any::install_default_drivers();
        let (url, backend) = normalise_url(given);
        let open_error = |e: sqlx::Error| StoreError::Open {
            url: redact(given),
            detail: e.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url)
            .map_err(open_error)?
            .disable_statement_logging();
        // One direct connection first: the pool would keep retrying an unreachable server
        // until its acquire timeout, and the user deserves the reason at once.
        let probe = options.connect().await.map_err(open_error)?;
        probe.close().await.map_err(open_error)?;
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 8 })
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers work while an import writes; the busy timeout makes
                        // concurrent writers wait instead of failing.
                        connection.execute("PRAGMA journal_mode = WAL").await?;
                        connection.execute("PRAGMA synchronous = NORMAL").await?;
                        connection.execute("PRAGMA busy_timeout = 30000").await?;
                        connection.execute("PRAGMA foreign_keys = ON").await?;
                        // SQLite's 2 MiB default page cache turns a large store's index
                        // lookups into a read system call each; 64 MiB and a memory map keep
                        // the hot pages of the indexes in reach (a 100,000-report import spent
                        // half its time in the kernel without this).
                        connection.execute("PRAGMA cache_size = -65536").await?;
                        connection.execute("PRAGMA mmap_size = 1073741824").await?;
                        connection.execute("PRAGMA temp_store = MEMORY").await?;
                        // Checkpoint every 64 MiB of WAL rather than 4: pages written by
                        // several batches are copied back once.
                        connection
                            .execute("PRAGMA wal_autocheckpoint = 16384")
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(open_error)?;
        let store = SqlStore {
            pool,
            backend,
            signatures: std::sync::Arc::default(),
            written_since_analyze: std::sync::Arc::default(),
            written_total: std::sync::Arc::default(),
        };
        migrate::run(&store).await?;
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Drops every table in the database's schema: for test databases only (the conformance
    /// suite starts each PostgreSQL run from an empty schema). Every table, not a list of
    /// this version's: a database left by another version of the suite must reset too.
    pub async fn reset_for_tests(&self) -> Result<(), StoreError> {
        let listing = match self.backend {
            Backend::Postgres => {
                "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()"
            }
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            }
        };
        let tables: Vec<String> = sqlx::query(listing)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| sqlx::Row::try_get::<String, _>(row, 0))
            .collect::<Result<_, _>>()?;
        let cascade = if self.backend == Backend::Postgres {
            " CASCADE"
        } else {
            ""
        };
        if self.backend == Backend::Sqlite {
            sqlx::query("PRAGMA foreign_keys = OFF")
                .execute(&self.pool)
                .await?;
        }
        for table in tables {
            // Names come from the catalogue; quoted all the same.
            let quoted = format!("\"{}\"", table.replace('"', "\"\""));
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP TABLE IF EXISTS {quoted}{cascade}"
            )))
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }

    /// Closes the pool, waiting for connections to finish.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A URL fit for an error message: the password is replaced by `***`.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = url.get(scheme + 3..at).unwrap_or_default();
            match credentials.split_once(':') {
                Some((user, _)) => format!(
                    "{}{user}:***{}",
                    url.get(..scheme + 3).unwrap_or_default(),
                    url.get(at..).unwrap_or_default()
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_secrets() {
        assert_eq!(
            normalise_url("./lurewatch.db"),
            (
                "sqlite://./lurewatch.db?mode=rwc".to_owned(),
                Backend::Sqlite
            )
        );
        assert_eq!(normalise_url("sqlite:x.db").1, Backend::Sqlite);
        assert_eq!(normalise_url("postgres://u:p@h/db").1, Backend::Postgres);
        assert_eq!(
            redact("postgres://lurewatch:secret@127.0.0.1/db"),
            "postgres://lurewatch:***@127.0.0.1/db"
        );
    }
}
