//! `ctrack import commitments FILE.csv --key K`: a hand-coded list of commitments, for
//! statements that need an analyst's reading. All rows are checked before anything is written.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;

use csv::StringRecord;

use super::csv_input::{self, Columns, CsvFile, Problems};
use crate::Context;
use crate::cli::ImportCommitmentsArgs;
use crate::domain::{
    Code, CommitmentRef, NewCommitment, OwnerName, SourceKind, StatementMeta, is_valid_key, parse_date,
    plan_import,
};
use crate::error::{Error, Result, quote};
use crate::report::import_summary;
use crate::statement;
use crate::store::Store;

const REQUIRED: [&str; 3] = ["topic_no", "topic", "text"];
const OPTIONAL: [&str; 4] = ["commitment", "due", "lead", "support"];

/// A curated list read and checked, ready to be recorded.
#[derive(Debug)]
pub struct CommitmentsInput {
    args: ImportCommitmentsArgs,
    rows: Vec<NewCommitment>,
    topics: BTreeMap<u32, String>,
}

/// Reads and checks every row of the file; any bad row refuses the whole file. Touches no
/// database.
pub fn read(args: ImportCommitmentsArgs) -> Result<CommitmentsInput> {
    if !is_valid_key(&args.key) {
        return Err(Error::BadKey(args.key));
    }
    let path = &args.file;
    let name = path.display().to_string();
    let file =
        File::open(path).map_err(|source| Error::File { action: "read", path: path.clone(), source })?;
    let (rows, topics) = read_rows(file, &name, &args.key)?;
    Ok(CommitmentsInput { args, rows, topics })
}

/// Records (or reconciles) the list under its key.
pub fn run(store: &mut Store, input: CommitmentsInput, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let CommitmentsInput { args, rows, topics } = input;
    let title = match args.title {
        Some(title) => title,
        None => store.statement(&args.key)?.map_or_else(|| args.key.clone(), |s| s.title),
    };
    let meta = StatementMeta {
        title,
        date: args.date,
        source_file: args.file.file_name().map(|n| n.to_string_lossy().into_owned()),
        sha256: None,
        kind: SourceKind::Curated,
        topics: topics.into_iter().collect(),
        paragraphs: Vec::new(),
        key: args.key,
    };
    let plan = store.reconcile(&meta, &ctx.timestamp(), args.dry_run, |stored| plan_import(stored, rows))?;
    import_summary::write_text(&meta, &plan, args.dry_run, ctx.terminal, out)
}

/// Reads and checks every row; ids left blank become `T.0.N` in file order.
fn read_rows(file: File, name: &str, key: &str) -> Result<(Vec<NewCommitment>, BTreeMap<u32, String>)> {
    let file = CsvFile::open(name, file)?;
    let columns = file.columns(&REQUIRED, &OPTIONAL, &[])?;
    let mut problems = Problems::default();
    let mut topics: BTreeMap<u32, String> = BTreeMap::new();
    let mut rows: Vec<(Option<Code>, NewCommitment)> = Vec::new();
    file.for_each(&mut problems, |record, problems| {
        if let Some(row) = read_row(&columns, record, key, &mut topics, problems) {
            rows.push(row);
        }
        Ok(())
    })?;
    if rows.is_empty() && problems.is_empty() {
        problems.add(1, "no commitment rows", name);
    }
    check_duplicates(&rows, &mut problems);
    problems.into_result(name)?;
    Ok((number(rows), topics))
}

fn read_row(
    columns: &Columns,
    record: &StringRecord,
    key: &str,
    topics: &mut BTreeMap<u32, String>,
    problems: &mut Problems,
) -> Option<(Option<Code>, NewCommitment)> {
    let line = csv_input::line_of(record);
    let before = problems.count();
    let cell = |c| columns.get(record, c);
    let topic_no = cell("topic_no").parse::<u32>().ok();
    if topic_no.is_none() {
        problems.add(line, "topic_no is not a whole number (use 0 for General)", cell("topic_no"));
    }
    let topic = cell("topic");
    if let Some(no) = topic_no {
        match topics.get(&no) {
            Some(title) if title != topic => {
                problems.add(line, format!("topic {no} is also called {}", quote(title)), topic)
            }
            _ => {
                topics.insert(no, topic.to_string());
            }
        }
    }
    let text = cell("text");
    if text.is_empty() {
        problems.add(line, "text is empty", text);
    }
    let code = parse_code(cell("commitment"), key, line, problems);
    let explicit_due = match cell("due") {
        "" => None,
        due => parse_date(due).map_err(|e| problems.add_error(line, &e)).ok(),
    };
    let lead = owners(cell("lead"), line, problems);
    let support = owners(cell("support"), line, problems);
    if problems.count() > before {
        return None;
    }
    let inferred = explicit_due.is_none().then(|| statement::infer_due(text)).flatten();
    let topic_no = topic_no?;
    Some((
        code,
        NewCommitment {
            code: code.unwrap_or(Code { topic: topic_no, paragraph: 0, clause: 1 }),
            topic_no,
            text: text.to_string(),
            paragraph: None,
            due: explicit_due.or(inferred),
            due_inferred: explicit_due.is_none() && inferred.is_some(),
            lead,
            support,
        },
    ))
}

/// A `commitment` cell: blank, `T.P.C`, or `KEY:T.P.C` with this statement's key.
fn parse_code(cell: &str, key: &str, line: u64, problems: &mut Problems) -> Option<Code> {
    if cell.is_empty() {
        return None;
    }
    match cell.parse::<CommitmentRef>() {
        Ok(r) if r.statement.as_deref().is_none_or(|k| k == key) => Some(r.code),
        Ok(_) => {
            problems.add(line, format!("commitment id belongs to another statement than {key}"), cell);
            None
        }
        Err(e) => {
            problems.add_error(line, &e);
            None
        }
    }
}

/// Owner names separated by `;`, each once: a name repeated in a cell (however many times)
/// is one owner.
fn owners(cell: &str, line: u64, problems: &mut Problems) -> Vec<OwnerName> {
    let mut seen = std::collections::HashSet::new();
    cell.split(';')
        .filter(|name| !name.trim().is_empty())
        .filter_map(|name| name.parse::<OwnerName>().map_err(|e| problems.add_error(line, &e)).ok())
        .filter(|owner| seen.insert(owner.key()))
        .collect()
}

/// Two rows may not claim the same id.
fn check_duplicates(rows: &[(Option<Code>, NewCommitment)], problems: &mut Problems) {
    let mut seen = std::collections::HashSet::new();
    for (code, _) in rows {
        if let Some(code) = code {
            if !seen.insert(*code) {
                problems.add(0, "the same commitment id is on two rows", &code.to_string());
            }
        }
    }
}

/// Gives rows without an id the next free `T.0.N`, in file order.
fn number(rows: Vec<(Option<Code>, NewCommitment)>) -> Vec<NewCommitment> {
    let mut next: BTreeMap<u32, u32> = BTreeMap::new();
    for (code, _) in &rows {
        if let Some(c) = code.filter(|c| c.paragraph == 0) {
            let n = next.entry(c.topic).or_default();
            *n = (*n).max(c.clause);
        }
    }
    rows.into_iter()
        .map(|(code, mut row)| {
            if code.is_none() {
                let n = next.entry(row.topic_no).or_default();
                *n += 1;
                row.code = Code { topic: row.topic_no, paragraph: 0, clause: *n };
            }
            row
        })
        .collect()
}
