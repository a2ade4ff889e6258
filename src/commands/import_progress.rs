//! `ctrack import progress FILE|-`: progress entries from a spreadsheet — the columns of
//! `export progress`, in any order, separated by commas, semicolons or tabs. Every row is
//! checked; if any is bad nothing is written and every bad row is named. A row with the
//! `entry` number of a recorded entry is that entry: unchanged, it is skipped; edited, it
//! corrects the entry (the old one is retracted, the row recorded); marked `retracted`, it
//! retracts the entry. Rows without a number that are already recorded are skipped, so
//! importing an export twice adds nothing.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

use csv::StringRecord;
use indicatif::{ProgressBar, ProgressStyle};

use super::csv_input::{Columns, CsvFile, Problems, line_of};
use super::progress_rows::{Authors, Refused, Row, RowChecker};
use crate::Context;
use crate::cli::ImportProgressArgs;
use crate::domain::NewEntry;
use crate::error::{Error, Result};
use crate::report::progress_import::{self, Correction, ImportTally, Retraction};
use crate::store::{Bulk, Store};

const REQUIRED: [&str; 3] = ["commitment", "as_of", "status"];
const OPTIONAL: [&str; 7] = ["percent", "note", "author", "evidence", "retracted", "entry", "recorded_at"];

/// Files at least this big get a progress bar (when stderr is a terminal).
const BAR_MIN_BYTES: u64 = 4 << 20;

/// A cheap hash of what makes two entries the same (see `Bulk::is_recorded`): equal entries
/// have equal fingerprints; unequal ones rarely do, and then the database decides.
fn fingerprint(entry: &NewEntry) -> u64 {
    let mut hasher = DefaultHasher::new();
    let percent = entry.effective_percent().map(|p| p.get());
    let lengths = (entry.note.len(), entry.author.len());
    (entry.commitment, entry.as_of, entry.status, percent, lengths).hash(&mut hasher);
    hasher.finish()
}

/// Imports the entries of one file, all or nothing.
pub fn run(store: &mut Store, args: ImportProgressArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let name = if args.file == Path::new("-") {
        "standard input".to_string()
    } else {
        args.file.display().to_string()
    };
    let (input, size) = open(&args.file)?;
    let tally = import_from(store, input, size, &name, args.dry_run, ctx)?;
    progress_import::write(&tally, args.format, out)
}

/// Imports the entries read from `input`, named `name` in messages (`size` in bytes, if known),
/// and says what it did.
pub(crate) fn import_from(
    store: &mut Store,
    input: impl Read,
    size: Option<u64>,
    name: &str,
    dry_run: bool,
    ctx: &Context,
) -> Result<ImportTally> {
    let bar = progress_bar(size);
    let file = CsvFile::open(name, bar.wrap_read(input))?;
    let columns = file.columns(&REQUIRED, &OPTIONAL, &[])?;
    let authors = if !store.authors_from_files() {
        Authors::DbUser(store.entry_author(None, &ctx.author)?)
    } else if file.header().iter().any(|h| h.trim() == "author") {
        Authors::FromFile
    } else {
        Authors::Default(ctx.author.name.clone())
    };
    let bulk = store.bulk()?;
    let mut import = Import {
        checker: RowChecker::new(&bulk, &columns, ctx.today, authors),
        bulk: &bulk,
        columns: &columns,
        added: HashSet::new(),
        numbered: HashMap::new(),
        recorded_at: ctx.timestamp(),
        tally: ImportTally { file: name.to_string(), dry_run, ..ImportTally::default() },
    };
    let mut problems = Problems::default();
    file.for_each(&mut problems, |record, problems| import.row(record, problems))?;
    // The entries still waiting are written before the rows' problems are told, dry run or
    // not, so that a database that refuses them says so, as it would have at their rows.
    bulk.flush()?;
    bar.finish_and_clear();
    problems.into_result(name)?;
    let tally = import.tally;
    if !dry_run {
        bulk.commit()?;
    }
    Ok(tally)
}

