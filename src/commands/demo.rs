//! `ctrack demo`: the newcomer's first command. Builds a throw-away database (in memory, unless
//! `--db` is given) from the bundled statement, clearly illustrative owners and progress, and
//! prints the report by topic; `--html FILE` also writes the report as HTML.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::Context;
use crate::cli::{
    DemoArgs, FilterArgs, GranularityArg, GroupBy, ImportStatementArgs, ListFormat, ReportArgs, ReportFormat,
};
use crate::domain::{CommitmentRef, DateArg, OwnerName, ReportDate, Role};
use crate::error::{Error, Result};
use crate::store::{Access, DbTarget, Store};

const STATEMENT: &[u8] =
    include_bytes!("../../fixtures/gdi-2023/gdi-digital-cooperation-forum-2023-chair-statement.txt");
const STATEMENT_FILE: &str = "gdi-digital-cooperation-forum-2023-chair-statement.txt";
const OWNERS: &str = include_str!("../../fixtures/gdi-2023/demo-owners.csv");
const PROGRESS: &[u8] = include_bytes!("../../fixtures/gdi-2023/demo-progress.csv");
const KEY: &str = "gdi-2023";
/// The report's default date: the end of the illustrative progress.
const AS_OF: &str = "2025-06-30";
/// The day the illustrative owners take up their roles.
const OWNERS_FROM: &str = "2024-01-01";

/// Builds the demo database and prints its report.
pub fn run(args: DemoArgs, db: Option<PathBuf>, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let as_of = crate::domain::parse_date(AS_OF)?;
    // The illustrative progress runs to AS_OF; a clock set earlier must not refuse it.
    let ctx = &Context { today: ctx.today.max(as_of), ..ctx.clone() };
    let mut store = match &db {
        Some(path) => Store::open_target(&DbTarget::of(path)?, Access::Create, ctx.busy_timeout)?,
        None => Store::open_in_memory()?,
    };
    let store = &mut store;
    let import = ImportStatementArgs {
        file: PathBuf::from(STATEMENT_FILE),
        key: Some(KEY.to_string()),
        title: None,
        date: None,
        granularity: GranularityArg::Clause,
        dry_run: false,
        explain: false,
        format: ListFormat::Table,
    };
    let mut quiet = io::sink();
    let input = super::import_statement::read_bytes(STATEMENT, import)?;
    super::import_statement::run(store, input, ctx, &mut quiet)?;
    assign_owners(store, ctx)?;
    super::import_progress::import_from(store, PROGRESS, None, "demo progress", false, ctx)?;
    let where_ = match db {
        Some(_) => store.location(),
        None => "an in-memory database, gone when this command ends".to_string(),
    };
    writeln!(out, "ctrack demo: the {KEY} chair's statement, imported into {where_},")?;
    writeln!(out, "with ILLUSTRATIVE owners and progress (not real data). The report by topic:")?;
    writeln!(out)?;
    let report = ReportArgs {
        by: GroupBy::Topic,
        filter: FilterArgs::default(),
        as_of: Some(args.as_of.unwrap_or(ReportDate::Day(DateArg::Date(as_of)))),
        round: None,
        known_at: None,
        stale_days: 180,
        format: None,
        output: None,
        detail: false,
    };
    if let Some(path) = args.html {
        let html = ReportArgs { format: Some(ReportFormat::Html), output: Some(path), ..report.clone() };
        super::report::run(store, html, ctx, &mut quiet)?;
    }
    super::report::run(store, report, ctx, out)?;
    writeln!(out)?;
    writeln!(out, "To explore it, keep it in a file: ctrack --db demo.db demo")?;
    writeln!(out, "then: ctrack --db demo.db show 1.1.1   ctrack --db demo.db list --topic 2")?;
    Ok(())
}

/// Gives the commitments their illustrative owners (columns `commitment,owner,role`), from
/// before the first illustrative entry, so reports as of any date of the progress show them.
fn assign_owners(store: &mut Store, ctx: &Context) -> Result<()> {
    let now = ctx.timestamp();
    let from = crate::domain::parse_date(OWNERS_FROM)?;
    let mut reader = csv::Reader::from_reader(OWNERS.as_bytes());
    for row in reader.deserialize::<(String, String, String)>() {
        let (id, owner, role) =
            row.map_err(|e| Error::Corrupt(format!("the bundled demo owners are malformed: {e}")))?;
        let commitment = store.resolve(&id.parse::<CommitmentRef>()?)?;
        let (owner, role) = (owner.parse::<OwnerName>()?, role.parse::<Role>()?);
        store.assign(commitment.pk, &commitment.id, &owner, role, from, &now)?;
    }
    Ok(())
}
