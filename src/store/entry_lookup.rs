//! Looking entries up before writing: the statement an entry reports on, the same entry
//! already standing, and an author's newest live entry.

use chrono::NaiveDate;

use super::Store;
use super::db::{Db, NO_PARAMS, params};
use super::status::{parse_stored, stored_date};
use crate::domain::{ListedEntry, NewEntry, Status};
use crate::error::{DbContext, Result};

/// The key and date of the statement commitment `pk` belongs to.
pub(crate) fn statement_of(db: &dyn Db, pk: i64) -> Result<(String, Option<NaiveDate>)> {
    let (key, date): (String, Option<String>) = db
        .query_row(
            "SELECT s.key, s.date FROM commitment c JOIN statement s ON s.id = c.statement_id
             WHERE c.id = ?1",
            params![pk],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .context("reading a commitment's statement")?;
    Ok((key, date.as_deref().map(stored_date).transpose()?))
}

/// The oldest live entry that says the same as `entry`: same commitment, date, status,
/// percent (as stored) and note. Author and evidence do not make an entry different.
pub(crate) fn same_live_entry(db: &dyn Db, entry: &NewEntry) -> Result<Option<i64>> {
    db.query_row_opt(
        "SELECT id FROM entry
         WHERE commitment_id = ?1 AND as_of = ?2 AND status = ?3 AND percent IS NOT DISTINCT FROM ?4
           AND note = ?5 AND retracted_at IS NULL
         ORDER BY id LIMIT 1",
        params![
            entry.commitment,
            entry.as_of.to_string(),
            entry.status.as_str(),
            entry.effective_percent().map(|p| p.get()),
            entry.note
        ],
        |row| row.get(0),
    )
    .context("looking for the same entry")
}

impl Store {
    /// The key and date of the statement commitment `pk` belongs to.
    pub fn statement_of(&self, pk: i64) -> Result<(String, Option<NaiveDate>)> {
        statement_of(self.db(), pk)
    }

    /// Every author who recorded an entry, by name.
    pub fn authors(&self) -> Result<Vec<String>> {
        self.db()
            .query_column("SELECT DISTINCT author FROM entry ORDER BY author", NO_PARAMS)
            .context("listing authors")
    }

    /// The newest entry `author` recorded that is not retracted, if any.
    pub fn newest_live_entry_by(&self, author: &str) -> Result<Option<ListedEntry>> {
        let found = self
            .db()
            .query_row_opt(
                "SELECT e.id, s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause,
                        e.as_of, e.status, e.percent, e.note, e.author, e.recorded_at
                 FROM entry e JOIN commitment c ON c.id = e.commitment_id
                 JOIN statement s ON s.id = c.statement_id
                 WHERE e.author = ?1 AND e.retracted_at IS NULL
                 ORDER BY e.recorded_at DESC, e.id DESC LIMIT 1",
                params![author],
                |r| {
                    let status: String = r.get(3)?;
                    let entry = ListedEntry {
                        entry: r.get(0)?,
                        commitment: r.get(1)?,
                        as_of: r.get(2)?,
                        status: Status::Unassessed,
                        percent: r.get(4)?,
                        note: r.get(5)?,
                        author: r.get(6)?,
                        recorded_at: r.get(7)?,
                        retracted: false,
                    };
                    Ok((entry, status))
                },
            )
            .context("looking for your newest entry")?;
        found.map(|(entry, status)| Ok(ListedEntry { status: parse_stored(&status)?, ..entry })).transpose()
    }
}
