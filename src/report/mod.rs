//! Rendering only: rows in, bytes out to any `impl Write`. One row struct per listing feeds
//! the table, CSV, JSON and Markdown writers, so columns cannot drift between formats.

pub mod csv;
pub mod detail;
pub mod diff;
pub mod entries;
pub mod evidence;
pub mod file;
pub mod html;
pub mod import_summary;
pub mod json;
pub mod lines;
pub mod lint;
pub mod list;
pub mod markdown;
pub mod owners;
pub mod progress_import;
pub mod rounds;
pub mod rows;
pub mod show;
pub mod sink;
pub mod statements;
pub mod summary;
pub mod table;

/// How text cells are written for spreadsheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CsvStyle {
    /// Write text as is, without the spreadsheet-safety quote.
    pub raw: bool,
    /// UTF-8 BOM, CRLF line ends, `YYYY-MM-DD HH:MM:SS` timestamps.
    pub excel: bool,
}

/// How wide a table may be and whether it may use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Terminal {
    /// Wrap cells to fit this many columns; `None` never wraps (pipes and files).
    pub width: Option<u16>,
}

/// Shortens `text` to at most `max` characters, ending with `…` when cut; the cut falls
/// between words when one is near, else between characters (CJK text has no spaces).
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = match kept.rfind(' ') {
        Some(space) if space >= kept.len() / 2 => &kept[..space],
        _ => kept.as_str(),
    };
    format!("{}…", at_word.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_on_characters_and_marks_the_cut() {
        assert_eq!(shorten("improve digital access", 40), "improve digital access");
        assert_eq!(shorten("improve digital access", 10), "improve…");
        assert_eq!(shorten("加强数字基础设施建设", 5), "加强数字…");
    }
}
