//! `ctrack import progress`: all or nothing, idempotent, every bad row named.

mod common;

use std::fs;

use common::{Cell, Env};

const GOOD: &str = "\
commitment,as_of,status,percent,note,author,evidence
1.1.1,2024-01-10,in-progress,20,Pilot in 3 countries,ann,https://example.org/a https://example.org/b
gdi-2023:1.1.2,2024-02-01,done,,,bob,
3.2.1,2024-03-01,stalled,,\"two
lines\",,
";

/// (commitment, as_of, status, percent, note, author, evidence) of every entry, by id.
/// Each value is shown as `Text("…")` or `Integer(…)`, a missing percent or evidence as `Text("")`.
fn entries(env: &Env) -> Vec<String> {
    let rows = env.query(
        "SELECT commitment, as_of, status, percent, note, author, evidence, retracted FROM progress_view ORDER BY entry",
    );
    let shown = |cell: &Cell| match cell {
        Cell::Null => "Text(\"\")".to_string(),
        Cell::Int(i) => format!("Integer({i})"),
        Cell::Text(t) => format!("Text({t:?})"),
        Cell::Real(r) => format!("Real({r})"),
    };
    rows.iter().map(|row| row.0.iter().map(shown).collect::<Vec<_>>().join("|")).collect()
}

/// The author an imported row's `author` cell gives its entry: the cell on SQLite; on
/// PostgreSQL the database user who imports (`tester`), whatever the file says.
fn author_of<'a>(env: &Env, cell: &'a str) -> &'a str {
    if env.is_postgres() { "tester" } else { cell }
}

