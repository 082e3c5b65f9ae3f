//! Property tests of the one-line parser: no line panics, no character is
//! lost.

use proptest::prelude::*;

use super::line::{Role, is_separator, parse};

/// Lines made of the parser's own material: words, labels, numbers and
/// separators, in any order (and any text at all, below).
fn address_like() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("ул".to_owned()),
        Just("пр-т".to_owned()),
        Just("д.".to_owned()),
        Just("кв".to_owned()),
        Just("к2".to_owned()),
        Just("10к2".to_owned()),
        Just("10-5".to_owned()),
        Just("1-я".to_owned()),
        Just("спб".to_owned()),
        Just("г.".to_owned()),
        Just("нижний".to_owned()),
        Just("ё".to_owned()),
        "[а-яА-ЯёЁ0-9a-z./#-]{0,6}",
    ];
    let sep = prop_oneof![Just(" "), Just(", "), Just("."), Just(";"), Just("")];
    prop::collection::vec((word, sep), 0..10).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(w, s)| format!("{w}{s}"))
            .collect::<String>()
    })
}

/// Every character lies in exactly one piece or is a separator between
/// pieces; pieces are in order, non-empty, and on character boundaries.
fn check(line: &str) -> Result<(), TestCaseError> {
    let parsed = parse(line);
    let mut covered = 0;
    for p in &parsed.pieces {
        prop_assert!(
            p.start >= covered,
            "pieces overlap or go back: {:?}",
            parsed.pieces
        );
        prop_assert!(p.start < p.end, "empty piece in {line:?}");
        let gap = line.get(covered..p.start);
        prop_assert!(gap.is_some(), "not on a boundary in {line:?}");
        let gap = gap.unwrap_or_default();
        prop_assert!(gap.chars().all(is_separator), "{gap:?} lost from {line:?}");
        prop_assert!(line.get(p.start..p.end).is_some());
        covered = p.end;
    }
    let tail = line.get(covered..).unwrap_or_default();
    prop_assert!(
        tail.chars().all(is_separator),
        "{tail:?} lost from {line:?}"
    );
    // The fields are made of the pieces as typed.
    let letters = |s: &str| s.chars().filter(|c| !is_separator(*c)).count();
    let placed: usize = parsed.pieces.iter().map(|p| letters(parsed.text(p))).sum();
    prop_assert_eq!(placed, letters(line));
    let left = parsed
        .pieces
        .iter()
        .filter(|p| p.role == Role::Leftover)
        .count();
    prop_assert_eq!(left > 0, parsed.leftover().is_some());
    Ok(())
}

proptest! {
    #[test]
    fn any_text_parses_without_losing_characters(line in any::<String>()) {
        check(&line)?;
    }

    #[test]
    fn address_like_lines_parse_without_losing_characters(line in address_like()) {
        check(&line)?;
    }
}
