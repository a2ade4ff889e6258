//! Which kind of file a statement is: from its first bytes, else from its extension.

use super::InputError;

/// A file kind ctrack reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Markdown,
    Html,
    Pdf,
}

/// PDF readers accept the header anywhere in the first kilobyte.
const PDF_HEADER_WINDOW: usize = 1024;

/// The kind of a file. A signature in the content wins over the extension (a PDF saved as
/// `.txt` is read as a PDF); files of kinds ctrack cannot read are refused with what they are.
pub fn detect(bytes: &[u8], extension: Option<&str>) -> Result<Kind, InputError> {
    if let Some(refusal) = unreadable(bytes) {
        return Err(refusal);
    }
    let head = bytes.get(..PDF_HEADER_WINDOW).unwrap_or(bytes);
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(Kind::Pdf);
    }
    if looks_like_html(bytes) {
        return Ok(Kind::Html);
    }
    let extension = extension.map(str::to_ascii_lowercase);
    Ok(match extension.as_deref() {
        Some("md" | "markdown") => Kind::Markdown,
        Some("html" | "htm" | "xhtml") => Kind::Html,
        _ => Kind::Text,
    })
}

/// Office documents, archives and images, told apart by their signatures.
fn unreadable(bytes: &[u8]) -> Option<InputError> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        return Some(InputError::Document(zip_kind(bytes)));
    }
    if starts(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        return Some(InputError::Document("an old Microsoft Office document (.doc, .xls or .ppt)"));
    }
    if starts(b"{\\rtf") {
        return Some(InputError::Document("an RTF document"));
    }
    let image = if starts(b"\x89PNG\r\n\x1a\n") {
        "a PNG image"
    } else if starts(b"\xff\xd8\xff") {
        "a JPEG image"
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        "a GIF image"
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        "a TIFF image"
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        "a WebP image"
    } else {
        return None;
    };
    Some(InputError::Image(image))
}

/// A zip archive's kind, from the names stored in it (a .docx holds `word/`, an .odt starts
/// with its `mimetype` entry).
fn zip_kind(bytes: &[u8]) -> &'static str {
    let holds = |name: &[u8]| bytes.windows(name.len()).any(|w| w == name);
    if holds(b"word/") {
        "a Word document (.docx)"
    } else if holds(b"application/vnd.oasis.opendocument") {
        "an OpenDocument file (.odt)"
    } else if holds(b"xl/") || holds(b"ppt/") {
        "a spreadsheet or presentation (.xlsx or .pptx)"
    } else {
        "a zip archive"
    }
}

/// Starts (after a BOM, white space and comments) with `<!doctype html` or `<html`.
fn looks_like_html(bytes: &[u8]) -> bool {
    let mut rest = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    loop {
        rest = rest.trim_ascii_start();
        let Some(comment) = rest.strip_prefix(b"<!--") else {
            break;
        };
        let Some(end) = comment.windows(3).position(|w| w == b"-->") else {
            return false;
        };
        rest = comment.get(end + 3..).unwrap_or_default();
    }
    let starts_with =
        |prefix: &[u8]| rest.get(..prefix.len()).is_some_and(|h| h.eq_ignore_ascii_case(prefix));
    starts_with(b"<!doctype html") || starts_with(b"<html") || starts_with(b"<?xml") && is_xhtml(rest)
}

/// An XML declaration followed by an XHTML root.
fn is_xhtml(rest: &[u8]) -> bool {
    let head = rest.get(..PDF_HEADER_WINDOW).unwrap_or(rest).to_ascii_lowercase();
    head.windows(5).any(|w| w == b"<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_content_and_extension() {
        let cases: &[(&[u8], Option<&str>, Kind)] = &[
            (b"Title\nWe will act.", Some("txt"), Kind::Text),
            (b"Title\nWe will act.", None, Kind::Text),
            (b"# Title\nWe will act.", Some("md"), Kind::Markdown),
            (b"# Title\nWe will act.", Some("MARKDOWN"), Kind::Markdown),
            (b"<p>We will act.</p>", Some("htm"), Kind::Html),
            (b"%PDF-1.7\n...", Some("pdf"), Kind::Pdf),
            // Content wins over the extension.
            (b"%PDF-1.4\n...", Some("txt"), Kind::Pdf),
            (b"\xef\xbb\xbf  <!DOCTYPE html><html>", Some("md"), Kind::Html),
            (b"<!-- saved -->\n<HTML lang=en>", Some("txt"), Kind::Html),
            (b"<?xml version=\"1.0\"?>\n<html xmlns=\"x\">", None, Kind::Html),
            (b"<?xml version=\"1.0\"?>\n<note/>", None, Kind::Text),
            (b"Plain text after all", Some("pdf"), Kind::Text),
            (b"junk then %PDF-1.5", None, Kind::Pdf),
        ];
        for (bytes, extension, want) in cases {
            assert_eq!(detect(bytes, *extension), Ok(*want), "bytes {bytes:?} extension {extension:?}");
        }
    }

    #[test]
    fn unreadable_kinds_are_named() {
        let cases: &[(&[u8], InputError)] = &[
            (b"PK\x03\x04....word/document.xml", InputError::Document("a Word document (.docx)")),
            (
                b"PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.text",
                InputError::Document("an OpenDocument file (.odt)"),
            ),
            (b"PK\x03\x04....data.csv", InputError::Document("a zip archive")),
            (b"\x89PNG\r\n\x1a\n....", InputError::Image("a PNG image")),
            (b"\xff\xd8\xff\xe0", InputError::Image("a JPEG image")),
            (b"RIFF\0\0\0\0WEBPVP8", InputError::Image("a WebP image")),
            (b"{\\rtf1\\ansi", InputError::Document("an RTF document")),
        ];
        for (bytes, want) in cases {
            assert_eq!(detect(bytes, Some("txt")).as_ref(), Err(want), "bytes {bytes:?}");
        }
    }
}
