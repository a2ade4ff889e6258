//! `ctrack lint [filters] [--as-of D] [--strict]`: the data's gaps before publishing, one
//! finding per line with a stable check name. `--strict` makes any finding exit 1, so a data
//! repository can gate on it; the findings are printed either way.

use std::io::Write;

use crate::Context;
use crate::cli::LintArgs;
use crate::domain::{Finding, LintFacts, lint};
use crate::error::{Error, Result};
use crate::store::{Detail, Store};

/// Prints the findings; with `--strict`, fails when there are any.
pub fn run(store: &mut Store, mut args: LintArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let as_of = args.as_of.map_or(ctx.today, |d| d.resolve(ctx.today));
    args.filter = super::filter::check(store, &args.filter, as_of)?;
    let (filter, selection) = super::filters(&args.filter, None);
    let mut sources = store.lint_sources(as_of)?;
    let (mut findings, mut checked) = (Vec::<Finding>::new(), 0usize);
    store.for_each_state(&filter, as_of, Detail::Full, |state| {
        if !selection.matches(&state, as_of) {
            return Ok(());
        }
        checked += 1;
        let facts = LintFacts {
            links: sources.links.remove(&state.id).unwrap_or_default(),
            entries: sources.entries.remove(&state.id).unwrap_or_default(),
            statement_since: sources.statement_since.get(&state.statement).copied().unwrap_or(as_of),
            state,
        };
        findings.extend(lint(&facts, as_of, args.stale_days));
        Ok(())
    })?;
    crate::report::lint::write(&findings, checked, as_of, args.format, ctx.terminal, out)?;
    if args.strict && !findings.is_empty() {
        let n = findings.len();
        return Err(Error::LintFindings(format!("{n} problem{}", if n == 1 { "" } else { "s" })));
    }
    Ok(())
}
