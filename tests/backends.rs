//! The same ctrack on SQLite and PostgreSQL: a quarter's commands print the same bytes on both;
//! eight writers at once lose nothing; the database itself keeps a writer from rewriting or
//! deleting entries and a reader from writing; `copy` moves a database SQLite → PostgreSQL →
//! SQLite without losing a row. Needs the server in `$CTRACK_TEST_PG` (skipped without it,
//! failed under CI=true).

mod common;

use std::process::Output;

use common::pg::{self, Group, TESTER, TempDb};
use common::{Env, fixture};

/// A fresh PostgreSQL database, with the role `tester` (the tests' $USER) existing on the
/// server, so entries have the same author on both backends.
fn pg_db(server: &str) -> TempDb {
    let db = TempDb::new(server);
    pg::ensure_tester(&db);
    db
}

/// How ctrack names the test database as `tester`.
fn pg_shown(pg: &TempDb) -> String {
    pg::shown_as(pg, TESTER)
}

fn run(env: &Env, db: &str, args: &[&str]) -> Output {
    env.bare().arg("--db").arg(db).args(args).output().expect("run ctrack")
}

fn shown(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A spreadsheet's worth of progress, dated before the test clock's today (2024-06-30).
const PROGRESS: &str = "commitment,as_of,status,percent,note,evidence
gdi-2023:1.1.2,2024-02-01,in-progress,10,kick-off,https://example.org/kick-off
gdi-2023:1.1.2,2024-05-01,partial,50,halfway,
gdi-2023:2.1.2,2024-03-10,stalled,,waiting for funds,
gdi-2023:3.1.2,2024-01-15,done,100,published,https://example.org/report
";

/// A quarter of work: import, owners, entries, evidence, corrections, a round, every report
/// and export format, and the refusals users meet.
fn scenario(progress: String) -> Vec<Vec<String>> {
    let statement = fixture("gdi-2023/gdi-digital-cooperation-forum-2023-chair-statement.txt");
    let lines = [
        "import statement STATEMENT --key gdi-2023",
        "assign gdi-2023:1.1.1 ITU --role lead --as-of 2024-01-01",
        "assign gdi-2023:1.1.1 UNDP --role support --as-of 2024-01-01",
        "assign gdi-2023:2.1.1 UNESCO --as-of 2024-01-01",
        "import progress PROGRESS",
        "log gdi-2023:1.1.1 --status in-progress --percent 30 --as-of 2024-03-01 --note first",
        "log gdi-2023:1.1.1 --status in-progress --percent 30 --as-of 2024-03-01 --note first",
        "log gdi-2023:2.1.1 --status done --percent 40 --as-of 2024-04-01",
        "log gdi-2023:2.1.1 --status stalled --as-of 2024-04-02 --evidence https://example.org/a",
        "evidence add gdi-2023:2.1.1 https://example.org/b --title Brief --stance supports",
        "retract --last --reason typo",
        "round close q1 --as-of 2024-03-31",
        "log gdi-2023:1.1.1 --status partial --percent 60 --as-of 2024-03-15 --note late",
        "edit gdi-2023:2.1.1 --due 2025-12-31",
        "withdraw gdi-2023:3.1.1 --reason duplicate",
        "unassign gdi-2023:1.1.1 UNDP --as-of 2024-05-01",
        "list",
        "list --owner itu",
        "list --owner ITUU",
        "list --search digital --format csv",
        "show gdi-2023:1.1.1",
        "statements",
        "owners --format json",
        "entries --format csv",
        "evidence list",
        "report --by topic",
        "report --by owner --format markdown",
        "report --by status --format json",
        "report --by statement",
        "report --round q1",
        "report --detail",
        "report --format html",
        "rounds",
        "diff 2024-03-31 2024-06-30",
        "diff q1 2024-06-30 --format json",
        "lint",
        "export status --format csv",
        "export progress --format json",
        "export evidence --format csv",
        "export summary --format csv",
        "restore gdi-2023:3.1.1",
        "show gdi-2023:3.1.1",
        "log gdi-2023:9.9.9 --status done",
    ];
    lines
        .iter()
        .map(|line| {
            line.split(' ')
                .map(|word| match word {
                    "STATEMENT" => statement.clone(),
                    "PROGRESS" => progress.clone(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn a_quarter_prints_the_same_bytes_on_both_databases() {
    let Some(server) = pg::server() else { return };
    let pg = pg_db(&server);
    let (sqlite_env, pg_env) = (Env::sqlite(), Env::sqlite());
    let sqlite = sqlite_env.db().display().to_string();
    let url = pg.url_as(TESTER);
    let progress = sqlite_env.path("progress.csv");
    std::fs::write(&progress, PROGRESS).unwrap();
    let (mut compared, mut refused) = (0, Vec::new());
    for args in scenario(progress.display().to_string()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let on_sqlite = shown(&run(&sqlite_env, &sqlite, &args));
        let on_pg = shown(&run(&pg_env, &url, &args));
        assert_eq!(on_pg, on_sqlite, "ctrack {args:?} differs on PostgreSQL");
        if !on_sqlite.starts_with("exit Some(0)") {
            refused.push(args.join(" "));
        }
        compared += 1;
    }
    assert_eq!(compared, 43);
    // The scenario did real work (each backend refused the same four commands, and only those)
    // and left the same rows.
    assert_eq!(
        refused,
        [
            "log gdi-2023:1.1.1 --status in-progress --percent 30 --as-of 2024-03-01 --note first",
            "log gdi-2023:2.1.1 --status done --percent 40 --as-of 2024-04-01",
            "list --owner ITUU",
            "log gdi-2023:9.9.9 --status done",
        ]
    );
    let entries: i64 = pg.client().query_one("SELECT count(*) FROM entry", &[]).unwrap().get(0);
    assert_eq!(entries, 7);
    assert_eq!(sqlite_env.query_i64("SELECT count(*) FROM entry"), 7);
}

#[test]
fn eight_writers_at_once_lose_nothing() {
    let Some(server) = pg::server() else { return };
    let pg = pg_db(&server);
    let env = Env::sqlite();
    let url = pg.url_as(TESTER);
    let seed = fixture("gdi-2023/commitments.csv");
    let out = run(&env, &url, &["import", "commitments", &seed, "--key", "gdi-2023", "--title", "GDI"]);
    assert!(out.status.success(), "{}", shown(&out));
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let mut script = String::new();
            for i in 0..10 {
                script.push_str(&format!(
                    "gdi-2023:1.1.1,2024-0{}-1{i},in-progress,{},writer {w} entry {i}\n",
                    1 + w % 6,
                    i * 10
                ));
            }
            let file = env.path(&format!("w{w}.csv"));
            std::fs::write(&file, format!("commitment,as_of,status,percent,note\n{script}")).unwrap();
            std::process::Command::new(assert_cmd::cargo::cargo_bin!("ctrack"))
                .env_clear()
                .env("CTRACK_NOW", common::NOW)
                .args(["--db", &url, "import", "progress"])
                .arg(&file)
                .spawn()
                .expect("spawn a writer")
        })
        .collect();
    for mut writer in writers {
        let status = writer.wait().expect("writer ends");
        assert!(status.success(), "a writer failed");
    }
    let mut client = pg.client();
    let entries: i64 = client.query_one("SELECT count(*) FROM entry", &[]).unwrap().get(0);
    assert_eq!(entries, 80);
    let distinct: i64 = client.query_one("SELECT count(DISTINCT note) FROM entry", &[]).unwrap().get(0);
    assert_eq!(distinct, 80);
}

#[test]
fn the_database_keeps_writers_to_their_rights_and_readers_to_reading() {
    let Some(server) = pg::server() else { return };
    let pg = pg_db(&server);
    let env = Env::sqlite();
    let owner_url = pg.url_as(TESTER);
    let seed = fixture("gdi-2023/commitments.csv");
    let out = run(&env, &owner_url, &["import", "commitments", &seed, "--key", "gdi-2023", "--title", "GDI"]);
    assert!(out.status.success(), "{}", shown(&out));
    let writer = pg.login_role(Group::Writer);
    let reader = pg.login_role(Group::Reader);
    let (writer_url, reader_url) = (pg.url_as(&writer), pg.url_as(&reader));

    // A writer records entries, as themself, and retracts them.
    let out = run(
        &env,
        &writer_url,
        &["log", "gdi-2023:1.1.1", "--status", "in-progress", "--as-of", "2024-02-01"],
    );
    assert!(out.status.success(), "{}", shown(&out));
    let author: String = pg.client().query_one("SELECT author FROM entry", &[]).unwrap().get(0);
    assert_eq!(author, writer);
    let out =
        run(&env, &writer_url, &["log", "gdi-2023:1.1.1", "--status", "done", "--author", "someone-else"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: on a shared PostgreSQL database an entry's author is the database user who records it ({writer}), so it cannot be recorded as \"someone-else\"; leave out --author, or connect as that user\n"
        )
    );
    let out = run(&env, &writer_url, &["retract", "1", "--reason", "wrong date"]);
    assert!(out.status.success(), "{}", shown(&out));
    for args in [
        vec!["assign", "gdi-2023:1.1.1", "ITU", "--as-of", "2024-01-01"],
        vec!["unassign", "gdi-2023:1.1.1", "ITU", "--as-of", "2024-03-01"],
        vec!["evidence", "add", "gdi-2023:1.1.1", "https://example.org/minutes"],
        vec!["evidence", "remove", "1", "--reason", "wrong link"],
    ] {
        let out = run(&env, &writer_url, &args);
        assert!(out.status.success(), "a writer may {args:?}: {}", shown(&out));
    }

    // Not even with SQL can a writer rewrite or delete what an entry recorded.
    let mut as_writer = pg.client_as(&writer);
    let update = as_writer.batch_execute("UPDATE entry SET note = 'rewritten' WHERE id = 1").unwrap_err();
    assert_eq!(update.code().map(|c| c.code()), Some("42501"), "{update:?}");
    let delete = as_writer.batch_execute("DELETE FROM entry WHERE id = 1").unwrap_err();
    assert_eq!(delete.code().map(|c| c.code()), Some("42501"), "{delete:?}");
    let unretract = as_writer
        .batch_execute("UPDATE entry SET retracted_at = NULL, retract_reason = NULL WHERE id = 1")
        .unwrap_err();
    assert_eq!(unretract.code().map(|c| c.code()), Some("CT001"), "{unretract:?}");

    // A writer may not change the statement (the owner's work), and hears so plainly.
    let out = run(&env, &writer_url, &["withdraw", "gdi-2023:1.1.2", "--reason", "mine"]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.starts_with(&format!(
            "error: the database user {writer} may not do this (permission denied for table commitment)"
        )),
        "{said}"
    );

    // A reader reads, and a write is refused with one sentence, changing nothing.
    for args in [
        vec!["list", "--topic", "1"],
        vec!["report", "--by", "owner"],
        vec!["export", "progress", "--format", "csv"],
        vec!["show", "gdi-2023:1.1.1"],
        vec!["lint"],
        vec!["diff", "2024-01-01", "2024-06-30"],
    ] {
        let out = run(&env, &reader_url, &args);
        assert!(out.status.success(), "a reader may {args:?}: {}", shown(&out));
    }
    let out = run(&env, &reader_url, &["log", "gdi-2023:1.1.1", "--status", "done"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.starts_with(&format!("error: the database user {reader} may not do this (permission denied for table entry); ask the database's owner to grant the role ctrack_writer to {reader}")), "{said}");
    let entries: i64 = pg.client().query_one("SELECT count(*) FROM entry", &[]).unwrap().get(0);
    assert_eq!(entries, 1);
}

#[test]
fn copy_moves_a_database_to_postgresql_and_back_without_losing_a_row() {
    let Some(server) = pg::server() else { return };
    let pg = pg_db(&server);
    let env = Env::sqlite();
    let original = env.db().display().to_string();
    let demo = env.bare().args(["--db", &original, "demo"]).output().unwrap();
    assert!(demo.status.success(), "{}", shown(&demo));
    for args in [
        vec!["retract", "3", "--reason", "wrong"],
        vec!["round", "close", "q2", "--as-of", "2024-06-30"],
        vec!["edit", "gdi-2023:1.1.1", "--due", "2026-01-31"],
        vec!["withdraw", "gdi-2023:1.1.2", "--reason", "duplicate"],
    ] {
        let out = run(&env, &original, &args);
        assert!(out.status.success(), "{args:?}: {}", shown(&out));
    }
    let url = pg.url_as(TESTER);
    let back = env.path("back.db").display().to_string();
    let there = env.bare().args(["copy", "--from", &original, "--to", &url]).output().unwrap();
    assert!(there.status.success(), "{}", shown(&there));
    let again = env.bare().args(["copy", "--from", &url, "--to", &back]).output().unwrap();
    assert!(again.status.success(), "{}", shown(&again));
    assert_eq!(
        String::from_utf8_lossy(&again.stdout).split_once("; ").map(|(_, counts)| counts.to_string()),
        Some(
            "rows: statement 1, topic 4, commitment 45, commitment_change 2, owner 8, assignment_period 20, \
             entry 22, evidence 7, round 1, paragraph 15\n"
                .to_string()
        ),
    );
    assert_eq!(
        String::from_utf8_lossy(&there.stdout),
        format!(
            "copied {original} into {}; rows: statement 1, topic 4, commitment 45, commitment_change 2, owner 8, assignment_period 20, entry 22, evidence 7, round 1, paragraph 15\n",
            pg_shown(&pg)
        )
    );
    let returned = Env::sqlite();
    std::fs::copy(&back, returned.db()).unwrap();
    assert_eq!(returned.snapshot(), env.snapshot(), "the round trip changed rows");
    // The copy on PostgreSQL reports what the original does.
    let report = ["report", "--by", "owner", "--as-of", "2024-06-30"];
    assert_eq!(shown(&run(&env, &url, &report)), shown(&run(&env, &original, &report)));
    // A new entry on PostgreSQL gets an id after the copied ones.
    let out = run(&env, &url, &["log", "gdi-2023:1.1.1", "--status", "in-progress", "--as-of", "2024-06-01"]);
    assert!(out.status.success(), "{}", shown(&out));
    let newest: i64 = pg.client().query_one("SELECT max(id) FROM entry", &[]).unwrap().get(0);
    assert_eq!(newest, env.query_i64("SELECT max(id) FROM entry") + 1);

    // A target holding data is refused, and keeps its data.
    let refused = env.bare().args(["copy", "--from", &original, "--to", &url]).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("it already holds data (1 rows in statement)"));
}

#[test]
fn a_password_in_the_url_is_never_shown() {
    let env = Env::sqlite();
    let url = "postgresql://someone:s3cr3t-pa55@/ctrack?host=/nonexistent-socket-dir";
    for args in [vec!["list"], vec!["init"], vec!["copy", "--from", url, "--to", "x.db"]] {
        let mut cmd = env.bare();
        if args[0] != "copy" {
            cmd.args(["--db", url]);
        }
        let out = cmd.args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.starts_with("error: cannot connect to the PostgreSQL database postgresql://someone@/ctrack?host=/nonexistent-socket-dir&port=5432: "), "{said}");
        assert!(!said.contains("s3cr3t"), "{said}");
    }
}

#[test]
fn a_writer_with_a_password_connects_by_url_pgpassword_and_pgpass() {
    let Some(server) = pg::server() else { return };
    let pg = pg_db(&server);
    let env = Env::new();
    let seed = fixture("gdi-2023/commitments.csv");
    let out = run(
        &env,
        &pg.url_as(TESTER),
        &["import", "commitments", &seed, "--key", "gdi-2023", "--title", "GDI"],
    );
    assert!(out.status.success(), "{}", shown(&out));
    let secret = "Tr4il-Mix.9";
    let test = "a_writer_with_a_password_connects_by_url_pgpassword_and_pgpass";
    let Some(writer) = pg.password_role(Group::Writer, secret, test) else { return };
    let without = pg.url_as(&writer);
    let log = |cmd: &mut assert_cmd::Command, url: &str, date: &str| {
        cmd.args(["--db", url, "log", "gdi-2023:1.1.1", "--status", "in-progress", "--as-of", date])
            .output()
            .unwrap()
    };

    // The password in the URL, in PGPASSWORD, or in ~/.pgpass (the socket folder is its host).
    let out = log(&mut env.bare(), &pg.url_with_password(&writer, secret), "2024-02-01");
    assert!(out.status.success(), "{}", shown(&out));
    let out = log(env.bare().env("PGPASSWORD", secret), &without, "2024-03-01");
    assert!(out.status.success(), "{}", shown(&out));
    let socket = without.split("host=").nth(1).and_then(|q| q.split('&').next()).unwrap().to_string();
    let home = env.path("home");
    std::fs::create_dir_all(&home).unwrap();
    let pgpass = home.join(".pgpass");
    std::fs::write(&pgpass, format!("{socket}:*:{}:{writer}:{secret}\n", pg.name())).unwrap();
    std::fs::set_permissions(&pgpass, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let out = log(&mut env.bare(), &without, "2024-04-01");
    assert!(out.status.success(), "{}", shown(&out));
    let authors: Vec<String> = (pg.client().query("SELECT author FROM entry ORDER BY id", &[]).unwrap())
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(authors, [writer.clone(), writer.clone(), writer.clone()]);

    // A wrong password is refused in one sentence that shows neither password, and records nothing.
    std::fs::remove_file(&pgpass).unwrap();
    let wrong = "Wr0ng-H0rse";
    let out = log(&mut env.bare(), &pg.url_with_password(&writer, wrong), "2024-05-01");
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        said,
        format!(
            "error: cannot connect to the PostgreSQL database {}: password authentication failed for user \"{writer}\"; check the URL, that the server runs, and the password (PGPASSWORD or ~/.pgpass)\n",
            pg::shown_as(&pg, &writer)
        )
    );
    assert!(!said.contains(wrong) && !said.contains(secret), "{said}");
    let out = log(&mut env.bare(), &without, "2024-05-01");
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: cannot connect to the PostgreSQL database {}: the server asks for a password and none was given; check the URL, that the server runs, and the password (PGPASSWORD or ~/.pgpass)\n",
            pg::shown_as(&pg, &writer)
        )
    );
    assert_eq!(pg.client().query_one("SELECT count(*) FROM entry", &[]).unwrap().get::<_, i64>(0), 3);
}

#[test]
fn a_writer_waits_for_another_up_to_the_busy_timeout() {
    let Some(server) = pg::server() else { return };
    let pg = pg_db(&server);
    let env = Env::new();
    let url = pg.url_as(TESTER);
    let seed = fixture("gdi-2023/commitments.csv");
    let out = run(&env, &url, &["import", "commitments", &seed, "--key", "gdi-2023", "--title", "GDI"]);
    assert!(out.status.success(), "{}", shown(&out));
    // Another office's write transaction, still open.
    let mut other = pg.client();
    let mut open = other.transaction().unwrap();
    open.batch_execute("SELECT pg_advisory_xact_lock(109351787001714)").unwrap(); // ctrack's write lock
    let out = env
        .bare()
        .env("CTRACK_BUSY_TIMEOUT_MS", "300")
        .args(["--db", &url, "log", "gdi-2023:1.1.1", "--status", "in-progress"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: the database is locked by another process (waited 0.3 s); try again when it has finished, or set CTRACK_BUSY_TIMEOUT_MS to wait longer\n"
    );
    open.rollback().unwrap();
    let out = run(&env, &url, &["log", "gdi-2023:1.1.1", "--status", "in-progress"]);
    assert!(out.status.success(), "{}", shown(&out));
}

#[test]
fn a_database_that_is_not_ctracks_or_is_newer_is_refused_and_left_alone() {
    let Some(server) = pg::server() else { return };
    let env = Env::new();
    let other = pg_db(&server);
    other.client().batch_execute("CREATE TABLE invoices (id bigint)").unwrap();
    let out = run(&env, &other.url_as(TESTER), &["init"]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr).to_string();
    let shown = pg_shown(&other);
    assert_eq!(
        said,
        format!(
            "error: the PostgreSQL database {shown} holds tables that are not ctrack's; it was left unchanged; create an empty database for ctrack (`createdb ctrack`) and pass its URL\n"
        )
    );
    let tables: i64 = other
        .client()
        .query_one("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", &[])
        .unwrap()
        .get(0);
    assert_eq!(tables, 1);

    let newer = pg_db(&server);
    let url = newer.url_as(TESTER);
    assert!(run(&env, &url, &["init"]).status.success());
    newer.client().batch_execute("UPDATE ctrack_meta SET schema_version = 99").unwrap();
    let out = run(&env, &url, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: the PostgreSQL database {} was written by a newer ctrack (schema version 99; this ctrack knows up to version 4); upgrade ctrack to use it — the database was left unchanged\n",
            pg_shown(&newer)
        )
    );

    let empty = pg_db(&server);
    let out = run(&env, &empty.url_as(TESTER), &["list"]);
    assert_eq!(out.status.code(), Some(1));
    let shown = pg_shown(&empty);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: the PostgreSQL database {shown} has no ctrack tables yet; run `ctrack init --db '{shown}'` to create them\n"
        )
    );
}
