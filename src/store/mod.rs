//! The only place with SQL. Opens the database — a SQLite file (foreign keys, WAL, busy
//! timeout; migrated by `PRAGMA user_version`) or a PostgreSQL database (`pg.rs`) — refuses one
//! that is not ctrack's or comes from a newer ctrack, and offers one file of queries per table,
//! written once against the backend-neutral `db::Db`.

mod bulk;
mod commitments;
mod copy;
mod corrections;
pub(crate) mod db;
mod edits;
mod entries;
mod entry_lookup;
mod evidence;
mod evidence_removal;
mod export;
mod known;
mod lint;
mod migrate;
mod owners;
mod pg;
mod read_only;
mod review;
mod rounds;
#[cfg(test)]
mod schema_sets;
mod seen;
mod show;
mod statements;
mod status;
mod timelines;
mod vocabulary;

pub use bulk::Bulk;
pub use migrate::SCHEMA_VERSION;
pub use status::{Detail, StateFilter};

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

use crate::error::{DbContext, Error, Result};
pub use db::pg_config::{DbTarget, PgConfigError};
pub(crate) use db::sqlite::classify as classify_sqlite;
use db::{Db, SqliteDb, WriteTx};

/// How long a writer waits for another writer before giving up, unless
/// `CTRACK_BUSY_TIMEOUT_MS` says otherwise.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// ctrack's SQLite `application_id` ("ctrk"), so other SQLite files are never mistaken for ours.
pub const APPLICATION_ID: i64 = 0x6374_726b;

/// Whether opening may create the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The database must exist (reading, and writing about commitments that must already be
    /// there): a missing one is an error, and nothing is created.
    Existing,
    /// Create the database (and its folder) on first use: `init` and the statement imports.
    Create,
    /// Only read an existing database, so a user who may read but not write it can
    /// (`read_only.rs`): listings, reports, exports, dry runs.
    Read,
}

/// An open, migrated ctrack database.
pub struct Store {
    db: Box<dyn Db>,
    /// The SQLite file (`None` in memory and on PostgreSQL).
    path: Option<PathBuf>,
    /// The PostgreSQL database, as shown to users (no password).
    server: Option<String>,
    /// The PostgreSQL user this store acts as: the author of every entry it records.
    db_user: Option<String>,
    /// The statement whose commitments short ids name first ($CTRACK_STATEMENT).
    preferred: Option<String>,
}

impl Store {
    /// Opens the database at `path`, checking it is ctrack's and migrating it to the current
    /// schema. Nothing is written to a file that is refused. A write waits up to
    /// `busy_timeout` for another process's write to finish.
    pub fn open(path: &Path, access: Access, busy_timeout: Duration) -> Result<Store> {
        if access == Access::Read {
            return read_only::open(path, busy_timeout);
        }
        Store::open_writable(path, access, busy_timeout).map_err(|e| e.with_db_path(path))
    }

    fn open_writable(path: &Path, access: Access, busy_timeout: Duration) -> Result<Store> {
        check_file(path, access)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | match access {
                Access::Existing | Access::Read => OpenFlags::empty(),
                Access::Create => OpenFlags::SQLITE_OPEN_CREATE,
            };
        let conn =
            Connection::open_with_flags(path, flags).map_err(|source| match source.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => not_ctrack(path, "not an SQLite file"),
                Some(rusqlite::ErrorCode::CannotOpen) => Error::CannotOpen { path: path.to_path_buf() },
                _ => Error::Db { context: "opening the database", source: Box::new(source) },
            })?;
        // SQLite quietly opens a file this user may not write for reading only: say so now,
        // before a command does any work it could not record.
        if conn.is_readonly(rusqlite::MAIN_DB).context("checking write access")? {
            return Err(Error::ReadOnly { path: Some(path.to_path_buf()) });
        }
        prepare(conn, Some(path), busy_timeout)
    }

    /// A fresh database in memory: for tests, dry runs and the demo.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().context("opening an in-memory database")?;
        prepare(conn, None, BUSY_TIMEOUT)
    }

    /// A store over a SQLite connection that is configured and at the current schema.
    fn sqlite(conn: Connection, path: Option<&Path>) -> Store {
        Store {
            db: Box::new(SqliteDb::new(conn)),
            path: path.map(Path::to_path_buf),
            server: None,
            db_user: None,
            preferred: None,
        }
    }

    /// A store over a PostgreSQL connection that is at the current schema.
    fn postgres(db: db::PgDb, server: String, user: String) -> Store {
        Store { db: Box::new(db), path: None, server: Some(server), db_user: Some(user), preferred: None }
    }

    /// Who entries are recorded as. On SQLite: `requested` (`--author`), else `default`
    /// ($CTRACK_AUTHOR, $USER). On PostgreSQL the database says who wrote an entry (a trigger
    /// sets it to `session_user`), so it is always the database user, and a name chosen with
    /// `--author` or $CTRACK_AUTHOR other than that user's is refused rather than silently
    /// replaced ($USER is only a fallback and never refused).
    pub fn entry_author(&self, requested: Option<&str>, default: &crate::DefaultAuthor) -> Result<String> {
        let Some(user) = &self.db_user else {
            return Ok(requested.unwrap_or(&default.name).to_string());
        };
        let chosen = match requested {
            Some(requested) => Some((requested, false)),
            None => default.from_env.then_some((default.name.as_str(), true)),
        };
        match chosen {
            Some((chosen, from_env)) if chosen != user => {
                Err(Error::AuthorIsDbUser { requested: chosen.to_string(), user: user.clone(), from_env })
            }
            _ => Ok(user.clone()),
        }
    }

    /// Whether a file's `author` column is kept (SQLite) or every entry is the database
    /// user's (PostgreSQL).
    pub fn authors_from_files(&self) -> bool {
        self.db_user.is_none()
    }

    /// Opens the database `--db` names: a PostgreSQL URL, or else a SQLite file.
    pub fn open_target(target: &DbTarget, access: Access, busy_timeout: Duration) -> Result<Store> {
        match target {
            DbTarget::Sqlite(path) => Store::open(path, access, busy_timeout),
            DbTarget::Postgres(url) => pg::open(&url.resolve_from_process()?, access, busy_timeout),
        }
    }

    /// Where the database is, as shown to users: its file, its PostgreSQL URL without the
    /// password, or `:memory:`.
    pub fn location(&self) -> String {
        match (&self.path, &self.server) {
            (Some(path), _) => path.display().to_string(),
            (None, Some(server)) => server.clone(),
            (None, None) => ":memory:".to_string(),
        }
    }

    /// Makes short ids (`1.1.2`) name a commitment of statement `key` first, and those of
    /// other statements only when `key` has none with that number. An unknown key is an error
    /// when a short id is resolved.
    pub fn prefer_statement(&mut self, key: Option<String>) {
        self.preferred = key;
    }

    /// Where the database lives (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Starts a write transaction that takes the write lock at once, so two writers queue on
    /// the busy timeout instead of failing when a read turns into a write. Dropped without
    /// `commit`, it rolls back.
    pub fn write(&self) -> Result<WriteTx<'_>> {
        WriteTx::begin(&*self.db).context("starting a write transaction")
    }

    /// The connection, for queries.
    pub(crate) fn db(&self) -> &dyn Db {
        &*self.db
    }
}

