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

use crate::cli::FilterArgs;
use crate::domain::StateSelection;
use crate::store::StateFilter;

/// Splits the shared filter flags into the part SQL applies and the part that needs each
/// commitment's state.
pub(crate) fn filters(args: &FilterArgs, stale_days: Option<u32>) -> (StateFilter, StateSelection) {
    let sql = StateFilter {
        statement: args.statement.clone(),
        topic: args.topic,
        owner: args.owner.as_ref().map(|o| o.key()),
        search: args.search.clone(),
    };
    let selection = StateSelection { statuses: args.statuses.clone(), overdue: args.overdue, stale_days };
    (sql, selection)
}
