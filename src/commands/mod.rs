//! One file per command, each with a `run` of the same shape: parsed arguments in, output to
//! `impl Write`, every database write in one transaction inside the store.

pub mod add;
pub mod assign;
pub mod completions;
pub mod copy;
mod csv_input;
mod csv_scan;
pub mod demo;
pub mod diff;
pub mod edit;
pub mod entries;
pub mod evidence;
pub mod export;
pub(crate) mod filter;
pub mod import_commitments;
pub mod import_progress;
pub mod import_statement;
pub mod init;
pub mod lint;
pub mod list;
pub mod log;
pub mod owners;
mod progress_rows;
pub mod report;
mod report_detail;
pub mod restore;
pub mod retract;
pub mod round;
pub mod show;
pub mod statements;
pub mod withdraw;

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::cli::FilterArgs;
use crate::domain::{
    CommitmentIds, CommitmentRow, GroupBy, KnownAt, ReportDate, StateSelection, Summary, Vantage,
};
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

/// Where a report looks from: `--round` (its date, with what was known when it closed), else
/// `--as-of` (default today) with `--known-at` if given. clap refuses `--round` with either.
pub(crate) fn vantage(
    store: &Store,
    as_of: Option<ReportDate>,
    round: Option<&str>,
    known_at: Option<KnownAt>,
    today: NaiveDate,
) -> Result<Vantage> {
    if let Some(name) = round {
        return Ok(store.round(name)?.vantage());
    }
    Ok(Vantage { as_of: as_of.map_or(today, |d| d.resolve(today)), known_at })
}

/// `report` and `export summary`: counts the commitments that pass `filter` seen from
/// `vantage` (its as-of date; a round or `--known-at` reads what was known then), grouped `by`.
/// The filters are already checked (`filter::check`).
pub(crate) fn summarize(
    store: &Store,
    filter: &FilterArgs,
    by: GroupBy,
    vantage: Vantage,
    stale_days: u32,
) -> Result<Summary> {
    let as_of = vantage.as_of;
    let (sql, selection) = filters(filter, None);
    let mut summary = Summary::new(by, as_of, stale_days);
    store.for_each_state_from(&sql, vantage, Detail::Summary { owners: by == GroupBy::Owner }, |state| {
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
        let why = crate::domain::withdrawal_cause(commitment.withdrawn_reason.as_deref());
        return Err(Error::Withdrawn { id: commitment.id.clone(), refused, why });
    }
    Ok(())
}

/// The commitments whose history `progress` and `evidence` export and `entries` lists: those matching the SQL
/// filters and, with `--status` or `--overdue`, whose state as of `as_of` passes them. One
/// id per commitment, so memory does not grow with history.
pub(crate) fn chosen(
    store: &Store,
    filter: &StateFilter,
    selection: &StateSelection,
    as_of: NaiveDate,
) -> Result<CommitmentIds> {
    let mut ids = store.commitment_ids(filter)?;
    if *selection != StateSelection::default() {
        let mut passing = HashSet::new();
        store.for_each_state(filter, as_of, Detail::Full, |state| {
            if selection.matches(&state, as_of) {
                passing.insert(state.id);
            }
            Ok(())
        })?;
        ids.retain(|_, id| passing.contains(id));
    }
    Ok(ids)
}
