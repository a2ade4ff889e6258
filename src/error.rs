//! Every way a command can fail, each with one plain sentence naming the value and the fix, and
//! the one exit-code policy of PRODUCT.md: 0 ok, 1 runtime error, 2 usage error, broken pipe 0.

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;

use crate::input::InputError;
use crate::statement::ParseError;

/// ctrack's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A failure, worded for the person at the terminal.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "no database at {}; run `ctrack init` or `ctrack import statement FILE` to start one, or pass --db PATH",
        path.display()
    )]
    NoDatabase { path: PathBuf },
    #[error(
        "cannot tell where to keep the database: none of --db, CTRACK_DB, XDG_DATA_HOME or HOME is set; pass --db PATH"
    )]
    NoDbLocation,
    #[error("{} is not a ctrack database ({why}); it was left unchanged; pass --db with another path", path.display())]
    NotCtrack { path: PathBuf, why: String },
    #[error(
        "{} was written by a newer ctrack (schema version {found}; this ctrack knows up to version {supported}); upgrade ctrack to use it — the file was left unchanged",
        path.display()
    )]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error(
        "the database is locked by another process{}; try again when it has finished, or set CTRACK_BUSY_TIMEOUT_MS to wait longer",
        waited_for(waited)
    )]
    Locked {
        /// How long ctrack waited; `None` until `run` fills in the busy timeout.
        waited: Option<Duration>,
    },
    #[error("the disk is full while writing the database; free some space and retry — nothing was written")]
    DiskFull,
    #[error(
        "cannot write the database file (disk I/O error): the disk may be full or the file larger than this system allows; free some space and retry — nothing was written"
    )]
    CannotWrite,
    #[error(
        "cannot open or create the database file {}; check that its folder exists and is writable, or pass --db with another path",
        path.display()
    )]
    CannotOpen { path: PathBuf },
    #[error(
        "cannot use {} as the database: {} is a file, not a folder; pass --db with another path",
        path.display(),
        file.display()
    )]
    ParentIsFile { path: PathBuf, file: PathBuf },
    #[error(
        "the database {} is read-only for this user; ask whoever owns it for write access to the file and its folder, or copy it to a folder you can write and pass --db with the copy",
        path.as_ref().map_or_else(|| "file".into(), |p| p.display().to_string())
    )]
    ReadOnly {
        /// `None` until `with_db_path` fills it in.
        path: Option<PathBuf>,
    },
    #[error(
        "the database {} has changes in its write-ahead log {} that only a user who may write its folder can read; ask that user to run any ctrack command on it (which folds the log into the file), or to give you write access to the folder",
        path.display(),
        wal.display()
    )]
    UnfoldedLog { path: PathBuf, wal: PathBuf },
    #[error(
        "the database {} has schema version {found} and this ctrack reads version {supported}, so it must be upgraded first, which needs write access; ask whoever may write it to run any ctrack command on it",
        path.display()
    )]
    ReadOnlyUpgrade { path: PathBuf, found: i64, supported: i64 },
    #[error(
        "cannot connect to the PostgreSQL database {target}: {reason}; check the URL, that the server runs, and the password (PGPASSWORD or ~/.pgpass)"
    )]
    PgConnect { target: String, reason: String },
    #[error(
        "the PostgreSQL database {target} has no ctrack tables yet; run `ctrack init --db '{target}'` to create them"
    )]
    NoPgSchema { target: String },
    #[error(
        "the PostgreSQL database {target} holds tables that are not ctrack's; it was left unchanged; create an empty database for ctrack (`createdb ctrack`) and pass its URL"
    )]
    NotCtrackPg { target: String },
    #[error(
        "the PostgreSQL database {target} was written by a newer ctrack (schema version {found}; this ctrack knows up to version {supported}); upgrade ctrack to use it — the database was left unchanged"
    )]
    TooNewPg { target: String, found: i64, supported: i64 },
    #[error(
        "on a shared PostgreSQL database an entry's author is the database user who records it ({user}), so it cannot be recorded as {requested:?}; {}",
        author_fix(*from_env, user)
    )]
    AuthorIsDbUser { requested: String, user: String, from_env: bool },
    #[error(
        "cannot copy into {target}: it already holds data ({rows} rows in {table}); `ctrack copy` only fills an empty database — pass --to with a new file or an empty PostgreSQL database"
    )]
    CopyTargetNotEmpty { target: String, table: &'static str, rows: i64 },
    #[error("--from and --to name the same database ({0}); pass --to with another one")]
    CopyOntoItself(String),
    #[error("{0}")]
    PgConfig(#[from] crate::store::PgConfigError),
    #[error("database error while {context}: {source}")]
    Db { context: &'static str, source: Box<dyn std::error::Error + Send + Sync> },
    #[error(
        "the database user {user} may not do this ({detail}); ask the database's owner to grant the role ctrack_writer to {user} (`GRANT ctrack_writer TO {user}`), or use an account that has it"
    )]
    NotPermitted { user: String, detail: String },
    #[error("{0}")]
    AppendOnly(String),
    /// `init` on PostgreSQL by a role that may not create the group roles: the database's
    /// sentence, which names the role and what an administrator runs once.
    #[error("{0}")]
    NeedsAdministrator(String),
    #[error("cannot {action} {}: {source}", path.display())]
    File { action: &'static str, path: PathBuf, source: io::Error },
    #[error("cannot write output: {0}")]
    Output(#[from] io::Error),

    #[error("unknown {kind} {}{}; expected one of: {expected}", quote(value), did_you_mean(closest))]
    UnknownValue { kind: &'static str, value: String, closest: Option<String>, expected: String },
    #[error(
        "status \"unassessed\" is derived (no entry yet) and cannot be recorded; expected one of: not-started, in-progress, stalled, partial, done, abandoned, unclear"
    )]
    UnassessedNotRecordable,
    #[error("invalid percent {}; expected a whole number from 0 to 100", quote(.0))]
    BadPercent(String),
    #[error("invalid date {}; expected a real calendar date as YYYY-MM-DD, e.g. 2024-03-31", quote(.0))]
    BadDate(String),
    #[error(
        "date {date} is in the future (today is {today}); progress can only be recorded as of today or earlier"
    )]
    FutureDate { date: NaiveDate, today: NaiveDate },
    #[error(
        "percent {percent} does not fit status {status}, which means {means}%: give {means} or no percent, or another status such as partial or in-progress"
    )]
    PercentContradictsStatus { status: crate::domain::Status, percent: crate::domain::Percent, means: u8 },
    #[error(
        "date {as_of} is before statement {key}, dated {date}; progress on its commitments can only be recorded as of {date} or later"
    )]
    BeforeStatement { as_of: NaiveDate, key: String, date: NaiveDate },
    #[error("invalid evidence URL {}; expected an absolute http:// or https:// address", quote(.0))]
    BadUrl(String),
    #[error("owner name is empty; give an organisation or person, e.g. \"ITU\"")]
    EmptyOwner,
    #[error("invalid commitment id {}; expected KEY:T.P.C (e.g. gdi-2023:1.2.3) or T.P.C", quote(.0))]
    BadId(String),
    #[error(
        "invalid statement key {}; expected 1–64 lowercase letters, digits, '-' or '_' (e.g. gdi-2023)",
        quote(.0)
    )]
    BadKey(String),
    #[error("invalid {what} {}; {expected}", quote(value))]
    BadValue { what: &'static str, value: String, expected: String },

    #[error("unknown commitment {}{}", quote(id), suggest(matches))]
    UnknownCommitment { id: String, matches: Vec<String> },
    #[error(
        "commitment id {} is ambiguous; it matches {}; type the full id, or set CTRACK_STATEMENT to the statement you work on",
        quote(id),
        matches.join(", ")
    )]
    AmbiguousCommitment { id: String, matches: Vec<String> },
    #[error("unknown statement {}{}", quote(key), known_list(key, known))]
    UnknownStatement { key: String, known: Vec<String> },
    #[error(
        "CTRACK_STATEMENT names an unknown statement {}{}; set it to one of them, or unset it",
        quote(key),
        known_list(key, known)
    )]
    UnknownPreferredStatement { key: String, known: Vec<String> },
    #[error(
        "this text is already imported as statement {existing}, so it cannot also be statement {key}; nothing was written; to update {existing}, import the file with --key {existing}"
    )]
    SameText { key: String, existing: String },
    #[error("unknown topic {topic} in statement {}; its topics are: {known}", quote(key))]
    UnknownTopic { key: String, topic: String, known: String },
    #[error(
        "statement {} is dated {date}, after the as-of date {as_of}, so none of its commitments existed yet; pass --as-of {date} or later",
        quote(key)
    )]
    StatementAfter { key: String, date: String, as_of: NaiveDate },
    #[error("unknown topic {topic}: no statement has it; topics by statement: {known}")]
    TopicNowhere { topic: u32, known: String },
    #[error("unknown owner {}{}", quote(owner), owner_hint(closest, known))]
    UnknownOwner { owner: String, closest: Vec<String>, known: Vec<String> },
    #[error("owner {} is ambiguous: it begins {}; type more of the name", quote(owner), matches.join(", "))]
    AmbiguousOwner { owner: String, matches: Vec<String> },
    #[error(
        "no commitment has the word {} in its text{}; --search matches whole words in any case, and a word ending in * matches the words that begin with it",
        quote(word),
        suggest_words(closest)
    )]
    UnknownWord { word: String, closest: Vec<String> },
    #[error("unknown entry {0}; `ctrack entries` lists the entries with their numbers")]
    UnknownEntry(i64),
    #[error(
        "entry {entry} already records this: {commitment} {} as of {as_of} with the same note; nothing was recorded (`ctrack show {commitment}` lists its entries)",
        status.with_percent(*percent)
    )]
    SameEntry {
        entry: i64,
        commitment: String,
        status: crate::domain::Status,
        percent: Option<crate::domain::Percent>,
        as_of: NaiveDate,
    },
    #[error("entry {entry} is on {on}, not {row}; to record this row as a new entry, empty its entry cell")]
    EntryElsewhere { entry: i64, on: String, row: String },
    #[error(
        "entry {entry} of this database was recorded at {recorded_at}, not {}: the row comes from another database or names another entry; empty its entry cell to import it as a new entry",
        quote(row)
    )]
    OtherEntry { entry: i64, recorded_at: String, row: String },
    #[error(
        "no entry recorded by {} still counts, so there is nothing to retract; `ctrack entries --author NAME` lists the entries of an author",
        quote(author)
    )]
    NothingToUndo { author: String },
    #[error("unknown evidence {0}; `ctrack evidence list` shows the links with their numbers")]
    UnknownEvidence(i64),
    #[error("evidence {id} was already removed at {at} ({reason}); nothing changed")]
    AlreadyRemoved { id: i64, at: String, reason: String },
    #[error("entry {entry} was already retracted at {at} ({reason}); nothing changed")]
    AlreadyRetracted { entry: i64, at: String, reason: String },
    #[error("{owner} is not an owner of {commitment}{}; nothing changed", owner_list(owners))]
    NotAssigned { owner: String, commitment: String, owners: Vec<String> },
    #[error("commitment {id} is withdrawn ({why}), so {refused}; `ctrack show {id}` keeps its history")]
    Withdrawn { id: String, refused: &'static str, why: String },
    #[error(
        "commitment {id} is already withdrawn (since {at}, {why}); nothing changed; `ctrack restore {id}` brings it back"
    )]
    AlreadyWithdrawn { id: String, at: String, why: String },
    #[error(
        "commitment {id} is not withdrawn; nothing changed; `ctrack withdraw {id} --reason TEXT` withdraws it"
    )]
    NotWithdrawn { id: String },
    #[error("unknown paragraph {paragraph} in statement {}; {known}", quote(key))]
    UnknownParagraph { key: String, paragraph: String, known: String },
    #[error("nothing to change on {id}; give at least one of --text, --due, --no-due or --topic")]
    NothingToEdit { id: String },

    #[error("cannot read {}: {source}", path.display())]
    Parse { path: PathBuf, source: ParseError },
    /// A file of a kind ctrack cannot read, or a PDF or page with no text to read.
    #[error("{} {source}", path.display())]
    Input { path: PathBuf, source: InputError },
    #[error("{}{}", bad_rows(file, *rows, problems.len() + more), problems_list(problems, *more))]
    BadRows {
        file: String,
        /// Rows with at least one problem.
        rows: usize,
        /// The first problems, one sentence each.
        problems: Vec<String>,
        /// Problems found beyond those listed.
        more: usize,
    },
    // ---- the reporting cycle: owners over time, rounds, lint ----
    #[error("{what} as of {date} is in the future (today is {today}); give --as-of today or an earlier date")]
    FutureChange { what: &'static str, date: NaiveDate, today: NaiveDate },
    #[error(
        "{owner} is {role} of {commitment} from {since}; a change as of {date} cannot come before that; give --as-of {since} or later"
    )]
    OwnerChangeTooEarly { owner: String, role: String, commitment: String, since: NaiveDate, date: NaiveDate },
    #[error(
        "{owner} was an owner of {commitment} until {until}; a new assignment as of {date} would overlap it; give --as-of {until} or later"
    )]
    OwnerPeriodsOverlap { owner: String, commitment: String, until: NaiveDate, date: NaiveDate },
    #[error("unknown round {}{}", quote(name), round_list(known))]
    UnknownRound { name: String, known: Vec<String> },
    #[error(
        "a round named {} was already closed at {closed_at} (as of {as_of}); rounds are never changed, so choose another name",
        quote(name)
    )]
    DuplicateRound { name: String, as_of: NaiveDate, closed_at: String },
    #[error(
        "the round would be closed as of {as_of}, after today ({today}); give --as-of today or an earlier date"
    )]
    RoundInFuture { as_of: NaiveDate, today: NaiveDate },
    #[error("lint found {0}; fix them, or run without --strict to only list them")]
    LintFindings(String),
    /// Data ctrack wrote or bundled is not what it should be (a hand-edited database, a
    /// broken build); the sentence says what was found.
    #[error("{0}")]
    Corrupt(String),
}

