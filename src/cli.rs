//! The command line, as clap types only: one `Args` struct per command. Values users type
//! (statuses, dates, ids, URLs, owners) are parsed here into domain types, so commands never
//! re-check them; a bad value is a runtime error (exit 1) naming the value, like every other
//! refusal of bad data. Free-text values (notes, reasons, titles, texts) may start with `-`.

use std::path::PathBuf;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, Parser, Subcommand};

pub use crate::domain::GroupBy;
use crate::domain::{
    ClosedSet, CommitmentRef, DateArg, EvidenceUrl, KnownAt, OwnerName, ParagraphRef, Percent, ReportDate,
    Role, Search, Stance, Status, closed_set_traits,
};

const EXAMPLES: &str = "\
Examples:
  ctrack demo                                   # try it on a throw-away database
  ctrack import statement chair-statement.txt --key gdi-2023
  ctrack list --topic 1
  ctrack assign 1.1.2 ITU --role lead
  ctrack log 1.1.2 --status in-progress --percent 40 --as-of 2024-03-31 \\
      --note \"Pilot in 3 countries\" --evidence https://example.org/report
  ctrack entries --since yesterday              # what did I record lately?
  ctrack retract --last                         # take back my newest entry
  ctrack report --by topic --as-of 2024-06-30
  ctrack export status -o status.csv --excel

Database: --db PATH, else $CTRACK_DB, else $XDG_DATA_HOME/ctrack/ctrack.db
(~/.local/share/ctrack/ctrack.db). Author of entries: --author, else $CTRACK_AUTHOR, else $USER.
A write waits up to 30 s for another process's write to finish; $CTRACK_BUSY_TIMEOUT_MS changes it.";

/// Track the commitments of a policy statement: owners, dated progress, evidence, reports.
#[derive(Debug, Parser)]
#[command(name = "ctrack", version, about, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    /// The database: a file, or a PostgreSQL URL (postgresql://USER@HOST/DB) [default:
    /// $CTRACK_DB, else $XDG_DATA_HOME/ctrack/ctrack.db]
    #[arg(long, global = true, value_name = "PATH|URL")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// Every ctrack command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database (harmless if it exists)
    Init,
    /// Import a statement, a curated list of commitments, or progress entries
    #[command(subcommand)]
    Import(ImportCommand),
    /// List the statements in the database, with their commitment counts
    Statements(FormatArgs),
    /// List commitments with their current status
    List(ListArgs),
    /// Show one commitment: text, source paragraph, owners, due date, timeline, evidence
    Show(ShowArgs),
    /// Add a commitment the importer missed
    Add(AddArgs),
    /// Change a commitment's text, due date or topic (previous values are kept)
    Edit(EditArgs),
    /// Make an organisation or person an owner of a commitment
    Assign(AssignArgs),
    /// Remove an owner from a commitment
    Unassign(UnassignArgs),
    /// List owners with the number of commitments they lead and support
    Owners(FormatArgs),
    /// Record progress on a commitment (one dated entry)
    Log(LogArgs),
    /// Retract a mistaken entry: it stays in history, marked, and stops counting
    Retract(RetractArgs),
    /// List progress entries with their numbers: what was recorded, by whom, when
    Entries(EntriesArgs),
    /// Withdraw a commitment found by mistake: it leaves every list and report, kept in history
    Withdraw(WithdrawArgs),
    /// Bring a withdrawn commitment back
    Restore(RestoreArgs),
    /// Add or list evidence links
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// Print status tables by topic, owner, status or statement
    Report(ReportArgs),
    /// Write status, progress, evidence or summary rows as CSV or JSON
    Export(ExportArgs),
    /// Close a reporting round, so its reports can be reproduced later
    #[command(subcommand)]
    Round(RoundCommand),
    /// List the closed reporting rounds
    Rounds(FormatArgs),
    /// What changed between two dates, periods or rounds, one row per commitment
    Diff(DiffArgs),
    /// Check the data for gaps before publishing (no lead, no evidence, stale, …)
    Lint(LintArgs),
    /// Copy a whole database (SQLite file or PostgreSQL URL) into an empty one, losslessly
    Copy(CopyArgs),
    /// Build a throw-away database from the bundled statement and show the report
    Demo(DemoArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
}

