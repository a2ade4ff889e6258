//! Tracking, end to end: owners, dated progress entries, retraction, evidence links, commitments
//! added and edited by hand, and `show`. Successful commands are checked on their whole output;
//! refusals on their exact message and exit code, and on leaving the database as it was.

mod common;

use common::{Env, NOW, fixture};

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

/// Re-imports the seed without commitment 1.1.5, which withdraws it.
fn withdraw_1_1_5(env: &Env) {
    let text = std::fs::read_to_string(fixture("gdi-2023/commitments.csv")).unwrap();
    let revised: String =
        text.lines().filter(|l| !l.starts_with("1.1.5,")).map(|l| format!("{l}\n")).collect();
    let path = env.path("revised.csv");
    std::fs::write(&path, revised).unwrap();
    env.ok(&["import", "commitments", path.to_str().unwrap(), "--key", "gdi-2023"]);
}

// ---- assign, unassign, owners ----

#[test]
fn assign_records_an_owner_and_changing_the_role_says_so() {
    let env = seeded();
    assert_eq!(env.ok(&["assign", "1.1.2", "ITU"]), "gdi-2023:1.1.2: ITU assigned as lead\n");
    assert_eq!(
        env.ok(&["assign", "gdi-2023:1.1.2", "itu ", "--role", "support"]),
        "gdi-2023:1.1.2: ITU changed from lead to support\n"
    );
    assert_eq!(
        env.ok(&["assign", "1.1.2", "Itu", "--role", "support"]),
        "gdi-2023:1.1.2: ITU is already support; nothing changed\n"
    );
    assert_eq!(env.query_i64("SELECT count(*) FROM owner"), 1);
    assert_eq!(env.query_i64("SELECT count(*) FROM assignment WHERE role = 'support'"), 1);
}

#[test]
fn owners_counts_led_and_supported_commitments_but_not_withdrawn_ones() {
    let env = seeded();
    env.ok(&["assign", "1.1.2", "ITU"]);
    env.ok(&["assign", "1.1.5", "itu"]);
    env.ok(&["assign", "1.1.3", " ITU ", "--role", "support"]);
    env.ok(&["assign", "1.1.2", "UNDP", "--role", "support"]);
    env.ok(&["assign", "1.1.5", "=World Bank", "--role", "support"]);
    withdraw_1_1_5(&env);
    assert_eq!(
        env.ok(&["owners"]),
        "\
3 owners
 OWNER         LEAD   SUPPORT
───────────── ────── ─────────
 =World Bank      0         0
 ITU              1         1
 UNDP             0         1
"
    );
    assert_eq!(
        env.ok(&["owners", "--format", "csv"]),
        "owner,lead,support\n'=World Bank,0,0\nITU,1,1\nUNDP,0,1\n"
    );
    assert_eq!(
        env.ok(&["owners", "--format", "json"]),
        "[\n  {\"owner\":\"=World Bank\",\"lead\":0,\"support\":0},\n  {\"owner\":\"ITU\",\"lead\":1,\"support\":1},\n  {\"owner\":\"UNDP\",\"lead\":0,\"support\":1}\n]\n"
    );
}

#[test]
fn owners_of_an_empty_database_still_print_a_header() {
    let env = seeded();
    assert_eq!(env.ok(&["owners"]), "0 owners\n");
    assert_eq!(env.ok(&["owners", "--format", "csv"]), "owner,lead,support\n");
    assert_eq!(env.ok(&["owners", "--format", "json"]), "[]\n");
}

#[test]
fn unassign_ends_an_owners_role_and_owners_lists_only_current_ones() {
    let env = seeded();
    env.ok(&["assign", "1.1.2", "ITU"]);
    env.ok(&["assign", "1.1.3", "ITU", "--role", "support"]);
    env.ok(&["assign", "1.1.2", "UNDP", "--role", "support"]);
    assert_eq!(env.ok(&["unassign", "1.1.2", "itu"]), "gdi-2023:1.1.2: ITU removed (was lead)\n");
    assert_eq!(env.ok(&["unassign", "1.1.2", "UNDP"]), "gdi-2023:1.1.2: UNDP removed (was support)\n");
    // The history keeps UNDP (reports as of earlier dates name it); `owners` lists today's.
    assert_eq!(env.query_i64("SELECT count(*) FROM assignment_period WHERE valid_to = '2024-06-30'"), 2);
    assert_eq!(env.ok(&["owners", "--format", "csv"]), "owner,lead,support\nITU,0,1\n");
}

