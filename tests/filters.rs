//! Filters and names, end to end: a value that matches nothing is an error naming the known or
//! the closest values (database unchanged); owners match in any case and by a unique beginning;
//! `--search` matches whole words; closed sets read any case and suggest the closest member;
//! reports count only what existed as of their date.

mod common;

use common::Env;

/// The seed with five owners: ITU leads 1.1.1 (World Bank supports it), UNDP leads 1.1.2,
/// UNESCO supports 1.1.3, UN DESA leads 2.1.1.
fn owned() -> Env {
    let env = Env::new();
    env.seed();
    for (id, owner, role) in [
        ("1.1.1", "ITU", "lead"),
        ("1.1.1", "World Bank", "support"),
        ("1.1.2", "UNDP", "lead"),
        ("1.1.3", "UNESCO", "support"),
        ("2.1.1", "UN DESA", "lead"),
    ] {
        env.ok(&["assign", id, owner, "--role", role]);
    }
    env
}

/// Asserts that `args` fails with exit 1 and exactly `message` on stderr, changing nothing.
fn refused(env: &Env, args: &[&str], message: &str) {
    let before = env.snapshot();
    let stderr = env.fails(args, 1);
    assert_eq!(stderr, format!("error: {message}\n"), "ctrack {args:?}");
    assert_eq!(env.snapshot(), before, "ctrack {args:?} changed the database");
}

/// The ids `list --format json` gives with `args`.
fn ids(env: &Env, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--format", "json"];
    all.extend_from_slice(args);
    let json: serde_json::Value = serde_json::from_str(&env.ok(&all)).expect("list json");
    json.as_array().expect("array").iter().map(|c| c["id"].as_str().expect("id").to_string()).collect()
}

/// Imports a second statement, `later`, dated 2025-03-01, with topics 1 and 5.
fn add_later_statement(env: &Env) {
    let csv =
        "topic_no,topic,text\n1,Access,connect every school\n5,Skills,train teachers in digital skills\n";
    std::fs::write(env.path("later.csv"), csv).unwrap();
    let file = env.path("later.csv");
    env.ok(&["import", "commitments", file.to_str().unwrap(), "--key", "later", "--date", "2025-03-01"]);
}

// ---- a value that matches nothing is an error ----

#[test]
fn unknown_owners_name_the_closest_or_the_known_ones() {
    let env = owned();
    for command in [&["list"][..], &["lint"], &["diff", "2024-01-01"], &["export", "progress"], &["entries"]]
    {
        let mut args = command.to_vec();
        args.extend(["--owner", "ITUU"]);
        refused(&env, &args, "unknown owner \"ITUU\"; did you mean ITU?");
    }
    refused(
        &env,
        &["report", "--owner", "Red Cross"],
        "unknown owner \"Red Cross\"; known owners: ITU, UN DESA, UNDP, UNESCO, World Bank",
    );
    refused(
        &env,
        &["export", "status", "--owner", "un"],
        "owner \"un\" is ambiguous: it begins UN DESA, UNDP, UNESCO; type more of the name",
    );
}

#[test]
fn owners_match_in_any_case_and_by_a_unique_beginning() {
    let env = owned();
    assert_eq!(ids(&env, &["--owner", "world"]), ["gdi-2023:1.1.1"]);
    assert_eq!(ids(&env, &["--owner", "  WORLD   bank "]), ["gdi-2023:1.1.1"]);
    assert_eq!(ids(&env, &["--owner", "itu"]), ["gdi-2023:1.1.1"]);
    assert_eq!(ids(&env, &["--owner", "unes"]), ["gdi-2023:1.1.3"]);
    assert_eq!(ids(&env, &["--owner", "UNDP"]), ["gdi-2023:1.1.2"]);
}

#[test]
fn unassign_finds_the_owner_among_the_commitments_owners() {
    let env = owned();
    assert_eq!(env.ok(&["unassign", "1.1.1", "world"]), "gdi-2023:1.1.1: World Bank removed (was support)\n");
    refused(
        &env,
        &["unassign", "1.1.1", "UNDP"],
        "UNDP is not an owner of gdi-2023:1.1.1, whose owners are: ITU (lead); nothing changed",
    );
}

