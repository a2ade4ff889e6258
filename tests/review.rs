//! Correcting what review finds: `withdraw`/`restore` a false positive, `add --paragraph` a
//! missed commitment, and re-imports that never undo a hand withdrawal, addition or edit.

mod common;

use std::fs;

use common::{Env, fixture};

/// The compact (six commitments) imported as statement `compact`.
fn imported() -> Env {
    let env = Env::new();
    env.ok(&["import", "statement", &fixture("inputs/compact.txt"), "--key", "compact"]);
    env
}

/// (id, withdrawn_at, withdrawn_by, withdrawn_reason) of one commitment.
type Withdrawal = (String, Option<String>, Option<String>, Option<String>);

/// The withdrawal columns of every commitment, in the order they were created.
fn withdrawals(env: &Env) -> Vec<Withdrawal> {
    env.query(
        "SELECT commitment, c.withdrawn_at, c.withdrawn_by, c.withdrawn_reason
         FROM commitment_view v JOIN commitment c ON c.id = v.pk ORDER BY v.pk",
    )
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
    .collect()
}

/// The ids `list` shows.
fn listed_ids(env: &Env) -> Vec<String> {
    // As of a date after the statement's own: a list counts only statements dated by then.
    let out = env.ok(&["list", "--format", "csv", "--as-of", "2099-12-31"]);
    out.lines().skip(1).map(|l| l.split(',').next().unwrap_or_default().to_owned()).collect()
}

const NOW: &str = "2024-06-30T12:00:00Z";
const REASON: &str = "a training target, not an action";
/// The head of `show`'s history table; its change column is as wide as "withdrawn: none → REASON".
fn history_header() -> String {
    format!(
        " CHANGED                SOURCE   CHANGE\n{} {} {}\n",
        "─".repeat(22),
        "─".repeat(8),
        "─".repeat(52)
    )
}

#[test]
fn withdraw_takes_a_false_positive_out_of_every_list_and_restore_brings_it_back() {
    let env = imported();
    let out = env.ok(&["withdraw", "compact:2.1.2", "--reason", REASON]);
    assert_eq!(out, format!("withdrew compact:2.1.2: \"{REASON}\"\n"));
    let rows = withdrawals(&env);
    assert_eq!(rows[3], ("compact:2.1.2".into(), Some(NOW.into()), Some("hand".into()), Some(REASON.into())));
    assert!(rows.iter().filter(|r| r.0 != "compact:2.1.2").all(|r| r.1.is_none() && r.2.is_none()));
    assert_eq!(
        listed_ids(&env),
        ["compact:1.1.1", "compact:1.1.2", "compact:2.1.1", "compact:2.1.3", "compact:3.1.1"]
    );
    let report = env.ok(&["report", "--by", "topic", "--format", "csv", "--as-of", "2099-12-31"]);
    assert!(report.contains("\ntopic,2. Flood defence,2,0,0,0,0,0,0,0,0,2,"), "{report}");
    let history: (String, Option<String>, Option<String>, String) = {
        let r = env.query_row(
            "SELECT field, old_value, new_value, source FROM commitment_change ORDER BY id DESC LIMIT 1",
        );
        (r.get(0), r.get(1), r.get(2), r.get(3))
    };
    assert_eq!(history, ("withdrawn".into(), None, Some(REASON.into()), "edit".into()));

    let show = env.ok(&["show", "2.1.2"]);
    assert!(show.contains(&format!("\nwithdrawn  {NOW} (by hand: \"{REASON}\")\n")), "{show}");
    let withdrawn_row = format!(" {NOW}   edit     withdrawn: none → {REASON}\n");
    assert!(show.ends_with(&format!("\nhistory\n{}{withdrawn_row}", history_header())), "{show}");
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", "2.1.2", "--format", "json"])).unwrap();
    assert_eq!(json["withdrawn_at"], NOW);
    assert_eq!(json["withdrawn_reason"], REASON);

    let out = env.ok(&["restore", "2.1.2"]);
    assert_eq!(out, format!("restored compact:2.1.2 (withdrawn {NOW}, by hand: \"{REASON}\")\n"));
    assert!(withdrawals(&env).iter().all(|r| r.1.is_none() && r.2.is_none() && r.3.is_none()));
    assert_eq!(listed_ids(&env).len(), 6);
    let show = env.ok(&["show", "2.1.2"]);
    assert!(!show.contains("\nwithdrawn "), "{show}");
    let restored_row = format!(" {NOW}   edit     withdrawn: {REASON} → none\n");
    assert!(
        show.ends_with(&format!("\nhistory\n{}{withdrawn_row}{restored_row}", history_header())),
        "{show}"
    );
}