#[test]
fn unassigning_someone_who_is_not_an_owner_names_the_owners() {
    let env = seeded();
    refused(
        &env,
        &["unassign", "1.1.2", "ITU"],
        "ITU is not an owner of gdi-2023:1.1.2, which has no owners; nothing changed",
    );
    env.ok(&["assign", "1.1.2", "UNDP", "--role", "support"]);
    env.ok(&["assign", "1.1.2", "ITU"]);
    env.ok(&["assign", "1.1.3", "World Bank"]);
    refused(
        &env,
        &["unassign", "1.1.2", "world bank"],
        "world bank is not an owner of gdi-2023:1.1.2, whose owners are: ITU (lead), UNDP (support); nothing changed",
    );
}

// ---- log ----

#[test]
fn log_prints_the_entry_and_the_status_before_and_after() {
    let env = seeded();
    assert_eq!(
        env.ok(&[
            "log",
            "1.1.2",
            "--status",
            "in-progress",
            "--percent",
            "40",
            "--as-of",
            "2024-03-31",
            "--note",
            "Pilot in 3 countries",
            "--evidence",
            "https://example.org/report",
        ]),
        "entry 1: gdi-2023:1.1.2 unassessed → in-progress (40%) as of 2024-03-31\n"
    );
    assert_eq!(
        env.ok(&["log", "1.1.2", "--status", "stalled"]),
        "entry 2: gdi-2023:1.1.2 in-progress (40%) → stalled as of 2024-06-30\n"
    );
    assert_eq!(
        env.ok(&["log", "1.1.2", "--status", "done", "--as-of", "yesterday", "--author", "Ana"]),
        "entry 3: gdi-2023:1.1.2 in-progress (40%) → done (100%) as of 2024-06-29\n\
         note: entry 2 as of 2024-06-30 is later, so the current status stays stalled\n"
    );
    let row: (String, String, Option<i64>, String, String, String) = {
        let r =
            env.query_row("SELECT as_of, status, percent, note, author, recorded_at FROM entry WHERE id = 1");
        (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5))
    };
    assert_eq!(
        row,
        (
            "2024-03-31".into(),
            "in-progress".into(),
            Some(40),
            "Pilot in 3 countries".into(),
            "tester".into(),
            NOW.into()
        )
    );
    assert_eq!(env.query_i64("SELECT percent FROM entry WHERE id = 3"), 100, "done without --percent is 100");
    assert_eq!(env.query_i64("SELECT count(*) FROM entry WHERE id = 3 AND author = 'Ana'"), 1);
    assert_eq!(
        env.query_i64(
            "SELECT count(*) FROM evidence WHERE entry_id = 1 AND url = 'https://example.org/report'"
        ),
        1
    );
}

#[test]
fn a_back_dated_entry_reports_the_status_it_corrects_on_its_own_date() {
    let env = seeded();
    env.ok(&["log", "1.1.2", "--status", "in-progress", "--as-of", "2024-01-31"]);
    env.ok(&["log", "1.1.2", "--status", "partial", "--percent", "60", "--as-of", "2024-05-01"]);
    assert_eq!(
        env.ok(&["log", "1.1.2", "--status", "stalled", "--as-of", "2024-03-01"]),
        "entry 3: gdi-2023:1.1.2 in-progress → stalled as of 2024-03-01\n\
         note: entry 2 as of 2024-05-01 is later, so the current status stays partial (60%)\n"
    );
    // Same day as an earlier entry: the newer entry wins the tie, no note.
    assert_eq!(
        env.ok(&["log", "1.1.2", "--status", "done", "--as-of", "2024-05-01"]),
        "entry 4: gdi-2023:1.1.2 partial (60%) → done (100%) as of 2024-05-01\n"
    );
}

