//! `ctrack show`'s outputs: one commitment in full — text, where it comes from, owners, due
//! date, status as of a date, the timeline of entries (newest first, retracted ones marked
//! with their reason, each with its evidence), evidence not tied to an entry, and the history
//! of its edits — as text or JSON.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::table::{self, Column, Table};
use super::{Terminal, json, lines};
use crate::domain::{
    CommitmentDetail, Entry, EntryFacts, Evidence, Origin, OwnerPeriod, Role, Stance, Status, current_entry,
    is_overdue, withdrawal_cause,
};
use crate::error::Result;

/// Writes the commitment as text, its status worked out as of `as_of`.
pub fn write_text(
    detail: &CommitmentDetail,
    as_of: NaiveDate,
    terminal: Terminal,
    out: &mut impl Write,
) -> Result<()> {
    write_view(&View::new(detail, as_of), terminal, out)
}

/// Writes the commitment as one JSON object, its status worked out as of `as_of`.
pub fn write_json(detail: &CommitmentDetail, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    json::write_value(out, &View::new(detail, as_of).json())
}

/// A commitment with its status and overdue flag worked out for one date.
struct View<'a> {
    detail: &'a CommitmentDetail,
    as_of: NaiveDate,
    /// The entry that decides the status as of `as_of`, if any.
    current: Option<&'a Entry>,
    overdue: bool,
}

impl<'a> View<'a> {
    fn new(detail: &'a CommitmentDetail, as_of: NaiveDate) -> View<'a> {
        let facts: Vec<EntryFacts> = detail.entries.iter().map(Entry::facts).collect();
        let id = current_entry(&facts, as_of).map(|e| e.id);
        let current = detail.entries.iter().find(|e| Some(e.id) == id);
        let status = current.map_or(Status::Unassessed, |e| e.status);
        // A withdrawn commitment is no longer expected of anyone, so it is never overdue.
        let overdue = detail.withdrawn_at.is_none() && is_overdue(detail.due, status, as_of);
        View { detail, as_of, current, overdue }
    }

    fn status(&self) -> Status {
        self.current.map_or(Status::Unassessed, |e| e.status)
    }

    /// Whether ctrack learnt of `entry` after the day shown (so a report as of that day, run
    /// on that day, did not count it).
    fn recorded_after(&self, entry: &Entry) -> bool {
        entry.recorded_at.get(..10).is_some_and(|day| day > self.as_of.to_string().as_str())
    }

    /// Evidence logged with entry `id`.
    fn evidence_of(&self, id: i64) -> impl Iterator<Item = &'a Evidence> {
        self.detail.evidence.iter().filter(move |ev| ev.entry == Some(id))
    }

    /// Evidence added on its own.
    fn other_evidence(&self) -> impl Iterator<Item = &'a Evidence> {
        self.detail.evidence.iter().filter(|ev| ev.entry.is_none())
    }
}

fn write_view(view: &View, terminal: Terminal, out: &mut impl Write) -> Result<()> {
    let d = view.detail;
    let mut line = |label: &str, value: &str| write_field(label, value, terminal, &mut *out);
    line("", &d.id)?;
    line("text", &d.text)?;
    line("statement", &format!("{} ({})", d.statement, d.statement_title))?;
    line("topic", &format!("{} {}", d.topic_no, d.topic))?;
    line("source", d.origin.describe())?;
    if let Some(paragraph) = &d.paragraph {
        line("paragraph", paragraph)?;
    }
    if let Some(at) = &d.withdrawn_at {
        line("withdrawn", &format!("{at} ({})", withdrawal_cause(d.withdrawn_reason.as_deref())))?;
    }
    line("owners", &owners(&d.owners))?;
    line("due", &due(view))?;
    line("status", &status(view))?;
    write_timeline(view, terminal, out)?;
    let other: Vec<&Evidence> = view.other_evidence().collect();
    if !other.is_empty() {
        writeln!(out, "\nevidence not tied to an entry")?;
        let columns = vec![
            Column::text("URL"),
            Column::text("TITLE").hide(2),
            Column::status("STANCE").hide(1),
            Column::date("ADDED").hide(3),
        ];
        let mut t = Table::new(columns, HINT);
        for ev in other {
            let stance = ev.stance.map(|s| s.to_string()).unwrap_or_default();
            let url = format!("{}{}", ev.url, removed(ev));
            t.row(vec![url, ev.title.clone().unwrap_or_default(), stance, ev.added_at.clone()]);
        }
        t.write(terminal, out)?;
    }
    write_owner_history(&d.owner_history, terminal, out)?;
    if !d.changes.is_empty() {
        writeln!(out, "\nhistory")?;
        let columns = vec![Column::date("CHANGED"), Column::status("SOURCE").hide(1), Column::text("CHANGE")];
        let mut t = Table::new(columns, HINT);
        for change in &d.changes {
            let what = lines::describe(change.field, change.old.as_deref(), change.new.as_deref());
            t.row(vec![change.changed_at.clone(), change.source.to_string(), what]);
        }
        t.write(terminal, out)?;
    }
    Ok(())
}

