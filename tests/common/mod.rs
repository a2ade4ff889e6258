//! Shared test set-up: a temporary home, a `ctrack` command with a cleared environment and a
//! fixed clock, and helpers to read the database back; `pg` for the PostgreSQL test server.
//!
//! One suite, two backends: `CTRACK_TEST_BACKEND=postgres` runs every test that uses [`Env`]
//! on a fresh database on the server in `$CTRACK_TEST_PG` (as the role `tester`, the tests'
//! `$USER`, since on PostgreSQL an entry's author is the database user) instead of a SQLite
//! file. Tests read the database through [`Env::query_i64`], [`Env::query`] and
//! [`Env::snapshot`], which work on both; [`Env::conn`] and [`Env::db`] are the SQLite file
//! itself, for tests of what only SQLite has, which skip on PostgreSQL through
//! [`Env::sqlite_only`]. An entry recorded `--author NAME` is recorded there by the role NAME
//! ([`Env::run`], [`Env::as_user`]), so golden files hold the same authors on both.
#![allow(dead_code)]

pub mod pg;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use assert_cmd::Command;
use tempfile::TempDir;

/// The fixed "now" of every test: 2024-06-30 12:00 UTC, so today is 2024-06-30.
pub const NOW: &str = "2024-06-30T12:00:00Z";

/// The environment variable choosing the backend: `sqlite` (the default) or `postgres`.
pub const BACKEND_VAR: &str = "CTRACK_TEST_BACKEND";

/// Which database the tests' `ctrack` commands use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The backend `$CTRACK_TEST_BACKEND` names; SQLite when it is unset or empty.
pub fn backend() -> Backend {
    match std::env::var(BACKEND_VAR).as_deref() {
        Err(_) | Ok("" | "sqlite") => Backend::Sqlite,
        Ok("postgres" | "postgresql") => Backend::Postgres,
        Ok(other) => panic!("{BACKEND_VAR}={other:?}: expected sqlite or postgres"),
    }
}

/// A temporary home with its own database: a SQLite file in it, or a fresh PostgreSQL database
/// (dropped with the `Env`).
pub struct Env {
    pub dir: TempDir,
    pg: Option<PgEnv>,
}

/// The PostgreSQL side of an [`Env`]. The client is declared first so that it closes before
/// the database is dropped.
struct PgEnv {
    client: Mutex<Option<postgres::Client>>,
    db: pg::TempDb,
}

impl Env {
    /// An `Env` on the backend `$CTRACK_TEST_BACKEND` names.
    pub fn new() -> Env {
        match backend() {
            Backend::Sqlite => Env::sqlite(),
            Backend::Postgres => {
                let db = pg::suite_db();
                Env { dir: temp_dir(), pg: Some(PgEnv { client: Mutex::new(None), db }) }
            }
        }
    }

    /// An `Env` on a SQLite file whatever the backend, for tests that compare backends.
    pub fn sqlite() -> Env {
        Env { dir: temp_dir(), pg: None }
    }

    /// Which database this `Env`'s commands use.
    pub fn backend(&self) -> Backend {
        if self.pg.is_some() { Backend::Postgres } else { Backend::Sqlite }
    }

    pub fn is_postgres(&self) -> bool {
        self.backend() == Backend::Postgres
    }

    /// True, after saying so on stderr, when this test runs on PostgreSQL and must be skipped
    /// because it tests something only SQLite has (`why`): `if env.sqlite_only("…") { return; }`.
    pub fn sqlite_only(&self, why: &str) -> bool {
        if !self.is_postgres() {
            return false;
        }
        let thread = std::thread::current();
        let name = thread.name().unwrap_or("this test");
        // Straight to stderr: libtest would swallow eprintln! from a passing test.
        let skipped = format!("skipped on PostgreSQL: {name}: {why}\n");
        let _ = std::io::Write::write_all(&mut std::io::stderr(), skipped.as_bytes());
        true
    }

    /// The SQLite file every `ctrack()` command uses (via --db). Panics on PostgreSQL: use
    /// [`Env::db_arg`] or [`Env::db_shown`], or skip with [`Env::sqlite_only`].
    pub fn db(&self) -> PathBuf {
        assert!(
            !self.is_postgres(),
            "Env::db() is the SQLite file: on PostgreSQL use db_arg() or db_shown(), or skip the test with env.sqlite_only(\"why\")"
        );
        self.sqlite_file()
    }

