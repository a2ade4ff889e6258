//! Progress entries and the evidence logged with them. Entries are append-only: the only
//! change ever made to one is its retraction.

use rusqlite::{Connection, params};

use crate::domain::NewEntry;
use crate::error::{DbContext, Result};

/// Appends `entry` and links its evidence URLs to it; returns the new entry's id. Runs inside
/// the caller's transaction, with cached statements, so bulk imports can call it per row.
pub(crate) fn insert_entry(conn: &Connection, entry: &NewEntry, recorded_at: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO entry (commitment_id, as_of, recorded_at, status, percent, note, author)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            entry.commitment,
            entry.as_of.to_string(),
            recorded_at,
            entry.status.as_str(),
            entry.effective_percent().map(|p| p.get()),
            entry.note,
            entry.author,
        ])
    })
    .context("recording an entry")?;
    let id = conn.last_insert_rowid();
    for url in &entry.evidence {
        conn.prepare_cached(
            "INSERT INTO evidence (commitment_id, entry_id, url, added_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT DO NOTHING",
        )
        .and_then(|mut stmt| stmt.execute(params![entry.commitment, id, url.as_str(), recorded_at]))
        .context("linking evidence to an entry")?;
    }
    Ok(id)
}
