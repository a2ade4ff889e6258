//! Everything `ctrack show` prints about one commitment, read in one go.

use rusqlite::{Connection, Row};

use super::Store;
use super::evidence::evidence_of;
use super::owners::{owner_history, owners_of};
use super::status::{parse_stored, stored_date};
use crate::domain::{Change, CommitmentDetail, Entry, Origin, Percent, Retraction};
use crate::error::{DbContext, Result};

impl Store {
    /// Reads commitment `pk` (a row id from `resolve`) with everything about it.
    pub fn commitment_detail(&self, pk: i64) -> Result<CommitmentDetail> {
        let conn = self.conn();
        let mut detail = conn
            .query_row(
                "SELECT s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause AS id,
                        s.key AS statement, s.title AS statement_title, t.no AS topic_no, t.title AS topic,
                        c.text, c.paragraph, c.origin, c.due, c.due_inferred, c.created_at, c.withdrawn_at,
                        c.withdrawn_reason
                 FROM commitment c
                 JOIN statement s ON s.id = c.statement_id
                 JOIN topic t ON t.id = c.topic_id
                 WHERE c.id = ?1",
                [pk],
                detail_from_row,
            )
            .context("reading a commitment")??;
        detail.owners = owners_of(conn, pk)?;
        detail.owner_history = owner_history(conn, pk)?;
        detail.entries = entries_of(conn, pk)?;
        detail.evidence = evidence_of(conn, pk)?;
        detail.changes = changes_of(conn, pk)?;
        Ok(detail)
    }
}

// A rusqlite error outside, ctrack's inside: the stored origin and due date are parsed too.
fn detail_from_row(row: &Row) -> rusqlite::Result<Result<CommitmentDetail>> {
    let due: Option<String> = row.get("due")?;
    let origin = match row.get::<_, String>("origin")?.parse::<Origin>() {
        Ok(origin) => origin,
        Err(e) => return Ok(Err(e)),
    };
    let detail = CommitmentDetail {
        id: row.get("id")?,
        statement: row.get("statement")?,
        statement_title: row.get("statement_title")?,
        topic_no: row.get("topic_no")?,
        topic: row.get("topic")?,
        text: row.get("text")?,
        paragraph: row.get("paragraph")?,
        origin,
        due: None,
        due_inferred: row.get("due_inferred")?,
        created_at: row.get("created_at")?,
        withdrawn_at: row.get("withdrawn_at")?,
        withdrawn_reason: row.get("withdrawn_reason")?,
        owners: vec![],
        owner_history: vec![],
        entries: vec![],
        evidence: vec![],
        changes: vec![],
    };
    Ok(due.map(|d| stored_date(&d)).transpose().map(|due| CommitmentDetail { due, ..detail }))
}

/// Every entry of commitment `pk`, newest first by (as_of, id).
fn entries_of(conn: &Connection, pk: i64) -> Result<Vec<Entry>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, as_of, recorded_at, status, percent, note, author, retracted_at, retract_reason
             FROM entry WHERE commitment_id = ?1 ORDER BY as_of DESC, id DESC",
        )
        .context("preparing a commitment's entries")?;
    let rows = stmt
        .query_map([pk], entry_from_row)
        .context("listing a commitment's entries")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading a commitment's entries")?;
    rows.into_iter().collect()
}

/// Reads an entry row; its date and status are checked afterwards.
pub(crate) fn entry_from_row(row: &Row) -> rusqlite::Result<Result<Entry>> {
    let (as_of, status): (String, String) = (row.get("as_of")?, row.get("status")?);
    let retraction = match row.get::<_, Option<String>>("retracted_at")? {
        Some(at) => Some(Retraction {
            at,
            reason: row.get::<_, Option<String>>("retract_reason")?.unwrap_or_default(),
        }),
        None => None,
    };
    let id = row.get("id")?;
    let recorded_at = row.get("recorded_at")?;
    let percent = row.get::<_, Option<i64>>("percent")?.and_then(Percent::new);
    let (note, author) = (row.get("note")?, row.get("author")?);
    let checked = stored_date(&as_of).and_then(|as_of| Ok((as_of, parse_stored(&status)?)));
    Ok(checked.map(|(as_of, status)| Entry {
        id,
        as_of,
        recorded_at,
        status,
        percent,
        note,
        author,
        retraction,
    }))
}

/// The kept previous values of commitment `pk`, oldest first.
fn changes_of(conn: &Connection, pk: i64) -> Result<Vec<Change>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT field, old_value, new_value, source, changed_at FROM commitment_change
             WHERE commitment_id = ?1 ORDER BY id",
        )
        .context("preparing a commitment's history")?;
    let rows = stmt
        .query_map([pk], |row| {
            Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?, row.get::<_, String>(3)?, row.get(4)?))
        })
        .context("listing a commitment's history")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading a commitment's history")?;
    rows.into_iter()
        .map(|(field, old, new, source, changed_at)| {
            Ok(Change { field: field.parse()?, old, new, source: source.parse()?, changed_at })
        })
        .collect()
}
