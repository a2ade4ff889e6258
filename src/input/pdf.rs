//! A PDF's text, extracted in-process with `lopdf` (chosen by measurement against pdftotext:
//! bench/pdf-extract.md). Pages are separated by form feeds, as pdftotext separates them, so the
//! parser can recognise running headers and footers; ligature characters become their letters.

use lopdf::Document;

use super::InputError;

/// Ligature code points (U+FB00–U+FB06) that PDF fonts use, and the letters they stand for.
const LIGATURES: &[(char, &str)] = &[
    ('\u{fb00}', "ff"),
    ('\u{fb01}', "fi"),
    ('\u{fb02}', "fl"),
    ('\u{fb03}', "ffi"),
    ('\u{fb04}', "ffl"),
    ('\u{fb05}', "st"),
    ('\u{fb06}', "st"),
];

/// Longest library message quoted in a refusal.
const MAX_REASON_CHARS: usize = 100;

/// The text of every page, pages separated by `\f`. Refuses an encrypted or damaged PDF and one
/// whose pages hold no text (a scan).
pub fn pdf_text(bytes: &[u8]) -> Result<String, InputError> {
    let document = Document::load_mem(bytes).map_err(load_error)?;
    // lopdf opens a PDF that needs a password without decrypting it (its text then reads as
    // nothing); one that opens with the empty password is decrypted and read as usual.
    if document.is_encrypted() && !document.was_encrypted() {
        return Err(InputError::EncryptedPdf);
    }
    let mut pages = Vec::new();
    for number in document.get_pages().into_keys() {
        let text = document.extract_text(&[number]).map_err(load_error)?;
        pages.push(expand_ligatures(&text));
    }
    let text = pages.join("\u{c}");
    if text.chars().all(char::is_whitespace) {
        return Err(InputError::NoTextLayer);
    }
    Ok(text)
}

fn load_error(error: lopdf::Error) -> InputError {
    match error {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword | lopdf::Error::AlreadyEncrypted => {
            InputError::EncryptedPdf
        }
        other => InputError::BadPdf(other.to_string().chars().take(MAX_REASON_CHARS).collect()),
    }
}

fn expand_ligatures(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match LIGATURES.iter().find(|(ligature, _)| *ligature == c) {
            Some((_, letters)) => out.push_str(letters),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_become_letters() {
        assert_eq!(expand_ligatures("\u{fb01}nal o\u{fb03}ce \u{fb02}ow"), "final office flow");
    }

    #[test]
    fn not_a_pdf_is_damaged() {
        assert!(matches!(pdf_text(b"%PDF-1.7\nnothing else"), Err(InputError::BadPdf(_))));
    }
}