#[test]
fn assigning_a_new_owner_close_to_a_known_one_says_so() {
    let env = owned();
    assert_eq!(
        env.ok(&["assign", "1.1.4", "ITUU"]),
        "gdi-2023:1.1.4: ITUU assigned as lead\nnote: ITUU is a new owner, close to ITU; if it is a typo, `ctrack unassign gdi-2023:1.1.4 ITUU` undoes it\n"
    );
    assert_eq!(env.ok(&["assign", "1.1.5", "itu"]), "gdi-2023:1.1.5: ITU assigned as lead\n");
    assert_eq!(env.ok(&["assign", "2.1.2", "Red Cross"]), "gdi-2023:2.1.2: Red Cross assigned as lead\n");
}

#[test]
fn unknown_statements_and_topics_name_the_known_ones() {
    let env = owned();
    refused(
        &env,
        &["list", "--statement", "nosuch"],
        "unknown statement \"nosuch\"; known statements: gdi-2023",
    );
    for command in [&["list"][..], &["lint"], &["diff", "2024-01-01"]] {
        let mut args = command.to_vec();
        args.extend(["--topic", "9"]);
        refused(&env, &args, "unknown topic 9 in statement \"gdi-2023\"; its topics are: 0, 1, 2, 3");
    }
    refused(
        &env,
        &["report", "--statement", "gdi-2023", "--topic", "4"],
        "unknown topic 4 in statement \"gdi-2023\"; its topics are: 0, 1, 2, 3",
    );
    add_later_statement(&env);
    refused(
        &env,
        &["export", "status", "--topic", "9"],
        "unknown topic 9: no statement has it; topics by statement: gdi-2023: 0, 1, 2, 3; later: 1, 5",
    );
    refused(
        &env,
        &["list", "--statement", "later", "--topic", "2", "--as-of", "2025-06-30"],
        "unknown topic 2 in statement \"later\"; its topics are: 1, 5",
    );
    // Topic 5 exists in one statement: with several statements and no --statement, that is enough.
    assert_eq!(ids(&env, &["--topic", "5", "--as-of", "2025-06-30"]), ["later:5.0.1"]);
}

#[test]
fn a_search_word_no_text_has_is_an_error_naming_the_closest_words() {
    let env = owned();
    refused(
        &env,
        &["list", "--search", "digitl"],
        "no commitment has the word \"digitl\" in its text (did you mean digital?); --search matches whole words in any case, and a word ending in * matches the words that begin with it",
    );
    refused(
        &env,
        &["export", "progress", "--search", "access zebra"],
        "no commitment has the word \"zebra\" in its text; --search matches whole words in any case, and a word ending in * matches the words that begin with it",
    );
}

#[test]
fn search_matches_whole_words_in_any_case_and_all_of_them() {
    let env = owned();
    // "AI" is a word of 2.1.5 ("intelligence(AI)"), 2.3.1 and 2.3.2; not of "fair" (2.1.6) or
    // "sustainable" (2.1.1).
    assert_eq!(ids(&env, &["--search", "AI"]), ["gdi-2023:2.1.5", "gdi-2023:2.3.1", "gdi-2023:2.3.2"]);
    assert_eq!(ids(&env, &["--search", "ai"]), ids(&env, &["--search", "AI"]));
    assert_eq!(ids(&env, &["--search", "AI governance"]), ["gdi-2023:2.3.2"]);
    assert_eq!(ids(&env, &["--search", "access digital"]), ["gdi-2023:1.1.2"]);
    assert_eq!(ids(&env, &["--search", "sustain*", "--topic", "2"]), ["gdi-2023:2.1.1"]);
}

// ---- closed sets ----

