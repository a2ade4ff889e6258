//! Hard-wrapped text (a PDF's lines, an e-mail's 72 columns) back into logical lines: a line
//! that ends mid-sentence, or that is full, continues on the next unless the next starts a new
//! list item or heading; a word hyphenated at a line's end ("develop-" / "ment") is rejoined.

use super::decode::trim_space;
use super::document::is_annex_line;
use super::markers::split_marker;

/// Text is hard-wrapped when its lines are at most this wide (in characters)…
const MAX_WRAP_WIDTH: usize = 130;
/// …and at least this share of its lines fill most of the width…
const MIN_FULL_SHARE: f64 = 0.5;
/// …and it has at least this many lines, this wide.
const MIN_WRAPPED_LINES: usize = 8;
const MIN_WRAP_WIDTH: usize = 40;
/// A line fills the width when the next word would not have fitted within this slack.
const WRAP_SLACK: usize = 4;
/// Left parts of compounds whose hyphen is kept at a line's end ("high-" / "level").
#[rustfmt::skip]
pub(crate) const COMPOUND_HEADS: &[&str] = &[
    "high", "low", "long", "short", "well", "mid", "self", "cross", "multi", "non", "co", "anti",
    "post", "pre", "full", "large", "small", "medium", "middle", "gender", "climate", "nature",
    "evidence", "people", "rules", "results", "human", "south", "north", "public", "private",
    "state", "country", "science", "data", "risk", "cost", "time", "world", "sector", "region",
    "inter", "sub", "super", "over", "under", "follow", "peace", "decision", "policy",
];
/// Words a wrapped line may end with, never a finished line.
const LINKING_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with",
    "our", "its", "their", "that", "which",
];
/// Marks that end a sentence or a lead-in.
const ENDS: &[char] = &['.', '!', '?', ':', ';', '。', '！', '？', '：', '；'];

/// The width of hard-wrapped text, or `None` when its lines are not wrapped.
pub(crate) fn wrap_width(lines: &[&str]) -> Option<usize> {
    let mut lengths: Vec<usize> =
        lines.iter().map(|l| trim_space(l).chars().count()).filter(|&n| n > 0).collect();
    if lengths.len() < MIN_WRAPPED_LINES {
        return None;
    }
    lengths.sort_unstable();
    let at = |share: f64| {
        let index = ((lengths.len() - 1) as f64 * share).round() as usize;
        lengths.get(index).copied().unwrap_or_default()
    };
    let width = at(0.9);
    let full = lengths.iter().filter(|&&n| n * 10 >= width * 7).count();
    let share = full as f64 / lengths.len() as f64;
    ((MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width)
        && at(1.0) <= MAX_WRAP_WIDTH + 20
        && share >= MIN_FULL_SHARE)
        .then_some(width)
}

/// True when `next` continues the logical line whose last physical line is `line`.
pub(crate) fn continues(line: &str, next: &str, width: Option<usize>) -> bool {
    let (line, next) = (trim_space(line), trim_space(next));
    if line.is_empty() || next.is_empty() || starts_item(next) || is_bare_marker(line) {
        return false;
    }
    if is_annex_line(line) || is_annex_line(next) {
        return false;
    }
    if glues_on(next) {
        return true;
    }
    let starts_lower = next.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit() || c == '(');
    if hyphenated(line) && starts_lower {
        return true;
    }
    let open = !line.ends_with(ENDS) && !line.ends_with(['"', '”', ')']);
    if open && (starts_lower || ends_with_linking_word(line)) {
        return true;
    }
    is_full(line, next, width) && !line.ends_with([':', '：'])
}

/// The line fills the wrap width: the next line's first word would not have fitted on it.
fn is_full(line: &str, next: &str, width: Option<usize>) -> bool {
    width.is_some_and(|w| line.chars().count() + 1 + first_word_len(next) + WRAP_SLACK > w)
}

/// True when `next` continues the line across a page break (or a blank line left by removed
/// furniture): the line stops mid-sentence, or it is full and the next starts in lowercase.
pub(crate) fn continues_across_page(line: &str, next: &str, width: Option<usize>) -> bool {
    let (line, next) = (trim_space(line), trim_space(next));
    let lower = next.starts_with(char::is_lowercase);
    let open =
        (!line.ends_with(ENDS) && !line.ends_with(['"', '”', ')'])) || (lower && is_full(line, next, width));
    let annex = is_annex_line(line) || is_annex_line(next);
    !line.is_empty() && !next.is_empty() && !starts_item(next) && !is_bare_marker(line) && open && !annex
}

