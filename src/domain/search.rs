//! `--search`: which commitment texts a search matches. A search is one or more words; a text
//! matches when it contains every one of them as a whole word, in any order and any case
//! ("AI" matches "AI governance", not "fair" or "sustainable"). A word ending in `*` matches
//! the beginning of a word ("digit*" matches "digital"). Words are runs of letters and digits,
//! so "AI-driven" is the two words "ai" and "driven"; a word in a script written without
//! spaces (Chinese, Japanese) matches anywhere in the text.

use std::str::FromStr;

use crate::error::Error;

/// A parsed `--search`: the words every matching text contains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    text: String,
    terms: Vec<Term>,
}

/// One word of a search, lowercase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A whole word.
    Word(String),
    /// The beginning of a word (`digit*`).
    Prefix(String),
    /// Text in a script without spaces between words: matched anywhere.
    Anywhere(String),
}

impl Term {
    /// The term as the user typed it, lowercase, `*` included.
    pub fn shown(&self) -> String {
        match self {
            Term::Word(w) | Term::Anywhere(w) => w.clone(),
            Term::Prefix(p) => format!("{p}*"),
        }
    }

    /// Whether the term matches a text already split into lowercase `words`; `folded` is the
    /// whole text, lowercase.
    pub fn matches(&self, folded: &str, words: &[&str]) -> bool {
        match self {
            Term::Word(w) => words.contains(&w.as_str()),
            Term::Prefix(p) => words.iter().any(|word| word.starts_with(p.as_str())),
            Term::Anywhere(w) => folded.contains(w.as_str()),
        }
    }
}

impl Search {
    /// The search as typed.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The words of the search.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Whether `text` contains every word of the search.
    pub fn matches(&self, text: &str) -> bool {
        let folded = text.to_lowercase();
        let words: Vec<&str> = words(&folded).collect();
        self.terms.iter().all(|term| term.matches(&folded, &words))
    }
}

impl FromStr for Search {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let folded = s.to_lowercase();
        let mut terms = Vec::new();
        for chunk in folded.split_whitespace() {
            let prefix = chunk.ends_with('*');
            for word in words(chunk) {
                terms.push(if word.chars().any(is_unspaced) {
                    Term::Anywhere(word.to_string())
                } else if prefix && chunk.trim_end_matches('*').ends_with(word) {
                    Term::Prefix(word.to_string())
                } else {
                    Term::Word(word.to_string())
                });
            }
        }
        if terms.is_empty() {
            return Err(Error::BadValue {
                what: "search",
                value: s.to_string(),
                expected: "give at least one word, e.g. --search access".into(),
            });
        }
        Ok(Search { text: s.trim().to_string(), terms })
    }
}

/// The words of `text`: runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Whether `c` belongs to a script written without spaces between words.
fn is_unspaced(c: char) -> bool {
    matches!(u32::from(c), 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(text: &str) -> Search {
        text.parse().unwrap()
    }

    #[test]
    fn words_match_whole_words_in_any_case() {
        let ai = search("AI");
        assert!(ai.matches("promote AI governance"));
        assert!(ai.matches("AI-driven growth"));
        assert!(ai.matches("(ai)"));
        assert!(!ai.matches("a fair and sustainable economy"));
        assert!(!ai.matches("maintain"));
    }

    #[test]
    fn several_words_must_all_appear_in_any_order() {
        let two = search("digital access");
        assert!(two.matches("improve access to digital services"));
        assert!(!two.matches("improve digital skills"));
        assert_eq!(search("AI-driven").terms(), [Term::Word("ai".into()), Term::Word("driven".into())]);
    }

    #[test]
    fn a_star_matches_the_beginning_of_a_word() {
        let digit = search("Digit*");
        assert!(digit.matches("digital economy"));
        assert!(!digit.matches("a fair deal"));
        assert!(!search("digit").matches("digital economy"));
        assert_eq!(digit.terms()[0].shown(), "digit*");
    }

    #[test]
    fn unspaced_scripts_match_anywhere() {
        assert!(search("数字").matches("加强数字合作"));
        assert!(!search("数字").matches("加强合作"));
    }

    #[test]
    fn a_search_without_words_is_refused() {
        for text in ["", "  ", "*", "--"] {
            assert!(text.parse::<Search>().is_err(), "{text:?}");
        }
    }
}
