//! Schema versions: an append-only list of migrations; `PRAGMA user_version` records how many
//! ran. Modelled on cargo's `migrate` (src/cargo/util/sqlite.rs).

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::APPLICATION_ID;
use crate::error::{DbContext, Error, Result};

/// The migrations, oldest first. Never edit one that has shipped; append a new one.
const MIGRATIONS: &[&str] = &[
    include_str!("../../schema.sql"),
    // 2: owners over time (assignment periods) and reporting rounds.
    include_str!("migrations/002_owner_history.sql"),
    // 3: evidence links can be removed (removed_at, removed_reason), kept in history.
    include_str!("migrations/003_evidence_removal.sql"),
    // 4: who withdrew a commitment and why; every paragraph of a parsed statement.
    include_str!("migrations/004_review.sql"),
];

/// The schema version this ctrack writes: the number of migrations.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// What the file says about itself, read without writing anything.
struct Identity {
    version: i64,
    application_id: i64,
    objects: i64,
}

/// Reads the three facts in one statement, so they come from one snapshot: read one by one,
/// another process's migration could commit in between and leave a new ctrack database
/// looking like another program's (tables, but no ctrack marker yet).
fn identity(conn: &Connection) -> rusqlite::Result<Identity> {
    conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version),
                (SELECT application_id FROM pragma_application_id),
                (SELECT count(*) FROM sqlite_schema)",
        [],
        |row| Ok(Identity { version: row.get(0)?, application_id: row.get(1)?, objects: row.get(2)? }),
    )
}

/// Refuses a database that is not ctrack's, or that a newer ctrack wrote; returns its schema
/// version (0 for a new file). Reads only.
pub fn check_identity(conn: &Connection, path: Option<&Path>) -> Result<i64> {
    let path = path.unwrap_or(Path::new(":memory:")).to_path_buf();
    let not_ctrack = |why: &str| Error::NotCtrack { path: path.clone(), why: why.to_string() };
    // The first read of a file that is not SQLite fails here, not at open.
    let id = match identity(conn) {
        Err(source) if source.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            return Err(not_ctrack("not an SQLite file"));
        }
        other => other.context("reading the schema version")?,
    };
    if id.version == 0 && id.application_id == 0 && id.objects == 0 {
        return Ok(0); // a new, empty file
    }
    if id.application_id != APPLICATION_ID {
        return Err(not_ctrack(if id.objects == 0 {
            "an SQLite file with a user_version but no ctrack marker"
        } else {
            "an SQLite database of another program"
        }));
    }
    if id.version > SCHEMA_VERSION {
        return Err(Error::TooNew { path, found: id.version, supported: SCHEMA_VERSION });
    }
    Ok(id.version)
}

