//! Editing a commitment by hand: which fields a request really changes. The previous values go
//! to the commitment's history; the id never changes.

use chrono::NaiveDate;

use super::closed::{ClosedSet, closed_set_traits};

/// A field of a commitment whose previous values are kept (`commitment_change.field`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Text,
    Due,
    Topic,
    Withdrawn,
}

impl Field {
    /// Every field, in the order `edit` reports them.
    pub const ALL: [Field; 4] = [Field::Text, Field::Due, Field::Topic, Field::Withdrawn];

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Due => "due",
            Field::Topic => "topic",
            Field::Withdrawn => "withdrawn",
        }
    }
}

impl ClosedSet for Field {
    const KIND: &'static str = "field";
    const ALL: &'static [Field] = &Field::ALL;

    fn as_str(self) -> &'static str {
        Field::as_str(self)
    }
}

closed_set_traits!(Field);

/// What changed a commitment's field (`commitment_change.source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeSource {
    /// `ctrack edit` (or `add`).
    Edit,
    /// A re-import of the statement.
    Reimport,
}

impl ChangeSource {
    /// The name stored in the database and shown in history.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeSource::Edit => "edit",
            ChangeSource::Reimport => "reimport",
        }
    }
}

impl ClosedSet for ChangeSource {
    const KIND: &'static str = "change source";
    const ALL: &'static [ChangeSource] = &[ChangeSource::Edit, ChangeSource::Reimport];

    fn as_str(self) -> &'static str {
        ChangeSource::as_str(self)
    }
}

closed_set_traits!(ChangeSource);

/// The editable fields of a stored commitment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentFields {
    pub text: String,
    pub due: Option<NaiveDate>,
    pub due_inferred: bool,
    pub topic_no: u32,
}

/// What `ctrack edit` asks for; `None` leaves a field alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditRequest {
    pub text: Option<String>,
    /// `Some(None)` removes the due date.
    pub due: Option<Option<NaiveDate>>,
    pub topic: Option<u32>,
}

impl EditRequest {
    /// Whether the request names no field at all.
    pub fn is_empty(&self) -> bool {
        self.text.is_none() && self.due.is_none() && self.topic.is_none()
    }
}

/// One field's change, as kept in the history: values as text, `None` for "no value".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: Field,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The changes `request` makes to `current`, in field order. A value equal to the current one
/// is no change, except a due date given by hand that equals an inferred one: it becomes
/// explicit, and that is recorded (old and new then hold the same date).
pub fn plan_edit(current: &CommitmentFields, request: &EditRequest) -> Vec<FieldChange> {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    let mut changes = Vec::new();
    if let Some(text) = request.text.as_ref().filter(|t| **t != current.text) {
        changes.push(FieldChange {
            field: Field::Text,
            old: Some(current.text.clone()),
            new: Some(text.clone()),
        });
    }
    if let Some(due) = request.due {
        let made_explicit = due.is_some() && current.due_inferred;
        if due != current.due || made_explicit {
            changes.push(FieldChange { field: Field::Due, old: date(current.due), new: date(due) });
        }
    }
    if let Some(topic) = request.topic.filter(|t| *t != current.topic_no) {
        changes.push(FieldChange {
            field: Field::Topic,
            old: Some(current.topic_no.to_string()),
            new: Some(topic.to_string()),
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn current() -> CommitmentFields {
        CommitmentFields {
            text: "improve access".into(),
            due: Some(d("2027-12-31")),
            due_inferred: false,
            topic_no: 1,
        }
    }

    fn fields(changes: &[FieldChange]) -> Vec<(Field, Option<&str>, Option<&str>)> {
        changes.iter().map(|c| (c.field, c.old.as_deref(), c.new.as_deref())).collect()
    }

    #[test]
    fn every_field_round_trips_through_its_name() {
        for field in Field::ALL {
            assert_eq!(field.as_str().parse::<Field>().ok(), Some(field));
        }
    }

    #[test]
    fn only_different_values_are_changes() {
        let same = EditRequest {
            text: Some("improve access".into()),
            due: Some(Some(d("2027-12-31"))),
            topic: Some(1),
        };
        assert!(plan_edit(&current(), &same).is_empty());
        assert!(plan_edit(&current(), &EditRequest::default()).is_empty());
        assert!(EditRequest::default().is_empty());
    }

    #[test]
    fn changes_keep_old_and_new_values_in_field_order() {
        let request =
            EditRequest { text: Some("improve access for all".into()), due: Some(None), topic: Some(2) };
        assert_eq!(
            fields(&plan_edit(&current(), &request)),
            [
                (Field::Text, Some("improve access"), Some("improve access for all")),
                (Field::Due, Some("2027-12-31"), None),
                (Field::Topic, Some("1"), Some("2")),
            ]
        );
    }

    #[test]
    fn removing_an_absent_due_date_is_no_change() {
        let none = CommitmentFields { due: None, ..current() };
        assert!(plan_edit(&none, &EditRequest { due: Some(None), ..EditRequest::default() }).is_empty());
    }

    #[test]
    fn confirming_an_inferred_due_date_makes_it_explicit() {
        let inferred = CommitmentFields { due_inferred: true, ..current() };
        let request = EditRequest { due: Some(Some(d("2027-12-31"))), ..EditRequest::default() };
        assert_eq!(
            fields(&plan_edit(&inferred, &request)),
            [(Field::Due, Some("2027-12-31"), Some("2027-12-31"))]
        );
        // Removing it is an ordinary change.
        let request = EditRequest { due: Some(None), ..EditRequest::default() };
        assert_eq!(fields(&plan_edit(&inferred, &request)), [(Field::Due, Some("2027-12-31"), None)]);
    }
}