/// Configures a new SQLite connection, checks it is a ctrack database and migrates it.
fn prepare(conn: Connection, path: Option<&Path>, busy_timeout: Duration) -> Result<Store> {
    let mut conn = conn;
    let version = configure(&conn, path, busy_timeout)?;
    if version != SCHEMA_VERSION {
        // WAL is recorded in the file, so it is set once, when the schema is written, and
        // only after the identity check: switching journal mode writes to the file.
        if path.is_some() {
            turn_on_wal(&conn, busy_timeout)?;
        }
        migrate::migrate(&mut conn, path)?;
    }
    Ok(Store::sqlite(conn, path))
}

/// Sets up the connection and checks the file is a ctrack database this ctrack can use;
/// returns its schema version. Writes nothing.
fn configure(conn: &Connection, path: Option<&Path>, busy_timeout: Duration) -> Result<i64> {
    conn.busy_timeout(busy_timeout).context("setting the busy timeout")?;
    // Plans must not depend on bound values: with the bundled SQLite's STAT4, a cached
    // statement would otherwise be re-prepared on every new binding (measured: 43% of a
    // bulk import's time).
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
        .context("fixing query plans")?;
    conn.pragma_update(None, "foreign_keys", true).context("turning on foreign keys")?;
    let version = migrate::check_identity(conn, path)?;
    if path.is_some() {
        conn.pragma_update(None, "synchronous", "normal").context("setting synchronous")?;
    }
    Ok(version)
}

/// Switches a new database to WAL (a setting kept in the file). SQLite refuses the switch
/// with "busy" at once, without waiting, while another process is creating the same
/// database: wait here instead, up to the busy timeout, as for any other lock.
fn turn_on_wal(conn: &Connection, busy_timeout: Duration) -> Result<()> {
    let started = Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "wal") {
            Err(e) if is_busy(&e) && started.elapsed() < busy_timeout => {
                std::thread::sleep(WAL_RETRY);
            }
            result => return result.context("turning on WAL"),
        }
    }
}

impl DbTarget {
    /// What a `--db` value names: a PostgreSQL URL (`postgresql://`, `postgres://`), or else a
    /// SQLite file.
    pub fn of(value: &Path) -> Result<DbTarget> {
        match value.to_str() {
            Some(text) => Ok(db::pg_config::classify(text)),
            None => Ok(DbTarget::Sqlite(value.to_path_buf())),
        }
    }
}

/// How often to try again to switch a database that another process is creating to WAL.
const WAL_RETRY: Duration = Duration::from_millis(10);

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Refuses, before SQLite touches it, a file that cannot be a ctrack database, and a missing
/// file when only reading.
fn check_file(path: &Path, access: Access) -> Result<()> {
    if path.is_dir() {
        return Err(not_ctrack(path, "it is a folder"));
    }
    let mut header = [0u8; 16];
    let read = match fs::File::open(path) {
        Ok(mut file) => file.read(&mut header),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return match access {
                Access::Existing | Access::Read => Err(Error::NoDatabase { path: path.to_path_buf() }),
                Access::Create => create_parent(path),
            };
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => return Err(parent_is_file(path)),
        Err(source) => {
            return Err(Error::File { action: "open", path: path.to_path_buf(), source });
        }
    };
    let len = read.map_err(|source| Error::File { action: "read", path: path.to_path_buf(), source })?;
    if len == 0 {
        return Ok(());
    }
    if len < header.len() || &header != b"SQLite format 3\0" {
        return Err(not_ctrack(path, "not an SQLite file"));
    }
    Ok(())
}

fn create_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => fs::create_dir_all(dir).map_err(|source| Error::File {
            action: "create the folder",
            path: dir.to_path_buf(),
            source,
        }),
        _ => Ok(()),
    }
}

/// The error for a path below a file: names the file that stands where a folder should be.
fn parent_is_file(path: &Path) -> Error {
    let file = path.ancestors().skip(1).find(|a| a.is_file()).unwrap_or(path);
    Error::ParentIsFile { path: path.to_path_buf(), file: file.to_path_buf() }
}

fn not_ctrack(path: &Path, why: &str) -> Error {
    Error::NotCtrack { path: path.to_path_buf(), why: why.to_string() }
}