/// Runs the migrations the database has not seen yet, in one transaction. Running it again is
/// a no-op. Two processes migrating at once are serialised by the write lock.
pub fn migrate(conn: &mut Connection, path: Option<&Path>) -> Result<()> {
    let tx =
        conn.transaction_with_behavior(TransactionBehavior::Immediate).context("starting the migration")?;
    // Another process may have migrated while we waited for the lock: look again.
    let from = check_identity(&tx, path)?;
    for (version, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.execute_batch(sql).context("migrating the schema")?;
        tx.pragma_update(None, "user_version", version as i64 + 1).context("recording the schema version")?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID).context("marking the database as ctrack's")?;
    tx.commit().context("committing the migration")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(conn: &Connection) -> Vec<String> {
        let mut stmt = conn.prepare("SELECT type || ' ' || name FROM sqlite_schema ORDER BY name").unwrap();
        stmt.query_map([], |row| row.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn migrate_twice_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, None).unwrap();
        let first = schema(&conn);
        let changes = conn.total_changes();
        migrate(&mut conn, None).unwrap();
        assert_eq!(conn.total_changes(), changes, "the second migration wrote nothing");
        assert_eq!(schema(&conn), first);
        assert!(first.contains(&"table entry".to_string()));
        assert!(first.contains(&"view current_status".to_string()));
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }

    #[test]
    fn existing_assignments_become_periods_from_the_day_they_were_recorded() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        conn.execute_batch(
            "INSERT INTO statement (id, key, title, granularity, imported_at, updated_at)
                 VALUES (1, 'k', 'K', 'curated', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
             INSERT INTO topic (id, statement_id, no, title) VALUES (1, 1, 1, 'One');
             INSERT INTO commitment (id, statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, origin, created_at)
                 VALUES (1, 1, 1, 1, 1, 1, 'improve access', 'curated', '2024-01-01T00:00:00Z');
             INSERT INTO owner (id, name, key) VALUES (1, 'ITU', 'itu'), (2, 'UNDP', 'undp');
             INSERT INTO assignment (commitment_id, owner_id, role, assigned_at)
                 VALUES (1, 1, 'lead', '2024-02-03T10:00:00Z'), (1, 2, 'support', '2024-03-04T11:00:00Z');",
        )
        .unwrap();
        migrate(&mut conn, None).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT owner_id, role, valid_from, valid_to, recorded_at, ended_recorded_at
                 FROM assignment_period ORDER BY owner_id",
            )
            .unwrap();
        let periods: Vec<String> = stmt
            .query_map([], |r| {
                Ok(format!(
                    "{}|{}|{}|{:?}|{}|{:?}",
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?
                ))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            periods,
            [
                "1|lead|2024-02-03|None|2024-02-03T10:00:00Z|None",
                "2|support|2024-03-04|None|2024-03-04T11:00:00Z|None"
            ]
        );
        // Readers of the old table see today's owners through the view.
        let current: i64 = conn.query_row("SELECT count(*) FROM assignment", [], |r| r.get(0)).unwrap();
        assert_eq!(current, 2);
    }

    #[test]
    fn a_version_1_database_with_evidence_gains_removal_columns() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        conn.execute_batch(
            "INSERT INTO statement (key, title, granularity, imported_at, updated_at) VALUES ('k', 'K', 'curated', 't', 't');
             INSERT INTO topic (statement_id, no, title) VALUES (1, 1, 'T');
             INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, origin, created_at)
                 VALUES (1, 1, 1, 1, 1, 'x', 'curated', 't');
             INSERT INTO evidence (commitment_id, url, added_at) VALUES (1, 'https://example.org/a', 't');",
        )
        .unwrap();
        migrate(&mut conn, None).unwrap();
        let row: (String, Option<String>, Option<String>) = conn
            .query_row("SELECT url, removed_at, removed_reason FROM evidence", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(row, ("https://example.org/a".into(), None, None));
        // A removed link can be added again; a standing one cannot be there twice.
        conn.execute("UPDATE evidence SET removed_at = 't', removed_reason = 'wrong'", []).unwrap();
        let add =
            "INSERT INTO evidence (commitment_id, url, added_at) VALUES (1, 'https://example.org/a', 't')";
        conn.execute(add, []).unwrap();
        assert!(conn.execute(add, []).is_err());
        assert!(conn.execute("UPDATE evidence SET removed_reason = NULL WHERE id = 1", []).is_err());
    }

    #[test]
    fn schema_sql_is_idempotent() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
    }

    #[test]
    fn withdrawals_made_before_migration_3_are_the_imports() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        conn.execute_batch(
            "INSERT INTO statement (key, title, granularity, imported_at, updated_at)
                 VALUES ('s', 'S', 'clause', 't', 't');
             INSERT INTO topic (statement_id, no, title) VALUES (1, 1, 'T');
             INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text,
                                     origin, created_at, withdrawn_at)
                 VALUES (1, 1, 1, 1, 1, 'kept', 'parsed', 't', NULL),
                        (1, 1, 1, 2, 1, 'gone', 'parsed', 't', '2024-01-01T00:00:00Z');",
        )
        .unwrap();
        migrate(&mut conn, None).unwrap();
        let mut stmt =
            conn.prepare("SELECT text, withdrawn_by, withdrawn_reason FROM commitment ORDER BY id").unwrap();
        let rows: Vec<(String, Option<String>, Option<String>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows, [("kept".into(), None, None), ("gone".into(), Some("import".into()), None)]);
        let bad = conn.execute("UPDATE commitment SET withdrawn_by = 'robot' WHERE id = 1", []);
        assert!(bad.is_err(), "withdrawn_by is a closed set");
    }

    #[test]
    fn a_newer_database_is_refused_naming_both_versions() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, None).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        let err = check_identity(&conn, None).unwrap_err().to_string();
        assert!(err.contains(&format!("schema version {}", SCHEMA_VERSION + 1)), "{err}");
        assert!(err.contains(&format!("up to version {SCHEMA_VERSION}")), "{err}");
    }

    #[test]
    fn another_programs_database_is_refused() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT)").unwrap();
        let err = check_identity(&conn, None).unwrap_err().to_string();
        assert!(err.contains("is not a ctrack database (an SQLite database of another program)"), "{err}");
    }
}