/// Values longer than this many characters are cut in messages.
const QUOTE_MAX_CHARS: usize = 120;

/// A value as messages show it: in double quotes with control characters escaped, so that a
/// hostile cell can neither start a fake line nor drive the terminal, and cut after
/// `QUOTE_MAX_CHARS` characters, so that a 5 MB cell does not become a 5 MB message.
pub fn quote(value: &str) -> String {
    let shown: String = value.chars().take(QUOTE_MAX_CHARS).collect();
    if shown.len() == value.len() {
        format!("{shown:?}")
    } else {
        format!("{shown:?}… ({} characters)", value.chars().count())
    }
}

/// How to record an entry as yourself on PostgreSQL, after a chosen name was refused.
fn author_fix(from_env: bool, user: &str) -> String {
    if from_env {
        format!("unset CTRACK_AUTHOR (or set it to {user}), or connect as that user")
    } else {
        "leave out --author, or connect as that user".to_string()
    }
}

fn waited_for(waited: &Option<Duration>) -> String {
    waited.map_or_else(String::new, |w| format!(" (waited {} s)", w.as_secs_f64()))
}

fn suggest(matches: &[String]) -> String {
    if matches.is_empty() {
        "; `ctrack list` shows the ids".to_string()
    } else {
        format!("; did you mean {}?", matches.join(", "))
    }
}

