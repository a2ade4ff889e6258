//! Opening a database only to read it, so that a user who may read but not write the file or
//! its folder can still list, report and export.
//!
//! SQLite opens the file read-only. A database in WAL mode also needs its shared-memory file
//! (`-shm`); when that is missing and the folder is not writable, SQLite cannot create it and
//! even a read-only open fails ("attempt to write a readonly database"). Then, and only when no
//! write-ahead log with content sits beside the file, ctrack reads the file as *immutable*
//! (`file:…?immutable=1`): SQLite then takes no locks and reads the main file alone. The risk,
//! taken knowingly: a process writing the database at that very moment is not seen, and could
//! in principle change pages under the reader. Nobody can be writing when nobody may write the
//! folder, except its owner; a log with content (changes not yet folded into the file) is
//! refused instead of being silently ignored.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{Access, SCHEMA_VERSION, Store, check_file, configure};
use crate::error::{Error, Result};

/// Opens `path` for reading. A database from an older ctrack is opened for writing instead, as
/// it must be migrated first.
pub(super) fn open(path: &Path, busy_timeout: Duration) -> Result<Store> {
    check_file(path, Access::Read)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let (store, version) =
        match connect(path, path.as_os_str().to_string_lossy().as_ref(), flags, busy_timeout) {
            Err(e) if cannot_read_wal(&e) => open_immutable(path, flags, busy_timeout)?,
            other => other?,
        };
    if version < SCHEMA_VERSION {
        drop(store);
        return Store::open(path, Access::Existing, busy_timeout).map_err(|e| match e {
            Error::ReadOnly { .. } => {
                Error::ReadOnlyUpgrade { path: path.to_path_buf(), found: version, supported: SCHEMA_VERSION }
            }
            other => other,
        });
    }
    Ok(store)
}

/// Reads the file alone, as immutable, unless a write-ahead log holds changes it would miss.
fn open_immutable(path: &Path, flags: OpenFlags, busy_timeout: Duration) -> Result<(Store, i64)> {
    let wal = wal_path(path);
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(Error::UnfoldedLog { path: path.to_path_buf(), wal });
    }
    let absolute = std::path::absolute(path).map_err(|source| Error::File {
        action: "find",
        path: path.to_path_buf(),
        source,
    })?;
    let uri = url::Url::from_file_path(&absolute)
        .map_err(|()| Error::CannotOpen { path: path.to_path_buf() })?
        .to_string();
    connect(path, &format!("{uri}?immutable=1"), flags | OpenFlags::SQLITE_OPEN_URI, busy_timeout)
        .map_err(|e| e.with_db_path(path))
}

fn connect(path: &Path, name: &str, flags: OpenFlags, busy_timeout: Duration) -> Result<(Store, i64)> {
    let conn =
        Connection::open_with_flags(name, flags).map_err(|source| match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::CannotOpen) => Error::CannotOpen { path: path.to_path_buf() },
            _ => Error::Db { context: "opening the database", source: Box::new(source) },
        })?;
    let version = configure(&conn, Some(path), busy_timeout)?;
    Ok((Store::sqlite(conn, Some(path)), version))
}

/// Whether opening failed for want of a `-shm` file the reader may not create.
fn cannot_read_wal(e: &Error) -> bool {
    matches!(e, Error::ReadOnly { .. } | Error::CannotOpen { .. })
}

fn wal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}
