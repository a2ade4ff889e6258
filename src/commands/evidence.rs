//! `ctrack evidence add ID URL [--title T] [--stance S]` and `ctrack evidence list [ID]`.
//! Only absolute http(s) URLs are evidence (checked at the edge); the same URL twice on one
//! commitment is reported, not duplicated.

use std::io::Write;

use crate::Context;
use crate::cli::{EvidenceAddArgs, EvidenceCommand, EvidenceListArgs, EvidenceRemoveArgs, ListFormat};
use crate::domain::NewEvidence;
use crate::error::Result;
use crate::report::sink::{RowFormat, Sink};
use crate::report::{self, CsvStyle, rows, table};
use crate::store::{EvidenceAdded, EvidenceRow, Store};

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
    let format = match args.format {
        ListFormat::Table => return write_table(&rows, ctx, out),
        ListFormat::Csv => RowFormat::Csv(CsvStyle::default()),
        ListFormat::Json => RowFormat::Json,
    };
    let mut sink = Sink::new(out, format, &rows::EVIDENCE_HEADER)?;
    for row in rows {
        match format {
            RowFormat::Csv(style) => sink.push(&rows::evidence_for_csv(row, style))?,
            RowFormat::Json => sink.push(&row)?,
        }
    }
    sink.finish()
}

fn write_table(rows: &[EvidenceRow], ctx: &Context, out: &mut impl Write) -> Result<()> {
    let n = rows.len();
    writeln!(out, "{n} evidence link{}", if n == 1 { "" } else { "s" })?;
    if n == 0 {
        return Ok(());
    }
    let header = ["COMMITMENT", "ENTRY", "URL", "TITLE", "STANCE", "ADDED"];
    let mut t = table::new(&header, &[], ctx.terminal);
    for row in rows {
        let entry = match row.entry {
            Some(e) if row.retracted => format!("{e} (retracted)"),
            Some(e) => e.to_string(),
            None => String::new(),
        };
        t.add_row(vec![
            row.commitment.clone(),
            entry,
            row.url.clone(),
            report::shorten(row.title.as_deref().unwrap_or_default(), 40),
            row.stance.map(|s| s.to_string()).unwrap_or_default(),
            row.added_at.clone(),
        ]);
    }
    table::write(&t, out)?;
    Ok(())
}
