//! A statement read as a document before it is read as sentences: pages, page furniture,
//! footnotes, Markdown, hard-wrapped lines and a UN cover resolution, turned into a title and
//! blocks of logical lines (one paragraph, list item or heading per line).
//!
//! The principle: a hard-wrapped paragraph gives exactly the logical line the same paragraph
//! written on one line gives, and page furniture never reaches a paragraph.

use std::collections::BTreeSet;

use super::decode::trim_space;
use super::footnotes::{note_number, notes_start, strip_markers};
use super::furniture::{is_furniture, is_running, masthead_len, running_lines};
use super::markdown::{MdLine, inline, read_line};
use super::markers::split_marker;
use super::unwrap::{continues, continues_across_page, is_bare_marker, join_into, wrap_width};

/// An annexed declaration's title and subtitle take at most this many lines.
const MAX_ANNEX_TITLE_LINES: usize = 3;

/// The organs whose resolution may wrap a declaration in a cover ("The General Assembly,").
const COVER_OPENERS: &[&str] = &[
    "The General Assembly",
    "The Security Council",
    "The Human Rights Council",
    "The Economic and Social Council",
    "The Conference of the Parties",
    "The Assembly",
];

/// A statement's text as a document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Document {
    /// The first logical line (a Markdown heading's text when it is one).
    pub(crate) title: String,
    /// The blocks of the body, in order.
    pub(crate) blocks: Vec<Block>,
    /// Lines removed as page furniture (headers, footers, counters, masthead, footnotes).
    pub(crate) furniture: Vec<String>,
    /// Logical lines of a cover resolution around an annexed declaration.
    pub(crate) cover: Vec<String>,
}

/// Logical lines that belong together (no blank line or heading between them).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Block {
    pub(crate) lines: Vec<String>,
    /// The level of a Markdown heading (`#` count, or a bold run-in heading's level).
    pub(crate) heading: Option<u8>,
}

/// One physical line after furniture is taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Line {
    Text(String),
    Heading {
        level: u8,
        title: String,
    },
    Blank,
    /// A page break, or furniture removed: the text on either side may be one paragraph.
    Break,
}

/// Reads the text (line ends already unified) as a document.
pub(crate) fn read(text: &str) -> Document {
    let mut furniture = Vec::new();
    let lines = physical_lines(text, &mut furniture);
    let width = wrap_width(&lines.iter().filter_map(as_text).collect::<Vec<_>>());
    let mut blocks = assemble(lines, width);
    let title = take_title(&mut blocks);
    let cover = take_cover(&mut blocks);
    Document { title, blocks, furniture, cover }
}

fn as_text(line: &Line) -> Option<&str> {
    match line {
        Line::Text(text) => Some(text),
        _ => None,
    }
}

/// The lines of every page without furniture and footnotes, Markdown read, footnote markers
/// stripped; `furniture` receives what was removed.
fn physical_lines(text: &str, furniture: &mut Vec<String>) -> Vec<Line> {
    let pages: Vec<Vec<&str>> = text.split('\u{c}').map(|page| page.lines().collect()).collect();
    let all: Vec<&str> = pages.iter().flatten().copied().collect();
    let running = running_lines(&pages);
    let masthead = pages.first().map_or(0, |first| masthead_len(first));
    let pages = if pages.len() == 1 { sheets(pages, &running) } else { pages };
    // Lines of the first real page seen so far (the masthead is counted on it).
    let mut seen = 0;
    let mut notes = BTreeSet::new();
    let mut out = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        if p > 0 {
            out.push(Line::Break);
        }
        let foot = notes_start(page, &all).unwrap_or(page.len());
        for (i, raw) in page.iter().enumerate() {
            let line = trim_space(raw);
            let in_masthead = seen < masthead;
            seen += 1;
            let removed = in_masthead || i >= foot || is_furniture(line) || is_running(line, &running);
            if line.is_empty() {
                out.push(Line::Blank);
            } else if removed {
                let bare = line.parse::<u32>().ok().filter(|_| line.len() <= 3);
                notes.extend(note_number(line).or(bare).filter(|_| i >= foot));
                furniture.push(line.to_owned());
                out.push(Line::Break);
            } else {
                out.push(Line::Text(line.to_owned()));
            }
        }
    }
    out.into_iter().flat_map(|line| read_markdown(line, &notes)).collect()
}

/// Text without form feeds (copied from a viewer) cut into pages after each line of furniture
/// (a page number, a running header), so that footnotes are looked for at each page's foot.
fn sheets<'a>(pages: Vec<Vec<&'a str>>, running: &[String]) -> Vec<Vec<&'a str>> {
    let mut out = vec![Vec::new()];
    for line in pages.into_iter().flatten() {
        // A bare number may be a footnote marker on its own line, not a page's end.
        let bare_number = line.trim().bytes().all(|b| b.is_ascii_digit());
        let ends_page = (is_furniture(line) && !bare_number) || is_running(line, running);
        if let Some(sheet) = out.last_mut() {
            sheet.push(line);
        }
        if ends_page {
            out.push(Vec::new());
        }
    }
    out
}

