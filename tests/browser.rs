//! The HTML report in a real browser: headless Chromium loads it from a file, and we check
//! what a reader gets — the DOM after the page's own script ran, a screenshot, and the text of
//! the PDF that "Save as PDF" makes with the print stylesheet.
//!
//! Without Chromium (or pdftotext) the test says what it skipped and passes; under CI
//! (`CI=true`) a missing tool is a failure, since `.ci/run` installs both.
//! `CTRACK_UPDATE_SCREENSHOT=1` writes the demo's screenshot to `docs/report.png` (the README's).
//! `CTRACK_BROWSER` and `CTRACK_PDFTOTEXT` name the tools when they are elsewhere.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::Env;

/// The screenshot's size, in CSS pixels.
const WIDTH: u32 = 1200;
const HEIGHT: u32 = 1500;

/// How long one browser run may take before it is killed.
const TIMEOUT: Duration = Duration::from_secs(90);

/// The path of `name` if it is installed, in /usr/bin or on the PATH.
fn tool(names: &[&str]) -> Option<PathBuf> {
    let dirs =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect::<Vec<_>>()).unwrap_or_default();
    names.iter().find_map(|name| {
        std::iter::once(PathBuf::from("/usr/bin"))
            .chain(dirs.iter().cloned())
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

/// The tool (the path in `$variable` when set, else found by name), or `None` after saying
/// it is skipped; under CI a missing tool fails the test.
fn required(what: &str, names: &[&str], install: &str, variable: &str) -> Option<PathBuf> {
    let found = match std::env::var_os(variable) {
        Some(path) => Some(PathBuf::from(path)).filter(|p| p.is_file()),
        None => tool(names),
    };
    if found.is_none() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "CI=true but {what} is not installed; .ci/run installs it with `apt-get install -y {install}`"
            );
        }
        // Straight to stderr, past the test harness's capture, so a plain `cargo test` shows it.
        let skipped = format!("skipped: the browser test needs {what} (apt-get install -y {install})\n");
        let _ = std::io::Write::write_all(&mut std::io::stderr(), skipped.as_bytes());
    }
    found
}

