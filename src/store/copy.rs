//! `ctrack copy`: every row of every table of one database into an empty one, ids, history,
//! retractions, rounds and timestamps included, so a local file can move to a shared server
//! (and back) without losing anything. Rows stream from the source; the target is written in
//! one transaction, so a failed copy leaves it empty.

use super::Store;
use super::db::{Backend, Db, NO_PARAMS, Params, ToValue};
use crate::error::{DbContext, Error, Result};

/// The tables, parents before children, with their columns: the whole schema (views are
/// derived and need no copy).
const TABLES: &[(&str, &[&str])] = &[
    (
        "statement",
        &["id", "key", "title", "date", "source_file", "sha256", "granularity", "imported_at", "updated_at"],
    ),
    ("topic", &["id", "statement_id", "no", "title"]),
    (
        "commitment",
        &[
            "id",
            "statement_id",
            "ref_topic",
            "ref_paragraph",
            "ref_clause",
            "topic_id",
            "text",
            "paragraph",
            "due",
            "due_inferred",
            "origin",
            "created_at",
            "withdrawn_at",
            "withdrawn_by",
            "withdrawn_reason",
        ],
    ),
    (
        "commitment_change",
        &["id", "commitment_id", "field", "old_value", "new_value", "source", "changed_at"],
    ),
    ("owner", &["id", "name", "key"]),
    (
        "assignment_period",
        &[
            "id",
            "commitment_id",
            "owner_id",
            "role",
            "valid_from",
            "valid_to",
            "recorded_at",
            "ended_recorded_at",
        ],
    ),
    (
        "entry",
        &[
            "id",
            "commitment_id",
            "as_of",
            "recorded_at",
            "status",
            "percent",
            "note",
            "author",
            "retracted_at",
            "retract_reason",
        ],
    ),
    (
        "evidence",
        &[
            "id",
            "commitment_id",
            "entry_id",
            "url",
            "title",
            "stance",
            "added_at",
            "removed_at",
            "removed_reason",
        ],
    ),
    ("round", &["id", "name", "as_of", "closed_at", "note"]),
    ("paragraph", &["statement_id", "topic_no", "no", "text"]),
];

/// Tables whose PostgreSQL triggers keep history as it was written (an entry's author is its
/// writer; retractions and removals only mark): a copy writes history that already exists, so
/// it lifts them for its own transaction, which only the tables' owner may do.
const GUARDED: &[&str] = &["entry", "evidence", "assignment_period"];

/// How many rows each table received.
pub type Copied = Vec<(&'static str, u64)>;

impl Store {
    /// Copies every row of this database into `target`, which must hold no data.
    pub fn copy_into(&self, target: &Store) -> Result<Copied> {
        refuse_data(target)?;
        let source = self.db();
        source.begin_read().context("starting to read the source")?;
        let result = copy_tables(source, target);
        let _ = source.rollback();
        result
    }
}

fn refuse_data(target: &Store) -> Result<()> {
    for (table, _) in TABLES {
        let rows: i64 = target.db().query_value(&format!("SELECT count(*) FROM {table}"), NO_PARAMS)?;
        if rows > 0 {
            return Err(Error::CopyTargetNotEmpty { target: target.location(), table, rows });
        }
    }
    Ok(())
}

fn copy_tables(source: &dyn Db, target: &Store) -> Result<Copied> {
    let tx = target.write()?;
    let postgres = tx.backend() == Backend::Postgres;
    if postgres {
        for table in GUARDED {
            tx.execute_batch(&format!("ALTER TABLE {table} DISABLE TRIGGER USER"))
                .context("lifting the history triggers for the copy (only the tables' owner may)")?;
        }
    }
    let mut copied = Vec::new();
    for (table, columns) in TABLES {
        copied.push((*table, copy_table(source, &tx, table, columns)?));
    }
    if postgres {
        for table in GUARDED {
            tx.execute_batch(&format!("ALTER TABLE {table} ENABLE TRIGGER USER"))
                .context("restoring the triggers")?;
        }
        for (table, _) in TABLES.iter().filter(|(_, columns)| columns[0] == "id") {
            // New rows get ids after the copied ones.
            tx.execute_batch(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table}"
            ))
            .context("moving the id sequences past the copied rows")?;
        }
    }
    tx.commit().context("committing the copy")?;
    Ok(copied)
}

/// Streams one table's rows, in key order, into the same table of `target`.
fn copy_table(source: &dyn Db, target: &dyn Db, table: &str, columns: &[&str]) -> Result<u64> {
    let list = columns.join(", ");
    let select = format!("SELECT {list} FROM {table} ORDER BY {}", order_of(columns));
    let holes: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let insert = format!("INSERT INTO {table} ({list}) VALUES ({})", holes.join(", "));
    let mut rows = 0;
    source
        .for_each(&select, NO_PARAMS, |row| {
            let values: Vec<&dyn ToValue> = row.values().iter().map(|v| v as &dyn ToValue).collect();
            target.execute(&insert, Params::Positional(&values))?;
            rows += 1;
            Ok(())
        })
        .context("copying rows")?;
    Ok(rows)
}

/// A table's key: its id, or (for paragraphs) its first three columns.
fn order_of(columns: &[&str]) -> String {
    if columns[0] == "id" { "id".to_string() } else { columns[..3].join(", ") }
}