#[test]
fn the_author_defaults_to_ctrack_author_then_user() {
    let env = seeded();
    let log_as = |author: &str| {
        env.ctrack()
            .env("CTRACK_AUTHOR", author)
            .args(["log", "1.1.2", "--status", "unclear"])
            .output()
            .unwrap()
    };
    let out = log_as("Secretariat");
    if env.is_postgres() {
        // On PostgreSQL the author is the database user: $CTRACK_AUTHOR naming someone else is
        // refused, as --author is, and nothing is recorded; naming yourself is fine.
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            "error: on a shared PostgreSQL database an entry's author is the database user who records it (tester), so it cannot be recorded as \"Secretariat\"; unset CTRACK_AUTHOR (or set it to tester), or connect as that user\n"
        );
        assert_eq!(env.query_i64("SELECT count(*) FROM entry"), 0);
        assert!(log_as("tester").status.success());
        assert_eq!(env.query_i64("SELECT count(*) FROM entry WHERE author = 'tester'"), 1);
        return;
    }
    assert!(out.status.success());
    assert_eq!(env.query_i64("SELECT count(*) FROM entry WHERE author = 'Secretariat'"), 1);
    env.ok(&["log", "1.1.3", "--status", "unclear"]);
    assert_eq!(env.query_i64("SELECT count(*) FROM entry WHERE author = 'tester'"), 1);
}

#[test]
fn logging_on_a_withdrawn_commitment_is_refused() {
    let env = seeded();
    withdraw_1_1_5(&env);
    let why = "commitment gdi-2023:1.1.5 is withdrawn (a revised statement no longer contains it)";
    let keeps = "`ctrack show gdi-2023:1.1.5` keeps its history";
    refused(
        &env,
        &["log", "1.1.5", "--status", "done"],
        &format!("{why}, so progress cannot be logged on it; {keeps}"),
    );
    refused(
        &env,
        &["evidence", "add", "1.1.5", "https://example.org/x"],
        &format!("{why}, so it takes no new evidence; {keeps}"),
    );
    refused(&env, &["assign", "1.1.5", "ITU"], &format!("{why}, so it takes no new owners; {keeps}"));
}

// ---- retract ----

#[test]
fn retract_keeps_the_entry_marked_and_takes_it_out_of_every_status() {
    let env = seeded();
    env.ok(&["log", "1.1.2", "--status", "in-progress", "--percent", "40", "--as-of", "2024-03-31"]);
    env.ok(&[
        "log",
        "1.1.2",
        "--status",
        "done",
        "--as-of",
        "2024-05-01",
        "--evidence",
        "https://example.org/done",
    ]);
    assert_eq!(
        env.ok(&["retract", "2", "--reason", "logged on the wrong commitment"]),
        "retracted entry 2: gdi-2023:1.1.2 done (100%) → in-progress (40%) as of 2024-05-01\n"
    );
    assert_eq!(
        env.query_i64(
            "SELECT count(*) FROM entry WHERE id = 2 AND retracted_at = '2024-06-30T12:00:00Z'
             AND retract_reason = 'logged on the wrong commitment'"
        ),
        1
    );
    let list = env.ok(&["list", "--format", "csv", "--search", "improve digital access"]);
    assert!(list.contains(",in-progress,40,0,2024-03-31,91,false,0,"), "{list}");
    assert_eq!(
        env.ok(&["retract", "1", "--reason", "typo"]),
        "retracted entry 1: gdi-2023:1.1.2 in-progress (40%) → unassessed as of 2024-03-31\n"
    );
}

#[test]
fn retracting_a_superseded_entry_says_the_current_status_stays() {
    let env = seeded();
    env.ok(&["log", "1.1.2", "--status", "in-progress", "--as-of", "2024-03-31"]);
    env.ok(&["log", "1.1.2", "--status", "done", "--as-of", "2024-05-01"]);
    assert_eq!(
        env.ok(&["retract", "1", "--reason", "never happened"]),
        "retracted entry 1: gdi-2023:1.1.2 in-progress → unassessed as of 2024-03-31\n\
         note: entry 2 as of 2024-05-01 is later, so the current status stays done (100%)\n"
    );
}

#[test]
fn retract_refuses_twice_unknown_entries_and_empty_reasons() {
    let env = seeded();
    env.ok(&["log", "1.1.2", "--status", "done"]);
    env.ok(&["retract", "1", "--reason", "typo"]);
    refused(
        &env,
        &["retract", "1", "--reason", "again"],
        "entry 1 was already retracted at 2024-06-30T12:00:00Z (typo); nothing changed",
    );
    refused(
        &env,
        &["retract", "99", "--reason", "x"],
        "unknown entry 99; `ctrack entries` lists the entries with their numbers",
    );
    env.ok(&["log", "1.1.2", "--status", "done"]);
    for reason in ["", "   "] {
        refused(
            &env,
            &["retract", "2", "--reason", reason],
            &format!(
                "invalid reason \"{reason}\"; say why the entry is wrong, e.g. --reason \"logged on the wrong commitment\""
            ),
        );
    }
}

