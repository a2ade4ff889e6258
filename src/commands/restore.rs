//! `ctrack restore ID`: bring a withdrawn commitment back into every list and report.

use std::io::Write;

use crate::Context;
use crate::cli::RestoreArgs;
use crate::domain::withdrawal_cause;
use crate::error::Result;
use crate::store::Store;

/// Restores one commitment.
pub fn run(store: &mut Store, args: RestoreArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let gone = store.restore(&args.id, &ctx.timestamp())?;
    writeln!(
        out,
        "restored {} (withdrawn {}, {})",
        gone.id,
        gone.at,
        withdrawal_cause(gone.reason.as_deref())
    )?;
    Ok(())
}