    fn sqlite_file(&self) -> PathBuf {
        self.dir.path().join("ctrack.db")
    }

    /// What `ctrack()` passes to --db: the SQLite file, or the PostgreSQL URL (as `tester`).
    pub fn db_arg(&self) -> OsString {
        match &self.pg {
            None => self.sqlite_file().into_os_string(),
            Some(pg) => pg.db.url_as(pg::TESTER).into(),
        }
    }

    /// How ctrack names the database in what it prints: the file's path, or the URL without
    /// a password (`postgresql://tester@/NAME?host=SOCKET&port=PORT`).
    pub fn db_shown(&self) -> String {
        match &self.pg {
            None => self.sqlite_file().display().to_string(),
            Some(pg) => pg::shown_as(&pg.db, pg::TESTER),
        }
    }

    /// Whether the database exists yet: the SQLite file, or ctrack's tables in the PostgreSQL
    /// database (which the test made, empty).
    pub fn db_exists(&self) -> bool {
        match &self.pg {
            None => self.sqlite_file().exists(),
            Some(_) => {
                self.query_i64(
                    "SELECT count(*) FROM pg_catalog.pg_tables
                     WHERE schemaname = current_schema() AND tablename = 'ctrack_meta'",
                ) > 0
            }
        }
    }

    /// A path inside the temporary directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `ctrack --db <the database>`, environment cleared, HOME in the temp dir, clock fixed.
    pub fn ctrack(&self) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--db").arg(self.db_arg());
        cmd
    }

    /// `ctrack` with a cleared environment but no --db.
    pub fn bare(&self) -> Command {
        Command::from_std(self.std_bare())
    }

    /// `ctrack --db …` as a std command, for tests that spawn processes themselves.
    pub fn std(&self) -> std::process::Command {
        let mut cmd = self.std_bare();
        cmd.arg("--db").arg(self.db_arg());
        cmd
    }

    fn std_bare(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("ctrack"));
        cmd.env_clear()
            .env("HOME", self.dir.path().join("home"))
            .env("CTRACK_NOW", NOW)
            .env("USER", pg::TESTER)
            .current_dir(self.dir.path());
        cmd
    }

    /// `ctrack --db …` run by the user `user`: on SQLite with `$USER` set to it, on PostgreSQL
    /// connected as the role `user` (made for it), since there an entry's author is the
    /// database user.
    pub fn as_user(&self, user: &str) -> Command {
        Command::from_std(self.std_as(user))
    }

    /// [`Env::as_user`] as a std command, for tests that spawn processes themselves.
    pub fn std_as(&self, user: &str) -> std::process::Command {
        let mut cmd = self.std_bare();
        match &self.pg {
            None => {
                cmd.env("USER", user).arg("--db").arg(self.sqlite_file());
            }
            Some(pg) => {
                pg::ensure_login(&pg.db, user);
                cmd.arg("--db").arg(pg.db.url_as(user));
            }
        }
        cmd
    }

    /// `ctrack --db … ARGS`. On PostgreSQL a command with `--author NAME` runs as the user
    /// NAME ([`Env::as_user`]): an entry there is recorded as NAME only by NAME.
    pub fn run(&self, args: &[&str]) -> Command {
        let author = args.iter().position(|a| *a == "--author").and_then(|i| args.get(i + 1));
        let mut cmd = match author {
            Some(author) if self.is_postgres() => self.as_user(author),
            _ => self.ctrack(),
        };
        cmd.args(args);
        cmd
    }

    /// Runs ctrack with `args`, expecting success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args).output().expect("run ctrack");
        assert!(out.status.success(), "ctrack {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs ctrack with `args`, expecting exit code `code`; returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args).output().expect("run ctrack");
        assert_eq!(
            out.status.code(),
            Some(code),
            "ctrack {args:?}: stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stdout.is_empty(),
            "a failing command printed {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).expect("utf-8 stderr")
    }

    /// Imports the seed's hand-reviewed commitments as statement `gdi-2023`.
    pub fn seed(&self) {
        self.ok(&[
            "import",
            "commitments",
            &fixture("gdi-2023/commitments.csv"),
            "--key",
            "gdi-2023",
            "--title",
            "GDI 2023",
        ]);
    }

    /// Opens the SQLite file, for tests of what only SQLite has (panics on PostgreSQL, like
    /// [`Env::db`]). To read rows, use [`Env::query`], which works on both.
    pub fn conn(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db()).expect("open db")
    }

    /// Runs `f` with a connection to the PostgreSQL database (as the server's superuser),
    /// opened on first use and kept for the test.
    fn with_client<T>(pg: &PgEnv, f: impl FnOnce(&mut postgres::Client) -> T) -> T {
        let mut client = pg.client.lock().unwrap_or_else(|e| e.into_inner());
        f(client.get_or_insert_with(|| pg.db.client()))
    }

    /// Every row `sql` returns, on either backend. Write `sql` in the dialect both read
    /// (`coalesce`, not `ifnull`).
    pub fn query(&self, sql: &str) -> Vec<Row> {
        match &self.pg {
            None => {
                let conn = self.conn();
                let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
                let columns = stmt.column_count();
                let mut rows = stmt.query([]).unwrap_or_else(|e| panic!("{sql}: {e}"));
                let mut all = Vec::new();
                while let Some(row) = rows.next().unwrap_or_else(|e| panic!("{sql}: {e}")) {
                    let cells =
                        (0..columns).map(|i| Cell::from(row.get::<_, rusqlite::types::Value>(i).expect(sql)));
                    all.push(Row(cells.collect()));
                }
                all
            }
            Some(pg) => Env::with_client(pg, |client| {
                let rows = client.query(sql, &[]).unwrap_or_else(|e| panic!("{sql}: {e}"));
                rows.iter()
                    .map(|row| {
                        let cells = (0..row.len()).map(|i| {
                            row.try_get::<_, Cell>(i).unwrap_or_else(|e| panic!("{sql}: column {i}: {e:?}"))
                        });
                        Row(cells.collect())
                    })
                    .collect()
            }),
        }
    }

    /// The one row `sql` returns.
    pub fn query_row(&self, sql: &str) -> Row {
        let mut rows = self.query(sql);
        assert_eq!(rows.len(), 1, "{sql} returned {} rows, not one", rows.len());
        rows.remove(0)
    }

    /// The single value of a query.
    pub fn query_i64(&self, sql: &str) -> i64 {
        self.query_row(sql).get(0)
    }

    /// A new connection to the PostgreSQL database, as the server's superuser, for a test that
    /// plays another program (holding a lock). Panics on SQLite.
    pub fn pg_client(&self) -> postgres::Client {
        self.pg.as_ref().expect("Env::pg_client is for PostgreSQL").db.client()
    }

    /// Runs `sql` (one or more statements, no rows wanted) on either backend, as the database's
    /// owner: for a test that changes the database behind ctrack's back.
    pub fn execute(&self, sql: &str) {
        match &self.pg {
            None => self.conn().execute_batch(sql).unwrap_or_else(|e| panic!("{sql}: {e}")),
            Some(pg) => Env::with_client(pg, |client| client.batch_execute(sql))
                .unwrap_or_else(|e| panic!("{sql}: {e}")),
        }
    }

    /// The schema version the database is at: SQLite's `user_version`, PostgreSQL's
    /// `ctrack_meta.schema_version`.
    pub fn schema_version(&self) -> i64 {
        match self.pg {
            None => self.query_i64("PRAGMA user_version"),
            Some(_) => self.query_i64("SELECT schema_version FROM ctrack_meta"),
        }
    }

    /// A digest of every row of every table, to show a failed command changed nothing: stable
    /// within a test on either backend, not comparable between backends.
    pub fn snapshot(&self) -> String {
        let tables = [
            "statement",
            "topic",
            "commitment",
            "commitment_change",
            "owner",
            "assignment",
            "assignment_period",
            "entry",
            "evidence",
            "round",
        ];
        let mut all = String::new();
        for table in tables {
            let sql = match self.pg {
                None => format!("SELECT * FROM {table} ORDER BY 1, 2"),
                // A row as text: every column, whatever its type, in one stable order.
                Some(_) => format!("SELECT CAST(t AS text) FROM {table} t ORDER BY 1"),
            };
            for row in self.query(&sql) {
                all.push_str(table);
                for cell in &row.0 {
                    all.push_str(&format!("|{cell:?}"));
                }
                all.push('\n');
            }
        }
        all
    }
}