// ---- evidence ----

#[test]
fn evidence_add_records_a_link_once() {
    let env = seeded();
    assert_eq!(
        env.ok(&[
            "evidence",
            "add",
            "1.1.2",
            "https://Example.org/report",
            "--title",
            "Annual report",
            "--stance",
            "supports"
        ]),
        "evidence 1 added to gdi-2023:1.1.2: https://example.org/report\n"
    );
    assert_eq!(
        env.ok(&["evidence", "add", "1.1.2", "https://example.org/report"]),
        "already recorded: gdi-2023:1.1.2 has https://example.org/report (evidence 1); nothing changed\n"
    );
    env.ok(&["log", "1.1.3", "--status", "partial", "--evidence", "https://example.org/pilot"]);
    assert_eq!(
        env.ok(&["evidence", "add", "1.1.3", "https://example.org/pilot"]),
        "already recorded: gdi-2023:1.1.3 has https://example.org/pilot (evidence 2, logged with entry 1); nothing changed\n"
    );
    // The same link on another commitment is another piece of evidence.
    assert_eq!(
        env.ok(&["evidence", "add", "1.1.3", "https://example.org/report"]),
        "evidence 3 added to gdi-2023:1.1.3: https://example.org/report\n"
    );
    assert_eq!(env.query_i64("SELECT count(*) FROM evidence"), 3);
}

#[test]
fn a_link_seen_only_on_a_retracted_entry_can_be_added_again() {
    let env = seeded();
    env.ok(&["log", "1.1.3", "--status", "partial", "--evidence", "https://example.org/pilot"]);
    env.ok(&["retract", "1", "--reason", "wrong pilot"]);
    assert_eq!(
        env.ok(&["evidence", "add", "1.1.3", "https://example.org/pilot"]),
        "evidence 2 added to gdi-2023:1.1.3: https://example.org/pilot\n"
    );
}

#[test]
fn evidence_list_shows_links_by_commitment_in_three_formats() {
    let env = seeded();
    env.ok(&["log", "1.1.3", "--status", "partial", "--evidence", "https://example.org/pilot"]);
    env.ok(&["retract", "1", "--reason", "wrong pilot"]);
    env.ok(&[
        "evidence",
        "add",
        "1.1.2",
        "https://example.org/report",
        "--title",
        "=Annual report",
        "--stance",
        "contradicts",
    ]);
    env.ok(&["evidence", "add", "0.2.1", "https://example.org/gdi"]);
    assert_eq!(
        env.ok(&["evidence", "list"]),
        "\
3 evidence links
 ID   COMMITMENT       ENTRY           URL                          TITLE            STANCE        ADDED
──── ──────────────── ─────────────── ──────────────────────────── ──────────────── ───────────── ──────────────────────
 3    gdi-2023:0.2.1                   https://example.org/gdi                                     2024-06-30T12:00:00Z
 2    gdi-2023:1.1.2                   https://example.org/report   =Annual report   contradicts   2024-06-30T12:00:00Z
 1    gdi-2023:1.1.3   1 (retracted)   https://example.org/pilot                                   2024-06-30T12:00:00Z
"
    );
    assert_eq!(
        env.ok(&["evidence", "list", "1.1.2", "--format", "csv"]),
        "id,commitment,entry,url,title,stance,added_at\n\
         2,gdi-2023:1.1.2,,https://example.org/report,'=Annual report,contradicts,2024-06-30T12:00:00Z\n"
    );
    assert_eq!(
        env.ok(&["evidence", "list", "1.1.3", "--format", "json"]),
        "[\n  {\"id\":1,\"commitment\":\"gdi-2023:1.1.3\",\"entry\":1,\"url\":\"https://example.org/pilot\",\"title\":null,\"stance\":null,\"added_at\":\"2024-06-30T12:00:00Z\"}\n]\n"
    );
    assert_eq!(env.ok(&["evidence", "list", "1.1.4"]), "0 evidence links\n");
    assert_eq!(
        env.ok(&["evidence", "list", "1.1.4", "--format", "csv"]),
        "id,commitment,entry,url,title,stance,added_at\n"
    );
}

