//! The TOML parser's message for a broken file, without anything that may
//! be the key.

/// The parser's message with its position, without the quoted source line
/// that toml's `Display` adds, and with anything that may be a key redacted.
pub(super) fn syntax_reason(error: &toml::de::Error, text: &str) -> String {
    let message = error
        .message()
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("invalid TOML");
    let mut reason = match error.span() {
        Some(span) => {
            let before = text.get(..span.start).unwrap_or(text);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message.to_owned(),
    };
    for secret in sid_candidates(text) {
        reason = reason.replace(&secret, "<hidden>");
    }
    reason
}

/// What may be a key in a file that did not parse: the values of lines whose
/// key ends in `sid`, whole and word by word.
fn sid_candidates(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
        if !key.ends_with("sid") {
            continue;
        }
        let value = value.trim();
        let unquoted = value.trim_matches(['"', '\'']).trim();
        // Parts of a value only when long enough not to be a word of the
        // parser's message ("expected", "escaped").
        let parts = unquoted
            .split(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '\\')
            .filter(|part| part.chars().count() >= 12);
        for candidate in [value, unquoted].into_iter().chain(parts) {
            if candidate.chars().count() >= 3 {
                out.push(candidate.to_owned());
            }
        }
    }
    // Longest first, so that a whole value is replaced before its parts.
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out
}
