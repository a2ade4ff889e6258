//! Sentences and their semicolon parts, as byte ranges of a whitespace-normalised paragraph.

use std::ops::Range;

use super::cues::en;
use super::decode::is_cjk;

/// Closing marks that may follow a sentence's final stop: `."`, `.”`, `.)`, `。」`.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | '）' | ']' | '」' | '』' | '》')
}

/// The sentences of a normalised paragraph, each with its final stop, without the space after.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ends = match c {
            '。' | '！' | '？' => true,
            '!' | '?' => next_is_space_or_end(text, i + c.len_utf8()),
            '.' => full_stop(text, i),
            _ => false,
        };
        if !ends {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, closer)) = chars.peek().filter(|&&(_, c)| is_closer(c)) {
            end = j + closer.len_utf8();
            chars.next();
        }
        push_trimmed(&mut out, text, start..end);
        start = end;
    }
    push_trimmed(&mut out, text, start..text.len());
    out
}

/// The parts of a sentence between semicolons (`;` `；`), each without its semicolon.
pub(crate) fn parts(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let Some(slice) = text.get(sentence.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = sentence.start;
    for (i, c) in slice.char_indices().filter(|&(_, c)| c == ';' || c == '；') {
        let at = sentence.start + i;
        push_trimmed(&mut out, text, start..at);
        start = at + c.len_utf8();
    }
    push_trimmed(&mut out, text, start..sentence.end);
    out
}

/// Pushes the range without surrounding spaces, unless nothing is left.
fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

fn next_is_space_or_end(text: &str, at: usize) -> bool {
    text.get(at..).and_then(|rest| rest.chars().find(|&c| !is_closer(c))).is_none_or(char::is_whitespace)
}

/// A dot at byte `i` ends a sentence when a space (or the end) follows, the next sentence
/// starts like one, and the word before it is no abbreviation or initial.
fn full_stop(text: &str, i: usize) -> bool {
    let after = text.get(i + 1..).unwrap_or_default();
    let rest = after.trim_start_matches(is_closer);
    if rest.is_empty() {
        return true;
    }
    if !rest.starts_with(char::is_whitespace) {
        return false;
    }
    let next_starts_sentence = rest
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || is_opener(c) || is_cjk(c));
    let before = text.get(..i).unwrap_or_default();
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or_default();
    next_starts_sentence && !is_abbreviation(word)
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '（' | '「' | '《')
}

/// "Nov", "e.g", "U.S" (dotted), "J" (an initial).
fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    single_letter || word.contains('.') || en().abbreviations.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        sentences(text).into_iter().filter_map(|r| text.get(r)).collect()
    }

    #[test]
    fn sentence_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            ("Held on Nov. 9, 2023 in Wuzhen. Next.", &["Held on Nov. 9, 2023 in Wuzhen.", "Next."]),
            ("The U.S. and the E.U. agree. Fine", &["The U.S. and the E.U. agree.", "Fine"]),
            ("Growth of 2.5 percent. Yes!", &["Growth of 2.5 percent.", "Yes!"]),
            ("He said “go.” Then left.", &["He said “go.”", "Then left."]),
            ("e.g. this one. And that", &["e.g. this one.", "And that"]),
            ("ends with etc. lowercase goes on", &["ends with etc. lowercase goes on"]),
            ("数字化是标志。我们应加强合作！好？", &["数字化是标志。", "我们应加强合作！", "好？"]),
            ("Mixed. 中文句子。", &["Mixed.", "中文句子。"]),
            ("", &[]),
            ("   ", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(texts(text), *want, "input {text:?}");
        }
    }

    #[test]
    fn part_cases() {
        let text = "We will act; expand lanes；种树; ";
        let sentence = 0..text.len();
        let got: Vec<&str> = parts(text, sentence).into_iter().filter_map(|r| text.get(r)).collect();
        assert_eq!(got, ["We will act", "expand lanes", "种树"]);
    }
}
