//! `ctrack diff FROM [TO]`: one row per commitment whose status, percent, owners, evidence or
//! due date changed between two points, each a round (its date, as known when it closed), a
//! date or a period (TO defaults to today). A name that is both a round and a date is the round.

use std::collections::HashMap;
use std::io::Write;

use crate::Context;
use crate::cli::DiffArgs;
use crate::domain::{REPORT_DATE_FORMS, ReportDate, Snapshot, StateSelection, Vantage, diff};
use crate::error::{Error, Result};
use crate::report::diff::{DiffReport, Point};
use crate::store::{Detail, StateFilter, Store};

/// Prints what changed between FROM and TO.
pub fn run(store: &mut Store, mut args: DiffArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let from = point(store, &args.from, ctx)?;
    let to = match &args.to {
        Some(to) => point(store, to, ctx)?,
        None => Point { name: "today".into(), round: None, vantage: Vantage::now(ctx.today) },
    };
    args.filter = super::filter::check(store, &args.filter, to.vantage.as_of)?;
    let (filter, selection) = super::filters(&args.filter, None);
    let after = snapshots(store, &filter, &selection, to.vantage)?;
    // The other filters (owner, text) are judged at TO only: a commitment that gained its
    // owner between the two must still be compared with its own earlier state.
    let everything = StateFilter { statement: filter.statement.clone(), ..StateFilter::default() };
    let before: HashMap<String, Snapshot> =
        snapshots(store, &everything, &StateSelection::default(), from.vantage)?
            .into_iter()
            .map(|s| (s.state.id.clone(), s))
            .collect();
    let (rows, summary) = diff(&after, |id| before.get(id));
    let report = DiffReport { from, to, rows, summary, filters: super::report::described(&args.filter) };
    crate::report::diff::write(&report, args.format, ctx.terminal, out)
}

/// A round by name, else a reporting date.
fn point(store: &Store, text: &str, ctx: &Context) -> Result<Point> {
    if let Some(round) = store.find_round(text.trim())? {
        return Ok(Point { name: round.name.clone(), vantage: round.vantage(), round: Some(round.name) });
    }
    match text.parse::<ReportDate>() {
        Ok(date) => Ok(Point {
            name: text.trim().to_string(),
            round: None,
            vantage: Vantage::now(date.resolve(ctx.today)),
        }),
        Err(_) => {
            let rounds: Vec<String> = store.rounds()?.into_iter().map(|r| r.name).collect();
            let known = if rounds.is_empty() { "none closed yet".to_string() } else { rounds.join(", ") };
            Err(Error::BadValue {
                what: "diff point",
                value: text.to_string(),
                expected: format!(
                    "expected a round name (rounds: {known}) or a reporting date: {}",
                    REPORT_DATE_FORMS
                ),
            })
        }
    }
}

/// Each commitment passing the filters, seen from `vantage`, with the entries and evidence
/// that count from there.
fn snapshots(
    store: &Store,
    filter: &StateFilter,
    selection: &StateSelection,
    vantage: Vantage,
) -> Result<Vec<Snapshot>> {
    let mut seen = store.seen(vantage)?;
    let mut snapshots = Vec::new();
    store.for_each_state_from(filter, vantage, Detail::Full, |state| {
        if selection.matches(&state, vantage.as_of) {
            let entries = seen.entries.remove(&state.id).unwrap_or_default();
            let evidence = seen.evidence.remove(&state.id).unwrap_or_default();
            snapshots.push(Snapshot { state, entries, evidence });
        }
        Ok(())
    })?;
    Ok(snapshots)
}
