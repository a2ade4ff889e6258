//! Footnotes in text taken from a PDF: the notes at a page's foot ("12 See resolution 70/1.")
//! that cut a paragraph in two, and their markers glued to the text they annotate
//! ("Framework12", "2020–20303", "development,3 and").

use std::collections::BTreeSet;

use super::decode::trim_space;

/// The notes of a page are among its last this many non-blank lines.
const MAX_NOTE_LINES: usize = 12;

/// The number a footnote line starts with ("12 See resolution 70/1." → 12): one to three
/// digits, a space, then a capital letter or a quote.
pub(crate) fn note_number(line: &str) -> Option<u32> {
    let line = trim_space(line);
    let digits = line.find(|c: char| !c.is_ascii_digit())?;
    let rest = line.get(digits..)?;
    let text = rest.strip_prefix(' ')?;
    let starts_note = text.starts_with(|c: char| c.is_uppercase() || matches!(c, '"' | '“' | '‘'));
    let n: u32 = line.get(..digits)?.parse().ok()?;
    ((1..=3).contains(&digits) && starts_note && n > 0).then_some(n)
}

/// The index of the first footnote line among a page's `lines` (the notes run to the page's
/// end), when the page's body holds a marker glued to a word for that note's number, or the
/// document (`all` its lines) holds that marker on a line of its own elsewhere (a PDF reader
/// may put a superscript on its own line, and a note may fall on the page after its marker).
pub(crate) fn notes_start(lines: &[&str], all: &[&str]) -> Option<usize> {
    let non_blank: Vec<usize> = (0..lines.len()).filter(|&i| !trim_space(lines[i]).is_empty()).collect();
    let window = non_blank.len().saturating_sub(MAX_NOTE_LINES);
    let candidates = non_blank.get(window..).unwrap_or_default();
    candidates.iter().copied().find(|&i| {
        let body = lines.get(..i).unwrap_or_default();
        let next = lines.get(i + 1..).unwrap_or_default().iter().find(|l| !trim_space(l).is_empty());
        let number = note_number(lines[i]).or_else(|| bare_note_number(lines[i], next.copied()));
        number.is_some_and(|n| {
            let alone = all.iter().filter(|l| trim_space(l) == n.to_string()).count();
            i > 0 && (body.iter().any(|l| has_glued_marker(l, n)) || alone >= 2)
        })
    })
}

/// A note number alone on its line, its text on the next ("2" / "United Nations, Treaty …").
fn bare_note_number(line: &str, next: Option<&str>) -> Option<u32> {
    let line = trim_space(line);
    let digits = (1..=3).contains(&line.len()) && line.bytes().all(|b| b.is_ascii_digit());
    let text_follows = next.is_some_and(|n| note_number(&format!("1 {}", trim_space(n))).is_some());
    if digits && text_follows { line.parse().ok().filter(|&n| n > 0) } else { None }
}

/// True when the line holds `n` glued to the end of a word or a closing mark.
fn has_glued_marker(line: &str, n: u32) -> bool {
    // A superscript that a PDF reader put on its own line counts too.
    trim_space(line) == n.to_string() || strip_markers(line, &BTreeSet::from([n])) != line
}

/// Removes the footnote markers in `notes` glued to words of the line: "Framework12" →
/// "Framework", "2020–20303" → "2020–2030", "development,3" → "development,".
pub(crate) fn strip_markers(line: &str, notes: &BTreeSet<u32>) -> String {
    if notes.is_empty() {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (token, after) = rest.split_at(end);
        strip_marker(token, notes, &mut out);
        let spaces = after.len() - after.trim_start().len();
        out.push_str(after.get(..spaces).unwrap_or_default());
        rest = after.get(spaces..).unwrap_or_default();
    }
    out
}

/// Pushes one token without its glued footnote marker, if it has one.
fn strip_marker(token: &str, notes: &BTreeSet<u32>, out: &mut String) {
    let core_end = token.trim_end_matches(['.', ',', ';', ':', ')']).len();
    let (core, tail) = token.split_at(core_end);
    let run = core.len() - core.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let marker_len = match run {
        1..=3 => run,
        5..=7 => run - 4,
        _ => 0,
    };
    let (before, number) = core.split_at(core.len() - marker_len);
    let known = marker_len > 0 && number.parse::<u32>().is_ok_and(|n| notes.contains(&n));
    let glued = if run > 4 { after_year(before) } else { after_word(before) || after_mark(before) };
    if known && glued {
        out.push_str(before);
        out.push_str(tail);
    } else {
        out.push_str(token);
    }
}

/// A word of at least three letters ending in a lowercase letter ("Framework", "ment").
fn after_word(before: &str) -> bool {
    let letters: Vec<char> = before.chars().rev().take_while(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.first().is_some_and(|c| c.is_lowercase())
}

/// "2020–2030" followed by a marker: four digits after a dash, a plausible year.
fn after_year(before: &str) -> bool {
    let year = before.get(before.len().saturating_sub(4)..).unwrap_or_default();
    let ahead = before.get(..before.len().saturating_sub(4)).unwrap_or_default();
    let plausible = year.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
    plausible && ahead.ends_with(['–', '-', '—'])
}

/// A closing mark after a word: "development,3", "Agenda.”3", "(2015)4".
fn after_mark(before: &str) -> bool {
    let mut chars = before.chars().rev();
    let mark = chars.next();
    let word = chars.next();
    // "12.3" is a number, not "12." with note 3.
    let decimal = mark == Some('.') && word.is_some_and(|c| c.is_ascii_digit());
    !decimal
        && mark.is_some_and(|c| matches!(c, ',' | '.' | ';' | ':' | ')' | '”' | '"' | '’'))
        && word.is_some_and(|c| c.is_alphabetic() || c == ')' || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_lines() {
        assert_eq!(note_number("12 See resolution 70/1."), Some(12));
        assert_eq!(note_number("3 “Report of the Panel”"), Some(3));
        assert_eq!(note_number("2030 Agenda"), None);
        assert_eq!(note_number("12. We will"), None);
        assert_eq!(note_number("17 countries will"), None);
    }

    #[test]
    fn markers_are_stripped() {
        let notes = BTreeSet::from([3, 12]);
        let cases = [
            ("the Sendai Framework12 and", "the Sendai Framework and"),
            ("in 2020–20303, we", "in 2020–2030, we"),
            ("development,3 and", "development, and"),
            ("the G20 and COP28", "the G20 and COP28"),
            ("the Framework13 stays", "the Framework13 stays"),
            ("about 12 countries", "about 12 countries"),
            ("target 12.3 of", "target 12.3 of"),
        ];
        for (line, want) in cases {
            assert_eq!(strip_markers(line, &notes), want, "line {line:?}");
        }
    }

    #[test]
    fn notes_at_the_foot_of_a_page() {
        let page =
            ["We build on the Sendai Framework12 and will", "act together.", "", "12 Resolution 69/283."];
        assert_eq!(notes_start(&page, &page), Some(3));
        let plain = ["We will act on", "17 Sustainable Development Goals."];
        assert_eq!(notes_start(&plain, &plain), None);
    }
}
