//! Entries as `entries` lists them and `retract --last` shows the one it takes back.

use std::io::Write;

use crate::domain::{ListedEntry, Percent};
use crate::error::{Result, quote};

/// A status with its percent, as printed: `in-progress (40%)`.
fn status(entry: &ListedEntry) -> String {
    entry.status.with_percent(entry.percent.and_then(|p| Percent::new(p.into())))
}

/// The line `retract --last` prints before retracting: which entry it takes back.
pub fn write_newest(entry: &ListedEntry, out: &mut impl Write) -> Result<()> {
    let note = if entry.note.is_empty() { String::new() } else { format!(", note {}", quote(&entry.note)) };
    writeln!(
        out,
        "your newest entry: {} on {}, {} as of {}{note}, recorded {} by {}",
        entry.entry,
        entry.commitment,
        status(entry),
        entry.as_of,
        entry.recorded_at,
        entry.author
    )?;
    Ok(())
}
