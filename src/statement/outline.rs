//! From units to sections: which headings make topics, how topics are numbered, and which
//! paragraphs belong to which topic.
//!
//! Topics are the headings of one level: the style of the first numbered heading (so "1." topics
//! may hold "(a)" items, and "一、" topics hold their "（一）" sub-headings), or unnumbered
//! headings when nothing is numbered. Sub-headings of other styles are skipped: they are not
//! paragraphs. Text before the first topic belongs to topic 0, "General".

use std::collections::HashSet;

use super::blocks::Unit;
use super::markers::Style;

/// The title of topic 0.
pub(crate) const GENERAL: &str = "General";

/// A topic before its commitments are found: number, title and paragraph texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    pub(crate) no: u32,
    pub(crate) title: String,
    pub(crate) paragraphs: Vec<String>,
    /// Headings inside the topic that make no topic, each with the index of the paragraph it
    /// stands before.
    pub(crate) subheadings: Vec<(usize, String)>,
}

/// The sections of the body, "General" (0) first, then one per topic heading.
pub(crate) fn sections(units: Vec<Unit>) -> Vec<Section> {
    let units = confirm_unnumbered(units);
    let level = topic_level(&units);
    let mut sections =
        vec![Section { no: 0, title: GENERAL.to_owned(), paragraphs: Vec::new(), subheadings: Vec::new() }];
    let mut numbers = Numbers::default();
    let mut position: u32 = 0;
    for unit in units {
        match unit {
            Unit::Paragraph(text) => {
                if let Some(section) = sections.last_mut() {
                    section.paragraphs.push(text);
                }
            }
            Unit::Heading { number, title, level: md }
                if level.is_some_and(|l| l.makes_topic(number, md)) =>
            {
                position = position.saturating_add(1);
                let wanted = number.map_or(position, |(_, n)| n);
                let no = numbers.take(wanted);
                sections.push(Section { no, title, paragraphs: Vec::new(), subheadings: Vec::new() });
            }
            Unit::Heading { title, .. } => {
                if let Some(section) = sections.last_mut() {
                    section.subheadings.push((section.paragraphs.len(), title));
                }
            }
        }
    }
    sections
}

/// An unnumbered heading must be followed by a paragraph, and one of its paragraphs must read
/// as a sentence (end with a stop, a colon or a comma); otherwise it was a short paragraph (a
/// signature, a place and date) or a line of a masthead ("ASSEMBLY OF THE UNION").
fn confirm_unnumbered(units: Vec<Unit>) -> Vec<Unit> {
    let mut out = Vec::with_capacity(units.len());
    for (i, unit) in units.iter().enumerate() {
        let rest = units.get(i + 1..).unwrap_or_default();
        let paragraphs: Vec<&str> = rest
            .iter()
            .map_while(|u| match u {
                Unit::Paragraph(text) => Some(text.as_str()),
                Unit::Heading { .. } => None,
            })
            .collect();
        let confirmed = paragraphs.iter().any(|p| reads_as_sentence(p));
        match unit {
            Unit::Heading { number: None, title, level: None } if !confirmed => {
                out.push(Unit::Paragraph(title.clone()));
            }
            other => out.push(other.clone()),
        }
    }
    out
}

/// A paragraph that ends like a sentence, a lead-in or a salutation ("The Assembly,").
fn reads_as_sentence(text: &str) -> bool {
    let last = text.trim_end().trim_end_matches(['"', '\'', '”', '’', ')', '）']);
    last.ends_with(['.', ';', ':', ',', '!', '?', '。', '；', '：', '，', '！', '？'])
}

/// Which headings make topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    /// Markdown headings of this level (the highest in the body).
    Markdown(u8),
    /// Headings numbered in this style, or unnumbered ones (`None`).
    Style(Option<Style>),
}

impl Level {
    fn makes_topic(self, number: Option<(Style, u32)>, markdown: Option<u8>) -> bool {
        match self {
            Level::Markdown(level) => markdown == Some(level),
            Level::Style(style) => markdown.is_none() && number.map(|(s, _)| s) == style,
        }
    }
}

