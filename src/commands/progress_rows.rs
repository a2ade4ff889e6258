//! What one row of a progress file means, checked against the database: a new entry, a
//! correction of the entry it names, the retraction of that entry, or nothing to do.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::NaiveDate;
use csv::StringRecord;

use super::csv_input::Columns;
use crate::domain::{CommitmentRef, DateArg, EvidenceUrl, NewEntry, Percent, RecordedEntry, Status};
use crate::error::{Error, Result};
use crate::report::csv::unsafe_text;
use crate::store::Bulk;

/// A row's meaning once checked.
pub enum Row {
    /// A new entry, or (`replaces`) the correction of a live entry.
    Entry { entry: NewEntry, target: Target, replaces: Option<i64> },
    /// The row names a live entry and marks it retracted.
    Retract(i64),
    /// The row says what its entry, or an entry already recorded, says.
    Unchanged,
    /// Marked retracted, with no live entry to retract.
    Skipped,
}

/// What the import needs to know of a commitment, looked up once per distinct id.
#[derive(Debug, Clone)]
pub struct Target {
    pub pk: i64,
    /// Its full id, `KEY:T.P.C`.
    pub id: Rc<str>,
    pub withdrawn: bool,
    /// Whether it had entries before this import reached it.
    pub had_entries: bool,
    /// The key and date of its statement, for `NewEntry::check` (shared: cloned per row).
    statement: (Rc<str>, Option<NaiveDate>),
}

/// Where the author of a row's entry comes from.
pub enum Authors {
    /// The file's `author` column.
    FromFile,
    /// This name, for a file without an `author` column ($CTRACK_AUTHOR, else $USER).
    Default(String),
    /// The database user, whatever the file says (PostgreSQL, where the database records who
    /// wrote an entry). A row naming a recorded entry cannot change that entry's author, so
    /// it is compared with the entry without it: re-importing an export changes nothing.
    DbUser(String),
}

/// Checks rows one by one, remembering the ids already resolved.
pub struct RowChecker<'b, 'a> {
    bulk: &'b Bulk<'a>,
    ids: HashMap<String, std::result::Result<Target, String>>,
    columns: &'b Columns,
    today: NaiveDate,
    authors: Authors,
}

/// A row's problems (each a sentence naming the value), or a failure of the database.
pub enum Refused {
    Row(Vec<Error>),
    Fatal(Error),
}

impl From<Error> for Refused {
    fn from(e: Error) -> Self {
        Refused::Fatal(e)
    }
}

impl<'b, 'a> RowChecker<'b, 'a> {
    pub fn new(bulk: &'b Bulk<'a>, columns: &'b Columns, today: NaiveDate, authors: Authors) -> Self {
        RowChecker { bulk, ids: HashMap::new(), columns, today, authors }
    }

    /// The row's entry number, if it has one, and its meaning.
    pub fn check(&mut self, record: &StringRecord) -> std::result::Result<(Option<i64>, Row), Refused> {
        let cell = |c| self.columns.get(record, c);
        let mut errors = Vec::new();
        let retracted = parse_flag(cell("retracted")).map_err(|e| errors.push(e)).unwrap_or(false);
        let number = parse_number(cell("entry")).map_err(|e| errors.push(e)).ok().flatten();
        let recorded = number.map(|n| self.bulk.recorded_entry(n)).transpose()?.flatten();
        if let Some(r) = recorded.as_ref().filter(|r| !r.recorded_as(cell("recorded_at"))) {
            let at = cell("recorded_at").to_string();
            errors.push(Error::OtherEntry { entry: r.id, recorded_at: r.recorded_at.clone(), row: at });
            return Err(Refused::Row(errors));
        }
        if retracted {
            return self.retraction(cell("commitment"), recorded, errors).map(|row| (number, row));
        }
        let entry = self.entry(record, &mut errors);
        let (Some((entry, target)), true) = (entry, errors.is_empty()) else {
            return Err(Refused::Row(errors));
        };
        let row = match recorded {
            Some(r) if self.says(&r, &entry) => Row::Unchanged,
            Some(r) if !r.retracted && r.commitment != entry.commitment => {
                return Err(Refused::Row(vec![elsewhere(&r, &target.id)]));
            }
            Some(r) if !r.retracted => Row::Entry { entry, target, replaces: Some(r.id) },
            _ => Row::Entry { entry, target, replaces: None },
        };
        Ok((number, row))
    }

    /// Whether the row's `entry` says what `recorded` says (its author aside when the database
    /// user is every entry's author).
    fn says(&self, recorded: &RecordedEntry, entry: &NewEntry) -> bool {
        match self.authors {
            Authors::DbUser(_) => {
                recorded.says(&NewEntry { author: recorded.entry.author.clone(), ..entry.clone() })
            }
            Authors::FromFile | Authors::Default(_) => recorded.says(entry),
        }
    }