#[test]
fn closed_sets_read_any_case_and_aliases() {
    let env = owned();
    env.ok(&["log", "1.1.1", "--status", "Done", "--as-of", "2024-05-01"]);
    env.ok(&["log", "1.1.2", "--status", " IN-PROGRESS ", "--as-of", "2024-05-01"]);
    let statuses = env.query_i64("SELECT count(*) FROM entry WHERE status IN ('done', 'in-progress')");
    assert_eq!(statuses, 2);
    assert_eq!(ids(&env, &["--status", "DONE"]), ["gdi-2023:1.1.1"]);
    assert_eq!(ids(&env, &["--status", "Unassessed", "--topic", "1"]).len(), 13);
    env.ok(&["evidence", "add", "1.1.1", "https://example.org/a", "--stance", "support"]);
    env.ok(&["evidence", "add", "1.1.1", "https://example.org/b", "--stance", "Supports"]);
    env.ok(&["assign", "1.1.4", "WTO", "--role", "Supports"]);
    assert_eq!(env.query_i64("SELECT count(*) FROM evidence WHERE stance = 'supports'"), 2);
    assert_eq!(env.query_i64("SELECT count(*) FROM assignment WHERE role = 'support'"), 3);
    let by_owner = env.ok(&["report", "--by", "Owner", "--format", "CSV"]);
    assert_eq!(by_owner, env.ok(&["report", "--by", "owner", "--format", "csv"]));
    assert_eq!(
        env.ok(&["export", "Summary", "--format", "Json"]),
        env.ok(&["export", "summary", "--format", "json"])
    );
}

#[test]
fn unknown_members_suggest_the_closest_and_list_the_set() {
    let env = owned();
    let statuses = "expected one of: not-started, in-progress, stalled, partial, done, abandoned, unclear";
    refused(
        &env,
        &["log", "1.1.1", "--status", "in progress"],
        &format!("unknown status \"in progress\" (did you mean in-progress?); {statuses}"),
    );
    refused(
        &env,
        &["log", "1.1.1", "--status", "complete"],
        &format!("unknown status \"complete\"; {statuses}"),
    );
    refused(
        &env,
        &["list", "--status", "don"],
        &format!("unknown status \"don\" (did you mean done?); {statuses}"),
    );
    refused(
        &env,
        &["evidence", "add", "1.1.1", "https://example.org/a", "--stance", "agrees"],
        "unknown stance \"agrees\"; expected one of: supports, contradicts, context",
    );
    refused(
        &env,
        &["report", "--by", "ownr"],
        "unknown grouping \"ownr\" (did you mean owner?); expected one of: topic, owner, status, statement",
    );
    refused(
        &env,
        &["report", "--format", "markdwn"],
        "unknown format \"markdwn\" (did you mean markdown?); expected one of: table, csv, json, markdown, html",
    );
    refused(
        &env,
        &["assign", "1.1.1", "ITU", "--role", "owner"],
        "unknown role \"owner\"; expected one of: lead, support",
    );
}

#[test]
fn imported_progress_reads_statuses_in_any_case() {
    let env = owned();
    let csv = "commitment,as_of,status\n1.1.1,2024-03-01,Done\n1.1.2,2024-03-01,In-Progress\n";
    std::fs::write(env.path("p.csv"), csv).unwrap();
    env.ok(&["import", "progress", env.path("p.csv").to_str().unwrap()]);
    assert_eq!(env.query_i64("SELECT count(*) FROM entry WHERE status IN ('done', 'in-progress')"), 2);
    let bad = "commitment,as_of,status\n1.1.3,2024-03-01,in progress\n";
    std::fs::write(env.path("bad.csv"), bad).unwrap();
    let before = env.snapshot();
    let stderr = env.fails(&["import", "progress", env.path("bad.csv").to_str().unwrap()], 1);
    assert!(stderr.contains("unknown status \"in progress\" (did you mean in-progress?)"), "{stderr}");
    assert_eq!(env.snapshot(), before);
}

// ---- reports count what existed ----

