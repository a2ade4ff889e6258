//! Terminal tables (comfy-table): a header rule, no colour, cells wrapped to the terminal
//! width when there is one, CJK text aligned by display width.

use std::io::Write;

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle, Width};

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

/// Fits a wide table of figures to the terminal. Every column but `flexible` holds short
/// ASCII figures and must keep them whole (its header may wrap between words); `flexible`
/// (a label) wraps to what is left, down to `flexible_min`. When even that does not fit,
/// columns are hidden in `drop_order` (least important first) until it does. Returns the
/// headers of the hidden columns, so the caller can say what is missing.
pub fn fit(
    table: &mut Table,
    terminal: Terminal,
    flexible: usize,
    flexible_min: u16,
    drop_order: &[usize],
) -> Vec<String> {
    let Some(width) = terminal.width.map(usize::from) else { return Vec::new() };
    let header: Vec<String> =
        table.header().map(|h| h.cell_iter().map(|c| c.content()).collect()).unwrap_or_default();
    let count = header.len();
    let word = |i: usize| header[i].split_whitespace().map(str::len).max().unwrap_or(0);
    let cells = |i: usize| table.column_cells_iter(i).flatten().map(|c| c.content().len()).max().unwrap_or(0);
    let min: Vec<usize> = (0..count).map(|i| word(i).max(cells(i))).collect();
    let full: Vec<usize> = (0..count).map(|i| header[i].len().max(cells(i))).collect();
    // Each visible column takes its width and padding, plus one for the line between columns.
    let needed = |widths: &[usize], hidden: &[usize]| -> usize {
        let fixed: usize = (0..count)
            .filter(|i| *i != flexible && !hidden.contains(i))
            .map(|i| widths[i] + PADDING + 1)
            .sum();
        fixed + usize::from(flexible_min) + PADDING
    };
    if needed(&full, &[]) <= width {
        return Vec::new();
    }
    let mut hidden = Vec::new();
    for &column in drop_order {
        if needed(&min, &hidden) <= width {
            break;
        }
        hidden.push(column);
    }
    for i in (0..count).filter(|i| *i != flexible) {
        let constraint = if hidden.contains(&i) {
            ColumnConstraint::Hidden
        } else {
            ColumnConstraint::Absolute(Width::Fixed((min[i] + PADDING) as u16))
        };
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(constraint);
        }
    }
    hidden.sort_unstable();
    hidden.into_iter().map(|i| header[i].clone()).collect()
}

/// Spaces around every cell (comfy-table's default padding, one each side).
const PADDING: usize = 2;

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(width: Option<u16>) -> (Table, Vec<String>) {
        let header = ["GROUP", "COMMITMENTS", "NOT STARTED", "DONE %", "LAST UPDATE"];
        let mut t = new(&header, &header[1..], Terminal { width });
        t.add_row(vec!["A long label that has to wrap somewhere", "45", "3", "33.3", "2024-06-30"]);
        t.add_row(vec!["Short", "1", "0", "", ""]);
        let hidden = fit(&mut t, Terminal { width }, 0, 12, &[2, 3, 4, 1]);
        (t, hidden)
    }

    fn widest(t: &Table) -> usize {
        t.lines().map(|l| l.trim_end().chars().count()).max().unwrap_or(0)
    }

    #[test]
    fn a_wide_terminal_shows_everything_unwrapped() {
        let (t, hidden) = figures(Some(200));
        assert!(hidden.is_empty());
        assert_eq!(t.lines().count(), 4, "header, rule, two rows");
        let (piped, hidden) = figures(None);
        assert!(hidden.is_empty());
        assert!(widest(&piped) > 80);
    }

    #[test]
    fn a_narrow_terminal_hides_the_least_important_columns_and_keeps_figures_whole() {
        for width in [30u16, 40, 50, 60, 70] {
            let (t, hidden) = figures(Some(width));
            assert!(
                widest(&t) <= usize::from(width),
                "width {width}:\n{}",
                t.lines().collect::<Vec<_>>().join("\n")
            );
            let text: String = t.lines().collect::<Vec<_>>().join("\n");
            for figure in ["45", "2024-06-30", "33.3"] {
                let column = match figure {
                    "45" => "COMMITMENTS",
                    "33.3" => "DONE %",
                    _ => "LAST UPDATE",
                };
                assert!(
                    hidden.iter().any(|h| h == column) || text.contains(figure),
                    "width {width}: {figure} cut"
                );
            }
        }
        let (_, hidden) = figures(Some(40));
        assert_eq!(hidden.first().map(String::as_str), Some("NOT STARTED"), "dropped first");
    }
}