#[test]
fn withdraw_and_restore_refuse_unknown_twice_and_empty_and_change_nothing() {
    let env = imported();
    env.ok(&["withdraw", "2.1.2", "--reason", REASON]);
    let before = env.snapshot();
    let cases: [(&[&str], &str); 6] = [
        (
            &["withdraw", "2.1.2", "--reason", "again"],
            &format!(
                "commitment compact:2.1.2 is already withdrawn (since {NOW}, by hand: \"{REASON}\"); nothing changed; `ctrack restore compact:2.1.2` brings it back"
            ),
        ),
        (
            &["restore", "1.1.1"],
            "commitment compact:1.1.1 is not withdrawn; nothing changed; `ctrack withdraw compact:1.1.1 --reason TEXT` withdraws it",
        ),
        (
            &["withdraw", "9.9.9", "--reason", "x"],
            "unknown commitment \"9.9.9\"; `ctrack list` shows the ids",
        ),
        (
            &["restore", "compact:7.1.1"],
            "unknown commitment \"compact:7.1.1\"; did you mean compact:1.1.1, compact:2.1.1, compact:3.1.1, compact:1.1.2, compact:2.1.3?",
        ),
        (
            &["log", "2.1.2", "--status", "done"],
            &format!(
                "commitment compact:2.1.2 is withdrawn (by hand: \"{REASON}\"), so progress cannot be logged on it; `ctrack show compact:2.1.2` keeps its history"
            ),
        ),
        (
            &["withdraw", "1.1.1", "--reason", "  "],
            "invalid reason \"  \"; say why it is not a commitment, e.g. --reason \"a welcome, not an action\"",
        ),
    ];
    for (args, message) in cases {
        let err = env.fails(args, 1);
        assert_eq!(err, format!("error: {message}\n"), "{args:?}");
        assert_eq!(env.snapshot(), before, "{args:?}");
    }
}

#[test]
fn add_with_a_paragraph_attaches_the_commitment_to_its_source() {
    let env = imported();
    let out = env.ok(&[
        "add",
        "--statement",
        "compact",
        "--topic",
        "1",
        "--paragraph",
        "1.2",
        "The towns will support the agency",
    ]);
    assert_eq!(out, "added compact:1.2.1 (topic 1): The towns will support the agency\n");
    let out = env.ok(&[
        "add",
        "--statement",
        "compact",
        "--topic",
        "2",
        "--paragraph",
        "2.1",
        "Train the volunteers",
    ]);
    assert_eq!(out, "added compact:2.1.4 (topic 2): Train the volunteers\n");
    let rows: Vec<(String, String, String)> = env
        .query(
            "SELECT v.commitment, c.paragraph, c.origin FROM commitment_view v JOIN commitment c ON c.id = v.pk
             WHERE c.origin = 'added' ORDER BY v.pk",
        )
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "compact:1.2.1".into(),
                "The towns welcome the support of the regional agency.".into(),
                "added".into()
            ),
            (
                "compact:2.1.4".into(),
                "We will build three flood barriers along the Elm river and train 200 volunteers in flood response. \
                 We will protect the wetlands of Saint-Rémy from new construction."
                    .into(),
                "added".into()
            ),
        ]
    );
    let before = env.snapshot();
    let add = |paragraph: &str, topic: &str| {
        env.fails(&["add", "--statement", "compact", "--topic", topic, "--paragraph", paragraph, "x"], 1)
    };
    assert_eq!(
        add("1.3", "1"),
        "error: unknown paragraph 1.3 in statement \"compact\"; topic 1 has paragraphs 1–2\n"
    );
    assert_eq!(
        add("3.2", "3"),
        "error: unknown paragraph 3.2 in statement \"compact\"; topic 3 has paragraph 1 only\n"
    );
    assert_eq!(add("2.1", "1"), "error: invalid paragraph \"2.1\"; it must be in --topic 1, e.g. 1.1\n");
    let err = env.fails(&["add", "--statement", "compact", "--topic", "1", "--paragraph", "1.0", "x"], 1);
    assert_eq!(
        err,
        "error: invalid paragraph \"1.0\"; expected T.P, a topic and a paragraph number from 1, e.g. 2.3\n"
    );
    assert_eq!(env.snapshot(), before);
}

