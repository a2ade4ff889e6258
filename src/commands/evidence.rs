//! `ctrack evidence add ID URL [--title T] [--stance S]` and `ctrack evidence list [ID]`.
//! Only absolute http(s) URLs are evidence (checked at the edge); the same URL twice on one
//! commitment is reported, not duplicated.

use std::io::Write;

use crate::Context;
use crate::cli::{EvidenceAddArgs, EvidenceCommand, EvidenceListArgs, EvidenceRemoveArgs, ListFormat};
use crate::domain::{EvidenceAdded, NewEvidence};
use crate::error::Result;
use crate::report::sink::RowFormat;
use crate::report::{CsvStyle, evidence};
use crate::store::Store;

/// Runs `evidence add` or `evidence list`.
pub fn run(store: &mut Store, command: EvidenceCommand, ctx: &Context, out: &mut impl Write) -> Result<()> {
    match command {
        EvidenceCommand::Add(args) => add(store, args, ctx, out),
        EvidenceCommand::List(args) => list(store, args, ctx, out),
        EvidenceCommand::Remove(args) => remove(store, args, ctx, out),
    }
}

fn remove(store: &mut Store, args: EvidenceRemoveArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let removed = store.remove_evidence(args.id, &args.reason, &ctx.timestamp())?;
    let with_entry = removed.entry.map(|e| format!(", logged with entry {e}")).unwrap_or_default();
    writeln!(
        out,
        "evidence {} removed from {}: {}{with_entry}",
        removed.id, removed.commitment, removed.url
    )?;
    Ok(())
}

fn add(store: &mut Store, args: EvidenceAddArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let commitment = store.resolve(&args.id)?;
    super::refuse_withdrawn(&commitment, "it takes no new evidence")?;
    let new = NewEvidence {
        commitment: commitment.pk,
        url: args.url,
        title: args.title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
        stance: args.stance,
    };
    let id = &commitment.id;
    match store.add_evidence(&new, &ctx.timestamp())? {
        EvidenceAdded::New(n) => writeln!(out, "evidence {n} added to {id}: {}", new.url)?,
        EvidenceAdded::Existing(old) => {
            let with_entry = old.entry.map(|e| format!(", logged with entry {e}")).unwrap_or_default();
            writeln!(
                out,
                "already recorded: {id} has {} (evidence {}{with_entry}); nothing changed",
                old.url, old.id
            )?
        }
    }
    Ok(())
}

fn list(store: &mut Store, args: EvidenceListArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let pk = args.id.map(|id| store.resolve(&id)).transpose()?.map(|c| c.pk);
    let rows = store.evidence_rows(pk)?;
    match args.format {
        ListFormat::Table => evidence::write_table(&rows, ctx.terminal, out),
        ListFormat::Markdown => evidence::write_markdown(&rows, out),
        ListFormat::Csv => evidence::write_rows(rows, RowFormat::Csv(CsvStyle::default()), out),
        ListFormat::Json => evidence::write_rows(rows, RowFormat::Json, out),
    }
}