// ---- add, edit ----

#[test]
fn add_numbers_hand_added_commitments_in_paragraph_zero() {
    let env = seeded();
    assert_eq!(
        env.ok(&[
            "add",
            "--statement",
            "gdi-2023",
            "--topic",
            "1",
            "Train 1,000 teachers",
            "--due",
            "2027-12-31"
        ]),
        "added gdi-2023:1.0.1 (topic 1, due 2027-12-31): Train 1,000 teachers\n"
    );
    assert_eq!(
        env.ok(&["add", "--statement", "gdi-2023", "--topic", "1", "  Open 5 centres by 2026 "]),
        "added gdi-2023:1.0.2 (topic 1): Open 5 centres by 2026\n"
    );
    assert_eq!(
        env.query_i64(
            "SELECT count(*) FROM commitment WHERE origin = 'added' AND paragraph IS NULL AND due IS NULL
             AND text = 'Open 5 centres by 2026'"
        ),
        1,
        "no due date is guessed from the text"
    );
    // The seed's own 0.2.1 is kept: topic 0 continues at 0.0.1 (paragraph 0 is separate).
    assert_eq!(
        env.ok(&["add", "--statement", "gdi-2023", "--topic", "0", "Report yearly"]),
        "added gdi-2023:0.0.1 (topic 0): Report yearly\n"
    );
    assert_eq!(
        env.ok(&["log", "1.0.2", "--status", "not-started"]),
        "entry 1: gdi-2023:1.0.2 unassessed → not-started as of 2024-06-30\n"
    );
}

#[test]
fn add_refuses_unknown_statements_and_topics_naming_what_exists() {
    let env = seeded();
    refused(
        &env,
        &["add", "--statement", "gdi", "--topic", "1", "x"],
        "unknown statement \"gdi\"; known statements: gdi-2023",
    );
    refused(
        &env,
        &["add", "--statement", "gdi-2023", "--topic", "9", "x"],
        "unknown topic 9 in statement \"gdi-2023\"; its topics are: 0, 1, 2, 3",
    );
    refused(
        &env,
        &["add", "--statement", "gdi-2023", "--topic", "1", " "],
        "invalid commitment text \" \"; give the commitment's words, e.g. \"improve digital access\"",
    );
    refused(
        &env,
        &["add", "--statement", "gdi-2023", "--topic", "1", "x", "--due", "2024-02-30"],
        "invalid date \"2024-02-30\"; expected a real calendar date as YYYY-MM-DD, e.g. 2024-03-31",
    );
}

#[test]
fn edit_changes_fields_keeps_previous_values_and_never_the_id() {
    let env = seeded();
    assert_eq!(
        env.ok(&[
            "edit",
            "1.1.2",
            "--text",
            "improve digital access for all",
            "--due",
            "2026-12-31",
            "--topic",
            "2"
        ]),
        "\
gdi-2023:1.1.2: text: \"improve digital access\" → \"improve digital access for all\"
gdi-2023:1.1.2: due: none → 2026-12-31
gdi-2023:1.1.2: topic: 1 → 2
"
    );
    assert_eq!(env.ok(&["edit", "gdi-2023:1.1.2", "--no-due"]), "gdi-2023:1.1.2: due: 2026-12-31 → none\n");
    assert_eq!(
        env.ok(&["edit", "1.1.2", "--topic", "2", "--no-due"]),
        "gdi-2023:1.1.2: nothing changed; the values given are the current ones\n"
    );
    assert_eq!(
        env.query_i64("SELECT count(*) FROM commitment_change WHERE source = 'edit' AND changed_at = '2024-06-30T12:00:00Z'"),
        4
    );
    let list = env.ok(&["list", "--topic", "2", "--format", "csv", "--search", "for all"]);
    assert!(list.starts_with("commitment,") && list.contains("\ngdi-2023:1.1.2,gdi-2023,2,"), "{list}");
}

