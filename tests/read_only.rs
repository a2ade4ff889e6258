//! Reading is always possible: a user who may read but not write the database (file or folder)
//! lists, reports and exports it; a write says the database is read-only for this user.
//!
//! Run as root (as CI does), the tests run ctrack as another user (uid 65534, `setpriv`), since
//! root ignores file permissions. Run as another user, they take write permission away with
//! `chmod` instead. Without `setpriv` as root they are skipped with a printed reason, except
//! under `CI=true`, where that is a failure.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{Env, NOW};

/// The user the reading runs as when the tests run as root.
const OTHER_UID: &str = "65534";

/// How ctrack is run as a user who may not write the database.
enum Reader {
    /// Root: another user, through `setpriv`, with a copy of the binary that user may run.
    OtherUser { binary: PathBuf },
    /// Not root: this user, with write permission taken away.
    ThisUser,
}

impl Reader {
    /// The way to read as a non-writer here, or `None` (with the reason printed) to skip.
    fn new(env: &Env) -> Option<Reader> {
        // SAFETY: geteuid has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } != 0 {
            return Some(Reader::ThisUser);
        }
        let switch = Command::new("setpriv")
            .args(["--reuid", OTHER_UID, "--regid", OTHER_UID, "--clear-groups", "true"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !switch {
            let reason = "running as root, but `setpriv --reuid 65534 … true` fails (no util-linux, or no such uid in this namespace): cannot run ctrack as another user";
            assert!(std::env::var("CI").as_deref() != Ok("true"), "{reason}");
            eprintln!("skipped: {reason}");
            return None;
        }
        // The other user must reach the binary: the build folder may sit under root's home.
        let binary = env.path("ctrack-bin");
        std::fs::copy(assert_cmd::cargo::cargo_bin!("ctrack"), &binary).expect("copy the binary");
        chmod(&binary, 0o755);
        chmod(env.dir.path(), 0o755);
        Some(Reader::OtherUser { binary })
    }

    /// Takes write permission on `db` and its folder away from the reader.
    fn forbid_writing(&self, db: &Path) {
        if let Reader::ThisUser = self {
            chmod(db, 0o444);
            chmod(db.parent().expect("folder"), 0o555);
        }
    }

    /// Gives write permission back, so the temporary folder can be removed.
    fn restore(&self, db: &Path) {
        if let Reader::ThisUser = self {
            chmod(db.parent().expect("folder"), 0o755);
            chmod(db, 0o644);
        }
    }

    /// Runs `ctrack --db DB args` as the reader.
    fn run(&self, env: &Env, db: &Path, args: &[&str]) -> Output {
        let mut cmd = match self {
            Reader::OtherUser { binary } => {
                let mut cmd = Command::new("setpriv");
                cmd.args(["--reuid", OTHER_UID, "--regid", OTHER_UID, "--clear-groups"]).arg(binary);
                cmd
            }
            Reader::ThisUser => Command::new(assert_cmd::cargo::cargo_bin!("ctrack")),
        };
        cmd.env_clear()
            .env("HOME", env.path("home"))
            .env("CTRACK_NOW", NOW)
            .env("USER", "reader")
            .current_dir(env.dir.path())
            .arg("--db")
            .arg(db)
            .args(args);
        cmd.output().expect("run ctrack")
    }
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// The seed with an owner, two entries and evidence, written by the tests' own user; `None`
/// (skipped) on PostgreSQL, where who may read and write is the database's roles, not file
/// permissions (tests/pg_security.rs and tests/backends.rs test readers there).
fn tracked() -> Option<Env> {
    let env = Env::new();
    if env.sqlite_only("file and folder permissions; PostgreSQL's readers are roles, tested in pg_security.rs and backends.rs") {
        return None;
    }
    env.seed();
    env.ok(&["assign", "1.1.1", "ITU"]);
    env.ok(&["assign", "1.1.1", "World Bank", "--role", "support"]);
    env.ok(&["log", "1.1.1", "--status", "in-progress", "--percent", "40", "--as-of", "2024-03-31"]);
    env.ok(&[
        "log",
        "1.1.2",
        "--status",
        "done",
        "--as-of",
        "2024-05-01",
        "--evidence",
        "https://example.org/r",
    ]);
    Some(env)
}

/// Every reading command, whose output must be the same for the reader as for the writer.
const READING: [&[&str]; 13] = [
    &["list", "--format", "csv"],
    &["report", "--by", "owner"],
    &["show", "1.1.1"],
    &["statements", "--format", "csv"],
    &["owners", "--format", "csv"],
    &["evidence", "list", "--format", "csv"],
    &["export", "status"],
    &["export", "progress"],
    &["export", "summary", "--by", "status"],
    &["lint", "--format", "csv"],
    &["diff", "2024-01-01", "--format", "csv"],
    &["rounds"],
    &["entries", "--format", "csv"],
];

fn stdout_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What the writer reads with every reading command.
fn expected(env: &Env) -> Vec<String> {
    READING.iter().map(|args| env.ok(args)).collect()
}

/// Removes the `-shm` and empty `-wal` files reading may leave, so the reader finds the bare
/// file (no process has the database open).
fn bare_file(db: &Path) {
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    assert!(std::fs::metadata(&wal).map_or(true, |m| m.len() == 0), "the log holds changes");
    for leftover in [wal, PathBuf::from(format!("{}-shm", db.display()))] {
        let _ = std::fs::remove_file(leftover);
    }
}

/// Checks the reader reads what the writer read (`expected`), and that a write is refused with
/// the read-only sentence (the caller checks the database is as it was).
fn reads_but_cannot_write(env: &Env, reader: &Reader, db: &Path, expected: &[String]) {
    for (args, expected) in READING.iter().zip(expected) {
        let output = reader.run(env, db, args);
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(&stdout_of(&output), expected, "{args:?}");
    }
    for args in [&["log", "1.1.3", "--status", "done"][..], &["assign", "1.1.3", "UNDP"], &["init"]] {
        let output = reader.run(env, db, args);
        assert_eq!(output.status.code(), Some(1), "{args:?} as a reader");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            format!(
                "error: the database {} is read-only for this user; ask whoever owns it for write access to the file and its folder, or copy it to a folder you can write and pass --db with the copy\n",
                db.display()
            ),
            "{args:?}"
        );
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn a_database_in_a_folder_the_reader_cannot_write_is_read_but_not_written() {
    let Some(env) = tracked() else { return };
    let Some(reader) = Reader::new(&env) else { return };
    let db = env.db();
    let (expected, before) = (expected(&env), env.snapshot());
    // No -shm beside the file: the reader can neither create it nor write the folder.
    bare_file(&db);
    reader.forbid_writing(&db);
    reads_but_cannot_write(&env, &reader, &db, &expected);
    reader.restore(&db);
    assert_eq!(env.snapshot(), before, "a refused write changed the database");
}

#[test]
fn a_read_only_file_in_a_writable_folder_is_read_but_not_written() {
    let Some(env) = tracked() else { return };
    let Some(reader) = Reader::new(&env) else { return };
    let folder = env.path("shared");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("ctrack.db");
    std::fs::rename(env.db(), &db).unwrap();
    std::os::unix::fs::symlink(&db, env.db()).unwrap();
    let (expected, before) = (expected(&env), env.snapshot());
    bare_file(&db);
    match reader {
        Reader::OtherUser { .. } => chmod(&folder, 0o777),
        Reader::ThisUser => chmod(&db, 0o444),
    }
    reads_but_cannot_write(&env, &reader, &db, &expected);
    chmod(&db, 0o644);
    assert_eq!(env.snapshot(), before, "a refused write changed the database");
}

#[test]
fn a_reader_sees_what_a_live_writer_committed() {
    let Some(env) = tracked() else { return };
    let Some(reader) = Reader::new(&env) else { return };
    let db = env.db();
    // A writer that stays connected: its commit sits in the write-ahead log, not yet in the file.
    let writer = env.conn();
    writer.execute("UPDATE statement SET title = 'Retitled by a live writer'", []).unwrap();
    assert!(std::fs::metadata(format!("{}-wal", db.display())).is_ok_and(|m| m.len() > 0));
    reader.forbid_writing(&db);
    let output = reader.run(&env, &db, &["statements", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    assert_eq!(json[0]["title"], "Retitled by a live writer", "{}", String::from_utf8_lossy(&output.stderr));
    drop(writer);
    reader.restore(&db);
}

#[test]
fn a_database_from_an_older_ctrack_says_it_needs_a_writer_to_upgrade_it() {
    let Some(env) = tracked() else { return };
    let Some(reader) = Reader::new(&env) else { return };
    let db = env.db();
    let older = ctrack::store::SCHEMA_VERSION - 1;
    env.conn().pragma_update(None, "user_version", older).unwrap();
    bare_file(&db);
    reader.forbid_writing(&db);
    let output = reader.run(&env, &db, &["list"]);
    reader.restore(&db);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "error: the database {} has schema version {older} and this ctrack reads version {}, so it must be upgraded first, which needs write access; ask whoever may write it to run any ctrack command on it\n",
            db.display(),
            ctrack::store::SCHEMA_VERSION
        )
    );
    assert_eq!(env.query_i64("PRAGMA user_version"), older);
}
