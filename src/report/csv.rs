//! CSV output for spreadsheets: a header row always, tidy values, and spreadsheet safety (OWASP
//! CSV injection): a free-text cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading
//! `'` unless `--raw`. `--excel` adds a UTF-8 BOM and CRLF line ends.

use std::borrow::Cow;
use std::io::Write;

use super::CsvStyle;
use crate::error::Result;

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A free-text cell made safe to open in a spreadsheet (unless `raw`).
pub fn safe<'a>(text: &'a str, style: CsvStyle) -> Cow<'a, str> {
    if !style.raw && text.starts_with(FORMULA_START) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Undoes `safe`: a cell ctrack prefixed gets its original text back. A `'` followed by
/// anything else is kept, since people type apostrophes.
pub fn unsafe_text(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => text,
    }
}

/// A CSV writer in ctrack's style over `out`; with `excel`, the BOM is written first. The
/// header comes from the first row serialized.
pub fn writer<W: Write>(out: W, style: CsvStyle) -> Result<csv::Writer<W>> {
    build(out, style, true)
}

/// A CSV writer like `writer` that writes `header` at once, so even a file without rows has
/// its header row; serialized rows then add no header of their own.
pub fn with_header<W: Write>(out: W, style: CsvStyle, header: &[&str]) -> Result<csv::Writer<W>> {
    let mut csv = build(out, style, false)?;
    csv.write_record(header)?;
    Ok(csv)
}

fn build<W: Write>(mut out: W, style: CsvStyle, headers_from_rows: bool) -> Result<csv::Writer<W>> {
    if style.excel {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let terminator = if style.excel { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };
    Ok(csv::WriterBuilder::new().terminator(terminator).has_headers(headers_from_rows).from_writer(out))
}

/// A timestamp as CSV shows it: RFC 3339 UTC, or `YYYY-MM-DD HH:MM:SS` for Excel.
pub fn timestamp<'a>(rfc3339: &'a str, style: CsvStyle) -> Cow<'a, str> {
    if !style.excel {
        return Cow::Borrowed(rfc3339);
    }
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => Cow::Owned(t.with_timezone(&chrono::Utc).format("%Y-%m-%d %H:%M:%S").to_string()),
        Err(_) => Cow::Borrowed(rfc3339),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAFE: CsvStyle = CsvStyle { raw: false, excel: false };
    const RAW: CsvStyle = CsvStyle { raw: true, excel: false };

    #[test]
    fn each_formula_start_gets_a_quote_and_comes_back() {
        for text in ["=1+1", "+33 1 23", "-2", "@SUM(A1)", "\tcmd", "\rx"] {
            let written = safe(text, SAFE);
            assert_eq!(written, format!("'{text}"));
            assert_eq!(unsafe_text(&written), text);
            assert_eq!(safe(text, RAW), text);
        }
    }

    #[test]
    fn ordinary_text_and_apostrophes_are_left_alone() {
        for text in ["Pilot in 3 countries", "'quoted'", "", "a=b", "ITU"] {
            assert_eq!(safe(text, SAFE), text);
            assert_eq!(unsafe_text(text), text);
        }
    }

    #[test]
    fn excel_gets_a_bom_crlf_and_plain_timestamps() {
        let style = CsvStyle { raw: false, excel: true };
        let mut w = writer(Vec::new(), style).unwrap();
        w.write_record(["a", "b"]).unwrap();
        w.write_record([timestamp("2024-03-01T09:30:00Z", style).as_ref(), "x"]).unwrap();
        let bytes = w.into_inner().unwrap();
        assert_eq!(bytes, "\u{feff}a,b\r\n2024-03-01 09:30:00,x\r\n".as_bytes());
    }
}