#[test]
fn edit_refuses_nothing_to_change_and_unknown_topics() {
    let env = seeded();
    refused(
        &env,
        &["edit", "1.1.2"],
        "nothing to change on gdi-2023:1.1.2; give at least one of --text, --due, --no-due or --topic",
    );
    refused(
        &env,
        &["edit", "1.1.2", "--topic", "7"],
        "unknown topic 7 in statement \"gdi-2023\"; its topics are: 0, 1, 2, 3",
    );
    refused(
        &env,
        &["edit", "1.1.2", "--text", "better words", "--topic", "7"],
        "unknown topic 7 in statement \"gdi-2023\"; its topics are: 0, 1, 2, 3",
    );
    refused(
        &env,
        &["edit", "1.1.2", "--text", ""],
        "invalid commitment text \"\"; give the commitment's words, e.g. \"improve digital access\"",
    );
}

// ---- show ----

/// 1.1.2 with owners, a due date, three entries (one retracted, one back-dated), evidence on an
/// entry and on its own, and an edit.
fn tracked() -> Env {
    let env = seeded();
    env.ok(&["assign", "1.1.2", "ITU"]);
    env.ok(&["assign", "1.1.2", "UNDP", "--role", "support"]);
    env.ok(&["edit", "1.1.2", "--due", "2024-05-31"]);
    env.ok(&[
        "log",
        "1.1.2",
        "--status",
        "in-progress",
        "--percent",
        "40",
        "--as-of",
        "2024-03-31",
        "--note",
        "Pilot in 3 countries",
        "--evidence",
        "https://example.org/report",
    ]);
    env.ok(&["log", "1.1.2", "--status", "done", "--as-of", "2024-06-01", "--author", "Ana"]);
    env.ok(&["retract", "2", "--reason", "logged on the wrong commitment"]);
    env.ok(&[
        "log",
        "1.1.2",
        "--status",
        "partial",
        "--percent",
        "60",
        "--as-of",
        "2024-05-15",
        "--note",
        "Two of three",
    ]);
    env.ok(&[
        "evidence",
        "add",
        "1.1.2",
        "https://example.org/news",
        "--title",
        "Launch",
        "--stance",
        "context",
    ]);
    env
}

#[test]
fn show_prints_everything_about_a_commitment() {
    let env = tracked();
    assert_eq!(
        env.ok(&["show", "1.1.2"]),
        "\
gdi-2023:1.1.2
text       improve digital access
statement  gdi-2023 (GDI 2023)
topic      1 Stimulating new impetus of innovative growth for high quality development of digital economy
source     a curated list
owners     ITU (lead), UNDP (support)
due        2024-05-31; overdue as of 2024-06-30
status     partial (60%) as of 2024-06-30, from entry 3 of 2024-05-15

timeline, newest first
 AS OF        ENTRY   STATUS              BY       RECORDED               NOTE
──────────── ─────── ─────────────────── ──────── ────────────────────── ────────────────────────────────────────────────────────────────
 2024-06-01   2       done (100%)         Ana      2024-06-30T12:00:00Z   RETRACTED 2024-06-30T12:00:00Z: logged on the wrong commitment
 2024-05-15   3       partial (60%)       tester   2024-06-30T12:00:00Z   Two of three
 2024-03-31   1       in-progress (40%)   tester   2024-06-30T12:00:00Z   Pilot in 3 countries
                                                                          evidence: https://example.org/report

evidence not tied to an entry
 URL                        TITLE    STANCE    ADDED
────────────────────────── ──────── ───────── ──────────────────────
 https://example.org/news   Launch   context   2024-06-30T12:00:00Z

history
 CHANGED                SOURCE   CHANGE
────────────────────── ──────── ────────────────────────
 2024-06-30T12:00:00Z   edit     due: none → 2024-05-31
"
    );
}

#[test]
fn show_keeps_a_note_of_several_lines_inside_its_entry() {
    let env = seeded();
    env.ok(&["log", "1.1.2", "--status", "partial", "--note", "Two pilots done.\nThird delayed."]);
    let out = env.ok(&["show", "1.1.2"]);
    // The second line stays in the NOTE column, under the first.
    let first = " 2024-06-30   1       partial   tester   2024-06-30T12:00:00Z   Two pilots done.";
    let second = format!("{:width$}Third delayed.", "", width = first.find("Two").unwrap());
    assert!(out.ends_with(&format!("\n{first}\n{second}\n")), "{out}");
}

