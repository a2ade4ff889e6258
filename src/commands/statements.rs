//! `ctrack statements`: the statements in the database with their commitment counts.

use std::io::Write;

use crate::Context;
use crate::cli::{FormatArgs, ListFormat};
use crate::error::Result;
use crate::report::statements;
use crate::store::Store;

/// Lists every statement.
pub fn run(store: &mut Store, args: FormatArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let rows = store.statements()?;
    match args.format {
        ListFormat::Json => statements::write_json(&rows, out),
        ListFormat::Csv => statements::write_csv(&rows, out),
        ListFormat::Table => statements::write_table(&rows, ctx.terminal, out),
        ListFormat::Markdown => statements::write_markdown(&rows, out),
    }
}
