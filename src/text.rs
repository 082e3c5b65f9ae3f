//! Making text from outside safe to draw.

/// Removes control characters (escape sequences, bells, carriage returns, …)
/// from text that came from the server or a paste, so that it can neither
/// move the cursor nor retitle or clear the operator's terminal. Line breaks
/// and tabs become single spaces.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\n' || c == '\t' || c == '\r' {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if !is_unsafe(c) {
            out.push(c);
        }
    }
    out
}

/// Whether `s` holds characters [`sanitize`] removes (line breaks and tabs,
/// which it turns into spaces, do not count).
pub fn has_unsafe(s: &str) -> bool {
    s.chars()
        .any(|c| is_unsafe(c) && !matches!(c, '\n' | '\t' | '\r'))
}

/// Like [`sanitize`], but keeps line breaks (for multi-line notes).
pub fn sanitize_multiline(s: &str) -> String {
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
        assert_eq!(sanitize("a\x1b]0;pwned\x07b"), "a]0;pwnedb");
        assert_eq!(sanitize("x\x1b[2Jy"), "x[2Jy");
        assert_eq!(sanitize("\u{9b}31m"), "31m");
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
