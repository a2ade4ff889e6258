//! The owners × topics matrix of the HTML report (the G7 Research Group's member-by-commitment
//! table): for each owner in a role (`ITU (lead)`, `World Bank (support)`, as `report --by
//! owner` has them) and topic, the commitments it holds there in that role, counted as a report
//! counts a group. Pure: the date and the staleness window come in as parameters.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{CommitmentState, GroupBy, GroupKey, Summary, Tally};

/// Commitments counted per owner and role (rows), per topic (columns) and per cell.
#[derive(Debug, Clone)]
pub struct Matrix {
    owners: Summary,
    topics: Summary,
    cells: BTreeMap<(GroupKey, GroupKey), Tally>,
}

impl Matrix {
    /// An empty matrix.
    pub fn new(as_of: NaiveDate, stale_days: u32) -> Matrix {
        Matrix {
            owners: Summary::new(GroupBy::Owner, as_of, stale_days),
            topics: Summary::new(GroupBy::Topic, as_of, stale_days),
            cells: BTreeMap::new(),
        }
    }

    /// Counts `state` in its topic's column, in each of its owners' rows (or "(no owner)") and in
    /// each of those cells.
    pub fn add(&mut self, state: &CommitmentState) {
        self.owners.add(state);
        self.topics.add(state);
        let (as_of, stale_days) = (self.topics.as_of(), self.topics.stale_days());
        for topic in GroupKey::of(state, GroupBy::Topic) {
            for owner in GroupKey::of(state, GroupBy::Owner) {
                self.cells.entry((owner, topic.clone())).or_default().add(state, as_of, stale_days);
            }
        }
    }

    /// The rows: one per owner and role, by name, "(no owner)" last.
    pub fn owners(&self) -> &Summary {
        &self.owners
    }

    /// The columns: one per topic, in order; also the report by topic.
    pub fn topics(&self) -> &Summary {
        &self.topics
    }

    /// The cell of `owner` and `topic`; `None` when the owner holds nothing there in that role.
    pub fn cell(&self, owner: &GroupKey, topic: &GroupKey) -> Option<&Tally> {
        self.cells.get(&(owner.clone(), topic.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{LatestEntry, Status};

    fn state(id: &str, lead: &[&str], status: Status) -> CommitmentState {
        CommitmentState {
            id: format!("k:{id}"),
            statement: "k".into(),
            topic_no: id[..1].parse().unwrap(),
            topic: format!("Topic {}", &id[..1]),
            text: "x".into(),
            lead: lead.iter().map(|s| s.to_string()).collect(),
            support: vec![],
            due: None,
            due_inferred: false,
            latest: Some(LatestEntry {
                id: 1,
                status,
                percent: None,
                as_of: "2024-06-01".parse().unwrap(),
                note: String::new(),
            }),
            evidence_count: None,
        }
    }

    #[test]
    fn cells_count_what_each_owner_leads_in_each_topic() {
        let mut m = Matrix::new("2024-06-30".parse().unwrap(), 180);
        m.add(&state("1.1.1", &["ITU", "UNDP"], Status::Done));
        m.add(&state("1.1.2", &["ITU"], Status::NotStarted));
        m.add(&state("2.1.1", &["ITU"], Status::Done));
        m.add(&state("2.1.2", &[], Status::Done));
        let owners: Vec<GroupKey> = m.owners().groups().map(|(k, _)| k.clone()).collect();
        let topics: Vec<GroupKey> = m.topics().groups().map(|(k, _)| k.clone()).collect();
        let labels: Vec<String> = owners.iter().map(|o| o.label(false)).collect();
        assert_eq!(labels, ["ITU (lead)", "UNDP (lead)", "(no owner)"]);
        let itu_1 = m.cell(&owners[0], &topics[0]).unwrap();
        assert_eq!((itu_1.commitments(), itu_1.compliance_pct().unwrap().to_string()), (2, "50.0".into()));
        assert_eq!(m.cell(&owners[1], &topics[1]), None, "UNDP leads nothing in topic 2");
        assert_eq!(m.cell(&owners[2], &topics[1]).unwrap().commitments(), 1);
        assert_eq!(m.topics().total().commitments(), 4, "each commitment once in the total");
    }
}
