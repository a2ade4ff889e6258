//! One-line renderings several commands print: a status with its percent, the status change
//! an entry makes (`log`, `retract`), and a field edit (`edit`, `show`'s history).

use std::io::Write;

use crate::domain::{Field, LatestEntry, Percent, Status, StatusChange};
use crate::error::Result;

/// A status as printed: `stalled`, `in-progress (40%)`.
pub fn label(status: Status, percent: Option<Percent>) -> String {
    status.with_percent(percent)
}

/// The status an entry gives, as printed; `unassessed` without one.
pub fn status_label(entry: Option<&LatestEntry>) -> String {
    entry.map_or_else(|| Status::Unassessed.to_string(), |e| label(e.status, e.percent))
}

/// The lines `log` and `retract` print: the status as of the entry's date before → after,
/// and a note when a later entry keeps today's status as it was.
pub fn write_change(verb: &str, change: &StatusChange, out: &mut impl Write) -> Result<()> {
    writeln!(
        out,
        "{verb} {}: {} {} → {} as of {}",
        change.entry,
        change.commitment,
        status_label(change.before.as_ref()),
        status_label(change.after.as_ref()),
        change.as_of
    )?;
    if let Some(later) = change.superseded_by() {
        writeln!(
            out,
            "note: entry {} as of {} is later, so the current status stays {}",
            later.id,
            later.as_of,
            status_label(Some(later))
        )?;
    }
    Ok(())
}

/// `text: "old" → "new"`, `due: none → 2027-12-31`, `topic: 1 → 2`: one change, as `edit`
/// prints it and `show` lists it in the history.
pub fn describe(field: Field, old: Option<&str>, new: Option<&str>) -> String {
    let value = |v: Option<&str>| match (v, field) {
        (None, _) => "none".to_string(),
        (Some(text), Field::Text) => format!("\"{text}\""),
        (Some(value), _) => value.to_string(),
    };
    let (old, new) = (value(old), value(new));
    if field == Field::Due && old == new {
        return format!("due: {old} (inferred from the text) → {new}");
    }
    format!("{field}: {old} → {new}")
}
