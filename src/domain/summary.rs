//! The arithmetic of reports: commitments counted per group, as of a date. Pure: the date and
//! the staleness window come in as parameters.
//!
//! Compliance follows the G7/G20 Research Group convention (PRODUCT.md): the mean score of the
//! scored commitments, in [-1, +1], and the same as a percentage `(score + 1) / 2 × 100`.
//! `unclear` and `unassessed` are not scored, so they never count as failure; a group with
//! nothing scored has no compliance at all rather than a misleading 0.
//!
//! Rounding is decided here, once, so every format shows the same numbers: `done_pct` and
//! `compliance_pct` to 1 decimal, `compliance_score` to 2, each computed exactly from the
//! integer counts and rounded half away from zero. `compliance_pct` comes from the exact mean,
//! not from the rounded score.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::closed::{ClosedSet, closed_set_traits};
use super::{CommitmentState, Role, Status};

/// What the rows of a report stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum GroupBy {
    /// One row per topic of each statement.
    #[default]
    Topic,
    /// One row per owner and role (`ITU (lead)`, `World Bank (support)`); commitments
    /// without any owner under "(no owner)".
    Owner,
    /// One row per status, in vocabulary order, empty ones included.
    Status,
    /// One row per statement.
    Statement,
}

impl GroupBy {
    /// Every grouping, in the order `--help` lists them.
    pub const ALL: [GroupBy; 4] = [GroupBy::Topic, GroupBy::Owner, GroupBy::Status, GroupBy::Statement];

    /// The name used on the command line, in CSV (`group_by`) and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Topic => "topic",
            GroupBy::Owner => "owner",
            GroupBy::Status => "status",
            GroupBy::Statement => "statement",
        }
    }
}

impl ClosedSet for GroupBy {
    const KIND: &'static str = "grouping";
    const ALL: &'static [GroupBy] = &GroupBy::ALL;

    fn as_str(self) -> &'static str {
        GroupBy::as_str(self)
    }
}

closed_set_traits!(GroupBy);

/// The label of the row for commitments without a lead owner.
pub const NO_OWNER: &str = "(no owner)";

/// One group of a report. Ordering is the row order: topics by statement and number, owners
/// by name with "(no owner)" last, statuses in vocabulary order, statements by key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum GroupKey {
    Topic {
        statement: String,
        no: u32,
        title: String,
    },
    /// `name` is `None` for commitments without an owner; `key` is the case-folded name.
    Owner {
        unowned: bool,
        key: String,
        role: Option<Role>,
        name: Option<String>,
    },
    Status(Status),
    Statement(String),
}

impl GroupKey {
    /// The groups `state` belongs to: one, except with `GroupBy::Owner`, where a commitment
    /// counts for each of its owners, leads and supporters alike.
    pub fn of(state: &CommitmentState, by: GroupBy) -> Vec<GroupKey> {
        match by {
            GroupBy::Topic => vec![GroupKey::Topic {
                statement: state.statement.clone(),
                no: state.topic_no,
                title: state.topic.clone(),
            }],
            GroupBy::Owner if state.lead.is_empty() && state.support.is_empty() => {
                vec![GroupKey::Owner { unowned: true, key: String::new(), role: None, name: None }]
            }
            GroupBy::Owner => {
                let leads = state.lead.iter().map(|name| (name, Role::Lead));
                let owners = leads.chain(state.support.iter().map(|name| (name, Role::Support)));
                owners
                    .map(|(name, role)| GroupKey::Owner {
                        unowned: false,
                        key: name.to_lowercase(),
                        role: Some(role),
                        name: Some(name.clone()),
                    })
                    .collect()
            }
            GroupBy::Status => vec![GroupKey::Status(state.status())],
            GroupBy::Statement => vec![GroupKey::Statement(state.statement.clone())],
        }
    }

