//! `ctrack statements`: the statements in the database with their commitment counts.

use std::io::Write;

use crate::cli::{FormatArgs, ListFormat};
use crate::error::Result;
use crate::report::{self, CsvStyle, Terminal, json, table};
use crate::store::{StatementRow, Store};

/// Lists every statement.
pub fn run(store: &mut Store, args: FormatArgs, out: &mut impl Write) -> Result<()> {
    let rows = store.statements()?;
    match args.format {
        ListFormat::Json => json::write_value(out, &rows),
        ListFormat::Csv => {
            let mut csv = report::csv::with_header(out, CsvStyle::default(), &StatementRow::HEADER)?;
            for row in &rows {
                // Free text (the title) is made spreadsheet-safe like every CSV ctrack writes.
                let title = report::csv::safe(&row.title, CsvStyle::default());
                csv.serialize(StatementRow { title: title.into_owned(), ..row.clone() })?;
            }
            csv.flush()?;
            Ok(())
        }
        ListFormat::Table => {
            let header = ["KEY", "TITLE", "DATE", "COMMITMENTS", "WITHDRAWN", "FROM"];
            let mut t = table::new(&header, &["COMMITMENTS", "WITHDRAWN"], Terminal::default());
            for s in &rows {
                t.add_row(vec![
                    s.key.clone(),
                    report::shorten(&s.title, 60),
                    s.date.clone().unwrap_or_default(),
                    s.commitments.to_string(),
                    s.withdrawn.to_string(),
                    s.granularity.clone(),
                ]);
            }
            writeln!(out, "{} statement{}", rows.len(), if rows.len() == 1 { "" } else { "s" })?;
            table::write(&t, out)?;
            Ok(())
        }
    }
}
