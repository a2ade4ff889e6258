//! Every fixture statement, in every format it is stored in (`statement.txt`, `.md`, `.html`,
//! `.pdf`), under `fixtures/statements/` and `fixtures/statements-new/`, imports to exactly its
//! hand-coded commitments: id, topic, text and due date.

mod common;

use std::fs;
use std::path::Path;

use common::{Env, fixture};
use serde_json::Value;

type Row = (String, u64, String, String, String);

fn listed(env: &Env) -> Vec<Row> {
    // As of a date after every fixture statement's: a list counts only statements dated by then.
    let args = ["list", "--format", "json", "--as-of", "2099-12-31"];
    let json: Value = serde_json::from_str(&env.ok(&args)).expect("list json");
    json.as_array()
        .expect("an array")
        .iter()
        .map(|c| {
            let text = |k: &str| c[k].as_str().unwrap_or_default().to_owned();
            (text("id"), c["topic_no"].as_u64().unwrap_or(u64::MAX), text("topic"), text("text"), text("due"))
        })
        .collect()
}

fn expected(csv_path: &Path, key: &str) -> Vec<Row> {
    let mut reader = csv::Reader::from_path(csv_path).expect("commitments.csv");
    reader
        .deserialize::<std::collections::HashMap<String, String>>()
        .map(|row| {
            let row = row.expect("a commitments.csv row");
            let field = |k: &str| row.get(k).cloned().unwrap_or_default();
            let topic_no = field("topic_no").parse().expect("a numeric topic_no");
            (format!("{key}:{}", field("commitment")), topic_no, field("topic"), field("text"), field("due"))
        })
        .collect()
}

/// (fixture folder, statement file) for every statement file of every fixture.
fn statements() -> Vec<(String, String)> {
    let mut all = Vec::new();
    for dir in ["statements", "statements-new"] {
        let Ok(entries) = fs::read_dir(fixture(dir)) else { continue };
        for entry in entries.flatten() {
            let folder = entry.path();
            let Ok(files) = fs::read_dir(&folder) else { continue };
            for file in files.flatten() {
                let name = file.file_name().to_string_lossy().into_owned();
                if name.starts_with("statement.") {
                    all.push((folder.display().to_string(), file.path().display().to_string()));
                }
            }
        }
    }
    all.sort();
    all
}

#[test]
fn every_fixture_in_every_format_imports_to_its_expected_commitments() {
    let all = statements();
    assert!(all.len() >= 20, "the fixture statements: {all:?}");
    let mut failures = Vec::new();
    for (folder, file) in &all {
        let env = Env::new();
        env.ok(&["import", "statement", file, "--key", "k"]);
        let want = expected(&Path::new(folder).join("commitments.csv"), "k");
        let got = listed(&env);
        if got != want {
            let missing: Vec<&Row> = want.iter().filter(|r| !got.contains(r)).collect();
            let extra: Vec<&Row> = got.iter().filter(|r| !want.contains(r)).collect();
            failures.push(format!("{file}\n  missing {missing:#?}\n  extra {extra:#?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), all.len(), failures.join("\n"));
}
