//! Progress entries: what `log` and `import progress` record, and entries as stored.

use chrono::NaiveDate;

use super::{EntryFacts, EvidenceUrl, Percent, Status};

/// An entry about to be recorded (the commitment already resolved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// The commitment's row id.
    pub commitment: i64,
    pub as_of: NaiveDate,
    pub status: Status,
    pub percent: Option<Percent>,
    pub note: String,
    pub author: String,
    pub evidence: Vec<EvidenceUrl>,
}

impl NewEntry {
    /// The percent to store: as given, or 100 for `done` without one.
    pub fn effective_percent(&self) -> Option<Percent> {
        match (self.percent, self.status) {
            (None, Status::Done) => Some(Percent::FULL),
            (percent, _) => percent,
        }
    }
}

/// A recorded entry, retracted or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub as_of: NaiveDate,
    /// When ctrack wrote it (RFC 3339 UTC).
    pub recorded_at: String,
    pub status: Status,
    pub percent: Option<Percent>,
    pub note: String,
    pub author: String,
    /// `Some` once retracted: the entry stays in history and stops counting.
    pub retraction: Option<Retraction>,
}

/// The latest entries of a commitment up to a date, as a report shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// The newest entries, newest first by (as_of, id), retracted ones included.
    pub entries: Vec<Entry>,
    /// How many entries there are up to the date, shown or not.
    pub total: u32,
}

impl Timeline {
    /// The entries up to the date that are not shown.
    pub fn earlier(&self) -> u32 {
        let shown = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        self.total.saturating_sub(shown)
    }
}

/// When and why an entry was retracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retraction {
    /// RFC 3339 UTC.
    pub at: String,
    pub reason: String,
}

impl Entry {
    /// The facts the status rule looks at.
    pub fn facts(&self) -> EntryFacts {
        EntryFacts {
            id: self.id,
            as_of: self.as_of,
            status: self.status,
            retracted: self.retraction.is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn done_without_a_percent_means_100() {
        let mut entry = NewEntry {
            commitment: 1,
            as_of: "2024-01-01".parse().unwrap(),
            status: Status::Done,
            percent: None,
            note: String::new(),
            author: String::new(),
            evidence: vec![],
        };
        assert_eq!(entry.effective_percent(), Some(Percent::FULL));
        entry.percent = "80".parse().ok();
        assert_eq!(entry.effective_percent().map(Percent::get), Some(80));
        entry.status = Status::Partial;
        entry.percent = None;
        assert_eq!(entry.effective_percent(), None);
    }
}
