//! `ctrack assign ID OWNER [--role lead|support] [--as-of D]` and `ctrack unassign ID OWNER
//! [--as-of D]`. Owners are matched by their case-folded, trimmed name: "ITU" and "itu " are
//! one owner. Each change is dated (back-dating allowed, the future not) and kept: reports as
//! of a date use the owners of that date.

use std::io::Write;

use chrono::NaiveDate;

use crate::Context;
use crate::cli::{AssignArgs, UnassignArgs};
use crate::domain::{DateArg, Lookup, closest, lookup};
use crate::error::{Error, Result};
use crate::store::Store;

/// Makes an owner lead or support of a commitment, or changes their role. A new owner whose
/// name is close to a recorded one is recorded, with a note naming the close one (a typo is
/// then one `unassign` away).
pub fn run(store: &mut Store, args: AssignArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let from = change_date(args.as_of, ctx)?;
    let commitment = store.resolve(&args.id)?;
    super::refuse_withdrawn(&commitment, "it takes no new owners")?;
    let known = store.owner_names()?;
    let is_new = !known.iter().any(|name| name.to_lowercase() == args.owner.key());
    let near: Vec<String> = if is_new {
        closest(&args.owner.key(), known.iter().map(String::as_str)).into_iter().map(str::to_string).collect()
    } else {
        Vec::new()
    };
    let assigned =
        store.assign(commitment.pk, &commitment.id, &args.owner, args.role, from, &ctx.timestamp())?;
    let (id, owner, role) = (&commitment.id, &assigned.owner, args.role);
    let dated = dated(args.as_of, from);
    match assigned.previous {
        None => writeln!(out, "{id}: {owner} assigned as {role}{dated}")?,
        Some(previous) if previous == role => {
            writeln!(out, "{id}: {owner} is already {role}; nothing changed")?
        }
        Some(previous) => writeln!(out, "{id}: {owner} changed from {previous} to {role}{dated}")?,
    }
    if !near.is_empty() {
        writeln!(
            out,
            "note: {owner} is a new owner, close to {}; if it is a typo, `ctrack unassign {id} {}` undoes it",
            near.join(", "),
            if owner.contains(char::is_whitespace) { format!("\"{owner}\"") } else { owner.clone() }
        )?;
    }
    Ok(())
}

/// Ends an owner's role on a commitment. The owner is found among the commitment's owners in
/// any case or by a unique beginning ("world" for "World Bank").
pub fn run_unassign(
    store: &mut Store,
    args: UnassignArgs,
    ctx: &Context,
    out: &mut impl Write,
) -> Result<()> {
    let on = change_date(args.as_of, ctx)?;
    let commitment = store.resolve(&args.id)?;
    let names: Vec<String> = store.owners_of(commitment.pk)?.into_iter().map(|(name, _)| name).collect();
    let owner = match lookup(args.owner.as_str(), &names) {
        Lookup::Found(name) => name.parse()?,
        Lookup::Ambiguous(matches) => {
            let matches = matches.into_iter().map(str::to_string).collect();
            return Err(Error::AmbiguousOwner { owner: args.owner.as_str().to_string(), matches });
        }
        Lookup::Unknown(_) => args.owner.clone(),
    };
    match store.unassign(commitment.pk, &commitment.id, &owner, on, &ctx.timestamp())? {
        Some((owner, role)) => {
            writeln!(out, "{}: {owner} removed (was {role}){}", commitment.id, dated(args.as_of, on))?;
            Ok(())
        }
        None => Err(Error::NotAssigned {
            owner: args.owner.as_str().to_string(),
            commitment: commitment.id,
            owners: store
                .owners_of(commitment.pk)?
                .iter()
                .map(|(name, role)| format!("{name} ({role})"))
                .collect(),
        }),
    }
}

/// The day an owner change takes effect: `--as-of`, else today; never in the future.
fn change_date(as_of: Option<DateArg>, ctx: &Context) -> Result<NaiveDate> {
    let date = as_of.map_or(ctx.today, |d| d.resolve(ctx.today));
    if date > ctx.today {
        return Err(Error::FutureChange { what: "an owner change", date, today: ctx.today });
    }
    Ok(date)
}

/// " as of D" when the change was dated explicitly.
fn dated(as_of: Option<DateArg>, date: NaiveDate) -> String {
    as_of.map_or_else(String::new, |_| format!(" as of {date}"))
}
