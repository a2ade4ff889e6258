//! The history exports read: every progress entry and every evidence link, streamed from the
//! SQLite cursor to a callback one row at a time, so a million entries export in constant
//! memory. The commitments to export are chosen first, with the filters `for_each_state`
//! applies, and the entry scan then needs no join: building `KEY:T.P.C` in SQL for every
//! entry cost more than the rest of the export together.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Row, named_params};

use super::status::{parse_stored, stored_date};
use super::{EvidenceRow, Store};
use crate::domain::Status;
use crate::error::{DbContext, Result};
use crate::store::StateFilter;

/// Full commitment ids (`KEY:T.P.C`) by commitment row id: the commitments an export covers.
pub type CommitmentIds = HashMap<i64, String>;

/// One progress entry as recorded, retracted or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRecord {
    pub entry: i64,
    /// Full commitment id, `KEY:T.P.C`.
    pub commitment: String,
    pub as_of: NaiveDate,
    pub status: Status,
    pub percent: Option<u8>,
    pub note: String,
    pub author: String,
    /// The URLs logged with the entry, in the order they were added.
    pub evidence: Vec<String>,
    /// RFC 3339 UTC.
    pub recorded_at: String,
    pub retracted: bool,
}

const COMMITMENT_SQL: &str =
    "SELECT c.id, s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause
     FROM commitment c
     JOIN statement s ON s.id = c.statement_id
     JOIN topic t ON t.id = c.topic_id
     WHERE (:statement IS NULL OR s.key = :statement)
       AND (:topic IS NULL OR t.no = :topic)
       AND (:owner IS NULL OR EXISTS (SELECT 1 FROM assignment a JOIN owner o ON o.id = a.owner_id
                                      WHERE a.commitment_id = c.id AND o.key = :owner))
       AND (:search IS NULL OR instr(lower(c.text), lower(:search)) > 0)";

const ENTRY_SQL: &str =
    "SELECT e.commitment_id, e.id, e.as_of, e.status, e.percent, e.note, e.author, e.recorded_at,
        e.retracted_at IS NOT NULL AS retracted,
        (SELECT group_concat(url, ' ') FROM (
            SELECT ev.url FROM evidence ev WHERE ev.entry_id = e.id ORDER BY ev.id)) AS evidence
     FROM entry e ORDER BY e.id";

const EVIDENCE_SQL: &str = "SELECT ev.commitment_id, ev.entry_id, ev.url, ev.title, ev.stance, ev.added_at,
        e.retracted_at IS NOT NULL AS retracted
     FROM evidence ev
     JOIN commitment c ON c.id = ev.commitment_id
     JOIN statement s ON s.id = c.statement_id
     LEFT JOIN entry e ON e.id = ev.entry_id
     ORDER BY s.key, c.ref_topic, c.ref_paragraph, c.ref_clause, ev.id";

