//! Which entries and evidence URLs count from a vantage, per commitment: what `diff` compares
//! to count new entries and new links.

use super::Store;
use super::db::{FromValue, Params, ToValue};
use crate::domain::{Seen, Vantage};
use crate::error::{DbContext, Result};

const FULL_ID: &str = "s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause";

impl Store {
    /// The entries (not retracted, dated by `as_of`) and evidence URLs (as `EVIDENCE_COUNT`
    /// counts them) that count from `vantage`, of every commitment.
    pub fn seen(&self, vantage: Vantage) -> Result<Seen> {
        let known_at = vantage.known_at.map(|k| k.stored());
        let known = known_at.is_some();
        let as_of = vantage.as_of.to_string();
        let mut params: Vec<(&str, &dyn ToValue)> = vec![(":as_of", &as_of)];
        if let Some(known_at) = &known_at {
            params.push((":known_at", known_at));
        }
        let mut seen = Seen::default();
        for (id, entry) in self.pairs::<i64>(&entries_sql(known), Params::Named(&params))? {
            seen.entries.entry(id).or_default().insert(entry);
        }
        for (id, url) in self.pairs::<String>(&evidence_sql(known), Params::Named(&params))? {
            seen.evidence.entry(id).or_default().insert(url);
        }
        Ok(seen)
    }

    fn pairs<T: FromValue>(&self, sql: &str, params: Params<'_>) -> Result<Vec<(String, T)>> {
        let mut pairs = Vec::new();
        self.db()
            .for_each(sql, params, |row| {
                pairs.push((row.get(0)?, row.get(1)?));
                Ok(())
            })
            .context("reading what counts")?;
        Ok(pairs)
    }
}

// Only fixed fragments are formatted into the SQL.
fn entries_sql(known: bool) -> String {
    let knowledge = if known {
        "AND x.recorded_at <= :known_at AND (x.retracted_at IS NULL OR x.retracted_at > :known_at)"
    } else {
        "AND x.retracted_at IS NULL"
    };
    format!(
        "SELECT {FULL_ID}, x.id FROM entry x
         JOIN commitment c ON c.id = x.commitment_id JOIN statement s ON s.id = c.statement_id
         WHERE x.as_of <= :as_of {knowledge}
         ORDER BY x.id"
    )
}

fn evidence_sql(known: bool) -> String {
    let knowledge = if known {
        "AND ev.added_at <= :known_at AND (y.retracted_at IS NULL OR y.retracted_at > :known_at)
         AND (ev.removed_at IS NULL OR ev.removed_at > :known_at)"
    } else {
        "AND y.retracted_at IS NULL AND ev.removed_at IS NULL"
    };
    format!(
        "SELECT {FULL_ID}, ev.url FROM evidence ev
         LEFT JOIN entry y ON y.id = ev.entry_id
         JOIN commitment c ON c.id = ev.commitment_id JOIN statement s ON s.id = c.statement_id
         WHERE coalesce(y.as_of, substr(ev.added_at, 1, 10)) <= :as_of {knowledge}
         ORDER BY ev.id"
    )
}
