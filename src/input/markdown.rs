//! Markdown to the parser's plain text, with `pulldown-cmark`: headings keep their `#` marks,
//! list items their bullet or number, emphasis and links are reduced to their text, escapes are
//! resolved, and code, HTML and images are dropped or kept as text.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::layout::Layout;

/// The parser's text for a Markdown document.
pub fn markdown_text(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut out = Layout::default();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut skip_depth = 0usize;
    for event in Parser::new_ext(markdown, options) {
        if skip_depth > 0 {
            skip_depth = match event {
                Event::Start(_) => skip_depth + 1,
                Event::End(_) => skip_depth - 1,
                _ => skip_depth,
            };
            continue;
        }
        match event {
            Event::Start(tag) => skip_depth = start(tag, &mut out, &mut lists),
            Event::End(tag) => end(tag, &mut out, &mut lists),
            Event::Text(text) | Event::Code(text) => out.text(&text),
            Event::SoftBreak => out.space(),
            Event::HardBreak => out.line(),
            Event::Rule => out.blank(),
            // Raw HTML, footnote references, task boxes and maths are not the statement's words.
            _ => {}
        }
    }
    out.finish()
}

/// Opens a tag; returns 1 when the tag's content is to be skipped (images, footnote texts).
fn start(tag: Tag, out: &mut Layout, lists: &mut Vec<Option<u64>>) -> usize {
    match tag {
        Tag::Heading { level, .. } => out.block_with(&"#".repeat(heading_level(level))),
        Tag::List(first) => {
            out.list_edge();
            lists.push(first);
        }
        Tag::Item => {
            let marker = match lists.last_mut() {
                Some(Some(n)) => {
                    let marker = format!("{n}.");
                    *n += 1;
                    marker
                }
                _ => "-".to_owned(),
            };
            out.item(&marker);
        }
        Tag::Paragraph | Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::TableRow | Tag::TableHead => {
            out.block()
        }
        Tag::TableCell => out.space(),
        Tag::Image { .. } | Tag::FootnoteDefinition(_) | Tag::MetadataBlock(_) => return 1,
        _ => {}
    }
    0
}

fn end(tag: TagEnd, out: &mut Layout, lists: &mut Vec<Option<u64>>) {
    match tag {
        TagEnd::List(_) => {
            lists.pop();
            out.list_edge();
        }
        TagEnd::Item => out.item_end(),
        TagEnd::Heading(_)
        | TagEnd::Paragraph
        | TagEnd::BlockQuote(_)
        | TagEnd::CodeBlock
        | TagEnd::TableRow
        | TagEnd::TableHead => out.block(),
        _ => {}
    }
}

/// `#` to `####`: the parser reads four levels, so h5 and h6 count as level 4.
fn heading_level(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cases() {
        let cases = [
            ("# Title\n\nSome *emphasis* and **bold**.", "# Title\n\nSome emphasis and bold.\n"),
            ("A line\nwrapped here.\n\nNext.", "A line wrapped here.\n\nNext.\n"),
            (
                "## 1. Energy\n\n**Run-in heading.** We will build [grids](http://x.org) by 2030.",
                "## 1. Energy\n\nRun-in heading. We will build grids by 2030.\n",
            ),
            ("Intro:\n\n- one\n- two\n\nAfter.", "Intro:\n\n- one\n- two\n\nAfter.\n"),
            ("3. three\n4. four\n", "3. three\n4. four\n"),
            ("1\\. Escaped number\n\n\\# not a heading", "1. Escaped number\n\n# not a heading\n"),
            ("- outer\n  - inner\n- last", "- outer\n- inner\n- last\n"),
            ("- loose one\n\n- loose two", "- loose one\n- loose two\n"),
            ("![a chart](c.png) We act.", "We act.\n"),
            ("Text.[^1]\n\n[^1]: A note.", "Text.\n"),
            ("Hard  \nbreak", "Hard\nbreak\n"),
            ("<div>raw</div>\n\nKept.", "Kept.\n"),
            ("> Quoted we will.", "Quoted we will.\n"),
            ("###### Deep", "#### Deep\n"),
            ("", ""),
        ];
        for (markdown, want) in cases {
            assert_eq!(markdown_text(markdown), want, "markdown {markdown:?}");
        }
    }
}
