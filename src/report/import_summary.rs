//! What an import did (or, in a dry run, would do), as a table or JSON. Shared by
//! `import statement` and `import commitments`.

use std::io::Write;

use serde::Serialize;

use super::table::{self, Column, Table};
use super::{Terminal, json};
use crate::domain::{ImportPlan, NewCommitment, StatementMeta};
use crate::error::Result;

/// One commitment the import touches.
#[derive(Debug, Serialize)]
struct Touched<'a> {
    change: &'static str,
    id: String,
    topic_no: u32,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    old_text: Option<&'a str>,
    due: Option<String>,
    due_inferred: bool,
}

/// The JSON form of a summary.
#[derive(Debug, Serialize)]
struct Summary<'a> {
    statement: &'a str,
    title: &'a str,
    date: Option<String>,
    source_file: Option<&'a str>,
    sha256: Option<&'a str>,
    granularity: &'static str,
    dry_run: bool,
    topics: Vec<TopicCount<'a>>,
    unchanged: usize,
    added: usize,
    changed: usize,
    withdrawn: usize,
    restored: usize,
    commitments: Vec<Touched<'a>>,
    /// Hand edits kept although the statement's own text changed under them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    conflicts: Vec<ConflictRow<'a>>,
}

/// A hand edit the revised statement disagrees with.
#[derive(Debug, Serialize)]
struct ConflictRow<'a> {
    id: String,
    kept: &'a str,
    statement_now: &'a str,
}

#[derive(Debug, Serialize)]
struct TopicCount<'a> {
    no: u32,
    title: &'a str,
    commitments: usize,
}

/// Writes the summary of `plan` for `meta` as JSON.
pub fn write_json(
    meta: &StatementMeta,
    plan: &ImportPlan,
    dry_run: bool,
    out: &mut impl Write,
) -> Result<()> {
    json::write_value(out, &summarize(meta, plan, dry_run))
}

/// Writes the summary of `plan` for `meta` as lines and a table of the commitments touched.
pub fn write_text(
    meta: &StatementMeta,
    plan: &ImportPlan,
    dry_run: bool,
    terminal: Terminal,
    out: &mut impl Write,
) -> Result<()> {
    write_summary(&summarize(meta, plan, dry_run), terminal, out)
}

fn summarize<'a>(meta: &'a StatementMeta, plan: &'a ImportPlan, dry_run: bool) -> Summary<'a> {
    let id = |code| format!("{}:{code}", meta.key);
    let touched = |change, new: &'a NewCommitment, code, old_text| Touched {
        change,
        id: id(code),
        topic_no: new.topic_no,
        text: &new.text,
        old_text,
        due: new.due.map(|d| d.to_string()),
        due_inferred: new.due_inferred,
    };
    let mut commitments: Vec<Touched> = Vec::new();
    commitments.extend(plan.add.iter().map(|n| touched("added", n, n.code, None)));
    commitments.extend(
        plan.change.iter().map(|c| touched("changed", &c.new, c.new.code, Some(c.old_text.as_str()))),
    );
    commitments
        .extend(plan.keep.iter().filter(|k| k.restored).map(|k| touched("restored", &k.new, k.code, None)));
    commitments.extend(plan.withdraw.iter().map(|w| Touched {
        change: "withdrawn",
        id: id(w.code),
        topic_no: w.code.topic,
        text: &w.text,
        old_text: None,
        due: None,
        due_inferred: false,
    }));
    let in_topic = |no: u32| {
        plan.add.iter().filter(|n| n.topic_no == no).count()
            + plan.change.iter().filter(|c| c.new.topic_no == no).count()
            + plan.keep.iter().filter(|k| k.new.topic_no == no).count()
    };
    let restored = plan.keep.iter().filter(|k| k.restored).count();
    Summary {
        statement: &meta.key,
        title: &meta.title,
        date: meta.date.map(|d| d.to_string()),
        source_file: meta.source_file.as_deref(),
        sha256: meta.sha256.as_deref(),
        granularity: meta.kind.as_str(),
        dry_run,
        topics: meta
            .topics
            .iter()
            .map(|(no, title)| TopicCount { no: *no, title, commitments: in_topic(*no) })
            .collect(),
        unchanged: plan.keep.len() - restored,
        added: plan.add.len(),
        changed: plan.change.len(),
        withdrawn: plan.withdraw.len(),
        restored,
        commitments,
        conflicts: plan
            .conflicts
            .iter()
            .map(|c| ConflictRow { id: id(c.code), kept: &c.kept, statement_now: &c.statement_now })
            .collect(),
    }
}

fn write_summary(s: &Summary, terminal: Terminal, out: &mut impl Write) -> Result<()> {
    let total: usize = s.topics.iter().map(|t| t.commitments).sum();
    let verb = if s.dry_run { "dry run, nothing written: would import" } else { "imported" };
    let date = s.date.as_deref().map_or_else(String::new, |d| format!(" ({d})"));
    let mut line = |text: String, hang: usize| table::write_wrapped(&text, hang, terminal, &mut *out);
    line(format!("{verb} {}: \"{}\"{date}", s.statement, s.title), 0)?;
    line(
        format!(
            "{} topics, {total} commitments: {} added, {} changed, {} withdrawn, {} restored, {} unchanged",
            s.topics.len(),
            s.added,
            s.changed,
            s.withdrawn,
            s.restored,
            s.unchanged
        ),
        0,
    )?;
    for topic in &s.topics {
        line(
            format!("  topic {}: {} ({})", topic.no, super::shorten(topic.title, 70), topic.commitments),
            4,
        )?;
    }
    for c in &s.conflicts {
        writeln!(
            out,
            "conflict {}: edited by hand, kept; the statement now says \"{}\"",
            c.id, c.statement_now
        )?;
    }
    if s.commitments.is_empty() {
        return Ok(());
    }
    let columns =
        vec![Column::status("CHANGE"), Column::id("ID"), Column::text("TEXT"), Column::date("DUE").hide(1)];
    let mut t = Table::new(columns, "--format json has every field");
    for c in &s.commitments {
        let text = match c.old_text {
            Some(old) => format!("{} → {}", super::shorten(old, 40), super::shorten(c.text, 40)),
            None => super::shorten(c.text, 80),
        };
        let due = c
            .due
            .as_ref()
            .map_or_else(String::new, |d| format!("{d}{}", if c.due_inferred { " (inferred)" } else { "" }));
        t.row(vec![c.change.to_string(), c.id.clone(), text, due]);
    }
    t.write(terminal, out)?;
    Ok(())
}
