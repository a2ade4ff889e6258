//! `ctrack show ID [--as-of D] [--format text|json]`: one commitment in full — text, where it
//! comes from, owners, due date, status as of a date, the timeline of entries (newest first,
//! retracted ones marked with their reason, each with its evidence), evidence not tied to an
//! entry, and the history of its edits.

use std::io::Write;

use crate::Context;
use crate::cli::{ShowArgs, ShowFormat};
use crate::error::Result;
use crate::report::show;
use crate::store::Store;

/// Prints one commitment.
pub fn run(store: &mut Store, args: ShowArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let as_of = args.as_of.map_or(ctx.today, |d| d.resolve(ctx.today));
    let commitment = store.resolve(&args.id)?;
    let detail = store.commitment_detail(commitment.pk)?;
    match args.format {
        ShowFormat::Text => show::write_text(&detail, as_of, ctx.terminal, out),
        ShowFormat::Json => show::write_json(&detail, as_of, out),
    }
}
