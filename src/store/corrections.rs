//! What a spreadsheet's `entry` column refers to: a recorded entry, read back to compare with
//! the row, and retracted inside the import's transaction when the row corrects or retracts it.

use super::Bulk;
use super::db::params;
use super::entries::retract_entry;
use super::status::stored_date;
use crate::domain::{NewEntry, Percent, RecordedEntry, Status};
use crate::error::{DbContext, Error, Result};

impl Bulk<'_> {
    /// Entry `id` as recorded, if there is one.
    pub fn recorded_entry(&self, id: i64) -> Result<Option<RecordedEntry>> {
        type Found = (i64, String, String, Option<i64>, String, String, bool, String, String, Option<String>);
        // Written first: the number could be that of an entry this import appended.
        let db = self.tx()?;
        let found: Option<Found> = db
            .query_row_opt(
                "SELECT e.commitment_id, e.as_of, e.status, e.percent, e.note, e.author,
                        CASE WHEN e.retracted_at IS NOT NULL THEN 1 ELSE 0 END,
                        s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause,
                        e.recorded_at,
                        (SELECT string_agg(v.url, ' ') FROM evidence v
                         WHERE v.entry_id = e.id AND v.removed_at IS NULL)
                 FROM entry e JOIN commitment c ON c.id = e.commitment_id
                 JOIN statement s ON s.id = c.statement_id
                 WHERE e.id = ?1",
                params![id],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                        r.get(9)?,
                    ))
                },
            )
            .context("reading an entry")?;
        let Some((
            commitment,
            as_of,
            status,
            percent,
            note,
            author,
            retracted,
            commitment_id,
            recorded_at,
            urls,
        )) = found
        else {
            return Ok(None);
        };
        let corrupt = |what: &str| {
            Error::Corrupt(format!("entry {id} holds an invalid {what}; was the database edited by hand?"))
        };
        let evidence = super::bulk::sorted_urls(urls.as_deref())
            .iter()
            .map(|u| u.parse().map_err(|_| corrupt("evidence URL")))
            .collect::<Result<Vec<_>>>()?;
        let entry = NewEntry {
            commitment,
            as_of: stored_date(&as_of)?,
            status: status.parse::<Status>().map_err(|_| corrupt("status"))?,
            percent: percent.map(|p| Percent::new(p).ok_or_else(|| corrupt("percent"))).transpose()?,
            note,
            author,
            evidence,
        };
        Ok(Some(RecordedEntry { id, commitment, commitment_id, recorded_at, retracted, entry }))
    }

    /// Retracts live entry `id` with `reason`.
    pub fn retract(&self, id: i64, reason: &str, now: &str) -> Result<()> {
        retract_entry(self.tx()?, id, reason, now)
    }
}
