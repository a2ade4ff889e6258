//! The one table writer of every listing (comfy-table underneath): a header rule, no colour,
//! CJK text measured by display width, and a layout that fits the terminal.
//!
//! Each column declares its kind. Ids, statuses, dates and numbers are never split: their
//! column is as wide as their widest value (and header). Only text wraps, between words,
//! and only down to the column's minimum; when the table still does not fit, columns are
//! hidden in the order of their hiding rank and named under the table. Width left over goes
//! to the text columns, so a wide terminal shows text unwrapped. Without a width (a pipe or
//! a file, `COLUMNS` unset) nothing wraps and nothing is hidden.

use std::io::{self, Write};

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, TableStyle, Width};
use unicode_width::UnicodeWidthStr;

use super::Terminal;

/// What a column holds, which decides whether it may wrap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A commitment id, an evidence number, a key: never split.
    Id,
    /// A status or another word from a closed set: never split.
    Status,
    /// A date or a timestamp: never split.
    Date,
    /// A count or a figure: never split, right-aligned.
    Number,
    /// Free text (commitment text, titles, names, notes): wraps between words.
    Text,
}

/// One column of a table.
#[derive(Debug, Clone)]
pub struct Column {
    header: String,
    kind: Kind,
    /// Hidden before columns of a higher rank; `None`: never hidden.
    hide: Option<u8>,
    /// Text only: the narrowest the column wraps to before columns are hidden.
    min: usize,
    /// Text only: cells longer than this many characters are cut, ending with `…`.
    cut: Option<usize>,
}

/// The narrowest a text column gets before other columns are hidden, unless it says otherwise.
const TEXT_MIN: usize = 20;

/// The narrowest a text column gets when every column that may be hidden is.
const TEXT_FLOOR: usize = 8;

impl Column {
    fn new(header: impl Into<String>, kind: Kind) -> Column {
        Column { header: header.into(), kind, hide: None, min: TEXT_MIN, cut: None }
    }

    pub fn id(header: impl Into<String>) -> Column {
        Column::new(header, Kind::Id)
    }

    pub fn status(header: impl Into<String>) -> Column {
        Column::new(header, Kind::Status)
    }

    pub fn date(header: impl Into<String>) -> Column {
        Column::new(header, Kind::Date)
    }

    pub fn number(header: impl Into<String>) -> Column {
        Column::new(header, Kind::Number)
    }

    pub fn text(header: impl Into<String>) -> Column {
        Column::new(header, Kind::Text)
    }

    /// May be hidden to fit the terminal; lower ranks go first.
    pub fn hide(mut self, rank: u8) -> Column {
        self.hide = Some(rank);
        self
    }

    /// A text column's narrowest width before other columns are hidden (default 20).
    pub fn min(mut self, width: usize) -> Column {
        self.min = width;
        self
    }

    /// Cuts a text column's cells to `chars` characters, marking the cut with `…`.
    pub fn cut(mut self, chars: usize) -> Column {
        self.cut = Some(chars);
        self
    }
}

/// A table being filled, row by row.
#[derive(Debug, Clone)]
pub struct Table {
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
    /// Where the hidden columns can be seen, said after their names.
    hint: &'static str,
}

impl Table {
    /// A table with these columns; `hint` says where hidden columns can be seen, e.g.
    /// "--format csv has every column".
    pub fn new(columns: Vec<Column>, hint: &'static str) -> Table {
        Table { columns, rows: Vec::new(), hint }
    }

    /// Adds a row, one cell per column; on a terminal, text cells are cut where their column
    /// says so (Markdown keeps them whole).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The rows as a terminal shows them: text cut where its column says so.
    fn cut_rows(&self) -> Vec<Vec<String>> {
        let cut = |(cell, column): (&String, &Column)| match column.cut {
            Some(chars) if column.kind == Kind::Text => super::shorten(cell, chars),
            _ => cell.clone(),
        };
        self.rows.iter().map(|row| row.iter().zip(&self.columns).map(cut).collect()).collect()
    }

    /// Writes the table as GitHub-flavoured Markdown: every column, every cell whole, numbers
    /// right-aligned.
    pub fn write_markdown(&self, out: &mut impl Write) -> io::Result<()> {
        let header: Vec<&str> = self.columns.iter().map(|c| c.header.as_str()).collect();
        let numbers = self.columns.iter().filter(|c| c.kind == Kind::Number);
        let right: Vec<&str> = numbers.map(|c| c.header.as_str()).collect();
        super::markdown::write_table(out, &header, &right, self.rows.iter().cloned())
    }

