//! Copying to the operator's clipboard through the terminal: OSC 52.
//!
//! The program writes `ESC ] 52 ; c ; <base64 of the text> BEL` to its
//! terminal, and the terminal puts the text into the system clipboard. It
//! needs no X11 or Wayland access, so it works over SSH too.
//!
//! Inside tmux the plain sequence is enough when tmux has
//! `set -g set-clipboard on`: tmux itself reads the sequence from the pane,
//! stores the text as a paste buffer (whatever the outer terminal is), and
//! passes it on to the outer terminal when that terminal announces OSC 52
//! support (`Ms` capability, or `terminal-features ...:clipboard`). Wrapping
//! the sequence in a DCS passthrough (`ESC P tmux; …`) is therefore not
//! done: it would bypass tmux's buffer, and it needs `allow-passthrough`,
//! which is off by default. With tmux's default `set-clipboard external`,
//! programs in panes cannot set the clipboard at all; that is the operator's
//! tmux setting to change, not something to work around.
//! `tests/tmux/clipboard.rs` checks the buffer in a real tmux.

use std::io::Write;

/// The most base64 a sequence may carry. Terminals cap OSC 52 (xterm and
/// others at around 100 000 bytes, some lower) and drop longer sequences
/// silently; a card's address or contact is far below this.
pub const MAX_ENCODED_LEN: usize = 75_000;

/// Why a text was not copied.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    /// Nothing left to copy once control characters were removed.
    #[error("nothing to copy")]
    Empty,
    /// The text is too long for the terminals' limit.
    #[error("text too long to copy: {encoded} bytes encoded, at most {max}")]
    TooLong { encoded: usize, max: usize },
    /// The terminal could not be written to.
    #[error("could not write to the terminal: {0}")]
    Io(#[from] std::io::Error),
}

/// The OSC 52 sequence that puts `text` into the clipboard, once cleaned of
/// control characters (line breaks become spaces: see
/// [`crate::text::sanitize`]).
pub fn osc52(text: &str) -> Result<String, CopyError> {
    let clean = crate::text::sanitize(text);
    if clean.is_empty() {
        return Err(CopyError::Empty);
    }
    let encoded_len = clean.len().div_ceil(3) * 4;
    if encoded_len > MAX_ENCODED_LEN {
        return Err(CopyError::TooLong {
            encoded: encoded_len,
            max: MAX_ENCODED_LEN,
        });
    }
    Ok(format!("\u{1b}]52;c;{}\u{7}", base64(clean.as_bytes())))
}

/// Writes the sequence for `text` to `out` (the terminal, between frames)
/// and flushes it.
pub(crate) fn copy_to(out: &mut impl Write, text: &str) -> Result<(), CopyError> {
    let sequence = osc52(text)?;
    out.write_all(sequence.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Standard base64 (RFC 4648, with padding), by the crate the HTTP stack
/// already brings.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
    }

    #[test]
    fn an_ascii_text_gives_the_exact_sequence() {
        let sequence = osc52("10000000009188").expect("copy");
        assert_eq!(sequence.as_bytes(), b"\x1b]52;c;MTAwMDAwMDAwMDkxODg=\x07");
    }

    #[test]
    fn a_cyrillic_text_is_encoded_as_utf8() {
        // "Москва" is 12 bytes of UTF-8: d09c d0be d181 d0ba d0b2 d0b0.
        let sequence = osc52("Москва").expect("copy");
        assert_eq!(sequence.as_bytes(), b"\x1b]52;c;0JzQvtGB0LrQstCw\x07");
    }

    #[test]
    fn control_characters_and_escapes_are_removed_first() {
        let dirty = "Тверская\u{1b}]52;c;ZXZpbA==\u{7}\nд. 7\u{7}\u{1b}[31m";
        let clean = osc52(dirty).expect("copy");
        assert_eq!(clean, osc52("Тверская д. 7").expect("copy"));
        assert_eq!(clean.matches('\u{1b}').count(), 1);
        assert_eq!(clean.matches('\u{7}').count(), 1);
    }

    #[test]
    fn nothing_to_copy_is_an_error() {
        assert!(matches!(osc52(""), Err(CopyError::Empty)));
        assert!(matches!(osc52("\u{1b}[2J\u{7}"), Err(CopyError::Empty)));
    }

    #[test]
    fn the_size_cap_is_enforced_at_the_limit() {
        // 56 250 bytes encode to exactly 75 000.
        let at_limit = "a".repeat(MAX_ENCODED_LEN / 4 * 3);
        let sequence = osc52(&at_limit).expect("at the limit");
        assert_eq!(sequence.len(), "\u{1b}]52;c;\u{7}".len() + MAX_ENCODED_LEN);
        let over = "a".repeat(MAX_ENCODED_LEN / 4 * 3 + 1);
        match osc52(&over) {
            Err(CopyError::TooLong { encoded, max }) => {
                assert_eq!(encoded, MAX_ENCODED_LEN + 4);
                assert_eq!(max, MAX_ENCODED_LEN);
            }
            other => panic!("expected TooLong, got {other:?}"),
        }
        // Cyrillic counts in bytes, not characters: two bytes each.
        let cyrillic = "я".repeat(MAX_ENCODED_LEN / 4 * 3 / 2 + 1);
        assert!(matches!(osc52(&cyrillic), Err(CopyError::TooLong { .. })));
    }

    #[test]
    fn copy_to_writes_the_sequence_and_nothing_on_error() {
        let mut out = Vec::new();
        copy_to(&mut out, "Москва").expect("copy");
        assert_eq!(out, b"\x1b]52;c;0JzQvtGB0LrQstCw\x07");
        let mut untouched = Vec::new();
        let err = copy_to(&mut untouched, &"a".repeat(60_000)).expect_err("too long");
        assert!(matches!(err, CopyError::TooLong { .. }));
        assert!(untouched.is_empty());
    }

    #[test]
    fn a_failing_terminal_is_reported() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "gone"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        assert!(matches!(copy_to(&mut Broken, "x"), Err(CopyError::Io(_))));
    }
}
