//! Small values built at the edge from user text: percent, dates, evidence URLs, owner names.
//! Code past the edge never re-checks them.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, NaiveDate};

use crate::error::Error;

/// A completion percentage, 0–100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Percent(u8);

impl Percent {
    /// 100 %: what `done` means when no percent is given.
    pub const FULL: Percent = Percent(100);

    /// Builds a percent from a stored value; `None` when out of range.
    pub fn new(value: i64) -> Option<Percent> {
        u8::try_from(value).ok().filter(|v| *v <= 100).map(Percent)
    }

    /// The value, 0–100.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl FromStr for Percent {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim().trim_end_matches('%');
        text.parse::<i64>().ok().and_then(Percent::new).ok_or_else(|| Error::BadPercent(s.to_string()))
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Parses a calendar date written `YYYY-MM-DD`, refusing impossible ones (2024-02-30).
pub fn parse_date(s: &str) -> Result<NaiveDate, Error> {
    // Read by hand, not with a chrono format string: bulk imports parse a date per row, and
    // the format machinery cost them 5% of their time.
    let number = |digits: &[u8]| -> Option<u32> {
        digits.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let date = |y: &[u8], m: &[u8], d: &[u8]| {
        NaiveDate::from_ymd_opt(i32::try_from(number(y)?).ok()?, number(m)?, number(d)?)
    };
    match s.trim().as_bytes() {
        [y @ .., b'-', m1, m2, b'-', d1, d2] if y.len() == 4 => date(y, &[*m1, *m2], &[*d1, *d2]),
        _ => None,
    }
    .ok_or_else(|| Error::BadDate(s.to_string()))
}

/// Writes `date` as `YYYY-MM-DD` into `buf` (years 0–9999, the range dates come in), without
/// the formatting machinery: bulk imports write a date per row.
pub fn iso_date(date: NaiveDate, buf: &mut [u8; 10]) -> &str {
    use chrono::Datelike;
    let digits = |n: u32, out: &mut [u8]| {
        let mut n = n;
        for slot in out.iter_mut().rev() {
            *slot = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    digits(date.year().clamp(0, 9999) as u32, &mut buf[..4]);
    buf[4] = b'-';
    digits(date.month(), &mut buf[5..7]);
    buf[7] = b'-';
    digits(date.day(), &mut buf[8..]);
    std::str::from_utf8(buf).unwrap_or_default()
}

/// A date as typed on the command line: `YYYY-MM-DD`, `today` or `yesterday`. It becomes a
/// calendar date only against a given `today`, so parsing needs no clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateArg {
    Date(NaiveDate),
    Today,
    Yesterday,
}

impl DateArg {
    /// The calendar date this argument names, seen from `today`.
    pub fn resolve(self, today: NaiveDate) -> NaiveDate {
        match self {
            DateArg::Date(date) => date,
            DateArg::Today => today,
            DateArg::Yesterday => today.checked_sub_days(Days::new(1)).unwrap_or(today),
        }
    }

    /// Like `resolve`, but refuses a date after `today` (progress cannot be reported ahead).
    pub fn resolve_past(self, today: NaiveDate) -> Result<NaiveDate, Error> {
        let date = self.resolve(today);
        if date > today {
            return Err(Error::FutureDate { date, today });
        }
        Ok(date)
    }
}

impl FromStr for DateArg {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "today" => Ok(DateArg::Today),
            "yesterday" => Ok(DateArg::Yesterday),
            _ => parse_date(s).map(DateArg::Date),
        }
    }
}

/// An absolute `http` or `https` URL, the only kind of evidence link ctrack records.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EvidenceUrl(String);

impl EvidenceUrl {
    /// The URL as recorded (normalised by the `url` crate, e.g. a lowercase host).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for EvidenceUrl {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || Error::BadUrl(s.to_string());
        let parsed = url::Url::parse(s.trim()).map_err(|_| bad())?;
        let web = matches!(parsed.scheme(), "http" | "https");
        if !web || parsed.host_str().is_none_or(str::is_empty) {
            return Err(bad());
        }
        Ok(EvidenceUrl(parsed.into()))
    }
}

impl fmt::Display for EvidenceUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An owner's name as typed: trimmed, inner whitespace collapsed, never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerName(String);

impl OwnerName {
    /// The name as it will be shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key owners are matched by: case-folded, so "ITU" and "itu " are one owner.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl FromStr for OwnerName {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(Error::EmptyOwner);
        }
        Ok(OwnerName(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn percents_in_range_parse_and_others_are_refused() {
        for (text, want) in [("0", Some(0)), ("100", Some(100)), ("45%", Some(45)), (" 7 ", Some(7))] {
            assert_eq!(text.parse::<Percent>().ok().map(Percent::get), want, "{text}");
        }
        for text in ["101", "-1", "abc", "", "4.5"] {
            let err = text.parse::<Percent>().unwrap_err().to_string();
            assert!(err.contains(&format!("\"{text}\"")), "{err}");
        }
    }

    #[test]
    fn dates_must_exist_and_be_iso() {
        assert_eq!(date("2024-02-29").to_string(), "2024-02-29");
        for text in ["2024-02-30", "2023-02-29", "2024-13-01", "24-01-01", "2024/01/01", "2024-1-1", ""] {
            assert_eq!(
                parse_date(text).unwrap_err().to_string(),
                format!(
                    "invalid date \"{text}\"; expected a real calendar date as YYYY-MM-DD, e.g. 2024-03-31"
                ),
            );
        }
    }

    #[test]
    fn iso_dates_match_chrono() {
        let mut buf = [0u8; 10];
        for text in ["2024-02-29", "0001-01-01", "1999-12-31", "2026-11-27"] {
            assert_eq!(iso_date(date(text), &mut buf), text);
        }
    }

    #[test]
    fn date_args_resolve_against_today() {
        let today = date("2026-03-01");
        assert_eq!("today".parse::<DateArg>().unwrap().resolve(today), today);
        assert_eq!(" Today ".parse::<DateArg>().unwrap().resolve(today), today);
        assert_eq!("yesterday".parse::<DateArg>().unwrap().resolve(today), date("2026-02-28"));
        assert_eq!("2025-01-02".parse::<DateArg>().unwrap().resolve(today), date("2025-01-02"));
        let err = "2026-03-02".parse::<DateArg>().unwrap().resolve_past(today).unwrap_err();
        assert_eq!(
            err.to_string(),
            "date 2026-03-02 is in the future (today is 2026-03-01); progress can only be recorded as of today or earlier"
        );
    }

    #[test]
    fn only_absolute_web_urls_are_evidence() {
        let ok = "HTTPS://Example.ORG/report?id=1".parse::<EvidenceUrl>().unwrap();
        assert_eq!(ok.as_str(), "https://example.org/report?id=1");
        for text in [
            "javascript:alert(1)",
            "ftp://example.org/x",
            "example.org/x",
            "/local",
            "http://",
            "mailto:a@b.c",
            "",
        ] {
            assert!(text.parse::<EvidenceUrl>().is_err(), "{text}");
        }
    }

    #[test]
    fn owner_names_are_trimmed_and_matched_case_insensitively() {
        let a: OwnerName = "ITU".parse().unwrap();
        let b: OwnerName = "  itu ".parse().unwrap();
        assert_eq!(a.key(), b.key());
        assert_eq!(b.as_str(), "itu");
        let c: OwnerName = " Ministry  of\tDigital Affairs ".parse().unwrap();
        assert_eq!(c.as_str(), "Ministry of Digital Affairs");
        assert!("   ".parse::<OwnerName>().is_err());
    }
}
