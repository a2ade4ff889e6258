//! Reading CSV files users hand ctrack: a header row is required, columns may come in any
//! order, unknown columns are refused by name, and bad rows are collected (`line N: what
//! (value)`) so one run reports them all.

use csv::StringRecord;

use crate::error::{Error, Result};

/// At most this many bad rows are listed; the rest are counted.
pub const MAX_PROBLEMS: usize = 50;

/// Where each known column sits in a file's header.
#[derive(Debug)]
pub struct Columns {
    // A short list: scanning it is cheaper than hashing, and this is read for every cell.
    index: Vec<(&'static str, usize)>,
}

impl Columns {
    /// Maps `header`; every `required` column must be present, and every column must be
    /// `required`, `optional` or `ignored`.
    pub fn new(
        file: &str,
        header: &StringRecord,
        required: &[&'static str],
        optional: &[&'static str],
        ignored: &[&'static str],
    ) -> Result<Columns> {
        let mut index: Vec<(&'static str, usize)> = Vec::new();
        let known = || required.iter().chain(optional).chain(ignored);
        for (i, name) in header.iter().enumerate() {
            let name = name.trim();
            let Some(column) = known().find(|k| **k == name) else {
                let expected = known().copied().collect::<Vec<_>>().join(", ");
                return Err(Error::BadValue {
                    what: "column",
                    value: name.to_string(),
                    expected: format!("{file} may only have the columns {expected}; rename or remove it"),
                });
            };
            if index.iter().any(|(known, _)| known == column) {
                return Err(Error::BadValue {
                    what: "column",
                    value: name.to_string(),
                    expected: format!("it appears twice in the header of {file}; keep one"),
                });
            }
            index.push((*column, i));
        }
        if let Some(missing) = required.iter().find(|r| !index.iter().any(|(known, _)| known == *r)) {
            return Err(Error::BadValue {
                what: "header",
                value: header.iter().collect::<Vec<_>>().join(","),
                expected: format!(
                    "{file} needs a header row with the column {missing} (required: {})",
                    required.join(", ")
                ),
            });
        }
        Ok(Columns { index })
    }

    /// The cell of `column` in `record`, trimmed; `""` when the column is absent.
    pub fn get<'r>(&self, record: &'r StringRecord, column: &str) -> &'r str {
        self.get_raw(record, column).trim()
    }

    /// The cell of `column` in `record` as written; `""` when the column is absent.
    pub fn get_raw<'r>(&self, record: &'r StringRecord, column: &str) -> &'r str {
        let position = self.index.iter().find(|(known, _)| *known == column).map(|(_, i)| *i);
        position.and_then(|i| record.get(i)).unwrap_or("")
    }
}

/// Bad rows found while checking a file.
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<String>,
    more: usize,
    /// Distinct lines with a problem (problems arrive in line order).
    rows: usize,
    last_line: Option<u64>,
}

impl Problems {
    /// Notes a problem on a line: `what` and the offending value.
    pub fn add(&mut self, line: u64, what: impl std::fmt::Display, value: &str) {
        self.push(line, format!("line {line}: {what} ({value:?})"));
    }

    /// Notes a domain error on a line (its message already names the value).
    pub fn add_error(&mut self, line: u64, error: &Error) {
        self.push(line, format!("line {line}: {error}"));
    }

    fn push(&mut self, line: u64, problem: String) {
        if self.last_line != Some(line) {
            self.rows += 1;
            self.last_line = Some(line);
        }
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(problem);
        } else {
            self.more += 1;
        }
    }

    /// How many problems were noted.
    pub fn count(&self) -> usize {
        self.list.len() + self.more
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Fails with every problem listed, or succeeds when there is none.
    pub fn into_result(self, file: &str) -> Result<()> {
        if self.list.is_empty() {
            return Ok(());
        }
        Err(Error::BadRows { file: file.to_string(), rows: self.rows, problems: self.list, more: self.more })
    }
}

/// The line a record starts on, for messages (1 is the header).
pub fn line_of(record: &StringRecord) -> u64 {
    record.position().map_or(0, |p| p.line())
}

/// A CSV reader with ctrack's settings: header required, flexible row lengths refused.
pub fn reader<R: std::io::Read>(input: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(input)
}
