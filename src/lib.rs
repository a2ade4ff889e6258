//! ctrack: record the commitments of a policy statement and keep an honest, dated record of
//! what happened to each one.
//!
//! Data flows one way: `cli` (clap types) → `commands` → `domain` (pure) and `statement`
//! (pure parser) → `store` (the only SQL) → `report` (rendering to `impl Write`).

pub mod cli;
pub mod commands;
pub mod domain;
pub mod error;
pub mod input;
pub mod report;
pub mod statement;
pub mod store;

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};

use crate::cli::{Cli, Command, EvidenceCommand, ImportCommand, RoundCommand};
use crate::error::{Error, Result};
use crate::store::{Access, DbTarget, Store};

/// What a command needs from the world besides its arguments, read once at start-up: the
/// clock and the environment. Tests build it by hand.
#[derive(Debug, Clone)]
pub struct Context {
    /// Now, in UTC: `recorded_at` of new entries.
    pub now: DateTime<Utc>,
    /// Today's date, local time: the default as-of date and the limit for back-dating.
    pub today: NaiveDate,
    /// Default author of entries ($CTRACK_AUTHOR, else $USER).
    pub author: DefaultAuthor,
    /// $CTRACK_DB.
    pub env_db: Option<PathBuf>,
    /// $XDG_DATA_HOME.
    pub xdg_data_home: Option<PathBuf>,
    /// $HOME.
    pub home: Option<PathBuf>,
    /// Where tables go: $COLUMNS, else the terminal's width when stdout is one, else none.
    pub terminal: crate::report::Terminal,
    /// How long a write waits for another process's write: $CTRACK_BUSY_TIMEOUT_MS, else
    /// `store::BUSY_TIMEOUT` (30 s).
    pub busy_timeout: Duration,
    /// $CTRACK_STATEMENT: the statement whose commitments short ids name first.
    pub statement: Option<String>,
}

/// Who entries are recorded as when `--author` is not given: $CTRACK_AUTHOR, else $USER.
#[derive(Debug, Clone, Default)]
pub struct DefaultAuthor {
    pub name: String,
    /// Whether $CTRACK_AUTHOR named it: a choice, like `--author`, where $USER is only a
    /// fallback (on PostgreSQL a choice of someone else is refused; see `Store::entry_author`).
    pub from_env: bool,
}

impl Context {
    /// Reads the clock and the environment. `CTRACK_NOW` (RFC 3339) fixes the clock, for
    /// reproducible output and tests.
    pub fn from_process() -> Result<Context> {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let (now, today) = match var("CTRACK_NOW") {
            Some(fixed) => {
                let text = fixed.to_string_lossy().into_owned();
                let now = DateTime::parse_from_rfc3339(&text)
                    .map_err(|_| Error::BadValue {
                        what: "CTRACK_NOW",
                        value: text,
                        expected: "expected an RFC 3339 time such as 2024-06-30T12:00:00Z, or unset it"
                            .into(),
                    })?
                    .with_timezone(&Utc);
                (now, now.date_naive())
            }
            None => (Utc::now(), chrono::Local::now().date_naive()),
        };
        let chosen = var("CTRACK_AUTHOR");
        let from_env = chosen.is_some();
        let author = chosen.or_else(|| var("USER"));
        Ok(Context {
            now,
            today,
            author: DefaultAuthor {
                name: author.map(|a| a.to_string_lossy().into_owned()).unwrap_or_default(),
                from_env,
            },
            env_db: var("CTRACK_DB").map(PathBuf::from),
            xdg_data_home: var("XDG_DATA_HOME").map(PathBuf::from),
            home: var("HOME").map(PathBuf::from),
            terminal: terminal(var("COLUMNS")),
            busy_timeout: busy_timeout(var("CTRACK_BUSY_TIMEOUT_MS"))?,
            statement: var("CTRACK_STATEMENT").map(|s| s.to_string_lossy().trim().to_string()),
        })
    }

    /// `now` as stored: RFC 3339 UTC, whole seconds.
    pub fn timestamp(&self) -> String {
        self.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }

    /// The database path: `--db`, else $CTRACK_DB, else $XDG_DATA_HOME/ctrack/ctrack.db, else
    /// ~/.local/share/ctrack/ctrack.db.
    pub fn db_path(&self, flag: Option<PathBuf>) -> Result<PathBuf> {
        flag.or_else(|| self.env_db.clone())
            .or_else(|| self.xdg_data_home.as_ref().map(|d| d.join("ctrack").join("ctrack.db")))
            .or_else(|| self.home.as_ref().map(|h| h.join(".local/share/ctrack/ctrack.db")))
            .ok_or(Error::NoDbLocation)
    }
}

fn busy_timeout(millis: Option<std::ffi::OsString>) -> Result<Duration> {
    let Some(millis) = millis else { return Ok(crate::store::BUSY_TIMEOUT) };
    let text = millis.to_string_lossy().into_owned();
    match text.trim().parse::<u64>() {
        Ok(ms) => Ok(Duration::from_millis(ms)),
        Err(_) => Err(Error::BadValue {
            what: "CTRACK_BUSY_TIMEOUT_MS",
            value: text,
            expected: "expected a whole number of milliseconds such as 30000, or unset it".into(),
        }),
    }
}