    /// The text of the group cell. A topic names its statement only when the report covers
    /// several, since topic numbers repeat across statements: `1. Title` or `gdi-2023 1. Title`.
    pub fn label(&self, several_statements: bool) -> String {
        match self {
            GroupKey::Topic { statement, no, title } if several_statements => {
                format!("{statement} {no}. {title}")
            }
            GroupKey::Topic { no, title, .. } => format!("{no}. {title}"),
            GroupKey::Owner { name: Some(name), role: Some(role), .. } => format!("{name} ({role})"),
            GroupKey::Owner { .. } => NO_OWNER.to_string(),
            GroupKey::Status(status) => status.as_str().to_string(),
            GroupKey::Statement(key) => key.clone(),
        }
    }
}

/// A decimal number with a fixed number of decimals, exact from integer counts. Shown with
/// all its decimals (`50.0`, `-0.33`); serialized as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixed {
    units: i64,
    decimals: u32,
}

impl Fixed {
    /// `numerator / denominator` rounded half away from zero to `decimals` decimals; `None`
    /// when the denominator is 0.
    pub fn ratio(numerator: i64, denominator: i64, decimals: u32) -> Option<Fixed> {
        if denominator == 0 {
            return None;
        }
        let scaled = numerator * 10i64.pow(decimals);
        let (quotient, remainder) = (scaled / denominator, scaled % denominator);
        let away = 2 * remainder.abs() >= denominator.abs();
        let sign = if (scaled < 0) != (denominator < 0) { -1 } else { 1 };
        Some(Fixed { units: quotient + if away { sign } else { 0 }, decimals })
    }

    /// The value as a float (exact to the shown decimals), for JSON and CSV.
    pub fn to_f64(self) -> f64 {
        self.units as f64 / 10f64.powi(self.decimals as i32)
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = format!("{:.*}", self.decimals as usize, self.to_f64());
        f.pad(&text)
    }
}

impl Serialize for Fixed {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.to_f64())
    }
}

/// The counts of one group (or of the whole report).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    commitments: u32,
    by_status: [u32; Status::ALL.len()],
    score_sum: i64,
    scored: u32,
    overdue: u32,
    stale: u32,
    last_update: Option<NaiveDate>,
}

impl Tally {
    /// Counts `state` as of `as_of`; stale means no entry within `stale_days` days.
    pub fn add(&mut self, state: &CommitmentState, as_of: NaiveDate, stale_days: u32) {
        let status = state.status();
        self.commitments += 1;
        self.by_status[status_index(status)] += 1;
        if let Some(score) = status.score() {
            self.score_sum += i64::from(score);
            self.scored += 1;
        }
        self.overdue += u32::from(state.is_overdue(as_of));
        self.stale += u32::from(state.is_stale(as_of, stale_days));
        let updated = state.latest.as_ref().map(|e| e.as_of);
        self.last_update = self.last_update.max(updated);
    }

    /// Commitments counted.
    pub fn commitments(&self) -> u32 {
        self.commitments
    }

    /// Commitments with a current entry (any status but `unassessed`, `unclear` included).
    pub fn assessed(&self) -> u32 {
        self.commitments - self.count(Status::Unassessed)
    }

    /// Commitments in `status`.
    pub fn count(&self, status: Status) -> u32 {
        self.by_status[status_index(status)]
    }

    /// Commitments whose due date has passed while they are neither done nor abandoned.
    pub fn overdue(&self) -> u32 {
        self.overdue
    }

    /// Commitments with no entry within the staleness window (unassessed ones included).
    pub fn stale(&self) -> u32 {
        self.stale
    }

    /// The latest `as_of` among the current entries; `None` when nothing is assessed.
    pub fn last_update(&self) -> Option<NaiveDate> {
        self.last_update
    }

    /// Done / all commitments × 100, 1 decimal; `None` for an empty group.
    pub fn done_pct(&self) -> Option<Fixed> {
        Fixed::ratio(i64::from(self.count(Status::Done)) * 100, i64::from(self.commitments), 1)
    }

