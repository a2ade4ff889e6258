//! `ctrack assign ID OWNER [--role lead|support]` and `ctrack unassign ID OWNER`. Owners are
//! matched by their case-folded, trimmed name: "ITU" and "itu " are one owner.

use std::io::Write;

use crate::Context;
use crate::cli::{AssignArgs, UnassignArgs};
use crate::domain::{Lookup, closest, lookup};
use crate::error::{Error, Result};
use crate::store::Store;

/// Makes an owner lead or support of a commitment, or changes their role. A new owner whose
/// name is close to a recorded one is recorded, with a note naming the close one (a typo is
/// then one `unassign` away).
pub fn run(store: &mut Store, args: AssignArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let commitment = store.resolve(&args.id)?;
    super::refuse_withdrawn(&commitment, "it takes no new owners")?;
    let known = store.owner_names()?;
    let is_new = !known.iter().any(|name| name.to_lowercase() == args.owner.key());
    let near: Vec<String> = if is_new {
        closest(&args.owner.key(), known.iter().map(String::as_str)).into_iter().map(str::to_string).collect()
    } else {
        Vec::new()
    };
    let assigned = store.assign(commitment.pk, &args.owner, args.role, &ctx.timestamp())?;
    let (id, owner, role) = (&commitment.id, &assigned.owner, args.role);
    match assigned.previous {
        None => writeln!(out, "{id}: {owner} assigned as {role}")?,
        Some(previous) if previous == role => {
            writeln!(out, "{id}: {owner} is already {role}; nothing changed")?
        }
        Some(previous) => writeln!(out, "{id}: {owner} changed from {previous} to {role}")?,
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

/// Removes an owner from a commitment. The owner is found among the commitment's owners in
/// any case or by a unique beginning ("world" for "World Bank").
pub fn run_unassign(store: &mut Store, args: UnassignArgs, out: &mut impl Write) -> Result<()> {
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
    match store.unassign(commitment.pk, &owner)? {
        Some((owner, role)) => {
            writeln!(out, "{}: {owner} removed (was {role})", commitment.id)?;
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