/// What `ctrack import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Read a statement's text and record each commitment in it
    Statement(ImportStatementArgs),
    /// Record a curated list of commitments from a CSV file
    Commitments(ImportCommitmentsArgs),
    /// Record progress entries from a CSV file (the columns of `export progress`); a row edited
    /// in a spreadsheet corrects its entry, and `retracted` true retracts it
    Progress(ImportProgressArgs),
}

/// How finely `import statement` cuts paragraphs into commitments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GranularityArg {
    #[default]
    Clause,
    Paragraph,
}

#[derive(Debug, Args)]
pub struct ImportStatementArgs {
    /// The statement as plain text (UTF-8)
    pub file: PathBuf,
    /// Statement key [default: a slug of the file name]
    #[arg(long, value_name = "K")]
    pub key: Option<String>,
    /// Title [default: the first non-empty line]
    #[arg(allow_hyphen_values = true, long, value_name = "T")]
    pub title: Option<String>,
    /// Date of the statement, YYYY-MM-DD [default: the first date in the text]
    #[arg(long, value_name = "D", value_parser = crate::domain::parse_date)]
    pub date: Option<chrono::NaiveDate>,
    #[arg(long, value_parser = closed::<GranularityArg>(), default_value_t)]
    pub granularity: GranularityArg,
    /// Show what would be recorded and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Review the parse: print every sentence, heading and removed line with its verdict and
    /// the cue that decided it, and write nothing
    #[arg(long)]
    pub explain: bool,
    #[arg(long, value_parser = closed::<ListFormat>(), default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ImportCommitmentsArgs {
    /// CSV with columns topic_no,topic,text and optionally commitment,due,lead,support
    pub file: PathBuf,
    /// Statement key
    #[arg(long, value_name = "K")]
    pub key: String,
    /// Title [default: the key]
    #[arg(allow_hyphen_values = true, long, value_name = "T")]
    pub title: Option<String>,
    /// Date of the statement, YYYY-MM-DD
    #[arg(long, value_name = "D", value_parser = crate::domain::parse_date)]
    pub date: Option<chrono::NaiveDate>,
    /// Check the file and show what would be recorded, writing nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ImportProgressArgs {
    /// CSV file with the columns of `export progress`, or - for standard input
    pub file: PathBuf,
    /// Check every row and report what would be added, corrected and retracted, writing nothing
    #[arg(long)]
    pub dry_run: bool,
    /// text, or json for the numbers
    #[arg(long, value_parser = closed::<SummaryFormat>(), default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

/// Output formats of a summary of what a command did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryFormat {
    Text,
    Json,
}

