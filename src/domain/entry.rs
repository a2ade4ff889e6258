//! Progress entries: what `log` and `import progress` record, and entries as stored.

use chrono::NaiveDate;

use super::{EntryFacts, EvidenceUrl, Percent, Status};
use crate::error::Error;

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

    /// Refuses an entry that cannot be true: a percent that contradicts its status (`done`
    /// means 100, `not-started` means 0; either may leave the percent out), or a date before
    /// the statement it reports on (`statement`: its key and date, if dated).
    pub fn check(&self, statement: (&str, Option<NaiveDate>)) -> Result<(), Error> {
        let means = match self.status {
            Status::Done => Some(100),
            Status::NotStarted => Some(0),
            _ => None,
        };
        if let (Some(means), Some(percent)) = (means, self.percent) {
            if percent.get() != means {
                return Err(Error::PercentContradictsStatus { status: self.status, percent, means });
            }
        }
        match statement {
            (key, Some(date)) if self.as_of < date => {
                Err(Error::BeforeStatement { as_of: self.as_of, key: key.to_string(), date })
            }
            _ => Ok(()),
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

/// An entry as `entries` lists it and `retract --last` shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ListedEntry {
    pub entry: i64,
    /// Full commitment id, `KEY:T.P.C`.
    pub commitment: String,
    /// `YYYY-MM-DD`.
    pub as_of: String,
    pub status: Status,
    pub percent: Option<u8>,
    pub note: String,
    pub author: String,
    /// RFC 3339 UTC.
    pub recorded_at: String,
    pub retracted: bool,
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

    fn entry(status: Status, percent: Option<u8>, as_of: &str) -> NewEntry {
        NewEntry {
            commitment: 1,
            as_of: as_of.parse().unwrap(),
            status,
            percent: percent.map(|p| Percent::new(p.into()).unwrap()),
            note: String::new(),
            author: String::new(),
            evidence: vec![],
        }
    }

    #[test]
    fn a_percent_must_fit_its_status() {
        let dated = ("gdi-2023", None);
        for (status, percent, refused) in [
            (Status::Done, None, None),
            (Status::Done, Some(100), None),
            (
                Status::Done,
                Some(40),
                Some(
                    "percent 40 does not fit status done, which means 100%: give 100 or no percent, or another status such as partial or in-progress",
                ),
            ),
            (Status::NotStarted, None, None),
            (Status::NotStarted, Some(0), None),
            (
                Status::NotStarted,
                Some(40),
                Some(
                    "percent 40 does not fit status not-started, which means 0%: give 0 or no percent, or another status such as partial or in-progress",
                ),
            ),
            (Status::InProgress, Some(40), None),
            (Status::Partial, Some(100), None),
            (Status::Abandoned, Some(0), None),
        ] {
            let got = entry(status, percent, "2024-01-01").check(dated).err().map(|e| e.to_string());
            assert_eq!(got.as_deref(), refused, "{status} {percent:?}");
        }
    }

    #[test]
    fn an_entry_cannot_predate_its_statement() {
        let date = "2023-09-10".parse().ok();
        assert!(entry(Status::Stalled, None, "2023-09-10").check(("gdi-2023", date)).is_ok());
        assert_eq!(
            entry(Status::Stalled, None, "2023-09-09").check(("gdi-2023", date)).unwrap_err().to_string(),
            "date 2023-09-09 is before statement gdi-2023, dated 2023-09-10; progress on its commitments can only be recorded as of 2023-09-10 or later"
        );
        assert!(entry(Status::Stalled, None, "1999-01-01").check(("gdi-2023", None)).is_ok());
    }

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
