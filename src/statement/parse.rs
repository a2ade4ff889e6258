//! The parser's entry point: text to topics, paragraphs and commitments.

use super::blocks::block_units;
use super::clauses::{SentenceClauses, topic_clauses, trim_clause};
use super::dates::first_date;
use super::decode::{is_blank, unify_line_ends};
use super::document;
use super::due::infer_due;
use super::explain::judge;
use super::outline::{Section, sections};
use super::{Clause, Granularity, Paragraph, ParseError, ParsedStatement, Topic};

/// Parses a statement's text (as returned by [`decode`](fn@super::decode)) into its title, date,
/// topics, paragraphs and commitments. Deterministic: the same text gives the same result.
pub fn parse(text: &str, granularity: Granularity) -> Result<ParsedStatement, ParseError> {
    let text = unify_line_ends(text.strip_prefix('\u{feff}').unwrap_or(text));
    if is_blank(&text) {
        return Err(ParseError::Empty);
    }
    let doc = document::read(&text);
    let sections = sections(block_units(&doc.blocks, true));
    let judgements = judge(&doc, &sections);
    let topics: Vec<Topic> = sections
        .into_iter()
        .map(|section| topic(section, granularity))
        .filter(|topic| topic.no != 0 || holds_commitments(topic))
        .collect();
    if !topics.iter().any(holds_commitments) {
        return Err(ParseError::NoCommitments);
    }
    Ok(ParsedStatement { title: doc.title, date: first_date(&text), topics, judgements })
}

fn holds_commitments(topic: &Topic) -> bool {
    topic.paragraphs.iter().any(|p| !p.commitments.is_empty())
}

fn topic(section: Section, granularity: Granularity) -> Topic {
    let found = topic_clauses(&section.paragraphs);
    let paragraphs = section
        .paragraphs
        .into_iter()
        .zip(found)
        .zip(1..)
        .map(|((text, found), no)| Paragraph {
            no,
            commitments: commitments(&text, &found, granularity),
            text,
        })
        .collect();
    Topic { no: section.no, title: section.title, paragraphs }
}

fn commitments(paragraph: &str, found: &[SentenceClauses], granularity: Granularity) -> Vec<Clause> {
    let texts = match granularity {
        Granularity::Clause => clause_texts(paragraph, found),
        Granularity::Paragraph => paragraph_text(paragraph, found).into_iter().collect(),
    };
    texts.into_iter().zip(1..).map(|(text, no)| Clause { no, due: infer_due(&text), text }).collect()
}

/// Every clause of every sentence, in order.
fn clause_texts(paragraph: &str, found: &[SentenceClauses]) -> Vec<String> {
    found
        .iter()
        .flat_map(|sentence| &sentence.clauses)
        .filter_map(|range| paragraph.get(range.clone()))
        .map(str::to_owned)
        .collect()
}

/// The commitment sentences joined by a space, without trailing separators; `None` when the
/// paragraph holds no commitment.
fn paragraph_text(paragraph: &str, found: &[SentenceClauses]) -> Option<String> {
    let joined = found
        .iter()
        .filter(|sentence| !sentence.clauses.is_empty())
        .filter_map(|sentence| paragraph.get(sentence.sentence.clone()))
        .collect::<Vec<_>>()
        .join(" ");
    let range = trim_clause(&joined, 0..joined.len());
    joined.get(range).filter(|t| !t.is_empty()).map(str::to_owned)
}
