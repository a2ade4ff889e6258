//! What the csv crate does not say about a file: which separator its header uses (`,`, `;` as
//! spreadsheets write in many countries, or tab), whether a quoted cell is still open at the
//! end (every row after the quote became part of that cell), and where a NUL byte is. The
//! bytes of a cell left open are kept, so the rows after its line can be read on their own.

use std::io::{BufRead, BufReader, Chain, Cursor, Read};

/// The separators ctrack reads, found from the header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    Comma,
    Semicolon,
    Tab,
}

impl Separator {
    const ALL: [Separator; 3] = [Separator::Comma, Separator::Semicolon, Separator::Tab];

    /// The byte between cells.
    pub fn byte(self) -> u8 {
        match self {
            Separator::Comma => b',',
            Separator::Semicolon => b';',
            Separator::Tab => b'\t',
        }
    }

    /// The separator as messages show it.
    pub fn shown(self) -> &'static str {
        match self {
            Separator::Comma => "\",\"",
            Separator::Semicolon => "\";\"",
            Separator::Tab => "tab",
        }
    }

    /// The separator a header line uses: the one that occurs most often outside quotes; a
    /// comma when there is none (a one-column header) or a tie.
    pub fn sniff(line: &[u8]) -> Separator {
        let mut counts = [0usize; 3];
        let mut quoted = false;
        for byte in line {
            match byte {
                b'"' => quoted = !quoted,
                _ if quoted => {}
                _ => {
                    if let Some(i) = Separator::ALL.iter().position(|s| s.byte() == *byte) {
                        counts[i] += 1;
                    }
                }
            }
        }
        let best = (0..3).rev().max_by_key(|i| (counts[*i], std::cmp::Reverse(*i))).unwrap_or(0);
        if counts[best] == 0 { Separator::Comma } else { Separator::ALL[best] }
    }
}

/// Input whose header line was read ahead to sniff the separator, then put back.
pub type Sniffed<R> = Chain<Cursor<Vec<u8>>, BufReader<R>>;

/// Reads `input`'s first line, finds its separator and gives back the whole input.
pub fn sniff<R: Read>(input: R) -> std::io::Result<(Separator, Sniffed<R>)> {
    let mut input = BufReader::new(input);
    let mut header = Vec::new();
    input.read_until(b'\n', &mut header)?;
    Ok((Separator::sniff(&header), Cursor::new(header).chain(input)))
}

/// Where a scanner stands, as the csv crate's parser would (RFC 4180, with `""` for a quote
/// inside a quoted cell and a quote inside an unquoted cell kept as written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    /// At the start of a cell.
    CellStart,
    /// Inside a cell that did not start with a quote.
    Unquoted,
    /// Inside a quoted cell.
    Open,
    /// Just after a quote inside a quoted cell: it closed the cell, or starts `""`.
    MaybeClosed,
}

/// Passes bytes through unchanged while following the quoting and noting NUL bytes.
pub struct Scan<R> {
    inner: R,
    separator: u8,
    state: Quote,
    /// Bytes seen, to skip a UTF-8 byte order mark as the csv crate does.
    seen: u64,
    /// The current line (1 is the first).
    line: u64,
    /// The line where the cell that is open now started.
    open_line: u64,
    /// The bytes since the quote that opened the cell open now.
    open_bytes: Vec<u8>,
    /// The first line with a NUL byte.
    nul_line: Option<u64>,
}

impl<R> Scan<R> {
    pub fn new(inner: R, separator: Separator) -> Scan<R> {
        Scan {
            inner,
            separator: separator.byte(),
            state: Quote::CellStart,
            seen: 0,
            line: 1,
            open_line: 0,
            open_bytes: Vec::new(),
            nul_line: None,
        }
    }

    /// When a quoted cell is still open at the end: the line it opened on, and the bytes
    /// after that line (the rows the open cell swallowed). Call after the last read.
    pub fn unclosed(&self) -> Option<(u64, &[u8])> {
        if !matches!(self.state, Quote::Open) {
            return None;
        }
        let after_line =
            self.open_bytes.iter().position(|b| *b == b'\n').map_or(&[][..], |i| &self.open_bytes[i + 1..]);
        Some((self.open_line, after_line))
    }

    /// What the scan found, once every byte was read: the line of the first NUL byte, and
    /// an unclosed cell's line with the bytes after that line (see `unclosed`).
    pub fn into_ending(mut self) -> (Option<u64>, Option<(u64, Vec<u8>)>) {
        let unclosed = self.unclosed().map(|(line, rest)| (line, rest.len()));
        let unclosed = unclosed.map(|(line, len)| {
            let start = self.open_bytes.len() - len;
            (line, self.open_bytes.split_off(start))
        });
        (self.nul_line, unclosed)
    }