/// A text line with its footnote markers stripped and its Markdown read.
fn read_markdown(line: Line, notes: &BTreeSet<u32>) -> Vec<Line> {
    let Line::Text(text) = line else {
        return vec![line];
    };
    match read_line(&strip_markers(&without_soft_hyphens(&text), notes)) {
        MdLine::Text(text) if trim_space(&text).is_empty() => vec![Line::Blank],
        MdLine::Text(text) => vec![Line::Text(trim_space(&text).to_owned())],
        MdLine::Rule => vec![Line::Blank],
        MdLine::Heading { level, title, rest } => {
            let mut out = vec![Line::Blank, Line::Heading { level, title }];
            out.extend(rest.map(Line::Text));
            out
        }
    }
}

/// The line without the soft hyphens inside it; one at its end stays, as a hyphenation.
fn without_soft_hyphens(line: &str) -> String {
    let body = line.trim_end_matches('\u{ad}');
    let mut out = body.replace('\u{ad}', "");
    out.push_str(line.get(body.len()..).unwrap_or_default());
    out
}

/// What separates the line before from the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Blank,
    Break,
}

/// Blocks of logical lines.
fn assemble(lines: Vec<Line>, width: Option<usize>) -> Vec<Block> {
    let mut builder = Builder { width, ..Builder::default() };
    for line in lines {
        match line {
            Line::Blank => builder.gap = builder.gap.max(Gap::Blank),
            Line::Break => builder.gap = Gap::Break,
            Line::Heading { level, title } => builder.heading(level, title),
            Line::Text(text) => builder.text(text),
        }
    }
    builder.finish()
}

#[derive(Debug)]
struct Builder {
    width: Option<usize>,
    blocks: Vec<Block>,
    block: Vec<String>,
    /// The logical line being built and the last physical line in it.
    current: Option<(String, String)>,
    gap: Gap,
}

impl Default for Builder {
    fn default() -> Self {
        Builder { width: None, blocks: Vec::new(), block: Vec::new(), current: None, gap: Gap::None }
    }
}

impl Builder {
    fn text(&mut self, text: String) {
        let joins = self.current.as_ref().is_some_and(|(logical, last)| self.joins(logical, last, &text));
        match self.current.as_mut() {
            Some((logical, last)) if joins => {
                join_into(logical, &text);
                *last = text;
            }
            _ => {
                self.end_line();
                if self.gap != Gap::None {
                    self.end_block();
                }
                self.current = Some((text.clone(), text));
            }
        }
        self.gap = Gap::None;
    }

    fn joins(&self, logical: &str, last: &str, next: &str) -> bool {
        let bare_arabic =
            is_bare_marker(logical) && logical.starts_with(|c: char| c.is_ascii_digit() || c == '(');
        let lower = next.starts_with(char::is_lowercase);
        match self.gap {
            Gap::None => bare_arabic || continues(last, next, self.width),
            Gap::Blank => bare_arabic || (lower && continues_across_page(last, next, self.width)),
            // A sentence that goes on in lowercase after a page break or a removed marker line
            // ("(AMIS)" / "2" / "on fertilizer markets") is one paragraph.
            Gap::Break => bare_arabic || lower || continues_across_page(last, next, self.width),
        }
    }

    fn heading(&mut self, level: u8, title: String) {
        self.end_line();
        self.end_block();
        self.blocks.push(Block { lines: vec![title], heading: Some(level) });
        self.gap = Gap::Blank;
    }

    fn end_line(&mut self) {
        if let Some((logical, _)) = self.current.take() {
            self.block.push(inline(&logical));
        }
    }

    fn end_block(&mut self) {
        if !self.block.is_empty() {
            self.blocks.push(Block { lines: std::mem::take(&mut self.block), heading: None });
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.end_line();
        self.end_block();
        self.blocks
    }
}

/// Takes the first logical line out of the blocks as the title.
fn take_title(blocks: &mut Vec<Block>) -> String {
    let Some(first) = blocks.first_mut() else {
        return String::new();
    };
    let title = if first.lines.is_empty() { String::new() } else { first.lines.remove(0) };
    if first.lines.is_empty() {
        blocks.remove(0);
    }
    title
}

/// Takes out a cover resolution ("The General Assembly," … up to "Annex"), the "Annex" line and
/// the annexed declaration's title lines, returning their lines.
fn take_cover(blocks: &mut Vec<Block>) -> Vec<String> {
    let lines: Vec<(usize, &String)> =
        blocks.iter().enumerate().flat_map(|(b, block)| block.lines.iter().map(move |l| (b, l))).collect();
    let opens = |l: &str| COVER_OPENERS.iter().any(|o| l.starts_with(o)) && l.ends_with(',');
    let Some(start) = lines.iter().position(|(_, l)| opens(l)) else {
        return Vec::new();
    };
    let Some(annex) = lines.iter().skip(start).position(|(_, l)| is_annex_line(l)).map(|i| i + start) else {
        return Vec::new();
    };
    let titles = lines
        .iter()
        .skip(annex + 1)
        .take(MAX_ANNEX_TITLE_LINES)
        .take_while(|(b, l)| blocks.get(*b).is_some_and(|b| b.heading.is_none()) && is_title_line(l))
        .count();
    let end = annex + 1 + titles;
    let mut kept: Vec<Block> = Vec::new();
    let mut cover = Vec::new();
    let mut last_block = None;
    for (i, (b, line)) in lines.into_iter().enumerate() {
        if (start..end).contains(&i) {
            cover.push(line.clone());
            continue;
        }
        let heading = blocks.get(b).and_then(|block| block.heading);
        match kept.last_mut() {
            Some(block) if last_block == Some(b) => block.lines.push(line.clone()),
            _ => kept.push(Block { lines: vec![line.clone()], heading }),
        }
        last_block = Some(b);
    }
    *blocks = kept;
    cover
}

/// A title line of an annexed declaration: short, no list marker, no final stop.
fn is_title_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words <= 16 && !ends_sentence(line) && !line.ends_with(',') && split_marker(line).is_none()
}

