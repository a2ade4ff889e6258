//! Owners and their roles on commitments.

use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use crate::domain::{Assigned, OwnerName, OwnerRow, Role};
use crate::error::{DbContext, Result};

impl Store {
    /// Gives `owner` the `role` on commitment `pk`, in one transaction (creating the owner if
    /// new, changing the role if already an owner).
    pub fn assign(&mut self, pk: i64, owner: &OwnerName, role: Role, now: &str) -> Result<Assigned> {
        let tx = self.write()?;
        let previous = assign(&tx, pk, owner, role, now)?;
        let name = tx
            .query_row("SELECT name FROM owner WHERE key = ?1", [owner.key()], |row| row.get(0))
            .context("reading an owner")?;
        tx.commit().context("committing the assignment")?;
        Ok(Assigned { owner: name, previous })
    }

    /// Removes `owner` from commitment `pk`, in one transaction; returns the owner's name and
    /// former role, or `None` (nothing written) when they were not an owner of it. An owner left
    /// with no commitment at all is forgotten, so a misspelt name does not linger.
    pub fn unassign(&mut self, pk: i64, owner: &OwnerName) -> Result<Option<(String, Role)>> {
        let tx = self.write()?;
        let found: Option<(i64, String, String)> = tx
            .query_row(
                "SELECT o.id, o.name, a.role FROM assignment a JOIN owner o ON o.id = a.owner_id
                 WHERE a.commitment_id = ?1 AND o.key = ?2",
                params![pk, owner.key()],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()
            .context("reading an assignment")?;
        let Some((owner_id, name, role)) = found else {
            return Ok(None);
        };
        tx.execute(
            "DELETE FROM assignment WHERE commitment_id = ?1 AND owner_id = ?2",
            params![pk, owner_id],
        )
        .context("removing an owner")?;
        tx.execute(
            "DELETE FROM owner WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM assignment WHERE owner_id = ?1)",
            [owner_id],
        )
        .context("forgetting an owner")?;
        tx.commit().context("committing the removal")?;
        Ok(Some((name, role.parse()?)))
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

/// Gives `owner` the `role` on commitment `pk`. Returns the previous role, if the owner
/// already had one.
pub(crate) fn assign(
    conn: &Connection,
    pk: i64,
    owner: &OwnerName,
    role: Role,
    now: &str,
) -> Result<Option<Role>> {
    let owner_id = upsert_owner(conn, owner)?;
    let previous: Option<String> = conn
        .query_row(
            "SELECT role FROM assignment WHERE commitment_id = ?1 AND owner_id = ?2",
            params![pk, owner_id],
            |row| row.get(0),
        )
        .optional()
        .context("reading an assignment")?;
    conn.prepare_cached(
        "INSERT INTO assignment (commitment_id, owner_id, role, assigned_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (commitment_id, owner_id) DO UPDATE SET role = excluded.role",
    )
    .and_then(|mut stmt| stmt.execute(params![pk, owner_id, role.as_str(), now]))
    .context("assigning an owner")?;
    previous.map(|r| r.parse()).transpose()
}
