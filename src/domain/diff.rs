//! What changed for each commitment between two vantages (dates, periods or rounds): status,
//! percent, owners, evidence, due date. Pure: the two sides' states come in as input.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::closed::{ClosedSet, closed_set_traits};
use super::{CommitmentState, Percent, Role, Status};

/// One side of a diff for one commitment: its state, and which entries and evidence URLs
/// counted from that side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub state: CommitmentState,
    pub entries: BTreeSet<i64>,
    pub evidence: BTreeSet<String>,
}

/// Entry ids and evidence URLs of each commitment (by full id) that count from one vantage.
#[derive(Debug, Default)]
pub struct Seen {
    pub entries: HashMap<String, BTreeSet<i64>>,
    pub evidence: HashMap<String, BTreeSet<String>>,
}

/// How a commitment moved. A closed set with one string mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Its score rose.
    Forward,
    /// Its score fell.
    Back,
    /// It was unassessed before.
    Assessed,
    /// Anything else: percent, owners, evidence, due date, or a status change without a score.
    Changed,
}

impl Move {
    pub const ALL: [Move; 4] = [Move::Forward, Move::Back, Move::Assessed, Move::Changed];

    pub fn as_str(self) -> &'static str {
        match self {
            Move::Forward => "forward",
            Move::Back => "back",
            Move::Assessed => "assessed",
            Move::Changed => "changed",
        }
    }
}

impl ClosedSet for Move {
    const KIND: &'static str = "move";
    const ALL: &'static [Move] = &Move::ALL;

    fn as_str(self) -> &'static str {
        Move::as_str(self)
    }
}

closed_set_traits!(Move);

/// One changed commitment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffRow {
    pub commitment: String,
    pub status_before: Status,
    pub status_after: Status,
    pub percent_before: Option<Percent>,
    pub percent_after: Option<Percent>,
    /// Entries that count after and did not before.
    pub entries: usize,
    /// Evidence URLs known after and not before.
    pub evidence: usize,
    /// Owner changes, `+ITU(lead); -UNDP(support)`: additions first, then removals.
    pub owners: String,
    pub due_before: Option<NaiveDate>,
    pub due_after: Option<NaiveDate>,
    pub movement: Move,
}

/// How many commitments moved each way, and how many did not change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DiffSummary {
    pub forward: usize,
    pub back: usize,
    pub assessed: usize,
    pub changed: usize,
    pub unchanged: usize,
}

/// The changed commitments, in the order of `after`, and the counts. A commitment missing
/// from `before` (imported later) is compared with an unassessed commitment without owners.
pub fn diff<'a>(
    after: impl IntoIterator<Item = &'a Snapshot>,
    before: impl Fn(&str) -> Option<&'a Snapshot>,
) -> (Vec<DiffRow>, DiffSummary) {
    let mut rows = Vec::new();
    let mut summary = DiffSummary::default();
    for now in after {
        match compare(before(&now.state.id), now) {
            Some(row) => {
                *summary.count(row.movement) += 1;
                rows.push(row);
            }
            None => summary.unchanged += 1,
        }
    }
    (rows, summary)
}

impl DiffSummary {
    fn count(&mut self, movement: Move) -> &mut usize {
        match movement {
            Move::Forward => &mut self.forward,
            Move::Back => &mut self.back,
            Move::Assessed => &mut self.assessed,
            Move::Changed => &mut self.changed,
        }
    }
}

/// The row for one commitment, `None` when nothing a diff shows changed.
fn compare(then: Option<&Snapshot>, now: &Snapshot) -> Option<DiffRow> {
    let (status_before, percent_before) = then.map_or((Status::Unassessed, None), |t| status_of(&t.state));
    let (status_after, percent_after) = status_of(&now.state);
    let owners = owner_changes(then.map(|t| &t.state), &now.state);
    let evidence = now.evidence.iter().filter(|url| then.is_none_or(|t| !t.evidence.contains(*url))).count();
    let due_before = then.and_then(|t| t.state.due);
    let due_after = now.state.due;
    let same = status_before == status_after
        && percent_before == percent_after
        && owners.is_empty()
        && evidence == 0
        && due_before == due_after;
    if same {
        return None;
    }
    let entries = now.entries.iter().filter(|id| then.is_none_or(|t| !t.entries.contains(*id))).count();
    Some(DiffRow {
        commitment: now.state.id.clone(),
        movement: movement(status_before, status_after),
        status_before,
        status_after,
        percent_before,
        percent_after,
        entries,
        evidence,
        owners,
        due_before,
        due_after,
    })
}

fn status_of(state: &CommitmentState) -> (Status, Option<Percent>) {
    (state.status(), state.latest.as_ref().and_then(|e| e.percent))
}

