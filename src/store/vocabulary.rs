//! What filters may name: the topics of each statement, the owners, the words of the
//! commitment texts; and the SQL function that applies `--search` (`domain::Search`).

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

use super::Store;
use super::db::{NO_PARAMS, Value, params};
use crate::domain::Search;
use crate::error::{DbContext, Result};

/// The name of the SQL function `ctrack_search(text, search)`: 1 when `text` matches `search`.
pub(crate) const SEARCH_FUNCTION: &str = "ctrack_search";

/// Registers `ctrack_search` on a connection. The parsed search is kept between rows.
pub(crate) fn register_search(conn: &Connection) -> Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function(SEARCH_FUNCTION, 2, flags, |ctx| {
        let search = ctx.get_or_create_aux(1, |value| {
            let text = value.as_str().map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)?;
            text.parse::<Search>().map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)
        })?;
        let text = ctx.get_raw(0).as_str().unwrap_or_default();
        Ok(search.matches(text))
    })
    .context("registering the search function")
}

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
