//! Reading CSV files users hand ctrack: separated by commas, semicolons or tabs (the header
//! line tells), a header row required, columns in any order, unknown columns refused by name,
//! and bad rows collected (`line N: what (value)`) so one run reports them all. What the csv
//! crate accepts silently is refused: a NUL byte refuses the whole file; a quote never closed
//! is a bad line, and the lines it swallowed are read and checked on their own.

use std::io::{Cursor, Read};

use csv::StringRecord;

pub use super::csv_scan::Separator;
use super::csv_scan::{Scan, Sniffed, sniff};
use crate::error::{Error, Result, quote};

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
        separator: Separator,
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
                    expected: format!(
                        "{file} may only have the columns {expected}; rename or remove it{}",
                        separator_hint(separator, header)
                    ),
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

/// For a header read as one column, which separator split it: the file may use another.
fn separator_hint(separator: Separator, header: &StringRecord) -> String {
    match header.len() {
        1 => format!(
            " (the header line has no {}, \";\" or tab between column names; ctrack reads cells separated by one of those)",
            separator.shown()
        ),
        _ => String::new(),
    }
}

/// Bad rows found while checking a file.
#[derive(Debug, Default)]
pub struct Problems {
    /// The first problems, with their lines.
    list: Vec<(u64, String)>,
    more: usize,
    /// Of `more`, those on the last line with a problem.
    more_on_last_line: usize,
    /// Distinct lines with a problem (problems arrive in line order).
    rows: usize,
    last_line: Option<u64>,
}

impl Problems {
    /// Notes a problem on a line: `what` and the offending value.
    pub fn add(&mut self, line: u64, what: impl std::fmt::Display, value: &str) {
        self.push(line, format!("line {line}: {what} ({})", quote(value)));
    }

    /// Notes a domain error on a line (its message already names the value).
    pub fn add_error(&mut self, line: u64, error: &Error) {
        self.push(line, format!("line {line}: {error}"));
    }

    /// Notes a problem on a line told in a whole sentence that names the line.
    pub fn add_sentence(&mut self, line: u64, sentence: String) {
        self.push(line, sentence);
    }

    fn push(&mut self, line: u64, problem: String) {
        if self.last_line != Some(line) {
            self.rows += 1;
            self.last_line = Some(line);
            self.more_on_last_line = 0;
        }
        if self.list.len() < MAX_PROBLEMS {
            self.list.push((line, problem));
        } else {
            self.more += 1;
            self.more_on_last_line += 1;
        }
    }

    /// Forgets the problems found on `line` when it is the last line with problems: they
    /// were about a row that turned out to be something else.
    fn forget_last_line(&mut self, line: u64) {
        if self.last_line != Some(line) {
            return;
        }
        self.list.retain(|(l, _)| *l != line);
        self.more -= self.more_on_last_line;
        self.more_on_last_line = 0;
        self.rows -= 1;
        self.last_line = self.list.last().map(|(l, _)| *l);
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
        let problems = self.list.into_iter().map(|(_, problem)| problem).collect();
        Err(Error::BadRows { file: file.to_string(), rows: self.rows, problems, more: self.more })
    }
}

/// The line a record starts on, for messages (1 is the header).
pub fn line_of(record: &StringRecord) -> u64 {
    record.position().map_or(0, |p| p.line())
}

/// A CSV file being read: its separator, found from the header line, and its rows.
pub struct CsvFile<R: Read> {
    name: String,
    separator: Separator,
    reader: csv::Reader<Scan<Sniffed<R>>>,
    header: StringRecord,
}

impl<R: Read> CsvFile<R> {
    /// Opens `input`, named `name` in messages, and reads its header line.
    pub fn open(name: &str, input: R) -> Result<CsvFile<R>> {
        let (separator, input) = sniff(input).map_err(|e| read_error(name, csv::Error::from(e)))?;
        let mut reader = builder(separator).has_headers(true).from_reader(Scan::new(input, separator));
        let header = reader.headers().map_err(|e| read_error(name, e))?.clone();
        Ok(CsvFile { name: name.to_string(), separator, reader, header })
    }

