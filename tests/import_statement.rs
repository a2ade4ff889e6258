//! `ctrack import statement` and `ctrack import commitments`, end to end: goldens for every
//! fixture statement, stable ids across re-imports, and every refusal.

mod common;

use std::fs;

use common::{Env, fixture};
use serde_json::Value;

const SEED: &str = "gdi-2023/gdi-digital-cooperation-forum-2023-chair-statement.txt";

/// (id, topic_no, topic, text, due) of every commitment `list` shows.
fn listed(env: &Env, args: &[&str]) -> Vec<(String, u64, String, String, String)> {
    // As of a date after every fixture statement's: a list counts only statements dated by then.
    let mut all = vec!["list", "--format", "json", "--as-of", "2099-12-31"];
    all.extend_from_slice(args);
    let json: Value = serde_json::from_str(&env.ok(&all)).expect("list json");
    json.as_array()
        .expect("array")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["topic_no"].as_u64().unwrap(),
                c["topic"].as_str().unwrap().to_string(),
                c["text"].as_str().unwrap().to_string(),
                c["due"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The same facts from a hand-reviewed `commitments.csv`.
fn golden(path: &str, key: &str) -> Vec<(String, u64, String, String, String)> {
    let mut reader = csv::Reader::from_path(fixture(path)).expect("golden csv");
    reader
        .deserialize::<std::collections::HashMap<String, String>>()
        .map(|row| {
            let row = row.expect("golden row");
            (
                format!("{key}:{}", row["commitment"]),
                row["topic_no"].parse().unwrap(),
                row["topic"].clone(),
                row["text"].clone(),
                row["due"].clone(),
            )
        })
        .collect()
}

#[test]
fn the_seed_imports_to_its_hand_reviewed_commitments() {
    let env = Env::new();
    let out = env.ok(&["import", "statement", &fixture(SEED), "--key", "gdi-2023"]);
    let head: Vec<&str> = out.lines().take(6).collect();
    assert_eq!(
        head,
        [
            "imported gdi-2023: \"Chair’s Statement of Global Development Initiative Digital Cooperation Forum 2023\" (2023-11-09)",
            "4 topics, 45 commitments: 45 added, 0 changed, 0 withdrawn, 0 restored, 0 unchanged",
            "  topic 0: General (1)",
            "  topic 1: Stimulating new impetus of innovative growth for high quality… (15)",
            "  topic 2: Enhancing capabilities for digital governance and promoting digital… (12)",
            "  topic 3: Deepening international cooperation in the digital field for global… (17)",
        ]
    );
    assert_eq!(listed(&env, &[]), golden("gdi-2023/commitments.csv", "gdi-2023"));
}

#[test]
fn every_fixture_statement_imports_to_its_expected_commitments() {
    let dir = fixture("statements");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("fixtures/statements")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 3, "at least three fixture statements: {names:?}");
    for name in names {
        let env = Env::new();
        let file = fixture(&format!("statements/{name}/statement.txt"));
        env.ok(&["import", "statement", &file, "--key", &name]);
        assert_eq!(
            listed(&env, &[]),
            golden(&format!("statements/{name}/commitments.csv"), &name),
            "fixture {name}"
        );
    }
}

#[test]
fn statement_metadata_is_recorded() {
    let env = Env::new();
    env.ok(&["import", "statement", &fixture(SEED)]);
    let json: Value = serde_json::from_str(&env.ok(&["statements", "--format", "json"])).unwrap();
    let s = &json[0];
    assert_eq!(
        s["key"], "gdi-digital-cooperation-forum-2023-chair-statement",
        "default key: a slug of the file name"
    );
    assert_eq!(
        s["title"],
        "Chair’s Statement of Global Development Initiative Digital Cooperation Forum 2023"
    );
    assert_eq!(s["date"], "2023-11-09");
    assert_eq!(s["source_file"], "gdi-digital-cooperation-forum-2023-chair-statement.txt");
    assert_eq!(s["granularity"], "clause");
    assert_eq!(s["commitments"], 45);
    let text = fs::read_to_string(fixture(SEED)).unwrap();
    let sha: String = sha2_hex(&text);
    assert_eq!(s["sha256"], sha.as_str());
}

fn sha2_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn title_and_date_flags_override_the_text() {
    let env = Env::new();
    env.ok(&[
        "import",
        "statement",
        &fixture(SEED),
        "--key",
        "g",
        "--title",
        "GDI forum",
        "--date",
        "2023-11-10",
    ]);
    let json: Value = serde_json::from_str(&env.ok(&["statements", "--format", "json"])).unwrap();
    assert_eq!(
        (json[0]["title"].as_str(), json[0]["date"].as_str()),
        (Some("GDI forum"), Some("2023-11-10"))
    );
}

#[test]
fn re_importing_the_same_text_is_a_no_op_that_says_so_even_with_crlf_and_a_bom() {
    let env = Env::new();
    env.ok(&["import", "statement", &fixture(SEED), "--key", "gdi-2023"]);
    let before = env.snapshot();
    let out = env.ok(&["import", "statement", &fixture(SEED), "--key", "gdi-2023"]);
    let sha = sha2_hex(&fs::read_to_string(fixture(SEED)).unwrap());
    assert_eq!(
        out,
        format!("gdi-2023 is up to date: same text (sha256 {}…) and settings; nothing changed\n", &sha[..12])
    );
    let windows = format!("\u{feff}{}", fs::read_to_string(fixture(SEED)).unwrap().replace('\n', "\r\n"));
    fs::write(env.path("windows.txt"), windows).unwrap();
    let out = env.ok(&["import", "statement", "windows.txt", "--key", "gdi-2023"]);
    assert!(out.starts_with("gdi-2023 is up to date"), "{out}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_revised_text_keeps_ids_and_progress_and_withdraws_what_was_removed() {
    let env = Env::new();
    env.ok(&["import", "statement", &fixture(SEED), "--key", "gdi-2023"]);
    env.ok(&["log", "3.2.5", "--status", "in-progress", "--as-of", "2024-01-10"]);
    env.ok(&["log", "3.2.6", "--status", "partial", "--as-of", "2024-01-10"]);
    let text = fs::read_to_string(fixture(SEED)).unwrap();
    let revised = text
        .replace("improve digital access,", "improve affordable digital access,")
        .replace(" abandon ideological prejudice,", "")
        + "\n\nWe will review these commitments by 2027.";
    assert_ne!(revised, text);
    fs::write(env.path("revised.txt"), revised).unwrap();
    let out = env.ok(&["import", "statement", "revised.txt", "--key", "gdi-2023"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[1],
        "4 topics, 45 commitments: 1 added, 1 changed, 1 withdrawn, 0 restored, 43 unchanged"
    );
    let (background, changes) = lines[8..].split_last().expect("changes and the background count");
    assert_eq!(*background, "20 sentences judged background (not commitments): review them with --explain");
    let changes: Vec<Vec<&str>> = changes.iter().map(|l| l.split_whitespace().take(2).collect()).collect();
    assert_eq!(
        changes,
        [
            vec!["added", "gdi-2023:3.5.1"],
            vec!["changed", "gdi-2023:1.1.2"],
            vec!["withdrawn", "gdi-2023:3.2.5"]
        ]
    );
    // 3.2.6 moved to the fifth clause of its paragraph but keeps its id and its progress.
    let list = listed(&env, &["--statement", "gdi-2023"]);
    assert!(
        list.iter().any(|c| c.0 == "gdi-2023:3.2.6" && c.3 == "oppose cyber hegemony and power politics")
    );
    assert!(!list.iter().any(|c| c.0 == "gdi-2023:3.2.5"), "withdrawn commitments leave the list");
    assert!(list.iter().any(|c| c.0 == "gdi-2023:3.5.1" && c.4 == "2027-12-31"), "due date inferred");
    assert_eq!(env.query_i64("SELECT count(*) FROM entry"), 2, "progress history is never deleted");
    assert_eq!(env.query_i64("SELECT count(*) FROM commitment WHERE withdrawn_at IS NOT NULL"), 1);
    assert_eq!(
        env.query_i64(
            "SELECT count(*) FROM commitment_change WHERE field = 'text' AND old_value = 'improve digital access'"
        ),
        1
    );
}

#[test]
fn paragraph_granularity_keeps_one_commitment_per_paragraph() {
    let env = Env::new();
    env.ok(&["import", "statement", &fixture(SEED), "--key", "p", "--granularity", "paragraph"]);
    let ids: Vec<String> = listed(&env, &[]).into_iter().map(|c| c.0).collect();
    assert_eq!(
        ids,
        [
            "p:0.2.1", "p:1.1.1", "p:1.2.1", "p:1.3.1", "p:2.1.1", "p:2.2.1", "p:2.3.1", "p:3.1.1",
            "p:3.2.1", "p:3.3.1", "p:3.4.1"
        ]
    );
}

#[test]
fn a_dry_run_shows_the_plan_and_creates_nothing() {
    let env = Env::new();
    let out = env.ok(&["import", "statement", &fixture(SEED), "--key", "gdi-2023", "--dry-run"]);
    assert!(out.starts_with("dry run, nothing written: would import gdi-2023:"), "{out}");
    assert!(out.contains("added    gdi-2023:3.4.3"), "{out}");
    assert!(!env.db_exists());
}

#[test]
fn unreadable_statements_are_refused_and_nothing_is_written() {
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b" \n\r\n\t\n", "the file is empty"),
        (
            "binary.txt",
            b"Chair's statement\n\0\x01\x02",
            "the file looks binary (it contains a NUL byte at offset 18), not a text statement",
        ),
        (
            "latin1.txt",
            b"D\xe9claration\n\nWe will act.",
            "the file is not valid UTF-8 (first bad byte at offset 1); save it as UTF-8 and retry",
        ),
        (
            "story.txt",
            b"A report\n\nThe forum was held in Wuzhen. Many people attended it.",
            "no commitment was found in the text; check that it is a statement, or import a curated list with `ctrack import commitments`",
        ),
    ];
    for (name, bytes, why) in cases {
        let env = Env::new();
        fs::write(env.path(name), bytes).unwrap();
        let err = env.fails(&["import", "statement", name], 1);
        assert_eq!(err, format!("error: cannot read {name}: {why}\n"));
        assert!(!env.db_exists(), "{name}: a refused file must not create the database");
        env.ok(&["import", "statement", &fixture(SEED), "--key", "gdi-2023"]);
        let before = env.snapshot();
        env.fails(&["import", "statement", name], 1);
        assert_eq!(env.snapshot(), before, "{name}");
    }
}

#[test]
fn a_bad_key_and_a_missing_file_are_refused() {
    let env = Env::new();
    let err = env.fails(&["import", "statement", &fixture(SEED), "--key", "GDI 2023"], 1);
    assert_eq!(
        err,
        "error: invalid statement key \"GDI 2023\"; expected 1–64 lowercase letters, digits, '-' or '_' (e.g. gdi-2023)\n"
    );
    let err = env.fails(&["import", "statement", "missing.txt"], 1);
    assert_eq!(err, "error: cannot read missing.txt: No such file or directory (os error 2)\n");
    assert!(!env.db_exists());
}

#[test]
fn short_ids_work_when_unambiguous_and_name_the_matches_when_not() {
    let env = Env::new();
    env.ok(&["import", "statement", &fixture(SEED), "--key", "gdi-2023"]);
    let out = env.ok(&["show", "1.1.2", "--format", "json"]);
    assert!(out.contains("\"gdi-2023:1.1.2\""), "{out}");
    // Another statement with the same numbering (the same text is refused under a second key).
    let copy = format!("{}\n\nA closing remark.\n", fs::read_to_string(fixture(SEED)).unwrap());
    fs::write(env.path("copy.txt"), copy).unwrap();
    env.ok(&["import", "statement", "copy.txt", "--key", "gdi-copy"]);
    let err = env.fails(&["show", "1.1.2"], 1);
    assert_eq!(
        err,
        "error: commitment id \"1.1.2\" is ambiguous; it matches gdi-2023:1.1.2, gdi-copy:1.1.2; type the full id, or set CTRACK_STATEMENT to the statement you work on\n"
    );
    let err = env.fails(&["show", "gdi-2023:1.1.9"], 1);
    assert_eq!(
        err,
        "error: unknown commitment \"gdi-2023:1.1.9\"; did you mean gdi-2023:1.1.1, gdi-2023:1.1.2, gdi-2023:1.1.3, gdi-2023:1.1.4, gdi-2023:1.1.5?\n"
    );
}

#[test]
fn a_curated_list_imports_all_or_nothing_naming_bad_rows_by_line() {
    let env = Env::new();
    fs::write(
        env.path("bad.csv"),
        "topic_no,topic,text,due,lead\n\
         1,Access,Connect every school,2027-12-31,ITU\n\
         x,Access,Train teachers,,\n\
         1,Skills,,2026-02-30,\n",
    )
    .unwrap();
    let err = env.fails(&["import", "commitments", "bad.csv", "--key", "plan"], 1);
    assert_eq!(
        err,
        "error: bad.csv: 2 bad rows with 4 problems, nothing was written; fix them and run the import again:
  line 3: topic_no is not a whole number (use 0 for General) (\"x\")
  line 4: topic 1 is also called \"Access\" (\"Skills\")
  line 4: text is empty (\"\")
  line 4: invalid date \"2026-02-30\"; expected a real calendar date as YYYY-MM-DD, e.g. 2024-03-31
"
    );
    assert!(!env.db_exists());
    fs::write(
        env.path("good.csv"),
        "topic_no,topic,text,due,lead,support\n\
         1,Access,Connect every school by 2030,,ITU,UNICEF; World Bank\n\
         1,Access,Train teachers,2026-06-30,,\n\
         2,Skills,Publish a skills framework,,,\n",
    )
    .unwrap();
    let out = env.ok(&["import", "commitments", "good.csv", "--key", "plan", "--title", "Plan"]);
    assert!(out.starts_with("imported plan: \"Plan\"\n2 topics, 3 commitments: 3 added"), "{out}");
    let list = listed(&env, &[]);
    let ids: Vec<(&str, &str)> = list.iter().map(|c| (c.0.as_str(), c.4.as_str())).collect();
    assert_eq!(ids, [("plan:1.0.1", "2030-12-31"), ("plan:1.0.2", "2026-06-30"), ("plan:2.0.1", "")]);
    let owners: Vec<(String, String)> = env
        .query("SELECT o.name, a.role FROM assignment a JOIN owner o ON o.id = a.owner_id ORDER BY o.name")
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(
        owners,
        [
            ("ITU".into(), "lead".into()),
            ("UNICEF".into(), "support".into()),
            ("World Bank".into(), "support".into())
        ]
    );
}

#[test]
fn statements_csv_always_has_its_header_and_safe_titles() {
    let env = Env::new();
    env.ok(&["init"]);
    let header =
        "key,title,date,source_file,sha256,granularity,topics,commitments,withdrawn,imported_at,updated_at\n";
    assert_eq!(env.ok(&["statements", "--format", "csv"]), header);
    env.ok(&[
        "import",
        "commitments",
        &fixture("gdi-2023/commitments.csv"),
        "--key",
        "k",
        "--title",
        "=HYPERLINK(1)",
    ]);
    let csv = env.ok(&["statements", "--format", "csv"]);
    assert_eq!(
        csv,
        format!("{header}k,'=HYPERLINK(1),,commitments.csv,,curated,4,45,0,{now},{now}\n", now = common::NOW)
    );
}
