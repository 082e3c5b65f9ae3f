//! The prepared names in two buffers, lent to nucleo as its strings.

use nucleo_matcher::Utf32Str;

use super::fold::fold_char;
use super::score::index_u32;

/// The folded names (one `char` per original `char`) in two buffers, one
/// allocation each rather than one per name, lent to nucleo as its
/// borrowed strings: a name that is ASCII once folded as bytes, as nucleo
/// would store it, any other as UTF-32.
///
/// Not `Utf32String::from`, which keeps only the first character of each
/// grapheme and would shift the positions after a combining mark.
#[derive(Default)]
pub(super) struct Store {
    ascii: Vec<u8>,
    chars: Vec<char>,
    spans: Vec<Span>,
}

/// Where a name is: its first element and its length, in `chars` when the
/// length has the [`UNICODE`] bit, else in `ascii`.
#[derive(Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
}

const UNICODE: u32 = 1 << 31;

impl Store {
    pub(super) fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Self {
        let mut store = Self::default();
        for name in names {
            store.push(name.as_ref());
        }
        store.ascii.shrink_to_fit();
        store.chars.shrink_to_fit();
        store.spans.shrink_to_fit();
        store
    }

    fn push(&mut self, name: &str) {
        if name.is_ascii() {
            let start = self.ascii.len();
            self.ascii
                .extend(name.bytes().map(|b| b.to_ascii_lowercase()));
            self.push_span(start, name.len(), 0);
            return;
        }
        let start = self.chars.len();
        self.chars.extend(name.chars().map(fold_char));
        let len = self.chars.len() - start;
        if self.chars[start..].iter().all(char::is_ascii) {
            // A name whose folding is plain ASCII (the Kelvin sign) is
            // stored as nucleo would store it.
            let at = self.ascii.len();
            let folded = self.chars.drain(start..);
            self.ascii
                .extend(folded.map(|c| u8::try_from(c).unwrap_or(b'?')));
            self.push_span(at, len, 0);
        } else {
            self.push_span(start, len, UNICODE);
        }
    }

    fn push_span(&mut self, start: usize, len: usize, kind: u32) {
        self.spans.push(Span {
            start: index_u32(start),
            len: index_u32(len).min(UNICODE - 1) | kind,
        });
    }

    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    /// Name `index`, as nucleo reads it.
    pub(super) fn get(&self, index: usize) -> Option<Utf32Str<'_>> {
        let span = self.spans.get(index)?;
        let start = span.start as usize;
        let end = start + (span.len & !UNICODE) as usize;
        Some(if span.len & UNICODE == 0 {
            Utf32Str::Ascii(self.ascii.get(start..end)?)
        } else {
            Utf32Str::Unicode(self.chars.get(start..end)?)
        })
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = Utf32Str<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}
