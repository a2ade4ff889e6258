//! `ctrack export`: status, progress, evidence or summary rows as CSV or JSON, streamed from
//! the database to the writer one row at a time. CSV is spreadsheet-safe unless `--raw`;
//! JSON is never altered.

use std::io::Write;

use crate::Context;
use crate::cli::{self, ExportArgs, ExportFormat, ExportKind};
use crate::domain::Vantage;
use crate::error::{Error, Result};
use crate::report::rows::{self, ProgressRow, StatusRow, SummaryRow};
use crate::report::sink::{RowFormat, Sink};
use crate::report::{CsvStyle, file, summary};
use crate::store::{Detail, Store};

/// Writes the rows asked for to stdout or, atomically, to `-o FILE`.
pub fn run(store: &mut Store, mut args: ExportArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let vantage = super::vantage(store, args.as_of, args.round.as_deref(), args.known_at, ctx.today)?;
    let past = args.round.is_some() || args.known_at.is_some();
    if past && matches!(args.what, ExportKind::Progress | ExportKind::Evidence) {
        return Err(Error::BadValue {
            what: "export with --round or --known-at",
            value: format!("{:?}", args.what).to_lowercase(),
            expected: "they apply to `export status` and `export summary`; progress and evidence export every row, with its recorded_at".into(),
        });
    }
    args.filter = super::filter::check(store, &args.filter, vantage.as_of)?;
    let format = match (args.format, args.output.as_deref()) {
        (Some(format), _) => format,
        (None, Some(path)) => cli::format_of_path(path)?.unwrap_or(ExportFormat::Csv),
        (None, None) => ExportFormat::Csv,
    };
    let style = CsvStyle { raw: args.raw, excel: args.excel };
    match &args.output {
        Some(path) => file::write_atomically(path, |w| export(store, &args, vantage, format, style, w)),
        None => export(store, &args, vantage, format, style, out),
    }
}

fn export(
    store: &Store,
    args: &ExportArgs,
    vantage: Vantage,
    format: ExportFormat,
    style: CsvStyle,
    out: &mut impl Write,
) -> Result<()> {
    let as_of = vantage.as_of;
    let (filter, selection) = super::filters(&args.filter, None);
    let csv_style = (format == ExportFormat::Csv).then_some(style);
    match args.what {
        ExportKind::Status => {
            let mut sink = Sink::new(out, row_format(format, style), &StatusRow::HEADER)?;
            store.for_each_state_from(&filter, vantage, Detail::Full, |state| {
                if selection.matches(&state, as_of) {
                    sink.push(&StatusRow::new(&state, as_of, csv_style))?;
                }
                Ok(())
            })?;
            sink.finish()
        }
        ExportKind::Progress => {
            let commitments = super::chosen(store, &filter, &selection, as_of)?;
            let mut sink = Sink::new(out, row_format(format, style), &ProgressRow::HEADER)?;
            store.for_each_entry(&commitments, |entry| sink.push(&ProgressRow::new(entry, csv_style)))?;
            sink.finish()
        }
        ExportKind::Evidence => {
            let commitments = super::chosen(store, &filter, &selection, as_of)?;
            let mut sink = Sink::new(out, row_format(format, style), &rows::EVIDENCE_HEADER)?;
            store.for_each_evidence(&commitments, |evidence| match csv_style {
                Some(style) => sink.push(&rows::evidence_for_csv(evidence, style)),
                None => sink.push(&evidence),
            })?;
            sink.finish()
        }
        ExportKind::Summary => {
            let summary = super::summarize(store, &args.filter, args.by, vantage, args.stale_days)?;
            let mut sink = Sink::new(out, row_format(format, style), &SummaryRow::HEADER)?;
            for row in summary::rows(&summary, csv_style) {
                sink.push(&row)?;
            }
            sink.finish()
        }
    }
}

fn row_format(format: ExportFormat, style: CsvStyle) -> RowFormat {
    match format {
        ExportFormat::Csv => RowFormat::Csv(style),
        ExportFormat::Json => RowFormat::Json,
    }
}
