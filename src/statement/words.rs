//! A small tokenizer shared by the matchers: words, numbers, CJK characters and punctuation, each
//! with its byte offset, so that every match maps back to a verbatim slice of the text.

use super::decode::{fold_quote, is_cjk, is_space};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters and digits, with inner apostrophes ("world’s") and hyphens between letters
    /// ("win-win"); "10th" is a word, "mid-2026" is three tokens.
    Word,
    /// ASCII digits only.
    Number,
    /// One CJK character.
    Cjk,
    /// Any other visible character.
    Punct,
}

/// One token: a slice of the text and where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub(crate) text: &'a str,
    pub(crate) start: usize,
    pub(crate) kind: Kind,
}

impl Token<'_> {
    /// Case-insensitive comparison with a lowercase word; curly apostrophes read as straight.
    pub(crate) fn is(&self, word: &str) -> bool {
        self.text.chars().map(fold_quote).flat_map(char::to_lowercase).eq(word.chars())
    }

    /// True for any of the given lowercase words.
    pub(crate) fn is_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(w))
    }

    /// True when the token is exactly this punctuation character.
    pub(crate) fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.chars().eq([c])
    }

    /// True for a word or a number (not CJK, not punctuation).
    pub(crate) fn is_wordlike(&self) -> bool {
        matches!(self.kind, Kind::Word | Kind::Number)
    }

    /// The lowercase, quote-folded form used for lexicon look-ups.
    pub(crate) fn lower(&self) -> String {
        self.text.chars().map(fold_quote).flat_map(char::to_lowercase).collect()
    }

    /// The number a [`Kind::Number`] token spells, if it fits.
    pub(crate) fn number(&self) -> Option<u32> {
        if self.kind == Kind::Number && self.text.len() <= 9 { self.text.parse().ok() } else { None }
    }
}

/// Splits the text into tokens; whitespace separates but is not a token.
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&(start, c)) = chars.get(i) {
        let (kind, next) = if is_space(c) {
            i += 1;
            continue;
        } else if is_cjk(c) {
            (Kind::Cjk, i + 1)
        } else if c.is_alphanumeric() {
            word_end(&chars, i)
        } else {
            (Kind::Punct, i + 1)
        };
        let end = chars.get(next).map_or(text.len(), |&(offset, _)| offset);
        if let Some(slice) = text.get(start..end) {
            tokens.push(Token { text: slice, start, kind });
        }
        i = next;
    }
    tokens
}

/// Where the word starting at char index `i` ends (exclusive), and whether it is a number.
fn word_end(chars: &[(usize, char)], i: usize) -> (Kind, usize) {
    let mut j = i;
    let mut digits_only = true;
    while let Some(&(_, c)) = chars.get(j) {
        let before = chars.get(j.wrapping_sub(1)).map(|&(_, c)| c);
        let after = chars.get(j + 1).map(|&(_, c)| c);
        if is_word_char(c) {
            digits_only &= c.is_ascii_digit();
        } else if joins(before, c, after) {
            digits_only = false;
        } else {
            break;
        }
        j += 1;
    }
    let kind = if digits_only { Kind::Number } else { Kind::Word };
    (kind, j.max(i + 1))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// Apostrophes join word characters; hyphens join letters only, so "mid-2026" and
/// "2023-11-09" stay split for the date matchers.
fn joins(before: Option<char>, c: char, after: Option<char>) -> bool {
    let (Some(b), Some(a)) = (before, after) else {
        return false;
    };
    match fold_quote(c) {
        '\'' => is_word_char(b) && is_word_char(a),
        '-' => b.is_alphabetic() && a.is_alphabetic() && !is_cjk(b) && !is_cjk(a),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(&str, Kind)> {
        tokenize(text).iter().map(|t| (t.text, t.kind)).collect()
    }

    #[test]
    fn tokenize_cases() {
        use Kind::*;
        let cases: &[(&str, &[(&str, Kind)])] = &[
            ("win-win, 10th", &[("win-win", Word), (",", Punct), ("10th", Word)]),
            ("world’s mid-2026", &[("world’s", Word), ("mid", Word), ("-", Punct), ("2026", Number)]),
            ("2023-11-09", &[("2023", Number), ("-", Punct), ("11", Number), ("-", Punct), ("09", Number)]),
            ("到2027年。", &[("到", Cjk), ("2027", Number), ("年", Cjk), ("。", Punct)]),
            ("a🙂b", &[("a", Word), ("🙂", Punct), ("b", Word)]),
            ("'quoted' -x", &[("'", Punct), ("quoted", Word), ("'", Punct), ("-", Punct), ("x", Word)]),
            ("\u{a0} ", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(shapes(text), *want, "input {text:?}");
        }
    }

    #[test]
    fn token_matching_folds_case_and_quotes() {
        let tokens = tokenize("Let’s GO");
        assert!(tokens.first().is_some_and(|t| t.is("let's")));
        assert!(tokens.get(1).is_some_and(|t| t.is_any(&["stop", "go"])));
        assert_eq!(tokens.get(1).map(Token::lower).as_deref(), Some("go"));
    }

    #[test]
    fn offsets_point_back_into_the_text() {
        let text = "数字 “AI” 2025年, ok";
        for token in tokenize(text) {
            assert_eq!(text.get(token.start..token.start + token.text.len()), Some(token.text));
        }
    }
}
