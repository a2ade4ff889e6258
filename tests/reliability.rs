//! Reliability: writers at once, a bulk import killed at any moment, a database locked by
//! another process, a full disk, and database paths that cannot work. Each test runs the real
//! binary and checks the database afterwards. Unix only: signals, `ulimit`, /proc.
#![cfg(unix)]

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use common::{Env, fixture};

/// The ids of the seed's 45 commitments, as its CSV gives them.
fn seed_ids() -> Vec<String> {
    let csv = fs::read_to_string(fixture("gdi-2023/commitments.csv")).unwrap();
    let ids: Vec<String> =
        csv.lines().skip(1).map(|line| line.split(',').next().unwrap().to_string()).collect();
    assert_eq!(ids.len(), 45);
    ids
}

/// A progress file of `rows` distinct entries (notes `{tag} row {i}`), spread over the seed's
/// commitments and 1,600 days, as a secretariat's history would be.
fn progress_csv(rows: usize, tag: &str) -> String {
    let ids = seed_ids();
    let first = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let mut csv = String::from("commitment,as_of,status,percent,note\n");
    for i in 0..rows {
        let as_of = first + Days::new(((i / ids.len()) % 1600) as u64);
        writeln!(csv, "{},{as_of},in-progress,{},{tag} row {i}", ids[i % ids.len()], i % 101).unwrap();
    }
    csv
}

fn entries(env: &Env) -> i64 {
    env.query_i64("SELECT count(*) FROM entry")
}

/// SQLite's check of its file. On PostgreSQL the files are the server's, which a killed or
/// refused client cannot damage; there the row counts the tests check are what can go wrong.
fn assert_intact(env: &Env, when: &str) {
    if !env.is_postgres() {
        let check: String = env.query_row("PRAGMA integrity_check").get(0);
        assert_eq!(check, "ok", "{when}");
    }
}