impl Store {
    /// The commitments matching `filter`, withdrawn ones included (their history is still
    /// history).
    pub fn commitment_ids(&self, filter: &StateFilter) -> Result<CommitmentIds> {
        let mut stmt = self.conn().prepare_cached(COMMITMENT_SQL).context("preparing the commitment ids")?;
        let ids = stmt
            .query_map(
                named_params! {
                    ":statement": filter.statement,
                    ":topic": filter.topic,
                    ":owner": filter.owner,
                    ":search": filter.search,
                },
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .context("querying commitment ids")?
            .collect::<rusqlite::Result<_>>()
            .context("reading commitment ids")?;
        Ok(ids)
    }

    /// Calls `each` with every entry of `commitments`, retracted ones included, in entry id
    /// order.
    pub fn for_each_entry(
        &self,
        commitments: &CommitmentIds,
        mut each: impl FnMut(EntryRecord) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(ENTRY_SQL).context("preparing the progress export")?;
        let mut rows = stmt.query([]).context("querying entries")?;
        while let Some(row) = rows.next().context("reading entries")? {
            if let Some(id) = commitments.get(&row.get(0)?) {
                each(entry_from_row(row, id)?)?;
            }
        }
        Ok(())
    }

    /// Calls `each` with every evidence link of `commitments`, those of retracted entries
    /// included: by commitment id, then in the order added (as `evidence list`).
    pub fn for_each_evidence(
        &self,
        commitments: &CommitmentIds,
        mut each: impl FnMut(EvidenceRow) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(EVIDENCE_SQL).context("preparing the evidence export")?;
        let mut rows = stmt.query([]).context("querying evidence")?;
        while let Some(row) = rows.next().context("reading evidence")? {
            if let Some(id) = commitments.get(&row.get("commitment_id")?) {
                each(evidence_from_row(row, id)?)?;
            }
        }
        Ok(())
    }
}

// By position, in ENTRY_SQL's order: this runs once per entry, and looking columns up by
// name took a fifth of a million-entry export.
fn entry_from_row(row: &Row, commitment: &str) -> Result<EntryRecord> {
    let evidence: Option<String> = row.get(9)?;
    Ok(EntryRecord {
        entry: row.get(1)?,
        commitment: commitment.to_string(),
        as_of: stored_date(&row.get::<_, String>(2)?)?,
        status: parse_stored(&row.get::<_, String>(3)?)?,
        percent: row.get(4)?,
        note: row.get(5)?,
        author: row.get(6)?,
        evidence: evidence.map_or_else(Vec::new, |urls| urls.split(' ').map(str::to_string).collect()),
        recorded_at: row.get(7)?,
        retracted: row.get(8)?,
    })
}

fn evidence_from_row(row: &Row, commitment: &str) -> Result<EvidenceRow> {
    let stance: Option<String> = row.get("stance")?;
    Ok(EvidenceRow {
        commitment: commitment.to_string(),
        entry: row.get("entry_id")?,
        url: row.get("url")?,
        title: row.get("title")?,
        stance: stance.map(|s| s.parse()).transpose()?,
        added_at: row.get("added_at")?,
        retracted: row.get("retracted")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NewEntry, OwnerName, Role};
    use crate::store::{entries, owners};

    /// Two commitments of statement `k` in topics 1 and 2, with `ITU` leading the first.
    fn store() -> Store {
        let store = Store::open_in_memory().unwrap();
        store
            .conn()
            .execute_batch(
                "INSERT INTO statement (id, key, title, granularity, imported_at, updated_at)
                     VALUES (1, 'k', 'K', 'curated', 't', 't');
                 INSERT INTO topic (id, statement_id, no, title) VALUES (1, 1, 1, 'One'), (2, 1, 2, 'Two');
                 INSERT INTO commitment (id, statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, origin, created_at)
                     VALUES (1, 1, 1, 1, 1, 1, 'improve access', 'curated', 't'),
                            (2, 1, 2, 1, 1, 2, 'share data', 'curated', 't');",
            )
            .unwrap();
        let itu: OwnerName = "ITU".parse().unwrap();
        owners::assign(store.conn(), 1, &itu, Role::Lead, "t").unwrap();
        store
    }

    fn log(store: &Store, commitment: i64, as_of: &str, status: Status, urls: &[&str]) -> i64 {
        let entry = NewEntry {
            commitment,
            as_of: as_of.parse().unwrap(),
            status,
            percent: None,
            note: format!("note {as_of}"),
            author: "ann".into(),
            evidence: urls.iter().map(|u| u.parse().unwrap()).collect(),
        };
        entries::insert_entry(store.conn(), &entry, "2024-06-30T12:00:00Z").unwrap()
    }

    fn entries_of(store: &Store, filter: &StateFilter) -> Vec<EntryRecord> {
        let mut all = Vec::new();
        store
            .for_each_entry(&store.commitment_ids(filter).unwrap(), |e| {
                all.push(e);
                Ok(())
            })
            .unwrap();
        all
    }

    #[test]
    fn entries_stream_in_id_order_with_retracted_ones_and_their_urls() {
        let store = store();
        let first = log(&store, 2, "2024-03-01", Status::InProgress, &["https://a.org/1", "https://a.org/2"]);
        let second = log(&store, 1, "2024-01-01", Status::Done, &[]);
        store
            .conn()
            .execute("UPDATE entry SET retracted_at = 't', retract_reason = 'typo' WHERE id = ?1", [second])
            .unwrap();
        let all = entries_of(&store, &StateFilter::default());
        assert_eq!(all.iter().map(|e| e.entry).collect::<Vec<_>>(), [first, second]);
        assert_eq!(all[0].commitment, "k:2.1.1");
        assert_eq!(all[0].evidence, ["https://a.org/1", "https://a.org/2"]);
        assert!(!all[0].retracted);
        assert_eq!((all[1].retracted, all[1].percent, all[1].evidence.len()), (true, Some(100), 0));
    }

    #[test]
    fn entries_and_evidence_follow_the_commitment_filters() {
        let store = store();
        log(&store, 1, "2024-03-01", Status::InProgress, &["https://a.org/1"]);
        log(&store, 2, "2024-03-01", Status::Stalled, &["https://b.org/1"]);
        let by_topic = StateFilter { topic: Some(2), ..StateFilter::default() };
        let by_owner = StateFilter { owner: Some("itu".into()), ..StateFilter::default() };
        let by_text = StateFilter { search: Some("SHARE".into()), ..StateFilter::default() };
        let ids =
            |f: &StateFilter| entries_of(&store, f).into_iter().map(|e| e.commitment).collect::<Vec<_>>();
        assert_eq!(ids(&by_topic), ["k:2.1.1"]);
        assert_eq!(ids(&by_owner), ["k:1.1.1"]);
        assert_eq!(ids(&by_text), ["k:2.1.1"]);
        let mut urls = Vec::new();
        store
            .for_each_evidence(&store.commitment_ids(&by_owner).unwrap(), |ev| {
                urls.push((ev.commitment, ev.entry.is_some(), ev.url));
                Ok(())
            })
            .unwrap();
        assert_eq!(urls, [("k:1.1.1".to_string(), true, "https://a.org/1".to_string())]);
    }
}
