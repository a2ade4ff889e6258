//! The body of a statement as a sequence of units: headings and paragraphs.
//!
//! Blank lines separate blocks. Inside a block, a line with a list marker starts a new item and
//! other lines continue the item before (hard-wrapped text). An item is a paragraph, a heading,
//! a heading followed by its first paragraph ("1. Heading" then text on the next line), or an
//! inline heading ("II. Digital infrastructure. We should …").

use super::cues::en;
use super::dates::first_date;
use super::decode::{is_cjk, normalize_space, trim_space};
use super::document::Block;
use super::markers::{Marker, Style, split_marker, to_roman};
use super::sentences::sentences;
use super::words::{Kind, tokenize};

/// A numbered heading has at most this many words ("1. Stimulating new impetus of innovative
/// growth for high quality development of digital economy" has 13).
const MAX_NUMBERED_HEADING_WORDS: usize = 20;
/// An unnumbered heading is shorter, since any short line could otherwise pass for one.
const MAX_HEADING_WORDS: usize = 12;
/// A heading directly followed by text (no blank line) is shorter still.
const MAX_TIGHT_HEADING_WORDS: usize = 8;
/// An inline heading ("II. Digital infrastructure. …") is a short first sentence.
const MAX_INLINE_HEADING_WORDS: usize = 8;
const MAX_INLINE_HEADING_CJK: usize = 16;
/// CJK headings are counted in characters.
const MAX_HEADING_CJK: usize = 40;

/// Marks that end a sentence or a lead-in, so a line ending with one is no heading.
const SENTENCE_ENDS: &[char] = &['.', ';', ':', ',', '!', '?', '。', '；', '：', '，', '！', '？', '…'];
/// Words a hard-wrapped line may end with, but a heading does not.
const LINKING_WORDS: &[&str] =
    &["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"];
/// Words that start a sentence about someone, never a heading.
const PRONOUNS: &[&str] = &["we", "i", "it", "this", "there", "they", "these", "those", "our"];
/// Characters that make a short Chinese first sentence a statement rather than a heading.
const ZH_STATEMENT_CHARS: &[char] = &['应', '将', '愿', '要', '是'];

/// A heading or a paragraph of the body, whitespace-normalised, markers stripped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unit {
    /// A heading with its number, if any; the title is never empty.
    Heading {
        number: Option<(Style, u32)>,
        title: String,
        /// The level of a Markdown heading; `None` for headings found by their look.
        level: Option<u8>,
    },
    Paragraph(String),
}

/// The lines of one list item: its marker (if it has one) and its text lines.
struct Item<'a> {
    marker: Option<Marker>,
    lines: Vec<&'a str>,
}

/// The units of the body (the text after the title line), in document order.
#[cfg(test)]
pub(crate) fn units(body: &str) -> Vec<Unit> {
    let blocks: Vec<Block> = blocks(body)
        .into_iter()
        .map(|lines| Block { lines: lines.into_iter().map(str::to_owned).collect(), heading: None })
        .collect();
    block_units(&blocks, false)
}

/// The units of a document's blocks, in document order; `logical` when the blocks' lines are
/// already unwrapped (one paragraph, item or heading per line).
pub(crate) fn block_units(blocks: &[Block], logical: bool) -> Vec<Unit> {
    let mut out = Vec::new();
    for block in blocks {
        if let (Some(level), Some(title)) = (block.heading, block.lines.first()) {
            markdown_heading(level, title, &mut out);
            continue;
        }
        let lines: Vec<&str> = block.lines.iter().map(String::as_str).collect();
        for item in items(&lines, logical) {
            classify(&item, &mut out);
        }
    }
    name_bare_headings(out)
}

/// A Markdown heading, numbered when its text starts with a number ("## 2. Energy").
fn markdown_heading(level: u8, title: &str, out: &mut Vec<Unit>) {
    let (number, title) = match split_marker(title) {
        Some((Marker::Numbered(style, n), rest)) if !rest.is_empty() => (Some((style, n)), rest),
        _ => (None, title),
    };
    out.push(Unit::Heading { number, title: normalize_space(title), level: Some(level) });
}

