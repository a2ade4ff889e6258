//! Rendering a `Summary`: the report table (with a total row and a title line saying what it
//! covers), Markdown, and the tidy CSV and JSON of `export summary` (never a total row). Every
//! format is built from the same `SummaryRow`s.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::rows::SummaryRow;
use super::table::{self, Column, Table};
use super::{CsvStyle, Terminal, json, markdown};
use crate::domain::{GroupBy, Status, Summary};
use crate::error::Result;

/// The filters in force, as the user gave them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Filters {
    pub statement: Option<String>,
    pub topic: Option<u32>,
    pub owner: Option<String>,
    pub status: Vec<Status>,
    pub overdue: bool,
    pub search: Option<String>,
}

impl Filters {
    /// The narrowing filters as flags (`--topic 1 --owner ITU`); the statement is named by the
    /// coverage itself. Empty when nothing narrows the report.
    pub fn flags(&self) -> String {
        let mut flags = Vec::new();
        if let Some(topic) = self.topic {
            flags.push(format!("--topic {topic}"));
        }
        if let Some(owner) = &self.owner {
            flags.push(format!("--owner {}", quoted(owner)));
        }
        flags.extend(self.status.iter().map(|s| format!("--status {s}")));
        if self.overdue {
            flags.push("--overdue".into());
        }
        if let Some(search) = &self.search {
            flags.push(format!("--search {}", quoted(search)));
        }
        flags.join(" ")
    }
}

fn quoted(value: &str) -> String {
    if value.contains(char::is_whitespace) || value.is_empty() {
        format!("\"{value}\"")
    } else {
        value.to_string()
    }
}

/// What a report covers, so two reports can be compared: the JSON metadata and the title line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub as_of: NaiveDate,
    pub group_by: GroupBy,
    pub statements: Vec<String>,
    pub commitments: u32,
    pub stale_days: u32,
    pub filters: Filters,
    /// The rows' commitments added up, when more than `commitments` (owners sharing one).
    #[serde(skip)]
    pub rows_sum: u32,
}

impl Coverage {
    /// The coverage of `summary` under `filters`. With no commitment counted, the statement
    /// asked for (if any) is still named.
    pub fn new(summary: &Summary, filters: Filters) -> Coverage {
        let mut statements: Vec<String> = summary.statements().iter().cloned().collect();
        if statements.is_empty() {
            statements.extend(filters.statement.clone());
        }
        Coverage {
            as_of: summary.as_of(),
            group_by: summary.by(),
            statements,
            commitments: summary.total().commitments(),
            stale_days: summary.stale_days(),
            filters,
            rows_sum: summary.rows_sum(),
        }
    }

    /// One line: `45 commitments of gdi-2023 as of 2024-06-30, by topic; stale after 180 days
    /// without an entry`, with `matching --owner ITU` before `, by` when filters narrow it.
    pub fn title(&self) -> String {
        let n = self.commitments;
        let mut title = format!("{n} commitment{}", if n == 1 { "" } else { "s" });
        if !self.statements.is_empty() {
            title.push_str(&format!(" of {}", self.statements.join(", ")));
        }
        title.push_str(&format!(" as of {}", self.as_of));
        let flags = self.filters.flags();
        if !flags.is_empty() {
            title.push_str(&format!(" matching {flags}"));
        }
        title.push_str(&format!(", by {}", self.group_by));
        if self.group_by == GroupBy::Owner {
            title.push_str(" and role");
        }
        if self.rows_sum > self.commitments {
            title.push_str(&format!(
                " (a commitment with several owners counts in each of their rows, so the rows add up to {})",
                self.rows_sum
            ));
        }
        let days = self.stale_days;
        title.push_str(&format!(
            "; stale after {days} day{} without an entry",
            if days == 1 { "" } else { "s" }
        ));
        title
    }
}

/// Column headers of the table and Markdown, after the group column.
const FIGURES: [&str; 16] = [
    "COMMITMENTS",
    "ASSESSED",
    "NOT STARTED",
    "IN PROGRESS",
    "STALLED",
    "PARTIAL",
    "DONE",
    "ABANDONED",
    "UNCLEAR",
    "UNASSESSED",
    "DONE %",
    "SCORE",
    "COMPLIANCE %",
    "OVERDUE",
    "STALE",
    "LAST UPDATE",
];

