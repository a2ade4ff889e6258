//! Bulk writes: many entries in one transaction, with a large page cache and cached
//! statements. Dropping a `Bulk` without `commit` rolls everything back.
//!
//! On PostgreSQL every statement is a round trip to the server, which costs more than the
//! insert itself: new entries (`append`) wait in memory and go in batches of `PG_BATCH`, one
//! statement each (`Db::insert_many`). Before anything reads what a waiting entry would change,
//! the batch is written (`flush`), so every check sees exactly what it would see had each entry
//! been written at once, and ids are drawn in the order of the rows. SQLite writes each entry
//! at once, as a statement there costs no trip.

use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::db::{Backend, Column, Db, Value, WriteTx, params};
use super::entries::insert_entry;
use super::{Store, commitments};
use crate::domain::{CommitmentRef, CommitmentRow, NewEntry, iso_date};
use crate::error::{DbContext, Error, Result};

/// Page cache for bulk work, in KiB (negative = KiB for SQLite): 256 MiB at most.
const BULK_CACHE_KIB: i64 = -262_144;

/// Entries sent to PostgreSQL in one statement.
const PG_BATCH: usize = 5_000;

/// One all-or-nothing batch of entries.
pub struct Bulk<'a> {
    tx: WriteTx<'a>,
    preferred: Option<String>,
    /// Entries appended but not yet written (PostgreSQL only).
    waiting: RefCell<Waiting>,
}

/// New entries waiting to be written, column by column, with what the checks ask of them.
#[derive(Default)]
struct Waiting {
    commitment: Vec<Value>,
    as_of: Vec<Value>,
    recorded_at: Vec<Value>,
    status: Vec<Value>,
    percent: Vec<Value>,
    note: Vec<Value>,
    author: Vec<Value>,
    /// Evidence URLs, each with the index of its entry among the waiting ones.
    evidence: Vec<(usize, String)>,
    /// `same_key` of every waiting entry.
    keys: HashSet<u64>,
    /// The commitments of the waiting entries.
    commitments: HashSet<i64>,
}

impl Waiting {
    fn len(&self) -> usize {
        self.commitment.len()
    }

    fn push(&mut self, entry: &NewEntry, recorded_at: &str) {
        let mut day = [0u8; 10];
        self.commitment.push(Value::Int(entry.commitment));
        self.as_of.push(Value::Text(iso_date(entry.as_of, &mut day).to_string()));
        self.recorded_at.push(Value::Text(recorded_at.to_string()));
        self.status.push(Value::Text(entry.status.as_str().to_string()));
        self.percent.push(entry.effective_percent().map_or(Value::Null, |p| Value::Int(i64::from(p.get()))));
        self.note.push(Value::Text(entry.note.clone()));
        self.author.push(Value::Text(entry.author.clone()));
        let row = self.len() - 1;
        self.evidence.extend(entry.evidence.iter().map(|url| (row, url.as_str().to_string())));
        self.keys.insert(same_key(entry));
        self.commitments.insert(entry.commitment);
    }
}

