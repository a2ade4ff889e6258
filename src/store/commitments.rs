//! Finding commitments by the ids users type, full or short.

use super::Store;
use super::db::{Db, params};
use crate::domain::{Code, CommitmentRef, CommitmentRow};
use crate::error::{DbContext, Error, Result};

impl Store {
    /// Finds the commitment a user means. A short id names the preferred statement's
    /// commitment if it has one (see `prefer_statement`), else it must match exactly one
    /// statement; an unknown or ambiguous id is an error that lists the close matches.
    pub fn resolve(&self, typed: &CommitmentRef) -> Result<CommitmentRow> {
        resolve(self.db(), typed, self.preferred.as_deref())
    }
}

/// `Store::resolve` on any connection (also inside a transaction).
pub(crate) fn resolve(db: &dyn Db, typed: &CommitmentRef, preferred: Option<&str>) -> Result<CommitmentRow> {
    if let (None, Some(key)) = (&typed.statement, preferred) {
        super::edits::statement_id(db, key).map_err(|e| match e {
            Error::UnknownStatement { key, known } => Error::UnknownPreferredStatement { key, known },
            other => other,
        })?;
        let within = CommitmentRef { statement: Some(key.to_string()), code: typed.code };
        if let Ok([row]) = <[CommitmentRow; 1]>::try_from(lookup(db, &within)?) {
            return Ok(row);
        }
    }
    let found = lookup(db, typed)?;
    match <[CommitmentRow; 1]>::try_from(found) {
        Ok([row]) => Ok(row),
        Err(found) if found.is_empty() => {
            Err(Error::UnknownCommitment { id: typed.to_string(), matches: close_ids(db, typed)? })
        }
        Err(found) => Err(Error::AmbiguousCommitment {
            id: typed.to_string(),
            matches: found.into_iter().map(|r| r.id).collect(),
        }),
    }
}

/// The commitments a typed id matches, by statement key.
fn lookup(db: &dyn Db, typed: &CommitmentRef) -> Result<Vec<CommitmentRow>> {
    let code = typed.code;
    let found: Vec<CommitmentRow> = db
        .query_map(
            "SELECT c.id, s.key, CASE WHEN c.withdrawn_at IS NOT NULL THEN 1 ELSE 0 END, c.withdrawn_reason
                 FROM commitment c
                 JOIN statement s ON s.id = c.statement_id
                 WHERE c.ref_topic = ?1 AND c.ref_paragraph = ?2 AND c.ref_clause = ?3
                   AND (CAST(?4 AS TEXT) IS NULL OR s.key = ?4)
                 ORDER BY s.key",
            params![code.topic, code.paragraph, code.clause, typed.statement],
            |row| {
                Ok(CommitmentRow {
                    pk: row.get(0)?,
                    id: format!("{}:{code}", row.get::<String>(1)?),
                    withdrawn: row.get(2)?,
                    withdrawn_reason: row.get(3)?,
                })
            },
        )
        .context("looking up a commitment")?;
    Ok(found)
}

/// Up to five ids near a typed one: in the same statement if it exists, then the fewest
/// edits away.
fn close_ids(db: &dyn Db, typed: &CommitmentRef) -> Result<Vec<String>> {
    let known_statement = match &typed.statement {
        Some(key) => db
            .query_row_opt("SELECT 1 FROM statement WHERE key = ?1", params![key], |_| Ok(()))
            .context("looking up a statement")?
            .is_some(),
        None => true,
    };
    let key = typed.statement.as_ref().filter(|_| known_statement);
    let ids = db
        .query_map(
            "SELECT s.key, c.ref_topic, c.ref_paragraph, c.ref_clause FROM commitment c
                 JOIN statement s ON s.id = c.statement_id
                 WHERE (CAST(?1 AS TEXT) IS NULL OR s.key = ?1) AND c.withdrawn_at IS NULL",
            params![key],
            |row| {
                let code = Code { topic: row.get(1)?, paragraph: row.get(2)?, clause: row.get(3)? };
                Ok((row.get::<String>(0)?, code))
            },
        )
        .context("listing ids")?;
    Ok(crate::domain::close_matches(typed, ids))
}

/// The full id, `KEY:T.P.C`, of commitment `pk`.
pub(crate) fn full_id(db: &dyn Db, pk: i64) -> Result<String> {
    db.query_value(
        "SELECT s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause
         FROM commitment c JOIN statement s ON s.id = c.statement_id WHERE c.id = ?1",
        params![pk],
    )
    .context("reading a commitment id")
}
