//! `report --detail`: below the counts, every commitment under its topic — id, text, owners,
//! status and the date of its latest entry, latest note, evidence links and due date. One
//! `DetailRow` feeds the text, Markdown, CSV, JSON and HTML reports.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::summary::{self, Coverage};
use super::{CsvStyle, Terminal, json, markdown};
use crate::domain::{CommitmentState, Evidence, Stance, Status, Summary};
use crate::error::Result;

/// One commitment as a briefing shows it, as of the report's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DetailRow {
    pub commitment: String,
    pub statement: String,
    pub topic_no: u32,
    pub topic: String,
    pub text: String,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub status: Status,
    pub percent: Option<u8>,
    /// The date of the entry that gives the status; `None` when unassessed.
    pub as_of: Option<NaiveDate>,
    /// That entry's note.
    pub note: String,
    pub evidence: Vec<Link>,
    pub due: Option<NaiveDate>,
    pub overdue: bool,
}

/// An evidence link as reports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub title: Option<String>,
    pub url: String,
    pub stance: Option<Stance>,
}

impl Link {
    /// `Title <https://…> (supports)`; the parts that are missing are left out.
    pub fn label(&self) -> String {
        let mut label = match &self.title {
            Some(title) => format!("{title} <{}>", self.url),
            None => self.url.clone(),
        };
        if let Some(stance) = self.stance {
            label.push_str(&format!(" ({})", stance.as_str()));
        }
        label
    }
}

impl DetailRow {
    /// The CSV columns, in order; `lead`, `support` and `evidence` hold several values.
    pub const HEADER: [&str; 14] = [
        "commitment",
        "statement",
        "topic_no",
        "topic",
        "text",
        "lead",
        "support",
        "status",
        "percent",
        "as_of",
        "note",
        "evidence",
        "due",
        "overdue",
    ];

    /// The row of `state` as of `as_of`, with the links known then.
    pub fn new(state: &CommitmentState, evidence: &[Evidence], as_of: NaiveDate) -> DetailRow {
        let latest = state.latest.as_ref();
        DetailRow {
            commitment: state.id.clone(),
            statement: state.statement.clone(),
            topic_no: state.topic_no,
            topic: state.topic.clone(),
            text: state.text.clone(),
            lead: state.lead.clone(),
            support: state.support.clone(),
            status: state.status(),
            percent: latest.and_then(|e| e.percent).map(|p| p.get()),
            as_of: latest.map(|e| e.as_of),
            note: latest.map(|e| e.note.clone()).unwrap_or_default(),
            evidence: evidence
                .iter()
                .map(|e| Link { title: e.title.clone(), url: e.url.clone(), stance: e.stance })
                .collect(),
            due: state.due,
            overdue: state.is_overdue(as_of),
        }
    }

    /// The status as printed: `in-progress (60%)`.
    pub fn status_label(&self) -> String {
        match self.percent {
            Some(p) => format!("{} ({p}%)", self.status),
            None => self.status.to_string(),
        }
    }

    /// The due date as printed: `2024-03-01`, `2024-03-01 (overdue)`, or empty.
    pub fn due_label(&self) -> String {
        match (self.due, self.overdue) {
            (Some(due), true) => format!("{due} (overdue)"),
            (Some(due), false) => due.to_string(),
            (None, _) => String::new(),
        }
    }

    /// The topic heading: `1. Title`, naming the statement when the report covers several.
    pub fn topic_label(&self, several_statements: bool) -> String {
        match several_statements {
            true => format!("{} {}. {}", self.statement, self.topic_no, self.topic),
            false => format!("{}. {}", self.topic_no, self.topic),
        }
    }

    /// The CSV cells, in `HEADER` order; free text made spreadsheet-safe.
    fn csv_cells(&self, style: CsvStyle) -> [String; 14] {
        let text = |s: &str| super::csv::safe(s, style).into_owned();
        let links: Vec<String> = self.evidence.iter().map(Link::label).collect();
        [
            self.commitment.clone(),
            self.statement.clone(),
            self.topic_no.to_string(),
            text(&self.topic),
            text(&self.text),
            text(&self.lead.join("; ")),
            text(&self.support.join("; ")),
            self.status.to_string(),
            self.percent.map(|p| p.to_string()).unwrap_or_default(),
            self.as_of.map(|d| d.to_string()).unwrap_or_default(),
            text(&self.note),
            text(&links.join("\n")),
            self.due.map(|d| d.to_string()).unwrap_or_default(),
            self.overdue.to_string(),
        ]
    }
}

/// The rows in topic order (the order they were read in), each topic's rows together.
pub fn by_topic(rows: &[DetailRow]) -> impl Iterator<Item = &[DetailRow]> {
    rows.chunk_by(|a, b| (&a.statement, a.topic_no) == (&b.statement, b.topic_no))
}

fn several_statements(rows: &[DetailRow]) -> bool {
    rows.windows(2).any(|pair| pair[0].statement != pair[1].statement)
}

/// The report's table, then each topic's commitments as blocks of labelled lines.
pub fn write_table(
    summary: &Summary,
    coverage: &Coverage,
    rows: &[DetailRow],
    terminal: Terminal,
    out: &mut impl Write,
) -> Result<()> {
    summary::write_table(summary, coverage, terminal, out)?;
    let several = several_statements(rows);
    for topic in by_topic(rows) {
        writeln!(out, "\n{}", topic[0].topic_label(several))?;
        for row in topic {
            write_block(row, out)?;
        }
    }
    Ok(())
}

