//! What the detailed and HTML reports show beside each commitment's state: the evidence links
//! known by a date and the entries up to it. Each is read for a whole statement (or all of
//! them) in one query, never a query per commitment, keyed by the commitment's full id; the
//! report looks up the commitments it selected.

use std::collections::HashMap;

use super::Store;
use super::db::named;
use super::evidence::parse_stance;
use super::show::entry_from_row;
use crate::domain::{Evidence, Timeline, Vantage};
use crate::error::{DbContext, Result};

/// Entry `x` was recorded by `:known_at` (always, when reading what is known now).
const RECORDED: &str = "(CAST(:known_at AS TEXT) IS NULL OR x.recorded_at <= :known_at)";

/// Entry `e`'s retraction as known at `:known_at`: one made later did not exist yet.
const RETRACTED: &str =
    "CASE WHEN CAST(:known_at AS TEXT) IS NULL OR e.retracted_at <= :known_at THEN e.retracted_at END";

/// A commitment's full id, `KEY:T.P.C`, in SQL.
const ID: &str = "s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause";

impl Store {
    /// The evidence links of the commitments of `statement` (all when `None`), seen from
    /// `vantage`: known on its date (an entry's links from its `as_of`, other links from the day
    /// they were added) and, with a moment, added by then; links that came only with entries
    /// retracted (by then) and links removed (by then) are left out. One link per URL (the first
    /// added), in the order added, as `evidence_count` counts them.
    pub fn evidence_known(
        &self,
        statement: Option<&str>,
        vantage: Vantage,
    ) -> Result<HashMap<String, Vec<Evidence>>> {
        let sql = format!(
            "SELECT {ID}, ev.id, ev.entry_id, ev.url, ev.title, ev.stance, ev.added_at
             FROM evidence ev
             JOIN commitment c ON c.id = ev.commitment_id
             JOIN statement s ON s.id = c.statement_id
             LEFT JOIN entry y ON y.id = ev.entry_id
             WHERE (CAST(:statement AS TEXT) IS NULL OR s.key = :statement)
               AND (CAST(:known_at AS TEXT) IS NULL OR ev.added_at <= :known_at)
               AND (y.retracted_at IS NULL OR y.retracted_at > :known_at)
               AND (ev.removed_at IS NULL OR ev.removed_at > :known_at)
               AND coalesce(y.as_of, substr(ev.added_at, 1, 10)) <= :as_of
             ORDER BY c.id, ev.id"
        );
        let known_at = vantage.known_at.map(|k| k.stored());
        let params =
            named![":statement" => statement, ":as_of" => vantage.as_of.to_string(), ":known_at" => known_at];
        let mut links: HashMap<String, Vec<Evidence>> = HashMap::new();
        self.db()
            .for_each(&sql, params, |row| {
                let evidence = Evidence {
                    id: row.get(1)?,
                    entry: row.get(2)?,
                    url: row.get(3)?,
                    title: row.get(4)?,
                    stance: parse_stance(row.get(5)?)?,
                    added_at: row.get(6)?,
                    // Links removed by then are left out above.
                    removed: None,
                };
                let list = links.entry(row.get(0)?).or_default();
                if !list.iter().any(|known| known.url == evidence.url) {
                    list.push(evidence);
                }
                Ok(())
            })
            .context("reading the evidence of a report")?;
        Ok(links)
    }

    /// The newest `limit` entries dated up to the vantage's date of each commitment of
    /// `statement` (all when `None`) and, with a moment, recorded by then; retracted ones
    /// included (marked, when retracted by then), newest first by (as_of, id),
    /// with how many there are in all: a report's size follows its commitments, not its history.
    pub fn timelines(
        &self,
        statement: Option<&str>,
        vantage: Vantage,
        limit: usize,
    ) -> Result<HashMap<String, Timeline>> {
        // Per commitment, an index seek for its latest entries and an index-only count: the
        // cost follows commitments × limit, not the length of their histories.
        let sql = format!(
            "SELECT {ID} AS commitment, e.id, e.as_of, e.recorded_at, e.status, e.percent, e.note,
                    e.author, {RETRACTED} AS retracted_at, e.retract_reason,
                    (SELECT count(*) FROM entry x WHERE x.commitment_id = c.id AND x.as_of <= :as_of
                                                    AND {RECORDED}) AS total
             FROM commitment c
             JOIN statement s ON s.id = c.statement_id
             JOIN entry e ON e.id IN (SELECT x.id FROM entry x
                                      WHERE x.commitment_id = c.id AND x.as_of <= :as_of AND {RECORDED}
                                      ORDER BY x.as_of DESC, x.id DESC LIMIT :limit)
             WHERE (CAST(:statement AS TEXT) IS NULL OR s.key = :statement)
             ORDER BY c.id, e.as_of DESC, e.id DESC"
        );
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let known_at = vantage.known_at.map(|k| k.stored());
        let params = named![
            ":statement" => statement, ":as_of" => vantage.as_of.to_string(), ":known_at" => known_at, ":limit" => limit,
        ];
        let mut timelines: HashMap<String, Timeline> = HashMap::new();
        // Columns by position: the commitment, the entry's from 1 on (`entry_from_row`), the total.
        self.db()
            .for_each(&sql, params, |row| {
                let entry = entry_from_row(row, 1).context("reading an entry")?;
                let timeline = timelines.entry(row.get(0)?).or_default();
                timeline.total = row.get(10)?;
                timeline.entries.push(entry);
                Ok(())
            })
            .context("reading the timelines of a report")?;
        Ok(timelines)
    }
}
