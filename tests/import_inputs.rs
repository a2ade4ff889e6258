//! `ctrack import statement` on Markdown, HTML and PDF files: each kind gives the same
//! commitments as the plain text, the content decides the kind, and files ctrack cannot read are
//! refused with one sentence that says what they are, without touching the database.

mod common;

use std::fs;

use common::{Env, fixture};
use proptest::prelude::*;
use serde_json::Value;

/// (id, topic_no, topic, text, due) of every commitment of the compact, the same from every kind.
const COMPACT: &[(&str, u64, &str, &str, &str)] = &[
    (
        "compact:1.1.1",
        1,
        "Clean water",
        "We will install water meters in every household by 2027",
        "2027-12-31",
    ),
    ("compact:1.1.2", 1, "Clean water", "We will publish monthly reports on water quality", ""),
    ("compact:2.1.1", 2, "Flood defence", "We will build three flood barriers along the Elm river", ""),
    ("compact:2.1.2", 2, "Flood defence", "train 200 volunteers in flood response", ""),
    (
        "compact:2.1.3",
        2,
        "Flood defence",
        "We will protect the wetlands of Saint-Rémy from new construction",
        "",
    ),
    (
        "compact:3.1.1",
        3,
        "Shared finance",
        "We will establish a joint fund for water works by 2026",
        "2026-12-31",
    ),
];

fn listed(env: &Env) -> Vec<(String, u64, String, String, String)> {
    // As of a date after the statements' own: a list counts only statements dated by then.
    let args = ["list", "--format", "json", "--as-of", "2099-12-31"];
    let json: Value = serde_json::from_str(&env.ok(&args)).expect("list json");
    json.as_array()
        .expect("array")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().expect("id").to_owned(),
                c["topic_no"].as_u64().expect("topic_no"),
                c["topic"].as_str().expect("topic").to_owned(),
                c["text"].as_str().expect("text").to_owned(),
                c["due"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn compact() -> Vec<(String, u64, String, String, String)> {
    COMPACT
        .iter()
        .map(|&(id, no, topic, text, due)| (id.into(), no, topic.into(), text.into(), due.into()))
        .collect()
}

/// (title, date, source_file) of the one statement.
fn statement_row(env: &Env) -> (String, String, String) {
    let row = env.query_row("SELECT title, date, source_file FROM statement");
    (row.get(0), row.get(1), row.get(2))
}

#[test]
fn text_markdown_html_and_pdf_give_the_same_commitments() {
    for kind in ["txt", "md", "html", "pdf"] {
        let env = Env::new();
        let file = fixture(&format!("inputs/compact.{kind}"));
        let out = env.ok(&["import", "statement", &file, "--key", "compact"]);
        assert!(
            out.starts_with(
                "imported compact: \"Riverside Towns Water Compact\" (2025-03-14)\n\
                 3 topics, 6 commitments: 6 added, 0 changed, 0 withdrawn, 0 restored, 0 unchanged\n\
                 \x20 topic 1: Clean water (2)\n  topic 2: Flood defence (3)\n  topic 3: Shared finance (1)\n"
            ),
            "{kind}: {out}"
        );
        assert_eq!(listed(&env), compact(), "{kind}");
        let source = format!("compact.{kind}");
        assert_eq!(
            statement_row(&env),
            ("Riverside Towns Water Compact".to_owned(), "2025-03-14".to_owned(), source),
            "{kind}"
        );
    }
}

#[test]
fn the_content_decides_the_kind_when_the_extension_disagrees() {
    for (from, to) in
        [("compact.pdf", "compact.txt"), ("compact.html", "compact.md"), ("compact.txt", "compact.pdf")]
    {
        let env = Env::new();
        fs::copy(fixture(&format!("inputs/{from}")), env.path(to)).expect("copy");
        env.ok(&["import", "statement", to]);
        assert_eq!(listed(&env), compact(), "{from} saved as {to}");
    }
}

#[test]
fn a_pdf_keeps_its_pages_apart_with_their_running_headers() {
    let bytes = fs::read(fixture("inputs/pages.pdf")).expect("pages.pdf");
    let text = ctrack::input::pdf_text(&bytes).expect("pdf text");
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert_eq!(pages.len(), 3);
    for (i, page) in pages.iter().enumerate() {
        let lines: Vec<&str> = page.lines().collect();
        let counter = (i + 1).to_string();
        assert_eq!(
            lines.get(..6),
            Some(
                &[
                    "CP/MIN/2025/3",
                    "Coastal Partnership Ministerial Statement",
                    &counter,
                    "/",
                    "3",
                    "25-04321 (E)"
                ][..]
            ),
            "page {}",
            i + 1
        );
    }
    assert!(pages[1].contains("II. People and skills\n5. We will develop-\nment programmes"), "{}", pages[1]);
    // Ligatures in the font come out as letters; non-ASCII text is kept.
    assert!(pages[0].contains("I. Shores and fisheries\n"), "{}", pages[0]);
    assert!(pages[0].contains("Saint-Étienne-du-Port on 3–\n4 June 2025"), "{}", pages[0]);
    assert!(pages[2].contains("in Kraków in the spring of 2026"), "{}", pages[2]);
}

/// A Word document as a zip holds it: the local file header and the stored names.
const DOCX: &[u8] = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0[Content_Types].xml....word/document.xml....";
const ODT: &[u8] = b"PK\x03\x04\x14\0\0\0\0\0mimetypeapplication/vnd.oasis.opendocument.textPK";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";

#[test]
fn files_ctrack_cannot_read_are_refused_with_what_they_are() {
    let compact_pdf = fs::read(fixture("inputs/compact.pdf")).expect("compact.pdf");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "scan.pdf",
            fs::read(fixture("inputs/no-text.pdf")).expect("no-text.pdf"),
            "scan.pdf is a PDF with no text layer (a scanned image?): run OCR on it, e.g. `ocrmypdf`, or save its text as a .txt file",
        ),
        (
            "locked.pdf",
            fs::read(fixture("inputs/encrypted.pdf")).expect("encrypted.pdf"),
            "locked.pdf is an encrypted PDF: save a copy without a password from your PDF viewer, or save its text as a .txt file",
        ),
        (
            "cut.pdf",
            compact_pdf.get(..600).expect("600 bytes").to_vec(),
            "cut.pdf is a damaged PDF that cannot be read (failed parsing cross reference table: invalid start value): export it again, or save its text as a .txt file",
        ),
        (
            "statement.docx",
            DOCX.to_vec(),
            "statement.docx is a Word document (.docx), not a statement's text: save it as PDF, HTML or plain text (.txt) and import that",
        ),
        (
            "statement.txt",
            ODT.to_vec(),
            "statement.txt is an OpenDocument file (.odt), not a statement's text: save it as PDF, HTML or plain text (.txt) and import that",
        ),
        (
            "photo.png",
            PNG.to_vec(),
            "photo.png is a PNG image, not a statement's text: run OCR on it, e.g. `tesseract`, or save its text as a .txt file",
        ),
        (
            "data.bin",
            b"Declaration\n\x01\0\x02".to_vec(),
            "cannot read data.bin: the file looks binary (it contains a NUL byte at offset 13), not a text statement",
        ),
        (
            "app.html",
            b"<!doctype html><title>App</title><nav>Home</nav><main></main><script>run()</script>".to_vec(),
            "app.html is an HTML page with no main text: save the page that holds the statement itself, or copy its text into a .txt file",
        ),
    ];
    for (name, bytes, sentence) in cases {
        let env = Env::new();
        fs::write(env.path(name), &bytes).expect("write");
        let err = env.fails(&["import", "statement", name], 1);
        assert_eq!(err, format!("error: {sentence}\n"), "{name}");
        assert!(!env.db_exists(), "{name}: a refused file must not create the database");
        env.ok(&["import", "statement", &fixture("inputs/compact.txt")]);
        let before = env.snapshot();
        env.fails(&["import", "statement", name], 1);
        assert_eq!(env.snapshot(), before, "{name}");
    }
}