/// Non-blank trimmed lines, grouped by blank lines.
#[cfg(test)]
fn blocks(body: &str) -> Vec<Vec<&str>> {
    let mut blocks = vec![Vec::new()];
    for line in body.lines().map(trim_space) {
        match blocks.last_mut() {
            Some(block) if !line.is_empty() => block.push(line),
            Some(block) if !block.is_empty() => blocks.push(Vec::new()),
            _ => {}
        }
    }
    blocks.retain(|b| !b.is_empty());
    blocks
}

/// The list items of a block: a line continues the item before unless it starts a marker or a
/// heading, or, for `logical` lines (unwrapped by the document layer), unless the line before
/// ended a sentence or a list item ("…;" then "Restore …", an item without its bullet).
fn items<'a>(block: &[&'a str], logical: bool) -> Vec<Item<'a>> {
    let mut items: Vec<Item> = Vec::new();
    for (i, &line) in block.iter().enumerate() {
        let (marker, text) = match split_marker(line) {
            Some((marker, rest)) => (Some(marker), rest),
            None => (None, line),
        };
        let heading_inside = i
            .checked_sub(1)
            .and_then(|p| block.get(p))
            .is_some_and(|previous| heading_between(previous, line, block.get(i + 1)));
        let ended = i.checked_sub(1).and_then(|p| block.get(p)).is_some_and(|previous| {
            let previous = previous.trim_end_matches(is_closer);
            previous.ends_with(['.', ';', ':', '!', '?', '。', '；', '：', '！', '？'])
        });
        let continues = marker.is_none() && !heading_inside && !(logical && ended);
        match items.last_mut() {
            Some(item) if continues => item.lines.push(line),
            _ => items.push(Item { marker, lines: vec![text] }),
        }
    }
    items
}

/// A heading in the middle of a block (single line breaks only): the line before it ends a
/// sentence, and the line after it starts a new one or a list item.
fn heading_between(previous: &str, line: &str, next: Option<&&str>) -> bool {
    let previous_ends = previous.trim_end_matches(is_closer).ends_with(SENTENCE_ENDS);
    previous_ends
        && heading_line(line, MAX_TIGHT_HEADING_WORDS)
        && next.is_some_and(|next| starts_new_line(line, next))
}

fn classify(item: &Item, out: &mut Vec<Unit>) {
    match item.marker {
        Some(Marker::Bullet) => push_paragraph(out, &item.lines),
        Some(Marker::Numbered(style, n)) => numbered(Some((style, n)), &item.lines, out),
        None => unnumbered(&item.lines, out),
    }
}

fn numbered(number: Option<(Style, u32)>, lines: &[&str], out: &mut Vec<Unit>) {
    let (first, rest) = match lines.split_first() {
        Some((first, rest)) => (*first, rest),
        None => return,
    };
    if first.is_empty() {
        // "II." alone: its title may be the next line (see `name_bare_headings`).
        out.push(Unit::Heading { number, title: String::new(), level: None });
        unnumbered(rest, out);
    } else if numbered_heading_line(first, rest.first()) {
        push_heading(out, number, first);
        push_paragraph(out, rest);
    } else {
        let text = join(lines);
        match inline_heading(&text) {
            Some((title, paragraph)) => {
                push_heading(out, number, title);
                push_paragraph(out, &[paragraph]);
            }
            None => push_paragraph(out, &[&text]),
        }
    }
}

/// "1. Open contracting" alone, or followed by a line that starts a new sentence; a longer
/// first line followed by text is more likely a hard-wrapped numbered paragraph.
fn numbered_heading_line(line: &str, next: Option<&&str>) -> bool {
    match next {
        None => heading_line(line, MAX_NUMBERED_HEADING_WORDS),
        Some(next) => heading_line(line, MAX_TIGHT_HEADING_WORDS) && starts_new_line(line, next),
    }
}

