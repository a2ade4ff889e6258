//! Commitment ids: `KEY:T.P.C` (statement key, topic, paragraph, clause) and the short form
//! `T.P.C` users may type wherever it is unambiguous.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// The position part of an id: topic, paragraph within topic, clause within paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code {
    pub topic: u32,
    pub paragraph: u32,
    pub clause: u32,
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.topic, self.paragraph, self.clause)
    }
}

impl FromStr for Code {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || Error::BadId(s.to_string());
        let mut parts = s.trim().split('.').map(|p| p.parse::<u32>().map_err(|_| bad()));
        let code = Code {
            topic: parts.next().ok_or_else(bad)??,
            paragraph: parts.next().ok_or_else(bad)??,
            clause: parts.next().ok_or_else(bad)??,
        };
        if parts.next().is_some() || code.clause == 0 {
            return Err(bad());
        }
        Ok(code)
    }
}

/// A paragraph of a topic as typed, `T.P` (`2.3`: topic 2, paragraph 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParagraphRef {
    pub topic: u32,
    pub paragraph: u32,
}

impl fmt::Display for ParagraphRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.topic, self.paragraph)
    }
}

impl FromStr for ParagraphRef {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || Error::BadValue {
            what: "paragraph",
            value: s.to_string(),
            expected: "expected T.P, a topic and a paragraph number from 1, e.g. 2.3".to_string(),
        };
        let (topic, paragraph) = s.trim().split_once('.').ok_or_else(bad)?;
        let topic = topic.parse().map_err(|_| bad())?;
        let paragraph = paragraph.parse().map_err(|_| bad())?;
        if paragraph == 0 {
            return Err(bad());
        }
        Ok(ParagraphRef { topic, paragraph })
    }
}

/// A commitment id as typed: with or without its statement key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CommitmentRef {
    /// `None` for the short form `1.2.3`.
    pub statement: Option<String>,
    pub code: Code,
}

impl FromStr for CommitmentRef {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let (statement, code) = match text.rsplit_once(':') {
            Some((key, code)) if !key.is_empty() => (Some(key.to_string()), code),
            Some(_) => return Err(Error::BadId(s.to_string())),
            None => (None, text),
        };
        let code = code.parse().map_err(|_| Error::BadId(s.to_string()))?;
        Ok(CommitmentRef { statement, code })
    }
}

impl fmt::Display for CommitmentRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.statement {
            Some(key) => write!(f, "{key}:{}", self.code),
            None => write!(f, "{}", self.code),
        }
    }
}

/// Whether a text can be a statement key: 1–64 lowercase ASCII letters, digits, `-` and `_`.
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 64
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Up to five known ids close to a typed one (at most two edits away, statement key included),
/// nearest first: the suggestions of an "unknown commitment" error.
pub fn close_matches(typed: &CommitmentRef, known: Vec<(String, Code)>) -> Vec<String> {
    let code = typed.code.to_string();
    let mut near: Vec<(usize, String, Code)> = known
        .into_iter()
        .map(|(key, candidate)| {
            let key_edits = typed.statement.as_ref().map_or(0, |k| strsim::levenshtein(k, &key));
            (key_edits + strsim::levenshtein(&code, &candidate.to_string()), key, candidate)
        })
        .filter(|(edits, _, _)| *edits <= 2)
        .collect();
    near.sort();
    near.into_iter().take(5).map(|(_, key, code)| format!("{key}:{code}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_refs_parse_as_topic_dot_paragraph() {
        let cases = [
            ("2.3", Some((2, 3))),
            (" 0.1 ", Some((0, 1))),
            ("1.0", None),
            ("1", None),
            ("1.2.3", None),
            ("a.1", None),
            ("", None),
        ];
        for (typed, want) in cases {
            let got = typed.parse::<ParagraphRef>().ok().map(|p| (p.topic, p.paragraph));
            assert_eq!(got, want, "typed {typed:?}");
        }
    }

    #[test]
    fn full_and_short_ids_parse() {
        let full: CommitmentRef = "gdi-2023:1.2.3".parse().unwrap();
        assert_eq!(full.statement.as_deref(), Some("gdi-2023"));
        assert_eq!(full.code, Code { topic: 1, paragraph: 2, clause: 3 });
        assert_eq!(full.to_string(), "gdi-2023:1.2.3");
        let short: CommitmentRef = " 0.2.1 ".parse().unwrap();
        assert_eq!(short.statement, None);
        assert_eq!(short.to_string(), "0.2.1");
    }

    #[test]
    fn malformed_ids_are_refused_by_name() {
        for text in ["1.2", "1.2.3.4", "a.b.c", ":1.2.3", "gdi:1.2", "1.2.0", "", "1..3"] {
            let err = text.parse::<CommitmentRef>().unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "invalid commitment id \"{text}\"; expected KEY:T.P.C (e.g. gdi-2023:1.2.3) or T.P.C"
                ),
            );
        }
    }

    #[test]
    fn codes_order_numerically() {
        let a: Code = "1.2.3".parse().unwrap();
        let b: Code = "1.10.1".parse().unwrap();
        assert!(a < b);
    }

    #[test]
    fn close_matches_are_nearest_first_and_few() {
        let known: Vec<(String, Code)> = ["1.1.1", "1.1.2", "1.2.1", "3.4.1", "2.1.6"]
            .iter()
            .map(|c| ("gdi".to_string(), c.parse().unwrap()))
            .collect();
        let typed: CommitmentRef = "1.1.9".parse().unwrap();
        assert_eq!(
            close_matches(&typed, known.clone()),
            ["gdi:1.1.1", "gdi:1.1.2", "gdi:1.2.1", "gdi:2.1.6"]
        );
        let typed: CommitmentRef = "gid:3.4.1".parse().unwrap();
        assert_eq!(close_matches(&typed, known.clone()), ["gdi:3.4.1"]);
        let typed: CommitmentRef = "9.9.9".parse().unwrap();
        assert!(close_matches(&typed, known).is_empty());
    }

    #[test]
    fn keys_are_slugs() {
        assert!(is_valid_key("gdi-2023"));
        assert!(!is_valid_key("GDI 2023"));
        assert!(!is_valid_key(""));
    }
}
