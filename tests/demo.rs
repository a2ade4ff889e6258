//! `ctrack demo`: the newcomer's first command.

mod common;

use common::{Env, golden};

#[test]
fn demo_prints_the_report_by_topic_of_the_bundled_statement() {
    let env = Env::new();
    let out = env.bare().arg("demo").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    golden("demo.txt", &out.stdout);
    assert!(!env.path("home").exists(), "the demo must not touch the user's real database");
}

#[test]
fn demo_with_db_keeps_its_database_and_is_harmless_to_repeat() {
    let env = Env::new();
    let first = env.ok(&["demo"]);
    assert!(first.contains(&format!("imported into {},", env.db_shown())), "{first}");
    let before = env.snapshot();
    let second = env.ok(&["demo"]);
    assert_eq!(second, first);
    assert_eq!(env.snapshot(), before);
    assert_eq!(env.query_i64("SELECT count(*) FROM commitment"), 45);
    assert_eq!(env.query_i64("SELECT count(*) FROM entry"), 22);
    assert_eq!(env.query_i64("SELECT count(*) FROM assignment"), 20);
}

#[test]
fn the_readme_shows_the_demo_as_it_prints() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let demo =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/golden/demo.txt")).unwrap();
    assert!(
        readme.contains(&format!("```text\n{demo}```\n")),
        "README.md's demo block differs from fixtures/golden/demo.txt"
    );
}