    /// Writes the table fitted to `terminal`, each line trimmed of trailing spaces, then a line
    /// naming the columns hidden to fit, if any.
    pub fn write(&self, terminal: Terminal, out: &mut impl Write) -> io::Result<()> {
        let rows = self.cut_rows();
        let widths = self.layout(&rows, terminal.width.map(usize::from));
        for line in self.render(&rows, &widths).lines() {
            writeln!(out, "{}", line.trim_end())?;
        }
        let hidden: Vec<String> = self
            .columns
            .iter()
            .zip(&widths)
            .filter(|(_, width)| width.is_none())
            .map(|(column, _)| column.header.to_lowercase())
            .collect();
        if !hidden.is_empty() {
            let note = format!("Not shown, to fit the terminal: {}; {}.", hidden.join(", "), self.hint);
            write_wrapped(&note, 0, terminal, out)?;
        }
        Ok(())
    }

    /// Each column's content width, or `None` when it is hidden.
    fn layout(&self, rows: &[Vec<String>], width: Option<usize>) -> Vec<Option<usize>> {
        let full: Vec<usize> = (0..self.columns.len()).map(|i| self.full_width(rows, i)).collect();
        let Some(width) = width else { return full.into_iter().map(Some).collect() };
        let mut min: Vec<usize> = self.columns.iter().zip(&full).map(|(c, &f)| c.narrowest(f)).collect();
        let mut shown = vec![true; self.columns.len()];
        while needed(&min, &shown) > width {
            let Some(next) = self.next_to_hide(&shown) else { break };
            shown[next] = false;
        }
        // Nothing left to hide: text wraps narrower than its minimum, down to its header.
        while needed(&min, &shown) > width {
            let widest = (0..min.len())
                .filter(|&i| shown[i] && self.columns[i].kind == Kind::Text)
                .filter(|&i| min[i] > self.columns[i].header.width().max(TEXT_FLOOR))
                .max_by_key(|&i| min[i]);
            let Some(i) = widest else { break };
            min[i] -= 1;
        }
        let mut widths: Vec<Option<usize>> = (0..min.len()).map(|i| shown[i].then_some(min[i])).collect();
        let spare = width.saturating_sub(needed(&min, &shown));
        self.share(&mut widths, &full, spare);
        widths
    }

    /// The widest of the header and every cell line, by display width.
    fn full_width(&self, rows: &[Vec<String>], i: usize) -> usize {
        let cells = rows.iter().filter_map(|row| row.get(i));
        let lines = cells.flat_map(|cell| cell.lines());
        lines.map(UnicodeWidthStr::width).chain([self.columns[i].header.width()]).max().unwrap_or(0)
    }

    /// The shown column with the lowest hiding rank (the rightmost of equals), if any.
    fn next_to_hide(&self, shown: &[bool]) -> Option<usize> {
        let candidates = self.columns.iter().enumerate().filter(|(i, _)| shown[*i]);
        candidates
            .filter_map(|(i, c)| c.hide.map(|rank| (rank, usize::MAX - i)))
            .min()
            .map(|(_, i)| usize::MAX - i)
    }

    /// Gives `spare` width to the shown text columns narrower than their content, evenly.
    fn share(&self, widths: &mut [Option<usize>], full: &[usize], mut spare: usize) {
        loop {
            let growing: Vec<usize> = (0..widths.len())
                .filter(|&i| self.columns[i].kind == Kind::Text && widths[i].is_some_and(|w| w < full[i]))
                .collect();
            if growing.is_empty() || spare == 0 {
                return;
            }
            let share = (spare / growing.len()).max(1);
            for i in growing {
                if let Some(w) = widths[i].as_mut() {
                    let add = share.min(full[i] - *w).min(spare);
                    *w += add;
                    spare -= add;
                }
            }
        }
    }

    fn render(&self, rows: &[Vec<String>], widths: &[Option<usize>]) -> comfy_table::Table {
        let mut table = comfy_table::Table::new();
        table
            .load_style(STYLE)
            .force_no_tty()
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(self.columns.iter().map(|c| c.header.as_str()));
        for row in rows {
            table.add_row(row);
        }
        for (i, (column, width)) in self.columns.iter().zip(widths).enumerate() {
            let Some(target) = table.column_mut(i) else { continue };
            let constraint = match width {
                Some(w) => ColumnConstraint::Absolute(Width::Fixed(clamp(w + PADDING))),
                None => ColumnConstraint::Hidden,
            };
            target.set_constraint(constraint);
            if column.kind == Kind::Number {
                target.set_cell_alignment(CellAlignment::Right);
            }
        }
        table
    }
}

