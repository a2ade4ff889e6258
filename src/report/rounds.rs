//! The list of reporting rounds: a table, or CSV/JSON rows `round,as_of,closed_at,note`.

use std::io::Write;

use serde::Serialize;

use super::sink::{RowFormat, Sink};
use super::table::{Column, Table};
use super::{CsvStyle, Terminal, csv};
use crate::domain::Round;
use crate::error::Result;

/// One round as CSV and JSON write it.
#[derive(Serialize)]
struct RoundRow {
    round: String,
    as_of: String,
    closed_at: String,
    note: String,
}

const COLUMNS: [&str; 4] = ["round", "as_of", "closed_at", "note"];

/// The rounds as CSV (`csv`, spreadsheet-safe) or a JSON array.
pub fn write_rows(rounds: &[Round], as_csv: bool, out: &mut impl Write) -> Result<()> {
    let format = if as_csv { RowFormat::Csv(CsvStyle::default()) } else { RowFormat::Json };
    let text = |t: &str| if as_csv { csv::safe(t, CsvStyle::default()).into_owned() } else { t.to_string() };
    let mut sink = Sink::new(out, format, &COLUMNS)?;
    for round in rounds {
        sink.push(&RoundRow {
            round: text(&round.name),
            as_of: round.as_of.to_string(),
            closed_at: round.closed_at.stored(),
            note: text(&round.note),
        })?;
    }
    sink.finish()
}

/// The rounds as a table under a count.
pub fn write_table(rounds: &[Round], terminal: Terminal, out: &mut impl Write) -> Result<()> {
    let n = rounds.len();
    writeln!(out, "{n} round{}", if n == 1 { "" } else { "s" })?;
    if n == 0 {
        return Ok(());
    }
    table(rounds).write(terminal, out)?;
    Ok(())
}

/// The rounds as a Markdown table.
pub fn write_markdown(rounds: &[Round], out: &mut impl Write) -> Result<()> {
    Ok(table(rounds).write_markdown(out)?)
}

fn table(rounds: &[Round]) -> Table {
    let columns =
        vec![Column::id("ROUND"), Column::date("AS OF"), Column::date("CLOSED AT"), Column::text("NOTE")];
    let mut t = Table::new(columns, "--format csv has every column");
    for round in rounds {
        t.row(vec![
            round.name.clone(),
            round.as_of.to_string(),
            round.closed_at.stored(),
            round.note.clone(),
        ]);
    }
    t
}
