//! The review of a statement's parse (`import statement --explain`): every heading, sentence
//! and removed line with its verdict and the cue that decided it, as text or JSON.

use std::io::Write;

use serde::Serialize;

use crate::cli::ListFormat;
use crate::error::Result;
use crate::report::json;
use crate::statement::{Judgement, Verdict};

/// One judgement as JSON.
#[derive(Debug, Serialize)]
struct Row<'a> {
    location: Option<&'a str>,
    verdict: &'static str,
    cue: Option<&'a str>,
    text: &'a str,
    clauses: Vec<ClauseRow<'a>>,
}

#[derive(Debug, Serialize)]
struct ClauseRow<'a> {
    id: &'a str,
    text: &'a str,
}

/// Writes the judgements: JSON for `--format json`, else one block of lines per judgement.
pub fn write(judgements: &[Judgement], format: ListFormat, out: &mut impl Write) -> Result<()> {
    match format {
        ListFormat::Json => json::write_value(out, &judgements.iter().map(row).collect::<Vec<_>>()),
        ListFormat::Table | ListFormat::Csv | ListFormat::Markdown => write_text(judgements, out),
    }
}

fn row(j: &Judgement) -> Row<'_> {
    Row {
        location: j.location.as_deref(),
        verdict: j.verdict.as_str(),
        cue: j.cue.as_deref(),
        text: &j.text,
        clauses: j.clauses.iter().map(|(id, text)| ClauseRow { id, text }).collect(),
    }
}

/// `1.2  commitment: "We will"`, the text indented below it, then each clause with its id.
fn write_text(judgements: &[Judgement], out: &mut impl Write) -> Result<()> {
    let width = judgements.iter().filter_map(|j| j.location.as_ref()).map(String::len).max().unwrap_or(1);
    let indent = " ".repeat(width + 2);
    for j in judgements {
        let location = j.location.as_deref().unwrap_or("-");
        writeln!(out, "{location:<width$}  {}", headline(j))?;
        writeln!(out, "{indent}{}", j.text)?;
        for (id, text) in &j.clauses {
            writeln!(out, "{indent}→ {id}  {text}")?;
        }
    }
    writeln!(out, "{}", totals(judgements))?;
    Ok(())
}

/// `commitment: "We will"`, `background: no commitment cue`, `heading`.
fn headline(j: &Judgement) -> String {
    let verdict = j.verdict.as_str();
    match (&j.cue, j.verdict) {
        (Some(cue), Verdict::Furniture) => format!("{verdict} ({cue})"),
        (Some(cue), _) => format!("{verdict}: \"{cue}\""),
        (None, Verdict::Background) => format!("{verdict}: no commitment cue"),
        (None, Verdict::LeadIn) => format!("{verdict}: ends with a colon"),
        (None, _) => verdict.to_owned(),
    }
}

/// The closing count: `judged: 12 commitments (20 clauses), 1 lead-in, 4 headings, 9 background, 3 furniture`.
fn totals(judgements: &[Judgement]) -> String {
    let count = |v: Verdict| judgements.iter().filter(|j| j.verdict == v).count();
    let clauses: usize = judgements.iter().map(|j| j.clauses.len()).sum();
    format!(
        "judged: {} commitment sentences ({clauses} clauses), {} lead-ins, {} headings, {} background, {} furniture",
        count(Verdict::Commitment),
        count(Verdict::LeadIn),
        count(Verdict::Heading),
        count(Verdict::Background),
        count(Verdict::Furniture),
    )
}

/// The line every import ends with: how many sentences were judged background; wrapped
/// between words to the terminal's `width` when there is one.
pub fn background_line(judgements: &[Judgement], width: Option<u16>, out: &mut impl Write) -> Result<()> {
    let n = judgements.iter().filter(|j| j.verdict == Verdict::Background).count();
    let sentences = if n == 1 { "sentence" } else { "sentences" };
    let line = format!("{n} {sentences} judged background (not commitments): review them with --explain");
    let max = width.map_or(usize::MAX, usize::from);
    let mut current = String::new();
    for word in line.split(' ') {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > max {
            writeln!(out, "{current}")?;
            current.clear();
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    writeln!(out, "{current}")?;
    Ok(())
}
