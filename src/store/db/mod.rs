//! The one database interface the store is written against, and its two implementations:
//! SQLite (`sqlite.rs`, rusqlite, the default) and PostgreSQL (`postgres.rs`). The store's SQL
//! and logic exist once; only opening a database, its identity and its migrations differ.
//!
//! SQL is written in the dialect both understand: `coalesce`, `string_agg`, `ON CONFLICT`,
//! `CAST(x AS BIGINT)`; a new row's id comes from `Db::insert_row`. Parameters are `?N` (positional) or `:name`; the PostgreSQL side
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

/// One column of a many-row insert (`Db::insert_many`): its name, its SQL type (`BIGINT` or
/// `TEXT`) and its value in each row, the rows in order. Names and types are the store's own
/// constants, formatted into the SQL; values are always bound.
pub struct Column<'a> {
    pub name: &'a str,
    pub sql_type: &'a str,
    pub values: Vec<Value>,
}

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

    /// Runs `sql`, an `INSERT` of one row into a table with an `id` (written without
    /// `RETURNING`), and returns the new row's id, or `None` when `ON CONFLICT DO NOTHING` left
    /// it out. SQLite reads `last_insert_rowid`: with `RETURNING` it would build a temporary
    /// b-tree for every row. PostgreSQL appends `RETURNING id`.
    fn insert_row(&self, sql: &str, params: Params<'_>) -> Result<Option<i64>>;

    /// Inserts into `table` one row per value of `columns` (all of one length), in order, and
    /// returns the `id` of each row inserted, in the same order. With `skip_conflicts`, a row
    /// that a unique index already holds is left out (`ON CONFLICT DO NOTHING`) and has no id.
    /// This default, which SQLite uses, inserts row by row through one cached statement;
    /// PostgreSQL inserts them all with one statement, in one round trip.
    fn insert_many(&self, table: &str, columns: &[Column<'_>], skip_conflicts: bool) -> Result<Vec<i64>> {
        let rows = many_rows(columns)?;
        let names = columns.iter().map(|c| c.name).collect::<Vec<_>>().join(", ");
        let marks = (1..=columns.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let conflict = if skip_conflicts { " ON CONFLICT DO NOTHING" } else { "" };
        let sql = format!("INSERT INTO {table} ({names}) VALUES ({marks}){conflict}");
        let mut ids = Vec::with_capacity(rows);
        for row in 0..rows {
            let values: Vec<&dyn ToValue> = columns.iter().map(|c| &c.values[row] as &dyn ToValue).collect();
            ids.extend(self.insert_row(&sql, Params::Positional(&values))?);
        }
        Ok(ids)
    }

    /// Starts a write transaction that waits for other writers (SQLite: BEGIN IMMEDIATE).
    fn begin_write(&self) -> Result<()>;

    /// Starts a read transaction: every query until `rollback` sees one snapshot.
    fn begin_read(&self) -> Result<()>;

    /// Commits the open transaction.
    fn commit(&self) -> Result<()>;

    /// Rolls the open transaction back.
    fn rollback(&self) -> Result<()>;
}

/// The number of rows in `columns`, which must all have it.
fn many_rows(columns: &[Column<'_>]) -> Result<usize> {
    let rows = columns.first().map_or(0, |c| c.values.len());
    match columns.iter().find(|c| c.values.len() != rows) {
        Some(c) => Err(Error::Db {
            context: "inserting rows",
            source: format!("column {} has {} values for {rows} rows", c.name, c.values.len()).into(),
        }),
        None => Ok(rows),
    }
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

    /// The id of the one row `sql` (an `INSERT` without `ON CONFLICT`) adds.
    pub fn insert(&self, sql: &str, params: Params<'_>) -> Result<i64> {
        self.insert_row(sql, params)?
            .ok_or_else(|| Error::Db { context: "adding a row", source: "the insert added no row".into() })
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

    fn insert_row(&self, sql: &str, params: Params<'_>) -> Result<Option<i64>> {
        self.db.insert_row(sql, params)
    }

    fn insert_many(&self, table: &str, columns: &[Column<'_>], skip_conflicts: bool) -> Result<Vec<i64>> {
        self.db.insert_many(table, columns, skip_conflicts)
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
