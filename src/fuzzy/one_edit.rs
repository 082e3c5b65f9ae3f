//! Whether two words are at most one edit apart: a misheard surname
//! (`безнагов` for `безногов`) still finds the client.

/// The fewest letters of a typed word looked up by similarity (shorter
/// words are one edit away from too many names).
pub const MIN_SIMILAR_LETTERS: usize = 4;

/// A typed word (letters only, [`MIN_SIMILAR_LETTERS`] or more) is a
/// misheard `known` word: one edit apart.
pub fn similar_word(typed: &str, known: &str) -> bool {
    typed.chars().count() >= MIN_SIMILAR_LETTERS
        && typed.chars().all(char::is_alphabetic)
        && within_one_edit(typed, known)
}

/// `a` and `b` are the same, or one edit apart (Damerau distance 1): one
/// letter replaced, added or dropped, or two neighbours swapped.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let head = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if head == short.len() {
        return true;
    }
    if short.len() < long.len() {
        // One letter added: the rest of the long word after it is the rest
        // of the short one.
        return short[head..] == long[head + 1..];
    }
    let replaced = short[head + 1..] == long[head + 1..];
    let swapped = head + 1 < short.len()
        && short[head] == long[head + 1]
        && short[head + 1] == long[head]
        && short[head + 2..] == long[head + 2..];
    replaced || swapped
}

#[cfg(test)]
mod tests {
    use super::{similar_word, within_one_edit};

    #[test]
    fn one_letter_replaced_added_dropped_or_swapped_is_one_edit() {
        assert!(within_one_edit("безнагов", "безногов"), "replaced");
        assert!(within_one_edit("безногов", "безноговв"), "added at the end");
        assert!(within_one_edit("бзногов", "безногов"), "dropped");
        assert!(
            within_one_edit("безногв", "безногов"),
            "dropped near the end"
        );
        assert!(within_one_edit("безонгов", "безногов"), "swapped");
        assert!(within_one_edit("ебзногов", "безногов"), "swapped first");
        assert!(within_one_edit("безногов", "безногов"), "the same");
        assert!(within_one_edit("петров", "петро"), "the last dropped");
    }

    #[test]
    fn two_edits_are_not_one() {
        assert!(!within_one_edit("безнагав", "безногов"), "two replaced");
        assert!(!within_one_edit("иванов", "петров"));
        assert!(!within_one_edit("безног", "безногов"), "two dropped");
        assert!(!within_one_edit("безгонов", "безногов"), "a swap two apart");
        assert!(!within_one_edit("абв", "вба"), "reversed");
    }

    #[test]
    fn short_words_and_digits_are_never_similar() {
        assert!(!similar_word("иво", "ива"), "three letters");
        assert!(!similar_word("ив", "ива"));
        assert!(similar_word("ивна", "ивно"), "four letters");
        assert!(!similar_word("1234", "1235"), "digits");
        assert!(!similar_word("иванов", "петров"));
    }
}