#[test]
fn show_as_of_an_earlier_date_gives_the_status_and_overdue_of_that_date() {
    let env = tracked();
    let out = env.ok(&["show", "1.1.2", "--as-of", "2024-04-30"]);
    assert!(out.contains("\ndue        2024-05-31; not overdue as of 2024-04-30\n"), "{out}");
    assert!(
        out.contains("\nstatus     in-progress (40%) as of 2024-04-30, from entry 1 of 2024-03-31\n"),
        "{out}"
    );
    let out = env.ok(&["show", "1.1.2", "--as-of", "2024-01-01"]);
    assert!(out.contains("\nstatus     unassessed as of 2024-01-01 (no entry counts by then)\n"), "{out}");
}

#[test]
fn show_of_a_bare_commitment_says_what_is_missing() {
    let env = seeded();
    assert_eq!(
        env.ok(&["show", "0.2.1"]),
        "\
gdi-2023:0.2.1
text       China is ready to work with all parties to further implement digital cooperation under the GDI
statement  gdi-2023 (GDI 2023)
topic      0 General
source     a curated list
owners     none
due        none
status     unassessed as of 2024-06-30 (no entry counts by then)

no entries yet
"
    );
}

#[test]
fn show_marks_a_withdrawn_commitment() {
    let env = seeded();
    withdraw_1_1_5(&env);
    let out = env.ok(&["show", "1.1.5"]);
    assert!(
        out.contains("\nwithdrawn  2024-06-30T12:00:00Z (a revised statement no longer contains it)\n"),
        "{out}"
    );
    assert!(
        out.ends_with(
            "\nhistory\n CHANGED                SOURCE     CHANGE\n\
             ────────────────────── ────────── ────────────────────────────────────────\n\
             \x202024-06-30T12:00:00Z   reimport   withdrawn: none → 2024-06-30T12:00:00Z\n"
        ),
        "{out}"
    );
}

#[test]
fn show_as_json_carries_the_same_facts() {
    let env = tracked();
    let out = env.ok(&["show", "1.1.2", "--format", "json", "--as-of", "2024-04-30"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["id"], "gdi-2023:1.1.2");
    assert_eq!(
        v["owners"],
        serde_json::json!([{"name": "ITU", "role": "lead"}, {"name": "UNDP", "role": "support"}])
    );
    assert_eq!(
        (v["status"].as_str(), v["percent"].as_u64(), v["status_entry"].as_i64()),
        (Some("in-progress"), Some(40), Some(1))
    );
    assert_eq!(
        (v["due"].as_str(), v["overdue"].as_bool(), v["as_of"].as_str()),
        (Some("2024-05-31"), Some(false), Some("2024-04-30"))
    );
    let ids: Vec<i64> = v["entries"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [2, 3, 1]);
    assert_eq!(v["entries"][0]["retracted"], true);
    assert_eq!(v["entries"][0]["retract_reason"], "logged on the wrong commitment");
    assert_eq!(v["entries"][2]["evidence"][0]["url"], "https://example.org/report");
    assert_eq!(v["evidence"][0]["stance"], "context");
    assert_eq!(v["history"][0]["field"], "due");
}

// ---- refusals of bad values ----

#[test]
fn bad_values_are_refused_by_name_and_change_nothing() {
    let env = seeded();
    env.ok(&["log", "1.1.2", "--status", "done"]);
    let url =
        |u: &str| format!("invalid evidence URL \"{u}\"; expected an absolute http:// or https:// address");
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["log", "1.1.2", "--status", "complete"],
            "unknown status \"complete\"; expected one of: not-started, in-progress, stalled, partial, done, abandoned, unclear".into(),
        ),
        (vec!["log", "1.1.2", "--status", "done", "--percent", "101"], "invalid percent \"101\"; expected a whole number from 0 to 100".into()),
        (vec!["log", "1.1.2", "--status", "done", "--percent=-5"], "invalid percent \"-5\"; expected a whole number from 0 to 100".into()),
        (
            vec!["log", "1.1.2", "--status", "done", "--as-of", "2024-02-30"],
            "invalid date \"2024-02-30\"; expected a real calendar date as YYYY-MM-DD, e.g. 2024-03-31".into(),
        ),
        (
            vec!["log", "1.1.2", "--status", "done", "--as-of", "2024-07-01"],
            "date 2024-07-01 is in the future (today is 2024-06-30); progress can only be recorded as of today or earlier".into(),
        ),
        (vec!["log", "1.1.2", "--status", "done", "--evidence", "javascript:alert(1)"], url("javascript:alert(1)")),
        (vec!["log", "1.1.2", "--status", "done", "--evidence", "ftp://x"], url("ftp://x")),
        (vec!["log", "1.1.2", "--status", "done", "--evidence", "example.org"], url("example.org")),
        (vec!["evidence", "add", "1.1.2", "javascript:alert(1)"], url("javascript:alert(1)")),
        (vec!["evidence", "add", "1.1.2", "ftp://x"], url("ftp://x")),
        (vec!["evidence", "add", "1.1.2", "example.org"], url("example.org")),
        (
            vec!["log", "1.1.9", "--status", "done"],
            "unknown commitment \"1.1.9\"; did you mean gdi-2023:1.1.1, gdi-2023:1.1.2, gdi-2023:1.1.3, gdi-2023:1.1.4, gdi-2023:1.1.5?".into(),
        ),
        (vec!["log", "gdi-2032:1.1.2", "--status", "done"], "unknown commitment \"gdi-2032:1.1.2\"; did you mean gdi-2023:1.1.2?".into()),
        (vec!["show", "9.9.9"], "unknown commitment \"9.9.9\"; `ctrack list` shows the ids".into()),
        (vec!["assign", "1.1.2", "ITU", "--role", "owner"], "unknown role \"owner\"; expected one of: lead, support".into()),
        (
            vec!["evidence", "add", "1.1.2", "https://example.org/x", "--stance", "agrees"],
            "unknown stance \"agrees\"; expected one of: supports, contradicts, context".into(),
        ),
        (vec!["retract", "42", "--reason", "typo"], "unknown entry 42; `ctrack entries` lists the entries with their numbers".into()),
        (vec!["assign", "1.1.2", "  "], "owner name is empty; give an organisation or person, e.g. \"ITU\"".into()),
    ];
    for (args, message) in cases {
        refused(&env, &args, &message);
    }
}