/// The headings that make topics: Markdown headings of the highest level when there are any;
/// else the style of the first numbered heading (or unnumbered ones); `None` without headings.
fn topic_level(units: &[Unit]) -> Option<Level> {
    let markdown = units
        .iter()
        .filter_map(|u| match u {
            Unit::Heading { level, .. } => *level,
            Unit::Paragraph(_) => None,
        })
        .min();
    if let Some(level) = markdown {
        return Some(Level::Markdown(level));
    }
    let mut headings = units.iter().filter_map(|u| match u {
        Unit::Heading { number, .. } => Some(number.map(|(style, _)| style)),
        Unit::Paragraph(_) => None,
    });
    let first = headings.next()?;
    Some(Level::Style(first.or_else(|| headings.flatten().next())))
}

/// Topic numbers handed out so far; 0 ("General") is taken from the start.
#[derive(Debug, Default)]
struct Numbers {
    used: HashSet<u32>,
    max: u32,
}

impl Numbers {
    /// The wanted topic number, or the next free one when it is taken (two "1." lists).
    fn take(&mut self, wanted: u32) -> u32 {
        let no = if wanted == 0 || self.used.contains(&wanted) { self.max.saturating_add(1) } else { wanted };
        self.used.insert(no);
        self.max = self.max.max(no);
        no
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(number: Option<(Style, u32)>, title: &str) -> Unit {
        Unit::Heading { number, title: title.to_owned(), level: None }
    }

    fn para(text: &str) -> Unit {
        Unit::Paragraph(text.to_owned())
    }

    fn outline(units: Vec<Unit>) -> Vec<(u32, String, usize)> {
        sections(units).into_iter().map(|s| (s.no, s.title, s.paragraphs.len())).collect()
    }

    #[test]
    fn numbered_topics_keep_their_numbers() {
        let got = outline(vec![
            para("intro"),
            heading(Some((Style::Arabic, 1)), "One"),
            para("a"),
            para("b"),
            heading(Some((Style::Arabic, 3)), "Three"),
            para("c"),
        ]);
        let want = [(0, "General", 1), (1, "One", 2), (3, "Three", 1)];
        assert_eq!(got, want.map(|(n, t, p)| (n, t.to_owned(), p)));
    }

    #[test]
    fn unnumbered_topics_are_numbered_by_position() {
        let got = outline(vec![heading(None, "Energy"), para("a."), heading(None, "Transport"), para("b.")]);
        let want = [(0, "General", 0), (1, "Energy", 1), (2, "Transport", 1)];
        assert_eq!(got, want.map(|(n, t, p)| (n, t.to_owned(), p)));
    }

    #[test]
    fn sub_headings_are_skipped_and_unconfirmed_headings_are_paragraphs() {
        let got = outline(vec![
            heading(None, "Preamble"),
            para("p."),
            heading(Some((Style::ChineseComma, 1)), "总体要求"),
            heading(Some((Style::ChineseParen, 1)), "加强"),
            para("a"),
            heading(Some((Style::ChineseParen, 2)), "推进"),
            para("b"),
            heading(None, "Done in Wuzhen"),
        ]);
        let want = [(0, "General", 1), (1, "总体要求", 3)];
        assert_eq!(got, want.map(|(n, t, p)| (n, t.to_owned(), p)));
    }

    #[test]
    fn a_heading_over_no_sentence_is_a_paragraph() {
        let got = outline(vec![
            heading(None, "ASSEMBLY OF THE UNION"),
            para("Thirty-Ninth Ordinary Session"),
            heading(None, "DECISION ON SEEDS"),
            para("The Assembly,"),
            para("1. DECIDES to act;"),
        ]);
        let want = [(0, "General", 2), (1, "DECISION ON SEEDS", 2)];
        assert_eq!(got, want.map(|(n, t, p)| (n, t.to_owned(), p)));
    }

    #[test]
    fn repeated_numbers_get_the_next_free_one() {
        let got = outline(vec![
            heading(Some((Style::Arabic, 1)), "A"),
            heading(Some((Style::Arabic, 2)), "B"),
            heading(Some((Style::Arabic, 1)), "C"),
        ]);
        let numbers: Vec<u32> = got.iter().map(|s| s.0).collect();
        assert_eq!(numbers, [0, 1, 2, 3]);
    }
}
