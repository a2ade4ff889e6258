//! `ctrack owners`: every owner with how many commitments they lead and support (withdrawn
//! commitments not counted).

use std::io::Write;

use crate::cli::{FormatArgs, ListFormat};
use crate::error::Result;
use crate::report::{self, CsvStyle, Terminal, json, table};
use crate::store::{OwnerRow, Store};

/// The columns of the CSV and JSON forms (`OwnerRow`'s fields).
const COLUMNS: [&str; 3] = ["owner", "lead", "support"];

/// Lists owners by name.
pub fn run(store: &mut Store, args: FormatArgs, out: &mut impl Write) -> Result<()> {
    let rows = store.owners()?;
    match args.format {
        ListFormat::Json => {
            let mut array = json::ArrayWriter::new(out)?;
            for row in &rows {
                array.push(row)?;
            }
            array.finish()?;
        }
        ListFormat::Csv => {
            let mut csv = report::csv::writer(out, CsvStyle::default())?;
            if rows.is_empty() {
                csv.write_record(COLUMNS)?; // the header row, always
            }
            for row in &rows {
                let owner = report::csv::safe(&row.owner, CsvStyle::default()).into_owned();
                csv.serialize(OwnerRow { owner, ..row.clone() })?;
            }
            csv.flush()?;
        }
        ListFormat::Table => write_table(&rows, out)?,
    }
    Ok(())
}

fn write_table(rows: &[OwnerRow], out: &mut impl Write) -> Result<()> {
    let n = rows.len();
    writeln!(out, "{n} owner{}", if n == 1 { "" } else { "s" })?;
    if n == 0 {
        return Ok(());
    }
    let mut t = table::new(&["OWNER", "LEAD", "SUPPORT"], &["LEAD", "SUPPORT"], Terminal::default());
    for row in rows {
        t.add_row(vec![row.owner.clone(), row.lead.to_string(), row.support.to_string()]);
    }
    table::write(&t, out)?;
    Ok(())
}
