//! List markers at the start of a line: numbered ("1.", "II.", "（一）", "一、") and bullets
//! ("-", "•", "a)", "(a)", "1)").

use super::decode::{is_space, trim_space};

/// How a numbered line is numbered; topics take one style, other styles are sub-levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Style {
    /// "1." or "1、"
    Arabic,
    /// "II."
    Roman,
    /// "B." (a capital letter other than a Roman numeral)
    Letter,
    /// "（一）" or "(一)"
    ChineseParen,
    /// "一、"
    ChineseComma,
}

/// The marker a line starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    Numbered(Style, u32),
    Bullet,
}

/// Symbols that start a bullet item; those in the first list need a space after them.
const SPACED_BULLETS: &[char] = &['-', '*', '–', '—', '+'];
const BULLETS: &[char] = &['•', '·', '▪', '◦', '‣', '●', '○', '■', '□', '►', '➢'];

/// The marker a (trimmed) line starts with and the text after it, trimmed.
pub(crate) fn split_marker(line: &str) -> Option<(Marker, &str)> {
    chinese_paren(line)
        .or_else(|| chinese_comma(line))
        .or_else(|| symbol_bullet(line))
        .or_else(|| paren_bullet(line))
        .or_else(|| roman(line))
        .or_else(|| letter(line))
        .or_else(|| arabic(line))
        .map(|(marker, rest)| (marker, trim_space(rest)))
}

/// "（一）", "(一)".
fn chinese_paren(line: &str) -> Option<(Marker, &str)> {
    let inner = line.strip_prefix(['（', '('])?;
    let close = inner.find(['）', ')'])?;
    let n = chinese_number(inner.get(..close)?)?;
    let rest = inner.get(close..)?.strip_prefix(['）', ')'])?;
    Some((Marker::Numbered(Style::ChineseParen, n), rest))
}

/// "一、", "十二、", and "1、" (Arabic numbers with the Chinese enumeration comma).
fn chinese_comma(line: &str) -> Option<(Marker, &str)> {
    let comma = line.find('、')?;
    let head = line.get(..comma)?;
    let rest = line.get(comma + '、'.len_utf8()..)?;
    if let Some(n) = chinese_number(head) {
        return Some((Marker::Numbered(Style::ChineseComma, n), rest));
    }
    let n = small_arabic(head)?;
    Some((Marker::Numbered(Style::Arabic, n), rest))
}

/// A Markdown heading line ("# Title" to "#### Title"): the title after the hashes, trimmed.
/// Headings are always on a line of their own.
pub(crate) fn atx_heading(line: &str) -> Option<&str> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let rest = line.get(hashes..)?;
    ((1..=6).contains(&hashes) && rest.starts_with(is_space))
        .then(|| trim_space(rest))
        .filter(|t| !t.is_empty())
}

/// "- item", "• item".
fn symbol_bullet(line: &str) -> Option<(Marker, &str)> {
    let first = line.chars().next()?;
    let rest = line.get(first.len_utf8()..)?;
    let spaced = SPACED_BULLETS.contains(&first) && rest.starts_with(is_space);
    (spaced || BULLETS.contains(&first)).then_some((Marker::Bullet, rest))
}

/// "a) item", "(a) item", "1) item", "(iv) item", "（1）item".
fn paren_bullet(line: &str) -> Option<(Marker, &str)> {
    let (inner, rest) = match line.strip_prefix(['(', '（']) {
        Some(open) => {
            let close = open.find([')', '）'])?;
            (open.get(..close)?, open.get(close..)?.strip_prefix([')', '）'])?)
        }
        None => {
            let close = line.find(')')?;
            (line.get(..close)?, line.get(close + 1..)?)
        }
    };
    let short = !inner.is_empty() && inner.len() <= 4;
    let digits_or_lower =
        inner.chars().all(|c| c.is_ascii_digit()) || inner.chars().all(|c| c.is_ascii_lowercase());
    let one_capital = inner.len() == 1 && inner.chars().all(|c| c.is_ascii_uppercase());
    let label = (short && digits_or_lower) || one_capital;
    let separated = rest.is_empty() || rest.starts_with(is_space) || line.starts_with('（');
    (label && separated).then_some((Marker::Bullet, rest))
}

/// "II. text", "II." and "II" alone.
fn roman(line: &str) -> Option<(Marker, &str)> {
    let end = line.find(|c: char| !matches!(c, 'I' | 'V' | 'X' | 'L')).unwrap_or(line.len());
    let n = roman_number(line.get(..end)?)?;
    let rest = line.get(end..)?;
    if rest.is_empty() {
        return Some((Marker::Numbered(Style::Roman, n), rest));
    }
    let rest = rest.strip_prefix('.')?;
    (rest.is_empty() || rest.starts_with(is_space)).then_some((Marker::Numbered(Style::Roman, n), rest))
}

