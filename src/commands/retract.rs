//! `ctrack retract ENTRY --reason TEXT` and `ctrack retract --last`: mark a mistaken entry. It
//! stays in history with the reason and time, and stops counting everywhere. `--last` takes
//! the newest entry you recorded that still counts, and shows it first. Prints the status as
//! of the entry's date before → after, as `log` does.

use std::io::Write;

use crate::Context;
use crate::cli::RetractArgs;
use crate::error::{Error, Result};
use crate::report::lines;
use crate::store::Store;

/// The reason `--last` records when none is given.
const UNDONE: &str = "undone with retract --last";

/// Retracts one entry.
pub fn run(store: &mut Store, args: RetractArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let reason = args.reason.unwrap_or_else(|| UNDONE.to_string());
    let id = match args.entry {
        Some(id) => id,
        None => {
            let author = match args.author {
                Some(author) => author,
                None => store.entry_author(None, &ctx.author)?,
            };
            let Some(newest) = store.newest_live_entry_by(&author)? else {
                return Err(Error::NothingToUndo { author });
            };
            crate::report::entries::write_newest(&newest, out)?;
            newest.entry
        }
    };
    let change = store.retract(id, &reason, ctx.today, &ctx.timestamp())?;
    lines::write_change("retracted entry", &change, out)
}
