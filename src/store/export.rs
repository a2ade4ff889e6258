//! The history exports read: every progress entry and every evidence link, streamed from the
//! database cursor to a callback one row at a time, so a million entries export in constant
//! memory. The commitments to export are chosen first, with the filters `for_each_state`
//! applies, and the entry scan then needs no join: building `KEY:T.P.C` in SQL for every
//! entry cost more than the rest of the export together.

use super::Store;
use super::db::{Db, NO_PARAMS, Row, named, params};
use super::status::parse_stored;
use crate::domain::{CommitmentIds, EntryRecord, EvidenceRow, Search};
use crate::error::{DbContext, Error, Result};
use crate::store::StateFilter;

// The search is applied in Rust (`domain::Search`, as for every listing), on the text read
// last.
const COMMITMENT_SQL: &str = r"SELECT c.id, s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause,
            c.text
     FROM commitment c
     JOIN statement s ON s.id = c.statement_id
     JOIN topic t ON t.id = c.topic_id
     WHERE (CAST(:statement AS TEXT) IS NULL OR s.key = :statement)
       AND (CAST(:topic AS BIGINT) IS NULL OR t.no = :topic)
       AND (CAST(:owner AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM assignment a JOIN owner o ON o.id = a.owner_id
                                                     WHERE a.commitment_id = c.id AND o.key = :owner))";

const ENTRY_SQL: &str =
    "SELECT e.commitment_id, e.id, e.as_of, e.status, e.percent, e.note, e.author, e.recorded_at,
        CASE WHEN e.retracted_at IS NOT NULL THEN 1 ELSE 0 END AS retracted
     FROM entry e ORDER BY e.id";

/// The evidence logged with a range of entries, in entry order: read for `LINK_CHUNK` entry ids
/// at a time and merged with ENTRY_SQL's rows as they advance, instead of a lookup per entry
/// (measured: a third of the export's time).
const ENTRY_LINKS_SQL: &str = "SELECT entry_id, url FROM evidence
     WHERE entry_id >= ?1 AND entry_id < ?2 AND removed_at IS NULL
     ORDER BY entry_id, id";

/// How many entry ids one read of ENTRY_LINKS_SQL covers.
const LINK_CHUNK: i64 = 1024;

const EVIDENCE_SQL: &str =
    "SELECT ev.id, ev.commitment_id, ev.entry_id, ev.url, ev.title, ev.stance, ev.added_at,
        CASE WHEN e.retracted_at IS NOT NULL THEN 1 ELSE 0 END AS retracted
     FROM evidence ev
     JOIN commitment c ON c.id = ev.commitment_id
     JOIN statement s ON s.id = c.statement_id
     LEFT JOIN entry e ON e.id = ev.entry_id
     WHERE ev.removed_at IS NULL
     ORDER BY s.key, c.ref_topic, c.ref_paragraph, c.ref_clause, ev.id";

impl Store {
    /// The commitments matching `filter`, withdrawn ones included (their history is still
    /// history).
    pub fn commitment_ids(&self, filter: &StateFilter) -> Result<CommitmentIds> {
        let search = filter.search.as_deref().map(str::parse::<Search>).transpose()?;
        let mut ids = Vec::new();
        self.db()
            .for_each(
                COMMITMENT_SQL,
                named! {
                    ":statement" => filter.statement,
                    ":topic" => filter.topic,
                    ":owner" => filter.owner,
                },
                |row| {
                    let text = row.text(2)?.unwrap_or_default();
                    if search.as_ref().is_none_or(|s| s.matches(text)) {
                        ids.push((row.get(0)?, row.get(1)?));
                    }
                    Ok(())
                },
            )
            .context("querying commitment ids")?;
        Ok(ids.into_iter().collect())
    }

    /// Calls `each` with every entry of `commitments`, retracted ones included, in entry id
    /// order.
    pub fn for_each_entry(
        &self,
        commitments: &CommitmentIds,
        mut each: impl FnMut(EntryRecord<'_>) -> Result<()>,
    ) -> Result<()> {
        let mut links = Links::new(self.db());
        self.db()
            .for_each(ENTRY_SQL, NO_PARAMS, |row| {
                if let Some(commitment) = commitments.get(&row.get(0)?) {
                    let urls = links.of(row.get(1)?)?;
                    each(entry_from_row(row, commitment, urls)?)?;
                }
                Ok(())
            })
            .context("reading entries")
    }

    /// Calls `each` with every evidence link of `commitments`, those of retracted entries
    /// included: by commitment id, then in the order added (as `evidence list`).
    pub fn for_each_evidence(
        &self,
        commitments: &CommitmentIds,
        mut each: impl FnMut(EvidenceRow) -> Result<()>,
    ) -> Result<()> {
        self.db()
            .for_each(EVIDENCE_SQL, NO_PARAMS, |row| {
                if let Some(id) = commitments.get(&row.get(1)?) {
                    each(evidence_from_row(row, id)?)?;
                }
                Ok(())
            })
            .context("reading evidence")
    }
}

/// The evidence URLs of each entry, read a range of entry ids at a time, in entry order as the
/// entries are.
struct Links<'d> {
    db: &'d dyn Db,
    /// The links of the entries from `start` to `end` (excluded): entry id and URL, in order.
    rows: Vec<(i64, String)>,
    /// The first link of `rows` not yet passed.
    next: usize,
    start: i64,
    end: i64,
    urls: String,
}

