//! A recorded entry as a spreadsheet row names it (`entry` number): what the row must match
//! to be that entry unchanged, and how its `recorded_at` cell identifies it.

use super::NewEntry;

/// An entry as recorded, to compare with a spreadsheet row that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedEntry {
    pub id: i64,
    /// The commitment's row id.
    pub commitment: i64,
    /// The commitment's full id, `KEY:T.P.C`.
    pub commitment_id: String,
    /// When it was recorded, RFC 3339 UTC.
    pub recorded_at: String,
    pub retracted: bool,
    /// The entry as it would be logged again: its evidence URLs sorted.
    pub entry: NewEntry,
}

impl RecordedEntry {
    /// Whether a row's `recorded_at` cell can be this entry's: empty, or the same time in
    /// any of the forms ctrack exports (RFC 3339, or `YYYY-MM-DD HH:MM:SS` for Excel).
    pub fn recorded_as(&self, cell: &str) -> bool {
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        cell.is_empty() || digits(cell) == digits(&self.recorded_at)
    }

    /// Whether `row` says exactly what this entry says: commitment, date, status, percent (as
    /// stored), note, author and evidence URLs.
    pub fn says(&self, row: &NewEntry) -> bool {
        let mut urls: Vec<&str> = row.evidence.iter().map(|u| u.as_str()).collect();
        urls.sort_unstable();
        urls.dedup();
        let stored: Vec<&str> = self.entry.evidence.iter().map(|u| u.as_str()).collect();
        let e = &self.entry;
        (e.commitment, e.as_of, e.status, e.effective_percent(), &e.note, &e.author, stored)
            == (row.commitment, row.as_of, row.status, row.effective_percent(), &row.note, &row.author, urls)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;

    fn recorded() -> RecordedEntry {
        let entry = NewEntry {
            commitment: 7,
            as_of: "2024-03-31".parse().unwrap(),
            status: Status::Done,
            percent: None,
            note: "Pilot".into(),
            author: "ann".into(),
            evidence: vec![
                "https://example.org/a".parse().unwrap(),
                "https://example.org/b".parse().unwrap(),
            ],
        };
        RecordedEntry {
            id: 3,
            commitment: 7,
            commitment_id: "k:1.1.1".into(),
            recorded_at: "2024-06-30T12:00:00Z".into(),
            retracted: false,
            entry,
        }
    }

    #[test]
    fn a_row_is_its_entry_only_when_every_field_says_the_same() {
        let r = recorded();
        let mut row = r.entry.clone();
        row.evidence.reverse();
        row.percent = "100".parse().ok();
        assert!(r.says(&row), "evidence order and done's implied 100% do not matter");
        for change in [
            |e: &mut NewEntry| e.note.push('.'),
            |e: &mut NewEntry| e.status = Status::Partial,
            |e: &mut NewEntry| e.author = "bob".into(),
            |e: &mut NewEntry| e.commitment = 8,
            |e: &mut NewEntry| {
                e.evidence.pop();
            },
        ] {
            let mut row = r.entry.clone();
            change(&mut row);
            assert!(!r.says(&row), "{row:?}");
        }
    }

    #[test]
    fn recorded_at_matches_as_exported_or_for_excel_or_empty() {
        let r = recorded();
        for cell in ["", "2024-06-30T12:00:00Z", "2024-06-30 12:00:00"] {
            assert!(r.recorded_as(cell), "{cell}");
        }
        for cell in ["2024-06-30T12:00:01Z", "30/06/2024 12:00"] {
            assert!(!r.recorded_as(cell), "{cell}");
        }
    }
}
