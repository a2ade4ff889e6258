//! What filters may name: the topics of each statement, the owners, the words of the
//! commitment texts.

use super::Store;
use super::db::{NO_PARAMS, Value, params};
use crate::error::{DbContext, Result};

impl Store {
    /// Every topic number, with its statement's key, by key and number (only statement `key`'s
    /// when given).
    pub fn topic_numbers(&self, key: Option<&str>) -> Result<Vec<(String, u32)>> {
        self.db()
            .query_map(
                "SELECT s.key, t.no FROM topic t JOIN statement s ON s.id = t.statement_id
                 WHERE CAST(?1 AS TEXT) IS NULL OR s.key = ?1 ORDER BY s.key, t.no",
                params![key],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .context("listing topics")
    }

    /// Every owner's name, by name.
    pub fn owner_names(&self) -> Result<Vec<String>> {
        self.db()
            .query_column("SELECT name FROM owner ORDER BY key", NO_PARAMS)
            .context("listing owner names")
    }

    /// Calls `each` with the text of every commitment that is not withdrawn (only statement
    /// `key`'s when given).
    pub fn for_each_text(&self, key: Option<&str>, mut each: impl FnMut(&str)) -> Result<()> {
        self.db()
            .for_each(
                "SELECT c.text FROM commitment c JOIN statement s ON s.id = c.statement_id
                 WHERE c.withdrawn_at IS NULL AND (CAST(?1 AS TEXT) IS NULL OR s.key = ?1)",
                params![key],
                |row| {
                    match row.value(0).context("reading a commitment text")? {
                        Value::Text(text) => each(text),
                        _ => each(""),
                    }
                    Ok(())
                },
            )
            .context("reading commitment texts")
    }
}
