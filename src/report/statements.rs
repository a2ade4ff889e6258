//! `ctrack statements`' outputs: each statement with its commitment counts, as a table, CSV
//! or JSON.

use std::io::Write;

use super::table::{Column, Table};
use super::{CsvStyle, Terminal, json};
use crate::domain::StatementRow;
use crate::error::Result;

/// Writes the rows as a JSON array.
pub fn write_json(rows: &[StatementRow], out: &mut impl Write) -> Result<()> {
    json::write_value(out, &rows)
}

/// Writes the rows as CSV.
pub fn write_csv(rows: &[StatementRow], out: &mut impl Write) -> Result<()> {
    let mut csv = super::csv::with_header(out, CsvStyle::default(), &StatementRow::HEADER)?;
    for row in rows {
        // Free text (the title) is made spreadsheet-safe like every CSV ctrack writes.
        let title = super::csv::safe(&row.title, CsvStyle::default());
        csv.serialize(StatementRow { title: title.into_owned(), ..row.clone() })?;
    }
    csv.flush()?;
    Ok(())
}

/// Writes the count line, then the table.
pub fn write_table(rows: &[StatementRow], terminal: Terminal, out: &mut impl Write) -> Result<()> {
    writeln!(out, "{} statement{}", rows.len(), if rows.len() == 1 { "" } else { "s" })?;
    table(rows).write(terminal, out)?;
    Ok(())
}

/// Writes the table as Markdown, titles whole.
pub fn write_markdown(rows: &[StatementRow], out: &mut impl Write) -> Result<()> {
    Ok(table(rows).write_markdown(out)?)
}

fn table(rows: &[StatementRow]) -> Table {
    let columns = vec![
        Column::id("KEY"),
        Column::text("TITLE").cut(60),
        Column::date("DATE").hide(3),
        Column::number("COMMITMENTS"),
        Column::number("WITHDRAWN").hide(2),
        Column::status("FROM").hide(1),
    ];
    let mut t = Table::new(columns, "--format csv has every column");
    for s in rows {
        t.row(vec![
            s.key.clone(),
            s.title.clone(),
            s.date.clone().unwrap_or_default(),
            s.commitments.to_string(),
            s.withdrawn.to_string(),
            s.granularity.clone(),
        ]);
    }
    t
}
