//! Commitments with their state as of a date: the SQL form of the status rule, with the
//! filters every listing and report shares. Rows stream to a callback, never collected here.

use chrono::NaiveDate;

use super::db::{Backend, Db, Params, Row, ToValue, named};
use super::{Store, known};
use crate::domain::{CommitmentState, LatestEntry, Percent, Role, Search, Status, Vantage};
use crate::error::{DbContext, Error, Result};

/// The entry that gives commitment `c` its status as of `:as_of` (PRODUCT.md's rule). Every
/// status query in ctrack embeds this one fragment.
pub(crate) const LATEST_ENTRY: &str = "SELECT x.id FROM entry x
     WHERE x.commitment_id = c.id AND x.retracted_at IS NULL AND x.as_of <= :as_of
     ORDER BY x.as_of DESC, x.id DESC LIMIT 1";

/// Filters applied in SQL (the search in Rust, `domain::Search`, the same on every
/// database); `None` means "any".
#[derive(Debug, Clone, Default)]
pub struct StateFilter {
    pub statement: Option<String>,
    pub topic: Option<u32>,
    /// An owner key (case-folded name), any role.
    pub owner: Option<String>,
    /// A `--search` (see `domain::Search`): whole words, any case, all of them.
    pub search: Option<String>,
}

/// Reads and formats owner lists: names joined with the ASCII unit separator in SQL.
const SEP: char = '\u{1f}';

// The role is spelled by `Role` itself, never by a user, and `held` is one of the fixed
// fragments of `known`: formatting them into SQL is safe.
fn owners_of(role: Role, held: &str) -> String {
    let role = role.as_str();
    format!(
        "(SELECT string_agg(o.name, '{SEP}' ORDER BY o.key)
            FROM assignment_period a JOIN owner o ON o.id = a.owner_id
            WHERE a.commitment_id = c.id AND a.role = '{role}' AND {held})"
    )
}

/// How much of each commitment's state a query reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything listings and exports show.
    Full,
    /// What summaries count, in no particular order: no evidence count, which costs a look at
    /// every evidence link and would make a report's cost grow with the number of entries; no
    /// ids, texts or notes either (read as empty), and owners only when `owners` is set (two
    /// lookups per commitment).
    Summary { owners: bool },
}

const EVIDENCE_COUNT: &str =
    "(SELECT count(DISTINCT ev.url) FROM evidence ev LEFT JOIN entry y ON y.id = ev.entry_id
                  WHERE ev.commitment_id = c.id AND y.retracted_at IS NULL AND ev.removed_at IS NULL
                    AND coalesce(y.as_of, substr(ev.added_at, 1, 10)) <= :as_of)";

