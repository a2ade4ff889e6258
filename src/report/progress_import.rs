//! What `import progress` did (or, in a dry run, would do): how many rows it added,
//! corrected, retracted, found unchanged and skipped, and which entries it corrected and
//! retracted, as text or JSON.

use std::io::Write;

use serde::Serialize;

use super::json;
use crate::cli::SummaryFormat;
use crate::error::Result;

/// The tally of one import.
#[derive(Debug, Default, Serialize)]
pub struct ImportTally {
    pub file: String,
    pub dry_run: bool,
    pub rows: u64,
    pub added: u64,
    pub corrected: usize,
    pub retracted: usize,
    /// Rows that say what a recorded entry says.
    pub unchanged: u64,
    /// Rows marked retracted with no live entry to retract.
    pub skipped: u64,
    pub corrections: Vec<Correction>,
    pub retractions: Vec<Retraction>,
}

/// A row that corrected an entry: the entry was retracted and `by` recorded instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Correction {
    pub line: u64,
    pub entry: i64,
    pub by: i64,
}

/// A row that retracted an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Retraction {
    pub line: u64,
    pub entry: i64,
}

/// Writes the tally in `format`.
pub fn write(tally: &ImportTally, format: SummaryFormat, out: &mut impl Write) -> Result<()> {
    let counted = ImportTally {
        corrected: tally.corrections.len(),
        retracted: tally.retractions.len(),
        corrections: tally.corrections.clone(),
        retractions: tally.retractions.clone(),
        file: tally.file.clone(),
        ..*tally
    };
    match format {
        SummaryFormat::Json => json::write_value(out, &counted),
        SummaryFormat::Text => write_text(&counted, out),
    }
}

fn write_text(t: &ImportTally, out: &mut impl Write) -> Result<()> {
    let lead = if t.dry_run { "dry run, nothing written: " } else { "" };
    let rows = if t.rows == 1 { "row" } else { "rows" };
    let (add, correct, retract) =
        if t.dry_run { ("to add", "to correct", "to retract") } else { ("added", "corrected", "retracted") };
    writeln!(
        out,
        "{lead}{}: {} {rows}: {} {add}, {} {correct}, {} {retract}, {} unchanged (already recorded), {} skipped (marked retracted)",
        t.file, t.rows, t.added, t.corrected, t.retracted, t.unchanged, t.skipped
    )?;
    let would = if t.dry_run { "would be " } else { "" };
    for c in &t.corrections {
        writeln!(out, "  line {}: entry {} {would}corrected by entry {}", c.line, c.entry, c.by)?;
    }
    for r in &t.retractions {
        writeln!(out, "  line {}: entry {} {would}retracted", r.line, r.entry)?;
    }
    Ok(())
}