fn did_you_mean(closest: &Option<String>) -> String {
    closest.as_ref().map_or_else(String::new, |c| format!(" (did you mean {c}?)"))
}

/// The statements an unknown key is told about: all of them, or with many, the closest first.
fn known_list(key: &str, known: &[String]) -> String {
    if known.is_empty() {
        return "; the database holds no statement yet: run `ctrack import statement FILE`".to_string();
    }
    if known.len() <= LISTED_MAX {
        return format!("; known statements: {}", known.join(", "));
    }
    let mut nearest: Vec<&String> = known.iter().collect();
    nearest.sort_by_key(|k| (strsim::levenshtein(key, k), k.as_str()));
    let shown: Vec<&str> = nearest[..LISTED_MAX].iter().map(|k| k.as_str()).collect();
    format!(
        "; the closest known statements: {} (`ctrack statements` lists all {})",
        shown.join(", "),
        known.len()
    )
}

/// How many known values a message lists before it points to the full list.
const LISTED_MAX: usize = 10;

fn owner_hint(closest: &[String], known: &[String]) -> String {
    match (closest, known) {
        ([_, ..], _) => format!("; did you mean {}?", closest.join(", ")),
        (_, []) => "; no owner is recorded yet (`ctrack assign ID OWNER` records one)".to_string(),
        (_, known) if known.len() > LISTED_MAX => format!(
            "; known owners include {} (`ctrack owners` lists all {})",
            known[..LISTED_MAX].join(", "),
            known.len()
        ),
        (_, known) => format!("; known owners: {}", known.join(", ")),
    }
}