/// "Annex", "Annex I", "ANNEX".
pub(crate) fn is_annex_line(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let first = words.next().is_some_and(|w| w.eq_ignore_ascii_case("annex"));
    let rest: Vec<&str> = words.collect();
    first && rest.len() <= 1 && rest.iter().all(|w| w.chars().all(|c| "IVX".contains(c)))
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', ';', ':', '。'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(doc: &Document) -> Vec<Vec<String>> {
        doc.blocks.iter().map(|b| b.lines.clone()).collect()
    }

    #[test]
    fn wrapped_paragraphs_become_one_line() {
        let text = "Chair's Statement of the Forum on Digital Cooperation in the\nAsia-Pacific Region\n\n1. We will strengthen our cooperation on digital public\ninfrastructure and expand access to affordable connectivity\nin all regions, and we will support the work of the\nSecretariat.\n2. We welcome the report.\n";
        let doc = read(text);
        assert_eq!(
            doc.title,
            "Chair's Statement of the Forum on Digital Cooperation in the Asia-Pacific Region"
        );
        assert_eq!(
            lines_of(&doc),
            [[
                "1. We will strengthen our cooperation on digital public infrastructure and expand access to affordable connectivity in all regions, and we will support the work of the Secretariat.",
                "2. We welcome the report.",
            ]]
        );
    }

    #[test]
    fn furniture_and_page_breaks_do_not_cut_paragraphs() {
        let text = "Declaration\n\n1. We will strengthen cooperation on\n\nA/RES/80/1\n3/12\n\u{c}24-01234 (E)\n\ndigital matters and support the Secretariat.\n\n12\n\n2. We will act.";
        let doc = read(text);
        assert_eq!(
            lines_of(&doc),
            [
                vec!["1. We will strengthen cooperation on digital matters and support the Secretariat."],
                vec!["2. We will act."]
            ]
        );
        assert_eq!(doc.furniture, ["A/RES/80/1", "3/12", "24-01234 (E)", "12"]);
    }

    #[test]
    fn footnotes_at_a_page_foot_are_removed() {
        let text = "Declaration\n\n1. We build on the Sendai Framework12 and will act in\n2020–20303 on\n\n12 Resolution 69/283.\n3 Report of the Panel.\n\u{c}the priorities agreed.\n";
        let doc = read(text);
        assert_eq!(
            lines_of(&doc),
            [["1. We build on the Sendai Framework and will act in 2020–2030 on the priorities agreed."]]
        );
    }

    #[test]
    fn a_paragraph_number_alone_joins_its_text() {
        let doc = read("Title\n\n12.\nWe will act.\n\n13.\n\nWe will go.");
        assert_eq!(lines_of(&doc), [vec!["12. We will act."], vec!["13. We will go."]]);
    }

    #[test]
    fn markdown_headings_are_blocks() {
        let doc = read("# Plan\n\n## Energy\n**Heat.** We will [insulate](x) homes.\n- Install *pumps*");
        assert_eq!(doc.title, "Plan");
        let got: Vec<(Vec<String>, Option<u8>)> =
            doc.blocks.iter().map(|b| (b.lines.clone(), b.heading)).collect();
        let want = vec![
            (vec!["Energy".to_owned()], Some(2)),
            (vec!["Heat".to_owned()], Some(7)),
            (vec!["We will insulate homes.".to_owned(), "- Install pumps".to_owned()], None),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn a_cover_resolution_is_set_apart() {
        let text = "78/3. Political declaration\n\nThe General Assembly,\n\nRecalling its resolution 70/1,\n\n1. Endorses the political declaration annexed to the present resolution.\n\nAnnex\n\nPolitical declaration on oceans\n\n1. We will act.";
        let doc = read(text);
        assert_eq!(lines_of(&doc), [vec!["1. We will act."]]);
        assert_eq!(doc.cover.len(), 5);
    }
}
