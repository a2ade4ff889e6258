//! The reporting cycle, end to end: reporting dates and periods, owners over time, rounds that
//! reproduce what was known when they closed, `diff` between dates, periods and rounds, and
//! `lint`. One scenario, built with the real commands at the times they were typed.

mod common;

use common::{Env, fixture, golden};

/// Runs `args` with the clock at `now`; expects success and returns stdout.
fn at(env: &Env, now: &str, args: &[&str]) -> String {
    let out = env.run(args).env("CTRACK_NOW", now).output().expect("run ctrack");
    assert!(out.status.success(), "ctrack {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// When the round closes.
const CLOSED: &str = "2024-04-02T09:00:00Z";

/// The outputs a round must reproduce, by name.
const REPRODUCED: [&[&str]; 8] = [
    &["report", "--format", "table"],
    &["report", "--format", "csv"],
    &["report", "--format", "json"],
    &["report", "--format", "markdown"],
    &["report", "--by", "owner"],
    &["export", "status"],
    &["export", "status", "--format", "json"],
    &["export", "summary", "--by", "owner"],
];

/// Five commitments (fixtures/cycle), and a first quarter:
///
/// | entry | commitment | as of      | recorded   | what |
/// |-------|------------|------------|------------|------|
/// | 1     | 1.1.1      | 2024-02-01 | 2024-02-01 | in-progress 30 %, evidence survey |
/// | 2     | 1.1.2      | 2024-02-15 | 2024-02-15 | done, no evidence |
/// | 3     | 2.1.1      | 2024-03-01 | 2024-03-01 | partial 50 %; a contradicting link |
/// | 4     | 1.2.1      | 2024-03-10 | 2024-03-10 | in-progress 20 % (due 2024-03-01) |
/// | 5     | 1.1.1      | 2024-03-25 | 2024-03-25 | in-progress 45 % |
///
/// Owners from 2024-01-05: ITU leads 1.1.1 and 1.1.2, World Bank leads 2.1.1.
/// Returns the environment and, per `REPRODUCED` command, what it printed as the round closed.
fn first_quarter() -> (Env, Vec<String>) {
    let env = Env::new();
    let t0 = "2024-01-05T09:00:00Z";
    at(
        &env,
        t0,
        &["import", "commitments", &fixture("cycle/commitments.csv"), "--key", "cyc", "--title", "Cycle"],
    );
    at(&env, t0, &["assign", "1.1.1", "ITU"]);
    at(&env, t0, &["assign", "1.1.2", "ITU"]);
    at(&env, t0, &["assign", "2.1.1", "World Bank"]);
    let log = |now: &str, args: &[&str]| at(&env, now, &[&["log"], args].concat());
    log(
        "2024-02-01T10:00:00Z",
        &[
            "1.1.1",
            "--status",
            "in-progress",
            "--percent",
            "30",
            "--as-of",
            "2024-02-01",
            "--evidence",
            "https://example.org/survey",
        ],
    );
    log("2024-02-15T10:00:00Z", &["1.1.2", "--status", "done", "--as-of", "2024-02-15"]);
    log(
        "2024-03-01T10:00:00Z",
        &["2.1.1", "--status", "partial", "--percent", "50", "--as-of", "2024-03-01"],
    );
    at(
        &env,
        "2024-03-01T11:00:00Z",
        &["evidence", "add", "2.1.1", "https://example.org/critique", "--stance", "contradicts"],
    );
    log(
        "2024-03-10T10:00:00Z",
        &["1.2.1", "--status", "in-progress", "--percent", "20", "--as-of", "2024-03-10"],
    );
    log(
        "2024-03-25T10:00:00Z",
        &["1.1.1", "--status", "in-progress", "--percent", "45", "--as-of", "2024-03-25"],
    );
    assert_eq!(
        at(&env, CLOSED, &["round", "close", "2024Q1", "--as-of", "2024Q1", "--note", "first quarter"]),
        "round 2024Q1 closed at 2024-04-02T09:00:00Z, as of 2024-03-31; `ctrack report --round 2024Q1` reproduces it\n"
    );
    let printed = REPRODUCED
        .iter()
        .map(|args| at(&env, CLOSED, &[args, &["--as-of", "2024-03-31"][..]].concat()))
        .collect();
    (env, printed)
}

/// After the round: late news, corrections and changes, and a second quarter.
///
/// | entry | commitment | as of      | recorded   | what |
/// |-------|------------|------------|------------|------|
/// | 6     | 2.1.1      | 2024-03-20 | 2024-04-10 | partial 60 %, back-dated into Q1 |
/// | 5     |            |            | 2024-04-11 | retracted |
/// | 7     | 1.1.1      | 2024-05-20 | 2024-05-20 | in-progress 25 %, no note (30 → 25), survey again |
///
/// Also: UNDP supports 2.1.1 from 2024-02-01 and leads 2.1.2 from 2024-03-01 (both recorded
/// 2024-04-12); 1.1.1's text is edited (2024-04-13); ITU stops leading 1.1.2 on 2024-05-01;
/// entry 7 links the survey again.
fn second_quarter() -> (Env, Vec<String>) {
    let (env, printed) = first_quarter();
    at(
        &env,
        "2024-04-10T09:00:00Z",
        &["log", "2.1.1", "--status", "partial", "--percent", "60", "--as-of", "2024-03-20"],
    );
    at(&env, "2024-04-11T09:00:00Z", &["retract", "5", "--reason", "logged twice"]);
    at(
        &env,
        "2024-04-12T09:00:00Z",
        &["assign", "2.1.1", "UNDP", "--role", "support", "--as-of", "2024-02-01"],
    );
    at(&env, "2024-04-12T09:00:00Z", &["assign", "2.1.2", "UNDP", "--as-of", "2024-03-01"]);
    at(&env, "2024-04-13T09:00:00Z", &["edit", "1.1.1", "--text", "Extend broadband to every rural school"]);
    at(&env, "2024-05-02T09:00:00Z", &["unassign", "1.1.2", "ITU", "--as-of", "2024-05-01"]);
    at(
        &env,
        "2024-05-20T09:00:00Z",
        &[
            "log",
            "1.1.1",
            "--status",
            "in-progress",
            "--percent",
            "25",
            "--as-of",
            "2024-05-20",
            "--evidence",
            "https://example.org/survey",
        ],
    );
    (env, printed)
}

// ---- rounds ----

#[test]
fn a_round_reproduces_what_was_printed_when_it_closed_byte_for_byte() {
    let (env, printed) = second_quarter();
    for (args, then) in REPRODUCED.iter().zip(&printed) {
        let round = env.ok(&[args, &["--round", "2024Q1"][..]].concat());
        assert_eq!(&round, then, "ctrack {args:?} --round 2024Q1");
        let known = env.ok(&[args, &["--as-of", "2024Q1", "--known-at", CLOSED][..]].concat());
        assert_eq!(&known, then, "ctrack {args:?} --known-at");
        // Everything known now differs: the late entry, the retraction, the new owners, the edit.
        let now = env.ok(&[args, &["--as-of", "2024-03-31"][..]].concat());
        assert_ne!(&now, then, "ctrack {args:?} as of 2024-03-31 with everything known now");
    }
}

#[test]
fn a_round_ignores_later_moves_due_dates_withdrawals_and_imports() {
    let (env, printed) = first_quarter();
    let later = "2024-05-01T09:00:00Z";
    let text = std::fs::read_to_string(fixture("cycle/commitments.csv")).unwrap();
    let revised: String = text
        .lines()
        .filter(|l| !l.starts_with("2.1.2,"))
        .chain(["3.1.1,3,Data,Open the fund's data,,,"])
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(env.path("revised.csv"), revised).unwrap();
    at(&env, later, &["import", "commitments", env.path("revised.csv").to_str().unwrap(), "--key", "cyc"]);
    at(&env, later, &["edit", "1.2.1", "--topic", "2", "--due", "2024-12-31"]);
    let now: Vec<String> = env
        .ok(&["export", "status", "--as-of", "2024-03-31"])
        .lines()
        .map(|l| l.split(',').take(4).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(
        now,
        [
            "commitment,statement,topic_no,topic",
            "cyc:1.1.1,cyc,1,Connectivity",
            "cyc:1.1.2,cyc,1,Connectivity",
            "cyc:1.2.1,cyc,2,Skills",
            "cyc:2.1.1,cyc,2,Skills",
            "cyc:3.1.1,cyc,3,Data"
        ],
        "known now: 1.2.1 moved, 2.1.2 withdrawn, 3.1.1 imported"
    );
    for (args, then) in REPRODUCED.iter().zip(&printed) {
        assert_eq!(
            &env.ok(&[args, &["--round", "2024Q1"][..]].concat()),
            then,
            "ctrack {args:?} --round 2024Q1"
        );
    }
    assert_eq!(
        env.ok(&["report", "--known-at", "2024-01-04", "--format", "csv"]),
        "group_by,group,commitments,assessed,not_started,in_progress,stalled,partial,done,abandoned,unclear,unassessed,done_pct,compliance_score,compliance_pct,overdue,stale,last_update\n",
        "nothing was known before the import"
    );
}

#[test]
fn what_changed_after_the_round_shows_as_of_its_date_with_everything_known_now() {
    let (env, printed) = second_quarter();
    assert_eq!(
        printed[5],
        "\
commitment,statement,topic_no,topic,text,lead,support,due,status,percent,score,as_of,days_since_update,overdue,evidence_count,last_note
cyc:1.1.1,cyc,1,Connectivity,Extend broadband to rural schools,ITU,,,in-progress,45,0,2024-03-25,6,false,1,
cyc:1.1.2,cyc,1,Connectivity,Publish an open spectrum map,ITU,,,done,100,1,2024-02-15,45,false,0,
cyc:1.2.1,cyc,1,Connectivity,Train local network operators,,,2024-03-01,in-progress,20,0,2024-03-10,21,true,0,
cyc:2.1.1,cyc,2,Skills,Launch a digital skills fund,World Bank,,,partial,50,0,2024-03-01,30,false,1,
cyc:2.1.2,cyc,2,Skills,Report on the fund's first grants,,,,unassessed,,,,,false,0,
"
    );
    assert_eq!(
        env.ok(&["export", "status", "--as-of", "2024-03-31"]),
        "\
commitment,statement,topic_no,topic,text,lead,support,due,status,percent,score,as_of,days_since_update,overdue,evidence_count,last_note
cyc:1.1.1,cyc,1,Connectivity,Extend broadband to every rural school,ITU,,,in-progress,30,0,2024-02-01,59,false,1,
cyc:1.1.2,cyc,1,Connectivity,Publish an open spectrum map,ITU,,,done,100,1,2024-02-15,45,false,0,
cyc:1.2.1,cyc,1,Connectivity,Train local network operators,,,2024-03-01,in-progress,20,0,2024-03-10,21,true,0,
cyc:2.1.1,cyc,2,Skills,Launch a digital skills fund,World Bank,UNDP,,partial,60,0,2024-03-20,11,false,1,
cyc:2.1.2,cyc,2,Skills,Report on the fund's first grants,UNDP,,,unassessed,,,,,false,0,
"
    );
}

#[test]
fn rounds_are_listed_and_refused_when_unknown_duplicate_or_mixed_with_a_date() {
    let (env, _) = first_quarter();
    assert_eq!(
        env.ok(&["rounds"]),
        "\
1 round
 ROUND    AS OF        CLOSED AT              NOTE
──────── ──────────── ────────────────────── ───────────────
 2024Q1   2024-03-31   2024-04-02T09:00:00Z   first quarter
"
    );
    assert_eq!(
        env.ok(&["rounds", "--format", "csv"]),
        "round,as_of,closed_at,note\n2024Q1,2024-03-31,2024-04-02T09:00:00Z,first quarter\n"
    );
    assert_eq!(
        env.ok(&["rounds", "--format", "json"]),
        "[\n  {\"round\":\"2024Q1\",\"as_of\":\"2024-03-31\",\"closed_at\":\"2024-04-02T09:00:00Z\",\"note\":\"first quarter\"}\n]\n"
    );
    let before = env.snapshot();
    assert_eq!(
        env.fails(&["report", "--round", "2024Q2"], 1),
        "error: unknown round \"2024Q2\"; known rounds: 2024Q1\n"
    );
    assert_eq!(
        env.fails(&["round", "close", "2024Q1", "--as-of", "2024-06-30"], 1),
        "error: a round named \"2024Q1\" was already closed at 2024-04-02T09:00:00Z (as of 2024-03-31); rounds are never changed, so choose another name\n"
    );
    assert_eq!(
        env.fails(&["round", "close", "2024Q3", "--as-of", "2024Q3"], 1),
        "error: the round would be closed as of 2024-09-30, after today (2024-06-30); give --as-of today or an earlier date\n"
    );
    for extra in [&["--as-of", "2024-06-30"][..], &["--known-at", CLOSED]] {
        let err = env.fails(&[&["report", "--round", "2024Q1"][..], extra].concat(), 2);
        assert!(err.starts_with("error: the argument '--round <NAME>' cannot be used with"), "{err}");
    }
    assert_eq!(
        env.fails(&["export", "progress", "--round", "2024Q1"], 1),
        "error: invalid export with --round or --known-at \"progress\"; they apply to `export status` and `export summary`; progress and evidence export every row, with its recorded_at\n"
    );
    assert_eq!(
        env.fails(&["report", "--known-at", "last week"], 1),
        "error: invalid --known-at time \"last week\"; expected an RFC 3339 time such as 2024-07-01T09:00:00Z, or a date YYYY-MM-DD meaning the end of that day (UTC)\n"
    );
    assert_eq!(env.snapshot(), before, "refusals change nothing");
    let fresh = Env::new();
    fresh.ok(&["init"]);
    assert_eq!(
        fresh.fails(&["report", "--round", "q1"], 1),
        "error: unknown round \"q1\"; no round has been closed yet: `ctrack round close NAME --as-of D` closes one\n"
    );
}

// ---- owners over time ----

#[test]
fn lists_and_reports_use_the_owners_of_their_date() {
    let (env, _) = second_quarter();
    let leads = |as_of: &str| {
        let csv = env.ok(&["export", "status", "--as-of", as_of]);
        csv.lines()
            .skip(1)
            .map(|l| l.split(',').take(7).skip(5).collect::<Vec<_>>().join("|"))
            .collect::<Vec<_>>()
    };
    assert_eq!(leads("2024-02-15"), ["ITU|", "ITU|", "|", "World Bank|UNDP", "|"]);
    assert_eq!(leads("2024-06-30"), ["ITU|", "|", "|", "World Bank|UNDP", "UNDP|"]);
    assert_eq!(
        env.ok(&["report", "--by", "owner", "--as-of", "2024-02-15", "--format", "csv"])
            .lines()
            .map(|l| l.split(',').take(3).collect::<Vec<_>>().join(","))
            .collect::<Vec<_>>(),
        [
            "group_by,group,commitments",
            "owner,ITU (lead),2",
            "owner,UNDP (support),1",
            "owner,World Bank (lead),1",
            "owner,(no owner),2"
        ]
    );
    assert_eq!(
        env.ok(&["report", "--by", "owner", "--as-of", "2024-06-30", "--format", "csv"])
            .lines()
            .map(|l| l.split(',').take(3).collect::<Vec<_>>().join(","))
            .collect::<Vec<_>>(),
        [
            "group_by,group,commitments",
            "owner,ITU (lead),1",
            "owner,UNDP (lead),1",
            "owner,UNDP (support),1",
            "owner,World Bank (lead),1",
            "owner,(no owner),2"
        ]
    );
    assert_eq!(
        env.ok(&["list", "--owner", "undp", "--as-of", "2024-02-15", "--format", "csv"]).lines().count(),
        2
    );
    assert_eq!(
        env.ok(&["list", "--owner", "undp", "--as-of", "2024-01-31", "--format", "csv"]).lines().count(),
        1
    );
}

#[test]
fn owner_changes_are_dated_and_refused_in_the_future_or_out_of_order() {
    let (env, _) = first_quarter();
    let before = env.snapshot();
    assert_eq!(
        env.fails(&["assign", "1.2.1", "ITU", "--as-of", "2024-07-01"], 1),
        "error: an owner change as of 2024-07-01 is in the future (today is 2024-06-30); give --as-of today or an earlier date\n"
    );
    assert_eq!(
        env.fails(&["unassign", "1.1.1", "ITU", "--as-of", "2024-01-01"], 1),
        "error: ITU is lead of cyc:1.1.1 from 2024-01-05; a change as of 2024-01-01 cannot come before that; give --as-of 2024-01-05 or later\n"
    );
    assert_eq!(env.snapshot(), before);
    assert_eq!(
        env.ok(&["unassign", "1.1.1", "ITU", "--as-of", "2024-05-01"]),
        "cyc:1.1.1: ITU removed (was lead) as of 2024-05-01\n"
    );
    let before = env.snapshot();
    assert_eq!(
        env.fails(&["assign", "1.1.1", "ITU", "--as-of", "2024-04-01"], 1),
        "error: ITU was an owner of cyc:1.1.1 until 2024-05-01; a new assignment as of 2024-04-01 would overlap it; give --as-of 2024-05-01 or later\n"
    );
    assert_eq!(env.snapshot(), before);
    assert_eq!(
        env.ok(&["assign", "1.1.1", "ITU", "--role", "support", "--as-of", "2024-05-01"]),
        "cyc:1.1.1: ITU assigned as support as of 2024-05-01\n"
    );
    let periods: Vec<Period> = env
        .query(
            "SELECT role, valid_from, valid_to, recorded_at, ended_recorded_at FROM assignment_period p
             JOIN commitment c ON c.id = p.commitment_id WHERE c.ref_topic = 1 AND c.ref_paragraph = 1 AND c.ref_clause = 1
             ORDER BY p.id",
        )
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)))
        .collect();
    let s = |v: &str| v.to_string();
    assert_eq!(
        periods,
        [
            (
                s("lead"),
                s("2024-01-05"),
                Some(s("2024-05-01")),
                s("2024-01-05T09:00:00Z"),
                Some(s(common::NOW))
            ),
            (s("support"), s("2024-05-01"), None, s(common::NOW), None),
        ]
    );
}

