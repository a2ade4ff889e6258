//! The review of a parse: every heading, sentence and removed line with its verdict and the
//! words that decided it, for `import statement --explain`.

use super::clauses::{SentenceClauses, topic_clauses};
use super::decode::trim_space;
use super::document::Document;
use super::outline::Section;

/// What the parser made of a piece of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A sentence or list item that holds commitments.
    Commitment,
    /// A sentence that ends with a colon and introduces items ("The partnership will:").
    LeadIn,
    /// A topic or sub-topic heading.
    Heading,
    /// A line of page furniture (header, footer, page counter, masthead, footnote).
    Furniture,
    /// A sentence that holds no commitment.
    Background,
}

impl Verdict {
    /// The verdict's one spelling, in output and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Commitment => "commitment",
            Verdict::LeadIn => "lead-in",
            Verdict::Heading => "heading",
            Verdict::Furniture => "furniture",
            Verdict::Background => "background",
        }
    }
}

/// One verdict on one piece of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub verdict: Verdict,
    /// `T.P` for a sentence, `T` for a topic heading; `None` for sub-headings and removed lines.
    pub location: Option<String>,
    /// The sentence, heading or line, verbatim (whitespace-normalised).
    pub text: String,
    /// The words that decided ("We will", "We welcome", "cover resolution"); `None` when no cue
    /// was found (a sentence without any commitment cue).
    pub cue: Option<String>,
    /// A commitment's clauses: id `T.P.C` and text.
    pub clauses: Vec<(String, String)>,
}

/// The judgement of every piece, in order: the cover resolution, then topic by topic each
/// heading and sentence, then the furniture removed from the pages.
pub(crate) fn judge(doc: &Document, sections: &[Section]) -> Vec<Judgement> {
    let mut out: Vec<Judgement> =
        doc.cover.iter().map(|l| removed(Verdict::Background, l, "cover resolution")).collect();
    for section in sections {
        if section.no != 0 {
            out.push(heading(Some(section.no.to_string()), &section.title));
        }
        let mut subheadings = section.subheadings.iter().peekable();
        let found = topic_clauses(&section.paragraphs);
        for (i, (text, found)) in section.paragraphs.iter().zip(&found).enumerate() {
            while let Some((_, title)) = subheadings.next_if(|(at, _)| *at <= i) {
                out.push(heading(None, title));
            }
            let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
            paragraph(section.no, no, text, found, &mut out);
        }
        out.extend(subheadings.map(|(_, title)| heading(None, title)));
    }
    out.extend(doc.furniture.iter().map(|l| removed(Verdict::Furniture, l, "page furniture")));
    out
}

fn removed(verdict: Verdict, line: &str, cue: &str) -> Judgement {
    Judgement {
        verdict,
        location: None,
        text: trim_space(line).to_owned(),
        cue: Some(cue.to_owned()),
        clauses: Vec::new(),
    }
}

fn heading(location: Option<String>, title: &str) -> Judgement {
    Judgement { verdict: Verdict::Heading, location, text: title.to_owned(), cue: None, clauses: Vec::new() }
}

/// The judgements of one paragraph's sentences; clauses are numbered across the paragraph.
fn paragraph(topic: u32, no: u32, text: &str, found: &[SentenceClauses], out: &mut Vec<Judgement>) {
    let mut clause_no = 0;
    for sentence in found {
        let Some(sentence_text) = text.get(sentence.sentence.clone()) else {
            continue;
        };
        let clauses: Vec<(String, String)> = sentence
            .clauses
            .iter()
            .filter_map(|r| text.get(r.clone()))
            .map(|clause| {
                clause_no += 1;
                (format!("{topic}.{no}.{clause_no}"), clause.to_owned())
            })
            .collect();
        let verdict = if !clauses.is_empty() {
            Verdict::Commitment
        } else if sentence_text.trim_end().ends_with([':', '：']) {
            Verdict::LeadIn
        } else {
            Verdict::Background
        };
        let cue = sentence.cue.clone().and_then(|r| text.get(r)).map(str::to_owned);
        let location = Some(format!("{topic}.{no}"));
        out.push(Judgement { verdict, location, text: sentence_text.to_owned(), cue, clauses });
    }
}
