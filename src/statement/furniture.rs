//! Page furniture: what a PDF or a printed page adds around a statement's text and is never
//! part of it — running headers and footers, document symbols (`A/RES/78/123`), job numbers
//! (`24-01234 (E)`), page counters (`3/12`, `Page 3 of 12`, a bare `3`), a short title repeated
//! on every page, and the masthead of a cover page ("United Nations", "Distr.: General").

use std::collections::HashMap;

use super::decode::{normalize_space, trim_space};

/// A repeated running header or footer is at most this long (in characters).
const MAX_RUNNING_CHARS: usize = 90;
/// Without page breaks, a line repeated this often is a running header or footer.
const MIN_REPEATS: usize = 3;
/// With page breaks, a line this close to a page's edge (in non-blank lines) may be furniture.
const PAGE_EDGE_LINES: usize = 4;
/// The masthead of a cover page is within the first this many non-blank lines.
const MAX_MASTHEAD_LINES: usize = 16;

/// True for a line made only of furniture tokens: page counters, document symbols, job
/// numbers ("A/RES/78/123", "3/12", "Page 3 of 12", "24-01234 (E) 150124", "- 3 -").
pub(crate) fn is_furniture(line: &str) -> bool {
    let line = trim_space(line);
    if line.is_empty() {
        return false;
    }
    if page_phrase(line) {
        return true;
    }
    let tokens: Vec<&str> =
        line.split_whitespace().filter(|t| !matches!(*t, "-" | "–" | "—" | "|")).collect();
    let mut saw_mark = false;
    for token in &tokens {
        if is_symbol(token) || is_job_number(token) || is_counter(token) || is_barcode(token) {
            saw_mark = true;
        } else if !(is_language_tag(token) || is_bare_number(token)) {
            return false;
        }
    }
    saw_mark || matches!(tokens.as_slice(), [only] if is_bare_number(only))
}

/// "Page 3", "Page 3 of 12", "p. 3", "page 3/12".
fn page_phrase(line: &str) -> bool {
    let lower = line.to_lowercase();
    let rest = lower.strip_prefix("page ").or_else(|| lower.strip_prefix("p. "));
    let Some(rest) = rest else {
        return false;
    };
    let parts: Vec<&str> = rest.split_whitespace().collect();
    match parts.as_slice() {
        [n] => is_bare_number(n) || is_counter(n),
        [n, "of", m] => is_bare_number(n) && is_bare_number(m),
        _ => false,
    }
}

/// "A/RES/78/123", "A/78/L.5", "E/CN.6/2024/L.3": capitals, digits, dots and slashes, with a
/// slash, a capital and a digit.
fn is_symbol(token: &str) -> bool {
    let allowed = token.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "./-()".contains(c));
    let starts = token.starts_with(|c: char| c.is_ascii_uppercase());
    allowed && starts && token.contains('/') && token.chars().any(|c| c.is_ascii_digit())
}

/// "24-01234": two digits, a hyphen, four or five digits.
fn is_job_number(token: &str) -> bool {
    let Some((year, serial)) = token.split_once('-') else {
        return false;
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    year.len() == 2 && (4..=5).contains(&serial.len()) && digits(year) && digits(serial)
}

/// "3/12": a page of a count, the page not past the count.
fn is_counter(token: &str) -> bool {
    let Some((page, count)) = token.split_once('/') else {
        return false;
    };
    match (small_number(page), small_number(count)) {
        (Some(p), Some(c)) => p >= 1 && p <= c,
        _ => false,
    }
}

fn small_number(text: &str) -> Option<u32> {
    let ok = (1..=4).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok()).flatten()
}

/// A page number alone ("3"), maybe between brackets ("[3]").
fn is_bare_number(token: &str) -> bool {
    let inner = token.trim_start_matches(['[', '(']).trim_end_matches([']', ')']);
    small_number(inner).is_some_and(|n| n < 1000)
}

/// "(E)", "(F)": the language of a UN job number.
fn is_language_tag(token: &str) -> bool {
    let inner = token.strip_prefix('(').and_then(|t| t.strip_suffix(')'));
    inner.is_some_and(|t| t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase()))
}

/// "*2401234*" (a barcode's text) or "150124" (a six-digit date stamp).
fn is_barcode(token: &str) -> bool {
    let inner = token.trim_matches('*');
    let digits = inner.len() >= 6 && inner.bytes().all(|b| b.is_ascii_digit());
    digits && (token.starts_with('*') || inner.len() == 6)
}

/// The normal form under which running lines repeat: digits folded to `#`, spaces collapsed,
/// lowercase ("Page 3 of 12" and "Page 4 of 12" are the same line).
fn running_form(line: &str) -> String {
    let mut out = String::new();
    let mut in_digits = false;
    for c in normalize_space(line).chars().flat_map(char::to_lowercase) {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            out.push(c);
            in_digits = false;
        }
    }
    out
}

/// A line short enough, and unlike a sentence enough, to be a running header or footer.
fn may_run(line: &str) -> bool {
    let line = trim_space(line);
    let words = line.chars().filter(|c| c.is_alphabetic()).count() > 1;
    words && line.chars().count() <= MAX_RUNNING_CHARS && !line.ends_with([',', ';', ':'])
}

