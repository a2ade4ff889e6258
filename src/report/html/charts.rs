//! The report's charts and the tables behind them: a horizontal stacked bar of statuses per
//! topic (inline SVG, the Okabe–Ito colour-blind-safe palette, every status named in the legend
//! and in each bar's accessible label), and the owners × topics matrix.

use maud::{Markup, html};

use super::{percent, shown, status_class};
use crate::domain::{GroupKey, Matrix, Status, Summary, Tally};
use crate::report::shorten;

/// The fill of each status: Okabe–Ito, with a neutral grey for "no entry yet".
pub fn colour(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "#D55E00",
        Status::InProgress => "#0072B2",
        Status::Stalled => "#E69F00",
        Status::Partial => "#56B4E9",
        Status::Done => "#009E73",
        Status::Abandoned => "#CC79A7",
        Status::Unclear => "#F0E442",
        Status::Unassessed => "#BBBBBB",
    }
}

/// Chart geometry, in SVG user units.
const WIDTH: u32 = 760;
const LABEL_END: u32 = 300;
const BAR_START: u32 = 310;
const BAR_WIDTH: u32 = 340;
const ROW: u32 = 30;
const BAR: u32 = 18;
const TOP: u32 = 24;

/// The per-topic section: legend, chart, and the table of the same figures.
pub fn by_topic(topics: &Summary) -> Markup {
    let several = topics.statements().len() > 1;
    let groups: Vec<(String, &Tally)> = topics.groups().map(|(k, t)| (k.label(several), t)).collect();
    let height = TOP + ROW * groups.len() as u32;
    html! {
        section #topics aria-labelledby="topics-h" {
            h2 #topics-h { "Status by topic" }
            ul.legend aria-label="Status colours" {
                @for status in Status::ALL {
                    li { span.swatch.(status_class(status)) {} (status.as_str()) }
                }
            }
            svg.chart role="img" aria-labelledby="chart-title" viewBox=(format!("0 0 {WIDTH} {height}"))
                xmlns="http://www.w3.org/2000/svg" {
                title #chart-title { "Commitments per topic by status, with compliance; the table below has the figures" }
                text.muted x="0" y="14" { "Topic" }
                text.muted x=(BAR_START) y="14" { "Commitments by status" }
                text.muted x=(WIDTH) y="14" text-anchor="end" { "Compliance" }
                @for (i, (label, tally)) in groups.iter().enumerate() {
                    "\n" (bar(label, tally, TOP + ROW * i as u32))
                }
            }
            "\n" (figures_table(&groups, topics.total()))
        }
    }
}

/// One topic's row of the chart: its label, the stacked bar, its compliance.
fn bar(label: &str, tally: &Tally, y: u32) -> Markup {
    let total = tally.commitments().max(1);
    let mut before = 0;
    let segments: Vec<(Status, u32, f64, f64)> = Status::ALL
        .into_iter()
        .filter(|s| tally.count(*s) > 0)
        .map(|status| {
            let count = tally.count(status);
            let x = f64::from(BAR_WIDTH * before) / f64::from(total);
            before += count;
            let end = f64::from(BAR_WIDTH * before) / f64::from(total);
            (status, count, f64::from(BAR_START) + x, end - x)
        })
        .collect();
    let described: Vec<String> = segments.iter().map(|(s, n, _, _)| format!("{n} {}", s.as_str())).collect();
    let compliance = percent(tally.compliance_pct());
    let n = tally.commitments();
    let accessible = format!(
        "{label}: {n} commitment{}; {}; compliance {compliance}",
        if n == 1 { "" } else { "s" },
        described.join(", ")
    );
    html! {
        g role="img" aria-label=(accessible) {
            text x=(LABEL_END) y=(y + BAR - 4) text-anchor="end" { (shorten(label, 44)) }
            @for (status, count, x, w) in &segments {
                rect x=(format!("{x:.1}")) y=(y) width=(format!("{w:.1}")) height=(BAR) fill=(colour(*status)) {
                    title { (status.as_str()) ": " (count) }
                }
            }
            text x=(WIDTH) y=(y + BAR - 4) text-anchor="end" { (compliance) }
        }
    }
}

/// The figures behind the chart, one row per topic and a total.
fn figures_table(groups: &[(String, &Tally)], total: &Tally) -> Markup {
    html! {
        div.scroll { table #topic-figures {
            caption { "Commitments per topic and status (the chart's figures)" }
            thead {
                tr {
                    th scope="col" { "Topic" }
                    th.n scope="col" { "Commitments" }
                    @for status in Status::ALL { th.n scope="col" { (status.as_str()) } }
                    th.n scope="col" { "Done %" }
                    th.n scope="col" { "Score" }
                    th.n scope="col" { "Compliance %" }
                    th.n scope="col" { "Overdue" }
                    th.n scope="col" { "Stale" }
                }
            }
            tbody {
                @for (label, tally) in groups { "\n" (figures_row(html! { (label) }, tally)) }
                "\n"
                (figures_row(html! { strong { "Total" } }, total))
            }
        } }
    }
}

fn figures_row(label: Markup, tally: &Tally) -> Markup {
    html! {
        tr {
            th scope="row" { (label) }
            td.n { (tally.commitments()) }
            @for status in Status::ALL { td.n { (tally.count(status)) } }
            td.n { (shown(tally.done_pct())) }
            td.n { (shown(tally.compliance_score())) }
            td.n { (shown(tally.compliance_pct())) }
            td.n { (tally.overdue()) }
            td.n { (tally.stale()) }
        }
    }
}

/// The owners × topics matrix: per owner and role and per topic, the commitments it holds
/// there in that role and their compliance.
pub fn owners_by_topic(matrix: &Matrix) -> Markup {
    let several = matrix.topics().statements().len() > 1;
    let topics: Vec<&GroupKey> = matrix.topics().groups().map(|(k, _)| k).collect();
    html! {
        section #owners aria-labelledby="owners-h" {
            h2 #owners-h { "Owners × topics" }
            div.scroll { table #owner-matrix {
                caption { "Commitments each owner leads or supports per topic, with their compliance %" }
                thead {
                    tr {
                        th scope="col" { "Owner (role)" }
                        @for topic in &topics {
                            th.n scope="col" title=(topic.label(several)) { (shorten(&topic.label(several), 24)) }
                        }
                        th.n scope="col" { "All topics" }
                    }
                }
                tbody {
                    @for (owner, all) in matrix.owners().groups() {
                        "\n"
                        tr {
                            th scope="row" { (owner.label(several)) }
                            @for topic in &topics { (cell(matrix.cell(owner, topic))) }
                            (cell(Some(all)))
                        }
                    }
                }
            } }
        }
    }
}

/// `3 · 62.5 %`: commitments led and their compliance; `—` when none.
fn cell(tally: Option<&Tally>) -> Markup {
    match tally {
        None => html! { td.empty { "—" } },
        Some(tally) => html! {
            td.n { (tally.commitments()) " · " (percent(tally.compliance_pct())) }
        },
    }
}