    /// Mean score of the scored commitments, in [-1, +1], 2 decimals; `None` when none is scored.
    pub fn compliance_score(&self) -> Option<Fixed> {
        Fixed::ratio(self.score_sum, i64::from(self.scored), 2)
    }

    /// `(score + 1) / 2 × 100` from the exact mean, 1 decimal; `None` when none is scored.
    pub fn compliance_pct(&self) -> Option<Fixed> {
        let scored = i64::from(self.scored);
        Fixed::ratio((self.score_sum + scored) * 50, scored, 1)
    }
}

fn status_index(status: Status) -> usize {
    Status::ALL.iter().position(|s| *s == status).unwrap_or_default()
}

/// Commitments counted per group, and once each in the total.
#[derive(Debug, Clone)]
pub struct Summary {
    by: GroupBy,
    as_of: NaiveDate,
    stale_days: u32,
    groups: BTreeMap<GroupKey, Tally>,
    total: Tally,
    statements: BTreeSet<String>,
}

impl Summary {
    /// An empty summary. Grouped by status, every status has its row from the start, so the
    /// rows never change shape.
    pub fn new(by: GroupBy, as_of: NaiveDate, stale_days: u32) -> Summary {
        let groups = match by {
            GroupBy::Status => Status::ALL.map(|s| (GroupKey::Status(s), Tally::default())).into(),
            _ => BTreeMap::new(),
        };
        Summary { by, as_of, stale_days, groups, total: Tally::default(), statements: BTreeSet::new() }
    }

    /// Counts one commitment in each of its groups and once in the total.
    pub fn add(&mut self, state: &CommitmentState) {
        for key in GroupKey::of(state, self.by) {
            self.groups.entry(key).or_default().add(state, self.as_of, self.stale_days);
        }
        self.total.add(state, self.as_of, self.stale_days);
        if !self.statements.contains(&state.statement) {
            self.statements.insert(state.statement.clone());
        }
    }

    pub fn by(&self) -> GroupBy {
        self.by
    }

    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    pub fn stale_days(&self) -> u32 {
        self.stale_days
    }

    /// The groups in row order.
    pub fn groups(&self) -> impl Iterator<Item = (&GroupKey, &Tally)> {
        self.groups.iter()
    }

    /// Every commitment counted once. Grouped by owner, the rows may add up to more.
    pub fn total(&self) -> &Tally {
        &self.total
    }

    /// The commitments of every row added up: more than the total when, grouped by owner, a
    /// commitment has several owners.
    pub fn rows_sum(&self) -> u32 {
        self.groups.values().map(Tally::commitments).sum()
    }