#[test]
fn a_report_counts_only_statements_dated_by_its_date() {
    let env = owned();
    add_later_statement(&env);
    let title =
        |as_of: &str| env.ok(&["report", "--as-of", as_of]).lines().next().unwrap_or_default().to_string();
    assert_eq!(
        title("2024-12-31"),
        "45 commitments of gdi-2023 as of 2024-12-31, by topic; stale after 180 days without an entry"
    );
    assert_eq!(
        title("2025-03-01"),
        "47 commitments of gdi-2023, later as of 2025-03-01, by topic; stale after 180 days without an entry"
    );
    let status = env.ok(&["export", "status", "--as-of", "2024-12-31"]);
    assert_eq!(status.lines().count(), 46, "a header and the 45 rows of gdi-2023");
    assert!(!status.contains("later:"), "{status}");
    assert_eq!(ids(&env, &["--as-of", "2025-03-01", "--statement", "later"]), ["later:1.0.1", "later:5.0.1"]);
    refused(
        &env,
        &["list", "--statement", "later", "--as-of", "2024-12-31"],
        "statement \"later\" is dated 2025-03-01, after the as-of date 2024-12-31, so none of its commitments existed yet; pass --as-of 2025-03-01 or later",
    );
}

#[test]
fn a_report_by_owner_counts_supporters_and_says_how_rows_relate_to_the_total() {
    let env = owned();
    let csv = env.ok(&["report", "--by", "owner", "--format", "csv", "--as-of", "2024-06-30"]);
    let groups: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').nth(1).unwrap_or_default()).collect();
    assert_eq!(
        groups,
        [
            "ITU (lead)",
            "UN DESA (lead)",
            "UNDP (lead)",
            "UNESCO (support)",
            "World Bank (support)",
            "(no owner)"
        ]
    );
    let title = env.ok(&["report", "--by", "owner"]);
    assert_eq!(
        title.lines().next().unwrap_or_default(),
        "45 commitments of gdi-2023 as of 2024-06-30, by owner and role (a commitment with several owners counts in each of their rows, so the rows add up to 46); stale after 180 days without an entry"
    );
}

#[test]
fn done_and_abandoned_are_never_stale_and_withdrawn_never_overdue() {
    let env = owned();
    env.ok(&["log", "1.1.1", "--status", "done", "--as-of", "2023-01-01"]);
    env.ok(&["log", "1.1.2", "--status", "abandoned", "--as-of", "2023-01-01"]);
    env.ok(&["log", "1.1.3", "--status", "in-progress", "--as-of", "2023-01-01"]);
    let stale = ids(&env, &["--stale-days", "30", "--topic", "1"]);
    assert!(!stale.contains(&"gdi-2023:1.1.1".to_string()) && !stale.contains(&"gdi-2023:1.1.2".to_string()));
    assert!(stale.contains(&"gdi-2023:1.1.3".to_string()), "{stale:?}");
    assert_eq!(stale.len(), 13);
    let csv = env.ok(&["export", "summary", "--topic", "1", "--stale-days", "30"]);
    let row: Vec<&str> = csv.lines().nth(1).unwrap_or_default().split(',').collect();
    assert_eq!(row[16], "13", "stale: {csv}");

    env.ok(&["edit", "1.1.5", "--due", "2024-01-31"]);
    assert_eq!(ids(&env, &["--overdue"]), ["gdi-2023:1.1.5"]);
    let text = std::fs::read_to_string(common::fixture("gdi-2023/commitments.csv")).unwrap();
    let revised: String =
        text.lines().filter(|l| !l.starts_with("1.1.5,")).map(|l| format!("{l}\n")).collect();
    std::fs::write(env.path("revised.csv"), revised).unwrap();
    env.ok(&["import", "commitments", env.path("revised.csv").to_str().unwrap(), "--key", "gdi-2023"]);
    let shown = env.ok(&["show", "1.1.5"]);
    assert!(shown.contains("2024-01-31; not overdue as of 2024-06-30"), "{shown}");
    let report = env.ok(&["export", "summary", "--by", "statement"]);
    assert_eq!(report.lines().nth(1).unwrap_or_default().split(',').nth(2), Some("44"), "{report}");
    assert!(ids(&env, &["--overdue"]).is_empty());
}
