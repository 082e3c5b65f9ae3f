//! Case and `ё` folding: one character out for one in.

/// Lower-cases `s` and folds `ё`/`Ё` to `е`: the normalisation applied to
/// both the names and the query.
///
/// Character by character, one character out for one in: a character whose
/// lower case is longer than one character (such as `İ`) is kept as it is,
/// so positions in the result are positions in `s`.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Orders `a` and `b` as their [`fold`]s, without making them. What the
/// two start with alike folds alike: only the rest is folded and compared.
pub fn fold_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let mut alike = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(alike) {
        alike -= 1;
    }
    // The same bytes before it: a boundary of both.
    let (a, b) = (a.get(alike..).unwrap_or(a), b.get(alike..).unwrap_or(b));
    a.chars().map(fold_char).cmp(b.chars().map(fold_char))
}

pub(super) fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'ё' | 'Ё' => 'е',
        // The common case, without the Unicode tables: Cyrillic capitals
        // А to Я lower-case to а to я, 32 code points on.
        'А'..='Я' => char::from_u32(u32::from(c) + 32).unwrap_or(c),
        'а'..='я' => c,
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}
