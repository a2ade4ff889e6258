//! An owner's role on a commitment over time: from one day (inclusive) to another
//! (exclusive; open while it lasts), with when ctrack learnt of its start and its end.

use chrono::NaiveDate;

use super::Role;

/// One period of one owner in one role on one commitment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerPeriod {
    pub owner: String,
    pub role: Role,
    pub from: NaiveDate,
    /// The first day the owner no longer held the role; `None` while they hold it.
    pub to: Option<NaiveDate>,
    /// RFC 3339 UTC: when ctrack recorded the period.
    pub recorded_at: String,
    /// RFC 3339 UTC: when ctrack recorded its end.
    pub ended_recorded_at: Option<String>,
}

impl OwnerPeriod {
    /// Whether the period says more than "owner since the day it was recorded": it ended, or
    /// it was dated before the day it was recorded.
    pub fn is_news(&self) -> bool {
        self.to.is_some() || self.recorded_at.get(..10) != Some(self.from.to_string().as_str())
    }
}
