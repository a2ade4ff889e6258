//! Owners and their roles on commitments.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use super::status::stored_date;
use crate::domain::{Assigned, OwnerName, OwnerPeriod, OwnerRow, Role};
use crate::error::{DbContext, Error, Result};

impl Store {
    /// Gives `owner` the `role` on commitment `pk` from `from` on, in one transaction (creating
    /// the owner if new, ending the previous role's period if the role changes).
    pub fn assign(
        &mut self,
        pk: i64,
        commitment: &str,
        owner: &OwnerName,
        role: Role,
        from: NaiveDate,
        now: &str,
    ) -> Result<Assigned> {
        let tx = self.write()?;
        let previous = assign(&tx, pk, commitment, owner, role, from, now)?;
        let name = tx
            .query_row("SELECT name FROM owner WHERE key = ?1", [owner.key()], |row| row.get(0))
            .context("reading an owner")?;
        tx.commit().context("committing the assignment")?;
        Ok(Assigned { owner: name, previous })
    }

    /// Ends `owner`'s role on commitment `pk` on `on` (the first day they are no longer an
    /// owner), in one transaction; returns the owner's name and former role, or `None`
    /// (nothing written) when they are not an owner of it. The period is kept: reports as of
    /// earlier dates still show the owner.
    pub fn unassign(
        &mut self,
        pk: i64,
        commitment: &str,
        owner: &OwnerName,
        on: NaiveDate,
        now: &str,
    ) -> Result<Option<(String, Role)>> {
        let tx = self.write()?;
        let Some(open) = open_period(&tx, pk, owner)? else {
            return Ok(None);
        };
        end_period(&tx, &open, commitment, on, now)?;
        tx.commit().context("committing the removal")?;
        Ok(Some((open.name, open.role)))
    }

    /// Every owner, by name, with their counts.
    pub fn owners(&self) -> Result<Vec<OwnerRow>> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT o.name,
                        count(CASE WHEN a.role = 'lead' THEN 1 END) AS lead,
                        count(CASE WHEN a.role = 'support' THEN 1 END) AS support
                 FROM owner o
                 LEFT JOIN assignment a ON a.owner_id = o.id AND EXISTS (
                     SELECT 1 FROM commitment c WHERE c.id = a.commitment_id AND c.withdrawn_at IS NULL)
                 WHERE EXISTS (SELECT 1 FROM assignment x WHERE x.owner_id = o.id)
                 GROUP BY o.id
                 ORDER BY o.key",
            )
            .context("preparing the owner list")?;
        let rows = stmt
            .query_map([], |row| Ok(OwnerRow { owner: row.get(0)?, lead: row.get(1)?, support: row.get(2)? }))
            .context("listing owners")?;
        rows.collect::<rusqlite::Result<_>>().context("reading owners")
    }

    /// The owners of commitment `pk` with their roles: leads first, then by name.
    pub fn owners_of(&self, pk: i64) -> Result<Vec<(String, Role)>> {
        owners_of(self.conn(), pk)
    }
}

/// The owners of commitment `pk` with their roles: leads first, then by name.
pub(crate) fn owners_of(conn: &Connection, pk: i64) -> Result<Vec<(String, Role)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.name, a.role FROM assignment a JOIN owner o ON o.id = a.owner_id
             WHERE a.commitment_id = ?1 ORDER BY a.role = 'support', o.key",
        )
        .context("preparing the owners of a commitment")?;
    let rows = stmt
        .query_map([pk], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))
        .context("listing the owners of a commitment")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the owners of a commitment")?;
    rows.into_iter().map(|(name, role)| Ok((name, role.parse()?))).collect()
}

/// The id of the owner with this name's key, creating the owner if new. The first spelling
/// recorded is the one shown.
pub(crate) fn upsert_owner(conn: &Connection, name: &OwnerName) -> Result<i64> {
    conn.prepare_cached("INSERT INTO owner (name, key) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING")
        .and_then(|mut stmt| stmt.execute(params![name.as_str(), name.key()]))
        .context("adding an owner")?;
    conn.query_row("SELECT id FROM owner WHERE key = ?1", [name.key()], |row| row.get(0))
        .context("finding an owner")
}

