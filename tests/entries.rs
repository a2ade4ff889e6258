//! Entries stay true, and can be undone and listed: percents that fit their status, no entry
//! before its statement, no entry logged twice, `retract --last`, `entries`, `$CTRACK_STATEMENT`,
//! and evidence taken out with `evidence remove`. Successes are checked on their whole output;
//! refusals on their exact message, exit code and an unchanged database.

mod common;

use std::fs;

use common::{Env, fixture};

/// A database holding the seed's 45 commitments as `gdi-2023`.
fn seeded() -> Env {
    let env = Env::new();
    env.seed();
    env
}

/// Asserts that `args` fails with exit 1 and exactly `message` on stderr, changing nothing.
fn refused(env: &Env, args: &[&str], message: &str) {
    let before = env.snapshot();
    let stderr = env.fails(args, 1);
    assert_eq!(stderr, format!("error: {message}\n"), "ctrack {args:?}");
    assert_eq!(env.snapshot(), before, "ctrack {args:?} changed the database");
}

// ---- a percent fits its status; no entry before its statement ----

#[test]
fn log_refuses_a_percent_that_contradicts_done_or_not_started() {
    let env = seeded();
    refused(
        &env,
        &["log", "1.1.2", "--status", "done", "--percent", "40"],
        "percent 40 does not fit status done, which means 100%: give 100 or no percent, or another status such as partial or in-progress",
    );
    refused(
        &env,
        &["log", "1.1.2", "--status", "not-started", "--percent", "40"],
        "percent 40 does not fit status not-started, which means 0%: give 0 or no percent, or another status such as partial or in-progress",
    );
    assert_eq!(
        env.ok(&["log", "1.1.2", "--status", "not-started", "--percent", "0", "--as-of", "2024-01-01"]),
        "entry 1: gdi-2023:1.1.2 unassessed → not-started (0%) as of 2024-01-01\n"
    );
    assert_eq!(
        env.ok(&["log", "1.1.2", "--status", "done", "--percent", "100"]),
        "entry 2: gdi-2023:1.1.2 not-started (0%) → done (100%) as of 2024-06-30\n"
    );
}

/// The seed's commitments as statement `gdi-2023`, dated 2023-09-10.
fn dated() -> Env {
    let env = Env::new();
    env.ok(&[
        "import",
        "commitments",
        &fixture("gdi-2023/commitments.csv"),
        "--key",
        "gdi-2023",
        "--date",
        "2023-09-10",
    ]);
    env
}

#[test]
fn log_refuses_a_date_before_the_statement_naming_both_dates() {
    let env = dated();
    refused(
        &env,
        &["log", "1.1.2", "--status", "stalled", "--as-of", "2023-09-09"],
        "date 2023-09-09 is before statement gdi-2023, dated 2023-09-10; progress on its commitments can only be recorded as of 2023-09-10 or later",
    );
    assert_eq!(
        env.ok(&["log", "1.1.2", "--status", "stalled", "--as-of", "2023-09-10"]),
        "entry 1: gdi-2023:1.1.2 unassessed → stalled as of 2023-09-10\n"
    );
}

#[test]
fn import_progress_applies_the_same_rules_and_names_each_line() {
    let env = dated();
    fs::write(
        env.path("p.csv"),
        "commitment,as_of,status,percent\n\
         1.1.1,2024-01-10,done,40\n\
         1.1.2,2024-01-10,not-started,5\n\
         1.1.3,2023-01-01,stalled,\n\
         1.1.4,2024-01-10,done,100\n",
    )
    .unwrap();
    refused(
        &env,
        &["import", "progress", "p.csv"],
        "p.csv: 3 bad rows with 3 problems, nothing was written; fix them and run the import again:\n  \
         line 2: percent 40 does not fit status done, which means 100%: give 100 or no percent, or another status such as partial or in-progress\n  \
         line 3: percent 5 does not fit status not-started, which means 0%: give 0 or no percent, or another status such as partial or in-progress\n  \
         line 4: date 2023-01-01 is before statement gdi-2023, dated 2023-09-10; progress on its commitments can only be recorded as of 2023-09-10 or later",
    );
}

