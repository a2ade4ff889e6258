//! The PostgreSQL side of [`Db`]: a `postgres` client, statements prepared once per
//! connection, rows read through a cursor in batches so a long export keeps flat memory, and
//! the server's errors turned into ctrack's (not permitted, append-only, disk full, busy).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::error::Error as StdError;

use bytes::BytesMut;
use postgres::error::SqlState;
use postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};
use postgres::{Client, Statement};

use super::placeholders::{self, Source};
use super::{Backend, Column, Db, Params, Row, Value};
use crate::error::{Error, Result};

/// Rows fetched from a cursor at a time.
const BATCH: usize = 1000;

/// The SQLSTATE ctrack's triggers raise when something tries to change or delete what must
/// stay (`schema-postgres.sql`).
pub const APPEND_ONLY: &str = "CT001";

/// The SQLSTATE `pg_security.sql` raises when the role running `init` may not set up what it
/// needs (the group roles); its message says who must do what.
pub const NEEDS_ADMINISTRATOR: &str = "CT002";

/// The advisory lock every write transaction holds ("ctrk" "wr"), so that writers queue as
/// on SQLite. Advisory locks belong to one database: other databases on the server, and other
/// programs' locks with other numbers, are not affected.
const WRITE_LOCK: i64 = 0x6374_726b_7772;

/// A PostgreSQL connection.
pub struct PgDb {
    client: RefCell<Client>,
    /// Prepared statements by the store's SQL, with the source of each `$N`.
    statements: RefCell<HashMap<String, (Statement, Vec<Source>)>>,
    in_transaction: Cell<bool>,
    cursors: Cell<u64>,
    /// The database user, for errors that must name who may not do something.
    user: String,
}

impl PgDb {
    pub fn new(client: Client, user: String) -> PgDb {
        PgDb {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
            in_transaction: Cell::new(false),
            cursors: Cell::new(0),
            user,
        }
    }

    /// The prepared form of `sql`, prepared on first use.
    fn prepared(&self, sql: &str) -> Result<(Statement, Vec<Source>)> {
        if let Some(found) = self.statements.borrow().get(sql) {
            return Ok(found.clone());
        }
        let rewritten = placeholders::rewrite(sql);
        let statement = self.client.borrow_mut().prepare(&rewritten.sql).map_err(|e| self.classify(e))?;
        let entry = (statement, rewritten.sources);
        self.statements.borrow_mut().insert(sql.to_string(), entry.clone());
        Ok(entry)
    }

    fn bind(&self, sql: &str, params: Params<'_>) -> Result<(Statement, Vec<Value>)> {
        let (statement, sources) = self.prepared(sql)?;
        let values = placeholders::values(&sources, params)?;
        Ok((statement, values))
    }

    fn run<T>(&self, f: impl FnOnce(&mut Client) -> std::result::Result<T, postgres::Error>) -> Result<T> {
        f(&mut self.client.borrow_mut()).map_err(|e| self.classify(e))
    }

    /// Runs `f` inside a transaction: the open one, or one begun and ended here.
    fn in_transaction<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        if self.in_transaction.get() {
            return f();
        }
        self.run(|c| c.batch_execute("BEGIN"))?;
        self.in_transaction.set(true);
        let result = f();
        self.in_transaction.set(false);
        match result {
            Ok(value) => self.run(|c| c.batch_execute("COMMIT")).map(|()| value),
            Err(e) => {
                let _ = self.run(|c| c.batch_execute("ROLLBACK"));
                Err(e)
            }
        }
    }

    /// Turns a server error into ctrack's words. The connection string (and so any password)
    /// never appears: only the server's message.
    pub fn classify(&self, e: postgres::Error) -> Error {
        let Some(db) = e.as_db_error() else {
            let what = match e.source() {
                Some(cause) => format!("{e}: {cause}"),
                None => e.to_string(),
            };
            return Error::Db { context: "working with the database", source: what.into() };
        };
        let code = db.code();
        if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            return Error::NotPermitted { user: self.user.clone(), detail: db.message().to_string() };
        }
        if code.code() == APPEND_ONLY {
            return Error::AppendOnly(db.message().to_string());
        }
        if code.code() == NEEDS_ADMINISTRATOR {
            return Error::NeedsAdministrator(db.message().to_string());
        }
        if *code == SqlState::DISK_FULL {
            return Error::DiskFull;
        }
        if *code == SqlState::READ_ONLY_SQL_TRANSACTION {
            return Error::ReadOnly { path: None };
        }
        if matches!(*code, SqlState::LOCK_NOT_AVAILABLE | SqlState::T_R_DEADLOCK_DETECTED) {
            return Error::Locked { waited: None };
        }
        Error::Db {
            context: "working with the database",
            source: format!("{} ({})", db.message(), code.code()).into(),
        }
    }
}

