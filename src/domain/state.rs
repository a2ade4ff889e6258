//! A commitment's state as of a date, and the one rule that decides it: the latest
//! non-retracted entry with `as_of <= date`, ties broken by entry id (PRODUCT.md). The store
//! applies the same rule in SQL; tests check that both agree.

use chrono::NaiveDate;

use super::{Percent, Status};

/// The facts of an entry that decide status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryFacts {
    pub id: i64,
    pub as_of: NaiveDate,
    pub status: Status,
    pub retracted: bool,
}

/// The entry that gives a commitment its status as of `date`: the latest non-retracted entry
/// with `as_of <= date`, the highest id among those of the same day. `None` means unassessed.
pub fn current_entry(entries: &[EntryFacts], date: NaiveDate) -> Option<&EntryFacts> {
    entries.iter().filter(|e| !e.retracted && e.as_of <= date).max_by_key(|e| (e.as_of, e.id))
}

/// Whether a commitment due on `due` and in `status` as of `as_of` is overdue: the due date
/// passed before `as_of` and it is neither done nor abandoned.
pub fn is_overdue(due: Option<NaiveDate>, status: Status, as_of: NaiveDate) -> bool {
    due.is_some_and(|due| due < as_of) && !status.is_closed()
}

/// What recording or retracting one entry did to its commitment's status. `before` and
/// `after` are the status as of the entry's own date (what the entry changes); `current` is the
/// status as of today after the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// Full id of the commitment, `KEY:T.P.C`.
    pub commitment: String,
    /// The entry recorded or retracted.
    pub entry: i64,
    /// The entry's as-of date.
    pub as_of: NaiveDate,
    pub before: Option<LatestEntry>,
    pub after: Option<LatestEntry>,
    pub current: Option<LatestEntry>,
}

impl StatusChange {
    /// The later entry that still decides today's status, when there is one: the change
    /// then does not show in the current status (a back-dated entry, or a retraction of an
    /// entry that was already superseded).
    pub fn superseded_by(&self) -> Option<&LatestEntry> {
        let id = |e: &Option<LatestEntry>| e.as_ref().map(|e| e.id);
        if id(&self.current) != id(&self.after) { self.current.as_ref() } else { None }
    }
}

/// The entry that currently speaks for a commitment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatestEntry {
    pub id: i64,
    pub status: Status,
    pub percent: Option<Percent>,
    pub as_of: NaiveDate,
    pub note: String,
}

/// A commitment with everything reports need, as of one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentState {
    /// Full id, `KEY:T.P.C`.
    pub id: String,
    pub statement: String,
    pub topic_no: u32,
    pub topic: String,
    pub text: String,
    /// Lead owners' names, sorted.
    pub lead: Vec<String>,
    /// Supporting owners' names, sorted.
    pub support: Vec<String>,
    pub due: Option<NaiveDate>,
    pub due_inferred: bool,
    /// `None` when unassessed as of the date asked.
    pub latest: Option<LatestEntry>,
    /// Distinct evidence URLs known by the date asked (an entry's links from its `as_of`, other
    /// links from the day they were added), not counting those only on retracted entries.
    pub evidence_count: Option<u32>,
}

impl CommitmentState {
    /// The status as of the date the state was read for.
    pub fn status(&self) -> Status {
        self.latest.as_ref().map_or(Status::Unassessed, |e| e.status)
    }

    /// Due date passed before `as_of` and the commitment is neither done nor abandoned.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        is_overdue(self.due, self.status(), as_of)
    }

    /// Days from the latest entry to `as_of`; `None` when unassessed.
    pub fn days_since_update(&self, as_of: NaiveDate) -> Option<i64> {
        self.latest.as_ref().map(|e| (as_of - e.as_of).num_days())
    }

    /// No entry within `days` days before `as_of` (unassessed commitments are stale too);
    /// a done or abandoned commitment is never stale: nothing more is expected of it.
    pub fn is_stale(&self, as_of: NaiveDate, days: u32) -> bool {
        !self.status().is_closed() && self.days_since_update(as_of).is_none_or(|d| d > i64::from(days))
    }
}

/// The filters that depend on a commitment's state as of a date (the others run in SQL).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StateSelection {
    /// Keep only these statuses; empty keeps all.
    pub statuses: Vec<Status>,
    /// Keep only overdue commitments.
    pub overdue: bool,
    /// Keep only commitments with no entry within this many days.
    pub stale_days: Option<u32>,
}

