//! `ctrack edit ID [--text …] [--due D | --no-due] [--topic T]`: correct a commitment. The
//! previous values are kept in its history (`ctrack show`); the id never changes, even when the
//! commitment moves to another topic.

use std::io::Write;

use crate::Context;
use crate::cli::EditArgs;
use crate::domain::EditRequest;
use crate::error::{Error, Result};
use crate::report::lines::describe;
use crate::store::Store;

/// Applies the changes asked for and prints one line per field changed.
pub fn run(store: &mut Store, args: EditArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let commitment = store.resolve(&args.id)?;
    let request = EditRequest {
        text: args.text,
        due: if args.no_due { Some(None) } else { args.due.map(Some) },
        topic: args.topic,
    };
    if request.is_empty() {
        return Err(Error::NothingToEdit { id: commitment.id });
    }
    let changes = store.edit_commitment(commitment.pk, &request, &ctx.timestamp())?;
    if changes.is_empty() {
        writeln!(out, "{}: nothing changed; the values given are the current ones", commitment.id)?;
    }
    for change in &changes {
        let what = describe(change.field, change.old.as_deref(), change.new.as_deref());
        writeln!(out, "{}: {what}", commitment.id)?;
    }
    Ok(())
}
