//! Bulk writes: many entries in one transaction, with a large page cache and cached
//! statements. Dropping a `Bulk` without `commit` rolls everything back.

use super::db::{Backend, Db, WriteTx, params};
use super::entries::insert_entry;
use super::{Store, commitments};
use crate::domain::{CommitmentRef, CommitmentRow, NewEntry};
use crate::error::{DbContext, Result};

/// Page cache for bulk work, in KiB (negative = KiB for SQLite): 256 MiB at most.
const BULK_CACHE_KIB: i64 = -262_144;

/// One all-or-nothing batch of entries.
pub struct Bulk<'a> {
    tx: WriteTx<'a>,
    preferred: Option<String>,
}

impl Store {
    /// Starts a batch: one write transaction for everything that follows.
    pub fn bulk(&mut self) -> Result<Bulk<'_>> {
        let db = self.db();
        if db.backend() == Backend::Sqlite {
            db.execute_batch(&format!("PRAGMA cache_size = {BULK_CACHE_KIB}"))
                .context("sizing the page cache")?;
        }
        // The statements are cached by the connection (by their SQL), so each is prepared once
        // for the whole batch.
        let tx = self.write()?;
        Ok(Bulk { tx, preferred: self.preferred.clone() })
    }
}

impl Bulk<'_> {
    /// Finds a commitment from a typed id, as `Store::resolve` does.
    pub fn resolve(&self, typed: &CommitmentRef) -> Result<CommitmentRow> {
        commitments::resolve(&*self.tx, typed, self.preferred.as_deref())
    }

    /// Whether an entry identical to `entry` (commitment, as_of, status, percent, note, author
    /// and evidence URLs) is already recorded, retracted or not.
    pub fn is_recorded(&self, entry: &NewEntry) -> Result<bool> {
        let candidates: Vec<i64> = self
            .tx
            .query_column(
                "SELECT id FROM entry WHERE commitment_id = ?1 AND as_of = ?2 AND status = ?3
                   AND percent IS NOT DISTINCT FROM ?4 AND note = ?5 AND author = ?6 ORDER BY id",
                params![
                    entry.commitment,
                    entry.as_of.to_string(),
                    entry.status.as_str(),
                    entry.effective_percent().map(|p| p.get()),
                    entry.note,
                    entry.author
                ],
            )
            .context("checking for a recorded entry")?;
        let mut wanted: Vec<&str> = entry.evidence.iter().map(|u| u.as_str()).collect();
        wanted.sort_unstable();
        wanted.dedup();
        for id in candidates {
            if entry_urls(&*self.tx, id)? == wanted {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The key and date of the statement commitment `pk` belongs to.
    pub fn statement_of(&self, pk: i64) -> Result<(String, Option<chrono::NaiveDate>)> {
        super::entry_lookup::statement_of(&*self.tx, pk)
    }

    /// Whether commitment `pk` has any entry yet.
    pub fn has_entries(&self, pk: i64) -> Result<bool> {
        self.tx
            .query_value(
                "SELECT CASE WHEN EXISTS (SELECT 1 FROM entry WHERE commitment_id = ?1) THEN 1 ELSE 0 END",
                params![pk],
            )
            .context("looking for earlier entries")
    }

    /// Appends an entry.
    pub fn insert(&self, entry: &NewEntry, recorded_at: &str) -> Result<i64> {
        insert_entry(&*self.tx, entry, recorded_at)
    }

    /// The batch's transaction, for the queries of other store files.
    pub(crate) fn tx(&self) -> &dyn Db {
        &*self.tx
    }

    /// Makes the whole batch permanent.
    pub fn commit(self) -> Result<()> {
        self.tx.commit().context("committing the import")
    }
}

/// The evidence URLs of an entry, sorted.
pub(crate) fn entry_urls(db: &dyn Db, entry: i64) -> Result<Vec<String>> {
    let mut urls: Vec<String> = db
        .query_column("SELECT url FROM evidence WHERE entry_id = ?1 AND removed_at IS NULL", params![entry])
        .context("reading an entry's evidence")?;
    // Sorted here, by bytes, as `is_recorded` sorts the URLs it compares them with: PostgreSQL
    // would order them by its collation.
    urls.sort_unstable();
    Ok(urls)
}
