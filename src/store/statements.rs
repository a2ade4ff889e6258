//! Statements and their topics; applying an import plan in one transaction.

use super::db::{Db, Row, named, params};
use super::{Store, owners};
use crate::domain::{
    ChangeSource, Code, Field, ImportPlan, NewCommitment, Origin, StatementMeta, StatementRow,
    StoredCommitment,
};
use crate::error::{DbContext, Error, Result};

const STATEMENT_SQL: &str = "SELECT s.key, s.title, s.date, s.source_file, s.sha256, s.granularity,
        s.imported_at, s.updated_at,
        (SELECT count(*) FROM topic t WHERE t.statement_id = s.id) AS topics,
        (SELECT count(*) FROM commitment c WHERE c.statement_id = s.id AND c.withdrawn_at IS NULL) AS commitments,
        (SELECT count(*) FROM commitment c WHERE c.statement_id = s.id AND c.withdrawn_at IS NOT NULL) AS withdrawn
     FROM statement s WHERE (CAST(:key AS TEXT) IS NULL OR s.key = :key) ORDER BY s.key";

impl StatementRow {
    fn from_row(row: &Row) -> Result<StatementRow> {
        Ok(StatementRow {
            key: row.get(0)?,
            title: row.get(1)?,
            date: row.get(2)?,
            source_file: row.get(3)?,
            sha256: row.get(4)?,
            granularity: row.get(5)?,
            topics: row.get(8)?,
            commitments: row.get(9)?,
            withdrawn: row.get(10)?,
            imported_at: row.get(6)?,
            updated_at: row.get(7)?,
        })
    }
}

impl Store {
    /// Every statement, by key.
    pub fn statements(&self) -> Result<Vec<StatementRow>> {
        self.db()
            .query_map(STATEMENT_SQL, named![":key" => None::<String>], StatementRow::from_row)
            .context("listing statements")
    }

    /// The statement with this key, if any.
    pub fn statement(&self, key: &str) -> Result<Option<StatementRow>> {
        self.db()
            .query_row_opt(STATEMENT_SQL, named![":key" => key], StatementRow::from_row)
            .context("reading a statement")
    }

    /// The statement with this key, or an error listing the keys there are.
    pub fn require_statement(&self, key: &str) -> Result<StatementRow> {
        match self.statement(key)? {
            Some(row) => Ok(row),
            None => Err(Error::UnknownStatement {
                key: key.to_string(),
                known: self.statements()?.into_iter().map(|s| s.key).collect(),
            }),
        }
    }

    /// Reconciles statement `meta.key` with a fresh reading of it: `plan` gets every
    /// commitment stored under the key (withdrawn ones included) and decides what to keep,
    /// change, add and withdraw; the statement, its topics and that plan are then recorded.
    /// Reading and writing share one write transaction, so two imports of one statement at
    /// once queue, the second planning from what the first recorded. A dry run only reads.
    pub fn reconcile(
        &mut self,
        meta: &StatementMeta,
        now: &str,
        dry_run: bool,
        plan: impl FnOnce(&[StoredCommitment]) -> ImportPlan,
    ) -> Result<ImportPlan> {
        if dry_run {
            return Ok(plan(&stored_commitments(self.db(), &meta.key)?));
        }
        let tx = self.write()?;
        let plan = plan(&stored_commitments(&tx, &meta.key)?);
        apply(&tx, meta, &plan, now)?;
        tx.commit().context("committing the import")?;
        Ok(plan)
    }
}

