//! The HTML report: one self-contained HTML5 file (CSS and SVG charts inline, no network, a
//! strict Content-Security-Policy) that works from a file, as an e-mail attachment or on an
//! intranet, and prints cleanly.
//!
//! Safety by construction: every value goes through `maud`, which escapes it; `PreEscaped` is
//! used only for ctrack's own stylesheet and script, never for user text. Links get an `href`
//! only when they are http(s).

mod charts;
mod commitments;
mod csp;

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use chrono::{DateTime, SecondsFormat, Utc};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::detail::DetailRow;
use super::summary::Coverage;
use crate::domain::{Fixed, Matrix, StatementRow, Status, Tally, Timeline};
use crate::error::Result;

/// How many of a commitment's latest entries its timeline shows; the others are counted and
/// left to `ctrack show`, so the file's size follows the commitments, not their history.
pub const TIMELINE_ENTRIES: usize = 12;

/// ctrack's stylesheet, inlined in every report.
const STYLE: &str = include_str!("style.css");

/// The optional filter script (status, owner, text); the page works fully without it.
const SCRIPT: &str = include_str!("filter.js");

/// Everything the HTML report shows.
pub struct HtmlReport<'a> {
    pub coverage: &'a Coverage,
    /// The statements covered, by key.
    pub statements: &'a [StatementRow],
    /// When the report was made (the clock, `CTRACK_NOW` in tests).
    pub generated: DateTime<Utc>,
    /// Counts by topic, by lead owner, and per owner and topic.
    pub matrix: &'a Matrix,
    /// Every commitment, in id order.
    pub rows: &'a [DetailRow],
    /// The latest entries up to the as-of date (at most `TIMELINE_ENTRIES`), by commitment id.
    pub timelines: &'a HashMap<String, Timeline>,
    /// What changed since the previous reporting round, per commitment id: the hook for
    /// rounds (issue 12); `None` leaves the mark out.
    pub since: Option<&'a HashMap<String, String>>,
}

/// Writes the report as one HTML document.
pub fn write(report: &HtmlReport, out: &mut dyn Write) -> Result<()> {
    out.write_all(page(report).into_string().as_bytes())?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The Content-Security-Policy: nothing may load; only ctrack's own style and script run.
pub fn content_security_policy() -> String {
    format!(
        "default-src 'none'; style-src '{}'; script-src '{}'; img-src data:; base-uri 'none'; form-action 'none'",
        csp::sha256_source(STYLE),
        csp::sha256_source(SCRIPT)
    )
}

fn page(report: &HtmlReport) -> Markup {
    let title = page_title(report);
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(content_security_policy());
                "\n"
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                meta name="generator" content="ctrack";
                "\n"
                title { (title) }
                "\n"
                style { (PreEscaped(STYLE)) }
            }
            "\n"
            body {
                header {
                    h1 { (title) }
                    p.lede { (report.coverage.title()) }
                }
                "\n"
                main {
                    (covers(report)) "\n"
                    (headline(report.matrix.topics().total())) "\n"
                    (charts::by_topic(report.matrix.topics())) "\n"
                    (charts::owners_by_topic(report.matrix)) "\n"
                    (commitments::all(report)) "\n"
                }
                "\n"
                footer {
                    "Made by ctrack on " (timestamp(report.generated)) ". Compliance is the mean score of the scored commitments "
                    "(done +1; in progress, stalled, partial 0; not started, abandoned −1; unclear and unassessed not scored), "
                    "shown in [−1, +1] and as (score + 1) / 2 × 100 %."
                }
                "\n"
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
}

/// `Commitments report: <statement title>`, or the keys when several are covered.
fn page_title(report: &HtmlReport) -> String {
    match report.statements {
        [one] => format!("Commitments report: {}", one.title),
        _ if report.coverage.statements.is_empty() => "Commitments report".to_string(),
        _ => format!("Commitments report: {}", report.coverage.statements.join(", ")),
    }
}

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// What the report covers: statements, as-of date, filters, when it was made.
fn covers(report: &HtmlReport) -> Markup {
    let coverage = report.coverage;
    let flags = coverage.filters.flags();
    html! {
        section #covers aria-labelledby="covers-h" {
            h2 #covers-h { "What this report covers" }
            dl.covers {
                "\n" dt { "Statements" }
                dd {
                    @if report.statements.is_empty() { "none" }
                    @for (i, s) in report.statements.iter().enumerate() {
                        @if i > 0 { br; }
                        strong { (s.key) } " — " (s.title)
                        @if let Some(date) = &s.date { " (" (date) ")" }
                    }
                }
                dt { "Status as of" } dd { (coverage.as_of.to_string()) }
                dt { "Commitments" } dd { (coverage.commitments) }
                dt { "Filters" } dd { @if flags.is_empty() { "none" } @else { code { (flags) } } }
                dt { "Stale after" } dd { (coverage.stale_days) " days without an entry" }
                dt { "Generated" } dd { (timestamp(report.generated)) }
            }
        }
    }
}

