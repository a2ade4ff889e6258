//! `report --format html` and `demo --html`: one self-contained, deterministic HTML file in
//! which no stored text ever becomes markup. The browser's view of it is in tests/browser.rs.

mod common;

use common::{Env, golden};

/// The demo's report, as `demo --html` writes it with the test clock.
fn demo_html(env: &Env) -> String {
    let out = env.bare().args(["demo", "--html", "demo.html"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::read_to_string(env.path("demo.html")).unwrap()
}

#[test]
fn the_demo_report_is_the_golden_and_the_same_bytes_every_time() {
    let env = Env::new();
    let first = demo_html(&env);
    golden("demo-report.html", first.as_bytes());
    assert_eq!(demo_html(&env), first, "same data and clock, same bytes");
    let later =
        env.bare().env("CTRACK_NOW", "2025-07-02T08:30:00Z").args(["demo", "--html", "later.html"]).output();
    assert!(later.unwrap().status.success());
    let later = std::fs::read_to_string(env.path("later.html")).unwrap();
    assert_ne!(later, first, "the time of making is part of the report");
    assert_eq!(later.replace("2025-07-02T08:30:00Z", "2025-07-01T00:00:00Z").len(), first.len());
}

#[test]
fn the_page_needs_no_network_and_says_what_it_covers() {
    let env = Env::new();
    let html = demo_html(&env);
    assert!(
        html.starts_with("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"),
        "{}",
        &html[..80]
    );
    let csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-";
    assert!(html.contains(csp), "a strict CSP comes first");
    for external in ["src=", "<link", "@import", "url(", "<iframe", "<object", "<img"] {
        assert!(!html.contains(external), "{external} would load something");
    }
    assert_eq!(html.matches("<script>").count(), 1, "ctrack's own filter script only");
    let hrefs: Vec<&str> =
        html.split("href=\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect();
    assert_eq!(hrefs.len(), 7, "the demo's seven evidence links");
    assert!(hrefs.iter().all(|h| h.starts_with("https://example.org/demo/")), "{hrefs:?}");
    for fact in [
        "<dt>Status as of</dt><dd>2025-06-30</dd>",
        "<dt>Commitments</dt><dd>45</dd>",
        "<dt>Generated</dt><dd>2024-06-30T12:00:00Z</dd>",
        "<strong>gdi-2023</strong> — Chair’s Statement of Global Development Initiative Digital Cooperation Forum 2023 (2023-11-09)",
        "<span class=\"figure\">58.8 %</span><span class=\"figure-label\">compliance</span>",
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title\"",
        "<h3>1. Stimulating new impetus of innovative growth for high quality development of digital economy</h3>",
    ] {
        assert!(html.contains(fact), "missing {fact}");
    }
    let headings: Vec<u8> = html
        .match_indices("<h")
        .filter_map(|(i, _)| html.as_bytes().get(i + 2).copied())
        .filter(u8::is_ascii_digit)
        .collect();
    for pair in headings.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "headings skip a level: {:?}", String::from_utf8_lossy(&headings));
    }
}

#[test]
fn html_comes_from_the_flag_or_the_file_extension_with_the_same_bytes() {
    let env = Env::new();
    env.ok(&["demo"]);
    let printed = env.ok(&["report", "--format", "html", "--as-of", "2025-06-30"]);
    env.ok(&["report", "--as-of", "2025-06-30", "-o", "q2.HTML"]);
    assert_eq!(std::fs::read_to_string(env.path("q2.HTML")).unwrap(), printed);
    env.ok(&["report", "--format", "html", "--as-of", "2025-06-30", "-o", "q2.txt"]);
    assert_eq!(
        std::fs::read_to_string(env.path("q2.txt")).unwrap(),
        printed,
        "--format wins over the extension"
    );
    let narrowed = env.ok(&["report", "--format", "html", "--topic", "2", "--owner", "itu"]);
    assert!(
        narrowed.contains("<dt>Filters</dt><dd><code>--topic 2 --owner ITU</code></dd>"),
        "filters are stated"
    );
    assert_eq!(
        narrowed.matches("<article class=\"commitment\"").count(),
        2,
        "ITU's two commitments in topic 2"
    );
}

/// Text that would run, load or break out of an attribute if it ever became markup.
const HOSTILE: &str = "<script>alert(1)</script> \"><img src=x onerror=alert(2)> javascript:alert(3)";

#[test]
fn hostile_text_is_shown_as_text_and_never_becomes_markup() {
    let env = Env::new();
    env.seed();
    env.ok(&["add", "--statement", "gdi-2023", "--topic", "1", "<svg onload=alert(6)>mischief</svg>"]);
    env.ok(&["assign", "1.1.1", "<script>alert('owner')</script>", "--role", "lead"]);
    env.ok(&["assign", "1.1.1", "\"><img src=x onerror=alert(7)>", "--role", "support"]);
    env.ok(&["log", "1.1.1", "--status", "partial", "--note", HOSTILE, "--author", "<b>eve</b>"]);
    env.ok(&[
        "evidence",
        "add",
        "1.1.1",
        "https://example.org/x?q=\"><script>alert(5)</script>",
        "--title",
        "\"><img src=x onerror=alert(4)> javascript:alert(8)",
    ]);
    let html = env.ok(&["report", "--format", "html"]);
    assert_eq!(html.matches("<script").count(), 1, "only ctrack's own script element");
    for markup in ["<img", "<svg onload", "<b>eve", "onerror=alert(2)>", "href=\"javascript"] {
        assert!(!html.contains(markup), "{markup} became markup");
    }
    for text in [
        "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt; javascript:alert(3)",
        "&lt;svg onload=alert(6)&gt;mischief&lt;/svg&gt;",
        "&lt;script&gt;alert('owner')&lt;/script&gt;",
        "&quot;&gt;&lt;img src=x onerror=alert(7)&gt;",
        "&lt;b&gt;eve&lt;/b&gt;",
        "&quot;&gt;&lt;img src=x onerror=alert(4)&gt; javascript:alert(8)</a>",
    ] {
        assert!(html.contains(text), "missing the escaped text {text}");
    }
    // In attributes, quotes are escaped too: the owner filter's values and data-owners.
    assert!(html.contains("data-owners=\"&lt;script&gt;alert('owner')&lt;/script&gt;\n&quot;&gt;&lt;img src=x onerror=alert(7)&gt;\""));
    let hrefs: Vec<&str> =
        html.split("href=\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect();
    assert_eq!(hrefs, ["https://example.org/x?q=%22%3E%3Cscript%3Ealert(5)%3C/script%3E"]);
}

#[test]
fn an_unknown_statement_is_refused_and_no_file_is_written() {
    let env = Env::new();
    env.seed();
    let stderr = env.fails(&["report", "--statement", "gdi-2032", "-o", "r.html"], 1);
    assert_eq!(stderr, "error: unknown statement \"gdi-2032\"; known statements: gdi-2023\n");
    assert!(!env.path("r.html").exists());
}

#[test]
fn a_timeline_shows_the_latest_entries_and_counts_the_earlier_ones() {
    let env = Env::new();
    env.seed();
    let mut csv = String::from("commitment,as_of,status,percent,note\n");
    for month in 1..=14 {
        csv.push_str(&format!(
            "1.1.1,2023-{:02}-01,in-progress,{month},step {month}\n",
            (month - 1) % 12 + 1
        ));
    }
    let csv = csv.replace("2023-01-01,in-progress,13", "2024-01-01,in-progress,13");
    let csv = csv.replace("2023-02-01,in-progress,14", "2024-02-01,in-progress,14");
    std::fs::write(env.path("progress.csv"), csv).unwrap();
    env.ok(&["import", "progress", env.path("progress.csv").to_str().unwrap()]);
    let html = env.ok(&["report", "--format", "html"]);
    let article = &html[html.find("id=\"c-gdi-2023:1.1.1\"").unwrap()..];
    let article = &article[..article.find("</article>").unwrap()];
    assert!(article.contains("<summary>Timeline (14 entries)</summary>"), "{article}");
    let shown: Vec<&str> = article.match_indices("<li>").map(|(i, _)| &article[i + 4..i + 14]).collect();
    assert_eq!(shown.len(), 12);
    assert_eq!((shown[0], shown[11]), ("2024-02-01", "2023-03-01"), "the newest twelve, newest first");
    assert!(
        article
            .contains("<p class=\"earlier\">2 earlier entries: <code>ctrack show gdi-2023:1.1.1</code></p>")
    );
}

#[test]
fn a_round_shows_what_was_known_when_it_closed_in_detail_and_html() {
    let env = Env::new();
    let at = |now: &str, args: &[&str]| {
        let out = env.ctrack().env("CTRACK_NOW", now).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    let commitments = common::fixture("gdi-2023/commitments.csv");
    at("2024-01-02T09:00:00Z", &["import", "commitments", &commitments, "--key", "gdi-2023"]);
    let log =
        ["log", "1.1.1", "--status", "in-progress", "--as-of", "2024-03-01", "--note", "known at closing"];
    at("2024-03-02T09:00:00Z", &log);
    at("2024-04-02T09:00:00Z", &["round", "close", "q1", "--as-of", "2024-03-31"]);
    // Late news: a back-dated entry with a link, and a retraction of what the round saw.
    at("2024-05-01T09:00:00Z", &["retract", "1", "--reason", "wrong commitment"]);
    let late = ["log", "1.1.1", "--status", "done", "--as-of", "2024-03-15", "--note", "late news"];
    at("2024-05-01T09:30:00Z", &[&late[..], &["--evidence", "https://example.org/late"]].concat());
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["report", "--round", "q1", "--detail", "--format", "json"])).unwrap();
    let row =
        json["detail"].as_array().unwrap().iter().find(|r| r["commitment"] == "gdi-2023:1.1.1").unwrap();
    assert_eq!(
        (row["status"].as_str(), row["note"].as_str()),
        (Some("in-progress"), Some("known at closing"))
    );
    assert_eq!(row["evidence"], serde_json::json!([]));
    let html = env.ok(&["report", "--round", "q1", "--format", "html"]);
    assert!(
        html.contains("<li>2024-03-01 · in-progress · known at closing · tester</li>"),
        "not yet retracted"
    );
    assert!(!html.contains("late news") && !html.contains("https://example.org/late"));
    let now = env.ok(&["report", "--as-of", "2024-03-31", "--format", "html"]);
    assert!(now.contains("<li class=\"retracted\">2024-03-01 · in-progress · known at closing · tester · retracted: wrong commitment</li>"));
    assert!(now.contains("late news") && now.contains("href=\"https://example.org/late\""));
}