/// Where columns hidden on a narrow terminal can be seen.
const HINT: &str = "--format json has every field";

/// The width of the labels of `show`'s fields, and the indent of their wrapped lines.
const LABEL: usize = 10;

/// `label      value`, the value wrapped between words under itself on a narrow terminal.
fn write_field(label: &str, value: &str, terminal: Terminal, out: &mut impl Write) -> Result<()> {
    if label.is_empty() {
        return Ok(table::write_wrapped(value, 0, terminal, out)?);
    }
    Ok(table::write_wrapped(&format!("{label:<LABEL$} {value}"), LABEL + 1, terminal, out)?)
}

fn write_timeline(view: &View, terminal: Terminal, out: &mut impl Write) -> Result<()> {
    let entries = &view.detail.entries;
    if entries.is_empty() {
        writeln!(out, "\nno entries yet")?;
        return Ok(());
    }
    writeln!(out, "\ntimeline, newest first")?;
    let columns = vec![
        Column::date("AS OF"),
        Column::id("ENTRY"),
        Column::status("STATUS"),
        Column::text("BY").min(8).hide(2),
        Column::date("RECORDED").hide(1),
        Column::text("NOTE"),
    ];
    let mut t = Table::new(columns, HINT);
    for entry in entries {
        let mut note = Vec::new();
        if view.recorded_after(entry) {
            note.push(format!("RECORDED AFTER {}", view.as_of));
        }
        if let Some(r) = &entry.retraction {
            note.push(format!("RETRACTED {}: {}", r.at, r.reason));
        }
        if !entry.note.is_empty() {
            note.push(entry.note.clone());
        }
        note.extend(view.evidence_of(entry.id).map(|ev| format!("evidence: {}", evidence(ev))));
        t.row(vec![
            entry.as_of.to_string(),
            entry.id.to_string(),
            lines::label(entry.status, entry.percent),
            entry.author.clone(),
            entry.recorded_at.clone(),
            note.join("\n"),
        ]);
    }
    t.write(terminal, out)?;
    Ok(())
}

/// The periods of each owner, once they say more than the owners line: an owner left or
/// changed role, or a role was dated before the day it was recorded.
fn write_owner_history(periods: &[OwnerPeriod], terminal: Terminal, out: &mut impl Write) -> Result<()> {
    if !periods.iter().any(OwnerPeriod::is_news) {
        return Ok(());
    }
    writeln!(out, "\nowner history")?;
    let columns = vec![
        Column::date("FROM"),
        Column::date("UNTIL"),
        Column::text("OWNER"),
        Column::status("ROLE"),
        Column::date("RECORDED").hide(2),
        Column::date("END RECORDED").hide(1),
    ];
    let mut t = Table::new(columns, HINT);
    for p in periods {
        t.row(vec![
            p.from.to_string(),
            p.to.map(|d| d.to_string()).unwrap_or_default(),
            p.owner.clone(),
            p.role.to_string(),
            p.recorded_at.clone(),
            p.ended_recorded_at.clone().unwrap_or_default(),
        ]);
    }
    t.write(terminal, out)?;
    Ok(())
}

/// `ITU (lead), UNDP (support)` or `none`.
fn owners(owners: &[(String, Role)]) -> String {
    if owners.is_empty() {
        return "none".to_string();
    }
    owners.iter().map(|(name, role)| format!("{name} ({role})")).collect::<Vec<_>>().join(", ")
}

/// `2027-12-31 (inferred from the text); not overdue as of 2024-06-30`, or `none`.
fn due(view: &View) -> String {
    let Some(due) = view.detail.due else {
        return "none".to_string();
    };
    let inferred = if view.detail.due_inferred { " (inferred from the text)" } else { "" };
    let overdue = if view.overdue { "overdue" } else { "not overdue" };
    format!("{due}{inferred}; {overdue} as of {}", view.as_of)
}

/// `in-progress (40%) as of 2024-06-30, from entry 3 of 2024-03-31`.
fn status(view: &View) -> String {
    match view.current {
        None => format!("unassessed as of {} (no entry counts by then)", view.as_of),
        Some(entry) => format!(
            "{} as of {}, from entry {} of {}",
            lines::label(entry.status, entry.percent),
            view.as_of,
            entry.id,
            entry.as_of
        ),
    }
}

/// `https://example.org/r "Title" (supports)`, and what marks a removed link.
fn evidence(ev: &Evidence) -> String {
    let title = ev.title.as_ref().map(|t| format!(" \"{t}\"")).unwrap_or_default();
    let stance = ev.stance.map(|s| format!(" ({s})")).unwrap_or_default();
    format!("{}{title}{stance}{}", ev.url, removed(ev))
}

/// ` REMOVED <when>: <why>` for a link taken out by `evidence remove`, else nothing.
fn removed(ev: &Evidence) -> String {
    ev.removed.as_ref().map(|r| format!(" REMOVED {}: {}", r.at, r.reason)).unwrap_or_default()
}