/// A hash of what `is_recorded` compares but the evidence: equal for entries it may find equal.
fn same_key(entry: &NewEntry) -> u64 {
    let mut hasher = DefaultHasher::new();
    let percent = entry.effective_percent().map(|p| p.get());
    (entry.commitment, entry.as_of, entry.status, percent, &entry.note, &entry.author).hash(&mut hasher);
    hasher.finish()
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
        Ok(Bulk { tx, preferred: self.preferred.clone(), waiting: RefCell::default() })
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
        if self.waiting.borrow().keys.contains(&same_key(entry)) {
            self.flush()?;
        }
        // Each candidate with its standing URLs, in one round trip (URLs hold no spaces).
        let candidates: Vec<Option<String>> = self
            .tx
            .query_column(
                "SELECT (SELECT string_agg(v.url, ' ') FROM evidence v
                         WHERE v.entry_id = e.id AND v.removed_at IS NULL)
                 FROM entry e
                 WHERE e.commitment_id = ?1 AND e.as_of = ?2 AND e.status = ?3
                   AND e.percent IS NOT DISTINCT FROM ?4 AND e.note = ?5 AND e.author = ?6 ORDER BY e.id",
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
        Ok(candidates.iter().any(|urls| sorted_urls(urls.as_deref()) == wanted))
    }

    /// The key and date of the statement commitment `pk` belongs to.
    pub fn statement_of(&self, pk: i64) -> Result<(String, Option<chrono::NaiveDate>)> {
        super::entry_lookup::statement_of(&*self.tx, pk)
    }

    /// Whether commitment `pk` has any entry yet.
    pub fn has_entries(&self, pk: i64) -> Result<bool> {
        if self.waiting.borrow().commitments.contains(&pk) {
            self.flush()?;
        }
        self.tx
            .query_value(
                "SELECT CASE WHEN EXISTS (SELECT 1 FROM entry WHERE commitment_id = ?1) THEN 1 ELSE 0 END",
                params![pk],
            )
            .context("looking for earlier entries")
    }

    /// Appends an entry now, after those waiting, and returns its id.
    pub fn insert(&self, entry: &NewEntry, recorded_at: &str) -> Result<i64> {
        self.flush()?;
        insert_entry(&*self.tx, entry, recorded_at)
    }

    /// Appends an entry whose id is not needed: on PostgreSQL it waits to be written with
    /// others (a database error then shows at the next `flush`, `commit` or read).
    pub fn append(&self, entry: &NewEntry, recorded_at: &str) -> Result<()> {
        if self.tx.backend() == Backend::Sqlite {
            return insert_entry(&*self.tx, entry, recorded_at).map(drop);
        }
        let full = {
            let mut waiting = self.waiting.borrow_mut();
            waiting.push(entry, recorded_at);
            waiting.len() >= PG_BATCH
        };
        if full { self.flush() } else { Ok(()) }
    }

    /// Writes the entries waiting, if any, and links their evidence: two statements.
    pub fn flush(&self) -> Result<()> {
        let waiting = std::mem::take(&mut *self.waiting.borrow_mut());
        if waiting.len() == 0 {
            return Ok(());
        }
        let Waiting { commitment, as_of, recorded_at, status, percent, note, author, evidence, .. } = waiting;
        let rows = commitment.len();
        let column = |name, sql_type, values| Column { name, sql_type, values };
        let entries = [
            column("commitment_id", "BIGINT", commitment),
            column("as_of", "TEXT", as_of),
            column("recorded_at", "TEXT", recorded_at),
            column("status", "TEXT", status),
            column("percent", "BIGINT", percent),
            column("note", "TEXT", note),
            column("author", "TEXT", author),
        ];
        let ids = self.tx.insert_many("entry", &entries, false).context("recording an entry")?;
        if ids.len() != rows {
            return Err(Error::Db {
                context: "recording an entry",
                source: format!("the database returned {} ids for {rows} entries", ids.len()).into(),
            });
        }
        if evidence.is_empty() {
            return Ok(());
        }
        let [commitment, _, recorded_at, ..] = &entries;
        let (mut on, mut entry, mut url, mut added_at) = (vec![], vec![], vec![], vec![]);
        for (row, link) in evidence {
            on.push(commitment.values[row].clone());
            entry.push(Value::Int(ids[row]));
            url.push(Value::Text(link));
            added_at.push(recorded_at.values[row].clone());
        }
        let links = [
            column("commitment_id", "BIGINT", on),
            column("entry_id", "BIGINT", entry),
            column("url", "TEXT", url),
            column("added_at", "TEXT", added_at),
        ];
        self.tx.insert_many("evidence", &links, true).context("linking evidence to an entry")?;
        Ok(())
    }

    /// The batch's transaction, for the queries of other store files, with every entry
    /// appended so far written.
    pub(crate) fn tx(&self) -> Result<&dyn Db> {
        self.flush()?;
        Ok(&*self.tx)
    }

    /// Makes the whole batch permanent.
    pub fn commit(self) -> Result<()> {
        self.flush()?;
        self.tx.commit().context("committing the import")
    }
}

/// The URLs of `string_agg(url, ' ')` (NULL for none), sorted by bytes, as `is_recorded` sorts
/// the URLs it compares them with: PostgreSQL would order them by its collation.
pub(crate) fn sorted_urls(joined: Option<&str>) -> Vec<&str> {
    let mut urls: Vec<&str> = joined.map(|j| j.split(' ').collect()).unwrap_or_default();
    urls.sort_unstable();
    urls
}
