//! Statement metadata: the default key from a file name.

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
}
