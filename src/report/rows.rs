//! The row structs of listings and exports, built from domain values. Each row is the one
//! source of its columns for every format; CSV safety is applied when a row is built for CSV.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;

use super::CsvStyle;
use super::csv::{safe, timestamp};
use crate::domain::{CommitmentState, Fixed, GroupBy, Status, Tally};
use crate::domain::{EntryRecord, EvidenceRow};

/// One commitment with its current status: the columns of `export status` (PRODUCT.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusRow {
    pub commitment: String,
    pub statement: String,
    pub topic_no: u32,
    pub topic: String,
    pub text: String,
    pub lead: Names,
    pub support: Names,
    pub due: Option<NaiveDate>,
    pub status: Status,
    pub percent: Option<u8>,
    pub score: Option<i8>,
    pub as_of: Option<NaiveDate>,
    pub days_since_update: Option<i64>,
    pub overdue: bool,
    pub evidence_count: u32,
    pub last_note: String,
}

impl StatusRow {
    /// The `export status` columns, in order.
    pub const HEADER: [&str; 16] = [
        "commitment",
        "statement",
        "topic_no",
        "topic",
        "text",
        "lead",
        "support",
        "due",
        "status",
        "percent",
        "score",
        "as_of",
        "days_since_update",
        "overdue",
        "evidence_count",
        "last_note",
    ];

    /// The row for `state` as of `as_of`; text cells made spreadsheet-safe when `csv` is given.
    pub fn new(state: &CommitmentState, as_of: NaiveDate, csv: Option<CsvStyle>) -> StatusRow {
        let text = |s: &str| match csv {
            Some(style) => safe(s, style).into_owned(),
            None => s.to_string(),
        };
        let status = state.status();
        let latest = state.latest.as_ref();
        StatusRow {
            commitment: state.id.clone(),
            statement: state.statement.clone(),
            topic_no: state.topic_no,
            topic: text(&state.topic),
            text: text(&state.text),
            lead: Names::new(&state.lead, csv),
            support: Names::new(&state.support, csv),
            due: state.due,
            status,
            percent: latest.and_then(|e| e.percent).map(|p| p.get()),
            score: status.score(),
            as_of: latest.map(|e| e.as_of),
            days_since_update: state.days_since_update(as_of),
            overdue: state.is_overdue(as_of),
            // Listings read states in full detail, which always counts evidence.
            evidence_count: state.evidence_count.unwrap_or_default(),
            last_note: text(latest.map_or("", |e| e.note.as_str())),
        }
    }
}

/// Owner names: one `;`-joined cell in CSV (made spreadsheet-safe), an array in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Names {
    Joined(String),
    List(Vec<String>),
}

impl Names {
    /// The names for CSV when `csv` is given, else for JSON and tables.
    pub fn new(names: &[String], csv: Option<CsvStyle>) -> Names {
        match csv {
            Some(style) => Names::Joined(safe(&names.join("; "), style).into_owned()),
            None => Names::List(names.to_vec()),
        }
    }
}

impl std::fmt::Display for Names {
    /// `ITU; UNDP`, as in CSV.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Names::Joined(text) => f.write_str(text),
            Names::List(names) => f.write_str(&names.join("; ")),
        }
    }
}

/// One group of a report: the columns of `export summary` (PRODUCT.md). Numbers are already
/// rounded (see `domain::summary`), so every format shows the same values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryRow {
    pub group_by: GroupBy,
    pub group: String,
    pub commitments: u32,
    pub assessed: u32,
    pub not_started: u32,
    pub in_progress: u32,
    pub stalled: u32,
    pub partial: u32,
    pub done: u32,
    pub abandoned: u32,
    pub unclear: u32,
    pub unassessed: u32,
    pub done_pct: Option<Fixed>,
    pub compliance_score: Option<Fixed>,
    pub compliance_pct: Option<Fixed>,
    pub overdue: u32,
    pub stale: u32,
    pub last_update: Option<NaiveDate>,
}

impl SummaryRow {
    /// The `export summary` columns, in order.
    pub const HEADER: [&str; 18] = [
        "group_by",
        "group",
        "commitments",
        "assessed",
        "not_started",
        "in_progress",
        "stalled",
        "partial",
        "done",
        "abandoned",
        "unclear",
        "unassessed",
        "done_pct",
        "compliance_score",
        "compliance_pct",
        "overdue",
        "stale",
        "last_update",
    ];