fn unnumbered(lines: &[&str], out: &mut Vec<Unit>) {
    let Some((first, rest)) = lines.split_first() else {
        return;
    };
    let alone = rest.is_empty() && heading_line(first, MAX_HEADING_WORDS);
    let tight = rest
        .first()
        .is_some_and(|next| heading_line(first, MAX_TIGHT_HEADING_WORDS) && starts_new_line(first, next));
    if (alone || tight) && first_date(first).is_none() {
        push_heading(out, None, first);
        push_paragraph(out, rest);
    } else {
        push_paragraph(out, lines);
    }
}

fn push_heading(out: &mut Vec<Unit>, number: Option<(Style, u32)>, title: &str) {
    out.push(Unit::Heading { number, title: normalize_space(title), level: None });
}

fn push_paragraph(out: &mut Vec<Unit>, lines: &[&str]) {
    let text = join(lines);
    if !text.is_empty() {
        out.push(Unit::Paragraph(text));
    }
}

/// Joins hard-wrapped lines with a space (none between two CJK characters), normalised.
fn join(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines.iter().map(|l| trim_space(l)).filter(|l| !l.is_empty()) {
        let cjk_seam =
            out.chars().next_back().is_some_and(is_cjk_text) && line.chars().next().is_some_and(is_cjk_text);
        if !out.is_empty() && !cjk_seam {
            out.push(' ');
        }
        out.push_str(line);
    }
    normalize_space(&out)
}

/// Closing quotes and brackets, which may follow a sentence's final stop.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | '）' | '」' | '》')
}