    fn step(&mut self, byte: u8) {
        self.seen += 1;
        let at_bom = self.seen <= 3 && byte == [0xef, 0xbb, 0xbf][self.seen as usize - 1];
        if at_bom && self.state == Quote::CellStart {
            return;
        }
        if byte == 0 && self.nul_line.is_none() {
            self.nul_line = Some(self.line);
        }
        let ends_cell = byte == self.separator || matches!(byte, b'\n' | b'\r');
        self.state = match (self.state, byte) {
            (Quote::CellStart, b'"') => {
                self.open_line = self.line;
                self.open_bytes.clear();
                Quote::Open
            }
            (Quote::CellStart | Quote::Unquoted | Quote::MaybeClosed, _) if ends_cell => Quote::CellStart,
            (Quote::CellStart | Quote::Unquoted, _) => Quote::Unquoted,
            (Quote::Open, b'"') => Quote::MaybeClosed,
            (Quote::Open, _) => Quote::Open,
            (Quote::MaybeClosed, b'"') => Quote::Open,
            (Quote::MaybeClosed, _) => Quote::Unquoted,
        };
        if matches!(self.state, Quote::Open | Quote::MaybeClosed) {
            self.open_bytes.push(byte);
        }
        if byte == b'\n' {
            self.line += 1;
        }
    }
}

impl<R: Read> Read for Scan<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        buf[..n].iter().for_each(|b| self.step(*b));
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a scan of `bytes` finds: the line of an unclosed quote, the line of a NUL.
    fn scan(bytes: &[u8]) -> (Option<u64>, Option<u64>) {
        let mut scan = Scan::new(bytes, Separator::Comma);
        std::io::copy(&mut scan, &mut std::io::sink()).unwrap();
        (scan.unclosed().map(|(line, _)| line), scan.nul_line)
    }

    #[test]
    fn only_a_quote_left_open_at_the_end_is_unclosed() {
        for (bytes, want) in [
            (&b"a,b\n1,2\n"[..], None),
            (b"a,\"b,c\"\n", None),
            (b"a,\"say \"\"hi\"\"\"\n", None),
            (b"a,\"two\nlines\"\n", None),
            (b"a,5\" screen\n", None),
            (b"\xef\xbb\xbf\"a,b\",c\n", None),
            (b"a,\"b\"x,c\n", None),
            (b"a,b\n1,\"oops\n2,3\n", Some(2)),
            (b"a,b\r\n1,2\r\n3,\"oops", Some(3)),
            (b"\"", Some(1)),
        ] {
            assert_eq!(scan(bytes).0, want, "{:?}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn an_unclosed_cell_gives_back_the_lines_after_its_own() {
        let mut scan = Scan::new(&b"a,b\n1,\"oops\r\n2,3\n4,\"\"5\n"[..], Separator::Comma);
        std::io::copy(&mut scan, &mut std::io::sink()).unwrap();
        assert_eq!(scan.unclosed(), Some((2, &b"2,3\n4,\"\"5\n"[..])));
    }

    #[test]
    fn the_first_nul_byte_is_found_on_its_line() {
        assert_eq!(scan(b"a,b\n1,2\n").1, None);
        assert_eq!(scan(b"a,b\n1,2\n3,\0\n\0").1, Some(3));
        assert_eq!(scan(&"a,b".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>()).1, Some(1));
    }

    #[test]
    fn the_header_tells_the_separator() {
        for (header, want) in [
            (&b"commitment,as_of,status\n"[..], Separator::Comma),
            (b"commitment;as_of;status\r\n", Separator::Semicolon),
            (b"commitment\tas_of\tstatus", Separator::Tab),
            (b"\"a;b\",c\n", Separator::Comma),
            (b"commitment\n", Separator::Comma),
            (b"", Separator::Comma),
            (b"a,b;c\n", Separator::Comma),
        ] {
            assert_eq!(Separator::sniff(header), want, "{:?}", String::from_utf8_lossy(header));
        }
    }

    #[test]
    fn a_sniffed_input_reads_whole() {
        let (separator, mut input) = sniff(&b"a;b\n1;2\n"[..]).unwrap();
        let mut text = String::new();
        input.read_to_string(&mut text).unwrap();
        assert_eq!((separator, text.as_str()), (Separator::Semicolon, "a;b\n1;2\n"));
    }
}
