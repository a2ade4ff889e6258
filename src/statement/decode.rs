//! Input hygiene: bytes to text, and the character classes the matchers share.
//!
//! The text itself stays verbatim (curly quotes included); only line ends are unified and a BOM
//! dropped. Matching folds quotes and treats every kind of space alike instead.

use std::borrow::Cow;

use super::ParseError;

/// Turns a file's bytes into statement text: checks it is non-empty UTF-8 text, drops a UTF-8
/// BOM and unifies line ends (CRLF and lone CR become LF).
pub fn decode(bytes: &[u8]) -> Result<String, ParseError> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(ParseError::Binary(offset));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ParseError::InvalidUtf8(e.valid_up_to()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if is_blank(text) {
        return Err(ParseError::Empty);
    }
    Ok(unify_line_ends(text).into_owned())
}

/// CRLF and lone CR become LF; text without CR is borrowed as is.
pub(crate) fn unify_line_ends(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whitespace for matching: Unicode white space (tabs, no-break and ideographic spaces included)
/// plus the invisible characters that word processors leave in pasted text.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// True when the text holds nothing but whitespace.
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(is_space)
}

/// Trims [`is_space`] characters from both ends.
pub(crate) fn trim_space(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// Every run of whitespace becomes one ASCII space; the ends are trimmed.
pub(crate) fn normalize_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Curly quotes read as straight ones when matching.
pub(crate) fn fold_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201f}' | '\u{2033}' => '"',
        other => other,
    }
}

/// CJK ideographs, kana and hangul: the scripts written without spaces between words.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7af}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2fa1f}'
        | '〇')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_cases() {
        let cases: &[(&[u8], Result<&str, ParseError>)] = &[
            (b"", Err(ParseError::Empty)),
            (b" \n\t\r\n", Err(ParseError::Empty)),
            ("\u{feff}\u{a0}\n".as_bytes(), Err(ParseError::Empty)),
            (b"abc\0def", Err(ParseError::Binary(3))),
            (b"\0", Err(ParseError::Binary(0))),
            (b"ab\xffcd", Err(ParseError::InvalidUtf8(2))),
            // A character cut in half at the end of the file.
            (b"caf\xc3", Err(ParseError::InvalidUtf8(3))),
            (b"\xef\xbb\xbfTitle\r\nLine", Ok("Title\nLine")),
            (b"a\rb\r\n\r\nc\n", Ok("a\nb\n\nc\n")),
            ("Chair\u{2019}s “quoted”".as_bytes(), Ok("Chair\u{2019}s “quoted”")),
            ("数字合作论坛\r\n".as_bytes(), Ok("数字合作论坛\n")),
        ];
        for (bytes, want) in cases {
            let got = decode(bytes);
            assert_eq!(got.as_deref().map_err(Clone::clone), *want, "input {bytes:?}");
        }
    }

    #[test]
    fn normalize_space_cases() {
        let cases = [
            ("  a \t b\u{a0}\u{a0}c  ", "a b c"),
            ("\u{3000}数字\u{200b} 合作", "数字 合作"),
            ("", ""),
            ("one", "one"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_space(input), want, "input {input:?}");
        }
    }

    #[test]
    fn quotes_fold_to_ascii() {
        let folded: String = "‘a’ “b”".chars().map(fold_quote).collect();
        assert_eq!(folded, "'a' \"b\"");
    }
}
