//! Written dates: a day ("9 November 2023", "November 9, 2023", "Nov. 9, 2023", "2023-11-09",
//! "2023年11月9日"), a month ("June 2026", "2026年6月") or a year ("2027", "2027年").

use chrono::NaiveDate;

use super::words::{Kind, Token, tokenize};

/// Years outside this range are not read as dates ("by 1000 trees", "by 9999").
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// A period written in the text, as precise as it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Period {
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
}

impl Period {
    /// The first day of the period.
    pub(crate) fn first_day(self) -> Option<NaiveDate> {
        match self {
            Period::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            Period::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            Period::Day(d) => Some(d),
        }
    }

    /// The last day of the period.
    pub(crate) fn last_day(self) -> Option<NaiveDate> {
        match self {
            Period::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31),
            Period::Month(y, m) => {
                let (next_y, next_m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                NaiveDate::from_ymd_opt(next_y, next_m, 1).and_then(|d| d.pred_opt())
            }
            Period::Day(d) => Some(d),
        }
    }
}

/// The first full date (day, month and year) written in the text.
pub fn first_date(text: &str) -> Option<NaiveDate> {
    let tokens = tokenize(text);
    (0..tokens.len()).find_map(|i| match period_at(&tokens, i) {
        Some((Period::Day(d), _)) => Some(d),
        _ => None,
    })
}

/// Reads the most precise period that starts at token `i`; returns it and the index after it.
pub(crate) fn period_at(tokens: &[Token], i: usize) -> Option<(Period, usize)> {
    day_month_year(tokens, i)
        .or_else(|| month_day_year(tokens, i))
        .or_else(|| iso_date(tokens, i))
        .or_else(|| cjk_period(tokens, i))
        .or_else(|| month_year(tokens, i))
        .or_else(|| year(tokens, i))
}

/// "9 November 2023", "9th November, 2023", "9–10 September 2023" (the first day).
fn day_month_year(tokens: &[Token], i: usize) -> Option<(Period, usize)> {
    let day = day_number(tokens.get(i)?)?;
    let mut j = skip_day_range(tokens, i + 1);
    let month = month_at(tokens, &mut j)?;
    skip_punct(tokens, &mut j, ',');
    let year = year_number(tokens.get(j)?)?;
    Some((Period::Day(NaiveDate::from_ymd_opt(year, month, day)?), j + 1))
}

/// "November 9, 2023", "Nov. 9, 2023", "September 9–10, 2023" (the first day).
fn month_day_year(tokens: &[Token], i: usize) -> Option<(Period, usize)> {
    let mut j = i;
    let month = month_at(tokens, &mut j)?;
    let day = day_number(tokens.get(j)?)?;
    j = skip_day_range(tokens, j + 1);
    skip_punct(tokens, &mut j, ',');
    let year = year_number(tokens.get(j)?)?;
    Some((Period::Day(NaiveDate::from_ymd_opt(year, month, day)?), j + 1))
}

/// "2023-11-09".
fn iso_date(tokens: &[Token], i: usize) -> Option<(Period, usize)> {
    let [y, dash1, m, dash2, d] = tokens.get(i..i + 5)? else {
        return None;
    };
    if !(dash1.is_punct('-') && dash2.is_punct('-') && m.text.len() == 2 && d.text.len() == 2) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year_number(y)?, m.number()?, d.number()?)?;
    Some((Period::Day(date), i + 5))
}

/// "2023年11月9日", "2026年6月", "2027年".
fn cjk_period(tokens: &[Token], i: usize) -> Option<(Period, usize)> {
    let y = year_number(tokens.get(i)?)?;
    if !tokens.get(i + 1)?.is("年") {
        return None;
    }
    let month =
        tokens.get(i + 2).and_then(Token::number).filter(|_| tokens.get(i + 3).is_some_and(|t| t.is("月")));
    let Some(m) = month else {
        return Some((Period::Year(y), i + 2));
    };
    let day = tokens
        .get(i + 4)
        .and_then(Token::number)
        .filter(|_| tokens.get(i + 5).is_some_and(|t| t.is_any(&["日", "号"])));
    match day {
        Some(d) => Some((Period::Day(NaiveDate::from_ymd_opt(y, m, d)?), i + 6)),
        None => {
            NaiveDate::from_ymd_opt(y, m, 1)?;
            Some((Period::Month(y, m), i + 4))
        }
    }
}

