//! The filter's ranking and its slices, against lists of names.

use super::fold::fold_char;
use super::index::BEST;
use super::*;

fn filter<'a>(list: &[&'a str], query: &str) -> Vec<&'a str> {
    let mut index = FuzzyIndex::new(list.iter().copied());
    index
        .filter(query)
        .into_iter()
        .map(|i| list[i as usize])
        .collect()
}

#[test]
fn fold_cmp_orders_as_the_folds() {
    let words = [
        "",
        "а",
        "А",
        "Ё",
        "е",
        "ж",
        "Еж",
        "ёж",
        "Ёжик",
        "ежик",
        "Тверская",
        "тверская-ямская",
        "Тверь",
        "İx",
        "ix",
        "Ix",
        "x",
        "é",
        "É",
        "Яя",
        "я",
    ];
    for a in words {
        for b in words {
            assert_eq!(fold_cmp(a, b), fold(a).cmp(&fold(b)), "{a:?} {b:?}");
        }
    }
}

#[test]
fn fold_lower_cases_and_folds_yo() {
    assert_eq!(fold("Ёлкинская ЁЖИК Mixed"), "елкинская ежик mixed");
    assert_eq!(fold("ёё"), "ее");
    // The Cyrillic fast path agrees with Unicode's lower case.
    for c in 'А'..='я' {
        assert_eq!(fold_char(c).to_string(), c.to_lowercase().to_string());
    }
    // One character out for one in, even where the lower case is longer.
    assert_eq!(fold("İx").chars().count(), 2);
}

#[test]
fn cyrillic_and_case() {
    let list = ["Арбат", "Тверская", "Пушкинская"];
    assert_eq!(filter(&list, "ТВЕР"), ["Тверская"]);
    assert_eq!(filter(&list, "тверская"), ["Тверская"]);
    assert_eq!(filter(&list, "ПуШк"), ["Пушкинская"]);
}

#[test]
fn yo_matches_ye_both_ways() {
    let list = ["Елкина", "Ёлкинская", "Арбат"];
    assert_eq!(filter(&list, "ёлкин"), ["Елкина", "Ёлкинская"]);
    assert_eq!(filter(&list, "елк"), ["Елкина", "Ёлкинская"]);
    assert_eq!(filter(&list, "ЁЛК"), ["Елкина", "Ёлкинская"]);
}

#[test]
fn multi_word_needs_every_word() {
    let list = [
        "Малая Тверская",
        "Тверская",
        "Малая Бронная",
        "Большая Тверская",
    ];
    assert_eq!(filter(&list, "мал тве"), ["Малая Тверская"]);
    assert_eq!(filter(&list, "  тве   мал "), ["Малая Тверская"]);
    assert_eq!(filter(&list, "бол тв"), ["Большая Тверская"]);
    assert!(filter(&list, "мал арб").is_empty());
}

#[test]
fn empty_and_blank_query_give_all_in_order() {
    let list = ["В", "Б", "А"];
    let mut index = FuzzyIndex::new(list);
    assert_eq!(index.filter(""), [0, 1, 2]);
    assert_eq!(index.filter("  \t "), [0, 1, 2]);
    assert_eq!(index.len(), 3);
    assert!(!index.is_empty());
    assert!(FuzzyIndex::new([]).is_empty());
}

#[test]
fn no_match_is_empty() {
    let list = ["Арбат", "Тверская"];
    assert!(filter(&list, "щщщ").is_empty());
    assert!(filter(&list, "тверская1").is_empty());
    assert!(FuzzyIndex::new([]).filter("а").is_empty());
}

#[test]
fn prefix_above_later_word_above_scattered() {
    let list = ["Товарищеский", "Малая Тверская", "Тверская"];
    assert_eq!(
        filter(&list, "тве"),
        ["Тверская", "Малая Тверская", "Товарищеский"]
    );
}

#[test]
fn exact_name_first() {
    let list = [
        "Тверская Застава",
        "Тверская-Ямская",
        "Малая Тверская",
        "Тверская",
    ];
    assert_eq!(filter(&list, "Тверская")[0], "Тверская");
    let list = ["Мира проспект", "Мира"];
    assert_eq!(filter(&list, "мира"), ["Мира", "Мира проспект"]);
    let list = ["Ёлкинская улица", "Ёлкинская"];
    assert_eq!(filter(&list, "елкинская")[0], "Ёлкинская");
}