/// The JSON form of `show`.
#[derive(Serialize)]
struct ShowJson<'a> {
    id: &'a str,
    text: &'a str,
    statement: &'a str,
    statement_title: &'a str,
    topic_no: u32,
    topic: &'a str,
    origin: Origin,
    paragraph: Option<&'a str>,
    withdrawn_at: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    withdrawn_reason: Option<&'a str>,
    owners: Vec<OwnerJson<'a>>,
    /// The owners by role, as every JSON output gives them.
    lead: Vec<&'a str>,
    support: Vec<&'a str>,
    owner_history: Vec<OwnerPeriodJson<'a>>,
    due: Option<NaiveDate>,
    due_inferred: bool,
    as_of: NaiveDate,
    overdue: bool,
    status: Status,
    percent: Option<u8>,
    status_entry: Option<i64>,
    entries: Vec<EntryJson<'a>>,
    evidence: Vec<EvidenceJson<'a>>,
    history: Vec<ChangeJson<'a>>,
}

#[derive(Serialize)]
struct OwnerJson<'a> {
    name: &'a str,
    role: Role,
}

#[derive(Serialize)]
struct OwnerPeriodJson<'a> {
    name: &'a str,
    role: Role,
    from: NaiveDate,
    to: Option<NaiveDate>,
    recorded_at: &'a str,
    ended_recorded_at: Option<&'a str>,
}

#[derive(Serialize)]
struct EntryJson<'a> {
    id: i64,
    as_of: NaiveDate,
    status: Status,
    percent: Option<u8>,
    note: &'a str,
    author: &'a str,
    recorded_at: &'a str,
    /// Recorded after the day shown.
    recorded_after_as_of: bool,
    retracted: bool,
    retracted_at: Option<&'a str>,
    retract_reason: Option<&'a str>,
    evidence: Vec<EvidenceJson<'a>>,
}

#[derive(Serialize)]
struct EvidenceJson<'a> {
    id: i64,
    url: &'a str,
    title: Option<&'a str>,
    stance: Option<Stance>,
    added_at: &'a str,
    /// Set when the link was taken out by `evidence remove`.
    removed_at: Option<&'a str>,
    removed_reason: Option<&'a str>,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    field: &'static str,
    old: Option<&'a str>,
    new: Option<&'a str>,
    source: &'a str,
    changed_at: &'a str,
}

impl<'a> View<'a> {
    fn json(&self) -> ShowJson<'a> {
        let d = self.detail;
        let evidence = |ev: &'a Evidence| EvidenceJson {
            id: ev.id,
            url: &ev.url,
            title: ev.title.as_deref(),
            stance: ev.stance,
            added_at: &ev.added_at,
            removed_at: ev.removed.as_ref().map(|r| r.at.as_str()),
            removed_reason: ev.removed.as_ref().map(|r| r.reason.as_str()),
        };
        let names =
            |role: Role| d.owners.iter().filter(|(_, r)| *r == role).map(|(n, _)| n.as_str()).collect();
        let entries = d
            .entries
            .iter()
            .map(|e| EntryJson {
                id: e.id,
                as_of: e.as_of,
                status: e.status,
                percent: e.percent.map(|p| p.get()),
                note: &e.note,
                author: &e.author,
                recorded_at: &e.recorded_at,
                recorded_after_as_of: self.recorded_after(e),
                retracted: e.retraction.is_some(),
                retracted_at: e.retraction.as_ref().map(|r| r.at.as_str()),
                retract_reason: e.retraction.as_ref().map(|r| r.reason.as_str()),
                evidence: self.evidence_of(e.id).map(evidence).collect(),
            })
            .collect();
        ShowJson {
            id: &d.id,
            text: &d.text,
            statement: &d.statement,
            statement_title: &d.statement_title,
            topic_no: d.topic_no,
            topic: &d.topic,
            origin: d.origin,
            paragraph: d.paragraph.as_deref(),
            withdrawn_at: d.withdrawn_at.as_deref(),
            withdrawn_reason: d.withdrawn_reason.as_deref(),
            owners: d.owners.iter().map(|(name, role)| OwnerJson { name, role: *role }).collect(),
            lead: names(Role::Lead),
            support: names(Role::Support),
            owner_history: d
                .owner_history
                .iter()
                .map(|p| OwnerPeriodJson {
                    name: &p.owner,
                    role: p.role,
                    from: p.from,
                    to: p.to,
                    recorded_at: &p.recorded_at,
                    ended_recorded_at: p.ended_recorded_at.as_deref(),
                })
                .collect(),
            due: d.due,
            due_inferred: d.due_inferred,
            as_of: self.as_of,
            overdue: self.overdue,
            status: self.status(),
            percent: self.current.and_then(|e| e.percent).map(|p| p.get()),
            status_entry: self.current.map(|e| e.id),
            entries,
            evidence: self.other_evidence().map(evidence).collect(),
            history: d
                .changes
                .iter()
                .map(|c| ChangeJson {
                    field: c.field.as_str(),
                    old: c.old.as_deref(),
                    new: c.new.as_deref(),
                    source: c.source.as_str(),
                    changed_at: &c.changed_at,
                })
                .collect(),
        }
    }
}
