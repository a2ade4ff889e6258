//! The foundation: creating, opening, refusing and locating databases; exit codes; help.

mod common;

use std::fs;
use std::process::Stdio;

use common::{Env, fixture};

const SCHEMA_VERSION: i64 = 4;

#[test]
fn init_creates_a_database_sqlite3_can_read() {
    let env = Env::new();
    let out = env.ok(&["init"]);
    assert_eq!(
        out,
        format!(
            "ctrack database ready at {} (schema version {SCHEMA_VERSION}, 0 statements)\n",
            env.db_shown()
        )
    );
    assert_eq!(env.schema_version(), SCHEMA_VERSION);
    if env.is_postgres() {
        // What psql users and report tools find in the default schema.
        assert_eq!(env.query_i64("SELECT count(*) FROM current_status"), 0);
        let views: Vec<String> = env
            .query("SELECT viewname FROM pg_catalog.pg_views WHERE schemaname = current_schema() ORDER BY viewname COLLATE \"C\"")
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(views, ["assignment", "commitment_view", "current_status", "progress_view"]);
        return;
    }
    let shell = std::process::Command::new("sqlite3")
        .arg(env.db())
        .arg("SELECT count(*) FROM current_status; SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name;")
        .output()
        .expect("the sqlite3 shell is installed");
    assert!(shell.status.success(), "{}", String::from_utf8_lossy(&shell.stderr));
    assert_eq!(
        String::from_utf8_lossy(&shell.stdout),
        "0\nassignment\ncommitment_view\ncurrent_status\nprogress_view\n"
    );
}

#[test]
fn init_twice_is_harmless() {
    let env = Env::new();
    env.ok(&["init"]);
    env.seed();
    let before = env.snapshot();
    let out = env.ok(&["init"]);
    assert!(out.ends_with(&format!("(schema version {SCHEMA_VERSION}, 1 statement)\n")), "{out}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_database_from_a_newer_ctrack_is_refused_and_left_unchanged() {
    let env = Env::new();
    env.seed();
    if env.is_postgres() {
        env.execute("UPDATE ctrack_meta SET schema_version = 7");
        let before = env.snapshot();
        for args in [&["init"][..], &["list"], &["log", "1.1.1", "--status", "done"]] {
            assert_eq!(
                env.fails(args, 1),
                format!(
                    "error: the PostgreSQL database {} was written by a newer ctrack (schema version 7; this ctrack knows up to version {SCHEMA_VERSION}); upgrade ctrack to use it — the database was left unchanged\n",
                    env.db_shown()
                )
            );
            assert_eq!(env.snapshot(), before, "after {args:?}");
            assert_eq!(env.schema_version(), 7);
        }
        return;
    }
    env.conn().pragma_update(None, "user_version", 7).unwrap();
    env.conn().pragma_update(None, "journal_mode", "delete").unwrap();
    let bytes = fs::read(env.db()).unwrap();
    for args in [&["init"][..], &["list"], &["log", "1.1.1", "--status", "done"]] {
        let err = env.fails(args, 1);
        assert_eq!(
            err,
            format!(
                "error: {} was written by a newer ctrack (schema version 7; this ctrack knows up to version {SCHEMA_VERSION}); upgrade ctrack to use it — the file was left unchanged\n",
                env.db().display()
            )
        );
        assert_eq!(fs::read(env.db()).unwrap(), bytes, "after {args:?}");
    }
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_unchanged() {
    let env = Env::new();
    if env.sqlite_only(
        "a file that is not SQLite; PostgreSQL's counterpart is another program's tables, tested next",
    ) {
        return;
    }
    let text = b"commitment,status\n1.1.1,done\n".repeat(100);
    fs::write(env.db(), &text).unwrap();
    for args in [
        &["init"][..],
        &["list"],
        &["import", "commitments", &fixture("gdi-2023/commitments.csv"), "--key", "k"],
    ] {
        let err = env.fails(args, 1);
        assert_eq!(
            err,
            format!(
                "error: {} is not a ctrack database (not an SQLite file); it was left unchanged; pass --db with another path\n",
                env.db().display()
            )
        );
        assert_eq!(fs::read(env.db()).unwrap(), text);
    }
}

#[test]
fn another_programs_sqlite_database_is_refused_and_left_unchanged() {
    let env = Env::new();
    if env.is_postgres() {
        env.execute("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');");
        for args in [&["init"][..], &["list"], &["log", "1.1.1", "--status", "done"]] {
            assert_eq!(
                env.fails(args, 1),
                format!(
                    "error: the PostgreSQL database {} holds tables that are not ctrack's; it was left unchanged; create an empty database for ctrack (`createdb ctrack`) and pass its URL\n",
                    env.db_shown()
                )
            );
        }
        assert_eq!(
            env.query_i64("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"),
            1
        );
        assert_eq!(env.query_i64("SELECT count(*) FROM notes WHERE body = 'keep me'"), 1);
        return;
    }
    {
        let conn = env.conn();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');").unwrap();
    }
    let bytes = fs::read(env.db()).unwrap();
    let err = env.fails(&["init"], 1);
    assert!(err.contains("is not a ctrack database (an SQLite database of another program)"), "{err}");
    assert_eq!(fs::read(env.db()).unwrap(), bytes);
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let env = Env::new();
    if env.sqlite_only("an empty file; on PostgreSQL every test starts from an empty database") {
        return;
    }
    fs::write(env.db(), b"").unwrap();
    env.ok(&["init"]);
    assert_eq!(env.query_i64("PRAGMA user_version"), SCHEMA_VERSION);
}

#[test]
fn reading_a_missing_database_creates_nothing_and_says_how_to_start() {
    let env = Env::new();
    let db = env.path("nowhere/sub/ctrack.db");
    let out = env.bare().arg("--db").arg(&db).arg("list").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: no database at {}; run `ctrack init` or `ctrack import statement FILE` to start one, or pass --db PATH\n",
            db.display()
        )
    );
    assert!(!env.path("nowhere").exists());
}