/// Output formats of listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Csv,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct FormatArgs {
    #[arg(long, value_parser = closed::<ListFormat>(), default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Filters shared by `list`, `report` and `export`.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Only this statement (key)
    #[arg(long, value_name = "K")]
    pub statement: Option<String>,
    /// Only this topic number
    #[arg(long, value_name = "T", value_parser = topic_number)]
    pub topic: Option<u32>,
    /// Only commitments this owner leads or supports (any case, or a unique beginning: "world")
    #[arg(long, value_name = "O", value_parser = parse::<OwnerName>)]
    pub owner: Option<OwnerName>,
    /// Only these statuses (repeatable; `unassessed` allowed)
    #[arg(long = "status", value_name = "S", value_parser = closed::<Status>())]
    pub statuses: Vec<Status>,
    /// Only commitments past their due date and not done or abandoned
    #[arg(long)]
    pub overdue: bool,
    /// Only commitments whose text has all these words (whole words, any case; `digit*` matches
    /// words beginning with "digit")
    #[arg(long, value_name = "TEXT", value_parser = parse::<Search>)]
    pub search: Option<Search>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Status as of this date (YYYY-MM-DD, today, yesterday, or a period's last day: 2024Q2,
    /// 2024-06, 2024) [default: today]
    #[arg(long, value_name = "D", value_parser = parse::<ReportDate>)]
    pub as_of: Option<ReportDate>,
    /// Only commitments with no entry in the N days before the as-of date
    #[arg(long, value_name = "N", value_parser = day_count)]
    pub stale_days: Option<u32>,
    #[arg(long, value_parser = closed::<ListFormat>(), default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Commitment id (KEY:T.P.C, or T.P.C when unambiguous)
    #[arg(value_parser = parse::<CommitmentRef>)]
    pub id: CommitmentRef,
    /// Status as of this date (or a period's last day: 2024Q2, 2024-06, 2024); entries
    /// recorded after it are marked [default: today]
    #[arg(long, value_name = "D", value_parser = parse::<ReportDate>)]
    pub as_of: Option<ReportDate>,
    #[arg(long, value_parser = closed::<ShowFormat>(), default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// Output formats of `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Statement key
    #[arg(long, value_name = "K")]
    pub statement: String,
    /// Topic number
    #[arg(long, value_name = "T", value_parser = topic_number)]
    pub topic: u32,
    /// The commitment's text
    #[arg(allow_hyphen_values = true, value_parser = commitment_text)]
    pub text: String,
    /// Due date, YYYY-MM-DD
    #[arg(long, value_name = "D", value_parser = crate::domain::parse_date)]
    pub due: Option<chrono::NaiveDate>,
    /// The paragraph of the topic it comes from (T.P, e.g. 2.3): the id becomes KEY:T.P.C
    #[arg(long, value_name = "T.P", value_parser = parse::<ParagraphRef>)]
    pub paragraph: Option<ParagraphRef>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// Commitment id
    #[arg(value_parser = parse::<CommitmentRef>)]
    pub id: CommitmentRef,
    /// New text
    #[arg(allow_hyphen_values = true, long, value_parser = commitment_text)]
    pub text: Option<String>,
    /// New due date, YYYY-MM-DD
    #[arg(long, value_name = "D", value_parser = crate::domain::parse_date, conflicts_with = "no_due")]
    pub due: Option<chrono::NaiveDate>,
    /// Remove the due date
    #[arg(long)]
    pub no_due: bool,
    /// Move to this topic number of the same statement (the id does not change)
    #[arg(long, value_name = "T", value_parser = topic_number)]
    pub topic: Option<u32>,
}

#[derive(Debug, Args)]
pub struct AssignArgs {
    /// Commitment id
    #[arg(value_parser = parse::<CommitmentRef>)]
    pub id: CommitmentRef,
    /// Organisation or person (matched case-insensitively)
    #[arg(value_parser = parse::<OwnerName>)]
    pub owner: OwnerName,
    /// lead or support
    #[arg(long, value_parser = closed::<Role>(), default_value = "lead")]
    pub role: Role,
    /// The day the owner takes up the role: YYYY-MM-DD, today, yesterday [default: today]
    #[arg(long, value_name = "D", value_parser = parse::<DateArg>)]
    pub as_of: Option<DateArg>,
}

#[derive(Debug, Args)]
pub struct UnassignArgs {
    /// Commitment id
    #[arg(value_parser = parse::<CommitmentRef>)]
    pub id: CommitmentRef,
    /// Organisation or person
    #[arg(value_parser = parse::<OwnerName>)]
    pub owner: OwnerName,
    /// The first day the owner no longer holds the role: YYYY-MM-DD, today, yesterday
    /// [default: today]
    #[arg(long, value_name = "D", value_parser = parse::<DateArg>)]
    pub as_of: Option<DateArg>,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Commitment id
    #[arg(value_parser = parse::<CommitmentRef>)]
    pub id: CommitmentRef,
    /// not-started, in-progress, stalled, partial, done, abandoned or unclear
    #[arg(long, value_name = "S", value_parser = Status::parse_recordable)]
    pub status: Status,
    /// Completion, 0–100 (`done` without it means 100)
    #[arg(long, value_name = "N", value_parser = parse::<Percent>)]
    pub percent: Option<Percent>,
    /// What happened
    #[arg(allow_hyphen_values = true, long, value_name = "TEXT")]
    pub note: Option<String>,
    /// An http(s) link supporting the entry (repeatable)
    #[arg(long, value_name = "URL", value_parser = parse::<EvidenceUrl>)]
    pub evidence: Vec<EvidenceUrl>,
    /// The date the entry describes: YYYY-MM-DD, today, yesterday [default: today]
    #[arg(long, value_name = "D", value_parser = parse::<DateArg>)]
    pub as_of: Option<DateArg>,
    /// Who records it [default: $CTRACK_AUTHOR, else $USER]
    #[arg(allow_hyphen_values = true, long, value_name = "A")]
    pub author: Option<String>,
}

