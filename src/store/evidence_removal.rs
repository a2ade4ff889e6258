//! Taking a wrong evidence link out: the row stays, marked with when and why, and every query
//! that counts or lists evidence skips it.

use super::Store;
use super::commitments::full_id;
use super::db::params;
use crate::domain::RemovedEvidence;
use crate::error::{DbContext, Error, Result};

impl Store {
    /// Marks evidence `id` removed at `now` with `reason`, in one transaction. An unknown or
    /// already removed link is an error and nothing changes.
    pub fn remove_evidence(&mut self, id: i64, reason: &str, now: &str) -> Result<RemovedEvidence> {
        let tx = self.write()?;
        type Found = (i64, String, Option<i64>, Option<String>, Option<String>);
        let found: Option<Found> = tx
            .query_row_opt(
                "SELECT commitment_id, url, entry_id, removed_at, removed_reason FROM evidence WHERE id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .context("reading an evidence link")?;
        let Some((pk, url, entry, removed_at, removed_reason)) = found else {
            return Err(Error::UnknownEvidence(id));
        };
        if let Some(at) = removed_at {
            return Err(Error::AlreadyRemoved { id, at, reason: removed_reason.unwrap_or_default() });
        }
        tx.execute(
            "UPDATE evidence SET removed_at = ?2, removed_reason = ?3 WHERE id = ?1",
            params![id, now, reason],
        )
        .context("removing an evidence link")?;
        let removed = RemovedEvidence { id, commitment: full_id(&tx, pk)?, url, entry };
        tx.commit().context("committing the removal")?;
        Ok(removed)
    }
}
