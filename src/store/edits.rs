//! Commitments changed by hand: `add` (one the importer missed) and `edit` (text, due date,
//! topic), each in one transaction, previous values kept in `commitment_change`.

use chrono::NaiveDate;

use super::Store;
use super::db::{Db, NO_PARAMS, params};
use super::statements::{insert_commitment, record_change};
use super::status::stored_date;
use crate::domain::{
    ChangeSource, Code, CommitmentFields, EditRequest, Field, FieldChange, NewCommitment, Origin, plan_edit,
};
use crate::error::{DbContext, Error, Result};

impl Store {
    /// Adds a commitment to topic `topic` of statement `key` with id `KEY:T.P.N`: P is
    /// `paragraph` (a paragraph of the topic in the text, whose text it records) or 0 (from no
    /// paragraph), N the next clause number never used there. Returns the new id.
    pub fn add_commitment(
        &mut self,
        key: &str,
        topic: u32,
        text: &str,
        due: Option<NaiveDate>,
        paragraph: Option<u32>,
        now: &str,
    ) -> Result<String> {
        let tx = self.write()?;
        let statement = statement_id(&tx, key)?;
        if find_topic(&tx, statement, topic)?.is_none() {
            return Err(unknown_topic(&tx, statement, key, topic)?);
        }
        let source = match paragraph {
            Some(no) => Some(paragraph_text(&tx, statement, key, topic, no)?),
            None => None,
        };
        let paragraph = paragraph.unwrap_or(0);
        let clause: u32 = tx
            .query_value(
                "SELECT coalesce(max(ref_clause), 0) + 1 FROM commitment
                 WHERE statement_id = ?1 AND ref_topic = ?2 AND ref_paragraph = ?3",
                params![statement, topic, paragraph],
            )
            .context("numbering the new commitment")?;
        let new = NewCommitment {
            code: Code { topic, paragraph, clause },
            topic_no: topic,
            text: text.to_string(),
            paragraph: source,
            due,
            due_inferred: false,
            lead: vec![],
            support: vec![],
        };
        insert_commitment(&tx, statement, &new, Origin::Added, now)?;
        tx.commit().context("committing the new commitment")?;
        Ok(format!("{key}:{}", new.code))
    }

    /// Applies `request` to commitment `pk` in one transaction, keeping each previous value in
    /// its history (source `edit`). Returns what changed; an empty list means every value given
    /// was already the current one, and nothing was written.
    pub fn edit_commitment(&mut self, pk: i64, request: &EditRequest, now: &str) -> Result<Vec<FieldChange>> {
        let tx = self.write()?;
        let (current, statement, key) = read_fields(&tx, pk)?;
        // A new topic must exist before anything is written.
        let topic_row = match request.topic.filter(|no| *no != current.topic_no) {
            Some(no) => match find_topic(&tx, statement, no)? {
                Some(row) => Some(row),
                None => return Err(unknown_topic(&tx, statement, &key, no)?),
            },
            None => None,
        };
        let changes = plan_edit(&current, request);
        for change in &changes {
            apply(&tx, pk, change, topic_row)?;
            record_change(
                &tx,
                pk,
                change.field,
                change.old.as_deref(),
                change.new.as_deref(),
                ChangeSource::Edit,
                now,
            )?;
        }
        tx.commit().context("committing the edit")?;
        Ok(changes)
    }
}

/// Writes one planned change; `topic_row` is the new topic's row id when the topic changes.
fn apply(db: &dyn Db, pk: i64, change: &FieldChange, topic_row: Option<i64>) -> Result<()> {
    match change.field {
        Field::Text => db
            .execute("UPDATE commitment SET text = ?2 WHERE id = ?1", params![pk, change.new])
            .context("changing a commitment's text")?,
        Field::Due => db
            .execute(
                "UPDATE commitment SET due = ?2, due_inferred = 0 WHERE id = ?1",
                params![pk, change.new],
            )
            .context("changing a due date")?,
        Field::Topic => db
            .execute("UPDATE commitment SET topic_id = ?2 WHERE id = ?1", params![pk, topic_row])
            .context("moving a commitment to another topic")?,
        // Set by re-imports only; `plan_edit` never plans it.
        Field::Withdrawn => 0,
    };
    Ok(())
}