/// The compact revised: 1.1.2 reworded, the wetlands sentence (2.1.3) dropped.
fn revise(env: &Env) -> String {
    let text = fs::read_to_string(fixture("inputs/compact.txt")).unwrap();
    let revised = text
        .replace("publish monthly reports", "publish weekly reports")
        .replace(" We will protect the wetlands of Saint-Rémy from new construction.", "");
    fs::write(env.path("compact.txt"), revised).unwrap();
    "compact.txt".into()
}

#[test]
fn a_re_import_keeps_hand_withdrawals_additions_and_edits_and_reports_conflicts() {
    let env = imported();
    env.ok(&["withdraw", "2.1.2", "--reason", REASON]);
    env.ok(&[
        "add",
        "--statement",
        "compact",
        "--topic",
        "1",
        "--paragraph",
        "1.2",
        "The towns will support the agency",
    ]);
    env.ok(&[
        "edit",
        "1.1.1",
        "--text",
        "We will install water meters in every household by the end of 2027",
    ]);
    env.ok(&["edit", "1.1.2", "--text", "We will publish monthly water-quality reports"]);
    env.ok(&["edit", "3.1.1", "--topic", "1"]);
    let file = revise(&env);
    let out = env.ok(&["import", "statement", &file, "--key", "compact"]);
    assert_eq!(
        out,
        "imported compact: \"Riverside Towns Water Compact\" (2025-03-14)\n\
         3 topics, 5 commitments: 0 added, 0 changed, 1 withdrawn, 0 restored, 5 unchanged\n\
         \x20 topic 1: Clean water (2)\n  topic 2: Flood defence (2)\n  topic 3: Shared finance (1)\n\
         conflict compact:1.1.2: edited by hand, kept; the statement now says \"We will publish weekly reports on water quality\"\n\
         \x20CHANGE      ID              TEXT                                                               DUE\n\
         ─────────── ─────────────── ────────────────────────────────────────────────────────────────── ─────\n\
         \x20withdrawn   compact:2.1.3   We will protect the wetlands of Saint-Rémy from new construction\n\
         2 sentences judged background (not commitments): review them with --explain\n"
    );
    let texts: Vec<(String, String, Option<String>)> = env
        .query("SELECT v.commitment, v.text, c.withdrawn_by FROM commitment_view v JOIN commitment c ON c.id = v.pk ORDER BY v.pk")
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let row =
        |id: &str, text: &str, by: Option<&str>| (id.to_owned(), text.to_owned(), by.map(str::to_owned));
    assert_eq!(
        texts,
        [
            row("compact:1.1.1", "We will install water meters in every household by the end of 2027", None),
            row("compact:1.1.2", "We will publish monthly water-quality reports", None),
            row("compact:2.1.1", "We will build three flood barriers along the Elm river", None),
            row("compact:2.1.2", "train 200 volunteers in flood response", Some("hand")),
            row(
                "compact:2.1.3",
                "We will protect the wetlands of Saint-Rémy from new construction",
                Some("import")
            ),
            row("compact:3.1.1", "We will establish a joint fund for water works by 2026", None),
            row("compact:1.2.1", "The towns will support the agency", None),
        ]
    );
    // The edit of 1.1.1 under an unchanged sentence is no change and no conflict.
    let reimports =
        env.query_i64("SELECT count(*) FROM commitment_change WHERE source = 'reimport' AND field = 'text'");
    assert_eq!(reimports, 0);
    // The move of 3.1.1 to topic 1 by hand stays.
    assert_eq!(env.query_i64("SELECT topic_no FROM commitment_view WHERE commitment = 'compact:3.1.1'"), 1);
}