    /// The keys of the statements of the commitments counted.
    pub fn statements(&self) -> &BTreeSet<String> {
        &self.statements
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::LatestEntry;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const AS_OF: &str = "2024-06-30";

    fn state(id: &str, status: Option<(Status, &str)>) -> CommitmentState {
        CommitmentState {
            id: format!("k:{id}"),
            statement: "k".into(),
            topic_no: id[..1].parse().unwrap(),
            topic: format!("Topic {}", &id[..1]),
            text: "x".into(),
            lead: vec![],
            support: vec![],
            due: None,
            due_inferred: false,
            latest: status.map(|(status, as_of)| LatestEntry {
                id: 1,
                status,
                percent: None,
                as_of: d(as_of),
                note: String::new(),
            }),
            evidence_count: None,
        }
    }

    fn tally(states: &[CommitmentState]) -> Tally {
        let mut tally = Tally::default();
        for s in states {
            tally.add(s, d(AS_OF), 180);
        }
        tally
    }

    fn shown(value: Option<Fixed>) -> String {
        value.map(|v| v.to_string()).unwrap_or_default()
    }

    #[test]
    fn compliance_averages_only_scored_statuses() {
        let t = tally(&[
            state("1.1.1", Some((Status::Done, "2024-06-01"))),    // +1
            state("1.1.2", Some((Status::Partial, "2024-06-01"))), //  0
            state("1.1.3", Some((Status::NotStarted, "2024-06-01"))), // -1
            state("1.1.4", Some((Status::Done, "2024-06-01"))),    // +1
            state("1.1.5", Some((Status::Unclear, "2024-06-01"))), // not scored
            state("1.1.6", None),                                  // not scored
        ]);
        // mean of (+1, 0, -1, +1) = 0.25; (0.25 + 1) / 2 = 62.5 %
        assert_eq!(shown(t.compliance_score()), "0.25");
        assert_eq!(shown(t.compliance_pct()), "62.5");
        assert_eq!(t.commitments(), 6);
        assert_eq!(t.assessed(), 5, "unclear is assessed, unassessed is not");
        assert_eq!((t.count(Status::Unclear), t.count(Status::Unassessed)), (1, 1));
    }

    #[test]
    fn done_percent_is_over_all_commitments_even_unscored_ones() {
        let t = tally(&[
            state("1.1.1", Some((Status::Done, "2024-06-01"))),
            state("1.1.2", Some((Status::Unclear, "2024-06-01"))),
            state("1.1.3", None),
        ]);
        assert_eq!(shown(t.done_pct()), "33.3");
        assert_eq!(shown(t.compliance_score()), "1.00");
        assert_eq!(shown(t.compliance_pct()), "100.0");
    }

    #[test]
    fn nothing_scored_means_no_compliance_not_zero() {
        let t = tally(&[state("1.1.1", Some((Status::Unclear, "2024-06-01"))), state("1.1.2", None)]);
        assert_eq!(t.compliance_score(), None);
        assert_eq!(t.compliance_pct(), None);
        assert_eq!(shown(t.done_pct()), "0.0");
        let empty = Tally::default();
        assert_eq!((empty.done_pct(), empty.compliance_score(), empty.last_update()), (None, None, None));
    }

    #[test]
    fn all_failing_scores_minus_one_and_zero_percent() {
        let t = tally(&[
            state("1.1.1", Some((Status::NotStarted, "2024-06-01"))),
            state("1.1.2", Some((Status::Abandoned, "2024-06-01"))),
        ]);
        assert_eq!(shown(t.compliance_score()), "-1.00");
        assert_eq!(shown(t.compliance_pct()), "0.0");
    }

    #[test]
    fn rounding_is_half_away_from_zero_from_exact_counts() {
        let cases = [
            (1, 3, 2, "0.33"),
            (2, 3, 2, "0.67"),
            (-1, 3, 2, "-0.33"),
            (-2, 3, 2, "-0.67"),
            (1, 8, 2, "0.13"),   // 0.125
            (-1, 8, 2, "-0.13"), // -0.125
            (1, 16, 1, "0.1"),   // 0.0625
            (2000, 3, 1, "666.7"),
            (0, 5, 2, "0.00"),
        ];
        for (num, den, decimals, want) in cases {
            assert_eq!(shown(Fixed::ratio(num, den, decimals)), want, "{num}/{den}");
        }
        assert_eq!(Fixed::ratio(1, 0, 1), None);
        assert_eq!(Fixed::ratio(-1, 3, 2).map(Fixed::to_f64), Some(-0.33));
        assert_eq!(serde_json::to_string(&Fixed::ratio(1, 2, 1)).unwrap(), "0.5");
    }

    #[test]
    fn compliance_pct_comes_from_the_exact_mean() {
        // mean = -1/3: score shows -0.33, pct = (−1/3 + 1) / 2 × 100 = 33.33… → 33.3
        let t = tally(&[
            state("1.1.1", Some((Status::NotStarted, "2024-06-01"))),
            state("1.1.2", Some((Status::InProgress, "2024-06-01"))),
            state("1.1.3", Some((Status::Stalled, "2024-06-01"))),
            state("1.1.4", Some((Status::NotStarted, "2024-06-01"))),
            state("1.1.5", Some((Status::Done, "2024-06-01"))),
            state("1.1.6", Some((Status::NotStarted, "2024-06-01"))),
        ]);
        assert_eq!(shown(t.compliance_score()), "-0.33");
        assert_eq!(shown(t.compliance_pct()), "33.3");
    }

    #[test]
    fn overdue_stale_and_last_update() {
        let mut late = state("1.1.1", Some((Status::InProgress, "2023-12-01")));
        late.due = Some(d("2024-03-31"));
        let mut closed = state("1.1.2", Some((Status::Done, "2024-05-02")));
        closed.due = Some(d("2024-03-31"));
        let t = tally(&[late, closed, state("1.1.3", None)]);
        assert_eq!(t.overdue(), 1, "done is never overdue");
        assert_eq!(t.stale(), 2, "212 days since 2023-12-01, and the unassessed one");
        assert_eq!(t.last_update(), Some(d("2024-05-02")));
    }

    #[test]
    fn topics_group_in_number_order_and_the_total_counts_each_commitment_once() {
        let mut summary = Summary::new(GroupBy::Topic, d(AS_OF), 180);
        for s in [state("2.1.1", None), state("1.1.1", None), state("2.1.2", None)] {
            summary.add(&s);
        }
        let rows: Vec<(String, u32)> =
            summary.groups().map(|(k, t)| (k.label(false), t.commitments())).collect();
        assert_eq!(rows, [("1. Topic 1".to_string(), 1), ("2. Topic 2".to_string(), 2)]);
        assert_eq!(summary.total().commitments(), 3);
        let first = summary.groups().next().unwrap().0;
        assert_eq!(first.label(true), "k 1. Topic 1");
    }

    #[test]
    fn owners_count_a_commitment_for_each_owner_and_role_and_unowned_last() {
        let mut two = state("1.1.1", Some((Status::Done, "2024-06-01")));
        two.lead = vec!["ITU".into(), "aU".into()];
        two.support = vec!["UNDP".into()];
        let mut one = state("1.1.2", None);
        one.lead = vec!["ITU".into()];
        let mut summary = Summary::new(GroupBy::Owner, d(AS_OF), 180);
        for s in [two, one, state("1.1.3", None)] {
            summary.add(&s);
        }
        let rows: Vec<(String, u32)> =
            summary.groups().map(|(k, t)| (k.label(false), t.commitments())).collect();
        assert_eq!(
            rows,
            [
                ("aU (lead)".into(), 1),
                ("ITU (lead)".into(), 2),
                ("UNDP (support)".into(), 1),
                (NO_OWNER.into(), 1)
            ]
        );
        assert_eq!(summary.total().commitments(), 3, "a commitment with three owners is one commitment");
        assert_eq!(summary.rows_sum(), 5);
    }

    #[test]
    fn statuses_have_a_row_each_even_when_empty() {
        let mut summary = Summary::new(GroupBy::Status, d(AS_OF), 180);
        summary.add(&state("1.1.1", Some((Status::Partial, "2024-06-01"))));
        let rows: Vec<(String, u32)> =
            summary.groups().map(|(k, t)| (k.label(false), t.commitments())).collect();
        let names: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, Status::ALL.map(Status::as_str));
        assert_eq!(rows.iter().map(|(_, n)| n).sum::<u32>(), 1);
        let (_, empty) = summary.groups().next().unwrap();
        assert_eq!((empty.done_pct(), empty.compliance_score(), empty.compliance_pct()), (None, None, None));
    }

    #[test]
    fn groupings_round_trip_through_their_names() {
        for by in GroupBy::ALL {
            assert_eq!(by.as_str().parse::<GroupBy>().ok(), Some(by));
        }
        assert!("team".parse::<GroupBy>().is_err());
    }
}
