//! Ids as the API writes them (strings of digits) and as the sandbox's
//! database keeps them (integers).

/// An id of the API (a string of digits) as the database's integer; `None`
/// for anything else, which no row can have.
pub(crate) fn parse_id(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() || s.len() > 18 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// An optional id column as the API's string ("" for none).
pub(crate) fn id_string(id: Option<i64>) -> String {
    id.map(|i| i.to_string()).unwrap_or_default()
}
