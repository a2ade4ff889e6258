//! Evidence links: adding one to a commitment, listing them, reading a commitment's links.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::Store;
use crate::domain::{Evidence, EvidenceAdded, EvidenceRow, NewEvidence, Retraction, Stance};
use crate::error::{DbContext, Result};

impl Store {
    /// Attaches a link to a commitment, in one transaction, unless the commitment already has
    /// it. A URL seen only on retracted entries is recorded again: it counts from now on.
    pub fn add_evidence(&mut self, new: &NewEvidence, now: &str) -> Result<EvidenceAdded> {
        let tx = self.write()?;
        let existing = tx
            .query_row(
                "SELECT ev.id, ev.entry_id, ev.url, ev.title, ev.stance, ev.added_at
                 FROM evidence ev LEFT JOIN entry e ON e.id = ev.entry_id
                 WHERE ev.commitment_id = ?1 AND ev.url = ?2 AND e.retracted_at IS NULL
                   AND ev.removed_at IS NULL
                 ORDER BY ev.id LIMIT 1",
                params![new.commitment, new.url.as_str()],
                evidence_from_row,
            )
            .optional()
            .context("looking for the same evidence")?;
        if let Some(existing) = existing {
            return Ok(EvidenceAdded::Existing(existing?));
        }
        tx.execute(
            "INSERT INTO evidence (commitment_id, entry_id, url, title, stance, added_at)
             VALUES (?1, NULL, ?2, ?3, ?4, ?5)",
            params![new.commitment, new.url.as_str(), new.title, new.stance.map(Stance::as_str), now],
        )
        .context("recording evidence")?;
        let id = tx.last_insert_rowid();
        tx.commit().context("committing the evidence")?;
        Ok(EvidenceAdded::New(id))
    }

    /// Every evidence link, or those of commitment `pk`: by commitment id, then in the order
    /// they were added.
    pub fn evidence_rows(&self, pk: Option<i64>) -> Result<Vec<EvidenceRow>> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause,
                        ev.entry_id, ev.url, ev.title, ev.stance, ev.added_at, e.retracted_at IS NOT NULL, ev.id
                 FROM evidence ev
                 JOIN commitment c ON c.id = ev.commitment_id
                 JOIN statement s ON s.id = c.statement_id
                 LEFT JOIN entry e ON e.id = ev.entry_id
                 WHERE (?1 IS NULL OR ev.commitment_id = ?1) AND ev.removed_at IS NULL
                 ORDER BY s.key, c.ref_topic, c.ref_paragraph, c.ref_clause, ev.id",
            )
            .context("preparing the evidence list")?;
        let rows = stmt
            .query_map([pk], |row| {
                let stance: Option<String> = row.get(4)?;
                let listed = EvidenceRow {
                    id: row.get(7)?,
                    commitment: row.get(0)?,
                    entry: row.get(1)?,
                    url: row.get(2)?,
                    title: row.get(3)?,
                    stance: None,
                    added_at: row.get(5)?,
                    retracted: row.get(6)?,
                };
                Ok(parse_stance(stance).map(|stance| EvidenceRow { stance, ..listed }))
            })
            .context("listing evidence")?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("reading evidence")?;
        rows.into_iter().collect()
    }
}

/// Every evidence link of commitment `pk`, removed ones included (marked), in the order added.
pub(crate) fn evidence_of(conn: &Connection, pk: i64) -> Result<Vec<Evidence>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, entry_id, url, title, stance, added_at, removed_at, removed_reason FROM evidence
             WHERE commitment_id = ?1 ORDER BY id",
        )
        .context("preparing a commitment's evidence")?;
    let rows = stmt
        .query_map([pk], evidence_from_row)
        .context("listing a commitment's evidence")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading a commitment's evidence")?;
    rows.into_iter().collect()
}

/// Reads `id, entry_id, url, title, stance, added_at` and, when selected, `removed_at,
/// removed_reason`; the stance is checked afterwards.
fn evidence_from_row(row: &Row) -> rusqlite::Result<Result<Evidence>> {
    let stance: Option<String> = row.get(4)?;
    let removed_at: Option<String> = if row.as_ref().column_count() > 6 { row.get(6)? } else { None };
    let removed = match removed_at {
        Some(at) => Some(Retraction { at, reason: row.get::<_, Option<String>>(7)?.unwrap_or_default() }),
        None => None,
    };
    let evidence = Evidence {
        id: row.get(0)?,
        entry: row.get(1)?,
        url: row.get(2)?,
        title: row.get(3)?,
        stance: None,
        added_at: row.get(5)?,
        removed,
    };
    Ok(parse_stance(stance).map(|stance| Evidence { stance, ..evidence }))
}

/// A stance read back from the database (the schema's CHECK keeps it valid).
pub(crate) fn parse_stance(stance: Option<String>) -> Result<Option<Stance>> {
    stance.map(|s| s.parse()).transpose()
}