impl StateSelection {
    /// Whether `state` passes every filter as of `as_of`.
    pub fn matches(&self, state: &CommitmentState, as_of: NaiveDate) -> bool {
        (self.statuses.is_empty() || self.statuses.contains(&state.status()))
            && (!self.overdue || state.is_overdue(as_of))
            && self.stale_days.is_none_or(|days| state.is_stale(as_of, days))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn entry(id: i64, as_of: &str, status: Status, retracted: bool) -> EntryFacts {
        EntryFacts { id, as_of: d(as_of), status, retracted }
    }

    #[test]
    fn latest_non_retracted_entry_up_to_the_date_wins() {
        let entries = [
            entry(1, "2024-01-10", Status::NotStarted, false),
            entry(2, "2024-03-01", Status::InProgress, false),
            entry(3, "2024-02-01", Status::Stalled, false), // back-dated, recorded later
            entry(4, "2024-04-01", Status::Done, true),     // retracted
            entry(5, "2024-06-01", Status::Partial, false), // after the date asked
        ];
        let at = |date| current_entry(&entries, d(date)).map(|e| e.id);
        assert_eq!(at("2024-01-01"), None);
        assert_eq!(at("2024-01-10"), Some(1));
        assert_eq!(at("2024-02-15"), Some(3));
        assert_eq!(at("2024-05-01"), Some(2));
        assert_eq!(at("2024-06-01"), Some(5));
    }

    #[test]
    fn same_day_ties_go_to_the_higher_entry_id() {
        let entries = [
            entry(7, "2024-01-10", Status::Done, false),
            entry(9, "2024-01-10", Status::Partial, false),
            entry(8, "2024-01-10", Status::Stalled, false),
        ];
        assert_eq!(current_entry(&entries, d("2024-12-31")).map(|e| e.id), Some(9));
    }

    fn state(due: Option<&str>, latest: Option<(Status, &str)>) -> CommitmentState {
        CommitmentState {
            id: "k:1.1.1".into(),
            statement: "k".into(),
            topic_no: 1,
            topic: "T".into(),
            text: "x".into(),
            lead: vec![],
            support: vec![],
            due: due.map(d),
            due_inferred: false,
            latest: latest.map(|(status, as_of)| LatestEntry {
                id: 1,
                status,
                percent: None,
                as_of: d(as_of),
                note: String::new(),
            }),
            evidence_count: Some(0),
        }
    }

    fn latest(id: i64, as_of: &str, status: Status) -> LatestEntry {
        LatestEntry { id, status, percent: None, as_of: d(as_of), note: String::new() }
    }

    #[test]
    fn a_change_is_superseded_when_a_later_entry_decides_today() {
        let mut change = StatusChange {
            commitment: "k:1.1.1".into(),
            entry: 2,
            as_of: d("2024-03-01"),
            before: None,
            after: Some(latest(2, "2024-03-01", Status::InProgress)),
            current: Some(latest(2, "2024-03-01", Status::InProgress)),
        };
        assert_eq!(change.superseded_by(), None);
        change.current = Some(latest(1, "2024-05-01", Status::Done));
        assert_eq!(change.superseded_by().map(|e| e.id), Some(1));
        // A retraction that leaves nothing as of its date, while a later entry stands.
        change.after = None;
        assert_eq!(change.superseded_by().map(|e| e.id), Some(1));
        change.current = None;
        assert_eq!(change.superseded_by(), None);
    }

    #[test]
    fn overdue_means_due_passed_and_still_open() {
        let as_of = d("2025-01-01");
        assert!(state(Some("2024-12-31"), None).is_overdue(as_of));
        assert!(!state(Some("2025-01-01"), None).is_overdue(as_of));
        assert!(!state(Some("2024-12-31"), Some((Status::Done, "2024-06-01"))).is_overdue(as_of));
        assert!(!state(Some("2024-12-31"), Some((Status::Abandoned, "2024-06-01"))).is_overdue(as_of));
        assert!(state(Some("2024-12-31"), Some((Status::Partial, "2024-06-01"))).is_overdue(as_of));
        assert!(!state(None, None).is_overdue(as_of));
    }

    #[test]
    fn selection_combines_status_overdue_and_stale() {
        let as_of = d("2025-01-01");
        let late = state(Some("2024-06-30"), Some((Status::InProgress, "2024-01-01")));
        let fresh = state(None, Some((Status::Done, "2024-12-01")));
        let select =
            |statuses: Vec<Status>, overdue, stale_days| StateSelection { statuses, overdue, stale_days };
        assert!(select(vec![], false, None).matches(&fresh, as_of));
        assert!(select(vec![Status::Done], false, None).matches(&fresh, as_of));
        assert!(!select(vec![Status::Done], false, None).matches(&late, as_of));
        assert!(select(vec![], true, None).matches(&late, as_of));
        assert!(!select(vec![], true, None).matches(&fresh, as_of));
        assert!(select(vec![], false, Some(90)).matches(&late, as_of));
        assert!(!select(vec![], false, Some(90)).matches(&fresh, as_of));
    }

    #[test]
    fn stale_counts_days_since_the_latest_entry() {
        let as_of = d("2025-01-01");
        let s = state(None, Some((Status::InProgress, "2024-07-05")));
        assert_eq!(s.days_since_update(as_of), Some(180));
        assert!(!s.is_stale(as_of, 180));
        assert!(s.is_stale(as_of, 179));
        assert!(state(None, None).is_stale(as_of, 180));
        for closed in [Status::Done, Status::Abandoned] {
            assert!(!state(None, Some((closed, "2020-01-01"))).is_stale(as_of, 180), "{closed}");
        }
        assert!(state(None, Some((Status::Unclear, "2020-01-01"))).is_stale(as_of, 180));
    }
}
