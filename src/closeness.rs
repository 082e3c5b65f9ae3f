//! Whether a name holds a query closely, or only has its letters scattered.
//!
//! The pickers' fuzzy matching finds «Проспект Вернадского» for `твер`
//! (т…в…е…р spread over the name). Such a hit is worth showing, but apart
//! and below the names that really contain what was typed: the operator's
//! habitual Enter must not pick it. A name is *close* to a query when every
//! word of the query occurs in it as it is (`твер` in «Малая Тверская»,
//! `1 твер` in «1-я Тверская-Ямская»); both are folded ([`crate::fuzzy::fold`]).

use crate::fuzzy::fold;

/// Whether every word of `query` occurs, unbroken, in `name` (case and
/// `ё`/`е` folded). A blank query is close to every name.
pub fn is_close(name: &str, query: &str) -> bool {
    is_close_folded(&fold(name), &fold(query))
}

/// [`is_close`] for a name and query folded already (a picker folds its
/// names once, and the query once per keystroke).
pub fn is_close_folded(name: &str, query: &str) -> bool {
    query.split_whitespace().all(|word| name.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substrings_and_word_prefixes_are_close() {
        assert!(is_close("Тверская", "твер"));
        assert!(is_close("Малая Тверская", "ТВЕР"));
        assert!(is_close("1-я Тверская-Ямская", "1 твер"));
        assert!(is_close("Ёлкинская", "елк"));
        assert!(is_close("Тверская", "  "));
    }

    #[test]
    fn scattered_letters_are_not() {
        assert!(!is_close("Проспект Вернадского", "твер"));
        assert!(!is_close("Одиннадцати Героев Саперов", "твер"));
        assert!(!is_close("Выборгская набережная", "барная"));
        assert!(!is_close("Малая Тверская", "мал арб"));
    }
}