/// The signatures that send bytes to each reader.
const PREFIXES: &[(&[u8], Option<&str>)] = &[
    (b"%PDF-1.7\n", Some("pdf")),
    (b"<!doctype html>", None),
    (b"<html><body><main>", Some("html")),
    (b"# Title\n\n- ", Some("md")),
    (b"PK\x03\x04", None),
    (b"\x89PNG\r\n\x1a\n", None),
    (b"", Some("txt")),
];

/// Reads then parses, as `import statement` does: either may refuse, neither may panic.
fn read_and_parse(bytes: &[u8], extension: Option<&str>) {
    if let Ok(text) = ctrack::input::read(bytes, extension) {
        let _ = ctrack::statement::parse(&text, ctrack::statement::Granularity::Clause);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_after_each_signature_are_read_or_refused(
        which in 0..PREFIXES.len(),
        tail in proptest::collection::vec(any::<u8>(), 0..2048),
    ) {
        let (prefix, extension) = PREFIXES[which];
        let mut bytes = prefix.to_vec();
        bytes.extend_from_slice(&tail);
        read_and_parse(&bytes, extension);
    }

    #[test]
    fn a_damaged_copy_of_a_real_pdf_is_read_or_refused(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = fs::read(fixture("inputs/compact.pdf")).expect("compact.pdf");
        for (at, byte) in flips {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let keep = bytes.len() / 2 + cut.index(bytes.len() / 2);
        bytes.truncate(keep);
        read_and_parse(&bytes, Some("pdf"));
    }
}