/// The figures that are numbers, right-aligned: all but the last (LAST UPDATE, a date).
const NUMBERS: usize = FIGURES.len() - 1;

/// The table's columns: the group label (text, cut to `GROUP_WIDTH` in a pipe, where nothing
/// wraps), then the figures, hidden in `DROP_ORDER` on a narrow terminal.
fn columns(by: GroupBy, terminal: Terminal) -> Vec<Column> {
    let mut group = Column::text(by.as_str().to_uppercase()).min(GROUP_MIN);
    if terminal.width.is_none() {
        group = group.cut(GROUP_WIDTH);
    }
    let figures = FIGURES.iter().enumerate().map(|(i, name)| {
        let column = if i < NUMBERS { Column::number(*name) } else { Column::date(*name) };
        let rank = DROP_ORDER.iter().position(|&c| c == i + 1).unwrap_or(DROP_ORDER.len());
        column.hide(u8::try_from(rank).unwrap_or(u8::MAX))
    });
    std::iter::once(group).chain(figures).collect()
}

/// The label of the total row.
const TOTAL: &str = "Total";

/// The longest group label a piped table shows in full (a terminal wraps it instead).
const GROUP_WIDTH: usize = 48;

/// The narrowest the group column gets on a narrow terminal before figures are hidden.
const GROUP_MIN: usize = 20;

/// On a narrow terminal, the table columns hidden first to last: derived or rare counts go
/// before the headline figures (compliance, done %, commitments).
const DROP_ORDER: [usize; 16] = [2, 12, 9, 8, 5, 4, 3, 6, 10, 7, 16, 15, 14, 11, 13, 1];

/// The summary's rows in order; text made spreadsheet-safe when `csv` is given.
pub fn rows(summary: &Summary, csv: Option<CsvStyle>) -> Vec<SummaryRow> {
    let several = summary.statements().len() > 1;
    summary
        .groups()
        .map(|(key, tally)| SummaryRow::new(summary.by(), &key.label(several), tally, csv))
        .collect()
}

fn total_row(summary: &Summary, label: &str) -> SummaryRow {
    SummaryRow::new(summary.by(), label, summary.total(), None)
}

/// A table line: the group cell, then the row's figures.
fn line(group: String, row: &SummaryRow) -> Vec<String> {
    std::iter::once(group).chain(row.figures()).collect()
}

/// The terminal table: the title line, one row per group, then the total.
pub fn write_table(
    summary: &Summary,
    coverage: &Coverage,
    terminal: Terminal,
    out: &mut impl Write,
) -> Result<()> {
    let mut t = Table::new(columns(summary.by(), terminal), "--format csv has every column");
    for row in rows(summary, None).iter().chain([&total_row(summary, TOTAL)]) {
        t.row(line(row.group.clone(), row));
    }
    table::write_wrapped(&coverage.title(), 0, terminal, out)?;
    t.write(terminal, out)?;
    Ok(())
}

/// A GitHub-flavoured Markdown table with the title line above it and the total row last.
pub fn write_markdown(summary: &Summary, coverage: &Coverage, out: &mut impl Write) -> Result<()> {
    // The terminal table's columns: Markdown keeps every column and every label whole.
    let mut t = Table::new(columns(summary.by(), Terminal::default()), "");
    for row in rows(summary, None) {
        t.row(line(row.group.clone(), &row));
    }
    t.row(line(format!("**{TOTAL}**"), &total_row(summary, TOTAL)));
    writeln!(out, "{}\n", markdown::escape(&coverage.title()))?;
    t.write_markdown(out)?;
    Ok(())
}

/// The `export summary` CSV: the header row, then one row per group.
pub fn write_csv(summary: &Summary, style: CsvStyle, out: &mut impl Write) -> Result<()> {
    let mut csv = super::csv::with_header(out, style, &SummaryRow::HEADER)?;
    for row in rows(summary, Some(style)) {
        csv.serialize(row)?;
    }
    csv.flush()?;
    Ok(())
}

/// The report as one JSON object: the coverage, then the rows (no total).
pub fn write_json(summary: &Summary, coverage: &Coverage, out: &mut impl Write) -> Result<()> {
    #[derive(Serialize)]
    struct Report<'a> {
        #[serde(flatten)]
        coverage: &'a Coverage,
        rows: Vec<SummaryRow>,
    }
    json::write_value(out, &Report { coverage, rows: rows(summary, None) })
}
