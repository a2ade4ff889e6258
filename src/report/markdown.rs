//! GitHub-flavoured Markdown tables: a header, an alignment row (numbers right-aligned), and
//! cells escaped so text can never split a cell or a row.

use std::io::{self, Write};

/// Writes a table with `header`; columns named in `right` are right-aligned.
pub fn write_table(
    out: &mut impl Write,
    header: &[&str],
    right: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> io::Result<()> {
    write_row(out, header.iter().copied())?;
    let align = header.iter().map(|name| if right.contains(name) { "---:" } else { "---" });
    write_row(out, align)?;
    for row in rows {
        write_row(out, row.iter().map(|cell| escape(cell)))?;
    }
    Ok(())
}

/// Writes a table whose cells the caller has already made safe (e.g. with `escape`, or Markdown
/// links built to be safe in a cell).
pub fn write_escaped_table(
    out: &mut impl Write,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> io::Result<()> {
    write_row(out, header.iter().copied())?;
    write_row(out, header.iter().map(|_| "---"))?;
    for row in rows {
        write_row(out, row.iter())?;
    }
    Ok(())
}

fn write_row<S: AsRef<str>>(out: &mut impl Write, cells: impl Iterator<Item = S>) -> io::Result<()> {
    out.write_all(b"|")?;
    for cell in cells {
        write!(out, " {} |", cell.as_ref())?;
    }
    out.write_all(b"\n")
}

/// A cell's text made safe inside a table: `\` and `|` escaped, line breaks made spaces.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '|' => escaped.push_str("\\|"),
            '\r' | '\n' => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_backslashes_and_line_breaks_cannot_break_the_table() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("a\\|b"), "a\\\\\\|b");
        assert_eq!(escape("two\nlines\r\n"), "two lines  ");
        assert_eq!(escape("数字 · plain"), "数字 · plain");
    }

    #[test]
    fn numbers_align_right() {
        let mut out = Vec::new();
        write_table(&mut out, &["GROUP", "N"], &["N"], [vec!["a|b".to_string(), "3".to_string()]]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "| GROUP | N |\n| --- | ---: |\n| a\\|b | 3 |\n");
    }
}
