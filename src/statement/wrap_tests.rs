//! The document layer's promise, as a property: every fixture statement, hard-wrapped at 60, 72
//! and 100 columns (as a PDF or an e-mail gives it), with some words hyphenated at line ends
//! and page furniture (job number, page counter, form feed, document symbol, "Page n of m")
//! inserted every 40 lines, imports to the same topics and commitments as the original.

use proptest::prelude::*;

use super::tests::{Row, parsed_rows};
use super::unwrap::COMPOUND_HEADS;
use super::{Granularity, decode, parse};

/// Every fixture statement whose paragraphs are separated by blank lines (the property needs
/// one logical paragraph per source line or block; a text already wrapped without blank lines
/// has nothing to re-wrap).
macro_rules! fixtures {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../fixtures/", $path)))),*]
    };
}
const FIXTURES: &[(&str, &str)] = fixtures![
    "gdi-2023/gdi-digital-cooperation-forum-2023-chair-statement.txt",
    "statements/g20-leaders-declaration/statement.txt",
    "statements/city-climate-action-plan/statement.txt",
    "statements/ogp-national-action-plan/statement.txt",
    "statements/zh-forum-chair-statement/statement.txt",
    "statements/asean-joint-statement/statement.txt",
    "statements-new/corridor-dpi-declaration/statement.txt",
    "statements-new/five-country-semiconductor-fact-sheet/statement.txt",
    "statements-new/g7-ocean-leaders-statement/statement.txt",
    "statements-new/norland-sudoria-partnership/statement.txt",
    "statements-new/port-selin-resilient-cities-outcome/statement.txt",
    "statements-new/green-corridor-declaration-md/statement.md",
    "statements-new/skills-mobility-chair-statement-md/statement.md",
];

const WIDTHS: [usize; 3] = [60, 72, 100];
/// Page furniture goes in after this many lines.
const PAGE_LINES: usize = 40;

fn rows(text: &str) -> Vec<Row> {
    let parsed = decode(text.as_bytes()).and_then(|t| parse(&t, Granularity::Clause));
    parsed.map(|p| parsed_rows(&p)).unwrap_or_default()
}

/// Hard-wraps every line longer than `width`; a word that does not fit is hyphenated when
/// `hyphenate(n)` says so for the n-th such word.
fn hard_wrap(text: &str, width: usize, hyphenate: &dyn Fn(usize) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut breaks = 0;
    for line in text.lines() {
        if line.chars().count() <= width || line.starts_with('#') {
            out.push(line.to_owned());
        } else if line.contains(' ') {
            wrap_words(
                line,
                width,
                &mut || {
                    breaks += 1;
                    hyphenate(breaks)
                },
                &mut out,
            );
        } else {
            wrap_cjk(line, width, &mut out);
        }
    }
    out
}

fn wrap_words(line: &str, width: usize, hyphenate: &mut dyn FnMut() -> bool, out: &mut Vec<String>) {
    let mut current = String::new();
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        let len = current.chars().count();
        if current.is_empty() || len + 1 + word.chars().count() <= width {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
            continue;
        }
        let room = width.saturating_sub(len + 2);
        let plain = word.len() >= 9 && word.chars().all(|c| c.is_ascii_lowercase());
        let cut = (5..=room.min(word.len().saturating_sub(3)))
            .rev()
            .find(|&p| !COMPOUND_HEADS.contains(&&word[..p]));
        match cut.filter(|_| plain && hyphenate()) {
            Some(p) => {
                out.push(format!("{current} {}-", &word[..p]));
                current = word[p..].to_owned();
            }
            None => out.push(std::mem::replace(&mut current, word.to_owned())),
        }
    }
    out.push(current);
}

/// Chinese has no spaces: cut between two CJK characters.
fn wrap_cjk(line: &str, width: usize, out: &mut Vec<String>) {
    let chars: Vec<char> = line.chars().collect();
    let mut start = 0;
    while chars.len() - start > width {
        let cut = (start + 1..=start + width)
            .rev()
            .find(|&i| super::decode::is_cjk(chars[i - 1]) && super::decode::is_cjk(chars[i]))
            .unwrap_or(chars.len());
        out.push(chars[start..cut].iter().collect());
        start = cut;
    }
    out.push(chars[start..].iter().collect());
}

/// Inserts a footer, a form feed and a header after every 40 lines — at the next line that does
/// not end a sentence inside a paragraph (there, whether the page break ends the paragraph is
/// ambiguous even to a reader).
fn paginate(lines: &[String]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut page = 1;
    let mut since = 0;
    for (i, line) in lines.iter().enumerate() {
        out.push(line.clone());
        since += 1;
        let next_blank = lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
        let sentence_end = line.trim_end().ends_with(['.', ';', ':', '。', '；', '：']);
        if since >= PAGE_LINES && (next_blank || !sentence_end) {
            out.extend([
                "".into(),
                "25-01234 (E)".into(),
                format!("{page}/9"),
                "\u{c}A/RES/80/17".to_owned(),
                format!("Page {} of 9", page + 1),
                "".into(),
            ]);
            page += 1;
            since = 0;
        }
    }
    out.join("\n")
}

#[test]
fn every_fixture_survives_wrapping_hyphens_and_pages() {
    for (name, text) in FIXTURES {
        let original = rows(text);
        assert!(!original.is_empty(), "{name} parses");
        for width in WIDTHS {
            let paged = paginate(&hard_wrap(text, width, &|n| n % 3 == 0));
            assert_eq!(rows(&paged), original, "{name} at {width} columns:\n{paged}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn any_hyphenation_gives_the_same_commitments(
        fixture in 0..FIXTURES.len(),
        width in prop::sample::select(WIDTHS.to_vec()),
        seed in any::<u64>(),
    ) {
        let (name, text) = FIXTURES[fixture];
        let paged = paginate(&hard_wrap(text, width, &|n| (seed >> (n % 64)) & 1 == 1));
        prop_assert_eq!(rows(&paged), rows(text), "{} at {} columns", name, width);
    }
}