#[test]
fn ties_keep_original_order() {
    let list = ["Тверская 2", "Тверская 1", "Тверская 3"];
    assert_eq!(filter(&list, "тверская"), list);
}

#[test]
fn positions_are_chars_of_the_original() {
    let mut index = FuzzyIndex::new(["Малая Тверская", "Ёлкинская", "İzmir Ёж"]);
    assert_eq!(index.positions(0, "тве"), [6, 7, 8]);
    assert_eq!(index.positions(0, "тве мал"), [0, 1, 2, 6, 7, 8]);
    assert_eq!(index.positions(1, "ЕЛК"), [0, 1, 2]);
    // After a character whose lower case is two characters long.
    assert_eq!(index.positions(2, "еж"), [6, 7]);
    assert!(index.positions(1, "арбат").is_empty());
    assert!(index.positions(1, "").is_empty());
    assert!(index.positions(9, "е").is_empty());
}

#[test]
fn positions_after_a_combining_mark() {
    // "е" with a combining diaeresis: two chars in the original.
    let mut index = FuzzyIndex::new(["Бере\u{308}зовая"]);
    assert_eq!(index.positions(0, "зов"), [5, 6, 7]);
}

#[test]
fn ascii_and_other_names_side_by_side_are_each_found_as_themselves() {
    // ASCII, Cyrillic, ASCII once folded (the Kelvin sign), empty.
    let list = ["Oak Lane", "Дубовая", "\u{212A}iev", "", "oak лес"];
    let mut index = FuzzyIndex::new(list);
    assert_eq!(index.filter("oak"), [0, 4]);
    assert_eq!(index.filter("дуб"), [1]);
    assert_eq!(index.filter("kiev"), [2]);
    assert_eq!(index.filter("лес"), [4]);
    assert_eq!(index.positions(0, "lane"), [4, 5, 6, 7]);
    assert_eq!(index.positions(2, "ev"), [2, 3]);
    assert_eq!(index.positions(4, "ес"), [5, 6]);
    assert!(index.positions(3, "а").is_empty());
    let names = Names::new(list);
    assert!(names.holds_all(0, &Word::split("LANE oak")));
    assert!(names.holds_all(2, &Word::split("kiev")));
    assert!(!names.holds_all(1, &Word::split("дубы")));
    assert!(!names.holds_all(5, &Word::split("")));
}

/// The names of the sandbox's seed streets.
fn seed_streets() -> Vec<&'static str> {
    include_str!("../../assets/seed/streets.tsv")
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').nth(2))
        .collect()
}

#[test]
fn the_seed_streets_find_themselves() {
    let streets = seed_streets();
    assert!(streets.len() > 100);
    let mut index = FuzzyIndex::new(streets.iter().copied());
    assert_eq!(index.len(), streets.len());
    assert_eq!(index.filter("").len(), streets.len());
    for &probe in streets.iter().step_by(97) {
        let found = index.filter(probe);
        let first = found.first().map(|&i| fold(streets[i as usize]));
        assert_eq!(first, Some(fold(probe)), "query {probe:?}");
    }
    let tve = index.filter("тве");
    assert!(!tve.is_empty());
    for &i in &tve {
        assert!(!index.positions(i, "тве").is_empty());
    }
}

/// Typing a query letter by letter, then deleting it, then typing other
/// words, gives at every step exactly what a fresh index gives.
#[test]
fn typing_and_deleting_ranks_as_a_fresh_index() {
    let streets = seed_streets();
    let mut typing = FuzzyIndex::new(streets.iter().copied());
    let mut steps: Vec<String> = Vec::new();
    for full in ["Тверская", "мал тве", "ул ле", "ёлк", "а  б"] {
        let chars: Vec<char> = full.chars().collect();
        for n in (1..=chars.len()).chain((0..chars.len()).rev()) {
            steps.push(chars[..n].iter().collect());
        }
    }
    steps.extend(["пуш".to_owned(), "пушк".to_owned(), "пук".to_owned()]);
    for query in &steps {
        let want = FuzzyIndex::new(streets.iter().copied()).filter(query);
        assert_eq!(typing.filter(query), want, "query {query:?}");
    }
}

