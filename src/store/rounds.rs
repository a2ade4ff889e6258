//! Reporting rounds: closed once, never changed.

use super::Store;
use super::db::{Db, NO_PARAMS, Row, params};
use super::status::stored_date;
use crate::domain::{KnownAt, Round};
use crate::error::{DbContext, Error, Result};
use chrono::{DateTime, NaiveDate};

impl Store {
    /// Records round `name` as of `as_of`, closed at `now`; a name already used is refused.
    pub fn close_round(&mut self, name: &str, as_of: NaiveDate, note: &str, now: &str) -> Result<Round> {
        let tx = self.write()?;
        if let Some(existing) = find(&tx, name)? {
            return Err(Error::DuplicateRound {
                name: existing.name,
                as_of: existing.as_of,
                closed_at: existing.closed_at.stored(),
            });
        }
        tx.execute(
            "INSERT INTO round (name, as_of, closed_at, note) VALUES (?1, ?2, ?3, ?4)",
            params![name, as_of.to_string(), now, note],
        )
        .context("closing a round")?;
        let round = find(&tx, name)?.ok_or_else(|| Error::Corrupt(format!("round {name} vanished")))?;
        tx.commit().context("committing the round")?;
        Ok(round)
    }

    /// Every round, oldest closing first.
    pub fn rounds(&self) -> Result<Vec<Round>> {
        self.db()
            .query_map(
                "SELECT name, as_of, closed_at, note FROM round ORDER BY closed_at, id",
                NO_PARAMS,
                round_from,
            )
            .context("listing rounds")
    }

    /// The round named `name`; an unknown name is an error naming the known ones.
    pub fn round(&self, name: &str) -> Result<Round> {
        match find(self.db(), name)? {
            Some(round) => Ok(round),
            None => Err(Error::UnknownRound {
                name: name.to_string(),
                known: self.rounds()?.into_iter().map(|r| r.name).collect(),
            }),
        }
    }

    /// The round named `name`, if there is one.
    pub fn find_round(&self, name: &str) -> Result<Option<Round>> {
        find(self.db(), name)
    }
}

fn find(db: &dyn Db, name: &str) -> Result<Option<Round>> {
    db.query_row_opt(
        "SELECT name, as_of, closed_at, note FROM round WHERE name = ?1",
        params![name],
        round_from,
    )
    .context("reading a round")
}

/// Reads `name, as_of, closed_at, note`.
fn round_from(row: &Row) -> Result<Round> {
    let (name, as_of, closed_at, note): (String, String, String, String) =
        (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
    let closed = DateTime::parse_from_rfc3339(&closed_at).map_err(|_| {
        Error::Corrupt(format!(
            "round {name} has a malformed closing time \"{closed_at}\"; was it edited by hand?"
        ))
    })?;
    Ok(Round { name, as_of: stored_date(&as_of)?, closed_at: KnownAt::new(closed.to_utc()), note })
}