#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// Commitment id
    #[arg(value_parser = parse::<CommitmentRef>)]
    pub id: CommitmentRef,
    /// Why it is not a commitment
    #[arg(allow_hyphen_values = true, long, value_name = "TEXT", value_parser = withdraw_reason)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// Commitment id
    #[arg(value_parser = parse::<CommitmentRef>)]
    pub id: CommitmentRef,
}

#[derive(Debug, Args)]
pub struct RetractArgs {
    /// Entry number (shown by `log`, `show` and `entries`)
    #[arg(value_parser = entry_number, required_unless_present = "last", conflicts_with = "last")]
    pub entry: Option<i64>,
    /// Retract the newest entry you recorded that still counts (you: see --author)
    #[arg(long)]
    pub last: bool,
    /// Why the entry is wrong [required with ENTRY; with --last, default: "undone with retract --last"]
    #[arg(
        allow_hyphen_values = true,
        long,
        value_name = "TEXT",
        value_parser = reason,
        required_unless_present = "last"
    )]
    pub reason: Option<String>,
    /// With --last: whose newest entry [default: $CTRACK_AUTHOR, else $USER]
    #[arg(allow_hyphen_values = true, long, value_name = "A", requires = "last")]
    pub author: Option<String>,
}

#[derive(Debug, Args)]
pub struct EntriesArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only entries recorded on or after this date (YYYY-MM-DD, today, yesterday)
    #[arg(long, value_name = "D", value_parser = parse::<DateArg>)]
    pub since: Option<DateArg>,
    /// Only entries recorded by this author (exact name)
    #[arg(allow_hyphen_values = true, long, value_name = "A")]
    pub author: Option<String>,
    #[arg(long, value_parser = closed::<ListFormat>(), default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// What `ctrack evidence` does.
#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Attach an http(s) link to a commitment
    Add(EvidenceAddArgs),
    /// List evidence links, of one commitment or all
    List(EvidenceListArgs),
    /// Take a wrong link out: it stays in history, marked, and stops counting
    Remove(EvidenceRemoveArgs),
}

#[derive(Debug, Args)]
pub struct EvidenceRemoveArgs {
    /// Evidence number (shown by `evidence list` and `show`)
    #[arg(value_parser = evidence_number)]
    pub id: i64,
    /// Why the link is wrong
    #[arg(allow_hyphen_values = true, long, value_name = "TEXT", value_parser = link_reason)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct EvidenceAddArgs {
    /// Commitment id
    #[arg(value_parser = parse::<CommitmentRef>)]
    pub id: CommitmentRef,
    /// An absolute http:// or https:// URL
    #[arg(value_parser = parse::<EvidenceUrl>)]
    pub url: EvidenceUrl,
    /// A short title
    #[arg(allow_hyphen_values = true, long, value_name = "T")]
    pub title: Option<String>,
    /// supports, contradicts or context
    #[arg(long, value_name = "S", value_parser = closed::<Stance>())]
    pub stance: Option<Stance>,
}

#[derive(Debug, Args)]
pub struct EvidenceListArgs {
    /// Only this commitment
    #[arg(value_parser = parse::<CommitmentRef>)]
    pub id: Option<CommitmentRef>,
    #[arg(long, value_parser = closed::<ListFormat>(), default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Output formats of reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Table,
    Csv,
    Json,
    Markdown,
    Html,
}

