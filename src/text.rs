//! Making text from outside safe to draw.

/// Removes control characters and whole ESC-introduced escape sequences (colours,
/// cursor moves, title changes, bells, …) from text that came from the
/// server or a paste, so that it can neither move the cursor nor retitle or
/// clear the operator's terminal, and leaves no `[31m` litter behind. Line
/// breaks and tabs become single spaces.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' | '\r' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '\u{1b}' => skip_escape(&mut chars),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After ESC: a CSI (`ESC [`), a string (`ESC ]`, `ESC P`, `ESC _`, `ESC ^`)
/// or a two-character sequence.
fn skip_escape(chars: &mut Chars) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | '_' | '^' | 'X') => {
            chars.next();
            skip_string(chars);
        }
        Some(c) if ('\u{20}'..='\u{7e}').contains(c) => {
            chars.next();
        }
        _ => {}
    }
}

/// Parameters and intermediates up to the final byte (`@` to `~`).
fn skip_csi(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        if ('\u{20}'..='\u{3f}').contains(&c) {
            chars.next();
        } else {
            if ('\u{40}'..='\u{7e}').contains(&c) {
                chars.next();
            }
            return;
        }
    }
}

/// An OSC or similar string, up to BEL or ST (`ESC \`); a line break ends it
/// too, so that a broken sequence cannot swallow the rest of a note.
fn skip_string(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                chars.next();
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            '\n' => return,
            _ => {
                chars.next();
            }
        }
    }
}

/// Whether `s` holds characters [`sanitize`] removes (line breaks and tabs,
/// which it turns into spaces, do not count).
pub(crate) fn has_unsafe(s: &str) -> bool {
    s.chars()
        .any(|c| is_unsafe(c) && !matches!(c, '\n' | '\t' | '\r'))
}

/// Like [`sanitize`], but keeps line breaks (for multi-line notes).
pub(crate) fn sanitize_multiline(s: &str) -> String {
    s.split('\n').map(sanitize).collect::<Vec<_>>().join("\n")
}

/// C0 and C1 control characters, DEL, and the bidi overrides that can make
/// text read differently from what it is.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first `max` characters of `s`, sanitized, with `…` when cut.
pub fn excerpt(s: &str, max: usize) -> String {
    let clean = sanitize(s.trim());
    if clean.chars().count() <= max {
        clean
    } else {
        let mut cut: String = clean.chars().take(max).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences() {
        assert_eq!(sanitize("a\x1b]0;pwned\x07b"), "ab");
        assert_eq!(sanitize("a\x1b]2;pwned\x1b\\b"), "ab");
        assert_eq!(sanitize("x\x1b[2Jy"), "xy");
        assert_eq!(sanitize("\x1b[31mred\x1b[0m"), "red");
        // A lone C1 control goes; what follows is kept as text.
        assert_eq!(sanitize("\u{9b}31mz"), "31mz");
        assert_eq!(sanitize("a\x1bcb"), "ab");
        assert_eq!(sanitize("a\x07b\x7fc"), "abc");
        // A broken title sequence stops at the line's end.
        assert_eq!(sanitize_multiline("\x1b]0;open\nnext"), "\nnext");
        assert_eq!(sanitize("end\x1b"), "end");
    }

    #[test]
    fn folds_line_breaks() {
        assert_eq!(sanitize("one\r\ntwo\tthree"), "one two three");
        assert_eq!(sanitize_multiline("a\x1b\nb"), "a\nb");
    }

    #[test]
    fn keeps_cyrillic() {
        assert_eq!(sanitize("лояльный клиент ё"), "лояльный клиент ё");
    }

    #[test]
    fn excerpt_cuts() {
        assert_eq!(excerpt("abcdef", 3), "abc…");
        assert_eq!(excerpt(" ab ", 3), "ab");
    }
}
