//! Finding commitments by the ids users type, full or short.

use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use crate::domain::{Code, CommitmentRef, CommitmentRow};
use crate::error::{DbContext, Error, Result};

impl Store {
    /// Finds the commitment a user means. A short id names the preferred statement's
    /// commitment if it has one (see `prefer_statement`), else it must match exactly one
    /// statement; an unknown or ambiguous id is an error that lists the close matches.
    pub fn resolve(&self, typed: &CommitmentRef) -> Result<CommitmentRow> {
        resolve(self.conn(), typed, self.preferred.as_deref())
    }
}

/// `Store::resolve` on any connection (also inside a transaction).
pub(crate) fn resolve(
    conn: &Connection,
    typed: &CommitmentRef,
    preferred: Option<&str>,
) -> Result<CommitmentRow> {
    if let (None, Some(key)) = (&typed.statement, preferred) {
        super::edits::statement_id(conn, key).map_err(|e| match e {
            Error::UnknownStatement { key, known } => Error::UnknownPreferredStatement { key, known },
            other => other,
        })?;
        let within = CommitmentRef { statement: Some(key.to_string()), code: typed.code };
        if let Ok([row]) = <[CommitmentRow; 1]>::try_from(lookup(conn, &within)?) {
            return Ok(row);
        }
    }
    let found = lookup(conn, typed)?;
    match <[CommitmentRow; 1]>::try_from(found) {
        Ok([row]) => Ok(row),
        Err(found) if found.is_empty() => {
            Err(Error::UnknownCommitment { id: typed.to_string(), matches: close_ids(conn, typed)? })
        }
        Err(found) => Err(Error::AmbiguousCommitment {
            id: typed.to_string(),
            matches: found.into_iter().map(|r| r.id).collect(),
        }),
    }
}

/// The commitments a typed id matches, by statement key.
fn lookup(conn: &Connection, typed: &CommitmentRef) -> Result<Vec<CommitmentRow>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT c.id, s.key, c.withdrawn_at IS NOT NULL, c.withdrawn_reason FROM commitment c
                 JOIN statement s ON s.id = c.statement_id
                 WHERE c.ref_topic = ?1 AND c.ref_paragraph = ?2 AND c.ref_clause = ?3
                   AND (?4 IS NULL OR s.key = ?4)
                 ORDER BY s.key",
        )
        .context("preparing the id lookup")?;
    let code = typed.code;
    let found: Vec<CommitmentRow> = stmt
        .query_map(params![code.topic, code.paragraph, code.clause, typed.statement], |row| {
            Ok(CommitmentRow {
                pk: row.get(0)?,
                id: format!("{}:{code}", row.get::<_, String>(1)?),
                withdrawn: row.get(2)?,
                withdrawn_reason: row.get(3)?,
            })
        })
        .context("looking up a commitment")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading a commitment")?;
    Ok(found)
}

/// Up to five ids near a typed one: in the same statement if it exists, then the fewest
/// edits away.
fn close_ids(conn: &Connection, typed: &CommitmentRef) -> Result<Vec<String>> {
    let known_statement = match &typed.statement {
        Some(key) => conn
            .query_row("SELECT 1 FROM statement WHERE key = ?1", [key], |_| Ok(()))
            .optional()
            .context("looking up a statement")?
            .is_some(),
        None => true,
    };
    let key = typed.statement.as_ref().filter(|_| known_statement);
    let mut stmt = conn
        .prepare(
            "SELECT s.key, c.ref_topic, c.ref_paragraph, c.ref_clause FROM commitment c
                 JOIN statement s ON s.id = c.statement_id
                 WHERE (?1 IS NULL OR s.key = ?1) AND c.withdrawn_at IS NULL",
        )
        .context("preparing the id suggestions")?;
    let ids = stmt
        .query_map([key], |row| {
            let code = Code { topic: row.get(1)?, paragraph: row.get(2)?, clause: row.get(3)? };
            Ok((row.get::<_, String>(0)?, code))
        })
        .context("listing ids")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading ids")?;
    Ok(crate::domain::close_matches(typed, ids))
}

/// The full id, `KEY:T.P.C`, of commitment `pk`.
pub(crate) fn full_id(conn: &Connection, pk: i64) -> Result<String> {
    conn.query_row(
        "SELECT s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause
         FROM commitment c JOIN statement s ON s.id = c.statement_id WHERE c.id = ?1",
        [pk],
        |row| row.get(0),
    )
    .context("reading a commitment id")
}
