//! Evidence links: adding one to a commitment, listing them, reading a commitment's links.

use super::Store;
use super::db::{Db, Row, params};
use crate::domain::{Evidence, EvidenceAdded, EvidenceRow, NewEvidence, Retraction, Stance};
use crate::error::{DbContext, Result};

impl Store {
    /// Attaches a link to a commitment, in one transaction, unless the commitment already has
    /// it. A URL seen only on retracted entries is recorded again: it counts from now on.
    pub fn add_evidence(&mut self, new: &NewEvidence, now: &str) -> Result<EvidenceAdded> {
        let tx = self.write()?;
        let existing = tx
            .query_row_opt(
                "SELECT ev.id, ev.entry_id, ev.url, ev.title, ev.stance, ev.added_at
                 FROM evidence ev LEFT JOIN entry e ON e.id = ev.entry_id
                 WHERE ev.commitment_id = ?1 AND ev.url = ?2 AND e.retracted_at IS NULL
                   AND ev.removed_at IS NULL
                 ORDER BY ev.id LIMIT 1",
                params![new.commitment, new.url.as_str()],
                evidence_from_row,
            )
            .context("looking for the same evidence")?;
        if let Some(existing) = existing {
            return Ok(EvidenceAdded::Existing(existing));
        }
        let id: i64 = tx
            .insert(
                "INSERT INTO evidence (commitment_id, entry_id, url, title, stance, added_at)
                 VALUES (?1, NULL, ?2, ?3, ?4, ?5)",
                params![new.commitment, new.url.as_str(), new.title, new.stance.map(Stance::as_str), now],
            )
            .context("recording evidence")?;
        tx.commit().context("committing the evidence")?;
        Ok(EvidenceAdded::New(id))
    }

    /// Every evidence link, or those of commitment `pk`: by commitment id, then in the order
    /// they were added.
    pub fn evidence_rows(&self, pk: Option<i64>) -> Result<Vec<EvidenceRow>> {
        self.db()
            .query_map(
                "SELECT s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause,
                        ev.entry_id, ev.url, ev.title, ev.stance, ev.added_at,
                        CASE WHEN e.retracted_at IS NOT NULL THEN 1 ELSE 0 END, ev.id
                 FROM evidence ev
                 JOIN commitment c ON c.id = ev.commitment_id
                 JOIN statement s ON s.id = c.statement_id
                 LEFT JOIN entry e ON e.id = ev.entry_id
                 WHERE (CAST(?1 AS BIGINT) IS NULL OR ev.commitment_id = ?1) AND ev.removed_at IS NULL
                 ORDER BY s.key, c.ref_topic, c.ref_paragraph, c.ref_clause, ev.id",
                params![pk],
                |row| {
                    Ok(EvidenceRow {
                        id: row.get(7)?,
                        commitment: row.get(0)?,
                        entry: row.get(1)?,
                        url: row.get(2)?,
                        title: row.get(3)?,
                        stance: parse_stance(row.get(4)?)?,
                        added_at: row.get(5)?,
                        retracted: row.get(6)?,
                    })
                },
            )
            .context("listing evidence")
    }
}

/// Every evidence link of commitment `pk`, removed ones included (marked), in the order added.
pub(crate) fn evidence_of(db: &dyn Db, pk: i64) -> Result<Vec<Evidence>> {
    db.query_map(
        "SELECT id, entry_id, url, title, stance, added_at, removed_at, removed_reason FROM evidence
         WHERE commitment_id = ?1 ORDER BY id",
        params![pk],
        evidence_from_row,
    )
    .context("listing a commitment's evidence")
}

/// Reads `id, entry_id, url, title, stance, added_at` and, when selected, `removed_at,
/// removed_reason`; the stance is checked afterwards.
fn evidence_from_row(row: &Row) -> Result<Evidence> {
    let removed_at: Option<String> = if row.values().len() > 6 { row.get(6)? } else { None };
    let removed = match removed_at {
        Some(at) => Some(Retraction { at, reason: row.get::<Option<String>>(7)?.unwrap_or_default() }),
        None => None,
    };
    Ok(Evidence {
        id: row.get(0)?,
        entry: row.get(1)?,
        url: row.get(2)?,
        title: row.get(3)?,
        stance: parse_stance(row.get(4)?)?,
        added_at: row.get(5)?,
        removed,
    })
}

/// A stance read back from the database (the schema's CHECK keeps it valid).
pub(crate) fn parse_stance(stance: Option<String>) -> Result<Option<Stance>> {
    stance.map(|s| s.parse()).transpose()
}
