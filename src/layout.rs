//! Text typed in the wrong keyboard layout: the Russian ЙЦУКЕН and the US
//! QWERTY layouts, key for key.
//!
//! Operators switch layouts all day and often type a name with the wrong one
//! active: `ndth` for «твер», `vjcrdf` for «москва», `ьщслм` for `mockv`.
//! [`to_russian`] reads text as typed on the QWERTY layout and gives what the
//! same keys give on ЙЦУКЕН; [`to_latin`] goes the other way;
//! [`alternatives`] says what a search query would have been in the other
//! layout, when that question makes sense.
//!
//! Every key that gives different characters in the two layouts is here,
//! shifted forms included (`` ` ``/`ё`, `[`/`х`, `;`/`ж`, `,`/`б`, `/`/`.`,
//! `@`/`"`, `#`/`№`, …). Characters on keys that give the same character
//! in both layouts (digits, space, `-`, `=`, …) and characters that are on
//! neither layout are kept as they are.

/// The keys whose characters differ, as (QWERTY, ЙЦУКЕН): unshifted, then
/// shifted, row by row. Each character appears at most once per column, so
/// the two conversions are inverse to each other on text of one layout.
const KEYS: &[(char, char)] = &[
    // Number row.
    ('`', 'ё'),
    ('~', 'Ё'),
    ('@', '"'),
    ('#', '№'),
    ('$', ';'),
    ('^', ':'),
    ('&', '?'),
    // Top letter row.
    ('q', 'й'),
    ('w', 'ц'),
    ('e', 'у'),
    ('r', 'к'),
    ('t', 'е'),
    ('y', 'н'),
    ('u', 'г'),
    ('i', 'ш'),
    ('o', 'щ'),
    ('p', 'з'),
    ('[', 'х'),
    (']', 'ъ'),
    ('Q', 'Й'),
    ('W', 'Ц'),
    ('E', 'У'),
    ('R', 'К'),
    ('T', 'Е'),
    ('Y', 'Н'),
    ('U', 'Г'),
    ('I', 'Ш'),
    ('O', 'Щ'),
    ('P', 'З'),
    ('{', 'Х'),
    ('}', 'Ъ'),
    ('|', '/'),
    // Home row.
    ('a', 'ф'),
    ('s', 'ы'),
    ('d', 'в'),
    ('f', 'а'),
    ('g', 'п'),
    ('h', 'р'),
    ('j', 'о'),
    ('k', 'л'),
    ('l', 'д'),
    (';', 'ж'),
    ('\'', 'э'),
    ('A', 'Ф'),
    ('S', 'Ы'),
    ('D', 'В'),
    ('F', 'А'),
    ('G', 'П'),
    ('H', 'Р'),
    ('J', 'О'),
    ('K', 'Л'),
    ('L', 'Д'),
    (':', 'Ж'),
    ('"', 'Э'),
    // Bottom row.
    ('z', 'я'),
    ('x', 'ч'),
    ('c', 'с'),
    ('v', 'м'),
    ('b', 'и'),
    ('n', 'т'),
    ('m', 'ь'),
    (',', 'б'),
    ('.', 'ю'),
    ('/', '.'),
    ('Z', 'Я'),
    ('X', 'Ч'),
    ('C', 'С'),
    ('V', 'М'),
    ('B', 'И'),
    ('N', 'Т'),
    ('M', 'Ь'),
    ('<', 'Б'),
    ('>', 'Ю'),
    ('?', ','),
];

/// What the same keys give on the Russian layout: `ndth` → `твер`.
/// Characters that are not on the QWERTY layout (Cyrillic included) are kept.
pub(crate) fn to_russian(text: &str) -> String {
    text.chars()
        .map(|c| {
            KEYS.iter()
                .find(|(latin, _)| *latin == c)
                .map_or(c, |(_, russian)| *russian)
        })
        .collect()
}

/// What the same keys give on the US layout: `ьщслм` → `mockv`.
/// Characters that are not on the ЙЦУКЕН layout (Latin letters included) are
/// kept.
pub(crate) fn to_latin(text: &str) -> String {
    text.chars()
        .map(|c| {
            KEYS.iter()
                .find(|(_, russian)| *russian == c)
                .map_or(c, |(latin, _)| *latin)
        })
        .collect()
}

/// The query as it would read in the other layout, for a search that also
/// tries it: a query whose letters are all Latin gives its Russian reading
/// (`vjcrdf` → `москва`), one whose letters are all Cyrillic its Latin
/// reading (`ьщслм` → `mockv`). Digits, spaces and punctuation do not count
/// (`1 ndth` → `1 твер`). A query with letters of both scripts was typed in
/// both layouts on purpose, or is beyond guessing, and one without letters
/// (`12`, `-`) reads the same either way: both give `None`.
pub(crate) fn alternatives(query: &str) -> Option<String> {
    let latin = query.chars().filter(char::is_ascii_alphabetic).count();
    let cyrillic = query.chars().filter(|c| is_cyrillic_letter(*c)).count();
    match (latin, cyrillic) {
        (0, 0) => None,
        (_, 0) => Some(to_russian(query)),
        (0, _) => Some(to_latin(query)),
        _ => None,
    }
}

