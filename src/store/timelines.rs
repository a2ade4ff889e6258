//! What the detailed and HTML reports show beside each commitment's state: the evidence links
//! known by a date and the entries up to it. Each is read for a whole statement (or all of
//! them) in one query, never a query per commitment, keyed by the commitment's full id; the
//! report looks up the commitments it selected.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::named_params;

use super::Store;
use super::evidence::parse_stance;
use super::show::entry_from_row;
use crate::domain::{Evidence, Timeline};
use crate::error::{DbContext, Result};

/// A commitment's full id, `KEY:T.P.C`, in SQL.
const ID: &str = "s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause";

impl Store {
    /// The evidence links of the commitments of `statement` (all when `None`), as known on
    /// `as_of` (an entry's links from its `as_of`, other links from the day they were added),
    /// leaving out links that came only with retracted entries. One link per URL (the first
    /// added), in the order added, as `evidence_count` counts them.
    pub fn evidence_known(
        &self,
        statement: Option<&str>,
        as_of: NaiveDate,
    ) -> Result<HashMap<String, Vec<Evidence>>> {
        let sql = format!(
            "SELECT {ID}, ev.id, ev.entry_id, ev.url, ev.title, ev.stance, ev.added_at
             FROM evidence ev
             JOIN commitment c ON c.id = ev.commitment_id
             JOIN statement s ON s.id = c.statement_id
             LEFT JOIN entry y ON y.id = ev.entry_id
             WHERE (:statement IS NULL OR s.key = :statement) AND y.retracted_at IS NULL
               AND ifnull(y.as_of, substr(ev.added_at, 1, 10)) <= :as_of
             ORDER BY c.id, ev.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql).context("preparing the evidence of a report")?;
        let params = named_params! {":statement": statement, ":as_of": as_of.to_string()};
        let mut rows = stmt.query(params).context("querying the evidence of a report")?;
        let mut links: HashMap<String, Vec<Evidence>> = HashMap::new();
        while let Some(row) = rows.next().context("reading the evidence of a report")? {
            let evidence = Evidence {
                id: row.get(1)?,
                entry: row.get(2)?,
                url: row.get(3)?,
                title: row.get(4)?,
                stance: parse_stance(row.get(5)?)?,
                added_at: row.get(6)?,
            };
            let list = links.entry(row.get(0)?).or_default();
            if !list.iter().any(|known| known.url == evidence.url) {
                list.push(evidence);
            }
        }
        Ok(links)
    }

    /// The newest `limit` entries dated up to `as_of` of each commitment of `statement` (all
    /// when `None`), retracted ones included (they are marked), newest first by (as_of, id),
    /// with how many there are in all: a report's size follows its commitments, not its history.
    pub fn timelines(
        &self,
        statement: Option<&str>,
        as_of: NaiveDate,
        limit: usize,
    ) -> Result<HashMap<String, Timeline>> {
        // Per commitment, an index seek for its latest entries and an index-only count: the
        // cost follows commitments × limit, not the length of their histories.
        let sql = format!(
            "SELECT {ID} AS commitment, e.id, e.as_of, e.recorded_at, e.status, e.percent, e.note,
                    e.author, e.retracted_at, e.retract_reason,
                    (SELECT count(*) FROM entry x WHERE x.commitment_id = c.id AND x.as_of <= :as_of) AS total
             FROM commitment c
             JOIN statement s ON s.id = c.statement_id
             JOIN entry e ON e.id IN (SELECT x.id FROM entry x
                                      WHERE x.commitment_id = c.id AND x.as_of <= :as_of
                                      ORDER BY x.as_of DESC, x.id DESC LIMIT :limit)
             WHERE (:statement IS NULL OR s.key = :statement)
             ORDER BY c.id, e.as_of DESC, e.id DESC"
        );
        let mut stmt = self.conn().prepare_cached(&sql).context("preparing the timelines of a report")?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let params = named_params! {":statement": statement, ":as_of": as_of.to_string(), ":limit": limit};
        let mut rows = stmt.query(params).context("querying the timelines of a report")?;
        let mut timelines: HashMap<String, Timeline> = HashMap::new();
        while let Some(row) = rows.next().context("reading the timelines of a report")? {
            let entry = entry_from_row(row).context("reading an entry")??;
            let timeline = timelines.entry(row.get("commitment")?).or_default();
            timeline.total = row.get("total")?;
            timeline.entries.push(entry);
        }
        Ok(timelines)
    }
}