/// Asserts a command succeeded and returns its stdout.
fn succeeded(what: &str, out: Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{what}: {:?}, stderr {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Asserts a command was refused the way every refusal must be: exit 1 (not a panic, not a
/// signal), nothing on stdout; returns stderr.
fn refused(what: &str, out: Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(1),
        "{what}: {:?}, stdout {} stderr {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "{what} printed {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8(out.stderr).unwrap()
}

// ---- writers at once ----

#[test]
fn four_loggers_and_a_bulk_import_at_once_all_succeed_and_lose_nothing() {
    const LOGGERS: usize = 4;
    const LOGS: usize = 25;
    const ROWS: usize = 3000;
    let env = Env::new();
    env.seed();
    fs::write(env.path("bulk.csv"), progress_csv(ROWS, "bulk")).unwrap();
    let start = Arc::new(Barrier::new(LOGGERS + 1));
    let mut import = env.std();
    import.args(["import", "progress", "bulk.csv"]);
    let importer = {
        let start = Arc::clone(&start);
        thread::spawn(move || {
            start.wait();
            succeeded("the import", import.output().unwrap())
        })
    };
    let loggers: Vec<_> = (0..LOGGERS)
        .map(|n| {
            let commands: Vec<Command> = (0..LOGS)
                .map(|i| {
                    let mut log = env.std_as(&format!("logger{n}"));
                    log.args([
                        "log",
                        "2.1.1",
                        "--status",
                        "in-progress",
                        "--note",
                        &format!("logger {n} entry {i}"),
                    ]);
                    log
                })
                .collect();
            let start = Arc::clone(&start);
            thread::spawn(move || {
                start.wait();
                for mut log in commands {
                    succeeded("a log", log.output().unwrap());
                }
            })
        })
        .collect();
    for logger in loggers {
        logger.join().expect("a logger failed");
    }
    let summary = importer.join().expect("the import failed");
    assert_eq!(
        summary,
        format!(
            "bulk.csv: {ROWS} rows: {ROWS} added, 0 corrected, 0 retracted, 0 unchanged (already recorded), 0 skipped (marked retracted)\n"
        )
    );
    assert_eq!(entries(&env), (LOGGERS * LOGS + ROWS) as i64);
    assert_eq!(env.query_i64("SELECT count(DISTINCT note) FROM entry"), (LOGGERS * LOGS + ROWS) as i64);
    for n in 0..LOGGERS {
        let sql = format!("SELECT count(*) FROM entry WHERE author = 'logger{n}'");
        assert_eq!(env.query_i64(&sql), LOGS as i64, "logger{n}");
    }
    assert_intact(&env, "at the end");
}

#[test]
fn processes_creating_one_database_with_one_statement_at_once_all_succeed() {
    // Once raced two ways: the switch to WAL failed "locked" at once instead of waiting, and a
    // database caught mid-migration looked like another program's. Each round is a new file.
    const ROUNDS: usize = 10;
    const PROCESSES: usize = 8;
    let commitments = fixture("gdi-2023/commitments.csv");
    for round in 0..ROUNDS {
        let env = Env::new();
        let importers: Vec<Child> = (0..PROCESSES)
            .map(|_| {
                let mut import = env.std();
                import.args(["import", "commitments", &commitments, "--key", "gdi-2023"]);
                import.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap()
            })
            .collect();
        for importer in importers {
            let out = importer.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: {}", String::from_utf8_lossy(&out.stderr));
        }
        assert_eq!(env.query_i64("SELECT count(*) FROM commitment"), 45, "round {round}");
    }
}

// ---- a bulk import killed ----

/// When to kill a running import.
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// This long after it started: while it opens the database.
    After(Duration),
    /// Once it has read this share of the file: while it checks and inserts rows.
    Read(f64),
    /// Once its write-ahead log holds this many bytes: in the middle of the commit (the bulk
    /// page cache is big enough that nothing reaches the log before the commit).
    Wal(u64),
}

/// Bytes the process has read so far (Linux's /proc/PID/io); 0 where unknown.
fn bytes_read(child: &Child) -> u64 {
    let io = fs::read_to_string(format!("/proc/{}/io", child.id())).unwrap_or_default();
    io.lines().find_map(|l| l.strip_prefix("rchar: ")).and_then(|n| n.parse().ok()).unwrap_or(0)
}

impl Moment {
    fn reached(self, child: &Child, started: Instant, file_len: u64, wal: &Path) -> bool {
        match self {
            Moment::After(delay) => started.elapsed() >= delay,
            Moment::Read(share) => bytes_read(child) as f64 >= share * file_len as f64,
            Moment::Wal(bytes) => fs::metadata(wal).is_ok_and(|m| m.len() >= bytes),
        }
    }
}

/// Runs `cmd` and kills it with SIGKILL at `moment`; returns whether it was killed (false:
/// it finished first).
fn kill_at(mut cmd: Command, moment: Moment, file_len: u64, wal: &Path) -> bool {
    let started = Instant::now();
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "the import failed on its own: {status:?}");
            return false;
        }
        if moment.reached(&child, started, file_len, wal) {
            child.kill().unwrap();
            child.wait().unwrap();
            return true;
        }
        thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn a_bulk_import_killed_at_any_moment_leaves_all_or_none_of_its_rows() {
    // 50,000 rows: a commit of about 5 MB, many writes to interrupt; more only costs CI time.
    const ROWS: i64 = 50_000;
    let env = Env::new();
    env.seed();
    env.ok(&["log", "1.1.1", "--status", "in-progress", "--note", "before the import"]);
    let before = entries(&env);
    let file = env.path("big.csv");
    fs::write(&file, progress_csv(ROWS as usize, "crash")).unwrap();
    let file_len = fs::metadata(&file).unwrap().len();
    let wal = env.path("ctrack.db-wal");
    let mut moments = vec![
        Moment::After(Duration::from_millis(15)),
        Moment::Read(0.05),
        Moment::Read(0.6),
        Moment::Read(1.0),
    ];
    // PostgreSQL has no log file beside the database: its commit is the server's.
    if !env.is_postgres() {
        moments.extend([Moment::Wal(256 << 10), Moment::Wal(2 << 20)]);
    }
    let mut killed = 0;
    for moment in moments {
        let mut import = env.std();
        import.args(["import", "progress", "big.csv"]);
        killed += usize::from(kill_at(import, moment, file_len, &wal));
        // Opening the database here recovers it, as the next ctrack would; closing the last
        // connection checkpoints and removes the log, so the next Wal moment starts from zero.
        assert_intact(&env, &format!("after a kill at {moment:?}"));
        let after = entries(&env);
        assert!(after == before || after == before + ROWS, "{after} entries after a kill at {moment:?}");
        eprintln!("kill at {moment:?}: {} rows kept", after - before);
    }
    assert!(killed > 0, "every import finished before it could be killed");
    env.ok(&["import", "progress", "big.csv"]);
    assert_eq!(entries(&env), before + ROWS);
    assert_intact(&env, "at the end");
}

// ---- a database locked by another process ----

/// A lock taken in this process by another connection, held until dropped (rolled back).
enum Lock {
    Sqlite(rusqlite::Connection),
    Pg(postgres::Client),
}

/// Every table of ctrack's data.
const TABLES: &str = "statement, topic, commitment, commitment_change, owner, entry, evidence, assignment_period, round, paragraph";

/// The advisory lock ctrack takes to create its tables on PostgreSQL (its application id).
const CREATE_LOCK: i64 = 0x6374_726b;

/// The advisory lock every ctrack write transaction holds on PostgreSQL, so writers queue as
/// on SQLite (src/store/db/postgres.rs).
const WRITE_LOCK: i64 = 0x6374_726b_7772;

impl Lock {
    /// Another ctrack writing: other writers wait; readers go on. SQLite: `BEGIN IMMEDIATE`;
    /// PostgreSQL: ctrack's write lock.
    fn write(env: &Env) -> Lock {
        Lock::begin(env, "BEGIN IMMEDIATE", &format!("BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"))
    }

    /// Nobody else may even read: SQLite's exclusive locking mode; PostgreSQL's ACCESS
    /// EXCLUSIVE lock on every table, as ALTER TABLE takes.
    fn exclusive(env: &Env) -> Lock {
        Lock::begin(
            env,
            "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM entry;",
            &format!("BEGIN; LOCK TABLE {TABLES} IN ACCESS EXCLUSIVE MODE"),
        )
    }

    /// Another process creating the database: on SQLite it holds the new, empty file; on
    /// PostgreSQL the lock ctrack takes to create its tables.
    fn creating(env: &Env) -> Lock {
        if !env.is_postgres() {
            fs::write(env.db(), b"").unwrap();
        }
        Lock::begin(env, "BEGIN IMMEDIATE", &format!("BEGIN; SELECT pg_advisory_xact_lock({CREATE_LOCK})"))
    }

    fn begin(env: &Env, sqlite: &str, pg: &str) -> Lock {
        let mut lock = if env.is_postgres() { Lock::Pg(env.pg_client()) } else { Lock::Sqlite(env.conn()) };
        lock.execute(if env.is_postgres() { pg } else { sqlite });
        lock
    }

    fn execute(&mut self, sql: &str) {
        match self {
            Lock::Sqlite(conn) => conn.execute_batch(sql).unwrap_or_else(|e| panic!("{sql}: {e}")),
            Lock::Pg(client) => client.batch_execute(sql).unwrap_or_else(|e| panic!("{sql}: {e}")),
        }
    }

    /// Commits what was written under the lock, releasing it.
    fn commit(mut self) {
        self.execute("COMMIT");
    }
}

/// ctrack waiting at most `millis` for a lock.
fn impatient(env: &Env, millis: &str) -> Command {
    let mut cmd = env.std();
    cmd.env("CTRACK_BUSY_TIMEOUT_MS", millis);
    cmd
}

const LOCKED_300_MS: &str = "error: the database is locked by another process (waited 0.3 s); try again when it has finished, or set CTRACK_BUSY_TIMEOUT_MS to wait longer\n";

#[test]
fn a_write_lock_held_past_the_timeout_is_one_clear_sentence_and_nothing_is_lost() {
    let env = Env::new();
    env.seed();
    fs::write(env.path("p.csv"), progress_csv(20, "locked")).unwrap();
    let mut lock = Lock::write(&env);
    lock.execute(
        "INSERT INTO entry (commitment_id, as_of, recorded_at, status, note)
         VALUES ((SELECT min(id) FROM commitment), '2024-01-01', 'now', 'done', 'the other process')",
    );
    let before = env.snapshot();
    for args in [
        &["log", "1.1.1", "--status", "done", "--note", "mine"][..],
        &["import", "progress", "p.csv"],
        &["assign", "1.1.1", "ITU"],
    ] {
        let started = Instant::now();
        let err = refused(&format!("{args:?}"), impatient(&env, "300").args(args).output().unwrap());
        let waited = started.elapsed();
        assert_eq!(err, LOCKED_300_MS, "{args:?}");
        assert!(waited >= Duration::from_millis(300), "{args:?} gave up after {waited:?}");
        assert!(waited < Duration::from_secs(10), "{args:?} waited {waited:?}: the default 30 s?");
        assert_eq!(env.snapshot(), before, "{args:?} changed the database");
    }
    lock.commit();
    assert_eq!(env.query_i64("SELECT count(*) FROM entry WHERE note = 'the other process'"), 1);
    env.ok(&["log", "1.1.1", "--status", "done", "--note", "mine"]);
    assert_eq!(entries(&env), 2);
}

#[test]
fn an_exclusive_lock_refuses_readers_and_writers_alike() {
    let env = Env::new();
    env.seed();
    let before = env.snapshot();
    let lock = Lock::exclusive(&env);
    for args in [&["list"][..], &["log", "1.1.1", "--status", "done"]] {
        let err = refused(&format!("{args:?}"), impatient(&env, "300").args(args).output().unwrap());
        assert_eq!(err, LOCKED_300_MS, "{args:?}");
    }
    drop(lock);
    assert_eq!(env.snapshot(), before);
    assert_intact(&env, "at the end");
}

#[test]
fn a_writer_waits_for_a_lock_released_within_the_timeout() {
    let env = Env::new();
    env.seed();
    let lock = Lock::write(&env);
    let started = Instant::now();
    let holder = thread::spawn(move || {
        thread::sleep(Duration::from_millis(400));
        lock.commit();
    });
    let out = impatient(&env, "20000").args(["log", "1.1.1", "--status", "done"]).output().unwrap();
    succeeded("log", out);
    assert!(started.elapsed() >= Duration::from_millis(300), "did not wait: {:?}", started.elapsed());
    holder.join().unwrap();
    assert_eq!(entries(&env), 1);
}

#[test]
fn creating_a_database_waits_for_a_process_that_holds_the_new_file() {
    let env = Env::new();
    let lock = Lock::creating(&env);
    let started = Instant::now();
    let holder = thread::spawn(move || {
        thread::sleep(Duration::from_millis(400));
        lock.commit();
    });
    succeeded("init", impatient(&env, "20000").arg("init").output().unwrap());
    assert!(started.elapsed() >= Duration::from_millis(300), "did not wait: {:?}", started.elapsed());
    holder.join().unwrap();
    assert_eq!(env.schema_version(), ctrack::store::SCHEMA_VERSION);
}

#[test]
fn a_bad_busy_timeout_is_refused_by_name() {
    let env = Env::new();
    env.seed();
    let err = refused("list", impatient(&env, "soon").arg("list").output().unwrap());
    assert_eq!(
        err,
        "error: invalid CTRACK_BUSY_TIMEOUT_MS \"soon\"; expected a whole number of milliseconds such as 30000, or unset it\n"
    );
    let help = env.ok(&["--help"]);
    assert!(help.contains("A write waits up to 30 s for another process's write to finish; $CTRACK_BUSY_TIMEOUT_MS changes it."), "{help}");
}

// ---- a full disk ----

/// `cmd` run under `ulimit -f blocks` (512-byte blocks): writing past that size fails, as on
/// a full disk.
fn with_file_size_limit(cmd: &Command, blocks: u32) -> Command {
    let mut sh = Command::new("sh");
    sh.env_clear()
        .envs(cmd.get_envs().filter_map(|(name, value)| Some((name, value?))))
        .current_dir(cmd.get_current_dir().unwrap())
        .arg("-c")
        .arg(format!("ulimit -f {blocks} && exec \"$0\" \"$@\""))
        .arg(cmd.get_program())
        .args(cmd.get_args());
    sh
}

/// Why the full-disk tests are SQLite's only.
const FULL_DISK: &str =
    "a full disk is a file-size limit on ctrack's own process, and on PostgreSQL the server writes the files";

const CANNOT_WRITE: &str = "error: cannot write the database file (disk I/O error): the disk may be full or the file larger than this system allows; free some space and retry — nothing was written\n";

#[test]
fn a_full_disk_during_an_import_is_one_clear_sentence_and_the_database_is_intact() {
    let env = Env::new();
    if env.sqlite_only(FULL_DISK) {
        return;
    }
    env.seed();
    env.ok(&["log", "1.1.1", "--status", "in-progress"]);
    // About 2 MB to commit, against a 512 KiB limit on any file.
    fs::write(env.path("p.csv"), progress_csv(20_000, "full")).unwrap();
    let before = env.snapshot();
    let mut import = env.std();
    import.args(["import", "progress", "p.csv"]);
    let err = refused("import", with_file_size_limit(&import, 1024).output().unwrap());
    assert_eq!(err, CANNOT_WRITE);
    assert_intact(&env, "at the end");
    assert_eq!(env.snapshot(), before);
    succeeded("import without the limit", import.output().unwrap());
    assert_eq!(entries(&env), 20_001);
}

#[test]
fn a_new_database_that_cannot_be_written_is_refused_and_can_be_made_later() {
    let env = Env::new();
    if env.sqlite_only(FULL_DISK) {
        return;
    }
    let mut init = env.std();
    init.arg("init");
    let err = refused("init", with_file_size_limit(&init, 1).output().unwrap());
    assert_eq!(err, CANNOT_WRITE);
    env.ok(&["init"]);
    env.seed();
    assert_intact(&env, "at the end");
}

// ---- database paths that cannot work ----

#[test]
fn a_database_below_a_file_is_refused_naming_the_file() {
    let env = Env::new();
    fs::write(env.path("notes.txt"), "keep me").unwrap();
    for (db, args) in [("notes.txt/ctrack.db", "list"), ("notes.txt/sub/ctrack.db", "init")] {
        let out = env.bare().arg("--db").arg(db).arg(args).output().unwrap();
        let err = refused(db, out);
        assert_eq!(
            err,
            format!(
                "error: cannot use {db} as the database: notes.txt is a file, not a folder; pass --db with another path\n"
            )
        );
    }
    assert_eq!(fs::read_to_string(env.path("notes.txt")).unwrap(), "keep me");
}

#[cfg(target_os = "linux")]
#[test]
fn a_database_where_no_file_can_be_created_is_refused() {
    let env = Env::new();
    // Not even root may create files in /proc.
    let out = env.bare().args(["--db", "/proc/ctrack.db", "init"]).output().unwrap();
    assert_eq!(
        refused("init", out),
        "error: cannot open or create the database file /proc/ctrack.db; check that its folder exists and is writable, or pass --db with another path\n"
    );
}