/// `$COLUMNS` when set to a number, else the terminal's width when stdout is one, else none:
/// a pipe or a file gets whole lines, nothing wrapped or hidden.
fn terminal(columns: Option<std::ffi::OsString>) -> crate::report::Terminal {
    let columns = columns.and_then(|c| c.to_str().and_then(|c| c.trim().parse().ok())).filter(|&c| c > 0);
    let width = columns.or_else(|| comfy_table::Table::new().width());
    crate::report::Terminal { width }
}

/// Runs one parsed command line, writing its output to `out`.
pub fn run(cli: Cli, ctx: &Context, out: &mut impl Write) -> Result<()> {
    // Database errors are classified where the busy timeout and the path are not known: say
    // them here.
    let path = ctx.db_path(cli.db.clone()).ok();
    run_command(cli, ctx, out).map_err(|e| {
        let e = e.with_busy_timeout(ctx.busy_timeout);
        match &path {
            Some(path) => e.with_db_path(path),
            None => e,
        }
    })
}

fn run_command(cli: Cli, ctx: &Context, out: &mut impl Write) -> Result<()> {
    use crate::commands::*;
    let Cli { db, command } = cli;
    let open = |access| open_store(ctx, db.clone(), access, Access::Read);
    match command {
        Command::Completions(args) => completions::run(args, out),
        Command::Demo(args) => demo::run(args, db.clone(), ctx, out),
        Command::Copy(args) => copy::run(args, ctx, out),
        // Inputs are read and checked before the database is opened: a refused file must not
        // even create one.
        Command::Import(ImportCommand::Statement(args)) => {
            let access = (!args.dry_run && !args.explain).then_some(Access::Create);
            let input = import_statement::read(args)?;
            import_statement::run(&mut open(access)?, input, ctx, out)
        }
        Command::Import(ImportCommand::Commitments(args)) => {
            let access = (!args.dry_run).then_some(Access::Create);
            let input = import_commitments::read(args)?;
            import_commitments::run(&mut open(access)?, input, ctx, out)
        }
        Command::Init => init::run(&mut open(Some(Access::Create))?, out),
        Command::Import(ImportCommand::Progress(args)) => {
            let access = (!args.dry_run).then_some(Access::Existing);
            // Its dry run records the entries in a transaction it rolls back: it needs to write.
            import_progress::run(&mut open_store(ctx, db.clone(), access, Access::Existing)?, args, ctx, out)
        }
        Command::Statements(args) => statements::run(&mut open(READ)?, args, ctx, out),
        Command::List(args) => list::run(&mut open(READ)?, args, ctx, out),
        Command::Show(args) => show::run(&mut open(READ)?, args, ctx, out),
        Command::Add(args) => add::run(&mut open(EXISTING)?, args, ctx, out),
        Command::Edit(args) => edit::run(&mut open(EXISTING)?, args, ctx, out),
        Command::Assign(args) => assign::run(&mut open(EXISTING)?, args, ctx, out),
        Command::Unassign(args) => assign::run_unassign(&mut open(EXISTING)?, args, ctx, out),
        Command::Owners(args) => owners::run(&mut open(READ)?, args, ctx, out),
        Command::Log(args) => log::run(&mut open(EXISTING)?, args, ctx, out),
        Command::Retract(args) => retract::run(&mut open(EXISTING)?, args, ctx, out),
        Command::Withdraw(args) => withdraw::run(&mut open(EXISTING)?, args, ctx, out),
        Command::Restore(args) => restore::run(&mut open(EXISTING)?, args, ctx, out),
        Command::Entries(args) => entries::run(&mut open(READ)?, args, ctx, out),
        Command::Evidence(args) => {
            let access = if matches!(args, EvidenceCommand::List(_)) { READ } else { EXISTING };
            evidence::run(&mut open(access)?, args, ctx, out)
        }
        Command::Report(args) => report::run(&mut open(READ)?, args, ctx, out),
        Command::Export(args) => export::run(&mut open(READ)?, args, ctx, out),
        Command::Round(RoundCommand::Close(args)) => round::run(&mut open(EXISTING)?, args, ctx, out),
        Command::Rounds(args) => round::run_list(&mut open(READ)?, args, ctx, out),
        Command::Diff(args) => diff::run(&mut open(READ)?, args, ctx, out),
        Command::Lint(args) => lint::run(&mut open(READ)?, args, ctx, out),
    }
}

/// Every other command works on a database that must already exist...
const EXISTING: Option<Access> = Some(Access::Existing);

/// ...and those that only read it open it read-only, so a user who may not write it can.
const READ: Option<Access> = Some(Access::Read);

/// Opens the database for a command. `None`: a dry run, which opens the database with
/// `dry_run` access if there is one and otherwise plans against an empty one in memory.
fn open_store(
    ctx: &Context,
    flag: Option<PathBuf>,
    access: Option<Access>,
    dry_run: Access,
) -> Result<Store> {
    let target = DbTarget::of(&ctx.db_path(flag)?)?;
    let mut store = match (access, &target) {
        (Some(access), _) => Store::open_target(&target, access, ctx.busy_timeout),
        (None, DbTarget::Sqlite(path)) if !path.exists() => Store::open_in_memory(),
        // A PostgreSQL database without ctrack's tables is what a missing file is on SQLite.
        (None, DbTarget::Postgres(_)) => match Store::open_target(&target, dry_run, ctx.busy_timeout) {
            Err(Error::NoPgSchema { .. }) => Store::open_in_memory(),
            opened => opened,
        },
        (None, _) => Store::open_target(&target, dry_run, ctx.busy_timeout),
    }?;
    store.prefer_statement(ctx.statement.clone());
    Ok(store)
}