fn write_block(row: &DetailRow, out: &mut impl Write) -> Result<()> {
    let updated = row.as_of.map(|d| format!(" as of {d}")).unwrap_or_default();
    writeln!(out, "\n  {}  {}{updated}", row.commitment, row.status_label())?;
    writeln!(out, "    {}", one_line(&row.text))?;
    let owners = |names: &[String]| if names.is_empty() { "—".to_string() } else { names.join("; ") };
    writeln!(out, "    lead: {}   support: {}", owners(&row.lead), owners(&row.support))?;
    if row.due.is_some() {
        writeln!(out, "    due: {}", row.due_label())?;
    }
    if !row.note.is_empty() {
        writeln!(out, "    note: {}", one_line(&row.note))?;
    }
    for link in &row.evidence {
        writeln!(out, "    evidence: {}", one_line(&link.label()))?;
    }
    Ok(())
}

/// Text on one line: line breaks become spaces, so a note cannot fake another field.
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// Markdown columns of the detail tables.
const MARKDOWN_HEADER: [&str; 9] =
    ["ID", "COMMITMENT", "LEAD", "SUPPORT", "STATUS", "UPDATED", "NOTE", "EVIDENCE", "DUE"];

/// The report's Markdown, then a `##` heading and a table per topic.
pub fn write_markdown(
    summary: &Summary,
    coverage: &Coverage,
    rows: &[DetailRow],
    out: &mut impl Write,
) -> Result<()> {
    summary::write_markdown(summary, coverage, out)?;
    let several = several_statements(rows);
    for topic in by_topic(rows) {
        writeln!(out, "\n## {}\n", markdown::escape(&topic[0].topic_label(several)))?;
        markdown::write_escaped_table(out, &MARKDOWN_HEADER, topic.iter().map(markdown_cells))?;
    }
    Ok(())
}

/// A row's cells, each safe inside a table: text escaped, links built safe.
fn markdown_cells(row: &DetailRow) -> Vec<String> {
    let links: Vec<String> = row.evidence.iter().map(markdown_link).collect();
    let text = [
        row.commitment.clone(),
        row.text.clone(),
        row.lead.join("; "),
        row.support.join("; "),
        row.status_label(),
        row.as_of.map(|d| d.to_string()).unwrap_or_default(),
        row.note.clone(),
    ];
    let mut cells: Vec<String> = text.iter().map(|cell| markdown::escape(cell)).collect();
    cells.push(links.join("; "));
    cells.push(row.due_label());
    cells
}

/// `[Title](<https://…>) (supports)`, safe in a table cell: the title's Markdown characters
/// and pipes escaped, line breaks made spaces; the URL in angle brackets (a parsed URL has no
/// spaces, `<`, `>` or `|`).
fn markdown_link(link: &Link) -> String {
    let title = link.title.as_deref().unwrap_or(&link.url);
    let mut escaped = String::with_capacity(title.len());
    for c in title.chars() {
        match c {
            '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '>' | '|' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\r' | '\n' => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    let stance = link.stance.map(|s| format!(" ({})", s.as_str())).unwrap_or_default();
    format!("[{escaped}](<{}>){stance}", link.url)
}

/// One CSV row per commitment (the counts are `export summary`'s), header always.
pub fn write_csv(rows: &[DetailRow], style: CsvStyle, out: &mut impl Write) -> Result<()> {
    let mut csv = super::csv::with_header(out, style, &DetailRow::HEADER)?;
    for row in rows {
        csv.write_record(row.csv_cells(style))?;
    }
    csv.flush()?;
    Ok(())
}

/// The report's JSON object with a `detail` array after its rows.
pub fn write_json(
    summary: &Summary,
    coverage: &Coverage,
    rows: &[DetailRow],
    out: &mut impl Write,
) -> Result<()> {
    #[derive(Serialize)]
    struct Report<'a> {
        #[serde(flatten)]
        coverage: &'a Coverage,
        rows: Vec<super::rows::SummaryRow>,
        detail: &'a [DetailRow],
    }
    json::write_value(out, &Report { coverage, rows: summary::rows(summary, None), detail: rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_links_cannot_break_out_of_their_brackets() {
        let link = Link {
            title: Some("a] [b](javascript:x) *c*".into()),
            url: "https://example.org/a_(b)".into(),
            stance: Some(Stance::Supports),
        };
        assert_eq!(
            markdown_link(&link),
            "[a\\] \\[b\\](javascript:x) \\*c\\*](<https://example.org/a_(b)>) (supports)"
        );
        let bare = Link { title: None, url: "https://example.org/x".into(), stance: None };
        assert_eq!(markdown_link(&bare), "[https://example.org/x](<https://example.org/x>)");
    }

    #[test]
    fn labels_leave_out_what_is_missing() {
        let link = Link { title: None, url: "https://example.org".into(), stance: None };
        assert_eq!(link.label(), "https://example.org");
        let link = Link { title: Some("T".into()), stance: Some(Stance::Context), ..link };
        assert_eq!(link.label(), "T <https://example.org> (context)");
    }
}
