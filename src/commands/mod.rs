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
pub mod init;
pub mod list;
pub mod log;
pub mod owners;
pub mod report;
pub mod retract;
pub mod show;
pub mod statements;

use chrono::NaiveDate;

use crate::cli::FilterArgs;
use crate::domain::{CommitmentRow, GroupBy, StateSelection, Summary};
use crate::error::{Error, Result};
use crate::store::{Detail, StateFilter, Store};

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

/// `report` and `export summary`: counts the commitments that pass `filter` (already checked
/// by `filter::check`) as of `as_of`, grouped `by`.
pub(crate) fn summarize(
    store: &Store,
    filter: &FilterArgs,
    by: GroupBy,
    as_of: NaiveDate,
    stale_days: u32,
) -> Result<Summary> {
    let (sql, selection) = filters(filter, None);
    let mut summary = Summary::new(by, as_of, stale_days);
    store.for_each_state(&sql, as_of, Detail::Summary { owners: by == GroupBy::Owner }, |state| {
        if selection.matches(&state, as_of) {
            summary.add(&state);
        }
        Ok(())
    })?;
    Ok(summary)
}

/// Refuses to add to a withdrawn commitment; `refused` says what cannot be done.
pub(crate) fn refuse_withdrawn(commitment: &CommitmentRow, refused: &'static str) -> Result<()> {
    if commitment.withdrawn {
        return Err(Error::Withdrawn { id: commitment.id.clone(), refused });
    }
    Ok(())
}