/// An assignment period as stored: role, valid_from, valid_to, recorded_at, ended_recorded_at.
type Period = (String, String, Option<String>, String, Option<String>);

// ---- diff ----

#[test]
fn diff_from_a_round_to_today_in_every_format() {
    let (env, _) = second_quarter();
    golden("diff-round-today.txt", env.ok(&["diff", "2024Q1"]).as_bytes());
    golden("diff-round-today.json", env.ok(&["diff", "2024Q1", "--format", "json"]).as_bytes());
    golden("diff-round-today.csv", env.ok(&["diff", "2024Q1", "today", "--format", "csv"]).as_bytes());
    golden("diff-round-today.md", env.ok(&["diff", "2024Q1", "--format", "markdown"]).as_bytes());
}

#[test]
fn diff_between_periods_reads_everything_known_now_and_takes_the_report_filters() {
    let (env, _) = second_quarter();
    golden("diff-2024-02-2024Q2.csv", env.ok(&["diff", "2024-02", "2024Q2", "--format", "csv"]).as_bytes());
    assert_eq!(
        env.ok(&["diff", "2024-02", "2024Q2", "--topic", "2", "--format", "csv"]),
        "\
commitment,status_before,status_after,percent_before,percent_after,entries,evidence,owners,move
cyc:2.1.1,unassessed,partial,,60,2,1,,assessed
cyc:2.1.2,unassessed,unassessed,,,0,0,'+UNDP(lead),changed
"
    );
    assert_eq!(
        env.fails(&["diff", "last-quarter"], 1),
        "error: invalid diff point \"last-quarter\"; expected a round name (rounds: 2024Q1) or a reporting date: YYYY-MM-DD, today, yesterday, or a period meaning its last day: 2024Q2, 2024-06 or 2024\n"
    );
}