    /// A row marked retracted: it retracts the live entry it names, on the same commitment.
    fn retraction(
        &mut self,
        typed: &str,
        recorded: Option<RecordedEntry>,
        mut errors: Vec<Error>,
    ) -> std::result::Result<Row, Refused> {
        let live = recorded.filter(|r| !r.retracted);
        if let Some(r) = &live {
            match self.commitment(typed) {
                Ok(target) if target.pk != r.commitment => errors.push(elsewhere(r, &target.id)),
                Ok(_) => {}
                Err(e) => errors.push(e),
            }
        }
        match (errors.is_empty(), live) {
            (false, _) => Err(Refused::Row(errors)),
            (true, Some(r)) => Ok(Row::Retract(r.id)),
            (true, None) => Ok(Row::Skipped),
        }
    }

    /// The entry a row describes, with its commitment; problems go to `errors`.
    fn entry(&mut self, record: &StringRecord, errors: &mut Vec<Error>) -> Option<(NewEntry, Target)> {
        let cell = |c| self.columns.get(record, c);
        let commitment = self.commitment(cell("commitment")).map_err(|e| errors.push(e)).ok();
        let as_of = cell("as_of")
            .parse::<DateArg>()
            .and_then(|d| d.resolve_past(self.today))
            .map_err(|e| errors.push(e))
            .ok();
        let status = Status::parse_recordable(cell("status")).map_err(|e| errors.push(e)).ok();
        let percent = match cell("percent") {
            "" => None,
            p => p.parse::<Percent>().map_err(|e| errors.push(e)).ok(),
        };
        let evidence: Vec<EvidenceUrl> = cell("evidence")
            .split_whitespace()
            .filter_map(|u| u.parse().map_err(|e| errors.push(e)).ok())
            .collect();
        let author = match &self.authors {
            Authors::Default(author) | Authors::DbUser(author) => author.as_str(),
            Authors::FromFile => unsafe_text(cell("author")),
        };
        let (target, as_of, status) = (commitment?, as_of?, status?);
        let entry = NewEntry {
            commitment: target.pk,
            as_of,
            status,
            percent,
            // A note keeps its inner and outer whitespace, as written.
            note: unsafe_text(self.columns.get_raw(record, "note")).to_string(),
            author: author.to_string(),
            evidence,
        };
        if let Err(e) = entry.check((&target.statement.0, target.statement.1)) {
            errors.push(e);
        }
        Some((entry, target))
    }

    /// The commitment a typed id names, resolved once per distinct id.
    fn commitment(&mut self, typed: &str) -> Result<Target> {
        if let Some(known) = self.ids.get(typed) {
            return known.clone().map_err(|message| Error::BadValue {
                what: "commitment id",
                value: typed.to_string(),
                expected: message,
            });
        }
        let found = typed.parse::<CommitmentRef>().and_then(|r| self.bulk.resolve(&r)).and_then(|row| {
            Ok(Target {
                pk: row.pk,
                id: row.id.as_str().into(),
                withdrawn: row.withdrawn,
                had_entries: self.bulk.has_entries(row.pk)?,
                statement: self.bulk.statement_of(row.pk).map(|(key, date)| (key.into(), date))?,
            })
        });
        self.ids.insert(typed.to_string(), found.as_ref().map(Target::clone).map_err(|e| e.to_string()));
        found
    }
}

/// The error for a row whose entry number belongs to another commitment.
fn elsewhere(recorded: &RecordedEntry, row: &str) -> Error {
    Error::EntryElsewhere { entry: recorded.id, on: recorded.commitment_id.clone(), row: row.to_string() }
}

/// `retracted`: true/false (also 1/0, yes/no); blank is false.
fn parse_flag(cell: &str) -> Result<bool> {
    match cell.to_ascii_lowercase().as_str() {
        "" | "false" | "0" | "no" => Ok(false),
        "true" | "1" | "yes" => Ok(true),
        _ => Err(Error::BadValue {
            what: "retracted value",
            value: cell.to_string(),
            expected: "expected true or false".into(),
        }),
    }
}

/// `entry`: the number `export progress` wrote; blank for a new entry.
fn parse_number(cell: &str) -> Result<Option<i64>> {
    match cell {
        "" => Ok(None),
        n => n.parse::<i64>().ok().filter(|n| *n > 0).map(Some).ok_or_else(|| Error::BadValue {
            what: "entry number",
            value: cell.to_string(),
            expected: "expected the number `export progress` wrote, or an empty cell for a new entry".into(),
        }),
    }
}
