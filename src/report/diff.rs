//! Rendering a diff: a table or Markdown under a line saying what was compared, CSV rows
//! (`commitment,status_before,status_after,percent_before,percent_after,entries,evidence,owners,move`),
//! or JSON `{"from", "to", "rows", "summary"}`. Every format is built from the same `Row`s.

use std::io::Write;

use serde::Serialize;

use super::summary::Filters;
use super::table::{Column, Table};
use super::{CsvStyle, Terminal, csv, json, markdown};
use crate::cli::ListFormat;
use crate::domain::{DiffRow, DiffSummary, Move, Percent, Status, Vantage};
use crate::error::Result;

/// One side of a diff as typed, and where it looks from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// As typed (`2024Q1`, `today`, a round's name).
    pub name: String,
    /// The round's name, when the point is a round.
    pub round: Option<String>,
    pub vantage: Vantage,
}

/// A computed diff with what it compared.
#[derive(Debug, Clone)]
pub struct DiffReport {
    pub from: Point,
    pub to: Point,
    pub rows: Vec<DiffRow>,
    pub summary: DiffSummary,
    pub filters: Filters,
}

/// The CSV and JSON row.
#[derive(Serialize)]
struct Row {
    commitment: String,
    status_before: &'static str,
    status_after: &'static str,
    percent_before: Option<u8>,
    percent_after: Option<u8>,
    entries: usize,
    evidence: usize,
    owners: String,
    #[serde(rename = "move")]
    movement: &'static str,
}

const COLUMNS: [&str; 9] = [
    "commitment",
    "status_before",
    "status_after",
    "percent_before",
    "percent_after",
    "entries",
    "evidence",
    "owners",
    "move",
];

impl Row {
    fn new(row: &DiffRow, csv_style: Option<CsvStyle>) -> Row {
        let owners = match csv_style {
            Some(style) => csv::safe(&row.owners, style).into_owned(),
            None => row.owners.clone(),
        };
        Row {
            commitment: row.commitment.clone(),
            status_before: row.status_before.as_str(),
            status_after: row.status_after.as_str(),
            percent_before: row.percent_before.map(|p| p.get()),
            percent_after: row.percent_after.map(|p| p.get()),
            entries: row.entries,
            evidence: row.evidence,
            owners,
            movement: row.movement.as_str(),
        }
    }
}

/// A point in JSON.
#[derive(Serialize)]
struct PointJson<'a> {
    point: &'a str,
    as_of: String,
    known_at: Option<String>,
    round: Option<&'a str>,
}

impl<'a> From<&'a Point> for PointJson<'a> {
    fn from(point: &'a Point) -> Self {
        PointJson {
            point: &point.name,
            as_of: point.vantage.as_of.to_string(),
            known_at: point.vantage.known_at.map(|k| k.stored()),
            round: point.round.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct Document<'a> {
    from: PointJson<'a>,
    to: PointJson<'a>,
    filters: &'a Filters,
    rows: Vec<Row>,
    summary: DiffSummary,
}

/// Writes the diff in `format`.
pub fn write(
    report: &DiffReport,
    format: ListFormat,
    terminal: Terminal,
    out: &mut impl Write,
) -> Result<()> {
    match format {
        ListFormat::Csv => {
            let style = CsvStyle::default();
            let mut csv = csv::with_header(out, style, &COLUMNS)?;
            for row in &report.rows {
                csv.serialize(Row::new(row, Some(style)))?;
            }
            csv.flush()?;
            Ok(())
        }
        ListFormat::Json => json::write_value(
            out,
            &Document {
                from: (&report.from).into(),
                to: (&report.to).into(),
                filters: &report.filters,
                rows: report.rows.iter().map(|r| Row::new(r, None)).collect(),
                summary: report.summary,
            },
        ),
        ListFormat::Table => {
            super::table::write_wrapped(&title(report), 0, terminal, out)?;
            if !report.rows.is_empty() {
                table(report).write(terminal, out)?;
            }
            Ok(())
        }
        ListFormat::Markdown => {
            writeln!(out, "{}\n", markdown::escape(&title(report)))?;
            Ok(table(report).write_markdown(out)?)
        }
    }
}

fn table(report: &DiffReport) -> Table {
    let columns = vec![
        Column::id("COMMITMENT"),
        Column::status("BEFORE"),
        Column::status("AFTER"),
        Column::number("ENTRIES").hide(2),
        Column::number("EVIDENCE").hide(1),
        Column::text("OWNERS").min(12).hide(3),
        Column::status("MOVE"),
    ];
    let mut t = Table::new(columns, "--format csv has every column");
    for row in &report.rows {
        t.row(cells(row));
    }
    t
}

/// `in-progress (40%)`, `done`.
fn label(status: Status, percent: Option<Percent>) -> String {
    match percent {
        Some(p) => format!("{status} ({p}%)"),
        None => status.to_string(),
    }
}

fn cells(row: &DiffRow) -> Vec<String> {
    vec![
        row.commitment.clone(),
        label(row.status_before, row.percent_before),
        label(row.status_after, row.percent_after),
        row.entries.to_string(),
        row.evidence.to_string(),
        row.owners.clone(),
        row.movement.to_string(),
    ]
}

/// `2024Q1 (as of 2024-03-31, round closed 2024-04-02T09:00:00Z) → today (as of 2024-06-30):
/// 4 commitments changed (1 forward, …); 41 unchanged`.
fn title(report: &DiffReport) -> String {
    let s = &report.summary;
    let changed = report.rows.len();
    let counts: Vec<String> = Move::ALL
        .iter()
        .map(|m| {
            let n = match m {
                Move::Forward => s.forward,
                Move::Back => s.back,
                Move::Assessed => s.assessed,
                Move::Changed => s.changed,
            };
            format!("{n} {m}")
        })
        .collect();
    let flags = report.filters.flags();
    let statement = report.filters.statement.as_ref().map(|k| format!(" of {k}")).unwrap_or_default();
    format!(
        "{} → {}{statement}{}: {changed} commitment{} changed ({}); {} unchanged",
        describe(&report.from),
        describe(&report.to),
        if flags.is_empty() { String::new() } else { format!(" matching {flags}") },
        if changed == 1 { "" } else { "s" },
        counts.join(", "),
        s.unchanged
    )
}

fn describe(point: &Point) -> String {
    match (&point.round, point.vantage.known_at) {
        (Some(_), Some(known)) => {
            format!("round {} (as of {}, closed {known})", point.name, point.vantage.as_of)
        }
        _ if point.name == point.vantage.as_of.to_string() => point.name.clone(),
        _ => format!("{} (as of {})", point.name, point.vantage.as_of),
    }
}
