//! Reading CSV files users hand ctrack: a header row is required, columns may come in any
//! order, unknown columns are refused by name, and bad rows are collected (`line N: what
//! (value)`) so one run reports them all. What the csv crate accepts silently — a quote that is
//! never closed, NUL bytes — refuses the whole file.

use std::io::Read;

use csv::StringRecord;

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
        self.push(line, format!("line {line}: {what} ({})", quote(value)));
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

/// A CSV reader with ctrack's settings: header required, flexible row lengths refused. Its
/// input is scanned as it is read; call `finish` once every record has been read.
pub fn reader<R: Read>(input: R) -> csv::Reader<Scan<R>> {
    csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(Scan::new(input))
}

/// Refuses a file the csv crate read without complaint but which cannot mean what it says: one
/// with a quoted cell still open at the end (every row after the quote became part of that
/// cell) or with a NUL byte (a UTF-16 or binary file). Call after the last record.
pub fn finish<R: Read>(name: &str, reader: &csv::Reader<Scan<R>>) -> Result<()> {
    let scan = reader.get_ref();
    let refuse =
        |why: String| Err(Error::BadValue { what: "CSV file", value: name.to_string(), expected: why });
    if let Some(line) = scan.nul_line {
        return refuse(format!(
            "line {line} contains a NUL byte, so it is not UTF-8 text (saved as UTF-16?); save it as CSV UTF-8 and import again"
        ));
    }
    if scan.state == Quote::Open {
        return refuse(format!(
            "the quote that opens a cell on line {} is never closed, so the rest of the file was read as that one cell; close it (a quote inside a cell is written \"\") and import again",
            scan.open_line
        ));
    }
    Ok(())
}

/// Where a CSV scanner stands, as the csv crate's parser would (RFC 4180, with `""` for a quote
/// inside a quoted cell and a quote inside an unquoted cell kept as written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    /// At the start of a cell.
    CellStart,
    /// Inside a cell that did not start with a quote.
    Unquoted,
    /// Inside a quoted cell.
    Open,
    /// Just after a quote inside a quoted cell: it closed the cell, or starts `""`.
    MaybeClosed,
}

/// Passes bytes through unchanged while following the quoting and noting NUL bytes.
pub struct Scan<R> {
    inner: R,
    state: Quote,
    /// Bytes seen, to skip a UTF-8 byte order mark as the csv crate does.
    seen: u64,
    /// The current line (1 is the first).
    line: u64,
    /// The line where the cell that is open now started.
    open_line: u64,
    /// The first line with a NUL byte.
    nul_line: Option<u64>,
}

impl<R> Scan<R> {
    fn new(inner: R) -> Scan<R> {
        Scan { inner, state: Quote::CellStart, seen: 0, line: 1, open_line: 0, nul_line: None }
    }

    fn step(&mut self, byte: u8) {
        self.seen += 1;
        let at_bom = self.seen <= 3 && byte == [0xef, 0xbb, 0xbf][self.seen as usize - 1];
        if at_bom && self.state == Quote::CellStart {
            return;
        }
        if byte == 0 && self.nul_line.is_none() {
            self.nul_line = Some(self.line);
        }
        let ends_cell = matches!(byte, b',' | b'\n' | b'\r');
        self.state = match (self.state, byte) {
            (Quote::CellStart, b'"') => {
                self.open_line = self.line;
                Quote::Open
            }
            (Quote::CellStart | Quote::Unquoted | Quote::MaybeClosed, _) if ends_cell => Quote::CellStart,
            (Quote::CellStart | Quote::Unquoted, _) => Quote::Unquoted,
            (Quote::Open, b'"') => Quote::MaybeClosed,
            (Quote::Open, _) => Quote::Open,
            (Quote::MaybeClosed, b'"') => Quote::Open,
            (Quote::MaybeClosed, _) => Quote::Unquoted,
        };
        if byte == b'\n' {
            self.line += 1;
        }
    }
}

impl<R: Read> Read for Scan<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        buf[..n].iter().for_each(|b| self.step(*b));
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a scan of `bytes` finds: the line of an unclosed quote, the line of a NUL.
    fn scan(bytes: &[u8]) -> (Option<u64>, Option<u64>) {
        let mut scan = Scan::new(bytes);
        std::io::copy(&mut scan, &mut std::io::sink()).unwrap();
        ((scan.state == Quote::Open).then_some(scan.open_line), scan.nul_line)
    }

    #[test]
    fn only_a_quote_left_open_at_the_end_is_unclosed() {
        for (bytes, want) in [
            (&b"a,b\n1,2\n"[..], None),
            (b"a,\"b,c\"\n", None),
            (b"a,\"say \"\"hi\"\"\"\n", None),
            (b"a,\"two\nlines\"\n", None),
            (b"a,5\" screen\n", None),
            (b"\xef\xbb\xbf\"a,b\",c\n", None),
            (b"a,\"b\"x,c\n", None),
            (b"a,b\n1,\"oops\n2,3\n", Some(2)),
            (b"a,b\r\n1,2\r\n3,\"oops", Some(3)),
            (b"\"", Some(1)),
        ] {
            assert_eq!(scan(bytes).0, want, "{:?}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn the_first_nul_byte_is_found_on_its_line() {
        assert_eq!(scan(b"a,b\n1,2\n").1, None);
        assert_eq!(scan(b"a,b\n1,2\n3,\0\n\0").1, Some(3));
        assert_eq!(scan(&"a,b".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>()).1, Some(1));
    }
}