/// Joins `next` to the logical line `out`: without the hyphen for a hyphenated word, without
/// a space between two CJK characters, else with one space.
pub(crate) fn join_into(out: &mut String, next: &str) {
    let next = trim_space(next);
    if hyphenated(out) && next.starts_with(char::is_lowercase) {
        let keep = keeps_hyphen(out);
        let stem_len = out.trim_end_matches(is_hyphen).len();
        out.truncate(stem_len);
        if keep {
            out.push('-');
        }
        out.push_str(next);
        return;
    }
    let cjk = |c: Option<char>| c.is_some_and(super::decode::is_cjk);
    let cjk_seam = cjk(out.chars().next_back()) && cjk(next.chars().next());
    if !(cjk_seam || glues_on(next)) {
        out.push(' ');
    }
    out.push_str(next);
}

/// A line a PDF reader split off the text it belongs to: a comma or stop that follows an
/// italic run ("The General Assembly" / ","), or a lone hyphen ("tech" / "‐" / "nology").
fn glues_on(next: &str) -> bool {
    next.starts_with([',', '.', ';', ':', ')']) || (!next.is_empty() && next.chars().all(is_hyphen))
}

/// A line that starts a list item or a numbered paragraph.
fn starts_item(line: &str) -> bool {
    split_marker(line).is_some()
}

/// A line that is only a list marker ("12.", "(a)"), whose text follows on the next line.
pub(crate) fn is_bare_marker(line: &str) -> bool {
    split_marker(line).is_some_and(|(_, rest)| rest.is_empty())
}

/// "develop-": a hyphen (or a soft hyphen) right after a letter at the line's end.
fn hyphenated(line: &str) -> bool {
    let mut chars = line.trim_end_matches(is_hyphen).chars().rev();
    line.ends_with(is_hyphen) && chars.next().is_some_and(char::is_alphanumeric)
}

/// The hyphens a PDF puts at a line's end: ASCII, U+2010 and the soft hyphen.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{ad}')
}

/// "high-" at a line's end is the first half of "high-level": keep its hyphen.
fn keeps_hyphen(line: &str) -> bool {
    let word: String = line
        .trim_end_matches(is_hyphen)
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .flat_map(char::to_lowercase)
        .collect();
    let inner_hyphen =
        line.trim_end_matches(is_hyphen).rsplit(char::is_whitespace).next().is_some_and(|w| w.contains('-'));
    inner_hyphen || COMPOUND_HEADS.contains(&word.as_str())
}

fn ends_with_linking_word(line: &str) -> bool {
    line.rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| LINKING_WORDS.contains(&w.to_lowercase().as_str()))
}

fn first_word_len(line: &str) -> usize {
    line.split_whitespace().next().map_or(0, |w| w.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_cases() {
        let w = Some(60);
        let cases = [
            ("We will strengthen our cooperation on", "Digital public infrastructure.", None, true),
            ("We will strengthen cooperation", "on digital matters.", None, true),
            ("1. Open contracting", "The Ministry will publish contracts.", w, false),
            ("We will act.", "The Ministry will publish.", w, false),
            ("We will act together with all our partners in the region.", "Development", w, true),
            ("The partnership will:", "Identify gaps in coverage across the region.", w, false),
            ("We will act on", "- Energy", w, false),
            ("12.", "We will act.", w, false),
            ("to further develop-", "ment goals", None, true),
        ];
        for (line, next, width, want) in cases {
            assert_eq!(continues(line, next, width), want, "{line:?} / {next:?}");
        }
    }

    #[test]
    fn hyphens_are_joined_with_judgement() {
        let cases = [
            ("further develop-", "ment", "further development"),
            ("a high-", "level meeting", "a high-level meeting"),
            ("Covid-19-", "related", "Covid-19-related"),
            ("tech\u{ad}\u{2010}", "nology", "technology"),
            ("The General Assembly", ",", "The General Assembly,"),
            ("the", "Forum", "the Forum"),
            ("数字", "合作", "数字合作"),
        ];
        for (line, next, want) in cases {
            let mut out = line.to_owned();
            join_into(&mut out, next);
            assert_eq!(out, want);
        }
    }

    #[test]
    fn width_is_found_only_in_wrapped_text() {
        let wrapped = "We will strengthen our cooperation on digital public\ninfrastructure and expand access to affordable\nconnectivity in all regions, and we will support\nthe work of the Secretariat.";
        let twice = format!("{wrapped}\n{wrapped}");
        assert_eq!(wrap_width(&twice.lines().collect::<Vec<_>>()), Some(52));
        assert_eq!(wrap_width(&wrapped.lines().collect::<Vec<_>>()), None);
        let long = "x".repeat(300);
        assert_eq!(wrap_width(&[long.as_str(), "a", "b", "c"]), None);
    }
}