#[test]
fn writing_commands_create_the_database_and_its_folder() {
    let env = Env::new();
    let db = env.path("new/folder/ctrack.db");
    env.bare().arg("--db").arg(&db).arg("init").assert().success();
    assert!(db.is_file());
}

/// Where `init` put the database, given the flag and environment.
fn located(env: &Env, flag: Option<&str>, vars: &[(&str, String)]) -> String {
    let mut cmd = env.bare();
    if let Some(db) = flag {
        cmd.arg("--db").arg(db);
    }
    for (name, value) in vars {
        cmd.env(name, value);
    }
    let out = cmd.arg("init").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let path = text.trim_start_matches("ctrack database ready at ");
    path[..path.find(" (schema").unwrap()].to_string()
}

#[test]
fn db_flag_then_ctrack_db_then_xdg_then_home_are_honoured_in_order() {
    let env = Env::new();
    let p = |name: &str| env.path(name).display().to_string();
    let ctrack_db = ("CTRACK_DB", p("env.db"));
    let xdg = ("XDG_DATA_HOME", p("xdg"));
    assert_eq!(located(&env, Some(&p("flag.db")), &[ctrack_db.clone(), xdg.clone()]), p("flag.db"));
    assert_eq!(located(&env, None, &[ctrack_db, xdg.clone()]), p("env.db"));
    assert_eq!(located(&env, None, &[xdg]), p("xdg/ctrack/ctrack.db"));
    assert_eq!(located(&env, None, &[]), p("home/.local/share/ctrack/ctrack.db"));
    assert!(env.path("home/.local/share/ctrack/ctrack.db").is_file());
}

#[test]
fn without_any_location_the_error_says_to_pass_db() {
    let env = Env::new();
    let out = env.bare().env_remove("HOME").arg("list").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: cannot tell where to keep the database: none of --db, CTRACK_DB, XDG_DATA_HOME or HOME is set; pass --db PATH\n"
    );
}

#[test]
fn usage_errors_exit_2_and_bad_values_exit_1() {
    let env = Env::new();
    env.seed();
    let err = env.fails(&["frobnicate"], 2);
    assert!(err.starts_with("error: unrecognized subcommand 'frobnicate'"), "{err}");
    let err = env.fails(&["list", "--status", "complete"], 1);
    assert_eq!(
        err,
        "error: unknown status \"complete\"; expected one of: not-started, in-progress, stalled, partial, done, abandoned, unclear\n"
    );
    let err = env.fails(&["list", "--as-of", "2024-02-30"], 1);
    assert_eq!(
        err,
        "error: invalid date \"2024-02-30\"; expected a real calendar date as YYYY-MM-DD, e.g. 2024-03-31\n"
    );
}

#[test]
fn help_leads_with_examples_and_version_is_the_crate_version() {
    let env = Env::new();
    let help = env.ok(&["--help"]);
    assert!(help.contains("Examples:\n  ctrack demo"), "{help}");
    assert!(help.contains("ctrack log 1.1.2 --status in-progress"), "{help}");
    assert_eq!(env.ok(&["--version"]), format!("ctrack {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn completions_are_generated_for_each_shell() {
    let env = Env::new();
    let bash = env.ok(&["completions", "bash"]);
    assert!(bash.contains("_ctrack()") && bash.contains("import"), "bash script");
    let fish = env.ok(&["completions", "fish"]);
    assert!(fish.contains("complete -c ctrack"), "fish script");
    let zsh = env.ok(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef ctrack"), "zsh script");
    assert!(!env.db_exists(), "completions must not create a database");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let env = Env::new();
    env.seed();
    let mut child = env
        .std()
        .args(["list", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}