/// The editable fields of commitment `pk`, its statement's row id and key.
fn read_fields(db: &dyn Db, pk: i64) -> Result<(CommitmentFields, i64, String)> {
    let (text, due, due_inferred, topic_no, statement, key): (
        String,
        Option<String>,
        bool,
        u32,
        i64,
        String,
    ) = db
        .query_row(
            "SELECT c.text, c.due, c.due_inferred, t.no, s.id, s.key FROM commitment c
             JOIN topic t ON t.id = c.topic_id JOIN statement s ON s.id = c.statement_id
             WHERE c.id = ?1",
            params![pk],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?)),
        )
        .context("reading a commitment")?;
    let due = due.map(|d| stored_date(&d)).transpose()?;
    Ok((CommitmentFields { text, due, due_inferred, topic_no }, statement, key))
}

/// The text of paragraph `no` of a topic: from the paragraphs the last import recorded, or (for
/// statements imported before ctrack kept them) from a commitment of that paragraph. An unknown
/// paragraph is an error that names the topic's paragraphs.
fn paragraph_text(db: &dyn Db, statement: i64, key: &str, topic: u32, no: u32) -> Result<String> {
    let found = db
        .query_row_opt(
            "SELECT text FROM paragraph WHERE statement_id = ?1 AND topic_no = ?2 AND no = ?3
             UNION ALL
             SELECT paragraph FROM commitment
              WHERE statement_id = ?1 AND ref_topic = ?2 AND ref_paragraph = ?3 AND paragraph IS NOT NULL
             LIMIT 1",
            params![statement, topic, no],
            |row| row.get(0),
        )
        .context("finding a paragraph")?;
    if let Some(text) = found {
        return Ok(text);
    }
    let last: Option<u32> = db
        .query_value(
            "SELECT max(n) FROM (
                 SELECT no AS n FROM paragraph WHERE statement_id = ?1 AND topic_no = ?2
                 UNION ALL
                 SELECT ref_paragraph FROM commitment
                  WHERE statement_id = ?1 AND ref_topic = ?2 AND ref_paragraph > 0 AND paragraph IS NOT NULL
             ) AS known",
            params![statement, topic],
        )
        .context("counting a topic's paragraphs")?;
    let known = match last {
        Some(1) => format!("topic {topic} has paragraph 1 only"),
        Some(last) => format!("topic {topic} has paragraphs 1–{last}"),
        None => format!("topic {topic} has no paragraph from the statement's text; leave out --paragraph"),
    };
    Err(Error::UnknownParagraph { key: key.to_string(), paragraph: format!("{topic}.{no}"), known })
}

/// The row id of statement `key`, or an error listing the keys there are.
pub(crate) fn statement_id(db: &dyn Db, key: &str) -> Result<i64> {
    let found = db
        .query_row_opt("SELECT id FROM statement WHERE key = ?1", params![key], |row| row.get(0))
        .context("finding a statement")?;
    if let Some(id) = found {
        return Ok(id);
    }
    let known = db
        .query_column::<String>("SELECT key FROM statement ORDER BY key", NO_PARAMS)
        .context("listing statements")?;
    Err(Error::UnknownStatement { key: key.to_string(), known })
}

/// The row id of topic `no` of a statement, if it has one.
fn find_topic(db: &dyn Db, statement: i64, no: u32) -> Result<Option<i64>> {
    db.query_row_opt(
        "SELECT id FROM topic WHERE statement_id = ?1 AND no = ?2",
        params![statement, no],
        |row| row.get(0),
    )
    .context("finding a topic")
}

/// The error for a topic a statement does not have, listing the numbers it has.
fn unknown_topic(db: &dyn Db, statement: i64, key: &str, no: u32) -> Result<Error> {
    let known = db
        .query_column::<u32>("SELECT no FROM topic WHERE statement_id = ?1 ORDER BY no", params![statement])
        .context("listing topics")?;
    let known: Vec<String> = known.iter().map(u32::to_string).collect();
    Ok(Error::UnknownTopic { key: key.to_string(), topic: no.to_string(), known: known.join(", ") })
}
