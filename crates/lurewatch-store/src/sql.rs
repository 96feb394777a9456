//! Small SQL helpers shared by the store's modules: placeholder lists, multi-row statements
//! and how a MinHash is kept in a BLOB. Statements carry many rows because, with SQLite behind
//! sqlx's worker thread and PostgreSQL behind a socket, per-statement overhead is most of an
//! import's time.

use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};

use crate::StoreError;

/// Most bind parameters in one statement (SQLite's historical limit is 999).
pub(crate) const CHUNK: usize = 900;

pub(crate) type Tx = sqlx::Transaction<'static, sqlx::Any>;
pub(crate) type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>;

/// Milliseconds since the Unix epoch, now.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// How the two backends' SQL differs where the store needs it: how a long statement names its
/// parameters, and how a group's ids are aggregated. On parameters: SQLite gets anonymous `?`: with `$N` names,
/// sqlx looks each name up with `sqlite3_bind_parameter_name`, a linear scan, which made
/// binding a 900-parameter statement quadratic (a fifth of an import's time). Parameters are
/// always bound in the order they appear, so both forms mean the same.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params {
    numbered: bool,
}

impl Params {
    pub(crate) fn of(tx: &mut Tx) -> Params {
        let connection: &mut sqlx::AnyConnection = tx;
        Params {
            numbered: connection.backend_name() != "SQLite",
        }
    }

    /// The placeholders for `count` parameters starting at number `from`, comma-separated.
    pub(crate) fn list(self, from: usize, count: usize) -> String {
        (from..from + count)
            .map(|i| self.one(i))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The placeholder of parameter number `i`.
    pub(crate) fn one(self, i: usize) -> String {
        if self.numbered {
            format!("${i}")
        } else {
            "?".to_owned()
        }
    }

    /// An aggregate joining a group's integer `column` into one comma-separated text.
    pub(crate) fn id_list(self, column: &str) -> String {
        if self.numbered {
            format!("string_agg({column}::text, ',')")
        } else {
            format!("group_concat({column})")
        }
    }

    /// `($1, $2), ($3, $4), …` for `rows` rows of `columns` parameters.
    fn rows(self, rows: usize, columns: usize) -> String {
        (0..rows)
            .map(|row| format!("({})", self.list(1 + row * columns, columns)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Runs `head VALUES (…), (…) tail` over the rows, as many rows per statement as the parameter
/// limit allows, and returns what the statements return (`tail` may hold `RETURNING …`).
pub(crate) async fn insert_rows<'r, R>(
    tx: &mut Tx,
    head: &str,
    tail: &str,
    columns: usize,
    rows: &'r [R],
    bind: impl Fn(AnyQuery<'r>, &'r R) -> AnyQuery<'r>,
) -> Result<Vec<AnyRow>, StoreError> {
    let params = Params::of(tx);
    let mut returned = Vec::new();
    for chunk in rows.chunks((CHUNK / columns.max(1)).max(1)) {
        let sql = format!("{head} VALUES {} {tail}", params.rows(chunk.len(), columns));
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for row in chunk {
            query = bind(query, row);
        }
        returned.extend(query.fetch_all(&mut **tx).await?);
    }
    Ok(returned)
}

/// Runs `sql` once per chunk of `keys`, its `{in}` replaced by that chunk's placeholders, and
/// returns every row: `WHERE x IN (…)` lookups longer than one statement can bind.
pub(crate) async fn in_chunks<'k, K>(
    tx: &mut Tx,
    sql: &str,
    keys: &'k [K],
    bind: impl Fn(AnyQuery<'k>, &'k K) -> AnyQuery<'k>,
) -> Result<Vec<AnyRow>, StoreError> {
    let params = Params::of(tx);
    let mut rows = Vec::new();
    for chunk in keys.chunks(CHUNK) {
        let mut query = sqlx::query(AssertSqlSafe(
            sql.replace("{in}", &params.list(1, chunk.len())),
        ));
        for key in chunk {
            query = bind(query, key);
        }
        rows.extend(query.fetch_all(&mut **tx).await?);
    }
    Ok(rows)
}

/// The first column of each row as an integer.
pub(crate) fn first_ints(rows: &[AnyRow]) -> Result<Vec<i64>, StoreError> {
    Ok(rows
        .iter()
        .map(|row| row.try_get::<i64, _>(0))
        .collect::<Result<_, _>>()?)
}

pub(crate) fn minhash_bytes(minhash: &[u32]) -> Vec<u8> {
    minhash.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub(crate) fn minhash_from(bytes: &[u8]) -> Vec<u32> {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}
