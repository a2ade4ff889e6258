//! `ctrack list`'s outputs: commitments with their status as a table, CSV, or a JSON array
//! of objects (the `export status` columns plus `id`).

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::rows::StatusRow;
use super::table::{Column, Table};
use super::{CsvStyle, Terminal, json};
use crate::error::Result;

/// A `list --format json` object: the `export status` columns plus `id`.
#[derive(Serialize)]
struct ListItem<'a> {
    id: &'a str,
    #[serde(flatten)]
    row: &'a StatusRow,
}

/// The table's columns; on a narrow terminal the topic (also in the id) goes first, the
/// commitment text and its status never.
fn columns() -> Vec<Column> {
    vec![
        Column::id("ID"),
        Column::number("TOPIC").hide(1),
        Column::text("TEXT").cut(60),
        Column::text("LEAD").min(12).hide(4),
        Column::status("STATUS"),
        Column::number("%").hide(5),
        Column::date("AS OF").hide(3),
        Column::number("EVIDENCE").hide(2),
    ]
}

/// Writes the rows as a JSON array.
pub fn write_json(rows: &[StatusRow], out: &mut impl Write) -> Result<()> {
    let mut array = json::ArrayWriter::new(out)?;
    for row in rows {
        array.push(&ListItem { id: &row.commitment, row })?;
    }
    array.finish()?;
    Ok(())
}

/// Writes the rows as CSV (already made spreadsheet-safe when they were built).
pub fn write_csv(rows: &[StatusRow], out: &mut impl Write) -> Result<()> {
    let mut csv = super::csv::with_header(out, CsvStyle::default(), &StatusRow::HEADER)?;
    for row in rows {
        csv.serialize(row)?;
    }
    csv.flush()?;
    Ok(())
}

/// Writes the count line, then the table (none when nothing matched).
pub fn write_table(
    rows: &[StatusRow],
    as_of: NaiveDate,
    terminal: Terminal,
    out: &mut impl Write,
) -> Result<()> {
    let n = rows.len();
    writeln!(out, "{n} commitment{} as of {as_of}", if n == 1 { "" } else { "s" })?;
    if n > 0 {
        table(rows).write(terminal, out)?;
    }
    Ok(())
}

/// Writes the table's columns as Markdown, text whole.
pub fn write_markdown(rows: &[StatusRow], out: &mut impl Write) -> Result<()> {
    Ok(table(rows).write_markdown(out)?)
}

fn table(rows: &[StatusRow]) -> Table {
    let mut t = Table::new(columns(), "--format csv has every column");
    for row in rows {
        t.row(vec![
            row.commitment.clone(),
            row.topic_no.to_string(),
            row.text.clone(),
            row.lead.to_string(),
            row.status.to_string(),
            row.percent.map(|p| p.to_string()).unwrap_or_default(),
            row.as_of.map(|d| d.to_string()).unwrap_or_default(),
            row.evidence_count.to_string(),
        ]);
    }
    t
}
