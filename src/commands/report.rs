//! `ctrack report`: commitments counted per topic, owner, status or statement as of a date,
//! with done % and compliance, as a table, CSV, JSON or Markdown; `--detail` and HTML add every
//! commitment (`report_detail`).

use std::io::Write;

use crate::Context;
use crate::cli::{self, FilterArgs, ReportArgs, ReportFormat};
use crate::domain::Summary;
use crate::error::Result;
use crate::report::summary::{self, Coverage, Filters};
use crate::report::{CsvStyle, Terminal, file};
use crate::store::Store;

/// Prints the report, or writes it to `-o FILE`.
pub fn run(store: &mut Store, mut args: ReportArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let vantage = super::vantage(store, args.as_of, args.round.as_deref(), args.known_at, ctx.today)?;
    args.filter = super::filter::check(store, &args.filter, vantage.as_of)?;
    let format = match (args.format, args.output.as_deref()) {
        (Some(format), _) => format,
        (None, Some(path)) => cli::format_of_path(path)?.unwrap_or(ReportFormat::Table),
        (None, None) => ReportFormat::Table,
    };
    if args.detail || format == ReportFormat::Html {
        return super::report_detail::run(store, &args, format, vantage, ctx, out);
    }
    let summary = super::summarize(store, &args.filter, args.by, vantage, args.stale_days)?;
    let coverage = Coverage::new(&summary, described(&args.filter));
    match &args.output {
        Some(path) => {
            file::write_atomically(path, |w| render(&summary, &coverage, format, Terminal::default(), w))
        }
        None => render(&summary, &coverage, format, ctx.terminal, out),
    }
}

/// The filters as the report states them.
pub(crate) fn described(filter: &FilterArgs) -> Filters {
    Filters {
        statement: filter.statement.clone(),
        topic: filter.topic,
        owner: filter.owner.as_ref().map(|o| o.as_str().to_string()),
        status: filter.statuses.clone(),
        overdue: filter.overdue,
        search: filter.search.as_ref().map(|s| s.as_str().to_string()),
    }
}

fn render(
    summary: &Summary,
    coverage: &Coverage,
    format: ReportFormat,
    terminal: Terminal,
    out: &mut impl Write,
) -> Result<()> {
    match format {
        ReportFormat::Table => summary::write_table(summary, coverage, terminal, out),
        ReportFormat::Markdown => summary::write_markdown(summary, coverage, out),
        ReportFormat::Csv => summary::write_csv(summary, CsvStyle::default(), out),
        ReportFormat::Json => summary::write_json(summary, coverage, out),
        // `run` sends HTML to `report_detail`, which has the commitments it needs.
        ReportFormat::Html => Ok(()),
    }
}
