//! Markdown and web text pasted into a statement: `#` headings, `**Bold run-in headings.**`,
//! emphasis, `[text](url)` links, escapes (`1\.`), block quotes and rules, read as the plain
//! text and headings they stand for. Bullets and numbered lists are left to the list markers.

/// The level given to a bold run-in heading ("**Energy.** We will …"), below every `#` level.
pub(crate) const RUN_IN_LEVEL: u8 = 7;

/// What one line of Markdown is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MdLine {
    /// A `#` heading (level = number of `#`) or a bold run-in heading ([`RUN_IN_LEVEL`]),
    /// followed by the rest of its line, if any.
    Heading { level: u8, title: String, rest: Option<String> },
    /// Text, its inline markup still in (read it with [`inline`] once lines are unwrapped).
    Text(String),
    /// A rule (`---`, `***`) or a setext underline (`===`): nothing.
    Rule,
}

/// Reads one (trimmed) line.
pub(crate) fn read_line(line: &str) -> MdLine {
    let line = line.strip_prefix('>').map_or(line, str::trim_start);
    if is_rule(line) {
        return MdLine::Rule;
    }
    if let Some((level, title)) = atx_heading(line) {
        return MdLine::Heading { level, title: inline(title), rest: None };
    }
    if let Some((title, rest)) = bold_run_in(line) {
        return MdLine::Heading { level: RUN_IN_LEVEL, title: inline(title), rest: Some(inline(rest)) };
    }
    MdLine::Text(unescape_marker(line))
}

/// "1\. text" → "1. text": an escaped list marker at the line's start, so that the line is
/// seen as a numbered item before its inline markup is read (after unwrapping).
fn unescape_marker(line: &str) -> String {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    match line.get(digits..).and_then(|rest| rest.strip_prefix("\\.")) {
        Some(rest) if digits > 0 => format!("{}.{rest}", &line[..digits]),
        _ => line.to_owned(),
    }
}

/// "---", "***", "___", "===" (three or more, spaces allowed).
fn is_rule(line: &str) -> bool {
    let marks: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && ['-', '*', '_', '='].iter().any(|&m| marks.chars().all(|c| c == m))
        && !line.starts_with("- -")
}

/// "## Title ##" → (2, "Title").
fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let rest = line.get(hashes..)?;
    let level = u8::try_from(hashes).ok().filter(|h| (1..=6).contains(h))?;
    if !rest.starts_with(' ') {
        return None;
    }
    let title = rest.trim().trim_end_matches('#').trim_end();
    (!title.is_empty()).then_some((level, title))
}

/// "**Energy.** We will …" or "**Energy**: We will …" → ("Energy", "We will …"); the bold text
/// must be short and end the bold run with its own stop, and text must follow.
fn bold_run_in(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix("**").or_else(|| line.strip_prefix("__"))?;
    let close = inner.find("**").or_else(|| inner.find("__"))?;
    let title = inner.get(..close)?.trim();
    let rest = inner.get(close + 2..)?.trim_start_matches([':', '.']).trim();
    let title = title.trim_end_matches(['.', ':']).trim();
    let short = title.split_whitespace().count() <= 12;
    (short && !title.is_empty() && !rest.is_empty()).then_some((title, rest))
}

/// The text of a line without inline markup: links become their text, emphasis marks and
/// escapes go.
pub(crate) fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        if c == '\\' && next.is_some_and(|n| n.is_ascii_punctuation()) {
            out.extend(next);
            i += 2;
        } else if let Some((label, after)) = link(&chars, i) {
            out.push_str(&inline(&label));
            i = after;
        } else if is_emphasis(&chars, i) {
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// "[text](url)" or "![alt](url)" starting at `i`: the text and the index after the link.
fn link(chars: &[char], i: usize) -> Option<(String, usize)> {
    let open = match chars.get(i) {
        Some('[') => i,
        Some('!') if chars.get(i + 1) == Some(&'[') => i + 1,
        _ => return None,
    };
    let close = (open + 1..chars.len()).find(|&k| chars.get(k) == Some(&']'))?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = (close + 2..chars.len()).find(|&k| chars.get(k) == Some(&')'))?;
    let label: String = chars.get(open + 1..close)?.iter().collect();
    Some((label, end + 1))
}

/// A `*` or `_` that opens or closes emphasis: next to a word on one side and to a space, a
/// mark or the line's end on the other. A `_` inside a word ("snake_case") stays.
fn is_emphasis(chars: &[char], i: usize) -> bool {
    let Some(&c) = chars.get(i) else {
        return false;
    };
    if c != '*' && c != '_' {
        return false;
    }
    let before = i.checked_sub(1).and_then(|k| chars.get(k)).copied();
    let after = chars.get(i + 1).copied();
    let is_mark = |x: Option<char>| x.is_none_or(|x| x.is_whitespace() || x.is_ascii_punctuation());
    let wordish = |x: Option<char>| x.is_some_and(|x| !x.is_whitespace());
    let opens = is_mark(before) && wordish(after);
    let closes = wordish(before) && is_mark(after);
    opens || closes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u8, title: &str, rest: Option<&str>) -> MdLine {
        MdLine::Heading { level, title: title.to_owned(), rest: rest.map(str::to_owned) }
    }

    #[test]
    fn line_cases() {
        let cases = [
            ("## Energy ##", heading(2, "Energy", None)),
            ("# 1. Deliver *results*", heading(1, "1. Deliver results", None)),
            ("#hashtag", MdLine::Text("#hashtag".to_owned())),
            ("**Energy.** We will act.", heading(RUN_IN_LEVEL, "Energy", Some("We will act."))),
            ("**Energy**: We will act.", heading(RUN_IN_LEVEL, "Energy", Some("We will act."))),
            ("**We will act.**", MdLine::Text("**We will act.**".to_owned())),
            ("1\\. We will act.", MdLine::Text("1. We will act.".to_owned())),
            ("---", MdLine::Rule),
            ("* * *", MdLine::Rule),
            ("=====", MdLine::Rule),
            ("> We will act.", MdLine::Text("We will act.".to_owned())),
            ("- item", MdLine::Text("- item".to_owned())),
        ];
        for (line, want) in cases {
            assert_eq!(read_line(line), want, "line {line:?}");
        }
    }

    #[test]
    fn inline_cases() {
        let cases = [
            ("See [the plan](https://example.org/a_b) now", "See the plan now"),
            ("![logo](x.png) Text", "logo Text"),
            ("1\\. We *will* act", "1. We will act"),
            ("a __bold__ snake_case word", "a bold snake_case word"),
            ("2 * 3 = 6", "2 * 3 = 6"),
            ("[not a link] (x)", "[not a link] (x)"),
            ("* item", "* item"),
        ];
        for (text, want) in cases {
            assert_eq!(inline(text), want, "text {text:?}");
        }
    }
}