fn suggest_words(closest: &[String]) -> String {
    if closest.is_empty() { String::new() } else { format!(" (did you mean {}?)", closest.join(", ")) }
}

fn round_list(known: &[String]) -> String {
    if known.is_empty() {
        "; no round has been closed yet: `ctrack round close NAME --as-of D` closes one".to_string()
    } else {
        format!("; known rounds: {}", known.join(", "))
    }
}

fn owner_list(owners: &[String]) -> String {
    if owners.is_empty() {
        ", which has no owners".to_string()
    } else {
        format!(", whose owners are: {}", owners.join(", "))
    }
}

fn bad_rows(file: &str, rows: usize, problems: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{file}: {} with {}, nothing was written; fix them and run the import again:",
        plural(rows, "bad row", "bad rows"),
        plural(problems, "problem", "problems")
    )
}

fn problems_list(problems: &[String], more: usize) -> String {
    let mut text = format!("\n  {}", problems.join("\n  "));
    if more > 0 {
        text.push_str(&format!("\n  … and {more} more"));
    }
    text
}

impl Error {
    /// The process exit code for this error: 0 for a closed pipe (the reader went away, as
    /// with `ctrack list | head`), 1 for everything else. Usage errors (2) come from clap.
    pub fn exit_code(&self) -> i32 {
        if self.is_broken_pipe() { 0 } else { 1 }
    }

