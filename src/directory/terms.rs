//! The folded words a client is found by.

use super::DirEntry;
use crate::fuzzy::fold;

/// Where a term comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TermKind {
    Name = 1,
    Email = 2,
    Id = 3,
}

impl TermKind {
    pub(super) fn from_i64(n: i64) -> TermKind {
        match n {
            1 => TermKind::Name,
            2 => TermKind::Email,
            _ => TermKind::Id,
        }
    }
}

/// The folded words of a text ([`fold`], the pickers' rule: lower case, `ё`
/// as `е`): runs of letters and digits.
pub(super) fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every term of an entry: the words of its name, the words and the whole
/// address of each e-mail, and its id.
pub(super) fn of_entry(id: &str, entry: &DirEntry) -> Vec<(String, TermKind)> {
    let mut out = Vec::new();
    for part in [&entry.lastname, &entry.firstname, &entry.middlename] {
        out.extend(words(part).into_iter().map(|w| (w, TermKind::Name)));
    }
    for email in &entry.emails {
        out.extend(words(email).into_iter().map(|w| (w, TermKind::Email)));
        let whole = fold(email.trim());
        if !whole.is_empty() {
            out.push((whole, TermKind::Email));
        }
    }
    out.push((fold(id), TermKind::Id));
    out
}

/// The smallest string greater than every string starting with `prefix`.
pub(super) fn prefix_end(prefix: &str) -> String {
    format!("{prefix}{}", char::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded() {
        assert_eq!(words("Фёдоров-Щедрин  ПЁТР"), ["федоров", "щедрин", "петр"]);
        assert_eq!(words("a.dmitriev@mail.ru"), ["a", "dmitriev", "mail", "ru"]);
        assert!(words(" - ").is_empty());
        // The pickers' folding, one character for one: a query typed in a
        // picker and the same words in the lookup fold alike, even where
        // lower case would be two characters.
        assert_eq!(words("ЁЛКИН Ёжик"), [fold("ёлкин"), fold("ежик")]);
        assert_eq!(words("İzmir"), [fold("İzmir")]);
        assert!(prefix_end("иван").as_str() > "иванова");
        assert!(prefix_end("иван").as_str() < "ивао");
    }
}