/// One import in progress: what was checked and done so far.
struct Import<'b, 'a> {
    checker: RowChecker<'b, 'a>,
    bulk: &'b Bulk<'a>,
    columns: &'b Columns,
    /// Fingerprints of the entries this import added.
    added: HashSet<u64>,
    /// The line of each entry number seen so far.
    numbered: HashMap<i64, u64>,
    recorded_at: String,
    tally: ImportTally,
}

impl Import<'_, '_> {
    /// Checks one row and, while the file has no bad row yet, records what it says.
    fn row(&mut self, record: &StringRecord, problems: &mut Problems) -> Result<()> {
        self.tally.rows += 1;
        let line = line_of(record);
        let (number, row) = match self.checker.check(record) {
            Ok(checked) => checked,
            Err(Refused::Fatal(e)) => return Err(e),
            Err(Refused::Row(errors)) => {
                errors.iter().for_each(|e| problems.add_error(line, e));
                return Ok(());
            }
        };
        if let Some(number) = number {
            if let Some(first) = self.numbered.insert(number, line) {
                let again = format!("entry {number} is also on line {first}; keep one row per entry");
                problems.add(line, again, self.columns.get(record, "entry"));
                return Ok(());
            }
        }
        // Once a row is bad nothing will be written: only keep checking the rest.
        if !problems.is_empty() {
            return Ok(());
        }
        match row {
            Row::Skipped => self.tally.skipped += 1,
            Row::Retract(entry) => {
                self.bulk.retract(
                    entry,
                    &format!("retracted in spreadsheet, line {line}"),
                    &self.recorded_at,
                )?;
                self.tally.retractions.push(Retraction { line, entry });
            }
            Row::Entry { entry, target, replaces } => {
                if target.withdrawn {
                    let why = "the commitment was withdrawn from its statement";
                    problems.add(line, why, self.columns.get(record, "commitment"));
                    return Ok(());
                }
                match replaces {
                    Some(old) => self.correct(line, old, &entry)?,
                    None => self.add(&entry, target.had_entries)?,
                }
            }
            Row::Unchanged => self.tally.unchanged += 1,
        }
        Ok(())
    }

    /// Records a row without a live entry number, unless it is already recorded.
    fn add(&mut self, entry: &NewEntry, had_entries: bool) -> Result<()> {
        let print = fingerprint(entry);
        // Only a commitment that had entries before, or a row like one added earlier in this
        // file, can be a duplicate: ask the database only then.
        let maybe_recorded = had_entries || self.added.contains(&print);
        if maybe_recorded && self.bulk.is_recorded(entry)? {
            self.tally.unchanged += 1;
        } else {
            self.bulk.append(entry, &self.recorded_at)?;
            self.added.insert(print);
            self.tally.added += 1;
        }
        Ok(())
    }

    /// Retracts entry `old` and records the row that corrects it.
    fn correct(&mut self, line: u64, old: i64, entry: &NewEntry) -> Result<()> {
        self.bulk.retract(old, &format!("corrected in spreadsheet, line {line}"), &self.recorded_at)?;
        let by = self.bulk.insert(entry, &self.recorded_at)?;
        self.added.insert(fingerprint(entry));
        self.tally.corrections.push(Correction { line, entry: old, by });
        Ok(())
    }
}

fn open(path: &Path) -> Result<(Box<dyn Read>, Option<u64>)> {
    if path == Path::new("-") {
        return Ok((Box::new(io::stdin().lock()), None));
    }
    let file = File::open(path).map_err(|source| Error::File {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    let size = file.metadata().ok().map(|m| m.len());
    Ok((Box::new(file), size))
}

fn progress_bar(size: Option<u64>) -> ProgressBar {
    match size {
        Some(bytes) if bytes >= BAR_MIN_BYTES && io::stderr().is_terminal() => {
            let bar = ProgressBar::new(bytes);
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {eta} left") {
                bar.set_style(style);
            }
            bar
        }
        _ => ProgressBar::hidden(),
    }
}