#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Group rows by
    #[arg(long, value_parser = closed::<GroupBy>(), default_value_t)]
    pub by: GroupBy,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Status as of this date (YYYY-MM-DD, today, yesterday, or a period's last day: 2024Q2,
    /// 2024-06, 2024) [default: today]
    #[arg(long, value_name = "D", value_parser = parse::<ReportDate>)]
    pub as_of: Option<ReportDate>,
    /// A commitment is stale with no entry in this many days before the as-of date
    #[arg(long, value_name = "N", value_parser = day_count, default_value_t = 180)]
    pub stale_days: u32,
    /// Reproduce a closed round: its date, with only what was known when it was closed
    #[arg(long, value_name = "NAME", conflicts_with_all = ["as_of", "known_at"])]
    pub round: Option<String>,
    /// Read only what ctrack knew at this moment (RFC 3339, or a date meaning its end, UTC)
    #[arg(long, value_name = "TIMESTAMP", value_parser = parse::<KnownAt>)]
    pub known_at: Option<KnownAt>,
    /// Output format [default: from the -o extension, else table]
    #[arg(long, value_parser = closed::<ReportFormat>())]
    pub format: Option<ReportFormat>,
    /// Write to this file (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Below the counts, every commitment under its topic: owners, status, latest note,
    /// evidence, due date (CSV: one row per commitment)
    #[arg(long)]
    pub detail: bool,
}

/// The row sets `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Status,
    Progress,
    Evidence,
    Summary,
}

/// Output formats of exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export
    #[arg(value_parser = closed::<ExportKind>())]
    pub what: ExportKind,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Status as of this date (or a period's last day: 2024Q2, 2024-06, 2024), for status,
    /// summary, --status and --overdue [default: today]; progress and evidence always export
    /// every row of the selected commitments
    #[arg(long, value_name = "D", value_parser = parse::<ReportDate>)]
    pub as_of: Option<ReportDate>,
    /// Status and summary: reproduce a closed round (its date, with what was known when it
    /// closed)
    #[arg(long, value_name = "NAME", conflicts_with_all = ["as_of", "known_at"])]
    pub round: Option<String>,
    /// Status and summary: read only what ctrack knew at this moment (RFC 3339, or a date
    /// meaning its end, UTC)
    #[arg(long, value_name = "TIMESTAMP", value_parser = parse::<KnownAt>)]
    pub known_at: Option<KnownAt>,
    /// Group summary rows by (summary only)
    #[arg(long, value_parser = closed::<GroupBy>(), default_value_t)]
    pub by: GroupBy,
    /// Summary only: a commitment is stale with no entry in this many days before the as-of date
    #[arg(long, value_name = "N", value_parser = day_count, default_value_t = 180)]
    pub stale_days: u32,
    /// Output format [default: from the -o extension, else csv]
    #[arg(long, value_parser = closed::<ExportFormat>())]
    pub format: Option<ExportFormat>,
    /// Write to this file (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV for Excel: UTF-8 BOM, CRLF line ends, `YYYY-MM-DD HH:MM:SS` timestamps
    #[arg(long)]
    pub excel: bool,
    /// CSV text cells as they are, without the spreadsheet-safety quote
    #[arg(long)]
    pub raw: bool,
}

/// What `ctrack round` does.
#[derive(Debug, Subcommand)]
pub enum RoundCommand {
    /// Record a reporting round: its as-of date and this moment
    Close(RoundCloseArgs),
}

#[derive(Debug, Args)]
pub struct RoundCloseArgs {
    /// A name for the round, e.g. 2024Q2 or interim-2024
    #[arg(value_parser = crate::domain::round_name)]
    pub name: String,
    /// The round's reporting date (YYYY-MM-DD, today, yesterday, or a period's last day:
    /// 2024Q2, 2024-06, 2024)
    #[arg(long, value_name = "D", value_parser = parse::<ReportDate>)]
    pub as_of: ReportDate,
    /// What the round is for
    #[arg(allow_hyphen_values = true, long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// From: a round name, a date (YYYY-MM-DD, today, yesterday) or a period (2024Q2, 2024-06, 2024)
    pub from: String,
    /// To: as FROM [default: today]
    pub to: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format
    #[arg(long, value_parser = closed::<ListFormat>(), default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Check the data as of this date (or a period's last day) [default: today]
    #[arg(long, value_name = "D", value_parser = parse::<ReportDate>)]
    pub as_of: Option<ReportDate>,
    /// The stale window: days without an entry before a commitment is stale
    #[arg(long, value_name = "N", value_parser = day_count, default_value_t = 180)]
    pub stale_days: u32,
    /// Exit 1 when anything is found (the findings are still printed)
    #[arg(long)]
    pub strict: bool,
    #[arg(long, value_parser = closed::<ListFormat>(), default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Report as of this date [default: the last date of the illustrative progress]
    #[arg(long, value_name = "D", value_parser = parse::<ReportDate>)]
    pub as_of: Option<ReportDate>,
    /// Also write the demo's report as one HTML file
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell
    #[arg(value_parser = closed::<Shell>())]
    pub shell: Shell,
}

