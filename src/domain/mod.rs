//! Pure types and rules: ids, statuses, values typed by users, a commitment's state. No clock,
//! no I/O: `today` and `as_of` come in as parameters.

mod closed;
mod correction;
mod diff;
mod edit;
mod entry;
mod evidence;
mod id;
mod import;
mod lint;
mod lookup;
mod matrix;
mod owner_period;
mod report_date;
mod role;
mod rows;
mod search;
mod state;
mod status;
mod summary;
mod values;
mod vantage;

pub use closed::ClosedSet;
pub(crate) use closed::closed_set_traits;
pub use correction::RecordedEntry;
pub use diff::{DiffRow, DiffSummary, Move, Seen, Snapshot, diff, movement};
pub use edit::{ChangeSource, CommitmentFields, EditRequest, Field, FieldChange, plan_edit};
pub use entry::{Entry, ListedEntry, NewEntry, Retraction, Timeline};
pub use evidence::{Evidence, NewEvidence, RemovedEvidence};
pub use id::{Code, CommitmentRef, ParagraphRef, close_matches, is_valid_key};
pub use import::{
    Changed, Conflict, ImportPlan, Kept, NewCommitment, SourceKind, StatementMeta, StoredCommitment,
    plan_import,
};
pub use lint::{Check, EntryPoint, Finding, LinkFacts, LintFacts, LintSources, lint};
pub use lookup::{Lookup, closest, lookup};
pub use matrix::Matrix;
pub use owner_period::OwnerPeriod;
pub use report_date::{REPORT_DATE_FORMS, ReportDate};
pub use role::{Origin, Role, Stance};
pub use rows::{
    Assigned, Change, CommitmentDetail, CommitmentIds, CommitmentRow, EntryRecord, EvidenceAdded,
    EvidenceRow, OwnerRow, StatementRow, Withdrawal, withdrawal_cause,
};
pub use search::{Search, Term, words};
pub use state::{
    CommitmentState, EntryFacts, LatestEntry, StateSelection, StatusChange, current_entry, is_overdue,
};
pub use status::Status;
pub use summary::{Fixed, GroupBy, GroupKey, NO_OWNER, Summary, Tally};
pub use values::{DateArg, EvidenceUrl, OwnerName, Percent, iso_date, parse_date};
pub use vantage::{EntryKnowledge, KnownAt, Round, Vantage, entry_seen_from, round_name};