// ---- lint ----

#[test]
fn lint_names_every_check_in_table_and_json() {
    let (env, _) = second_quarter();
    golden("lint-2024-06-30.txt", env.ok(&["lint", "--stale-days", "90"]).as_bytes());
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["lint", "--stale-days", "90", "--format", "json"])).unwrap();
    let checks: std::collections::BTreeSet<String> =
        json.as_array().unwrap().iter().map(|f| f["check"].as_str().unwrap().to_string()).collect();
    assert_eq!(
        checks.into_iter().collect::<Vec<_>>(),
        [
            "contradicting-evidence",
            "done-without-evidence",
            "duplicate-evidence",
            "never-assessed",
            "no-lead",
            "overdue",
            "percent-regression",
            "stale"
        ]
    );
    assert_eq!(
        json[0],
        serde_json::json!({"commitment": "cyc:1.1.1", "check": "duplicate-evidence", "message": "https://example.org/survey is linked 2 times"})
    );
}

#[test]
fn lint_strict_exits_1_on_findings_and_0_without() {
    let (env, _) = second_quarter();
    let out =
        env.ctrack().args(["lint", "--strict", "--stale-days", "90", "--format", "csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout,
        env.ok(&["lint", "--stale-days", "90", "--format", "csv"]),
        "the findings are printed"
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: lint found {} problems; fix them, or run without --strict to only list them\n",
            stdout.lines().count() - 1
        )
    );
    let clean = env
        .ctrack()
        .args(["lint", "--strict", "--search", "spectrum", "--as-of", "2024-02-14"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(clean.stdout).unwrap(), "0 findings in 1 commitment as of 2024-02-14\n");
    assert_eq!(clean.status.code(), Some(0));
}

// ---- reporting dates ----

#[test]
fn periods_are_reporting_dates_but_not_entry_dates() {
    let (env, _) = first_quarter();
    assert_eq!(env.ok(&["report", "--as-of", "2024Q1"]), env.ok(&["report", "--as-of", "2024-03-31"]));
    assert_eq!(env.ok(&["list", "--as-of", "2024-02"]), env.ok(&["list", "--as-of", "2024-02-29"]));
    assert_eq!(
        env.fails(&["report", "--as-of", "2024Q5"], 1),
        "error: invalid reporting date \"2024Q5\"; expected YYYY-MM-DD, today, yesterday, or a period meaning its last day: 2024Q2, 2024-06 or 2024\n"
    );
    assert_eq!(
        env.fails(&["log", "1.1.1", "--status", "done", "--as-of", "2024Q1"], 1),
        "error: invalid date \"2024Q1\"; expected a real calendar date as YYYY-MM-DD, e.g. 2024-03-31\n"
    );
}

// ---- show ----

#[test]
fn show_as_of_a_date_marks_entries_recorded_after_it_and_lists_the_owner_history() {
    let (env, _) = second_quarter();
    golden("show-2.1.1-2024Q1.txt", env.ok(&["show", "2.1.1", "--as-of", "2024Q1"]).as_bytes());
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", "2.1.1", "--as-of", "2024Q1", "--format", "json"])).unwrap();
    let late: Vec<(i64, bool)> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_i64().unwrap(), e["recorded_after_as_of"].as_bool().unwrap()))
        .collect();
    assert_eq!(late, [(6, true), (3, false)]);
    assert_eq!(
        v["owner_history"],
        serde_json::json!([
            {"name": "World Bank", "role": "lead", "from": "2024-01-05", "to": null,
             "recorded_at": "2024-01-05T09:00:00Z", "ended_recorded_at": null},
            {"name": "UNDP", "role": "support", "from": "2024-02-01", "to": null,
             "recorded_at": "2024-04-12T09:00:00Z", "ended_recorded_at": null},
        ])
    );
}
