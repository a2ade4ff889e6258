//! Output formats: Markdown listings, owners as arrays in JSON (and `;`-joined in CSV), and
//! `-o FILE` refusing an extension that names no format the command writes.

mod common;

use common::Env;
use serde_json::{Value, json};

/// The demo's database, with a second lead on 1.1.2.
fn demo() -> Env {
    let env = Env::new();
    env.ok(&["demo"]);
    env.ok(&["assign", "1.1.2", "UNDP", "--role", "lead"]);
    env
}

#[test]
fn list_and_owners_write_markdown_tables() {
    let env = demo();
    let out = env.ok(&["list", "--topic", "1", "--format", "markdown"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2 + 15, "{out}");
    assert_eq!(lines[0], "| ID | TOPIC | TEXT | LEAD | STATUS | % | AS OF | EVIDENCE |");
    assert_eq!(lines[1], "| --- | ---: | --- | --- | --- | ---: | --- | ---: |");
    // Text is whole in Markdown (a terminal cuts it at 60 characters).
    assert_eq!(
        lines[2],
        "| gdi-2023:1.1.1 | 1 | Accelerate the pace of information infrastructure development in developing countries | ITU | in-progress | 20 | 2024-03-31 | 1 |"
    );
    assert_eq!(
        lines[3],
        "| gdi-2023:1.1.2 | 1 | improve digital access | ITU; UNDP | in-progress | 30 | 2024-06-30 | 0 |"
    );
    let out = env.ok(&["owners", "--format", "markdown"]);
    assert!(out.starts_with("| OWNER | LEAD | SUPPORT |\n| --- | ---: | ---: |\n| Forum Secretariat | 2 | 0 |\n| ITU | 4 | 1 |\n"), "{out}");
    for args in [&["statements", "--format", "markdown"][..], &["evidence", "list", "--format", "markdown"]] {
        let out = env.ok(args);
        assert!(out.lines().all(|l| l.starts_with("| ") && l.ends_with(" |")), "{args:?}:\n{out}");
    }
}

#[test]
fn json_gives_owners_as_arrays_and_csv_joins_them() {
    let env = demo();
    let find = |rows: &Value, key: &str, id: &str| -> Value {
        rows.as_array().unwrap().iter().find(|r| r[key] == id).cloned().unwrap()
    };
    for args in [&["list", "--format", "json"][..], &["export", "status", "--format", "json"]] {
        let rows: Value = serde_json::from_str(&env.ok(args)).unwrap();
        let key = if args[0] == "list" { "id" } else { "commitment" };
        let r = find(&rows, key, "gdi-2023:1.1.1");
        assert_eq!((&r["lead"], &r["support"]), (&json!(["ITU"]), &json!(["World Bank"])), "{args:?}");
        let r = find(&rows, key, "gdi-2023:1.1.2");
        assert_eq!((&r["lead"], &r["support"]), (&json!(["ITU", "UNDP"]), &json!([])), "{args:?}");
    }
    let show: Value = serde_json::from_str(&env.ok(&["show", "1.1.1", "--format", "json"])).unwrap();
    assert_eq!((&show["lead"], &show["support"]), (&json!(["ITU"]), &json!(["World Bank"])));
    let csv = env.ok(&["export", "status"]);
    let row = csv.lines().find(|l| l.starts_with("gdi-2023:1.1.2,")).unwrap();
    assert!(row.contains(",improve digital access,ITU; UNDP,,"), "{row}");
}

#[test]
fn an_output_file_with_an_unknown_extension_is_refused_by_name() {
    let env = demo();
    let before = env.snapshot();
    let err = env.fails(&["report", "-o", "q4.pdf"], 1);
    assert_eq!(
        err,
        "error: invalid output file \"q4.pdf\"; .pdf is not a format this command writes; end the name in .csv, .json, .md, .markdown, .txt, .html, .htm or give --format\n"
    );
    let err = env.fails(&["export", "status", "-o", "status.md"], 1);
    assert_eq!(
        err,
        "error: invalid output file \"status.md\"; .md is not a format this command writes; end the name in .csv, .json or give --format\n"
    );
    assert!(!env.path("q4.pdf").exists() && !env.path("status.md").exists());
    assert_eq!(env.snapshot(), before);
    // A known extension chooses the format; --format overrides any extension.
    env.ok(&["report", "-o", "q4.md"]);
    let md = std::fs::read_to_string(env.path("q4.md")).unwrap();
    assert!(md.contains("\n| TOPIC | COMMITMENTS |"), "{md}");
    env.ok(&["report", "--format", "csv", "-o", "q4.data"]);
    let csv = std::fs::read_to_string(env.path("q4.data")).unwrap();
    assert!(csv.starts_with("group_by,group,"), "{csv}");
}
