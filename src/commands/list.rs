//! `ctrack list`: commitments with their status as of a date, filtered.

use std::io::Write;

use serde::Serialize;

use crate::Context;
use crate::cli::{ListArgs, ListFormat};
use crate::error::Result;
use crate::report::rows::StatusRow;
use crate::report::{self, CsvStyle, json, table};
use crate::store::{Detail, Store};

/// A `list --format json` object: the `export status` columns plus `id`.
#[derive(Serialize)]
struct ListItem<'a> {
    id: &'a str,
    #[serde(flatten)]
    row: &'a StatusRow,
}

const HEADER: [&str; 8] = ["ID", "TOPIC", "TEXT", "LEAD", "STATUS", "%", "AS OF", "EVIDENCE"];

/// Lists the commitments that pass the filters.
pub fn run(store: &mut Store, args: ListArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let as_of = args.as_of.map_or(ctx.today, |d| d.resolve(ctx.today));
    let checked = super::filter::check(store, &args.filter, as_of)?;
    let (filter, selection) = super::filters(&checked, args.stale_days);
    let csv_style = (args.format == ListFormat::Csv).then_some(CsvStyle::default());
    let mut rows = Vec::new();
    store.for_each_state(&filter, as_of, Detail::Full, |state| {
        if selection.matches(&state, as_of) {
            rows.push(StatusRow::new(&state, as_of, csv_style));
        }
        Ok(())
    })?;
    match args.format {
        ListFormat::Json => {
            let mut array = json::ArrayWriter::new(out)?;
            for row in &rows {
                array.push(&ListItem { id: &row.commitment, row })?;
            }
            array.finish()?;
        }
        ListFormat::Csv => {
            let mut csv = report::csv::with_header(out, CsvStyle::default(), &StatusRow::HEADER)?;
            for row in &rows {
                csv.serialize(row)?;
            }
            csv.flush()?;
        }
        ListFormat::Table => write_table(&rows, as_of, ctx, out)?,
    }
    Ok(())
}

fn write_table(
    rows: &[StatusRow],
    as_of: chrono::NaiveDate,
    ctx: &Context,
    out: &mut impl Write,
) -> Result<()> {
    let mut t = table::new(&HEADER, &["%", "EVIDENCE"], ctx.terminal);
    for row in rows {
        t.add_row(vec![
            row.commitment.clone(),
            row.topic_no.to_string(),
            report::shorten(&row.text, 60),
            row.lead.clone(),
            row.status.to_string(),
            row.percent.map(|p| p.to_string()).unwrap_or_default(),
            row.as_of.map(|d| d.to_string()).unwrap_or_default(),
            row.evidence_count.to_string(),
        ]);
    }
    let n = rows.len();
    writeln!(out, "{n} commitment{} as of {as_of}", if n == 1 { "" } else { "s" })?;
    if n > 0 {
        table::write(&t, out)?;
    }
    Ok(())
}
