//! Entries as `entries` lists them (a table, CSV or JSON, one row per entry) and as
//! `retract --last` shows the one it takes back.

use std::io::Write;

use super::csv::{safe, timestamp};
use super::sink::{RowFormat, Sink};
use super::table::{Column, Table};
use super::{CsvStyle, Terminal};
use crate::domain::{ListedEntry, Percent};
use crate::error::{Result, quote};

/// A status with its percent, as printed: `in-progress (40%)`.
fn status(entry: &ListedEntry) -> String {
    entry.status.with_percent(entry.percent.and_then(|p| Percent::new(p.into())))
}

/// The line `retract --last` prints before retracting: which entry it takes back.
pub fn write_newest(entry: &ListedEntry, out: &mut impl Write) -> Result<()> {
    let note = if entry.note.is_empty() { String::new() } else { format!(", note {}", quote(&entry.note)) };
    writeln!(
        out,
        "your newest entry: {} on {}, {} as of {}{note}, recorded {} by {}",
        entry.entry,
        entry.commitment,
        status(entry),
        entry.as_of,
        entry.recorded_at,
        entry.author
    )?;
    Ok(())
}

/// The columns of `entries --format csv`, in order.
pub const HEADER: [&str; 9] =
    ["entry", "commitment", "as_of", "status", "percent", "note", "author", "recorded_at", "retracted"];

/// Where listed entries go: a table (`terminal`: fitted to it; `None`: Markdown) is laid out
/// once every row is in; CSV and JSON stream.
pub enum EntryWriter<W: Write> {
    Table { rows: Vec<ListedEntry>, terminal: Option<Terminal>, out: W },
    Rows { sink: Sink<W>, csv: Option<CsvStyle> },
}

impl<W: Write> EntryWriter<W> {
    /// A writer of `format` (`RowFormat` for CSV and JSON, `None` for a table fitted to
    /// `terminal`, or Markdown when that is `None`).
    pub fn new(out: W, format: Option<RowFormat>, terminal: Option<Terminal>) -> Result<EntryWriter<W>> {
        Ok(match format {
            None => EntryWriter::Table { rows: Vec::new(), terminal, out },
            Some(format) => {
                let csv = match format {
                    RowFormat::Csv(style) => Some(style),
                    RowFormat::Json => None,
                };
                EntryWriter::Rows { sink: Sink::new(out, format, &HEADER)?, csv }
            }
        })
    }

    /// Adds one entry.
    pub fn push(&mut self, entry: ListedEntry) -> Result<()> {
        match self {
            EntryWriter::Table { rows, .. } => rows.push(entry),
            EntryWriter::Rows { sink, csv: Some(style) } => sink.push(&ListedEntry {
                note: safe(&entry.note, *style).into_owned(),
                author: safe(&entry.author, *style).into_owned(),
                recorded_at: timestamp(&entry.recorded_at, *style).into_owned(),
                ..entry
            })?,
            EntryWriter::Rows { sink, csv: None } => sink.push(&entry)?,
        }
        Ok(())
    }

    /// Writes what is left: the table with its count line, or the end of the CSV or JSON.
    pub fn finish(self) -> Result<()> {
        match self {
            EntryWriter::Table { rows, terminal: Some(terminal), mut out } => {
                write_table(&rows, terminal, &mut out)
            }
            EntryWriter::Table { rows, terminal: None, mut out } => {
                Ok(table(&rows).write_markdown(&mut out)?)
            }
            EntryWriter::Rows { sink, .. } => sink.finish(),
        }
    }
}

/// The count line, then the table (none when there are no entries).
fn write_table(rows: &[ListedEntry], terminal: Terminal, out: &mut impl Write) -> Result<()> {
    let n = rows.len();
    writeln!(out, "{n} entr{}", if n == 1 { "y" } else { "ies" })?;
    if n == 0 {
        return Ok(());
    }
    table(rows).write(terminal, out)?;
    Ok(())
}

fn table(rows: &[ListedEntry]) -> Table {
    let columns = vec![
        Column::id("ENTRY"),
        Column::id("COMMITMENT"),
        Column::date("AS OF"),
        Column::status("STATUS"),
        Column::text("NOTE").cut(60).hide(3),
        Column::text("AUTHOR").min(8).hide(2),
        Column::date("RECORDED").hide(1),
    ];
    let mut t = Table::new(columns, "--format csv has every column");
    for entry in rows {
        let retracted = if entry.retracted { " (retracted)" } else { "" };
        t.row(vec![
            entry.entry.to_string(),
            entry.commitment.clone(),
            entry.as_of.clone(),
            format!("{}{retracted}", status(entry)),
            entry.note.clone(),
            entry.author.clone(),
            entry.recorded_at.clone(),
        ]);
    }
    t
}