impl Db for PgDb {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    fn execute(&self, sql: &str, params: Params<'_>) -> Result<u64> {
        let (statement, values) = self.bind(sql, params)?;
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        self.run(|c| c.execute(&statement, &refs))
    }

    fn execute_batch(&self, sql: &str) -> Result<()> {
        self.run(|c| c.batch_execute(sql))
    }

    fn query_each(
        &self,
        sql: &str,
        params: Params<'_>,
        each: &mut dyn FnMut(&Row) -> Result<()>,
    ) -> Result<()> {
        let rewritten = placeholders::rewrite(sql);
        let values = placeholders::values(&rewritten.sources, params)?;
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let n = self.cursors.get() + 1;
        self.cursors.set(n);
        let cursor = format!("ctrack_cursor_{n}");
        self.in_transaction(|| {
            let declare = format!("DECLARE {cursor} NO SCROLL CURSOR FOR {}", rewritten.sql);
            self.run(|c| c.execute(declare.as_str(), &refs))?;
            let fetch = format!("FETCH {BATCH} FROM {cursor}");
            loop {
                let batch = self.run(|c| c.query(fetch.as_str(), &[]))?;
                for row in &batch {
                    each(&row_of(row)?)?;
                }
                if batch.len() < BATCH {
                    break;
                }
            }
            self.run(|c| c.batch_execute(&format!("CLOSE {cursor}")))
        })
    }

