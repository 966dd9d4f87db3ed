//! The SQLite store: schema, the indexes that keep deep pages fast on a million rows, the
//! COUNT cache (a `count(*)` over a million rows costs more than the page itself) and every
//! query the handlers need.
//!
//! One connection behind a mutex (handlers call in through `spawn_blocking`) keeps
//! `:memory:` databases working and makes "count + page" consistent without transactions.

use crate::coercion::IntMatch;
use crate::dates::{Micros, format_micros, now_micros};
use crate::filters::Filters;
use crate::ordering::Sort;
use crate::pagination::{Page, PageRequest, paginate};
use crate::seed::{self, NewRecord, SplitMix64};
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

/// Table name (Django's `<app>_<model>` style).
const TABLE: &str = "inventory_discrepancy";

/// Column list in API field order.
const COLUMNS: &str = "id, reason, created_date, modified_date, is_active, stock_location, package_item, transfer_item";

/// Indexes created after bulk insert. Every entry implicitly ends with the rowid, so e.g.
/// `(stock_location, created_date)` serves `WHERE stock_location=? ORDER BY created_date,
/// id` as a covering index for the id-only page query, and `(stock_location)` serves
/// `WHERE stock_location=? ORDER BY id`. Each index costs ~1 s per million rows to build,
/// so only the filter+sort pairs the app leans on are covered; other combinations fall
/// back to a sort of the filtered rows. The item indexes are partial (the column is null
/// on the other kind of record) and still serve `package_item = ?`.
const INDEXES: &[(&str, &str)] = &[
    ("ix_created", "(created_date)"),
    ("ix_modified", "(modified_date)"),
    ("ix_loc", "(stock_location)"),
    ("ix_loc_created", "(stock_location, created_date)"),
    ("ix_reason", "(reason)"),
    ("ix_reason_created", "(reason, created_date)"),
    ("ix_package", "(package_item) WHERE package_item IS NOT NULL"),
    ("ix_transfer", "(transfer_item) WHERE transfer_item IS NOT NULL"),
];

/// Errors from the store, as text (they only ever reach logs and the dev API).
pub(crate) type DbError = String;

fn err(e: rusqlite::Error) -> DbError {
    e.to_string()
}

/// One discrepancy as the API renders it (field order = JSON order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Record {
    /// Primary key.
    pub(crate) id: i64,
    /// Free-text reason, rendered as stored.
    pub(crate) reason: String,
    /// Creation time, rendered `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    #[serde(serialize_with = "ser_micros")]
    pub(crate) created_date: Micros,
    /// Modification time, same rendering.
    #[serde(serialize_with = "ser_micros")]
    pub(crate) modified_date: Micros,
    /// Active flag.
    pub(crate) is_active: bool,
    /// Stock location id.
    pub(crate) stock_location: i64,
    /// Package item id or null.
    pub(crate) package_item: Option<i64>,
    /// Transfer item id or null.
    pub(crate) transfer_item: Option<i64>,
}

fn ser_micros<S: serde::Serializer>(m: &Micros, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_micros(*m))
}

fn row_to_record(row: &rusqlite::Row) -> rusqlite::Result<Record> {
    Ok(Record {
        id: row.get(0)?,
        reason: row.get(1)?,
        created_date: row.get(2)?,
        modified_date: row.get(3)?,
        is_active: row.get(4)?,
        stock_location: row.get(5)?,
        package_item: row.get(6)?,
        transfer_item: row.get(7)?,
    })
}

/// A record for the dev API, which may pin the id.
#[derive(Debug, Clone)]
pub(crate) struct InsertRecord {
    /// Explicit id, or `None` for the next free one.
    pub(crate) id: Option<i64>,
    /// The values.
    pub(crate) record: NewRecord,
}

/// Outcome of a list query.
#[derive(Debug)]
pub(crate) enum ListResult {
    /// The page number does not exist for this result set (404 "Invalid page.").
    InvalidPage,
    /// A page of rows plus the total they came from.
    Page {
        /// Total matching rows.
        count: u64,
        /// Where this page sits.
        page: Page,
        /// The rows in order.
        rows: Vec<Record>,
    },
}

struct Inner {
    conn: Connection,
    /// Totals per filter set; only valid until the next write.
    counts: HashMap<String, u64>,
}

impl Inner {
    /// Forgets the cached totals after any change to the data.
    fn wrote(&mut self) {
        self.counts.clear();
    }
}

/// The database handle shared by all requests.
pub(crate) struct Db {
    inner: Mutex<Inner>,
}