#[test]
fn a_file_imports_once_and_the_second_time_adds_nothing() {
    let env = Env::new();
    env.seed();
    fs::write(env.path("p.csv"), GOOD).unwrap();
    let out = env.ok(&["import", "progress", "p.csv"]);
    assert_eq!(
        out,
        "p.csv: 3 rows: 3 added, 0 corrected, 0 retracted, 0 unchanged (already recorded), 0 skipped (marked retracted)\n"
    );
    assert_eq!(
        entries(&env),
        [
            format!(
                "Text(\"gdi-2023:1.1.1\")|Text(\"2024-01-10\")|Text(\"in-progress\")|Integer(20)|Text(\"Pilot in 3 countries\")|Text({:?})|Text(\"https://example.org/a https://example.org/b\")|Integer(0)",
                author_of(&env, "ann")
            ),
            format!(
                "Text(\"gdi-2023:1.1.2\")|Text(\"2024-02-01\")|Text(\"done\")|Integer(100)|Text(\"\")|Text({:?})|Text(\"\")|Integer(0)",
                author_of(&env, "bob")
            ),
            format!(
                "Text(\"gdi-2023:3.2.1\")|Text(\"2024-03-01\")|Text(\"stalled\")|Text(\"\")|Text(\"two\\nlines\")|Text({:?})|Text(\"\")|Integer(0)",
                author_of(&env, "")
            ),
        ]
    );
    let before = env.snapshot();
    let out = env.ok(&["import", "progress", "p.csv"]);
    assert_eq!(
        out,
        "p.csv: 3 rows: 0 added, 0 corrected, 0 retracted, 3 unchanged (already recorded), 0 skipped (marked retracted)\n"
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn bad_rows_on_several_lines_are_all_named_and_nothing_is_written() {
    let env = Env::new();
    env.seed();
    let before = env.snapshot();
    fs::write(
        env.path("bad.csv"),
        "commitment,as_of,status,percent,evidence,retracted\n\
         1.1.1,2024-01-10,done,,,\n\
         1.1.9,2024-01-10,complete,120,javascript:alert(1),\n\
         1.1.2,2024-02-30,done,,,\n\
         1.1.2,2099-01-01,done,,,maybe\n\
         1.1.3,2024-01-01,done,,,true\n",
    )
    .unwrap();
    let err = env.fails(&["import", "progress", "bad.csv"], 1);
    assert_eq!(
        err,
        "error: bad.csv: 3 bad rows with 7 problems, nothing was written; fix them and run the import again:
  line 3: unknown commitment \"1.1.9\"; did you mean gdi-2023:1.1.1, gdi-2023:1.1.2, gdi-2023:1.1.3, gdi-2023:1.1.4, gdi-2023:1.1.5?
  line 3: unknown status \"complete\"; expected one of: not-started, in-progress, stalled, partial, done, abandoned, unclear
  line 3: invalid percent \"120\"; expected a whole number from 0 to 100
  line 3: invalid evidence URL \"javascript:alert(1)\"; expected an absolute http:// or https:// address
  line 4: invalid date \"2024-02-30\"; expected a real calendar date as YYYY-MM-DD, e.g. 2024-03-31
  line 5: invalid retracted value \"maybe\"; expected true or false
  line 5: date 2099-01-01 is in the future (today is 2024-06-30); progress can only be recorded as of today or earlier
"
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn the_list_of_bad_rows_is_capped() {
    let env = Env::new();
    env.seed();
    let mut csv = String::from("commitment,as_of,status\n");
    for _ in 0..60 {
        csv.push_str("1.1.1,2024-01-01,complete\n");
    }
    fs::write(env.path("many.csv"), csv).unwrap();
    let err = env.fails(&["import", "progress", "many.csv"], 1);
    assert!(err.starts_with("error: many.csv: 60 bad rows with 60 problems, nothing was written"), "{err}");
    assert_eq!(err.matches("\n  line ").count(), 50);
    assert!(err.ends_with("\n  … and 10 more\n"), "{err}");
}

#[test]
fn unknown_and_missing_columns_are_refused_by_name() {
    let env = Env::new();
    env.seed();
    fs::write(env.path("extra.csv"), "commitment,as_of,status,colour\n1.1.1,2024-01-01,done,red\n").unwrap();
    let err = env.fails(&["import", "progress", "extra.csv"], 1);
    assert_eq!(
        err,
        "error: invalid column \"colour\"; extra.csv may only have the columns commitment, as_of, status, percent, note, author, evidence, retracted, entry, recorded_at; rename or remove it\n"
    );
    fs::write(env.path("missing.csv"), "commitment,status\n1.1.1,done\n").unwrap();
    let err = env.fails(&["import", "progress", "missing.csv"], 1);
    assert_eq!(
        err,
        "error: invalid header \"commitment,status\"; missing.csv needs a header row with the column as_of (required: commitment, as_of, status)\n"
    );
    assert_eq!(env.query_i64("SELECT count(*) FROM entry"), 0);
}

#[test]
fn standard_input_works_and_columns_may_come_in_any_order() {
    let env = Env::new();
    env.seed();
    let out = env
        .run(&["import", "progress", "-"])
        .write_stdin("status,commitment,as_of\npartial,2.2.1,2024-05-05\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "standard input: 1 row: 1 added, 0 corrected, 0 retracted, 0 unchanged (already recorded), 0 skipped (marked retracted)\n"
    );
    // With no author column, the author is $USER.
    assert_eq!(
        entries(&env),
        [
            "Text(\"gdi-2023:2.2.1\")|Text(\"2024-05-05\")|Text(\"partial\")|Text(\"\")|Text(\"\")|Text(\"tester\")|Text(\"\")|Integer(0)"
        ]
    );
}

#[test]
fn excel_files_and_formula_escaped_cells_come_back_as_written() {
    let env = Env::new();
    env.seed();
    let excel = "\u{feff}entry,commitment,as_of,status,percent,note,author,evidence,recorded_at,retracted\r\n\
                 7,1.1.1,2024-01-10,partial,50,'=HYPERLINK(\"x\"),'@ann,,2024-01-11 09:00:00,false\r\n\
                 8,1.1.2,2024-01-10,done,100,'-5 countries,bob,,2024-01-11 09:00:00,true\r\n\
                 9,1.1.3,2024-01-10,unclear,,it's fine,carol,,2024-01-11 09:00:00,false\r\n";
    fs::write(env.path("excel.csv"), excel).unwrap();
    let out = env.ok(&["import", "progress", "excel.csv"]);
    assert_eq!(
        out,
        "excel.csv: 3 rows: 2 added, 0 corrected, 0 retracted, 0 unchanged (already recorded), 1 skipped (marked retracted)\n"
    );
    assert_eq!(
        entries(&env),
        [
            format!(
                "Text(\"gdi-2023:1.1.1\")|Text(\"2024-01-10\")|Text(\"partial\")|Integer(50)|Text(\"=HYPERLINK(\\\"x\\\")\")|Text({:?})|Text(\"\")|Integer(0)",
                author_of(&env, "@ann")
            ),
            format!(
                "Text(\"gdi-2023:1.1.3\")|Text(\"2024-01-10\")|Text(\"unclear\")|Text(\"\")|Text(\"it's fine\")|Text({:?})|Text(\"\")|Integer(0)",
                author_of(&env, "carol")
            ),
        ]
    );
}

#[test]
fn a_dry_run_checks_and_counts_but_writes_nothing() {
    let env = Env::new();
    env.seed();
    fs::write(env.path("p.csv"), GOOD).unwrap();
    let before = env.snapshot();
    let out = env.ok(&["import", "progress", "p.csv", "--dry-run"]);
    assert_eq!(
        out,
        "dry run, nothing written: p.csv: 3 rows: 3 to add, 0 to correct, 0 to retract, 0 unchanged (already recorded), 0 skipped (marked retracted)\n"
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn sql_looking_notes_are_plain_text() {
    let env = Env::new();
    env.seed();
    fs::write(
        env.path("sql.csv"),
        "commitment,as_of,status,note\n1.1.1,2024-01-10,partial,\"'); DROP TABLE entry; --\"\n",
    )
    .unwrap();
    env.ok(&["import", "progress", "sql.csv"]);
    let note: String = env.query_row("SELECT note FROM entry").get(0);
    assert_eq!(note, "'); DROP TABLE entry; --");
    assert_eq!(env.query_i64("SELECT count(*) FROM commitment"), 45);
}

/// A database with varied entries: notes a spreadsheet would run as formulas, several lines,
/// CJK text, evidence, a `done` without percent, and a retracted entry.
fn logged() -> Env {
    let env = Env::new();
    env.seed();
    let log = |args: &[&str]| env.ok(&[&["log"], args].concat());
    log(&[
        "1.1.1",
        "--status",
        "in-progress",
        "--percent",
        "20",
        "--as-of",
        "2024-01-10",
        "--note",
        "=SUM(A1:A3)",
    ]);
    log(&[
        "1.1.1",
        "--status",
        "partial",
        "--percent",
        "60",
        "--as-of",
        "2024-04-01",
        "--note",
        "-5 countries left",
    ]);
    log(&["1.1.2", "--status", "done", "--as-of", "2024-02-01", "--note", "two\nlines", "--author", "@ann"]);
    log(&["2.3.1", "--status", "unclear", "--as-of", "2024-03-03", "--note", "报告相互矛盾"]);
    log(&[
        "3.4.1",
        "--status",
        "done",
        "--as-of",
        "2024-05-05",
        "--evidence",
        "https://example.org/a",
        "--evidence",
        "https://example.org/b",
    ]);
    log(&["3.4.2", "--status", "abandoned", "--as-of", "2024-05-06"]);
    env.ok(&["retract", "6", "--reason", "wrong commitment"]);
    env
}

#[test]
fn an_export_imports_into_a_fresh_database_as_the_same_entries_and_only_once() {
    let source = logged();
    for style in [&[][..], &["--excel"], &["--raw"]] {
        source.ok(&[&["export", "progress", "-o", "p.csv"][..], style].concat());
        let target = Env::new();
        target.seed();
        let file = source.path("p.csv").display().to_string();
        let out = target.ok(&["import", "progress", &file]);
        assert_eq!(
            out,
            format!(
                "{file}: 6 rows: 5 added, 0 corrected, 0 retracted, 0 unchanged (already recorded), 1 skipped (marked retracted)\n"
            ),
            "{style:?}"
        );
        let kept: Vec<String> = entries(&source)
            .into_iter()
            .filter(|e| e.ends_with("|Integer(0)"))
            .map(|e| e.replace("Text(\"@ann\")", &format!("Text({:?})", author_of(&target, "@ann"))))
            .collect();
        assert_eq!(entries(&target), kept, "{style:?}");
        let before = target.snapshot();
        let again = target.ok(&["import", "progress", &file]);
        assert_eq!(
            again,
            format!(
                "{file}: 6 rows: 0 added, 0 corrected, 0 retracted, 5 unchanged (already recorded), 1 skipped (marked retracted)\n"
            )
        );
        assert_eq!(target.snapshot(), before, "{style:?}");
    }
}

#[test]
fn re_importing_an_export_into_its_own_database_adds_nothing() {
    let env = logged();
    env.ok(&["export", "progress", "-o", "p.csv", "--excel"]);
    let before = env.snapshot();
    let out = env.ok(&["import", "progress", "p.csv"]);
    assert_eq!(
        out,
        "p.csv: 6 rows: 0 added, 0 corrected, 0 retracted, 5 unchanged (already recorded), 1 skipped (marked retracted)\n"
    );
    assert_eq!(env.snapshot(), before);
}