impl Column {
    /// The narrowest this column may be: a value that must stay whole sets it; text may wrap
    /// down to its minimum (never below its header).
    fn narrowest(&self, full: usize) -> usize {
        match self.kind {
            Kind::Text => full.min(self.min).max(self.header.width()),
            _ => full,
        }
    }
}

/// Writes a line of prose (a title, a note, a field), wrapped between words to the terminal's
/// width, continuation lines indented by `hang` spaces.
pub fn write_wrapped(text: &str, hang: usize, terminal: Terminal, out: &mut impl Write) -> io::Result<()> {
    let Some(width) = terminal.width.map(usize::from) else { return writeln!(out, "{text}") };
    let mut line = String::new();
    let mut fresh = true;
    for word in text.split(' ') {
        if !fresh && line.width() + 1 + word.width() > width {
            writeln!(out, "{line}")?;
            line = " ".repeat(hang);
            fresh = true;
        }
        if !fresh {
            line.push(' ');
        }
        line.push_str(word);
        fresh = false;
    }
    writeln!(out, "{line}")
}

/// The width of a table with these content widths, counting the padding and the space
/// between columns.
fn needed(widths: &[usize], shown: &[bool]) -> usize {
    let visible: Vec<usize> = widths.iter().zip(shown).filter(|(_, s)| **s).map(|(w, _)| *w).collect();
    visible.iter().map(|w| w + PADDING).sum::<usize>() + visible.len().saturating_sub(1)
}

fn clamp(width: usize) -> u16 {
    u16::try_from(width).unwrap_or(u16::MAX)
}

const STYLE: TableStyle = TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));

/// Spaces around every cell (comfy-table's default padding, one each side).
const PADDING: usize = 2;

#[cfg(test)]
mod tests {
    use super::*;

    fn figures() -> Table {
        let mut t = Table::new(
            vec![
                Column::text("GROUP").min(12),
                Column::number("COMMITMENTS").hide(4),
                Column::number("NOT STARTED").hide(1),
                Column::number("DONE %").hide(2),
                Column::date("LAST UPDATE").hide(3),
            ],
            "--format csv has every column",
        );
        t.row(
            ["A long label that has to wrap somewhere", "45", "3", "33.3", "2024-06-30"]
                .map(String::from)
                .to_vec(),
        );
        t.row(["Short", "1", "0", "", ""].map(String::from).to_vec());
        t
    }

    fn written(t: &Table, width: Option<u16>) -> String {
        let mut out = Vec::new();
        t.write(Terminal { width }, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn widest(text: &str) -> usize {
        text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
    }

    #[test]
    fn without_a_width_nothing_wraps_or_hides() {
        let text = written(&figures(), None);
        assert_eq!(text.lines().count(), 4, "header, rule, two rows:\n{text}");
        assert!(text.contains("A long label that has to wrap somewhere"));
        assert!(!text.contains("Not shown"));
    }

    #[test]
    fn spare_width_goes_to_text_and_headers_stay_whole() {
        let text = written(&figures(), Some(200));
        assert_eq!(text.lines().count(), 4, "{text}");
        assert!(text.lines().next().unwrap().contains("NOT STARTED"));
    }

    #[test]
    fn narrow_terminals_hide_by_rank_and_keep_figures_whole() {
        for width in [30u16, 40, 50, 60, 70] {
            let text = written(&figures(), Some(width));
            assert!(widest(&text) <= usize::from(width), "width {width}:\n{text}");
            for (figure, header) in [("45", "commitments"), ("33.3", "done %"), ("2024-06-30", "last update")]
            {
                let note = text[text.find("Not shown").unwrap_or(text.len())..].replace('\n', " ");
                let hidden = note.contains(header);
                assert!(
                    hidden || text.lines().any(|l| l.contains(figure)),
                    "width {width}: {figure} split\n{text}"
                );
            }
        }
        let text = written(&figures(), Some(50));
        let one_line = text.replace('\n', " ");
        let note = "Not shown, to fit the terminal: not started, done %; --format csv has every column. ";
        assert!(one_line.ends_with(note), "{text}");
    }

    #[test]
    fn cjk_text_is_measured_by_display_width() {
        let mut t = Table::new(vec![Column::text("TITLE"), Column::id("KEY")], "");
        t.row(vec!["加强数字基础设施建设和互联互通".into(), "zh-1".into()]);
        let text = written(&t, Some(30));
        assert!(widest(&text) <= 30, "{text}");
        assert!(text.lines().any(|l| l.contains("zh-1")));
    }

    #[test]
    fn text_is_cut_where_the_column_says_so() {
        let mut t = Table::new(vec![Column::text("TEXT").cut(10)], "");
        t.row(vec!["improve digital access".into()]);
        assert!(written(&t, None).contains("improve…"));
    }
}