// ---- the same entry twice ----

#[test]
fn logging_the_same_entry_twice_is_refused_naming_the_first() {
    let env = seeded();
    let same = [
        "log",
        "1.1.2",
        "--status",
        "in-progress",
        "--percent",
        "40",
        "--note",
        "Pilot",
        "--as-of",
        "2024-03-31",
    ];
    env.ok(&same);
    refused(
        &env,
        &same,
        "entry 1 already records this: gdi-2023:1.1.2 in-progress (40%) as of 2024-03-31 with the same note; nothing was recorded (`ctrack show gdi-2023:1.1.2` lists its entries)",
    );
    // Another author or other evidence does not make it another entry.
    refused(
        &env,
        &[&same[..], &["--author", "Ana", "--evidence", "https://example.org/x"]].concat(),
        "entry 1 already records this: gdi-2023:1.1.2 in-progress (40%) as of 2024-03-31 with the same note; nothing was recorded (`ctrack show gdi-2023:1.1.2` lists its entries)",
    );
    // Any difference is another entry.
    env.ok(&[
        "log",
        "1.1.2",
        "--status",
        "in-progress",
        "--percent",
        "40",
        "--note",
        "Pilot.",
        "--as-of",
        "2024-03-31",
    ]);
    // `done` and `done --percent 100` are the same entry.
    env.ok(&["log", "1.1.3", "--status", "done"]);
    refused(
        &env,
        &["log", "1.1.3", "--status", "done", "--percent", "100"],
        "entry 3 already records this: gdi-2023:1.1.3 done (100%) as of 2024-06-30 with the same note; nothing was recorded (`ctrack show gdi-2023:1.1.3` lists its entries)",
    );
    // A retracted entry does not count.
    env.ok(&["retract", "1", "--reason", "typo"]);
    assert_eq!(
        env.ok(&same),
        "entry 4: gdi-2023:1.1.2 in-progress (40%) → in-progress (40%) as of 2024-03-31\n"
    );
    assert_eq!(env.query_i64("SELECT count(*) FROM entry"), 4);
}

// ---- a spreadsheet's edits are corrections ----

/// An entry as stored: (id, note, percent, retracted, retract_reason).
type EntryRow = (i64, String, Option<i64>, bool, Option<String>);

/// Every entry, by id.
fn entry_rows(env: &Env) -> Vec<EntryRow> {
    env.query("SELECT id, note, percent, retracted_at IS NOT NULL, retract_reason FROM entry ORDER BY id")
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)))
        .collect()
}

/// Three entries, exported as `progress.csv`.
fn exported() -> (Env, String) {
    let env = seeded();
    env.ok(&[
        "log",
        "1.1.1",
        "--status",
        "in-progress",
        "--percent",
        "20",
        "--note",
        "Pilot",
        "--as-of",
        "2024-01-10",
    ]);
    env.ok(&["log", "1.1.2", "--status", "stalled", "--as-of", "2024-02-01"]);
    env.ok(&["log", "1.1.3", "--status", "partial", "--percent", "50", "--as-of", "2024-03-01"]);
    let csv = env.ok(&["export", "progress"]);
    assert_eq!(
        csv,
        "entry,commitment,as_of,status,percent,note,author,evidence,recorded_at,retracted\n\
         1,gdi-2023:1.1.1,2024-01-10,in-progress,20,Pilot,tester,,2024-06-30T12:00:00Z,false\n\
         2,gdi-2023:1.1.2,2024-02-01,stalled,,,tester,,2024-06-30T12:00:00Z,false\n\
         3,gdi-2023:1.1.3,2024-03-01,partial,50,,tester,,2024-06-30T12:00:00Z,false\n"
    );
    (env, csv)
}

