//! The rows the store fills and the commands and `report` read: plain data, no SQL and no
//! formatting, so each layer depends on these types and not on each other.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{ChangeSource, Entry, Evidence, Field, Origin, Role, Stance, Status};

/// A commitment found from a typed id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentRow {
    /// The row id, for later queries.
    pub pk: i64,
    /// The full id, `KEY:T.P.C`.
    pub id: String,
    pub withdrawn: bool,
    /// Why a reviewer withdrew it by hand (`ctrack withdraw --reason`); `None` when it is not
    /// withdrawn or a re-import withdrew it.
    pub withdrawn_reason: Option<String>,
}

/// How a commitment had been withdrawn, as `restore` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawal {
    /// The full id, `KEY:T.P.C`.
    pub id: String,
    pub at: String,
    /// The reviewer's reason; `None` when a re-import withdrew it.
    pub reason: Option<String>,
}

/// A withdrawal's cause, as messages give it: the reviewer's reason, or the re-import's.
pub fn withdrawal_cause(reason: Option<&str>) -> String {
    match reason {
        Some(reason) => format!("by hand: {}", crate::error::quote(reason)),
        None => "a revised statement no longer contains it".to_owned(),
    }
}

/// One evidence link as listed: the columns of `export evidence` (PRODUCT.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceRow {
    /// The evidence number (`evidence remove` takes it). Not a column of `export evidence`.
    #[serde(skip)]
    pub id: i64,
    pub commitment: String,
    pub entry: Option<i64>,
    pub url: String,
    pub title: Option<String>,
    pub stance: Option<Stance>,
    pub added_at: String,
    /// It came with an entry that was since retracted, so it no longer counts. Not a column.
    #[serde(skip)]
    pub retracted: bool,
}

/// What `add_evidence` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceAdded {
    /// Recorded, with this id.
    New(i64),
    /// The commitment already has this URL (on its own or with an entry still standing);
    /// nothing was written.
    Existing(Evidence),
}

/// Full commitment ids (`KEY:T.P.C`) by commitment row id: the commitments an export covers.
pub type CommitmentIds = HashMap<i64, String>;

/// One progress entry as recorded, retracted or not, borrowed from the database cursor for
/// the length of one callback: a million-entry export allocates nothing per entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryRecord<'r> {
    pub entry: i64,
    /// Full commitment id, `KEY:T.P.C`.
    pub commitment: &'r str,
    /// As stored, `YYYY-MM-DD` (the schema checks the shape).
    pub as_of: &'r str,
    pub status: Status,
    pub percent: Option<u8>,
    pub note: &'r str,
    pub author: &'r str,
    /// The URLs logged with the entry, in the order they were added, separated by one space.
    pub evidence: &'r str,
    /// RFC 3339 UTC.
    pub recorded_at: &'r str,
    pub retracted: bool,
}

/// An owner with how many commitments they lead and support; withdrawn commitments are not
/// counted. The columns of `ctrack owners`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnerRow {
    pub owner: String,
    pub lead: u32,
    pub support: u32,
}

/// What `assign` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assigned {
    /// The owner's name as first recorded ("ITU" even when "itu" was typed).
    pub owner: String,
    /// The role the owner had before, if any.
    pub previous: Option<Role>,
}

/// One commitment with its owners, entries, evidence and history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentDetail {
    /// Full id, `KEY:T.P.C`.
    pub id: String,
    pub statement: String,
    pub statement_title: String,
    pub topic_no: u32,
    pub topic: String,
    pub text: String,
    /// The paragraph it came from; `None` for commitments added by hand or curated.
    pub paragraph: Option<String>,
    /// `parsed`, `curated` or `added`.
    pub origin: Origin,
    pub due: Option<NaiveDate>,
    pub due_inferred: bool,
    pub created_at: String,
    pub withdrawn_at: Option<String>,
    /// Why a reviewer withdrew it (`ctrack withdraw`); `None` when a re-import did, or it is not
    /// withdrawn.
    pub withdrawn_reason: Option<String>,
    /// Leads first, then by name.
    pub owners: Vec<(String, Role)>,
    /// Every assignment period, oldest start first.
    pub owner_history: Vec<super::OwnerPeriod>,
    /// Every entry, retracted ones included, newest first by (as_of, id).
    pub entries: Vec<Entry>,
    /// Every evidence link, in the order added.
    pub evidence: Vec<Evidence>,
    /// Previous values of its fields, oldest first.
    pub changes: Vec<Change>,
}

/// A kept previous value of a commitment's field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: Field,
    pub old: Option<String>,
    pub new: Option<String>,
    pub source: ChangeSource,
    pub changed_at: String,
}

/// A statement as listed by `ctrack statements`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StatementRow {
    pub key: String,
    pub title: String,
    pub date: Option<String>,
    pub source_file: Option<String>,
    pub sha256: Option<String>,
    pub granularity: String,
    pub topics: u32,
    /// Commitments that are not withdrawn.
    pub commitments: u32,
    pub withdrawn: u32,
    pub imported_at: String,
    pub updated_at: String,
}

impl StatementRow {
    /// The CSV columns, in field order (a test checks them against the serialized row).
    pub const HEADER: [&str; 11] = [
        "key",
        "title",
        "date",
        "source_file",
        "sha256",
        "granularity",
        "topics",
        "commitments",
        "withdrawn",
        "imported_at",
        "updated_at",
    ];
}