/// The status query for `detail`, reading what is known now, or (`known`) what was known at
/// `:known_at`; with `search`, the commitment's current text follows as a last column, for
/// the search to read. With `lateral` (PostgreSQL) the latest entry is joined once per
/// commitment with `LEFT JOIN LATERAL`, which SQLite lacks: PostgreSQL plans SQLite's forms
/// badly: for `LEFT JOIN entry e ON e.id = (subquery)` it reads and hashes every entry to join
/// one per commitment (70 ms against 13 ms for 1,000 commitments and 100,000 entries, and
/// growing with the entries), and a subquery per column looks the entry up three times.
fn state_sql(detail: Detail, known: bool, search: bool, lateral: bool) -> String {
    let held = if known { known::PERIOD_HELD_KNOWN } else { known::PERIOD_HELD };
    let latest_entry = if known { known::LATEST_ENTRY_KNOWN } else { LATEST_ENTRY };
    let latest = |columns: &str| latest_entry.replacen("SELECT x.id ", &format!("SELECT {columns} "), 1);
    let joined = |columns: &str| format!("LEFT JOIN LATERAL ({}) e ON true", latest(columns));
    format!(
        "SELECT {id} AS id,
                s.key AS statement, t.no AS topic_no, t.title AS topic, {text} AS text, {due} AS due, c.due_inferred,
                {lead} AS lead, {support} AS support,
                {entry} AS entry, {evidence} AS evidence_count{search_text}
         FROM commitment c
         JOIN statement s ON s.id = c.statement_id
         JOIN topic t ON t.id = {topic_id}
         {join}
         WHERE {live}
           AND (CAST(:statement AS TEXT) IS NULL OR s.key = :statement)
           AND (CAST(:topic AS BIGINT) IS NULL OR t.no = :topic)
           AND (CAST(:owner AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM assignment_period a JOIN owner o ON o.id = a.owner_id
                                          WHERE a.commitment_id = c.id AND o.key = :owner AND {held}))
           AND (s.date IS NULL OR s.date <= :as_of)
         {order}",
        search_text = if search { ", c.text" } else { "" },
        lead = match detail {
            Detail::Full | Detail::Summary { owners: true } => owners_of(Role::Lead, held),
            Detail::Summary { owners: false } => "NULL".to_string(),
        },
        support = match detail {
            Detail::Full | Detail::Summary { owners: true } => owners_of(Role::Support, held),
            Detail::Summary { owners: false } => "NULL".to_string(),
        },
        id = match detail {
            Detail::Full => "s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause",
            Detail::Summary { .. } => "''",
        },
        text = match (detail, known) {
            (Detail::Full, false) => "c.text",
            (Detail::Full, true) => known::TEXT_KNOWN,
            (Detail::Summary { .. }, _) => "''",
        },
        due = if known { known::DUE_KNOWN } else { "c.due" },
        topic_id = if known { known::TOPIC_KNOWN } else { "c.topic_id" },
        live = if known { known::LIVE_KNOWN } else { "c.withdrawn_at IS NULL" },
        // Summaries add rows into keyed groups, so any order gives the same report; sorting
        // 100,000 commitments took a tenth of the time.
        order = match detail {
            Detail::Full => "ORDER BY s.key, t.no, c.ref_topic, c.ref_paragraph, c.ref_clause",
            Detail::Summary { .. } => "",
        },
        entry = match (detail, lateral) {
            (Detail::Full, _) => "e.id, e.status, e.percent, e.as_of, e.note".to_string(),
            (Detail::Summary { .. }, true) => "e.id, e.status, NULL, e.as_of, ''".to_string(),
            (Detail::Summary { .. }, false) =>
                format!("({}), ({}), NULL, ({}), ''", latest("x.id"), latest("x.status"), latest("x.as_of")),
        },
        join = match (detail, lateral) {
            (Detail::Full, true) => joined("x.id, x.status, x.percent, x.as_of, x.note"),
            (Detail::Full, false) => format!("LEFT JOIN entry e ON e.id = ({latest_entry})"),
            (Detail::Summary { .. }, true) => joined("x.id, x.status, x.as_of"),
            (Detail::Summary { .. }, false) => String::new(),
        },
        evidence = match detail {
            Detail::Full if known => known::EVIDENCE_COUNT_KNOWN,
            Detail::Full => EVIDENCE_COUNT,
            Detail::Summary { .. } => "NULL",
        },
    )
}

impl Store {
    /// Calls `each` with every commitment matching `filter`, in id order, as of `as_of`, read
    /// in `detail`, with everything known now.
    pub fn for_each_state(
        &self,
        filter: &StateFilter,
        as_of: NaiveDate,
        detail: Detail,
        each: impl FnMut(CommitmentState) -> Result<()>,
    ) -> Result<()> {
        self.for_each_state_from(filter, Vantage::now(as_of), detail, each)
    }

    /// Like `for_each_state`, seen from `vantage`: as of its date and, when it has one, with
    /// what was known at its moment (entries, retractions, owners, edits, evidence).
    pub fn for_each_state_from(
        &self,
        filter: &StateFilter,
        vantage: Vantage,
        detail: Detail,
        mut each: impl FnMut(CommitmentState) -> Result<()>,
    ) -> Result<()> {
        let known_at = vantage.known_at.map(|k| k.stored());
        let search = filter.search.as_deref().map(str::parse::<Search>).transpose()?;
        let lateral = self.db().backend() == Backend::Postgres;
        let sql = state_sql(detail, known_at.is_some(), search.is_some(), lateral);
        let as_of = vantage.as_of.to_string();
        let mut params: Vec<(&str, &dyn ToValue)> = vec![
            (":as_of", &as_of),
            (":statement", &filter.statement),
            (":topic", &filter.topic),
            (":owner", &filter.owner),
        ];
        if let Some(known_at) = &known_at {
            params.push((":known_at", known_at));
        }
        self.db()
            .for_each(&sql, Params::Named(&params), |row| match &search {
                Some(search) if !search.matches(row.text(SEARCH_TEXT)?.unwrap_or_default()) => Ok(()),
                _ => each(state_from_row(row)?),
            })
            .context("querying commitments")
    }
}

