//! Shared test set-up: a temporary home, a `ctrack` command with a cleared environment and a
//! fixed clock, and helpers to read the database back; `pg` for the PostgreSQL test server.
#![allow(dead_code)]

pub mod pg;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The fixed "now" of every test: 2024-06-30 12:00 UTC, so today is 2024-06-30.
pub const NOW: &str = "2024-06-30T12:00:00Z";

/// A temporary home with its own database path.
pub struct Env {
    pub dir: TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env { dir: tempfile::tempdir().expect("temp dir") }
    }

    /// The database every `ctrack()` command uses (via --db).
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("ctrack.db")
    }

    /// A path inside the temporary directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `ctrack --db <temp>/ctrack.db`, environment cleared, HOME in the temp dir, clock fixed.
    pub fn ctrack(&self) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--db").arg(self.db());
        cmd
    }

    /// `ctrack` with a cleared environment but no --db.
    pub fn bare(&self) -> Command {
        Command::from_std(self.std_bare())
    }

    /// `ctrack --db …` as a std command, for tests that spawn processes themselves.
    pub fn std(&self) -> std::process::Command {
        let mut cmd = self.std_bare();
        cmd.arg("--db").arg(self.db());
        cmd
    }

    fn std_bare(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("ctrack"));
        cmd.env_clear()
            .env("HOME", self.dir.path().join("home"))
            .env("CTRACK_NOW", NOW)
            .env("USER", "tester")
            .current_dir(self.dir.path());
        cmd
    }

    /// Runs ctrack with `args`, expecting success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.ctrack().args(args).output().expect("run ctrack");
        assert!(out.status.success(), "ctrack {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs ctrack with `args`, expecting exit code `code`; returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.ctrack().args(args).output().expect("run ctrack");
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

    /// Opens the database for assertions.
    pub fn conn(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db()).expect("open db")
    }

    /// The single value of a query.
    pub fn query_i64(&self, sql: &str) -> i64 {
        self.conn().query_row(sql, [], |r| r.get(0)).expect(sql)
    }

    /// A digest of every row of every table, to show a failed command changed nothing.
    pub fn snapshot(&self) -> String {
        let conn = self.conn();
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
            let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2")).expect("prepare");
            let columns = stmt.column_count();
            let mut rows = stmt.query([]).expect("query");
            while let Some(row) = rows.next().expect("row") {
                all.push_str(table);
                for i in 0..columns {
                    let value: rusqlite::types::Value = row.get(i).expect("value");
                    all.push_str(&format!("|{value:?}"));
                }
                all.push('\n');
            }
        }
        all
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
