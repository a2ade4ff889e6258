//! A saved web page to the parser's plain text, with `scraper` (html5ever): the page's main
//! content only, headings h1–h4 as `#` lines, list items as lines with their bullet or number,
//! blocks as paragraphs, entities decoded and white space collapsed.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use super::InputError;
use super::layout::Layout;

/// Elements whose content is never the statement's text.
const NEVER_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "form", "svg", "math", "iframe", "object",
    "button", "select", "textarea", "canvas", "audio", "video", "head", "title",
];
/// Site chrome, skipped when no `<main>` or `<article>` marks the content.
const CHROME: &[&str] = &["header", "footer"];
/// Elements that make a paragraph of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "figure",
    "figcaption",
    "table",
    "tr",
    "thead",
    "tbody",
    "pre",
    "address",
    "details",
    "summary",
    "hr",
    "center",
    "fieldset",
    "caption",
    "h5",
    "h6",
    "header",
    "footer",
    "body",
];

/// The parser's text for an HTML page: a `# ` title line (the first `<h1>`, else `<title>`),
/// then the main content: `<main>`, else `<article>`, else the element with `role="main"`,
/// else `<body>` without its header and footer. Refuses a page with no text there.
pub fn html_text(html: &str) -> Result<String, InputError> {
    let document = Html::parse_document(html);
    let (root, chrome) = main_content(&document);
    let heading = first_element(root, "h1");
    let title = heading
        .map(|h1| h1.text().collect::<String>())
        .or_else(|| first_element(document.root_element(), "title").map(|t| t.text().collect()))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let body = lay_out(root, heading.map(|h| h.id()), chrome);
    if body.is_empty() {
        return Err(InputError::EmptyHtml);
    }
    Ok(match title {
        Some(title) => format!("# {title}\n\n{body}"),
        None => body,
    })
}

/// The element holding the page's own content, and whether site chrome (header, footer) may
/// still be inside it.
fn main_content(document: &Html) -> (ElementRef<'_>, bool) {
    let html = document.root_element();
    let found = first_element(html, "main")
        .or_else(|| first_element(html, "article"))
        .or_else(|| elements(html).find(|e| e.value().attr("role") == Some("main")));
    match found {
        Some(root) => (root, false),
        None => (first_element(html, "body").unwrap_or(html), true),
    }
}

fn elements(root: ElementRef<'_>) -> impl Iterator<Item = ElementRef<'_>> {
    root.descendants().filter_map(ElementRef::wrap)
}

fn first_element<'a>(root: ElementRef<'a>, name: &str) -> Option<ElementRef<'a>> {
    elements(root).find(|e| e.value().name() == name)
}

/// An open list: whether it is numbered, its next number, and its numbering type.
struct List {
    ordered: bool,
    next: i64,
    style: char,
}

/// Walks the tree without recursion, so deeply nested pages cannot overflow the stack.
fn lay_out(root: ElementRef<'_>, skip_heading: Option<ego_tree::NodeId>, chrome: bool) -> String {
    let mut out = Layout::default();
    let mut lists: Vec<List> = Vec::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) if skipping.is_none() => match node.value() {
                Node::Text(text) => out.text(text),
                Node::Element(element) => {
                    let name = element.name();
                    let skip = NEVER_TEXT.contains(&name)
                        || (chrome && CHROME.contains(&name))
                        || Some(node.id()) == skip_heading;
                    if skip {
                        skipping = Some(node.id());
                    } else {
                        open(name, element, &mut lists, &mut out);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => match skipping {
                Some(id) if id == node.id() => skipping = None,
                Some(_) => {}
                None => {
                    if let Node::Element(element) = node.value() {
                        close(element.name(), &mut lists, &mut out);
                    }
                }
            },
            Edge::Open(_) => {}
        }
    }
    out.finish()
}