/// The column of the text a search reads, after the state's columns.
const SEARCH_TEXT: usize = 15;

// By position, in state_sql's column order: this runs once per commitment, and looking
// columns up by name took a tenth of a report on 100,000 commitments.
fn state_from_row(row: &Row) -> Result<CommitmentState> {
    let split = |names: Option<String>| -> Vec<String> {
        names.map_or_else(Vec::new, |n| n.split(SEP).map(str::to_string).collect())
    };
    Ok(CommitmentState {
        id: row.get(0)?,
        statement: row.get(1)?,
        topic_no: row.get(2)?,
        topic: row.get(3)?,
        text: row.get(4)?,
        due: row.get::<Option<String>>(5)?.map(|d| stored_date(&d)).transpose()?,
        due_inferred: row.get(6)?,
        lead: split(row.get(7)?),
        support: split(row.get(8)?),
        latest: latest_from_row(row, 9)?,
        evidence_count: row.get(14)?,
    })
}

/// The entry columns id, status, percent, as_of and note, from column `first` on (id NULL:
/// unassessed).
fn latest_from_row(row: &Row, first: usize) -> Result<Option<LatestEntry>> {
    let Some(id) = row.get::<Option<i64>>(first)? else {
        return Ok(None);
    };
    Ok(Some(LatestEntry {
        id,
        status: parse_stored(&row.get::<String>(first + 1)?)?,
        percent: row.get::<Option<i64>>(first + 2)?.and_then(Percent::new),
        as_of: stored_date(&row.get::<String>(first + 3)?)?,
        note: row.get(first + 4)?,
    }))
}

/// The entry that gives commitment `pk` its status as of `as_of`; `None` when unassessed.
/// Takes a connection so it can run inside a write transaction.
pub(crate) fn latest_entry(db: &dyn Db, pk: i64, as_of: NaiveDate) -> Result<Option<LatestEntry>> {
    let sql = format!(
        "SELECT e.id AS entry, e.status, e.percent, e.as_of, e.note
         FROM commitment c LEFT JOIN entry e ON e.id = ({LATEST_ENTRY})
         WHERE c.id = :pk"
    );
    let latest = db
        .query_row_opt(&sql, named![":pk" => pk, ":as_of" => as_of.to_string()], |row| {
            latest_from_row(row, 0)
        })
        .context("reading a status")?;
    Ok(latest.flatten())
}

/// A status read back from the database (the schema's CHECK keeps it valid).
pub(crate) fn parse_stored(text: &str) -> Result<Status> {
    text.parse()
}

/// A date read back from the database (the schema's CHECK keeps it well formed).
pub(crate) fn stored_date(text: &str) -> Result<NaiveDate> {
    crate::domain::parse_date(text).map_err(|_| Error::Corrupt(format!(
        "the database holds a malformed date \"{text}\"; was it edited by hand? run `sqlite3 DB 'PRAGMA integrity_check'`"
    )))
}

#[cfg(test)]
mod tests {
    use chrono::Days;
    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::*;
    use crate::domain::{
        EntryFacts, EntryKnowledge, KnownAt, NewCommitment, NewEntry, SourceKind, StatementMeta,
        current_entry, entry_seen_from, plan_import,
    };

    const NOW: &str = "2024-01-01T00:00:00Z";

    /// An in-memory store holding statement `k` with one commitment, `k:1.1.1`; returns its row id.
    fn store_with_one_commitment() -> (Store, i64) {
        let mut store = Store::open_in_memory().unwrap();
        let meta = StatementMeta {
            key: "k".into(),
            title: "K".into(),
            date: None,
            source_file: None,
            sha256: None,
            kind: SourceKind::Curated,
            topics: vec![(1, "Topic".into())],
            paragraphs: vec![],
        };
        let new = NewCommitment {
            code: "1.1.1".parse().unwrap(),
            topic_no: 1,
            text: "improve digital access".into(),
            paragraph: None,
            due: None,
            due_inferred: false,
            lead: vec![],
            support: vec![],
        };
        store.reconcile(&meta, NOW, false, |stored| plan_import(stored, vec![new])).unwrap();
        let pk = store.resolve(&"k:1.1.1".parse().unwrap()).unwrap().pk;
        (store, pk)
    }

