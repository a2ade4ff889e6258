//! `ctrack evidence list`'s outputs: evidence links with their numbers, as a table, CSV (the
//! `export evidence` columns after `id`) or JSON.

use std::io::Write;

use serde::Serialize;

use super::sink::{RowFormat, Sink};
use super::table::{Column, Table};
use super::{Terminal, rows};
use crate::domain::{EvidenceRow, Stance};
use crate::error::Result;

/// The columns of `evidence list --format csv`: the evidence number, then `export evidence`'s.
const LIST_HEADER: [&str; 7] = ["id", "commitment", "entry", "url", "title", "stance", "added_at"];

/// One listed link: its number, then the `export evidence` columns.
#[derive(Debug, Serialize)]
struct Listed {
    id: i64,
    commitment: String,
    entry: Option<i64>,
    url: String,
    title: Option<String>,
    stance: Option<Stance>,
    added_at: String,
}

impl From<EvidenceRow> for Listed {
    fn from(row: EvidenceRow) -> Listed {
        let EvidenceRow { id, commitment, entry, url, title, stance, added_at, retracted: _ } = row;
        Listed { id, commitment, entry, url, title, stance, added_at }
    }
}

/// Writes the rows as CSV (text made spreadsheet-safe) or JSON.
pub fn write_rows(list: Vec<EvidenceRow>, format: RowFormat, out: &mut impl Write) -> Result<()> {
    let mut sink = Sink::new(out, format, &LIST_HEADER)?;
    for row in list {
        match format {
            RowFormat::Csv(style) => sink.push(&Listed::from(rows::evidence_for_csv(row, style)))?,
            RowFormat::Json => sink.push(&Listed::from(row))?,
        }
    }
    sink.finish()
}

/// Writes the count line, then the table (none when there are no links).
pub fn write_table(list: &[EvidenceRow], terminal: Terminal, out: &mut impl Write) -> Result<()> {
    let n = list.len();
    writeln!(out, "{n} evidence link{}", if n == 1 { "" } else { "s" })?;
    if n > 0 {
        table(list).write(terminal, out)?;
    }
    Ok(())
}

/// Writes the table as Markdown, titles whole.
pub fn write_markdown(list: &[EvidenceRow], out: &mut impl Write) -> Result<()> {
    Ok(table(list).write_markdown(out)?)
}

fn table(list: &[EvidenceRow]) -> Table {
    let columns = vec![
        Column::id("ID"),
        Column::id("COMMITMENT"),
        Column::id("ENTRY").hide(3),
        Column::text("URL"),
        Column::text("TITLE").cut(40).hide(2),
        Column::status("STANCE").hide(4),
        Column::date("ADDED").hide(1),
    ];
    let mut t = Table::new(columns, "--format csv has every column");
    for row in list {
        let entry = match row.entry {
            Some(e) if row.retracted => format!("{e} (retracted)"),
            Some(e) => e.to_string(),
            None => String::new(),
        };
        t.row(vec![
            row.id.to_string(),
            row.commitment.clone(),
            entry,
            row.url.clone(),
            row.title.clone().unwrap_or_default(),
            row.stance.map(|s| s.to_string()).unwrap_or_default(),
            row.added_at.clone(),
        ]);
    }
    t
}
