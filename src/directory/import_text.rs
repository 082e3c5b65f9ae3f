//! The text of a CSV file to import: UTF-8 (with or without a BOM), or,
//! when the bytes are not UTF-8, Windows-1251, what Russian Excel saves
//! ("CSV (разделители — точки с запятой)").

use std::borrow::Cow;

/// How a file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Windows1251,
}

/// The text of `bytes`, without a UTF-8 BOM, and how it was read.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, TextEncoding) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), TextEncoding::Utf8),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(bytes);
            (text, TextEncoding::Windows1251)
        }
    }
}

/// Counts a text's lines as an editor does: a line ends at `\n`, `\r\n`
/// or a lone `\r`. Asked for byte offsets in increasing order, it counts
/// each part of the text once.
pub struct LineCounter<'a> {
    text: &'a [u8],
    counted_to: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            counted_to: 0,
            line: 1,
        }
    }

    /// The line (from 1) the byte at `offset` is on; an offset before one
    /// asked already gives the line of that one.
    pub fn line_at(&mut self, offset: usize) -> u64 {
        let end = offset.min(self.text.len());
        for i in self.counted_to..end {
            match self.text[i] {
                b'\n' => self.line += 1,
                b'\r' if self.text.get(i + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.counted_to = self.counted_to.max(end);
        self.line
    }

    /// The line a record starts on, given the offset the CSV reader gives
    /// for it: with CRLF endings that is the `\n` ending the line before (it
    /// takes the `\r` as the end of the record), so line breaks at `offset`
    /// are passed over (no record starts with one).
    pub fn record_line(&mut self, offset: usize) -> u64 {
        let breaks = self
            .text
            .get(offset..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        self.line_at(offset + breaks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_or_without_a_bom_and_windows_1251_otherwise() {
        assert_eq!(
            decode("\u{feff}id;Фамилия".as_bytes()),
            (Cow::Borrowed("id;Фамилия"), TextEncoding::Utf8)
        );
        assert_eq!(decode(b"id").1, TextEncoding::Utf8);
        // "Иванова" as Russian Excel saves it.
        let cp1251 = b"1;\xc8\xe2\xe0\xed\xee\xe2\xe0";
        assert_eq!(
            decode(cp1251),
            (Cow::Borrowed("1;Иванова"), TextEncoding::Windows1251)
        );
    }

    #[test]
    fn lines_end_at_lf_crlf_or_cr() {
        let text = "a\r\nb\nc\rd";
        let mut lines = LineCounter::new(text);
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(lines.line_at(3), 2);
        assert_eq!(lines.line_at(5), 3);
        assert_eq!(lines.line_at(7), 4);
        assert_eq!(lines.line_at(2), 4);
    }

    #[test]
    fn records_start_after_the_line_breaks_the_reader_points_at() {
        let text = "id,a\r\n1,x\r\n\r\n2,\"y\r\nz\"\r\n3,w\r\n";
        let mut reader = ::csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let mut lines = LineCounter::new(text);
        let starts: Vec<u64> = reader
            .records()
            .map(|r| {
                let byte = r.expect("record").position().expect("position").byte();
                lines.record_line(usize::try_from(byte).expect("offset"))
            })
            .collect();
        assert_eq!(starts, [2, 4, 6]);
    }
}
