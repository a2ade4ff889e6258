//! `ctrack owners`: every owner with how many commitments they lead and support (withdrawn
//! commitments not counted).

use std::io::Write;

use crate::Context;
use crate::cli::{FormatArgs, ListFormat};
use crate::error::Result;
use crate::report::sink::RowFormat;
use crate::report::{CsvStyle, owners};
use crate::store::Store;

/// Lists owners by name.
pub fn run(store: &mut Store, args: FormatArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let rows = store.owners()?;
    match args.format {
        ListFormat::Table => owners::write_table(&rows, ctx.terminal, out),
        ListFormat::Markdown => owners::write_markdown(&rows, out),
        ListFormat::Csv => owners::write_rows(rows, RowFormat::Csv(CsvStyle::default()), out),
        ListFormat::Json => owners::write_rows(rows, RowFormat::Json, out),
    }
}
