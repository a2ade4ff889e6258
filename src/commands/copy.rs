//! `ctrack copy --from DB --to DB`: move a database between a SQLite file and PostgreSQL (or
//! between two of either), whole and unchanged, into an empty target.

use std::io::Write;

use crate::Context;
use crate::cli::CopyArgs;
use crate::error::{Error, Result};
use crate::store::{Access, DbTarget, Store};

/// Copies every row, then says how many of each kind arrived.
pub fn run(args: CopyArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let source = Store::open_target(&DbTarget::of(&args.from)?, Access::Read, ctx.busy_timeout)?;
    let target = Store::open_target(&DbTarget::of(&args.to)?, Access::Create, ctx.busy_timeout)?;
    if source.location() == target.location() {
        return Err(Error::CopyOntoItself(source.location()));
    }
    let copied = source.copy_into(&target)?;
    let counts: Vec<String> = copied.iter().map(|(table, rows)| format!("{table} {rows}")).collect();
    writeln!(out, "copied {} into {}; rows: {}", source.location(), target.location(), counts.join(", "))?;
    Ok(())
}
