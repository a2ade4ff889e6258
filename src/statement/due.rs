//! Deadlines: the day by which a clause says its action is done ("by 2027", "by the end of June
//! 2026", "before 2030", "到2027年", "2025年底前"). A year alone ("in 2025") is no deadline.

use chrono::NaiveDate;

use super::dates::{Period, period_at};
use super::words::{Token, tokenize};

/// Which side of the written period the deadline falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// "by 2027": the last day of the period.
    By,
    /// "before 2030": the day before the period starts.
    Before,
}

/// Which part of the period is meant: "the end of 2025", "mid-2026", or the period itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    Whole,
    End,
    Middle,
}

/// The deadline written in a clause, if any: the first "by …", "before …", "no later than …",
/// "到…年" or "…年底前" followed by a plausible date.
pub fn infer_due(clause: &str) -> Option<NaiveDate> {
    let tokens = tokenize(clause);
    (0..tokens.len()).find_map(|i| english_deadline(&tokens, i).or_else(|| chinese_deadline(&tokens, i)))
}

/// "by June 2026", "by the end of 2025", "no later than 30 June 2026", "before 2030".
fn english_deadline(tokens: &[Token], i: usize) -> Option<NaiveDate> {
    let (bound, j) = trigger(tokens, i)?;
    let (edge, j) = edge(tokens, j);
    let (period, _) = period_at(tokens, j)?;
    resolve(bound, edge, period)
}

fn trigger(tokens: &[Token], i: usize) -> Option<(Bound, usize)> {
    let first = tokens.get(i)?;
    if first.is("by") {
        return Some((Bound::By, i + 1));
    }
    if first.is("before") {
        return Some((Bound::Before, i + 1));
    }
    let later_than = first.is_any(&["no", "not"])
        && tokens.get(i + 1).is_some_and(|t| t.is("later"))
        && tokens.get(i + 2).is_some_and(|t| t.is("than"));
    later_than.then_some((Bound::By, i + 3))
}

/// Skips "the end of", "end of", "end-", "the middle of", "mid-" before the period.
fn edge(tokens: &[Token], i: usize) -> (Edge, usize) {
    let j = if tokens.get(i).is_some_and(|t| t.is("the")) { i + 1 } else { i };
    let edge = match tokens.get(j) {
        Some(t) if t.is("end") => Edge::End,
        Some(t) if t.is_any(&["mid", "middle"]) => Edge::Middle,
        _ => return (Edge::Whole, i),
    };
    match tokens.get(j + 1) {
        Some(t) if t.is("of") || t.is_punct('-') => (edge, j + 2),
        _ => (edge, j + 1),
    }
}

/// "到2027年", "至2026年6月", "2025年底前", "2030年前", "2026年6月30日前".
fn chinese_deadline(tokens: &[Token], i: usize) -> Option<NaiveDate> {
    if !tokens.get(i + 1).is_some_and(|t| t.is("年")) {
        return None;
    }
    let (period, mut j) = period_at(tokens, i)?;
    let after_to = i.checked_sub(1).and_then(|p| tokens.get(p)).is_some_and(|t| t.is_any(&["到", "至"]));
    if tokens.get(j).is_some_and(|t| t.is("年")) {
        j += 1;
    }
    let year_end = tokens.get(j).is_some_and(|t| t.is_any(&["底", "末"]));
    let is_at = |k: usize, words: &[&str]| tokens.get(k).is_some_and(|t| t.is_any(words));
    let before = is_at(j, &["前"]) || (is_at(j, &["以", "之"]) && is_at(j + 1, &["前"]));
    match (year_end, after_to, before, period) {
        (true, ..) => resolve(Bound::By, Edge::End, period),
        (false, true, ..) => resolve(Bound::By, Edge::Whole, period),
        // "6月30日前" names the last day itself.
        (false, false, true, Period::Day(day)) => Some(day),
        (false, false, true, _) => resolve(Bound::Before, Edge::Whole, period),
        _ => None,
    }
}

fn resolve(bound: Bound, edge: Edge, period: Period) -> Option<NaiveDate> {
    match (edge, period) {
        (Edge::End, _) => period.last_day(),
        (Edge::Middle, Period::Year(y)) => NaiveDate::from_ymd_opt(y, 6, 30),
        (Edge::Middle, Period::Month(y, m)) => NaiveDate::from_ymd_opt(y, m, 15),
        (Edge::Middle, Period::Day(d)) => Some(d),
        (Edge::Whole, _) if bound == Bound::By => period.last_day(),
        (Edge::Whole, _) => period.first_day()?.pred_opt(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn infer_due_cases() {
        let cases = [
            ("reduce emissions by 40% by 2027", ymd(2027, 12, 31)),
            ("publish the register by June 2026", ymd(2026, 6, 30)),
            ("by the end of June 2026", ymd(2026, 6, 30)),
            ("by end of 2025", ymd(2025, 12, 31)),
            ("by the end of 2025", ymd(2025, 12, 31)),
            ("by end-2025", ymd(2025, 12, 31)),
            ("by mid-2026", ymd(2026, 6, 30)),
            ("by 30 June 2026", ymd(2026, 6, 30)),
            ("by June 30, 2026", ymd(2026, 6, 30)),
            ("by February 2028", ymd(2028, 2, 29)),
            ("no later than 31 March 2027", ymd(2027, 3, 31)),
            ("before 2030", ymd(2029, 12, 31)),
            ("before June 2026", ymd(2026, 5, 31)),
            ("before the end of 2026", ymd(2026, 12, 31)),
            ("launch the portal by 2026年", ymd(2026, 12, 31)),
            ("到2027年，建成", ymd(2027, 12, 31)),
            ("到2026年6月完成", ymd(2026, 6, 30)),
            ("2025年底前完成", ymd(2025, 12, 31)),
            ("2025年年底前完成", ymd(2025, 12, 31)),
            ("2030年前实现碳达峰", ymd(2029, 12, 31)),
            ("2026年6月30日前提交", ymd(2026, 6, 30)),
            // Not deadlines.
            ("hold the forum in 2025", None),
            ("在2025年举办", None),
            ("2025年以来", None),
            ("the 2030 Agenda", None),
            ("by the end of the year", None),
            ("by 31 February 2026", None),
            ("by 1850", None),
            ("by 2300", None),
            ("supported by 20 countries", None),
            ("", None),
        ];
        for (clause, want) in cases {
            assert_eq!(infer_due(clause), want, "clause {clause:?}");
        }
    }
}