    /// The row of group `group` (its label already chosen); the label made spreadsheet-safe
    /// when `csv` is given.
    pub fn new(group_by: GroupBy, group: &str, tally: &Tally, csv: Option<CsvStyle>) -> SummaryRow {
        let count = |status| tally.count(status);
        SummaryRow {
            group_by,
            group: csv.map_or_else(|| group.to_string(), |style| safe(group, style).into_owned()),
            commitments: tally.commitments(),
            assessed: tally.assessed(),
            not_started: count(Status::NotStarted),
            in_progress: count(Status::InProgress),
            stalled: count(Status::Stalled),
            partial: count(Status::Partial),
            done: count(Status::Done),
            abandoned: count(Status::Abandoned),
            unclear: count(Status::Unclear),
            unassessed: count(Status::Unassessed),
            done_pct: tally.done_pct(),
            compliance_score: tally.compliance_score(),
            compliance_pct: tally.compliance_pct(),
            overdue: tally.overdue(),
            stale: tally.stale(),
            last_update: tally.last_update(),
        }
    }

    /// The cells people read, in column order after the group: counts, then the rounded
    /// figures with all their decimals, empty where there is nothing to show.
    pub fn figures(&self) -> Vec<String> {
        let fixed = |v: Option<Fixed>| v.map(|v| v.to_string()).unwrap_or_default();
        let counts = [
            self.commitments,
            self.assessed,
            self.not_started,
            self.in_progress,
            self.stalled,
            self.partial,
            self.done,
            self.abandoned,
            self.unclear,
            self.unassessed,
        ];
        let mut cells: Vec<String> = counts.iter().map(u32::to_string).collect();
        cells.extend([fixed(self.done_pct), fixed(self.compliance_score), fixed(self.compliance_pct)]);
        cells.extend([self.overdue.to_string(), self.stale.to_string()]);
        cells.push(self.last_update.map(|d| d.to_string()).unwrap_or_default());
        cells
    }
}

/// One progress entry: the columns of `export progress`, which `import progress` reads back.
/// It borrows from the entry it shows, so exports copy nothing per row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressRow<'a> {
    pub entry: i64,
    pub commitment: &'a str,
    pub as_of: &'a str,
    pub status: Status,
    pub percent: Option<u8>,
    pub note: Cow<'a, str>,
    pub author: Cow<'a, str>,
    /// URLs separated by a single space.
    pub evidence: &'a str,
    pub recorded_at: Cow<'a, str>,
    pub retracted: bool,
}

impl<'a> ProgressRow<'a> {
    /// The `export progress` columns, in order (what `import progress` reads).
    pub const HEADER: [&'static str; 10] = [
        "entry",
        "commitment",
        "as_of",
        "status",
        "percent",
        "note",
        "author",
        "evidence",
        "recorded_at",
        "retracted",
    ];

