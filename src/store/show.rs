//! Everything `ctrack show` prints about one commitment, read in one go.

use super::Store;
use super::db::{Db, Row, params};
use super::evidence::evidence_of;
use super::owners::{owner_history, owners_of};
use super::status::{parse_stored, stored_date};
use crate::domain::{Change, CommitmentDetail, Entry, Origin, Percent, Retraction};
use crate::error::{DbContext, Result};

impl Store {
    /// Reads commitment `pk` (a row id from `resolve`) with everything about it.
    pub fn commitment_detail(&self, pk: i64) -> Result<CommitmentDetail> {
        let db = self.db();
        let mut detail = db
            .query_row(
                "SELECT s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause AS id,
                        s.key AS statement, s.title AS statement_title, t.no AS topic_no, t.title AS topic,
                        c.text, c.paragraph, c.origin, c.due, c.due_inferred, c.created_at, c.withdrawn_at,
                        c.withdrawn_reason
                 FROM commitment c
                 JOIN statement s ON s.id = c.statement_id
                 JOIN topic t ON t.id = c.topic_id
                 WHERE c.id = ?1",
                params![pk],
                detail_from_row,
            )
            .context("reading a commitment")?;
        detail.owners = owners_of(db, pk)?;
        detail.owner_history = owner_history(db, pk)?;
        detail.entries = entries_of(db, pk)?;
        detail.evidence = evidence_of(db, pk)?;
        detail.changes = changes_of(db, pk)?;
        Ok(detail)
    }
}

// By position, in the query's column order; the stored origin and due date are parsed too.
fn detail_from_row(row: &Row) -> Result<CommitmentDetail> {
    let due: Option<String> = row.get(8)?;
    let origin = row.get::<String>(7)?.parse::<Origin>()?;
    let detail = CommitmentDetail {
        id: row.get(0)?,
        statement: row.get(1)?,
        statement_title: row.get(2)?,
        topic_no: row.get(3)?,
        topic: row.get(4)?,
        text: row.get(5)?,
        paragraph: row.get(6)?,
        origin,
        due: None,
        due_inferred: row.get(9)?,
        created_at: row.get(10)?,
        withdrawn_at: row.get(11)?,
        withdrawn_reason: row.get(12)?,
        owners: vec![],
        owner_history: vec![],
        entries: vec![],
        evidence: vec![],
        changes: vec![],
    };
    let due = due.map(|d| stored_date(&d)).transpose()?;
    Ok(CommitmentDetail { due, ..detail })
}

/// Every entry of commitment `pk`, newest first by (as_of, id).
fn entries_of(db: &dyn Db, pk: i64) -> Result<Vec<Entry>> {
    db.query_map(
        "SELECT id, as_of, recorded_at, status, percent, note, author, retracted_at, retract_reason
         FROM entry WHERE commitment_id = ?1 ORDER BY as_of DESC, id DESC",
        params![pk],
        |row| entry_from_row(row, 0),
    )
    .context("reading a commitment's entries")
}

/// Reads an entry row; its date and status are checked afterwards.
/// The columns are id, as_of, recorded_at, status, percent, note, author, retracted_at and
/// retract_reason, from column `first` on.
pub(crate) fn entry_from_row(row: &Row, first: usize) -> Result<Entry> {
    let (as_of, status): (String, String) = (row.get(first + 1)?, row.get(first + 3)?);
    let retraction = match row.get::<Option<String>>(first + 7)? {
        Some(at) => {
            Some(Retraction { at, reason: row.get::<Option<String>>(first + 8)?.unwrap_or_default() })
        }
        None => None,
    };
    let id = row.get(first)?;
    let recorded_at = row.get(first + 2)?;
    let percent = row.get::<Option<i64>>(first + 4)?.and_then(Percent::new);
    let (note, author) = (row.get(first + 5)?, row.get(first + 6)?);
    let checked = stored_date(&as_of).and_then(|as_of| Ok((as_of, parse_stored(&status)?)));
    checked.map(|(as_of, status)| Entry { id, as_of, recorded_at, status, percent, note, author, retraction })
}

/// The kept previous values of commitment `pk`, oldest first.
fn changes_of(db: &dyn Db, pk: i64) -> Result<Vec<Change>> {
    db.query_map(
        "SELECT field, old_value, new_value, source, changed_at FROM commitment_change
         WHERE commitment_id = ?1 ORDER BY id",
        params![pk],
        |row| {
            let (field, old, new, source, changed_at) =
                (row.get::<String>(0)?, row.get(1)?, row.get(2)?, row.get::<String>(3)?, row.get(4)?);
            Ok(Change { field: field.parse()?, old, new, source: source.parse()?, changed_at })
        },
    )
    .context("reading a commitment's history")
}