fn open(name: &str, element: &scraper::node::Element, lists: &mut Vec<List>, out: &mut Layout) {
    match name {
        "h1" | "h2" | "h3" | "h4" => out.block_with(&"#".repeat(heading_level(name))),
        "ul" | "ol" | "menu" => {
            out.list_edge();
            let start = element.attr("start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
            let style = element.attr("type").and_then(|t| t.chars().next()).unwrap_or('1');
            lists.push(List { ordered: name == "ol", next: start, style });
        }
        "li" => {
            let marker = match lists.last_mut() {
                Some(list) if list.ordered => {
                    let n = element.attr("value").and_then(|v| v.trim().parse().ok()).unwrap_or(list.next);
                    list.next = n.saturating_add(1);
                    ordinal(n, list.style)
                }
                _ => "-".to_owned(),
            };
            out.item(&marker);
        }
        "br" => out.line(),
        "td" | "th" => out.space(),
        _ if BLOCKS.contains(&name) => out.block(),
        _ => {}
    }
}

fn close(name: &str, lists: &mut Vec<List>, out: &mut Layout) {
    match name {
        "ul" | "ol" | "menu" => {
            lists.pop();
            out.list_edge();
        }
        "li" => out.item_end(),
        "h1" | "h2" | "h3" | "h4" => out.block(),
        "td" | "th" => out.space(),
        _ if BLOCKS.contains(&name) => out.block(),
        _ => {}
    }
}

fn heading_level(name: &str) -> usize {
    name.strip_prefix('h').and_then(|n| n.parse().ok()).unwrap_or(1)
}

/// An ordered item's marker as the page shows it: "3.", "(c)", "C.", "(iii)", "III.".
fn ordinal(n: i64, style: char) -> String {
    let letter = u8::try_from(n).ok().filter(|n| (1..=26).contains(n)).map(|n| char::from(b'a' + n - 1));
    match (style, letter) {
        ('a', Some(c)) => format!("({c})"),
        ('A', Some(c)) => format!("{}.", c.to_ascii_uppercase()),
        ('i', _) if (1..4000).contains(&n) => format!("({})", roman(n).to_lowercase()),
        ('I', _) if (1..4000).contains(&n) => format!("{}.", roman(n)),
        _ => format!("{n}."),
    }
}

fn roman(mut n: i64) -> String {
    const NUMERALS: &[(i64, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_cases() {
        let cases = [
            (
                "<html><head><title>Site | Page</title></head><body><nav>Home</nav><main><h1>The  Title</h1>\
                 <p>We&nbsp;will <b>act</b> &amp; <a href='x'>build</a>.</p></main><footer>(c)</footer></body></html>",
                "# The Title\n\nWe will act & build.\n",
            ),
            (
                "<title>Only a title</title><body><header>Site</header><p>One.</p><div>Two<br>lines</div>\
                 <footer>Foot</footer><script>var x = 1;</script></body>",
                "# Only a title\n\nOne.\n\nTwo\nlines\n",
            ),
            (
                "<body><div role=main><h2>Energy</h2><ul><li>first</li><li><p>second</p></li></ul>\
                 <ol start=3><li>three</li><li>four<ol type=a><li>sub</li></ol></li></ol>\
                 <ol type=I><li value=4>four</li></ol></div><aside>We will not.</aside></body>",
                "## Energy\n\n- first\n- second\n\n3. three\n4. four\n(a) sub\n\nIV. four\n",
            ),
            (
                "<body><article><header><h1>Joint Declaration</h1><p>Rome, 2 May 2025</p></header>\
                 <h5>Small</h5><table><tr><td>a</td><td>b</td></tr></table></article></body>",
                "# Joint Declaration\n\nRome, 2 May 2025\n\nSmall\n\na b\n",
            ),
        ];
        for (html, want) in cases {
            assert_eq!(html_text(html).as_deref(), Ok(want), "html {html:?}");
        }
    }

    #[test]
    fn a_page_without_main_text_is_refused() {
        let pages = [
            "<html><head><title>App</title></head><body><main></main><script>render()</script></body></html>",
            "<html><body><nav>Menu</nav><header>Site</header><footer>Foot</footer></body></html>",
            "",
        ];
        for page in pages {
            assert_eq!(html_text(page), Err(InputError::EmptyHtml), "page {page:?}");
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let page = format!("<body>{}We will act.{}</body>", "<div>".repeat(5_000), "</div>".repeat(5_000));
        assert_eq!(html_text(&page).as_deref(), Ok("We will act.\n"));
    }
}
