//! The Asterisk manager interface's text: blocks of `Key: Value` lines, each
//! block ended by an empty line.
//!
//! [`BlockReader`] takes bytes as they arrive (a block may be split across
//! reads anywhere, even inside a CRLF), accepts CRLF or bare LF, ignores
//! lines that are not `Key: Value`, skips lines longer than [`MAX_LINE`], and
//! drops whole blocks with more than [`MAX_FIELDS`] lines or [`MAX_BLOCK`]
//! bytes, so that a broken or hostile peer cannot grow memory without bound.

/// The longest line kept, in bytes.
pub(crate) const MAX_LINE: usize = 4096;
/// The most lines in a block.
pub(crate) const MAX_FIELDS: usize = 128;
/// The most bytes in a block.
pub(crate) const MAX_BLOCK: usize = 32 * 1024;

/// One response or event: its fields in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Block {
    pub fields: Vec<(String, String)>,
}

impl Block {
    /// The first value of `key`, compared without regard to case.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// Whether `key` has this value (both without regard to case).
    pub fn is(&self, key: &str, value: &str) -> bool {
        self.get(key).is_some_and(|v| v.eq_ignore_ascii_case(value))
    }
}

/// Turns a byte stream into [`Block`]s.
#[derive(Debug, Default)]
pub(crate) struct BlockReader {
    line: Vec<u8>,
    /// The current line is too long: its bytes are dropped up to its end.
    skipping_line: bool,
    block: Block,
    block_bytes: usize,
    /// The current block is too big: dropped up to its empty line.
    skipping_block: bool,
}

impl BlockReader {
    /// Takes the next bytes; returns the blocks they complete.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<Block> {
        let mut done = Vec::new();
        for &b in bytes {
            if b == b'\n' {
                let line = std::mem::take(&mut self.line);
                if !std::mem::take(&mut self.skipping_line) {
                    self.end_line(&line, &mut done);
                }
            } else if self.skipping_line {
                continue;
            } else if self.line.len() >= MAX_LINE {
                self.line.clear();
                self.skipping_line = true;
            } else {
                self.line.push(b);
            }
        }
        done
    }

    fn end_line(&mut self, line: &[u8], done: &mut Vec<Block>) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            let block = std::mem::take(&mut self.block);
            if !block.fields.is_empty() && !self.skipping_block {
                done.push(block);
            }
            self.block_bytes = 0;
            self.skipping_block = false;
            return;
        }
        if self.skipping_block {
            return;
        }
        self.block_bytes += line.len();
        if self.block.fields.len() >= MAX_FIELDS || self.block_bytes > MAX_BLOCK {
            self.block = Block::default();
            self.skipping_block = true;
            return;
        }
        if let Some(field) = parse_field(line) {
            self.block.fields.push(field);
        }
    }
}

/// `Key: Value`, the key one word; anything else is not a field.
fn parse_field(line: &[u8]) -> Option<(String, String)> {
    let text = String::from_utf8_lossy(line);
    let (key, value) = text.split_once(':')?;
    let key = key.trim();
    if key.is_empty() || key.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    Some((key.to_owned(), value.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIAL: &str = "Event: DialBegin\r\nPrivilege: call,all\r\nCallerIDNum: 89161234567\r\nDestChannel: PJSIP/101-00000012\r\nUniqueid: 1700000000.1\r\n\r\n";

    fn fields(block: &Block) -> Vec<(&str, &str)> {
        block
            .fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    #[test]
    fn a_block_is_its_fields_in_order() {
        let blocks = BlockReader::default().push(DIAL.as_bytes());
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].get("event"), Some("DialBegin"));
        assert!(blocks[0].is("EVENT", "dialbegin"));
        assert_eq!(blocks[0].get("DestChannel"), Some("PJSIP/101-00000012"));
        assert_eq!(blocks[0].get("Missing"), None);
        assert_eq!(fields(&blocks[0]).len(), 5);
    }

    #[test]
    fn blocks_split_anywhere_across_reads_come_out_whole() {
        let two = format!("{DIAL}Event: Hangup\r\nUniqueid: 1700000000.1\r\n\r\n");
        let whole = BlockReader::default().push(two.as_bytes());
        for size in [1, 2, 3, 7, 64] {
            let mut reader = BlockReader::default();
            let mut got = Vec::new();
            for chunk in two.as_bytes().chunks(size) {
                got.extend(reader.push(chunk));
            }
            assert_eq!(got, whole, "chunks of {size}");
        }
        assert_eq!(whole.len(), 2);
    }

    #[test]
    fn bare_lf_is_accepted() {
        let blocks = BlockReader::default().push(DIAL.replace("\r\n", "\n").as_bytes());
        assert_eq!(blocks, BlockReader::default().push(DIAL.as_bytes()));
    }

    #[test]
    fn garbage_lines_are_ignored_and_empty_blocks_dropped() {
        let text = "\r\n\r\nhello there\r\n: no key\r\nnot a key: x\r\n\u{1b}[2J\r\n\r\nEvent: Hangup\r\njunk\r\nUniqueid: 1.2\r\n\r\n";
        let blocks = BlockReader::default().push(text.as_bytes());
        assert_eq!(blocks.len(), 1);
        assert_eq!(
            fields(&blocks[0]),
            [("Event", "Hangup"), ("Uniqueid", "1.2")]
        );
    }

    #[test]
    fn values_keep_their_colons_and_invalid_utf8_does_not_stop_the_reader() {
        let mut reader = BlockReader::default();
        let mut bytes = b"Event: X\r\nTime: 12:30:05\r\nName: \xff\xfe\r\n\r\n".to_vec();
        bytes.extend_from_slice(b"Event: Y\r\n\r\n");
        let blocks = reader.push(&bytes);
        assert_eq!(blocks[0].get("Time"), Some("12:30:05"));
        assert_eq!(blocks[0].get("Name"), Some("\u{fffd}\u{fffd}"));
        assert_eq!(blocks[1].get("Event"), Some("Y"));
    }

    #[test]
    fn an_overlong_line_is_skipped_and_the_block_survives() {
        let mut reader = BlockReader::default();
        let long = format!("Junk: {}\r\n", "x".repeat(MAX_LINE * 3));
        let mut got = reader.push(b"Event: A\r\n");
        got.extend(reader.push(long.as_bytes()));
        got.extend(reader.push(b"Uniqueid: 1\r\n\r\n"));
        assert_eq!(fields(&got[0]), [("Event", "A"), ("Uniqueid", "1")]);
        assert!(
            reader.line.capacity() <= MAX_LINE * 2,
            "memory stays bounded"
        );
    }

    #[test]
    fn an_endless_block_is_dropped_and_the_next_one_read() {
        let mut reader = BlockReader::default();
        let mut got = Vec::new();
        for i in 0..1000 {
            got.extend(reader.push(format!("Key{i}: value\r\n").as_bytes()));
        }
        assert!(reader.block.fields.len() <= MAX_FIELDS);
        got.extend(reader.push(b"\r\nEvent: Next\r\n\r\n"));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].get("Event"), Some("Next"));
    }
}
