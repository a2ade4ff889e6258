//! Lint findings: a table under a count, or CSV/JSON rows `commitment,check,message`.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::sink::{RowFormat, Sink};
use super::table::{Column, Table};
use super::{CsvStyle, Terminal, csv};
use crate::cli::ListFormat;
use crate::domain::Finding;
use crate::error::Result;

#[derive(Serialize)]
struct Row<'a> {
    commitment: &'a str,
    check: &'static str,
    message: String,
}

const COLUMNS: [&str; 3] = ["commitment", "check", "message"];

/// Writes the findings of `checked` commitments as of `as_of`.
pub fn write(
    findings: &[Finding],
    checked: usize,
    as_of: NaiveDate,
    format: ListFormat,
    terminal: Terminal,
    out: &mut impl Write,
) -> Result<()> {
    let row_format = match format {
        ListFormat::Table => return write_table(findings, checked, as_of, terminal, out),
        ListFormat::Markdown => return Ok(table(findings).write_markdown(out)?),
        ListFormat::Csv => RowFormat::Csv(CsvStyle::default()),
        ListFormat::Json => RowFormat::Json,
    };
    let mut sink = Sink::new(out, row_format, &COLUMNS)?;
    for finding in findings {
        let message = match row_format {
            RowFormat::Csv(style) => csv::safe(&finding.message, style).into_owned(),
            RowFormat::Json => finding.message.clone(),
        };
        sink.push(&Row { commitment: &finding.commitment, check: finding.check.as_str(), message })?;
    }
    sink.finish()
}

fn write_table(
    findings: &[Finding],
    checked: usize,
    as_of: NaiveDate,
    terminal: Terminal,
    out: &mut impl Write,
) -> Result<()> {
    let (n, plural) = (findings.len(), |n: usize| if n == 1 { "" } else { "s" });
    writeln!(out, "{n} finding{} in {checked} commitment{} as of {as_of}", plural(n), plural(checked))?;
    if n == 0 {
        return Ok(());
    }
    table(findings).write(terminal, out)?;
    Ok(())
}

fn table(findings: &[Finding]) -> Table {
    let columns = vec![Column::id("COMMITMENT"), Column::status("CHECK"), Column::text("MESSAGE")];
    let mut t = Table::new(columns, "--format csv has every column");
    for finding in findings {
        t.row(vec![finding.commitment.clone(), finding.check.to_string(), finding.message.clone()]);
    }
    t
}
