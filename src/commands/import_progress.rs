//! `ctrack import progress FILE|-`: progress entries from a spreadsheet — the columns of
//! `export progress`, in any order. Every row is checked; if any is bad nothing is written and
//! every bad row is named. Rows already recorded are skipped, so importing twice adds nothing.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::rc::Rc;

use csv::StringRecord;
use indicatif::{ProgressBar, ProgressStyle};

use super::csv_input::{self, Columns, Problems};
use crate::Context;
use crate::cli::ImportProgressArgs;
use crate::domain::{CommitmentRef, DateArg, EvidenceUrl, NewEntry, Percent, Status};
use crate::error::{Error, Result};
use crate::report::csv::unsafe_text;
use crate::store::{Bulk, Store};

const REQUIRED: [&str; 3] = ["commitment", "as_of", "status"];
const OPTIONAL: [&str; 5] = ["percent", "note", "author", "evidence", "retracted"];
const IGNORED: [&str; 2] = ["entry", "recorded_at"];

/// Files at least this big get a progress bar (when stderr is a terminal).
const BAR_MIN_BYTES: u64 = 4 << 20;

/// What the import did.
#[derive(Debug, Default)]
struct Tally {
    rows: u64,
    added: u64,
    recorded: u64,
    retracted: u64,
}

/// A row's meaning once checked.
enum Row {
    Entry { entry: NewEntry, target: Target },
    Retracted,
}

/// What the import needs to know of a commitment, looked up once per distinct id.
#[derive(Debug, Clone)]
struct Target {
    pk: i64,
    withdrawn: bool,
    /// Whether it had entries before this import reached it.
    had_entries: bool,
    /// The key and date of its statement, for `NewEntry::check` (shared: cloned per row).
    statement: (Rc<str>, Option<chrono::NaiveDate>),
}

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
    import_from(store, input, size, &name, args.dry_run, ctx, out)
}

/// Imports the entries read from `input`, named `name` in messages (`size` in bytes, if known).
pub(crate) fn import_from(
    store: &mut Store,
    input: impl Read,
    size: Option<u64>,
    name: &str,
    dry_run: bool,
    ctx: &Context,
    out: &mut impl Write,
) -> Result<()> {
    let bar = progress_bar(size);
    let mut reader = csv_input::reader(bar.wrap_read(input));
    let header = reader.headers().map_err(|e| read_error(name, e))?.clone();
    let columns = Columns::new(name, &header, &REQUIRED, &OPTIONAL, &IGNORED)?;
    let defaults =
        Defaults { author: ctx.author.clone(), has_author: header.iter().any(|h| h.trim() == "author") };
    let bulk = store.bulk()?;
    let mut checker =
        RowChecker { bulk: &bulk, ids: HashMap::new(), columns: &columns, today: ctx.today, defaults };
    let mut added = HashSet::new();
    let mut problems = Problems::default();
    let mut tally = Tally::default();
    let recorded_at = ctx.timestamp();
    let mut record = StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => tally.rows += 1,
            Ok(false) => break,
            Err(e) if e.is_io_error() => return Err(read_error(name, e)),
            Err(e) => {
                tally.rows += 1;
                problems.add(e.position().map_or(0, |p| p.line()), "unreadable row", &e.to_string());
                continue;
            }
        }
        let line = csv_input::line_of(&record);
        match checker.check(&columns, &record) {
            Err(errors) => errors.iter().for_each(|e| problems.add_error(line, e)),
            Ok(Row::Retracted) => tally.retracted += 1,
            // Once a row is bad nothing will be written: only keep checking the rest.
            Ok(Row::Entry { .. }) if !problems.is_empty() => {}
            Ok(Row::Entry { entry, target }) => {
                let print = fingerprint(&entry);
                // Only a commitment that had entries before, or a row like one added earlier in
                // this file, can be a duplicate: ask the database only then.
                let maybe_recorded = target.had_entries || added.contains(&print);
                if maybe_recorded && bulk.is_recorded(&entry)? {
                    tally.recorded += 1;
                } else if target.withdrawn {
                    problems.add(
                        line,
                        "the commitment was withdrawn from its statement",
                        checker.typed(&record),
                    );
                } else {
                    bulk.insert(&entry, &recorded_at)?;
                    added.insert(print);
                    tally.added += 1;
                }
            }
        }
    }
    bar.finish_and_clear();
    csv_input::finish(name, &reader)?;
    problems.into_result(name)?;
    if !dry_run {
        bulk.commit()?;
    }
    write_summary(name, &tally, dry_run, out)
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

/// What a row leaves blank.
struct Defaults {
    /// The author of rows when the file has no `author` column.
    author: String,
    has_author: bool,
}

/// Checks rows one by one, remembering the ids already resolved.
struct RowChecker<'b, 'a> {
    bulk: &'b Bulk<'a>,
    ids: HashMap<String, std::result::Result<Target, String>>,
    columns: &'b Columns,
    today: chrono::NaiveDate,
    defaults: Defaults,
}

impl RowChecker<'_, '_> {
    /// The row's entry, or every problem found in it.
    fn check(&mut self, columns: &Columns, record: &StringRecord) -> std::result::Result<Row, Vec<Error>> {
        let cell = |c| columns.get(record, c);
        let mut errors = Vec::new();
        match parse_flag(cell("retracted")) {
            Ok(true) => return Ok(Row::Retracted),
            Ok(false) => {}
            Err(e) => errors.push(e),
        }
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
        let author =
            if self.defaults.has_author { unsafe_text(cell("author")) } else { &self.defaults.author };
        let (Some(target), Some(as_of), Some(status)) = (commitment, as_of, status) else {
            return Err(errors);
        };
        let entry = NewEntry {
            commitment: target.pk,
            as_of,
            status,
            percent,
            // A note keeps its inner and outer whitespace, as written.
            note: unsafe_text(columns.get_raw(record, "note")).to_string(),
            author: author.to_string(),
            evidence,
        };
        if let Err(e) = entry.check((&target.statement.0, target.statement.1)) {
            errors.push(e);
        }
        match errors.is_empty() {
            true => Ok(Row::Entry { entry, target }),
            false => Err(errors),
        }
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
                withdrawn: row.withdrawn,
                had_entries: self.bulk.has_entries(row.pk)?,
                statement: self.bulk.statement_of(row.pk).map(|(key, date)| (key.into(), date))?,
            })
        });
        self.ids.insert(typed.to_string(), found.as_ref().map(Target::clone).map_err(|e| e.to_string()));
        found
    }

    /// The commitment id as typed in a row.
    fn typed<'r>(&self, record: &'r StringRecord) -> &'r str {
        self.columns.get(record, "commitment")
    }
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

fn read_error(name: &str, e: csv::Error) -> Error {
    Error::BadValue {
        what: "CSV file",
        value: name.to_string(),
        expected: format!("it cannot be read ({e}); save it as UTF-8 CSV with a header row"),
    }
}

fn write_summary(name: &str, t: &Tally, dry_run: bool, out: &mut impl Write) -> Result<()> {
    let (lead, add) = if dry_run { ("dry run, nothing written: ", "would add") } else { ("", "added") };
    let count = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    writeln!(
        out,
        "{lead}{name}: {}; {add} {}; {} already recorded (skipped); {} skipped",
        count(t.rows, "row", "rows"),
        count(t.added, "entry", "entries"),
        count(t.recorded, "entry", "entries"),
        count(t.retracted, "retracted row", "retracted rows"),
    )?;
    Ok(())
}
