//! Where a report looks from: a reporting date (`as_of`, when things happened) and, for rounds
//! and `--known-at`, a moment of knowledge (what ctrack had been told by then). Entries recorded
//! later, retractions, owner changes and text edits made later are not seen from that moment.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use crate::error::Error;

/// A moment of knowledge, in UTC, whole seconds: compared with the stored RFC 3339 times
/// (`recorded_at`, `retracted_at`, `changed_at`, `added_at`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct KnownAt(DateTime<Utc>);

impl KnownAt {
    pub fn new(moment: DateTime<Utc>) -> KnownAt {
        KnownAt(moment)
    }

    /// As stored: `2024-06-30T12:00:00Z`.
    pub fn stored(&self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::Secs, true)
    }
}

impl FromStr for KnownAt {
    type Err = Error;

    /// An RFC 3339 time (`2024-07-01T09:00:00Z`, any offset), or a date meaning the end of
    /// that day in UTC.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if let Ok(moment) = DateTime::parse_from_rfc3339(text) {
            return Ok(KnownAt(moment.with_timezone(&Utc)));
        }
        super::parse_date(text)
            .ok()
            .and_then(|day| day.and_hms_opt(23, 59, 59))
            .map(|end| KnownAt(end.and_utc()))
            .ok_or_else(|| Error::BadValue {
                what: "--known-at time",
                value: s.to_string(),
                expected: "expected an RFC 3339 time such as 2024-07-01T09:00:00Z, or a date YYYY-MM-DD meaning the end of that day (UTC)".into(),
            })
    }
}

impl fmt::Display for KnownAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.stored())
    }
}

/// The point a report looks from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vantage {
    /// The reporting date: entries, owners and evidence up to this day count.
    pub as_of: NaiveDate,
    /// `None`: everything known now.
    pub known_at: Option<KnownAt>,
}

impl Vantage {
    /// Everything known now, as of `as_of`.
    pub fn now(as_of: NaiveDate) -> Vantage {
        Vantage { as_of, known_at: None }
    }
}

/// What ctrack knew of an entry: when it learnt of the entry and, if retracted, of that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryKnowledge {
    pub id: i64,
    pub as_of: NaiveDate,
    pub recorded_at: KnownAt,
    pub retracted_at: Option<KnownAt>,
}

/// The entry that gives a commitment its status seen from `vantage`: the status rule
/// (`current_entry`) applied to the entries recorded by the vantage's moment, with only the
/// retractions made by then. The store's known-at SQL follows this rule; a test checks both.
pub fn entry_seen_from(entries: &[EntryKnowledge], vantage: Vantage) -> Option<i64> {
    let known = |at: KnownAt| vantage.known_at.is_none_or(|k| at <= k);
    entries
        .iter()
        .filter(|e| e.as_of <= vantage.as_of && known(e.recorded_at))
        .filter(|e| !e.retracted_at.is_some_and(known))
        .max_by_key(|e| (e.as_of, e.id))
        .map(|e| e.id)
}

/// A closed reporting round: its reporting date and the moment it was closed. Its reports are
/// reproduced from that vantage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub name: String,
    pub as_of: NaiveDate,
    pub closed_at: KnownAt,
    pub note: String,
}

impl Round {
    /// Where the round's reports look from.
    pub fn vantage(&self) -> Vantage {
        Vantage { as_of: self.as_of, known_at: Some(self.closed_at) }
    }
}

/// A round's name as typed: trimmed, 1–64 characters, no control characters.
pub fn round_name(s: &str) -> Result<String, Error> {
    let name = s.trim();
    let fits = (1..=64).contains(&name.chars().count()) && !name.chars().any(char::is_control);
    if !fits {
        return Err(Error::BadValue {
            what: "round name",
            value: s.to_string(),
            expected: "expected 1–64 characters without control characters, e.g. 2024Q2 or interim-2024"
                .into(),
        });
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_at_takes_any_offset_and_dates_as_the_end_of_the_day() {
        for (typed, stored) in [
            ("2024-07-01T09:00:00Z", "2024-07-01T09:00:00Z"),
            ("2024-07-01T11:00:00+02:00", "2024-07-01T09:00:00Z"),
            ("2024-07-01T09:00:00.900Z", "2024-07-01T09:00:00Z"),
            ("2024-07-01", "2024-07-01T23:59:59Z"),
        ] {
            assert_eq!(typed.parse::<KnownAt>().unwrap().stored(), stored, "{typed}");
        }
        let err = "last week".parse::<KnownAt>().unwrap_err().to_string();
        assert_eq!(
            err,
            "invalid --known-at time \"last week\"; expected an RFC 3339 time such as 2024-07-01T09:00:00Z, or a date YYYY-MM-DD meaning the end of that day (UTC)"
        );
    }
}