    fn query_all(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>> {
        let (statement, values) = self.bind(sql, params)?;
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let rows = self.run(|c| c.query(&statement, &refs))?;
        rows.iter().map(row_of).collect()
    }

    fn insert_row(&self, sql: &str, params: Params<'_>) -> Result<Option<i64>> {
        let rows = self.query_all(&format!("{sql} RETURNING id"), params)?;
        rows.first().map(|row| row.get(0)).transpose()
    }

    /// One `INSERT ... SELECT` from arrays, one per column, bound in binary: a single round
    /// trip for the whole batch, where a statement per row waits for the server every time.
    /// Identity ids are drawn row after row in the order of `ctrack_row`, so sorted they are the
    /// ids of the rows in order (the order RETURNING gives is not promised).
    fn insert_many(&self, table: &str, columns: &[Column<'_>], skip_conflicts: bool) -> Result<Vec<i64>> {
        if super::many_rows(columns)? == 0 {
            return Ok(Vec::new());
        }
        let names = columns.iter().map(|c| c.name).collect::<Vec<_>>().join(", ");
        let arrays = (columns.iter().enumerate())
            .map(|(i, c)| format!("CAST(${} AS {}[])", i + 1, c.sql_type))
            .collect::<Vec<_>>()
            .join(", ");
        let conflict = if skip_conflicts { " ON CONFLICT DO NOTHING" } else { "" };
        let sql = format!(
            "INSERT INTO {table} ({names}) SELECT {names}
             FROM unnest({arrays}) WITH ORDINALITY AS r ({names}, ctrack_row)
             ORDER BY ctrack_row{conflict} RETURNING id"
        );
        let (statement, _) = self.prepared(&sql)?;
        let arrays: Vec<&(dyn ToSql + Sync)> =
            columns.iter().map(|c| &c.values as &(dyn ToSql + Sync)).collect();
        let rows = self.run(|c| c.query(&statement, &arrays))?;
        let mut ids = (rows.iter())
            .map(|row| row.try_get::<_, i64>(0))
            .collect::<std::result::Result<Vec<i64>, _>>()
            .map_err(|e| self.classify(e))?;
        ids.sort_unstable();
        Ok(ids)
    }

    /// Writers take turns, as on SQLite (BEGIN IMMEDIATE): the checks a write makes (a
    /// duplicate entry, an owner's open period) then hold until it commits. A writer waits for
    /// the lock up to the session's lock_timeout (the busy timeout).
    fn begin_write(&self) -> Result<()> {
        self.run(|c| c.batch_execute("BEGIN"))?;
        self.in_transaction.set(true);
        let lock = format!("SELECT pg_advisory_xact_lock({WRITE_LOCK})");
        if let Err(e) = self.run(|c| c.batch_execute(&lock)) {
            let _ = self.rollback();
            return Err(e);
        }
        Ok(())
    }

    fn begin_read(&self) -> Result<()> {
        self.run(|c| c.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))?;
        self.in_transaction.set(true);
        Ok(())
    }

    fn commit(&self) -> Result<()> {
        self.in_transaction.set(false);
        self.run(|c| c.batch_execute("COMMIT"))
    }

    fn rollback(&self) -> Result<()> {
        self.in_transaction.set(false);
        self.run(|c| c.batch_execute("ROLLBACK"))
    }
}

fn row_of(row: &postgres::Row) -> Result<Row> {
    (0..row.len())
        .map(|i| {
            row.try_get::<_, Value>(i).map_err(|e| Error::Db {
                context: "reading a row",
                source: format!("column {i}: {e}: {}", e.source().map(|s| s.to_string()).unwrap_or_default())
                    .into(),
            })
        })
        .collect::<Result<Vec<Value>>>()
        .map(Row::new)
}

type BoxError = Box<dyn StdError + Sync + Send>;

impl ToSql for Value {
    /// Binds as the type the server inferred for the parameter, so `?1` compared with a BIGINT
    /// column binds an integer and one compared with TEXT binds text.
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> std::result::Result<IsNull, BoxError> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                _ => i.to_string().to_sql(ty, out),
            },
            Value::Real(r) => match *ty {
                Type::FLOAT4 => (*r as f32).to_sql(ty, out),
                Type::FLOAT8 => r.to_sql(ty, out),
                _ => r.to_string().to_sql(ty, out),
            },
            Value::Text(t) => match *ty {
                Type::INT8 => t.parse::<i64>()?.to_sql(ty, out),
                _ => t.as_str().to_sql(ty, out),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

impl<'a> FromSql<'a> for Value {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Self, BoxError> {
        Ok(match *ty {
            Type::INT8 => Value::Int(i64::from_sql(ty, raw)?),
            Type::INT4 => Value::Int(i64::from(i32::from_sql(ty, raw)?)),
            Type::INT2 => Value::Int(i64::from(i16::from_sql(ty, raw)?)),
            Type::BOOL => Value::Int(i64::from(bool::from_sql(ty, raw)?)),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Value::Real(f64::from(f32::from_sql(ty, raw)?)),
            Type::OID => Value::Int(i64::from(u32::from_sql(ty, raw)?)),
            _ => Value::Text(String::from_sql(ty, raw)?),
        })
    }

    fn from_sql_null(_: &Type) -> std::result::Result<Self, BoxError> {
        Ok(Value::Null)
    }

    fn accepts(ty: &Type) -> bool {
        matches!(
            *ty,
            Type::INT8
                | Type::INT4
                | Type::INT2
                | Type::BOOL
                | Type::FLOAT8
                | Type::FLOAT4
                | Type::OID
                | Type::TEXT
                | Type::VARCHAR
                | Type::BPCHAR
                | Type::NAME
                | Type::UNKNOWN
        )
    }
}
