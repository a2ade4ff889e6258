//! `ctrack list`: commitments with their status as of a date, filtered.

use std::io::Write;

use crate::Context;
use crate::cli::{ListArgs, ListFormat};
use crate::error::Result;
use crate::report::rows::StatusRow;
use crate::report::{CsvStyle, list};
use crate::store::{Detail, Store};

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
        ListFormat::Json => list::write_json(&rows, out),
        ListFormat::Csv => list::write_csv(&rows, out),
        ListFormat::Table => list::write_table(&rows, as_of, ctx.terminal, out),
        ListFormat::Markdown => list::write_markdown(&rows, out),
    }
}
