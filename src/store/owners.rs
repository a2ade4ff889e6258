//! Owners and their roles on commitments.

use super::Store;
use super::db::{Db, NO_PARAMS, params};
use super::status::stored_date;
use crate::domain::{Assigned, OwnerName, OwnerPeriod, OwnerRow, Role};
use crate::error::{DbContext, Error, Result};
use chrono::NaiveDate;

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
            .query_value("SELECT name FROM owner WHERE key = ?1", params![owner.key()])
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
        self.db()
            .query_map(
                "SELECT o.name,
                        count(CASE WHEN a.role = 'lead' THEN 1 END) AS lead,
                        count(CASE WHEN a.role = 'support' THEN 1 END) AS support
                 FROM owner o
                 LEFT JOIN assignment a ON a.owner_id = o.id AND EXISTS (
                     SELECT 1 FROM commitment c WHERE c.id = a.commitment_id AND c.withdrawn_at IS NULL)
                 WHERE EXISTS (SELECT 1 FROM assignment x WHERE x.owner_id = o.id)
                 GROUP BY o.id
                 ORDER BY o.key",
                NO_PARAMS,
                |row| Ok(OwnerRow { owner: row.get(0)?, lead: row.get(1)?, support: row.get(2)? }),
            )
            .context("listing owners")
    }

    /// The owners of commitment `pk` with their roles: leads first, then by name.
    pub fn owners_of(&self, pk: i64) -> Result<Vec<(String, Role)>> {
        owners_of(self.db(), pk)
    }
}

/// The owners of commitment `pk` with their roles: leads first, then by name.
pub(crate) fn owners_of(db: &dyn Db, pk: i64) -> Result<Vec<(String, Role)>> {
    db.query_map(
        "SELECT o.name, a.role FROM assignment a JOIN owner o ON o.id = a.owner_id
         WHERE a.commitment_id = ?1 ORDER BY a.role = 'support', o.key",
        params![pk],
        |row| Ok((row.get::<String>(0)?, row.get::<String>(1)?.parse()?)),
    )
    .context("listing the owners of a commitment")
}

/// The id of the owner with this name's key, creating the owner if new. The first spelling
/// recorded is the one shown.
pub(crate) fn upsert_owner(db: &dyn Db, name: &OwnerName) -> Result<i64> {
    db.execute(
        "INSERT INTO owner (name, key) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
        params![name.as_str(), name.key()],
    )
    .context("adding an owner")?;
    db.query_value("SELECT id FROM owner WHERE key = ?1", params![name.key()]).context("finding an owner")
}

/// Gives `owner` the `role` on commitment `pk` from `from` on. Returns the previous role, if
/// the owner already had one. Periods of one owner on one commitment never overlap: a change
/// dated before the open period's start, or before the end of the last one, is refused.
pub(crate) fn assign(
    db: &dyn Db,
    pk: i64,
    commitment: &str,
    owner: &OwnerName,
    role: Role,
    from: NaiveDate,
    now: &str,
) -> Result<Option<Role>> {
    let owner_id = upsert_owner(db, owner)?;
    let previous = open_period(db, pk, owner)?;
    match &previous {
        Some(open) if open.role == role => return Ok(Some(role)),
        Some(open) => end_period(db, open, commitment, from, now)?,
        None => refuse_overlap(db, pk, owner_id, commitment, owner, from)?,
    }
    db.execute(
        "INSERT INTO assignment_period (commitment_id, owner_id, role, valid_from, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![pk, owner_id, role.as_str(), from.to_string(), now],
    )
    .context("assigning an owner")?;
    Ok(previous.map(|p| p.role))
}

/// Every assignment period of commitment `pk`, oldest start first.
pub(crate) fn owner_history(db: &dyn Db, pk: i64) -> Result<Vec<OwnerPeriod>> {
    db.query_map(
        "SELECT o.name, p.role, p.valid_from, p.valid_to, p.recorded_at, p.ended_recorded_at
         FROM assignment_period p JOIN owner o ON o.id = p.owner_id
         WHERE p.commitment_id = ?1 ORDER BY p.valid_from, p.id",
        params![pk],
        |r| {
            Ok(OwnerPeriod {
                owner: r.get(0)?,
                role: r.get::<String>(1)?.parse()?,
                from: stored_date(&r.get::<String>(2)?)?,
                to: r.get::<Option<String>>(3)?.map(|t| stored_date(&t)).transpose()?,
                recorded_at: r.get(4)?,
                ended_recorded_at: r.get(5)?,
            })
        },
    )
    .context("reading the owner history")
}

/// An owner's open period on a commitment.
struct OpenPeriod {
    id: i64,
    name: String,
    role: Role,
    valid_from: NaiveDate,
}

fn open_period(db: &dyn Db, pk: i64, owner: &OwnerName) -> Result<Option<OpenPeriod>> {
    db.query_row_opt(
        "SELECT p.id, o.name, p.role, p.valid_from FROM assignment_period p JOIN owner o ON o.id = p.owner_id
         WHERE p.commitment_id = ?1 AND o.key = ?2 AND p.valid_to IS NULL",
        params![pk, owner.key()],
        |row| {
            Ok(OpenPeriod {
                id: row.get(0)?,
                name: row.get(1)?,
                role: row.get::<String>(2)?.parse()?,
                valid_from: stored_date(&row.get::<String>(3)?)?,
            })
        },
    )
    .context("reading an assignment")
}

/// Ends an open period on `on`, refusing a date before it began.
fn end_period(db: &dyn Db, open: &OpenPeriod, commitment: &str, on: NaiveDate, now: &str) -> Result<()> {
    if on < open.valid_from {
        return Err(Error::OwnerChangeTooEarly {
            owner: open.name.clone(),
            role: open.role.to_string(),
            commitment: commitment.to_string(),
            since: open.valid_from,
            date: on,
        });
    }
    db.execute(
        "UPDATE assignment_period SET valid_to = ?2, ended_recorded_at = ?3 WHERE id = ?1",
        params![open.id, on.to_string(), now],
    )
    .context("ending an assignment")?;
    Ok(())
}

/// Refuses a new period starting before the end of the owner's last one on the commitment.
fn refuse_overlap(
    db: &dyn Db,
    pk: i64,
    owner_id: i64,
    commitment: &str,
    owner: &OwnerName,
    from: NaiveDate,
) -> Result<()> {
    let until: Option<String> = db
        .query_value(
            "SELECT max(valid_to) FROM assignment_period WHERE commitment_id = ?1 AND owner_id = ?2",
            params![pk, owner_id],
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
