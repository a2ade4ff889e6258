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
