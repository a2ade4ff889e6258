//! Owners and their roles on commitments.

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::{OwnerName, Role};
use crate::error::{DbContext, Result};

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
