//! Terminal tables (comfy-table): a header rule, no colour, cells wrapped to the terminal
//! width when there is one, CJK text aligned by display width.

use std::io::Write;

use comfy_table::{CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};

use super::Terminal;

const STYLE: TableStyle = TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));

/// A table with ctrack's look and `header`; columns named in `right` are right-aligned.
pub fn new(header: &[&str], right: &[&str], terminal: Terminal) -> Table {
    let mut table = Table::new();
    table.load_style(STYLE).force_no_tty().set_header(header.to_vec());
    match terminal.width {
        Some(width) => {
            table.set_width(width).set_content_arrangement(ContentArrangement::Dynamic);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    for (i, name) in header.iter().enumerate() {
        if right.contains(name) {
            if let Some(column) = table.column_mut(i) {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    table
}

/// Writes the table, each line trimmed of trailing spaces.
pub fn write(table: &Table, out: &mut impl Write) -> std::io::Result<()> {
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