/// A clap value parser for closed set `T`: any case, its aliases, the closest member suggested
/// (`ClosedSet::parse`); `--help` and completions list the members.
pub fn closed<T: ClosedSet + Clone + Send + Sync>() -> Closed<T> {
    Closed(std::marker::PhantomData)
}

/// See `closed`.
#[derive(Debug, Clone, Copy)]
pub struct Closed<T>(std::marker::PhantomData<T>);

impl<T: ClosedSet + Clone + Send + Sync> TypedValueParser for Closed<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        // A plain function parser: clap keeps our error as the source, which main prints.
        let parse = |text: &str| T::parse(text);
        parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let offered = T::ALL.iter().filter(|m| m.offered());
        Some(Box::new(offered.map(|m| match m.help() {
            "" => PossibleValue::new(m.as_str()),
            help => PossibleValue::new(m.as_str()).help(help),
        })))
    }
}

/// Declares a closed set of the command line: each variant with its one spelling and help.
macro_rules! cli_set {
    ($ty:ident, $kind:literal, [$($variant:ident => $name:literal, $help:literal),+ $(,)?]) => {
        impl ClosedSet for $ty {
            const KIND: &'static str = $kind;
            const ALL: &'static [$ty] = &[$($ty::$variant),+];

            fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }

            fn help(self) -> &'static str {
                match self {
                    $($ty::$variant => $help),+
                }
            }
        }

        closed_set_traits!($ty);
    };
}

cli_set!(GranularityArg, "granularity", [
    Clause => "clause", "One commitment per action",
    Paragraph => "paragraph", "One commitment per paragraph",
]);
cli_set!(ListFormat, "format", [
    Table => "table", "",
    Csv => "csv", "",
    Json => "json", "",
    Markdown => "markdown", "",
]);
cli_set!(SummaryFormat, "format", [Text => "text", "", Json => "json", ""]);
cli_set!(ShowFormat, "format", [Text => "text", "", Json => "json", ""]);
cli_set!(ReportFormat, "format", [
    Table => "table", "",
    Csv => "csv", "",
    Json => "json", "",
    Markdown => "markdown", "",
    Html => "html", "One self-contained HTML file: charts, owners × topics, every commitment",
]);
cli_set!(ExportKind, "export", [
    Status => "status", "One row per commitment with its current status",
    Progress => "progress", "One row per progress entry (what `import progress` reads)",
    Evidence => "evidence", "One row per evidence link",
    Summary => "summary", "One row per group, as `report --format csv` (see --by)",
]);
cli_set!(ExportFormat, "format", [Csv => "csv", "", Json => "json", ""]);
cli_set!(Shell, "shell", [
    Bash => "bash", "",
    Zsh => "zsh", "",
    Fish => "fish", "",
    Elvish => "elvish", "",
    PowerShell => "powershell", "",
]);

/// The shells `completions` writes scripts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    PowerShell,
}

impl Shell {
    /// The generator of clap_complete for this shell.
    pub fn generator(self) -> clap_complete::Shell {
        match self {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
            Shell::Elvish => clap_complete::Shell::Elvish,
            Shell::PowerShell => clap_complete::Shell::PowerShell,
        }
    }
}

/// A clap value parser from any `FromStr` domain type whose error names the value.
fn parse<T>(s: &str) -> Result<T, crate::error::Error>
where
    T: std::str::FromStr<Err = crate::error::Error>,
{
    s.parse()
}

/// A commitment's words, trimmed; never empty.
fn commitment_text(s: &str) -> Result<String, crate::error::Error> {
    non_empty(s, "commitment text", "give the commitment's words, e.g. \"improve digital access\"")
}

/// An entry number as `log`, `show` and `entries` print it.
fn entry_number(s: &str) -> Result<i64, crate::error::Error> {
    number(
        s,
        "entry number",
        "expected a number such as 12 (`ctrack entries` lists them), or --last for your newest entry",
    )
}