/// Every commitment stored under `key`, withdrawn ones included, with what was done to it by
/// hand: withdrawn, added, or its text edited (the statement's text then is the old value of
/// its first hand edit of the text).
fn stored_commitments(db: &dyn Db, key: &str) -> Result<Vec<StoredCommitment>> {
    db.query_map(
        "SELECT c.id, c.ref_topic, c.ref_paragraph, c.ref_clause, c.text,
                CASE WHEN c.withdrawn_at IS NOT NULL THEN 1 ELSE 0 END,
                CASE WHEN c.withdrawn_by = 'hand' THEN 1 ELSE 0 END,
                CASE WHEN c.origin = 'added' THEN 1 ELSE 0 END,
                (SELECT h.old_value FROM commitment_change h
                  WHERE h.commitment_id = c.id AND h.field = 'text' AND h.source = 'edit'
                  ORDER BY h.id LIMIT 1)
         FROM commitment c JOIN statement s ON s.id = c.statement_id
         WHERE s.key = ?1 ORDER BY c.ref_topic, c.ref_paragraph, c.ref_clause",
        params![key],
        |row| {
            Ok(StoredCommitment {
                pk: row.get(0)?,
                code: Code { topic: row.get(1)?, paragraph: row.get(2)?, clause: row.get(3)? },
                text: row.get(4)?,
                withdrawn: row.get(5)?,
                withdrawn_by_hand: row.get(6)?,
                added: row.get(7)?,
                statement_text: row.get(8)?,
            })
        },
    )
    .context("listing commitments")
}

/// Records a statement's metadata and topics and applies `plan`.
fn apply(tx: &dyn Db, meta: &StatementMeta, plan: &ImportPlan, now: &str) -> Result<()> {
    let statement = upsert_statement(tx, meta, now)?;
    for (no, title) in &meta.topics {
        upsert_topic(tx, statement, *no, title)?;
    }
    replace_paragraphs(tx, statement, &meta.paragraphs)?;
    let origin = meta.kind.origin();
    for kept in &plan.keep {
        update_commitment(tx, statement, kept.pk, &kept.new, now, kept.restored)?;
    }
    for changed in &plan.change {
        record_change(
            tx,
            changed.pk,
            Field::Text,
            Some(&changed.old_text),
            Some(&changed.new.text),
            ChangeSource::Reimport,
            now,
        )?;
        update_commitment(tx, statement, changed.pk, &changed.new, now, false)?;
    }
    for new in &plan.add {
        insert_commitment(tx, statement, new, origin, now)?;
    }
    for gone in &plan.withdraw {
        tx.execute(
            "UPDATE commitment SET withdrawn_at = ?2, withdrawn_by = 'import' WHERE id = ?1",
            params![gone.pk, now],
        )
        .context("withdrawing a commitment")?;
        record_change(tx, gone.pk, Field::Withdrawn, None, Some(now), ChangeSource::Reimport, now)?;
    }
    Ok(())
}

/// The statement's paragraphs become those of the text just read; a curated list (no
/// paragraphs) leaves them as they were.
fn replace_paragraphs(tx: &dyn Db, statement: i64, paragraphs: &[(u32, u32, String)]) -> Result<()> {
    if paragraphs.is_empty() {
        return Ok(());
    }
    tx.execute("DELETE FROM paragraph WHERE statement_id = ?1", params![statement])
        .context("replacing the paragraphs")?;
    for (topic, no, text) in paragraphs {
        tx.execute(
            "INSERT INTO paragraph (statement_id, topic_no, no, text) VALUES (?1, ?2, ?3, ?4)",
            params![statement, topic, no, text],
        )
        .context("recording a paragraph")?;
    }
    Ok(())
}

fn upsert_statement(db: &dyn Db, meta: &StatementMeta, now: &str) -> Result<i64> {
    db.execute(
        "INSERT INTO statement (key, title, date, source_file, sha256, granularity, imported_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
         ON CONFLICT (key) DO UPDATE SET title = excluded.title, date = excluded.date,
             source_file = excluded.source_file, sha256 = excluded.sha256,
             granularity = excluded.granularity, updated_at = excluded.updated_at",
        params![
            meta.key,
            meta.title,
            meta.date.map(|d| d.to_string()),
            meta.source_file,
            meta.sha256,
            meta.kind.as_str(),
            now
        ],
    )
    .context("recording the statement")?;
    db.query_value("SELECT id FROM statement WHERE key = ?1", params![meta.key])
        .context("reading the statement id")
}

fn upsert_topic(db: &dyn Db, statement: i64, no: u32, title: &str) -> Result<i64> {
    db.execute(
        "INSERT INTO topic (statement_id, no, title) VALUES (?1, ?2, ?3)
         ON CONFLICT (statement_id, no) DO UPDATE SET title = excluded.title",
        params![statement, no, title],
    )
    .context("recording a topic")?;
    topic_id(db, statement, no)
}

