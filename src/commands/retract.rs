//! `ctrack retract ENTRY --reason TEXT`: mark a mistaken entry. It stays in history with the
//! reason and time, and stops counting everywhere. Prints the status as of the entry's date
//! before → after, as `log` does.

use std::io::Write;

use crate::Context;
use crate::cli::RetractArgs;
use crate::error::Result;
use crate::report::lines;
use crate::store::Store;

/// Retracts one entry.
pub fn run(store: &mut Store, args: RetractArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let change = store.retract(args.entry, &args.reason, ctx.today, &ctx.timestamp())?;
    lines::write_change("retracted entry", &change, out)
}
