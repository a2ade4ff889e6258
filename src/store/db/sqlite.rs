//! The SQLite side of [`Db`]: a rusqlite connection, its statements cached, its errors turned
//! into ctrack's (busy, disk full, read-only, failed write).

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ErrorCode, ToSql, ffi};

use super::{Backend, Db, Params, Row, Value};
use crate::error::{Error, Result};

/// How many prepared statements a connection keeps: more than the store has.
const STATEMENT_CACHE: usize = 128;

/// A SQLite connection.
pub struct SqliteDb {
    conn: Connection,
}

impl SqliteDb {
    pub fn new(conn: Connection) -> SqliteDb {
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        SqliteDb { conn }
    }

    fn each(&self, sql: &str, params: Params<'_>, each: &mut dyn FnMut(&Row) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(classify)?;
        let columns = stmt.column_count();
        let mut rows = match params {
            Params::Positional(values) => {
                let values: Vec<Value> = values.iter().map(|v| v.to_value()).collect();
                stmt.query(rusqlite::params_from_iter(values.iter()))
            }
            Params::Named(values) => {
                let values: Vec<(&str, Value)> = values.iter().map(|(n, v)| (*n, v.to_value())).collect();
                let refs: Vec<(&str, &dyn ToSql)> =
                    values.iter().map(|(n, v)| (*n, v as &dyn ToSql)).collect();
                stmt.query(refs.as_slice())
            }
        }
        .map_err(classify)?;
        while let Some(row) = rows.next().map_err(classify)? {
            let values = (0..columns)
                .map(|i| row.get_ref(i).map(value_of))
                .collect::<rusqlite::Result<Vec<Value>>>()
                .map_err(classify)?;
            each(&Row::new(values))?;
        }
        Ok(())
    }
}

impl Db for SqliteDb {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    fn execute(&self, sql: &str, params: Params<'_>) -> Result<u64> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(classify)?;
        let changed = match params {
            Params::Positional(values) => {
                let values: Vec<Value> = values.iter().map(|v| v.to_value()).collect();
                stmt.execute(rusqlite::params_from_iter(values.iter()))
            }
            Params::Named(values) => {
                let values: Vec<(&str, Value)> = values.iter().map(|(n, v)| (*n, v.to_value())).collect();
                let refs: Vec<(&str, &dyn ToSql)> =
                    values.iter().map(|(n, v)| (*n, v as &dyn ToSql)).collect();
                stmt.execute(refs.as_slice())
            }
        }
        .map_err(classify)?;
        Ok(changed as u64)
    }

    fn execute_batch(&self, sql: &str) -> Result<()> {
        self.conn.execute_batch(sql).map_err(classify)
    }

    fn query_each(
        &self,
        sql: &str,
        params: Params<'_>,
        each: &mut dyn FnMut(&Row) -> Result<()>,
    ) -> Result<()> {
        self.each(sql, params, each)
    }

    fn query_all(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>> {
        let mut rows = Vec::new();
        self.each(sql, params, &mut |row| {
            rows.push(row.clone());
            Ok(())
        })?;
        Ok(rows)
    }

    fn insert_row(&self, sql: &str, params: Params<'_>) -> Result<Option<i64>> {
        match self.execute(sql, params)? {
            0 => Ok(None),
            _ => Ok(Some(self.conn.last_insert_rowid())),
        }
    }

    fn begin_write(&self) -> Result<()> {
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(classify)
    }

    fn begin_read(&self) -> Result<()> {
        // Deferred: the snapshot is taken at the first read and held to the end (WAL).
        self.conn.execute_batch("BEGIN").map_err(classify)
    }

    fn commit(&self) -> Result<()> {
        self.conn.execute_batch("COMMIT").map_err(classify)
    }

    fn rollback(&self) -> Result<()> {
        self.conn.execute_batch("ROLLBACK").map_err(classify)
    }
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Value::Real(r) => ToSqlOutput::Borrowed(ValueRef::Real(*r)),
            Value::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
        })
    }
}

fn value_of(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(r) => Value::Real(r),
        ValueRef::Text(t) | ValueRef::Blob(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
    }
}

/// Classifies a SQLite error: locked, disk full, read-only and failed writes get their own
/// sentence; anything else is a database error whose context the caller names.
pub fn classify(source: rusqlite::Error) -> Error {
    match source.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Locked { waited: None },
        Some(ErrorCode::DiskFull) => Error::DiskFull,
        Some(ErrorCode::ReadOnly) => Error::ReadOnly { path: None },
        Some(ErrorCode::SystemIoFailure) if is_write_failure(&source) => Error::CannotWrite,
        _ => Error::Db { context: "working with the database", source: Box::new(source) },
    }
}

/// Whether an I/O error happened while writing or growing a file. SQLite reports ENOSPC as
/// "full", but a file-size limit (EFBIG) and most other write failures only as these codes,
/// without the errno.
fn is_write_failure(source: &rusqlite::Error) -> bool {
    let rusqlite::Error::SqliteFailure(e, _) = source else { return false };
    matches!(
        e.extended_code,
        ffi::SQLITE_IOERR_WRITE
            | ffi::SQLITE_IOERR_FSYNC
            | ffi::SQLITE_IOERR_DIR_FSYNC
            | ffi::SQLITE_IOERR_TRUNCATE
            | ffi::SQLITE_IOERR_SHMSIZE
            | ffi::SQLITE_IOERR_SHMMAP
    )
}
