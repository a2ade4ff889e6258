//! The row structs of listings and exports, built from domain values. Each row is the one
//! source of its columns for every format; CSV safety is applied when a row is built for CSV.

use chrono::NaiveDate;
use serde::Serialize;

use super::CsvStyle;
use super::csv::safe;
use crate::domain::{CommitmentState, Status};

/// One commitment with its current status: the columns of `export status` (PRODUCT.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusRow {
    pub commitment: String,
    pub statement: String,
    pub topic_no: u32,
    pub topic: String,
    pub text: String,
    pub lead: String,
    pub support: String,
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
            lead: text(&state.lead.join("; ")),
            support: text(&state.support.join("; ")),
            due: state.due,
            status,
            percent: latest.and_then(|e| e.percent).map(|p| p.get()),
            score: status.score(),
            as_of: latest.map(|e| e.as_of),
            days_since_update: state.days_since_update(as_of),
            overdue: state.is_overdue(as_of),
            evidence_count: state.evidence_count,
            last_note: text(latest.map_or("", |e| e.note.as_str())),
        }
    }
}
