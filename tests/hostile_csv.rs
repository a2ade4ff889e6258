//! Hostile files for the CSV importers: huge cells, NUL bytes, invalid UTF-8, walls of commas,
//! formulas, unbalanced quotes, SQL, terminal escapes. Every file is either imported with its
//! text kept exactly, or refused with a short first line and the database left as it was;
//! nothing panics. A property test feeds arbitrary cells through the library.

mod common;

use std::process::Output;
use std::time::Duration;

use chrono::{DateTime, Utc};
use common::{Env, fixture};
use ctrack::Context;
use ctrack::cli::Cli;
use ctrack::error::Error;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const PROGRESS_HEADER: &str = "commitment,as_of,status,percent,note\n";
const COMMITMENTS_HEADER: &str = "topic_no,topic,text,lead\n";

/// What must come of a file.
enum Expect {
    /// Imported; then this query on the database gives this text.
    Imported { query: &'static str, stored: String },
    /// Refused; stderr's first line is this.
    Refused(String),
}

/// The stored note of the latest entry.
const LAST_NOTE: &str = "SELECT note FROM entry ORDER BY id DESC LIMIT 1";
/// The stored text of the latest commitment.
const LAST_TEXT: &str = "SELECT text FROM commitment ORDER BY id DESC LIMIT 1";

fn bad_rows(file: &str) -> String {
    format!(
        "error: {file}: 1 bad row with 1 problem, nothing was written; fix them and run the import again:"
    )
}

fn not_csv(file: &str, why: &str) -> String {
    format!("error: invalid CSV file \"{file}\"; {why}")
}

const NUL: &str = "line 2 contains a NUL byte, so it is not UTF-8 text (saved as UTF-16?); save it as CSV UTF-8 and import again";

/// Runs one import of `bytes` saved as `file` and checks the outcome against `expect`.
fn check(env: &Env, importer: &[&str], file: &str, bytes: &[u8], expect: Expect) {
    std::fs::write(env.path(file), bytes).unwrap();
    let before = env.snapshot();
    let out = env.ctrack().args(importer).arg(file).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    match expect {
        Expect::Imported { query, stored } => {
            assert_eq!(out.status.code(), Some(0), "{file}: {stderr}");
            let got: String = env.query_row(query).get(0);
            assert!(
                got == stored,
                "{file}: stored {} characters, not the {} written",
                got.len(),
                stored.len()
            );
        }
        Expect::Refused(first_line) => {
            assert_clean_refusal(file, &out);
            assert_eq!(stderr.lines().next().unwrap(), first_line, "{file}");
            assert_eq!(env.snapshot(), before, "{file} changed the database");
        }
    }
}

/// Exit 1 (never 101, never a signal), nothing on stdout, and an error message that is short
/// and carries no control characters from the file.
fn assert_clean_refusal(file: &str, out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{file}: {:?} {stderr}", out.status);
    assert!(out.stdout.is_empty(), "{file}");
    assert!(stderr.starts_with("error: "), "{file}: {stderr}");
    assert!(stderr.len() < 2000, "{file}: a {} byte message", stderr.len());
    assert!(!stderr.chars().any(|c| c.is_control() && c != '\n'), "{file}: {stderr:?}");
}

fn progress(rows: &str) -> Vec<u8> {
    format!("{PROGRESS_HEADER}{rows}").into_bytes()
}

#[test]
fn hostile_progress_files_are_imported_exactly_or_refused_cleanly() {
    let env = Env::new();
    env.seed();
    let import = ["import", "progress"];
    let note = |text: &str| Expect::Imported { query: LAST_NOTE, stored: text.to_string() };
    let huge = "x".repeat(5_000_000);
    check(
        &env,
        &import,
        "huge-id.csv",
        &progress(&format!("{huge},2024-01-01,done,,\n")),
        Expect::Refused(bad_rows("huge-id.csv")),
    );
    check(
        &env,
        &import,
        "nul.csv",
        &progress("1.1.1,2024-01-01,done,,a\0b\n"),
        Expect::Refused(not_csv("nul.csv", NUL)),
    );
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(PROGRESS_HEADER.encode_utf16().flat_map(u16::to_le_bytes));
    check(
        &env,
        &import,
        "utf16.csv",
        &utf16,
        Expect::Refused(not_csv(
            "utf16.csv",
            "it cannot be read (CSV parse error: record 0 (line 1, field: 0, byte: 0): invalid utf-8: invalid UTF-8 in field 0 near byte index 0); save it as UTF-8 CSV with a header row",
        )),
    );
    let mut latin1 = progress("1.1.1,2024-01-01,done,,caf");
    latin1.extend(b"\xe9\n");
    check(&env, &import, "latin1.csv", &latin1, Expect::Refused(bad_rows("latin1.csv")));
    let commas = ",".repeat(10_000_000);
    check(&env, &import, "commas.csv", commas.as_bytes(), Expect::Refused("error: invalid column \"\"; commas.csv may only have the columns commitment, as_of, status, percent, note, author, evidence, retracted, entry, recorded_at; rename or remove it".into()));
    check(&env, &import, "comma-row.csv", &progress(&commas), Expect::Refused(bad_rows("comma-row.csv")));
    let formula = "=cmd|' /C calc'!A0";
    check(
        &env,
        &import,
        "formula.csv",
        &progress(&format!("1.1.1,2024-01-01,done,,{formula}\n")),
        note(formula),
    );
    check(
        &env,
        &import,
        "formula-id.csv",
        &progress(&format!("{formula},2024-01-01,done,,\n")),
        Expect::Refused(bad_rows("formula-id.csv")),
    );
    for (file, rows) in [
        ("unclosed-last.csv", "1.1.1,2024-01-01,done,,\"oops\n"),
        ("unclosed-mid.csv", "1.1.1,2024-01-01,done,,\"oops\n1.1.2,2024-01-01,done,,fine\n"),
        ("unclosed-early.csv", "1.1.1,2024-01-01,\"done,,oops\n1.1.2,2024-01-01,done,,fine\n"),
    ] {
        // The quote is a bad line of its own; the lines after it are read on their own.
        check(&env, &import, file, &progress(rows), Expect::Refused(bad_rows(file)));
    }
    check(&env, &import, "empty.csv", b"", Expect::Refused("error: invalid header \"\"; empty.csv needs a header row with the column commitment (required: commitment, as_of, status)".into()));
    let crlf =
        format!("\u{feff}{}1.1.1,2024-01-01,done,,from Excel\r\n", PROGRESS_HEADER.replace('\n', "\r\n"));
    check(&env, &import, "excel.csv", crlf.as_bytes(), note("from Excel"));
    let sql = "'); DROP TABLE entry; --";
    check(&env, &import, "sql.csv", &progress(&format!("1.1.1,2024-01-01,done,,\"{sql}\"\n")), note(sql));
    assert_eq!(env.query_i64("SELECT count(*) FROM commitment"), 45);
    check(
        &env,
        &import,
        "escape.csv",
        &progress("\"1.1.1\u{1b}[2J\nerror: fake\",2024-01-01,done,,\n"),
        Expect::Refused(bad_rows("escape.csv")),
    );
    // Last, so that the snapshots of the other cases stay small.
    check(
        &env,
        &import,
        "huge-note.csv",
        &progress(&format!("1.1.1,2024-01-01,done,,{huge}\n")),
        note(&huge),
    );
    let entries = env.query_i64("SELECT count(*) FROM entry");
    std::fs::write(env.path("header-only.csv"), PROGRESS_HEADER).unwrap();
    assert_eq!(
        env.ok(&["import", "progress", "header-only.csv"]),
        "header-only.csv: 0 rows: 0 added, 0 corrected, 0 retracted, 0 unchanged (already recorded), 0 skipped (marked retracted)\n"
    );
    assert_eq!(env.query_i64("SELECT count(*) FROM entry"), entries);
}

#[test]
fn a_refusal_quotes_a_huge_or_hostile_value_short_and_escaped() {
    let env = Env::new();
    env.seed();
    std::fs::write(env.path("p.csv"), progress(&format!("{},2024-01-01,done,,\n", "9".repeat(5_000_000))))
        .unwrap();
    let err = env.fails(&["import", "progress", "p.csv"], 1);
    assert_eq!(
        err.lines().nth(1).unwrap(),
        format!(
            "  line 2: invalid commitment id \"{}\"… (5000000 characters); expected KEY:T.P.C (e.g. gdi-2023:1.2.3) or T.P.C",
            "9".repeat(120)
        )
    );
    std::fs::write(env.path("p.csv"), progress("\"1.1.1\u{1b}[2J\nerror: fake\",2024-01-01,done,,\n"))
        .unwrap();
    let err = env.fails(&["import", "progress", "p.csv"], 1);
    assert_eq!(
        err.lines().nth(1).unwrap(),
        "  line 2: invalid commitment id \"1.1.1\\u{1b}[2J\\nerror: fake\"; expected KEY:T.P.C (e.g. gdi-2023:1.2.3) or T.P.C"
    );
}

fn commitments(rows: &str) -> Vec<u8> {
    format!("{COMMITMENTS_HEADER}{rows}").into_bytes()
}

#[test]
fn hostile_commitment_files_are_imported_exactly_or_refused_cleanly() {
    let env = Env::new();
    env.ok(&["init"]);
    let import = ["import", "commitments", "--key", "hostile"];
    let text = |text: &str| Expect::Imported { query: LAST_TEXT, stored: text.to_string() };
    let huge = "x".repeat(5_000_000);
    check(
        &env,
        &import,
        "huge-topic-no.csv",
        &commitments(&format!("{huge},Topic,text,\n")),
        Expect::Refused(bad_rows("huge-topic-no.csv")),
    );
    check(
        &env,
        &import,
        "nul.csv",
        &commitments("1,Topic,te\0xt,\n"),
        Expect::Refused(not_csv("nul.csv", NUL)),
    );
    let mut latin1 = commitments("1,Topic,caf");
    latin1.extend(b"\xe9,\n");
    check(&env, &import, "latin1.csv", &latin1, Expect::Refused(bad_rows("latin1.csv")));
    let commas = ",".repeat(10_000_000);
    check(&env, &import, "commas.csv", commas.as_bytes(), Expect::Refused("error: invalid column \"\"; commas.csv may only have the columns topic_no, topic, text, commitment, due, lead, support; rename or remove it".into()));
    check(&env, &import, "comma-row.csv", &commitments(&commas), Expect::Refused(bad_rows("comma-row.csv")));
    let formula = "=cmd|' /C calc'!A0";
    check(&env, &import, "formula.csv", &commitments(&format!("1,Topic,{formula},\n")), text(formula));
    for (file, rows) in [
        ("unclosed-last.csv", "1,Topic,text,\"ITU\n"),
        ("unclosed-mid.csv", "1,Topic,text,\"ITU\n2,Other,more text,\n"),
    ] {
        check(&env, &import, file, &commitments(rows), Expect::Refused(bad_rows(file)));
    }
    check(
        &env,
        &import,
        "header-only.csv",
        COMMITMENTS_HEADER.as_bytes(),
        Expect::Refused(bad_rows("header-only.csv")),
    );
    check(&env, &import, "empty.csv", b"", Expect::Refused("error: invalid header \"\"; empty.csv needs a header row with the column topic_no (required: topic_no, topic, text)".into()));
    let crlf = format!("\u{feff}{}1,Topic,from Excel,\r\n", COMMITMENTS_HEADER.replace('\n', "\r\n"));
    check(&env, &import, "excel.csv", crlf.as_bytes(), text("from Excel"));
    let sql = "'); DROP TABLE commitment; --";
    check(&env, &import, "sql.csv", &commitments(&format!("1,Topic,\"{sql}\",\n")), text(sql));
    // 200,000 owner names in one cell, all the same: one owner, and quickly.
    check(
        &env,
        &import,
        "owners.csv",
        &commitments(&format!("1,Topic,shared,\"{}\"\n", "ITU;".repeat(200_000))),
        text("shared"),
    );
    assert_eq!(env.query_i64("SELECT count(*) FROM owner"), 1);
    // Last, so that the snapshots of the other cases stay small.
    check(&env, &import, "huge-text.csv", &commitments(&format!("1,Topic,{huge},\n")), text(&huge));
}

// ---- property tests, through the library ----

/// The context of every property case: the fixed clock of the end-to-end tests.
fn context() -> Context {
    let now: DateTime<Utc> = common::NOW.parse().unwrap();
    Context {
        now,
        today: now.date_naive(),
        author: ctrack::DefaultAuthor { name: "prop".into(), from_env: false },
        env_db: None,
        xdg_data_home: None,
        home: None,
        terminal: ctrack::report::Terminal { width: None },
        busy_timeout: Duration::from_secs(30),
        statement: None,
    }
}

/// Runs a command line on `env`'s database through `ctrack::run` (no process), returning stdout.
fn run(env: &Env, args: &[&str]) -> Result<String, Error> {
    let db = env.db_arg().into_string().unwrap();
    let mut argv = vec!["ctrack", "--db", &db];
    argv.extend(args);
    let cli = <Cli as clap::Parser>::try_parse_from(argv).unwrap();
    let mut out = Vec::new();
    ctrack::run(cli, &context(), &mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

/// A cell: mostly a value a real file would hold, sometimes a wrong one, sometimes arbitrary
/// Unicode.
fn cell(good: &'static [&'static str], bad: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(good).prop_map(str::to_string),
        1 => proptest::sample::select(bad).prop_map(str::to_string),
        1 => any::<String>(),
    ]
}

/// commitment, as_of, status, percent, note, author, evidence, retracted.
fn row() -> impl Strategy<Value = Vec<String>> {
    (
        cell(&["1.1.1", "gdi-2023:2.1.1", "3.2.1"], &["9.9.9", "", "nope:1.1.1", "1.1"]),
        cell(&["2024-01-31", "2024-06-30", "today"], &["2024-07-01", "2024-02-30", ""]),
        cell(&["done", "in-progress", " stalled "], &["unassessed", "complete", ""]),
        cell(&["", "0", "100", "45%"], &["101", "-1", "x"]),
        cell(&["", "fine", "=1+1", "two\nlines", "'quoted", "\"quotes\""], &["\0"]),
        cell(&["", "ann", "@bob"], &["\0"]),
        cell(
            &["", "https://example.org/a", "https://example.org/a https://example.org/b"],
            &["javascript:x"],
        ),
        cell(&["", "false", "no"], &["true", "maybe"]),
    )
        .prop_map(|(a, b, c, d, e, f, g, h)| vec![a, b, c, d, e, f, g, h])
}

/// What the database holds, in short: entries, evidence, and the notes' total length.
fn tally(env: &Env) -> (i64, i64, i64) {
    let row = env.query_row(
        "SELECT (SELECT count(*) FROM entry), (SELECT count(*) FROM evidence),
                (SELECT coalesce(sum(length(note)), 0) FROM entry)",
    );
    (row.get(0), row.get(1), row.get(2))
}

/// Imports `bytes` and checks the outcome: a summary whose count of added entries is what
/// the database gained, or a data error whose message is clean and a database unchanged.
fn import_is_all_or_nothing(env: &Env, bytes: &[u8]) -> Result<(), TestCaseError> {
    let file = env.path("p.csv");
    std::fs::write(&file, bytes).unwrap();
    let before = tally(env);
    match run(env, &["import", "progress", file.to_str().unwrap(), "--format", "json"]) {
        Ok(summary) => {
            let json: serde_json::Value = serde_json::from_str(&summary).unwrap();
            let added = json["added"].as_i64().unwrap() + json["corrected"].as_i64().unwrap();
            prop_assert_eq!(tally(env).0, before.0 + added, "{}", summary);
        }
        Err(e @ (Error::BadRows { .. } | Error::BadValue { .. })) => {
            let message = e.to_string();
            prop_assert!(!message.chars().any(|c| c.is_control() && c != '\n'), "{:?}", message);
            prop_assert!(message.lines().next().unwrap().len() < 400, "{}", message);
            prop_assert_eq!(tally(env), before);
        }
        Err(other) => prop_assert!(false, "not a refusal of bad data: {other}"),
    }
    Ok(())
}

fn seeded_library_env() -> Env {
    let env = Env::new();
    let commitments = fixture("gdi-2023/commitments.csv");
    run(&env, &["import", "commitments", &commitments, "--key", "gdi-2023"]).unwrap();
    env
}

#[test]
fn arbitrary_cells_in_progress_rows_import_or_are_refused_cleanly() {
    let env = seeded_library_env();
    let mut runner = TestRunner::new(Config { cases: 300, failure_persistence: None, ..Config::default() });
    runner
        .run(&proptest::collection::vec(row(), 1..4), |rows| {
            let mut csv = csv::Writer::from_writer(Vec::new());
            csv.write_record([
                "commitment",
                "as_of",
                "status",
                "percent",
                "note",
                "author",
                "evidence",
                "retracted",
            ])
            .unwrap();
            for row in &rows {
                csv.write_record(row).unwrap();
            }
            import_is_all_or_nothing(&env, &csv.into_inner().unwrap())
        })
        .unwrap();
    assert!(tally(&env).0 > 0, "no case imported anything: the strategy is too hostile to test imports");
}

#[test]
fn arbitrary_bytes_after_a_header_import_or_are_refused_cleanly() {
    let env = seeded_library_env();
    let mut runner = TestRunner::new(Config { cases: 200, failure_persistence: None, ..Config::default() });
    let bytes = proptest::collection::vec(
        prop_oneof![3 => proptest::sample::select(b"1.,:-\"\r\n 2024-01-3done".to_vec()), 1 => any::<u8>()],
        0..120,
    );
    runner
        .run(&bytes, |body| {
            let mut file = PROGRESS_HEADER.as_bytes().to_vec();
            file.extend(body);
            import_is_all_or_nothing(&env, &file)
        })
        .unwrap();
}