/// "June 2026", "June, 2026".
fn month_year(tokens: &[Token], i: usize) -> Option<(Period, usize)> {
    let mut j = i;
    let month = month_at(tokens, &mut j)?;
    skip_punct(tokens, &mut j, ',');
    let year = year_number(tokens.get(j)?)?;
    Some((Period::Month(year, month), j + 1))
}

/// "2027", "2027年".
fn year(tokens: &[Token], i: usize) -> Option<(Period, usize)> {
    let y = year_number(tokens.get(i)?)?;
    let next = if tokens.get(i + 1).is_some_and(|t| t.is("年")) { i + 2 } else { i + 1 };
    Some((Period::Year(y), next))
}

/// A month name or abbreviation at `*j` (with an optional abbreviation dot); advances `*j`.
fn month_at(tokens: &[Token], j: &mut usize) -> Option<u32> {
    let token = tokens.get(*j)?;
    if token.kind != Kind::Word {
        return None;
    }
    let month = month_number(&token.lower())?;
    *j += 1;
    skip_punct(tokens, j, '.');
    Some(month)
}

/// January = 1; full names and the usual abbreviations.
pub(crate) fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [[&str; 3]; 12] = [
        ["january", "jan", "jan"],
        ["february", "feb", "feb"],
        ["march", "mar", "mar"],
        ["april", "apr", "apr"],
        ["may", "may", "may"],
        ["june", "jun", "jun"],
        ["july", "jul", "jul"],
        ["august", "aug", "aug"],
        ["september", "sep", "sept"],
        ["october", "oct", "oct"],
        ["november", "nov", "nov"],
        ["december", "dec", "dec"],
    ];
    let index = MONTHS.iter().position(|names| names.contains(&word))?;
    u32::try_from(index + 1).ok()
}

/// A day of month: "9", "09" or an ordinal "9th".
fn day_number(token: &Token) -> Option<u32> {
    let lower = token.text.to_ascii_lowercase();
    let digits = match token.kind {
        Kind::Number => lower.as_str(),
        Kind::Word => ["st", "nd", "rd", "th"].iter().find_map(|suffix| lower.strip_suffix(suffix))?,
        _ => return None,
    };
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A plausible four-digit year.
fn year_number(token: &Token) -> Option<i32> {
    if token.kind != Kind::Number || token.text.len() != 4 {
        return None;
    }
    token.text.parse().ok().filter(|y| YEARS.contains(y))
}

/// Skips "–10" or "-10" in a range of days ("9–10 September").
fn skip_day_range(tokens: &[Token], j: usize) -> usize {
    let dash = tokens.get(j).is_some_and(|t| t.is_any(&["-", "–", "—"]));
    let second_day = tokens.get(j + 1).and_then(day_number).is_some();
    if dash && second_day { j + 2 } else { j }
}

fn skip_punct(tokens: &[Token], j: &mut usize, c: char) {
    if tokens.get(*j).is_some_and(|t| t.is_punct(c)) {
        *j += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn first_date_cases() {
        let cases = [
            ("was held on November 9, 2023 in Wuzhen", ymd(2023, 11, 9)),
            ("held on 9 November 2023.", ymd(2023, 11, 9)),
            ("Nov. 9, 2023", ymd(2023, 11, 9)),
            ("Adopted 2023-11-09", ymd(2023, 11, 9)),
            ("于2023年11月9日在乌镇举行", ymd(2023, 11, 9)),
            ("New Delhi, 9–10 September 2023", ymd(2023, 9, 9)),
            ("September 9-10, 2023", ymd(2023, 9, 9)),
            ("the 21st of May", None),
            ("on 1st June 2024", ymd(2024, 6, 1)),
            ("Forum 2023, held in September 2021, then on 3 May 2022", ymd(2022, 5, 3)),
            ("31 February 2023 is no date, 1 March 2023 is", ymd(2023, 3, 1)),
            ("2023年11月", None),
            ("may 2024 be good", None),
            ("12 November 1066", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(first_date(text), want, "input {text:?}");
        }
    }

    #[test]
    fn period_bounds() {
        let cases = [
            (Period::Year(2027), ymd(2027, 1, 1), ymd(2027, 12, 31)),
            (Period::Month(2026, 2), ymd(2026, 2, 1), ymd(2026, 2, 28)),
            (Period::Month(2024, 2), ymd(2024, 2, 1), ymd(2024, 2, 29)),
            (Period::Month(2026, 12), ymd(2026, 12, 1), ymd(2026, 12, 31)),
        ];
        for (period, first, last) in cases {
            assert_eq!((period.first_day(), period.last_day()), (first, last), "{period:?}");
        }
    }
}