/// A one-letter query answered from the table ranked in advance gives
/// what scoring the whole list gives, and typing on from it narrows as
/// before.
#[test]
fn letters_ranked_in_advance_rank_as_scoring() {
    let mut streets: Vec<&str> = include_str!("../../assets/seed/streets.tsv")
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').nth(2))
        .collect();
    streets.extend(["е", "Ё", "x", "1-я Линия"]);
    let names = Names::with_letters(streets.iter().copied());
    let mut letters: Vec<char> = streets
        .iter()
        .flat_map(|s| fold(s).chars().collect::<Vec<_>>())
        .collect();
    letters.sort_unstable();
    letters.dedup();
    letters.extend(['щ', 'Q', '%']);
    for c in letters {
        let query = c.to_string();
        let want = FuzzyIndex::new(streets.iter().copied()).filter(&query);
        let mut index = FuzzyIndex::over(&names);
        assert_eq!(index.filter(&query), want, "query {query:?}");
        let longer = format!("{c}а");
        let want = FuzzyIndex::new(streets.iter().copied()).filter(&longer);
        assert_eq!(index.filter(&longer), want, "query {longer:?}");
    }
}

/// Filters `query` in slices of `budget` names; the slices it took.
fn in_slices(index: &mut FuzzyIndex, query: &str, budget: usize) -> (Vec<u32>, usize) {
    index.start(query);
    let mut slices = 1;
    while !index.advance(budget) {
        slices += 1;
    }
    assert!(!index.is_running());
    (index.finished().expect("a finished ranking"), slices)
}

/// Typing, deleting, other words, the other layout's readings, with
/// and without the letters ranked in advance: slice by slice gives at
/// every step what a fresh index's `filter` gives.
#[test]
fn advancing_in_slices_ranks_as_filter() {
    let streets = seed_streets();
    let mut steps: Vec<String> = Vec::new();
    for full in ["Тверская", "мал тве", "ул ле", "ёлк", "а  б", "ndth", "1 я"]
    {
        let chars: Vec<char> = full.chars().collect();
        for n in (1..=chars.len()).chain((0..chars.len()).rev()) {
            let typed: String = chars[..n].iter().collect();
            if let Some(other) = crate::layout::alternatives(typed.trim()) {
                steps.push(other);
            }
            steps.push(typed);
        }
    }
    steps.extend(["пуш", "пушк", "пук", "с", "са", "сад"].map(str::to_owned));
    let with_letters = Names::with_letters(streets.iter().copied());
    for budget in [1, 97, 1_000] {
        for names in [Names::new(streets.iter().copied()), with_letters.clone()] {
            let mut sliced = FuzzyIndex::over(&names);
            let mut many = false;
            for query in &steps {
                let want = FuzzyIndex::new(streets.iter().copied()).filter(query);
                let (got, slices) = in_slices(&mut sliced, query, budget);
                assert_eq!(got, want, "query {query:?} in slices of {budget}");
                many |= slices > 2;
            }
            assert!(many, "no query took several slices of {budget}");
        }
    }
}

