//! `ctrack entries [--since D] [--author A] [filters] [--format table|csv|json|markdown]`: the
//! progress entries with their numbers, oldest first, retracted ones marked. The filters of
//! `list` choose the commitments (`--status` and `--overdue` as of today); `--since` and
//! `--author` choose entries by when and by whom they were recorded.

use std::io::Write;

use crate::Context;
use crate::cli::{EntriesArgs, ListFormat};
use crate::domain::{EntryRecord, ListedEntry};
use crate::error::{Error, Result, quote};
use crate::report::CsvStyle;
use crate::report::entries::EntryWriter;
use crate::report::sink::RowFormat;
use crate::store::Store;

/// Lists the entries.
pub fn run(store: &mut Store, mut args: EntriesArgs, ctx: &Context, out: &mut impl Write) -> Result<()> {
    if let Some(author) = &args.author {
        refuse_unknown_author(store, author)?;
    }
    args.filter = super::filter::check(store, &args.filter, ctx.today)?;
    let (filter, selection) = super::filters(&args.filter, None);
    let commitments = super::chosen(store, &filter, &selection, ctx.today)?;
    // Recorded-at times are RFC 3339 UTC, so comparing their date part as text is exact.
    let since = args.since.map(|d| d.resolve(ctx.today).to_string());
    let (format, terminal) = match args.format {
        ListFormat::Table => (None, Some(ctx.terminal)),
        ListFormat::Markdown => (None, None),
        ListFormat::Csv => (Some(RowFormat::Csv(CsvStyle::default())), None),
        ListFormat::Json => (Some(RowFormat::Json), None),
    };
    let mut writer = EntryWriter::new(out, format, terminal)?;
    store.for_each_entry(&commitments, |record| {
        let recent =
            since.as_deref().is_none_or(|d| record.recorded_at.get(..10).is_some_and(|day| day >= d));
        let by = args.author.as_deref().is_none_or(|a| record.author == a);
        if recent && by { writer.push(listed(record)) } else { Ok(()) }
    })?;
    writer.finish()
}

/// An author who never recorded an entry is a typo, not an empty list.
fn refuse_unknown_author(store: &Store, author: &str) -> Result<()> {
    let authors = store.authors()?;
    if authors.iter().any(|a| a == author) {
        return Ok(());
    }
    let known = authors.iter().map(|a| quote(a)).collect::<Vec<_>>();
    let near = crate::domain::closest(&author.to_lowercase(), authors.iter().map(String::as_str));
    Err(Error::UnknownValue {
        kind: "author",
        value: author.to_string(),
        closest: near.first().map(|a| quote(a)),
        expected: if known.is_empty() { "no entry is recorded yet".into() } else { known.join(", ") },
    })
}

fn listed(record: EntryRecord<'_>) -> ListedEntry {
    ListedEntry {
        entry: record.entry,
        commitment: record.commitment.to_string(),
        as_of: record.as_of.to_string(),
        status: record.status,
        percent: record.percent,
        note: record.note.to_string(),
        author: record.author.to_string(),
        recorded_at: record.recorded_at.to_string(),
        retracted: record.retracted,
    }
}