    /// The row for `record`; for CSV, text made spreadsheet-safe and the timestamp styled.
    pub fn new(record: EntryRecord<'a>, csv: Option<CsvStyle>) -> ProgressRow<'a> {
        let (note, author, recorded_at) = match csv {
            None => {
                (Cow::Borrowed(record.note), Cow::Borrowed(record.author), Cow::Borrowed(record.recorded_at))
            }
            Some(style) => {
                (safe(record.note, style), safe(record.author, style), timestamp(record.recorded_at, style))
            }
        };
        ProgressRow {
            entry: record.entry,
            commitment: record.commitment,
            as_of: record.as_of,
            status: record.status,
            percent: record.percent,
            note,
            author,
            evidence: record.evidence,
            recorded_at,
            retracted: record.retracted,
        }
    }
}

/// The columns of `export evidence`, in order. The row is the store's `EvidenceRow`, shared
/// with `evidence list`, so both write the same columns.
pub const EVIDENCE_HEADER: [&str; 6] = ["commitment", "entry", "url", "title", "stance", "added_at"];

/// An evidence link as CSV writes it: the title made spreadsheet-safe, the timestamp styled.
pub fn evidence_for_csv(row: EvidenceRow, style: CsvStyle) -> EvidenceRow {
    EvidenceRow {
        title: row.title.map(|t| safe(&t, style).into_owned()),
        added_at: timestamp(&row.added_at, style).into_owned(),
        ..row
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{LatestEntry, Percent};

    const SAFE: CsvStyle = CsvStyle { raw: false, excel: false };
    const RAW: CsvStyle = CsvStyle { raw: true, excel: false };
    const DANGEROUS: [&str; 6] = ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx"];

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The CSV lines `rows` serialize to, header first, split into cells.
    fn cells<T: Serialize>(rows: &[T]) -> Vec<Vec<String>> {
        let mut csv = csv::Writer::from_writer(Vec::new());
        for row in rows {
            csv.serialize(row).unwrap();
        }
        let bytes = csv.into_inner().unwrap();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes.as_slice());
        reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
    }

    fn state(text: &str, status: Status) -> CommitmentState {
        CommitmentState {
            id: "k:1.1.1".into(),
            statement: "k".into(),
            topic_no: 1,
            topic: text.into(),
            text: text.into(),
            lead: vec![text.into()],
            support: vec![text.into()],
            due: None,
            due_inferred: false,
            latest: Some(LatestEntry {
                id: 1,
                status,
                percent: Percent::new(0),
                as_of: d("2024-06-01"),
                note: text.into(),
            }),
            evidence_count: Some(0),
        }
    }

    #[test]
    fn every_free_text_cell_of_a_status_row_is_quoted_when_dangerous() {
        for text in DANGEROUS {
            let row = StatusRow::new(&state(text, Status::NotStarted), d("2024-06-30"), Some(SAFE));
            let quoted = format!("'{text}");
            let [header, line] = &cells(&[row])[..] else { panic!("two lines") };
            for column in ["topic", "text", "lead", "support", "last_note"] {
                let i = header.iter().position(|h| h == column).unwrap();
                assert_eq!(line[i], quoted, "{column} of {text:?}");
            }
            let raw = StatusRow::new(&state(text, Status::NotStarted), d("2024-06-30"), Some(RAW));
            assert_eq!(raw.text, text, "--raw leaves text alone");
            let json = StatusRow::new(&state(text, Status::NotStarted), d("2024-06-30"), None);
            assert_eq!(json.last_note, text, "JSON is never altered");
        }
    }

    #[test]
    fn numeric_columns_stay_numbers_even_when_negative() {
        let status = StatusRow::new(&state("plain", Status::Abandoned), d("2024-06-30"), Some(SAFE));
        let lines = cells(&[status]);
        let score = lines[0].iter().position(|h| h == "score").unwrap();
        let days = lines[0].iter().position(|h| h == "days_since_update").unwrap();
        assert_eq!((lines[1][score].as_str(), lines[1][days].as_str()), ("-1", "29"));

        let mut tally = Tally::default();
        tally.add(&state("plain", Status::NotStarted), d("2024-06-30"), 180);
        let summary = SummaryRow::new(GroupBy::Owner, "-leading dash", &tally, Some(SAFE));
        let lines = cells(&[summary]);
        let at = |name: &str| lines[1][lines[0].iter().position(|h| h == name).unwrap()].clone();
        assert_eq!(at("compliance_score"), "-1.0");
        assert_eq!(at("compliance_pct"), "0.0");
        assert_eq!(at("group"), "'-leading dash", "the group label is text");
    }

    #[test]
    fn progress_and_evidence_text_is_quoted_and_excel_gets_plain_timestamps() {
        let record = EntryRecord {
            entry: 7,
            commitment: "k:1.1.1",
            as_of: "2024-03-01",
            status: Status::Partial,
            percent: Some(40),
            note: "=cmd|' /C calc'!A0",
            author: "@ann",
            evidence: "https://a.org/1 https://a.org/2",
            recorded_at: "2024-03-02T09:30:00Z",
            retracted: true,
        };
        let excel = CsvStyle { raw: false, excel: true };
        let row = ProgressRow::new(record, Some(excel));
        assert_eq!(row.note, "'=cmd|' /C calc'!A0");
        assert_eq!(row.author, "'@ann");
        assert_eq!(row.evidence, "https://a.org/1 https://a.org/2");
        assert_eq!(row.recorded_at, "2024-03-02 09:30:00");
        let json = ProgressRow::new(record, None);
        assert_eq!(
            (json.note.as_ref(), json.recorded_at.as_ref()),
            ("=cmd|' /C calc'!A0", "2024-03-02T09:30:00Z")
        );

        let evidence = EvidenceRow {
            id: 1,
            commitment: "k:1.1.1".into(),
            entry: None,
            url: "https://a.org/1".into(),
            title: Some("+44 report".into()),
            stance: Some(crate::domain::Stance::Contradicts),
            added_at: "2024-03-02T09:30:00Z".into(),
            retracted: false,
        };
        let row = evidence_for_csv(evidence, SAFE);
        assert_eq!(
            (row.title.as_deref(), row.added_at.as_str()),
            (Some("'+44 report"), "2024-03-02T09:30:00Z")
        );
    }

    #[test]
    fn header_constants_match_what_the_row_structs_write() {
        let state = state("x", Status::Done);
        let status = StatusRow::new(&state, d("2024-06-30"), Some(SAFE));
        assert_eq!(cells(&[status])[0], StatusRow::HEADER);
        let summary = SummaryRow::new(GroupBy::Topic, "x", &Tally::default(), None);
        assert_eq!(cells(&[summary])[0], SummaryRow::HEADER);
        let entry = EntryRecord {
            entry: 1,
            commitment: "k:1.1.1",
            as_of: "2024-03-01",
            status: Status::Done,
            percent: None,
            note: "",
            author: "",
            evidence: "",
            recorded_at: "",
            retracted: false,
        };
        assert_eq!(cells(&[ProgressRow::new(entry, None)])[0], ProgressRow::HEADER);
        let evidence = EvidenceRow {
            id: 1,
            commitment: "k:1.1.1".into(),
            entry: Some(1),
            url: "https://a.org".into(),
            title: None,
            stance: None,
            added_at: String::new(),
            retracted: true,
        };
        assert_eq!(cells(&[evidence])[0], EVIDENCE_HEADER);
    }
}
