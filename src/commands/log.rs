//! `ctrack log ID --status S …`: append one dated progress entry.
//!
//! What it prints is what the entry changes: the commitment's status as of the entry's own
//! date, before → after (for a back-dated entry that is the status it corrects, not today's).
//! When a later entry exists, today's status does not move, and a note says so.

use std::io::Write;

use crate::Context;
use crate::cli::LogArgs;
use crate::domain::{DateArg, NewEntry};
use crate::error::Result;
use crate::report::lines;
use crate::store::Store;

/// Records one entry.
pub fn run(store: &mut Store, args: LogArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let as_of = args.as_of.unwrap_or(DateArg::Today).resolve_past(ctx.today)?;
    let commitment = store.resolve(&args.id)?;
    super::refuse_withdrawn(&commitment, "progress cannot be logged on it")?;
    let entry = NewEntry {
        commitment: commitment.pk,
        as_of,
        status: args.status,
        percent: args.percent,
        note: args.note.unwrap_or_default(),
        author: store.entry_author(args.author.as_deref(), &ctx.author)?,
        evidence: args.evidence,
    };
    let (key, date) = store.statement_of(commitment.pk)?;
    entry.check((&key, date))?;
    let change = store.log(&entry, ctx.today, &ctx.timestamp())?;
    lines::write_change("entry", &change, out)
}
