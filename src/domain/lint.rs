//! Checks of a commitment's data before publishing: each finding names a stable check. Pure:
//! the commitment's state, links and entries come in, as of a date.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::closed::{ClosedSet, closed_set_traits};
use super::{CommitmentState, Percent, Stance, Status};

/// The checks, a closed set with one string mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Check {
    NoLead,
    DoneWithoutEvidence,
    ContradictingEvidence,
    DuplicateEvidence,
    Stale,
    Overdue,
    NeverAssessed,
    PercentRegression,
}

impl Check {
    pub const ALL: [Check; 8] = [
        Check::NoLead,
        Check::DoneWithoutEvidence,
        Check::ContradictingEvidence,
        Check::DuplicateEvidence,
        Check::Stale,
        Check::Overdue,
        Check::NeverAssessed,
        Check::PercentRegression,
    ];

    /// The stable name scripts match on.
    pub fn as_str(self) -> &'static str {
        match self {
            Check::NoLead => "no-lead",
            Check::DoneWithoutEvidence => "done-without-evidence",
            Check::ContradictingEvidence => "contradicting-evidence",
            Check::DuplicateEvidence => "duplicate-evidence",
            Check::Stale => "stale",
            Check::Overdue => "overdue",
            Check::NeverAssessed => "never-assessed",
            Check::PercentRegression => "percent-regression",
        }
    }
}

impl ClosedSet for Check {
    const KIND: &'static str = "check";
    const ALL: &'static [Check] = &Check::ALL;

    fn as_str(self) -> &'static str {
        Check::as_str(self)
    }
}

closed_set_traits!(Check);

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub commitment: String,
    pub check: Check,
    pub message: String,
}

/// An evidence link as lint sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkFacts {
    pub url: String,
    pub stance: Option<Stance>,
}

/// A non-retracted entry as lint sees it, in (as_of, id) order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryPoint {
    pub id: i64,
    pub as_of: NaiveDate,
    pub percent: Option<Percent>,
    pub note: String,
}

/// Links and entries per commitment (by full id), and each statement's start, as of a date.
#[derive(Debug, Default)]
pub struct LintSources {
    pub links: HashMap<String, Vec<LinkFacts>>,
    pub entries: HashMap<String, Vec<EntryPoint>>,
    /// Statement key → its date, else the day it was imported.
    pub statement_since: HashMap<String, NaiveDate>,
}

/// Everything lint reads about one commitment, as of the date checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintFacts {
    pub state: CommitmentState,
    /// Links known by the date, not only on retracted entries.
    pub links: Vec<LinkFacts>,
    /// Entries up to the date, not retracted, oldest first.
    pub entries: Vec<EntryPoint>,
    /// The statement's date (else the day it was imported): when watching it began.
    pub statement_since: NaiveDate,
}

/// The findings for one commitment as of `as_of`, in check order. A commitment with no entry
/// is `never-assessed` (once its statement is older than the stale window), never `stale`.
pub fn lint(facts: &LintFacts, as_of: NaiveDate, stale_days: u32) -> Vec<Finding> {
    let state = &facts.state;
    let status = state.status();
    let mut found: Vec<(Check, String)> = Vec::new();
    if state.lead.is_empty() {
        found.push((Check::NoLead, format!("no lead owner as of {as_of}")));
    }
    if status == Status::Done && facts.links.is_empty() {
        found.push((Check::DoneWithoutEvidence, "done, but no evidence link".into()));
    }
    if matches!(status, Status::Done | Status::Partial) {
        for link in facts.links.iter().filter(|l| l.stance == Some(Stance::Contradicts)) {
            found.push((Check::ContradictingEvidence, format!("{status}, but {} contradicts it", link.url)));
        }
    }
    for (url, times) in duplicates(&facts.links) {
        found.push((Check::DuplicateEvidence, format!("{url} is linked {times} times")));
    }
    match state.latest.as_ref() {
        Some(latest) if state.is_stale(as_of, stale_days) => found.push((
            Check::Stale,
            format!(
                "no entry for {} days (latest as of {}; stale after {stale_days})",
                (as_of - latest.as_of).num_days(),
                latest.as_of
            ),
        )),
        None if (as_of - facts.statement_since).num_days() > i64::from(stale_days) => found.push((
            Check::NeverAssessed,
            format!(
                "no entry, {} days after the statement ({})",
                (as_of - facts.statement_since).num_days(),
                facts.statement_since
            ),
        )),
        _ => {}
    }
    if let (true, Some(due)) = (state.is_overdue(as_of), state.due) {
        found.push((Check::Overdue, format!("due {due}, still {status}")));
    }
    found.extend(regressions(&facts.entries).map(|m| (Check::PercentRegression, m)));
    found.sort_by_key(|(check, _)| *check);
    found
        .into_iter()
        .map(|(check, message)| Finding { commitment: state.id.clone(), check, message })
        .collect()
}