/// CJK characters and CJK punctuation (full-width forms included).
fn is_cjk_text(c: char) -> bool {
    is_cjk(c) || matches!(c, '\u{3001}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// A line that can be a heading: one short phrase starting with a capital (or CJK) that does not
/// end like a sentence or a lead-in.
fn heading_line(line: &str, max_words: usize) -> bool {
    let Some(first) = line.chars().find(|c| c.is_alphanumeric()) else {
        return false;
    };
    let last = line.chars().rev().find(|&c| !is_closer(c));
    let words = tokenize(line).iter().filter(|t| t.is_wordlike()).count();
    let cjk = line.chars().filter(|&c| is_cjk(c)).count();
    (first.is_uppercase() || is_cjk(first) || first.is_numeric())
        && last.is_some_and(|c| !SENTENCE_ENDS.contains(&c))
        && sentences(line).len() == 1
        && words <= max_words
        && cjk <= MAX_HEADING_CJK
}

/// A heading line followed directly by `next` (no blank line) must look finished, and the next
/// line must start like a sentence: otherwise it is a hard-wrapped paragraph.
fn starts_new_line(line: &str, next: &str) -> bool {
    let ends_linked = line
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| LINKING_WORDS.contains(&w.to_lowercase().as_str()));
    let next_starts =
        next.chars().next().is_some_and(|c| c.is_uppercase() || is_cjk(c) || split_marker(next).is_some());
    !ends_linked && next_starts
}

/// "Digital infrastructure. We should …" → ("Digital infrastructure", "We should …"): a short
/// first sentence with no verb of its own, followed by more text.
fn inline_heading(text: &str) -> Option<(&str, &str)> {
    let spans = sentences(text);
    let (first, second) = (spans.first()?, spans.get(1)?);
    let sentence = text.get(first.clone())?;
    let title = sentence.strip_suffix(['.', '。'])?;
    let rest = text.get(second.start..)?;
    let tokens = tokenize(title);
    let words = tokens.iter().filter(|t| t.is_wordlike()).count();
    let cjk = tokens.iter().filter(|t| t.kind == Kind::Cjk).count();
    let starts_well = title.chars().next().is_some_and(|c| c.is_uppercase() || is_cjk(c));
    let english_ok = words <= MAX_INLINE_HEADING_WORDS
        && !tokens.iter().any(|t| t.is_any(&en().finite))
        && !tokens.first().is_some_and(|t| t.is_any(PRONOUNS));
    let chinese_ok = cjk <= MAX_INLINE_HEADING_CJK && !title.contains(ZH_STATEMENT_CHARS);
    (starts_well && english_ok && chinese_ok && !title.contains([',', '，'])).then_some((title, rest))
}

/// Gives bare numbered headings ("II." alone) a title: the unnumbered heading right after it,
/// or else the number itself.
fn name_bare_headings(units: Vec<Unit>) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for unit in units {
        if let Unit::Heading { number: None, title, .. } = &unit
            && let Some(Unit::Heading { number: Some(_), title: bare, .. }) = out.last_mut()
            && bare.is_empty()
        {
            bare.clone_from(title);
            continue;
        }
        out.push(unit);
    }
    for unit in &mut out {
        if let Unit::Heading { number: Some((style, n)), title, .. } = unit
            && title.is_empty()
        {
            *title = match style {
                Style::Roman => to_roman(*n),
                _ => n.to_string(),
            };
        }
    }
    out
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

    #[test]
    fn unit_cases() {
        use Style::*;
        let cases: Vec<(&str, Vec<Unit>)> = vec![
            (
                "1. Stimulating new impetus of growth\n\nAccelerate the pace.\n\nFollow the trend.",
                vec![
                    heading(Some((Arabic, 1)), "Stimulating new impetus of growth"),
                    para("Accelerate the pace."),
                    para("Follow the trend."),
                ],
            ),
            (
                "I. As we mark the anniversary, the Forum was held in Wuzhen. Representatives held discussions.",
                vec![para(
                    "As we mark the anniversary, the Forum was held in Wuzhen. Representatives held discussions.",
                )],
            ),
            (
                "II. Digital infrastructure. We should build networks.",
                vec![heading(Some((Roman, 2)), "Digital infrastructure"), para("We should build networks.")],
            ),
            (
                "II. Digitization is a major sign of change. It also helps.",
                vec![para("Digitization is a major sign of change. It also helps.")],
            ),
            (
                "III\n\nTransport\n\nExpand lanes.",
                vec![heading(Some((Roman, 3)), "Transport"), para("Expand lanes.")],
            ),
            ("IV.\n\nExpand lanes.", vec![heading(Some((Roman, 4)), "IV"), para("Expand lanes.")]),
            (
                "Transport\n- Expand bus lanes.\n- Plant trees\n  along avenues.",
                vec![
                    heading(None, "Transport"),
                    para("Expand bus lanes."),
                    para("Plant trees along avenues."),
                ],
            ),
            (
                "Cities should act on these points, and the Council will\nreport back in spring.",
                vec![para("Cities should act on these points, and the Council will report back in spring.")],
            ),
            (
                "Our shared vision for the\nCity of 2030 is ambitious.",
                vec![para("Our shared vision for the City of 2030 is ambitious.")],
            ),
            (
                "2. Open contracting\nThe Ministry will publish contracts.",
                vec![
                    heading(Some((Arabic, 2)), "Open contracting"),
                    para("The Ministry will publish contracts."),
                ],
            ),
            (
                "一、总体要求\n\n（一）加强数字基础设施建设\n各方应加强合作。",
                vec![
                    heading(Some((ChineseComma, 1)), "总体要求"),
                    heading(Some((ChineseParen, 1)), "加强数字基础设施建设"),
                    para("各方应加强合作。"),
                ],
            ),
            (
                "（二）数字治理。我们应\n完善规则。",
                vec![heading(Some((ChineseParen, 2)), "数字治理"), para("我们应完善规则。")],
            ),
            ("Wuzhen, 9 November 2023\n\nText.", vec![para("Wuzhen, 9 November 2023"), para("Text.")]),
            (
                "The Parties commit to:\n(a) reduce waste;\n(b) plant trees.",
                vec![para("The Parties commit to:"), para("reduce waste;"), para("plant trees.")],
            ),
            (
                "3. We agree to conclude negotiations on the Digital Economy Framework\nAgreement by 2025.",
                vec![para(
                    "We agree to conclude negotiations on the Digital Economy Framework Agreement by 2025.",
                )],
            ),
            (
                "We will plant trees.\nTransport\n- Expand lanes",
                vec![para("We will plant trees."), heading(None, "Transport"), para("Expand lanes")],
            ),
            ("\n\n  \n", vec![]),
        ];
        for (body, want) in cases {
            assert_eq!(units(body), want, "body {body:?}");
        }
    }
}
