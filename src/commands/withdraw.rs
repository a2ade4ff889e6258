//! `ctrack withdraw ID --reason TEXT`: take a commitment found by mistake (a false positive) out
//! of every list and report. It stays in the database and in `show`, withdrawn with the reason
//! and time; a re-import never brings it back; `ctrack restore ID` does.

use std::io::Write;

use crate::Context;
use crate::cli::WithdrawArgs;
use crate::error::{Result, quote};
use crate::store::Store;

/// Withdraws one commitment by hand.
pub fn run(store: &mut Store, args: WithdrawArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let id = store.withdraw(&args.id, &args.reason, &ctx.timestamp())?;
    writeln!(out, "withdrew {id}: {}", quote(&args.reason))?;
    Ok(())
}