/// Forward or back by score; assessed when it was unassessed; changed otherwise.
pub fn movement(before: Status, after: Status) -> Move {
    if before == Status::Unassessed && after != Status::Unassessed {
        return Move::Assessed;
    }
    match (before.score(), after.score()) {
        (Some(b), Some(a)) if a > b => Move::Forward,
        (Some(b), Some(a)) if a < b => Move::Back,
        _ => Move::Changed,
    }
}

/// `+NAME(role)` for each owner added, then `-NAME(role)` for each removed, leads first.
fn owner_changes(then: Option<&CommitmentState>, now: &CommitmentState) -> String {
    let owners = |state: Option<&CommitmentState>| -> BTreeSet<(Role, String)> {
        let Some(state) = state else { return BTreeSet::new() };
        let lead = state.lead.iter().map(|n| (Role::Lead, n.clone()));
        lead.chain(state.support.iter().map(|n| (Role::Support, n.clone()))).collect()
    };
    let (before, after) = (owners(then), owners(Some(now)));
    let added = after.difference(&before).map(|(role, name)| format!("+{name}({role})"));
    let removed = before.difference(&after).map(|(role, name)| format!("-{name}({role})"));
    added.chain(removed).collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::LatestEntry;

    fn snapshot(status: Option<(Status, Option<u8>)>, lead: &[&str], support: &[&str]) -> Snapshot {
        Snapshot {
            state: CommitmentState {
                id: "k:1.1.1".into(),
                statement: "k".into(),
                topic_no: 1,
                topic: "T".into(),
                text: "x".into(),
                lead: lead.iter().map(|s| s.to_string()).collect(),
                support: support.iter().map(|s| s.to_string()).collect(),
                due: None,
                due_inferred: false,
                latest: status.map(|(status, percent)| LatestEntry {
                    id: 1,
                    status,
                    percent: percent.and_then(|p| Percent::new(p.into())),
                    as_of: "2024-01-01".parse().unwrap(),
                    note: String::new(),
                }),
                evidence_count: None,
            },
            entries: BTreeSet::new(),
            evidence: BTreeSet::new(),
        }
    }

    #[test]
    fn movement_follows_the_score() {
        use Status::*;
        for (before, after, expected) in [
            (Unassessed, NotStarted, Move::Assessed),
            (Unassessed, Done, Move::Assessed),
            (NotStarted, InProgress, Move::Forward),
            (InProgress, Done, Move::Forward),
            (Done, Partial, Move::Back),
            (InProgress, Abandoned, Move::Back),
            (InProgress, Stalled, Move::Changed),
            (InProgress, InProgress, Move::Changed),
            (InProgress, Unclear, Move::Changed),
            (Unclear, Done, Move::Changed),
            (Done, Unassessed, Move::Changed),
        ] {
            assert_eq!(movement(before, after), expected, "{before} → {after}");
        }
    }

    #[test]
    fn rows_name_what_changed_and_the_summary_counts_the_rest() {
        let then = snapshot(Some((Status::InProgress, Some(30))), &["ITU"], &["UNDP"]);
        let mut now = snapshot(Some((Status::InProgress, Some(60))), &["ITU", "World Bank"], &[]);
        now.entries = BTreeSet::from([1, 2]);
        now.evidence = BTreeSet::from(["https://example.org/a".to_string()]);
        let mut old = then.clone();
        old.entries = BTreeSet::from([1]);
        let (rows, summary) = diff([&now], |_| Some(&old));
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!((row.percent_before, row.percent_after), (Percent::new(30), Percent::new(60)));
        assert_eq!((row.entries, row.evidence), (1, 1));
        assert_eq!(row.owners, "+World Bank(lead); -UNDP(support)");
        assert_eq!(row.movement, Move::Changed);
        assert_eq!(summary, DiffSummary { changed: 1, ..DiffSummary::default() });

        let (rows, summary) = diff([&then], |_| Some(&then));
        assert!(rows.is_empty());
        assert_eq!(summary, DiffSummary { unchanged: 1, ..DiffSummary::default() });

        let (rows, summary) = diff([&then], |_| None);
        assert_eq!(rows[0].movement, Move::Assessed);
        assert_eq!(rows[0].owners, "+ITU(lead); +UNDP(support)");
        assert_eq!(summary.assessed, 1);
    }

    #[test]
    fn a_role_change_is_one_addition_and_one_removal() {
        let then = snapshot(None, &["ITU"], &[]);
        let now = snapshot(None, &[], &["ITU"]);
        let (rows, _) = diff([&now], |_| Some(&then));
        assert_eq!(rows[0].owners, "+ITU(support); -ITU(lead)");
        assert_eq!(rows[0].movement, Move::Changed);
    }
}