    /// Says how long ctrack waited for a lock, now that the busy timeout is known.
    pub fn with_busy_timeout(self, timeout: Duration) -> Error {
        match self {
            Error::Locked { waited: None } => Error::Locked { waited: Some(timeout) },
            other => other,
        }
    }

    /// Names the database in a read-only error, now that its path is known.
    pub fn with_db_path(self, path: &std::path::Path) -> Error {
        match self {
            Error::ReadOnly { path: None } => Error::ReadOnly { path: Some(path.to_path_buf()) },
            other => other,
        }
    }

    /// Whether the error is stdout's reader having gone away.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Output(e) => e.kind() == io::ErrorKind::BrokenPipe,
            Error::File { source, .. } => source.kind() == io::ErrorKind::BrokenPipe,
            _ => false,
        }
    }
}

/// Adds what was being done to a database error; other errors pass through unchanged.
pub trait DbContext<T> {
    /// Names the operation that failed, e.g. `.context("insert entry")`.
    fn context(self, context: &'static str) -> Result<T>;
}

impl<T> DbContext<T> for Result<T> {
    fn context(self, context: &'static str) -> Result<T> {
        self.map_err(|e| match e {
            Error::Db { source, .. } => Error::Db { context, source },
            other => other,
        })
    }
}

// SQLite's own calls (opening, pragmas, migrations) classify through the SQLite backend.
impl<T> DbContext<T> for rusqlite::Result<T> {
    fn context(self, context: &'static str) -> Result<T> {
        self.map_err(crate::store::classify_sqlite).context(context)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(source: rusqlite::Error) -> Self {
        crate::store::classify_sqlite(source)
    }
}

// Writing CSV: keep the io error's kind, so a closed pipe is still recognised.
impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Self {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::Output(io),
            other => Error::Output(io::Error::other(format!("{other:?}"))),
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Output(io::Error::from(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_are_escaped_and_cut() {
        for (value, shown) in [
            ("complete", r#""complete""#),
            ("", r#""""#),
            ("加强 café", r#""加强 café""#),
            ("a\nerror: fake", r#""a\nerror: fake""#),
            ("\u{1b}[2J\0", r#""\u{1b}[2J\0""#),
            ("say \"hi\"", r#""say \"hi\"""#),
        ] {
            assert_eq!(quote(value), shown);
        }
        let long = "é".repeat(200);
        assert_eq!(quote(&long), format!("\"{}\"… (200 characters)", "é".repeat(QUOTE_MAX_CHARS)));
    }

    #[test]
    fn many_known_values_are_cut_to_the_closest() {
        let known: Vec<String> = (2010..2026).map(|year| format!("g20-{year}")).collect();
        let err = Error::UnknownStatement { key: "g20-2204".into(), known: known[..3].to_vec() };
        assert_eq!(
            err.to_string(),
            "unknown statement \"g20-2204\"; known statements: g20-2010, g20-2011, g20-2012"
        );
        let err = Error::UnknownStatement { key: "g20-2204".into(), known };
        assert_eq!(
            err.to_string(),
            "unknown statement \"g20-2204\"; the closest known statements: g20-2014, g20-2020, g20-2024, g20-2010, g20-2011, g20-2012, g20-2013, g20-2015, g20-2016, g20-2017 (`ctrack statements` lists all 16)"
        );
        let owners: Vec<String> = (1..=12).map(|n| format!("Org {n:02}")).collect();
        let err = Error::UnknownOwner { owner: "Red Cross".into(), closest: vec![], known: owners };
        assert_eq!(
            err.to_string(),
            "unknown owner \"Red Cross\"; known owners include Org 01, Org 02, Org 03, Org 04, Org 05, Org 06, Org 07, Org 08, Org 09, Org 10 (`ctrack owners` lists all 12)"
        );
    }

    #[test]
    fn a_lock_error_says_how_long_ctrack_waited_once_known() {
        let locked = Error::Locked { waited: None };
        assert_eq!(
            locked.to_string(),
            "the database is locked by another process; try again when it has finished, or set CTRACK_BUSY_TIMEOUT_MS to wait longer"
        );
        let waited = locked.with_busy_timeout(Duration::from_millis(1500)).to_string();
        assert!(waited.starts_with("the database is locked by another process (waited 1.5 s); "), "{waited}");
        let other = Error::DiskFull.with_busy_timeout(Duration::from_secs(1));
        assert!(matches!(other, Error::DiskFull));
    }
}