    /// Maps the header's columns (see `Columns::new`).
    pub fn columns(
        &self,
        required: &[&'static str],
        optional: &[&'static str],
        ignored: &[&'static str],
    ) -> Result<Columns> {
        Columns::new(&self.name, self.separator, &self.header, required, optional, ignored)
    }

    /// The header row.
    pub fn header(&self) -> &StringRecord {
        &self.header
    }

    /// Calls `each` with every row that has as many cells as the header, and notes a problem
    /// for each row that does not. A quote left open at the end is a problem on its line,
    /// and the lines after it are read on their own. A NUL byte refuses the whole file.
    pub fn for_each(
        mut self,
        problems: &mut Problems,
        mut each: impl FnMut(&StringRecord, &mut Problems) -> Result<()>,
    ) -> Result<()> {
        let mut rows =
            Rows { name: &self.name, separator: self.separator, header: &self.header, line_offset: 0 };
        rows.read(&mut self.reader, problems, &mut each)?;
        let (nul, mut unclosed) = self.reader.into_inner().into_ending();
        if let Some(line) = nul {
            return Err(refuse(
                &self.name,
                format!(
                    "line {line} contains a NUL byte, so it is not UTF-8 text (saved as UTF-16?); save it as CSV UTF-8 and import again"
                ),
            ));
        }
        while let Some((line, rest)) = unclosed {
            let line = line + rows.line_offset;
            problems.forget_last_line(line);
            problems.add_sentence(line, format!(
                "line {line}: a quote opens a cell and is never closed; close it (a quote inside a cell is written \"\"); the lines after it were checked on their own"
            ));
            let scan = Scan::new(Cursor::new(rest), self.separator);
            let mut reader = builder(self.separator).has_headers(false).from_reader(scan);
            rows.line_offset = line;
            rows.read(&mut reader, problems, &mut each)?;
            unclosed = reader.into_inner().into_ending().1;
        }
        Ok(())
    }
}

/// Reads records, numbering lines from `line_offset`.
struct Rows<'f> {
    name: &'f str,
    separator: Separator,
    header: &'f StringRecord,
    line_offset: u64,
}

impl Rows<'_> {
    fn read<S: Read>(
        &self,
        reader: &mut csv::Reader<S>,
        problems: &mut Problems,
        each: &mut impl FnMut(&StringRecord, &mut Problems) -> Result<()>,
    ) -> Result<()> {
        let mut record = StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => return Ok(()),
                Err(e) if e.is_io_error() => return Err(read_error(self.name, e)),
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line()) + self.line_offset;
                    problems.add(line, "unreadable row", &e.to_string());
                    continue;
                }
            }
            if let Some(mut position) = record.position().cloned() {
                position.set_line(position.line() + self.line_offset);
                record.set_position(Some(position));
            }
            if record.iter().any(|cell| cell.contains('\0')) {
                // The scan refuses the whole file once it is read; the row must not reach a
                // database meanwhile (PostgreSQL rejects a NUL in text with an error of its own).
                continue;
            } else if record.len() == self.header.len() {
                each(&record, problems)?;
            } else {
                problems.add_sentence(line_of(&record), self.wrong_length(&record));
            }
        }
    }

    /// "line 3 has 8 fields; the header has 10: …", and what to do.
    fn wrong_length(&self, record: &StringRecord) -> String {
        let separator = char::from(self.separator.byte());
        // The header passed `Columns::new`: only known column names, safe to print.
        let header = self.header.iter().map(str::trim).collect::<Vec<_>>().join(&separator.to_string());
        let fix = if record.len() < self.header.len() {
            "add the missing cells (a cell may be empty)".to_string()
        } else {
            format!("a cell that contains {} must be in double quotes", self.separator.shown())
        };
        format!(
            "line {} has {} fields; the header has {}: {header}; {fix}",
            line_of(record),
            record.len(),
            self.header.len(),
        )
    }
}

fn builder(separator: Separator) -> csv::ReaderBuilder {
    let mut builder = csv::ReaderBuilder::new();
    // Row lengths are checked here, to say which line is short and what the header has.
    builder.delimiter(separator.byte()).flexible(true);
    builder
}

fn refuse(name: &str, why: String) -> Error {
    Error::BadValue { what: "CSV file", value: name.to_string(), expected: why }
}

/// The error for a file that cannot be read at all.
pub fn read_error(name: &str, e: csv::Error) -> Error {
    refuse(name, format!("it cannot be read ({e}); save it as UTF-8 CSV with a header row"))
}
