//! `ctrack owners`' outputs: each owner with their lead and support counts, as a table, CSV
//! or JSON.

use std::io::Write;

use super::Terminal;
use super::sink::{RowFormat, Sink};
use super::table::{Column, Table};
use crate::domain::OwnerRow;
use crate::error::Result;

/// The columns of the CSV and JSON forms (`OwnerRow`'s fields).
const COLUMNS: [&str; 3] = ["owner", "lead", "support"];

/// Writes the rows as CSV (names made spreadsheet-safe) or JSON.
pub fn write_rows(rows: Vec<OwnerRow>, format: RowFormat, out: &mut impl Write) -> Result<()> {
    let mut sink = Sink::new(out, format, &COLUMNS)?;
    for row in rows {
        match format {
            RowFormat::Csv(style) => {
                let owner = super::csv::safe(&row.owner, style).into_owned();
                sink.push(&OwnerRow { owner, ..row })?;
            }
            RowFormat::Json => sink.push(&row)?,
        }
    }
    sink.finish()
}

/// Writes the count line, then the table (none when there are no owners).
pub fn write_table(rows: &[OwnerRow], terminal: Terminal, out: &mut impl Write) -> Result<()> {
    let n = rows.len();
    writeln!(out, "{n} owner{}", if n == 1 { "" } else { "s" })?;
    if n == 0 {
        return Ok(());
    }
    table(rows).write(terminal, out)?;
    Ok(())
}

/// Writes the table as Markdown.
pub fn write_markdown(rows: &[OwnerRow], out: &mut impl Write) -> Result<()> {
    Ok(table(rows).write_markdown(out)?)
}

fn table(rows: &[OwnerRow]) -> Table {
    let columns = vec![Column::text("OWNER"), Column::number("LEAD"), Column::number("SUPPORT")];
    let mut t = Table::new(columns, "--format csv has every column");
    for row in rows {
        t.row(vec![row.owner.clone(), row.lead.to_string(), row.support.to_string()]);
    }
    t
}