/// The running forms of lines repeated as headers or footers. `pages` are the lines of each
/// page (one page when the text has no page breaks).
pub(crate) fn running_lines(pages: &[Vec<&str>]) -> Vec<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let lines: Vec<&str> = page.iter().copied().filter(|l| !trim_space(l).is_empty()).collect();
        let near_edge = |i: usize| i < PAGE_EDGE_LINES || i + PAGE_EDGE_LINES >= lines.len();
        for (i, line) in lines.iter().enumerate() {
            if may_run(line) && (pages.len() == 1 || near_edge(i)) {
                *counts.entry(running_form(line)).or_default() += 1;
            }
        }
    }
    // A line with a number (a date, a page) repeated twice is a running line even without page
    // breaks: a text copied from a PDF viewer keeps the headers but loses the form feeds.
    let needed = |form: &str| if pages.len() > 1 || form.contains('#') { 2 } else { MIN_REPEATS };
    let mut running: Vec<String> = counts
        .into_iter()
        .filter(|(form, n)| *n >= needed(form) && !form.ends_with('.'))
        .map(|(f, _)| f)
        .collect();
    running.sort();
    running
}

/// True when the line is one of the `running` forms.
pub(crate) fn is_running(line: &str, running: &[String]) -> bool {
    may_run(line) && running.binary_search(&running_form(line)).is_ok()
}

/// True for a line of a cover page's masthead: "United Nations", "General Assembly",
/// "Distr.: General", "Original: English", "Seventy-eighth session", "Agenda item 12",
/// "Resolution adopted by …", "[without reference to a Main Committee (A/78/L.2)]", a date.
pub(crate) fn is_masthead(line: &str) -> bool {
    let line = trim_space(line);
    let lower = line.to_lowercase();
    let organ = ["united nations", "general assembly", "security council", "economic and social council"]
        .iter()
        .any(|o| {
            lower.starts_with(o)
                && line.get(o.len()..).is_some_and(|rest| rest.is_empty() || is_furniture_or_distr(rest))
        });
    let prefixed = ["distr.", "original:", "agenda item", "resolution adopted by", "[without reference"]
        .iter()
        .any(|p| lower.starts_with(p));
    let session = lower.ends_with(" session") && lower.split_whitespace().count() <= 3;
    organ || prefixed || session || is_furniture(line) || date_only(line)
}

fn is_furniture_or_distr(rest: &str) -> bool {
    let rest = trim_space(rest);
    is_furniture(rest) || rest.to_lowercase().starts_with("distr.")
}

/// "16 October 2023", "October 16, 2023": a date and nothing else.
fn date_only(line: &str) -> bool {
    let words: Vec<&str> = line.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let month = |w: &str| super::dates::month_number(&w.to_lowercase()).is_some();
    let day = |w: &str| small_number(w).is_some_and(|n| (1..=31).contains(&n));
    let year = |w: &str| w.len() == 4 && small_number(w).is_some();
    match words.as_slice() {
        [a, b, y] => year(y) && ((day(a) && month(b)) || (month(a) && day(b))),
        _ => false,
    }
}

/// How many of the first lines form a masthead (counting blank lines among them).
pub(crate) fn masthead_len(lines: &[&str]) -> usize {
    let mut seen = 0;
    let mut end = 0;
    for (i, line) in lines.iter().enumerate() {
        if trim_space(line).is_empty() {
            continue;
        }
        if seen >= MAX_MASTHEAD_LINES || !is_masthead(line) {
            break;
        }
        seen += 1;
        end = i + 1;
    }
    // A lone date line is the statement's own dateline, not a masthead.
    let only_dates = lines.iter().take(end).all(|l| trim_space(l).is_empty() || date_only(l));
    if only_dates { 0 } else { end }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_cases() {
        let cases = [
            ("A/RES/78/123", true),
            ("A/78/L.5", true),
            ("24-01234 (E) 150124", true),
            ("*2401234*", true),
            ("3/12", true),
            ("Page 3 of 12", true),
            ("page 3", true),
            ("- 3 -", true),
            ("12", true),
            ("[4]", true),
            ("A/RES/78/123 3/12", true),
            ("12.", false),
            ("2023-11-09", false),
            ("IV", false),
            ("Transport", false),
            ("5/3", false),
            ("We will act.", false),
            ("N/A", false),
            ("", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_furniture(line), want, "line {line:?}");
        }
    }

    #[test]
    fn running_lines_repeat() {
        let pages = vec![vec![
            "Political declaration on oceans",
            "We will act.",
            "Page 1 of 3",
            "Political declaration on oceans",
            "We will go on,",
            "Page 2 of 3",
            "Political declaration on oceans",
            "Page 3 of 3",
        ]];
        let running = running_lines(&pages);
        assert!(is_running("Political declaration on oceans", &running));
        assert!(is_running("Page 9 of 9", &running));
        assert!(!is_running("We will act.", &running));
    }

    #[test]
    fn masthead_cases() {
        let lines = [
            "United Nations A/RES/78/3",
            "General Assembly Distr.: General",
            "16 October 2023",
            "",
            "Seventy-eighth session",
            "Agenda item 123",
            "Resolution adopted by the General Assembly on 5 October 2023",
            "78/3. Political declaration",
        ];
        assert_eq!(masthead_len(&lines), 7);
        assert_eq!(masthead_len(&["Harbour City, 22 November 2025", "Text"]), 0);
        assert_eq!(masthead_len(&["22 November 2025", "Text"]), 0);
    }
}
