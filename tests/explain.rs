//! `ctrack import statement FILE --explain`: the review of a parse, golden-tested as text and
//! as JSON, writing nothing; and the background count every import ends with.

mod common;

use common::{Env, fixture, golden};
use serde_json::Value;

const G20: &str = "statements/g20-leaders-declaration/statement.txt";
const AU: &str = "statements-new/au-assembly-decisions-pdftext/statement.txt";

#[test]
fn explain_prints_every_sentence_with_its_verdict_and_cue() {
    let env = Env::new();
    let out = env.ok(&["import", "statement", &fixture(G20), "--explain"]);
    golden("explain-g20-leaders-declaration.txt", out.as_bytes());
    assert!(!env.db_exists(), "--explain writes nothing, not even a database");
}

#[test]
fn explain_as_json_names_furniture_headings_and_clauses() {
    let env = Env::new();
    let out = env.ok(&["import", "statement", &fixture(AU), "--explain", "--format", "json"]);
    golden("explain-au-assembly-decisions.json", out.as_bytes());
    let rows: Value = serde_json::from_str(&out).expect("explain json");
    let rows = rows.as_array().expect("an array");
    let count = |verdict: &str| rows.iter().filter(|r| r["verdict"] == verdict).count();
    let clauses: usize = rows.iter().map(|r| r["clauses"].as_array().map_or(0, Vec::len)).sum();
    assert_eq!(clauses, 19, "the fixture's 19 expected commitments");
    assert_eq!((count("heading"), count("lead-in")), (3, 1));
    let furniture: Vec<&str> =
        rows.iter().filter(|r| r["verdict"] == "furniture").filter_map(|r| r["text"].as_str()).collect();
    assert!(furniture.contains(&"Page 2"), "{furniture:?}");
    let takes_note = rows.iter().find(|r| r["text"].as_str().is_some_and(|t| t.starts_with("TAKES NOTE")));
    assert_eq!(
        takes_note.map(|r| (&r["verdict"], &r["cue"])),
        Some((&"background".into(), &"TAKES NOTE".into()))
    );
}

#[test]
fn every_import_ends_with_the_background_count() {
    let env = Env::new();
    let out = env.ok(&["import", "statement", &fixture(G20), "--key", "g20"]);
    assert_eq!(
        out.lines().last(),
        Some("6 sentences judged background (not commitments): review them with --explain")
    );
    let dry = env.ok(&["import", "statement", &fixture(AU), "--key", "au", "--dry-run"]);
    assert!(dry.ends_with("judged background (not commitments): review them with --explain\n"), "{dry}");
}
