//! `ctrack round close NAME --as-of D [--note TEXT]` and `ctrack rounds`: reporting rounds,
//! each a reporting date and the moment it was closed, so `report --round NAME` can reproduce
//! what was known then.

use std::io::Write;

use crate::Context;
use crate::cli::{FormatArgs, ListFormat, RoundCloseArgs};
use crate::error::{Error, Result};
use crate::report::rounds;
use crate::store::Store;

/// Closes a round as of its date, now.
pub fn run(store: &mut Store, args: RoundCloseArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let as_of = args.as_of.resolve(ctx.today);
    if as_of > ctx.today {
        return Err(Error::RoundInFuture { as_of, today: ctx.today });
    }
    let note = args.note.unwrap_or_default();
    let round = store.close_round(&args.name, as_of, note.trim(), &ctx.timestamp())?;
    writeln!(
        out,
        "round {} closed at {}, as of {}; `ctrack report --round {}` reproduces it",
        round.name, round.closed_at, round.as_of, round.name
    )?;
    Ok(())
}

/// Lists the rounds, oldest first.
pub fn run_list(store: &mut Store, args: FormatArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let rounds = store.rounds()?;
    match args.format {
        ListFormat::Table => rounds::write_table(&rounds, ctx.terminal, out),
        ListFormat::Markdown => rounds::write_markdown(&rounds, out),
        ListFormat::Csv => rounds::write_rows(&rounds, true, out),
        ListFormat::Json => rounds::write_rows(&rounds, false, out),
    }
}
