//! Bulk writes: many entries in one transaction, with a large page cache and cached
//! statements. Dropping a `Bulk` without `commit` rolls everything back.

use std::cell::RefCell;

use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use super::entries::EntryWriter;
use super::{Store, commitments};
use crate::domain::{CommitmentRef, CommitmentRow, NewEntry};
use crate::error::{DbContext, Result};

/// Page cache for bulk work, in KiB (negative = KiB for SQLite): 256 MiB at most.
const BULK_CACHE_KIB: i64 = -262_144;

/// One all-or-nothing batch of entries.
pub struct Bulk<'a> {
    // Field order matters: the statements are finalized before the transaction ends.
    // A RefCell so `Bulk` can be shared (`&self`) while rows are checked and inserted.
    writer: RefCell<EntryWriter<'a>>,
    tx: Transaction<'a>,
    preferred: Option<String>,
}

impl Store {
    /// Starts a batch: one write transaction for everything that follows.
    pub fn bulk(&mut self) -> Result<Bulk<'_>> {
        let conn: &Connection = self.conn();
        conn.pragma_update(None, "cache_size", BULK_CACHE_KIB).context("sizing the page cache")?;
        // The statements and the transaction share the connection, so the statements live as
        // long as the batch instead of being looked up in the cache for every row.
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
            .context("starting a write transaction")?;
        Ok(Bulk { writer: RefCell::new(EntryWriter::new(conn)?), tx, preferred: self.preferred.clone() })
    }
}

impl Bulk<'_> {
    /// Finds a commitment from a typed id, as `Store::resolve` does.
    pub fn resolve(&self, typed: &CommitmentRef) -> Result<CommitmentRow> {
        commitments::resolve(&self.tx, typed, self.preferred.as_deref())
    }

    /// Whether an entry identical to `entry` (commitment, as_of, status, percent, note, author
    /// and evidence URLs) is already recorded, retracted or not.
    pub fn is_recorded(&self, entry: &NewEntry) -> Result<bool> {
        let mut stmt = self
            .tx
            .prepare_cached(
                "SELECT id FROM entry WHERE commitment_id = ?1 AND as_of = ?2 AND status = ?3
                   AND percent IS ?4 AND note = ?5 AND author = ?6 ORDER BY id",
            )
            .context("preparing the duplicate check")?;
        let candidates = stmt
            .query_map(
                params![
                    entry.commitment,
                    entry.as_of.to_string(),
                    entry.status.as_str(),
                    entry.effective_percent().map(|p| p.get()),
                    entry.note,
                    entry.author
                ],
                |row| row.get::<_, i64>(0),
            )
            .context("checking for a recorded entry")?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("reading recorded entries")?;
        let mut wanted: Vec<&str> = entry.evidence.iter().map(|u| u.as_str()).collect();
        wanted.sort_unstable();
        wanted.dedup();
        for id in candidates {
            if entry_urls(&self.tx, id)? == wanted {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The key and date of the statement commitment `pk` belongs to.
    pub fn statement_of(&self, pk: i64) -> Result<(String, Option<chrono::NaiveDate>)> {
        super::entry_lookup::statement_of(&self.tx, pk)
    }

    /// Whether commitment `pk` has any entry yet.
    pub fn has_entries(&self, pk: i64) -> Result<bool> {
        self.tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM entry WHERE commitment_id = ?1)")
            .and_then(|mut stmt| stmt.query_row([pk], |row| row.get(0)))
            .context("looking for earlier entries")
    }

    /// Appends an entry.
    pub fn insert(&self, entry: &NewEntry, recorded_at: &str) -> Result<i64> {
        self.writer.borrow_mut().insert(entry, recorded_at)
    }

    /// The batch's transaction, for the queries of other store files.
    pub(crate) fn tx(&self) -> &Transaction<'_> {
        &self.tx
    }

    /// Makes the whole batch permanent.
    pub fn commit(self) -> Result<()> {
        let Bulk { writer, tx, .. } = self;
        drop(writer);
        tx.commit().context("committing the import")
    }
}

/// The evidence URLs of an entry, sorted.
pub(crate) fn entry_urls(conn: &Connection, entry: i64) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached("SELECT url FROM evidence WHERE entry_id = ?1 AND removed_at IS NULL ORDER BY url")
        .context("preparing the evidence lookup")?;
    let urls = stmt
        .query_map([entry], |row| row.get(0))
        .context("reading an entry's evidence")?
        .collect::<rusqlite::Result<Vec<String>>>()
        .context("reading an entry's evidence")?;
    Ok(urls)
}
