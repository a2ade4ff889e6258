//! `ctrack add --statement K --topic T "text" [--paragraph T.P] [--due D]`: a commitment the
//! importer missed. Its id is `KEY:T.P.N`: P the paragraph of the text it comes from (whose text
//! it records), or 0 without --paragraph; N the next clause number never used there. A due date
//! is taken only from --due, never guessed from the text.

use std::io::Write;

use crate::Context;
use crate::cli::AddArgs;
use crate::error::{Error, Result};
use crate::store::Store;

/// Adds one commitment.
pub fn run(store: &mut Store, args: AddArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    if let Some(p) = args.paragraph.filter(|p| p.topic != args.topic) {
        return Err(Error::BadValue {
            what: "paragraph",
            value: p.to_string(),
            expected: format!("it must be in --topic {}, e.g. {}.{}", args.topic, args.topic, p.paragraph),
        });
    }
    let paragraph = args.paragraph.map(|p| p.paragraph);
    let id = store.add_commitment(
        &args.statement,
        args.topic,
        &args.text,
        args.due,
        paragraph,
        &ctx.timestamp(),
    )?;
    let due = args.due.map(|d| format!(", due {d}")).unwrap_or_default();
    writeln!(out, "added {id} (topic {}{due}): {}", args.topic, args.text)?;
    Ok(())
}