#[test]
fn an_ambiguous_short_id_lists_the_commitments_it_matches() {
    let env = seeded();
    env.ok(&["import", "commitments", &fixture("gdi-2023/commitments.csv"), "--key", "gdi-copy"]);
    let ambiguous = "commitment id \"1.1.2\" is ambiguous; it matches gdi-2023:1.1.2, gdi-copy:1.1.2; type the full id, or set CTRACK_STATEMENT to the statement you work on";
    refused(&env, &["log", "1.1.2", "--status", "done"], ambiguous);
    refused(&env, &["assign", "1.1.2", "ITU"], ambiguous);
    refused(&env, &["evidence", "add", "1.1.2", "https://example.org/x"], ambiguous);
    refused(&env, &["edit", "1.1.2", "--no-due"], ambiguous);
    assert_eq!(
        env.ok(&["log", "gdi-copy:1.1.2", "--status", "done"]),
        "entry 1: gdi-copy:1.1.2 unassessed → done (100%) as of 2024-06-30\n"
    );
}

// ---- two writers at once ----

#[test]
fn two_processes_logging_at_once_lose_nothing() {
    let env = seeded();
    let writer = |name: &'static str| {
        let logs: Vec<_> = (0..100)
            .map(|i| {
                let note = format!("{name} {i}");
                let mut log = env.std_as(name);
                log.args(["log", "1.1.2", "--status", "in-progress", "--note", &note]);
                (note, log)
            })
            .collect();
        std::thread::spawn(move || {
            for (note, mut log) in logs {
                let out = log.output().expect("run ctrack");
                assert!(out.status.success(), "{note}: {}", String::from_utf8_lossy(&out.stderr));
            }
        })
    };
    let (a, b) = (writer("a"), writer("b"));
    a.join().expect("writer a");
    b.join().expect("writer b");
    assert_eq!(env.query_i64("SELECT count(*) FROM entry"), 200);
    assert_eq!(env.query_i64("SELECT count(DISTINCT note) FROM entry"), 200);
    assert_eq!(env.query_i64("SELECT count(*) FROM entry WHERE author = 'a'"), 100);
}
