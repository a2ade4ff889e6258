//! What `ctrack lint` reads besides each commitment's state: its evidence links with their
//! stance, its entries' percents and notes, and when each statement began to be watched.

use chrono::NaiveDate;

use super::Store;
use super::db::{NO_PARAMS, params};
use super::status::stored_date;
use crate::domain::{EntryPoint, LinkFacts, LintSources, Percent, Stance};
use crate::error::{DbContext, Result};

const FULL_ID: &str = "s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause";

impl Store {
    /// Reads what lint checks besides states, as of `as_of`: links known by then and not only
    /// on retracted entries; entries up to then, not retracted, oldest first.
    pub fn lint_sources(&self, as_of: NaiveDate) -> Result<LintSources> {
        let as_of = as_of.to_string();
        let mut sources = LintSources::default();
        let db = self.db();
        db.for_each(
            &format!(
                "SELECT {FULL_ID}, ev.url, ev.stance FROM evidence ev
                 LEFT JOIN entry y ON y.id = ev.entry_id
                 JOIN commitment c ON c.id = ev.commitment_id JOIN statement s ON s.id = c.statement_id
                 WHERE y.retracted_at IS NULL AND ev.removed_at IS NULL AND coalesce(y.as_of, substr(ev.added_at, 1, 10)) <= ?1
                 ORDER BY ev.id"
            ),
            params![as_of],
            |row| {
                let stance: Option<String> = row.get(2)?;
                let link =
                    LinkFacts { url: row.get(1)?, stance: stance.map(|s| s.parse::<Stance>()).transpose()? };
                sources.links.entry(row.get(0)?).or_default().push(link);
                Ok(())
            },
        )
        .context("reading links")?;
        db.for_each(
            &format!(
                "SELECT {FULL_ID}, x.id, x.as_of, x.percent, x.note FROM entry x
                 JOIN commitment c ON c.id = x.commitment_id JOIN statement s ON s.id = c.statement_id
                 WHERE x.retracted_at IS NULL AND x.as_of <= ?1
                 ORDER BY x.commitment_id, x.as_of, x.id"
            ),
            params![as_of],
            |row| {
                let entry = EntryPoint {
                    id: row.get(1)?,
                    as_of: stored_date(&row.get::<String>(2)?)?,
                    percent: row.get::<Option<i64>>(3)?.and_then(Percent::new),
                    note: row.get(4)?,
                };
                sources.entries.entry(row.get(0)?).or_default().push(entry);
                Ok(())
            },
        )
        .context("reading entries")?;
        db.for_each(
            "SELECT key, coalesce(date, substr(imported_at, 1, 10)) FROM statement ORDER BY key",
            NO_PARAMS,
            |row| {
                sources.statement_since.insert(row.get(0)?, stored_date(&row.get::<String>(1)?)?);
                Ok(())
            },
        )
        .context("reading statement dates")?;
        Ok(sources)
    }
}