fn temp_dir() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// One value of a row, as either backend gives it: PostgreSQL's booleans are 0 or 1, as in
/// SQLite.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl From<rusqlite::types::Value> for Cell {
    fn from(value: rusqlite::types::Value) -> Cell {
        use rusqlite::types::Value;
        match value {
            Value::Null => Cell::Null,
            Value::Integer(i) => Cell::Int(i),
            Value::Real(r) => Cell::Real(r),
            Value::Text(t) => Cell::Text(t),
            Value::Blob(b) => panic!("a BLOB of {} bytes: ctrack stores none", b.len()),
        }
    }
}

impl<'a> postgres::types::FromSql<'a> for Cell {
    fn from_sql(
        ty: &postgres::types::Type,
        raw: &'a [u8],
    ) -> Result<Cell, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::Type;
        Ok(match *ty {
            Type::INT8 => Cell::Int(i64::from_sql(ty, raw)?),
            Type::INT4 => Cell::Int(i32::from_sql(ty, raw)?.into()),
            Type::INT2 => Cell::Int(i16::from_sql(ty, raw)?.into()),
            Type::BOOL => Cell::Int(bool::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Cell::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Cell::Real(f32::from_sql(ty, raw)?.into()),
            _ => Cell::Text(String::from_sql(ty, raw)?),
        })
    }