/// Runs `cmd` to the end or kills it after TIMEOUT.
fn run(mut cmd: Command) -> Output {
    let mut child =
        cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().expect("spawn");
    let start = Instant::now();
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut { stdout }, &mut bytes).map(|_| bytes)
    });
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let stdout = reader.join().expect("reader").expect("read stdout");
            return Output { status, stdout, stderr: Vec::new() };
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("{cmd:?} took more than {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Headless Chromium with a throw-away profile and nothing that reaches the network.
fn chromium(browser: &Path, profile: &Path) -> Command {
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The demo's database with a hostile note and owner, and a titled link (printed with its URL).
fn hostile_report(env: &Env) -> PathBuf {
    env.ok(&["demo"]);
    env.ok(&["assign", "1.1.2", "<img src=x onerror=alert('owner')>", "--role", "support"]);
    env.ok(&[
        "log",
        "1.1.2",
        "--status",
        "in-progress",
        "--percent",
        "35",
        "--as-of",
        "2024-06-30",
        "--note",
        "<script>alert(1)</script><img src=x onerror=alert(2)> javascript:alert(3)",
        "--evidence",
        "https://example.org/pilot-report",
    ]);
    env.ok(&["evidence", "add", "1.1.3", "https://example.org/links-report", "--title", "Links report"]);
    env.ok(&["report", "--as-of", "2025-06-30", "-o", "report.html"]);
    env.path("report.html")
}

#[test]
fn the_report_reads_right_in_a_browser_and_prints_to_pdf() {
    let Some(browser) = required("Chromium", &["chromium", "chromium-browser"], "chromium", "CTRACK_BROWSER")
    else {
        return;
    };
    let Some(pdftotext) = required("pdftotext", &["pdftotext"], "poppler-utils", "CTRACK_PDFTOTEXT") else {
        return;
    };
    let env = Env::new();
    let report = hostile_report(&env);
    let profile = tempfile::tempdir().unwrap();

    let mut dump = chromium(&browser, profile.path());
    dump.arg("--dump-dom").arg(url(&report));
    let dom = String::from_utf8(run(dump).stdout).unwrap();
    check_dom(&dom);

    // The filter script, preset by the link's fragment, counts what the JSON report lists.
    let mut filtered = chromium(&browser, profile.path());
    filtered.arg("--dump-dom").arg(format!("{}#owner=itu&status=", url(&report)));
    let filtered = String::from_utf8(run(filtered).stdout).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["report", "--detail", "--format", "json", "--as-of", "2025-06-30"]))
            .unwrap();
    let itu = |names: &serde_json::Value| names.as_array().unwrap().iter().any(|n| n.as_str() == Some("ITU"));
    let expected: Vec<&str> = json["detail"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| itu(&r["lead"]) || itu(&r["support"]))
        .map(|r| r["commitment"].as_str().unwrap())
        .collect();
    assert!(expected.len() >= 4, "{expected:?}");
    let shown = format!("<output id=\"filter-count\">{} of 45 shown</output>", expected.len());
    assert!(filtered.contains(&shown), "the filter shows {expected:?}");
    let articles: Vec<&str> =
        filtered.split("<article ").skip(1).map(|a| &a[..a.find('>').unwrap()]).collect();
    let visible: Vec<&str> = articles.iter().filter(|a| !a.ends_with(" hidden=\"\"")).copied().collect();
    let ids: Vec<String> = expected.iter().map(|id| format!("class=\"commitment\" id=\"c-{id}\"")).collect();
    assert_eq!((articles.len(), visible.len()), (45, expected.len()), "{visible:?}");
    assert!(visible.iter().zip(&ids).all(|(a, id)| a.starts_with(id.as_str())), "{visible:?}");

    let demo = env.path("demo.html");
    let made = env.bare().args(["demo", "--html"]).arg(&demo).output().unwrap();
    assert!(made.status.success());
    let shot = env.path("report.png");
    let mut screenshot = chromium(&browser, profile.path());
    screenshot
        .arg(format!("--window-size={WIDTH},{HEIGHT}"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(url(&demo));
    run(screenshot);
    let png = std::fs::read(&shot).expect("Chromium wrote the screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    assert_eq!((size(16), size(20)), (WIDTH, HEIGHT), "the PNG's width and height");
    if std::env::var("CTRACK_UPDATE_SCREENSHOT").is_ok_and(|v| v == "1") {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::write(docs.join("report.png"), &png).unwrap();
    }

    let pdf = env.path("report.pdf");
    let mut print = chromium(&browser, profile.path());
    print.arg("--no-pdf-header-footer").arg(format!("--print-to-pdf={}", pdf.display())).arg(url(&report));
    run(print);
    let mut text = Command::new(pdftotext);
    text.arg(&pdf).arg("-");
    let text = String::from_utf8(run(text).stdout).unwrap();
    check_pdf(&text);
}

/// What the browser built: totals, topics, owners; the hostile text as text; our script ran.
fn check_dom(dom: &str) {
    for shown in [
        "<h1>Commitments report: Chair’s Statement of Global Development Initiative Digital Cooperation Forum 2023</h1>",
        "<dt>Commitments</dt><dd>45</dd>",
        "<span class=\"figure\">18</span><span class=\"figure-label\">assessed</span>",
        "<h3>3. Deepening international cooperation in the digital field for global sustainable development</h3>",
        "<tr><th scope=\"row\">ITU (lead)</th>",
        "<th scope=\"row\">World Bank (support)</th>",
        "<th scope=\"row\">Forum Secretariat (lead)</th>",
        "<dd>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; javascript:alert(3)</dd>",
        "<dd>&lt;img src=x onerror=alert('owner')&gt;</dd>",
        // The inline script ran, so the CSP's hash of it is right: the filter is shown and counts.
        "<form class=\"filter ready\" id=\"filter\"",
        "<output id=\"filter-count\">45 of 45 shown</output>",
    ] {
        assert!(dom.contains(shown), "the DOM lacks {shown}");
    }
    assert_eq!(dom.matches("<script").count(), 1, "no injected script element");
    assert!(!dom.contains("<img"), "no injected image element");
    assert_eq!(dom.matches("<article class=\"commitment\"").count(), 45);
    assert_eq!(dom.matches("<section class=\"topic\"").count(), 4);
}

/// What "Save as PDF" gives: the title, totals, topics on their own pages, printed URLs (the
/// print stylesheet applied, so the CSP's hash of the style is right too).
fn check_pdf(text: &str) {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for printed in [
        "Commitments report: Chair’s Statement of Global Development",
        "What this report covers",
        "45 commitments of gdi-2023 as of 2025-06-30",
        "3. Deepening international cooperation in the digital field",
        "Links report <https://example.org/links-report>",
        "<script>alert(1)</script><img src=x onerror=alert(2)> javascript:alert(3)",
    ] {
        assert!(flat.contains(printed), "the PDF lacks {printed}:\n{text}");
    }
    let start = flat.find("Headline figures").expect("the headline figures");
    let end = flat.find("Status by topic").expect("the chart's heading");
    let headline = &flat[start..end];
    // 33 stale: done and abandoned commitments are never stale.
    for figure in ["45", "18", "8.9 %", "0.18", "58.8 %", "33", "compliance score", "overdue", "stale"] {
        assert!(headline.contains(figure), "the headline figures lack {figure}: {headline}");
    }
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    let starting = |start: &str| pages.iter().filter(|p| p.trim_start().starts_with(start)).count();
    assert_eq!(starting("Commitments\n"), 1, "the commitments start a page, with topic 0 first");
    for topic in ["1. Stimulating new impetus", "2. Enhancing capabilities", "3. Deepening international"] {
        assert_eq!(starting(topic), 1, "topic {topic} starts a page");
    }
}