/// The headline figures of the whole report.
fn headline(total: &Tally) -> Markup {
    let figures: [(&str, String); 7] = [
        ("commitments", total.commitments().to_string()),
        ("assessed", total.assessed().to_string()),
        ("done", percent(total.done_pct())),
        ("compliance score", shown(total.compliance_score())),
        ("compliance", percent(total.compliance_pct())),
        ("overdue", total.overdue().to_string()),
        ("stale", total.stale().to_string()),
    ];
    html! {
        section #headline aria-labelledby="headline-h" {
            h2 #headline-h { "Headline figures" }
            ul.figures {
                @for (label, value) in figures {
                    li { span.figure { (value) } span.figure-label { (label) } } "\n"
                }
            }
        }
    }
}

/// A figure or `—` when there is none.
fn shown(value: Option<Fixed>) -> String {
    value.map_or_else(|| "—".to_string(), |v| v.to_string())
}

/// A percentage (`62.5 %`) or `—`.
fn percent(value: Option<Fixed>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v} %"))
}

/// The class that colours a status: `s-in-progress`.
fn status_class(status: Status) -> String {
    format!("s-{}", status.as_str())
}

/// Every owner's name once (the first spelling seen), by case-folded name, for the filter.
fn owner_names(rows: &[DetailRow]) -> Vec<String> {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for name in rows.iter().flat_map(|r| r.lead.iter().chain(&r.support)) {
        names.entry(name.to_lowercase()).or_insert_with(|| name.clone());
    }
    names.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{GroupBy, Summary};
    use crate::report::summary::Filters;

    fn empty_page() -> String {
        let as_of = "2024-06-30".parse().unwrap();
        let coverage = Coverage::new(&Summary::new(GroupBy::Topic, as_of, 180), Filters::default());
        let timelines = HashMap::new();
        let report = HtmlReport {
            coverage: &coverage,
            statements: &[],
            generated: "2024-06-30T12:00:00Z".parse().unwrap(),
            matrix: &Matrix::new(as_of, 180),
            rows: &[],
            timelines: &timelines,
            since: None,
        };
        let mut out = Vec::new();
        write(&report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The text between `open` and `close`.
    fn between<'a>(page: &'a str, open: &str, close: &str) -> &'a str {
        let start = page.find(open).unwrap() + open.len();
        &page[start..start + page[start..].find(close).unwrap()]
    }

    #[test]
    fn the_policy_hashes_the_style_and_script_exactly_as_written() {
        let page = empty_page();
        let policy = between(&page, "http-equiv=\"Content-Security-Policy\" content=\"", "\"");
        let style = csp::sha256_source(between(&page, "<style>", "</style>"));
        let script = csp::sha256_source(between(&page, "<script>", "</script>"));
        assert_eq!(
            policy,
            format!(
                "default-src 'none'; style-src '{style}'; script-src '{script}'; img-src data:; base-uri 'none'; form-action 'none'"
            )
        );
    }

    #[test]
    fn an_empty_report_still_says_what_it_covers() {
        let page = empty_page();
        assert!(page.contains("<title>Commitments report</title>"), "{page}");
        assert!(page.contains("<dt>Commitments</dt><dd>0</dd>"));
        assert!(page.contains("<p>No commitment matches.</p>"));
        assert!(page.contains("viewBox=\"0 0 760 24\""), "a chart with no bars");
    }
}