#[test]
fn an_edited_row_corrects_its_entry_and_a_retracted_row_retracts_it() {
    let (env, csv) = exported();
    let edited = csv.replace("20,Pilot,tester", "30,Pilot in 3 countries,tester").replace(
        "partial,50,,tester,,2024-06-30T12:00:00Z,false",
        "partial,50,,tester,,2024-06-30T12:00:00Z,true",
    );
    fs::write(env.path("edited.csv"), &edited).unwrap();
    let before = env.snapshot();
    assert_eq!(
        env.ok(&["import", "progress", "edited.csv", "--dry-run"]),
        "dry run, nothing written: edited.csv: 3 rows: 0 to add, 1 to correct, 1 to retract, 1 unchanged (already recorded), 0 skipped (marked retracted)\n\
         \x20 line 2: entry 1 would be corrected by entry 4\n\
         \x20 line 4: entry 3 would be retracted\n"
    );
    assert_eq!(env.snapshot(), before, "a dry run writes nothing");
    // The dry run's rolled-back entry took id 4 from PostgreSQL's sequence for good (sequences
    // do not roll back): there, the correction is entry 5, not the 4 the dry run named.
    let by = if env.is_postgres() { 5 } else { 4 };
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["import", "progress", "edited.csv", "--format", "json"])).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "file": "edited.csv", "dry_run": false, "rows": 3, "added": 0, "corrected": 1, "retracted": 1,
            "unchanged": 1, "skipped": 0,
            "corrections": [{"line": 2, "entry": 1, "by": by}],
            "retractions": [{"line": 4, "entry": 3}],
        })
    );
    assert_eq!(
        entry_rows(&env),
        [
            (1, "Pilot".into(), Some(20), true, Some("corrected in spreadsheet, line 2".into())),
            (2, "".into(), None, false, None),
            (3, "".into(), Some(50), true, Some("retracted in spreadsheet, line 4".into())),
            (by, "Pilot in 3 countries".into(), Some(30), false, None),
        ]
    );
    // The same file again changes nothing: entry 1 is retracted, its row is already entry 4's.
    let before = env.snapshot();
    assert_eq!(
        env.ok(&["import", "progress", "edited.csv"]),
        "edited.csv: 3 rows: 0 added, 0 corrected, 0 retracted, 2 unchanged (already recorded), 1 skipped (marked retracted)\n"
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn an_entry_number_from_elsewhere_is_refused_by_line() {
    let (env, csv) = exported();
    let moved = csv.replace("1,gdi-2023:1.1.1,2024-01-10", "1,gdi-2023:1.1.4,2024-01-10");
    fs::write(env.path("moved.csv"), moved).unwrap();
    refused(
        &env,
        &["import", "progress", "moved.csv"],
        "moved.csv: 1 bad row with 1 problem, nothing was written; fix them and run the import again:\n  \
         line 2: entry 1 is on gdi-2023:1.1.1, not gdi-2023:1.1.4; to record this row as a new entry, empty its entry cell",
    );
    let other = csv.replace("2024-06-30T12:00:00Z,false\n2,", "2023-01-01T08:00:00Z,false\n2,");
    fs::write(env.path("other.csv"), other).unwrap();
    refused(
        &env,
        &["import", "progress", "other.csv"],
        "other.csv: 1 bad row with 1 problem, nothing was written; fix them and run the import again:\n  \
         line 2: entry 1 of this database was recorded at 2024-06-30T12:00:00Z, not \"2023-01-01T08:00:00Z\": the row comes from another database or names another entry; empty its entry cell to import it as a new entry",
    );
    let twice = format!("{csv}{}", csv.lines().nth(2).unwrap().replace("stalled", "partial"));
    fs::write(env.path("twice.csv"), twice).unwrap();
    refused(
        &env,
        &["import", "progress", "twice.csv"],
        "twice.csv: 1 bad row with 1 problem, nothing was written; fix them and run the import again:\n  \
         line 5: entry 2 is also on line 3; keep one row per entry (\"2\")",
    );
}

// ---- separators, short rows, unclosed quotes ----

#[test]
fn a_semicolon_or_tab_separated_file_is_read() {
    for (name, sep) in [("semi.csv", ";"), ("tabs.tsv", "\t")] {
        let env = seeded();
        let text = "commitment,as_of,status,percent,note\n1.1.1,2024-01-10,partial,40,\"Pilot, phase 1\"\n"
            .replace(',', sep)
            .replace(&format!("Pilot{sep} phase"), "Pilot, phase");
        fs::write(env.path(name), text).unwrap();
        assert_eq!(
            env.ok(&["import", "progress", name]),
            format!(
                "{name}: 1 row: 1 added, 0 corrected, 0 retracted, 0 unchanged (already recorded), 0 skipped (marked retracted)\n"
            )
        );
        assert_eq!(entry_rows(&env), [(1, "Pilot, phase 1".into(), Some(40), false, None)]);
    }
    let env = seeded();
    fs::write(env.path("pipes.csv"), "commitment|as_of|status\n1.1.1|2024-01-10|done\n").unwrap();
    refused(
        &env,
        &["import", "progress", "pipes.csv"],
        "invalid column \"commitment|as_of|status\"; pipes.csv may only have the columns commitment, as_of, status, percent, note, author, evidence, retracted, entry, recorded_at; rename or remove it (the header line has no \",\", \";\" or tab between column names; ctrack reads cells separated by one of those)",
    );
}

#[test]
fn short_long_and_unclosed_rows_are_each_named_by_line() {
    let env = seeded();
    fs::write(
        env.path("p.csv"),
        "commitment;as_of;status;percent;note\n\
         1.1.1;2024-01-10;done\n\
         1.1.2;2024-01-10;done;;a;b\n\
         1.1.3;2024-01-10;done;;\"never closed\n\
         1.1.4;2024-01-10;finished;;\n\
         1.1.5;2024-01-10;done;;fine\n\
         1.1.6;2024-01-10;done\n",
    )
    .unwrap();
    refused(
        &env,
        &["import", "progress", "p.csv"],
        "p.csv: 5 bad rows with 5 problems, nothing was written; fix them and run the import again:\n  \
         line 2 has 3 fields; the header has 5: commitment;as_of;status;percent;note; add the missing cells (a cell may be empty)\n  \
         line 3 has 6 fields; the header has 5: commitment;as_of;status;percent;note; a cell that contains \";\" must be in double quotes\n  \
         line 4: a quote opens a cell and is never closed; close it (a quote inside a cell is written \"\"); the lines after it were checked on their own\n  \
         line 5: unknown status \"finished\"; expected one of: not-started, in-progress, stalled, partial, done, abandoned, unclear\n  \
         line 7 has 3 fields; the header has 5: commitment;as_of;status;percent;note; add the missing cells (a cell may be empty)",
    );
}

// ---- $CTRACK_STATEMENT ----

/// Runs `args` with `$CTRACK_STATEMENT` set to `key`; returns (exit code, stdout, stderr).
fn with_statement(env: &Env, key: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let out = env.ctrack().env("CTRACK_STATEMENT", key).args(args).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

#[test]
fn ctrack_statement_makes_short_ids_name_its_commitments_first() {
    let env = seeded();
    env.ok(&["import", "commitments", &fixture("gdi-2023/commitments.csv"), "--key", "gdi-copy"]);
    env.ok(&["add", "--statement", "gdi-2023", "--topic", "1", "Only in the first statement"]);
    let ok = |out: String| (Some(0), out, String::new());
    assert_eq!(
        with_statement(&env, "gdi-copy", &["log", "1.1.2", "--status", "stalled"]),
        ok("entry 1: gdi-copy:1.1.2 unassessed → stalled as of 2024-06-30\n".into())
    );
    assert_eq!(
        with_statement(&env, "gdi-2023", &["log", "1.1.2", "--status", "stalled"]),
        ok("entry 2: gdi-2023:1.1.2 unassessed → stalled as of 2024-06-30\n".into())
    );
    // A short id the preferred statement lacks still finds the one commitment that has it.
    assert_eq!(
        with_statement(&env, "gdi-copy", &["log", "1.0.1", "--status", "stalled"]),
        ok("entry 3: gdi-2023:1.0.1 unassessed → stalled as of 2024-06-30\n".into())
    );
    // A full id is what it says.
    assert_eq!(
        with_statement(&env, "gdi-copy", &["log", "gdi-2023:1.1.3", "--status", "stalled"]),
        ok("entry 4: gdi-2023:1.1.3 unassessed → stalled as of 2024-06-30\n".into())
    );
    // Imports resolve the same way.
    fs::write(env.path("p.csv"), "commitment,as_of,status\n1.1.4,2024-01-10,stalled\n").unwrap();
    with_statement(&env, "gdi-copy", &["import", "progress", "p.csv"]);
    assert_eq!(env.query_i64("SELECT count(*) FROM progress_view WHERE commitment = 'gdi-copy:1.1.4'"), 1);
    let before = env.snapshot();
    assert_eq!(
        with_statement(&env, "gdi-2042", &["log", "1.1.5", "--status", "stalled"]),
        (
            Some(1),
            String::new(),
            "error: CTRACK_STATEMENT names an unknown statement \"gdi-2042\"; known statements: gdi-2023, gdi-copy; set it to one of them, or unset it\n".into()
        )
    );
    assert_eq!(env.snapshot(), before);
}

// ---- the same text under another key ----

#[test]
fn the_same_statement_text_under_another_key_is_refused_naming_its_key() {
    let env = Env::new();
    let seed = fixture("gdi-2023/gdi-digital-cooperation-forum-2023-chair-statement.txt");
    env.ok(&["import", "statement", &seed, "--key", "gdi-2023"]);
    let refusal = "this text is already imported as statement gdi-2023, so it cannot also be statement gdi-copy; nothing was written; to update gdi-2023, import the file with --key gdi-2023";
    refused(&env, &["import", "statement", &seed, "--key", "gdi-copy"], refusal);
    refused(&env, &["import", "statement", &seed, "--key", "gdi-copy", "--dry-run"], refusal);
    // The same text with Windows line ends and a byte order mark is the same text.
    let windows = format!("\u{feff}{}", fs::read_to_string(&seed).unwrap().replace('\n', "\r\n"));
    fs::write(env.path("windows.txt"), windows).unwrap();
    refused(&env, &["import", "statement", "windows.txt", "--key", "gdi-copy"], refusal);
    assert_eq!(env.query_i64("SELECT count(*) FROM statement"), 1);
}

// ---- retract --last ----

#[test]
fn retract_last_takes_back_your_newest_live_entry_and_shows_it() {
    let env = seeded();
    env.ok(&["log", "1.1.2", "--status", "in-progress", "--percent", "40", "--as-of", "2024-03-31"]);
    env.ok(&["log", "1.1.2", "--status", "stalled", "--note", "Funding paused", "--as-of", "2024-05-01"]);
    env.ok(&["log", "1.1.3", "--status", "done", "--author", "Ana"]);
    assert_eq!(
        env.ok(&["retract", "--last"]),
        "your newest entry: 2 on gdi-2023:1.1.2, stalled as of 2024-05-01, note \"Funding paused\", recorded 2024-06-30T12:00:00Z by tester\n\
         retracted entry 2: gdi-2023:1.1.2 stalled → in-progress (40%) as of 2024-05-01\n"
    );
    assert_eq!(
        env.ok(&["retract", "--last", "--reason", "wrong commitment"]),
        "your newest entry: 1 on gdi-2023:1.1.2, in-progress (40%) as of 2024-03-31, recorded 2024-06-30T12:00:00Z by tester\n\
         retracted entry 1: gdi-2023:1.1.2 in-progress (40%) → unassessed as of 2024-03-31\n"
    );
    let reasons: Vec<(i64, Option<String>)> = env
        .query("SELECT id, retract_reason FROM entry ORDER BY id")
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(
        reasons,
        [(1, Some("wrong commitment".into())), (2, Some("undone with retract --last".into())), (3, None)]
    );
    refused(
        &env,
        &["retract", "--last"],
        "no entry recorded by \"tester\" still counts, so there is nothing to retract; `ctrack entries --author NAME` lists the entries of an author",
    );
    let ana = env.ctrack().env("CTRACK_AUTHOR", "Ana").args(["retract", "--last"]).output().unwrap();
    let out = if env.is_postgres() {
        // There you are the database user, and $CTRACK_AUTHOR may only name you; Ana
        // connects as Ana.
        assert_eq!(ana.status.code(), Some(1));
        assert_eq!(
            String::from_utf8(ana.stderr).unwrap(),
            "error: on a shared PostgreSQL database an entry's author is the database user who records it (tester), so it cannot be recorded as \"Ana\"; unset CTRACK_AUTHOR (or set it to tester), or connect as that user\n"
        );
        env.as_user("Ana").args(["retract", "--last"]).output().unwrap()
    } else {
        ana
    };
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "your newest entry: 3 on gdi-2023:1.1.3, done (100%) as of 2024-06-30, recorded 2024-06-30T12:00:00Z by Ana\n\
         retracted entry 3: gdi-2023:1.1.3 done (100%) → unassessed as of 2024-06-30\n"
    );
}

#[test]
fn a_bad_entry_number_names_the_value_and_the_accepted_forms() {
    let env = seeded();
    env.ok(&["log", "1.1.2", "--status", "stalled"]);
    for value in ["last", "0", "1.5", "#4"] {
        refused(
            &env,
            &["retract", value, "--reason", "x"],
            &format!(
                "invalid entry number \"{value}\"; expected a number such as 12 (`ctrack entries` lists them), or --last for your newest entry"
            ),
        );
    }
    // ENTRY needs a reason; ENTRY and --last do not go together (usage errors).
    env.fails(&["retract", "1"], 2);
    env.fails(&["retract", "1", "--last"], 2);
    env.fails(&["retract"], 2);
}

// ---- evidence remove ----

#[test]
fn evidence_remove_takes_a_wrong_link_out_and_keeps_it_in_history() {
    let env = seeded();
    env.ok(&["log", "1.1.2", "--status", "stalled", "--evidence", "https://example.org/log"]);
    assert_eq!(
        env.ok(&["evidence", "add", "1.1.2", "https://example.org/wrong"]),
        "evidence 2 added to gdi-2023:1.1.2: https://example.org/wrong\n"
    );
    assert_eq!(
        env.ok(&["evidence", "remove", "2", "--reason", "about another project"]),
        "evidence 2 removed from gdi-2023:1.1.2: https://example.org/wrong\n"
    );
    assert_eq!(
        env.ok(&["evidence", "remove", "1", "--reason", "broken link"]),
        "evidence 1 removed from gdi-2023:1.1.2: https://example.org/log, logged with entry 1\n"
    );
    let kept: Vec<(i64, String, Option<String>, Option<String>)> = env
        .query("SELECT id, url, removed_at, removed_reason FROM evidence ORDER BY id")
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect();
    assert_eq!(
        kept,
        [
            (1, "https://example.org/log".into(), Some(common::NOW.into()), Some("broken link".into())),
            (
                2,
                "https://example.org/wrong".into(),
                Some(common::NOW.into()),
                Some("about another project".into())
            ),
        ]
    );
    // Nothing counts it any more.
    assert_eq!(env.ok(&["export", "evidence"]), "commitment,entry,url,title,stance,added_at\n");
    assert_eq!(
        env.ok(&["export", "progress"]),
        "entry,commitment,as_of,status,percent,note,author,evidence,recorded_at,retracted\n\
         1,gdi-2023:1.1.2,2024-06-30,stalled,,,tester,,2024-06-30T12:00:00Z,false\n"
    );
    let status = env.ok(&["export", "status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    let row = status.as_array().unwrap().iter().find(|r| r["commitment"] == "gdi-2023:1.1.2").unwrap();
    assert_eq!(row["evidence_count"], 0);
    assert_eq!(env.query_i64("SELECT count(*) FROM progress_view WHERE evidence IS NOT NULL"), 0);
    let detail = env.ok(&["report", "--detail"]);
    assert!(!detail.contains("example.org/log") && !detail.contains("example.org/wrong"), "{detail}");
    // `show` keeps them, marked.
    let show = env.ok(&["show", "1.1.2"]);
    let marked: Vec<&str> = show.lines().filter(|l| l.contains("REMOVED")).map(str::trim).collect();
    assert_eq!(
        marked,
        [
            "2024-06-30   1       stalled   tester   2024-06-30T12:00:00Z   evidence: https://example.org/log REMOVED 2024-06-30T12:00:00Z: broken link",
            "https://example.org/wrong REMOVED 2024-06-30T12:00:00Z: about another project                    2024-06-30T12:00:00Z",
        ]
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", "1.1.2", "--format", "json"])).unwrap();
    assert_eq!(json["evidence"][0]["removed_reason"], "about another project", "{json}");
    // A removed link can be added again.
    assert_eq!(
        env.ok(&["evidence", "add", "1.1.2", "https://example.org/wrong"]),
        "evidence 3 added to gdi-2023:1.1.2: https://example.org/wrong\n"
    );
    refused(
        &env,
        &["evidence", "remove", "2", "--reason", "again"],
        "evidence 2 was already removed at 2024-06-30T12:00:00Z (about another project); nothing changed",
    );
    refused(
        &env,
        &["evidence", "remove", "9", "--reason", "x"],
        "unknown evidence 9; `ctrack evidence list` shows the links with their numbers",
    );
    refused(
        &env,
        &["evidence", "remove", "three", "--reason", "x"],
        "invalid evidence number \"three\"; expected a number such as 3 (`ctrack evidence list` lists them)",
    );
    refused(
        &env,
        &["evidence", "remove", "3", "--reason", " "],
        "invalid reason \" \"; say why the link is wrong, e.g. --reason \"about another project\"",
    );
}

// ---- entries ----

/// Logs `args` with the clock at `now`.
fn log_at(env: &Env, now: &str, args: &[&str]) {
    let out = env.run(&[&["log"], args].concat()).env("CTRACK_NOW", now).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Four entries by two authors over three days, one retracted.
fn logged() -> Env {
    let env = seeded();
    log_at(
        &env,
        "2024-06-01T09:00:00Z",
        &["1.1.2", "--status", "in-progress", "--percent", "40", "--note", "Pilot", "--as-of", "2024-05-31"],
    );
    log_at(&env, "2024-06-10T09:00:00Z", &["2.1.1", "--status", "stalled", "--author", "Ana"]);
    log_at(&env, "2024-06-20T09:00:00Z", &["1.1.2", "--status", "done", "--note", "=formula"]);
    env.ok(&["retract", "1", "--reason", "wrong pilot"]);
    env
}

#[test]
fn entries_lists_every_entry_with_its_number_in_three_formats() {
    let env = logged();
    assert_eq!(
        env.ok(&["entries"]),
        "\
3 entries
 ENTRY   COMMITMENT       AS OF        STATUS                          NOTE       AUTHOR   RECORDED
─────── ──────────────── ──────────── ─────────────────────────────── ────────── ──────── ──────────────────────
 1       gdi-2023:1.1.2   2024-05-31   in-progress (40%) (retracted)   Pilot      tester   2024-06-01T09:00:00Z
 2       gdi-2023:2.1.1   2024-06-10   stalled                                    Ana      2024-06-10T09:00:00Z
 3       gdi-2023:1.1.2   2024-06-20   done (100%)                     =formula   tester   2024-06-20T09:00:00Z
"
    );
    assert_eq!(
        env.ok(&["entries", "--format", "csv"]),
        "entry,commitment,as_of,status,percent,note,author,recorded_at,retracted\n\
         1,gdi-2023:1.1.2,2024-05-31,in-progress,40,Pilot,tester,2024-06-01T09:00:00Z,true\n\
         2,gdi-2023:2.1.1,2024-06-10,stalled,,,Ana,2024-06-10T09:00:00Z,false\n\
         3,gdi-2023:1.1.2,2024-06-20,done,100,'=formula,tester,2024-06-20T09:00:00Z,false\n"
    );
    assert_eq!(
        env.ok(&["entries", "--format", "markdown", "--topic", "2"]),
        "| ENTRY | COMMITMENT | AS OF | STATUS | NOTE | AUTHOR | RECORDED |\n\
         | --- | --- | --- | --- | --- | --- | --- |\n\
         | 2 | gdi-2023:2.1.1 | 2024-06-10 | stalled |  | Ana | 2024-06-10T09:00:00Z |\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["entries", "--format", "json", "--author", "Ana"])).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{
            "entry": 2, "commitment": "gdi-2023:2.1.1", "as_of": "2024-06-10", "status": "stalled", "percent": null,
            "note": "", "author": "Ana", "recorded_at": "2024-06-10T09:00:00Z", "retracted": false
        }])
    );
}

#[test]
fn entries_filters_by_date_recorded_author_and_commitment() {
    let env = logged();
    let numbers = |args: &[&str]| -> Vec<String> {
        let csv = env.ok(&[&["entries", "--format", "csv"], args].concat());
        csv.lines().skip(1).map(|l| l.split(',').next().unwrap().to_string()).collect()
    };
    assert_eq!(numbers(&["--since", "2024-06-10"]), ["2", "3"]);
    assert_eq!(numbers(&["--since", "2024-06-11"]), ["3"]);
    assert_eq!(numbers(&["--since", "today"]), Vec::<String>::new());
    assert_eq!(numbers(&["--author", "tester"]), ["1", "3"]);
    assert_eq!(numbers(&["--topic", "2"]), ["2"]);
    assert_eq!(numbers(&["--status", "done"]), ["1", "3"], "commitments whose status is done today");
    assert_eq!(numbers(&["--author", "tester", "--since", "2024-06-02"]), ["3"]);
    assert_eq!(env.ok(&["entries", "--since", "today"]), "0 entries\n");
    refused(
        &env,
        &["entries", "--author", "ana"],
        "unknown author \"ana\" (did you mean \"Ana\"?); expected one of: \"Ana\", \"tester\"",
    );
}

#[test]
fn a_bad_number_anywhere_names_the_value_not_a_parse_error() {
    let env = seeded();
    let topic = |v: &str| {
        format!(
            "invalid topic number \"{v}\"; expected a whole number such as 2 (0 is General); `ctrack list` shows the topics"
        )
    };
    refused(&env, &["list", "--topic", "x"], &topic("x"));
    refused(&env, &["report", "--topic", "1.5"], &topic("1.5"));
    refused(&env, &["add", "--statement", "gdi-2023", "--topic", "one", "Text"], &topic("one"));
    refused(&env, &["edit", "1.1.1", "--topic", "two"], &topic("two"));
    refused(
        &env,
        &["report", "--stale-days", "half a year"],
        "invalid number of days \"half a year\"; expected a whole number such as 180",
    );
    refused(
        &env,
        &["list", "--stale-days", "9999999999"],
        "invalid number of days \"9999999999\"; expected a whole number such as 180",
    );
}
