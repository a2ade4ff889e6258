//! The one database interface the store is written against, and its two implementations:
//! SQLite (`sqlite.rs`, rusqlite, the default) and PostgreSQL (`postgres.rs`). The store's SQL
//! and logic exist once; only opening a database, its identity and its migrations differ.
//!
//! SQL is written in the dialect both understand: `coalesce`, `string_agg`, `RETURNING id`,
//! `CAST(x AS BIGINT)`. Parameters are `?N` (positional) or `:name`; the PostgreSQL side
//! rewrites them to `$N` (`placeholders.rs`). Values cross the interface as [`Value`]s, so a
//! row reads the same from either database.

pub(crate) mod pg_config;
mod placeholders;
mod postgres;
pub(crate) mod sqlite;
mod value;

pub(crate) use self::postgres::PgDb;
pub(crate) use self::sqlite::SqliteDb;
pub(crate) use value::{FromValue, Row, ToValue, Value};

use crate::error::{Error, Result};

/// Which database a store runs on, for the few places that must know (opening, migrations,
/// error wording).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The parameters of one statement: by position (`?1`, `?2`) or by name (`:as_of`).
#[derive(Clone, Copy)]
pub enum Params<'a> {
    Positional(&'a [&'a dyn ToValue]),
    Named(&'a [(&'a str, &'a dyn ToValue)]),
}

/// No parameters.
pub const NO_PARAMS: Params<'static> = Params::Positional(&[]);

/// `params![a, b]`: positional parameters for `?1`, `?2`.
macro_rules! params {
    ($($value:expr),* $(,)?) => {
        $crate::store::db::Params::Positional(&[$(&$value as &dyn $crate::store::db::ToValue),*])
    };
}

/// `named![":as_of" => date, ":pk" => pk]`: named parameters.
macro_rules! named {
    ($($name:literal => $value:expr),* $(,)?) => {
        $crate::store::db::Params::Named(&[$(($name, &$value as &dyn $crate::store::db::ToValue)),*])
    };
}

pub(crate) use {named, params};

/// A connection to a ctrack database. Every method takes `&self`, so a row callback may run
/// further statements on the same connection. Errors are already classified (busy, full,
/// read-only, not permitted); `DbContext::context` names what was being done.
pub trait Db {
    /// Which database this is.
    fn backend(&self) -> Backend;

    /// Runs a statement that returns no rows; returns the number of rows it changed.
    fn execute(&self, sql: &str, params: Params<'_>) -> Result<u64>;

    /// Runs several statements without parameters (schema scripts).
    fn execute_batch(&self, sql: &str) -> Result<()>;

    /// Calls `each` with every row, in order, without holding them all in memory (PostgreSQL
    /// reads through a cursor, in batches).
    fn query_each(
        &self,
        sql: &str,
        params: Params<'_>,
        each: &mut dyn FnMut(&Row) -> Result<()>,
    ) -> Result<()>;

    /// Every row, in memory: for results known to be small.
    fn query_all(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>>;

    /// Starts a write transaction that waits for other writers (SQLite: BEGIN IMMEDIATE).
    fn begin_write(&self) -> Result<()>;

    /// Starts a read transaction: every query until `rollback` sees one snapshot.
    fn begin_read(&self) -> Result<()>;

    /// Commits the open transaction.
    fn commit(&self) -> Result<()>;

    /// Rolls the open transaction back.
    fn rollback(&self) -> Result<()>;
}

impl dyn Db + '_ {
    /// The one row `sql` returns, read by `f`; no row is a database error (the query always
    /// returns one).
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: Params<'_>,
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<T> {
        match self.query_row_opt(sql, params, f)? {
            Some(value) => Ok(value),
            None => Err(Error::Db {
                context: "reading a row the database must hold",
                source: "the query returned no row".into(),
            }),
        }
    }

    /// The first row `sql` returns, read by `f`, if there is one.
    pub fn query_row_opt<T>(
        &self,
        sql: &str,
        params: Params<'_>,
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<Option<T>> {
        self.query_all(sql, params)?.first().map(f).transpose()
    }

    /// Every row `sql` returns, each read by `f`.
    /// Every row `sql` returns, each read by `f`: for results known to be small (PostgreSQL
    /// reads them in one round trip; `for_each` streams).
    pub fn query_map<T>(
        &self,
        sql: &str,
        params: Params<'_>,
        f: impl FnMut(&Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.query_all(sql, params)?.iter().map(f).collect()
    }

    /// The first column of the one row `sql` returns.
    pub fn query_value<T: FromValue>(&self, sql: &str, params: Params<'_>) -> Result<T> {
        self.query_row(sql, params, |row| row.get(0))
    }

    /// The first column of every row `sql` returns (small results).
    pub fn query_column<T: FromValue>(&self, sql: &str, params: Params<'_>) -> Result<Vec<T>> {
        self.query_map(sql, params, |row| row.get(0))
    }

    /// Calls `f` with every row `sql` returns, streaming.
    pub fn for_each(
        &self,
        sql: &str,
        params: Params<'_>,
        mut f: impl FnMut(&Row) -> Result<()>,
    ) -> Result<()> {
        self.query_each(sql, params, &mut f)
    }
}

/// An open write transaction: derefs to the connection; rolled back when dropped without
/// `commit`, so an early return or an error leaves the database as it was.
pub struct WriteTx<'a> {
    db: &'a dyn Db,
    open: bool,
}

impl<'a> WriteTx<'a> {
    /// Begins a write transaction on `db`.
    pub fn begin(db: &'a dyn Db) -> Result<WriteTx<'a>> {
        db.begin_write()?;
        Ok(WriteTx { db, open: true })
    }

    /// Commits everything written in the transaction.
    pub fn commit(mut self) -> Result<()> {
        self.open = false;
        self.db.commit()
    }
}

impl<'a> std::ops::Deref for WriteTx<'a> {
    type Target = dyn Db + 'a;

    fn deref(&self) -> &Self::Target {
        self.db
    }
}

impl Drop for WriteTx<'_> {
    fn drop(&mut self) {
        if self.open {
            // Nothing more can be done about a failed rollback: the connection closes with the
            // command, which ends the transaction anyway.
            let _ = self.db.rollback();
        }
    }
}

/// A transaction is a connection too, so `&tx` goes wherever a `&dyn Db` is expected.
impl Db for WriteTx<'_> {
    fn backend(&self) -> Backend {
        self.db.backend()
    }

    fn execute(&self, sql: &str, params: Params<'_>) -> Result<u64> {
        self.db.execute(sql, params)
    }

    fn execute_batch(&self, sql: &str) -> Result<()> {
        self.db.execute_batch(sql)
    }

    fn query_each(
        &self,
        sql: &str,
        params: Params<'_>,
        each: &mut dyn FnMut(&Row) -> Result<()>,
    ) -> Result<()> {
        self.db.query_each(sql, params, each)
    }

    fn query_all(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>> {
        self.db.query_all(sql, params)
    }

    fn begin_write(&self) -> Result<()> {
        self.db.begin_write()
    }

    fn begin_read(&self) -> Result<()> {
        self.db.begin_read()
    }

    fn commit(&self) -> Result<()> {
        self.db.commit()
    }

    fn rollback(&self) -> Result<()> {
        self.db.rollback()
    }
}
