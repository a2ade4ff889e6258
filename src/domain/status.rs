//! The status vocabulary of PRODUCT.md: one enum, one string mapping, one score rule.

use super::closed::{ClosedSet, closed_set_traits};
use crate::error::Error;

/// A commitment's status. Every variant but `Unassessed` can be recorded in an entry;
/// `Unassessed` is derived (no entry yet) and is never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    NotStarted,
    InProgress,
    Stalled,
    Partial,
    Done,
    Abandoned,
    Unclear,
    Unassessed,
}

impl Status {
    /// The status as printed with its percent: `stalled`, `in-progress (40%)`.
    pub fn with_percent(self, percent: Option<super::Percent>) -> String {
        match percent {
            Some(p) => format!("{self} ({p}%)"),
            None => self.to_string(),
        }
    }

    /// Every status, in report column order.
    pub const ALL: [Status; 8] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Stalled,
        Status::Partial,
        Status::Done,
        Status::Abandoned,
        Status::Unclear,
        Status::Unassessed,
    ];

    /// The name used on the command line, in CSV and in the database.
    pub fn as_str(self) -> &'static str {
        <Status as ClosedSet>::as_str(self)
    }

    /// The compliance score (G7/G20 Research Group convention); `None` when not scored.
    pub fn score(self) -> Option<i8> {
        match self {
            Status::NotStarted | Status::Abandoned => Some(-1),
            Status::InProgress | Status::Stalled | Status::Partial => Some(0),
            Status::Done => Some(1),
            Status::Unclear | Status::Unassessed => None,
        }
    }

    /// Whether the commitment is finished with, for better or worse: a done or abandoned
    /// commitment is never overdue and never stale.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::Abandoned)
    }

    /// Parses a status that can be recorded in an entry (so not `unassessed`).
    pub fn parse_recordable(s: &str) -> Result<Status, Error> {
        match <Status as ClosedSet>::parse(s)? {
            Status::Unassessed => Err(Error::UnassessedNotRecordable),
            status => Ok(status),
        }
    }

    /// The recordable names, for error messages.
    pub fn recordable_list() -> String {
        Status::expected()
    }
}

impl ClosedSet for Status {
    const KIND: &'static str = "status";
    const ALL: &'static [Status] = &Status::ALL;

    fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not-started",
            Status::InProgress => "in-progress",
            Status::Stalled => "stalled",
            Status::Partial => "partial",
            Status::Done => "done",
            Status::Abandoned => "abandoned",
            Status::Unclear => "unclear",
            Status::Unassessed => "unassessed",
        }
    }

    /// `unassessed` is derived: a filter may ask for it, an entry never records it.
    fn offered(self) -> bool {
        self != Status::Unassessed
    }
}

closed_set_traits!(Status);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_round_trips_through_its_name() {
        for status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>().ok(), Some(status));
        }
    }

    #[test]
    fn unknown_status_lists_the_recordable_ones() {
        let err = "complete".parse::<Status>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown status \"complete\"; expected one of: not-started, in-progress, stalled, partial, done, abandoned, unclear"
        );
    }

    #[test]
    fn unassessed_is_derived_not_recordable() {
        assert!(Status::parse_recordable("unassessed").is_err());
        assert_eq!(Status::parse_recordable("done").ok(), Some(Status::Done));
    }

    #[test]
    fn scores_follow_the_product_contract() {
        let scores: Vec<Option<i8>> = Status::ALL.iter().map(|s| s.score()).collect();
        assert_eq!(scores, [Some(-1), Some(0), Some(0), Some(0), Some(1), Some(-1), None, None]);
    }
}