impl<'d> Links<'d> {
    fn new(db: &'d dyn Db) -> Self {
        Links { db, rows: Vec::new(), next: 0, start: 0, end: 0, urls: String::new() }
    }

    /// The URLs of entry `id`, separated by one space; entries must be asked in id order.
    fn of(&mut self, id: i64) -> Result<&str> {
        self.urls.clear();
        if id < self.start || id >= self.end {
            self.start = id;
            self.end = id.saturating_add(LINK_CHUNK);
            self.rows = self
                .db
                .query_map(ENTRY_LINKS_SQL, params![self.start, self.end], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .context("reading evidence links")?;
            self.next = 0;
        }
        while let Some((entry, url)) = self.rows.get(self.next) {
            if *entry > id {
                break;
            }
            if *entry == id {
                if !self.urls.is_empty() {
                    self.urls.push(' ');
                }
                self.urls.push_str(url);
            }
            self.next += 1;
        }
        Ok(&self.urls)
    }
}

// By position, in ENTRY_SQL's order: this runs once per entry.
fn entry_from_row<'r>(row: &'r Row, commitment: &'r str, evidence: &'r str) -> Result<EntryRecord<'r>> {
    Ok(EntryRecord {
        entry: row.get(1)?,
        commitment,
        as_of: text(row, 2)?,
        status: parse_stored(text(row, 3)?)?,
        percent: row.get(4)?,
        note: text(row, 5)?,
        author: text(row, 6)?,
        evidence,
        recorded_at: text(row, 7)?,
        retracted: row.get(8)?,
    })
}

/// A text column that is never NULL, borrowed from the row.
fn text(row: &Row, column: usize) -> Result<&str> {
    row.text(column)?.ok_or_else(|| Error::Db {
        context: "reading a row",
        source: format!("column {column} is NULL, expected text").into(),
    })
}

// By position, in EVIDENCE_SQL's order.
fn evidence_from_row(row: &Row, commitment: &str) -> Result<EvidenceRow> {
    let stance: Option<String> = row.get(5)?;
    Ok(EvidenceRow {
        id: row.get(0)?,
        commitment: commitment.to_string(),
        entry: row.get(2)?,
        url: row.get(3)?,
        title: row.get(4)?,
        stance: stance.map(|s| s.parse()).transpose()?,
        added_at: row.get(6)?,
        retracted: row.get(7)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NewEntry, OwnerName, Role, Status};
    use crate::store::{entries, owners};

    /// Two commitments of statement `k` in topics 1 and 2, with `ITU` leading the first.
    fn store() -> Store {
        let store = Store::open_in_memory().unwrap();
        store
            .db()
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
        let from = "2024-01-01".parse().unwrap();
        owners::assign(store.db(), 1, "k:1.1.1", &itu, Role::Lead, from, "2024-01-01T00:00:00Z").unwrap();
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
        entries::insert_entry(store.db(), &entry, "2024-06-30T12:00:00Z").unwrap()
    }

    /// An entry's facts, owned: (entry, commitment, percent, evidence URLs, retracted).
    type Owned = (i64, String, Option<u8>, Vec<String>, bool);

    fn entries_of(store: &Store, filter: &StateFilter) -> Vec<Owned> {
        let mut all = Vec::new();
        store
            .for_each_entry(&store.commitment_ids(filter).unwrap(), |e| {
                let urls = e.evidence.split_whitespace().map(str::to_string).collect();
                all.push((e.entry, e.commitment.to_string(), e.percent, urls, e.retracted));
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
            .db()
            .execute(
                "UPDATE entry SET retracted_at = 't', retract_reason = 'typo' WHERE id = ?1",
                params![second],
            )
            .unwrap();
        let all = entries_of(&store, &StateFilter::default());
        assert_eq!(all.iter().map(|e| e.0).collect::<Vec<_>>(), [first, second]);
        assert_eq!(all[0].1, "k:2.1.1");
        assert_eq!(all[0].3, ["https://a.org/1", "https://a.org/2"]);
        assert!(!all[0].4);
        assert_eq!((all[1].4, all[1].2, all[1].3.len()), (true, Some(100), 0));
    }

    #[test]
    fn entries_and_evidence_follow_the_commitment_filters() {
        let store = store();
        log(&store, 1, "2024-03-01", Status::InProgress, &["https://a.org/1"]);
        log(&store, 2, "2024-03-01", Status::Stalled, &["https://b.org/1"]);
        let by_topic = StateFilter { topic: Some(2), ..StateFilter::default() };
        let by_owner = StateFilter { owner: Some("itu".into()), ..StateFilter::default() };
        let by_text = StateFilter { search: Some("SHARE".into()), ..StateFilter::default() };
        let ids = |f: &StateFilter| entries_of(&store, f).into_iter().map(|e| e.1).collect::<Vec<_>>();
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