/// The id of topic `no` of a statement.
pub(crate) fn topic_id(db: &dyn Db, statement: i64, no: u32) -> Result<i64> {
    db.query_value("SELECT id FROM topic WHERE statement_id = ?1 AND no = ?2", params![statement, no])
        .context("finding a topic")
}

pub(super) fn insert_commitment(
    db: &dyn Db,
    statement: i64,
    new: &NewCommitment,
    origin: Origin,
    now: &str,
) -> Result<()> {
    let topic = topic_id(db, statement, new.topic_no)?;
    let pk = db
        .insert(
            "INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text,
                                     paragraph, due, due_inferred, origin, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                statement,
                new.code.topic,
                new.code.paragraph,
                new.code.clause,
                topic,
                new.text,
                new.paragraph,
                new.due.map(|d| d.to_string()),
                new.due_inferred,
                origin.as_str(),
                now
            ],
        )
        .context("adding a commitment")?;
    assign_owners(db, pk, new, now)
}

/// Brings a kept or changed commitment up to date with the new text: text, paragraph, topic
/// (unless moved by hand), and an inferred due date (a due date set by hand is kept).
fn update_commitment(
    db: &dyn Db,
    statement: i64,
    pk: i64,
    new: &NewCommitment,
    now: &str,
    restore: bool,
) -> Result<()> {
    let topic = topic_id(db, statement, new.topic_no)?;
    db.execute(
        "UPDATE commitment SET text = ?2, paragraph = ?3,
             topic_id = CASE WHEN EXISTS (SELECT 1 FROM commitment_change h WHERE h.commitment_id = ?1
                                            AND h.field = 'topic' AND h.source = 'edit')
                        THEN topic_id ELSE ?4 END,
             due = CASE WHEN due IS NULL OR due_inferred = 1 OR ?6 = 0 THEN ?5 ELSE due END,
             due_inferred = CASE WHEN due IS NULL OR due_inferred = 1 OR ?6 = 0 THEN ?6 ELSE due_inferred END,
             withdrawn_at = CASE WHEN ?7 THEN NULL ELSE withdrawn_at END,
             withdrawn_by = CASE WHEN ?7 THEN NULL ELSE withdrawn_by END
         WHERE id = ?1",
        params![
            pk,
            new.text,
            new.paragraph,
            topic,
            new.due.map(|d| d.to_string()),
            new.due_inferred,
            restore
        ],
    )
    .context("updating a commitment")?;
    if restore {
        record_change(db, pk, Field::Withdrawn, Some("withdrawn"), None, ChangeSource::Reimport, now)?;
    }
    assign_owners(db, pk, new, now)
}

/// Owners named by an import hold their role from the day of the import.
fn assign_owners(db: &dyn Db, pk: i64, new: &NewCommitment, now: &str) -> Result<()> {
    let today = super::status::stored_date(now.get(..10).unwrap_or(now))?;
    let id = new.code.to_string();
    for owner in &new.lead {
        owners::assign(db, pk, &id, owner, crate::domain::Role::Lead, today, now)?;
    }
    for owner in &new.support {
        owners::assign(db, pk, &id, owner, crate::domain::Role::Support, today, now)?;
    }
    Ok(())
}

/// Keeps a previous value of a commitment's field in its history.
pub(crate) fn record_change(
    db: &dyn Db,
    pk: i64,
    field: Field,
    old: Option<&str>,
    new: Option<&str>,
    source: ChangeSource,
    now: &str,
) -> Result<()> {
    db.execute(
        "INSERT INTO commitment_change (commitment_id, field, old_value, new_value, source, changed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![pk, field.as_str(), old, new, source.as_str(), now],
    )
    .context("recording a change")?;
    Ok(())
}

impl Store {
    /// The key of another statement than `key` whose text has this SHA-256, if any.
    pub fn key_of_text(&self, sha256: &str, key: &str) -> Result<Option<String>> {
        self.db()
            .query_row_opt(
                "SELECT key FROM statement WHERE sha256 = ?1 AND key <> ?2 ORDER BY key LIMIT 1",
                params![sha256, key],
                |row| row.get(0),
            )
            .context("looking for the same text")
    }
}