    fn from_sql_null(_: &postgres::types::Type) -> Result<Cell, Box<dyn std::error::Error + Sync + Send>> {
        Ok(Cell::Null)
    }

    fn accepts(ty: &postgres::types::Type) -> bool {
        use postgres::types::Type;
        matches!(
            *ty,
            Type::INT8
                | Type::INT4
                | Type::INT2
                | Type::BOOL
                | Type::FLOAT8
                | Type::FLOAT4
                | Type::TEXT
                | Type::VARCHAR
                | Type::BPCHAR
                | Type::NAME
        )
    }
}

/// A row from [`Env::query`].
#[derive(Debug, Clone, PartialEq)]
pub struct Row(pub Vec<Cell>);

impl Row {
    /// Column `i` as `T`; panics, naming the value, when it is not a `T`.
    pub fn get<T: FromCell>(&self, i: usize) -> T {
        let cell = self.0.get(i).unwrap_or_else(|| panic!("no column {i} in {self:?}"));
        T::from_cell(cell)
            .unwrap_or_else(|| panic!("column {i} is {cell:?}, not a {}", std::any::type_name::<T>()))
    }
}

/// A Rust value a [`Cell`] reads as.
pub trait FromCell: Sized {
    fn from_cell(cell: &Cell) -> Option<Self>;
}

impl FromCell for i64 {
    fn from_cell(cell: &Cell) -> Option<i64> {
        match cell {
            Cell::Int(i) => Some(*i),
            _ => None,
        }
    }
}

impl FromCell for bool {
    fn from_cell(cell: &Cell) -> Option<bool> {
        match cell {
            Cell::Int(0) => Some(false),
            Cell::Int(1) => Some(true),
            _ => None,
        }
    }
}

impl FromCell for String {
    fn from_cell(cell: &Cell) -> Option<String> {
        match cell {
            Cell::Text(t) => Some(t.clone()),
            _ => None,
        }
    }
}

impl<T: FromCell> FromCell for Option<T> {
    fn from_cell(cell: &Cell) -> Option<Option<T>> {
        match cell {
            Cell::Null => Some(None),
            other => T::from_cell(other).map(Some),
        }
    }
}

/// The path of a file under `fixtures/`.
pub fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name).display().to_string()
}

/// Compares `actual` with the golden file `fixtures/golden/NAME`, byte for byte; with
/// `UPDATE_GOLDEN=1`, writes it instead (read every changed golden before committing it).
pub fn golden(name: &str, actual: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("golden folder")).expect("create golden folder");
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run UPDATE_GOLDEN=1 cargo test to create it", path.display()));
    if expected != actual {
        panic!(
            "{name} differs from its golden (UPDATE_GOLDEN=1 rewrites it).\n--- expected\n{}\n--- actual\n{}",
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual)
        );
    }
}