/// While a job is under way, the rows shown are the close matches scored
/// so far, then the others scored so far, each in the final ranking's
/// order; once every candidate has been checked, the close ones are those
/// of the final ranking, and stay so until it is finished.
#[test]
fn the_best_so_far_are_the_close_names_first_then_the_others_scored() {
    let streets = seed_streets();
    let names = Names::new(streets.iter().copied());
    // Whether `rows` appear in `list` in the same order.
    let in_order = |rows: &[u32], list: &[u32]| {
        let mut rest = list.iter();
        rows.iter().all(|r| rest.any(|x| x == r))
    };
    for query in ["а", "ул", "тве", "мал тве", "вс"] {
        let want = FuzzyIndex::new(streets.iter().copied()).filter(query);
        let words = Word::split(query);
        let (want_close, want_far): (Vec<u32>, Vec<u32>) =
            want.iter().partition(|&&i| names.holds_all(i, &words));
        let top_close: Vec<u32> = want_close.iter().copied().take(BEST).collect();
        let mut index = FuzzyIndex::over(&names);
        index.start(query);
        let (mut steps, mut exact_from) = (0, None);
        while !index.advance(50) {
            steps += 1;
            let (close, far): (Vec<u32>, Vec<u32>) = index
                .best_so_far()
                .into_iter()
                .partition(|&i| names.holds_all(i, &words));
            assert!(
                in_order(&close, &want_close),
                "{query:?} close, step {steps}"
            );
            assert!(in_order(&far, &want_far), "{query:?} others, step {steps}");
            match exact_from {
                Some(at) => assert_eq!(close, top_close, "{query:?} from step {at} on"),
                None if close == top_close => exact_from = Some(steps),
                None => {}
            }
            assert!(index.finished().is_none());
            assert!(index.finished_parts().is_none());
        }
        assert_eq!(index.finished(), Some(want.clone()), "{query:?}");
        assert_eq!(
            index.finished_parts(),
            Some((want_close, want_far.clone())),
            "{query:?}"
        );
        if want_far.len() > 100 {
            assert!(
                exact_from.is_some(),
                "{query:?}: close names exact before the end"
            );
        }
    }
    // A query answered without a job has no parts.
    let mut index = FuzzyIndex::over(&Names::with_letters(streets.iter().copied()));
    index.start("а");
    assert!(index.finished_parts().is_none());
    assert_eq!(
        index.filter("ал").len(),
        FuzzyIndex::new(streets.iter().copied()).filter("ал").len()
    );
    assert!(index.finished_parts().is_some());
    index.start("а");
    assert!(index.finished_parts().is_none());
}

/// A query typed over an unfinished one abandons it: the new one
/// narrows from the last finished query it extends, never from the
/// abandoned one, and Backspace finds only finished queries.
#[test]
fn an_unfinished_query_is_abandoned_and_never_remembered() {
    let streets = seed_streets();
    let fresh = |q: &str| FuzzyIndex::new(streets.iter().copied()).filter(q);
    let mut index = FuzzyIndex::new(streets.iter().copied());
    assert_eq!(index.filter("т"), fresh("т"));
    index.start("тв");
    assert!(!index.advance(10));
    index.start("тве");
    assert!(!index.advance(10));
    assert_eq!(in_slices(&mut index, "твер", 10).0, fresh("твер"));
    assert_eq!(in_slices(&mut index, "тве", 10).0, fresh("тве"));
    assert_eq!(in_slices(&mut index, "тв", 10).0, fresh("тв"));
    index.start("тве");
    assert!(!index.advance(10));
    index.start("");
    assert_eq!(index.finished(), Some(fresh("")));
    assert!(index.advance(10));
    // The one-letter table is looked up at once.
    let mut index = FuzzyIndex::over(&Names::with_letters(streets.iter().copied()));
    index.start("а");
    assert!(!index.is_running());
    assert_eq!(index.finished(), Some(fresh("а")));
}

#[test]
fn holds_all_is_closeness() {
    let list = [
        "Малая Тверская",
        "Проспект Вернадского",
        "1-я Тверская-Ямская",
        "Ёлкинская",
        "Arbat",
    ];
    let names = Names::new(list);
    for query in [
        "твер",
        "ТВЕР",
        "1 твер",
        "елк",
        "  ",
        "мал арб",
        "arb",
        "ar t",
    ] {
        let words = Word::split(query);
        for (i, name) in list.iter().enumerate() {
            assert_eq!(
                names.holds_all(i as u32, &words),
                is_close(name, query),
                "{name:?} {query:?}"
            );
        }
    }
}

/// The rule [`Names::holds_all`] implements, written plainly: every word of
/// the query occurs, unbroken, in the name, both folded.
fn is_close(name: &str, query: &str) -> bool {
    let name = fold(name);
    fold(query)
        .split_whitespace()
        .all(|word| name.contains(word))
}

#[test]
fn substrings_and_word_prefixes_are_close_scattered_letters_are_not() {
    assert!(is_close("Тверская", "твер"));
    assert!(is_close("Малая Тверская", "ТВЕР"));
    assert!(is_close("1-я Тверская-Ямская", "1 твер"));
    assert!(is_close("Ёлкинская", "елк"));
    assert!(is_close("Тверская", "  "));
    assert!(!is_close("Проспект Вернадского", "твер"));
    assert!(!is_close("Одиннадцати Героев Саперов", "твер"));
    assert!(!is_close("Выборгская набережная", "барная"));
    assert!(!is_close("Малая Тверская", "мал арб"));
}