/// "B. text" (B = 2); "I.", "V.", "X." and "L." are read as Roman numerals first.
fn letter(line: &str) -> Option<(Marker, &str)> {
    let mut chars = line.chars();
    let (letter, dot) = (chars.next()?, chars.next()?);
    let rest = chars.as_str();
    let n = u32::from(letter).checked_sub(u32::from('A'))? + 1;
    let marker = letter.is_ascii_uppercase() && dot == '.' && rest.starts_with(is_space);
    marker.then_some((Marker::Numbered(Style::Letter, n), rest))
}

/// "1. text", "12." (up to three digits, so "2023. The" is no marker).
fn arabic(line: &str) -> Option<(Marker, &str)> {
    let dot = line.find('.')?;
    let n = small_arabic(line.get(..dot)?)?;
    let rest = line.get(dot + 1..)?;
    (rest.is_empty() || rest.starts_with(is_space)).then_some((Marker::Numbered(Style::Arabic, n), rest))
}

fn small_arabic(digits: &str) -> Option<u32> {
    let ok = (1..=3).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| digits.parse().ok()).flatten().filter(|&n| n > 0)
}

/// 一 = 1 … 十 = 10, 十一 = 11, 二十 = 20, 九十九 = 99.
pub(crate) fn chinese_number(text: &str) -> Option<u32> {
    let digit = |c: char| {
        let position = "一二三四五六七八九".chars().position(|d| d == c)?;
        u32::try_from(position + 1).ok()
    };
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        [d] if *d == '十' => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', u] => Some(10 * digit(*t)? + digit(*u)?),
        _ => None,
    }
}

/// Canonical Roman numerals from I to LXXXIX; "IIII" or "VX" are not numbers.
pub(crate) fn roman_number(text: &str) -> Option<u32> {
    let value = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let values: Vec<u32> = text.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in values.iter().enumerate() {
        let next = values.get(i + 1).copied().unwrap_or(0);
        if *v < next {
            total -= i64::from(*v);
        } else {
            total += i64::from(*v);
        }
    }
    let n = u32::try_from(total).ok().filter(|&n| n > 0)?;
    (to_roman(n) == text).then_some(n)
}

/// The canonical Roman numeral for `n` (1 to 89).
pub(crate) fn to_roman(mut n: u32) -> String {
    const PARTS: [(u32, &str); 7] =
        [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut out = String::new();
    for (value, letters) in PARTS {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_cases() {
        use Marker::*;
        use Style::*;
        let cases = [
            ("1. Stimulating growth", Some((Numbered(Arabic, 1), "Stimulating growth"))),
            ("12.", Some((Numbered(Arabic, 12), ""))),
            ("2023. The year", None),
            ("2.5 percent", None),
            (
                "II. Digital infrastructure. We should",
                Some((Numbered(Roman, 2), "Digital infrastructure. We should")),
            ),
            ("IV", Some((Numbered(Roman, 4), ""))),
            ("XIV. Heading", Some((Numbered(Roman, 14), "Heading"))),
            ("IIII. No", None),
            ("B. Health", Some((Numbered(Letter, 2), "Health"))),
            ("B.", None),
            ("U.S. policy", None),
            ("I will go", None),
            ("It is", None),
            ("（一）加强合作", Some((Numbered(ChineseParen, 1), "加强合作"))),
            ("(十二) 标题", Some((Numbered(ChineseParen, 12), "标题"))),
            ("三、重点任务", Some((Numbered(ChineseComma, 3), "重点任务"))),
            ("二十一、附则", Some((Numbered(ChineseComma, 21), "附则"))),
            ("2、推进", Some((Numbered(Arabic, 2), "推进"))),
            ("- Expand lanes", Some((Bullet, "Expand lanes"))),
            ("-5% growth", None),
            ("•Expand", Some((Bullet, "Expand"))),
            ("– item", Some((Bullet, "item"))),
            ("a) reduce", Some((Bullet, "reduce"))),
            ("(a) reduce", Some((Bullet, "reduce"))),
            ("(iv) reduce", Some((Bullet, "reduce"))),
            ("1) reduce", Some((Bullet, "reduce"))),
            ("（1）推进", Some((Bullet, "推进"))),
            ("(AI) is", None),
            ("(see above)", None),
            ("我们、各方", None),
            ("", None),
        ];
        for (line, want) in cases {
            assert_eq!(split_marker(line), want, "line {line:?}");
        }
    }

    #[test]
    fn numeral_cases() {
        assert_eq!(roman_number("LXXXIX"), Some(89));
        assert_eq!(roman_number("IX"), Some(9));
        assert_eq!(roman_number("IC"), None);
        assert_eq!(roman_number(""), None);
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("十一"), Some(11));
        assert_eq!(chinese_number("九十九"), Some(99));
        assert_eq!(chinese_number("十十"), None);
        assert_eq!(chinese_number("零"), None);
    }
}