impl Db {
    /// Opens (creating if needed) the database at `path` (`:memory:` allowed), applies the
    /// speed-oriented pragmas (WAL, large cache, mmap) and ensures the schema exists.
    pub(crate) fn open(path: &str) -> Result<Db, DbError> {
        let conn = if path == ":memory:" {
            Connection::open_in_memory().map_err(err)?
        } else {
            if let Some(parent) = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            Connection::open(path).map_err(err)?
        };
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -262144;
             PRAGMA mmap_size = 2147483648;
             PRAGMA threads = 2;",
        )
        .map_err(err)?;
        create_table(&conn).map_err(err)?;
        create_indexes(&conn).map_err(err)?;
        Ok(Db {
            inner: Mutex::new(Inner {
                conn,
                counts: HashMap::new(),
            }),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Number of rows in the table (printed at start-up and by `/__dev/stats`).
    pub(crate) fn count_all(&self) -> Result<u64, DbError> {
        let inner = self.lock();
        inner
            .conn
            .query_row(&format!("SELECT count(*) FROM {TABLE}"), [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(err)
    }

    /// Wipes the table and inserts `n` deterministic records (plus hostile ones): one
    /// transaction, one prepared statement, indexes built after the insert, then a sampled
    /// ANALYZE so the planner picks the composite indexes. Returns the new row count.
    pub(crate) fn reseed(&self, n: u64, seed_value: u64, hostile: bool) -> Result<u64, DbError> {
        let t0 = std::time::Instant::now();
        let records = seed::generate(n, seed_value, hostile, now_micros());
        let t_gen = t0.elapsed();
        let mut inner = self.lock();
        inner.wrote();
        // The data is thrown away and regenerated anyway: skip the journal (and the WAL's
        // second copy of every page) while building, then return to WAL.
        inner
            .conn
            .execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            .map_err(err)?;
        let tx = inner.conn.transaction().map_err(err)?;
        tx.execute_batch(&format!("DROP TABLE IF EXISTS {TABLE};"))
            .map_err(err)?;
        create_table(&tx).map_err(err)?;
        insert_all(&tx, records.iter().map(|r| (None, r))).map_err(err)?;
        let t_insert = t0.elapsed();
        create_indexes(&tx).map_err(err)?;
        let t_index = t0.elapsed();
        tx.commit().map_err(err)?;
        let t_commit = t0.elapsed();
        inner
            .conn
            .execute_batch(
                "PRAGMA analysis_limit = 1000; ANALYZE;
                 PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
            )
            .map_err(err)?;
        inner.wrote();
        tracing::info!(
            "seeded {} records (seed {seed_value}) in {:.2?}: generate {:.2?}, insert {:.2?}, indexes {:.2?}, commit {:.2?}",
            records.len(),
            t0.elapsed(),
            t_gen,
            t_insert - t_gen,
            t_index - t_insert,
            t_commit - t_index
        );
        Ok(records.len() as u64)
    }

    /// Adds the hostile records unless they are already there (`--hostile` on an existing
    /// database that is not being reseeded).
    pub(crate) fn ensure_hostile(&self) -> Result<(), DbError> {
        let mut inner = self.lock();
        let first = seed::hostile_reasons().remove(0);
        let present: Option<i64> = inner
            .conn
            .query_row(
                &format!("SELECT id FROM {TABLE} WHERE reason = ?1 LIMIT 1"),
                [first],
                |r| r.get(0),
            )
            .optional()
            .map_err(err)?;
        if present.is_none() {
            let recs = seed::hostile_records(&mut SplitMix64::new(0xBAD), now_micros());
            let tx = inner.conn.transaction().map_err(err)?;
            insert_all(&tx, recs.iter().map(|r| (None, r))).map_err(err)?;
            tx.commit().map_err(err)?;
            inner.wrote();
        }
        Ok(())
    }

    /// One page of the filtered, sorted list. The total is cached per filter set until the
    /// next write; ids come from a covering index (walking the reversed order from the
    /// far end when the page lies past the middle), then the full rows are fetched by id.
    pub(crate) fn list(
        &self,
        filters: &Filters,
        sort: &Sort,
        size: u64,
        req: PageRequest,
    ) -> Result<ListResult, DbError> {
        let mut inner = self.lock();
        let (where_sql, params) = filters.sql_where();
        let count = if filters.never_matches() {
            0
        } else {
            let key = filters.cache_key();
            match inner.counts.get(&key) {
                Some(&c) => c,
                None => {
                    let c: i64 = inner
                        .conn
                        .prepare_cached(&format!("SELECT count(*) FROM {TABLE}{where_sql}"))
                        .and_then(|mut s| s.query_row(params_from_iter(params.iter()), |r| r.get(0)))
                        .map_err(err)?;
                    inner.counts.insert(key, c as u64);
                    c as u64
                }
            }
        };
        let Some(page) = paginate(count, size, req) else {
            return Ok(ListResult::InvalidPage);
        };
        if page.len == 0 {
            return Ok(ListResult::Page {
                count,
                page,
                rows: Vec::new(),
            });
        }
        let end = page.offset + page.len;
        let reversed = page.offset > count / 2;
        let (offset, ids_sql) = if reversed {
            (count - end, sort.order_by(true))
        } else {
            (page.offset, sort.order_by(false))
        };
        let sql = format!("SELECT id FROM {TABLE}{where_sql}{ids_sql} LIMIT ? OFFSET ?");
        let mut all = params.clone();
        all.push(rusqlite::types::Value::Integer(page.len as i64));
        all.push(rusqlite::types::Value::Integer(offset as i64));
        let mut ids: Vec<i64> = {
            let mut stmt = inner.conn.prepare_cached(&sql).map_err(err)?;
            stmt.query_map(params_from_iter(all.iter()), |r| r.get(0))
                .map_err(err)?
                .collect::<Result<_, _>>()
                .map_err(err)?
        };
        if reversed {
            ids.reverse();
        }
        let rows = fetch_by_ids(&inner.conn, &ids).map_err(err)?;
        Ok(ListResult::Page { count, page, rows })
    }

    /// The record with this primary key, if any.
    pub(crate) fn get(&self, id: i64) -> Result<Option<Record>, DbError> {
        let inner = self.lock();
        inner
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM {TABLE} WHERE id = ?1"))
            .and_then(|mut s| s.query_row([id], row_to_record).optional())
            .map_err(err)
    }

    /// The remove action: deletes rows created before `before`, only at `location` when
    /// given. Returns how many rows went.
    pub(crate) fn remove_before(&self, before: Micros, location: Option<IntMatch>) -> Result<u64, DbError> {
        let mut inner = self.lock();
        let n = match location {
            Some(IntMatch::Never) => 0,
            Some(IntMatch::Eq(loc)) => inner
                .conn
                .execute(
                    &format!("DELETE FROM {TABLE} WHERE created_date < ?1 AND stock_location = ?2"),
                    params![before, loc],
                )
                .map_err(err)?,
            None => inner
                .conn
                .execute(&format!("DELETE FROM {TABLE} WHERE created_date < ?1"), params![before])
                .map_err(err)?,
        };
        inner.wrote();
        Ok(n as u64)
    }

    /// Inserts records for the dev API in one transaction and returns them as stored.
    pub(crate) fn insert(&self, records: &[InsertRecord]) -> Result<Vec<Record>, DbError> {
        let mut inner = self.lock();
        let tx = inner.conn.transaction().map_err(err)?;
        let ids = insert_all(&tx, records.iter().map(|r| (r.id, &r.record))).map_err(err)?;
        let rows = fetch_by_ids(&tx, &ids).map_err(err)?;
        tx.commit().map_err(err)?;
        inner.wrote();
        Ok(rows)
    }
}

fn create_table(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "CREATE TABLE IF NOT EXISTS {TABLE} (
            id INTEGER PRIMARY KEY,
            reason TEXT NOT NULL,
            created_date INTEGER NOT NULL,
            modified_date INTEGER NOT NULL,
            is_active INTEGER NOT NULL,
            stock_location INTEGER NOT NULL,
            package_item INTEGER,
            transfer_item INTEGER
        );"
    ))
}

fn create_indexes(conn: &Connection) -> rusqlite::Result<()> {
    for (name, cols) in INDEXES {
        conn.execute_batch(&format!("CREATE INDEX IF NOT EXISTS {name} ON {TABLE} {cols};"))?;
    }
    Ok(())
}

fn insert_all<'a>(
    conn: &Connection,
    records: impl Iterator<Item = (Option<i64>, &'a NewRecord)>,
) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO {TABLE} ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    ))?;
    let mut ids = Vec::new();
    for (id, r) in records {
        stmt.execute(params![
            id,
            r.reason,
            r.created_date,
            r.modified_date,
            r.is_active,
            r.stock_location,
            r.package_item,
            r.transfer_item
        ])?;
        ids.push(conn.last_insert_rowid());
    }
    Ok(ids)
}

fn fetch_by_ids(conn: &Connection, ids: &[i64]) -> rusqlite::Result<Vec<Record>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM {TABLE} WHERE id IN ({})",
        vec!["?"; ids.len()].join(",")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut by_id: HashMap<i64, Record> = stmt
        .query_map(params_from_iter(ids.iter()), row_to_record)?
        .map(|r| r.map(|rec| (rec.id, rec)))
        .collect::<Result<_, _>>()?;
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}
