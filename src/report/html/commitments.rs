//! Every commitment under its topic: status badge, owners, due date, latest note, evidence
//! links with their stance, and the timeline in a collapsed `<details>`.

use maud::{Markup, html};

use super::{HtmlReport, owner_names, status_class};
use crate::domain::{Entry, Status, Timeline};
use crate::report::detail::{DetailRow, Link, by_topic};

/// The commitments section: the filter form (shown by the script), then one section per topic.
pub fn all(report: &HtmlReport) -> Markup {
    let several = report.coverage.statements.len() > 1;
    html! {
        section #commitments aria-labelledby="commitments-h" {
            h2 #commitments-h { "Commitments" }
            (filter_form(report.rows))
            @for topic in by_topic(report.rows) {
                @let label = topic[0].topic_label(several);
                "\n"
                section.topic aria-label=(label) {
                    h3 { (label) }
                    @for row in topic { "\n" (commitment(row, report)) }
                    "\n"
                }
            }
            @if report.rows.is_empty() { p { "No commitment matches." } }
        }
    }
}

/// The filter form: hidden until the script runs, since it does nothing without it.
fn filter_form(rows: &[DetailRow]) -> Markup {
    html! {
        form.filter #filter role="search" aria-label="Filter commitments" {
            label { "Status " select #filter-status {
                option value="" { "any" }
                @for status in Status::ALL { option value=(status.as_str()) { (status.as_str()) } }
            } }
            label { "Owner " select #filter-owner {
                option value="" { "any" }
                @for name in owner_names(rows) { option value=(name.to_lowercase()) { (name) } }
            } }
            label { "Text " input #filter-text type="search"; }
            output #filter-count {}
        }
    }
}

fn commitment(row: &DetailRow, report: &HtmlReport) -> Markup {
    let owners: Vec<String> = row.lead.iter().chain(&row.support).map(|n| n.to_lowercase()).collect();
    let entries = report.timelines.get(&row.commitment);
    let since = report.since.and_then(|since| since.get(&row.commitment));
    html! {
        article.commitment id=(format!("c-{}", row.commitment)) data-status=(row.status.as_str())
            data-owners=(owners.join("\n")) {
            h4 {
                span { (row.commitment) }
                span.badge.(status_class(row.status)) { (row.status_label()) }
                @if row.overdue { span.overdue { "overdue" } }
            }
            p.text { (row.text) }
            dl.facts {
                dt { "Lead" } dd { (names(&row.lead)) }
                dt { "Support" } dd { (names(&row.support)) }
                dt { "Updated" } dd { @match row.as_of { Some(d) => (d.to_string()), None => "never" } }
                @if let Some(due) = row.due {
                    dt { "Due" } dd class=[row.overdue.then_some("overdue")] { (due.to_string()) @if row.overdue { " (overdue)" } }
                }
                @if !row.note.is_empty() { dt { "Latest note" } dd { (row.note) } }
                @if let Some(since) = since { dt { "Since last round" } dd.since { (since) } }
            }
            @if !row.evidence.is_empty() {
                ul.evidence aria-label="Evidence" {
                    @for link in &row.evidence { "\n" li { (evidence(link)) } }
                }
            }
            (timeline(&row.commitment, entries))
        }
    }
}

fn names(names: &[String]) -> String {
    if names.is_empty() { "—".to_string() } else { names.join("; ") }
}

/// A link with its stance. Only an http(s) URL becomes an `href`; anything else is shown as
/// text (the database only holds http(s) URLs, but the page does not rely on it).
fn evidence(link: &Link) -> Markup {
    let text = link.title.as_deref().unwrap_or(&link.url);
    html! {
        @if is_web(&link.url) {
            // A titled link prints its URL after it; an untitled one shows the URL already.
            a class=[link.title.as_ref().map(|_| "titled")] href=(link.url) rel="noreferrer" { (text) }
        } @else {
            span { (text) " (" (link.url) ")" }
        }
        @if let Some(stance) = link.stance { " " span.stance { "— " (stance.as_str()) } }
    }
}

/// Whether `url` is http(s), the only links the report makes clickable.
pub(super) fn is_web(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The latest entries up to the as-of date, newest first, in a collapsed `<details>`; how many
/// earlier ones there are, and where to read them.
fn timeline(id: &str, timeline: Option<&Timeline>) -> Markup {
    let (entries, total) = timeline.map_or((&[][..], 0), |t| (t.entries.as_slice(), t.total));
    let earlier = timeline.map_or(0, Timeline::earlier);
    html! {
        details {
            summary { "Timeline (" (total) " entr" (if total == 1 { "y" } else { "ies" }) ")" }
            @if entries.is_empty() { p { "No entry yet." } }
            @else {
                ul.timeline {
                    @for e in entries {
                        "\n"
                        li class=[e.retraction.as_ref().map(|_| "retracted")] {
                            (e.as_of.to_string()) " · " (status_text(e))
                            @if !e.note.is_empty() { " · " (e.note) }
                            @if !e.author.is_empty() { " · " (e.author) }
                            @if let Some(r) = &e.retraction { " · retracted: " (r.reason) }
                        }
                    }
                }
                @if earlier > 0 {
                    p.earlier { (earlier) " earlier entr" (if earlier == 1 { "y" } else { "ies" }) ": " code { "ctrack show " (id) } }
                }
            }
        }
    }
}

fn status_text(entry: &Entry) -> String {
    match entry.percent {
        Some(p) => format!("{} ({p}%)", entry.status),
        None => entry.status.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_urls_are_links() {
        for url in ["https://example.org", "HTTP://example.org/x", "http://a"] {
            assert!(is_web(url), "{url}");
        }
        for url in ["javascript:alert(1)", "data:text/html,x", " https://x", "httpx://x", "", "vbscript:x"] {
            assert!(!is_web(url), "{url}");
        }
        let hostile =
            Link { title: Some("<b>x</b>".into()), url: "javascript:alert(1)".into(), stance: None };
        let markup = evidence(&hostile).into_string();
        assert_eq!(markup, "<span>&lt;b&gt;x&lt;/b&gt; (javascript:alert(1))</span>");
    }
}
