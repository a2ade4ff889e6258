//! `ctrack owners`: every owner with how many commitments they lead and support (withdrawn
//! commitments not counted).

use std::io::Write;

use crate::cli::{FormatArgs, ListFormat};
use crate::error::Result;
use crate::report::sink::{RowFormat, Sink};
use crate::report::{self, CsvStyle, Terminal, table};
use crate::store::{OwnerRow, Store};

/// The columns of the CSV and JSON forms (`OwnerRow`'s fields).
const COLUMNS: [&str; 3] = ["owner", "lead", "support"];

/// Lists owners by name.
pub fn run(store: &mut Store, args: FormatArgs, out: &mut impl Write) -> Result<()> {
    let rows = store.owners()?;
    let format = match args.format {
        ListFormat::Table => return write_table(&rows, out),
        ListFormat::Csv => RowFormat::Csv(CsvStyle::default()),
        ListFormat::Json => RowFormat::Json,
    };
    let mut sink = Sink::new(out, format, &COLUMNS)?;
    for row in rows {
        match format {
            RowFormat::Csv(style) => {
                let owner = report::csv::safe(&row.owner, style).into_owned();
                sink.push(&OwnerRow { owner, ..row })?;
            }
            RowFormat::Json => sink.push(&row)?,
        }
    }
    sink.finish()
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
