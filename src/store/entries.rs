//! Progress entries and the evidence logged with them. Entries are append-only: the only
//! change ever made to one is its retraction.

use chrono::NaiveDate;

use super::Store;
use super::commitments::full_id;
use super::db::{Db, params};
use super::entry_lookup::same_live_entry;
use super::status::{latest_entry, stored_date};
use crate::domain::{NewEntry, StatusChange, iso_date};
use crate::error::{DbContext, Error, Result};

const INSERT_ENTRY: &str =
    "INSERT INTO entry (commitment_id, as_of, recorded_at, status, percent, note, author)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
const LINK_EVIDENCE: &str =
    "INSERT INTO evidence (commitment_id, entry_id, url, added_at) VALUES (?1, ?2, ?3, ?4)
     ON CONFLICT DO NOTHING";

/// Appends `entry` and links its evidence URLs to it, inside the caller's transaction; returns
/// the new entry's id. Its two statements are prepared once per connection, for `log` and
/// bulk imports alike: the backends cache statements by their SQL.
pub(crate) fn insert_entry(db: &dyn Db, entry: &NewEntry, recorded_at: &str) -> Result<i64> {
    let mut day = [0u8; 10];
    let id: i64 = db
        .insert(
            INSERT_ENTRY,
            params![
                entry.commitment,
                iso_date(entry.as_of, &mut day),
                recorded_at,
                entry.status.as_str(),
                entry.effective_percent().map(|p| p.get()),
                entry.note,
                entry.author,
            ],
        )
        .context("recording an entry")?;
    for url in &entry.evidence {
        db.execute(LINK_EVIDENCE, params![entry.commitment, id, url.as_str(), recorded_at])
            .context("linking evidence to an entry")?;
    }
    Ok(id)
}

/// Marks entry `id` retracted at `now` with `reason`, inside the caller's transaction.
pub(crate) fn retract_entry(db: &dyn Db, id: i64, reason: &str, now: &str) -> Result<()> {
    db.execute(
        "UPDATE entry SET retracted_at = ?2, retract_reason = ?3 WHERE id = ?1 AND retracted_at IS NULL",
        params![id, now, reason],
    )
    .context("retracting an entry")?;
    Ok(())
}

impl Store {
    /// Records `entry` in one transaction and reports the status of its commitment before and
    /// after, as of the entry's date, and as of `today`. An entry that says the same as a live
    /// one (see `same_live_entry`) is refused, naming it.
    pub fn log(&mut self, entry: &NewEntry, today: NaiveDate, now: &str) -> Result<StatusChange> {
        let tx = self.write()?;
        if let Some(same) = same_live_entry(&tx, entry)? {
            return Err(Error::SameEntry {
                entry: same,
                commitment: full_id(&tx, entry.commitment)?,
                status: entry.status,
                percent: entry.effective_percent(),
                as_of: entry.as_of,
            });
        }
        let before = latest_entry(&tx, entry.commitment, entry.as_of)?;
        let id = insert_entry(&tx, entry, now)?;
        let change = StatusChange {
            commitment: full_id(&tx, entry.commitment)?,
            entry: id,
            as_of: entry.as_of,
            before,
            after: latest_entry(&tx, entry.commitment, entry.as_of)?,
            current: latest_entry(&tx, entry.commitment, today)?,
        };
        tx.commit().context("committing the entry")?;
        Ok(change)
    }

    /// Marks entry `id` retracted with `reason`, in one transaction, and reports what that did
    /// to its commitment's status (as `log` does). An unknown or already retracted entry is an
    /// error and nothing changes.
    pub fn retract(&mut self, id: i64, reason: &str, today: NaiveDate, now: &str) -> Result<StatusChange> {
        let tx = self.write()?;
        let found: Option<(i64, String, Option<String>, Option<String>)> = tx
            .query_row_opt(
                "SELECT commitment_id, as_of, retracted_at, retract_reason FROM entry WHERE id = ?1",
                params![id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .context("reading an entry")?;
        let Some((pk, as_of, retracted_at, retract_reason)) = found else {
            return Err(Error::UnknownEntry(id));
        };
        if let Some(at) = retracted_at {
            return Err(Error::AlreadyRetracted {
                entry: id,
                at,
                reason: retract_reason.unwrap_or_default(),
            });
        }
        let as_of = stored_date(&as_of)?;
        let before = latest_entry(&tx, pk, as_of)?;
        retract_entry(&tx, id, reason, now)?;
        let change = StatusChange {
            commitment: full_id(&tx, pk)?,
            entry: id,
            as_of,
            before,
            after: latest_entry(&tx, pk, as_of)?,
            current: latest_entry(&tx, pk, today)?,
        };
        tx.commit().context("committing the retraction")?;
        Ok(change)
    }
}
