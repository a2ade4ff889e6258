//! The statement parser: pure functions from a statement's text to its topics, paragraphs and
//! clause-level commitments. No I/O, no clock, no database: `import statement` feeds it bytes
//! and stores what it returns.

use chrono::NaiveDate;

mod actions;
mod background;
mod blocks;
mod clauses;
mod cues;
mod dates;
mod decode;
mod document;
mod due;
mod explain;
mod footnotes;
mod furniture;
mod leadins;
mod lexicon;
mod markdown;
mod markers;
mod meta;
mod outline;
mod parse;
mod sentences;
mod subjects;
mod unwrap;
mod words;
mod zh;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod wrap_tests;

pub use dates::first_date;
pub use decode::decode;
pub use due::infer_due;
pub use explain::{Judgement, Verdict};
pub use meta::slug;
pub use parse::parse;

/// How finely a paragraph is cut into commitments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Granularity {
    /// One commitment per action (verb phrase); the default.
    #[default]
    Clause,
    /// One commitment per paragraph that holds at least one action.
    Paragraph,
}

/// Everything the parser found in one statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedStatement {
    /// The first non-empty line, trimmed.
    pub title: String,
    /// The first date written in the text ("November 9, 2023", "9 November 2023", "2023-11-09",
    /// "2023年11月9日"), if any.
    pub date: Option<NaiveDate>,
    /// Topics in document order. Topic 0 ("General") is present only when it holds commitments.
    pub topics: Vec<Topic>,
    /// Every heading, sentence and removed line with its verdict, for review.
    pub judgements: Vec<Judgement>,
}

/// A numbered or titled section of a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// 0 for "General"; otherwise the section's own number, or its position when unnumbered.
    pub no: u32,
    pub title: String,
    /// Every paragraph of the topic, numbered from 1 in document order, including those that
    /// hold no commitment (so paragraph numbers point back into the text).
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph of a topic, with the commitments found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Position within the topic, from 1.
    pub no: u32,
    /// The paragraph's text, whitespace-normalised, without its list marker.
    pub text: String,
    pub commitments: Vec<Clause>,
}

/// One commitment: a verbatim piece of its paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Position within the paragraph, from 1.
    pub no: u32,
    /// Verbatim text: a substring of the paragraph without a leading connective ("and", "to")
    /// and without trailing separators (`,` `;` `；` `.` `。`).
    pub text: String,
    /// A due date inferred from the clause ("by 2027" → 2027-12-31), if any.
    pub due: Option<NaiveDate>,
}

/// Why a text cannot be read as a statement.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the file is empty")]
    Empty,
    #[error("the file looks binary (it contains a NUL byte at offset {0}), not a text statement")]
    Binary(usize),
    #[error("the file is not valid UTF-8 (first bad byte at offset {0}); save it as UTF-8 and retry")]
    InvalidUtf8(usize),
    #[error(
        "no commitment was found in the text; check that it is a statement, or import a curated list with `ctrack import commitments`"
    )]
    NoCommitments,
}
