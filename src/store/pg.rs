//! Opening a ctrack database on PostgreSQL: connecting with libpq's conventions
//! (`db/pg_config.rs`), recognising ctrack's tables (`ctrack_meta` plays the part of SQLite's
//! `application_id` and `user_version`), creating them and the roles `ctrack_reader` and
//! `ctrack_writer` on first use, in one transaction, and refusing a newer schema.

use std::time::Duration;

use postgres::NoTls;

use super::db::pg_config::PgTarget;
use super::db::{Db, NO_PARAMS, PgDb, params};
use super::{APPLICATION_ID, Access, SCHEMA_VERSION, Store};
use crate::error::{DbContext, Error, Result};

/// The schema at version 4 (SQLite's schema.sql and migrations 2 to 4, as PostgreSQL writes
/// them), then the roles, privileges and the triggers that keep history append-only.
const SCHEMA: &str = include_str!("../../schema-postgres.sql");
const SECURITY: &str = include_str!("pg_security.sql");

/// The schema version `SCHEMA` creates. Later migrations are appended to `MIGRATIONS` (and to
/// SQLite's list), so both backends always have the same version.
const BASE_VERSION: i64 = 4;
const MIGRATIONS: &[&str] = &[];
const _: () = assert!(BASE_VERSION + MIGRATIONS.len() as i64 == SCHEMA_VERSION);

/// A lock number only ctrack's schema creation takes, so two first uses do not race.
const CREATE_LOCK: i64 = APPLICATION_ID;

/// Connects to `target` and checks (and, when `access` allows, creates or migrates) its schema.
pub(super) fn open(target: &PgTarget, access: Access, busy_timeout: Duration) -> Result<Store> {
    for warning in target.warnings() {
        eprintln!("ctrack: warning: {warning}");
    }
    let client = target.config().connect(NoTls).map_err(|e| connect_error(target, &e))?;
    let user = target.config().get_user().unwrap_or_default().to_string();
    let db = PgDb::new(client, user.clone());
    {
        let db: &dyn Db = &db;
        configure(db, access, busy_timeout)?;
        let version = check_identity(db, target)?;
        if version != SCHEMA_VERSION {
            match access {
                Access::Create => create(db, target)?,
                Access::Existing | Access::Read if version == 0 => {
                    return Err(Error::NoPgSchema { target: target.display() });
                }
                Access::Existing | Access::Read => migrate(db, target)?,
            }
        }
    }
    Ok(Store::postgres(db, target.display(), user))
}

/// A connection failure in one sentence, naming the database (never a password).
fn connect_error(target: &PgTarget, e: &postgres::Error) -> Error {
    use std::error::Error as _;
    let reason = match (e.as_db_error(), e.source()) {
        (Some(db), _) => db.message().to_string(),
        // The server asked for a password and the client had none to give.
        (None, Some(cause)) if cause.to_string() == "password missing" => {
            "the server asks for a password and none was given".to_string()
        }
        (None, Some(cause)) => format!("{e}: {cause}"),
        (None, None) => e.to_string(),
    };
    Error::PgConnect { target: target.display(), reason }
}

/// Session settings: a write waits for another writer's lock up to the busy timeout; a reading
/// command cannot write by mistake.
fn configure(db: &dyn Db, access: Access, busy_timeout: Duration) -> Result<()> {
    let millis = busy_timeout.as_millis().max(1);
    db.execute_batch(&format!("SET lock_timeout = {millis}")).context("setting the lock timeout")?;
    if access == Access::Read {
        db.execute_batch("SET default_transaction_read_only = on").context("opening for reading")?;
    }
    Ok(())
}

/// The schema version of ctrack's tables (0 when the database has no tables at all); a
/// database holding other tables, or a newer ctrack's, is refused.
fn check_identity(db: &dyn Db, target: &PgTarget) -> Result<i64> {
    // One statement, so one snapshot: read one by one, another process creating the schema
    // could commit in between and make a new ctrack database look like another program's.
    // Tables, views and the like in the schema, from pg_catalog: information_schema.tables
    // took 19 ms on a new connection (every command's), pg_class 1.4 ms; it also counts
    // tables the user may not read, which are still not ctrack's.
    let (meta, tables): (i64, i64) = db
        .query_row(
            "SELECT count(CASE WHEN c.relname = 'ctrack_meta' THEN 1 END), count(*)
             FROM pg_catalog.pg_class c
             WHERE c.relnamespace = CAST(current_schema() AS regnamespace)
               AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
            NO_PARAMS,
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .context("looking for ctrack's tables")?;
    match (meta, tables) {
        (0, 0) => return Ok(0),
        (0, _) => return Err(Error::NotCtrackPg { target: target.display() }),
        _ => {}
    }
    let (application_id, version): (i64, i64) = db
        .query_row("SELECT application_id, schema_version FROM ctrack_meta", NO_PARAMS, |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .context("reading the schema version")?;
    if application_id != APPLICATION_ID {
        return Err(Error::NotCtrackPg { target: target.display() });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::TooNewPg { target: target.display(), found: version, supported: SCHEMA_VERSION });
    }
    Ok(version)
}

/// Creates the schema, the roles and the privileges in one transaction; another process
/// creating them at the same moment waits, then finds them made.
fn create(db: &dyn Db, target: &PgTarget) -> Result<()> {
    db.begin_write()?;
    let result = (|| {
        db.execute("SELECT pg_advisory_xact_lock(?1)", params![CREATE_LOCK]).context("waiting to create")?;
        if check_identity(db, target)? == 0 {
            db.execute_batch(SCHEMA).context("creating the schema")?;
            db.execute_batch(SECURITY).context("creating the roles and privileges")?;
        }
        migrate_in_transaction(db, target)
    })();
    match result {
        Ok(()) => db.commit().context("committing the schema"),
        Err(e) => {
            let _ = db.rollback();
            Err(e)
        }
    }
}

/// Runs the migrations the database has not seen yet, in one transaction.
fn migrate(db: &dyn Db, target: &PgTarget) -> Result<()> {
    db.begin_write()?;
    match migrate_in_transaction(db, target) {
        Ok(()) => db.commit().context("committing the migration"),
        Err(e) => {
            let _ = db.rollback();
            Err(e)
        }
    }
}

fn migrate_in_transaction(db: &dyn Db, target: &PgTarget) -> Result<()> {
    let from = check_identity(db, target)?;
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let version = BASE_VERSION + i as i64 + 1;
        if version > from {
            db.execute_batch(sql).context("migrating the schema")?;
            db.execute("UPDATE ctrack_meta SET schema_version = ?1", params![version])
                .context("recording the schema version")?;
        }
    }
    Ok(())
}
