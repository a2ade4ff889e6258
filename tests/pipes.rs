//! Every command that prints exits 0, silently, when its reader goes away (`ctrack … | head
//! -1`), whether the reader closes before anything is written or after the first line.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use common::{Env, fixture};

/// Runs ctrack with a reader that reads `lines` lines of stdout, then closes it.
fn read_then_close(env: &Env, args: &[&str], lines: usize) {
    let mut cmd = env.std();
    // The demo's progress runs to 2025-06-30: a dry run of it needs a later today.
    cmd.env("CTRACK_NOW", "2025-07-01T12:00:00Z");
    let mut child =
        cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn ctrack");
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    for _ in 0..lines {
        let mut line = String::new();
        reader.read_line(&mut line).expect("read a line");
    }
    drop(reader);
    let out = child.wait_with_output().expect("wait for ctrack");
    assert_eq!(
        (out.status.code(), String::from_utf8_lossy(&out.stderr).as_ref()),
        (Some(0), ""),
        "{args:?} after {lines} line(s)"
    );
}

#[test]
fn every_printing_command_exits_0_when_its_reader_goes_away() {
    let env = Env::new();
    env.ok(&["demo"]);
    // A revised text: the same text under a second key is refused.
    let text =
        std::fs::read_to_string(fixture("gdi-2023/gdi-digital-cooperation-forum-2023-chair-statement.txt"));
    std::fs::write(env.path("revised.txt"), format!("{}\nA closing remark.\n", text.expect("statement")))
        .unwrap();
    let statement = env.path("revised.txt").display().to_string();
    let curated = fixture("gdi-2023/commitments.csv");
    let progress = fixture("gdi-2023/demo-progress.csv");
    let commands: Vec<Vec<&str>> = vec![
        vec!["completions", "fish"],
        vec!["completions", "bash"],
        vec!["--help"],
        vec!["demo"],
        vec!["list"],
        vec!["list", "--format", "csv"],
        vec!["list", "--format", "json"],
        vec!["list", "--format", "markdown"],
        vec!["show", "1.1.1"],
        vec!["show", "1.1.1", "--format", "json"],
        vec!["statements"],
        vec!["owners", "--format", "json"],
        vec!["evidence", "list"],
        vec!["entries"],
        vec!["entries", "--format", "csv"],
        vec!["report"],
        vec!["report", "--format", "markdown"],
        vec!["report", "--by", "owner", "--format", "json"],
        vec!["export", "status"],
        vec!["export", "status", "--format", "json"],
        vec!["export", "progress"],
        vec!["export", "evidence"],
        vec!["export", "summary"],
        vec!["import", "statement", &statement, "--key", "again", "--dry-run"],
        vec!["import", "commitments", &curated, "--key", "curated", "--dry-run"],
        vec!["import", "progress", &progress, "--dry-run"],
    ];
    for args in &commands {
        read_then_close(&env, args, 0);
        read_then_close(&env, args, 1);
    }
}
