//! Readers for the file kinds a statement comes in: plain text, Markdown, HTML and PDF. Each is
//! a pure function from a file's bytes to the plain text the statement parser reads:
//! Markdown-flavoured, with headings as `# ` lines, list items as `- `, `1. ` or `(a) ` lines,
//! paragraphs separated by blank lines, no markup, and pages (PDF only) separated by form feeds.

mod html;
mod kind;
mod layout;
mod markdown;
mod pdf;

pub use html::html_text;
pub use kind::{Kind, detect};
pub use markdown::markdown_text;
pub use pdf::pdf_text;

use crate::statement::{self, ParseError};

/// Why a file cannot be read as a statement. Each message completes a sentence that starts
/// with the file's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error(
        "is a PDF with no text layer (a scanned image?): run OCR on it, e.g. `ocrmypdf`, or save its text as a .txt file"
    )]
    NoTextLayer,
    #[error(
        "is an encrypted PDF: save a copy without a password from your PDF viewer, or save its text as a .txt file"
    )]
    EncryptedPdf,
    #[error("is a damaged PDF that cannot be read ({0}): export it again, or save its text as a .txt file")]
    BadPdf(String),
    #[error("is {0}, not a statement's text: save it as PDF, HTML or plain text (.txt) and import that")]
    Document(&'static str),
    #[error(
        "is {0}, not a statement's text: run OCR on it, e.g. `tesseract`, or save its text as a .txt file"
    )]
    Image(&'static str),
    #[error(
        "is an HTML page with no main text: save the page that holds the statement itself, or copy its text into a .txt file"
    )]
    EmptyHtml,
    /// The text itself is unreadable or holds no statement (the parser's own refusal).
    #[error("cannot be read: {0}")]
    Text(#[from] ParseError),
}

/// The text of a statement file for the parser: decodes text kinds, extracts a PDF's text.
/// `extension` is the file name's, if any; the content decides when they disagree.
pub fn read(bytes: &[u8], extension: Option<&str>) -> Result<String, InputError> {
    match detect(bytes, extension)? {
        Kind::Text => Ok(statement::decode(bytes)?),
        Kind::Markdown => Ok(markdown_text(&statement::decode(bytes)?)),
        Kind::Html => html_text(&statement::decode(bytes)?),
        Kind::Pdf => pdf_text(bytes),
    }
}