/// The key of the US layout that carries a Russian letter on ЙЦУКЕН, so that
/// shortcuts answer in both layouts: `ф` → `a`, `Ф` → `A`, `ж` → `;`. Only
/// letters have one: `,` or `?` typed on ЙЦУКЕН are what they say.
pub(crate) fn latin_key(c: char) -> Option<char> {
    if !is_cyrillic_letter(c) {
        return None;
    }
    KEYS.iter()
        .find(|(_, russian)| *russian == c)
        .map(|(latin, _)| *latin)
}

fn is_cyrillic_letter(c: char) -> bool {
    ('\u{400}'..='\u{4ff}').contains(&c) && c.is_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issues_examples_convert_to_what_the_operator_meant() {
        assert_eq!(to_russian("ndth"), "твер");
        assert_eq!(to_russian("vjcrdf"), "москва");
        assert_eq!(to_russian("hf"), "ра");
        assert_eq!(to_russian("lvbnhbtd"), "дмитриев");
        assert_eq!(to_latin("ьщслм"), "mockv");
        assert_eq!(to_latin("ьщысщц"), "moscow");
    }

    #[test]
    fn the_whole_russian_alphabet_sits_on_its_keys() {
        // Spelled out key by key, in alphabetical order of the Russian letters.
        assert_eq!(
            to_russian("f,dult`;pbqrkvyjghcnea[wxio]sm'.z"),
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
        );
        assert_eq!(
            to_russian("F<DULT~:PBQRKVYJGHCNEA{WXIO}SM\">Z"),
            "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
        );
    }

    #[test]
    fn punctuation_follows_the_keys_in_both_directions() {
        assert_eq!(to_russian("ek/ ndthcrfz? 1"), "ул. тверская, 1");
        assert_eq!(to_latin("ул. Тверская, 1"), "ek/ Ndthcrfz? 1");
        assert_eq!(to_russian("@#$^&|"), "\"№;:?/");
        assert_eq!(to_latin("\"№;:?/"), "@#$^&|");
        assert_eq!(to_russian("[]{};':\",.<>`~"), "хъХЪжэЖЭбюБЮёЁ");
    }

    #[test]
    fn characters_without_a_counterpart_are_kept() {
        assert_eq!(to_russian("1-я ndthcrfz"), "1-я тверская");
        assert_eq!(to_latin("abc 12 -= é"), "abc 12 -= é");
        assert_eq!(to_russian(""), "");
        assert_eq!(to_latin("Ї ґ 🙂"), "Ї ґ 🙂");
    }

    #[test]
    fn conversions_are_inverse_on_text_of_one_layout() {
        let latin = "`1234567890-=qwertyuiop[]asdfghjkl;'zxcvbnm,./ \
                     ~!@#$%^&*()_+QWERTYUIOP{}|ASDFGHJKL:\"ZXCVBNM<>?";
        assert_eq!(to_latin(&to_russian(latin)), latin);
        let russian = "ё1234567890-=йцукенгшщзхъфывапролджэячсмитьбю. \
                       Ё!\"№;%:?*()_+ЙЦУКЕНГШЩЗХЪ/ФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,";
        assert_eq!(to_russian(&to_latin(russian)), russian);
        assert_eq!(to_latin(&to_russian("Lvbnhbtd")), "Lvbnhbtd");
    }

    #[test]
    fn every_key_appears_once_on_each_side() {
        for (i, (latin, russian)) in KEYS.iter().enumerate() {
            for (other_latin, other_russian) in &KEYS[i + 1..] {
                assert_ne!(latin, other_latin);
                assert_ne!(russian, other_russian);
            }
        }
    }

    #[test]
    fn a_query_in_one_script_has_an_alternative_in_the_other() {
        assert_eq!(alternatives("vjcrdf").as_deref(), Some("москва"));
        assert_eq!(alternatives("ndth").as_deref(), Some("твер"));
        assert_eq!(alternatives("1 ndth").as_deref(), Some("1 твер"));
        assert_eq!(alternatives("Lvbnhbtd").as_deref(), Some("Дмитриев"));
        assert_eq!(alternatives("ьщслм").as_deref(), Some("mockv"));
        assert_eq!(alternatives("москва").as_deref(), Some("vjcrdf"));
        // Keys that are letters only on the Russian side go along.
        assert_eq!(alternatives("ult;").as_deref(), Some("гдеж"));
    }

    #[test]
    fn a_russian_letter_names_the_latin_key_it_sits_on() {
        assert_eq!(latin_key('ф'), Some('a'));
        assert_eq!(latin_key('Ф'), Some('A'));
        assert_eq!(latin_key('ё'), Some('`'));
        assert_eq!(latin_key('ж'), Some(';'));
        assert_eq!(latin_key('Ж'), Some(':'));
        for not_a_russian_letter in ['a', ',', '.', '?', '1', 'ї'] {
            assert_eq!(latin_key(not_a_russian_letter), None);
        }
    }

    #[test]
    fn a_mixed_or_letterless_query_has_none() {
        assert_eq!(alternatives("ndthская"), None);
        assert_eq!(alternatives("Tverskaya Тверская"), None);
        assert_eq!(alternatives("12"), None);
        assert_eq!(alternatives("+7 (495) 123-45-67"), None);
        assert_eq!(alternatives(""), None);
        assert_eq!(alternatives("  "), None);
        assert_eq!(alternatives(",."), None);
    }
}
