//! Statement metadata: the title line and the default key from a file name.

use super::decode::trim_space;
use super::markers::atx_heading;

/// The title (the first non-empty line, trimmed) and the body after it.
pub(crate) fn split_title(text: &str) -> (String, &str) {
    let mut rest = text;
    while !rest.is_empty() {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        let title = trim_space(line);
        let title = atx_heading(title).unwrap_or(title);
        if !title.is_empty() {
            return (title.to_owned(), after);
        }
        rest = after;
    }
    (String::new(), "")
}

/// The default statement key for a file: its name without directory and extension, lowercase,
/// ASCII letters and digits kept, every other run turned into one `-`; `statement` if nothing
/// is left. `"GDI Forum 2023 (final).txt"` → `gdi-forum-2023-final`.
pub fn slug(name: &str) -> String {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = match file.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => file,
    };
    let mut out = String::with_capacity(stem.len());
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() { "statement".to_owned() } else { trimmed.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_cases() {
        let cases = [
            ("GDI Forum 2023 (final).txt", "gdi-forum-2023-final"),
            ("/data/statements/G20_New-Delhi.Leaders.Declaration.md", "g20-new-delhi-leaders-declaration"),
            ("C:\\Users\\ana\\Chair’s Statement.TXT", "chair-s-statement"),
            ("statement", "statement"),
            (".hidden", "hidden"),
            ("论坛主席声明.txt", "statement"),
            ("数字 2023 论坛.txt", "2023"),
            ("---.txt", "statement"),
            ("", "statement"),
            ("dir/", "statement"),
        ];
        for (name, want) in cases {
            assert_eq!(slug(name), want, "name {name:?}");
        }
    }

    #[test]
    fn title_is_the_first_non_empty_line() {
        let cases = [
            ("\n  \n  Chair’s Statement  \nBody\nmore", ("Chair’s Statement", "Body\nmore")),
            ("Only title", ("Only title", "")),
            ("# Markdown title\nBody", ("Markdown title", "Body")),
            ("\u{a0}\nTitle\n", ("Title", "")),
            ("", ("", "")),
        ];
        for (text, (title, body)) in cases {
            assert_eq!(split_title(text), (title.to_owned(), body), "text {text:?}");
        }
    }
}
