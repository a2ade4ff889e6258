//! The plain-text layout the Markdown and HTML readers write: words with collapsed white space,
//! blank lines between blocks, one line per list item, a heading's or item's marker before its
//! first word.

/// The separation owed before the next word; a larger one absorbs a smaller one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Space,
    Line,
    Blank,
}

/// Text being laid out.
#[derive(Debug)]
pub(super) struct Layout {
    out: String,
    gap: Gap,
    /// A marker ("#", "-", "1.") written before the next word, if one comes before the block ends.
    marker: Option<String>,
    /// List items open around the current text: their blocks are joined, not separated.
    items: usize,
}

impl Default for Layout {
    fn default() -> Self {
        Layout { out: String::new(), gap: Gap::None, marker: None, items: 0 }
    }
}

impl Layout {
    /// Writes text, collapsing every run of white space (no-break spaces included) to one space.
    pub(super) fn text(&mut self, text: &str) {
        if text.starts_with(char::is_whitespace) {
            self.space();
        }
        for (i, word) in text.split(char::is_whitespace).filter(|w| !w.is_empty()).enumerate() {
            if i > 0 {
                self.space();
            }
            self.word(word);
        }
        if text.ends_with(char::is_whitespace) {
            self.space();
        }
    }

    fn word(&mut self, word: &str) {
        if !self.out.is_empty() {
            self.out.push_str(match self.gap {
                Gap::None => "",
                Gap::Space => " ",
                Gap::Line => "\n",
                Gap::Blank => "\n\n",
            });
        }
        if let Some(marker) = self.marker.take() {
            self.out.push_str(&marker);
            self.out.push(' ');
        }
        self.out.push_str(word);
        self.gap = Gap::None;
    }

    fn owe(&mut self, gap: Gap) {
        self.gap = self.gap.max(gap);
        if gap >= Gap::Line {
            self.marker = None;
        }
    }

    /// A space before the next word (none at the start of a line).
    pub(super) fn space(&mut self) {
        self.owe(Gap::Space);
    }

    /// A line break before the next word.
    pub(super) fn line(&mut self) {
        self.owe(Gap::Line);
    }

    /// A blank line before the next word.
    pub(super) fn blank(&mut self) {
        self.owe(Gap::Blank);
    }

    /// The edge of a block (paragraph, heading): a blank line, or a space inside a list item.
    pub(super) fn block(&mut self) {
        if self.items > 0 { self.space() } else { self.blank() }
    }

    /// A block whose first word is preceded by `marker` (a heading's `#` marks).
    pub(super) fn block_with(&mut self, marker: &str) {
        if self.items > 0 {
            self.line()
        } else {
            self.blank()
        }
        self.marker = Some(marker.to_owned());
    }

    /// The edge of a list: a blank line, or a line break for a list inside an item.
    pub(super) fn list_edge(&mut self) {
        if self.items > 0 { self.line() } else { self.blank() }
    }

    /// Opens a list item written after `marker` ("-", "3.", "(b)").
    pub(super) fn item(&mut self, marker: &str) {
        self.line();
        self.marker = Some(marker.to_owned());
        self.items += 1;
    }

    pub(super) fn item_end(&mut self) {
        self.items = self.items.saturating_sub(1);
        self.line();
    }

    /// The text laid out, ending with one line break (empty when no word was written).
    pub(super) fn finish(self) -> String {
        let mut out = self.out;
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }
}