    fn day(n: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Days::new(n)
    }

    proptest! {
        /// The status rule has two forms, LATEST_ENTRY in SQL and `current_entry` in Rust: on
        /// random entry sets (few dates, so same-day ties are common; some retracted) they name
        /// the same entry for every date asked, before, between and after the entries.
        #[test]
        fn sql_and_pure_status_rules_agree(
            entries in vec((0u64..8, 0usize..7, any::<bool>()), 0..14),
            probes in vec(0u64..10, 1..8),
        ) {
            let (mut store, pk) = store_with_one_commitment();
            let today = day(365);
            let mut facts = Vec::new();
            for (n, (offset, status, retracted)) in entries.into_iter().enumerate() {
                let entry = NewEntry {
                    commitment: pk,
                    as_of: day(offset),
                    status: Status::ALL[status],
                    percent: None,
                    // Distinct notes: `log` refuses the same entry twice, and ties are the point.
                    note: n.to_string(),
                    author: String::new(),
                    evidence: vec![],
                };
                let id = store.log(&entry, today, NOW).unwrap().entry;
                if retracted {
                    store.retract(id, "test", today, NOW).unwrap();
                }
                facts.push(EntryFacts { id, as_of: entry.as_of, status: entry.status, retracted });
            }
            for probe in probes.into_iter().map(day) {
                let pure = current_entry(&facts, probe).map(|e| (e.id, e.status));
                let sql = latest_entry(store.db(), pk, probe).unwrap().map(|e| (e.id, e.status));
                prop_assert_eq!(sql, pure, "as of {}", probe);
                for detail in [Detail::Full, Detail::Summary { owners: false }] {
                    let mut listed = None;
                    store.for_each_state(&StateFilter::default(), probe, detail, |state| {
                        listed = state.latest.map(|e| (e.id, e.status, e.as_of));
                        Ok(())
                    }).unwrap();
                    let pure = current_entry(&facts, probe).map(|e| (e.id, e.status, e.as_of));
                    prop_assert_eq!(listed, pure, "{:?} as of {}", detail, probe);
                }
            }
        }

        /// The known-at form of the rule: on random entries recorded and retracted at random
        /// hours, the SQL names the entry `entry_seen_from` names, for every date and moment.
        #[test]
        fn sql_and_pure_known_at_rules_agree(
            entries in vec((0u64..6, 0u32..6, proptest::option::of(0u32..6)), 0..10),
            probes in vec((0u64..8, 0u32..7), 1..8),
        ) {
            let (mut store, pk) = store_with_one_commitment();
            let today = day(365);
            let hour = |h: u32| format!("2024-06-01T{:02}:00:00Z", h + 1);
            let mut known = Vec::new();
            for (n, (offset, recorded, retracted)) in entries.into_iter().enumerate() {
                let entry = NewEntry {
                    commitment: pk,
                    as_of: day(offset),
                    status: Status::InProgress,
                    percent: None,
                    // Distinct notes: `log` refuses the same entry twice.
                    note: n.to_string(),
                    author: String::new(),
                    evidence: vec![],
                };
                let id = store.log(&entry, today, &hour(recorded)).unwrap().entry;
                // A retraction comes after its entry was recorded.
                let retracted = retracted.map(|r| r.max(recorded));
                if let Some(r) = retracted {
                    store.retract(id, "test", today, &hour(r)).unwrap();
                }
                let at = |h: u32| hour(h).parse::<KnownAt>().unwrap();
                known.push(EntryKnowledge { id, as_of: entry.as_of, recorded_at: at(recorded), retracted_at: retracted.map(at) });
            }
            for (offset, moment) in probes {
                let vantage = Vantage { as_of: day(offset), known_at: Some(hour(moment).parse().unwrap()) };
                for detail in [Detail::Full, Detail::Summary { owners: false }] {
                    let mut listed = None;
                    store.for_each_state_from(&StateFilter::default(), vantage, detail, |state| {
                        listed = state.latest.map(|e| e.id);
                        Ok(())
                    }).unwrap();
                    prop_assert_eq!(listed, entry_seen_from(&known, vantage), "{:?} from {:?}", detail, vantage);
                }
            }
        }
    }
}