/// An evidence number as `evidence list` prints it.
fn evidence_number(s: &str) -> Result<i64, crate::error::Error> {
    number(s, "evidence number", "expected a number such as 3 (`ctrack evidence list` lists them)")
}

/// A topic number: a whole number, 0 for General.
fn topic_number(s: &str) -> Result<u32, crate::error::Error> {
    whole(
        s,
        "topic number",
        "expected a whole number such as 2 (0 is General); `ctrack list` shows the topics",
    )
}

/// A number of days.
fn day_count(s: &str) -> Result<u32, crate::error::Error> {
    whole(s, "number of days", "expected a whole number such as 180")
}

fn whole(s: &str, what: &'static str, expected: &str) -> Result<u32, crate::error::Error> {
    s.trim().parse::<u32>().map_err(|_| crate::error::Error::BadValue {
        what,
        value: s.to_string(),
        expected: expected.to_string(),
    })
}

fn number(s: &str, what: &'static str, expected: &str) -> Result<i64, crate::error::Error> {
    s.trim().parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| crate::error::Error::BadValue {
        what,
        value: s.to_string(),
        expected: expected.to_string(),
    })
}

/// Why an evidence link is removed, trimmed; never empty.
fn link_reason(s: &str) -> Result<String, crate::error::Error> {
    non_empty(s, "reason", "say why the link is wrong, e.g. --reason \"about another project\"")
}

/// Why an entry is retracted, trimmed; never empty.
fn reason(s: &str) -> Result<String, crate::error::Error> {
    non_empty(s, "reason", "say why the entry is wrong, e.g. --reason \"logged on the wrong commitment\"")
}

fn withdraw_reason(s: &str) -> Result<String, crate::error::Error> {
    non_empty(s, "reason", "say why it is not a commitment, e.g. --reason \"a welcome, not an action\"")
}

fn non_empty(s: &str, what: &'static str, expected: &str) -> Result<String, crate::error::Error> {
    match s.trim() {
        "" => {
            Err(crate::error::Error::BadValue { what, value: s.to_string(), expected: expected.to_string() })
        }
        text => Ok(text.to_string()),
    }
}

/// What each file extension given to `-o` means: the format's name as `--format` spells it.
/// One table for every command that writes files; a command takes the extensions whose
/// format it has.
const EXTENSIONS: [(&str, &str); 7] = [
    ("csv", "csv"),
    ("json", "json"),
    ("md", "markdown"),
    ("markdown", "markdown"),
    ("txt", "table"),
    ("html", "html"),
    ("htm", "html"),
];

/// The format `-o FILE` implies: `None` without an extension; an extension that is unknown,
/// or names a format this command does not write, is an error listing the ones it does.
pub fn format_of_path<F: ClosedSet>(path: &std::path::Path) -> crate::error::Result<Option<F>> {
    let Some(extension) = path.extension() else { return Ok(None) };
    let extension = extension.to_string_lossy().to_ascii_lowercase();
    let named = |name: &str| F::ALL.iter().find(|f| f.as_str() == name).copied();
    let found = EXTENSIONS.iter().find(|(ext, _)| *ext == extension).and_then(|(_, name)| named(name));
    match found {
        Some(format) => Ok(Some(format)),
        None => {
            let known: Vec<String> = EXTENSIONS
                .iter()
                .filter(|(_, name)| named(name).is_some())
                .map(|(ext, _)| format!(".{ext}"))
                .collect();
            Err(crate::error::Error::BadValue {
                what: "output file",
                value: path.display().to_string(),
                expected: format!(
                    ".{extension} is not a format this command writes; end the name in {} or give --format",
                    known.join(", ")
                ),
            })
        }
    }
}

/// `ctrack copy --from DB --to DB`.
#[derive(Debug, Args)]
pub struct CopyArgs {
    /// The database to copy: a file or a PostgreSQL URL (read only)
    #[arg(long, value_name = "PATH|URL")]
    pub from: PathBuf,
    /// The database to fill: a new or empty file, or an empty PostgreSQL database
    #[arg(long, value_name = "PATH|URL")]
    pub to: PathBuf,
}
