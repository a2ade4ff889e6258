//! One file per command, each with a `run` of the same shape: parsed arguments in, output to
//! `impl Write`, every database write in one transaction inside the store.

pub mod add;
pub mod assign;
pub mod completions;
mod csv_input;
pub mod demo;
pub mod edit;
pub mod evidence;
pub mod export;
pub(crate) mod filter;
pub mod import_commitments;
pub mod import_progress;
pub mod import_statement;
mod import_summary;
pub mod init;
pub mod list;
pub mod log;
pub mod owners;
pub mod report;
pub mod retract;
pub mod show;
pub mod statements;

use std::io::Write;

use crate::cli::FilterArgs;
use crate::domain::{LatestEntry, Percent, StateSelection, Status, StatusChange};
use crate::error::{Error, Result};
use crate::store::{CommitmentRow, StateFilter};

/// Splits the shared filter flags, once checked (`filter::check`), into the part SQL applies
/// and the part that needs each commitment's state.
pub(crate) fn filters(args: &FilterArgs, stale_days: Option<u32>) -> (StateFilter, StateSelection) {
    let sql = StateFilter {
        statement: args.statement.clone(),
        topic: args.topic,
        owner: args.owner.as_ref().map(|o| o.key()),
        search: args.search.as_ref().map(|s| s.as_str().to_string()),
    };
    let selection = StateSelection { statuses: args.statuses.clone(), overdue: args.overdue, stale_days };
    (sql, selection)
}

/// A status as printed: `stalled`, `in-progress (40%)`.
pub(crate) fn label(status: Status, percent: Option<Percent>) -> String {
    match percent {
        Some(p) => format!("{status} ({p}%)"),
        None => status.to_string(),
    }
}

/// The status an entry gives, as printed; `unassessed` without one.
pub(crate) fn status_label(entry: Option<&LatestEntry>) -> String {
    entry.map_or_else(|| Status::Unassessed.to_string(), |e| label(e.status, e.percent))
}

/// Refuses to add to a withdrawn commitment; `refused` says what cannot be done.
pub(crate) fn refuse_withdrawn(commitment: &CommitmentRow, refused: &'static str) -> Result<()> {
    if commitment.withdrawn {
        return Err(Error::Withdrawn { id: commitment.id.clone(), refused });
    }
    Ok(())
}

/// The lines `log` and `retract` print: the status as of the entry's date before → after,
/// and a note when a later entry keeps today's status as it was.
pub(crate) fn write_change(verb: &str, change: &StatusChange, out: &mut impl Write) -> Result<()> {
    writeln!(
        out,
        "{verb} {}: {} {} → {} as of {}",
        change.entry,
        change.commitment,
        status_label(change.before.as_ref()),
        status_label(change.after.as_ref()),
        change.as_of
    )?;
    if let Some(later) = change.superseded_by() {
        writeln!(
            out,
            "note: entry {} as of {} is later, so the current status stays {}",
            later.id,
            later.as_of,
            status_label(Some(later))
        )?;
    }
    Ok(())
}
