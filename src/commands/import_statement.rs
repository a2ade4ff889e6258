//! `ctrack import statement FILE`: read a statement's text, find its commitments, and record
//! them — or, for a statement already imported, reconcile the revised text with what is stored.

use std::fs;
use std::io::Write;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::Context;
use crate::cli::{GranularityArg, ImportStatementArgs, ListFormat};
use crate::domain::{Code, NewCommitment, SourceKind, StatementMeta, is_valid_key, plan_import};
use crate::error::{Error, Result};
use crate::input::{self, InputError};
use crate::report;
use crate::report::import_summary;
use crate::statement::{self, Granularity, Judgement, ParsedStatement};
use crate::store::Store;

/// A statement read and parsed, ready to be recorded.
#[derive(Debug)]
pub struct StatementInput {
    meta: StatementMeta,
    commitments: Vec<NewCommitment>,
    judgements: Vec<Judgement>,
    dry_run: bool,
    explain: bool,
    format: ListFormat,
}

/// Reads and parses the statement file (text, Markdown, HTML or PDF), refusing one that is
/// empty, binary, of a kind ctrack cannot read, or holds no commitment. Touches no database.
pub fn read(args: ImportStatementArgs) -> Result<StatementInput> {
    if let Some(key) = args.key.as_ref().filter(|k| !is_valid_key(k)) {
        return Err(Error::BadKey(key.clone()));
    }
    let path = args.file.as_path();
    let bytes =
        fs::read(path).map_err(|source| Error::File { action: "read", path: path.to_path_buf(), source })?;
    read_bytes(&bytes, args)
}

/// Like `read`, for a statement already in memory; `args.file` only names it.
pub(crate) fn read_bytes(bytes: &[u8], args: ImportStatementArgs) -> Result<StatementInput> {
    let path = args.file.as_path();
    let parse_error = |source| Error::Parse { path: path.to_path_buf(), source };
    let extension = path.extension().map(|e| e.to_string_lossy());
    let text = input::read(bytes, extension.as_deref()).map_err(|source| match source {
        InputError::Text(source) => parse_error(source),
        source => Error::Input { path: path.to_path_buf(), source },
    })?;
    let (granularity, kind) = match args.granularity {
        GranularityArg::Clause => (Granularity::Clause, SourceKind::Clause),
        GranularityArg::Paragraph => (Granularity::Paragraph, SourceKind::Paragraph),
    };
    let parsed = statement::parse(&text, granularity).map_err(parse_error)?;
    let key = args.key.unwrap_or_else(|| statement::slug(&path.to_string_lossy()));
    if !is_valid_key(&key) {
        return Err(Error::BadKey(key));
    }
    let meta = StatementMeta {
        key,
        title: args.title.unwrap_or_else(|| parsed.title.clone()),
        date: args.date.or(parsed.date),
        source_file: file_name(path),
        sha256: Some(sha256_hex(&text)),
        kind,
        topics: parsed.topics.iter().map(|t| (t.no, t.title.clone())).collect(),
        paragraphs: parsed
            .topics
            .iter()
            .flat_map(|t| t.paragraphs.iter().map(|p| (t.no, p.no, p.text.clone())))
            .collect(),
    };
    let commitments = commitments(&parsed);
    Ok(StatementInput {
        meta,
        commitments,
        judgements: parsed.judgements,
        dry_run: args.dry_run,
        explain: args.explain,
        format: args.format,
    })
}

/// Records the statement, or reconciles a revised text with what is stored. Re-importing the
/// same text with the same settings changes nothing and says so. With `--explain`, prints the
/// review of the parse instead and touches nothing. Every import's summary (but JSON) ends
/// with the count of sentences judged background.
pub fn run(store: &mut Store, input: StatementInput, ctx: &Context, out: &mut impl Write) -> Result<()> {
    let StatementInput { meta, commitments, judgements, dry_run, explain, format } = input;
    if explain {
        return report::explain::write(&judgements, format, out);
    }
    if let Some(sha) = &meta.sha256 {
        if let Some(existing) = store.key_of_text(sha, &meta.key)? {
            return Err(Error::SameText { key: meta.key, existing });
        }
    }
    if let Some(existing) = store.statement(&meta.key)? {
        let same = existing.sha256 == meta.sha256
            && existing.granularity == meta.kind.as_str()
            && existing.title == meta.title
            && existing.date == meta.date.map(|d| d.to_string());
        if same {
            let sha = existing.sha256.unwrap_or_default();
            writeln!(
                out,
                "{} is up to date: same text (sha256 {}…) and settings; nothing changed",
                meta.key,
                sha.get(..12).unwrap_or_default()
            )?;
            return Ok(());
        }
    }
    let plan =
        store.reconcile(&meta, &ctx.timestamp(), dry_run, |stored| plan_import(stored, commitments))?;
    match format {
        ListFormat::Json => import_summary::write_json(&meta, &plan, dry_run, out),
        ListFormat::Csv | ListFormat::Table | ListFormat::Markdown => {
            import_summary::write_text(&meta, &plan, dry_run, ctx.terminal, out)?;
            report::explain::background_line(&judgements, ctx.terminal.width, out)
        }
    }
}

/// Every commitment of a parsed statement, with its position as its id.
fn commitments(parsed: &ParsedStatement) -> Vec<NewCommitment> {
    let mut all = Vec::new();
    for topic in &parsed.topics {
        for paragraph in &topic.paragraphs {
            for clause in &paragraph.commitments {
                all.push(NewCommitment {
                    code: Code { topic: topic.no, paragraph: paragraph.no, clause: clause.no },
                    topic_no: topic.no,
                    text: clause.text.clone(),
                    paragraph: Some(paragraph.text.clone()),
                    due: clause.due,
                    due_inferred: clause.due.is_some(),
                    lead: Vec::new(),
                    support: Vec::new(),
                });
            }
        }
    }
    all
}

fn file_name(path: &Path) -> Option<String> {
    path.file_name().map(|n| n.to_string_lossy().into_owned())
}

/// The SHA-256 of a text, as lowercase hex.
pub(crate) fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}