/// URLs linked more than once, with how often, by URL.
fn duplicates(links: &[LinkFacts]) -> impl Iterator<Item = (&str, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for link in links {
        *counts.entry(link.url.as_str()).or_default() += 1;
    }
    counts.into_iter().filter(|(_, n)| *n > 1)
}

/// Each entry whose percent is below the previous percent given, without a note.
fn regressions(entries: &[EntryPoint]) -> impl Iterator<Item = String> + '_ {
    let mut previous: Option<Percent> = None;
    entries.iter().filter_map(move |entry| {
        let percent = entry.percent?;
        let fell = previous.filter(|p| percent < *p && entry.note.trim().is_empty());
        previous = Some(percent);
        fell.map(|before| {
            format!(
                "percent fell from {before} to {percent} in entry {} as of {}, without a note",
                entry.id, entry.as_of
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::LatestEntry;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn facts(status: Option<(Status, &str)>, lead: &[&str], due: Option<&str>) -> LintFacts {
        LintFacts {
            state: CommitmentState {
                id: "k:1.1.1".into(),
                statement: "k".into(),
                topic_no: 1,
                topic: "T".into(),
                text: "x".into(),
                lead: lead.iter().map(|s| s.to_string()).collect(),
                support: vec![],
                due: due.map(d),
                due_inferred: false,
                latest: status.map(|(status, as_of)| LatestEntry {
                    id: 1,
                    status,
                    percent: None,
                    as_of: d(as_of),
                    note: String::new(),
                }),
                evidence_count: None,
            },
            links: vec![],
            entries: vec![],
            statement_since: d("2023-01-01"),
        }
    }

    fn checks(facts: &LintFacts) -> Vec<&'static str> {
        lint(facts, d("2024-06-30"), 180).iter().map(|f| f.check.as_str()).collect()
    }

    fn link(url: &str, stance: Option<Stance>) -> LinkFacts {
        LinkFacts { url: url.into(), stance }
    }

    fn entry(id: i64, percent: Option<u8>, note: &str) -> EntryPoint {
        EntryPoint {
            id,
            as_of: d("2024-01-01"),
            percent: percent.and_then(|p| Percent::new(p.into())),
            note: note.into(),
        }
    }

    #[test]
    fn each_check_fires_on_its_own_case_and_not_on_a_clean_one() {
        let clean = facts(Some((Status::InProgress, "2024-06-01")), &["ITU"], Some("2025-01-01"));
        assert!(checks(&clean).is_empty());

        assert_eq!(checks(&facts(Some((Status::InProgress, "2024-06-01")), &[], None)), ["no-lead"]);

        let done = facts(Some((Status::Done, "2024-06-01")), &["ITU"], None);
        assert_eq!(checks(&done), ["done-without-evidence"]);

        let mut contradicted = facts(Some((Status::Partial, "2024-06-01")), &["ITU"], None);
        contradicted.links = vec![link("https://a.example", Some(Stance::Contradicts))];
        assert_eq!(checks(&contradicted), ["contradicting-evidence"]);
        contradicted.state.latest.as_mut().unwrap().status = Status::InProgress;
        assert!(checks(&contradicted).is_empty(), "only done or partial is contradicted");

        let mut twice = clean.clone();
        twice.links =
            vec![link("https://a.example", None), link("https://a.example", Some(Stance::Supports))];
        assert_eq!(checks(&twice), ["duplicate-evidence"]);

        assert_eq!(checks(&facts(Some((Status::InProgress, "2023-12-31")), &["ITU"], None)), ["stale"]);
        assert!(checks(&facts(Some((Status::InProgress, "2024-01-02")), &["ITU"], None)).is_empty());

        assert_eq!(
            checks(&facts(Some((Status::InProgress, "2024-06-01")), &["ITU"], Some("2024-06-29"))),
            ["overdue"]
        );

        let mut never = facts(None, &["ITU"], None);
        assert_eq!(checks(&never), ["never-assessed"]);
        never.statement_since = d("2024-03-01");
        assert!(checks(&never).is_empty(), "a statement younger than the window is not yet due an entry");

        let mut fell = clean.clone();
        fell.entries = vec![entry(1, Some(60), ""), entry(2, None, ""), entry(3, Some(40), "")];
        assert_eq!(checks(&fell), ["percent-regression"]);
        assert_eq!(
            lint(&fell, d("2024-06-30"), 180)[0].message,
            "percent fell from 60 to 40 in entry 3 as of 2024-01-01, without a note"
        );
        fell.entries[2].note = "scope cut".into();
        assert!(checks(&fell).is_empty(), "a note explains the fall");
    }

    #[test]
    fn check_names_are_distinct_and_stable() {
        let names: Vec<&str> = Check::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            names,
            [
                "no-lead",
                "done-without-evidence",
                "contradicting-evidence",
                "duplicate-evidence",
                "stale",
                "overdue",
                "never-assessed",
                "percent-regression"
            ]
        );
    }
}
