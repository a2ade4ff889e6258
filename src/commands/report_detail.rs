//! `ctrack report --detail` and `report --format html`: the report's counts with every
//! commitment below them. Reads the selected commitments once, then the evidence (and, for
//! HTML, the timelines) of their statement in one query each, whatever their number.

use std::io::Write;

use super::report::described;
use crate::Context;
use crate::cli::{ReportArgs, ReportFormat};
use crate::domain::{Matrix, Summary, Vantage};
use crate::error::Result;
use crate::report::detail::{self, DetailRow};
use crate::report::html::{self, HtmlReport};
use crate::report::summary::Coverage;
use crate::report::{CsvStyle, Terminal, file};
use crate::store::{Detail, Store};

/// What the detailed reports show: the counts as asked (`--by`), the owners × topics matrix
/// (HTML), and one row per commitment in id order.
struct Gathered {
    summary: Summary,
    matrix: Matrix,
    rows: Vec<DetailRow>,
}

/// Prints the detailed report in `format`, or writes it to `-o FILE`.
pub(crate) fn run(
    store: &mut Store,
    args: &ReportArgs,
    format: ReportFormat,
    vantage: Vantage,
    ctx: &Context,
    out: &mut impl Write,
) -> Result<()> {
    if let Some(key) = &args.filter.statement {
        store.require_statement(key)?;
    }
    let gathered = gather(store, args, vantage)?;
    let render = |terminal: Terminal, mut w: &mut dyn Write| -> Result<()> {
        let coverage = Coverage::new(&gathered.summary, described(&args.filter));
        let (summary, rows) = (&gathered.summary, gathered.rows.as_slice());
        match format {
            ReportFormat::Table => detail::write_table(summary, &coverage, rows, terminal, &mut w),
            ReportFormat::Markdown => detail::write_markdown(summary, &coverage, rows, &mut w),
            ReportFormat::Csv => detail::write_csv(rows, CsvStyle::default(), &mut w),
            ReportFormat::Json => detail::write_json(summary, &coverage, rows, &mut w),
            ReportFormat::Html => write_html(store, args, &gathered, vantage, ctx, w),
        }
    };
    match &args.output {
        Some(path) => file::write_atomically(path, |w| render(Terminal::default(), w)),
        None => render(ctx.terminal, out),
    }
}

/// Reads the selected commitments once and counts them every way the reports need.
fn gather(store: &Store, args: &ReportArgs, vantage: Vantage) -> Result<Gathered> {
    let as_of = vantage.as_of;
    let (sql, selection) = super::filters(&args.filter, None);
    let evidence = store.evidence_known(args.filter.statement.as_deref(), vantage)?;
    let mut gathered = Gathered {
        summary: Summary::new(args.by, as_of, args.stale_days),
        matrix: Matrix::new(as_of, args.stale_days),
        rows: Vec::new(),
    };
    store.for_each_state_from(&sql, vantage, Detail::Full, |state| {
        if selection.matches(&state, as_of) {
            gathered.summary.add(&state);
            gathered.matrix.add(&state);
            let links = evidence.get(&state.id).map_or(&[][..], Vec::as_slice);
            gathered.rows.push(DetailRow::new(&state, links, as_of));
        }
        Ok(())
    })?;
    Ok(gathered)
}

/// The HTML report: the matrix's counts by topic, the statements covered, and timelines.
fn write_html(
    store: &Store,
    args: &ReportArgs,
    gathered: &Gathered,
    vantage: Vantage,
    ctx: &Context,
    out: &mut dyn Write,
) -> Result<()> {
    let timelines = store.timelines(args.filter.statement.as_deref(), vantage, html::TIMELINE_ENTRIES)?;
    let coverage = Coverage::new(gathered.matrix.topics(), described(&args.filter));
    let statements =
        store.statements()?.into_iter().filter(|s| coverage.statements.contains(&s.key)).collect::<Vec<_>>();
    let report = HtmlReport {
        coverage: &coverage,
        statements: &statements,
        generated: ctx.now,
        matrix: &gathered.matrix,
        rows: &gathered.rows,
        timelines: &timelines,
        since: None,
    };
    html::write(&report, out)
}