/// Gives `owner` the `role` on commitment `pk` from `from` on. Returns the previous role, if
/// the owner already had one. Periods of one owner on one commitment never overlap: a change
/// dated before the open period's start, or before the end of the last one, is refused.
pub(crate) fn assign(
    conn: &Connection,
    pk: i64,
    commitment: &str,
    owner: &OwnerName,
    role: Role,
    from: NaiveDate,
    now: &str,
) -> Result<Option<Role>> {
    let owner_id = upsert_owner(conn, owner)?;
    let previous = open_period(conn, pk, owner)?;
    match &previous {
        Some(open) if open.role == role => return Ok(Some(role)),
        Some(open) => end_period(conn, open, commitment, from, now)?,
        None => refuse_overlap(conn, pk, owner_id, commitment, owner, from)?,
    }
    conn.prepare_cached(
        "INSERT INTO assignment_period (commitment_id, owner_id, role, valid_from, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .and_then(|mut stmt| stmt.execute(params![pk, owner_id, role.as_str(), from.to_string(), now]))
    .context("assigning an owner")?;
    Ok(previous.map(|p| p.role))
}

/// Every assignment period of commitment `pk`, oldest start first.
pub(crate) fn owner_history(conn: &Connection, pk: i64) -> Result<Vec<OwnerPeriod>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.name, p.role, p.valid_from, p.valid_to, p.recorded_at, p.ended_recorded_at
             FROM assignment_period p JOIN owner o ON o.id = p.owner_id
             WHERE p.commitment_id = ?1 ORDER BY p.valid_from, p.id",
        )
        .context("preparing the owner history")?;
    type Raw = (String, String, String, Option<String>, String, Option<String>);
    let rows: Vec<Raw> = stmt
        .query_map([pk], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .context("reading the owner history")?
        .collect::<rusqlite::Result<_>>()
        .context("reading the owner history")?;
    rows.into_iter()
        .map(|(owner, role, from, to, recorded_at, ended_recorded_at)| {
            Ok(OwnerPeriod {
                owner,
                role: role.parse()?,
                from: stored_date(&from)?,
                to: to.map(|t| stored_date(&t)).transpose()?,
                recorded_at,
                ended_recorded_at,
            })
        })
        .collect()
}

/// An owner's open period on a commitment.
struct OpenPeriod {
    id: i64,
    name: String,
    role: Role,
    valid_from: NaiveDate,
}

fn open_period(conn: &Connection, pk: i64, owner: &OwnerName) -> Result<Option<OpenPeriod>> {
    let found: Option<(i64, String, String, String)> = conn
        .query_row(
            "SELECT p.id, o.name, p.role, p.valid_from FROM assignment_period p JOIN owner o ON o.id = p.owner_id
             WHERE p.commitment_id = ?1 AND o.key = ?2 AND p.valid_to IS NULL",
            params![pk, owner.key()],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()
        .context("reading an assignment")?;
    let Some((id, name, role, from)) = found else { return Ok(None) };
    Ok(Some(OpenPeriod { id, name, role: role.parse()?, valid_from: stored_date(&from)? }))
}

/// Ends an open period on `on`, refusing a date before it began.
fn end_period(
    conn: &Connection,
    open: &OpenPeriod,
    commitment: &str,
    on: NaiveDate,
    now: &str,
) -> Result<()> {
    if on < open.valid_from {
        return Err(Error::OwnerChangeTooEarly {
            owner: open.name.clone(),
            role: open.role.to_string(),
            commitment: commitment.to_string(),
            since: open.valid_from,
            date: on,
        });
    }
    conn.execute(
        "UPDATE assignment_period SET valid_to = ?2, ended_recorded_at = ?3 WHERE id = ?1",
        params![open.id, on.to_string(), now],
    )
    .context("ending an assignment")?;
    Ok(())
}

/// Refuses a new period starting before the end of the owner's last one on the commitment.
fn refuse_overlap(
    conn: &Connection,
    pk: i64,
    owner_id: i64,
    commitment: &str,
    owner: &OwnerName,
    from: NaiveDate,
) -> Result<()> {
    let until: Option<String> = conn
        .query_row(
            "SELECT max(valid_to) FROM assignment_period WHERE commitment_id = ?1 AND owner_id = ?2",
            params![pk, owner_id],
            |row| row.get(0),
        )
        .context("reading an owner's history")?;
    match until.map(|u| stored_date(&u)).transpose()? {
        Some(until) if from < until => Err(Error::OwnerPeriodsOverlap {
            owner: owner.as_str().to_string(),
            commitment: commitment.to_string(),
            until,
            date: from,
        }),
        _ => Ok(()),
    }
}
