//! Reporting dates as typed: a day (`2024-06-30`, `today`, `yesterday`) or a period that means
//! its last day (`2024Q2`, `2024-06`, `2024`). Reports look at a date; a quarter's report looks
//! at the quarter's last day. Entry dates stay plain days (`DateArg`): an entry describes one
//! day, and "the last day of 2024Q2" would silently date it.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, NaiveDate};

use super::DateArg;
use crate::error::Error;

/// What a reporting date may be, for messages.
pub const REPORT_DATE_FORMS: &str =
    "YYYY-MM-DD, today, yesterday, or a period meaning its last day: 2024Q2, 2024-06 or 2024";

/// A reporting date as typed. It becomes a calendar date only against a given `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportDate {
    /// A day, `today` or `yesterday`.
    Day(DateArg),
    /// A period, already resolved to its last day.
    PeriodEnd(NaiveDate),
}

impl ReportDate {
    /// The calendar date this names, seen from `today`.
    pub fn resolve(self, today: NaiveDate) -> NaiveDate {
        match self {
            ReportDate::Day(day) => day.resolve(today),
            ReportDate::PeriodEnd(date) => date,
        }
    }
}

impl FromStr for ReportDate {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let bad = || Error::BadValue {
            what: "reporting date",
            value: s.to_string(),
            expected: format!("expected {REPORT_DATE_FORMS}"),
        };
        match text.parse::<DateArg>() {
            Ok(day) => return Ok(ReportDate::Day(day)),
            // A day's shape with an impossible day (2024-02-30): say so, as for any date.
            Err(e) if is_day_shaped(text) => return Err(e),
            Err(_) => {}
        }
        period_end(text).map(ReportDate::PeriodEnd).ok_or_else(bad)
    }
}

impl fmt::Display for ReportDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportDate::Day(DateArg::Date(d)) | ReportDate::PeriodEnd(d) => d.fmt(f),
            ReportDate::Day(DateArg::Today) => f.write_str("today"),
            ReportDate::Day(DateArg::Yesterday) => f.write_str("yesterday"),
        }
    }
}

/// `NNNN-NN-NN`.
fn is_day_shaped(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
}

/// The last day of the period `text` names: `YYYY`, `YYYYQn` (n 1–4) or `YYYY-MM`.
fn period_end(text: &str) -> Option<NaiveDate> {
    let year =
        |y: &str| (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())).then(|| y.parse::<i32>().ok())?;
    let (y, month) = if let Some((y, q)) = text.split_once(['Q', 'q']) {
        let quarter: u32 = (q.len() == 1).then(|| q.parse().ok())??;
        (y, (1..=4).contains(&quarter).then_some(quarter * 3)?)
    } else if let Some((y, m)) = text.split_once('-') {
        let month: u32 =
            (m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit())).then(|| m.parse().ok())??;
        (y, (1..=12).contains(&month).then_some(month)?)
    } else {
        (text, 12)
    };
    last_day_of_month(year(y)?, month)
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    first_of_next.checked_sub_days(Days::new(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_accepted_form_resolves_to_its_day() {
        let today = d("2024-07-15");
        for (typed, day) in [
            ("2024-06-30", "2024-06-30"),
            (" 2024-02-29 ", "2024-02-29"),
            ("today", "2024-07-15"),
            ("yesterday", "2024-07-14"),
            ("2024Q1", "2024-03-31"),
            ("2024Q2", "2024-06-30"),
            ("2024q3", "2024-09-30"),
            ("2024Q4", "2024-12-31"),
            ("2024-02", "2024-02-29"),
            ("2023-02", "2023-02-28"),
            ("2024-06", "2024-06-30"),
            ("2024-12", "2024-12-31"),
            ("2024", "2024-12-31"),
            ("1999", "1999-12-31"),
        ] {
            let parsed: ReportDate = typed.parse().unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!(parsed.resolve(today), d(day), "{typed}");
        }
    }

    #[test]
    fn an_impossible_day_is_refused_as_a_date() {
        let err = "2024-02-30".parse::<ReportDate>().unwrap_err().to_string();
        assert_eq!(
            err,
            "invalid date \"2024-02-30\"; expected a real calendar date as YYYY-MM-DD, e.g. 2024-03-31"
        );
    }

    #[test]
    fn everything_else_is_refused_naming_the_value_and_the_forms() {
        for typed in [
            "",
            "2024Q0",
            "2024Q5",
            "2024Q12",
            "24Q1",
            "2024-13",
            "2024-00",
            "2024-6",
            "20245",
            "202",
            "Q2",
            "2024-06-30T00:00:00Z",
            "tomorrow",
            "2024 Q2",
        ] {
            let err = typed.parse::<ReportDate>().unwrap_err().to_string();
            assert_eq!(
                err,
                format!("invalid reporting date {typed:?}; expected {REPORT_DATE_FORMS}"),
                "{typed}"
            );
        }
    }
}
