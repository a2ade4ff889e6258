//! `ctrack add --statement K --topic T "text" [--due D]`: a commitment the importer missed. Its
//! id is `KEY:T.0.N`: paragraph 0 because it comes from no paragraph of the text, N the next
//! number in the topic. A due date is taken only from --due, never guessed from the text.

use std::io::Write;

use crate::Context;
use crate::cli::AddArgs;
use crate::error::Result;
use crate::store::Store;

/// Adds one commitment.
pub fn run(store: &mut Store, args: AddArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let id = store.add_commitment(&args.statement, args.topic, &args.text, args.due, &ctx.timestamp())?;
    let due = args.due.map(|d| format!(", due {d}")).unwrap_or_default();
    writeln!(out, "added {id} (topic {}{due}): {}", args.topic, args.text)?;
    Ok(())
}
